package tessera.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.widgets.Display;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Dataset;
import tessera.core.registry.Registry;
import tessera.pipeline.StepDescriptor;
import tessera.ui.internal.DecompositionPart;
import tessera.ui.internal.TesseraWorkbench;
import tessera.ui.internal.WorkbenchSession;

/**
 * Unmixing and blind source separation in the workbench, as steps of its recording session: the decomposition view
 * offers the unmixing steps (least squares, NNLS) with an endmember choice and the separation steps (here the test
 * double {@link ReverseSeparator} of this fragment), runs them on the last clustering, decomposition or separation
 * (PCA first when a separation has none), and lists the abundance maps and every auxiliary map and spectrum.
 * Values are checked against truth: least squares on the cluster means averages to the unit vector over each
 * cluster, least squares on orthonormal PCA factors reproduces the PCA loadings, the separation is the exact
 * reversal of the PCA's first components.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UnmixingWorkbenchTest {
    private static final int PX = 20;
    private static final int PY = 34;
    private static Display display;
    private static TesseraWorkbench wb;

    @BeforeAll
    static void openWindow() {
        if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            fail("no X display: the workbench tests need one; run the build under xvfb-run -a (scripts/test does)");
        }
        display = Display.getDefault();
        wb = new TesseraWorkbench(display, Registry.get());
        wb.shell().open();
        dispatch();
        wb.explorer().dropped(new String[] { Path.of(System.getProperty("tessera.data"), "edx", "core_shell.hspy").toString() });
        waitForJob();
    }

    @AfterAll
    static void close() {
        if (wb != null) {
            wb.shell().dispose();
        }
    }

    private static void dispatch() {
        while (display.readAndDispatch()) {
            // pending events and paints
        }
    }

    private static void waitForJob() {
        long end = System.nanoTime() + 300_000_000_000L;
        while (wb.status().running() != null) {
            if (System.nanoTime() > end) {
                fail("job '" + wb.status().running().getName() + "' did not finish");
            }
            if (!display.readAndDispatch()) {
                display.sleep();
            }
        }
        dispatch();
        assertTrue(wb.status().message().endsWith("done"), wb.status().message());
    }

    @Test
    @Order(1)
    void unmixingAndSeparationStepsAreOfferedWithTheirForms() {
        List<String> ids = wb.session().algorithms().stream().map(StepDescriptor::id).toList();
        assertTrue(ids.containsAll(List.of("tessera.decompose.pca", "tessera.decompose.mlr", "tessera.decompose.nnls", "tessera.ui.tests.reverse",
                "tessera.cluster.kmeans")), ids.toString());
        StepDescriptor mlr = wb.session().algorithms().stream().filter(s -> s.id().equals("tessera.decompose.mlr")).findFirst().orElseThrow();
        assertTrue(WorkbenchSession.isUnmixer(mlr));
        assertFalse(WorkbenchSession.isDecomposer(mlr), "an unmixing is not offered as a decomposer");
        wb.decomposition().select("tessera.decompose.mlr");
        assertEquals(List.of("poissonVariance"), List.copyOf(wb.decomposition().form().editors().keySet()));
        assertTrue(wb.decomposition().showsEndmemberChoice());
        wb.decomposition().select("tessera.ui.tests.reverse");
        assertFalse(wb.decomposition().showsEndmemberChoice());
        assertEquals(List.of("components"), List.copyOf(wb.decomposition().form().editors().keySet()));
    }

    @Test
    @Order(2)
    void leastSquaresOnTheClusterMeansShowsAbundancesAndTheFitMaps() {
        wb.decomposition().select("tessera.cluster.kmeans");
        wb.decomposition().form().set("k", 3);
        wb.decomposition().form().set("seed", 11L);
        wb.run("tessera.cluster.kmeans", wb.decomposition().form().values());
        waitForJob();
        ClusterResult cr = wb.session().clusters();
        wb.decomposition().select("tessera.decompose.mlr");
        wb.decomposition().endmemberSource(WorkbenchSession.FROM_CLUSTERS);
        wb.run("tessera.decompose.mlr", wb.decomposition().form().values());
        waitForJob();
        DecompositionResult u = wb.session().unmixing();
        assertNotNull(u);
        assertEquals("tessera.decompose.mlr", u.algorithmId());
        assertArrayEquals(new int[] { 3, 64, 64 }, u.loadings().shape());
        // least squares is linear and a cluster's mean spectrum is its endmember: the abundances average to e_c over cluster c
        int[] labels = cr.labels();
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 3; i++) {
                double s = 0;
                int n = 0;
                for (int p = 0; p < labels.length; p++) {
                    if (labels[p] == c) {
                        s += u.loadings().getDouble((long) i * labels.length + p);
                        n++;
                    }
                }
                assertEquals(c == i ? 1 : 0, s / n, 1e-4, "mean abundance of endmember " + i + " over cluster " + c);
            }
        }
        List<String> labelsShown = wb.decomposition().entries().stream().map(DecompositionPart.Entry::label).toList();
        assertEquals(List.of("mlr endmember 0", "mlr endmember 1", "mlr endmember 2", "mlr RMS residual map", "mlr reduced \u03c7\u00b2 map",
                "mlr residual spectrum (sum)"), labelsShown);
        assertEquals(6, wb.decomposition().components().getItemCount());
        assertEquals("mlr abundance 0", wb.map().title());
        assertTrue(wb.spectrum().names().contains("mlr endmember 0"), wb.spectrum().names().toString());
        wb.pick(4);
        dispatch();
        assertEquals("mlr reduced \u03c7\u00b2 map", wb.map().title());
        Dataset chi = u.auxiliary(DecompositionResult.CHI_SQUARE);
        assertEquals(chi.getDouble((long) PY * 64 + PX), wb.map().values()[PY][PX]);
        wb.pick(5);
        dispatch();
        assertTrue(wb.spectrum().names().contains("mlr residual spectrum (sum)"), wb.spectrum().names().toString());
        assertTrue(wb.session().actions().getLast().endsWith("endmembers=clusters"), wb.session().actions().toString());
        assertTrue(wb.session().record().getUsages().stream()
                .anyMatch(x -> "tessera.decompose.mlr".equals(x.getActivity().getStepId()) && "clusters".equals(x.getRole())), "recorded input 'clusters'");
    }

    @Test
    @Order(3)
    void leastSquaresOnPcaFactorsReproducesTheLoadingsAndASeparationRunsOnThePca() throws Exception {
        wb.decomposition().select("tessera.decompose.pca");
        wb.decomposition().form().set("components", 3);
        wb.run("tessera.decompose.pca", wb.decomposition().form().values());
        waitForJob();
        DecompositionResult pca = wb.session().decomposition();
        wb.decomposition().select("tessera.decompose.mlr");
        wb.run("tessera.decompose.mlr", wb.decomposition().form().values(), WorkbenchSession.FROM_DECOMPOSITION);
        waitForJob();
        DecompositionResult u = wb.session().unmixing();
        double max = 0;
        for (long p = 0; p < pca.loadings().size(); p++) {
            max = Math.max(max, Math.abs(pca.loadings().getDouble(p)));
        }
        for (long p = 0; p < pca.loadings().size(); p += 7) {
            assertEquals(pca.loadings().getDouble(p), u.loadings().getDouble(p), 2e-5 * max, "position " + p);
        }
        assertEquals(pca, wb.session().decomposition(), "an unmixing leaves the last decomposition");

        wb.decomposition().select("tessera.ui.tests.reverse");
        wb.decomposition().form().set("components", 3);
        wb.run("tessera.ui.tests.reverse", wb.decomposition().form().values());
        waitForJob();
        DecompositionResult bss = wb.session().separation();
        assertNotNull(bss);
        for (int j = 0; j < 992; j += 31) {
            assertEquals(pca.factors().getDouble(2L * 992 + j), bss.factors().getDouble(j), 0);
        }
        assertEquals(List.of("reverse component 0", "reverse component 1", "reverse component 2"),
                wb.decomposition().entries().stream().map(DecompositionPart.Entry::label).toList(), "the unmixing matrix is no map");
        assertEquals("reverse loading 0", wb.map().title());
        assertEquals(pca.loadings().getDouble(2L * 4096 + PY * 64 + PX), wb.map().values()[PY][PX]);
        // NNLS of the separated factors: the separation is an endmember source too
        wb.decomposition().select("tessera.decompose.nnls");
        wb.decomposition().endmemberSource(WorkbenchSession.FROM_SEPARATION);
        wb.run("tessera.decompose.nnls", wb.decomposition().form().values());
        waitForJob();
        assertEquals("tessera.decompose.nnls", wb.session().unmixing().algorithmId());
        assertEquals(bss.factors().getDouble(100), wb.session().unmixing().factors().getDouble(100), 1e-12);
    }

    @Test
    @Order(4)
    void aSeparationWithoutADecompositionRunsPcaFirstAndAnUnmixingNeedsASource() throws Exception {
        WorkbenchSession s = new WorkbenchSession(Registry.get(), ProgressMonitor.NULL, line -> { });
        s.open(Path.of(System.getProperty("tessera.data"), "edx", "core_shell.hspy"));
        try {
            s.run("tessera.decompose.mlr", Map.of());
            fail("an unmixing without a decomposition or clustering ran");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage().contains("run a decomposition (e.g. N-FINDR) or a clustering first"), e.getMessage());
        }
        DecompositionResult r = (DecompositionResult) s.run("tessera.ui.tests.reverse", Map.of("components", 2));
        assertEquals("tessera.decompose.pca", s.decomposition().algorithmId());
        assertEquals(2, r.components());
        assertEquals(List.of("1-read", "2-pca", "3-reverse"), s.record().getActivities().stream().map(a -> a.getStepName()).filter(n -> n.contains("-"))
                .toList());
        assertTrue(s.record().getUsages().stream().anyMatch(x -> x.getActivity().getStepName().equals("3-reverse") && "decomposition".equals(x.getRole())));
    }

    @Test
    @Order(5)
    void endmemberPixelsBecomeNumberedMarksOnTheMap() {
        Dataset d = wb.session().current();
        tessera.core.model.Metadata md = new tessera.core.model.Metadata();
        Dataset px = Dataset.ofInts(new int[] { 5, -1, 64 * 3 + 2 }, List.of(tessera.core.model.Axis.uncalibrated("component", 3, false)), md);
        DecompositionResult u = wb.session().unmixing();
        DecompositionResult r = new DecompositionResult("test", u.factors(), u.loadings(), null, u.parameters(),
                Map.of(DecompositionResult.ENDMEMBER_PIXELS, px));
        int[][] marks = tessera.ui.internal.Spectra.endmemberPixels(r, d);
        assertArrayEquals(new int[][] { { 5, 0 }, { -1, -1 }, { 2, 3 } }, marks);
        assertTrue(DecompositionPart.isAbundances(r));
        wb.map().mark(marks);
        dispatch();
        assertArrayEquals(marks, wb.map().marks());
        wb.map().show(new double[64][64], "blank", null);
        assertEquals(null, wb.map().marks(), "a new image clears the marks");
        assertEquals(null, tessera.ui.internal.Spectra.endmemberPixels(u, d), "least squares names no pixel");
    }
}
