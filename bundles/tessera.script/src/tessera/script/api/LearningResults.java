package tessera.script.api;

import org.graalvm.polyglot.HostAccess.Export;

/**
 * What {@link Signal#decomposition} and {@link Signal#cluster_analysis} leave on a signal, as
 * HyperSpy's {@code learning_results}: the factors (spectra, {@code [k, signal axes...]}) and
 * loadings (maps, {@code [k, navigation axes...]}) of the last decomposition and the labels of the
 * last cluster analysis.
 */
public final class LearningResults {
    /** extension id of the decomposition, e.g. {@code tessera.decompose.nmf} */
    @Export
    public final String algorithm;
    /** number of components k */
    @Export
    public final int output_dimension;
    /** factors {@code [k, signal axes...]} */
    @Export
    public final Signal factors;
    /** loadings {@code [k, navigation axes as signal axes]} */
    @Export
    public final Signal loadings;
    /** explained variance ratio per component (PCA), or null */
    @Export
    public final double[] explained_variance_ratio;
    /** cluster label per navigation position (int32 map), or null before {@code cluster_analysis} */
    @Export
    public Signal cluster_labels;
    /** number of clusters of the last cluster analysis, 0 before it */
    @Export
    public int number_of_clusters;
    /** extension id of the last cluster analysis, or null */
    @Export
    public String cluster_algorithm;

    /** criterion of the last {@code estimate_number_of_clusters} ({@code "gap"}, {@code "elbow"}, {@code "silhouette"}), or null */
    @Export
    public String cluster_metric;
    /** numbers of clusters tried by the last {@code estimate_number_of_clusters}, or null */
    @Export
    public int[] cluster_metric_index;
    /** the criterion at each of {@link #cluster_metric_index}, or null */
    @Export
    public double[] cluster_metric_data;
    /** number of clusters chosen by the last {@code estimate_number_of_clusters}, 0 before it */
    @Export
    public int estimated_number_of_clusters;

    /** Results of a cluster analysis on the signal itself, without a decomposition (the decomposition fields are null). */
    LearningResults() {
        this(null, 0, null, null, null);
    }

    LearningResults(String algorithm, int k, Signal factors, Signal loadings, double[] evr) {
        this.algorithm = algorithm;
        this.output_dimension = k;
        this.factors = factors;
        this.loadings = loadings;
        this.explained_variance_ratio = evr;
    }

    @Export
    @Override
    public String toString() {
        return "<LearningResults " + (algorithm == null ? "no decomposition" : algorithm + ", " + output_dimension + " components")
                + (cluster_labels == null ? "" : ", " + number_of_clusters + " clusters (" + cluster_algorithm + ")") + ">";
    }
}
