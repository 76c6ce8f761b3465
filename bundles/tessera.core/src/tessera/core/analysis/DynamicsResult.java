package tessera.core.analysis;

import java.util.LinkedHashMap;
import java.util.Map;

import tessera.core.model.Dataset;

/**
 * What a {@link DynamicsModel} estimates: named datasets, in a fixed order, for n classes at lag τ frames.
 *
 * @param algorithmId the contribution id
 * @param lag         τ in frames
 * @param outputs     name → dataset; the names below, each present
 * @param parameters  the parameters used
 */
public record DynamicsResult(String algorithmId, int lag, Map<String, Dataset> outputs, Parameters parameters) {
    /** transition counts C {@code [n, n]} (float64): C_ij = number of i → j transitions τ frames apart */
    public static final String COUNTS = "counts";
    /** transition matrix T {@code [n, n]} (float64, rows sum to 1): P(class j at t + τ | class i at t) */
    public static final String TRANSITION_MATRIX = "transitionMatrix";
    /** stationary distribution π {@code [n]}: π T = π, Σ π = 1 */
    public static final String STATIONARY = "stationaryDistribution";
    /** implied timescales {@code [n − 1]} in frames, −τ / ln|λ_k| for the eigenvalues after the first, by decreasing |λ| */
    public static final String TIMESCALES = "impliedTimescales";
    /** mean first-passage times {@code [n, n]} in frames: from class i (row) to class j (column); 0 on the diagonal */
    public static final String MFPT = "meanFirstPassageTimes";
    /** posterior standard deviation of T {@code [n, n]} */
    public static final String T_STD = "transitionMatrixStd";
    /** lower end of the 95 % interval of T {@code [n, n]} */
    public static final String T_LOW = "transitionMatrixLow95";
    /** upper end of the 95 % interval of T {@code [n, n]} */
    public static final String T_HIGH = "transitionMatrixHigh95";
    /** posterior standard deviation of π {@code [n]} */
    public static final String STATIONARY_STD = "stationaryDistributionStd";
    /** implied timescales against lag {@code [lags, n − 1]} in frames; the lags under {@code Signal.lags} */
    public static final String TIMESCALES_BY_LAG = "impliedTimescalesByLag";
    /** emission matrix E {@code [n hidden states, n observed classes]} of a hidden Markov model: P(observed class k | hidden state i), rows sum to 1 */
    public static final String EMISSION = "emissionMatrix";
    /** the outputs every model gives, in order */
    public static final java.util.List<String> ALWAYS = java.util.List.of(COUNTS, TRANSITION_MATRIX, STATIONARY, TIMESCALES, MFPT);
    /** the outputs a model gives when asked (posterior samples, lags) or when it has them (a hidden model's emissions), in order */
    public static final java.util.List<String> WHEN_ASKED = java.util.List.of(T_STD, T_LOW, T_HIGH, STATIONARY_STD, TIMESCALES_BY_LAG, EMISSION);

    /** Copies the outputs, keeping their order. */
    public DynamicsResult {
        outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    /**
     * @param name an output name
     * @return the dataset
     * @throws IllegalArgumentException if there is no such output
     */
    public Dataset output(String name) {
        Dataset d = outputs.get(name);
        if (d == null) {
            throw new IllegalArgumentException("no output '" + name + "'; the result has " + outputs.keySet());
        }
        return d;
    }
}
