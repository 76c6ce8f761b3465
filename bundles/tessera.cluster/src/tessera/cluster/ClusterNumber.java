package tessera.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.stream.IntStream;

import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.Clusterer;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;

/**
 * Estimates the number of clusters by clustering for a range of k and scoring each clustering, as HyperSpy 1.7's
 * {@code MVA.estimate_number_of_clusters} does (our own code; F. de la Peña et al., HyperSpy, doi:10.5281/zenodo.592838).
 *
 * <p>For every k of the range the given {@link Clusterer} is run with its parameters {@code base} and {@code k}
 * replaced; the clustering's quality is measured with the within-cluster sum of squares
 * {@code W_k = sum_c sum_{i in c} |x_i - mean_c|^2} (HyperSpy's {@code _distances_within_cluster}, which equals
 * {@code sum_c D_c / (2 n_c)} with {@code D_c} the sum of pairwise squared distances in cluster c; samples labelled
 * {@link ClusterResult#NOISE} are left out) or with the silhouette. The metrics:
 * <dl>
 * <dt>{@link Metric#ELBOW}</dt>
 * <dd>k = 1 .. maxClusters; curve {@code ln W_k}. The chosen k is HyperSpy's {@code estimate_elbow_position(curve,
 * log=False)} + the first k: of the first {@code m = min(20, K - 1)} points (K = number of k tried) the one farthest
 * from the straight line through the points 0 and m (a "kneedle", Satopää et al. 2011, doi:10.1109/ICDCSW.2011.20).
 * As in HyperSpy the curve values are clipped from below at 1e-30 before that (so {@code ln W_k < 0}, i.e.
 * {@code W_k < 1}, counts as about 0 for the choice, not for the returned curve).</dd>
 * <dt>{@link Metric#GAP}</dt>
 * <dd>k = 1 .. maxClusters; the gap statistic of Tibshirani, Walther &amp; Hastie (J. R. Stat. Soc. B 63 (2001)
 * 411-423, doi:10.1111/1467-9868.00293): {@code gap(k) = mean_b ln W*_kb - ln W_k} over {@code nReferences}
 * reference data sets of n samples drawn uniformly in the bounding box of the features (the paper's reference
 * (a); each reference set is the same for every k, drawn from {@code seed}), error
 * {@code s_k = sqrt(1 + 1/B) sd_k} with {@code sd_k} the population standard deviation of {@code ln W*_kb}. The
 * chosen k follows HyperSpy: the smallest k from the second k of the range on (k = 2) with
 * {@code gap(k) >= gap(k+1) - s(k+1)}, and the second k of the range if none is (so k = 1 is never chosen).
 * Differences from HyperSpy 1.7, which are deliberate: HyperSpy's reference is {@code linspace(min, max, n)} in every
 * feature (points on the diagonal of the box, the same for all B references, varying only by the clusterer's random
 * initialisation), and it sets k-means' {@code n_init = 1}; here the references are uniform in the box as the paper
 * prescribes, so their variation is the sampling one, and the clusterer runs with {@code base} unchanged.</dd>
 * <dt>{@link Metric#SILHOUETTE}</dt>
 * <dd>k = 2 .. maxClusters; curve: mean silhouette width ({@link #silhouette}, Rousseeuw 1987,
 * doi:10.1016/0377-0427(87)90125-7). HyperSpy returns a list of candidates: the local maxima of the curve
 * ({@code s[u] > s[u-1]} and {@code s[u] > s[u+1]} for u = 0 .. K-2, where {@code s[-1]} is the last value, as
 * Python's indexing has it), preceded by the first k if its value exceeds every local maximum. The chosen k here is
 * the candidate with the largest silhouette (the first on ties; the first k if there is none).</dd>
 * </dl>
 * The first k of every range is raised to the minimum of the clusterer's {@code k} parameter if that is larger
 * (HyperSpy starts at 2 for agglomerative clustering).
 *
 * <p>Silhouette cost: exact (all pairs, {@code O(n^2 d)} time, {@code O(n + k)} memory, no {@code n x n} matrix) when
 * {@code n^2 d <= }{@value #SILHOUETTE_BUDGET} (all 16 384 samples of a 128 x 128 map up to d = 14 features);
 * otherwise {@link #estimate} scores a uniform random subsample of {@code m = floor(sqrt(budget / d))} samples
 * (without replacement, drawn once from {@code seed}, the same for every k), as scikit-learn's
 * {@code silhouette_score(sample_size=m)} does.
 *
 * <p>Deterministic for a given seed (and deterministic clusterer), independent of the number of threads.
 */
