package tessera.pipeline.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.registry.Registry;
import tessera.pipeline.AnalyzeJob;
import tessera.pipeline.AnalyzeOptions;
import tessera.pipeline.AnalyzeResult;
import tessera.pipeline.EnergyRange;
import tessera.pipeline.Scree;
import tessera.samples.Samples;

/**
 * The outcome HyperSpy's decomposition tutorial shows on the FePt core–shell STEM-EDX
 * spectrum image (usnistgov/hyperspy_tutorial): three significant PCA components; with
 * three NMF components one factor is dominated by Fe-Kα (6.40 keV, core) and another has
 * the Pt-Mα line (2.05 keV) as its maximum (shell).
 */
class AnalyzeCoreShellTest {
    private static final double FE_KA = 6.40;
    private static final double PT_MA = 2.05;
    private static AnalyzeResult auto;
    private static Dataset coreShell;

    @BeforeAll
    static void analyse() throws Exception {
        Path file = Samples.coreShell();
        coreShell = Registry.get().formats().readFirst(file);
        Path out = java.nio.file.Files.createTempDirectory("tessera-analyze-");
        auto = AnalyzeJob.result(AnalyzeJob.run(Registry.get(), new AnalyzeOptions(file, out, null, 3, null, null, 0L), ProgressMonitor.NULL, s -> { }));
    }

    @Test
    void screeHasThreeSignificantComponents() {
        double[] r = auto.pca().explainedVarianceRatio();
        // components 1-3 stand far above the noise floor, 4 onwards are flat
        assertTrue(r[2] / r[3] > 3, "3rd/4th variance ratio " + r[2] / r[3]);
        assertTrue(r[3] / r[4] < 1.2, "4th/5th variance ratio " + r[3] / r[4]);
        assertEquals(3, Scree.significantComponents(r));
        assertEquals(3, auto.components());
        assertTrue(auto.componentsChosen());
        assertTrue(auto.poisson(), "uint32 counts get Poisson normalisation");
    }

    /**
     * The job's PCA keeps the components later steps can use (the scree's first {@link Scree#MAX_POINTS}), with the
     * explained variance of all 992, and these equal a full PCA's of the same data.
     */
    @Test
    void pcaKeepsTheScreesComponentsAsTheFullPcaHasThem() {
        assertEquals(Scree.MAX_POINTS, auto.pca().components());
        assertEquals(992, auto.pca().explainedVariance().length);
        tessera.core.analysis.Decomposer pca = Registry.get().decomposer(AnalyzeJob.PCA);
        tessera.core.analysis.DecompositionResult full = pca.decompose(coreShell,
                tessera.core.analysis.Parameters.of(pca.parameters(), java.util.Map.of("normalizePoissonianNoise", true)), ProgressMonitor.NULL);
        assertEquals(992, full.components());
        for (int i = 0; i < 992; i++) {
            assertEquals(full.explainedVariance()[i], auto.pca().explainedVariance()[i], 1e-12 * full.explainedVariance()[0], "explained variance " + i);
        }
        for (int c = 0; c < 3; c++) {
            for (int j = 0; j < 992; j++) {
                assertEquals(full.factors().getDouble(c, j), auto.pca().factors().getDouble(c, j), 1e-9, "factor " + c + " channel " + j);
            }
        }
    }

    /** index of the NMF factor whose maximum is Pt-Mα, and of the one dominated by Fe-Kα above 1 keV */
    private static int[] fePtFactors() {
        Dataset f = auto.nmf().factors();
        Axis e = f.axis(1);
        int n = e.size();
        int feFactor = -1;
        int ptFactor = -1;
        for (int c = 0; c < f.axis(0).size(); c++) {
            int argmax = 0;
            int argmaxHigh = e.index(1.0);
            for (int j = 1; j < n; j++) {
                if (f.getDouble(c, j) > f.getDouble(c, argmax)) {
                    argmax = j;
                }
                if (j >= e.index(1.0) && f.getDouble(c, j) > f.getDouble(c, argmaxHigh)) {
                    argmaxHigh = j;
                }
            }
            boolean pt = Math.abs(e.value(argmax) - PT_MA) < 0.1;
            if (pt) {
                ptFactor = c;
            } else if (Math.abs(e.value(argmaxHigh) - FE_KA) < 0.1) {
                feFactor = c;
            }
        }
        return new int[] { feFactor, ptFactor };
    }

