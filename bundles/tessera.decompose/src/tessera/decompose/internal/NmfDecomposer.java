package tessera.decompose.internal;

import java.util.List;

import tessera.core.analysis.Decomposer;
import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.DType;
import tessera.core.model.Dataset;
import tessera.math.Kernels;
import tessera.math.Randomized;
import tessera.math.RowMatrix;
import tessera.math.RowReader;

/**
 * Non-negative matrix factorisation {@code X ≈ W H} (X {@code [n x p]}, loadings W {@code [n x k]},
 * factors H {@code [k x p]}, all non-negative) minimising the Frobenius norm, as scikit-learn 1.2's
 * {@code NMF(n_components=k)} that HyperSpy 1.7.3's {@code decomposition(algorithm="NMF")} calls:
 * <ul>
 * <li>initialisation NNDSVDa (C. Boutsidis, E. Gallopoulos, Pattern Recognition 41 (2008) 1350,
 *   doi:10.1016/j.patcog.2007.09.010), from a randomized truncated SVD seeded by {@code seed};
 *   entries below 1e-6 are set to the mean of X;</li>
 * <li>cyclic coordinate descent on W then on H per iteration, i.e. HALS (Cichocki and Phan 2009),
 *   the {@code solver="cd"} of scikit-learn with {@code shuffle=False} and no regularisation;</li>
 * <li>stopping when the summed absolute projected gradient of an iteration falls below
 *   {@code tol} times that of the first iteration, or after {@code maxIterations}.</li>
 * </ul>
 * With {@code normalizePoissonianNoise} the data are weighted first as for PCA (Keenan and Kotula
 * 2004) and W, H un-weighted afterwards ({@code H * sqrt(bH)}, {@code W * sqrt(aG)}), as HyperSpy.
 *
 * <p>Implementation: one pass over the data per iteration, a {@link RowMatrix#sweep}: for each
 * block of rows, {@code X_B H^T} is computed, the block's W rows are updated and {@code W^T X} for
 * the H update is accumulated while the block is in cache (OpenBLAS {@code sgemm} on float32, as
 * scikit-learn on float32 data, when {@link Kernels#backend()} is OpenBLAS; float64 Java kernels
 * otherwise). Blocks are reduced in a fixed order, so results do not depend on the number of
 * threads. Float32 data in the platform's byte order are used in place (also a read-only file mapping: the data are
 * then read from the file at every iteration, and need no memory of their size); other (or weighted) data are held
 * as one float32 copy (native memory with OpenBLAS) when they have fewer than 2^31 values and the copy fits in
 * {@link #cacheBytes()}, else read (and converted, weighted) from the dataset in blocks of rows at every iteration,
 * with the same values and so the same result.
 */
public final class NmfDecomposer implements Decomposer {
    /** Contribution id. */
    public static final String ID = "tessera.decompose.nmf";

    private static final List<ParameterSpec> PARAMS = List.of(
            ParameterSpec.ofInt("components", 3, 1, null, "rank k of the factorisation"),
            ParameterSpec.ofInt("maxIterations", 200, 1, 1_000_000, "maximum number of iterations (scikit-learn max_iter)"),
            ParameterSpec.ofDouble("tol", 1e-4, 0.0, 1.0, "", "stop when the projected-gradient norm falls below tol times its first value (scikit-learn tol)"),
            ParameterSpec.ofLong("seed", 0L, "seed of the randomized SVD behind the NNDSVDa initialisation"),
            ParameterSpec.ofBoolean("normalizePoissonianNoise", false, "weight the data by 1/sqrt(spectrum sum * channel sum) (Keenan & Kotula 2004), as HyperSpy's normalize_poissonian_noise"));

