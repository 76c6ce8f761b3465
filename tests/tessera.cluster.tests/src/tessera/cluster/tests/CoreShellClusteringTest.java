package tessera.cluster.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import tessera.cluster.Ari;
import tessera.cluster.internal.AgglomerativeClusterer;
import tessera.cluster.internal.GaussianMixtureClusterer;
import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.Clusterer;
import tessera.core.analysis.Decomposer;
import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Dataset;
import tessera.core.registry.Registry;

/**
 * Grid-constrained Ward clustering and the Gaussian mixture on the Poisson-normalised PCA scores (3 components)
 * of the real FePt core-shell EDX map (64 x 64) against scikit-learn 1.2.1 on the same scores; the largest
 * cluster of unconstrained Ward and of the mixture must be the background (lowest total counts), as for k-means
 * ({@link KMeansTest}), and both must broadly agree with k-means. (Grid-constrained Ward splits off two small
 * connected regions instead, exactly as scikit-learn does.)
 */
class CoreShellClusteringTest {
    @Test
    void separatesBackgroundFromParticles() throws Exception {
        Dataset d = Registry.get().formats().readFirst(java.nio.file.Path.of(System.getProperty("tessera.data", "../shared/data"), "edx/core_shell.hspy"));
        Decomposer pca = Registry.get().decomposer("tessera.decompose.pca");
        DecompositionResult pr = pca.decompose(d, Parameters.of(pca.parameters(), Map.of("components", 3, "normalizePoissonianNoise", true)),
                ProgressMonitor.NULL);
        double[][] scores = pr.scores();
        int n = scores.length, p = d.signalSize();
        assertEquals(64 * 64, n);
        double[] tot = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                tot[i] += d.getDouble((long) i * p + j);
            }
        }
        ClusterResult km = KMeansTest.run(scores, Map.of("k", 3));
        Clusterer ag = new AgglomerativeClusterer();
        Clusterer gm = new GaussianMixtureClusterer();
        ClusterResult ward = ag.cluster(scores, Parameters.of(ag.parameters(), Map.of("k", 3, "connectivity", "grid", "scanWidth", 64)),
                ProgressMonitor.NULL);
        ClusterResult dense = ag.cluster(scores, Parameters.of(ag.parameters(), Map.of("k", 3)), ProgressMonitor.NULL);
        ClusterResult mix = gm.cluster(scores, Parameters.of(gm.parameters(), Map.of("k", 3)), ProgressMonitor.NULL);
        String dump = System.getProperty("tessera.dumpScores"); // input of benchmarks/peers/core_shell_sklearn.py
        if (dump != null) {
            try (java.io.PrintWriter w = new java.io.PrintWriter(dump)) {
                for (int i = 0; i < n; i++) {
                    w.println(scores[i][0] + "," + scores[i][1] + "," + scores[i][2] + "," + km.labels()[i] + "," + ward.labels()[i] + ","
                            + dense.labels()[i] + "," + mix.labels()[i]);
                }
            }
        }
        // scikit-learn 1.2.1 on the same scores (benchmarks/peers/core_shell_sklearn.py): cluster sizes, labels ARI = 1
        // (grid Ward: AgglomerativeClustering(3, linkage='ward', connectivity=grid_to_graph(64, 64)); dense Ward:
        // AgglomerativeClustering(3); GMM: GaussianMixture(3, random_state=0), bic -51666.3210973786 at tol 1e-3)
        assertArrayEquals(new int[] {3972, 73, 51}, ward.sizes(), "grid Ward sizes as scikit-learn");
        assertArrayEquals(new int[] {2371, 1257, 468}, dense.sizes(), "Ward sizes as scikit-learn");
        assertArrayEquals(new int[] {2094, 1300, 702}, mix.sizes(), "GMM sizes as scikit-learn");
        assertEquals(-51666.3210973786, mix.criteria().get("bic"), 1e-5 * 51666, "GMM bic as scikit-learn (up to the tolerance 1e-3 stop)");
        assertEquals(64 * 64 - 1, ward.dendrogram().merges());
        for (ClusterResult c : new ClusterResult[] {dense, mix}) {
            double[] meanTot = KMeansTest.mean(c, tot);
            for (int q = 1; q < 3; q++) {
                assertTrue(meanTot[0] < meanTot[q], "the largest cluster is the background (lowest counts)");
            }
            double ari = Ari.adjustedRand(km.labels(), c.labels());
            assertTrue(ari > 0.4, "agreement with k-means, ARI " + ari);
        }
    }
}
