package tessera.decompose.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tessera.core.analysis.Decomposer;
import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.core.registry.Registry;
import tessera.decompose.internal.PcaDecomposer;

/**
 * PCA against HyperSpy 1.7.3's {@code decomposition()} (SVD) on the real FePt core-shell EDX
 * spectrum image; expected values from {@code resources/make_expected.py}.
 */
class PcaTest {
    static Dataset coreShell;
    static Map<String, Object> expected;
    static final Decomposer PCA = new PcaDecomposer();

    @BeforeAll
    static void load() throws IOException {
        coreShell = CoreShell.coreShell();
        expected = CoreShell.expected();
    }

    static DecompositionResult run(Dataset d, Map<String, ?> raw) {
        return PCA.decompose(d, Parameters.of(PCA.parameters(), raw), ProgressMonitor.NULL);
    }

    @SuppressWarnings("unchecked")
    void compare(String key, DecompositionResult r) {
        Map<String, Object> e = (Map<String, Object>) expected.get(key);
        double[] ev = CoreShell.doubles(e.get("explained_variance"));
        assertEquals(((Number) e.get("n_explained_variance")).intValue(), r.explainedVariance().length);
        for (int i = 0; i < ev.length; i++) {
            assertEquals(ev[i], r.explainedVariance()[i], 1e-7 * ev[i], key + " explained variance " + i);
        }
        for (int c = 0; c < 2; c++) {
            double[] f = CoreShell.doubles(e.get("factor" + c));
            double scale = 0;
            for (double v : f) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int j = 0; j < f.length; j++) {
                // same sign convention as HyperSpy (svd_flip on the loadings)
                assertEquals(f[j], r.factors().getDouble(c, j), 1e-6 * scale, key + " factor " + c + " channel " + j);
            }
        }
        double[] l = CoreShell.doubles(e.get("loading0_first100"));
        for (int i = 0; i < l.length; i++) {
            assertEquals(l[i], r.loadings().getDouble(0, i / 64, i % 64), 1e-5 * Math.abs(l[i]) + 1e-9, key + " loading 0 at " + i);
        }
    }

    /** On both backends (OpenBLAS, Java kernels). */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void matchesHyperSpySvd(boolean nativeBackend) {
        Backends.with(nativeBackend, this::matchesHyperSpySvd);
    }

    private void matchesHyperSpySvd() {
        DecompositionResult r = run(coreShell, Map.of());
        assertEquals(PcaDecomposer.ID, r.algorithmId());
        assertEquals(992, r.components());
        compare("svd", r);
        // calibrations kept: factors [component, Energy keV], loadings [component, y nm, x nm]
        Axis e = r.factors().axis(1);
        assertEquals("Energy", e.name());
        assertEquals(0.16, e.offset(), 1e-12);
        assertEquals(0.02, e.scale(), 1e-12);
        assertEquals("keV", e.units());
        assertEquals(List.of(992, 64, 64), List.of(r.loadings().axis(0).size(), r.loadings().axis(1).size(), r.loadings().axis(2).size()));
        assertEquals("nm", r.loadings().axis(2).units());
        assertEquals(0.5, r.loadings().axis(1).scale(), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void matchesHyperSpyPoissonNormalisedSvd(boolean nativeBackend) {
        Backends.with(nativeBackend, () -> compare("svd_poisson", run(coreShell, Map.of("normalizePoissonianNoise", true))));
    }

    /**
     * Key outcome: the Poisson-normalised scree of core_shell has exactly three significant
     * components. Criterion: the third variance exceeds the fourth by more than 3x, while the
     * fourth to eighth lie on a flat noise floor (successive ratios below 1.1).
     */
    @Test
    void screeHasThreeSignificantComponents() {
        double[] ev = run(coreShell, Map.of("normalizePoissonianNoise", true, "components", 3)).explainedVariance();
        assertTrue(ev[2] / ev[3] > 3, "lambda3 / lambda4 = " + ev[2] / ev[3]);
        assertTrue(ev[1] / ev[2] > 3, "lambda2 / lambda3 = " + ev[1] / ev[2]);
        for (int i = 3; i < 7; i++) {
            assertTrue(ev[i] / ev[i + 1] < 1.1, "noise floor ratio lambda" + (i + 1) + " / lambda" + (i + 2) + " = " + ev[i] / ev[i + 1]);
        }
    }

    @Test
    void truncatedEqualsLeadingComponentsOfFull() {
        DecompositionResult full = run(coreShell, Map.of());
        DecompositionResult three = run(coreShell, Map.of("components", 3));
        assertEquals(3, three.components());
        assertEquals(List.of(3, 992), List.of(three.factors().axis(0).size(), three.factors().axis(1).size()));
        for (int c = 0; c < 3; c++) {
            for (int j = 0; j < 992; j += 7) {
                assertEquals(full.factors().getDouble(c, j), three.factors().getDouble(c, j), 1e-12);
            }
        }
        // the truncated PCA takes its eigenvalues from LAPACK's dsyevr (OpenBLAS) instead of dsyevd: equal to round-off
        for (int i = 0; i < 992; i++) {
            assertEquals(full.explainedVariance()[i], three.explainedVariance()[i], 1e-12 * full.explainedVariance()[0], "explained variance " + i);
        }
        double scale = 0;
        for (int i = 0; i < 4096; i++) {
            scale = Math.max(scale, Math.abs(full.loadings().getDouble(2L * 4096 + i)));
        }
        for (int i = 0; i < 4096; i++) { // float32 projections (sgemm) of different widths: equal to float32 round-off of the scale
            assertEquals(full.loadings().getDouble(2L * 4096 + i), three.loadings().getDouble(2L * 4096 + i), 1e-5 * scale, "loading 2 at " + i);
        }
    }

    /** maxComponents keeps at most that many (all min(n, p) when fewer exist), with the whole explained variance. */
    @Test
    void maxComponentsCapsTheComponentsKept() {
        DecompositionResult five = run(coreShell, Map.of("maxComponents", 5));
        assertEquals(5, five.components());
        assertEquals(992, five.explainedVariance().length);
        DecompositionResult all = run(coreShell, Map.of("maxComponents", 5000));
        assertEquals(992, all.components());
        assertEquals(4, run(coreShell, Map.of("maxComponents", 5, "components", 4)).components(), "components wins");
        for (int j = 0; j < 992; j += 11) {
            assertEquals(all.factors().getDouble(4, j), five.factors().getDouble(4, j), 1e-9);
        }
    }

    /** Synthetic [n x p] with both routes (p <= n: p x p Gram; p > n: n x n Gram): full PCA reconstructs the data. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void fullPcaReconstructsDataOnBothRoutes(boolean nativeBackend) {
        Backends.with(nativeBackend, this::fullPcaReconstructsDataOnBothRoutes);
    }

    private void fullPcaReconstructsDataOnBothRoutes() {
        for (int[] shape : new int[][] {{30, 12}, {12, 30}}) {
            int n = shape[0], p = shape[1];
            SplittableRandom rnd = new SplittableRandom(4);
            float[] x = new float[n * p];
            for (int i = 0; i < x.length; i++) {
                x[i] = rnd.nextInt(0, 20);
            }
            Dataset d = Dataset.ofFloats(x, List.of(Axis.uncalibrated("x", n, true), new Axis("E", p, 0.5, 100, "eV", false)), new Metadata());
            for (String centre : new String[] {"none", "navigation", "signal"}) {
                DecompositionResult r = run(d, Map.of("centre", centre));
                int k = Math.min(n, p);
                assertEquals(k, r.components());
                double[] colMean = new double[p];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < p; j++) {
                        colMean[j] += x[i * p + j] / (double) n;
                    }
                }
                double total = 0;
                for (int i = 0; i < n; i++) {
                    double rowMean = 0;
                    for (int j = 0; j < p; j++) {
                        rowMean += x[i * p + j] / (double) p;
                    }
                    for (int j = 0; j < p; j++) {
                        double s = 0;
                        for (int c = 0; c < k; c++) {
                            s += r.loadings().getDouble(c, i) * r.factors().getDouble(c, j);
                        }
                        double target = x[i * p + j] - (centre.equals("navigation") ? colMean[j] : 0) - (centre.equals("signal") ? rowMean : 0);
                        assertEquals(target, s, 1e-3, n + "x" + p + " centre=" + centre + " at " + i + "," + j);
                        total += target * target;
                    }
                }
                double sumEv = 0;
                for (double v : r.explainedVariance()) {
                    sumEv += v;
                }
                assertEquals(total / n, sumEv, 1e-6 * total / n, "explained variances sum to |X|^2 / n");
            }
        }
    }

    /** Repeated runs on one machine give bit-identical results (the provenance of a re-run can be checked). */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void isBitReproducible(boolean nativeBackend) {
        Backends.with(nativeBackend, () -> {
            Map<String, Object> p = Map.of("normalizePoissonianNoise", true, "components", 20); // all 992 eigenpairs, 20 projected
            DecompositionResult a = run(coreShell, p);
            DecompositionResult b = run(coreShell, p);
            org.junit.jupiter.api.Assertions.assertArrayEquals(a.explainedVariance(), b.explainedVariance(), 0.0);
            org.junit.jupiter.api.Assertions.assertArrayEquals(a.factors().toDoubleArray(), b.factors().toDoubleArray(), 0.0);
            org.junit.jupiter.api.Assertions.assertArrayEquals(a.loadings().toFloatArray(), b.loadings().toFloatArray(), 0f);
        });
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> run(coreShell, Map.of("normalizePoissonianNoise", true, "centre", "navigation")));
        assertThrows(IllegalArgumentException.class, () -> run(coreShell, Map.of("centre", "middle")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(coreShell, Map.of("components", 993)));
        assertTrue(e.getMessage().contains("992"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> run(coreShell, Map.of("components", 0)));
    }

    @Test
    void isContributedWithReferences() {
        Decomposer d = Registry.get().decomposer(PcaDecomposer.ID);
        assertTrue(d instanceof PcaDecomposer);
        assertTrue(d.references().stream().anyMatch(r -> r.doi().equals("10.1002/sia.1657")));
        assertTrue(Registry.get().decomposer("tessera.decompose.nmf").references().stream().anyMatch(r -> r.doi().equals("10.1038/44565")));
        assertEquals(List.of("components", "maxComponents", "centre", "normalizePoissonianNoise"), d.parameters().stream().map(p -> p.name()).toList());
    }
}
