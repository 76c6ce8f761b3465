package tessera.decompose.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.analysis.SourceSeparator;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.math.Kernels;
import tessera.math.SymmetricEigen;

/**
 * What FastICA and orthomax share: HyperSpy 1.7.3's {@code blind_source_separation} around the rotation itself.
 * With K the input decomposition's components, N = {@code components} ≤ K, F the first N factors {@code [N x p]}
 * and L the first N loadings {@code [N x n]} (Tessera's component-major layout, the transpose of HyperSpy's
 * {@code (p, N)} and {@code (n, N)} arrays):
 * <ol>
 * <li>the separated variables X are F, or L with {@code onLoadings}; each of the N rows is a signal on the
 *   factors' signal axes (the loadings' navigation axes);</li>
 * <li>with {@code diffOrder} d &gt; 0, X is replaced by its d-th derivative along its axis, as NumPy's
 *   {@code gradient} (central differences {@code (x[i+1] − x[i−1]) / 2h} inside, one-sided first differences at
 *   the ends, h the axis scale) applied d times; for several axes (a loadings map) the derivatives along each axis
 *   are concatenated as samples, the fastest-varying axis first, as HyperSpy's {@code _get_derivative};</li>
 * <li>the m samples are centred and whitened as HyperSpy's {@code whiten_data}: with {@code R = Xc Xcᵀ / m = U S Uᵀ}
 *   (eigenvalues descending, each eigenvector's entry of largest magnitude positive, as HyperSpy's
 *   {@code svd_flip_signs}), the whitening matrix is {@code K = S^(−1/2) Uᵀ} (PCA, {@code S + 10⁻¹⁰} under the
 *   root as HyperSpy's {@code epsilon}) or {@code U S^(−1/2) Uᵀ} (ZCA; Kessy, Lewin, Strimmer, Am. Stat. 72 (2018)
 *   309, doi:10.1080/00031305.2016.1277159) and the whitened data {@code Y = K Xc};</li>
 * <li>the subclass finds the rotation {@code Q} (sources {@code Q Y}) and the unmixing matrix is
 *   {@code w = Q K};</li>
 * <li>when the input has an explained variance λ, the rows of w are sorted by {@code Σ_i λ_i |w_ji|}, descending
 *   (HyperSpy's {@code argsort(explained_variance[:N] @ abs(w.T))[::-1]}); otherwise they keep their order;</li>
 * <li>the separated factors are {@code w F} and loadings {@code w⁻ᵀ L} (with {@code onLoadings}: loadings
 *   {@code w L}, factors {@code w⁻ᵀ F}), so that their product is that of the N input components;</li>
 * <li>component j is reversed (factor, loading and row j of w negated) when the factor (or, by
 *   {@code reverseComponentCriterion}, the loading) has a minimum below zero larger in magnitude than its
 *   maximum, as HyperSpy's {@code _auto_reverse_bss_component}.</li>
 * </ol>
 * The result holds factors {@code [N, signal axes]} (float64), loadings {@code [N, navigation axes]} (float32),
 * no explained variance, and the unmixing matrix w {@code [N, N]} (float64, row j gives separated component j
 * from the N input components) as {@link DecompositionResult#UNMIXING_MATRIX}.
 */
abstract class BlindSourceSeparation implements SourceSeparator {
    static final String COMPONENTS = "components";
    static final String ON_LOADINGS = "onLoadings";
    static final String DIFF_ORDER = "diffOrder";
    static final String WHITEN = "whitenMethod";
    static final String REVERSE = "reverseComponentCriterion";
    /** HyperSpy's {@code whiten_data(epsilon=1e-10)}, added to the covariance eigenvalues under the square root */
    static final double WHITEN_EPSILON = 1e-10;
    /** smallest/largest covariance eigenvalue at or below which the selected components count as linearly dependent */
    static final double SINGULAR_TOLERANCE = 1e-12;

