package tessera.cluster.internal;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.IntStream;

import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.Clusterer;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;

/**
 * DBSCAN (Ester, Kriegel, Sander, Xu 1996) with the conventions of scikit-learn's {@code sklearn.cluster.DBSCAN}
 * (Euclidean metric): the eps-neighbourhood of a sample is every sample at distance {@code <= eps}, the sample
 * itself included; a sample is a core sample if its neighbourhood has at least {@code minSamples} members.
 * Clusters are the connected components of core samples (two cores are connected when within {@code eps});
 * a non-core sample within {@code eps} of a core sample is a border sample of that core's cluster, every other
 * sample is {@link ClusterResult#NOISE}.
 *
 * <p>Border samples: a border sample within reach of several clusters joins the one that scikit-learn's scan in
 * sample order reaches first, i.e. the cluster whose lowest-index core sample has the smallest index (clusters are
 * started, and completely expanded, in the order of their first core sample). So the labels equal
 * scikit-learn's up to the numbering of the clusters, which here is by descending size (ties by smallest member
 * index; see {@link KMeansClusterer#relabel}). {@code centers} are the means of the members (core and border).
 *
 * <p>Memory and time: no neighbour lists and no distance matrix are stored. Neighbourhood sizes are counted by a
 * blocked brute-force scan ({@code O(n^2 d)} time, parallel over fixed blocks of samples); the core components are
 * grown breadth-first, each dequeued core scanning the cores not yet assigned ({@code O(c^2 d)} for {@code c} cores);
 * border samples then scan the cores (parallel). Memory is {@code O(n d)}: the features plus a few arrays of length n.
 * The result does not depend on the number of threads.
 *
 * <p>Criteria: {@code clusters} (number of clusters), {@code noise} (number of noise samples).
 */
public final class DbscanClusterer implements Clusterer {
    /** Contribution id. */
    public static final String ID = "tessera.cluster.dbscan";

    private static final List<ParameterSpec> PARAMS = List.of(
            ParameterSpec.ofDouble("eps", 0.5, 0.0, null, "feature units",
                    "neighbourhood radius: samples at Euclidean distance <= eps are neighbours (scikit-learn eps; must be > 0)"),
            ParameterSpec.ofInt("minSamples", 5, 1, 1_000_000,
                    "neighbours (the sample itself included) that make a core sample (scikit-learn min_samples)"));

