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
 *   more components than {@code k} (PCA computes the full spectrum; correspondence analysis gives its
 *   eigenvalues); null for methods without one (NMF, BSS, endmembers, abundances).</li>
 * <li>{@code auxiliary}: further calibrated results of the method by name, in a fixed order (empty for PCA and
 *   NMF). The names and shapes Tessera's methods use are the constants of this record: the BSS unmixing
 *   matrix, the pixel each endmember came from, and the residual, reduced χ², residual-spectrum and
 *   posterior-uncertainty maps of an abundance estimate (the seed's "fit coefficient map / residuals map /
 *   χ² map"). Reports, {@code results.hspy} and the workbench show every auxiliary dataset.</li>
 * </ul>
 *
 * <p>For an unmixing (endmembers and abundances, S(x, E) = Σ a_i(x) w_i(E) + N) the factors are the
 * endmember spectra w_i and the loadings the abundance maps a_i.
 *
 * @param algorithmId       contribution id that made it, e.g. {@code tessera.decompose.pca}
 * @param factors           factors dataset as above
 * @param loadings          loadings dataset as above
 * @param explainedVariance variances, length {@code >= k}, or null
 * @param parameters        the parameters used
 * @param auxiliary         further results by name (see the constants), unmodifiable, insertion-ordered
 */
public record DecompositionResult(String algorithmId, Dataset factors, Dataset loadings, double[] explainedVariance, Parameters parameters,
        java.util.Map<String, Dataset> auxiliary) {

    /** auxiliary: the unmixing matrix of a blind source separation, {@code [k, k]} float64 (HyperSpy's {@code unmixing_matrix}) */
    public static final String UNMIXING_MATRIX = "unmixingMatrix";
    /** auxiliary: the pixel each endmember was taken from, {@code [k]} int32 flat row-major navigation index (−1: not a pixel) */
    public static final String ENDMEMBER_PIXELS = "endmemberPixels";
    /** auxiliary: root-mean-square residual per position, {@code [navigation axes]} float32, in the data's units */
    public static final String RESIDUAL = "residual";
    /** auxiliary: reduced χ² per position, {@code [navigation axes]} float32, dimensionless (Σ_E r²/σ² / (p − k)) */
    public static final String CHI_SQUARE = "reducedChiSquare";
    /** auxiliary: residual summed over all positions, {@code [signal axes]} float64, in the data's units */
    public static final String RESIDUAL_SPECTRUM = "residualSpectrum";
    /** auxiliary: posterior standard deviation of the loadings (abundances), {@code [k, navigation axes]} float32 */
    public static final String LOADINGS_STD = "loadingsStd";
    /** auxiliary: lower end of the 95 % posterior interval of the loadings, {@code [k, navigation axes]} float32 */
    public static final String LOADINGS_LOW = "loadingsLow95";
    /** auxiliary: upper end of the 95 % posterior interval of the loadings, {@code [k, navigation axes]} float32 */
    public static final String LOADINGS_HIGH = "loadingsHigh95";
    /** auxiliary: relative-entropy map, {@code [navigation axes]} float32, in nats (Trebbia &amp; Bonnet 1990) */
    public static final String ENTROPY = "entropy";

    /** Makes the auxiliary map unmodifiable, keeping its order; null becomes empty. */
    public DecompositionResult {
        auxiliary = auxiliary == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(auxiliary));
    }

    /**
     * A result without auxiliary datasets (PCA, NMF).
     *
     * @param algorithmId       contribution id
     * @param factors           {@code [k, signal axes]}
     * @param loadings          {@code [k, navigation axes]}
     * @param explainedVariance variances or null
     * @param parameters        the parameters used
     */
    public DecompositionResult(String algorithmId, Dataset factors, Dataset loadings, double[] explainedVariance, Parameters parameters) {
        this(algorithmId, factors, loadings, explainedVariance, parameters, java.util.Map.of());
    }

    /**
     * @param name an auxiliary name such as {@link #RESIDUAL}
     * @return the dataset, or null if this method did not produce it
     */
    public Dataset auxiliary(String name) {
        return auxiliary.get(name);
    }

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
     * Builds the axes of a per-position map ({@link #RESIDUAL}, {@link #CHI_SQUARE}) from the source's navigation axes.
     *
     * @param source the decomposed dataset
     * @return the navigation axes as signal axes
     */
    public static List<Axis> mapAxes(Dataset source) {
        java.util.ArrayList<Axis> l = new java.util.ArrayList<>();
        for (Axis a : source.navigationAxes()) {
            l.add(a.withNavigate(false));
        }
        return l;
    }

    /**
     * Per-position scores as a matrix for clustering.
     *
     * @return {@code [nNav][k]}: row p holds the k loadings of navigation position p
     */
    public double[][] scores() {
        return scores(components());
    }

    /**
     * The leading scores per position, as a matrix for clustering: only the first {@code count} components are read.
     *
     * @param count number of leading components, {@code 1 <= count <= components()}
     * @return {@code [nNav][count]}: row p holds loadings {@code 0 ... count-1} of navigation position p
     * @throws IllegalArgumentException if {@code count} is out of range
     */
    public double[][] scores(int count) {
        int k = components();
        if (count < 1 || count > k) {
            throw new IllegalArgumentException("count = " + count + " is outside 1.." + k + " (the components of the decomposition)");
        }
        int n = Math.toIntExact(loadings.size() / k);
        double[][] s = new double[n][count];
        double[] row = new double[n];
        for (int c = 0; c < count; c++) {
            loadings.readDoubles((long) c * n, n, row, 0);
            for (int p = 0; p < n; p++) {
                s[p][c] = row[p];
            }
        }
        return s;
    }
}