    /** The rotation of the whitened data. */
    interface Rotation {
        /**
         * @param y       whitened data {@code [N][m]} (component-major: row c holds the m samples of component c), zero
         *                mean, identity covariance; must not be modified
         * @param monitor progress (begun by the caller) and cancellation
         * @return the rotation {@code Q [N][N]}: the sources are {@code Q y} (scikit-learn's {@code components_})
         */
        double[][] rotate(double[][] y, ProgressMonitor monitor);
    }

    /**
     * @return the parameters common to both separators: components, onLoadings, diffOrder, whitenMethod,
     *         reverseComponentCriterion
     */
    static List<ParameterSpec> commonParameters() {
        return List.of(
                ParameterSpec.ofInt(COMPONENTS, null, 2, null, "number of decomposition components separated (the first N; required, 2 to the decomposition's)"),
                ParameterSpec.ofBoolean(ON_LOADINGS, false, "separate the loadings (maps) instead of the factors (spectra), as HyperSpy's on_loadings"),
                ParameterSpec.ofInt(DIFF_ORDER, 1, 0, 10, "separate the derivative of this order along the signal axes (0: the components themselves), as HyperSpy's diff_order"),
                ParameterSpec.ofChoice(WHITEN, "PCA", List.of("PCA", "ZCA"), "whitening before the separation, as HyperSpy's whiten_method"),
                ParameterSpec.ofChoice(REVERSE, "factors", List.of("factors", "loadings"),
                        "which of the two decides whether a component is reversed (its largest magnitude made positive)"));
    }

    /** @return contribution id */
    abstract String id();

    /** @return a short name for the progress monitor, e.g. {@code FastICA} */
    abstract String label();

    /**
     * @param params the parameters
     * @param n      number of components N
     * @return the amount of work the rotation reports to the monitor (iterations)
     */
    abstract long work(Parameters params, int n);

    /**
     * Runs the separation with the given rotation.
     *
     * @param decomposition the input decomposition
     * @param params        validated parameters (the common ones at least)
     * @param rotation      the rotation of the whitened data
     * @param monitor       progress and cancellation
     * @return the separated decomposition (see the class comment)
     * @throws IllegalArgumentException if {@code components} is unset, below 2 or above the decomposition's, a
     *                                  value is not finite, an axis is too short to differentiate, or the selected
     *                                  components are linearly dependent (singular whitening)
     */
    final DecompositionResult run(DecompositionResult decomposition, Parameters params, Rotation rotation, ProgressMonitor monitor) {
        if (!params.has(COMPONENTS)) {
            throw new IllegalArgumentException("parameter 'components' is required: the number of decomposition components to separate (at least 2, at most "
                    + decomposition.components() + ")");
        }
        int nc = params.getInt(COMPONENTS);
        int k = decomposition.components();
        if (nc < 2) {
            throw new IllegalArgumentException("components = " + nc + ": blind source separation needs at least 2 components");
        }
        if (nc > k) {
            throw new IllegalArgumentException("components = " + nc + " but the decomposition (" + decomposition.algorithmId() + ") has only " + k);
        }
        boolean onLoadings = params.getBoolean(ON_LOADINGS);
        int diff = params.getInt(DIFF_ORDER);
        boolean zca = params.getString(WHITEN).trim().toUpperCase(Locale.ROOT).equals("ZCA");
        boolean byLoadings = params.getString(REVERSE).trim().toLowerCase(Locale.ROOT).equals("loadings");
        Dataset fd = decomposition.factors();
        Dataset ld = decomposition.loadings();
        double[][] f = rows(fd, nc, k, "factors");
        double[][] l = rows(ld, nc, k, "loadings");
        List<Axis> axes = (onLoadings ? ld : fd).axes();
        axes = axes.subList(1, axes.size());
        double[][] x = onLoadings ? l : f;
        monitor.begin(label() + " (" + nc + " components of " + x[0].length + (onLoadings ? " loadings" : " factors") + ")", work(params, nc));
        try {
            if (diff > 0) {
                x = derivative(x, axes, diff);
            } else {
                x = copy(x);
            }
            Kernels.checkCancel(monitor);
            double[] wh = whiten(x, zca, onLoadings ? "loadings" : "factors");
            double[][] q = rotation.rotate(x, monitor);
            double[][] w = multiply(q, wh, nc);
            double[] ev = decomposition.explainedVariance();
            if (ev != null && ev.length >= nc) {
                w = sortRows(w, ev);
            }
            double[][] wInvT = transpose(Inverse.of(w));
            double[][] bf = onLoadings ? multiply(wInvT, f) : multiply(w, f);
            double[][] bl = onLoadings ? multiply(w, l) : multiply(wInvT, l);
            for (int j = 0; j < nc; j++) {
                double[] v = byLoadings ? bl[j] : bf[j];
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (double a : v) {
                    min = Math.min(min, a);
                    max = Math.max(max, a);
                }
                if (min < 0 && -min > max) {
                    negate(bf[j]);
                    negate(bl[j]);
                    negate(w[j]);
                }
            }
            return result(decomposition, params, nc, w, bf, bl);
        } finally {
            monitor.done();
        }
    }

