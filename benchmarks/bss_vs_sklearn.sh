#!/usr/bin/env bash
# Tessera's FastICA vs scikit-learn 1.2.1's FastICA(whiten=False) on the whitened first 10 PCA components (HyperSpy 1.7.3
# decomposition()) of the synthetic 128 x 128 x 2048 EDX phantom of make_data.py, one run:
#   factors   the derivative of the 10 factors, PCA-whitened (HyperSpy's blind_source_separation default), 2048 x 10
#   loadings  the 10 loadings, no derivative, PCA-whitened (on_loadings, diff_order=0), 16384 x 10
# both logcosh, parallel, tol 1e-4, at most 200 iterations, from the same initial matrix on both sides (so both run
# the same iterations; the printed max |dw| is the largest difference of the two unmixing matrices), and
#   bss-factors  the whole blind_source_separation(10) (derivative, whitening, FastICA with HyperSpy's tol 1e-10,
#                sorting, unmixing of 2048 x 10 factors and 16384 x 10 loadings, sign fix): Tessera's
#                FastIcaSeparator.separate vs HyperSpy's, on the same PCA.
# Each side times the call only (data in memory, no JVM/interpreter start, no file reading), after warm-up (Tessera 20
# calls, for the JIT; scikit-learn 1), then best of 3.
# Prints: case, m x 10, iterations, Tessera s, sklearn s, ratio (Tessera / sklearn), max |dw|.
# Needs: /usr/bin/python3 with hyperspy 1.7.3 + scikit-learn, a JDK >= 25, and the bundles built
# (./mvnw -B -o -q package -DskipTests -pl bundles/tessera.decompose -am). TESSERA_BENCH_JAVA_OPTS adds JVM options.
# Timings on a shared machine are noisy: the load average is printed before each side.
# Not part of the test suite. Usage: benchmarks/bss_vs_sklearn.sh [WORKDIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="${1:-${TMPDIR:-/tmp}/tessera-bss-bench}"
mkdir -p "$work/classes"
JAVA_HOME="${JAVA_HOME:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -1)}"
source "$here/classpath.sh"
cp="$(bench_classpath "$root" tessera.core tessera.math tessera.decompose)"
/usr/bin/python3 -c 'import hyperspy, sklearn' 2>/dev/null || { echo "needs /usr/bin/python3 with hyperspy and scikit-learn" >&2; exit 1; }
[ -f "$work/bench.hspy" ] || /usr/bin/python3 "$here/make_data.py" "$work/bench.hspy"
"$JAVA_HOME/bin/javac" -d "$work/classes" -cp "$cp" "$here/src/BssBench.java"
echo "== HyperSpy $(/usr/bin/python3 -c 'import hyperspy; print(hyperspy.__version__)') + scikit-learn $(/usr/bin/python3 -c 'import sklearn; print(sklearn.__version__)')  (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
/usr/bin/python3 "$here/bss_peer_bench.py" "$work/bench.hspy" "$work" 2>/dev/null | grep -v 'Completed'
echo "== Tessera  (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" -Xmx4g --enable-native-access=ALL-UNNAMED ${TESSERA_BENCH_JAVA_OPTS:-} -cp "$work/classes:$cp" BssBench "$work"
echo "== Tessera / sklearn  (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
/usr/bin/python3 - "$work" <<'PY'
import sys
w = sys.argv[1]
peer = {l.split()[0]: l.split() for l in open(w + "/sklearn.txt") if l.strip()}
print("%-12s %-10s %-11s %10s %10s %7s %9s" % ("case", "m x N", "iterations", "Tessera s", "sklearn s", "ratio", "max|dw|"))
for l in open(w + "/tessera.txt"):
    name, m, it, t, dw = l.split()
    pm = peer[name]
    print("%-12s %-10s %-11s %10.4f %10.4f %7.2f %9s" % (name, m + " x 10", it + "/" + pm[2], float(t), float(pm[3]), float(t) / float(pm[3]), dw))
PY
