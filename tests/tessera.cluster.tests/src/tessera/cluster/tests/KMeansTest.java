package tessera.cluster.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import tessera.cluster.internal.KMeansClusterer;
import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.Clusterer;
import tessera.core.analysis.Decomposer;
import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.registry.Registry;

/** k-means on separable synthetic clusters and on PCA scores of the real FePt core-shell EDX map. */
class KMeansTest {
    static final Clusterer KM = new KMeansClusterer();

    static ClusterResult run(double[][] f, Map<String, ?> raw) {
        return KM.cluster(f, Parameters.of(KM.parameters(), raw), ProgressMonitor.NULL);
    }

    /** Three Gaussian blobs of sizes 50, 120, 80 in 4-D, 10 sigma apart. */
    @Test
    void findsSeparableClustersNumberedBySize() {
        int[] sizes = {50, 120, 80};
        double[][] centres = {{0, 0, 0, 0}, {10, 0, 5, 0}, {0, 10, 0, -5}};
        int n = 250;
        double[][] x = new double[n][4];
        int[] truth = new int[n];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0, c = 0, left = sizes[0]; i < n; i++, left--) {
            if (left == 0) {
                c++;
                left = sizes[c];
            }
            truth[i] = c;
            for (int d = 0; d < 4; d++) {
                x[i][d] = centres[c][d] + (r.nextDouble() - 0.5);
            }
        }
        ClusterResult res = run(x, Map.of("k", 3, "seed", 7L));
        assertArrayEquals(new int[] {120, 80, 50}, res.sizes(), "label 0 = largest cluster");
        int[] map = {2, 0, 1}; // truth cluster -> label (by size: 120 -> 0, 80 -> 1, 50 -> 2)
        for (int i = 0; i < n; i++) {
            assertEquals(map[truth[i]], res.labels()[i], "sample " + i);
        }
        assertEquals(10, res.centers()[0][0], 0.2);
        assertEquals(10, res.centers()[1][1], 0.2);
        ClusterResult again = run(x, Map.of("k", 3, "seed", 7L));
        assertArrayEquals(res.labels(), again.labels(), "deterministic");
        assertEquals(res.distortion(), again.distortion(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> run(new double[2][4], Map.of("k", 3)));
    }

    /**
     * With tol = 0 Lloyd runs to its fixed point: every sample is labelled with its nearest centre,
     * every centre is the mean of its samples, and the distortion is the sum of squared distances.
     * The best of ten runs is no worse than its first run (same seed), and a repeat is identical.
     */
    @Test
    void convergesToALloydFixedPoint() {
        // float64 features, and features that are exact float32 values (the vectorised float32 path, 4 + 1 features per pass)
        for (boolean floats : new boolean[] {false, true}) {
            convergesToALloydFixedPoint(floats);
        }
    }

