#!/usr/bin/env bash
# Tessera vs HyperSpy 1.7.3 on one synthetic 128 x 128 x 2048 float32 EDX-like spectrum image:
# full PCA, NMF rank 3 (200 iterations at most) and k-means k = 4 on 10 PCA scores, timed in one run.
# Needs: /usr/bin/python3 with hyperspy 1.7.3 + scikit-learn (Debian: python3-hyperspy python3-sklearn), a JDK >= 25,
# and the bundles built (./mvnw -B -o -pl bundles/tessera.core,bundles/tessera.math,bundles/tessera.decompose,bundles/tessera.cluster -am verify).
# Tessera uses OpenBLAS (Debian's libopenblas0, which NumPy and so HyperSpy use too) when it loads, else its Java
# kernels; the first output line says which. TESSERA_BENCH_JAVA_OPTS adds JVM options, e.g. -Dtessera.math.native=false
# to time the Java kernels. Timings on a shared machine are noisy: the load average is printed before each side, and
# BENCH_REPEAT=N runs the pair N times (HyperSpy then Tessera, each ratio from adjacent measurements).
# Not part of the test suite. Usage: benchmarks/pca_vs_hyperspy.sh [WORKDIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="${1:-${TMPDIR:-/tmp}/tessera-bench}"
mkdir -p "$work/classes"
JAVA_HOME="${JAVA_HOME:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -1)}"
source "$here/classpath.sh"
cp="$(bench_classpath "$root" tessera.core tessera.math tessera.decompose tessera.cluster)"
/usr/bin/python3 -c 'import hyperspy, sklearn' 2>/dev/null || { echo "needs /usr/bin/python3 with hyperspy and scikit-learn (apt-get install python3-hyperspy python3-sklearn)" >&2; exit 1; }
[ -f "$work/bench.hspy" ] || /usr/bin/python3 "$here/make_data.py" "$work/bench.hspy"
"$JAVA_HOME/bin/javac" -d "$work/classes" -cp "$cp" "$here/src/TesseraBench.java"
repeat="${BENCH_REPEAT:-1}"
for r in $(seq 1 "$repeat"); do
  [ "$repeat" = 1 ] || echo "==== run $r of $repeat"
  echo "== HyperSpy $(/usr/bin/python3 -c 'import hyperspy; print(hyperspy.__version__)')  (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  /usr/bin/python3 "$here/hyperspy_bench.py" "$work/bench.hspy" "$work/hyperspy.json" 2>/dev/null | grep -v '^ \|Decomposition info\|scikit-learn\|^NMF'
  echo "== Tessera  (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" -Xmx12g -Dslf4j.internal.verbosity=ERROR --enable-native-access=ALL-UNNAMED ${TESSERA_BENCH_JAVA_OPTS:-} \
    -cp "$work/classes:$cp" TesseraBench "$work/bench.hspy" "$work/hyperspy.json"
done
