package tessera.cluster.internal;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;

import smile.clustering.CentroidClustering;
import smile.clustering.Clustering;
import smile.clustering.KMeans;
import smile.math.MathEx;
import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.Clusterer;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;

/**
 * k-means clustering with k-means++ seeding, on Smile 6.3's {@code smile.clustering.KMeans}
 * (Lloyd iterations accelerated with a BBD tree, Kanungo et al. 2002).
 *
 * <p>Determinism: run {@code i} (of {@code runs}) seeds Smile's random generator with
 * {@code seed + i} ({@link MathEx#setSeed(long)}) before the k-means++ seeding; the run with the
 * smallest distortion is kept (the first on ties). Runs are serialised through a lock, because
 * Smile's generator is per thread but the seeding runs on the calling thread.
 *
 * <p>Label order: clusters are renumbered by descending size (number of members); equal sizes
 * are ordered by the smallest sample index they contain. So label 0 is always the largest
 * cluster, and the labels do not depend on the order in which Smile found the centres.
 */
public final class KMeansClusterer implements Clusterer {
    /** Contribution id. */
    public static final String ID = "tessera.cluster.kmeans";
    private static final Object LOCK = new Object();

    private static final List<ParameterSpec> PARAMS = List.of(
            ParameterSpec.ofInt("k", 3, 1, 10_000, "number of clusters"),
            ParameterSpec.ofInt("maxIterations", 300, 1, 1_000_000, "maximum Lloyd iterations per run"),
            ParameterSpec.ofDouble("tol", 1e-4, 0.0, 1.0, "", "convergence tolerance on the relative change of the distortion"),
            ParameterSpec.ofLong("seed", 0L, "seed of the k-means++ seeding of the first run (run i uses seed + i)"),
            ParameterSpec.ofInt("runs", 10, 1, 1000, "number of seeded runs; the one with the smallest distortion is kept"));

    private static final List<LiteratureReference> REFS = List.of(
            new LiteratureReference("D. Arthur, S. Vassilvitskii, k-means++: the advantages of careful seeding, Proc. 18th ACM-SIAM SODA (2007) 1027-1035",
                    "10.5555/1283383.1283494"),
            new LiteratureReference("T. Kanungo et al., An efficient k-means clustering algorithm: analysis and implementation, IEEE TPAMI 24 (2002) 881-892",
                    "10.1109/TPAMI.2002.1017616"),
            new LiteratureReference("S. Lloyd, Least squares quantization in PCM, IEEE Trans. Inf. Theory 28 (1982) 129-137", "10.1109/TIT.1982.1056489"));

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public List<LiteratureReference> references() {
        return REFS;
    }

    /**
     * {@inheritDoc}
     *
     * @return labels in {@code [0, k)} numbered by descending cluster size, centres {@code [k][d]} and the
     *         distortion (sum of squared distances to the centres)
     * @throws IllegalArgumentException if there are fewer samples than clusters, rows of unequal length or a
     *                                  non-finite feature
     * @throws CancellationException    if cancelled between runs
     */
    @Override
    public ClusterResult cluster(double[][] features, Parameters params, ProgressMonitor monitor) {
        int k = params.getInt("k");
        int n = features.length;
        if (n < k) {
            throw new IllegalArgumentException("k-means needs at least k = " + k + " samples, got " + n);
        }
        int d = features[0].length;
        for (int i = 0; i < n; i++) {
            if (features[i].length != d) {
                throw new IllegalArgumentException("feature row " + i + " has " + features[i].length + " values, row 0 has " + d);
            }
            for (double v : features[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("feature row " + i + " has a non-finite value");
                }
            }
        }
        int runs = params.getInt("runs");
        long seed = params.getLong("seed");
        Clustering.Options opts = new Clustering.Options(k, params.getInt("maxIterations"), params.getDouble("tol"), null);
        monitor.begin("k-means (k = " + k + ")", runs);
        try {
            CentroidClustering<double[], double[]> best = null;
            for (int r = 0; r < runs; r++) {
                if (monitor.isCanceled()) {
                    throw new CancellationException("cancelled");
                }
                CentroidClustering<double[], double[]> c;
                synchronized (LOCK) {
                    MathEx.setSeed(seed + r);
                    c = KMeans.fit(features, opts);
                }
                if (best == null || c.distortion() < best.distortion()) {
                    best = c;
                }
                monitor.worked(1);
            }
            // Smile reports the mean squared distance; ClusterResult wants the sum
            return relabel(best.group(), best.centers(), best.distortion() * n, k, d);
        } finally {
            monitor.done();
        }
    }

    /**
     * Renumbers clusters by descending size, ties by first member index.
     *
     * @param group   labels as found, in {@code [0, k)}
     * @param centers centres as found
     * @param dist    distortion
     * @param k       clusters
     * @param d       feature dimension
     * @return the relabelled result
     */
    static ClusterResult relabel(int[] group, double[][] centers, double dist, int k, int d) {
        int[] size = new int[k];
        int[] first = new int[k];
        Arrays.fill(first, Integer.MAX_VALUE);
        for (int i = 0; i < group.length; i++) {
            size[group[i]]++;
            first[group[i]] = Math.min(first[group[i]], i);
        }
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> size[a] != size[b] ? Integer.compare(size[b], size[a]) : Integer.compare(first[a], first[b]));
        int[] newLabel = new int[k];
        double[][] c = new double[k][];
        for (int i = 0; i < k; i++) {
            newLabel[order[i]] = i;
            c[i] = centers[order[i]] == null ? new double[d] : centers[order[i]].clone();
        }
        int[] labels = new int[group.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = newLabel[group[i]];
        }
        return new ClusterResult(labels, c, dist);
    }
}
