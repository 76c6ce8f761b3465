package tessera.decompose.internal;

import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

import tessera.core.analysis.Discriminant;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.math.Kernels;
import tessera.math.SymmetricEigen;

/**
 * Fisher's linear discriminant analysis (R. A. Fisher, Ann. Eugen. 7 (1936) 179,
 * doi:10.1111/j.1469-1809.1936.tb02137.x; Hastie, Tibshirani, Friedman, The Elements of Statistical Learning, 2nd ed.
 * 2009, §4.3, doi:10.1007/978-0-387-84858-7) computed as scikit-learn 1.2's
 * {@code LinearDiscriminantAnalysis(solver='eigen')}: with the rows labelled {@code >= 0} (label −1 is left out),
 * class priors {@code π_k = n_k / n}, the within-class covariance {@code S_w = Σ_k π_k Σ_k} (Σ_k the biased,
 * divide-by-n_k covariance of class k, optionally shrunk), the total covariance S_t of all fitted rows (shrunk
 * alike) and {@code S_b = S_t − S_w}, the directions are the generalised eigenvectors {@code S_b v = λ S_w v},
 * normalised so that {@code vᵀ S_w v = 1} (as LAPACK's {@code sygv} that SciPy's {@code eigh(Sb, Sw)} calls), by
 * decreasing λ; they are computed through the Cholesky factor {@code S_w = L Lᵀ} and the symmetric problem
 * {@code L⁻¹ S_b L⁻ᵀ}. {@code explainedVarianceRatio} = {@code λ_i / Σ_all λ} (scikit-learn's
 * {@code explained_variance_ratio_}).
 *
 * <p>The returned {@code mean} is the mean of the fitted rows, so {@code transform} gives
 * {@code (x − x̄) · v}: scikit-learn's eigen-solver {@code transform} is {@code x · scalings_} without centring, i.e.
 * ours minus the constant {@code −x̄ · v} per direction. Sign of each direction: its entry of largest magnitude is
 * positive (scikit-learn's sign is LAPACK's).
 *
 * <p>Parameters: {@code shrinkage}: {@code none} (default), a number α in [0, 1] ({@code (1 − α) Σ + α (tr Σ / d) I},
 * scikit-learn's {@code shrunk_covariance}) or {@code auto} (Ledoit–Wolf on the standardised features, then scaled
 * back, as scikit-learn; O. Ledoit, M. Wolf, J. Multivar. Anal. 88 (2004) 365, doi:10.1016/S0047-259X(03)00096-4);
 * {@code dimensions}: number of directions, default and at most {@code min(classes − 1, d)}.
 */
public final class LdaDiscriminant implements Discriminant {
    /** Contribution id. */
    public static final String ID = "tessera.decompose.lda";

    private static final List<ParameterSpec> PARAMS = List.of(
            ParameterSpec.ofString("shrinkage", "none", "covariance shrinkage: none, auto (Ledoit-Wolf) or a value in [0, 1]"),
            ParameterSpec.ofInt("dimensions", null, 1, null, "number of discriminant directions; unset = min(classes - 1, features)"));

