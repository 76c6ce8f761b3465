package tessera.pipeline;

import java.nio.file.Path;

/**
 * Options of {@code tessera analyze}.
 *
 * @param input       spectrum image or line scan to analyse
 * @param outDir      output directory (created; existing result files in it are replaced)
 * @param components  number of components for NMF and clustering, or null to take the scree elbow ({@link Scree})
 * @param clusters    number of clusters k, {@code >= 1} (not used when {@code clustering} estimates k or its
 *                    algorithm has no k, e.g. HDBSCAN)
 * @param energyRange signal window to analyse, or null for the whole axis
 * @param poisson     Poisson-noise normalisation for PCA and NMF (Keenan and Kotula 2004); null = automatic: on for
 *                    integer (count) data without negative values
 * @param seed        random seed of NMF initialisation and k-means, or null to have the engine draw (and record) one per step
 * @param clustering  which clusterer on which features ({@link ClusterOptions#DEFAULT}: k-means on the PCA scores)
 * @param methods     which decompositions, separations, abundance estimates and projections run after PCA
 *                    ({@link MethodOptions#DEFAULT}: NMF)
 * @param readOptions options of the input's reader ({@code DatasetReader#options()}, e.g. a BCF's {@code downsample}),
 *                    by name; empty for the reader's defaults
 */
public record AnalyzeOptions(Path input, Path outDir, Integer components, int clusters, EnergyRange energyRange, Boolean poisson, Long seed,
        ClusterOptions clustering, MethodOptions methods, java.util.Map<String, String> readOptions) {

    /**
     * Options with the reader's default options.
     *
     * @param input       spectrum image or line scan
     * @param outDir      output directory
     * @param components  number of components or null
     * @param clusters    number of clusters
     * @param energyRange signal window or null
     * @param poisson     Poisson normalisation or null (automatic)
     * @param seed        random seed or null
     * @param clustering  the clustering
     * @param methods     the methods after PCA
     * @throws IllegalArgumentException if clusters &lt; 1 or components &lt; 1
     */
    public AnalyzeOptions(Path input, Path outDir, Integer components, int clusters, EnergyRange energyRange, Boolean poisson, Long seed,
            ClusterOptions clustering, MethodOptions methods) {
        this(input, outDir, components, clusters, energyRange, poisson, seed, clustering, methods, java.util.Map.of());
    }

    /**
     * Options with the default methods (NMF after PCA).
     *
     * @param input       spectrum image or line scan
     * @param outDir      output directory
     * @param components  number of components or null
     * @param clusters    number of clusters
     * @param energyRange signal window or null
     * @param poisson     Poisson normalisation or null (automatic)
     * @param seed        random seed or null
     * @param clustering  the clustering
     * @throws IllegalArgumentException if clusters &lt; 1 or components &lt; 1
     */
    public AnalyzeOptions(Path input, Path outDir, Integer components, int clusters, EnergyRange energyRange, Boolean poisson, Long seed,
            ClusterOptions clustering) {
        this(input, outDir, components, clusters, energyRange, poisson, seed, clustering, MethodOptions.DEFAULT);
    }

    /**
     * Options with the default clustering (k-means on the PCA scores).
     *
     * @param input       spectrum image or line scan
     * @param outDir      output directory
     * @param components  number of components or null
     * @param clusters    number of clusters
     * @param energyRange signal window or null
     * @param poisson     Poisson normalisation or null (automatic)
     * @param seed        random seed or null
     * @throws IllegalArgumentException if clusters &lt; 1 or components &lt; 1
     */
    public AnalyzeOptions(Path input, Path outDir, Integer components, int clusters, EnergyRange energyRange, Boolean poisson, Long seed) {
        this(input, outDir, components, clusters, energyRange, poisson, seed, ClusterOptions.DEFAULT, MethodOptions.DEFAULT);
    }

    /** @throws IllegalArgumentException if clusters &lt; 1 or components &lt; 1 */
    public AnalyzeOptions {
        clustering = clustering == null ? ClusterOptions.DEFAULT : clustering;
        methods = methods == null ? MethodOptions.DEFAULT : methods;
        readOptions = readOptions == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(readOptions));
        if (clusters < 1) {
            throw new IllegalArgumentException("--clusters must be >= 1, got " + clusters);
        }
        if (components != null && components < 1) {
            throw new IllegalArgumentException("--components must be >= 1, got " + components);
        }
    }
}
