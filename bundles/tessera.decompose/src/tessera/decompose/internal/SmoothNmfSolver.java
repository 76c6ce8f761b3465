package tessera.decompose.internal;

import java.util.Arrays;
import java.util.stream.IntStream;

import tessera.core.analysis.ProgressMonitor;
import tessera.math.Kernels;

/**
 * The iterations of espm's {@code SmoothNMF} ({@code algo="log_surrogate"}): multiplicative majorisation-minimisation
 * updates of {@code X ≈ G W H} for the loss
 * <pre>
 *   ( D_GKL(X ‖ G W H) + μ Σ_tn log(H_tn + ε) + ½ λ tr(H Δ Hᵀ) ) / (nE · N)
 * </pre>
 * with W ≥ 10⁻¹⁴, H ≥ 10⁻¹⁴ and the simplex constraint on W: in every phase (column t of W) the element rows
 * {@code 0 ≤ j < e} sum to one (their Lagrange multiplier ν_t found by bisection); the background rows {@code e ≤ j < m}
 * are fitted without constraint. Δ is the graph Laplacian of the 4-neighbour scan grid (free boundary: degree 2 in the
 * corners, 3 on the edges, 4 inside), as {@code espm.utils.create_laplacian_matrix}; a one-row grid gives the chain.
 * <p>
 * One iteration, as {@code SmoothNMF._iteration} with espm's constants ({@code espm.conf}: log_shift = 1e-14,
 * sigmaL = 8, dicotomy_tol = 1e-5, maxit_dichotomy = 100):
 * <ol>
 * <li>H ← max(H ∘ (GWᵀ(X ⊘ GWH) + λσ max_n H_t) ⊘ (1ᵀGW + μ/(H + ε) + λσ max_n H_t + λ HΔ), 10⁻¹⁴)
 *   ({@code updates.multiplicative_step_h}; σ = 8 ≥ twice the largest degree keeps the denominator positive);</li>
 * <li>W ← max(W ∘ Gᵀ(X ⊘ GWH)Hᵀ ⊘ (Gᵀ1 · (H1)ᵀ + ν), 10⁻¹⁴) with ν added on the element rows only
 *   ({@code updates.multiplicative_step_w} with the EDXS model's {@code NMF_simplex()} rows), then the fixed entries of W set
 *   to their values;</li>
 * <li>the loss of the new (W, H) ({@code SmoothNMF.loss}, averaged over nE·N values), the generalised KL divergence made
 *   exact with espm's constant Σ X log max(X, 10⁻¹⁴) − Σ X.</li>
 * </ol>
 * Stopping as {@code NMFEstimator.fit_transform}: after {@code maxIter} iterations, or when the largest relative change
 * max |ΔW|/(W + tol·mean W) and max |ΔH|/(H + tol·mean H) is below tol, or the loss decrease is below tol times the
 * initial loss, or the loss is NaN or increased.
 * <p>
 * One deliberate difference: GWH is clamped to ≥ 10⁻¹⁴ before dividing (espm does so only once a NaN appears), so a
 * channel where every model column is zero gives finite updates instead of infinities; on any data where GWH stays
 * above 10⁻¹⁴ the two are the same.
 * <p>
 * Layout: X {@code [N × nE]} row-major float32 (a spectrum per position), G {@code [nE × m]}, W {@code [m × k]},
 * H {@code [k × N]}, all row-major float64 except X. Each pass over X runs over blocks of 256 positions in parallel;
 * block results are reduced in block order, so results do not depend on the number of threads.
 * <p>
 * Sources: A. Teurtrie et al., Mach. Learn.: Sci. Technol. 5 (2024) 045050, arXiv:2404.17496 (the algorithm);
 * H. Teurtrie et al., Ultramicroscopy 249 (2023) 113719, doi:10.1016/j.ultramic.2023.113719 (espm);
 * github.com/adriente/espm v1.1.3, {@code espm/estimators/smooth_nmf.py}, {@code base.py}, {@code updates.py},
 * {@code dicotomy.py}, {@code espm/measures.py}.
 */
public final class SmoothNmfSolver {
    /** lower bound of W and H and clamp of GWH (espm.conf.log_shift) */
    public static final double LOG_SHIFT = 1e-14;
    /** majorisation constant of the Laplacian term (espm.conf.sigmaL) */
    public static final double SIGMA_L = 8;
    /** tolerance on |Σ_j W_jt − 1| of the bisection (espm.conf.dicotomy_tol) */
    public static final double DICHOTOMY_TOL = 1e-5;
    /** maximum bisection steps (espm.conf.maxit_dichotomy) */
    public static final int DICHOTOMY_MAX_IT = 100;

