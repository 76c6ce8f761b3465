package tessera.core.analysis;

/**
 * Clusters feature vectors, one per navigation position (typically component scores from
 * a {@link Decomposer}). Contributed through {@code tessera.core.clusterers};
 * implementations are stateless and thread-safe, and deterministic for a given seed.
 */
public interface Clusterer extends Algorithm {

    /**
     * Clusters the rows of {@code features}.
     *
     * @param features matrix {@code [n][d]}: n samples (navigation positions, flat row-major), d features
     * @param params   validated parameters
     * @param monitor  progress and cancellation
     * @return labels {@code [n]} in {@code [0, k)} and centres {@code [k][d]}
     * @throws IllegalArgumentException if there are fewer samples than clusters
     */
    ClusterResult cluster(double[][] features, Parameters params, ProgressMonitor monitor);
}
