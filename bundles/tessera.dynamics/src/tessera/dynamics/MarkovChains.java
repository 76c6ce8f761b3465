package tessera.dynamics;

import java.util.SplittableRandom;

import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Markov-chain estimation from class trajectories, following deeptime (M. Hoffmann et al., Mach. Learn.: Sci.
 * Technol. 3 (2022) 015009, doi:10.1088/2632-2153/ac3de0: {@code TransitionCountEstimator} with sliding counts,
 * {@code MaximumLikelihoodMSM}, {@code BayesianMSM}) and J.-H. Prinz et al., J. Chem. Phys. 134 (2011) 174105,
 * doi:10.1063/1.3565032 (maximum-likelihood estimators, reversible fixed point, implied timescales, Chapman–Kolmogorov).
 * All matrices are {@code double[n][n]}, row i the class at time t, column j the class at t + τ.
 */
public final class MarkovChains {

    private MarkovChains() {
    }

    /**
     * Sliding transition counts at lag τ: for every trajectory and every t with labels ≥ 0 at t and t + τ and no −1
     * in between, C[a(t)][a(t + τ)] += 1. A frame where the site is not seen (−1) breaks its trajectory: no
     * transition is counted across it.
     *
     * @param labels {@code [sites][frames]}, classes 0..n−1 or −1
     * @param n      number of classes (labels must be &lt; n)
     * @param lag    τ ≥ 1 in frames
     * @return C {@code [n][n]}
     * @throws IllegalArgumentException for a label outside −1..n−1 or a lag below 1
     */
    public static double[][] counts(int[][] labels, int n, int lag) {
        if (lag < 1) {
            throw new IllegalArgumentException("lag " + lag + " must be at least 1 frame");
        }
        double[][] c = new double[n][n];
        for (int[] tr : labels) {
            int lastGap = -1; // index of the last -1 at or before u
            for (int u = 0; u < tr.length; u++) {
                if (tr[u] < -1 || tr[u] >= n) {
                    throw new IllegalArgumentException("label " + tr[u] + " is outside -1.." + (n - 1));
                }
                if (tr[u] < 0) {
                    lastGap = u;
                    continue;
                }
                int t = u - lag;
                if (t >= 0 && t > lastGap) {
                    c[tr[t]][tr[u]]++;
                }
            }
        }
        return c;
    }

    /**
     * Non-reversible maximum-likelihood transition matrix T_ij = C_ij / Σ_k C_ik (Prinz 2011, Eq. 10).
     *
     * @param c counts {@code [n][n]}
     * @return T {@code [n][n]}
     * @throws IllegalArgumentException if a class has no transition out of it (its row of C is zero)
     */
    public static double[][] maximumLikelihood(double[][] c) {
        int n = c.length;
        double[][] t = new double[n][n];
        for (int i = 0; i < n; i++) {
            double s = rowSum(c[i]);
            if (!(s > 0)) {
                throw new IllegalArgumentException("class " + i + " has no transition out of it at this lag: give a shorter lag or leave the class out");
            }
            for (int j = 0; j < n; j++) {
                t[i][j] = c[i][j] / s;
            }
        }
        return t;
    }

