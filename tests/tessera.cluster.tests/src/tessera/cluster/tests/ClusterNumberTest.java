package tessera.cluster.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import tessera.cluster.ClusterNumber;
import tessera.cluster.ClusterNumber.Estimate;
import tessera.cluster.ClusterNumber.Metric;
import tessera.cluster.internal.KMeansClusterer;
import tessera.cluster.internal.MiniBatchKMeansClusterer;
import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.Clusterer;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;

/**
 * Number of clusters (elbow, gap, silhouette) on {@link Blobs#c()} (4 separated 2-D blobs, n = 400), against
 * scikit-learn 1.2.1 and HyperSpy 1.7 ({@code benchmarks/peers/cluster_number_peer.py}).
 */
class ClusterNumberTest {
    static final Clusterer KM = new KMeansClusterer();

    static Estimate estimate(Clusterer c, Metric m, Map<String, ?> raw) {
        return ClusterNumber.estimate(Blobs.c().x(), c, Parameters.of(c.parameters(), raw), 10, m, ClusterNumber.DEFAULT_REFERENCES, 1L,
                ProgressMonitor.NULL);
    }

    /**
     * Elbow: k = 1..10, curve = ln of k-means' distortion for each k (run to its Lloyd fixed point, tol = 0, where the
     * distortion is the within-cluster sum of squares about the members' means; ln KMeans(n_init=10).inertia_ from
     * scikit-learn agrees to 1e-6 for k = 1..4), chosen k = 4 (HyperSpy: 4).
     */
    @Test
    void elbowOfTheLogInertiaCurve() {
        Estimate e = estimate(KM, Metric.ELBOW, Map.of("seed", 3L, "tol", 0.0));
        assertEquals(4, e.best());
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, e.k());
        double[][] x = Blobs.c().x();
        for (int i = 0; i < e.k().length; i++) {
            ClusterResult r = KM.cluster(x, Parameters.of(KM.parameters(), Map.of("seed", 3L, "tol", 0.0, "k", e.k()[i])), ProgressMonitor.NULL);
            assertEquals(Math.log(r.distortion()), e.curve()[i], 1e-12, "k = " + e.k()[i]);
            assertEquals(0.0, e.curveError()[i]);
        }
        // numpy.log(sklearn.cluster.KMeans(n_clusters=k, n_init=10, random_state=0).fit(X).inertia_) for k = 1..4
        double[] sklearn = {8.883094, 8.216144, 7.357263, 5.272544};
        for (int i = 0; i < 4; i++) {
            assertEquals(sklearn[i], e.curve()[i], 1e-6, "k = " + (i + 1));
        }
        assertEquals(Metric.ELBOW, e.metric());
    }

    /**
     * Silhouette: k = 2..10; for k = 2..4 the curve is HyperSpy's (same k-means optima; k = 4 is the true labelling;
     * beyond, k-means runs find other local optima); chosen k = 4 (HyperSpy: candidates [4, 8], curve 0.529209,
     * 0.686571, 0.844892, 0.702162, 0.582971, ...).
     */
    @Test
    void silhouettePeak() {
        Estimate e = estimate(KM, Metric.SILHOUETTE, Map.of());
        assertEquals(4, e.best());
        assertArrayEquals(new int[] {2, 3, 4, 5, 6, 7, 8, 9, 10}, e.k());
        double[] hyperspy = {0.529209, 0.686571, 0.844892};
        for (int i = 0; i < hyperspy.length; i++) {
            assertEquals(hyperspy[i], e.curve()[i], 1e-6, "k = " + e.k()[i]);
        }
    }

    /**
     * Gap with uniform references in the bounding box: the gap rises to k = 4 (beyond one standard error) and the chosen
     * k is 4. (HyperSpy 1.7, whose reference is the box diagonal {@code linspace(min, max, n)}, gives 2 on these data:
     * gap = -0.398, -1.118, -1.194, 0.441, 0.077, ...; its maximum is at k = 4 as here.)
     */
    @Test
    void gapStatistic() {
        Estimate e = estimate(KM, Metric.GAP, Map.of());
        assertEquals(4, e.best());
        double[] g = e.curve(), s = e.curveError();
        for (int i = 1; i < 3; i++) {
            assertTrue(g[i] < g[i + 1] - s[i + 1], "gap rises at k = " + e.k()[i] + ": " + g[i] + " < " + g[i + 1] + " - " + s[i + 1]);
        }
        assertTrue(g[3] >= g[4] - s[4]);
        int argmax = 0;
        for (int i = 1; i < g.length; i++) {
            argmax = g[i] > g[argmax] ? i : argmax;
            assertTrue(s[i] > 0 && s[i] < 0.2, "s_k " + s[i]);
        }
        assertEquals(3, argmax, "largest gap at k = 4");
        Estimate again = estimate(KM, Metric.GAP, Map.of());
        assertArrayEquals(g, again.curve(), "deterministic");
        // mini-batch k-means as the clusterer (its k parameter is replaced the same way)
        assertEquals(4, estimate(new MiniBatchKMeansClusterer(), Metric.GAP, Map.of()).best());
    }

    /** sklearn.metrics.silhouette_score(X, labels) for fixed labellings (cluster_number_peer.py). */
    @Test
    void silhouetteMatchesScikitLearn() {
        Blobs.Data c = Blobs.c();
        assertEquals(0.8448922980023866, ClusterNumber.silhouette(c.x(), c.truth()), 1e-9);
        int[] moved = c.truth().clone();
        for (int i = 0; i < moved.length; i += 7) {
            moved[i] = (moved[i] + 1) % 4;
        }
        assertEquals(0.47339325291984397, ClusterNumber.silhouette(c.x(), moved), 1e-9);
        int[] odd = c.truth().clone();
        odd[0] = 4; // a singleton cluster (its silhouette is 0)
        odd[1] = odd[2] = odd[3] = ClusterResult.NOISE; // one more group, as scikit-learn treats -1
        assertEquals(0.5041500789051989, ClusterNumber.silhouette(c.x(), odd), 1e-9);
        Blobs.Data a = Blobs.a();
        assertEquals(0.72073301741301, ClusterNumber.silhouette(a.x(), a.truth()), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> ClusterNumber.silhouette(c.x(), new int[c.x().length]));
    }

    @Test
    void rejectsBadArguments() {
        double[][] x = Blobs.c().x();
        Parameters p = Parameters.of(KM.parameters(), Map.of());
        assertThrows(IllegalArgumentException.class, () -> ClusterNumber.estimate(x, KM, p, 1, Metric.GAP, 4, 0, ProgressMonitor.NULL));
        assertThrows(IllegalArgumentException.class, () -> ClusterNumber.estimate(x, KM, p, 10, Metric.GAP, 0, 0, ProgressMonitor.NULL));
        assertThrows(IllegalArgumentException.class,
                () -> ClusterNumber.estimate(new double[5][2], KM, p, 10, Metric.ELBOW, 4, 0, ProgressMonitor.NULL));
        assertThrows(IllegalArgumentException.class,
                () -> ClusterNumber.estimate(new double[][] {{1, 2}, {3}, {4, 5}}, KM, p, 2, Metric.ELBOW, 4, 0, ProgressMonitor.NULL));
    }
}
