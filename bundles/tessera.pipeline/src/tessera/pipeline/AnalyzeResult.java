package tessera.pipeline;

import java.util.List;

import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.DecompositionResult;
import tessera.core.model.Dataset;

/**
 * What {@code tessera analyze} computed.
 *
 * @param data              the analysed dataset (after the energy window), shape {@code [nav..., nE]}
 * @param pca               full PCA (all explained variances; factors/loadings of all computed components)
 * @param components        number of components used for NMF and clustering
 * @param componentsChosen  true if {@code components} came from the scree elbow, false if given
 * @param nmf               NMF with {@code components} components, or null if it did not run (negative data)
 * @param clusters          k-means on the first {@code components} PCA scores
 * @param clusterMeans      mean spectrum of each cluster, {@code [k][nE]}, in the data's units
 * @param poisson           whether Poisson-noise normalisation was applied
 * @param notes             remarks for the report (choices made, warnings)
 */
public record AnalyzeResult(Dataset data, DecompositionResult pca, int components, boolean componentsChosen, DecompositionResult nmf,
        ClusterResult clusters, double[][] clusterMeans, boolean poisson, List<String> notes) {
}
