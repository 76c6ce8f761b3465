package tessera.core.analysis;

import tessera.core.model.Dataset;

/**
 * Abundances of known endmembers in every spectrum: S(x, E) = Σ_i a_i(x) w_i(E) + N(x, E), the endmember spectra
 * w_i given (from a file, from N-FINDR or VCA, from the mean spectra of regions or clusters), the abundance maps
 * a_i estimated per position with or without constraints (least squares, non-negative, non-negative and
 * sum-to-one, Bayesian). Contributed through {@code tessera.core.decomposers} as an {@code unmixing} element;
 * every contribution is also a pipeline step with inputs {@code data} and one endmember source.
 * Implementations are stateless, thread-safe and deterministic for a given seed; they stream the data and never
 * hold a copy of the cube.
 */
public interface Unmixer extends Algorithm {

    /**
     * Estimates the abundances of {@code endmembers} in {@code data}.
     *
     * @param data       spectrum image or line scan {@code [navigation axes..., signal axes...]}, any numeric dtype
     * @param endmembers endmember spectra {@code [k, signal axes...]} on exactly the data's signal axes (same size,
     *                   offset, scale and units)
     * @param params     validated parameters
     * @param monitor    progress and cancellation
     * @return factors = the endmembers {@code [k, signal axes]} (float64), loadings = the abundances
     *         {@code [k, navigation axes]} (float32), and as auxiliary datasets at least
     *         {@link DecompositionResult#RESIDUAL}, {@link DecompositionResult#CHI_SQUARE} and
     *         {@link DecompositionResult#RESIDUAL_SPECTRUM} (a Bayesian method adds {@link DecompositionResult#LOADINGS_STD},
     *         {@link DecompositionResult#LOADINGS_LOW} and {@link DecompositionResult#LOADINGS_HIGH})
     * @throws IllegalArgumentException if the endmembers are on other signal axes than the data (the message names
     *                                  both), are rank deficient, more than the channels, or a value is not finite,
     *                                  or the method needs counts and the data are negative
     * @throws java.util.concurrent.CancellationException if cancelled
     */
    DecompositionResult unmix(Dataset data, Dataset endmembers, Parameters params, ProgressMonitor monitor);
}
