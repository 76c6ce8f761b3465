package tessera.cluster.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import tessera.cluster.Ari;
import tessera.cluster.internal.HdbscanClusterer;
import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.Clusterer;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;

/** HDBSCAN* against R dbscan 1.1-11 (benchmarks/peers/hdbscan_r.R) and on a 16 384-sample phase map. */
class HdbscanTest {
    static final Clusterer H = new HdbscanClusterer();

    static ClusterResult run(double[][] f, Map<String, ?> raw) {
        return H.cluster(f, Parameters.of(H.parameters(), raw), ProgressMonitor.NULL);
    }

    /**
     * With {@code levels = r-dbscan}, labels, GLOSH outlier scores and membership strengths equal R's
     * {@code dbscan::hdbscan(x, minPts = m)} (dbscan 1.1-11, which uses minPts as minClusterSize and as minSamples, the
     * point itself counted) on density_blobs.csv, m = 5 and 10; with the default levels ({@code hdbscan}, Python's
     * convention) the labels are the same here. R: m = 5 gives clusters of 143, 124, 111, 96 and 26 noise points,
     * m = 10 gives 143, 122, 102, 96 and 37 noise points.
     *
     * <p>R's {@code membership_prob} is {@code (max core distance in the cluster - core distance) / max}, not the
     * Python hdbscan library's {@code probabilities_} that this class implements; the peer script computes the latter
     * ({@code lambda_prob}) from R's own condensed tree ({@code attr(h, "hdbscan")}: per cluster the points leaving
     * it and their eps), and that is what is compared here (to 1e-9).
     */
    @Test
    void matchesRDbscan() throws Exception {
        double[][] x = DensityData.blobs();
        Map<Integer, int[]> rSizes = Map.of(5, new int[] {143, 124, 111, 96}, 10, new int[] {143, 122, 102, 96});
        Map<Integer, Integer> rNoise = Map.of(5, 26, 10, 37);
        for (int m : new int[] {5, 10}) {
            Map<String, double[]> r = DensityData.csv("density_blobs_hdbscan_r_minpts" + m + ".csv");
            int[] rLabels = DensityData.ints(r.get("cluster")); // R: 0 = noise
            assertNull(DensityData.samePartition(run(x, Map.of("minClusterSize", m)).labels(), rLabels, 0), "minPts " + m + ", levels hdbscan");
            ClusterResult res = run(x, Map.of("minClusterSize", m, "levels", "r-dbscan"));
            assertNull(DensityData.samePartition(res.labels(), rLabels, 0), "minPts " + m);
            assertEquals(1.0, Ari.adjustedRand(res.labels(), rLabels), 1e-15);
            assertArrayEquals(rSizes.get(m), res.sizes(), "minPts " + m + ": R's cluster sizes");
            assertEquals(rNoise.get(m), res.noiseCount());
            assertEquals(4.0, res.criteria().get("clusters"));
            assertEquals((double) rNoise.get(m), res.criteria().get("noise"));
            double[] glosh = r.get("outlier_score"), lp = r.get("lambda_prob");
            double maxDiff = 0;
            for (int i = 0; i < x.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(res.outlierScores()[i] - glosh[i]));
                int l = res.labels()[i];
                for (int c = 0; c < res.k(); c++) {
                    double expected = c == l ? lp[i] : 0;
                    assertEquals(expected, res.probabilities()[i][c], 1e-9, "minPts " + m + ", sample " + i + ", cluster " + c);
                }
            }
            assertTrue(maxDiff < 1e-12, "minPts " + m + ": GLOSH differs from R's outlier_scores by " + maxDiff);
            // centres are member means
            double[] mean = new double[2];
            for (int i = 0; i < x.length; i++) {
                if (res.labels()[i] == 0) {
                    mean[0] += x[i][0] / res.sizes()[0];
                    mean[1] += x[i][1] / res.sizes()[0];
                }
            }
            assertArrayEquals(mean, res.centers()[0], 1e-12);
        }
    }

    /**
     * With the default levels ({@code hdbscan}), labels, membership strengths ({@code probabilities_}) and GLOSH scores
     * equal the Python hdbscan library 0.8.43's tree functions ({@code condense_tree}, {@code compute_stability},
     * {@code get_clusters}, {@code outlier_scores}; benchmarks/peers/hdbscan_python.py) on the single-linkage tree of
     * the mutual reachability distances of density_blobs.csv with core distances to the m-th neighbour counting the
     * point itself (the library's {@code min_samples = m - 1}), for m = 5, 10 with excess of mass and m = 5 with leaf
     * selection. Python: m = 5 eom gives 143, 124, 111, 96 and 26 noise; m = 10 eom gives 143, 122, 102, 96 and 37
     * noise; m = 5 leaf gives 20 clusters (18, 18, 18, 17, 12, ..., 5) and 316 noise.
     */
    @Test
    void matchesPythonHdbscan() throws Exception {
        double[][] x = DensityData.blobs();
        Map<String, double[]> py = DensityData.csv("density_blobs_hdbscan_py.csv");
        Object[][] settings = {{5, "eom", 4, 26}, {10, "eom", 4, 37}, {5, "leaf", 20, 316}};
        for (Object[] s : settings) {
            int m = (Integer) s[0];
            String sel = (String) s[1];
            String key = "m" + m + "_" + sel;
            ClusterResult res = run(x, Map.of("minClusterSize", m, "clusterSelection", sel));
            assertNull(DensityData.samePartition(res.labels(), DensityData.ints(py.get("label_" + key)), -1), key);
            assertEquals((Integer) s[2], res.k(), key);
            assertEquals((Integer) s[3], res.noiseCount(), key);
            double[] prob = py.get("prob_" + key), glosh = py.get("glosh_" + key);
            for (int i = 0; i < x.length; i++) {
                int l = res.labels()[i];
                assertEquals(prob[i], l < 0 ? 0 : res.probabilities()[i][l], 1e-12, key + ": probability of sample " + i);
                assertEquals(glosh[i], res.outlierScores()[i], 1e-12, key + ": GLOSH of sample " + i);
            }
        }
    }

    /**
     * minSamples unset equals minSamples = minClusterSize; leaf selection never gives fewer clusters than excess of
     * mass; a repeat is identical; too few samples, ragged rows and NaN are rejected.
     */
    @Test
    void parametersAndInputChecks() throws Exception {
        double[][] x = DensityData.blobs();
        ClusterResult a = run(x, Map.of("minClusterSize", 8));
        ClusterResult b = run(x, Map.of("minClusterSize", 8, "minSamples", 8));
        assertArrayEquals(a.labels(), b.labels());
        assertArrayEquals(a.outlierScores(), b.outlierScores(), 0.0);
        ClusterResult leaf = run(x, Map.of("minClusterSize", 8, "clusterSelection", "leaf"));
        assertTrue(leaf.k() >= a.k(), leaf.k() + " leaves vs " + a.k() + " EOM clusters");
        ClusterResult fewer = run(x, Map.of("minClusterSize", 8, "minSamples", 1));
        assertTrue(fewer.noiseCount() < a.noiseCount(), "minSamples 1: core distance 0, less noise");
        for (ClusterResult r : new ClusterResult[] {a, leaf, fewer}) {
            for (int i = 0; i < x.length; i++) {
                assertTrue(r.outlierScores()[i] >= 0 && r.outlierScores()[i] <= 1);
                double sum = 0;
                for (double p : r.probabilities()[i]) {
                    assertTrue(p >= 0 && p <= 1);
                    sum += p;
                }
                assertEquals(r.labels()[i] < 0 ? 0 : 1, Math.ceil(sum), "one non-zero column for members, none for noise");
            }
        }
        // two far-apart blobs: without allowSingleCluster they are the two clusters; one tight blob alone is all noise
        // unless the root may be selected
        double[][] one = new double[40][];
        for (int i = 0; i < 40; i++) {
            one[i] = new double[] {Math.cos(i), Math.sin(i * 1.3)};
        }
        assertEquals(0, run(one, Map.of("minClusterSize", 30)).k());
        ClusterResult single = run(one, Map.of("minClusterSize", 30, "allowSingleCluster", true));
        assertEquals(1, single.k());
        assertEquals(0, single.noiseCount());
        // exact duplicates (core distance 0, infinite lambda): finite scores in [0, 1], the duplicates one cluster
        double[][] dup = new double[x.length + 60][];
        for (int i = 0; i < dup.length; i++) {
            dup[i] = i < x.length ? x[i] : new double[] {20, 20};
        }
        for (String levels : new String[] {"hdbscan", "r-dbscan"}) {
            ClusterResult rd = run(dup, Map.of("minClusterSize", 8, "levels", levels));
            for (int i = 0; i < dup.length; i++) {
                double g = rd.outlierScores()[i];
                assertTrue(g >= 0 && g <= 1, levels + ": GLOSH " + g + " of sample " + i);
                int l = rd.labels()[i];
                assertTrue(l < 0 || rd.probabilities()[i][l] >= 0 && rd.probabilities()[i][l] <= 1);
            }
            int l = rd.labels()[x.length];
            assertTrue(l >= 0);
            for (int i = x.length; i < dup.length; i++) {
                assertEquals(l, rd.labels()[i]);
                assertEquals(0.0, rd.outlierScores()[i]);
            }
        }
        ClusterResult again = run(x, Map.of("minClusterSize", 8));
        assertArrayEquals(a.labels(), again.labels());
        assertThrows(IllegalArgumentException.class, () -> run(new double[4][2], Map.of("minClusterSize", 5)));
        assertThrows(IllegalArgumentException.class, () -> run(new double[10][2], Map.of("minClusterSize", 5, "minSamples", 11)));
        assertThrows(IllegalArgumentException.class, () -> run(new double[][] {{0, 0}, {1}, {2, 2}}, Map.of("minClusterSize", 2)));
        assertThrows(IllegalArgumentException.class, () -> run(new double[][] {{0, 0}, {1, Double.NaN}, {2, 2}}, Map.of("minClusterSize", 2)));
        assertThrows(IllegalArgumentException.class, () -> run(x, Map.of("minClusterSize", 1)));
    }

    /**
     * 16 384 samples (a 128 x 128 map, three phases in 5-D plus 1 % uniform outliers): the three phases are found
     * (adjusted Rand index >= 0.95 against the truth on the phase pixels, noise counted as a group of its own) and
     * most outliers are noise with high GLOSH scores. This runs the O(n)-memory path: an n x n matrix of doubles
     * would be 2 GiB.
     */
    @Test
    void findsThreePhasesIn16384Samples() {
        int[] truth = new int[128 * 128];
        double[][] f = DensityData.phaseMap(truth, 0.4);
        ClusterResult r = run(f, Map.of("minClusterSize", 100, "minSamples", 10));
        assertEquals(3, r.k(), "sizes " + java.util.Arrays.toString(r.sizes()));
        int phasePixels = 0;
        for (int t : truth) {
            phasePixels += t >= 0 ? 1 : 0;
        }
        int[] a = new int[phasePixels], b = new int[phasePixels];
        int outliersAsNoise = 0, outliers = 0;
        double outlierGlosh = 0, phaseGlosh = 0;
        for (int i = 0, p = 0; i < truth.length; i++) {
            if (truth[i] >= 0) {
                a[p] = truth[i];
                b[p++] = r.labels()[i];
                phaseGlosh += r.outlierScores()[i];
            } else {
                outliers++;
                outliersAsNoise += r.labels()[i] < 0 ? 1 : 0;
                outlierGlosh += r.outlierScores()[i];
            }
        }
        double ari = Ari.adjustedRand(a, b);
        assertTrue(ari >= 0.95, "ARI " + ari + ", noise " + r.noiseCount());
        assertTrue(outliersAsNoise >= 0.9 * outliers, outliersAsNoise + " of " + outliers + " outliers are noise");
        assertTrue(outlierGlosh / outliers > 0.9 && phaseGlosh / phasePixels < 0.4,
                "mean GLOSH outliers " + outlierGlosh / outliers + ", phases " + phaseGlosh / phasePixels);
    }
}
