package tessera.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tessera.ui.internal.TesseraWorkbench;
import tessera.ui.internal.WorkbenchSession;

/**
 * "Oxidation state" on the spectrum view, as a microscopist uses it: the real Fe-oxide spectrum image (17 × 19 × 2048)
 * opens, Fe is chosen, the button runs the shipped SVM and the valence maps (the same steps as {@code tessera valence},
 * recorded), the map view shows the mean-valence map, and a click on a pixel gives its class probabilities and both
 * valences. Screenshot under target/screenshots.
 */
class ValenceWorkbenchTest {
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
    void feOxideSpectrumImageGivesAValenceMapAndPixelProbabilities() throws Exception {
        Path file = Path.of(System.getProperty("tessera.data"), "eels", "Fe_oxide_SI_ARM200F.dm3");
        wb.explorer().dropped(new String[] { file.toString() });
        Workbenches.waitForJob(wb, 120);
        assertTrue(wb.status().message().endsWith("done"), wb.status().message());
        wb.spectrum().valenceElement().select(1);
        assertEquals("Fe", wb.spectrum().valenceElement().getText());
        wb.spectrum().valenceButton().notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
        Workbenches.waitForJob(wb, 300);
        assertTrue(wb.status().message().endsWith("done"), wb.status().message());
        WorkbenchSession.Valence v = wb.valenceResult();
        assertEquals(17 * 19, v.size());
        assertTrue(wb.map().title().startsWith("Fe mean valence"), wb.map().title());
        assertEquals(17, wb.map().values().length);
        assertEquals(19, wb.map().values()[0].length);
        double mv = wb.map().values()[4][7];
        assertTrue(mv >= 2 && mv <= 3, "a mean valence between Fe2+ and Fe3+: " + mv);
        assertTrue(wb.spectrum().chartTitle().startsWith("Fe: mean valence"), wb.spectrum().chartTitle());
        wb.map().select(7, 4, 7, 4);
        Workbenches.dispatch();
        String s = wb.status().message();
        assertTrue(s.startsWith("pixel (7, 4): Fe2+ ") && s.contains("Fe3+") && s.contains("Fe3O4") && s.contains("mean valence"), s);
        assertTrue(s.contains(String.format(java.util.Locale.ROOT, "mean valence %.2f", mv)), s);
        assertEquals(1, wb.session().record().getActivities().stream().filter(a -> WorkbenchSession.VALENCE_MAPS.equals(a.getStepId())).count(),
                "the valence maps are a recorded step");
        wb.screenshot(Path.of(System.getProperty("tessera.ui.screenshots", "target/screenshots")).resolve("workbench-valence.png"));
    }
}
