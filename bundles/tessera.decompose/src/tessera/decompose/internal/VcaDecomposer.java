package tessera.decompose.internal;

import java.util.List;
import java.util.SplittableRandom;

import tessera.core.analysis.Decomposer;
import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Dataset;
import tessera.math.Kernels;
import tessera.math.SymmetricEigen;

/**
 * Vertex component analysis (Nascimento and Bioucas-Dias 2005) followed by fully constrained abundances
 * ({@link FclsUnmixer}).
 * <p>
 * Following the paper, with r the spectra (p channels), k endmembers, m the mean spectrum:
 * <ol>
 * <li>SNR estimate (their eq. 13, with the signal subspace from the centred data): P_r = E[rᵀr], the power of the
 *   data, and P_x = Σ_{c<k} λ_c / n + mᵀm, the power in the k-dimensional signal subspace (λ_c the eigenvalues of the
 *   centred scatter matrix), SNR = 10 log₁₀((P_x − (k/p) P_r) / (P_r − P_x)) dB; or the given {@code snr}.</li>
 * <li>If SNR &gt; SNR_th = 15 + 10 log₁₀ k dB: projective projection: x = U_kᵀ r with U_k the first k eigenvectors of
 *   the uncentred correlation matrix XᵀX / n, u the mean of x, and y = x / (uᵀx) (every spectrum scaled onto the
 *   hyperplane uᵀy = 1, which removes scale variations). Positions with uᵀx ≤ 1e-12 max uᵀx (empty spectra) get
 *   y = 0 and are never chosen. Otherwise: x = U_{k−1}ᵀ (r − m) with the centred eigenvectors, c = max ‖x‖,
 *   y = [x; c].</li>
 * <li>With A = [e_k, 0, …] ({@code k × k}): for i = 1 … k draw w ~ N(0, I_k) (seeded), f = (I − A A⁺) w / ‖…‖
 *   (Gram-Schmidt against the columns chosen so far), v = fᵀ y for every position, take the position of the largest
 *   |v| (the first on ties) as endmember i and put its y in column i of A.</li>
 * </ol>
 * The statistics are streamed (sums, Gram matrix {@code [p x p]}, one projection pass); only y, n × k float32, is
 * held. The endmembers are the original spectra of the chosen positions (calibrated signal axes), ordered by increasing
 * flat navigation index; the loadings are their FCLS abundances.
 * <p>
 * Parameters: {@code components} k (required, 2 ≤ k ≤ min(n, p)), {@code snr} (dB; unset: estimated),
 * {@code seed} (the random directions, default 0), {@code poissonVariance} (the FCLS χ², default false).
 * <p>
 * Auxiliary results: {@link DecompositionResult#ENDMEMBER_PIXELS}, then FCLS's {@link DecompositionResult#RESIDUAL},
 * {@link DecompositionResult#CHI_SQUARE} and {@link DecompositionResult#RESIDUAL_SPECTRUM}.
 */
public final class VcaDecomposer implements Decomposer {
    /** contribution id */
    public static final String ID = "tessera.decompose.vca";
    private static final String METHOD = "VCA";

