package tessera.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tessera.ui.internal.TesseraWorkbench;
import tessera.ui.internal.WorkbenchSession;

/**
 * "Identify elements" on the spectrum view, as a microscopist uses it: the real SrTiO3 core-loss spectrum opens, the
 * button runs the shipped ensemble (the same step as {@code tessera identify}, recorded), Ti and O are named with their
 * probabilities and the Ti-L2,3 and O-K edges are marked. Screenshot under target/screenshots.
 */
class IdentifyWorkbenchTest {
    private static TesseraWorkbench wb;

    @BeforeAll
    static void openWindow() {
        wb = Workbenches.open();
    }

    @AfterAll
    static void close() {
        if (wb != null) {
            wb.shell().dispose();
        }
    }

    @Test
    void identifyElementsNamesTiAndOAndMarksTheirEdges() throws Exception {
        Path file = Path.of(System.getProperty("tessera.data"), "eels", "SrTiO3_hl.msa");
        wb.explorer().dropped(new String[] { file.toString() });
        Workbenches.waitForJob(wb, 120);
        assertTrue(wb.status().message().endsWith("done"), wb.status().message());
        wb.spectrum().identifyButton().notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
        Workbenches.waitForJob(wb, 300);
        assertTrue(wb.status().message().endsWith("done"), wb.status().message());
        String summary = wb.spectrum().identification();
        assertTrue(summary != null && summary.contains("  ("), summary);
        List<String> named = List.of(summary.substring(0, summary.indexOf("  (")).split(", "));
        assertTrue(named.contains("Ti") && named.contains("O"), summary);
        List<String> marked = wb.spectrum().markers().stream().map(Map.Entry::getKey).toList();
        assertTrue(marked.stream().anyMatch(m -> m.startsWith("Ti")) && marked.stream().anyMatch(m -> m.startsWith("O")), String.valueOf(marked));
        assertEquals(1, wb.session().record().getActivities().stream().filter(a -> WorkbenchSession.IDENTIFY.equals(a.getStepId())).count(),
                "the identification is a recorded step");
        Workbenches.dispatch();
        wb.screenshot(Path.of(System.getProperty("tessera.ui.screenshots", "target/screenshots")).resolve("workbench-identify.png"));
    }
}