    private static final int BLOCK = 256;

    /**
     * Options of a run.
     *
     * @param lambdaL       λ ≥ 0, weight of the Laplacian smoothness of the maps
     * @param mu            μ ≥ 0, weight of the log sparsity of the maps
     * @param epsilonReg    ε > 0 of log(H + ε)
     * @param ny            scan rows (slow navigation axis)
     * @param nx            scan columns (fast navigation axis); ny·nx = N
     * @param elementRows   e, the leading rows of W under the simplex constraint (0: none)
     * @param fixedW        {@code [m × k]} fixed values of W (≥ 0) and negative entries for free ones, or null
     * @param maxIter       maximum number of iterations
     * @param tol           stopping tolerance
     * @param stopCriterion false to run exactly maxIter iterations (espm's {@code no_stop_criterion=True})
     */
    public record Options(double lambdaL, double mu, double epsilonReg, int ny, int nx, int elementRows, double[] fixedW, int maxIter, double tol,
            boolean stopCriterion) {
    }

    /**
     * Outcome of a run.
     *
     * @param w          W {@code [m × k]}
     * @param h          H {@code [k × N]}
     * @param losses     the averaged loss after each iteration (espm's {@code losses_})
     * @param stopReason why the iterations stopped
     * @param hSquaredOverY {@code [k × nE]}: Σ_n H_tn² / (GWH)_nE at the final (W, H), for the Fisher information of W
     */
    public record Result(double[] w, double[] h, double[] losses, String stopReason, double[] hSquaredOverY) {
        /** @return the number of iterations run */
        public int iterations() {
            return losses.length;
        }
    }

    private final float[] x;
    private final int n, ne, m, k;
    private final double[] g;
    private final double[] gColSum;
    private final double constKl;
    private final Options o;

    /**
     * @param x  X {@code [N × nE]} row-major, non-negative (zero rows and columns already replaced as espm's
     *           {@code remove_zeros_lines})
     * @param n  N, positions
     * @param ne nE, channels
     * @param g  G {@code [nE × m]} row-major, non-negative
     * @param m  model columns
     * @param k  phases
     * @param o  options
     */
    public SmoothNmfSolver(float[] x, int n, int ne, double[] g, int m, int k, Options o) {
        this.x = x;
        this.n = n;
        this.ne = ne;
        this.g = g;
        this.m = m;
        this.k = k;
        this.o = o;
        gColSum = new double[m];
        for (int e = 0; e < ne; e++) {
            for (int j = 0; j < m; j++) {
                gColSum[j] += g[e * m + j];
            }
        }
        int nb = blocks();
        double[] part = new double[nb];
        IntStream.range(0, nb).parallel().forEach(b -> {
            double s = 0;
            for (int i = b * BLOCK * ne, end = Math.min(n, (b + 1) * BLOCK) * ne; i < end; i++) {
                double v = x[i];
                s += v * Math.log(Math.max(v, LOG_SHIFT)) - v;
            }
            part[b] = s;
        });
        double c = 0;
        for (double v : part) {
            c += v;
        }
        constKl = c;
    }

    private int blocks() {
        return (n + BLOCK - 1) / BLOCK;
    }

    /**
     * Runs the iterations from the given start.
     *
     * @param w0      initial W {@code [m × k]} (copied; clamped to ≥ 10⁻¹⁴)
     * @param h0      initial H {@code [k × N]} (copied; clamped to ≥ 10⁻¹⁴)
     * @param monitor one unit of work per iteration; cancellation
     * @return the result
     * @throws java.util.concurrent.CancellationException if cancelled
     */
    public Result run(double[] w0, double[] h0, ProgressMonitor monitor) {
        double[] w = w0.clone();
        double[] h = h0.clone();
        clamp(w);
        clamp(h);
        double[] numH = new double[k * n];
        double evalInit = passA(w, h, numH, null);
        double evalBefore = Double.POSITIVE_INFINITY;
        double[] losses = new double[o.maxIter()];
        int it = 0;
        String reason;
        while (true) {
            Kernels.checkCancel(monitor);
            double[] oldW = w.clone();
            double[] oldH = h.clone();
            h = updateH(w, h, numH);
            w = updateW(w, h);
            double evalAfter = passA(w, h, numH, null);
            losses[it++] = evalAfter;
            monitor.worked(1);
            double relW = relChange(w, oldW, o.tol());
            double relH = relChange(h, oldH, o.tol());
            if (it >= o.maxIter()) {
                reason = "maximum number of iterations (" + o.maxIter() + ") reached";
                break;
            }
            if (o.stopCriterion()) {
                if (Math.max(relH, relW) < o.tol()) {
                    reason = "relative change of W and H below tol";
                    break;
                } else if (Math.abs((evalBefore - evalAfter) / evalInit) < o.tol()) {
                    reason = "relative loss decrease below tol";
                    break;
                } else if (Double.isNaN(evalAfter)) {
                    reason = "loss is NaN";
                    break;
                } else if (evalBefore - evalAfter < 0) {
                    reason = "loss increased";
                    break;
                }
            }
            evalBefore = evalAfter;
        }
        double[] hy = new double[k * ne];
        passA(w, h, null, hy);
        return new Result(w, h, Arrays.copyOf(losses, it), reason, hy);
    }

