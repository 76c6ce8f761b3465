package tessera.decompose.internal;

import java.util.List;
import java.util.Locale;

import tessera.core.analysis.Decomposer;
import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Dataset;
import tessera.math.Kernels;
import tessera.math.RowReader;
import tessera.math.SymmetricEigen;

/**
 * PCA as HyperSpy 1.7.3's {@code decomposition(algorithm="SVD")}, computed through the Gram
 * matrix: with X the {@code [n x p]} data (n navigation positions, p signal channels),
 * {@code C = X^T X = V Λ V^T}; factors are the eigenvectors V (HyperSpy's right singular
 * vectors), loadings {@code X V = U S} and the explained variance {@code λ / n = S² / n}
 * (HyperSpy's {@code svd_pca}: {@code explained_variance = S ** 2 / N} with N the number of
 * navigation positions, not N - 1). When {@code p > n} the {@code n x n} matrix {@code X X^T} is
 * decomposed instead (HyperSpy's auto-transpose). Signs follow HyperSpy's {@code svd_flip_signs}
 * with {@code u_based_decision=True}: the entry of largest magnitude of each loading (each factor
 * when transposed) is positive.
 *
 * <p>Parameters: {@code components} (number kept; unset = all {@code min(n, p)}),
 * {@code centre} ({@code none} as HyperSpy's default, {@code navigation}: subtract the mean
 * spectrum, {@code signal}: subtract each spectrum's mean), {@code normalizePoissonianNoise}
 * (Keenan and Kotula's weighting {@code X / (sqrt(aG) sqrt(bH)^T)} with aG the spectrum sums and
 * bH the channel sums; afterwards factors are multiplied by {@code sqrt(bH)} and loadings by
 * {@code sqrt(aG)}, exactly as HyperSpy; the explained variance stays that of the weighted data).
 *
 * <p>The data are streamed twice (three times with Poisson weighting) in float32 row blocks;
 * no full copy is made, except a float32 transposed copy when {@code p > n}.
 */
public final class PcaDecomposer implements Decomposer {
    /** Contribution id. */
    public static final String ID = "tessera.decompose.pca";

    private static final List<ParameterSpec> PARAMS = List.of(
            ParameterSpec.ofInt("components", null, 1, null, "number of components kept (factors and loadings); unset keeps all min(n, p)"),
            ParameterSpec.ofInt("maxComponents", null, 1, null,
                    "without components: keep at most this many (fewer when min(n, p) is smaller); the explained variance still covers all min(n, p)"),
            ParameterSpec.ofString("centre", "none", "centring before the decomposition: none (HyperSpy default), navigation (subtract the mean spectrum) or signal (subtract each spectrum's mean)"),
            ParameterSpec.ofBoolean("normalizePoissonianNoise", false, "weight the data by 1/sqrt(spectrum sum * channel sum) (Keenan & Kotula 2004), as HyperSpy's normalize_poissonian_noise"));

