package tessera.decompose.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import tessera.core.analysis.Embedder;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.decompose.internal.MdsEmbedder;

/**
 * Classical and metric (SMACOF) MDS against NumPy and scikit-learn 1.2.1 ({@code benchmarks/peers/mds_lda_sklearn.py}) on
 * the deterministic features {@code x_ij = sin(0.37 (i+1)(j+1)) + 0.05 j ((i mod 5) − 2)}.
 */
class MdsTest {
    static final Embedder MDS = new MdsEmbedder();

    // mds_lda_sklearn.py: classical(pairwise_distances(features(n, d), metric), 3), i.e. eigh of -1/2 J D^2 J, V * sqrt(w),
    // each column's largest-magnitude entry positive; then sklearn.manifold.smacof(delta, metric=True, n_components=2,
    // init=<that classical start with 2 dimensions>, n_init=1, max_iter=300, eps=1e-3, return_n_iter=True)
    static final double[][] CLASSICAL_EUCLIDEAN = {{-1.0239089109169779, -0.5545049347687353, 0.007825003613634232}, {0.9123308576239235, -1.3256776479167616, -0.09546454775304575}, {0.6212116189554139, -0.12224839109391097, 1.2424866635383904}, {-0.6960644560748324, 1.2904987019293186, 0.8349111865491977}, {-0.3801988860098263, 0.7071228272500755, -1.130765876725002}, {0.5008867485248486, 0.00627026444822939, -0.838365114843441}, {0.14926896696445843, -0.0018266265954042804, 0.047855732764730645}, {0.312534733446042, 0.0008261157004033634, -0.058380440516552036}}; // first 8 rows, 3 dimensions
    static final double[][] CLASSICAL_WIDE = {{-4.768037518090497, 0.22263838991579046, -0.08102309504248}, {-1.5393602539858535, 0.14202356565427307, -0.02288753765737131}, {0.9221268633797056, -0.009030341275667085, -0.08094967489830882}, {3.1489559138909295, -0.37100676268927496, -0.06456419368028207}, {5.6394348518570965, -1.8039595902981214, -0.9526888960529873}, {-4.24800869133941, -2.174365059095163, 1.2460061684990769}, {-2.1943740906603555, -1.9093504621160262, -1.3917449953618846}, {0.46240257228751014, -0.8158523160107489, 1.9690287781295888}}; // first 8 rows, 3 dimensions
    static final double[][] CLASSICAL_MANHATTAN = {{-2.7565944558031394, -0.4022927147728351, 0.06969484526478671}, {0.397014350672991, -3.639927107780704, -0.3285355515639671}, {0.4707093393263816, -2.689082358968555, 1.2290557476995105}, {-1.134653729122484, 1.0376613841770679, 1.4268156842157655}, {-0.2523564958915855, 1.7412679404534934, -1.6747321578726453}, {0.664764899211034, -1.0577519539748106, -3.472277659583106}, {0.028465256287220672, -0.3319142759013137, -1.132692615600143}, {0.5470323132132027, 0.43705318354696115, 0.1544968394427763}}; // first 8 rows, 3 dimensions
    // smacof(euclidean, metric=True, n_components=2, init=classical, n_init=1, max_iter=300, eps=1e-3)
    static final double SMACOF_EUCLIDEAN_STRESS = 510.41230579653075; static final int SMACOF_EUCLIDEAN_ITER = 67;
    static final double[][] SMACOF_EUCLIDEAN = {{-1.0117755544724176, -0.369632962990762}, {1.1768208599073173, -1.62193819978208}, {1.2104706222196118, -0.3099601145254327}, {-0.4656988350517979, 1.7932237174135328}, {0.13093165699158013, 1.828740475414465}, {1.2832911614446556, 1.2747218312601352}, {-0.3759650264989017, -1.144566523793272}, {0.14531550995162532, -0.8787650217738012}}; // first 8 rows
    // smacof(cosine, metric=True, n_components=2, init=classical, n_init=1, max_iter=300, eps=1e-3)
    static final double SMACOF_COSINE_STRESS = 105.49267845881396; static final int SMACOF_COSINE_ITER = 38;
    static final double[][] SMACOF_COSINE = {{-0.7096339563318564, 0.20420555698725706}, {0.621308766029225, 0.2442881962383098}, {0.3912403882183413, -0.6418198592834847}, {-0.2338674579311929, -0.5344542999172789}, {-0.16592781816473176, 0.2555975785569765}, {0.22866406501600278, -0.1493336393984149}, {-0.1080277877760588, 0.539691962155064}, {0.2570082279489514, 0.6969262742873624}}; // first 8 rows

