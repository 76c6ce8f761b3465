package tessera.decompose.internal;

import java.util.ArrayList;
import java.util.List;

import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.math.Kernels;
import tessera.math.SymmetricEigen;

/**
 * Blind source separation by an orthomax rotation, as HyperSpy 1.7.3's
 * {@code blind_source_separation(algorithm="orthomax")} and its {@code hyperspy.learn.orthomax.orthomax}: the
 * whitening, sorting, unmixing and sign rules of {@link BlindSourceSeparation}, with the orthogonal rotation T of
 * the whitened data A = Yᵀ {@code [m x N]} that maximises the orthomax criterion
 * {@code Σ_k [Σ_t B_tk⁴ − (γ/m) (Σ_t B_tk²)²]} of {@code B = A T} (γ = 1: varimax, Kaiser, Psychometrika 23 (1958)
 * 187, doi:10.1007/BF02289233; γ = 0: quartimax), by Lawley and Maxwell's iteration as HyperSpy (after MetPy):
 * from T = I, {@code T ← polar(Aᵀ (m B∘B∘B − γ B diag(Σ_t B_tk²)))} with {@code polar(C) = U Vᵀ} for
 * {@code C = U S Vᵀ}, until the sum s of the singular values changes by less than {@code tol · s}. HyperSpy
 * restarts its count (s_old = 0) every 256 iterations and loops until converged; this does the same, but stops
 * after {@code maxIter} iterations in all. The polar factor is computed as {@code C (CᵀC)^(−1/2)} from the
 * symmetric eigendecomposition of {@code CᵀC}. The rotation Q of {@link BlindSourceSeparation} is {@code Tᵀ}
 * (HyperSpy returns {@code W.T}). Only {@code 0 ≤ γ ≤ 1} is offered: HyperSpy's pairwise-rotation branch for other
 * γ is marked there as not working.
 */
public final class OrthomaxSeparator extends BlindSourceSeparation {
    /** Contribution id. */
    public static final String ID = "tessera.decompose.orthomax";
    /** HyperSpy's {@code max_iter}, after which it restarts its convergence test */
    static final int HYPERSPY_RESTART = 256;

    private static final List<ParameterSpec> PARAMS;

    static {
        List<ParameterSpec> l = new ArrayList<>(commonParameters());
        l.add(ParameterSpec.ofDouble("gamma", 1.0, 0.0, 1.0, "", "orthomax weight: 1 varimax, 0 quartimax"));
        l.add(ParameterSpec.ofDouble("tol", 1.4901e-07, 0.0, 1.0, "", "relative change of the criterion (sum of singular values) at which the iteration stops (HyperSpy's tol)"));
        l.add(ParameterSpec.ofInt("maxIter", 10000, 1, null, "maximum number of iterations in all (HyperSpy loops until converged)"));
        PARAMS = List.copyOf(l);
    }

    private static final List<LiteratureReference> REFS = List.of(
            new LiteratureReference("H. F. Kaiser, The varimax criterion for analytic rotation in factor analysis, Psychometrika 23 (1958) 187-200",
                    "10.1007/BF02289233"),
            new LiteratureReference("D. N. Lawley, A. E. Maxwell, Factor Analysis as a Statistical Method, 2nd ed., Butterworths, London (1971)", ""),
            new LiteratureReference("A. Kessy, A. Lewin, K. Strimmer, Optimal whitening and decorrelation, Am. Stat. 72 (2018) 309-314",
                    "10.1080/00031305.2016.1277159"));

    /**
     * Outcome of {@link #orthomax}.
     *
     * @param rotation   {@code T [N][N]}: the rotated data are {@code A T} (HyperSpy's unmixing matrix is {@code Tᵀ})
     * @param iterations iterations run
     * @param converged  whether the tolerance was reached
     */
    public record Rotated(double[][] rotation, int iterations, boolean converged) {
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
        return "Orthomax";
    }

