package tessera.core.analysis;

/**
 * Blind source separation of a decomposition, as HyperSpy 1.7's {@code blind_source_separation}: the first N
 * factors (or loadings) of a decomposition, usually PCA, are whitened and rotated into statistically
 * independent (FastICA; Hyvärinen, IEEE Trans. Neural Netw. 10 (1999) 626, doi:10.1109/72.761722) or simple
 * (orthomax/varimax; Kaiser, Psychometrika 23 (1958) 187, doi:10.1007/BF02289233) components. Contributed
 * through {@code tessera.core.decomposers} as a {@code separation} element; every contribution is also a
 * pipeline step with input {@code decomposition}. Implementations are stateless, thread-safe and
 * deterministic for a given seed.
 */
public interface SourceSeparator extends Algorithm {

    /**
     * Separates the first {@code components} components of a decomposition.
     *
     * @param decomposition a decomposition (factors {@code [K, signal axes]}, loadings {@code [K, navigation axes]}),
     *                      with {@code K >= components}
     * @param params        validated parameters (at least {@code components})
     * @param monitor       progress and cancellation
     * @return the separated components: factors {@code [N, signal axes]} and loadings {@code [N, navigation axes]},
     *         the same axes and calibration as the input, sorted and sign-fixed reproducibly, with the unmixing
     *         matrix {@code [N, N]} as auxiliary {@link DecompositionResult#UNMIXING_MATRIX}; no explained variance
     * @throws IllegalArgumentException if {@code components} exceeds the decomposition's, is below 2, or the
     *                                  selected factors are singular after whitening
     * @throws java.util.concurrent.CancellationException if cancelled
     */
    DecompositionResult separate(DecompositionResult decomposition, Parameters params, ProgressMonitor monitor);
}