    private static final List<LiteratureReference> REFS = List.of(
            new LiteratureReference("D. D. Lee, H. S. Seung, Learning the parts of objects by non-negative matrix factorization, Nature 401 (1999) 788-791", "10.1038/44565"),
            new LiteratureReference("A. Cichocki, A.-H. Phan, Fast local algorithms for large scale nonnegative matrix and tensor factorizations, IEICE Trans. Fundamentals E92-A (2009) 708-721",
                    "10.1587/transfun.E92.A.708"),
            new LiteratureReference("C. Boutsidis, E. Gallopoulos, SVD based initialization: a head start for nonnegative matrix factorization, Pattern Recognition 41 (2008) 1350-1362",
                    "10.1016/j.patcog.2007.09.010"),
            new LiteratureReference("M. R. Keenan, P. G. Kotula, Surf. Interface Anal. 36 (2004) 203-212", "10.1002/sia.1657"));

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
     * @return factors {@code [k, signal axes]} (float64) and loadings {@code [k, navigation axes]} (float32); no
     *         explained variance
     * @throws IllegalArgumentException if the data contain a negative (or non-finite) value, or k exceeds min(n, p)
     */
    @Override
    public DecompositionResult decompose(Dataset data, Parameters params, ProgressMonitor monitor) {
        RowReader raw = Support.rows(data);
        int n = Math.toIntExact(data.navigationSize());
        int p = data.signalSize();
        int k = params.getInt("components");
        if (k > Math.min(n, p)) {
            throw new IllegalArgumentException("components = " + k + " but NMF needs k <= min(n, p) = " + Math.min(n, p));
        }
        int maxIter = params.getInt("maxIterations");
        double tol = params.getDouble("tol");
        boolean poisson = params.getBoolean("normalizePoissonianNoise");
        monitor.begin("NMF (" + k + " components)", maxIter + 2L);
        try {
            double[] rootAG = null, rootBH = null, rowW = null;
            RowReader x = raw;
            if (poisson) {
                double[][] w = Support.poissonWeights(Kernels.sums(raw, n, p, ProgressMonitor.NULL));
                rootAG = w[0];
                rootBH = w[1];
                rowW = w[2];
                x = Support.scaleColumns(raw, p, w[3]);
            }
            double[] w = new double[n * k];
            double[] h = new double[k * p];
            // one float32 copy (weighted) when it fits, checking the sign of every value as it is read
            RowReader checked = checkedRows(x, p, rowW);
            boolean cache = (long) n * p <= Integer.MAX_VALUE - 16 && (long) n * p * Float.BYTES <= cacheBytes();
            RowMatrix in = null;
            double[] columnSums = null;
            if (!poisson && data.dtype() == DType.FLOAT32 && data.byteOrder().equals(java.nio.ByteOrder.nativeOrder())) {
                // float32 data used as they are (no second copy of the cube), once their signs are checked
                columnSums = Kernels.sums(checked, n, p, ProgressMonitor.NULL)[1];
                in = RowMatrix.wrap(data.data(), n, p);
            }
            try (RowMatrix rows = in != null ? in : cache ? RowMatrix.copyOf(checked, n, p, ProgressMonitor.NULL) : RowMatrix.streaming(checked, n, p)) {
                double total = 0;
                for (double c : columnSums != null ? columnSums : Kernels.sums(rows, n, p, ProgressMonitor.NULL)[1]) {
                    total += c;
                }
                double mean = total / ((double) n * p);
                monitor.worked(1);

                // NNDSVDa initialisation
                int powerIter = k < 0.1 * Math.min(n, p) ? 7 : 4;
                Randomized svd = Randomized.svd(rows, n, p, k, 10, powerIter, params.getLong("seed"), monitor);
                nndsvda(svd, n, p, k, mean, w, h);
                monitor.worked(1);

                double violationInit = 0;
                for (int it = 1; it <= maxIter; it++) {
                    Kernels.checkCancel(monitor);
                    double[] hht = gram(h, k, p);
                    // W update (coordinate descent on each row) fused with W^T X for the H update
                    RowMatrix.Sweep sw = rows.sweep(h, k, (first, count, xh, a) -> updateW(w, (int) first, count, k, xh, hht, a), monitor);
                    double[] wtx = sw.s();
                    double[] wtw = gramOfRows(w, n, k);
                    double violation = sw.sum();
                    // H update: columns are independent
                    for (int j = 0; j < p; j++) {
                        for (int t = 0; t < k; t++) {
                            double grad = -wtx[t * p + j];
                            for (int r = 0; r < k; r++) {
                                grad += wtw[t * k + r] * h[r * p + j];
                            }
                            double pg = h[t * p + j] == 0 ? Math.min(0, grad) : grad;
                            violation += Math.abs(pg);
                            double hess = wtw[t * k + t];
                            if (hess != 0) {
                                h[t * p + j] = Math.max(h[t * p + j] - grad / hess, 0);
                            }
                        }
                    }
                    monitor.worked(1);
                    if (it == 1) {
                        violationInit = violation;
                    }
                    if (violationInit == 0 || violation / violationInit <= tol) {
                        break;
                    }
                }
            }
            float[] load = new float[k * n];
            for (int r = 0; r < n; r++) {
                for (int t = 0; t < k; t++) {
                    load[t * n + r] = (float) (w[r * k + t] * (poisson ? rootAG[r] : 1));
                }
            }
            if (poisson) {
                for (int t = 0; t < k; t++) {
                    for (int j = 0; j < p; j++) {
                        h[t * p + j] *= rootBH[j];
                    }
                }
            }
            return new DecompositionResult(ID, Support.factors(h, k, data), Support.loadings(load, k, data), null, params);
        } finally {
            monitor.done();
        }
    }

