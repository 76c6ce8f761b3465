package tessera.core.analysis;

/**
 * A supervised linear projection of feature vectors (spectra or component scores) that separates given classes,
 * e.g. Fisher's linear discriminant analysis (Fisher, Ann. Eugen. 7 (1936) 179, doi:10.1111/j.1469-1809.1936.tb02137.x).
 * Contributed through {@code tessera.core.decomposers} as a {@code discriminant} element; every contribution is
 * also a pipeline step with the feature inputs of a clustering plus {@code labels} (a clustering or a label map).
 * Implementations are stateless, thread-safe and deterministic.
 */
public interface Discriminant extends Algorithm {

    /**
     * A fitted projection: {@code z = (x − mean) · directions^T}.
     *
     * @param directions             {@code [m][d]}: m discriminant directions in feature space, by decreasing
     *                               between-class separation
     * @param mean                   {@code [d]}: the mean subtracted before projecting
     * @param explainedVarianceRatio {@code [m]}: the share of the between-class variance each direction explains
     */
    record Projection(double[][] directions, double[] mean, double[] explainedVarianceRatio) {
        /**
         * @param x features {@code [n][d]}
         * @return projected coordinates {@code [n][m]}
         * @throws IllegalArgumentException if a row has not d features
         */
        public double[][] transform(double[][] x) {
            int d = mean.length;
            double[][] z = new double[x.length][directions.length];
            for (int i = 0; i < x.length; i++) {
                if (x[i].length != d) {
                    throw new IllegalArgumentException("row " + i + " has " + x[i].length + " features, the projection " + d);
                }
                for (int c = 0; c < directions.length; c++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) {
                        s += (x[i][j] - mean[j]) * directions[c][j];
                    }
                    z[i][c] = s;
                }
            }
            return z;
        }
    }

    /**
     * Fits the projection.
     *
     * @param features {@code [n][d]}: one row per navigation position (flat, row-major)
     * @param labels   {@code [n]}: class of each row, {@code >= 0}; rows labelled {@code -1} (noise, unlabelled)
     *                 are left out of the fit
     * @param params   validated parameters
     * @param monitor  progress and cancellation
     * @return the projection onto at most {@code min(classes − 1, d)} directions
     * @throws IllegalArgumentException if fewer than two classes are labelled, the lengths differ, or a feature is
     *                                  not finite
     */
    Projection fit(double[][] features, int[] labels, Parameters params, ProgressMonitor monitor);
}
