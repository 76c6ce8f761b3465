package tessera.cluster.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import tessera.cluster.Ari;
import tessera.cluster.internal.GaussianMixtureClusterer;
import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.Clusterer;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;

/**
 * Gaussian mixture against scikit-learn 1.2.1 {@code GaussianMixture(n_components=3, covariance_type=cov,
 * random_state=0, tol=1e-10, max_iter=1000)} on three 2-D blobs of 60, 100 and 140 samples (reference values in
 * {@link PeerValues}, from {@code benchmarks/peers/agglo_gmm_sklearn.py}).
 */
class GaussianMixtureTest {
    static final Clusterer GM = new GaussianMixtureClusterer();

    static ClusterResult run(double[][] f, Map<String, ?> raw) {
        return GM.cluster(f, Parameters.of(GM.parameters(), raw), ProgressMonitor.NULL);
    }

    @Test
    void matchesScikitLearnForEveryCovarianceType() {
        double[][] x = PeerData.mixtureData();
        Object[][] cases = {{"full", PeerValues.GMM_FULL_MEANS, PeerValues.GMM_FULL_WEIGHTS, PeerValues.GMM_FULL_CRITERIA, PeerValues.GMM_FULL_LABELS},
                {"diag", PeerValues.GMM_DIAG_MEANS, PeerValues.GMM_DIAG_WEIGHTS, PeerValues.GMM_DIAG_CRITERIA, PeerValues.GMM_DIAG_LABELS},
                {"spherical", PeerValues.GMM_SPHERICAL_MEANS, PeerValues.GMM_SPHERICAL_WEIGHTS, PeerValues.GMM_SPHERICAL_CRITERIA,
                        PeerValues.GMM_SPHERICAL_LABELS}};
        for (Object[] c : cases) {
            String cov = (String) c[0];
            ClusterResult r = run(x, Map.of("k", 3, "covariance", cov, "tolerance", 1e-10, "maxIterations", 1000));
            double[] means = (double[]) c[1];
            for (int q = 0; q < 3; q++) {
                for (int j = 0; j < 2; j++) {
                    double m = means[q * 2 + j];
                    assertEquals(m, r.centers()[q][j], 1e-6 * Math.max(1, Math.abs(m)), cov + " mean " + q + "," + j);
                }
            }
            double[] crit = (double[]) c[3];
            assertEquals(crit[0], r.criteria().get("bic"), 1e-8 * Math.abs(crit[0]), cov + " bic");
            assertEquals(crit[1], r.criteria().get("aic"), 1e-8 * Math.abs(crit[1]), cov + " aic");
            assertEquals(crit[2], r.criteria().get("logLikelihood"), 1e-8 * Math.abs(crit[2]), cov + " logLikelihood");
            assertEquals(1.0, r.criteria().get("converged"));
            assertEquals(1.0, Ari.adjustedRand((int[]) c[4], r.labels()), cov + " ARI to scikit-learn");
            assertArrayEquals(new int[] {140, 100, 60}, r.sizes(), cov + " labels by size");
            double[] weights = (double[]) c[2];
            for (int q = 0; q < 3; q++) {
                double w = 0;
                for (int i = 0; i < x.length; i++) {
                    w += r.probabilities()[i][q] / x.length;
                }
                // the mean responsibility of the final E-step equals the weight up to one EM step (tol 1e-10)
                assertEquals(weights[q], w, 1e-6, cov + " weight " + q);
            }
            for (int i = 0; i < x.length; i++) {
                double s = 0;
                int arg = 0;
                for (int q = 0; q < 3; q++) {
                    s += r.probabilities()[i][q];
                    if (r.probabilities()[i][q] > r.probabilities()[i][arg]) {
                        arg = q;
                    }
                }
                assertEquals(1.0, s, 1e-12, "row " + i + " sums to 1");
                assertEquals(arg, r.labels()[i], "label = argmax of the permuted probabilities");
            }
        }
    }

