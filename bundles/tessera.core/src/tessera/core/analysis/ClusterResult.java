package tessera.core.analysis;

/**
 * Outcome of a {@link Clusterer}.
 *
 * @param labels     cluster index per sample, length n, values in {@code [0, k)}
 * @param centers    cluster centres in feature space, {@code [k][d]}
 * @param distortion sum of squared distances of samples to their centre (k-means objective), or NaN
 */
public record ClusterResult(int[] labels, double[][] centers, double distortion) {

    /** @return number of clusters k */
    public int k() {
        return centers.length;
    }

    /** @return number of samples per cluster, length k */
    public int[] sizes() {
        int[] s = new int[centers.length];
        for (int l : labels) {
            s[l]++;
        }
        return s;
    }
}
