package tessera.cluster.internal;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.stream.IntStream;

import tessera.core.analysis.Embedder;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;

/**
 * UMAP, uniform manifold approximation and projection (L. McInnes, J. Healy, J. Melville, arXiv:1802.03426, 2018),
 * following the algorithm of the reference implementation umap-learn 0.5 ({@code umap_.py}, {@code layouts.py},
 * {@code spectral.py}); our own code.
 *
 * <ol>
 * <li><b>Neighbours.</b> The exact {@code nNeighbors} nearest neighbours of every sample, the sample itself
 * counted first (as umap-learn), by blocked brute force: fixed blocks of 64 samples in parallel, each against all
 * samples in tiles of 64, keeping a bounded heap per sample; O(n k) memory, no n&times;n matrix. Euclidean
 * candidates come from {@code |x|^2 + |y|^2 - 2 x.y} of the centred data (dot products two samples by four at a
 * time), and the distances of the kept neighbours are then recomputed directly; cosine distance is {@code 1 - x.y / (|x| |y|)} (1 to an all-zero row), manhattan the
 * city-block distance. Each sample's neighbours depend only on the data, not on the thread that found them.</li>
 * <li><b>Fuzzy simplicial set</b> ({@code smooth_knn_dist}, {@code compute_membership_strengths}): per sample,
 * {@code rho} = distance to the nearest other sample at non-zero distance (local connectivity 1) and {@code sigma}
 * by bisection (64 steps, tolerance 1e-5) so that {@code sum_j exp(-max(0, d_j - rho) / sigma) = log2(k)}, bounded
 * below by 1e-3 times the mean neighbour distance; memberships {@code exp(-max(0, d - rho) / sigma)}, 0 for the
 * sample itself. Fuzzy union with the transpose ({@code set_op_mix_ratio} 1): {@code w = a + b - a b}.</li>
 * <li><b>Pruning</b>: memberships below {@code max / nEpochs} are dropped (below {@code max / 500 or 200} if
 * {@code nEpochs <= 10}), as {@code simplicial_set_embedding}.</li>
 * <li><b>Initialisation.</b> "spectral": per connected component of the graph, the eigenvectors of the
 * normalised Laplacian {@code I - D^-1/2 W D^-1/2} for the 2nd to (m+1)th smallest eigenvalues, found by a sparse
 * Lanczos iteration with full re-orthogonalisation on {@code D^-1/2 W D^-1/2} with the trivial eigenvector
 * {@code D^1/2 1} projected out (O(n s) memory for s = 2 sqrt(n) Lanczos vectors, at least 60 and at most 300;
 * no dense n&times;n); several components are
 * placed as umap-learn's {@code multi_component_layout} does (at &plusmn; unit vectors when there are at most 2m,
 * else at a spectral embedding of their centroids with affinities {@code exp(-d^2)}, as scikit-learn's
 * {@code SpectralEmbedding}), each scaled to half the distance to its nearest neighbouring component; components
 * of fewer than 2m or at most m+1 samples are placed uniformly at random in that box. The whole is scaled so
 * that its largest absolute coordinate is 10 and Gaussian noise of standard deviation 1e-4 is added. If the
 * Lanczos iteration does not converge (residuals above 1e-4 after its restarts), that component falls back to a
 * random uniform layout in its box, as umap-learn does on an ARPACK failure, and the message "UMAP: spectral
 * initialisation failed for a graph component of N samples ...; falling back to random initialisation for it"
 * is logged at WARNING level through {@link System.Logger} (umap-learn warns likewise). "random": uniform in
 * [-10, 10]. Either way every coordinate is then min-max scaled to [0, 10].</li>
 * <li><b>Optimisation</b> ({@code optimize_layout_euclidean}): low-dimensional similarity {@code 1 / (1 + a
 * d^2b)} with a, b fitted to the offset exponential of {@code minDist} and {@code spread} ({@link #findAbParams});
 * {@code nEpochs} epochs of stochastic gradient descent over the edges, edge e sampled every {@code w_max / w_e}
 * epochs, each sample with {@code negativeSampleRate} negative samples drawn uniformly, attractive gradient
 * {@code -2ab d^(2(b-1)) / (1 + a d^2b)}, repulsive {@code 2 gamma b / ((0.001 + d^2)(1 + a d^2b))}, every gradient
 * component clipped to [-4, 4], learning rate {@code learningRate (1 - epoch / nEpochs)}; both ends of an edge move.
 * Single-threaded, so deterministic.</li>
 * </ol>
 *
 * <p>Determinism: all random draws (Lanczos start vectors, noise, random layouts, negative samples) come from
 * {@link SplittableRandom}s derived from {@code seed}; the neighbour search is exact and its parallel blocks
 * are independent. The same data, parameters and seed give the identical embedding on any number of threads.
 * The embedding is not identical to umap-learn's (another random generator, float64 instead of float32), but
 * of the same quality (trustworthiness, see the tests).
 *
 * <p>Cost: the neighbour search is O(n<sup>2</sup> d) (measured on 2 shared cores: n = 16 384, d = 1000 about 56 s;
 * d = 100 about 3.5 s), the optimisation O(nEpochs n k (1 + negativeSampleRate)) single-threaded (about 5 s for
 * n = 16 384 with the defaults), memory O(n (d + k + s)).
 */
public final class UmapEmbedder implements Embedder {
    /** Contribution id. */
    public static final String ID = "tessera.cluster.umap";
    /** Samples per block of the parallel neighbour search. */
    private static final int BLOCK = 64;
    /** umap-learn's SMOOTH_K_TOLERANCE. */
    private static final double SMOOTH_K_TOLERANCE = 1e-5;
    /** umap-learn's MIN_K_DIST_SCALE. */
    private static final double MIN_K_DIST_SCALE = 1e-3;