    /** System property: the largest float32 copy of the data, in bytes, NMF makes (else it streams the data every iteration). */
    public static final String CACHE_PROPERTY = "tessera.decompose.nmf.cacheBytes";

    /**
     * The largest float32 copy of (weighted or converted) data NMF holds: the system property {@value #CACHE_PROPERTY}
     * if set to a non-negative integer, else half the Java heap limit ({@link Runtime#maxMemory()}), so that a job run
     * with a small {@code -Xmx} streams large data from their file instead of copying them. Streaming reads and
     * converts the same float32 values at every iteration, so the result is the same bit for bit; only the time
     * differs.
     *
     * @return the budget in bytes
     */
    static long cacheBytes() {
        String v = System.getProperty(CACHE_PROPERTY);
        if (v != null) {
            try {
                long b = Long.parseLong(v.trim());
                if (b >= 0) {
                    return b;
                }
            } catch (NumberFormatException e) {
                // not a number: the default
            }
        }
        return Runtime.getRuntime().maxMemory() / 2;
    }

    /**
     * Coordinate-descent update of W rows {@code [first, first + count)} (scikit-learn's
     * {@code _update_cdnmf_fast} for one row at a time, components in order), writing the new rows
     * into {@code a}.
     *
     * @return the summed absolute projected gradient of these rows before their update
     */
    static double updateW(double[] w, int first, int count, int k, double[] xh, double[] hht, double[] a) {
        double viol = 0;
        for (int r = 0; r < count; r++) {
            int wr = (first + r) * k;
            for (int t = 0; t < k; t++) {
                double grad = -xh[r * k + t];
                for (int q = 0; q < k; q++) {
                    grad += hht[t * k + q] * w[wr + q];
                }
                double pg = w[wr + t] == 0 ? Math.min(0, grad) : grad;
                viol += Math.abs(pg);
                double hess = hht[t * k + t];
                if (hess != 0) {
                    w[wr + t] = Math.max(w[wr + t] - grad / hess, 0);
                }
            }
            System.arraycopy(w, wr, a, r * k, k);
        }
        return viol;
    }

