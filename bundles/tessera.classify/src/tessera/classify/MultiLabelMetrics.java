package tessera.classify;

import java.util.ArrayList;
import java.util.List;

/**
 * The metrics of Annys et al. (Sci. Rep. 13 (2023) 13724, doi:10.1038/s41598-023-40943-7, Tables 2 and 3) for a
 * multi-label classifier at one threshold: precision, recall and F1 per class and weighted by each class's occurrence
 * (scikit-learn's {@code average="weighted"}: classes that never occur carry no weight), the exact match ratio (the
 * fraction of spectra whose predicted set equals the true set) and the RMSE of the probabilities against the 0/1 labels.
 * A class with no predicted (no true) spectra has precision (recall) 0, as scikit-learn's {@code zero_division=0}.
 *
 * @param threshold  the threshold applied
 * @param precision  weighted precision
 * @param recall     weighted recall
 * @param f1         weighted F1
 * @param emr        exact match ratio
 * @param rmse       root mean square error of the probabilities
 * @param perClass   precision, recall, F1 and support (true occurrences) per class, {@code [classes][4]}
 * @param spectra    number of spectra
 */
public record MultiLabelMetrics(double threshold, double precision, double recall, double f1, double emr, double rmse,
        double[][] perClass, int spectra) {

    /**
     * Computes the metrics.
     *
     * @param probabilities {@code [n][k]} in [0, 1]
     * @param labels        {@code [n][k]}, 1 where the class is present
     * @param threshold     a class is predicted where its probability is ≥ the threshold
     * @param ignore        class indices left out of every metric (Annys et al. leave out carbon on experimental
     *                      spectra), may be empty
     * @return the metrics
     * @throws IllegalArgumentException if the shapes differ or there are no spectra
     */
    public static MultiLabelMetrics of(float[][] probabilities, byte[][] labels, double threshold, int... ignore) {
        boolean[][] predicted = new boolean[probabilities.length][];
        for (int i = 0; i < probabilities.length; i++) {
            predicted[i] = new boolean[probabilities[i].length];
            for (int j = 0; j < predicted[i].length; j++) {
                predicted[i][j] = probabilities[i][j] >= threshold;
            }
        }
        return of(predicted, probabilities, labels, threshold, ignore);
    }

    /**
     * Computes the metrics for given predicted sets (a spectrum image's detected elements, say) and the probabilities
     * that go into the RMSE.
     *
     * @param predicted     {@code [n][k]}, true where the class is predicted
     * @param probabilities {@code [n][k]} in [0, 1], for the RMSE
     * @param labels        {@code [n][k]}, 1 where the class is present
     * @param threshold     the threshold the predictions were made at, recorded
     * @param ignore        class indices left out of every metric
     * @return the metrics
     * @throws IllegalArgumentException if the shapes differ or there are no spectra
     */
    public static MultiLabelMetrics of(boolean[][] predicted, float[][] probabilities, byte[][] labels, double threshold, int... ignore) {
        int n = probabilities.length;
        if (n == 0 || labels.length != n || predicted.length != n) {
            throw new IllegalArgumentException("need as many label rows as probability rows, at least one (" + n + ", " + labels.length + ")");
        }
        int k = probabilities[0].length;
        boolean[] skip = new boolean[k];
        for (int j : ignore) {
            skip[j] = true;
        }
        long[] tp = new long[k], fp = new long[k], fn = new long[k];
        int exact = 0;
        double se = 0;
        long cells = 0;
        for (int i = 0; i < n; i++) {
            if (probabilities[i].length != k || labels[i].length != k || predicted[i].length != k) {
                throw new IllegalArgumentException("row " + i + " has " + probabilities[i].length + " probabilities and " + labels[i].length + " labels for " + k + " classes");
            }
            boolean same = true;
            for (int j = 0; j < k; j++) {
                if (skip[j]) {
                    continue;
                }
                boolean truth = labels[i][j] != 0;
                boolean pred = predicted[i][j];
                if (truth && pred) {
                    tp[j]++;
                } else if (pred) {
                    fp[j]++;
                } else if (truth) {
                    fn[j]++;
                }
                same &= truth == pred;
                double d = probabilities[i][j] - (truth ? 1 : 0);
                se += d * d;
                cells++;
            }
            if (same) {
                exact++;
            }
        }
        double[][] per = new double[k][4];
        double wP = 0, wR = 0, wF = 0, support = 0;
        for (int j = 0; j < k; j++) {
            double p = tp[j] + fp[j] == 0 ? 0 : tp[j] / (double) (tp[j] + fp[j]);
            double r = tp[j] + fn[j] == 0 ? 0 : tp[j] / (double) (tp[j] + fn[j]);
            double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
            double s = tp[j] + fn[j];
            per[j] = new double[] { p, r, f, s };
            wP += s * p;
            wR += s * r;
            wF += s * f;
            support += s;
        }
        double div = support == 0 ? 1 : support;
        return new MultiLabelMetrics(threshold, wP / div, wR / div, wF / div, exact / (double) n, Math.sqrt(se / Math.max(1, cells)), per, n);
    }

    /**
     * The paper's threshold rule: the threshold in 0.01 … 0.99 (steps of 0.01) where the weighted precision and recall
     * are closest (argmin |precision − recall|; the lower threshold on a tie), among the thresholds where something is
     * right (precision and recall both 0, above every probability, is no balance). Chosen on validation data only.
     *
     * @param probabilities {@code [n][k]}
     * @param labels        {@code [n][k]}
     * @return the metrics at the chosen threshold
     */
    public static MultiLabelMetrics balanced(float[][] probabilities, byte[][] labels) {
        MultiLabelMetrics best = null;
        for (int t = 1; t <= 99; t++) {
            MultiLabelMetrics m = of(probabilities, labels, t / 100.0);
            if (m.precision == 0 && m.recall == 0 && best != null) {
                continue; // nothing right: |P − R| = 0 there is no balance
            }
            if (best == null || best.precision == 0 && best.recall == 0
                    || Math.abs(m.precision - m.recall) < Math.abs(best.precision - best.recall) - 1e-12) {
                best = m;
            }
        }
        return best;
    }

    /**
     * The class pairs most often confused: for spectra where class a is present and predicted absent while class b is
     * absent and predicted present, the count of (a → b).
     *
     * @param probabilities {@code [n][k]}
     * @param labels        {@code [n][k]}
     * @param threshold     the threshold
     * @param top           how many pairs to return
     * @return {@code [a, b, count]} triples, most frequent first
     */
    public static List<int[]> confusions(float[][] probabilities, byte[][] labels, double threshold, int top) {
        int k = probabilities.length == 0 ? 0 : probabilities[0].length;
        int[][] c = new int[k][k];
        for (int i = 0; i < probabilities.length; i++) {
            for (int a = 0; a < k; a++) {
                if (labels[i][a] != 0 && probabilities[i][a] < threshold) {
                    for (int b = 0; b < k; b++) {
                        if (labels[i][b] == 0 && probabilities[i][b] >= threshold) {
                            c[a][b]++;
                        }
                    }
                }
            }
        }
        List<int[]> pairs = new ArrayList<>();
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                if (c[a][b] > 0) {
                    pairs.add(new int[] { a, b, c[a][b] });
                }
            }
        }
        pairs.sort((x, y) -> Integer.compare(y[2], x[2]));
        return pairs.subList(0, Math.min(top, pairs.size()));
    }
}