    @Override
    long work(Parameters params, int n) {
        return params.getInt("maxIter");
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException as {@link tessera.core.analysis.SourceSeparator#separate}
     */
    @Override
    public DecompositionResult separate(DecompositionResult decomposition, Parameters params, ProgressMonitor monitor) {
        double gamma = params.getDouble("gamma");
        double tol = params.getDouble("tol");
        int maxIter = params.getInt("maxIter");
        return run(decomposition, params, (y, m) -> transpose(orthomax(y, gamma, tol, maxIter, m).rotation()), monitor);
    }

    /**
     * The orthomax rotation of {@code A = yᵀ}, as HyperSpy's {@code orthomax(A, gamma, tol)} (see the class comment).
     *
     * @param y       {@code [N][m]}: column c of A, i.e. the m samples of variable c; not modified
     * @param gamma   orthomax weight in [0, 1]
     * @param tol     relative tolerance
     * @param maxIter maximum iterations in all, {@code >= 1}
     * @param monitor progress (one unit per iteration) and cancellation
     * @return the rotation T, iterations and convergence
     * @throws IllegalArgumentException if gamma is outside [0, 1] or maxIter &lt; 1
     * @throws java.util.concurrent.CancellationException if cancelled
     */
    public static Rotated orthomax(double[][] y, double gamma, double tol, int maxIter, ProgressMonitor monitor) {
        if (!(gamma >= 0 && gamma <= 1)) {
            throw new IllegalArgumentException("orthomax: gamma = " + gamma + " must be in [0, 1]");
        }
        if (maxIter < 1) {
            throw new IllegalArgumentException("orthomax: maxIter = " + maxIter + " must be at least 1");
        }
        int nc = y.length;
        int m = y[0].length;
        double[][] t = new double[nc][nc];
        for (int i = 0; i < nc; i++) {
            t[i][i] = 1;
        }
        double[][] b = new double[nc][];
        for (int k = 0; k < nc; k++) {
            b[k] = y[k].clone();
        }
        double s = 0;
        double[] mk = new double[m];
        int it = 0;
        boolean converged = false;
        while (it < maxIter) {
            Kernels.checkCancel(monitor);
            double sold = it % HYPERSPY_RESTART == 0 ? 0 : s;
            double[] c = new double[nc * nc]; // row-major C = A^T (m B^3 - gamma B diag(colsum B^2))
            for (int k = 0; k < nc; k++) {
                double[] bk = b[k];
                double sq = dot(bk, bk);
                double g = gamma * sq;
                for (int q = 0; q < m; q++) {
                    double v = bk[q];
                    mk[q] = m * v * v * v - g * v;
                }
                for (int r = 0; r < nc; r++) {
                    c[r * nc + k] = dot(y[r], mk);
                }
            }
            double[] ctc = new double[nc * nc];
            for (int i = 0; i < nc; i++) {
                for (int j = i; j < nc; j++) {
                    double v = 0;
                    for (int r = 0; r < nc; r++) {
                        v += c[r * nc + i] * c[r * nc + j];
                    }
                    ctc[i * nc + j] = v;
                    ctc[j * nc + i] = v;
                }
            }
            SymmetricEigen e = SymmetricEigen.of(ctc, nc);
            double[] vec = e.vectors();
            double[] isq = new double[nc * nc]; // (C^T C)^(-1/2)
            s = 0;
            double top = Math.sqrt(Math.max(e.values()[0], 0));
            for (int q = 0; q < nc; q++) {
                double sigma = Math.sqrt(Math.max(e.values()[q], 0));
                s += sigma;
                double inv = sigma > 1e-300 && sigma > 1e-15 * top ? 1 / sigma : 0;
                for (int i = 0; i < nc; i++) {
                    double vi = vec[q * nc + i] * inv;
                    for (int j = 0; j < nc; j++) {
                        isq[i * nc + j] += vi * vec[q * nc + j];
                    }
                }
            }
            for (int i = 0; i < nc; i++) {
                for (int j = 0; j < nc; j++) {
                    double v = 0;
                    for (int r = 0; r < nc; r++) {
                        v += c[i * nc + r] * isq[r * nc + j];
                    }
                    t[i][j] = v;
                }
            }
            for (int k = 0; k < nc; k++) {
                double[] bk = b[k];
                java.util.Arrays.fill(bk, 0);
                for (int r = 0; r < nc; r++) {
                    double trk = t[r][k];
                    double[] yr = y[r];
                    for (int q = 0; q < m; q++) {
                        bk[q] += trk * yr[q];
                    }
                }
            }
            it++;
            monitor.worked(1);
            if (Math.abs(s - sold) < tol * s) {
                converged = true;
                break;
            }
        }
        return new Rotated(t, it, converged);
    }

    private static double[][] transpose(double[][] a) {
        int n = a.length;
        double[][] r = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                r[j][i] = a[i][j];
            }
        }
        return r;
    }
}
