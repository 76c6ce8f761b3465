package tessera.pipeline;

/**
 * Choosing the number of significant components from a PCA scree.
 *
 * <p>The elbow is found as in HyperSpy 1.7's {@code MVA.estimate_elbow_position}: on the
 * logarithm of the explained-variance ratios of the first {@code maxPoints + 1}
 * components, the point farthest from the chord joining the first and the last point
 * (the "Kneedle" of Satopää, Albrecht, Irwin and Raghavan, 31st ICDCS Workshops (2011)
 * 166–171, doi:10.1109/ICDCSW.2011.20). That point is the corner where the curve meets
 * the noise floor, i.e. the first noise component; its zero-based index is therefore the
 * number of significant components (on the FePt core–shell tutorial data the elbow is at
 * index 3 and three components are significant, as the tutorial shows).
 */
public final class Scree {
    /** Leading components the elbow is looked for among (HyperSpy's {@code estimate_elbow_position} default, 20). */
    public static final int MAX_POINTS = 20;

    private Scree() {
    }

    /**
     * Index of the elbow of a scree.
     *
     * @param ratios    explained variance (or ratios), descending, length {@code >= 2}
     * @param maxPoints how many leading components to consider (HyperSpy: 20)
     * @return zero-based elbow index in {@code [0, min(maxPoints, ratios.length - 1))}
     * @throws IllegalArgumentException if fewer than 2 values are given
     */
    public static int elbowIndex(double[] ratios, int maxPoints) {
        if (ratios.length < 2) {
            throw new IllegalArgumentException("a scree needs at least 2 components, got " + ratios.length);
        }
        int m = Math.min(maxPoints, ratios.length - 1);
        double y1 = Math.log(Math.max(ratios[0], 1e-30));
        double y2 = Math.log(Math.max(ratios[m], 1e-30));
        double denom = Math.hypot(m, y2 - y1);
        int best = 0;
        double bestD = -1;
        for (int i = 0; i < m; i++) {
            double yi = Math.log(Math.max(ratios[i], 1e-30));
            double d = Math.abs(m * (y1 - yi) + i * (y2 - y1)) / denom;
            if (d > bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    /**
     * Number of significant components: the elbow index, at least 1.
     *
     * @param ratios explained variances, descending
     * @return number of components to keep, {@code 1 <= n < }{@link #MAX_POINTS}
     */
    public static int significantComponents(double[] ratios) {
        return Math.max(1, elbowIndex(ratios, MAX_POINTS));
    }
}
