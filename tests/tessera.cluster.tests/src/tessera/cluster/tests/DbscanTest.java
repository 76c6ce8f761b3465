package tessera.cluster.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import tessera.cluster.Ari;
import tessera.cluster.internal.DbscanClusterer;
import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.Clusterer;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;

/** DBSCAN against scikit-learn 1.2.1 (benchmarks/peers/dbscan_sklearn.py). */
class DbscanTest {
    static final Clusterer DB = new DbscanClusterer();

    static ClusterResult run(double[][] f, Map<String, ?> raw) {
        return DB.cluster(f, Parameters.of(DB.parameters(), raw), ProgressMonitor.NULL);
    }

    /**
     * Exactly sklearn's labels (up to the numbering) for {@code DBSCAN(eps, min_samples).fit(x).labels_} on
     * density_blobs.csv, border samples included. sklearn: (0.5, 5): clusters of 141, 116, 91, 85, 5 and 62 noise;
     * (0.3, 8): 139, 91, 90, 16, 11 and 153 noise; (0.8, 20): 143, 120, 93, 87 and 57 noise.
     */
    @Test
    void matchesScikitLearn() throws Exception {
        double[][] x = DensityData.blobs();
        Map<String, double[]> ref = DensityData.csv("density_blobs_dbscan_sklearn.csv");
        Object[][] settings = {{0.5, 5, new int[] {141, 116, 91, 85, 5}, 62}, {0.3, 8, new int[] {139, 91, 90, 16, 11}, 153},
                {0.8, 20, new int[] {143, 120, 93, 87}, 57}};
        for (Object[] s : settings) {
            double eps = (Double) s[0];
            int m = (Integer) s[1];
            int[] sk = DensityData.ints(ref.get(String.format(java.util.Locale.ROOT, "e%s_m%d", eps, m)));
            ClusterResult r = run(x, Map.of("eps", eps, "minSamples", m));
            assertNull(DensityData.samePartition(r.labels(), sk, -1), "eps " + eps + ", minSamples " + m);
            org.junit.jupiter.api.Assertions.assertArrayEquals((int[]) s[2], r.sizes());
            assertEquals((Integer) s[3], r.noiseCount());
            assertEquals((double) r.k(), r.criteria().get("clusters"));
        }
    }

    /** Every sample is noise when minSamples exceeds n; one cluster when eps spans the data; bad input is rejected. */
    @Test
    void edgeCasesAndInputChecks() throws Exception {
        double[][] x = DensityData.blobs();
        ClusterResult none = run(x, Map.of("eps", 0.5, "minSamples", 501));
        assertEquals(0, none.k());
        assertEquals(500, none.noiseCount());
        ClusterResult all = run(x, Map.of("eps", 100.0, "minSamples", 5));
        assertEquals(1, all.k());
        assertEquals(0, all.noiseCount());
        assertThrows(IllegalArgumentException.class, () -> run(x, Map.of("eps", 0.0)));
        assertThrows(IllegalArgumentException.class, () -> run(new double[0][], Map.of()));
        assertThrows(IllegalArgumentException.class, () -> run(new double[][] {{0, 0}, {1}}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> run(new double[][] {{0, Double.POSITIVE_INFINITY}}, Map.of()));
    }

    /** 16 384 samples: the three phases of the map (ARI >= 0.95 on the phase pixels), without an n x n matrix. */
    @Test
    void findsThreePhasesIn16384Samples() {
        int[] truth = new int[128 * 128];
        double[][] f = DensityData.phaseMap(truth, 0.4);
        ClusterResult r = run(f, Map.of("eps", 0.8, "minSamples", 10));
        assertEquals(3, r.k(), "sizes " + java.util.Arrays.toString(r.sizes()) + ", noise " + r.noiseCount());
        int n = 0;
        for (int t : truth) {
            n += t >= 0 ? 1 : 0;
        }
        int[] a = new int[n], b = new int[n];
        for (int i = 0, p = 0; i < truth.length; i++) {
            if (truth[i] >= 0) {
                a[p] = truth[i];
                b[p++] = r.labels()[i];
            }
        }
        double ari = Ari.adjustedRand(a, b);
        assertTrue(ari >= 0.95, "ARI " + ari);
    }
}
