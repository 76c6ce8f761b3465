package tessera.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tessera.core.analysis.AtomFinder;
import tessera.core.analysis.AtomResult;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.registry.Registry;
import tessera.pipeline.StepDescriptor;
import tessera.ui.internal.TesseraWorkbench;
import tessera.ui.internal.WorkbenchSession;

/**
 * An atomically resolved image in the workbench: the SrTiO3 ADF image (a HyperSpy file under .hdf5, no spectra) opens
 * as an image in the map view, the form offers the atom finders, running {@code tessera.lattice.gaussian} with two
 * sublattices from the generated form draws exactly the columns the finder gives (same count, same positions), and
 * the map's title counts them, and clicking a column describes it and its neighbours in the status line. Screenshot under target/screenshots.
 */
class AtomsWorkbenchTest {
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

    private static void dispatch() {
        Workbenches.dispatch();
    }

    private static void waitForJob() {
        Workbenches.waitForJob(wb, 300);
    }

    @Test
    void imageOpensColumnsAreDrawnAndAColumnIsDescribed() throws Exception {
        Path file = Path.of(System.getProperty("tessera.data"), "images", "SrTiO3_ADF_cropped.hdf5");
        wb.explorer().dropped(new String[] { file.toString() });
        waitForJob();
        assertTrue(wb.status().message().endsWith("done"), wb.status().message());
        assertTrue(WorkbenchSession.isImage(wb.session().current()), "opened as an image");
        assertArrayEquals(new int[] { 400, 380 }, wb.map().imageShape());
        assertEquals(wb.session().current().getDouble(17L * 380 + 23), wb.map().values()[17][23], 0, "the map shows the image's pixels");
        List<String> finders = wb.session().algorithms().stream().filter(WorkbenchSession::isAtomFinder).map(StepDescriptor::id).toList();
        assertEquals(java.util.Set.of("tessera.lattice.gaussian", "tessera.lattice.network"), java.util.Set.copyOf(finders));
        wb.decomposition().select("tessera.lattice.gaussian");
        assertTrue(wb.decomposition().form().editors().keySet().containsAll(List.of("separation", "refinement", "sublattices", "contrast")),
                wb.decomposition().form().editors().keySet().toString());
        wb.decomposition().form().set("sublattices", 2);
        wb.run("tessera.lattice.gaussian", wb.decomposition().form().values());
        waitForJob();
        assertTrue(wb.status().message().endsWith("done"), wb.status().message());
        AtomFinder f = Registry.get().find(Registry.LATTICE, "tessera.lattice.gaussian").orElseThrow().create(AtomFinder.class);
        AtomResult direct = f.find(wb.session().current(), Parameters.of(f.parameters(), Map.of("sublattices", 2)), ProgressMonitor.NULL);
        assertEquals(direct.count(), wb.map().pointCount(), "the columns drawn are the finder's");
        assertEquals(direct.output(AtomResult.POSITIONS).getDouble(5, 1), wb.session().atoms().xs()[5], 0);
        assertTrue(wb.map().title().startsWith(direct.count() + " atomic columns (sublattice 0: 117,"), wb.map().title());
        wb.map().selectPoint(0);
        dispatch();
        String said = wb.status().message();
        assertTrue(said.startsWith("column 0 (sublattice 0): (y, x) = ("), said);
        assertTrue(said.contains("neighbours") && said.contains(" px ("), said);
        String prov = String.valueOf(wb.session().record().getActivities().stream().map(a -> a.getStepId()).toList());
        assertTrue(prov.contains("tessera.lattice.gaussian"), "the finder is recorded: " + prov);
        wb.screenshot(Path.of(System.getProperty("tessera.ui.screenshots", "target/screenshots")).resolve("workbench-atoms.png"));
    }

    @Test
    void theNetworkFinderRunsFromItsForm() throws Exception {
        Path file = Path.of(System.getProperty("tessera.data"), "images", "G-Si-2nm.hdf5");
        wb.explorer().dropped(new String[] { file.toString() });
        waitForJob();
        assertTrue(WorkbenchSession.isImage(wb.session().current()), "opened as an image");
        wb.decomposition().select("tessera.lattice.network");
        assertTrue(wb.decomposition().form().editors().keySet().containsAll(List.of("model", "threshold", "refinement", "sublattices", "contrast")),
                wb.decomposition().form().editors().keySet().toString());
        wb.run("tessera.lattice.network", wb.decomposition().form().values());
        waitForJob();
        assertTrue(wb.status().message().endsWith("done"), wb.status().message());
        AtomFinder f = Registry.get().find(Registry.LATTICE, "tessera.lattice.network").orElseThrow().create(AtomFinder.class);
        AtomResult direct = f.find(wb.session().current(), Parameters.of(f.parameters(), Map.of()), ProgressMonitor.NULL);
        assertEquals(direct.count(), wb.map().pointCount(), "the columns drawn are the network's");
        assertEquals(direct.output(AtomResult.POSITIONS).getDouble(3, 0), wb.session().atoms().ys()[3], 0);
        wb.screenshot(Path.of(System.getProperty("tessera.ui.screenshots", "target/screenshots")).resolve("workbench-atoms-network.png"));
    }
}
