package tessera.core.analysis;

/**
 * Embeds feature vectors, one per navigation position (spectra or component scores), in a space of
 * few dimensions for display and for clustering (e.g. UMAP, McInnes et al. 2018, arXiv:1802.03426).
 * Contributed through {@code tessera.core.clusterers} as an {@code embedding} element;
 * implementations are stateless and thread-safe, and deterministic for a given seed.
 */
public interface Embedder extends Algorithm {

    /**
     * Embeds the rows of {@code features}.
     *
     * @param features matrix {@code [n][d]}: n samples (navigation positions, flat row-major), d features
     * @param params   validated parameters
     * @param monitor  progress and cancellation
     * @return the embedding {@code [n][m]}, m the number of output dimensions the parameters ask for
     * @throws IllegalArgumentException if there are too few samples for the parameters or a value is not finite
     * @throws java.util.concurrent.CancellationException if cancelled
     */
    double[][] embed(double[][] features, Parameters params, ProgressMonitor monitor);
}
