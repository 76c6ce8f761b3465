#!/usr/bin/env bash
# SmoothNMF (physics-guided, espm's KL multiplicative updates with the EDX forward model) vs Tessera's plain NMF
# (Frobenius HALS) on the same cube and rank: median wall time to convergence (each method's default tol),
# iterations to converge, and time per iteration from runs of a fixed number of iterations (tol 0). espm's own
# timing is not published for these data; this is the issue's "against our own plain NMF" measurement.
# Cube: ../shared/data/edx/core_shell.hspy (64 x 64 x 992, real), rank 3, elements Fe,Pt,O,Si,C.
# Needs a JDK >= 25 and the bundles built (./mvnw -B -o -q install -DskipTests). Not part of the test suite.
# Usage: benchmarks/smoothnmf_vs_nmf.sh [WORKDIR]; BENCH_REPEAT (default 3), BENCH_FIXED (default 100).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="${1:-${TMPDIR:-/tmp}/tessera-bench}"
repeat="${BENCH_REPEAT:-3}"
fixed="${BENCH_FIXED:-100}"
data="${BENCH_DATA:-$root/../shared/data/edx/core_shell.hspy}"
mkdir -p "$work/smoothnmf-classes"
JAVA_HOME="${JAVA_HOME:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -1)}"
source "$here/classpath.sh"
cp="$(bench_classpath "$root" tessera.core tessera.math tessera.elements tessera.io.hspy tessera.edx tessera.decompose)"
"$JAVA_HOME/bin/javac" -d "$work/smoothnmf-classes" -cp "$cp" "$here/src/SmoothNmfBench.java"
load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "== SmoothNMF vs NMF on $(basename "$data"), rank 3, $repeat runs (median), fixed runs of $fixed iterations  (load average: $(load))"
"$JAVA_HOME/bin/java" -Xmx4g -Dslf4j.internal.verbosity=ERROR -cp "$work/smoothnmf-classes:$cp" SmoothNmfBench "$repeat" "$fixed" "$data" 3 Fe,Pt,O,Si,C 2>/dev/null \
  | tee "$work/smoothnmf.txt"
echo "== ratio SmoothNMF / NMF (> 1: SmoothNMF slower)  (load average: $(load))"
paste <(grep '^smoothnmf' "$work/smoothnmf.txt") <(grep '^nmf' "$work/smoothnmf.txt") \
  | awk '{ printf "converged %.2fx  iterations %d vs %d  per-iteration %.2fx\n", $3/$12, $5, $14, $9/$18 }'
