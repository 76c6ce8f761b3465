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
 * N-FINDR endmember extraction (Winter 1999) followed by fully constrained abundances ({@link FclsUnmixer}).
 * <p>
 * The spectra are reduced to their first k − 1 principal components about the mean spectrum (streamed: sums, Gram
 * matrix {@code XᵀX − n m mᵀ} {@code [p x p]} and its eigenvectors, projection; only the scores, n × (k − 1)
 * float32, are held). k distinct positions drawn at random (seeded) form the initial simplex. Then every position in
 * turn is tried in place of every vertex, and the replacement that enlarges the simplex volume most is made; with E the
 * {@code k × k} matrix of the vertices' columns {@code [1; y_j]}, the volume is |det E| / (k − 1)! and replacing vertex
 * j by y gives the volume ratio |c_j|, c = E⁻¹ [1; y] (Cramer's rule; c are the barycentric coordinates of y), so
 * a sweep costs O(n k²). Sweeps repeat until one makes no replacement (volume ratio above 1 + 1e-9) or {@code maxIter}
 * sweeps are done. The endmembers are the original spectra of the chosen positions (calibrated signal axes), ordered
 * by increasing flat navigation index; the loadings are their FCLS abundances.
 * <p>
 * Parameters: {@code components} k (required, 2 ≤ k ≤ min(n, p)), {@code maxIter} (sweeps, default 50), {@code seed}
 * (initial simplex, default 0), {@code poissonVariance} (the FCLS χ², default false).
 * <p>
 * Auxiliary results: {@link DecompositionResult#ENDMEMBER_PIXELS}, then FCLS's {@link DecompositionResult#RESIDUAL},
 * {@link DecompositionResult#CHI_SQUARE} and {@link DecompositionResult#RESIDUAL_SPECTRUM}.
 */
public final class NfindrDecomposer implements Decomposer {
    /** contribution id */
    public static final String ID = "tessera.decompose.nfindr";
    private static final String METHOD = "N-FINDR";
    /** relative volume gain a replacement must bring (stops cycling between equal volumes) */
    private static final double GAIN = 1e-9;

    private static final List<ParameterSpec> PARAMS = List.of(EndmemberSearch.componentsParameter(),
            ParameterSpec.ofInt("maxIter", 50, 1, null, "most sweeps over all positions (a sweep tries every position in place of every vertex)"),
            ParameterSpec.ofLong(EndmemberSearch.SEED, 0L, "seed of the random initial simplex"), LinearUnmixer.poissonParameter());

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(new LiteratureReference(
                "M. E. Winter, N-FINDR: an algorithm for fast autonomous spectral end-member determination in hyperspectral data, Proc. SPIE 3753 (1999) 266-275",
                "10.1117/12.366289"), new FclsUnmixer().references().get(0));
    }

    /**
     * {@inheritDoc}
     *
     * @return factors {@code [k, signal axes]} float64 (the endmember pixels' spectra), loadings {@code [k, nav axes]}
     *         float32 (FCLS abundances), no explained variance, auxiliary maps as in the class comment
     * @throws IllegalArgumentException if components is unset, below 2 or above min(n, p), the data are not finite,
     *                                  span fewer than k − 1 dimensions, or (poissonVariance) are negative
     */
    @Override
    public DecompositionResult decompose(Dataset data, Parameters params, ProgressMonitor monitor) {
        int[] pixels;
        EndmemberSearch st;
        monitor.begin(METHOD + " (" + data.navigationSize() + " x " + data.signalSize() + ")", 3 * data.navigationSize());
        try {
            st = EndmemberSearch.of(data, params, METHOD, monitor);
            int k = st.k;
            int d = k - 1;
            SymmetricEigen e = st.principal(true, d, METHOD);
            float[] y = st.project(e, d, true, monitor);
            double[] sd = new double[d];
            for (int c = 0; c < d; c++) {
                sd[c] = Math.sqrt(e.values()[c] / st.n);
            }
            pixels = search(y, st.n, k, sd, params.getInt("maxIter"), params.getLong(EndmemberSearch.SEED), monitor);
        } finally {
            monitor.done();
        }
        return st.finish(ID, pixels, params, METHOD, monitor);
    }

    /**
     * The N-FINDR iteration on the scores.
     *
     * @param y       scores, component-major {@code [(k−1) * n]}
     * @param n       positions
     * @param k       vertices
     * @param sd      standard deviation of each score (to judge a degenerate simplex)
     * @param maxIter most sweeps
     * @param seed    seed of the initial simplex
     * @param monitor cancellation
     * @return the k vertex positions
     */
    static int[] search(float[] y, int n, int k, double[] sd, int maxIter, long seed, ProgressMonitor monitor) {
        int d = k - 1;
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] v = new int[k];
        double[] einv = null;
        double scale = 1;
        for (double s : sd) {
            scale *= s;
        }
        for (int attempt = 0; attempt < 200 && einv == null; attempt++) {
            for (int i = 0; i < k; i++) {
                boolean dup;
                do {
                    v[i] = rnd.nextInt(n);
                    dup = false;
                    for (int q = 0; q < i; q++) {
                        dup |= v[q] == v[i];
                    }
                } while (dup);
            }
            double[] ed = vertexMatrix(y, n, k, v);
            double det = Math.abs(determinant(ed.clone(), k));
            if (det > 1e-10 * scale) {
                einv = invert(ed, k);
            }
        }
        if (einv == null) {
            throw new IllegalArgumentException(METHOD + ": 200 random initial simplices of " + k
                    + " positions all had zero volume: the data hold fewer than " + k + " affinely independent spectra");
        }
        double[] col = new double[k];
        for (int sweep = 0; sweep < maxIter; sweep++) {
            int replaced = 0;
            for (int i = 0; i < n; i++) {
                if ((i & 0xFFFF) == 0) {
                    Kernels.checkCancel(monitor);
                }
                col[0] = 1;
                for (int c = 0; c < d; c++) {
                    col[c + 1] = y[c * n + i];
                }
                int best = -1;
                double gain = 1 + GAIN;
                for (int j = 0; j < k; j++) {
                    double s = 0;
                    int o = j * k;
                    for (int c = 0; c < k; c++) {
                        s += einv[o + c] * col[c];
                    }
                    s = Math.abs(s);
                    if (s > gain) {
                        gain = s;
                        best = j;
                    }
                }
                if (best >= 0) {
                    v[best] = i;
                    einv = invert(vertexMatrix(y, n, k, v), k);
                    replaced++;
                }
            }
            if (replaced == 0) {
                break;
            }
        }
        return v;
    }

    /** @return E row-major {@code [k x k]}: column j = [1; y_{v_j}] */
    private static double[] vertexMatrix(float[] y, int n, int k, int[] v) {
        double[] e = new double[k * k];
        for (int j = 0; j < k; j++) {
            e[j] = 1;
            for (int c = 0; c < k - 1; c++) {
                e[(c + 1) * k + j] = y[c * n + v[j]];
            }
        }
        return e;
    }

    /** determinant by Gaussian elimination with partial pivoting (destroys a) */
    static double determinant(double[] a, int m) {
        double det = 1;
        for (int c = 0; c < m; c++) {
            int piv = c;
            for (int r = c + 1; r < m; r++) {
                if (Math.abs(a[r * m + c]) > Math.abs(a[piv * m + c])) {
                    piv = r;
                }
            }
            if (a[piv * m + c] == 0) {
                return 0;
            }
            if (piv != c) {
                for (int q = 0; q < m; q++) {
                    double t = a[c * m + q];
                    a[c * m + q] = a[piv * m + q];
                    a[piv * m + q] = t;
                }
                det = -det;
            }
            double dv = a[c * m + c];
            det *= dv;
            for (int r = c + 1; r < m; r++) {
                double f = a[r * m + c] / dv;
                for (int q = c; q < m; q++) {
                    a[r * m + q] -= f * a[c * m + q];
                }
            }
        }
        return det;
    }

    /** inverse by Gauss-Jordan elimination with partial pivoting; row-major {@code [m x m]} (a is destroyed) */
    static double[] invert(double[] a, int m) {
        double[] inv = new double[m * m];
        for (int i = 0; i < m; i++) {
            inv[i * m + i] = 1;
        }
        for (int c = 0; c < m; c++) {
            int piv = c;
            for (int r = c + 1; r < m; r++) {
                if (Math.abs(a[r * m + c]) > Math.abs(a[piv * m + c])) {
                    piv = r;
                }
            }
            if (piv != c) {
                for (int q = 0; q < m; q++) {
                    double t = a[c * m + q];
                    a[c * m + q] = a[piv * m + q];
                    a[piv * m + q] = t;
                    t = inv[c * m + q];
                    inv[c * m + q] = inv[piv * m + q];
                    inv[piv * m + q] = t;
                }
            }
            double dv = a[c * m + c];
            for (int q = 0; q < m; q++) {
                a[c * m + q] /= dv;
                inv[c * m + q] /= dv;
            }
            for (int r = 0; r < m; r++) {
                if (r == c) {
                    continue;
                }
                double f = a[r * m + c];
                if (f != 0) {
                    for (int q = 0; q < m; q++) {
                        a[r * m + q] -= f * a[c * m + q];
                        inv[r * m + q] -= f * inv[c * m + q];
                    }
                }
            }
        }
        return inv;
    }
}