    /**
     * Reversible maximum-likelihood transition matrix by the fixed-point iteration of Prinz 2011 (Eq. 27, as deeptime's
     * {@code MaximumLikelihoodMSM(reversible=True)}): x_ij ← (c_ij + c_ji) / (c_i / x_i + c_j / x_j), c_i = Σ_j c_ij,
     * x_i = Σ_j x_ij, until the stationary vector x_i / Σ x changes by less than {@code tol} (max norm); T_ij = x_ij / x_i.
     *
     * @param c             counts {@code [n][n]}
     * @param tol           convergence tolerance of the stationary vector
     * @param maxIterations iteration limit
     * @return T {@code [n][n]}, in detailed balance with its stationary distribution
     * @throws IllegalArgumentException if a class has no transition out of it
     */
    public static double[][] reversibleMaximumLikelihood(double[][] c, double tol, int maxIterations) {
        int n = c.length;
        double[] ci = new double[n];
        double[][] x = new double[n][n];
        for (int i = 0; i < n; i++) {
            ci[i] = rowSum(c[i]);
            if (!(ci[i] > 0)) {
                throw new IllegalArgumentException("class " + i + " has no transition out of it at this lag: give a shorter lag or leave the class out");
            }
            for (int j = 0; j < n; j++) {
                x[i][j] = c[i][j] + c[j][i];
            }
        }
        double[] xi = new double[n];
        double[] pi = new double[n];
        for (int it = 0; it < maxIterations; it++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                xi[i] = rowSum(x[i]);
                total += xi[i];
            }
            double change = 0;
            for (int i = 0; i < n; i++) {
                double p = xi[i] / total;
                change = Math.max(change, Math.abs(p - pi[i]));
                pi[i] = p;
            }
            double[][] nx = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    double s = c[i][j] + c[j][i];
                    double v = s == 0 ? 0 : s / (ci[i] / xi[i] + ci[j] / xi[j]);
                    nx[i][j] = v;
                    nx[j][i] = v;
                }
            }
            x = nx;
            if (it > 0 && change < tol) {
                break;
            }
        }
        double[][] t = new double[n][n];
        for (int i = 0; i < n; i++) {
            double s = rowSum(x[i]);
            for (int j = 0; j < n; j++) {
                t[i][j] = x[i][j] / s;
            }
        }
        return t;
    }

    /**
     * Stationary distribution: the left eigenvector π T = π with Σ π = 1, from the linear system (Tᵀ − I) π = 0 with
     * the last equation replaced by the normalisation (Gaussian elimination with partial pivoting).
     *
     * @param t a row-stochastic matrix {@code [n][n]} with one closed communicating class
     * @return π {@code [n]}
     * @throws IllegalArgumentException if π is not unique (the chain is reducible into closed classes)
     */
    public static double[] stationary(double[][] t) {
        int n = t.length;
        double[][] a = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = t[j][i] - (i == j ? 1 : 0);
            }
        }
        for (int j = 0; j < n; j++) {
            a[n - 1][j] = 1;
        }
        a[n - 1][n] = 1;
        double[] pi = solve(a, n);
        if (pi == null) {
            throw new IllegalArgumentException("the chain has no unique stationary distribution (several closed sets of classes)");
        }
        return pi;
    }

    /**
     * Eigenvalue moduli of T by decreasing modulus (EJML's general eigen-decomposition).
     *
     * @param t {@code [n][n]}
     * @return |λ| {@code [n]}, the first 1 for a stochastic matrix
     */
    public static double[] eigenvalueModuli(double[][] t) {
        int n = t.length;
        DMatrixRMaj m = new DMatrixRMaj(t);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false);
        if (!eig.decompose(m)) {
            throw new IllegalStateException("the eigen-decomposition of the transition matrix did not converge");
        }
        double[] mod = new double[n];
        for (int i = 0; i < n; i++) {
            Complex_F64 l = eig.getEigenvalue(i);
            mod[i] = Math.hypot(l.real, l.imaginary);
        }
        java.util.Arrays.sort(mod);
        for (int i = 0; i < n / 2; i++) {
            double tmp = mod[i];
            mod[i] = mod[n - 1 - i];
            mod[n - 1 - i] = tmp;
        }
        return mod;
    }

    /**
     * Implied timescales t_k = −τ / ln|λ_k| for k = 2..n (Prinz 2011, Eq. 23), by decreasing |λ|; +∞ for |λ| = 1
     * (a second closed set), 0 for λ = 0.
     *
     * @param t   T at lag τ
     * @param lag τ in frames
     * @return {@code [n − 1]} in frames
     */
    public static double[] impliedTimescales(double[][] t, int lag) {
        double[] mod = eigenvalueModuli(t);
        double[] ts = new double[mod.length - 1];
        for (int k = 1; k < mod.length; k++) {
            double l = Math.min(mod[k], 1);
            ts[k - 1] = l >= 1 ? Double.POSITIVE_INFINITY : l == 0 ? 0 : -lag / Math.log(l);
        }
        return ts;
    }

    /**
     * Mean first-passage times: for each target j, m_j = 0 and m_i = τ + Σ_{k≠j} T_ik m_k for i ≠ j, solved as
     * (I − T restricted to the other classes) m = τ·1 (deeptime {@code msmtools.analysis.mfpt}).
     *
     * @param t   T at lag τ
     * @param lag τ in frames
     * @return {@code [n][n]} in frames, row i the start, column j the target; +∞ where j cannot be reached
     */
    public static double[][] meanFirstPassageTimes(double[][] t, int lag) {
        int n = t.length;
        double[][] out = new double[n][n];
        for (int j = 0; j < n; j++) {
            int m = n - 1;
            double[][] a = new double[m][m + 1];
            for (int r = 0, i = 0; i < n; i++) {
                if (i == j) {
                    continue;
                }
                for (int cc = 0, k = 0; k < n; k++) {
                    if (k == j) {
                        continue;
                    }
                    a[r][cc] = (i == k ? 1 : 0) - t[i][k];
                    cc++;
                }
                a[r][m] = lag;
                r++;
            }
            double[] x = m == 0 ? new double[0] : solve(a, m);
            for (int r = 0, i = 0; i < n; i++) {
                if (i == j) {
                    continue;
                }
                out[i][j] = x == null ? Double.POSITIVE_INFINITY : x[r];
                r++;
            }
        }
        return out;
    }

    /**
     * Log-likelihood Σ C_ij ln T_ij (terms with C_ij = 0 left out).
     *
     * @param c counts
     * @param t transition matrix
     * @return log L
     */
    public static double logLikelihood(double[][] c, double[][] t) {
        double s = 0;
        for (int i = 0; i < c.length; i++) {
            for (int j = 0; j < c.length; j++) {
                if (c[i][j] > 0) {
                    s += c[i][j] * Math.log(t[i][j]);
                }
            }
        }
        return s;
    }

    /**
     * Likelihood-ratio test of detailed balance: G = 2 (ln L(T̂) − ln L(T̂_rev)) against χ² with n(n−1)/2 degrees of
     * freedom (the reversible model's constraints; Prinz 2011 §IV).
     *
     * @param c             counts
     * @param nonReversible {@link #maximumLikelihood} of c
     * @param reversible    {@link #reversibleMaximumLikelihood} of c
     * @return {G, degrees of freedom, p-value}
     */
    public static double[] detailedBalanceTest(double[][] c, double[][] nonReversible, double[][] reversible) {
        int n = c.length;
        double g = 2 * (logLikelihood(c, nonReversible) - logLikelihood(c, reversible));
        g = Math.max(g, 0);
        double dof = n * (n - 1) / 2.0;
        return new double[] { g, dof, 1 - regularizedGammaP(dof / 2, g / 2) };
    }

    /**
     * One sample of T from the row-wise Dirichlet posterior of the non-reversible model: row i ~ Dirichlet(C_i + α)
     * (each entry a Gamma(C_ij + α, 1) draw, Marsaglia–Tsang, normalised).
     *
     * @param c     counts
     * @param alpha prior pseudo-count per entry (&gt; 0)
     * @param rnd   random stream
     * @return a sampled T
     */
    public static double[][] posteriorSample(double[][] c, double alpha, SplittableRandom rnd) {
        int n = c.length;
        double[][] t = new double[n][n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                t[i][j] = gamma(c[i][j] + alpha, rnd);
                s += t[i][j];
            }
            for (int j = 0; j < n; j++) {
                t[i][j] /= s;
            }
        }
        return t;
    }

    /**
     * Gamma(shape, 1) variate: Marsaglia and Tsang, ACM Trans. Math. Softw. 26 (2000) 363, doi:10.1145/358407.358414;
     * for shape &lt; 1 the boost G(a) = G(a + 1) U^{1/a}.
     */
    static double gamma(double a, SplittableRandom rnd) {
        if (a < 1) {
            return gamma(a + 1, rnd) * Math.pow(rnd.nextDouble(), 1 / a);
        }
        double d = a - 1.0 / 3, cc = 1 / Math.sqrt(9 * d);
        while (true) {
            double x, v;
            do {
                x = normal(rnd);
                v = 1 + cc * x;
            } while (v <= 0);
            v = v * v * v;
            double u = rnd.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    private static double normal(SplittableRandom rnd) {
        double u, v, s;
        do {
            u = 2 * rnd.nextDouble() - 1;
            v = 2 * rnd.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    /**
     * Regularised lower incomplete gamma P(a, x): series for x &lt; a + 1, else the continued fraction of Q (Lentz);
     * W. H. Press et al., Numerical Recipes, 3rd ed. (2007) §6.2.
     */
    static double regularizedGammaP(double a, double x) {
        if (x <= 0) {
            return 0;
        }
        double lg = logGamma(a);
        if (x < a + 1) {
            double sum = 1 / a, del = sum, ap = a;
            for (int k = 0; k < 10_000 && Math.abs(del) > Math.abs(sum) * 1e-16; k++) {
                ap++;
                del *= x / ap;
                sum += del;
            }
            return sum * Math.exp(-x + a * Math.log(x) - lg);
        }
        double b = x + 1 - a, c = 1 / Double.MIN_NORMAL, d = 1 / b, h = d;
        for (int i = 1; i < 10_000; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < Double.MIN_NORMAL) {
                d = Double.MIN_NORMAL;
            }
            c = b + an / c;
            if (Math.abs(c) < Double.MIN_NORMAL) {
                c = Double.MIN_NORMAL;
            }
            d = 1 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < 1e-16) {
                break;
            }
        }
        return 1 - Math.exp(-x + a * Math.log(x) - lg) * h;
    }

    /** ln Γ(a), Lanczos (g = 7, n = 9) */
    static double logGamma(double a) {
        double[] g = { 0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
                -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7 };
        if (a < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * a))) - logGamma(1 - a);
        }
        a -= 1;
        double x = g[0];
        for (int i = 1; i < 9; i++) {
            x += g[i] / (a + i);
        }
        double t = a + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (a + 0.5) * Math.log(t) - t + Math.log(x);
    }

    private static double rowSum(double[] r) {
        double s = 0;
        for (double v : r) {
            s += v;
        }
        return s;
    }

    /** Solves the augmented system {@code a [m][m + 1]} in place; null if singular. */
    private static double[] solve(double[][] a, int m) {
        for (int col = 0; col < m; col++) {
            int piv = col;
            for (int r = col + 1; r < m; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
                    piv = r;
                }
            }
            if (Math.abs(a[piv][col]) < 1e-14) {
                return null;
            }
            double[] tmp = a[col];
            a[col] = a[piv];
            a[piv] = tmp;
            for (int r = 0; r < m; r++) {
                if (r != col) {
                    double f = a[r][col] / a[col][col];
                    if (f != 0) {
                        for (int k = col; k <= m; k++) {
                            a[r][k] -= f * a[col][k];
                        }
                    }
                }
            }
        }
        double[] x = new double[m];
        for (int i = 0; i < m; i++) {
            x[i] = a[i][m] / a[i][i];
        }
        return x;
    }
}