    private static final List<ParameterSpec> PARAMS = List.of(EndmemberSearch.componentsParameter(),
            ParameterSpec.ofDouble("snr", null, null, null, "dB",
                    "signal-to-noise ratio that chooses the projection (above 15 + 10 log10 k dB: projective, else PCA); unset: estimated from the data"),
            ParameterSpec.ofLong(EndmemberSearch.SEED, 0L, "seed of the random projection directions"), LinearUnmixer.poissonParameter());

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(new LiteratureReference(
                "J. M. P. Nascimento, J. M. Bioucas-Dias, Vertex component analysis: a fast algorithm to unmix hyperspectral data, IEEE Trans. Geosci. Remote Sens. 43 (2005) 898-910",
                "10.1109/TGRS.2005.844293"), new FclsUnmixer().references().get(0));
    }

    /**
     * {@inheritDoc}
     *
     * @return factors {@code [k, signal axes]} float64 (the endmember pixels' spectra), loadings {@code [k, nav axes]}
     *         float32 (FCLS abundances), no explained variance, auxiliary maps as in the class comment
     * @throws IllegalArgumentException if components is unset, below 2 or above min(n, p), the data are not finite,
     *                                  span too few dimensions, or (poissonVariance) are negative
     */
    @Override
    public DecompositionResult decompose(Dataset data, Parameters params, ProgressMonitor monitor) {
        int[] pixels;
        EndmemberSearch st;
        monitor.begin(METHOD + " (" + data.navigationSize() + " x " + data.signalSize() + ")", 3 * data.navigationSize());
        try {
            st = EndmemberSearch.of(data, params, METHOD, monitor);
            int k = st.k;
            int n = st.n;
            double snr = params.has("snr") ? params.getDouble("snr") : estimateSnr(st);
            boolean projective = snr > snrThreshold(k);
            float[] y;
            if (projective) {
                SymmetricEigen e = st.principal(false, k, METHOD);
                y = st.project(e, k, false, monitor);
                double[] u = new double[k];
                for (int c = 0; c < k; c++) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        s += y[c * n + i];
                    }
                    u[c] = s / n;
                }
                double[] dot = new double[n];
                double mx = 0;
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    for (int c = 0; c < k; c++) {
                        s += u[c] * y[c * n + i];
                    }
                    dot[i] = s;
                    mx = Math.max(mx, s);
                }
                for (int i = 0; i < n; i++) {
                    double f = dot[i] > 1e-12 * mx ? 1 / dot[i] : 0;
                    for (int c = 0; c < k; c++) {
                        y[c * n + i] = (float) (y[c * n + i] * f);
                    }
                }
            } else {
                SymmetricEigen e = st.principal(true, k - 1, METHOD);
                float[] x = st.project(e, k - 1, true, monitor);
                y = new float[k * n];
                System.arraycopy(x, 0, y, 0, (k - 1) * n);
                double cmax = 0;
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    for (int c = 0; c < k - 1; c++) {
                        s += (double) x[c * n + i] * x[c * n + i];
                    }
                    cmax = Math.max(cmax, s);
                }
                java.util.Arrays.fill(y, (k - 1) * n, k * n, (float) Math.sqrt(cmax));
            }
            pixels = vertices(y, n, k, params.getLong(EndmemberSearch.SEED), monitor);
        } finally {
            monitor.done();
        }
        return st.finish(ID, pixels, params, METHOD, monitor);
    }

    /** @return SNR_th = 15 + 10 log₁₀ k dB */
    static double snrThreshold(int k) {
        return 15 + 10 * Math.log10(k);
    }

    /**
     * The paper's SNR estimate (eq. 13) from the streamed statistics.
     *
     * @param st the statistics
     * @return SNR in dB (+∞ when the data lie in the k-dimensional subspace to rounding, −∞ when the subspace holds no
     *         more than the noise's share)
     */
    static double estimateSnr(EndmemberSearch st) {
        int p = st.p;
        int n = st.n;
        double pr = 0;
        for (int j = 0; j < p; j++) {
            pr += st.gram[j * p + j];
        }
        pr /= n;
        SymmetricEigen e = st.principal(true, 1, METHOD);
        double px = 0;
        for (int c = 0; c < st.k; c++) {
            px += Math.max(0, e.values()[c]);
        }
        px /= n;
        for (double m : st.mean) {
            px += m * m;
        }
        double num = px - (double) st.k / p * pr;
        double den = pr - px;
        if (!(den > 1e-12 * pr)) {
            return Double.POSITIVE_INFINITY;
        }
        if (!(num > 0)) {
            return Double.NEGATIVE_INFINITY;
        }
        return 10 * Math.log10(num / den);
    }

    /**
     * VCA's iterative orthogonal projections.
     *
     * @param y       projected data, component-major {@code [k * n]}
     * @param n       positions
     * @param k       endmembers
     * @param seed    seed of the directions
     * @param monitor cancellation
     * @return the k chosen positions in the order found
     */
    static int[] vertices(float[] y, int n, int k, long seed, ProgressMonitor monitor) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] basis = new double[k][]; // orthonormal basis of span(A)
        int nb = 1;
        basis[0] = new double[k];
        basis[0][k - 1] = 1; // e_u
        int[] idx = new int[k];
        double[] f = new double[k];
        double[] a = new double[k];
        for (int i = 0; i < k; i++) {
            Kernels.checkCancel(monitor);
            double norm = 0;
            for (int attempt = 0; attempt < 100 && !(norm > 1e-6); attempt++) {
                for (int c = 0; c < k; c++) {
                    f[c] = rnd.nextGaussian();
                }
                double n0 = Math.sqrt(dot(f, f));
                orthogonalise(f, basis, nb);
                orthogonalise(f, basis, nb);
                norm = Math.sqrt(dot(f, f)) / n0;
            }
            double fn = Math.sqrt(dot(f, f));
            for (int c = 0; c < k; c++) {
                f[c] /= fn;
            }
            int best = 0;
            double bv = -1;
            for (int r = 0; r < n; r++) {
                double s = 0;
                for (int c = 0; c < k; c++) {
                    s += f[c] * y[c * n + r];
                }
                s = Math.abs(s);
                if (s > bv) {
                    bv = s;
                    best = r;
                }
            }
            idx[i] = best;
            // the basis of span(A) after column i is replaced by y_best: columns 0..i (e_u dropped at i = 0)
            if (i == 0) {
                nb = 0;
            }
            for (int c = 0; c < k; c++) {
                a[c] = y[c * n + best];
            }
            orthogonalise(a, basis, nb);
            orthogonalise(a, basis, nb);
            double an = Math.sqrt(dot(a, a));
            if (an > 0 && nb < k) {
                basis[nb] = new double[k];
                for (int c = 0; c < k; c++) {
                    basis[nb][c] = a[c] / an;
                }
                nb++;
            }
        }
        return idx;
    }

    private static void orthogonalise(double[] v, double[][] basis, int nb) {
        for (int b = 0; b < nb; b++) {
            double s = dot(v, basis[b]);
            for (int c = 0; c < v.length; c++) {
                v[c] -= s * basis[b][c];
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