    private static final List<LiteratureReference> REFS = List.of(
            new LiteratureReference("I. T. Jolliffe, Principal Component Analysis, 2nd ed., Springer (2002)", "10.1007/b98835"),
            new LiteratureReference("M. R. Keenan, P. G. Kotula, Accounting for Poisson noise in the multivariate analysis of ToF-SIMS spectrum images, Surf. Interface Anal. 36 (2004) 203-212",
                    "10.1002/sia.1657"));

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
     * @return factors {@code [k, signal axes]} (float64), loadings {@code [k, navigation axes]} (float32) and the
     *         explained variance of all {@code min(n, p)} components
     * @throws IllegalArgumentException for an unknown centre, Poisson weighting combined with centring or with
     *                                  negative data, or more components than {@code min(n, p)}
     */
    @Override
    public DecompositionResult decompose(Dataset data, Parameters params, ProgressMonitor monitor) {
        RowReader x = Support.rows(data);
        long nl = data.navigationSize();
        int n = Math.toIntExact(nl);
        int p = data.signalSize();
        int m = Math.min(n, p);
        int k = params.has("components") ? params.getInt("components") : params.has("maxComponents") ? Math.min(m, params.getInt("maxComponents")) : m;
        if (k > m) {
            throw new IllegalArgumentException("components = " + k + " but at most min(n, p) = " + m + " exist");
        }
        String centre = params.getString("centre").trim().toLowerCase(Locale.ROOT);
        if (!centre.equals("none") && !centre.equals("navigation") && !centre.equals("signal")) {
            throw new IllegalArgumentException("centre must be none, navigation or signal, not '" + centre + "'");
        }
        boolean poisson = params.getBoolean("normalizePoissonianNoise");
        if (poisson && !centre.equals("none")) {
            throw new IllegalArgumentException("normalizePoissonianNoise is only compatible with centre=none (as in HyperSpy), not centre=" + centre);
        }
        monitor.begin("PCA (" + n + " x " + p + ")", (poisson || centre.equals("navigation") ? 3L : 2L) * n);
        try {
            double[] rootAG = null, rootBH = null, rowW = null, colW = null, colMean = null;
            if (poisson || centre.equals("navigation")) {
                double[][] sums = Kernels.sums(x, n, p, monitor);
                if (poisson) {
                    double[][] w = Support.poissonWeights(sums);
                    rootAG = w[0];
                    rootBH = w[1];
                    rowW = w[2];
                    colW = w[3];
                } else {
                    colMean = sums[1];
                    for (int j = 0; j < p; j++) {
                        colMean[j] /= n;
                    }
                }
            }
            boolean centreRows = centre.equals("signal");
            double[] values;
            double[] fac = new double[k * p]; // weighted factors, row-major [k x p]
            float[] load; // weighted loadings, component-major [k x n]
            if (p <= n) {
                double[] c = Kernels.gram(x, n, p, rowW, centreRows, monitor);
                if (colW != null) {
                    for (int i = 0; i < p; i++) {
                        for (int j = 0; j < p; j++) {
                            c[i * p + j] *= colW[i] * colW[j];
                        }
                    }
                }
                if (colMean != null) {
                    for (int i = 0; i < p; i++) {
                        for (int j = 0; j < p; j++) {
                            c[i * p + j] -= n * colMean[i] * colMean[j];
                        }
                    }
                }
                Kernels.checkCancel(monitor);
                SymmetricEigen e = SymmetricEigen.leading(c, p, k);
                c = null;
                values = e.values();
                System.arraycopy(e.vectors(), 0, fac, 0, k * p);
                double[] u = fac; // [k x p], with column weights folded in for the projection
                if (colW != null) {
                    u = new double[k * p];
                    for (int q = 0; q < k; q++) {
                        for (int j = 0; j < p; j++) {
                            u[q * p + j] = fac[q * p + j] * colW[j];
                        }
                    }
                }
                load = Kernels.projectOnto(x, n, p, u, k, rowW, colMean, centreRows, monitor);
                for (int q = 0; q < k; q++) {
                    int arg = argMaxAbs(load, q * n, n);
                    if (load[q * n + arg] < 0) {
                        negate(load, q * n, n);
                        for (int j = 0; j < p; j++) {
                            fac[q * p + j] = -fac[q * p + j];
                        }
                    }
                }
            } else {
                // auto-transpose: decompose the n x n matrix X X^T from a float32 transposed copy
                float[] xt = transposedCopy(x, n, p, rowW, colW, colMean, centreRows, monitor);
                RowReader t = (first, count, out, off) -> System.arraycopy(xt, Math.toIntExact(first * n), out, off, count * n);
                double[] g = Kernels.gram(t, p, n, null, false, ProgressMonitor.NULL);
                Kernels.checkCancel(monitor);
                SymmetricEigen e = SymmetricEigen.leading(g, n, k);
                g = null;
                values = e.values();
                float[] ft = Kernels.projectOnto(t, p, n, e.vectors(), k, null, null, false, monitor); // X^T U, [k x p]
                load = new float[k * n];
                for (int q = 0; q < k; q++) {
                    double s = Math.sqrt(Math.max(0, values[q]));
                    double inv = s > 0 ? 1 / s : 0;
                    int arg = 0;
                    double best = -1;
                    for (int j = 0; j < p; j++) {
                        double f = ft[q * p + j] * inv;
                        fac[q * p + j] = f;
                        if (Math.abs(f) > best) {
                            best = Math.abs(f);
                            arg = j;
                        }
                    }
                    double sign = fac[q * p + arg] < 0 ? -1 : 1;
                    for (int j = 0; j < p; j++) {
                        fac[q * p + j] *= sign;
                    }
                    for (int r = 0; r < n; r++) {
                        load[q * n + r] = (float) (sign * s * e.vectors()[q * n + r]);
                    }
                }
            }
            if (poisson) {
                for (int q = 0; q < k; q++) {
                    for (int j = 0; j < p; j++) {
                        fac[q * p + j] *= rootBH[j];
                    }
                    for (int r = 0; r < n; r++) {
                        load[q * n + r] = (float) (load[q * n + r] * rootAG[r]);
                    }
                }
            }
            double[] ev = new double[m];
            for (int i = 0; i < m; i++) {
                ev[i] = Math.max(0, values[i]) / n;
            }
            return new DecompositionResult(ID, Support.factors(fac, k, data), Support.loadings(load, k, data), ev, params);
        } finally {
            monitor.done();
        }
    }

    private static float[] transposedCopy(RowReader x, int n, int p, double[] rowW, double[] colW, double[] colMean, boolean centreRows,
            ProgressMonitor monitor) {
        float[] xt = new float[Math.multiplyExact(n, p)];
        int b = 64;
        float[] buf = new float[b * p];
        for (int r0 = 0; r0 < n; r0 += b) {
            Kernels.checkCancel(monitor);
            int cnt = Math.min(b, n - r0);
            x.read(r0, cnt, buf, 0);
            for (int r = 0; r < cnt; r++) {
                double mean = 0;
                if (centreRows) {
                    for (int j = 0; j < p; j++) {
                        mean += buf[r * p + j];
                    }
                    mean /= p;
                }
                double w = rowW == null ? 1 : rowW[r0 + r];
                for (int j = 0; j < p; j++) {
                    xt[j * n + r0 + r] = (float) ((buf[r * p + j] - mean - (colMean == null ? 0 : colMean[j])) * w * (colW == null ? 1 : colW[j]));
                }
            }
            monitor.worked(cnt);
        }
        return xt;
    }

    private static int argMaxAbs(float[] a, int off, int len) {
        int arg = 0;
        float best = -1;
        for (int i = 0; i < len; i++) {
            float v = Math.abs(a[off + i]);
            if (v > best) {
                best = v;
                arg = i;
            }
        }
        return arg;
    }

    private static void negate(float[] a, int off, int len) {
        for (int i = 0; i < len; i++) {
            a[off + i] = -a[off + i];
        }
    }
}
