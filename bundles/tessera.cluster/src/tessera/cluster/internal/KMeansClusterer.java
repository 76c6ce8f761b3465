package tessera.cluster.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.Clusterer;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;

/**
 * k-means clustering: greedy k-means++ seeding ({@link Seeding}, scikit-learn's variant), then Lloyd iterations with scikit-learn's stopping rule
 * ({@code sklearn.cluster.KMeans}, algorithm "lloyd", as HyperSpy's {@code cluster_analysis} uses).
 *
 * <p>Lloyd iteration: assign every sample to its nearest centre (squared Euclidean distance, first
 * centre on ties), then move each centre to the mean of its samples (a centre that lost all its
 * samples stays where it was). It stops when an assignment equals the previous one, when the summed
 * squared centre movement of an iteration is at most {@code tol} times the mean per-feature variance
 * of the data (scikit-learn's {@code tol}), or after {@code maxIterations}; in the last two cases the
 * samples are assigned once more to the final centres. The result is the exact Lloyd fixed point.
 *
 * <p>Determinism: run {@code i} (of {@code runs}) seeds its k-means++ draws with a
 * {@link SplittableRandom} of {@code seed + i}; runs execute in parallel on dedicated threads, the assignment sums are reduced in a fixed
 * order, and the run with the smallest distortion is kept (the lowest run index on ties). So the
 * result does not depend on the number of threads.
 *
 * <p>Label order: clusters are renumbered by descending size (number of members); equal sizes
 * are ordered by the smallest sample index they contain. So label 0 is always the largest
 * cluster, and the labels do not depend on the order in which the centres were found.
 */
public final class KMeansClusterer implements Clusterer {
    /** Contribution id. */
    public static final String ID = "tessera.cluster.kmeans";
    /** Samples per block of the parallel assignment step. */
    private static final int BLOCK = 1024;

    private static final List<ParameterSpec> PARAMS = List.of(
            ParameterSpec.ofInt("k", 3, 1, 10_000, "number of clusters"),
            ParameterSpec.ofInt("maxIterations", 300, 1, 1_000_000, "maximum Lloyd iterations per run"),
            ParameterSpec.ofDouble("tol", 1e-4, 0.0, 1.0, "",
                    "stop when the summed squared centre movement of an iteration is at most tol times the mean per-feature variance (scikit-learn tol)"),
            ParameterSpec.ofLong("seed", 0L, "seed of the k-means++ seeding of the first run (run i uses seed + i)"),
            ParameterSpec.ofInt("runs", 10, 1, 1000, "number of seeded runs; the one with the smallest distortion is kept"));

