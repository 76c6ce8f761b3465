#!/usr/bin/env bash
# Tessera's clusterers and UMAP vs their peers on synthetic 4-phase maps (make_cluster_data.py), one run:
#   k-means, mini-batch k-means (also 10^6 x 10), Ward agglomerative (5000 x 10; and with 4-neighbour grid
#   connectivity on 128 x 128), full-covariance Gaussian mixture, DBSCAN  vs  scikit-learn 1.2.1;
#   HDBSCAN (minPts 25, R's leaving levels)  vs  R dbscan 1.1-11 hdbscan();  UMAP  vs  umap-learn 0.5.3 (warm).
# Each side: the algorithm call only is timed (data in memory, no JVM/interpreter start, no file reading), after one
# warm-up call on the first 2048 rows; best of 3. umap-learn is warmed up by a full first call that compiles its numba
# kernels (reported as its cold time). Default threads on both sides (sklearn DBSCAN with n_jobs=-1).
# Prints: algorithm, n x d, Tessera s, peer s, ratio (Tessera / peer), and the agreement of the results
# (ARI of the two label vectors; for UMAP the trustworthiness, k = 15, of each embedding), plus ARI against the truth.
# Needs: /usr/bin/python3 with scikit-learn and umap-learn (Debian python3-sklearn, python3-umap-learn), Rscript with
# the dbscan package, a JDK >= 25, and the bundles built
# (./mvnw -B -o -q install -DskipTests -pl bundles/tessera.cluster -am). TESSERA_BENCH_JAVA_OPTS adds JVM options.
# Timings on a shared machine are noisy: the load average is printed before each side.
# Not part of the test suite. About 10-15 minutes on 2 cores. Usage: benchmarks/cluster_vs_peers.sh [WORKDIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="${1:-${TMPDIR:-/tmp}/tessera-cluster-bench}"
mkdir -p "$work/classes"
JAVA_HOME="${JAVA_HOME:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -1)}"
cp=""
for j in "$root"/bundles/tessera.core/target/tessera.core-*.jar "$root"/bundles/tessera.cluster/target/tessera.cluster-*.jar; do
  [ -f "$j" ] || { echo "missing $j (build the bundles first)" >&2; exit 1; }
  cp="$cp:$j"
done
cp="${cp#:}"
/usr/bin/python3 -c 'import sklearn, umap' 2>/dev/null || { echo "needs /usr/bin/python3 with scikit-learn and umap-learn" >&2; exit 1; }
Rscript -e 'suppressMessages(library(dbscan))' 2>/dev/null || { echo "needs Rscript with the dbscan package" >&2; exit 1; }
[ -f "$work/big.npy" ] || /usr/bin/python3 "$here/make_cluster_data.py" "$work"
"$JAVA_HOME/bin/javac" -d "$work/classes" -cp "$cp" "$here/src/ClusterBench.java"
echo "== scikit-learn / umap-learn  (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
/usr/bin/python3 "$here/cluster_peers.py" "$work"
echo "== R dbscan  (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
Rscript "$here/cluster_peers_hdbscan.R" "$work"
echo "== Tessera  (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" -Xmx8g ${TESSERA_BENCH_JAVA_OPTS:-} -cp "$work/classes:$cp" ClusterBench "$work"
echo "== Tessera / peer  (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
/usr/bin/python3 "$here/cluster_table.py" "$work"
