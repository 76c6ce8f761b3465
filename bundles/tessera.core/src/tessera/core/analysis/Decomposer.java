package tessera.core.analysis;

import tessera.core.model.Dataset;

/**
 * A linear decomposition (unmixing) of a dataset with navigation positions x and signal
 * channels E: {@code S(x, E) ≈ Σ_i a_i(x) w_i(E)}, loadings {@code a_i} and factors
 * {@code w_i} (HyperSpy's vocabulary). Contributed through
 * {@code tessera.core.decomposers}; implementations are stateless and thread-safe.
 */
public interface Decomposer extends Algorithm {

    /**
     * Decomposes a dataset. All signal axes are flattened into one signal vector per
     * navigation position.
     *
     * @param data    at least one navigation axis; any numeric dtype
     * @param params  validated parameters ({@link Parameters#of})
     * @param monitor progress and cancellation
     * @return factors, loadings and (where defined) the explained-variance scree
     * @throws IllegalArgumentException if the data do not fit the method (e.g. negative values for NMF)
     * @throws java.util.concurrent.CancellationException if the monitor was cancelled
     */
    DecompositionResult decompose(Dataset data, Parameters params, ProgressMonitor monitor);
}
