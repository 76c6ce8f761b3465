package tessera.core.analysis;

import java.util.Map;
import java.util.Objects;

/**
 * Outcome of a {@link Clusterer}: a label per sample (navigation position) and what the method
 * knows beyond it.
 *
 * <p>Labels are in {@code [0, k)}, numbered by descending cluster size (label 0 is the largest
 * cluster); density-based methods (DBSCAN, HDBSCAN) mark samples that belong to no cluster with
 * {@link #NOISE} ({@code -1}), as scikit-learn and HyperSpy do.
 *
 * @param labels        cluster index per sample, length n, values in {@code [0, k)} or {@link #NOISE}
 * @param centers       cluster centres in feature space, {@code [k][d]} (for methods without centres: the mean of
 *                      each cluster's members)
 * @param distortion    sum of squared distances of the (non-noise) samples to their centre, the k-means objective;
 *                      or NaN
 * @param probabilities membership probability of every sample in every cluster, {@code [n][k]}, rows summing to
 *                      1 (Gaussian mixture; HDBSCAN's membership strength, rows summing to at most 1), or null
 * @param outlierScores per-sample outlier score, length n, in {@code [0, 1]} (HDBSCAN's GLOSH, Campello et al.
 *                      2015, doi:10.1145/2733381), or null
 * @param dendrogram    the merge tree of a hierarchical method, or null
 * @param criteria      scalar diagnostics by name, e.g. {@code "bic"}, {@code "aic"}, {@code "logLikelihood"}
 *                      (natural log), {@code "iterations"}, {@code "converged"} (1 or 0); never null (may be empty)
 */
public record ClusterResult(int[] labels, double[][] centers, double distortion, double[][] probabilities, double[] outlierScores,
        Dendrogram dendrogram, Map<String, Double> criteria) {

    /** label of a sample that belongs to no cluster (density-based methods) */
    public static final int NOISE = -1;

    /**
     * @throws NullPointerException     if labels or centers is null
     * @throws IllegalArgumentException if a label is outside {@code [-1, k)}, or probabilities/outlier scores do not
     *                                  have one row per sample
     */
    public ClusterResult {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(centers, "centers");
        criteria = criteria == null ? Map.of() : Map.copyOf(criteria);
        for (int l : labels) {
            if (l < NOISE || l >= centers.length) {
                throw new IllegalArgumentException("label " + l + " outside [-1, " + centers.length + ")");
            }
        }
        if (probabilities != null && probabilities.length != labels.length) {
            throw new IllegalArgumentException("probabilities have " + probabilities.length + " rows for " + labels.length + " samples");
        }
        if (outlierScores != null && outlierScores.length != labels.length) {
            throw new IllegalArgumentException("outlier scores have " + outlierScores.length + " values for " + labels.length + " samples");
        }
    }

    /**
     * A result with labels and centres only.
     *
     * @param labels     labels as in the record
     * @param centers    centres {@code [k][d]}
     * @param distortion k-means objective or NaN
     */
    public ClusterResult(int[] labels, double[][] centers, double distortion) {
        this(labels, centers, distortion, null, null, null, Map.of());
    }

    /** @return number of clusters k (noise is not a cluster) */
    public int k() {
        return centers.length;
    }

    /** @return number of samples per cluster, length k (noise samples are not counted) */
    public int[] sizes() {
        int[] s = new int[centers.length];
        for (int l : labels) {
            if (l >= 0) {
                s[l]++;
            }
        }
        return s;
    }

    /** @return number of samples labelled {@link #NOISE} */
    public int noiseCount() {
        int c = 0;
        for (int l : labels) {
            if (l == NOISE) {
                c++;
            }
        }
        return c;
    }
}
