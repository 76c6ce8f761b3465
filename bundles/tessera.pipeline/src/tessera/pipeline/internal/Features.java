package tessera.pipeline.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tessera.cluster.FeatureScaling;
import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;

/**
 * The feature matrix a clustering or embedding step works on, as HyperSpy 1.7's
 * {@code cluster_analysis(cluster_source=...)}: either the leading {@code components} scores
 * (loadings) of a decomposition ({@code cluster_source="decomposition"}) or the signal of a dataset,
 * one row per navigation position ({@code cluster_source="signal"}, or any dataset with the same
 * navigation shape, e.g. a UMAP embedding), then the {@code preprocessing} of {@link FeatureScaling}.
 *
 * @param x              features {@code [n][d]}, n = navigation positions (flat, row-major)
 * @param navigationAxes the navigation axes of the positions in array order ({@code [y, x]}, {@code [x]})
 */
record Features(double[][] x, List<Axis> navigationAxes) {
    /** input port of the decomposition source */
    static final String SCORES = "scores";
    /** input port of the signal source */
    static final String DATA = "data";
    /** parameter: number of leading scores */
    static final String COMPONENTS = "components";
    /** parameter: feature scaling */
    static final String PREPROCESSING = "preprocessing";

    /** @return the two alternative input ports (exactly one must be connected) */
    static List<Port> ports() {
        return List.of(Port.optional(SCORES, PortType.DECOMPOSITION, "decomposition whose first 'components' loadings (scores) are the features"),
                Port.optional(DATA, PortType.DATASET, "dataset whose signal at each navigation position is the feature vector (spectra, an embedding)"));
    }

    /** @return the one group of inputs of which exactly one is connected: {@code scores} or {@code data} */
    static List<List<String>> alternatives() {
        return List.of(List.of(SCORES, DATA));
    }

    /** @return the parameters every feature-based step adds */
    static List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.ofInt(COMPONENTS, null, 1, null, "number of leading component scores used as features (default: all; scores input only)"),
                ParameterSpec.ofChoice(PREPROCESSING, "none", FeatureScaling.METHODS,
                        "feature scaling before clustering, as HyperSpy's cluster_analysis: none, norm (rows to unit length), standard (columns to zero mean, unit variance), minmax (columns to [0, 1])"));
    }

    /**
     * Builds the features from the step inputs.
     *
     * @param inputs     the step's inputs ({@link #SCORES} or {@link #DATA})
     * @param parameters the step's parameters ({@link #COMPONENTS}, {@link #PREPROCESSING})
     * @return features and navigation axes
     * @throws IllegalArgumentException if neither or both inputs are connected, components exceeds the decomposition's,
     *                                  the data have fewer than two navigation positions, a feature is not finite, or all
     *                                  positions have the same features ({@link #requireSpread})
     */
    static Features of(Map<String, Object> inputs, Parameters parameters) {
        DecompositionResult d = (DecompositionResult) inputs.get(SCORES);
        Dataset data = (Dataset) inputs.get(DATA);
        if ((d == null) == (data == null)) {
            throw new IllegalArgumentException("connect exactly one of the inputs 'scores' (a decomposition) and 'data' (a dataset)");
        }
        double[][] x;
        List<Axis> nav = new ArrayList<>();
        if (d != null) {
            int n = parameters.has(COMPONENTS) ? parameters.getInt(COMPONENTS) : d.components();
            if (n > d.components()) {
                throw new IllegalArgumentException("components = " + n + " exceeds the " + d.components() + " components of the decomposition");
            }
            x = d.scores(n);
            for (Axis a : d.loadings().axes().subList(1, d.loadings().rank())) {
                nav.add(a.withNavigate(true));
            }
        } else {
            long np = data.navigationSize();
            if (data.navigationAxes().isEmpty() || np < 2) {
                throw new IllegalArgumentException("the dataset '" + data.metadata().title() + "' has " + np
                        + " navigation position(s); clustering needs a spectrum image or line scan");
            }
            int sig = Math.toIntExact(data.signalSize());
            int n = Math.toIntExact(np);
            x = new double[n][sig];
            float[] row = new float[sig];
            for (int p = 0; p < n; p++) {
                data.readSpectra(p, 1, row, 0);
                for (int j = 0; j < sig; j++) {
                    x[p][j] = row[j];
                }
            }
            nav.addAll(data.navigationAxes());
        }
        requireSpread(x, d != null ? "the decomposition scores" : "the spectra of '" + data.metadata().title() + "'");
        FeatureScaling.apply(x, parameters.getString(PREPROCESSING));
        return new Features(x, nav);
    }

    /** relative spread below which all positions count as identical (float32 round-off is about 1e-7) */
    static final double IDENTICAL = 1e-6;

    /**
     * Refuses features that are the same at every position up to round-off (identical spectra): clustering them
     * would only sort the round-off.
     *
     * @param x    features {@code [n][d]}
     * @param what what the features are, for the message
     * @throws IllegalArgumentException if no feature varies by more than {@link #IDENTICAL} of the largest magnitude
     */
    static void requireSpread(double[][] x, String what) {
        double spread = 0;
        double scale = 0;
        for (int j = 0; j < x[0].length; j++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] row : x) {
                lo = Math.min(lo, row[j]);
                hi = Math.max(hi, row[j]);
            }
            spread = Math.max(spread, hi - lo);
            scale = Math.max(scale, Math.max(Math.abs(lo), Math.abs(hi)));
        }
        if (!(spread > IDENTICAL * scale)) { // also NaN: non-finite values are reported by the clusterer's own check
            if (Double.isNaN(spread)) {
                return;
            }
            throw new IllegalArgumentException("the " + x.length + " positions have identical features (" + what + " agree to " + IDENTICAL
                    + " relative): there is nothing to cluster");
        }
    }

    /**
     * Class labels from a label map (a dataset with one value per navigation position, flat row-major).
     *
     * @param map label map; values ≥ 0 are rounded to the nearest integer, negative values mean "unlabelled"
     * @return {@code [map.size()]} labels, −1 for unlabelled positions
     */
    static int[] labels(Dataset map) {
        int[] labels = new int[Math.toIntExact(map.size())];
        for (int i = 0; i < labels.length; i++) {
            double v = map.getDouble(i);
            labels[i] = v >= 0 ? (int) Math.round(v) : -1;
        }
        return labels;
    }

    /** @return the number of positions per scan row (the size of the last navigation axis) */
    int scanWidth() {
        return navigationAxes.isEmpty() ? x.length : navigationAxes.get(navigationAxes.size() - 1).size();
    }

    /**
     * The algorithm's own parameters from the step's: the feature parameters removed, nulls dropped, and a
     * declared but unset {@code scanWidth} filled with {@link #scanWidth()} (the raster for a grid connectivity).
     *
     * @param own        the algorithm's parameter specs
     * @param parameters the step's parameters
     * @return the algorithm's parameters
     */
    Parameters algorithmParameters(List<ParameterSpec> own, Parameters parameters) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(parameters.values());
        m.remove(COMPONENTS);
        m.remove(PREPROCESSING);
        m.values().removeIf(java.util.Objects::isNull);
        if (own.stream().anyMatch(s -> s.name().equals("scanWidth")) && !m.containsKey("scanWidth")) {
            m.put("scanWidth", scanWidth());
        }
        return Parameters.of(own, m);
    }
}
