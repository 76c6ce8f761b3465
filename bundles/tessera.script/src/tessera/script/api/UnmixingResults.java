package tessera.script.api;

import java.util.Map;

import org.graalvm.polyglot.HostAccess.Export;

/**
 * What {@link Signal#unmix} returns and keeps as {@code learning_results.unmixing}: the abundances of known
 * endmember spectra in every spectrum, S(x, E) = Σ_i a_i(x) w_i(E) + N(x, E) (Keshava &amp; Mustard, IEEE Signal
 * Process. Mag. 19 (2002) 44, doi:10.1109/79.974727), with the fit statistics of the unmixing step. HyperSpy has no
 * such call; the names follow its {@code learning_results}.
 */
public final class UnmixingResults {
    /** extension id of the unmixing step, e.g. {@code tessera.decompose.nnls} */
    @Export
    public final String algorithm;
    /** the endmember spectra {@code [k, signal axes...]} (float64), the data's energy axis */
    @Export
    public final Signal endmembers;
    /** the abundance maps {@code [k, navigation axes as signal axes]} (float32), the data's navigation calibration */
    @Export
    public final Signal abundances;
    /** root-mean-square residual per position {@code [navigation axes]} (float32, the data's units), or null */
    @Export
    public final Signal residual;
    /** reduced χ² per position {@code [navigation axes]} (float32, dimensionless), or null */
    @Export
    public final Signal reduced_chi_square;
    /** the residual summed over all positions {@code [signal axes]} (float64), or null */
    @Export
    public final Signal residual_spectrum;
    /** every auxiliary result of the step by snake_case name ({@code residual}, {@code reduced_chi_square}, {@code loadings_std}, ...) */
    @Export
    public final Object auxiliary;
    /** the names of {@link #auxiliary}, in the step's order */
    @Export
    public final String[] auxiliary_names;
    private final Map<String, Signal> byName;

    UnmixingResults(String algorithm, Signal endmembers, Signal abundances, Map<String, Signal> auxiliary) {
        this.algorithm = algorithm;
        this.endmembers = endmembers;
        this.abundances = abundances;
        this.byName = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(auxiliary));
        this.residual = auxiliary.get("residual");
        this.reduced_chi_square = auxiliary.get("reduced_chi_square");
        this.residual_spectrum = auxiliary.get("residual_spectrum");
        this.auxiliary = LearningResults.proxy(auxiliary);
        this.auxiliary_names = auxiliary.keySet().toArray(String[]::new);
    }

    /**
     * @param name an auxiliary name of {@link #auxiliary_names}
     * @return that result
     * @throws IllegalArgumentException if the step gave no result of that name (the message lists the names)
     */
    @Export
    public Signal get_auxiliary(String name) {
        return LearningResults.lookup(byName, name, algorithm);
    }

    @Export
    @Override
    public String toString() {
        return "<UnmixingResults " + algorithm + ", " + abundances.shape[0] + " endmembers, auxiliary " + java.util.Arrays.toString(auxiliary_names) + ">";
    }
}
