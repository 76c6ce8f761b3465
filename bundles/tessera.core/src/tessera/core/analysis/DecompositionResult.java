package tessera.core.analysis;

import java.util.List;

import tessera.core.model.Axis;
import tessera.core.model.Dataset;

/**
 * Outcome of a {@link Decomposer}, keeping calibration: factors carry the signal axes,
 * loadings the navigation axes.
 *
 * <ul>
 * <li>{@code factors}: axes {@code [component (navigation, size k), signal axes...]}, e.g.
 *   {@code [3, 992]} with the calibrated energy axis: factor i is a spectrum.</li>
 * <li>{@code loadings}: axes {@code [component (navigation, size k), source navigation axes as
 *   signal axes]}, e.g. {@code [3, 64, 64]} with the calibrated x/y axes: loading i is a map
 *   (or a profile for a line scan).</li>
 * <li>{@code explainedVariance}: variance per component, descending, for the scree; may cover
 *   more components than {@code k} (PCA computes the full spectrum); null for methods without
 *   one (NMF).</li>
 * </ul>
 *
 * @param algorithmId       contribution id that made it, e.g. {@code tessera.decompose.pca}
 * @param factors           factors dataset as above
 * @param loadings          loadings dataset as above
 * @param explainedVariance variances, length {@code >= k}, or null
 * @param parameters        the parameters used
 */
public record DecompositionResult(String algorithmId, Dataset factors, Dataset loadings, double[] explainedVariance, Parameters parameters) {

    /** @return number of components k */
    public int components() {
        return factors.axis(0).size();
    }

    /** @return explained variance ratios (variance / total over all computed components), or null */
    public double[] explainedVarianceRatio() {
        if (explainedVariance == null) {
            return null;
        }
        double total = 0;
        for (double v : explainedVariance) {
            total += v;
        }
        double[] r = new double[explainedVariance.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = explainedVariance[i] / total;
        }
        return r;
    }

    /**
     * Builds the axes of a loadings dataset from the source's navigation axes.
     *
     * @param k      number of components
     * @param source the decomposed dataset
     * @return {@code [component, nav axes as signal axes]}
     */
    public static List<Axis> loadingAxes(int k, Dataset source) {
        java.util.ArrayList<Axis> l = new java.util.ArrayList<>();
        l.add(Axis.uncalibrated("component", k, true));
        for (Axis a : source.navigationAxes()) {
            l.add(a.withNavigate(false));
        }
        return l;
    }

    /**
     * Builds the axes of a factors dataset from the source's signal axes.
     *
     * @param k      number of components
     * @param source the decomposed dataset
     * @return {@code [component, signal axes]}
     */
    public static List<Axis> factorAxes(int k, Dataset source) {
        java.util.ArrayList<Axis> l = new java.util.ArrayList<>();
        l.add(Axis.uncalibrated("component", k, true));
        l.addAll(source.signalAxes());
        return l;
    }

    /**
     * Per-position scores as a matrix for clustering.
     *
     * @return {@code [nNav][k]}: row p holds the k loadings of navigation position p
     */
    public double[][] scores() {
        int k = components();
        int n = Math.toIntExact(loadings.size() / k);
        double[][] s = new double[n][k];
        for (int c = 0; c < k; c++) {
            for (int p = 0; p < n; p++) {
                s[p][c] = loadings.getDouble((long) c * n + p);
            }
        }
        return s;
    }
}
