package tessera.cluster.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import tessera.cluster.Ari;
import tessera.cluster.internal.AgglomerativeClusterer;
import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.Clusterer;
import tessera.core.analysis.Dendrogram;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;

/**
 * Agglomerative clustering against SciPy 1.10.1 {@code scipy.cluster.hierarchy.linkage(X, method)} and
 * scikit-learn 1.2.1 {@code AgglomerativeClustering} / {@code ward_tree(X, connectivity=grid_to_graph(ny, nx))}
 * (reference values in {@link PeerValues}, from {@code benchmarks/peers/agglo_gmm_sklearn.py}).
 */
class AgglomerativeTest {
    static final Clusterer AG = new AgglomerativeClusterer();

    static ClusterResult run(double[][] f, Map<String, ?> raw) {
        return AG.cluster(f, Parameters.of(AG.parameters(), raw), ProgressMonitor.NULL);
    }

    static void checkTree(Dendrogram t, int[] a, int[] b, double[] heights, int[] sizes, String what) {
        assertEquals(a.length, t.merges(), what);
        for (int j = 0; j < a.length; j++) {
            assertEquals(a[j], t.children()[j][0], what + " merge " + j + " first child");
            assertEquals(b[j], t.children()[j][1], what + " merge " + j + " second child");
            assertEquals(heights[j], t.heights()[j], 1e-12 * Math.max(1, heights[j]), what + " merge " + j + " height");
            if (sizes != null) {
                assertEquals(sizes[j], t.sizes()[j], what + " merge " + j + " size");
            }
        }
    }

    @Test
    void matchesScipyLinkageAndScikitLearnLabels() {
        double[][] x = PeerData.linkageData();
        Object[][] cases = {
                {"ward", PeerValues.WARD_A, PeerValues.WARD_B, PeerValues.WARD_HEIGHTS, PeerValues.WARD_SIZES, PeerValues.WARD_LABELS3},
                {"average", PeerValues.AVERAGE_A, PeerValues.AVERAGE_B, PeerValues.AVERAGE_HEIGHTS, PeerValues.AVERAGE_SIZES, PeerValues.AVERAGE_LABELS3},
                {"complete", PeerValues.COMPLETE_A, PeerValues.COMPLETE_B, PeerValues.COMPLETE_HEIGHTS, PeerValues.COMPLETE_SIZES,
                        PeerValues.COMPLETE_LABELS3},
                {"single", PeerValues.SINGLE_A, PeerValues.SINGLE_B, PeerValues.SINGLE_HEIGHTS, PeerValues.SINGLE_SIZES, PeerValues.SINGLE_LABELS3}};
        for (Object[] c : cases) {
            String linkage = (String) c[0];
            ClusterResult r = run(x, Map.of("k", 3, "linkage", linkage));
            assertNotNull(r.dendrogram());
            checkTree(r.dendrogram(), (int[]) c[1], (int[]) c[2], (double[]) c[3], (int[]) c[4], linkage);
            assertEquals(1.0, Ari.adjustedRand((int[]) c[5], r.labels()), linkage + ": ARI to scikit-learn labels");
            checkResult(x, r, 3);
        }
    }

    /** Sizes descending, centres = means, distortion = within-cluster sum of squares. */
    static void checkResult(double[][] x, ClusterResult r, int k) {
        int[] s = r.sizes();
        assertEquals(k, s.length);
        for (int c = 1; c < k; c++) {
            assertTrue(s[c - 1] >= s[c], "labels by descending size");
        }
        int d = x[0].length;
        double sse = 0;
        for (int c = 0; c < k; c++) {
            for (int q = 0; q < d; q++) {
                double m = 0;
                for (int i = 0; i < x.length; i++) {
                    if (r.labels()[i] == c) {
                        m += x[i][q];
                    }
                }
                assertEquals(m / s[c], r.centers()[c][q], 1e-12);
            }
        }
        for (int i = 0; i < x.length; i++) {
            sse += KMeansTest.dist2(x[i], r.centers()[r.labels()[i]]);
        }
        assertEquals(sse, r.distortion(), 1e-9 * sse);
    }

