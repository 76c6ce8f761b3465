package tessera.cluster.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tessera.cluster.Ari;
import tessera.cluster.EmbeddingQuality;
import tessera.cluster.internal.KMeansClusterer;
import tessera.cluster.internal.UmapEmbedder;
import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.Decomposer;
import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.Embedder;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Dataset;
import tessera.core.registry.Registry;

/**
 * UMAP ({@link UmapEmbedder}) and trustworthiness ({@link EmbeddingQuality}) against umap-learn 0.5.3 and
 * scikit-learn 1.2.1: the reference values come from {@code benchmarks/peers/umap_peer.py}.
 */
class UmapTest {
    static final Embedder UMAP = new UmapEmbedder();

    static double[][] embed(double[][] x, Map<String, ?> raw) {
        return UMAP.embed(x, Parameters.of(UMAP.parameters(), raw), ProgressMonitor.NULL);
    }

    /** umap.umap_.find_ab_params(spread, min_dist) (scipy curve_fit), printed by umap_peer.py. */
    @Test
    void abParamsMatchUmapLearn() {
        double[] ab = UmapEmbedder.findAbParams(1.0, 0.1);
        assertEquals(1.5769434601962196, ab[0], 1e-5);
        assertEquals(0.8950608779914887, ab[1], 1e-5);
        ab = UmapEmbedder.findAbParams(1.0, 0.5);
        assertEquals(0.583030020479462, ab[0], 1e-5);
        assertEquals(1.3341669929263487, ab[1], 1e-5);
    }