    static double[][] features(int n, int d) {
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = Math.sin(0.37 * (i + 1) * (j + 1)) + 0.05 * j * ((i % 5) - 2);
            }
        }
        return x;
    }

    static double[][] embed(double[][] x, Map<String, ?> raw) {
        return MDS.embed(x, Parameters.of(MDS.parameters(), raw), ProgressMonitor.NULL);
    }

    /** Same sign convention on both sides, so no sign flips: plain comparison. */
    static void assertRows(double[][] expected, double[][] actual, double tol, String what) {
        for (int i = 0; i < expected.length; i++) {
            for (int c = 0; c < expected[i].length; c++) {
                assertEquals(expected[i][c], actual[i][c], tol, what + " (" + i + ", " + c + ")");
            }
        }
    }

    @Test
    void classicalEqualsNumpy() {
        assertRows(CLASSICAL_EUCLIDEAN, embed(features(40, 6), Map.of("dimensions", 3)), 1e-8, "classical euclidean (covariance route)");
        assertRows(CLASSICAL_WIDE, embed(features(12, 20), Map.of("dimensions", 3)), 1e-8, "classical euclidean (n x n Gram route)");
        assertRows(CLASSICAL_MANHATTAN, embed(features(40, 6), Map.of("dimensions", 3, "metric", "manhattan")), 1e-8, "classical manhattan");
        double[][] z = embed(features(40, 6), Map.of());
        assertEquals(2, z[0].length);
        assertEquals(CLASSICAL_EUCLIDEAN[3][1], z[3][1], 1e-8);
    }

    @Test
    void smacofMatchesSklearn() {
        for (String metric : new String[] {"euclidean", "cosine"}) {
            double[][] x = features(40, 6);
            double[][] delta = MdsEmbedder.dissimilarities(x, metric, ProgressMonitor.NULL);
            MdsEmbedder.Smacof s = MdsEmbedder.smacof(delta, MdsEmbedder.classical(delta, 2, ProgressMonitor.NULL), 300, 1e-3, ProgressMonitor.NULL);
            boolean euc = metric.equals("euclidean");
            double stress = euc ? SMACOF_EUCLIDEAN_STRESS : SMACOF_COSINE_STRESS;
            assertEquals(stress, s.stress(), 1e-6 * stress, metric + " stress");
            assertEquals(euc ? SMACOF_EUCLIDEAN_ITER : SMACOF_COSINE_ITER, s.iterations(), metric + " iterations");
            // same start, so the configurations agree without Procrustes alignment
            assertRows(euc ? SMACOF_EUCLIDEAN : SMACOF_COSINE, s.embedding(), 1e-6, metric + " SMACOF configuration");
            double[][] z = embed(x, Map.of("method", "metric", "metric", metric));
            assertRows(euc ? SMACOF_EUCLIDEAN : SMACOF_COSINE, z, 1e-6, metric + " embed()");
        }
    }

    /** A random start reaches a local minimum no worse than 1.5 x the classical start's stress, deterministically per seed. */
    @Test
    void randomStartIsDeterministic() {
        double[][] x = features(40, 6);
        Map<String, Object> p = Map.of("method", "metric", "init", "random", "seed", 7L);
        double[][] a = embed(x, p);
        double[][] b = embed(x, p);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0.0);
        }
        double[][] delta = MdsEmbedder.dissimilarities(x, "euclidean", ProgressMonitor.NULL);
        double st = 0;
        for (int i = 0; i < 40; i++) {
            for (int k = i + 1; k < 40; k++) {
                double dd = Math.hypot(a[i][0] - a[k][0], a[i][1] - a[k][1]);
                st += (dd - delta[i][k]) * (dd - delta[i][k]);
            }
        }
        assertTrue(st < 1.5 * SMACOF_EUCLIDEAN_STRESS, "stress from a random start " + st);
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> embed(features(2, 3), Map.of()));
        double[][] x = features(5, 3);
        x[2][1] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> embed(x, Map.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> embed(new double[MdsEmbedder.MAX_N + 1][2], Map.of("method", "metric")));
        assertTrue(e.getMessage().contains("PCA scores"), e.getMessage());
    }
}
