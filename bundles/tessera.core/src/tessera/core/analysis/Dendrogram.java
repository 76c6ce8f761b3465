package tessera.core.analysis;

import java.util.Objects;

/**
 * The merge tree of an agglomerative clustering of n samples, in SciPy's linkage-matrix convention
 * ({@code scipy.cluster.hierarchy.linkage}): merge {@code i} joins the clusters with ids
 * {@code children[i][0]} and {@code children[i][1]}, where ids {@code 0..n-1} are the samples and id
 * {@code n + j} is the cluster formed by merge {@code j}; it happens at {@code heights[i]} and the new
 * cluster has {@code sizes[i]} samples. Heights are non-decreasing for the linkages Tessera offers
 * (Ward, complete, average, single; Müllner 2011, arXiv:1109.2378).
 *
 * @param children merges {@code [n - 1][2]} (fewer when a connectivity constraint leaves components unmerged)
 * @param heights  merge distances, length as children, in the units of the features (Ward: the increase of the
 *                 within-cluster sum of squares expressed as SciPy's distance, {@code sqrt(2 * delta)})
 * @param sizes    samples in each merged cluster, length as children
 */
public record Dendrogram(int[][] children, double[] heights, int[] sizes) {
    /** @throws IllegalArgumentException if the three arrays differ in length */
    public Dendrogram {
        Objects.requireNonNull(children, "children");
        Objects.requireNonNull(heights, "heights");
        Objects.requireNonNull(sizes, "sizes");
        if (heights.length != children.length || sizes.length != children.length) {
            throw new IllegalArgumentException("dendrogram arrays differ in length: " + children.length + ", " + heights.length + ", " + sizes.length);
        }
    }

    /** @return number of merges */
    public int merges() {
        return children.length;
    }
}
