package tessera.decompose.internal;

import java.util.List;

import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;

/**
 * Fully constrained least-squares (FCLS) abundances of known endmembers: per position
 * min ‖s − Wᵀa‖₂ subject to a ≥ 0 and Σ_i a_i = 1 (Heinz and Chang 2001).
 * <p>
 * Heinz and Chang impose the sum-to-one constraint approximately, by appending a row of ones weighted against the
 * spectra (δ) to W and s and solving the non-negative problem of the augmented system; the result depends on δ and
 * sums to one only in the limit δ → 0. Here the same problem is solved <em>exactly</em> instead, with no weight to
 * choose: the quadratic programme min ½ aᵀGa − bᵀa (G = W Wᵀ, b = W s, both {@code k × k} / {@code k}, so the
 * per-position cost after {@code b} is independent of the number of channels p) subject to 1ᵀa = 1, a ≥ 0 is solved by
 * a primal active-set method (J. Nocedal, S. J. Wright, <i>Numerical Optimization</i>, 2nd ed., Springer 2006,
 * Algorithm 16.3, doi:10.1007/978-0-387-40065-5): it starts from the best single endmember (a vertex of the simplex,
 * feasible), solves the equality-constrained problem on the current free set by a Cholesky factorisation of
 * {@code G_FF} (the KKT system {@code G_FF a_F − μ1 = b_F}, {@code 1ᵀa_F = 1}), steps to the first bound that blocks,
 * and frees the bound with the most negative multiplier λ_i = (Ga − b)_i − μ until none is negative. The abundances
 * then sum to one to rounding (about 1e-15) and are ≥ 0 exactly; they are the δ → 0 limit of Heinz and Chang's
 * augmented solution. G is positive definite because {@link Endmembers} refuses rank-deficient endmembers, so the
 * solution is unique.
 * <p>
 * Parameter {@code poissonVariance} as for {@link LeastSquaresUnmixer} (reduced χ² with the Poisson variance; the data
 * must then be non-negative). The abundances are fractions of the endmember spectra as given: they sum to one where the
 * data are a convex combination of them (endmembers at the data's scale, e.g. pixel spectra from {@link NfindrDecomposer}
 * or {@link VcaDecomposer}).
 */