public final class ClusterNumber {
    /** HyperSpy's default number of gap reference data sets ({@code n_ref=4}). */
    public static final int DEFAULT_REFERENCES = 4;
    /** HyperSpy's default largest k ({@code max_clusters=10}). */
    public static final int DEFAULT_MAX_CLUSTERS = 10;
    /** Largest {@code n^2 d} for which {@link #estimate} computes the silhouette on all samples. */
    public static final long SILHOUETTE_BUDGET = 4_000_000_000L;
    /** Samples per block of the parallel silhouette. */
    private static final int BLOCK = 256;

    private ClusterNumber() {
    }

    /** The criterion scored for each k. */
    public enum Metric {
        /** elbow (knee) of the curve ln W_k */
        ELBOW,
        /** gap statistic of Tibshirani, Walther &amp; Hastie (2001) */
        GAP,
        /** mean silhouette width of Rousseeuw (1987) */
        SILHOUETTE
    }

    /**
     * The outcome of {@link #estimate}.
     *
     * @param best       the chosen number of clusters
     * @param k          the k values tried, ascending
     * @param curve      the metric for each k: {@code ln W_k} (elbow), {@code gap(k)} (gap) or the mean silhouette
     *                   width (silhouette; NaN where the clustering had fewer than 2 or n non-empty clusters)
     * @param curveError for the gap, {@code s_k}; else zeros
     * @param metric     the metric
     */
    public record Estimate(int best, int[] k, double[] curve, double[] curveError, Metric metric) {
    }

