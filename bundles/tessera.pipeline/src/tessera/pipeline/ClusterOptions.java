package tessera.pipeline;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How {@code tessera analyze} segments the spectrum image, with the names and options of HyperSpy 1.7's
 * {@code cluster_analysis} and {@code estimate_number_of_clusters}.
 *
 * @param algorithm     clusterer contribution id ({@code tessera.cluster.kmeans}, {@code tessera.cluster.agglomerative},
 *                      {@code tessera.cluster.gmm}, {@code tessera.cluster.hdbscan}, {@code tessera.cluster.dbscan},
 *                      {@code tessera.cluster.minibatch-kmeans}, or a vendor's); a short name without a dot is
 *                      prefixed with {@code tessera.cluster.}
 * @param parameters    the clusterer's own parameters by name (e.g. {@code linkage=ward}, {@code minClusterSize=20});
 *                      strings are converted by the parameter's type; never {@code k} (that is
 *                      {@link AnalyzeOptions#clusters()} or the estimate) nor the seed
 * @param source        {@code "decomposition"} (the first {@code components} PCA scores, HyperSpy's default) or
 *                      {@code "signal"} (the spectra themselves)
 * @param preprocessing feature scaling: {@code none}, {@code norm}, {@code standard} or {@code minmax}
 * @param embedding     embedding contribution id (e.g. {@code tessera.cluster.umap}, short name {@code umap}) run on the
 *                      features before clustering (the Blanco-Portals et al. 2021 UMAP → HDBSCAN workflow), or null
 * @param numberMetric  {@code gap}, {@code elbow} or {@code silhouette} to estimate k ({@code --clusters auto}), or null
 *                      to use {@link AnalyzeOptions#clusters()}
 * @param maxClusters   largest k tried by the estimate, {@code >= 2}
 */
public record ClusterOptions(String algorithm, Map<String, String> parameters, String source, String preprocessing, String embedding,
        String numberMetric, int maxClusters) {
    /** the sources HyperSpy's {@code cluster_source} accepts (a decomposition's scores or the signal) */
    public static final List<String> SOURCES = List.of("decomposition", "signal");
    /** the criteria of {@code estimate_number_of_clusters} */
    public static final List<String> METRICS = List.of("gap", "elbow", "silhouette");
    /** k-means on the PCA scores, no scaling, no embedding, k given: what {@code tessera analyze} does by default */
    public static final ClusterOptions DEFAULT = new ClusterOptions("tessera.cluster.kmeans", Map.of(), "decomposition", "none", null, null, 10);

    /**
     * @throws IllegalArgumentException naming the option if the source, metric or maxClusters is not allowed, or a
     *                                  parameter is {@code k} or {@code seed}
     */
    public ClusterOptions {
        algorithm = qualified(Objects.requireNonNull(algorithm, "algorithm"));
        parameters = Map.copyOf(parameters == null ? Map.of() : parameters);
        source = source == null ? "decomposition" : source;
        preprocessing = preprocessing == null ? "none" : preprocessing;
        embedding = embedding == null || embedding.isBlank() ? null : qualified(embedding);
        if (!SOURCES.contains(source)) {
            throw new IllegalArgumentException("--cluster-source must be one of " + String.join(", ", SOURCES) + ", got '" + source + "'");
        }
        if (numberMetric != null && !METRICS.contains(numberMetric)) {
            throw new IllegalArgumentException("--cluster-metric must be one of " + String.join(", ", METRICS) + ", got '" + numberMetric + "'");
        }
        if (maxClusters < 2) {
            throw new IllegalArgumentException("--max-clusters must be >= 2, got " + maxClusters);
        }
        if (parameters.containsKey("k") || parameters.containsKey("seed")) {
            throw new IllegalArgumentException("give k with --clusters and the seed with --seed, not as --cluster-option");
        }
    }

    /**
     * @param name an id or a short name
     * @return {@code name} if it contains a dot, else {@code "tessera.cluster." + name}
     */
    public static String qualified(String name) {
        return name.contains(".") ? name : "tessera.cluster." + name;
    }
}