    /**
     * Overlapping 3-D blobs, where EM needs 50 to 230 iterations (scikit-learn reaches the same optimum from every
     * random_state): means, BIC, AIC and log-likelihood at that optimum, and the same labels.
     */
    @Test
    void matchesScikitLearnOnOverlappingBlobs() {
        double[][] x = PeerData.overlapData();
        Object[][] cases = {{"full", PeerValues.GMM_OVERLAP_FULL_MEANS, PeerValues.GMM_OVERLAP_FULL_CRITERIA, PeerValues.GMM_OVERLAP_FULL_LABELS},
                {"diag", PeerValues.GMM_OVERLAP_DIAG_MEANS, PeerValues.GMM_OVERLAP_DIAG_CRITERIA, PeerValues.GMM_OVERLAP_DIAG_LABELS},
                {"spherical", PeerValues.GMM_OVERLAP_SPHERICAL_MEANS, PeerValues.GMM_OVERLAP_SPHERICAL_CRITERIA,
                        PeerValues.GMM_OVERLAP_SPHERICAL_LABELS}};
        for (Object[] c : cases) {
            String cov = (String) c[0];
            ClusterResult r = run(x, Map.of("k", 3, "covariance", cov, "tolerance", 1e-10, "maxIterations", 5000));
            assertEquals(1.0, r.criteria().get("converged"), cov);
            assertTrue(r.criteria().get("iterations") > 20, cov + " iterations " + r.criteria().get("iterations"));
            double[] means = (double[]) c[1];
            for (int q = 0; q < 3; q++) {
                for (int j = 0; j < 3; j++) {
                    double m = means[q * 3 + j];
                    assertEquals(m, r.centers()[q][j], 1e-5 * Math.max(1, Math.abs(m)), cov + " mean " + q + "," + j);
                }
            }
            double[] crit = (double[]) c[2];
            assertEquals(crit[0], r.criteria().get("bic"), 1e-8 * Math.abs(crit[0]), cov + " bic");
            assertEquals(crit[1], r.criteria().get("aic"), 1e-8 * Math.abs(crit[1]), cov + " aic");
            assertEquals(crit[2], r.criteria().get("logLikelihood"), 1e-8 * Math.abs(crit[2]), cov + " logLikelihood");
            assertEquals(1.0, Ari.adjustedRand((int[]) c[3], r.labels()), cov + " ARI to scikit-learn");
        }
    }

    /** With full covariances BIC is smallest at the true k = 3, and our BIC for k = 1..5 equals scikit-learn's. */
    @Test
    void bicPicksTheNumberOfBlobs() {
        double[][] x = PeerData.mixtureData();
        int best = 0;
        double bestBic = Double.POSITIVE_INFINITY;
        for (int k = 1; k <= 5; k++) {
            double bic = run(x, Map.of("k", k, "tolerance", 1e-10, "maxIterations", 1000, "runs", 3)).criteria().get("bic");
            if (k <= 3) { // k > 3 splits a blob; which split EM finds depends on the initialisation
                assertEquals(PeerValues.GMM_FULL_BIC_K1_5[k - 1], bic, 1e-6 * bic, "bic k=" + k);
            }
            if (bic < bestBic) {
                bestBic = bic;
                best = k;
            }
        }
        assertEquals(3, best);
    }

    @Test
    void deterministicAndDefaults() {
        double[][] x = PeerData.mixtureData();
        ClusterResult a = run(x, Map.of());
        ClusterResult b = run(x, Map.of());
        assertArrayEquals(a.labels(), b.labels());
        assertEquals(a.criteria(), b.criteria());
        assertTrue(a.criteria().get("iterations") >= 1);
        assertEquals(1.0, Ari.adjustedRand(PeerValues.GMM_FULL_LABELS, a.labels()));
    }

    @Test
    void cancels() {
        assertThrows(java.util.concurrent.CancellationException.class,
                () -> GM.cluster(PeerData.mixtureData(), Parameters.of(GM.parameters(), Map.of()), AgglomerativeTest.CANCELLED));
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> run(new double[2][2], Map.of("k", 3)));
        assertThrows(IllegalArgumentException.class, () -> run(new double[][] {{0, 1}, {1}, {2, 2}}, Map.of("k", 2)));
        assertThrows(IllegalArgumentException.class, () -> run(new double[][] {{0, 1}, {1, Double.POSITIVE_INFINITY}, {2, 2}}, Map.of("k", 2)));
        // identical samples in 2-D: a full covariance of rank 0 without regularisation is not positive definite
        assertThrows(IllegalArgumentException.class, () -> run(new double[10][2], Map.of("k", 1, "regCovar", 0.0)));
    }
}