    /** The formula data set of umap_peer.py: 80 samples in 5-D and a distorted 2-D "embedding". */
    static double[][][] formulaData() {
        int n = 80;
        double[][] high = new double[n][5], low = new double[n][2];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 5; j++) {
                high[i][j] = Math.sin(0.37 * i * (j + 1) + j);
            }
            low[i][0] = high[i][0] + 0.3 * Math.cos(i);
            low[i][1] = high[i][1] * high[i][2];
        }
        return new double[][][] {high, low};
    }

    /** sklearn.manifold.trustworthiness(high, low, n_neighbors=k) on the formula data, printed by umap_peer.py. */
    @Test
    void trustworthinessMatchesScikitLearn() {
        double[][][] f = formulaData();
        assertEquals(0.8379861111111111, EmbeddingQuality.trustworthiness(f[0], f[1], 5), 1e-9);
        assertEquals(0.831453488372093, EmbeddingQuality.trustworthiness(f[0], f[1], 10), 1e-9);
        assertEquals(1.0, EmbeddingQuality.trustworthiness(f[0], f[0], 10), 1e-12, "an isometry is perfectly trustworthy");
        assertThrows(IllegalArgumentException.class, () -> EmbeddingQuality.trustworthiness(f[0], f[1], 40), "k < n / 2");
        assertThrows(IllegalArgumentException.class, () -> EmbeddingQuality.trustworthiness(f[0], Arrays.copyOf(f[1], 79), 5));
    }

    record Blobs(double[][] x, int[] labels) {
    }

    /** Four Gaussian blobs (100, 150, 200, 150 samples) in 20-D, written by umap_peer.py. */
    static Blobs blobs() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("data/umap_blobs.csv")).stream().filter(l -> !l.startsWith("#")).toList();
        double[][] x = new double[lines.size()][];
        int[] y = new int[lines.size()];
        for (int i = 0; i < x.length; i++) {
            String[] t = lines.get(i).split(",");
            y[i] = Integer.parseInt(t[0]);
            x[i] = new double[t.length - 1];
            for (int j = 1; j < t.length; j++) {
                x[i][j - 1] = Double.parseDouble(t[j]);
            }
        }
        return new Blobs(x, y);
    }

    /**
     * umap-learn (n_neighbors 15, min_dist 0.1, 2-D, random_state 0 / 1) on the blobs: trustworthiness (k = 10)
     * 0.9300804106073567 / 0.9305657256914742 (umap_peer.py). Ours must be within 0.02, the blobs must stay
     * separated (k-means, k = 4, on the embedding recovers them: adjusted Rand index &ge; 0.99), the same seed must
     * give the identical embedding and another seed another one.
     */
    @Test
    void embedsBlobsAsUmapLearn() throws Exception {
        Blobs b = blobs();
        double[][] e = embed(b.x(), Map.of("seed", 0L));
        assertEquals(b.x().length, e.length);
        assertEquals(2, e[0].length);
        double t = EmbeddingQuality.trustworthiness(b.x(), e, 10);
        System.out.println("UMAP blobs: trustworthiness(k=10) = " + t + " (umap-learn 0.9300804106073567)");
        assertEquals(0.9300804106073567, t, 0.02);
        KMeansClusterer km = new KMeansClusterer();
        ClusterResult c = km.cluster(e, Parameters.of(km.parameters(), Map.of("k", 4)), ProgressMonitor.NULL);
        double ari = Ari.adjustedRand(b.labels(), c.labels());
        assertTrue(ari >= 0.99, "ARI " + ari);
        double[][] again = embed(b.x(), Map.of("seed", 0L));
        for (int i = 0; i < e.length; i++) {
            assertArrayEquals(e[i], again[i], 0.0, "same seed, identical embedding");
        }
        java.util.concurrent.ForkJoinPool one = new java.util.concurrent.ForkJoinPool(1);
        try {
            double[][] single = one.submit(() -> embed(b.x(), Map.of("seed", 0L))).get();
            assertTrue(Arrays.deepEquals(e, single), "same embedding on one thread");
        } finally {
            one.shutdown();
        }
        double[][] other = embed(b.x(), Map.of("seed", 1L));
        assertFalse(Arrays.deepEquals(e, other), "another seed, another embedding");
        assertEquals(0.9305657256914742, EmbeddingQuality.trustworthiness(b.x(), other, 10), 0.02);
    }

    /**
     * Other settings on the blobs, 200 epochs, seed 0, against umap-learn (same settings, n_epochs=200,
     * random_state 0; umap_peer.py): trustworthiness (k = 10) within 0.02, and k-means (k = 4) on the embedding
     * recovers the blobs as it does on umap-learn's (ARI 1; in 1-D, where the graph's four components are placed
     * by a spectral embedding of their centroids, umap-learn's ARI is 0.978 and ours must reach 0.95).
     */
    @Test
    void otherSettingsAsUmapLearn() throws IOException {
        Blobs b = blobs();
        KMeansClusterer km = new KMeansClusterer();
        record Case(Map<String, Object> raw, int dim, double peerTrust, double minAri) {
        }
        List<Case> cases = List.of(
                new Case(Map.of("init", "random", "nEpochs", 200), 2, 0.9239, 0.99),
                new Case(Map.of("metric", "cosine", "nEpochs", 200), 2, 0.9246, 0.99),
                new Case(Map.of("metric", "manhattan", "nEpochs", 200), 2, 0.9219, 0.99),
                new Case(Map.of("nComponents", 3, "nEpochs", 200, "minDist", 0.5), 3, 0.9316, 0.99),
                new Case(Map.of("nComponents", 1, "nEpochs", 200), 1, 0.8943, 0.95));
        for (Case c : cases) {
            double[][] e = embed(b.x(), c.raw());
            assertEquals(c.dim(), e[0].length);
            ClusterResult r = km.cluster(e, Parameters.of(km.parameters(), Map.of("k", 4)), ProgressMonitor.NULL);
            double ari = Ari.adjustedRand(b.labels(), r.labels());
            double t = EmbeddingQuality.trustworthiness(b.x(), e, 10);
            System.out.println("UMAP blobs " + c.raw() + ": trustworthiness(k=10) = " + t + " (umap-learn " + c.peerTrust() + "), ARI " + ari);
            assertTrue(ari >= c.minAri(), c.raw() + ": ARI " + ari);
            assertEquals(c.peerTrust(), t, 0.02, c.raw() + ": trustworthiness");
        }
    }

    /** Fewer samples than nNeighbors (umap-learn then uses n - 1), disconnected pairs, and duplicates still embed. */
    @Test
    void embedsTinyInputs() {
        double[][] x = {{0, 0}, {0, 1}, {10, 10}, {10, 11}, {10, 11}};
        for (String init : new String[] {"spectral", "random"}) {
            double[][] e = embed(x, Map.of("init", init, "nEpochs", 50));
            assertEquals(5, e.length);
            for (double[] r : e) {
                assertTrue(Double.isFinite(r[0]) && Double.isFinite(r[1]), init + ": " + Arrays.toString(r));
            }
        }
        double[][] e = embed(new double[][] {{1, 2}, {3, 4}}, Map.of());
        assertEquals(2, e.length);
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> embed(new double[1][3], Map.of()));
        assertThrows(IllegalArgumentException.class, () -> embed(new double[][] {{1, 2}, {3}, {4, 5}}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> embed(new double[][] {{1, 2}, {3, Double.NaN}, {4, 5}}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> embed(new double[10][2], Map.of("minDist", 2.0)));
        assertThrows(IllegalArgumentException.class, () -> embed(new double[10][2], Map.of("nNeighbors", 1)));
        assertThrows(IllegalArgumentException.class, () -> embed(new double[10][2], Map.of("metric", "chebyshev")));
    }

    /**
     * Poisson-normalised PCA scores (3 components) of the FePt core-shell EDX map (64 x 64 pixels), as KMeansTest.
     * umap-learn (defaults: n_neighbors 15, min_dist 0.1, 2-D; random_state 0 / 1) on the same scores:
     * trustworthiness (k = 10) 0.9932220028948658 / 0.9932206806285229 (umap_peer.py on the scores that this test
     * writes when the system property {@code tessera.umap.dumpScores} names a file); ours (seed 0) gave
     * 0.99307. It must reach 0.988, umap-learn's value less 0.005.
     */
    @Test
    void embedsCoreShellPcaScores() throws Exception {
        Dataset d = Registry.get().formats().readFirst(Path.of(System.getProperty("tessera.data", "../shared/data"), "edx/core_shell.hspy"));
        Decomposer pca = Registry.get().decomposer("tessera.decompose.pca");
        DecompositionResult pr = pca.decompose(d, Parameters.of(pca.parameters(), Map.of("components", 3, "normalizePoissonianNoise", true)),
                ProgressMonitor.NULL);
        double[][] scores = pr.scores();
        String dump = System.getProperty("tessera.umap.dumpScores");
        if (dump != null) {
            StringBuilder sb = new StringBuilder();
            for (double[] r : scores) {
                for (int j = 0; j < r.length; j++) {
                    sb.append(j == 0 ? "" : ",").append(r[j]);
                }
                sb.append('\n');
            }
            Files.writeString(Path.of(dump), sb);
        }
        double[][] e = embed(scores, Map.of("seed", 0L));
        double t = EmbeddingQuality.trustworthiness(scores, e, 10);
        System.out.println("UMAP core_shell PCA scores: trustworthiness(k=10) = " + t);
        assertTrue(t >= 0.988, "trustworthiness " + t + ", umap-learn 0.99322");
        assertTrue(t <= 1.0);
    }
}