    @Test
    void nmfSeparatesFeCoreFromPtShell() {
        assertEquals("keV", auto.nmf().factors().axis(1).units());
        int[] fp = fePtFactors();
        assertTrue(fp[1] >= 0, "no NMF factor has its maximum at Pt-Mα 2.05 keV");
        assertTrue(fp[0] >= 0, "no NMF factor is dominated by Fe-Kα 6.40 keV");
        assertTrue(fp[0] != fp[1]);
    }

    @Test
    void nmfLoadingAreasMatchHyperSpy() {
        int[] fp = fePtFactors();
        Dataset l = auto.nmf().loadings();
        assertEquals(List.of(3, 64, 64), Arrays.stream(l.shape()).boxed().toList());
        assertEquals("nm", l.axis(1).units());
        int px = 64 * 64;
        double feMax = 0;
        double ptMax = 0;
        for (int p = 0; p < px; p++) {
            feMax = Math.max(feMax, l.getDouble((long) fp[0] * px + p));
            ptMax = Math.max(ptMax, l.getDouble((long) fp[1] * px + p));
        }
        int feHigh = 0;
        int ptHigh = 0;
        for (int p = 0; p < px; p++) {
            double fe = l.getDouble((long) fp[0] * px + p);
            double pt = l.getDouble((long) fp[1] * px + p);
            if (fe > 0.5 * feMax) {
                feHigh++;
            }
            if (pt > 0.5 * ptMax) {
                ptHigh++;
            }
        }
        // HyperSpy 1.7.3 on the same file (decomposition(True, algorithm="NMF", output_dimension=3), sklearn NMF):
        // Pt-Mα factor loading > 50 % of its max on 182 px, Fe-Kα factor loading on 536 px; the third factor
        // (max at C-K 0.26 keV, Cu-Kα 8.02 keV above 1 keV) is the support film/background covering 3756 px.
        assertEquals(182, ptHigh, 18, "Pt-shell area (px)");
        assertEquals(536, feHigh, 54, "Fe-core area (px)");
        assertEquals(64 * 64, auto.clusters().labels().length);
        assertEquals(3, auto.clusterMeans().length);
        assertEquals(coreShell.signalSize(), auto.clusterMeans()[0].length);
    }

    @Test
    void energyWindowKeepsCalibration() {
        Dataset cropped = EnergyRange.parse("1:10").crop(coreShell);
        Axis e = cropped.axis(2);
        assertTrue(e.offset() >= 1.0 && e.offset() < 1.0 + e.scale() + 1e-9);
        assertTrue(e.high() <= 10.0 + 1e-9 && e.high() > 10.0 - e.scale() - 1e-9);
        assertEquals(coreShell.axis(2).scale(), e.scale(), 1e-12);
        int i0 = coreShell.axis(2).index(e.offset());
        assertEquals(coreShell.getDouble(10, 20, i0), cropped.getDouble(10, 20, 0), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> EnergyRange.parse("5:1"));
        assertThrows(IllegalArgumentException.class, () -> EnergyRange.parse("40:50").crop(coreShell));
    }

    @Test
    void elbowOfASyntheticScree() {
        double[] r = { 100, 30, 9, 4, 0.01, 0.0099, 0.0098, 0.0097, 0.0096, 0.0095, 0.0094 };
        assertEquals(4, Scree.significantComponents(r));
    }
}