    /** max |a − b| / (a + tol·mean(a)), espm's rel_W / rel_H */
    private static double relChange(double[] a, double[] b, double tol) {
        double mean = 0;
        for (double v : a) {
            mean += v;
        }
        mean /= a.length;
        double r = 0;
        for (int i = 0; i < a.length; i++) {
            r = Math.max(r, Math.abs(a[i] - b[i]) / (a[i] + tol * mean));
        }
        return r;
    }

    private static void clamp(double[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.max(a[i], LOG_SHIFT);
        }
    }

    /** @return GW transposed, {@code [k × nE]} */
    private double[] gwT(double[] w) {
        double[] gw = new double[k * ne];
        for (int e = 0; e < ne; e++) {
            for (int t = 0; t < k; t++) {
                double s = 0;
                for (int j = 0; j < m; j++) {
                    s += g[e * m + j] * w[j * k + t];
                }
                gw[t * ne + e] = s;
            }
        }
        return gw;
    }

    /**
     * One pass over X at (W, H): the averaged loss; if {@code numH} is given, GWᵀ(X ⊘ GWH) {@code [k × N]} into it; if
     * {@code hy} is given, Σ_n H_tn²/(GWH)_nE into it.
     */
    private double passA(double[] w, double[] h, double[] numH, double[] hy) {
        double[] gw = gwT(w);
        boolean clampGw = false;
        double[] gwc = gw.clone();
        for (int i = 0; i < gwc.length; i++) {
            if (gwc[i] < LOG_SHIFT) {
                gwc[i] = LOG_SHIFT;
                clampGw = true;
            }
        }
        final boolean cg = clampGw;
        int nb = blocks();
        double[] klPart = new double[nb];
        double[][] hyPart = hy == null ? null : new double[nb][k * ne];
        IntStream.range(0, nb).parallel().forEach(b -> {
            double[] y = new double[ne];
            double[] yl = cg ? new double[ne] : y;
            double kl = 0;
            double[] hp = hyPart == null ? null : hyPart[b];
            for (int p = b * BLOCK, end = Math.min(n, (b + 1) * BLOCK); p < end; p++) {
                Arrays.fill(y, 0);
                if (cg) {
                    Arrays.fill(yl, 0);
                }
                for (int t = 0; t < k; t++) {
                    double ht = h[t * n + p];
                    int o = t * ne;
                    for (int e = 0; e < ne; e++) {
                        y[e] += gw[o + e] * ht;
                    }
                    if (cg) {
                        for (int e = 0; e < ne; e++) {
                            yl[e] += gwc[o + e] * ht;
                        }
                    }
                }
                int xo = p * ne;
                double sy = 0, sxl = 0;
                for (int e = 0; e < ne; e++) {
                    double xv = x[xo + e];
                    sy += yl[e];
                    sxl += Math.max(xv, LOG_SHIFT) * Math.log(yl[e]);
                    // from here on y holds X / GWH (GWH clamped, see the class comment)
                    y[e] = xv / Math.max(y[e], LOG_SHIFT);
                }
                kl += sy - sxl;
                if (numH != null) {
                    for (int t = 0; t < k; t++) {
                        int o = t * ne;
                        double s = 0;
                        for (int e = 0; e < ne; e++) {
                            s += gw[o + e] * y[e];
                        }
                        numH[t * n + p] = s;
                    }
                }
                if (hp != null) {
                    recomputeY(gw, h, p, y);
                    for (int t = 0; t < k; t++) {
                        double h2 = h[t * n + p] * h[t * n + p];
                        int o = t * ne;
                        for (int e = 0; e < ne; e++) {
                            hp[o + e] += h2 / y[e];
                        }
                    }
                }
            }
            klPart[b] = kl;
        });
        double kl = constKl;
        for (double v : klPart) {
            kl += v;
        }
        if (hy != null) {
            Arrays.fill(hy, 0);
            for (double[] part : hyPart) {
                for (int i = 0; i < hy.length; i++) {
                    hy[i] += part[i];
                }
            }
        }
        double numel = (double) ne * n;
        double reg = 0;
        if (o.mu() != 0) {
            for (double v : h) {
                reg += o.mu() * Math.log(v + o.epsilonReg());
            }
        }
        double lap = 0;
        if (o.lambdaL() != 0) {
            double[] hl = laplacian(h);
            for (int i = 0; i < h.length; i++) {
                lap += h[i] * hl[i];
            }
            lap *= 0.5 * o.lambdaL();
        }
        return kl / numel + reg / numel + lap / numel;
    }