    private static final List<LiteratureReference> REFS = List.of(
            new LiteratureReference("D. Arthur, S. Vassilvitskii, k-means++: the advantages of careful seeding, Proc. 18th ACM-SIAM SODA (2007) 1027-1035",
                    "10.5555/1283383.1283494"),
            new LiteratureReference("S. Lloyd, Least squares quantization in PCM, IEEE Trans. Inf. Theory 28 (1982) 129-137", "10.1109/TIT.1982.1056489"),
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
     * @return labels in {@code [0, k)} numbered by descending cluster size, centres {@code [k][d]} and the
     *         distortion (sum of squared distances to the centres)
     * @throws IllegalArgumentException if there are fewer samples than clusters, rows of unequal length or a
     *                                  non-finite feature
     * @throws CancellationException    if cancelled (checked between iterations)
     */
    @Override
    public ClusterResult cluster(double[][] features, Parameters params, ProgressMonitor monitor) {
        int k = params.getInt("k");
        double[] x = FeatureMatrix.rowMajor(features, k, "k-means with k = " + k);
        int n = features.length;
        int d = features[0].length;
        Columns xt = Columns.of(x, n, d);
        int runs = params.getInt("runs");
        long seed = params.getLong("seed");
        int maxIter = params.getInt("maxIterations");
        double tolAbs = params.getDouble("tol") * meanVariance(x, n, d);
        monitor.begin("k-means (k = " + k + ")", runs);
        int cores = Runtime.getRuntime().availableProcessors();
        int threads = Math.max(1, Math.min(runs, cores));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "tessera-kmeans");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Run>> futures = new ArrayList<>(runs);
            for (int r = 0; r < runs; r++) {
                long runSeed = seed + r;
                futures.add(pool.submit(() -> {
                    checkCancel(monitor);
                    double[][] c0 = Seeding.kmeansPlusPlus(x, n, d, k, new SplittableRandom(runSeed));
                    Run run = lloyd(x, xt, n, d, k, c0, maxIter, tolAbs, runs < cores, monitor);
                    monitor.worked(1);
                    return run;
                }));
            }
            Run best = null;
            for (Future<Run> f : futures) {
                Run run = get(f);
                if (best == null || run.distortion() < best.distortion()) {
                    best = run;
                }
            }
            double[][] centres = new double[k][];
            for (int c = 0; c < k; c++) {
                centres[c] = Arrays.copyOfRange(best.centres(), c * d, (c + 1) * d);
            }
            return relabel(best.labels(), centres, best.distortion(), k, d);
        } finally {
            pool.shutdownNow();
            monitor.done();
        }
    }

    private static Run get(Future<Run> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** One run's outcome: labels, centres row-major {@code [k x d]}, distortion (sum of squared distances), Lloyd iterations. */
    record Run(int[] labels, double[] centres, double distortion, int iterations) {
    }

    /**
     * Lloyd iterations from the given centres, with scikit-learn's stopping rule (see the class comment).
     *
     * @param x        samples, row-major {@code [n x d]}
     * @param xt       the same samples, column-major ({@code xt[j * n + i]})
     * @param n        samples
     * @param d        features
     * @param k        clusters
     * @param start    initial centres {@code [k][d]}
     * @param maxIter  maximum iterations
     * @param tolAbs   threshold on the summed squared centre movement
     * @param parallel assign blocks of samples in parallel (when the runs leave cores idle)
     * @param monitor  cancellation
     * @return the converged run
     */
    static Run lloyd(double[] x, Columns xt, int n, int d, int k, double[][] start, int maxIter, double tolAbs, boolean parallel,
            ProgressMonitor monitor) {
        double[] centres = new double[k * d];
        for (int c = 0; c < k; c++) {
            System.arraycopy(start[c], 0, centres, c * d, d);
        }
        int[] labels = new int[n];
        int[] old = new int[n];
        double[] sums = new double[k * d];
        long[] counts = new long[k];
        double[][] work = new double[2 * ((n + BLOCK - 1) / BLOCK)][];
        boolean strict = false;
        int it = 0;
        for (; it < maxIter; it++) {
            checkCancel(monitor);
            label(xt, n, d, k, centres, labels, parallel, work);
            if (it == 0) {
                sums(x, n, d, labels, sums, counts);
            } else {
                moveChanged(x, n, d, labels, old, sums, counts);
            }
            double shift = 0;
            for (int c = 0; c < k; c++) {
                if (counts[c] == 0) {
                    continue; // an empty cluster keeps its centre
                }
                for (int jj = 0; jj < d; jj++) {
                    double m = sums[c * d + jj] / counts[c];
                    double delta = m - centres[c * d + jj];
                    shift += delta * delta;
                    centres[c * d + jj] = m;
                }
            }
            if (it > 0 && Arrays.equals(labels, old)) {
                strict = true;
                break;
            }
            if (shift <= tolAbs) {
                break;
            }
            System.arraycopy(labels, 0, old, 0, n);
        }
        if (!strict) {
            label(xt, n, d, k, centres, labels, parallel, work); // labels of the final centres
        }
        double distortion = 0;
        for (int i = 0; i < n; i++) {
            distortion += dist2(x, i * d, centres, labels[i] * d, d);
        }
        return new Run(labels, centres, distortion, Math.min(it + 1, maxIter));
    }

    /**
     * Labels each sample with its nearest centre (first on ties), in fixed blocks of samples (in
     * parallel if asked). Distances are accumulated feature by feature over a block (column-major
     * input), a loop the JIT vectorises; the nearest centre is kept with conditional moves.
     *
     * @param work per-block buffers, filled on first use
     */
    private static void label(Columns xt, int n, int d, int k, double[] centres, int[] labels, boolean parallel, double[][] work) {
        int nb = (n + BLOCK - 1) / BLOCK;
        IntStream blocks = IntStream.range(0, nb);
        (parallel && nb > 1 ? blocks.parallel() : blocks).forEach(b -> {
            int i0 = b * BLOCK;
            int len = Math.min(n, i0 + BLOCK) - i0;
            if (work[2 * b] == null) {
                work[2 * b] = new double[len];
                work[2 * b + 1] = new double[len];
            }
            double[] acc = work[2 * b];
            double[] bestD = work[2 * b + 1];
            for (int c = 0; c < k; c++) {
                Arrays.fill(acc, 0);
                int j = 0;
                if (xt.floats() != null) {
                    for (; j + 3 < d; j += 4) { // four features per pass over acc, same summation order
                        addSquares4(acc, xt.floats(), j * n + i0, n, centres, c * d + j, len);
                    }
                }
                for (; j < d; j++) {
                    if (xt.floats() != null) {
                        addSquares(acc, xt.floats(), j * n + i0, centres[c * d + j], len);
                    } else {
                        addSquares(acc, xt.doubles(), j * n + i0, centres[c * d + j], len);
                    }
                }
                if (c == 0) {
                    System.arraycopy(acc, 0, bestD, 0, len);
                    Arrays.fill(labels, i0, i0 + len, 0);
                } else {
                    keepNearer(acc, bestD, labels, i0, c, len);
                }
            }
        });
    }

    /** Per-cluster sums and counts of the labelled samples, in sample order. */
    private static void sums(double[] x, int n, int d, int[] labels, double[] sums, long[] counts) {
        Arrays.fill(sums, 0);
        Arrays.fill(counts, 0);
        for (int i = 0; i < n; i++) {
            int c = labels[i];
            counts[c]++;
            int so = c * d;
            int o = i * d;
            for (int j = 0; j < d; j++) {
                sums[so + j] += x[o + j];
            }
        }
    }

    /**
     * Updates sums and counts for the samples whose label changed (few after the first iterations),
     * in sample order.
     */
    private static void moveChanged(double[] x, int n, int d, int[] labels, int[] old, double[] sums, long[] counts) {
        for (int i = 0; i < n; i++) {
            int to = labels[i];
            int from = old[i];
            if (to != from) {
                counts[from]--;
                counts[to]++;
                int o = i * d;
                for (int j = 0; j < d; j++) {
                    sums[from * d + j] -= x[o + j];
                    sums[to * d + j] += x[o + j];
                }
            }
        }
    }

    /**
     * Column-major samples, float32 when every value is exactly a float (as PCA scores from float32
     * loadings are), which gives the same distances and lets the JIT vectorise {@link #addSquares}
     * (a {@code double[]} accumulator and a {@code float[]} input cannot alias), else float64.
     *
     * @param floats column-major float32 values, or null
     * @param doubles column-major float64 values, or null
     */
    record Columns(float[] floats, double[] doubles) {
        static Columns of(double[] x, int n, int d) {
            boolean exact = true;
            for (double v : x) {
                if ((double) (float) v != v) {
                    exact = false;
                    break;
                }
            }
            float[] f = exact ? new float[x.length] : null;
            double[] g = exact ? null : new double[x.length];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    if (exact) {
                        f[j * n + i] = (float) x[i * d + j];
                    } else {
                        g[j * n + i] = x[i * d + j];
                    }
                }
            }
            return new Columns(f, g);
        }
    }

    /** Where {@code acc[i] < best[i]}: {@code best[i] = acc[i]}, {@code labels[off + i] = c}; branch-free (labels are unpredictable). */
    private static void keepNearer(double[] acc, double[] best, int[] labels, int off, int c, int len) {
        for (int i = 0; i < len; i++) {
            double a = acc[i];
            double b = best[i];
            boolean closer = a < b;
            best[i] = closer ? a : b;
            labels[off + i] = closer ? c : labels[off + i];
        }
    }

    /**
     * Four features at once: {@code acc[i] = (((acc[i] + t0^2) + t1^2) + t2^2) + t3^2} with
     * {@code tq = x[off + q * stride + i] - c[co + q]}, the same sums as four {@link #addSquares} passes.
     */
    private static void addSquares4(double[] acc, float[] x, int off, int stride, double[] c, int co, int len) {
        double c0 = c[co], c1 = c[co + 1], c2 = c[co + 2], c3 = c[co + 3];
        int o1 = off + stride, o2 = o1 + stride, o3 = o2 + stride;
        for (int i = 0; i < len; i++) {
            double t0 = x[off + i] - c0;
            double t1 = x[o1 + i] - c1;
            double t2 = x[o2 + i] - c2;
            double t3 = x[o3 + i] - c3;
            acc[i] = (((acc[i] + t0 * t0) + t1 * t1) + t2 * t2) + t3 * t3;
        }
    }

    /** {@code acc[i] += (x[off + i] - c)^2} for i in [0, len). */
    private static void addSquares(double[] acc, float[] x, int off, double c, int len) {
        for (int i = 0; i < len; i++) {
            double t = x[off + i] - c;
            acc[i] += t * t;
        }
    }

    /** {@code acc[i] += (x[off + i] - c)^2} for i in [0, len). */
    private static void addSquares(double[] acc, double[] x, int off, double c, int len) {
        for (int i = 0; i < len; i++) {
            double t = x[off + i] - c;
            acc[i] += t * t;
        }
    }

    private static double dist2(double[] x, int xo, double[] c, int co, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            double t = x[xo + j] - c[co + j];
            s += t * t;
        }
        return s;
    }

    /** @return the mean over features of the (population) variance of each feature */
    static double meanVariance(double[] x, int n, int d) {
        double total = 0;
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += x[i * d + j];
            }
            mean /= n;
            double v = 0;
            for (int i = 0; i < n; i++) {
                double t = x[i * d + j] - mean;
                v += t * t;
            }
            total += v / n;
        }
        return total / d;
    }

    /** @throws CancellationException if the monitor is cancelled or this thread interrupted */
    private static void checkCancel(ProgressMonitor monitor) {
        if (monitor.isCanceled() || Thread.currentThread().isInterrupted()) {
            throw new CancellationException("cancelled");
        }
    }

    /**
     * The order of clusters by descending size, ties by first member index (clusters without members last);
     * negative labels (noise of a density-based method) are not counted.
     *
     * @param group labels as found, in {@code [0, k)}, or negative for noise
     * @param k     clusters
     * @return {@code order[newLabel] = oldLabel}
     */
    static int[] orderBySize(int[] group, int k) {
        int[] size = new int[k];
        int[] first = new int[k];
        Arrays.fill(first, Integer.MAX_VALUE);
        for (int i = 0; i < group.length; i++) {
            if (group[i] < 0) {
                continue;
            }
            size[group[i]]++;
            first[group[i]] = Math.min(first[group[i]], i);
        }
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> size[a] != size[b] ? Integer.compare(size[b], size[a]) : Integer.compare(first[a], first[b]));
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = order[i];
        }
        return out;
    }

    /**
     * Renumbers clusters by descending size, ties by first member index ({@link #orderBySize}). A negative
     * label (noise of a density-based method) stays {@link ClusterResult#NOISE}.
     *
     * @param group   labels as found, in {@code [0, k)}, or negative for noise
     * @param centers centres as found
     * @param dist    distortion
     * @param k       clusters
     * @param d       feature dimension
     * @return the relabelled result
     */
    static ClusterResult relabel(int[] group, double[][] centers, double dist, int k, int d) {
        int[] order = orderBySize(group, k);
        int[] newLabel = new int[k];
        double[][] c = new double[k][];
        for (int i = 0; i < k; i++) {
            newLabel[order[i]] = i;
            c[i] = centers[order[i]] == null ? new double[d] : centers[order[i]].clone();
        }
        int[] labels = new int[group.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = group[i] < 0 ? ClusterResult.NOISE : newLabel[group[i]];
        }
        return new ClusterResult(labels, c, dist);
    }
}
