package tessera.cluster.internal;

import java.util.SplittableRandom;

/**
 * Greedy k-means++ seeding (Arthur &amp; Vassilvitskii, Proc. SODA 2007, 1027-1035,
 * doi:10.5555/1283383.1283494), as scikit-learn 1.2 implements it ({@code sklearn.cluster._kmeans._kmeans_plusplus}):
 * the first centre is a sample drawn uniformly; each further centre is chosen among
 * {@code 2 + floor(ln k)} candidates drawn with probability proportional to the squared distance to
 * the nearest centre so far, keeping the candidate that most reduces the total squared distance.
 * Used by k-means, mini-batch k-means and the Gaussian mixture's initialisation.
 *
 * <p>Deterministic for a given {@link SplittableRandom}; the draws use {@code nextDouble()} only.
 */
public final class Seeding {
    private Seeding() {
    }

    /**
     * Chooses k initial centres.
     *
     * @param x   samples, row-major {@code [n x d]}
     * @param n   samples
     * @param d   features
     * @param k   centres, {@code 1 <= k <= n}
     * @param rng random source
     * @return centres {@code [k][d]} (copies of samples)
     * @throws IllegalArgumentException if k is not in {@code [1, n]}
     */
    public static double[][] kmeansPlusPlus(double[] x, int n, int d, int k, SplittableRandom rng) {
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k-means++ needs 1 <= k <= n, got k = " + k + ", n = " + n);
        }
        int trials = 2 + (int) Math.log(k);
        double[][] c = new double[k][];
        int first = rng.nextInt(n);
        c[0] = row(x, first, d);
        double[] closest = new double[n];
        double pot = 0;
        for (int i = 0; i < n; i++) {
            closest[i] = dist2(x, i, c[0], d);
            pot += closest[i];
        }
        double[] cand = new double[n];
        double[] best = new double[n];
        for (int m = 1; m < k; m++) {
            int bestIdx = -1;
            double bestPot = Double.POSITIVE_INFINITY;
            for (int t = 0; t < trials; t++) {
                int idx = pick(closest, pot, rng);
                double p = 0;
                for (int i = 0; i < n; i++) {
                    double v = Math.min(closest[i], dist2(x, i, x, idx * d, d));
                    cand[i] = v;
                    p += v;
                }
                if (p < bestPot) {
                    bestPot = p;
                    bestIdx = idx;
                    System.arraycopy(cand, 0, best, 0, n);
                }
            }
            c[m] = row(x, bestIdx, d);
            System.arraycopy(best, 0, closest, 0, n);
            pot = bestPot;
        }
        return c;
    }

    /** A sample with probability proportional to its weight (uniform when all weights are zero). */
    private static int pick(double[] w, double total, SplittableRandom rng) {
        if (!(total > 0)) {
            return rng.nextInt(w.length);
        }
        double r = rng.nextDouble() * total;
        double acc = 0;
        int last = 0;
        for (int i = 0; i < w.length; i++) {
            if (w[i] > 0) {
                acc += w[i];
                last = i;
                if (acc > r) {
                    return i;
                }
            }
        }
        return last;
    }

    private static double[] row(double[] x, int i, int d) {
        double[] r = new double[d];
        System.arraycopy(x, i * d, r, 0, d);
        return r;
    }

    private static double dist2(double[] x, int i, double[] c, int d) {
        return dist2(x, i, c, 0, d);
    }

    private static double dist2(double[] x, int i, double[] c, int co, int d) {
        double s = 0;
        int o = i * d;
        for (int j = 0; j < d; j++) {
            double t = x[o + j] - c[co + j];
            s += t * t;
        }
        return s;
    }
}