    private static final List<ParameterSpec> PARAMS = List.of(
            ParameterSpec.ofInt("nNeighbors", 15, 2, 1000,
                    "size of the local neighbourhood, the sample itself included (umap-learn n_neighbors); at most n - 1 are used"),
            ParameterSpec.ofInt("nComponents", 2, 1, 10, "dimensions of the embedding"),
            ParameterSpec.ofDouble("minDist", 0.1, 0.0, 100.0, "", "minimum distance of embedded points (umap-learn min_dist), at most spread"),
            ParameterSpec.ofDouble("spread", 1.0, 1e-3, 100.0, "", "scale of the embedded points (umap-learn spread)"),
            ParameterSpec.ofInt("nEpochs", null, 1, 100_000, "epochs of the optimisation; unset: 500 for up to 10 000 samples, else 200 (as umap-learn)"),
            ParameterSpec.ofDouble("learningRate", 1.0, 1e-6, 100.0, "", "initial learning rate of the stochastic gradient descent"),
            ParameterSpec.ofInt("negativeSampleRate", 5, 0, 1000, "negative samples per positive sample"),
            ParameterSpec.ofDouble("repulsionStrength", 1.0, 0.0, 100.0, "", "weight of the negative samples (umap-learn repulsion_strength, gamma)"),
            ParameterSpec.ofChoice("metric", "euclidean", List.of("euclidean", "cosine", "manhattan"), "distance between input samples"),
            ParameterSpec.ofChoice("init", "spectral", List.of("spectral", "random"), "initial layout: spectral (normalised graph Laplacian) or uniform random"),
            ParameterSpec.ofLong("seed", 0L, "seed of all random draws"));

