package tessera.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.swt.widgets.Display;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tessera.core.analysis.DecompositionResult;
import tessera.core.registry.Registry;
import tessera.ui.internal.DecompositionPart;
import tessera.ui.internal.TesseraWorkbench;
import tessera.ui.internal.WorkbenchSession;

/**
 * N-FINDR in the workbench lists its endmembers and auxiliary maps and marks the endmember pixels; FCLS and the
 * Bayesian unmixing of N-FINDR's endmembers; FastICA on the PCA.
 */
class UnmixingMethodsWorkbenchTest {
    private static Display display;
    private static TesseraWorkbench wb;

    @BeforeAll
    static void openWindow() {
        if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            fail("no X display");
        }
        display = Display.getDefault();
        wb = new TesseraWorkbench(display, Registry.get());
        wb.shell().open();
        wb.explorer().dropped(new String[] { Path.of(System.getProperty("tessera.data"), "edx", "core_shell.hspy").toString() });
        waitForJob();
    }

    @AfterAll
    static void close() {
        if (wb != null) {
            wb.shell().dispose();
        }
    }

    private static void waitForJob() {
        long end = System.nanoTime() + 300_000_000_000L;
        while (wb.status().running() != null) {
            if (System.nanoTime() > end) {
                fail("job did not finish");
            }
            if (!display.readAndDispatch()) {
                display.sleep();
            }
        }
        while (display.readAndDispatch()) {
            // paints
        }
        assertTrue(wb.status().message().endsWith("done"), wb.status().message());
    }

    @Test
    void nfindrThenFclsAndBayesianThenFastIca() {
        wb.decomposition().select("tessera.decompose.nfindr");
        wb.decomposition().form().set("components", 3);
        wb.decomposition().form().set("seed", 5L);
        wb.run("tessera.decompose.nfindr", wb.decomposition().form().values());
        waitForJob();
        DecompositionResult nf = wb.session().decomposition();
        List<String> labels = wb.decomposition().entries().stream().map(DecompositionPart.Entry::label).toList();
        assertTrue(labels.containsAll(List.of("nfindr endmember 0", "nfindr endmember 2", "nfindr RMS residual map", "nfindr reduced \u03c7\u00b2 map")),
                labels.toString());
        assertEquals("nfindr abundance 0", wb.map().title());
        assertNotNull(wb.map().marks(), "the endmember pixels are marked");
        assertEquals(3, wb.map().marks().length);
        int p = (int) nf.auxiliary(DecompositionResult.ENDMEMBER_PIXELS).getDouble(0);
        assertEquals(p % 64, wb.map().marks()[0][0]);
        assertEquals(p / 64, wb.map().marks()[0][1]);
        try {
            java.nio.file.Files.createDirectories(Path.of("target", "screenshots"));
            wb.screenshot(Path.of("target", "screenshots", "workbench-nfindr.png"));
        } catch (java.io.IOException e) {
            fail(e);
        }

        wb.decomposition().select("tessera.decompose.fcls");
        wb.decomposition().endmemberSource(WorkbenchSession.FROM_DECOMPOSITION);
        wb.run("tessera.decompose.fcls", wb.decomposition().form().values());
        waitForJob();
        DecompositionResult fc = wb.session().unmixing();
        for (int q = 0; q < 4096; q += 97) {
            double s = 0;
            for (int i = 0; i < 3; i++) {
                s += fc.loadings().getDouble((long) i * 4096 + q);
            }
            assertEquals(1, s, 1e-4, "FCLS abundances sum to one at " + q);
        }
        wb.decomposition().select("tessera.decompose.bayesian");
        wb.decomposition().endmemberSource(WorkbenchSession.FROM_DECOMPOSITION);
        wb.decomposition().form().set("seed", 1L);
        wb.run("tessera.decompose.bayesian", wb.decomposition().form().values());
        waitForJob();
        labels = wb.decomposition().entries().stream().map(DecompositionPart.Entry::label).toList();
        assertTrue(labels.containsAll(List.of("bayesian posterior std 0", "bayesian 95 % interval low 2", "bayesian 95 % interval high 1")), labels.toString());

        wb.decomposition().select("tessera.decompose.pca");
        wb.decomposition().form().set("components", 4);
        wb.run("tessera.decompose.pca", wb.decomposition().form().values());
        waitForJob();
        wb.decomposition().select("tessera.decompose.fastica");
        wb.decomposition().form().set("components", 3);
        wb.decomposition().form().set("seed", 1L);
        wb.run("tessera.decompose.fastica", wb.decomposition().form().values());
        waitForJob();
        assertEquals(3, wb.session().separation().components());
        assertEquals("fastica loading 0", wb.map().title());
    }
}
