#!/usr/bin/env bash
# N-FINDR + FCLS (tessera.decompose.nfindr, 10 endmembers) on memory-mapped raw float32 cubes, one run:
#  1. the 128 x 128 x 2048 benchmark phantom of make_data.py (converted once to raw float32): time of N-FINDR + FCLS
#     and of FCLS alone; then FCLS against scipy.optimize.nnls on Heinz & Chang's augmented system, one call per
#     position (peers/fcls_scipy.py), same cube and endmembers: time ratio and largest abundance difference;
#  2. a synthetic 10^6-position x 2048-channel float32 cube (NfindrBench write, about 8.2 GB, written to WORKDIR; fewer
#     positions, said so, if WORKDIR has less than 20 GB free), run with -Xmx2g to show that the cube is not copied
#     onto the heap: time and peak heap.
# Needs: /usr/bin/python3 with hyperspy + scipy, a JDK >= 25, and the bundles built
# (./mvnw -B -o -q verify -pl tests/tessera.decompose.tests -am, or install -DskipTests). Tessera uses OpenBLAS when
# it loads (first output line). TESSERA_BENCH_JAVA_OPTS adds JVM options. KEEP_BIG=1 keeps the big cube for a rerun.
# Not part of the test suite. Usage: benchmarks/nfindr_fcls.sh [WORKDIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="${1:-${TMPDIR:-/tmp}/tessera-nfindr-bench}"
mkdir -p "$work/classes"
JAVA_HOME="${JAVA_HOME:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -1)}"
source "$here/classpath.sh"
cp="$(bench_classpath "$root" tessera.core tessera.math tessera.decompose)"
/usr/bin/python3 -c 'import hyperspy, scipy' 2>/dev/null || { echo "needs /usr/bin/python3 with hyperspy and scipy" >&2; exit 1; }
"$JAVA_HOME/bin/javac" -d "$work/classes" -cp "$cp" "$here/src/NfindrBench.java"
jrun() { # HEAP ARGS...
  local heap="$1"; shift
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" "-Xmx$heap" --enable-native-access=ALL-UNNAMED ${TESSERA_BENCH_JAVA_OPTS:-} -cp "$work/classes:$cp" NfindrBench "$@"
}

[ -f "$work/bench.hspy" ] || /usr/bin/python3 "$here/make_data.py" "$work/bench.hspy"
[ -f "$work/bench.f32" ] || /usr/bin/python3 -c "import sys, numpy as np, hyperspy.api as hs; hs.load(sys.argv[1]).data.astype('<f4').tofile(sys.argv[2])" \
  "$work/bench.hspy" "$work/bench.f32" 2>/dev/null
echo "== 128 x 128 x 2048 benchmark phantom, 10 endmembers  (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
jrun 4g run "$work/bench.f32" 128 128 2048 10 "$work/bench"
echo "== scipy peer on the same cube and endmembers  (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
/usr/bin/python3 "$here/peers/fcls_scipy.py" "$work/bench.f32" 16384 2048 10 "$work/bench"

free_gb=$(df -BG --output=avail "$work" | tail -1 | tr -dc '0-9')
ny=1000
if [ "$free_gb" -lt 20 ]; then
  ny=$(( free_gb * 40 ))
  [ "$ny" -ge 1 ] || { echo "only ${free_gb} GB free in $work: skipping the big cube" >&2; exit 0; }
  echo "only ${free_gb} GB free in $work: the big cube gets 1000 x $ny positions instead of 1000 x 1000"
fi
big="$work/big_${ny}.f32"
[ -f "$big" ] || jrun 2g write "$big" 1000 "$ny" 2048 10 1
echo "== 1000 x $ny x 2048 memory-mapped cube, -Xmx2g  (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
jrun 2g run "$big" 1000 "$ny" 2048 10 -
[ "${KEEP_BIG:-0}" = 1 ] || rm -f "$big"