    private static final List<LiteratureReference> REFS = List.of(
            new LiteratureReference("R. A. Fisher, The use of multiple measurements in taxonomic problems, Ann. Eugen. 7 (1936) 179-188",
                    "10.1111/j.1469-1809.1936.tb02137.x"),
            new LiteratureReference("T. Hastie, R. Tibshirani, J. Friedman, The Elements of Statistical Learning, 2nd ed., Springer (2009), section 4.3",
                    "10.1007/978-0-387-84858-7"),
            new LiteratureReference("O. Ledoit, M. Wolf, A well-conditioned estimator for large-dimensional covariance matrices, J. Multivar. Anal. 88 (2004) 365-411",
                    "10.1016/S0047-259X(03)00096-4"));

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
     * @throws IllegalArgumentException also if a class has a single row, a label is below −1, the shrinkage is not
     *                                  none, auto or a number in [0, 1], {@code dimensions} exceeds
     *                                  {@code min(classes − 1, d)}, or the within-class covariance is singular
     */
    @Override
    public Projection fit(double[][] features, int[] labels, Parameters params, ProgressMonitor monitor) {
        if (features.length != labels.length) {
            throw new IllegalArgumentException(features.length + " feature rows but " + labels.length + " labels");
        }
        if (features.length == 0) {
            throw new IllegalArgumentException("LDA needs labelled rows, got none");
        }
        int d = features[0].length;
        TreeMap<Integer, Integer> counts = new TreeMap<>();
        for (int i = 0; i < features.length; i++) {
            if (labels[i] < -1) {
                throw new IllegalArgumentException("label " + labels[i] + " of row " + i + " is below -1");
            }
            if (features[i].length != d) {
                throw new IllegalArgumentException("feature row " + i + " has " + features[i].length + " values, row 0 has " + d);
            }
            if (labels[i] >= 0) {
                counts.merge(labels[i], 1, Integer::sum);
                for (int j = 0; j < d; j++) {
                    if (!Double.isFinite(features[i][j])) {
                        throw new IllegalArgumentException("feature (" + i + ", " + j + ") is " + features[i][j]);
                    }
                }
            }
        }
        if (counts.size() < 2) {
            throw new IllegalArgumentException("LDA needs at least two labelled classes, got " + counts.size());
        }
        counts.forEach((label, cnt) -> {
            if (cnt < 2) {
                throw new IllegalArgumentException("class " + label + " has a single row; LDA needs at least two rows per class");
            }
        });
        int maxDims = Math.min(counts.size() - 1, d);
        int dims = params.has("dimensions") ? params.getInt("dimensions") : maxDims;
        if (dims > maxDims) {
            throw new IllegalArgumentException("dimensions = " + dims + " but at most min(classes - 1, features) = " + maxDims + " exist");
        }
        String shr = params.getString("shrinkage").trim().toLowerCase(Locale.ROOT);
        double alpha; // NaN: Ledoit-Wolf, -1: none
        if (shr.equals("none") || shr.isEmpty()) {
            alpha = -1;
        } else if (shr.equals("auto")) {
            alpha = Double.NaN;
        } else {
            try {
                alpha = Double.parseDouble(shr);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("shrinkage must be none, auto or a number in [0, 1], not '" + shr + "'");
            }
            if (!(alpha >= 0 && alpha <= 1)) {
                throw new IllegalArgumentException("shrinkage must lie in [0, 1], not " + alpha);
            }
        }
        int n = 0;
        for (int c : counts.values()) {
            n += c;
        }
        double[][] all = new double[n][];
        int[] cls = new int[n];
        java.util.Map<Integer, Integer> index = new java.util.HashMap<>();
        for (int label : counts.keySet()) {
            index.put(label, index.size());
        }
        for (int i = 0, t = 0; i < features.length; i++) {
            if (labels[i] >= 0) {
                all[t] = features[i];
                cls[t++] = index.get(labels[i]);
            }
        }
        Kernels.checkCancel(monitor);
        int nc = counts.size();
        double[] sw = new double[d * d];
        for (int k = 0; k < nc; k++) {
            int nk = 0;
            for (int c : cls) {
                nk += c == k ? 1 : 0;
            }
            double[][] xk = new double[nk][];
            for (int i = 0, t = 0; i < n; i++) {
                if (cls[i] == k) {
                    xk[t++] = all[i];
                }
            }
            double[] ck = covariance(xk, d, alpha);
            double prior = (double) nk / n;
            for (int t = 0; t < sw.length; t++) {
                sw[t] += prior * ck[t];
            }
            Kernels.checkCancel(monitor);
        }
        double[] st = covariance(all, d, alpha);
        double[] sb = new double[d * d];
        for (int t = 0; t < sb.length; t++) {
            sb[t] = st[t] - sw[t];
        }
        double[] l = cholesky(sw, d);
        // M = L⁻¹ Sb L⁻ᵀ: solve L Y = Sb (columns), then L Mᵀ = Yᵀ
        double[] y = lowerSolveColumns(l, sb, d);
        double[] yt = transpose(y, d);
        double[] mt = lowerSolveColumns(l, yt, d);
        double[] msym = new double[d * d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                msym[a * d + b] = 0.5 * (mt[a * d + b] + mt[b * d + a]);
            }
        }
        SymmetricEigen e = SymmetricEigen.of(msym, d);
        double total = 0;
        for (double v : e.values()) {
            total += v;
        }
        double[][] directions = new double[dims][];
        double[] ratio = new double[dims];
        for (int q = 0; q < dims; q++) {
            double[] w = new double[d];
            System.arraycopy(e.vectors(), q * d, w, 0, d);
            double[] v = upperSolveTransposed(l, w, d);
            int arg = 0;
            for (int j = 1; j < d; j++) {
                if (Math.abs(v[j]) > Math.abs(v[arg])) {
                    arg = j;
                }
            }
            if (v[arg] < 0) {
                for (int j = 0; j < d; j++) {
                    v[j] = -v[j];
                }
            }
            directions[q] = v;
            ratio[q] = e.values()[q] / total;
        }
        double[] mean = new double[d];
        for (double[] row : all) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        return new Projection(directions, mean, ratio);
    }

    /**
     * Biased covariance of the rows (divide by the row count), shrunk by α (α &lt; 0: not shrunk; NaN: Ledoit–Wolf on
     * the standardised rows, scaled back).
     */
    static double[] covariance(double[][] x, int d, double alpha) {
        int m = x.length;
        double[] mu = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mu[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mu[j] /= m;
        }
        double[] c = new double[d * d];
        double[] y = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                y[j] = row[j] - mu[j];
            }
            for (int a = 0; a < d; a++) {
                for (int b = a; b < d; b++) {
                    c[a * d + b] += y[a] * y[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                c[a * d + b] /= m;
                c[b * d + a] = c[a * d + b];
            }
        }
        if (Double.isNaN(alpha)) {
            return ledoitWolf(x, mu, c, d);
        }
        if (alpha > 0) {
            shrink(c, d, alpha);
        }
        return c;
    }

    /** {@code (1 − α) C + α (tr C / d) I}, in place. */
    private static void shrink(double[] c, int d, double alpha) {
        double tr = 0;
        for (int a = 0; a < d; a++) {
            tr += c[a * d + a];
        }
        for (int t = 0; t < c.length; t++) {
            c[t] *= 1 - alpha;
        }
        for (int a = 0; a < d; a++) {
            c[a * d + a] += alpha * tr / d;
        }
    }

    /**
     * Ledoit–Wolf shrinkage of the covariance of the standardised rows {@code z = (x − μ) / s} (s the biased standard
     * deviations, 1 where 0), scaled back by s: the intensity {@code min(β, δ) / δ} with
     * {@code δ = ‖C_z − μ_z I‖²_F / d} and {@code β = (Σ_i ‖z_i‖⁴ / m − ‖C_z‖²_F) / (d m)}, {@code μ_z = tr C_z / d}.
     */
    private static double[] ledoitWolf(double[][] x, double[] mu, double[] c, int d) {
        int m = x.length;
        double[] s = new double[d];
        for (int j = 0; j < d; j++) {
            s[j] = Math.sqrt(c[j * d + j]);
            if (s[j] == 0) {
                s[j] = 1;
            }
        }
        double[] cz = new double[d * d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                cz[a * d + b] = c[a * d + b] / (s[a] * s[b]);
            }
        }
        double alpha = 0;
        if (d > 1) {
            double beta = 0;
            for (double[] row : x) {
                double q = 0;
                for (int j = 0; j < d; j++) {
                    double z = (row[j] - mu[j]) / s[j];
                    q += z * z;
                }
                beta += q * q;
            }
            double fro = 0, tr = 0;
            for (int a = 0; a < d; a++) {
                tr += cz[a * d + a];
                for (int b = 0; b < d; b++) {
                    fro += cz[a * d + b] * cz[a * d + b];
                }
            }
            double muz = tr / d;
            double bet = (beta / m - fro) / ((double) d * m);
            double del = (fro - 2 * muz * tr + d * muz * muz) / d;
            bet = Math.min(bet, del);
            alpha = bet == 0 ? 0 : bet / del;
        }
        shrink(cz, d, alpha);
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                cz[a * d + b] *= s[a] * s[b];
            }
        }
        return cz;
    }

    /** Lower Cholesky factor of the row-major symmetric matrix a; singular (not positive definite) → error. */
    private static double[] cholesky(double[] a, int d) {
        double maxDiag = 0;
        for (int j = 0; j < d; j++) {
            maxDiag = Math.max(maxDiag, Math.abs(a[j * d + j]));
        }
        double tol = Math.max(1, d) * 2.220446049250313e-16 * maxDiag;
        double[] l = new double[d * d];
        for (int j = 0; j < d; j++) {
            double s = a[j * d + j];
            for (int k = 0; k < j; k++) {
                s -= l[j * d + k] * l[j * d + k];
            }
            if (!(s > tol)) {
                throw new IllegalArgumentException("the within-class covariance is singular (features linearly dependent within the classes, e.g. more features than rows"
                        + " or constant features); use shrinkage (auto or a value in (0, 1]) or fewer features (PCA scores)");
            }
            double ljj = Math.sqrt(s);
            l[j * d + j] = ljj;
            for (int i = j + 1; i < d; i++) {
                double t = a[i * d + j];
                for (int k = 0; k < j; k++) {
                    t -= l[i * d + k] * l[j * d + k];
                }
                l[i * d + j] = t / ljj;
            }
        }
        return l;
    }

    /** Solves {@code L Y = B} for all columns of the row-major B. */
    private static double[] lowerSolveColumns(double[] l, double[] b, int d) {
        double[] y = b.clone();
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < i; k++) {
                double f = l[i * d + k];
                if (f != 0) {
                    for (int c = 0; c < d; c++) {
                        y[i * d + c] -= f * y[k * d + c];
                    }
                }
            }
            double inv = 1 / l[i * d + i];
            for (int c = 0; c < d; c++) {
                y[i * d + c] *= inv;
            }
        }
        return y;
    }

    /** Solves {@code Lᵀ v = w}. */
    private static double[] upperSolveTransposed(double[] l, double[] w, int d) {
        double[] v = w.clone();
        for (int i = d - 1; i >= 0; i--) {
            double s = v[i];
            for (int k = i + 1; k < d; k++) {
                s -= l[k * d + i] * v[k];
            }
            v[i] = s / l[i * d + i];
        }
        return v;
    }

    private static double[] transpose(double[] a, int d) {
        double[] t = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                t[j * d + i] = a[i * d + j];
            }
        }
        return t;
    }
}