    /**
     * Clusters {@code x} for each k of the metric's range and chooses k (see the class comment).
     *
     * @param x           samples {@code [n][d]}, n at least maxClusters, finite, rows of equal length
     * @param clusterer   the clustering method; must have an int parameter {@code k}
     * @param base        the clusterer's parameters ({@code k} is replaced), or null for its defaults
     * @param maxClusters largest k tried, at least 2 (HyperSpy's default is {@value #DEFAULT_MAX_CLUSTERS})
     * @param metric      criterion
     * @param nReferences gap reference data sets B, at least 1 (HyperSpy's default {@value #DEFAULT_REFERENCES});
     *                    ignored by the other metrics
     * @param seed        seed of the gap references and of the silhouette subsample
     * @param monitor     progress (one unit per clustering) and cancellation
     * @return the chosen k, the k values and the metric's curve
     * @throws IllegalArgumentException if maxClusters &lt; 2 or &gt; n, nReferences &lt; 1 for the gap, the clusterer has
     *                                  no {@code k} parameter, or x is empty, ragged or not finite
     * @throws CancellationException    if cancelled (checked between clusterings and inside them)
     */
    public static Estimate estimate(double[][] x, Clusterer clusterer, Parameters base, int maxClusters, Metric metric, int nReferences,
            long seed, ProgressMonitor monitor) {
        int d = check(x);
        int n = x.length;
        if (metric == null) {
            throw new IllegalArgumentException("no metric");
        }
        if (maxClusters < 2) {
            throw new IllegalArgumentException("the largest number of clusters must be at least 2, got " + maxClusters);
        }
        if (maxClusters > n) {
            throw new IllegalArgumentException("the largest number of clusters " + maxClusters + " exceeds the " + n + " samples");
        }
        if (metric == Metric.GAP && nReferences < 1) {
            throw new IllegalArgumentException("the gap statistic needs at least 1 reference data set, got " + nReferences);
        }
        ParameterSpec kSpec = clusterer.parameters().stream().filter(s -> s.name().equals("k")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the clusterer has no parameter 'k'"));
        int kMin = metric == Metric.SILHOUETTE ? 2 : 1;
        if (kSpec.min() != null) {
            kMin = Math.max(kMin, kSpec.min().intValue());
        }
        if (kMin > maxClusters) {
            throw new IllegalArgumentException("the clusterer needs k >= " + kMin + ", more than the largest number of clusters " + maxClusters);
        }
        int nk = maxClusters - kMin + 1;
        int[] ks = new int[nk];
        for (int i = 0; i < nk; i++) {
            ks[i] = kMin + i;
        }
        Map<String, Object> raw = new HashMap<>(base == null ? Map.of() : base.values());
        ProgressMonitor child = new ProgressMonitor() {
            @Override
            public void begin(String task, long totalWork) {
            }

            @Override
            public void worked(long work) {
            }

            @Override
            public void done() {
            }

            @Override
            public boolean isCanceled() {
                return monitor.isCanceled();
            }
        };
        double[] curve = new double[nk];
        double[] err = new double[nk];
        int best;
        monitor.begin("number of clusters (" + metric.name().toLowerCase(java.util.Locale.ROOT) + ", k = " + kMin + " .. " + maxClusters + ")",
                (long) nk * (metric == Metric.GAP ? nReferences + 1 : 1));
        try {
            switch (metric) {
            case ELBOW -> {
                for (int i = 0; i < nk; i++) {
                    curve[i] = Math.log(withinSumOfSquares(x, run(clusterer, raw, ks[i], x, child, monitor).labels()));
                }
                best = elbowPosition(curve) + kMin;
            }
            case SILHOUETTE -> {
                int[] subset = null;
                if ((double) n * n * d > SILHOUETTE_BUDGET) {
                    int m = (int) Math.max(2, Math.min(n, Math.floor(Math.sqrt((double) SILHOUETTE_BUDGET / d))));
                    subset = sample(n, m, new SplittableRandom(seed));
                }
                double[][] xs = x;
                if (subset != null) {
                    xs = new double[subset.length][];
                    for (int i = 0; i < subset.length; i++) {
                        xs[i] = x[subset[i]];
                    }
                }
                for (int i = 0; i < nk; i++) {
                    int[] labels = run(clusterer, raw, ks[i], x, child, monitor).labels();
                    if (subset != null) {
                        int[] l = new int[subset.length];
                        for (int j = 0; j < l.length; j++) {
                            l[j] = labels[subset[j]];
                        }
                        labels = l;
                    }
                    curve[i] = silhouetteOrNaN(xs, labels, monitor);
                }
                best = silhouettePeak(curve) + kMin;
            }
            case GAP -> {
                double[] lo = new double[d];
                double[] hi = new double[d];
                Arrays.fill(lo, Double.POSITIVE_INFINITY);
                Arrays.fill(hi, Double.NEGATIVE_INFINITY);
                for (double[] row : x) {
                    for (int j = 0; j < d; j++) {
                        lo[j] = Math.min(lo[j], row[j]);
                        hi[j] = Math.max(hi[j], row[j]);
                    }
                }
                SplittableRandom root = new SplittableRandom(seed);
                long[] refSeeds = new long[nReferences];
                for (int b = 0; b < nReferences; b++) {
                    refSeeds[b] = root.nextLong();
                }
                double[][] ref = new double[n][d];
                double[] logRef = new double[nReferences];
                for (int i = 0; i < nk; i++) {
                    double logW = Math.log(withinSumOfSquares(x, run(clusterer, raw, ks[i], x, child, monitor).labels()));
                    for (int b = 0; b < nReferences; b++) {
                        SplittableRandom r = new SplittableRandom(refSeeds[b]);
                        for (double[] row : ref) {
                            for (int j = 0; j < d; j++) {
                                row[j] = lo[j] + (hi[j] - lo[j]) * r.nextDouble();
                            }
                        }
                        logRef[b] = Math.log(withinSumOfSquares(ref, run(clusterer, raw, ks[i], ref, child, monitor).labels()));
                    }
                    double mean = 0;
                    for (double v : logRef) {
                        mean += v;
                    }
                    mean /= nReferences;
                    double var = 0;
                    for (double v : logRef) {
                        var += (v - mean) * (v - mean);
                    }
                    curve[i] = mean - logW;
                    err[i] = Math.sqrt(1.0 + 1.0 / nReferences) * Math.sqrt(var / nReferences);
                }
                best = kMin + 1;
                for (int i = 1; i < nk - 1; i++) {
                    if (curve[i] >= curve[i + 1] - err[i + 1]) {
                        best = i + kMin;
                        break;
                    }
                }
                best = Math.min(best, maxClusters);
            }
            default -> throw new IllegalStateException(metric.toString());
            }
        } finally {
            monitor.done();
        }
        return new Estimate(best, ks, curve, err, metric);
    }

    private static ClusterResult run(Clusterer clusterer, Map<String, Object> raw, int k, double[][] x, ProgressMonitor child,
            ProgressMonitor monitor) {
        checkCancel(monitor);
        Map<String, Object> m = new HashMap<>(raw);
        m.put("k", k);
        ClusterResult r = clusterer.cluster(x, Parameters.of(clusterer.parameters(), m), child);
        monitor.worked(1);
        return r;
    }

    /**
     * HyperSpy's {@code estimate_elbow_position(curve, log=False, max_points=20)}: of the points {@code 0 .. m-1},
     * {@code m = min(20, len - 1)}, the index farthest from the line through {@code (0, y[0])} and {@code (m, y[m])},
     * with the values clipped below at 1e-30 (the first on ties; 0 if the line is degenerate).
     */
    static int elbowPosition(double[] curve) {
        int m = Math.min(20, curve.length - 1);
        if (m <= 0) {
            return 0;
        }
        double y1 = Math.max(curve[0], 1e-30);
        double y2 = Math.max(curve[m], 1e-30);
        double denom = Math.sqrt((double) m * m + (y2 - y1) * (y2 - y1));
        int arg = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (int x = 0; x < m; x++) {
            double y = Math.max(curve[x], 1e-30);
            double dist = Math.abs(m * (y1 - y) + x * (y2 - y1)) / denom;
            if (Double.isNaN(dist)) {
                dist = 0; // numpy.nan_to_num
            }
            if (dist > best) {
                best = dist;
                arg = x;
            }
        }
        return arg;
    }

    /** HyperSpy's silhouette candidates (see the class comment); the index of the one with the largest value. */
    static int silhouettePeak(double[] s) {
        List<Integer> cand = new ArrayList<>();
        double maxPeak = -1.0;
        int len = s.length;
        for (int u = 0; u < len - 1; u++) {
            double prev = s[u == 0 ? len - 1 : u - 1];
            if (s[u] > prev && s[u] > s[u + 1]) {
                cand.add(u);
                maxPeak = Math.max(maxPeak, s[u]);
            }
        }
        if (s[0] > maxPeak) {
            cand.add(0, 0);
        }
        int best = 0;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int u : cand) {
            if (s[u] > bestValue) {
                bestValue = s[u];
                best = u;
            }
        }
        return best;
    }