    private DecompositionResult result(DecompositionResult in, Parameters params, int nc, double[][] w, double[][] bf, double[][] bl) {
        Dataset fd = in.factors();
        Dataset ld = in.loadings();
        int p = bf[0].length;
        int n = bl[0].length;
        double[] fv = new double[nc * p];
        float[] lv = new float[nc * n];
        double[] wv = new double[nc * nc];
        for (int j = 0; j < nc; j++) {
            System.arraycopy(bf[j], 0, fv, j * p, p);
            for (int t = 0; t < n; t++) {
                lv[j * n + t] = (float) bl[j][t];
            }
            System.arraycopy(w[j], 0, wv, j * nc, nc);
        }
        List<Axis> fa = new ArrayList<>(fd.axes());
        fa.set(0, resized(fd.axis(0), nc));
        List<Axis> la = new ArrayList<>(ld.axes());
        la.set(0, resized(ld.axis(0), nc));
        Metadata wm = new Metadata();
        wm.title("unmixing matrix");
        Dataset wd = Dataset.ofDoubles(wv, List.of(Axis.uncalibrated("component", nc, true), Axis.uncalibrated("input component", nc, false)), wm);
        Map<String, Dataset> aux = new LinkedHashMap<>();
        aux.put(DecompositionResult.UNMIXING_MATRIX, wd);
        return new DecompositionResult(id(), Dataset.ofDoubles(fv, fa, new Metadata()), Dataset.ofFloats(lv, la, new Metadata()), null, params, aux);
    }

    private static Axis resized(Axis a, int size) {
        return new Axis(a.name(), size, a.scale(), a.offset(), a.units(), a.navigate());
    }

