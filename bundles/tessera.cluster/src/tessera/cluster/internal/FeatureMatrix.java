package tessera.cluster.internal;

/**
 * The one check every clusterer and embedder of this bundle applies to its input, and the row-major copy most of
 * them work on.
 */
final class FeatureMatrix {
    private FeatureMatrix() {
    }

    /**
     * Checks the feature matrix.
     *
     * @param features   {@code [n][d]}
     * @param minSamples the least number of samples the method needs (at least 1 is always required)
     * @param method     the method and its setting, for messages (e.g. {@code "k-means needs at least k = 3 samples"})
     * @return d, the number of features per sample
     * @throws IllegalArgumentException if there are fewer than {@code minSamples} samples (or none), no features, rows
     *                                  of unequal length, or a non-finite value
     */
    static int check(double[][] features, int minSamples, String method) {
        int n = features == null ? 0 : features.length;
        if (n < Math.max(1, minSamples)) {
            throw new IllegalArgumentException(method + " needs at least " + Math.max(1, minSamples) + " samples, got " + n);
        }
        int d = features[0].length;
        if (d == 0) {
            throw new IllegalArgumentException(method + ": the samples have no features");
        }
        for (int i = 0; i < n; i++) {
            double[] row = features[i];
            if (row.length != d) {
                throw new IllegalArgumentException("feature row " + i + " has " + row.length + " values, row 0 has " + d);
            }
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("feature row " + i + " has a non-finite value");
                }
            }
        }
        return d;
    }

    /**
     * Checks the features as {@link #check} and copies them into one row-major array.
     *
     * @param features   {@code [n][d]}
     * @param minSamples the least number of samples the method needs
     * @param method     name for messages
     * @return {@code x[i * d + j] = features[i][j]}, length n·d
     * @throws IllegalArgumentException as {@link #check}
     */
    static double[] rowMajor(double[][] features, int minSamples, String method) {
        int d = check(features, minSamples, method);
        int n = features.length;
        double[] x = new double[Math.multiplyExact(n, d)];
        for (int i = 0; i < n; i++) {
            System.arraycopy(features[i], 0, x, i * d, d);
        }
        return x;
    }
}