    private static final List<LiteratureReference> REFS = List.of(
            new LiteratureReference("L. McInnes, J. Healy, J. Melville, UMAP: Uniform Manifold Approximation and Projection for Dimension Reduction, arXiv:1802.03426 (2018)",
                    "10.48550/arXiv.1802.03426"),
            new LiteratureReference("L. McInnes, J. Healy, N. Saul, L. Grossberger, UMAP: Uniform Manifold Approximation and Projection, J. Open Source Softw. 3 (2018) 861",
                    "10.21105/joss.00861"),
            new LiteratureReference("C. Lanczos, An iteration method for the solution of the eigenvalue problem of linear differential and integral operators, J. Res. Natl. Bur. Stand. 45 (1950) 255-282",
                    "10.6028/jres.045.026"),
            new LiteratureReference("D. W. Marquardt, An algorithm for least-squares estimation of nonlinear parameters, J. SIAM 11 (1963) 431-441", "10.1137/0111030"));

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
     * @return the embedding {@code [n][nComponents]}, each coordinate roughly in [0, 10] plus the spread the
     *         optimisation adds
     * @throws IllegalArgumentException if there are fewer than 2 samples, rows of unequal length, a non-finite
     *                                  feature, or {@code minDist > spread}
     * @throws CancellationException    if cancelled (checked per neighbour block and per epoch)
     */
    @Override
    public double[][] embed(double[][] features, Parameters params, ProgressMonitor monitor) {
        double[] x = FeatureMatrix.rowMajor(features, 2, "UMAP");
        int n = features.length;
        int d = features[0].length;
        int dim = params.getInt("nComponents");
        double minDist = params.getDouble("minDist");
        double spread = params.getDouble("spread");
        if (minDist > spread) {
            throw new IllegalArgumentException("UMAP: minDist = " + minDist + " must not exceed spread = " + spread);
        }
        int k = Math.min(params.getInt("nNeighbors"), n - 1);
        k = Math.max(k, Math.min(2, n)); // the sample and at least one other
        int defaultEpochs = n <= 10_000 ? 500 : 200;
        int nEpochs = params.has("nEpochs") ? params.getInt("nEpochs") : defaultEpochs;
        String metric = params.getString("metric");
        long seed = params.getLong("seed");
        SplittableRandom random = new SplittableRandom(seed);
        monitor.begin("UMAP (" + n + " samples, " + dim + "-D)", (n + BLOCK - 1) / BLOCK + nEpochs);
        try {
            Knn knn = nearestNeighbors(x, n, d, k, metric, monitor);
            Graph g = fuzzySimplicialSet(knn, n, k);
            g = g.pruned(g.max() / (nEpochs > 10 ? nEpochs : defaultEpochs));
            double[] emb;
            if (params.getString("init").equals("random")) {
                emb = new double[n * dim];
                for (int i = 0; i < emb.length; i++) {
                    emb[i] = -10 + 20 * random.nextDouble();
                }
            } else {
                emb = spectralLayout(x, n, d, g, dim, random.split(), monitor);
                double maxAbs = 0;
                for (double v : emb) {
                    maxAbs = Math.max(maxAbs, Math.abs(v));
                }
                double expansion = maxAbs > 0 ? 10 / maxAbs : 1;
                for (int i = 0; i < emb.length; i++) {
                    emb[i] = emb[i] * expansion + 1e-4 * random.nextGaussian();
                }
            }
            for (int c = 0; c < dim; c++) {
                double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    lo = Math.min(lo, emb[i * dim + c]);
                    hi = Math.max(hi, emb[i * dim + c]);
                }
                double scale = hi > lo ? 10 / (hi - lo) : 0;
                for (int i = 0; i < n; i++) {
                    emb[i * dim + c] = (emb[i * dim + c] - lo) * scale;
                }
            }
            double[] ab = findAbParams(spread, minDist);
            optimizeLayout(emb, n, dim, g, nEpochs, ab[0], ab[1], params.getDouble("repulsionStrength"), params.getDouble("learningRate"),
                    params.getInt("negativeSampleRate"), random.split(), monitor);
            double[][] out = new double[n][];
            for (int i = 0; i < n; i++) {
                out[i] = Arrays.copyOfRange(emb, i * dim, (i + 1) * dim);
            }
            return out;
        } finally {
            monitor.done();
        }
    }

    private static void checkCancel(ProgressMonitor monitor) {
        if (monitor.isCanceled() || Thread.currentThread().isInterrupted()) {
            throw new CancellationException("UMAP cancelled");
        }
    }

    // ---------------------------------------------------------------- nearest neighbours

    /** Neighbours row-major {@code [n x k]}: indices and distances, ascending, the sample itself first. */
    record Knn(int[] index, double[] dist) {
    }

    /**
     * Exact k nearest neighbours of every sample (itself first, then by ascending distance, ties by index).
     *
     * @param x      samples row-major {@code [n x d]}
     * @param k      neighbours per sample including itself, {@code 2 <= k <= n}
     * @param metric euclidean, cosine or manhattan
     * @return the neighbours
     */
    static Knn nearestNeighbors(double[] x, int n, int d, int k, String metric, ProgressMonitor monitor) {
        boolean manhattan = metric.equals("manhattan");
        boolean cosine = metric.equals("cosine");
        double[] y = x;
        if (!cosine && !manhattan) { // centred copy: the norms in |x|^2 + |y|^2 - 2 x.y then cancel less
            y = new double[x.length];
            double[] mean = new double[d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    mean[j] += x[i * d + j] / n;
                }
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    y[i * d + j] = x[i * d + j] - mean[j];
                }
            }
        }
        if (cosine) { // unit rows: squared Euclidean distance = 2 (1 - cos)
            y = new double[x.length];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += x[i * d + j] * x[i * d + j];
                }
                double inv = s > 0 ? 1 / Math.sqrt(s) : 0;
                for (int j = 0; j < d; j++) {
                    y[i * d + j] = x[i * d + j] * inv;
                }
            }
        }
        double[] yy = y;
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += y[i * d + j] * y[i * d + j];
            }
            norms[i] = s;
        }
        int[] index = new int[n * k];
        double[] dist = new double[n * k];
        int nb = (n + BLOCK - 1) / BLOCK;
        IntStream.range(0, nb).parallel().forEach(b -> {
            checkCancel(monitor);
            int i0 = b * BLOCK;
            int i1 = Math.min(n, i0 + BLOCK);
            int len = i1 - i0;
            int m = k - 1; // neighbours besides the sample itself
            double[] heapD = new double[len * m];
            int[] heapI = new int[len * m];
            int[] size = new int[len];
            double[] tile = manhattan ? new double[d * BLOCK] : null;
            double[] acc = new double[BLOCK * BLOCK];
            for (int j0 = 0; j0 < n; j0 += BLOCK) {
                int jl = Math.min(n, j0 + BLOCK) - j0;
                if (manhattan) {
                    tile(yy, j0, jl, d, tile);
                    Arrays.fill(acc, 0);
                    cityBlockTile(yy, i0, len, d, tile, jl, acc);
                } else {
                    dotBlock(yy, i0, len, j0, jl, d, acc);
                }
                for (int li = 0; li < len; li++) {
                    int i = i0 + li;
                    for (int q = 0; q < jl; q++) {
                        int j = j0 + q;
                        if (j != i) {
                            double v = manhattan ? acc[li * BLOCK + q] : norms[i] + norms[j] - 2 * acc[li * BLOCK + q];
                            offer(heapD, heapI, li * m, m, size, li, v, j);
                        }
                    }
                }
            }
            for (int i = i0; i < i1; i++) {
                int li = i - i0;
                int o = li * m;
                // exact distances of the kept candidates, then sort by (distance, index)
                double[] cd = new double[m];
                int[] ci = new int[m];
                for (int q = 0; q < m; q++) {
                    ci[q] = heapI[o + q];
                    cd[q] = exactDistance(x, i, ci[q], d, metric);
                }
                Integer[] ord = new Integer[m];
                for (int q = 0; q < m; q++) {
                    ord[q] = q;
                }
                Arrays.sort(ord, (p, q) -> cd[p] != cd[q] ? Double.compare(cd[p], cd[q]) : Integer.compare(ci[p], ci[q]));
                index[i * k] = i;
                dist[i * k] = 0;
                for (int q = 0; q < m; q++) {
                    index[i * k + 1 + q] = ci[ord[q]];
                    dist[i * k + 1 + q] = cd[ord[q]];
                }
            }
            monitor.worked(1);
        });
        return new Knn(index, dist);
    }

    /** Copies samples {@code j0 .. j0 + jl - 1} into {@code tile}, feature-major: {@code tile[t * BLOCK + q] = y[(j0 + q) d + t]}. */
    private static void tile(double[] y, int j0, int jl, int d, double[] tile) {
        for (int q = 0; q < jl; q++) {
            int o = (j0 + q) * d;
            for (int t = 0; t < d; t++) {
                tile[t * BLOCK + q] = y[o + t];
            }
        }
    }

    /**
     * {@code acc[li * BLOCK + q] = y_(i0 + li) . y_(j0 + q)}, two samples against four at a time (eight independent
     * sums, feature by feature: the same summation order for every pair).
     */
    private static void dotBlock(double[] y, int i0, int len, int j0, int jl, int d, double[] acc) {
        int li = 0;
        for (; li < len; li += 2) {
            boolean two = li + 1 < len;
            int a0 = (i0 + li) * d, a1 = two ? a0 + d : a0;
            int q = 0;
            for (; q + 3 < jl; q += 4) {
                int b0 = (j0 + q) * d, b1 = b0 + d, b2 = b1 + d, b3 = b2 + d;
                double s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
                for (int t = 0; t < d; t++) {
                    double u0 = y[a0 + t], u1 = y[a1 + t];
                    double v0 = y[b0 + t], v1 = y[b1 + t], v2 = y[b2 + t], v3 = y[b3 + t];
                    s00 += u0 * v0;
                    s01 += u0 * v1;
                    s02 += u0 * v2;
                    s03 += u0 * v3;
                    s10 += u1 * v0;
                    s11 += u1 * v1;
                    s12 += u1 * v2;
                    s13 += u1 * v3;
                }
                int o = li * BLOCK + q;
                acc[o] = s00;
                acc[o + 1] = s01;
                acc[o + 2] = s02;
                acc[o + 3] = s03;
                if (two) {
                    acc[o + BLOCK] = s10;
                    acc[o + BLOCK + 1] = s11;
                    acc[o + BLOCK + 2] = s12;
                    acc[o + BLOCK + 3] = s13;
                }
            }
            for (; q < jl; q++) {
                int b0 = (j0 + q) * d;
                double s0 = 0, s1 = 0;
                for (int t = 0; t < d; t++) {
                    s0 += y[a0 + t] * y[b0 + t];
                    s1 += y[a1 + t] * y[b0 + t];
                }
                acc[li * BLOCK + q] = s0;
                if (two) {
                    acc[(li + 1) * BLOCK + q] = s1;
                }
            }
        }
    }

    /** {@code acc[li * BLOCK + q] += |y_(i0 + li) - tile_q|_1}, feature by feature as {@link #dotTile}. */
    private static void cityBlockTile(double[] y, int i0, int len, int d, double[] tile, int jl, double[] acc) {
        for (int t = 0; t < d; t++) {
            int to = t * BLOCK;
            for (int li = 0; li < len; li++) {
                double v = y[(i0 + li) * d + t];
                int ao = li * BLOCK;
                for (int q = 0; q < jl; q++) {
                    acc[ao + q] += Math.abs(v - tile[to + q]);
                }
            }
        }
    }

    /**
     * Offers candidate j at distance v to the bounded max-heap of row li (capacity m, at offset o); among equal
     * distances the smaller index is preferred.
     */
    private static void offer(double[] hd, int[] hi, int o, int m, int[] size, int li, double v, int j) {
        int s = size[li];
        if (s < m) {
            int c = s;
            size[li] = s + 1;
            while (c > 0) {
                int p = (c - 1) >> 1;
                if (worse(hd[o + p], hi[o + p], v, j)) {
                    break;
                }
                hd[o + c] = hd[o + p];
                hi[o + c] = hi[o + p];
                c = p;
            }
            hd[o + c] = v;
            hi[o + c] = j;
            return;
        }
        if (!worse(hd[o], hi[o], v, j)) {
            return; // not better than the worst kept
        }
        int c = 0;
        while (true) {
            int l = 2 * c + 1;
            if (l >= m) {
                break;
            }
            int r = l + 1;
            int w = r < m && worse(hd[o + r], hi[o + r], hd[o + l], hi[o + l]) ? r : l;
            if (!worse(hd[o + w], hi[o + w], v, j)) {
                break;
            }
            hd[o + c] = hd[o + w];
            hi[o + c] = hi[o + w];
            c = w;
        }
        hd[o + c] = v;
        hi[o + c] = j;
    }

    /** @return true if (d1, i1) ranks after (d2, i2): larger distance, or equal distance and larger index */
    private static boolean worse(double d1, int i1, double d2, int i2) {
        return d1 > d2 || d1 == d2 && i1 > i2;
    }

    private static double cityBlock(double[] x, int a, int b, int d) {
        double s = 0;
        for (int t = 0; t < d; t++) {
            s += Math.abs(x[a + t] - x[b + t]);
        }
        return s;
    }

    /** The distance between samples i and j, computed directly. */
    static double exactDistance(double[] x, int i, int j, int d, String metric) {
        int a = i * d, b = j * d;
        switch (metric) {
            case "manhattan":
                return cityBlock(x, a, b, d);
            case "cosine": {
                double xy = 0, xx = 0, yy = 0;
                for (int t = 0; t < d; t++) {
                    xy += x[a + t] * x[b + t];
                    xx += x[a + t] * x[a + t];
                    yy += x[b + t] * x[b + t];
                }
                if (xx == 0 && yy == 0) {
                    return 0;
                }
                if (xx == 0 || yy == 0) {
                    return 1;
                }
                return Math.max(0, 1 - xy / Math.sqrt(xx * yy));
            }
            default: {
                double s = 0;
                for (int t = 0; t < d; t++) {
                    double u = x[a + t] - x[b + t];
                    s += u * u;
                }
                return Math.sqrt(s);
            }
        }
    }

    // ---------------------------------------------------------------- fuzzy simplicial set

    /** A symmetric sparse graph in CSR form: row pointers, column indices ascending per row, weights. */
    record Graph(int[] ptr, int[] col, double[] w) {
        double max() {
            double m = 0;
            for (double v : w) {
                m = Math.max(m, v);
            }
            return m;
        }

        /** @return the graph without the weights below {@code threshold} */
        Graph pruned(double threshold) {
            int n = ptr.length - 1;
            int[] p = new int[n + 1];
            int cnt = 0;
            for (int e = 0; e < w.length; e++) {
                if (w[e] >= threshold) {
                    cnt++;
                }
            }
            int[] c = new int[cnt];
            double[] v = new double[cnt];
            int o = 0;
            for (int i = 0; i < n; i++) {
                for (int e = ptr[i]; e < ptr[i + 1]; e++) {
                    if (w[e] >= threshold) {
                        c[o] = col[e];
                        v[o++] = w[e];
                    }
                }
                p[i + 1] = o;
            }
            return new Graph(p, c, v);
        }
    }

    /**
     * {@code smooth_knn_dist} of umap-learn: per sample, rho (distance to the nearest neighbour at non-zero
     * distance, local connectivity 1) and sigma such that {@code sum_(j >= 1) exp(-max(0, d_j - rho) / sigma) =
     * log2(k)} by bisection.
     *
     * @param dist distances row-major {@code [n x k]}, ascending, column 0 the sample itself
     * @return {@code {sigma, rho}}, each {@code [n]}
     */
    static double[][] smoothKnnDist(double[] dist, int n, int k) {
        double target = Math.log(k) / Math.log(2);
        double[] sigma = new double[n];
        double[] rho = new double[n];
        double meanAll = 0;
        for (double v : dist) {
            meanAll += v;
        }
        meanAll /= dist.length;
        for (int i = 0; i < n; i++) {
            int o = i * k;
            for (int j = 0; j < k; j++) {
                if (dist[o + j] > 0) {
                    rho[i] = dist[o + j]; // first non-zero distance (the rows are ascending)
                    break;
                }
            }
            double lo = 0, hi = Double.POSITIVE_INFINITY, mid = 1;
            for (int it = 0; it < 64; it++) {
                double psum = 0;
                for (int j = 1; j < k; j++) {
                    double t = dist[o + j] - rho[i];
                    psum += t > 0 ? Math.exp(-(t / mid)) : 1;
                }
                if (Math.abs(psum - target) < SMOOTH_K_TOLERANCE) {
                    break;
                }
                if (psum > target) {
                    hi = mid;
                    mid = (lo + hi) / 2;
                } else {
                    lo = mid;
                    mid = hi == Double.POSITIVE_INFINITY ? mid * 2 : (lo + hi) / 2;
                }
            }
            sigma[i] = mid;
            if (rho[i] > 0) {
                double mean = 0;
                for (int j = 0; j < k; j++) {
                    mean += dist[o + j];
                }
                mean /= k;
                sigma[i] = Math.max(sigma[i], MIN_K_DIST_SCALE * mean);
            } else {
                sigma[i] = Math.max(sigma[i], MIN_K_DIST_SCALE * meanAll);
            }
        }
        return new double[][] {sigma, rho};
    }

    /**
     * Membership strengths of the k-neighbour graph and their fuzzy union with the transpose,
     * {@code w_ij = a + b - a b} (a = membership of j in i's neighbourhood, b of i in j's); zero entries dropped.
     */
    static Graph fuzzySimplicialSet(Knn knn, int n, int k) {
        double[][] sr = smoothKnnDist(knn.dist(), n, k);
        double[] sigma = sr[0], rho = sr[1];
        double[] val = new double[n * k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                int e = i * k + j;
                int c = knn.index()[e];
                double dd = knn.dist()[e];
                if (c == i) {
                    val[e] = 0;
                } else if (dd - rho[i] <= 0 || sigma[i] == 0) {
                    val[e] = 1;
                } else {
                    val[e] = Math.exp(-((dd - rho[i]) / sigma[i]));
                }
            }
        }
        // entries (i, c, a) from the rows and (c, i, b) from the transpose, gathered per row
        int[] cnt = new int[n + 1];
        for (int e = 0; e < n * k; e++) {
            if (val[e] > 0) {
                cnt[e / k + 1]++;
                cnt[knn.index()[e] + 1]++;
            }
        }
        for (int i = 0; i < n; i++) {
            cnt[i + 1] += cnt[i];
        }
        int total = cnt[n];
        int[] cols = new int[total];
        double[] vals = new double[total];
        boolean[] fromRow = new boolean[total];
        int[] fill = Arrays.copyOf(cnt, n);
        for (int e = 0; e < n * k; e++) {
            if (val[e] > 0) {
                int i = e / k, c = knn.index()[e];
                int p = fill[i]++;
                cols[p] = c;
                vals[p] = val[e];
                fromRow[p] = true;
                p = fill[c]++;
                cols[p] = i;
                vals[p] = val[e];
                fromRow[p] = false;
            }
        }
        int[] ptr = new int[n + 1];
        int[] outC = new int[total];
        double[] outW = new double[total];
        int o = 0;
        for (int i = 0; i < n; i++) {
            int s = cnt[i], len = cnt[i + 1] - s;
            long[] keys = new long[len];
            for (int q = 0; q < len; q++) {
                keys[q] = ((long) cols[s + q] << 32) | q;
            }
            Arrays.sort(keys);
            int q = 0;
            while (q < len) {
                int c = (int) (keys[q] >>> 32);
                double a = 0, b = 0;
                int r = q;
                while (r < len && (int) (keys[r] >>> 32) == c) {
                    int p = s + (int) (keys[r] & 0xffffffffL);
                    if (fromRow[p]) {
                        a = vals[p];
                    } else {
                        b = vals[p];
                    }
                    r++;
                }
                double w = a + b - a * b;
                if (w > 0) {
                    outC[o] = c;
                    outW[o++] = w;
                }
                q = r;
            }
            ptr[i + 1] = o;
        }
        return new Graph(ptr, Arrays.copyOf(outC, o), Arrays.copyOf(outW, o));
    }

    // ---------------------------------------------------------------- a, b of the low-dimensional similarity

    /**
     * umap-learn's {@code find_ab_params}: the least-squares fit of {@code 1 / (1 + a x^(2b))} to the offset
     * exponential {@code y = 1} for {@code x < minDist}, {@code exp(-(x - minDist) / spread)} otherwise, at 300 points
     * evenly spaced on {@code [0, 3 spread]}, by Levenberg-Marquardt (Marquardt 1963) from (1, 1) as SciPy's
     * {@code curve_fit}.
     *
     * @param spread  scale of the embedded points, &gt; 0
     * @param minDist minimum distance, {@code 0 <= minDist <= spread} in practice
     * @return {@code {a, b}}
     */
    public static double[] findAbParams(double spread, double minDist) {
        int m = 300;
        double[] xv = new double[m], yv = new double[m];
        for (int i = 0; i < m; i++) {
            xv[i] = 3 * spread * i / (m - 1);
            yv[i] = xv[i] < minDist ? 1 : Math.exp(-(xv[i] - minDist) / spread);
        }
        double a = 1, b = 1;
        double cost = abCost(xv, yv, a, b);
        double lambda = 1e-3;
        for (int it = 0; it < 1000; it++) {
            double jaa = 0, jab = 0, jbb = 0, ga = 0, gb = 0;
            for (int i = 0; i < m; i++) {
                double x = xv[i];
                double t = x > 0 ? Math.pow(x, 2 * b) : 0;
                double den = 1 + a * t;
                double f = 1 / den;
                double r = f - yv[i];
                double da = -t / (den * den);
                double db = x > 0 ? -a * t * 2 * Math.log(x) / (den * den) : 0;
                jaa += da * da;
                jab += da * db;
                jbb += db * db;
                ga += da * r;
                gb += db * r;
            }
            boolean improved = false;
            while (lambda < 1e16) {
                double haa = jaa * (1 + lambda), hbb = jbb * (1 + lambda);
                double det = haa * hbb - jab * jab;
                double sa = -(hbb * ga - jab * gb) / det;
                double sb = -(haa * gb - jab * ga) / det;
                double na = a + sa, nb = b + sb;
                double c = abCost(xv, yv, na, nb);
                if (c < cost) {
                    boolean small = Math.abs(sa) <= 1e-12 * (Math.abs(a) + 1e-12) && Math.abs(sb) <= 1e-12 * (Math.abs(b) + 1e-12);
                    double rel = (cost - c) / cost;
                    a = na;
                    b = nb;
                    cost = c;
                    lambda = Math.max(lambda / 10, 1e-12);
                    improved = true;
                    if (small || rel < 1e-15) {
                        return new double[] {a, b};
                    }
                    break;
                }
                lambda *= 10;
            }
            if (!improved) {
                break;
            }
        }
        return new double[] {a, b};
    }

    private static double abCost(double[] xv, double[] yv, double a, double b) {
        double s = 0;
        for (int i = 0; i < xv.length; i++) {
            double t = xv[i] > 0 ? Math.pow(xv[i], 2 * b) : 0;
            double r = 1 / (1 + a * t) - yv[i];
            s += r * r;
        }
        return s;
    }

    // ---------------------------------------------------------------- spectral initialisation

    /**
     * Spectral layout of the graph, per connected component (umap-learn's {@code spectral_layout} and
     * {@code multi_component_layout}, see the class comment).
     *
     * @return the layout row-major {@code [n x dim]}
     */
    static double[] spectralLayout(double[] x, int n, int d, Graph g, int dim, SplittableRandom random, ProgressMonitor monitor) {
        int[] comp = new int[n];
        int nc = components(g, comp);
        double[] out = new double[n * dim];
        if (nc == 1) {
            int[] members = new int[n];
            for (int i = 0; i < n; i++) {
                members[i] = i;
            }
            double[] e = laplacianEigenmap(g, members, dim, random, monitor);
            if (e == null) {
                warnSpectralFailed(n);
                for (int i = 0; i < out.length; i++) {
                    out[i] = -10 + 20 * random.nextDouble();
                }
                return out;
            }
            return e;
        }
        double[] meta = metaEmbedding(x, n, d, comp, nc, dim);
        int[] size = new int[nc];
        for (int c : comp) {
            size[c]++;
        }
        int[][] members = new int[nc][];
        for (int c = 0; c < nc; c++) {
            members[c] = new int[size[c]];
        }
        int[] fill = new int[nc];
        for (int i = 0; i < n; i++) {
            members[comp[i]][fill[comp[i]]++] = i;
        }
        for (int c = 0; c < nc; c++) {
            checkCancel(monitor);
            double range = Double.POSITIVE_INFINITY;
            for (int q = 0; q < nc; q++) {
                double s = 0;
                for (int t = 0; t < dim; t++) {
                    double u = meta[c * dim + t] - meta[q * dim + t];
                    s += u * u;
                }
                if (s > 0) {
                    range = Math.min(range, Math.sqrt(s));
                }
            }
            range = Double.isInfinite(range) ? 1 : range / 2;
            int[] mem = members[c];
            double[] e = null;
            if (!(mem.length < 2 * dim || mem.length <= dim + 1)) {
                e = laplacianEigenmap(g, mem, dim, random, monitor);
            }
            if (e == null) {
                if (!(mem.length < 2 * dim || mem.length <= dim + 1)) {
                    warnSpectralFailed(mem.length);
                }
                for (int i : mem) {
                    for (int t = 0; t < dim; t++) {
                        out[i * dim + t] = meta[c * dim + t] + range * (2 * random.nextDouble() - 1);
                    }
                }
                continue;
            }
            double maxAbs = 0;
            for (double v : e) {
                maxAbs = Math.max(maxAbs, Math.abs(v));
            }
            double expansion = maxAbs > 0 ? range / maxAbs : 0;
            for (int q = 0; q < mem.length; q++) {
                for (int t = 0; t < dim; t++) {
                    out[mem[q] * dim + t] = e[q * dim + t] * expansion + meta[c * dim + t];
                }
            }
        }
        return out;
    }

    /** Logs umap-learn's warning when the eigenvector iteration of a component did not converge. */
    private static void warnSpectralFailed(int size) {
        System.getLogger(UmapEmbedder.class.getName()).log(System.Logger.Level.WARNING,
                "UMAP: spectral initialisation failed for a graph component of " + size
                        + " samples (the Lanczos iteration did not converge, too small an eigengap); falling back to random initialisation for it");
    }

    /** Connected components by breadth-first search, numbered in order of their smallest sample. */
    static int components(Graph g, int[] comp) {
        int n = comp.length;
        Arrays.fill(comp, -1);
        int[] queue = new int[n];
        int nc = 0;
        for (int s = 0; s < n; s++) {
            if (comp[s] >= 0) {
                continue;
            }
            int head = 0, tail = 0;
            queue[tail++] = s;
            comp[s] = nc;
            while (head < tail) {
                int i = queue[head++];
                for (int e = g.ptr()[i]; e < g.ptr()[i + 1]; e++) {
                    int j = g.col()[e];
                    if (comp[j] < 0) {
                        comp[j] = nc;
                        queue[tail++] = j;
                    }
                }
            }
            nc++;
        }
        return nc;
    }

    /**
     * Positions of the components: &plusmn; unit vectors if there are at most 2 dim of them, else a spectral
     * embedding of the component centroids (affinities {@code exp(-d^2)}, normalised Laplacian, eigenvectors
     * divided by the square root of the degrees as scikit-learn's {@code SpectralEmbedding}) scaled to a largest
     * coordinate of 1. Beyond 2000 components the centroids' positions are random (a dense eigenproblem that size
     * would not be worth it).
     */
    private static double[] metaEmbedding(double[] x, int n, int d, int[] comp, int nc, int dim) {
        double[] meta = new double[nc * dim];
        if (nc <= 2 * dim) {
            int half = (nc + 1) / 2;
            for (int c = 0; c < nc; c++) {
                int axis = c < half ? c : c - half;
                meta[c * dim + axis] = c < half ? 1 : -1;
            }
            return meta;
        }
        if (nc > 2000) {
            SplittableRandom r = new SplittableRandom(nc);
            for (int i = 0; i < meta.length; i++) {
                meta[i] = 2 * r.nextDouble() - 1;
            }
            return meta;
        }
        double[] cen = new double[nc * d];
        int[] cnt = new int[nc];
        for (int i = 0; i < n; i++) {
            cnt[comp[i]]++;
            for (int t = 0; t < d; t++) {
                cen[comp[i] * d + t] += x[i * d + t];
            }
        }
        for (int c = 0; c < nc; c++) {
            for (int t = 0; t < d; t++) {
                cen[c * d + t] /= cnt[c];
            }
        }
        double[] a = new double[nc * nc];
        double[] deg = new double[nc];
        for (int p = 0; p < nc; p++) {
            for (int q = 0; q < nc; q++) {
                double s = 0;
                for (int t = 0; t < d; t++) {
                    double u = cen[p * d + t] - cen[q * d + t];
                    s += u * u;
                }
                a[p * nc + q] = p == q ? 0 : Math.exp(-s);
                deg[p] += a[p * nc + q];
            }
        }
        for (int p = 0; p < nc; p++) {
            deg[p] = deg[p] > 0 ? Math.sqrt(deg[p]) : 1;
        }
        for (int p = 0; p < nc; p++) {
            for (int q = 0; q < nc; q++) {
                a[p * nc + q] /= deg[p] * deg[q];
            }
        }
        double[] vecs = new double[nc * nc];
        double[] vals = jacobi(a, nc, vecs);
        Integer[] ord = new Integer[nc];
        for (int i = 0; i < nc; i++) {
            ord[i] = i;
        }
        Arrays.sort(ord, (p, q) -> Double.compare(vals[q], vals[p])); // largest of D^-1/2 A D^-1/2 = smallest of the Laplacian
        double maxAbs = 0;
        for (int t = 0; t < dim; t++) {
            int col = ord[Math.min(t + 1, nc - 1)];
            for (int c = 0; c < nc; c++) {
                double v = vecs[c * nc + col] / deg[c];
                meta[c * dim + t] = v;
                maxAbs = Math.max(maxAbs, Math.abs(v));
            }
        }
        if (maxAbs > 0) {
            for (int i = 0; i < meta.length; i++) {
                meta[i] /= maxAbs;
            }
        }
        return meta;
    }

    /**
     * The eigenvectors of the normalised Laplacian of the subgraph on {@code members} (a connected component) for
     * its 2nd to (dim+1)th smallest eigenvalues, by Lanczos on {@code M = D^-1/2 W D^-1/2} (whose largest
     * eigenvalues these are) with full re-orthogonalisation and explicit restarts, deflating the known eigenvector
     * {@code D^1/2 1} (eigenvalue 1).
     *
     * @return {@code [size x dim]} row-major, or null if the iteration did not converge to residual 1e-4
     */
    static double[] laplacianEigenmap(Graph g, int[] members, int dim, SplittableRandom random, ProgressMonitor monitor) {
        int s = members.length;
        int[] local = new int[g.ptr().length - 1];
        Arrays.fill(local, -1);
        for (int q = 0; q < s; q++) {
            local[members[q]] = q;
        }
        double[] invSqrtDeg = new double[s];
        double[] trivial = new double[s];
        double tn = 0;
        for (int q = 0; q < s; q++) {
            int i = members[q];
            double deg = 0;
            for (int e = g.ptr()[i]; e < g.ptr()[i + 1]; e++) {
                deg += g.w()[e];
            }
            invSqrtDeg[q] = deg > 0 ? 1 / Math.sqrt(deg) : 0;
            trivial[q] = Math.sqrt(deg);
            tn += deg;
        }
        tn = Math.sqrt(tn);
        for (int q = 0; q < s; q++) {
            trivial[q] /= tn;
        }
        int want = Math.min(dim, s - 1);
        int maxBasis = Math.min(s - 1, Math.max(2 * (dim + 1) + 1, Math.max(60, Math.min(300, (int) Math.sqrt(s) * 2))));
        double[] start = new double[s];
        for (int q = 0; q < s; q++) {
            start[q] = random.nextGaussian();
        }
        double[] result = null;
        for (int restart = 0; restart < 30; restart++) {
            checkCancel(monitor);
            Lanczos lz = lanczos(g, members, local, invSqrtDeg, trivial, start, maxBasis, want, dim);
            result = lz.vectors();
            if (lz.converged()) {
                break;
            }
            if (restart == 29) {
                return null;
            }
            // restart from the sum of the wanted Ritz vectors
            Arrays.fill(start, 0);
            for (int q = 0; q < s; q++) {
                for (int t = 0; t < want; t++) {
                    start[q] += result[q * dim + t];
                }
            }
        }
        return result;
    }

    private record Lanczos(double[] vectors, boolean converged) {
    }

    /** y = D^-1/2 W D^-1/2 v on the component. */
    private static void multiply(Graph g, int[] members, int[] local, double[] invSqrtDeg, double[] v, double[] y) {
        for (int q = 0; q < members.length; q++) {
            int i = members[q];
            double acc = 0;
            for (int e = g.ptr()[i]; e < g.ptr()[i + 1]; e++) {
                int r = local[g.col()[e]];
                acc += g.w()[e] * invSqrtDeg[r] * v[r];
            }
            y[q] = acc * invSqrtDeg[q];
        }
    }

    private static void orthogonalise(double[] v, double[] u) {
        double dot = 0;
        for (int q = 0; q < v.length; q++) {
            dot += v[q] * u[q];
        }
        for (int q = 0; q < v.length; q++) {
            v[q] -= dot * u[q];
        }
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double t : v) {
            s += t * t;
        }
        return Math.sqrt(s);
    }

    /**
     * One Lanczos run of at most {@code maxBasis} steps on the operator deflated by {@code trivial}; Ritz pairs
     * are checked at steps 20, 30, 45, ... (every half of the basis size), converged when {@code |beta_m s_m| <= 1e-4} for the {@code want} largest.
     */
    private static Lanczos lanczos(Graph g, int[] members, int[] local, double[] invSqrtDeg, double[] trivial, double[] start, int maxBasis,
            int want, int dim) {
        int s = members.length;
        int nextCheck = Math.max(want, 20);
        double[][] basis = new double[maxBasis + 1][];
        double[] alpha = new double[maxBasis];
        double[] beta = new double[maxBasis + 1];
        double[] v = start.clone();
        orthogonalise(v, trivial);
        double nv = norm(v);
        if (!(nv > 0)) {
            v = new double[s];
            for (int q = 0; q < s; q++) {
                v[q] = (q % 7) - 3 + 0.1 * q / s;
            }
            orthogonalise(v, trivial);
            nv = norm(v);
        }
        for (int q = 0; q < s; q++) {
            v[q] /= nv;
        }
        basis[0] = v;
        double[] w = new double[s];
        int m = 0;
        double[] ritz = null;
        boolean converged = false;
        while (m < maxBasis) {
            multiply(g, members, local, invSqrtDeg, basis[m], w);
            double a = 0;
            for (int q = 0; q < s; q++) {
                a += w[q] * basis[m][q];
            }
            alpha[m] = a;
            // full re-orthogonalisation (twice) against the trivial vector and the basis
            for (int pass = 0; pass < 2; pass++) {
                orthogonalise(w, trivial);
                for (int p = 0; p <= m; p++) {
                    orthogonalise(w, basis[p]);
                }
            }
            double bnorm = norm(w);
            m++;
            beta[m] = bnorm;
            boolean exhausted = bnorm < 1e-12;
            if (m >= want && (m >= nextCheck || m == maxBasis || exhausted)) {
                nextCheck = m + Math.max(10, m / 2); // geometric schedule: the dense Ritz problems cost O(m^3)
                // Ritz pairs of the tridiagonal T_m
                double[] t = new double[m * m];
                for (int p = 0; p < m; p++) {
                    t[p * m + p] = alpha[p];
                    if (p + 1 < m) {
                        t[p * m + p + 1] = beta[p + 1];
                        t[(p + 1) * m + p] = beta[p + 1];
                    }
                }
                double[] vecs = new double[m * m];
                double[] vals = jacobi(t, m, vecs);
                Integer[] ord = new Integer[m];
                for (int p = 0; p < m; p++) {
                    ord[p] = p;
                }
                Arrays.sort(ord, (p, q) -> Double.compare(vals[q], vals[p]));
                boolean ok = true;
                for (int r = 0; r < want; r++) {
                    if (Math.abs(bnorm * vecs[(m - 1) * m + ord[r]]) > 1e-4) {
                        ok = false;
                    }
                }
                if (ok || m == maxBasis || exhausted) {
                    ritz = new double[s * dim];
                    for (int r = 0; r < want; r++) {
                        int col = ord[r];
                        for (int p = 0; p < m; p++) {
                            double c = vecs[p * m + col];
                            double[] bp = basis[p];
                            for (int q = 0; q < s; q++) {
                                ritz[q * dim + r] += c * bp[q];
                            }
                        }
                    }
                    converged = ok || exhausted && m >= want;
                    break;
                }
            }
            if (exhausted) {
                break;
            }
            double[] next = new double[s];
            for (int q = 0; q < s; q++) {
                next[q] = w[q] / bnorm;
            }
            basis[m] = next;
        }
        return new Lanczos(ritz == null ? new double[s * dim] : ritz, converged);
    }

    /**
     * Eigen-decomposition of a dense symmetric matrix by cyclic Jacobi rotations.
     *
     * @param a    the matrix row-major {@code [n x n]}, overwritten
     * @param vecs receives the eigenvectors as columns, row-major {@code [n x n]}
     * @return the eigenvalues, in the order of the columns
     */
    static double[] jacobi(double[] a, int n, double[] vecs) {
        Arrays.fill(vecs, 0);
        for (int i = 0; i < n; i++) {
            vecs[i * n + i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0, diag = 0;
            for (int p = 0; p < n; p++) {
                diag += a[p * n + p] * a[p * n + p];
                for (int q = p + 1; q < n; q++) {
                    off += a[p * n + q] * a[p * n + q];
                }
            }
            if (off <= 1e-30 * diag || off == 0) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = a[p * n + q];
                    if (Math.abs(apq) < 1e-300) {
                        continue;
                    }
                    double app = a[p * n + p], aqq = a[q * n + q];
                    double theta = (aqq - app) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1), sn = t * c;
                    for (int r = 0; r < n; r++) { // columns p, q
                        double arp = a[r * n + p], arq = a[r * n + q];
                        a[r * n + p] = c * arp - sn * arq;
                        a[r * n + q] = sn * arp + c * arq;
                    }
                    for (int r = 0; r < n; r++) { // rows p, q
                        double apr = a[p * n + r], aqr = a[q * n + r];
                        a[p * n + r] = c * apr - sn * aqr;
                        a[q * n + r] = sn * apr + c * aqr;
                    }
                    for (int r = 0; r < n; r++) {
                        double vrp = vecs[r * n + p], vrq = vecs[r * n + q];
                        vecs[r * n + p] = c * vrp - sn * vrq;
                        vecs[r * n + q] = sn * vrp + c * vrq;
                    }
                }
            }
        }
        double[] vals = new double[n];
        for (int i = 0; i < n; i++) {
            vals[i] = a[i * n + i];
        }
        return vals;
    }

    // ---------------------------------------------------------------- optimisation

    /**
     * umap-learn's {@code optimize_layout_euclidean} (move_other = true) on the edges of {@code g} in CSR order.
     *
     * @param emb layout row-major {@code [n x dim]}, optimised in place
     */
    static void optimizeLayout(double[] emb, int n, int dim, Graph g, int nEpochs, double a, double b, double gamma, double initialAlpha,
            int negativeRate, SplittableRandom random, ProgressMonitor monitor) {
        int ne = g.w().length;
        int[] head = new int[ne];
        for (int i = 0; i < n; i++) {
            for (int e = g.ptr()[i]; e < g.ptr()[i + 1]; e++) {
                head[e] = i;
            }
        }
        int[] tail = g.col();
        double wmax = g.max();
        double[] eps = new double[ne];
        double[] epsNeg = new double[ne];
        double[] nextSample = new double[ne];
        double[] nextNeg = new double[ne];
        for (int e = 0; e < ne; e++) {
            double samples = nEpochs * (g.w()[e] / wmax);
            eps[e] = samples > 0 ? nEpochs / samples : -1;
            epsNeg[e] = negativeRate > 0 ? eps[e] / negativeRate : Double.POSITIVE_INFINITY;
            nextSample[e] = eps[e];
            nextNeg[e] = epsNeg[e];
        }
        double alpha = initialAlpha;
        double[] cur = new double[dim];
        for (int epoch = 0; epoch < nEpochs; epoch++) {
            checkCancel(monitor);
            for (int e = 0; e < ne; e++) {
                if (!(nextSample[e] <= epoch)) {
                    continue;
                }
                int j = head[e];
                int k = tail[e];
                int jo = j * dim, ko = k * dim;
                double d2 = 0;
                for (int t = 0; t < dim; t++) {
                    double u = emb[jo + t] - emb[ko + t];
                    d2 += u * u;
                }
                double coeff = 0;
                if (d2 > 0) {
                    double pb1 = Math.pow(d2, b - 1);
                    coeff = -2 * a * b * pb1 / (a * pb1 * d2 + 1);
                }
                for (int t = 0; t < dim; t++) {
                    double gd = clip(coeff * (emb[jo + t] - emb[ko + t]));
                    emb[jo + t] += gd * alpha;
                    emb[ko + t] -= gd * alpha;
                }
                nextSample[e] += eps[e];
                int nNeg = (int) ((epoch - nextNeg[e]) / epsNeg[e]);
                for (int p = 0; p < nNeg; p++) {
                    int kk = random.nextInt(n);
                    int kko = kk * dim;
                    double s2 = 0;
                    for (int t = 0; t < dim; t++) {
                        double u = emb[jo + t] - emb[kko + t];
                        s2 += u * u;
                    }
                    double c;
                    if (s2 > 0) {
                        c = 2 * gamma * b / ((0.001 + s2) * (a * Math.pow(s2, b) + 1));
                    } else if (j == kk) {
                        continue;
                    } else {
                        c = 0;
                    }
                    for (int t = 0; t < dim; t++) {
                        double gd = c > 0 ? clip(c * (emb[jo + t] - emb[kko + t])) : 4;
                        emb[jo + t] += gd * alpha;
                    }
                }
                if (nNeg > 0) {
                    nextNeg[e] += nNeg * epsNeg[e];
                }
            }
            alpha = initialAlpha * (1 - (double) epoch / nEpochs);
            monitor.worked(1);
        }
    }

    private static double clip(double v) {
        return v > 4 ? 4 : v < -4 ? -4 : v;
    }
}