    @Test
    void gridWardMatchesScikitLearn() {
        int ny = 12, nx = 15;
        double[][] g = PeerData.gridImage(5, ny, nx);
        ClusterResult r3 = run(g, Map.of("k", 3, "connectivity", "grid", "scanWidth", nx));
        checkTree(r3.dendrogram(), PeerValues.GRID_WARD_A, PeerValues.GRID_WARD_B, PeerValues.GRID_WARD_HEIGHTS, null, "grid ward");
        assertEquals(1.0, Ari.adjustedRand(PeerValues.GRID_WARD_LABELS3, r3.labels()));
        checkResult(g, r3, 3);
        ClusterResult r5 = run(g, Map.of("k", 5, "connectivity", "grid", "scanWidth", nx));
        assertEquals(1.0, Ari.adjustedRand(PeerValues.GRID_WARD_LABELS5, r5.labels()));
    }

    @Test
    void gridOtherLinkagesMatchScikitLearn() {
        int ny = 12, nx = 15;
        double[][] g = PeerData.gridImage(5, ny, nx);
        Object[][] cases = {{"average", PeerValues.GRID_AVERAGE_LABELS3}, {"complete", PeerValues.GRID_COMPLETE_LABELS3},
                {"single", PeerValues.GRID_SINGLE_LABELS3}};
        for (Object[] c : cases) {
            ClusterResult r = run(g, Map.of("k", 3, "linkage", c[0], "connectivity", "grid", "scanWidth", nx));
            assertEquals(1.0, Ari.adjustedRand((int[]) c[1], r.labels()), c[0] + " grid: ARI to scikit-learn");
            for (int j = 0; j < r.dendrogram().merges(); j++) {
                int[] ch = r.dendrogram().children()[j];
                assertTrue(ch[0] < ch[1] && ch[1] < g.length + j, "SciPy numbering");
            }
        }
    }

    /** A 128 x 128 scan (n = 16 384) with four noisy quadrants: grid Ward finds the quadrants; without connectivity it refuses. */
    @Test
    void gridHandlesAFullScanAndDenseRefusesIt() {
        int w = 128;
        PeerData.Lcg rng = new PeerData.Lcg(9);
        double[][] x = new double[w * w][];
        int[] truth = new int[w * w];
        for (int y = 0; y < w; y++) {
            for (int c = 0; c < w; c++) {
                int q = (y < w / 2 ? 0 : 2) + (c < w / 2 ? 0 : 1);
                truth[y * w + c] = q;
                x[y * w + c] = new double[] {(q & 1) * 4 + rng.g(), (q >> 1) * 4 + rng.g(), rng.g()};
            }
        }
        ClusterResult r = run(x, Map.of("k", 4, "connectivity", "grid", "scanWidth", w));
        assertEquals(w * w - 1, r.dendrogram().merges());
        assertTrue(Ari.adjustedRand(truth, r.labels()) > 0.95, "ARI " + Ari.adjustedRand(truth, r.labels()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(x, Map.of("k", 4)));
        assertTrue(e.getMessage().contains("connectivity=grid"), e.getMessage());
    }

    /** A monitor that reports cancellation from the start. */
    static final ProgressMonitor CANCELLED = new ProgressMonitor() {
        @Override
        public void begin(String task, long totalWork) {
        }

        @Override
        public void worked(long work) {
        }

        @Override
        public void done() {
        }

        @Override
        public boolean isCanceled() {
            return true;
        }
    };

    @Test
    void cancels() {
        double[][] x = PeerData.linkageData();
        assertThrows(java.util.concurrent.CancellationException.class,
                () -> AG.cluster(x, Parameters.of(AG.parameters(), Map.of("k", 3)), CANCELLED));
        assertThrows(java.util.concurrent.CancellationException.class,
                () -> AG.cluster(x, Parameters.of(AG.parameters(), Map.of("k", 3, "connectivity", "grid", "scanWidth", 8)), CANCELLED));
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> run(new double[2][3], Map.of("k", 3)));
        assertThrows(IllegalArgumentException.class, () -> run(new double[][] {{0, 1}, {1}, {2, 2}}, Map.of("k", 2)));
        assertThrows(IllegalArgumentException.class, () -> run(new double[][] {{0, 1}, {1, Double.NaN}, {2, 2}}, Map.of("k", 2)));
        assertThrows(IllegalArgumentException.class, () -> run(new double[12][2], Map.of("k", 2, "connectivity", "grid")));
        assertThrows(IllegalArgumentException.class, () -> run(new double[12][2], Map.of("k", 2, "connectivity", "grid", "scanWidth", 5)));
        ClusterResult one = run(new double[][] {{1, 2}, {3, 4}}, Map.of("k", 2, "connectivity", "grid", "scanWidth", 2));
        assertArrayEquals(new int[] {0, 1}, one.labels());
    }
}