    /**
     * Within-cluster sum of squares about the members' means, {@code W = sum_c sum_{i in c} |x_i - mean_c|^2}
     * (Tibshirani et al. 2001, eq. 2; HyperSpy's {@code _distances_within_cluster(..., summed=True)} summed), samples
     * labelled {@link ClusterResult#NOISE} left out.
     *
     * @param x      samples {@code [n][d]}
     * @param labels cluster per sample, {@code >= 0} or {@link ClusterResult#NOISE}
     * @return W, in the squared units of the features
     */
    public static double withinSumOfSquares(double[][] x, int[] labels) {
        int d = x[0].length;
        int k = 0;
        for (int l : labels) {
            k = Math.max(k, l + 1);
        }
        double[] mean = new double[k * d];
        long[] size = new long[k];
        for (int i = 0; i < x.length; i++) {
            int c = labels[i];
            if (c < 0) {
                continue;
            }
            size[c]++;
            for (int j = 0; j < d; j++) {
                mean[c * d + j] += x[i][j];
            }
        }
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                mean[c * d + j] /= Math.max(1, size[c]);
            }
        }
        double w = 0;
        for (int i = 0; i < x.length; i++) {
            int c = labels[i];
            if (c < 0) {
                continue;
            }
            for (int j = 0; j < d; j++) {
                double t = x[i][j] - mean[c * d + j];
                w += t * t;
            }
        }
        return w;
    }

    /**
     * Mean silhouette width (Rousseeuw, J. Comput. Appl. Math. 20 (1987) 53-65, doi:10.1016/0377-0427(87)90125-7),
     * Euclidean, exact, as {@code sklearn.metrics.silhouette_score(x, labels)}: for each sample, a = mean distance to
     * the other members of its cluster, b = smallest mean distance to the members of another cluster,
     * {@code s = (b - a) / max(a, b)} (0 for the only member of a cluster, and where a = b = 0); the result is the mean
     * of s over all samples. Every distinct label value is a cluster ({@link ClusterResult#NOISE} too, as
     * scikit-learn treats it). {@code O(n^2 d)} time in parallel fixed blocks, {@code O(n d)} memory; deterministic.
     *
     * @param x      samples {@code [n][d]}
     * @param labels cluster per sample, any int values
     * @return the mean silhouette width, in {@code [-1, 1]}
     * @throws IllegalArgumentException if the number of distinct labels is not in {@code [2, n - 1]}, the lengths
     *                                  differ, or x is ragged or not finite
     */
    public static double silhouette(double[][] x, int[] labels) {
        return silhouette(x, labels, ProgressMonitor.NULL);
    }

    private static double silhouetteOrNaN(double[][] x, int[] labels, ProgressMonitor monitor) {
        try {
            return silhouette(x, labels, monitor);
        } catch (IllegalArgumentException e) {
            return Double.NaN; // fewer than 2 (or n) non-empty clusters
        }
    }

    private static double silhouette(double[][] x, int[] labels, ProgressMonitor monitor) {
        int d = check(x);
        int n = x.length;
        if (labels.length != n) {
            throw new IllegalArgumentException(labels.length + " labels for " + n + " samples");
        }
        // clusters as contiguous ranges of a label-sorted copy
        int[] distinct = Arrays.stream(labels).distinct().sorted().toArray();
        int k = distinct.length;
        if (k < 2 || k > n - 1) {
            throw new IllegalArgumentException("the silhouette needs 2 .. n - 1 = " + (n - 1) + " clusters, got " + k);
        }
        int[] cl = new int[n];
        int[] start = new int[k + 1];
        for (int i = 0; i < n; i++) {
            cl[i] = Arrays.binarySearch(distinct, labels[i]);
            start[cl[i] + 1]++;
        }
        for (int c = 0; c < k; c++) {
            start[c + 1] += start[c];
        }
        double[] xs = new double[n * d];
        int[] fill = Arrays.copyOf(start, k);
        for (int i = 0; i < n; i++) {
            System.arraycopy(x[i], 0, xs, fill[cl[i]]++ * d, d);
        }
        double[] s = new double[n];
        int nb = (n + BLOCK - 1) / BLOCK;
        IntStream.range(0, nb).parallel().forEach(b -> {
            checkCancel(monitor);
            double[] sum = new double[k];
            int i1 = Math.min(n, (b + 1) * BLOCK);
            for (int i = b * BLOCK; i < i1; i++) {
                double[] xi = x[i];
                for (int c = 0; c < k; c++) {
                    double acc = 0;
                    for (int j = start[c]; j < start[c + 1]; j++) {
                        int o = j * d;
                        double q = 0;
                        for (int f = 0; f < d; f++) {
                            double t = xi[f] - xs[o + f];
                            q += t * t;
                        }
                        acc += Math.sqrt(q);
                    }
                    sum[c] = acc;
                }
                int own = cl[i];
                int size = start[own + 1] - start[own];
                if (size == 1) {
                    s[i] = 0;
                    continue;
                }
                double a = sum[own] / (size - 1);
                double bMin = Double.POSITIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    if (c != own) {
                        bMin = Math.min(bMin, sum[c] / (start[c + 1] - start[c]));
                    }
                }
                double m = Math.max(a, bMin);
                s[i] = m > 0 ? (bMin - a) / m : 0;
            }
        });
        double total = 0;
        for (double v : s) {
            total += v;
        }
        return total / n;
    }

    /** m distinct indices of [0, n), uniformly (partial Fisher-Yates), in ascending order. */
    private static int[] sample(int n, int m, SplittableRandom r) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = 0; i < m; i++) {
            int j = i + r.nextInt(n - i);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        int[] out = Arrays.copyOf(p, m);
        Arrays.sort(out);
        return out;
    }

    /** @return d @throws IllegalArgumentException if x is empty, ragged or not finite */
    private static int check(double[][] x) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        int d = x[0].length;
        if (d == 0) {
            throw new IllegalArgumentException("samples have no features");
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != d) {
                throw new IllegalArgumentException("feature row " + i + " has " + x[i].length + " values, row 0 has " + d);
            }
            for (double v : x[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("feature row " + i + " has a non-finite value");
                }
            }
        }
        return d;
    }

    /** @throws CancellationException if the monitor is cancelled or this thread interrupted */
    private static void checkCancel(ProgressMonitor monitor) {
        if (monitor.isCanceled() || Thread.currentThread().isInterrupted()) {
            throw new CancellationException("cancelled");
        }
    }
}
