package tessera.cluster;

import java.util.Arrays;

/**
 * Adjusted Rand index of two partitions (Hubert &amp; Arabie, Comparing partitions, J. Classif. 2
 * (1985) 193-218, doi:10.1007/BF01908075), the chance-corrected share of sample pairs on which two
 * labellings agree: 1 for identical partitions (up to a renumbering of the labels), about 0 for
 * independent ones, negative when they agree less than chance.
 *
 * <p>Computed as scikit-learn 1.2's {@code sklearn.metrics.adjusted_rand_score} does, from the
 * pair-confusion counts of the contingency table:
 * {@code ARI = 2 (tp tn - fn fp) / ((tp + fn)(fn + tn) + (tp + fp)(fp + tn))}, and 1 when no pair
 * is split differently ({@code fn = fp = 0}, e.g. both labellings put every sample in one
 * cluster). Any int is a label; the noise label {@code -1} ({@code ClusterResult.NOISE}) is treated
 * as one more class, as scikit-learn does.
 */
public final class Ari {
    private Ari() {
    }

    /**
     * The adjusted Rand index of two labellings of the same samples.
     *
     * @param a labels of partition one, length n (any int values; -1 is a class of its own)
     * @param b labels of partition two, length n
     * @return the index, at most 1; symmetric in {@code a} and {@code b}
     * @throws NullPointerException     if an array is null
     * @throws IllegalArgumentException if the lengths differ
     */
    public static double adjustedRand(int[] a, int[] b) {
        int n = a.length;
        if (b.length != n) {
            throw new IllegalArgumentException("labellings differ in length: " + n + " and " + b.length);
        }
        int[] ca = compact(a);
        int[] cb = compact(b);
        int ka = max(ca) + 1;
        int kb = max(cb) + 1;
        // contingency cells as sorted keys ca * kb + cb (no ka x kb table: both may be ~n)
        long[] key = new long[n];
        for (int i = 0; i < n; i++) {
            key[i] = (long) ca[i] * kb + cb[i];
        }
        Arrays.sort(key);
        double sumSquares = 0;
        for (int i = 0; i < n;) {
            int j = i;
            while (j < n && key[j] == key[i]) {
                j++;
            }
            double c = j - i;
            sumSquares += c * c;
            i = j;
        }
        double sa = sumOfSquaredCounts(ca, ka);
        double sb = sumOfSquaredCounts(cb, kb);
        double nn = n;
        // ordered pairs (i != j), as sklearn.metrics.cluster.pair_confusion_matrix
        double tp = sumSquares - nn;
        double fp = sb - sumSquares;
        double fn = sa - sumSquares;
        double tn = nn * nn - fp - fn - sumSquares;
        if (fn == 0 && fp == 0) {
            return 1.0;
        }
        return 2.0 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
    }

    /** Labels renumbered to {@code 0..m-1} in increasing order of value. */
    private static int[] compact(int[] labels) {
        int[] u = labels.clone();
        Arrays.sort(u);
        int m = 0;
        for (int i = 0; i < u.length; i++) {
            if (i == 0 || u[i] != u[i - 1]) {
                u[m++] = u[i];
            }
        }
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = Arrays.binarySearch(u, 0, m, labels[i]);
        }
        return out;
    }

    private static int max(int[] v) {
        int m = -1;
        for (int x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    private static double sumOfSquaredCounts(int[] labels, int k) {
        long[] c = new long[k];
        for (int l : labels) {
            c[l]++;
        }
        double s = 0;
        for (long x : c) {
            s += (double) x * x;
        }
        return s;
    }
}
