package tessera.cluster;

import java.util.stream.IntStream;

/**
 * Measures of how well a low-dimensional embedding (UMAP, PCA scores, ...) preserves the neighbourhoods of
 * the original data.
 */
public final class EmbeddingQuality {
    private EmbeddingQuality() {
    }

    /**
     * Trustworthiness of an embedding (J. Venna, S. Kaski, Neighborhood preservation in nonlinear projection
     * methods: an experimental study, ICANN 2001, LNCS 2130, 485-491, doi:10.1007/3-540-44668-0_68), with the
     * definition and conventions of scikit-learn's {@code sklearn.manifold.trustworthiness} (Euclidean metric in
     * both spaces):
     *
     * <pre>
     *   T(k) = 1 - 2 / (n k (2n - 3k - 1)) * sum_i sum_{j in U_k(i)} max(0, r(i, j) - k)
     * </pre>
     *
     * where {@code U_k(i)} are the {@code k} nearest neighbours of sample {@code i} in the embedding (itself
     * excluded) and {@code r(i, j)} is the rank (1 = nearest, itself excluded) of {@code j} among the samples
     * ordered by their distance to {@code i} in the original space. T = 1 when every embedding neighbour is
     * also among the k nearest in the original space; points that become neighbours only in the embedding lower it.
     * Ties of distance are broken by the smaller sample index.
     *
     * <p>O(n<sup>2</sup> (d + m)) time, O(n) memory per thread: the distances are computed row by row, never as an
     * n&times;n matrix. Rows are processed in parallel; the penalties are integers summed exactly, so the result
     * does not depend on the number of threads.
     *
     * @param high the original data {@code [n][d]}
     * @param low  the embedding {@code [n][m]}, same sample order
     * @param k    number of neighbours, {@code 1 <= k < n / 2} (scikit-learn's condition)
     * @return the trustworthiness in [0, 1]
     * @throws IllegalArgumentException if the row counts differ, rows have unequal lengths, a value is not finite
     *                                  or {@code k} is out of range
     */
    public static double trustworthiness(double[][] high, double[][] low, int k) {
        int n = high.length;
        if (low.length != n) {
            throw new IllegalArgumentException("trustworthiness: " + n + " samples in the original space but " + low.length + " in the embedding");
        }
        if (k < 1 || k >= n / 2.0) {
            throw new IllegalArgumentException("trustworthiness: k = " + k + " must be at least 1 and less than n / 2 = " + n / 2.0);
        }
        check(high, "original data");
        check(low, "embedding");
        int m = low[0].length;
        long penalty = IntStream.range(0, n).parallel().mapToLong(i -> rowPenalty(high, low, i, k, m)).sum();
        return 1.0 - penalty * (2.0 / ((double) n * k * (2.0 * n - 3.0 * k - 1.0)));
    }

    /** Sum over the k embedding neighbours j of sample i of max(0, r(i, j) - k). */
    private static long rowPenalty(double[][] high, double[][] low, int i, int k, int m) {
        int n = high.length;
        // k nearest neighbours of i in the embedding (ties by index), sorted by (distance, index)
        double[] nd = new double[k];
        int[] nj = new int[k];
        int have = 0;
        double[] li = low[i];
        for (int j = 0; j < n; j++) {
            if (j == i) {
                continue;
            }
            double s = dist2(li, low[j], m);
            if (have == k && !(s < nd[k - 1])) {
                continue; // a later index with an equal distance ranks after
            }
            int p = have == k ? k - 1 : have++;
            while (p > 0 && s < nd[p - 1]) {
                nd[p] = nd[p - 1];
                nj[p] = nj[p - 1];
                p--;
            }
            nd[p] = s;
            nj[p] = j;
        }
        // original-space keys of these neighbours, sorted by (distance, index)
        double[] hi = high[i];
        int d = hi.length;
        double[] kd = new double[k];
        int[] kj = new int[k];
        for (int s = 0; s < k; s++) {
            double v = dist2(hi, high[nj[s]], d);
            int j = nj[s];
            int p = s;
            while (p > 0 && (v < kd[p - 1] || v == kd[p - 1] && j < kj[p - 1])) {
                kd[p] = kd[p - 1];
                kj[p] = kj[p - 1];
                p--;
            }
            kd[p] = v;
            kj[p] = j;
        }
        // cnt[q]: samples l whose key is below exactly the sorted keys q..k-1
        long[] cnt = new long[k + 1];
        for (int l = 0; l < n; l++) {
            if (l == i) {
                continue;
            }
            double v = dist2(hi, high[l], d);
            int q = 0;
            while (q < k && (kd[q] < v || kd[q] == v && kj[q] <= l)) {
                q++;
            }
            cnt[q]++;
        }
        long penalty = 0;
        long below = 0;
        for (int s = 0; s < k; s++) {
            below += cnt[s];
            long rank = below + 1;
            if (rank > k) {
                penalty += rank - k;
            }
        }
        return penalty;
    }

    private static double dist2(double[] a, double[] b, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            double t = a[j] - b[j];
            s += t * t;
        }
        return s;
    }

    private static void check(double[][] x, String what) {
        if (x.length == 0) {
            throw new IllegalArgumentException("trustworthiness: no samples in the " + what);
        }
        int d = x[0].length;
        if (d == 0) {
            throw new IllegalArgumentException("trustworthiness: the " + what + " has no features");
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != d) {
                throw new IllegalArgumentException("trustworthiness: " + what + " row " + i + " has " + x[i].length + " values, row 0 has " + d);
            }
            for (double v : x[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("trustworthiness: " + what + " row " + i + " has a non-finite value");
                }
            }
        }
    }
}
