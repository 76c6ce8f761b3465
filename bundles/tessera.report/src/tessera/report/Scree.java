package tessera.report;

import tessera.core.analysis.DecompositionResult;

/**
 * The PCA scree: explained variance ratio per component and the number of components kept.
 *
 * @param label  what it is the scree of, e.g. {@code "PCA"}
 * @param ratios explained variance ratios, descending, one per computed component (dimensionless, sum 1 over all computed)
 * @param chosen number of components kept for the decomposition, in {@code [1, ratios.length]}
 */
public record Scree(String label, double[] ratios, int chosen) {

    /** @throws IllegalArgumentException if {@code ratios} is empty or {@code chosen} is out of range */
    public Scree {
        if (ratios == null || ratios.length == 0) {
            throw new IllegalArgumentException("scree needs at least one explained variance ratio");
        }
        if (chosen < 1 || chosen > ratios.length) {
            throw new IllegalArgumentException("chosen number of components " + chosen + " is outside [1, " + ratios.length + "]");
        }
        ratios = ratios.clone();
        label = label == null ? "" : label;
    }

    /**
     * The scree of a decomposition that carries explained variances (PCA).
     *
     * @param label  e.g. {@code "PCA"}
     * @param result the decomposition; {@link DecompositionResult#explainedVarianceRatio()} must not be null
     * @param chosen number of components kept
     * @return the scree
     * @throws IllegalArgumentException if the result has no explained variance, or {@code chosen} is out of range
     */
    public static Scree of(String label, DecompositionResult result, int chosen) {
        double[] r = result.explainedVarianceRatio();
        if (r == null) {
            throw new IllegalArgumentException(result.algorithmId() + " has no explained variance (no scree)");
        }
        return new Scree(label, r, chosen);
    }

    /** @return a copy of the ratios */
    @Override
    public double[] ratios() {
        return ratios.clone();
    }
}