    private void convergesToALloydFixedPoint(boolean floats) {
        int n = 600, d = 5, k = 4;
        SplittableRandom r = new SplittableRandom(17);
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            int blob = i % 3;
            for (int j = 0; j < d; j++) {
                x[i][j] = 3 * blob * (j == blob ? 1 : 0) + r.nextGaussian();
                if (floats) {
                    x[i][j] = (float) x[i][j];
                }
            }
        }
        ClusterResult best = run(x, Map.of("k", k, "tol", 0.0, "seed", 5L));
        double distortion = 0;
        for (int i = 0; i < n; i++) {
            int nearest = 0;
            for (int c = 1; c < k; c++) {
                if (dist2(x[i], best.centers()[c]) < dist2(x[i], best.centers()[nearest])) {
                    nearest = c;
                }
            }
            assertEquals(nearest, best.labels()[i], "sample " + i + " labelled with its nearest centre");
            distortion += dist2(x[i], best.centers()[best.labels()[i]]);
        }
        assertEquals(distortion, best.distortion(), 1e-9 * distortion);
        int[] sizes = best.sizes();
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                double m = 0;
                for (int i = 0; i < n; i++) {
                    if (best.labels()[i] == c) {
                        m += x[i][j] / sizes[c];
                    }
                }
                assertEquals(m, best.centers()[c][j], 1e-12, "centre " + c + " is the mean of its samples");
            }
        }
        ClusterResult first = run(x, Map.of("k", k, "tol", 0.0, "seed", 5L, "runs", 1));
        assertTrue(best.distortion() <= first.distortion(), best.distortion() + " vs " + first.distortion());
        ClusterResult again = run(x, Map.of("k", k, "tol", 0.0, "seed", 5L));
        assertArrayEquals(best.labels(), again.labels());
        assertEquals(best.distortion(), again.distortion(), 0.0);
    }

    static double dist2(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return s;
    }

    /**
     * On the Poisson-normalised PCA scores (3 components) of core_shell.hspy, k = 2..4 must
     * separate the vacuum/support (the largest cluster, lowest counts) from the particles, and for
     * k = 3, 4 the Pt-richest cluster (cores) must lie deeper inside the particles than the
     * Fe-richest cluster (shells): larger mean city-block distance to the background cluster.
     */
    @Test
    void separatesCoreShellAndBackgroundOnPcaScores() throws Exception {
        Dataset d = Registry.get().formats().readFirst(java.nio.file.Path.of(System.getProperty("tessera.data", "../shared/data"), "edx/core_shell.hspy"));
        Decomposer pca = Registry.get().decomposer("tessera.decompose.pca");
        DecompositionResult pr = pca.decompose(d, Parameters.of(pca.parameters(), Map.of("components", 3, "normalizePoissonianNoise", true)),
                ProgressMonitor.NULL);
        double[][] scores = pr.scores();
        int n = scores.length, p = d.signalSize();
        Axis e = d.axis(2);
        double[] fe = new double[n], pt = new double[n], tot = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                double v = d.getDouble((long) i * p + j);
                double en = e.value(j);
                tot[i] += v;
                if (en > 6.3 && en < 6.5) {
                    fe[i] += v;
                }
                if (en > 1.95 && en < 2.15) {
                    pt[i] += v;
                }
            }
        }
        Clusterer km = Registry.get().clusterer(KMeansClusterer.ID);
        for (int k = 2; k <= 4; k++) {
            ClusterResult c = km.cluster(scores, Parameters.of(km.parameters(), Map.of("k", k)), ProgressMonitor.NULL);
            double[] meanTot = mean(c, tot), meanFe = mean(c, fe), meanPt = mean(c, pt);
            for (int q = 1; q < k; q++) {
                assertTrue(meanTot[0] < meanTot[q], "k=" + k + ": the largest cluster is the background (lowest counts)");
                assertTrue(meanFe[0] < meanFe[q] && meanPt[0] < meanPt[q], "k=" + k + ": particles have more Fe and Pt than the background");
            }
            if (k >= 3) {
                double[] depth = depthInParticles(c.labels(), 64, 64);
                double[] meanDepth = mean(c, depth);
                int core = 1, shell = 1;
                for (int q = 1; q < k; q++) {
                    if (meanPt[q] / (meanPt[q] + meanFe[q]) > meanPt[core] / (meanPt[core] + meanFe[core])) {
                        core = q;
                    }
                    if (meanFe[q] / (meanPt[q] + meanFe[q]) > meanFe[shell] / (meanPt[shell] + meanFe[shell])) {
                        shell = q;
                    }
                }
                assertTrue(core != shell, "k=" + k + ": distinct Pt-rich and Fe-rich clusters");
                assertTrue(meanDepth[core] > meanDepth[shell] + 1, "k=" + k + ": Pt-rich cluster depth " + meanDepth[core] + " vs Fe-rich " + meanDepth[shell]);
            }
        }
    }

    static double[] mean(ClusterResult c, double[] v) {
        double[] m = new double[c.k()];
        int[] s = c.sizes();
        for (int i = 0; i < v.length; i++) {
            m[c.labels()[i]] += v[i] / s[c.labels()[i]];
        }
        return m;
    }

    /** City-block distance of each pixel to the nearest pixel of cluster 0 (the background), by BFS. */
    static double[] depthInParticles(int[] labels, int h, int w) {
        int[] dist = new int[h * w];
        java.util.ArrayDeque<Integer> q = new java.util.ArrayDeque<>();
        for (int i = 0; i < dist.length; i++) {
            dist[i] = labels[i] == 0 ? 0 : Integer.MAX_VALUE;
            if (labels[i] == 0) {
                q.add(i);
            }
        }
        while (!q.isEmpty()) {
            int i = q.poll();
            int y = i / w, x = i % w;
            int[][] nb = {{y - 1, x}, {y + 1, x}, {y, x - 1}, {y, x + 1}};
            for (int[] b : nb) {
                if (b[0] >= 0 && b[0] < h && b[1] >= 0 && b[1] < w) {
                    int j = b[0] * w + b[1];
                    if (dist[j] > dist[i] + 1) {
                        dist[j] = dist[i] + 1;
                        q.add(j);
                    }
                }
            }
        }
        double[] out = new double[dist.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = dist[i];
        }
        return out;
    }
}
