package tessera.cluster.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.stream.IntStream;

import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.ProgressMonitor;

/**
 * What the density-based clusterers ({@link DbscanClusterer}, {@link HdbscanClusterer}) share: input checks,
 * squared Euclidean distances on row-major samples, a blocked brute-force k-nearest-neighbour search in
 * {@code O(n k)} memory, and the final result (relabelled by size, centres as member means).
 *
 * <p>All parallel loops run over fixed blocks of rows, and every row's result depends only on that
 * row, so results do not depend on the number of threads.
 */
final class DensitySupport {
    /** Rows per block of a parallel loop. */
    static final int BLOCK = 256;

    private DensitySupport() {
    }

    /** @return squared Euclidean distance between rows {@code a} and {@code b} of {@code x} ({@code d} columns) */
    static double dist2(double[] x, int a, int b, int d) {
        int oa = a * d, ob = b * d;
        double s = 0;
        for (int j = 0; j < d; j++) {
            double t = x[oa + j] - x[ob + j];
            s += t * t;
        }
        return s;
    }

    /**
     * Squared distance of every sample to its {@code k}-th nearest sample, counting the sample itself (at distance
     * 0) as the first: the core distance of HDBSCAN* with {@code minSamples = k} (squared). Blocked brute force,
     * {@code O(n^2 d)} time, {@code O(n k)} memory (a sorted list of the k smallest distances per row of a block).
     *
     * @param x       samples, row-major {@code [n x d]}
     * @param n       samples
     * @param d       features
     * @param k       neighbour rank, in {@code [1, n]}
     * @param monitor cancellation (checked per block) and progress (one unit per block)
     * @return squared k-th neighbour distances, length n
     * @throws CancellationException if cancelled
     */
    static double[] kthNeighbourDist2(double[] x, int n, int d, int k, ProgressMonitor monitor) {
        double[] out = new double[n];
        if (k == 1) {
            return out;
        }
        int nb = (n + BLOCK - 1) / BLOCK;
        IntStream.range(0, nb).parallel().forEach(b -> {
            checkCancel(monitor);
            double[] best = new double[k];
            for (int i = b * BLOCK, end = Math.min(n, i + BLOCK); i < end; i++) {
                Arrays.fill(best, Double.POSITIVE_INFINITY);
                best[0] = 0; // the sample itself
                for (int j = 0; j < n; j++) {
                    if (j == i) {
                        continue;
                    }
                    double t = dist2(x, i, j, d);
                    if (t < best[k - 1]) {
                        int p = k - 1;
                        while (p > 0 && best[p - 1] > t) {
                            best[p] = best[p - 1];
                            p--;
                        }
                        best[p] = t;
                    }
                }
                out[i] = best[k - 1];
            }
            monitor.worked(1);
        });
        return out;
    }

    /**
     * Builds the result: clusters renumbered by descending size (ties by smallest member index, via
     * {@link KMeansClusterer#relabel}), centres the means of their members, distortion the sum of squared distances of
     * the members to their centre, and each sample's membership strength in its own cluster's column.
     *
     * @param x        samples, row-major {@code [n x d]}
     * @param n        samples
     * @param d        features
     * @param group    cluster per sample as found, in {@code [0, k)}, or negative for noise
     * @param k        clusters found
     * @param strength membership strength per sample (in its own cluster), or null for no probabilities
     * @param outlier  outlier score per sample, or null
     * @return the result with criteria {@code clusters} and {@code noise}
     */
    static ClusterResult result(double[] x, int n, int d, int[] group, int k, double[] strength, double[] outlier) {
        double[][] centres = new double[k][d];
        int[] size = new int[k];
        for (int i = 0; i < n; i++) {
            int g = group[i];
            if (g >= 0) {
                size[g]++;
                for (int j = 0; j < d; j++) {
                    centres[g][j] += x[i * d + j];
                }
            }
        }
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                centres[c][j] /= size[c];
            }
        }
        ClusterResult r = KMeansClusterer.relabel(group, centres, Double.NaN, k, d);
        int[] labels = r.labels();
        double distortion = 0;
        int noise = 0;
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0) {
                noise++;
                continue;
            }
            double[] c = r.centers()[labels[i]];
            for (int j = 0; j < d; j++) {
                double t = x[i * d + j] - c[j];
                distortion += t * t;
            }
        }
        double[][] prob = null;
        if (strength != null) {
            prob = new double[n][k];
            for (int i = 0; i < n; i++) {
                if (labels[i] >= 0) {
                    prob[i][labels[i]] = strength[i];
                }
            }
        }
        return new ClusterResult(labels, r.centers(), distortion, prob, outlier, null,
                Map.of("clusters", (double) k, "noise", (double) noise));
    }

    /** @throws CancellationException if the monitor is cancelled or this thread interrupted */
    static void checkCancel(ProgressMonitor monitor) {
        if (monitor.isCanceled() || Thread.currentThread().isInterrupted()) {
            throw new CancellationException("cancelled");
        }
    }
}
