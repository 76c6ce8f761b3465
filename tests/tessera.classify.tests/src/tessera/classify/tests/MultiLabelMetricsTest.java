package tessera.classify.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import tessera.classify.MultiLabelMetrics;

/**
 * Weighted precision, recall and F1 against scikit-learn 1.2 ({@code precision_recall_fscore_support(y, p >= 0.5,
 * average="weighted", zero_division=0)} on this example gives 0.833333, 0.666667, 0.722222), EMR and RMSE by hand.
 */
class MultiLabelMetricsTest {
    static final byte[][] Y = { { 1, 0, 1 }, { 0, 1, 0 }, { 1, 1, 0 }, { 0, 0, 1 } };
    static final float[][] P = { { 0.9f, 0.2f, 0.4f }, { 0.1f, 0.7f, 0.6f }, { 0.8f, 0.3f, 0.1f }, { 0.2f, 0.1f, 0.9f } };

    @Test
    void weightedMetricsMatchScikitLearn() {
        MultiLabelMetrics m = MultiLabelMetrics.of(P, Y, 0.5);
        assertEquals(0.8333333333, m.precision(), 1e-9);
        assertEquals(0.6666666667, m.recall(), 1e-9);
        assertEquals(0.7222222222, m.f1(), 1e-9);
        assertEquals(0.25, m.emr(), 1e-12, "only the last spectrum is exactly right");
        assertEquals(0.35, m.rmse(), 1e-6);
        assertEquals(2, m.perClass()[0][3], 0, "support of class 0");
    }

    @Test
    void ignoredClassesLeaveEveryMetric() {
        MultiLabelMetrics m = MultiLabelMetrics.of(P, Y, 0.5, 1, 2);
        assertEquals(1.0, m.f1(), 1e-12, "class 0 alone is predicted perfectly");
        assertEquals(1.0, m.emr(), 1e-12);
    }

    @Test
    void balancedThresholdEqualisesPrecisionAndRecall() {
        // scikit-learn over t = 0.01 … 0.99, skipping thresholds where nothing is predicted: t = 0.31, P 0.888889, R 0.833333
        MultiLabelMetrics m = MultiLabelMetrics.balanced(P, Y);
        assertEquals(0.31, m.threshold(), 1e-12);
        assertEquals(0.8888888889, m.precision(), 1e-9);
        assertEquals(0.8333333333, m.recall(), 1e-9);
        assertEquals(0.8222222222, m.f1(), 1e-9);
    }
}