    /** @return the first {@code nc} components of {@code d} ({@code [k, ...]}) as {@code [nc][rest]}, checked finite */
    private static double[][] rows(Dataset d, int nc, int k, String what) {
        if (d.axis(0).size() != k) {
            throw new IllegalArgumentException("decomposition " + what + " have " + d.axis(0).size() + " components but the factors " + k);
        }
        int len = Math.toIntExact(d.size() / k);
        double[][] r = new double[nc][len];
        for (int c = 0; c < nc; c++) {
            for (int j = 0; j < len; j++) {
                double v = d.getDouble((long) c * len + j);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("decomposition " + what + ": component " + c + " has the non-finite value " + v + " at element " + j);
                }
                r[c][j] = v;
            }
        }
        return r;
    }

    private static double[][] copy(double[][] x) {
        double[][] c = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            c[i] = x[i].clone();
        }
        return c;
    }

    /**
     * The {@code order}-th derivative of each row, as HyperSpy's {@code _get_derivative}: NumPy's {@code gradient}
     * along each axis ({@code edge_order=1}), the axes' results concatenated (fastest-varying axis first).
     *
     * @param x     {@code [N][size]}, each row a row-major array on {@code axes}
     * @param axes  the axes of a row, array order
     * @param order derivative order, {@code >= 1}
     * @return {@code [N][axes.size() * size]}
     * @throws IllegalArgumentException if an axis has fewer than 2 points
     */
    static double[][] derivative(double[][] x, List<Axis> axes, int order) {
        int size = x[0].length;
        int na = axes.size();
        for (Axis a : axes) {
            if (a.size() < 2) {
                throw new IllegalArgumentException("diffOrder = " + order + " needs at least 2 points along axis '" + a.name() + "', which has " + a.size()
                        + " (use diffOrder = 0)");
            }
        }
        double[][] out = new double[x.length][na * size];
        for (int c = 0; c < x.length; c++) {
            for (int ai = 0; ai < na; ai++) {
                int axis = na - 1 - ai; // HyperSpy's signal axes order: fastest-varying first
                int len = axes.get(axis).size();
                int stride = 1;
                for (int b = axis + 1; b < na; b++) {
                    stride *= axes.get(b).size();
                }
                double h = axes.get(axis).scale();
                double[] cur = x[c].clone();
                double[] next = new double[size];
                for (int o = 0; o < order; o++) {
                    gradient(cur, next, len, stride, h);
                    double[] t = cur;
                    cur = next;
                    next = t;
                }
                System.arraycopy(cur, 0, out[c], ai * size, size);
            }
        }
        return out;
    }

    /** NumPy's {@code gradient(a, h, edge_order=1)} along one axis of a row-major array. */
    private static void gradient(double[] a, double[] g, int len, int stride, double h) {
        int outer = a.length / (len * stride);
        for (int o = 0; o < outer; o++) {
            for (int s = 0; s < stride; s++) {
                int base = o * len * stride + s;
                g[base] = (a[base + stride] - a[base]) / h;
                for (int i = 1; i < len - 1; i++) {
                    int at = base + i * stride;
                    g[at] = (a[at + stride] - a[at - stride]) / (2 * h);
                }
                int last = base + (len - 1) * stride;
                g[last] = (a[last] - a[last - stride]) / h;
            }
        }
    }

    /**
     * Centres and whitens {@code x} in place, as HyperSpy's {@code whiten_data(centre=True)}.
     *
     * @param x    {@code [N][m]}, replaced by the whitened data
     * @param zca  ZCA instead of PCA whitening
     * @param what "factors" or "loadings", for the message
     * @return the whitening matrix {@code [N x N]} row-major
     * @throws IllegalArgumentException if the covariance is singular
     */
    static double[] whiten(double[][] x, boolean zca, String what) {
        int nc = x.length;
        int m = x[0].length;
        for (double[] r : x) {
            double mean = 0;
            for (double v : r) {
                mean += v;
            }
            mean /= m;
            for (int t = 0; t < m; t++) {
                r[t] -= mean;
            }
        }
        double[] cov = new double[nc * nc];
        for (int a = 0; a < nc; a++) {
            for (int b = a; b < nc; b++) {
                double s = dot(x[a], x[b]) / m;
                cov[a * nc + b] = s;
                cov[b * nc + a] = s;
            }
        }
        SymmetricEigen e = SymmetricEigen.of(cov, nc);
        double[] s = e.values();
        double[] u = e.vectors().clone(); // row q: eigenvector q
        if (!(s[0] > 0) || !(s[nc - 1] > SINGULAR_TOLERANCE * s[0])) {
            throw new IllegalArgumentException("the " + nc + " selected " + what + " are linearly dependent after differentiation and centring (covariance eigenvalues "
                    + s[0] + " ... " + s[nc - 1] + "), so they cannot be whitened: separate fewer components or change diffOrder");
        }
        for (int q = 0; q < nc; q++) {
            int arg = 0;
            for (int j = 1; j < nc; j++) {
                if (Math.abs(u[q * nc + j]) > Math.abs(u[q * nc + arg])) {
                    arg = j;
                }
            }
            if (u[q * nc + arg] < 0) {
                for (int j = 0; j < nc; j++) {
                    u[q * nc + j] = -u[q * nc + j];
                }
            }
        }
        double[] w = new double[nc * nc];
        for (int q = 0; q < nc; q++) {
            double inv = 1 / Math.sqrt(s[q] + WHITEN_EPSILON);
            if (zca) {
                for (int a = 0; a < nc; a++) {
                    for (int b = 0; b < nc; b++) {
                        w[a * nc + b] += u[q * nc + a] * inv * u[q * nc + b];
                    }
                }
            } else {
                for (int j = 0; j < nc; j++) {
                    w[q * nc + j] = u[q * nc + j] * inv;
                }
            }
        }
        double[][] y = new double[nc][m];
        for (int a = 0; a < nc; a++) {
            for (int c = 0; c < nc; c++) {
                double wc = w[a * nc + c];
                double[] xc = x[c];
                double[] ya = y[a];
                for (int t = 0; t < m; t++) {
                    ya[t] += wc * xc[t];
                }
            }
        }
        for (int a = 0; a < nc; a++) {
            x[a] = y[a];
        }
        return w;
    }

    /**
     * Sorts the rows of w by {@code Σ_i ev_i |w_ji|}, descending, ties as NumPy's reversed stable argsort.
     */
    static double[][] sortRows(double[][] w, double[] ev) {
        int nc = w.length;
        Integer[] idx = new Integer[nc];
        double[] score = new double[nc];
        for (int j = 0; j < nc; j++) {
            idx[j] = j;
            for (int i = 0; i < nc; i++) {
                score[j] += ev[i] * Math.abs(w[j][i]);
            }
        }
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(score[a], score[b]));
        double[][] s = new double[nc][];
        for (int j = 0; j < nc; j++) {
            s[j] = w[idx[nc - 1 - j]];
        }
        return s;
    }

    static double dot(double[] a, double[] b) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int n = a.length;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** @return {@code a @ b} with b row-major {@code [nc x nc]} */
    private static double[][] multiply(double[][] a, double[] b, int nc) {
        double[][] r = new double[nc][nc];
        for (int i = 0; i < nc; i++) {
            for (int j = 0; j < nc; j++) {
                double s = 0;
                for (int c = 0; c < nc; c++) {
                    s += a[i][c] * b[c * nc + j];
                }
                r[i][j] = s;
            }
        }
        return r;
    }

    /** @return {@code a @ x} with a {@code [nc][nc]}, x {@code [nc][len]} */
    private static double[][] multiply(double[][] a, double[][] x) {
        int nc = a.length;
        int len = x[0].length;
        double[][] r = new double[nc][len];
        for (int i = 0; i < nc; i++) {
            for (int c = 0; c < nc; c++) {
                double ac = a[i][c];
                double[] xc = x[c];
                double[] ri = r[i];
                for (int t = 0; t < len; t++) {
                    ri[t] += ac * xc[t];
                }
            }
        }
        return r;
    }

    private static double[][] transpose(double[][] a) {
        int n = a.length;
        double[][] t = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    private static void negate(double[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] = -a[i];
        }
    }

    /** Inverse of a small square matrix by Gauss–Jordan elimination with partial pivoting. */
    static final class Inverse {
        private Inverse() {
        }

        /**
         * @param a {@code [n][n]}, not modified
         * @return {@code a⁻¹}
         * @throws IllegalArgumentException if a is singular
         */
        static double[][] of(double[][] a) {
            int n = a.length;
            double[][] m = new double[n][2 * n];
            for (int i = 0; i < n; i++) {
                System.arraycopy(a[i], 0, m[i], 0, n);
                m[i][n + i] = 1;
            }
            for (int c = 0; c < n; c++) {
                int piv = c;
                for (int r = c + 1; r < n; r++) {
                    if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) {
                        piv = r;
                    }
                }
                if (m[piv][c] == 0) {
                    throw new IllegalArgumentException("the unmixing matrix is singular");
                }
                double[] t = m[piv];
                m[piv] = m[c];
                m[c] = t;
                double inv = 1 / m[c][c];
                for (int j = 0; j < 2 * n; j++) {
                    m[c][j] *= inv;
                }
                for (int r = 0; r < n; r++) {
                    if (r != c && m[r][c] != 0) {
                        double fct = m[r][c];
                        for (int j = 0; j < 2 * n; j++) {
                            m[r][j] -= fct * m[c][j];
                        }
                    }
                }
            }
            double[][] out = new double[n][n];
            for (int i = 0; i < n; i++) {
                System.arraycopy(m[i], n, out[i], 0, n);
            }
            return out;
        }
    }
}