    /** GWH of position p, clamped to ≥ 10⁻¹⁴, into y */
    private void recomputeY(double[] gw, double[] h, int p, double[] y) {
        Arrays.fill(y, 0);
        for (int t = 0; t < k; t++) {
            double ht = h[t * n + p];
            int o = t * ne;
            for (int e = 0; e < ne; e++) {
                y[e] += gw[o + e] * ht;
            }
        }
        for (int e = 0; e < ne; e++) {
            y[e] = Math.max(y[e], LOG_SHIFT);
        }
    }

    /** H Δ, {@code [k × N]}: per row, degree · H − Σ of the 4 neighbours on the ny × nx grid */
    double[] laplacian(double[] h) {
        int ny = o.ny(), nx = o.nx();
        double[] out = new double[h.length];
        for (int t = 0; t < k; t++) {
            int base = t * n;
            for (int r = 0; r < ny; r++) {
                for (int c = 0; c < nx; c++) {
                    int p = r * nx + c;
                    double v = h[base + p];
                    double s = 0;
                    if (r > 0) {
                        s += v - h[base + p - nx];
                    }
                    if (r < ny - 1) {
                        s += v - h[base + p + nx];
                    }
                    if (c > 0) {
                        s += v - h[base + p - 1];
                    }
                    if (c < nx - 1) {
                        s += v - h[base + p + 1];
                    }
                    out[base + p] = s;
                }
            }
        }
        return out;
    }

    /** espm's multiplicative_step_h with the numerator GWᵀ(X ⊘ GWH) already computed at (W, H) */
    private double[] updateH(double[] w, double[] h, double[] numH) {
        double[] gw = gwT(w);
        double[] den0 = new double[k];
        for (int t = 0; t < k; t++) {
            double s = 0;
            for (int e = 0; e < ne; e++) {
                s += gw[t * ne + e];
            }
            den0[t] = s;
        }
        double lam = o.lambdaL();
        double[] hl = lam != 0 ? laplacian(h) : null;
        double[] maxH = new double[k];
        if (lam != 0) {
            for (int t = 0; t < k; t++) {
                double mx = Double.NEGATIVE_INFINITY;
                for (int p = 0; p < n; p++) {
                    mx = Math.max(mx, h[t * n + p]);
                }
                maxH[t] = mx;
            }
        }
        double ls = lam * SIGMA_L;
        double[] out = new double[k * n];
        IntStream.range(0, k * n).parallel().forEach(i -> {
            int t = i / n;
            double num = numH[i];
            double den = den0[t];
            if (o.mu() != 0) {
                den = den + o.mu() / (h[i] + o.epsilonReg());
            }
            if (lam != 0) {
                num = num + ls * maxH[t];
                den = den + ls * maxH[t] + lam * hl[i];
            }
            out[i] = Math.max(h[i] * num / den, LOG_SHIFT);
        });
        return out;
    }