    /** @return {@code H H^T} ({@code [k x k]}) of the row-major {@code [k x p]} matrix h */
    static double[] gram(double[] h, int k, int p) {
        double[] g = new double[k * k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b <= a; b++) {
                double s = 0;
                for (int j = 0; j < p; j++) {
                    s += h[a * p + j] * h[b * p + j];
                }
                g[a * k + b] = s;
                g[b * k + a] = s;
            }
        }
        return g;
    }

    /** @return {@code W^T W} ({@code [k x k]}) of the row-major {@code [n x k]} matrix w, summed in row order */
    static double[] gramOfRows(double[] w, int n, int k) {
        double[] g = new double[k * k];
        for (int r = 0; r < n; r++) {
            int o = r * k;
            for (int a = 0; a < k; a++) {
                double wa = w[o + a];
                if (wa != 0) {
                    for (int b = 0; b < k; b++) {
                        g[a * k + b] += wa * w[o + b];
                    }
                }
            }
        }
        return g;
    }

    /**
     * @return rows of x multiplied by the row weights (if any), rounded to float32, each checked to be
     *         non-negative and finite as it is read
     */
    private static RowReader checkedRows(RowReader x, int p, double[] rowW) {
        return (first, count, out, off) -> {
            x.read(first, count, out, off);
            for (int r = 0; r < count; r++) {
                long row = first + r;
                float wr = rowW == null ? 1f : (float) rowW[Math.toIntExact(row)];
                int o = off + r * p;
                for (int j = 0; j < p; j++) {
                    float v = out[o + j];
                    if (!(v >= 0) || !Float.isFinite(v)) {
                        throw new IllegalArgumentException("NMF needs non-negative finite data, but the value at navigation index " + row
                                + ", channel " + j + " is " + v + " (subtract no background / use PCA instead)");
                    }
                    out[o + j] = v * wr;
                }
            }
        };
    }

    /** NNDSVD (Boutsidis & Gallopoulos 2008) with zeros replaced by the data mean (variant "a"), as scikit-learn. */
    static void nndsvda(Randomized svd, int n, int p, int k, double mean, double[] w, double[] h) {
        nndsvd(svd, n, p, k, w, h);
        for (int i = 0; i < w.length; i++) {
            if (w[i] == 0) {
                w[i] = mean;
            }
        }
        for (int i = 0; i < h.length; i++) {
            if (h[i] == 0) {
                h[i] = mean;
            }
        }
    }

    /**
     * NNDSVD (Boutsidis & Gallopoulos 2008) as scikit-learn's {@code _initialize_nmf(init="nndsvd")}: entries below
     * 1e-6 set to 0.
     *
     * @param svd the top-k singular triplets of X {@code [n x p]}
     * @param w   out: {@code [n x k]}
     * @param h   out: {@code [k x p]}
     */
    static void nndsvd(Randomized svd, int n, int p, int k, double[] w, double[] h) {
        double[] u = svd.u();
        double[] v = svd.v();
        double[] s = svd.s();
        double s0 = Math.sqrt(s[0]);
        for (int r = 0; r < n; r++) {
            w[r * k] = s0 * Math.abs(u[r * k]);
        }
        for (int j = 0; j < p; j++) {
            h[j] = s0 * Math.abs(v[j]);
        }
        for (int c = 1; c < k; c++) {
            double xp = 0, xn = 0, yp = 0, yn = 0;
            for (int r = 0; r < n; r++) {
                double a = u[r * k + c];
                if (a > 0) {
                    xp += a * a;
                } else {
                    xn += a * a;
                }
            }
            for (int j = 0; j < p; j++) {
                double a = v[c * p + j];
                if (a > 0) {
                    yp += a * a;
                } else {
                    yn += a * a;
                }
            }
            xp = Math.sqrt(xp);
            xn = Math.sqrt(xn);
            yp = Math.sqrt(yp);
            yn = Math.sqrt(yn);
            double mp = xp * yp, mn = xn * yn;
            boolean pos = mp > mn;
            double sigma = pos ? mp : mn;
            double lbd = Math.sqrt(s[c] * sigma);
            double xnrm = pos ? xp : xn, ynrm = pos ? yp : yn;
            for (int r = 0; r < n; r++) {
                double a = u[r * k + c];
                double part = pos ? Math.max(a, 0) : Math.max(-a, 0);
                w[r * k + c] = xnrm > 0 ? lbd * part / xnrm : 0;
            }
            for (int j = 0; j < p; j++) {
                double a = v[c * p + j];
                double part = pos ? Math.max(a, 0) : Math.max(-a, 0);
                h[c * p + j] = ynrm > 0 ? lbd * part / ynrm : 0;
            }
        }
        for (int i = 0; i < w.length; i++) {
            if (w[i] < 1e-6) {
                w[i] = 0;
            }
        }
        for (int i = 0; i < h.length; i++) {
            if (h[i] < 1e-6) {
                h[i] = 0;
            }
        }
    }
}
