package tessera.report;

import java.util.Objects;

/**
 * The curve behind an estimate of the number of clusters, as HyperSpy 1.7's
 * {@code estimate_number_of_clusters} plots it: the metric for each tried k and the chosen k.
 *
 * @param metric the criterion: {@code "elbow"} (natural log of the within-cluster sum of squares, as HyperSpy; Thorndike 1953,
 *               doi:10.1007/BF02289263), {@code "gap"} (gap statistic; Tibshirani, Walther &amp; Hastie 2001,
 *               doi:10.1111/1467-9868.00293) or {@code "silhouette"} (Rousseeuw 1987, doi:10.1016/0377-0427(87)90125-7)
 * @param k      the numbers of clusters tried, ascending
 * @param values the metric at each k, same length
 * @param errors its standard error at each k (the gap statistic's s_k), or null
 * @param best   the chosen number of clusters, one of {@code k}
 */
public record ClusterNumberCurve(String metric, int[] k, double[] values, double[] errors, int best) {
    /** @throws IllegalArgumentException if the arrays differ in length or are empty */
    public ClusterNumberCurve {
        Objects.requireNonNull(metric, "metric");
        if (k.length == 0 || k.length != values.length || (errors != null && errors.length != k.length)) {
            throw new IllegalArgumentException("number-of-clusters curve needs equal, non-empty k, values (and errors) arrays");
        }
    }

    /** @return the metric, k, values (and errors) written out in full, so that equal curves have equal text (provenance hashes it) */
    @Override
    public String toString() {
        return "ClusterNumberCurve[metric=" + metric + ", k=" + java.util.Arrays.toString(k) + ", values=" + java.util.Arrays.toString(values)
                + ", errors=" + java.util.Arrays.toString(errors) + ", best=" + best + "]";
    }
}