    /** espm's multiplicative_step_w at (W, H) with the simplex on the element rows and the fixed entries */
    private double[] updateW(double[] w, double[] h) {
        double[] gw = gwT(w);
        int nb = blocks();
        double[][] part = new double[nb][];
        IntStream.range(0, nb).parallel().forEach(b -> {
            double[] rh = new double[ne * k];
            double[] y = new double[ne];
            for (int p = b * BLOCK, end = Math.min(n, (b + 1) * BLOCK); p < end; p++) {
                recomputeY(gw, h, p, y);
                int xo = p * ne;
                for (int e = 0; e < ne; e++) {
                    double r = x[xo + e] / y[e];
                    if (r != 0) {
                        for (int t = 0; t < k; t++) {
                            rh[e * k + t] += r * h[t * n + p];
                        }
                    }
                }
            }
            part[b] = rh;
        });
        double[] rh = new double[ne * k];
        for (double[] pr : part) {
            for (int i = 0; i < rh.length; i++) {
                rh[i] += pr[i];
            }
        }
        double[] hSum = new double[k];
        for (int t = 0; t < k; t++) {
            double s = 0;
            for (int p = 0; p < n; p++) {
                s += h[t * n + p];
            }
            hSum[t] = s;
        }
        double[] num = new double[m * k];
        double[] den = new double[m * k];
        for (int j = 0; j < m; j++) {
            for (int t = 0; t < k; t++) {
                double s = 0;
                for (int e = 0; e < ne; e++) {
                    s += g[e * m + j] * rh[e * k + t];
                }
                num[j * k + t] = w[j * k + t] * s;
                den[j * k + t] = gColSum[j] * hSum[t];
            }
        }
        int er = o.elementRows();
        if (er > 0) {
            double[] nu = dichotomySimplex(num, den, er, k);
            for (int j = 0; j < er; j++) {
                for (int t = 0; t < k; t++) {
                    den[j * k + t] += nu[t];
                }
            }
        }
        double[] out = new double[m * k];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(num[i] / den[i], LOG_SHIFT);
            if (o.fixedW() != null && o.fixedW()[i] >= 0) {
                out[i] = o.fixedW()[i];
            }
        }
        return out;
    }

    /**
     * The Lagrange multipliers ν_t of the simplex constraint Σ_{j<rows} max(num_jt/(den_jt + ν_t), 10⁻¹⁴) = 1, by
     * bisection as espm's {@code dicotomy.dichotomy_simplex}: bracket a_t = max_{num>0}(num/2 − den) (the sum exceeds
     * one there), b_t = 2·rows·max num − min den (the sum is below ½), halving all columns together until the largest
     * |sum − 1| is at most 10⁻⁵ or after 100 halvings.
     *
     * @param num  {@code [≥rows × cols]} row-major, non-negative, each column with a positive entry in the first rows
     * @param den  same shape, non-negative
     * @param rows the constrained rows
     * @param cols columns
     * @return ν {@code [cols]}
     * @throws IllegalArgumentException if a column has no positive numerator (no solution)
     */
    static double[] dichotomySimplex(double[] num, double[] den, int rows, int cols) {
        double[] a = new double[cols];
        double[] b = new double[cols];
        for (int t = 0; t < cols; t++) {
            double amax = Double.NEGATIVE_INFINITY, nmax = Double.NEGATIVE_INFINITY, dmin = Double.POSITIVE_INFINITY;
            for (int j = 0; j < rows; j++) {
                double nv = num[j * cols + t], dv = den[j * cols + t];
                if (nv > 0) {
                    amax = Math.max(amax, nv / 2 - dv);
                }
                nmax = Math.max(nmax, nv);
                dmin = Math.min(dmin, dv);
            }
            if (amax == Double.NEGATIVE_INFINITY) {
                throw new IllegalArgumentException("the simplex constraint of phase " + t + " has no solution: all its element coefficients are zero");
            }
            a[t] = amax;
            b[t] = rows * nmax / 0.5 - dmin;
        }
        double[] mid = new double[cols];
        for (int t = 0; t < cols; t++) {
            mid[t] = (a[t] + b[t]) / 2;
        }
        double[] fMid = simplexResidual(num, den, rows, cols, mid);
        int it = 0;
        while (maxAbs(fMid) > DICHOTOMY_TOL) {
            it++;
            double[] fa = simplexResidual(num, den, rows, cols, a);
            for (int t = 0; t < cols; t++) {
                if (fa[t] * fMid[t] <= 0) {
                    b[t] = mid[t];
                } else {
                    a[t] = mid[t];
                }
                mid[t] = (a[t] + b[t]) / 2;
            }
            fMid = simplexResidual(num, den, rows, cols, mid);
            if (it >= DICHOTOMY_MAX_IT) {
                break;
            }
        }
        return mid;
    }

    private static double[] simplexResidual(double[] num, double[] den, int rows, int cols, double[] nu) {
        double[] f = new double[cols];
        for (int t = 0; t < cols; t++) {
            double s = 0;
            for (int j = 0; j < rows; j++) {
                s += Math.max(num[j * cols + t] / (nu[t] + den[j * cols + t]), LOG_SHIFT);
            }
            f[t] = s - 1;
        }
        return f;
    }

    private static double maxAbs(double[] v) {
        double r = 0;
        for (double d : v) {
            r = Math.max(r, Math.abs(d));
        }
        return r;
    }
}
