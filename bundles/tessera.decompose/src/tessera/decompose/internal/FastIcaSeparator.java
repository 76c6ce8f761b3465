package tessera.decompose.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;

import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.math.Kernels;

/**
 * Blind source separation by FastICA, as HyperSpy 1.7.3's {@code blind_source_separation(algorithm="sklearn_fastica")}:
 * the whitening, sorting, unmixing and sign rules of {@link BlindSourceSeparation}, with the rotation found by
 * Hyvärinen's fixed-point algorithm (A. Hyvärinen, Fast and robust fixed-point algorithms for independent component
 * analysis, IEEE Trans. Neural Netw. 10 (1999) 626-634, doi:10.1109/72.761722) as scikit-learn 1.2's
 * {@code FastICA(whiten=False)} on the whitened data Y {@code [N x m]} (no further centring):
 * <ul>
 * <li>contrast {@code fun}: {@code logcosh} (g(u) = tanh(αu), g'(u) = α(1 − tanh²(αu)), α = {@code alpha}; tanh by
 *   the vectorisable {@link #tanh}, within 8 ulp of {@link Math#tanh}),
 *   {@code exp} (g(u) = u exp(−u²/2), g'(u) = (1 − u²) exp(−u²/2)) or {@code cube} (g(u) = u³, g'(u) = 3u²);</li>
 * <li>{@code algorithm=parallel}: from the symmetrically decorrelated initial matrix, iterate
 *   {@code W ← sym(E[g(W y) yᵀ] − diag(E[g'(W y)]) W)} with {@code sym(W) = (W Wᵀ)^(−1/2) W}, until
 *   {@code max_j | |w_j · w_j,old| − 1 | < tol};</li>
 * <li>{@code algorithm=deflation}: one row at a time, {@code w ← E[y g(wᵀy)] − E[g'(wᵀy)] w}, Gram–Schmidt
 *   orthogonalised against the rows already found and normalised, until {@code | |w · w_old| − 1 | < tol};</li>
 * <li>at most {@code maxIter} iterations (per row for deflation); like scikit-learn, the last iterate is used when
 *   the tolerance is not reached;</li>
 * <li>the initial matrix is {@code N x N} standard-normal numbers from {@link SplittableRandom} seeded with
 *   {@code seed} (scikit-learn draws its {@code w_init} the same way from NumPy's generator, which is not
 *   reproduced here, so the two agree up to the order and sign of the components, not bit for bit).</li>
 * </ul>
 * HyperSpy passes {@code tol=1e-10} to scikit-learn unless told otherwise; the default here is scikit-learn's
 * {@code 1e-4}. The expectations over the m samples are summed in fixed blocks of {@value #BLOCK} samples, the blocks
 * in parallel and their sums added in block order, so the result does not depend on the number of threads; within a
 * block the projections {@code W y}, g, g' and the products {@code g(W y) yᵀ} are computed one after the other while
 * the block's data is in cache. The symmetric decorrelation diagonalises the small {@code W Wᵀ} by cyclic Jacobi.
 * On 16384 x 10 whitened loadings about twice as fast as scikit-learn 1.2 from the same start, on 2048 x 10 on a par
 * (benchmarks/README.md, {@code bss_vs_sklearn.sh}).
 */
public final class FastIcaSeparator extends BlindSourceSeparation {
    /** Contribution id. */
    public static final String ID = "tessera.decompose.fastica";
    /** samples per block of the parallel expectation sums */
    static final int BLOCK = 1024;

    private static final List<ParameterSpec> PARAMS;

    static {
        List<ParameterSpec> l = new ArrayList<>(commonParameters());
        l.add(ParameterSpec.ofChoice("fun", "logcosh", List.of("logcosh", "exp", "cube"), "contrast function (scikit-learn's fun)"));
        l.add(ParameterSpec.ofDouble("alpha", 1.0, 1.0, 2.0, "", "logcosh: the factor alpha in g(u) = tanh(alpha u) (scikit-learn's fun_args alpha)"));
        l.add(ParameterSpec.ofChoice("algorithm", "parallel", List.of("parallel", "deflation"),
                "parallel: all components at once with symmetric decorrelation; deflation: one after the other"));
        l.add(ParameterSpec.ofInt("maxIter", 200, 1, null, "maximum number of fixed-point iterations (per component for deflation)"));
        l.add(ParameterSpec.ofDouble("tol", 1e-4, 0.0, 1.0, "", "convergence tolerance on | |w . w_old| - 1 | (HyperSpy passes 1e-10)"));
        l.add(ParameterSpec.ofLong("seed", 0L, "seed of the random initial unmixing matrix"));
        PARAMS = List.copyOf(l);
    }