public final class FclsUnmixer extends LinearUnmixer {
    /** contribution id */
    public static final String ID = "tessera.decompose.fcls";

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(poissonParameter());
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(new LiteratureReference(
                "D. C. Heinz, C.-I Chang, Fully constrained least squares linear spectral mixture analysis method for material quantification in hyperspectral imagery, IEEE Trans. Geosci. Remote Sens. 39 (2001) 529-545",
                "10.1109/36.911111"),
                new LiteratureReference("J. Nocedal, S. J. Wright, Numerical Optimization, 2nd ed., Springer (2006), Algorithm 16.3 (active-set method for convex QP)",
                        "10.1007/978-0-387-40065-5"));
    }

    @Override
    String id() {
        return ID;
    }

    @Override
    java.util.function.Supplier<PixelSolver> solver(Endmembers em, Parameters params) {
        int k = em.k();
        int p = em.p();
        double[][] w = em.w();
        double[][] g = em.gram();
        return () -> {
            Qp qp = new Qp(g);
            double[] b = new double[k];
            return (pos, s, a, extra) -> {
                for (int i = 0; i < k; i++) {
                    b[i] = dot(w[i], s, p);
                }
                qp.solve(b, a);
            };
        };
    }

    /** Σ_j x_j y_j with four interleaved partial sums (independent add chains; fixed order, so deterministic). */
    static double dot(double[] x, double[] y, int p) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int j = 0;
        for (; j + 3 < p; j += 4) {
            s0 += x[j] * y[j];
            s1 += x[j + 1] * y[j + 1];
            s2 += x[j + 2] * y[j + 2];
            s3 += x[j + 3] * y[j + 3];
        }
        for (; j < p; j++) {
            s0 += x[j] * y[j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * The simplex-constrained quadratic programme min ½ aᵀGa − bᵀa subject to Σ a = 1, a ≥ 0 for one positive-definite
     * {@code G [k][k]}, solved by the active-set method of the class comment. One instance per thread (it holds work
     * arrays).
     */
    static final class Qp {
        private final double[][] g;
        private final int k;
        private final double scaleG;
        private final boolean[] free;
        private final int[] idx;
        private final double[] l; // Cholesky factor of G_FF, m x m row-major
        private final double[] u;
        private final double[] v;
        private final double[] z;

        /** @param g G = W Wᵀ, {@code [k][k]}, symmetric positive definite (not copied, not modified) */
        Qp(double[][] g) {
            this.g = g;
            this.k = g.length;
            double mx = 0;
            for (int i = 0; i < k; i++) {
                mx = Math.max(mx, Math.abs(g[i][i]));
            }
            this.scaleG = mx;
            free = new boolean[k];
            idx = new int[k];
            l = new double[k * k];
            u = new double[k];
            v = new double[k];
            z = new double[k];
        }

        /**
         * @param b   W s, {@code [k]}
         * @param out the solution {@code [k]}: ≥ 0, summing to one
         */
        void solve(double[] b, double[] out) {
            // start: the best vertex e_j, min over j of ½ G_jj − b_j
            int best = 0;
            double fb = Double.POSITIVE_INFINITY;
            double bmax = 0;
            for (int j = 0; j < k; j++) {
                double f = 0.5 * g[j][j] - b[j];
                if (f < fb) {
                    fb = f;
                    best = j;
                }
                bmax = Math.max(bmax, Math.abs(b[j]));
            }
            java.util.Arrays.fill(out, 0);
            java.util.Arrays.fill(free, false);
            out[best] = 1;
            free[best] = true;
            double tol = 1e-12 * Math.max(scaleG, bmax) * k;
            for (int iter = 0; iter < 10 * k + 20; iter++) {
                double mu = equalityQp(b);
                int m = 0;
                boolean interior = true;
                for (int j = 0; j < k; j++) {
                    if (free[j]) {
                        idx[m++] = j;
                        if (!(z[j] > 0)) {
                            interior = false;
                        }
                    }
                }
                if (interior) {
                    for (int r = 0; r < m; r++) {
                        out[idx[r]] = z[idx[r]];
                    }
                    // multipliers of the active bounds: λ = G a − b − μ 1
                    int enter = -1;
                    double most = -tol;
                    for (int i = 0; i < k; i++) {
                        if (free[i]) {
                            continue;
                        }
                        double s = -b[i] - mu;
                        for (int r = 0; r < m; r++) {
                            s += g[i][idx[r]] * out[idx[r]];
                        }
                        if (s < most) {
                            most = s;
                            enter = i;
                        }
                    }
                    if (enter < 0) {
                        return;
                    }
                    free[enter] = true;
                } else {
                    // step from out towards z until the first free variable reaches 0
                    double alpha = 1;
                    int block = -1;
                    for (int r = 0; r < m; r++) {
                        int j = idx[r];
                        if (!(z[j] > 0)) {
                            double t = out[j] / (out[j] - z[j]);
                            if (t < alpha) {
                                alpha = t;
                                block = j;
                            }
                        }
                    }
                    for (int r = 0; r < m; r++) {
                        int j = idx[r];
                        out[j] += alpha * (z[j] - out[j]);
                        if (out[j] <= 0) {
                            out[j] = 0;
                            free[j] = false;
                        }
                    }
                    if (block >= 0) {
                        out[block] = 0;
                        free[block] = false;
                    }
                    renormalise(out);
                }
            }
            renormalise(out);
        }

        /** keeps Σ a = 1 exact after a step (removes the rounding of the step) */
        private static void renormalise(double[] a) {
            double s = 0;
            for (double x : a) {
                s += x;
            }
            if (s > 0) {
                for (int i = 0; i < a.length; i++) {
                    a[i] /= s;
                }
            }
        }

        /**
         * Solves G_FF z_F − μ 1 = b_F, 1ᵀ z_F = 1 on the free set (z = 0 elsewhere).
         *
         * @return μ
         */
        private double equalityQp(double[] b) {
            int m = 0;
            for (int j = 0; j < k; j++) {
                if (free[j]) {
                    idx[m++] = j;
                }
            }
            // Cholesky G_FF = L Lᵀ
            for (int r = 0; r < m; r++) {
                for (int c = 0; c <= r; c++) {
                    double s = g[idx[r]][idx[c]];
                    for (int q = 0; q < c; q++) {
                        s -= l[r * m + q] * l[c * m + q];
                    }
                    if (r == c) {
                        l[r * m + r] = Math.sqrt(Math.max(s, 1e-300));
                    } else {
                        l[r * m + c] = s / l[c * m + c];
                    }
                }
            }
            for (int r = 0; r < m; r++) {
                u[r] = b[idx[r]];
                v[r] = 1;
            }
            cholSolve(m, u);
            cholSolve(m, v);
            double su = 0;
            double sv = 0;
            for (int r = 0; r < m; r++) {
                su += u[r];
                sv += v[r];
            }
            double mu = (1 - su) / sv;
            java.util.Arrays.fill(z, 0);
            for (int r = 0; r < m; r++) {
                z[idx[r]] = u[r] + mu * v[r];
            }
            return mu;
        }

        private void cholSolve(int m, double[] x) {
            for (int r = 0; r < m; r++) {
                double s = x[r];
                for (int q = 0; q < r; q++) {
                    s -= l[r * m + q] * x[q];
                }
                x[r] = s / l[r * m + r];
            }
            for (int r = m - 1; r >= 0; r--) {
                double s = x[r];
                for (int q = r + 1; q < m; q++) {
                    s -= l[q * m + r] * x[q];
                }
                x[r] = s / l[r * m + r];
            }
        }
    }
}
