#!/usr/bin/env bash
# Scaling of the analyze kernels with the number of pixels (issue 17, item 5): full PCA, NMF rank 3 and k-means k = 4
# (10 runs) on the first 3 PCA scores, Tessera (src/ScalingBench.java on the built bundle jars, plain JVM) vs
# HyperSpy 1.7.3 / scikit-learn 1.2.1 (scaling_peer.py), at 32^2, 64^2, 128^2 and 256^2 pixels x 2048 channels of
# the phantom of make_data.py (--size N: same recipe, same particle density; float32, ~3000 counts per spectrum).
# Only the kernel calls are timed (data in memory; no start-up, no reading), Tessera's after a warm-up on a slice.
# Per size: the peer, then Tessera, each timing every kernel BENCH_REPEAT times (default 1) in one process; the load
# average is printed before each side. Writes WORKDIR/scaling.csv (pixels,channels,side,algorithm,run,seconds) and
# benchmarks/scaling.png (log-log time vs pixels, medians; BENCH_PLOT overrides the PNG path), and prints the table
# with the ratios HyperSpy / Tessera (above 1: Tessera faster). BENCH_SIZES overrides the sizes (e.g. "32 64" to try it).
# Tessera uses OpenBLAS via FFM when it loads (the "kernels:" line says which); TESSERA_BENCH_JAVA_OPTS adds JVM options
# (-Dtessera.math.native=false for the Java kernels). 256^2 x 2048 float32 is 512 MB per copy: give it ~6 GB free.
# Needs: the bundles built (./mvnw -B -o -q package -DskipTests), a JDK >= 25, /usr/bin/python3 with hyperspy,
# scikit-learn, matplotlib. Not part of the test suite.
# Usage: benchmarks/scaling.sh [WORKDIR]          (env: BENCH_REPEAT, BENCH_SIZES, BENCH_PLOT, TESSERA_BENCH_JAVA_OPTS)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
case "${1:-}" in -h|--help) sed -n '2,/^# Usage/p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
work="${1:-${TMPDIR:-/tmp}/tessera-bench}"
repeat="${BENCH_REPEAT:-1}"
sizes="${BENCH_SIZES:-32 64 128 256}"
plot="${BENCH_PLOT:-$here/scaling.png}"
py=/usr/bin/python3
mkdir -p "$work/classes"
[[ "$repeat" =~ ^[1-9][0-9]*$ ]] || { echo "BENCH_REPEAT must be a positive integer" >&2; exit 1; }
JAVA_HOME="${JAVA_HOME:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -1)}"
[ -x "$JAVA_HOME/bin/javac" ] || { echo "needs a JDK >= 25 (JAVA_HOME=$JAVA_HOME)" >&2; exit 1; }
$py -c 'import hyperspy, sklearn, matplotlib' 2>/dev/null \
  || { echo "needs $py with hyperspy, scikit-learn, matplotlib (apt-get install python3-hyperspy python3-sklearn python3-matplotlib)" >&2; exit 1; }
source "$here/classpath.sh"
cp="$(bench_classpath "$root" tessera.core tessera.math tessera.decompose tessera.cluster)"
"$JAVA_HOME/bin/javac" -d "$work/classes" -cp "$cp" "$here/src/TesseraBench.java" "$here/src/ScalingBench.java"

csv="$work/scaling.csv"
echo "pixels,channels,side,algorithm,run,seconds" > "$csv"
echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores; sizes $sizes; $repeat timing(s) per kernel"
for n in $sizes; do
  f="$work/scaling-$n.hspy"
  [ -f "$f" ] || $py "$here/make_data.py" "$f" --size "$n" 2>/dev/null
  echo "== ${n}^2 x 2048: HyperSpy  (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  $py "$here/scaling_peer.py" "$f" "$repeat" 2>/dev/null | tee -a "$csv"
  echo "== ${n}^2 x 2048: Tessera   (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" -Xmx12g -Dslf4j.internal.verbosity=ERROR --enable-native-access=ALL-UNNAMED ${TESSERA_BENCH_JAVA_OPTS:-} \
    -cp "$work/classes:$cp" ScalingBench "$f" "$repeat" | tee -a "$csv"
done
$py "$here/scaling_plot.py" "$csv" "$plot"
