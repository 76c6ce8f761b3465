package tessera.cluster;

import java.util.List;
import java.util.Locale;

/**
 * The pre-processing HyperSpy 1.7's {@code cluster_analysis(preprocessing=...)} applies to the
 * features before clustering, with scikit-learn 1.2's definitions:
 * <ul>
 * <li>{@code none}: the features as they are;</li>
 * <li>{@code norm}: every sample (row) scaled to unit Euclidean norm ({@code sklearn.preprocessing.Normalizer},
 *   norm "l2"; an all-zero row stays zero);</li>
 * <li>{@code standard}: every feature (column) centred and divided by its population standard deviation
 *   ({@code StandardScaler}; a constant feature is centred only);</li>
 * <li>{@code minmax}: every feature mapped linearly onto [0, 1] ({@code MinMaxScaler}; a constant feature
 *   becomes 0).</li>
 * </ul>
 * Source: F. Pedregosa et al., J. Mach. Learn. Res. 12 (2011) 2825, doi:10.5555/1953048.2078195 (the
 * scalers), HyperSpy 1.7 {@code hyperspy.learn.mva.MVA.cluster_analysis} (the choice of scalers).
 */
public final class FeatureScaling {
    /** the names accepted by {@link #apply}, in display order */
    public static final List<String> METHODS = List.of("none", "norm", "standard", "minmax");

    private FeatureScaling() {
    }

    /**
     * Scales features in place.
     *
     * @param x      features {@code [n][d]}, modified in place
     * @param method one of {@link #METHODS}
     * @return {@code x}
     * @throws IllegalArgumentException if the method is unknown or a feature is not finite
     */
    public static double[][] apply(double[][] x, String method) {
        String m = method == null ? "none" : method.toLowerCase(Locale.ROOT);
        if (!METHODS.contains(m)) {
            throw new IllegalArgumentException("preprocessing '" + method + "' is not one of " + String.join(", ", METHODS));
        }
        int n = x.length;
        int d = n == 0 ? 0 : x[0].length;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(x[i][j])) {
                    throw new IllegalArgumentException("feature " + j + " of sample " + i + " is not finite");
                }
            }
        }
        switch (m) {
            case "norm" -> {
                for (double[] r : x) {
                    double s = 0;
                    for (double v : r) {
                        s += v * v;
                    }
                    if (s > 0) {
                        double f = 1 / Math.sqrt(s);
                        for (int j = 0; j < d; j++) {
                            r[j] *= f;
                        }
                    }
                }
            }
            case "standard" -> {
                for (int j = 0; j < d; j++) {
                    double mean = 0;
                    for (double[] r : x) {
                        mean += r[j];
                    }
                    mean /= n;
                    double var = 0;
                    for (double[] r : x) {
                        double t = r[j] - mean;
                        var += t * t;
                    }
                    double sd = Math.sqrt(var / n);
                    for (double[] r : x) {
                        r[j] = sd > 0 ? (r[j] - mean) / sd : r[j] - mean;
                    }
                }
            }
            case "minmax" -> {
                for (int j = 0; j < d; j++) {
                    double lo = Double.POSITIVE_INFINITY;
                    double hi = Double.NEGATIVE_INFINITY;
                    for (double[] r : x) {
                        lo = Math.min(lo, r[j]);
                        hi = Math.max(hi, r[j]);
                    }
                    double range = hi - lo;
                    for (double[] r : x) {
                        r[j] = range > 0 ? (r[j] - lo) / range : 0;
                    }
                }
            }
            default -> {
            }
        }
        return x;
    }
}