    private static final List<LiteratureReference> REFS = List.of(
            new LiteratureReference("A. Hyvärinen, Fast and robust fixed-point algorithms for independent component analysis, IEEE Trans. Neural Netw. 10 (1999) 626-634",
                    "10.1109/72.761722"),
            new LiteratureReference("A. Hyvärinen, E. Oja, Independent component analysis: algorithms and applications, Neural Netw. 13 (2000) 411-430",
                    "10.1016/S0893-6080(00)00026-5"),
            new LiteratureReference("A. Kessy, A. Lewin, K. Strimmer, Optimal whitening and decorrelation, Am. Stat. 72 (2018) 309-314",
                    "10.1080/00031305.2016.1277159"));

    /** Contrast functions. */
    public enum Contrast {
        /** g(u) = tanh(αu) */
        LOGCOSH,
        /** g(u) = u exp(−u²/2) */
        EXP,
        /** g(u) = u³ */
        CUBE;

        /**
         * @param name {@code logcosh}, {@code exp} or {@code cube} (any case)
         * @return the contrast
         * @throws IllegalArgumentException for another name
         */
        public static Contrast of(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("fun must be logcosh, exp or cube, not '" + name + "'", e);
            }
        }
    }

    /**
     * Outcome of {@link #fastIca}.
     *
     * @param unmixing   {@code [N][N]}: the sources are {@code unmixing · y} (scikit-learn's {@code components_})
     * @param iterations iterations run (deflation: the most of any row)
     * @param converged  whether the tolerance was reached (deflation: for every row)
     */
    public record Ica(double[][] unmixing, int iterations, boolean converged) {
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public List<LiteratureReference> references() {
        return REFS;
    }

    @Override
    String id() {
        return ID;
    }

    @Override
    String label() {
        return "FastICA";
    }

    @Override
    long work(Parameters params, int n) {
        long it = params.getInt("maxIter");
        return params.getString("algorithm").equals("deflation") ? it * n : it;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException as {@link tessera.core.analysis.SourceSeparator#separate}, or for an unknown {@code fun}
     */
    @Override
    public DecompositionResult separate(DecompositionResult decomposition, Parameters params, ProgressMonitor monitor) {
        return separate(decomposition, params, null, monitor);
    }

    /**
     * As {@link #separate(DecompositionResult, Parameters, ProgressMonitor)} from a given initial unmixing matrix
     * instead of the seeded random one (scikit-learn's {@code w_init}), to compare with another implementation.
     *
     * @param decomposition the input decomposition
     * @param params        validated parameters ({@code seed} unused when {@code wInit} is given)
     * @param wInit         {@code [N][N]} initial matrix, or null for the seeded random one
     * @param monitor       progress and cancellation
     * @return the separated decomposition
     * @throws IllegalArgumentException as {@link #separate(DecompositionResult, Parameters, ProgressMonitor)}, or if
     *                                  wInit is not {@code N x N}
     */
    public DecompositionResult separate(DecompositionResult decomposition, Parameters params, double[][] wInit, ProgressMonitor monitor) {
        Contrast fun = Contrast.of(params.getString("fun"));
        double alpha = params.getDouble("alpha");
        boolean deflation = params.getString("algorithm").trim().equalsIgnoreCase("deflation");
        int maxIter = params.getInt("maxIter");
        double tol = params.getDouble("tol");
        long seed = params.getLong("seed");
        return run(decomposition, params, (y, m) -> {
            int nc = y.length;
            double[][] w0 = wInit == null ? randomInit(nc, seed) : wInit;
            return fastIca(y, w0, fun, alpha, deflation, maxIter, tol, m).unmixing();
        }, monitor);
    }

    /**
     * @param n    order
     * @param seed seed
     * @return {@code [n][n]} standard-normal numbers, row by row from {@code new SplittableRandom(seed)}
     */
    static double[][] randomInit(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] w = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                w[i][j] = r.nextGaussian();
            }
        }
        return w;
    }

    /**
     * FastICA on already whitened data, as scikit-learn 1.2's {@code fastica(X, whiten=False, ...)} with
     * {@code X = yᵀ}: see the class comment.
     *
     * @param y         {@code [N][m]} whitened data, component-major (row c: the m samples of variable c); not modified
     * @param wInit     {@code [N][N]} initial unmixing matrix; not modified
     * @param fun       contrast
     * @param alpha     logcosh's α, in [1, 2]
     * @param deflation deflation instead of the parallel (symmetric) algorithm
     * @param maxIter   maximum iterations, {@code >= 1}
     * @param tol       tolerance, {@code >= 0}
     * @param monitor   progress (one unit per iteration) and cancellation
     * @return the unmixing matrix, iterations and convergence
     * @throws IllegalArgumentException if the shapes do not match, N &lt; 1, maxIter &lt; 1 or a value is not finite
     * @throws java.util.concurrent.CancellationException if cancelled
     */
    public static Ica fastIca(double[][] y, double[][] wInit, Contrast fun, double alpha, boolean deflation, int maxIter, double tol, ProgressMonitor monitor) {
        int nc = y.length;
        if (nc < 1 || wInit.length != nc) {
            throw new IllegalArgumentException("FastICA: " + nc + " variables but an initial matrix with " + wInit.length + " rows");
        }
        int m = y[0].length;
        for (double[] r : y) {
            if (r.length != m) {
                throw new IllegalArgumentException("FastICA: data rows of unequal length");
            }
        }
        for (double[] r : wInit) {
            if (r.length != nc) {
                throw new IllegalArgumentException("FastICA: the initial matrix must be " + nc + " x " + nc);
            }
            for (double v : r) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("FastICA: the initial matrix has the non-finite value " + v);
                }
            }
        }
        if (maxIter < 1) {
            throw new IllegalArgumentException("FastICA: maxIter = " + maxIter + " must be at least 1");
        }
        return deflation ? deflation(y, wInit, fun, alpha, maxIter, tol, monitor) : parallel(y, wInit, fun, alpha, maxIter, tol, monitor);
    }

    private static Ica parallel(double[][] y, double[][] wInit, Contrast fun, double alpha, int maxIter, double tol, ProgressMonitor monitor) {
        int nc = y.length;
        int m = y[0].length;
        double[][] w = symmetricDecorrelation(wInit);
        Queue<double[][]> scratch = new ConcurrentLinkedQueue<>();
        int it = 0;
        boolean converged = false;
        while (it < maxIter) {
            Kernels.checkCancel(monitor);
            double[] e = expectations(y, w, fun, alpha, scratch); // [nc*nc] sums of g(wy) y^T, then [nc] sums of g'(wy)
            double[][] w1 = new double[nc][nc];
            for (int j = 0; j < nc; j++) {
                double gp = e[nc * nc + j] / m;
                for (int c = 0; c < nc; c++) {
                    w1[j][c] = e[j * nc + c] / m - gp * w[j][c];
                }
            }
            w1 = symmetricDecorrelation(w1);
            double lim = 0;
            for (int j = 0; j < nc; j++) {
                double d = 0;
                for (int c = 0; c < nc; c++) {
                    d += w1[j][c] * w[j][c];
                }
                lim = Math.max(lim, Math.abs(Math.abs(d) - 1));
            }
            w = w1;
            it++;
            monitor.worked(1);
            if (lim < tol) {
                converged = true;
                break;
            }
        }
        return new Ica(w, it, converged);
    }

    private static Ica deflation(double[][] y, double[][] wInit, Contrast fun, double alpha, int maxIter, double tol, ProgressMonitor monitor) {
        int nc = y.length;
        int m = y[0].length;
        double[][] w = new double[nc][nc];
        Queue<double[][]> scratch = new ConcurrentLinkedQueue<>();
        int most = 0;
        boolean all = true;
        for (int j = 0; j < nc; j++) {
            double[] v = wInit[j].clone();
            scale(v, 1 / Math.sqrt(dot(v, v)));
            int it = 0;
            boolean converged = false;
            while (it < maxIter) {
                Kernels.checkCancel(monitor);
                double[] e = expectations(y, new double[][] {v}, fun, alpha, scratch);
                double gp = e[nc] / m;
                double[] v1 = new double[nc];
                for (int c = 0; c < nc; c++) {
                    v1[c] = e[c] / m - gp * v[c];
                }
                // Gram-Schmidt against the rows found so far: v1 -= (v1 W[:j]^T) W[:j]
                double[] proj = new double[j];
                for (int q = 0; q < j; q++) {
                    proj[q] = dot(v1, w[q]);
                }
                for (int q = 0; q < j; q++) {
                    for (int c = 0; c < nc; c++) {
                        v1[c] -= proj[q] * w[q][c];
                    }
                }
                scale(v1, 1 / Math.sqrt(dot(v1, v1)));
                double lim = Math.abs(Math.abs(dot(v1, v)) - 1);
                v = v1;
                it++;
                monitor.worked(1);
                if (lim < tol) {
                    converged = true;
                    break;
                }
            }
            w[j] = v;
            most = Math.max(most, it);
            all &= converged;
        }
        return new Ica(w, most, all);
    }

    /**
     * Sums over the samples, in fixed blocks added in order: for r rows of w, {@code Σ_t g(w_j y_t) y_ct}
     * at {@code [j * N + c]} and {@code Σ_t g'(w_j y_t)} at {@code [r * N + j]}. Each block borrows its working arrays
     * from {@code scratch} (filled afresh, so which ones it gets does not matter) and gives them back.
     */
    private static double[] expectations(double[][] y, double[][] w, Contrast fun, double alpha, Queue<double[][]> scratch) {
        int nc = y.length;
        int r = w.length;
        int m = y[0].length;
        int blocks = (m + BLOCK - 1) / BLOCK;
        int len = r * nc + r;
        double[][] part = new double[blocks][];
        IntStream s = IntStream.range(0, blocks);
        if (blocks > 1) {
            s = s.parallel();
        }
        s.forEach(b -> {
            double[][] work = scratch.poll();
            if (work == null) {
                work = new double[nc + r + 1][BLOCK];
            }
            part[b] = block(y, w, fun, alpha, b * BLOCK, Math.min(m, (b + 1) * BLOCK), len, work);
            scratch.add(work);
        });
        double[] e = part[0];
        for (int b = 1; b < blocks; b++) {
            for (int i = 0; i < len; i++) {
                e[i] += part[b][i];
            }
        }
        return e;
    }

    /**
     * One block's sums (see {@link #expectations}) over samples {@code [t0, t1)}: the projections {@code u_j = w_j y}
     * of all r rows first (row by row, five variables per pass), then g and g' of each row, then the products
     * {@code Σ_t g_j(t) y_c(t)} two rows and five variables at a time ({@link #products}), so that each loaded value
     * serves several multiply-adds. The summation order is fixed by the shapes alone. {@code work}: {@code N + r + 1}
     * arrays of at least {@code t1 − t0}, overwritten: the block's data (copied so that it is indexed as u, which lets
     * the JIT vectorise the loops: no doubt about aliasing), the r projections, g'.
     */
    private static double[] block(double[][] y, double[][] w, Contrast fun, double alpha, int t0, int t1, int len, double[][] work) {
        int nc = y.length;
        int r = w.length;
        int bl = t1 - t0;
        double[] out = new double[len];
        double[][] yb = java.util.Arrays.copyOfRange(work, 0, nc);
        for (int c = 0; c < nc; c++) {
            System.arraycopy(y[c], t0, yb[c], 0, bl);
        }
        double[][] u = java.util.Arrays.copyOfRange(work, nc, nc + r);
        double[] gp = work[nc + r];
        for (int j = 0; j < r; j++) {
            project(yb, w[j], u[j], bl);
            double[] uj = u[j];
            switch (fun) {
                case LOGCOSH -> tanh(uj, gp, bl, alpha);
                case EXP -> {
                    for (int t = 0; t < bl; t++) {
                        double x = uj[t];
                        double ex = Math.exp(-(x * x) / 2);
                        uj[t] = x * ex;
                        gp[t] = (1 - x * x) * ex;
                    }
                }
                case CUBE -> {
                    for (int t = 0; t < bl; t++) {
                        double x = uj[t];
                        uj[t] = x * x * x;
                        gp[t] = 3 * x * x;
                    }
                }
            }
            double s0 = 0, s1 = 0;
            int t = 0;
            for (; t + 1 < bl; t += 2) {
                s0 += gp[t];
                s1 += gp[t + 1];
            }
            if (t < bl) {
                s0 += gp[t];
            }
            out[r * nc + j] = s0 + s1;
        }
        products(u, yb, bl, out);
        return out;
    }

    /** {@code u[t] = Σ_c wj[c] y[c][t]} for {@code t < bl}, c in order, five variables per pass. */
    private static void project(double[][] y, double[] wj, double[] u, int bl) {
        int nc = y.length;
        int c = 0;
        if (nc < 5) {
            java.util.Arrays.fill(u, 0, bl, 0);
        }
        for (; c + 4 < nc; c += 5) {
            double w0 = wj[c], w1 = wj[c + 1], w2 = wj[c + 2], w3 = wj[c + 3], w4 = wj[c + 4];
            double[] y0 = y[c], y1 = y[c + 1], y2 = y[c + 2], y3 = y[c + 3], y4 = y[c + 4];
            if (c == 0) {
                for (int t = 0; t < bl; t++) {
                    u[t] = (((w0 * y0[t] + w1 * y1[t]) + w2 * y2[t]) + w3 * y3[t]) + w4 * y4[t];
                }
            } else {
                for (int t = 0; t < bl; t++) {
                    u[t] = ((((u[t] + w0 * y0[t]) + w1 * y1[t]) + w2 * y2[t]) + w3 * y3[t]) + w4 * y4[t];
                }
            }
        }
        for (; c < nc; c++) {
            double wc = wj[c];
            double[] yc = y[c];
            for (int t = 0; t < bl; t++) {
                u[t] += wc * yc[t];
            }
        }
    }

    /**
     * {@code out[j * N + c] = Σ_t g[j][t] y[c][t]} over {@code t < bl}, each sum in sample order: rows in pairs and
     * variables in fives (ten independent sums sharing seven loads per sample), the rest one by one.
     */
    private static void products(double[][] g, double[][] y, int bl, double[] out) {
        int nc = y.length;
        int r = g.length;
        int j = 0;
        for (; j + 1 < r; j += 2) {
            double[] ga = g[j], gb = g[j + 1];
            int c = 0;
            for (; c + 4 < nc; c += 5) {
                double[] y0 = y[c], y1 = y[c + 1], y2 = y[c + 2], y3 = y[c + 3], y4 = y[c + 4];
                double a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0;
                for (int t = 0; t < bl; t++) {
                    double x = ga[t], z = gb[t];
                    double v0 = y0[t], v1 = y1[t], v2 = y2[t], v3 = y3[t], v4 = y4[t];
                    a0 += x * v0;
                    a1 += x * v1;
                    a2 += x * v2;
                    a3 += x * v3;
                    a4 += x * v4;
                    b0 += z * v0;
                    b1 += z * v1;
                    b2 += z * v2;
                    b3 += z * v3;
                    b4 += z * v4;
                }
                out[j * nc + c] = a0;
                out[j * nc + c + 1] = a1;
                out[j * nc + c + 2] = a2;
                out[j * nc + c + 3] = a3;
                out[j * nc + c + 4] = a4;
                out[(j + 1) * nc + c] = b0;
                out[(j + 1) * nc + c + 1] = b1;
                out[(j + 1) * nc + c + 2] = b2;
                out[(j + 1) * nc + c + 3] = b3;
                out[(j + 1) * nc + c + 4] = b4;
            }
            for (; c < nc; c++) {
                out[j * nc + c] = dotFrom(ga, y[c], bl);
                out[(j + 1) * nc + c] = dotFrom(gb, y[c], bl);
            }
        }
        for (; j < r; j++) {
            double[] ga = g[j];
            int c = 0;
            for (; c + 4 < nc; c += 5) {
                double[] y0 = y[c], y1 = y[c + 1], y2 = y[c + 2], y3 = y[c + 3], y4 = y[c + 4];
                double a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0;
                for (int t = 0; t < bl; t++) {
                    double x = ga[t];
                    a0 += x * y0[t];
                    a1 += x * y1[t];
                    a2 += x * y2[t];
                    a3 += x * y3[t];
                    a4 += x * y4[t];
                }
                out[j * nc + c] = a0;
                out[j * nc + c + 1] = a1;
                out[j * nc + c + 2] = a2;
                out[j * nc + c + 3] = a3;
                out[j * nc + c + 4] = a4;
            }
            for (; c < nc; c++) {
                out[j * nc + c] = dotFrom(ga, y[c], bl);
            }
        }
    }

    /** {@code Σ_{t < bl} a[t] b[t]}, four interleaved partial sums */
    private static double dotFrom(double[] a, double[] b, int bl) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int t = 0;
        for (; t + 3 < bl; t += 4) {
            s0 += a[t] * b[t];
            s1 += a[t + 1] * b[t + 1];
            s2 += a[t + 2] * b[t + 2];
            s3 += a[t + 3] * b[t + 3];
        }
        for (; t < bl; t++) {
            s0 += a[t] * b[t];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * logcosh's g and g' in place, for {@code t < n}: {@code u[t] ← tanh(α u[t])}, {@code gp[t] ← α (1 − tanh²(α u[t]))}
     * (scikit-learn's {@code _logcosh}). {@link Math#tanh} is a scalar call of some 20-60 ns; this loop has no call and
     * no branch, so the JIT compiles it to SIMD instructions, about ten times faster: with {@code a = min(|αu|, 20)}
     * ({@code tanh(20)} rounds to 1), {@code q = expm1(2a)} is the Taylor polynomial of degree 15 of
     * {@code expm1(2a/64)} (|2a/64| ≤ 0.625, truncation below 1e-17 relative) doubled six times by
     * {@code expm1(2z) = q (q + 2)}, which keeps the relative accuracy for small a, and
     * {@code tanh(αu) = sign(u) q / (q + 2)}. At most 8 ulp from {@link Math#tanh} over 8·2²⁰ test arguments in
     * [−25, 25] and from 1e−300 up (g' within 2e−15), i.e. round-off, not a different contrast; subnormal arguments
     * lose relative (not absolute) accuracy, NaN gives NaN.
     *
     * @param u     {@code [>= n]} the projections {@code w_j · y_t}, replaced by g
     * @param gp    {@code [>= n]} receives g'
     * @param n     number of samples
     * @param alpha α
     */
    public static void tanh(double[] u, double[] gp, int n, double alpha) {
        for (int t = 0; t < n; t++) {
            double x = alpha * u[t];
            double r = Math.min(Math.abs(x), 20.0) * (1.0 / 32);
            double p = 1.0 / 1307674368000.0;
            p = Math.fma(p, r, 1.0 / 87178291200.0);
            p = Math.fma(p, r, 1.0 / 6227020800.0);
            p = Math.fma(p, r, 1.0 / 479001600.0);
            p = Math.fma(p, r, 1.0 / 39916800.0);
            p = Math.fma(p, r, 1.0 / 3628800.0);
            p = Math.fma(p, r, 1.0 / 362880.0);
            p = Math.fma(p, r, 1.0 / 40320.0);
            p = Math.fma(p, r, 1.0 / 5040.0);
            p = Math.fma(p, r, 1.0 / 720.0);
            p = Math.fma(p, r, 1.0 / 120.0);
            p = Math.fma(p, r, 1.0 / 24.0);
            p = Math.fma(p, r, 1.0 / 6.0);
            p = Math.fma(p, r, 1.0 / 2.0);
            p = Math.fma(p, r, 1.0);
            double q = p * r; // expm1(2a / 64)
            q *= q + 2;
            q *= q + 2;
            q *= q + 2;
            q *= q + 2;
            q *= q + 2;
            q *= q + 2; // expm1(2a)
            double g = Math.signum(x) * (q / (q + 2));
            u[t] = g;
            gp[t] = alpha * (1 - g * g);
        }
    }

    /**
     * Symmetric decorrelation {@code (W Wᵀ)^(−1/2) W}, the eigenvalues of {@code W Wᵀ} clipped below at the smallest
     * normal double as scikit-learn's {@code _sym_decorrelation}. The eigendecomposition of the small
     * {@code N x N} matrix {@code W Wᵀ} is by {@link #jacobi} (a general eigensolver costs more than the whole
     * iteration on 2048 samples).
     */
    static double[][] symmetricDecorrelation(double[][] w) {
        int nc = w.length;
        double[][] g = new double[nc][nc];
        for (int a = 0; a < nc; a++) {
            for (int b = a; b < nc; b++) {
                double s = dot(w[a], w[b]);
                g[a][b] = s;
                g[b][a] = s;
            }
        }
        double[][] v = new double[nc][nc];
        jacobi(g, v);
        double[][] isq = new double[nc][nc]; // (W W^T)^(-1/2) = V diag(1/sqrt(lambda)) V^T
        for (int q = 0; q < nc; q++) {
            double inv = 1 / Math.sqrt(Math.max(g[q][q], Double.MIN_NORMAL));
            for (int a = 0; a < nc; a++) {
                double va = v[a][q] * inv;
                for (int b = a; b < nc; b++) {
                    isq[a][b] += va * v[b][q];
                }
            }
        }
        double[][] out = new double[nc][nc];
        for (int a = 0; a < nc; a++) {
            for (int c = 0; c < nc; c++) {
                double s = 0;
                for (int b = 0; b < nc; b++) {
                    s += (a <= b ? isq[a][b] : isq[b][a]) * w[b][c];
                }
                out[a][c] = s;
            }
        }
        return out;
    }

    /**
     * Cyclic Jacobi eigendecomposition of a small symmetric matrix (G. H. Golub, C. F. Van Loan, Matrix Computations,
     * 4th ed., Johns Hopkins 2013, §8.5; the rotation as H. Rutishauser, The Jacobi method for real symmetric
     * matrices, Numer. Math. 9 (1966) 1-10, doi:10.1007/BF02165223), sweeping until every off-diagonal entry is below
     * 2⁻⁶⁰ times the geometric mean of its two diagonal entries (the relative criterion under which Jacobi gives
     * the eigenvalues of a positive definite matrix to high relative accuracy; J. Demmel, K. Veselić, SIAM J. Matrix
     * Anal. Appl. 13 (1992) 1204-1245, doi:10.1137/0613074), at most 60 sweeps.
     *
     * @param a {@code [n][n]} symmetric; replaced by a diagonal matrix: the eigenvalues on the diagonal
     * @param v {@code [n][n]} zeros; receives the eigenvectors as columns ({@code a_in = V diag V^T})
     */
    static void jacobi(double[][] a, double[][] v) {
        int n = a.length;
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 60; sweep++) {
            boolean rotated = false;
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = a[p][q];
                    if (apq == 0 || Math.abs(apq) <= 0x1p-60 * Math.sqrt(Math.abs(a[p][p] * a[q][q]))) {
                        continue;
                    }
                    rotated = true;
                    double theta = (a[q][q] - a[p][p]) / (2 * apq);
                    double t = Math.abs(theta) > 1e150 ? 0.5 / theta : Math.copySign(1, theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int r = 0; r < n; r++) {
                        double arp = a[r][p];
                        double arq = a[r][q];
                        a[r][p] = c * arp - s * arq;
                        a[r][q] = s * arp + c * arq;
                    }
                    for (int r = 0; r < n; r++) {
                        double apr = a[p][r];
                        double aqr = a[q][r];
                        a[p][r] = c * apr - s * aqr;
                        a[q][r] = s * apr + c * aqr;
                    }
                    a[p][q] = 0;
                    a[q][p] = 0;
                    for (int r = 0; r < n; r++) {
                        double vrp = v[r][p];
                        double vrq = v[r][q];
                        v[r][p] = c * vrp - s * vrq;
                        v[r][q] = s * vrp + c * vrq;
                    }
                }
            }
            if (!rotated) {
                return;
            }
        }
    }

    private static void scale(double[] v, double f) {
        for (int i = 0; i < v.length; i++) {
            v[i] *= f;
        }
    }
}
