package tessera.cluster.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;

import tessera.cluster.Ari;
import tessera.cluster.internal.KMeansClusterer;
import tessera.cluster.internal.MiniBatchKMeansClusterer;
import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.Clusterer;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;

/**
 * Mini-batch k-means against full k-means and scikit-learn 1.2.1's {@code MiniBatchKMeans} on the deterministic
 * blob datasets of {@link Blobs} ({@code benchmarks/peers/blobs.py}); peer values from
 * {@code benchmarks/peers/minibatch_peer.py}.
 */
class MiniBatchKMeansTest {
    static final Clusterer MB = new MiniBatchKMeansClusterer();
    static final Clusterer KM = new KMeansClusterer();

    static ClusterResult run(Clusterer c, double[][] x, Map<String, ?> raw) {
        return c.cluster(x, Parameters.of(c.parameters(), raw), ProgressMonitor.NULL);
    }

    static double inertia(double[][] x, ClusterResult r) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += KMeansTest.dist2(x[i], r.centers()[r.labels()[i]]);
        }
        return s;
    }

    /** The generator matches blobs.py bit for bit (values printed by minibatch_peer.py). */
    @Test
    void datasetsMatchThePeerScript() {
        Blobs.Data a = Blobs.a();
        assertEquals(-0.8239935217146837, a.x()[0][0], 0.0);
        assertEquals(-0.5952987215469586, a.x()[0][2], 0.0);
        double sum = 0;
        for (double[] row : a.x()) {
            for (double v : row) {
                sum += v;
            }
        }
        assertEquals(38343.641579293864, sum, 1e-8);
        assertEquals(1.046552810418528, Blobs.b().x()[0][0], 0.0);
    }

    /**
     * Dataset A (6 separated blobs, n = 5500): the truth is recovered (ARI >= 0.99), the inertia is within 1 % of
     * full k-means' and at most 1.02 x scikit-learn's; labels by size; distortion = full inertia; deterministic.
     */
    @Test
    void matchesFullKMeansAndScikitLearnOnSeparatedBlobs() {
        Blobs.Data a = Blobs.a();
        ClusterResult mb = run(MB, a.x(), Map.of("k", 6, "seed", 3L));
        ClusterResult km = run(KM, a.x(), Map.of("k", 6));
        assertTrue(Ari.adjustedRand(mb.labels(), a.truth()) >= 0.99, "ARI " + Ari.adjustedRand(mb.labels(), a.truth()));
        assertArrayEquals(Blobs.A_SIZES, mb.sizes(), "label 0 = largest cluster");
        assertEquals(inertia(a.x(), mb), mb.distortion(), 1e-9 * mb.distortion());
        assertTrue(mb.distortion() <= 1.01 * km.distortion(), mb.distortion() + " vs k-means " + km.distortion());
        // sklearn.cluster.MiniBatchKMeans(n_clusters=6, n_init=3, batch_size=1024, random_state=0).fit(X).inertia_
        double sklearn = 16487.367099152703;
        // sklearn.cluster.KMeans(n_clusters=6, n_init=10, random_state=0).fit(X).inertia_
        assertEquals(16479.705589709913, km.distortion(), 1e-6, "full k-means = scikit-learn KMeans");
        assertTrue(mb.distortion() <= 1.02 * sklearn, mb.distortion() + " vs scikit-learn " + sklearn);
        ClusterResult again = run(MB, a.x(), Map.of("k", 6, "seed", 3L));
        assertArrayEquals(mb.labels(), again.labels(), "deterministic");
        assertEquals(mb.distortion(), again.distortion(), 0.0);
        assertTrue(mb.criteria().get("steps") >= 2 && mb.criteria().get("converged") == 1.0, mb.criteria().toString());
    }

    /**
     * Dataset B (8 overlapping blobs, n = 8000, where runs differ): the mean inertia over seeds 0..9 is at most
     * 1.02 x scikit-learn's mean over random_state 0..9 (21342.88, range 20231.49 .. 22385.52).
     */
    @Test
    void meanInertiaOnOverlappingBlobsIsNoWorseThanScikitLearn() {
        Blobs.Data b = Blobs.b();
        double mean = 0;
        for (long s = 0; s < 10; s++) {
            mean += run(MB, b.x(), Map.of("k", 8, "seed", s)).distortion() / 10;
        }
        double sklearn = 21342.88273064221;
        assertTrue(mean <= 1.02 * sklearn, mean + " vs scikit-learn " + sklearn);
        // and no better than the full k-means optimum (sklearn KMeans(n_init=10, random_state=0).inertia_ = 19970.66)
        assertTrue(mean >= 0.99 * 19970.664993022663, "mean " + mean);
    }

    /** 10^6 samples x 4 features, 5 blobs: the truth is recovered, with the default parameters. */
    @Test
    void clustersAMillionSamples() {
        int n = 1_000_000, d = 4, k = 5;
        double[][] centres = {{0, 0, 0, 0}, {10, 0, 0, 0}, {0, 10, 0, 0}, {0, 0, 10, 0}, {0, 0, 0, 10}};
        double[][] x = new double[n][d];
        int[] truth = new int[n];
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < n; i++) {
            int c = i % 7 < 3 ? 0 : i % 7 - 2; // sizes 3/7, 1/7, 1/7, 1/7, 1/7
            truth[i] = c;
            for (int j = 0; j < d; j++) {
                x[i][j] = centres[c][j] + r.nextGaussian();
            }
        }
        ClusterResult res = run(MB, x, Map.of("k", k, "seed", 1L));
        assertTrue(Ari.adjustedRand(res.labels(), truth) >= 0.99, "ARI " + Ari.adjustedRand(res.labels(), truth));
        assertEquals(n * 3 / 7, res.sizes()[0], n / 1000);
        // expected inertia n d sigma^2, up to sampling and the few samples nearer another centre
        assertEquals(n * d, res.distortion(), 0.01 * n * d);
        for (int c = 0; c < k; c++) {
            double norm = Math.sqrt(KMeansTest.dist2(res.centers()[c], new double[d]));
            assertTrue(c == 0 ? norm < 0.05 : Math.abs(norm - 10) < 0.05, "centre " + c + " at radius " + norm);
        }
    }

    /** 16 384 samples x 1000 features (a 128 x 128 spectrum image), 3 blobs. */
    @Test
    void clustersWideFeatures() {
        int n = 16_384, d = 1000;
        double[][] x = new double[n][d];
        int[] truth = new int[n];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < n; i++) {
            truth[i] = i % 3;
            for (int j = 0; j < d; j++) {
                x[i][j] = (j % 3 == truth[i] ? 1.0 : 0.0) + r.nextGaussian();
            }
        }
        ClusterResult res = run(MB, x, Map.of("k", 3));
        assertTrue(Ari.adjustedRand(res.labels(), truth) >= 0.99, "ARI " + Ari.adjustedRand(res.labels(), truth));
    }

    @Test
    void rejectsBadInputAndHonoursCancellation() {
        assertThrows(IllegalArgumentException.class, () -> run(MB, new double[2][3], Map.of("k", 3)));
        assertThrows(IllegalArgumentException.class, () -> run(MB, new double[][] {{1, 2}, {3}, {4, 5}}, Map.of("k", 2)));
        assertThrows(IllegalArgumentException.class, () -> run(MB, new double[][] {{1, 2}, {Double.NaN, 3}, {4, 5}}, Map.of("k", 2)));
        ProgressMonitor cancelled = new ProgressMonitor() {
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
        double[][] x = Blobs.a().x();
        assertThrows(CancellationException.class, () -> MB.cluster(x, Parameters.of(MB.parameters(), Map.of("k", 6)), cancelled));
    }

    /** k = n with a tiny batch and reassignment off, and k = 1: every label is valid, k = 1 gives the total sum of squares. */
    @Test
    void handlesEdgeCases() {
        double[][] x = {{0, 0}, {1, 0}, {0, 1}, {5, 5}, {6, 5}};
        ClusterResult all = run(MB, x, Map.of("k", 5, "batchSize", 2, "reassignmentRatio", 0.0));
        assertEquals(5, all.k());
        ClusterResult one = run(MB, x, Map.of("k", 1, "tol", 1e-4));
        double[] mean = {12 / 5.0, 11 / 5.0};
        double tss = 0;
        for (double[] row : x) {
            tss += KMeansTest.dist2(row, mean);
        }
        assertTrue(one.distortion() >= tss - 1e-9, one.distortion() + " vs " + tss);
        assertArrayEquals(new int[] {5}, one.sizes());
    }
}