    private static final List<LiteratureReference> REFS = List.of(
            new LiteratureReference("M. Ester, H.-P. Kriegel, J. Sander, X. Xu, A density-based algorithm for discovering clusters in large "
                    + "spatial databases with noise, Proc. 2nd Int. Conf. Knowledge Discovery and Data Mining (KDD-96) 226-231", "10.5555/3001460.3001507"),
            new LiteratureReference("E. Schubert, J. Sander, M. Ester, H.-P. Kriegel, X. Xu, DBSCAN revisited, revisited: why and how you should "
                    + "(still) use DBSCAN, ACM Trans. Database Syst. 42 (2017) 19", "10.1145/3068335"),
            new LiteratureReference("F. Pedregosa et al., Scikit-learn: machine learning in Python, J. Mach. Learn. Res. 12 (2011) 2825-2830",
                    "10.5555/1953048.2078195"));

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
     * @param features {@code [n][d]}, n >= 1
     * @return labels in {@code [0, k)} by descending cluster size or {@link ClusterResult#NOISE}, centres {@code [k][d]}
     *         (member means), distortion (sum of squared distances of the members to their centre), criteria
     *         {@code clusters} and {@code noise}; no probabilities, outlier scores or dendrogram
     * @throws IllegalArgumentException if there are no samples, rows of unequal length, a non-finite feature, or
     *                                  {@code eps <= 0}
     * @throws CancellationException    if cancelled (checked per block of samples and per 256 expanded cores)
     */
    @Override
    public ClusterResult cluster(double[][] features, Parameters params, ProgressMonitor monitor) {
        double eps = params.getDouble("eps");
        int minSamples = params.getInt("minSamples");
        if (!(eps > 0)) {
            throw new IllegalArgumentException("DBSCAN needs eps > 0, got " + eps);
        }
        double[] x = FeatureMatrix.rowMajor(features, 1, "DBSCAN");
        int n = features.length;
        int d = features[0].length;
        double eps2 = eps * eps;
        int nb = (n + DensitySupport.BLOCK - 1) / DensitySupport.BLOCK;
        monitor.begin("DBSCAN (eps = " + eps + ", minSamples = " + minSamples + ")", 2L * nb + 1);
        try {
            // 1. neighbourhood sizes (the sample itself included) -> core samples
            boolean[] core = new boolean[n];
            IntStream.range(0, nb).parallel().forEach(b -> {
                DensitySupport.checkCancel(monitor);
                for (int i = b * DensitySupport.BLOCK, end = Math.min(n, i + DensitySupport.BLOCK); i < end; i++) {
                    int count = 0;
                    for (int j = 0; j < n && count < minSamples; j++) {
                        if (DensitySupport.dist2(x, i, j, d) <= eps2) {
                            count++;
                        }
                    }
                    core[i] = count >= minSamples;
                }
                monitor.worked(1);
            });
            // 2. connected components of the cores, started in order of their lowest core index
            int[] group = new int[n];
            java.util.Arrays.fill(group, ClusterResult.NOISE);
            int nc = 0;
            for (boolean c : core) {
                nc += c ? 1 : 0;
            }
            int[] open = new int[nc]; // cores not yet assigned, in index order (removal keeps order)
            for (int i = 0, p = 0; i < n; i++) {
                if (core[i]) {
                    open[p++] = i;
                }
            }
            int left = nc;
            int[] queue = new int[nc];
            int k = 0;
            int expanded = 0;
            while (left > 0) {
                int seed = open[0];
                int label = k++;
                group[seed] = label;
                int head = 0, tail = 0;
                queue[tail++] = seed;
                left = compact(open, left, group);
                while (head < tail) {
                    if ((++expanded & 255) == 0) {
                        DensitySupport.checkCancel(monitor);
                    }
                    int u = queue[head++];
                    boolean found = false;
                    for (int p = 0; p < left; p++) {
                        int v = open[p];
                        if (DensitySupport.dist2(x, u, v, d) <= eps2) {
                            group[v] = label;
                            queue[tail++] = v;
                            found = true;
                        }
                    }
                    if (found) {
                        left = compact(open, left, group);
                    }
                }
            }
            monitor.worked(1);
            // 3. border samples: the cluster with the smallest id among the cores within eps
            int[] coreIdx = new int[nc];
            for (int i = 0, p = 0; i < n; i++) {
                if (core[i]) {
                    coreIdx[p++] = i;
                }
            }
            IntStream.range(0, nb).parallel().forEach(b -> {
                DensitySupport.checkCancel(monitor);
                for (int i = b * DensitySupport.BLOCK, end = Math.min(n, i + DensitySupport.BLOCK); i < end; i++) {
                    if (core[i]) {
                        continue;
                    }
                    int best = Integer.MAX_VALUE;
                    for (int c : coreIdx) {
                        if (group[c] < best && DensitySupport.dist2(x, i, c, d) <= eps2) {
                            best = group[c];
                        }
                    }
                    group[i] = best == Integer.MAX_VALUE ? ClusterResult.NOISE : best;
                }
                monitor.worked(1);
            });
            return DensitySupport.result(x, n, d, group, k, null, null);
        } finally {
            monitor.done();
        }
    }

    /** Removes the assigned samples from {@code open[0, left)}, keeping the order; @return the new count */
    private static int compact(int[] open, int left, int[] group) {
        int q = 0;
        for (int p = 0; p < left; p++) {
            if (group[open[p]] == ClusterResult.NOISE) {
                open[q++] = open[p];
            }
        }
        return q;
    }
}
