package tessera.pipeline;

import java.util.List;

import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.DecompositionResult;
import tessera.core.model.Dataset;
import tessera.report.ClusterNumberCurve;

/**
 * What {@code tessera analyze} computed.
 *
 * @param data              the analysed dataset (after the energy window), shape {@code [nav..., nE]}
 * @param pca               full PCA (all explained variances; factors/loadings of all computed components)
 * @param components        number of components used for NMF and clustering
 * @param componentsChosen  true if {@code components} came from the scree elbow, false if given
 * @param nmf               NMF with {@code components} components, or null if it did not run (negative data)
 * @param clusters          the clustering (k-means on the first {@code components} PCA scores by default)
 * @param clusterMeans      mean spectrum of each cluster, {@code [k][nE]}, in the data's units (noise left out)
 * @param poisson           whether Poisson-noise normalisation was applied
 * @param notes             remarks for the report (choices made, warnings)
 * @param clusterAlgorithm  contribution id of the clusterer
 * @param clusterStd        standard-deviation spectrum of each cluster, {@code [k][nE]}
 * @param embedding         the embedding the clustering ran on, {@code [n][m]} (UMAP), or null
 * @param clusterNumber     the estimate of k, or null when k was given
 * @param methods           the results of the other {@code --method}s (separations, endmembers, abundances, correspondence
 *                          analysis), in the order given; empty by default
 * @param projections       the projections of the {@code --method}s mds and lda, {@code [nav..., m]} datasets titled by
 *                          their method; empty by default
 */
public record AnalyzeResult(Dataset data, DecompositionResult pca, int components, boolean componentsChosen, DecompositionResult nmf,
        ClusterResult clusters, double[][] clusterMeans, boolean poisson, List<String> notes, String clusterAlgorithm, double[][] clusterStd,
        double[][] embedding, ClusterNumberCurve clusterNumber, List<DecompositionResult> methods, List<Dataset> projections) {

    /** Copies the lists; null becomes empty. */
    public AnalyzeResult {
        methods = methods == null ? List.of() : List.copyOf(methods);
        projections = projections == null ? List.of() : List.copyOf(projections);
    }
}
