package tessera.decompose.internal;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import tessera.core.analysis.Decomposer;
import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Dataset;
import tessera.math.Kernels;
import tessera.math.Randomized;
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
 * <p>Implementation: one pass over the data per iteration; W rows are updated while
 * {@code W^T X} and {@code W^T W} for the H update are accumulated in the same pass, in fixed
 * row chunks reduced in a fixed order (deterministic for any thread count). The data are held
 * as one float32 copy when they fit in a Java array, else streamed from the dataset.
 */
public final class NmfDecomposer implements Decomposer {
    /** Contribution id. */
    public static final String ID = "tessera.decompose.nmf";
    private static final int CHUNK = 256;

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
            // one float32 copy (weighted) when it fits, also checking the sign of every value
            boolean cache = (long) n * p <= Integer.MAX_VALUE - 16;
            float[] xc = cache ? new float[n * p] : null;
            double mean = checkAndCache(x, n, p, rowW, xc, monitor);
            final double[] rowWf = rowW;
            final RowReader xs = x;
            RowReader rows = cache ? (first, count, out, off) -> System.arraycopy(xc, Math.toIntExact(first * p), out, off, count * p)
                    : (first, count, out, off) -> {
                        xs.read(first, count, out, off);
                        for (int r = 0; r < count; r++) {
                            float wr = (float) rowWf[Math.toIntExact(first + r)];
                            for (int j = 0; j < p; j++) {
                                out[off + r * p + j] *= wr;
                            }
                        }
                    };
            if (!poisson) {
                rows = cache ? rows : raw;
            }
            monitor.worked(1);

            // NNDSVDa initialisation
            int powerIter = k < 0.1 * Math.min(n, p) ? 7 : 4;
            Randomized svd = Randomized.svd(rows, n, p, k, 10, powerIter, params.getLong("seed"), monitor);
            double[] w = new double[n * k];
            double[] h = new double[k * p];
            nndsvda(svd, n, p, k, mean, w, h);
            monitor.worked(1);

            int nChunks = (n + CHUNK - 1) / CHUNK;
            double[][] wtxPart = new double[nChunks][k * p];
            double[][] wtwPart = new double[nChunks][k * k];
            double[] violPart = new double[nChunks];
            double violationInit = 0;
            final RowReader rr = rows;
            for (int it = 1; it <= maxIter; it++) {
                Kernels.checkCancel(monitor);
                double[] hht = new double[k * k];
                for (int a = 0; a < k; a++) {
                    for (int b = 0; b <= a; b++) {
                        double s = 0;
                        for (int j = 0; j < p; j++) {
                            s += h[a * p + j] * h[b * p + j];
                        }
                        hht[a * k + b] = s;
                        hht[b * k + a] = s;
                    }
                }
                final double[] hcur = h;
                IntStream.range(0, nChunks).parallel().forEach(ci -> wPass(rr, xc, ci, n, p, k, w, hcur, hht, wtxPart[ci], wtwPart[ci], violPart, ci));
                double[] wtx = new double[k * p];
                double[] wtw = new double[k * k];
                double violation = 0;
                for (int ci = 0; ci < nChunks; ci++) {
                    double[] a = wtxPart[ci];
                    for (int i = 0; i < a.length; i++) {
                        wtx[i] += a[i];
                    }
                    for (int i = 0; i < wtw.length; i++) {
                        wtw[i] += wtwPart[ci][i];
                    }
                    violation += violPart[ci];
                }
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

    /** Coordinate-descent update of the W rows of one chunk, accumulating W^T X and W^T W with the new rows. */
    private static void wPass(RowReader rows, float[] xc, int ci, int n, int p, int k, double[] w, double[] h, double[] hht, double[] wtx, double[] wtw,
            double[] violPart, int slot) {
        int r0 = ci * CHUNK;
        int cnt = Math.min(CHUNK, n - r0);
        float[] buf;
        int base;
        if (xc != null) {
            buf = xc;
            base = r0 * p;
        } else {
            buf = new float[cnt * p];
            rows.read(r0, cnt, buf, 0);
            base = 0;
        }
        Arrays.fill(wtx, 0);
        Arrays.fill(wtw, 0);
        double viol = 0;
        double[] xh = new double[k];
        for (int r = 0; r < cnt; r++) {
            int o = base + r * p;
            for (int t = 0; t < k; t++) {
                xh[t] = dot(buf, o, h, t * p, p);
            }
            int wr = (r0 + r) * k;
            for (int t = 0; t < k; t++) {
                double grad = -xh[t];
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
            for (int t = 0; t < k; t++) {
                double wt = w[wr + t];
                if (wt != 0) {
                    int to = t * p;
                    for (int j = 0; j < p; j++) {
                        wtx[to + j] += wt * buf[o + j];
                    }
                    for (int q = 0; q < k; q++) {
                        wtw[t * k + q] += wt * w[wr + q];
                    }
                }
            }
        }
        violPart[slot] = viol;
    }

    /** @return the dot product of {@code x[xo, xo+len)} and {@code h[ho, ho+len)}, four float64 partial sums (no branches, for ILP) */
    static double dot(float[] x, int xo, double[] h, int ho, int len) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int j = 0;
        for (; j + 3 < len; j += 4) {
            s0 += x[xo + j] * h[ho + j];
            s1 += x[xo + j + 1] * h[ho + j + 1];
            s2 += x[xo + j + 2] * h[ho + j + 2];
            s3 += x[xo + j + 3] * h[ho + j + 3];
        }
        for (; j < len; j++) {
            s0 += x[xo + j] * h[ho + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Copies (weighted) rows into xc if non-null, checks that no value is negative or non-finite, returns the mean. */
    private static double checkAndCache(RowReader x, int n, int p, double[] rowW, float[] xc, ProgressMonitor monitor) {
        int b = Math.max(1, (1 << 20) / p);
        int nb = (n + b - 1) / b;
        double[] sums = new double[nb];
        IntStream.range(0, nb).parallel().forEach(bi -> {
            Kernels.checkCancel(monitor);
            int r0 = bi * b;
            int cnt = Math.min(b, n - r0);
            float[] buf = new float[cnt * p];
            x.read(r0, cnt, buf, 0);
            double s = 0;
            for (int r = 0; r < cnt; r++) {
                float wr = rowW == null ? 1f : (float) rowW[r0 + r];
                for (int j = 0; j < p; j++) {
                    float v = buf[r * p + j];
                    if (!(v >= 0) || !Float.isFinite(v)) {
                        throw new IllegalArgumentException("NMF needs non-negative finite data, but the value at navigation index " + (r0 + r)
                                + ", channel " + j + " is " + v + " (subtract no background / use PCA instead)");
                    }
                    v *= wr;
                    buf[r * p + j] = v;
                    s += v;
                }
            }
            if (xc != null) {
                System.arraycopy(buf, 0, xc, r0 * p, cnt * p);
            }
            sums[bi] = s;
        });
        double total = 0;
        for (double s : sums) {
            total += s;
        }
        return total / ((double) n * p);
    }

    /** NNDSVD (Boutsidis & Gallopoulos 2008) with zeros replaced by the data mean (variant "a"), as scikit-learn. */
    static void nndsvda(Randomized svd, int n, int p, int k, double mean, double[] w, double[] h) {
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
                w[i] = mean;
            }
        }
        for (int i = 0; i < h.length; i++) {
            if (h[i] < 1e-6) {
                h[i] = mean;
            }
        }
    }
}
