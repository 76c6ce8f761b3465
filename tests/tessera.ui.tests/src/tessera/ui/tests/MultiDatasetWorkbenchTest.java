package tessera.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;

import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.ui.internal.ExplorerPart;
import tessera.ui.internal.TesseraWorkbench;
import tessera.ui.internal.WorkbenchSession;

/**
 * A file with many datasets in the workbench: a Velox EMD (version 11) opens on its EDS spectrum image (read kind auto),
 * its explorer node lists all ten signals numbered as {@code tessera info} numbers them, and opening {@code #8} (the
 * HAADF image) makes that image the current dataset, shown in the map view, as its own explorer entry.
 */
class MultiDatasetWorkbenchTest {
    private static TesseraWorkbench wb;

    @TempDir
    static Path tmp;

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
        Workbenches.waitForJob(wb, 120);
    }

    @Test
    void veloxFileListsItsSignalsAndOpensOne() throws Exception {
        Path zip = Path.of(System.getProperty("tessera.data"), "formats", "velox", "velox_emd_version11.zip");
        Path file = tmp.resolve("Test SI 16x16 215 kx.emd");
        try (ZipFile z = new ZipFile(zip.toFile()); InputStream in = z.getInputStream(z.getEntry("Test SI 16x16 215 kx.emd"))) {
            Files.copy(in, file);
        }
        wb.explorer().dropped(new String[] { file.toString() });
        waitForJob();
        assertTrue(wb.status().message().endsWith("done"), wb.status().message());
        assertArrayEquals(new int[] { 16, 16, 4096 }, wb.session().current().shape(), "auto opens the spectrum image");
        TreeItem node = wb.explorer().tree().getItem(0);
        TreeItem list = null;
        for (TreeItem t : node.getItems()) {
            if (ExplorerPart.DATASETS.equals(t.getText())) {
                list = t;
            }
        }
        assertTrue(list != null, "the file's node has a datasets child");
        wb.explorer().listDatasets(list);
        assertEquals(10, list.getItemCount());
        assertTrue(list.getItem(8).getText().startsWith("#8  HAADF  [16, 16] uint16"), list.getItem(8).getText());
        assertTrue(list.getItem(9).getText().startsWith("#9  EDS  [16, 16, 4096] uint16"), list.getItem(9).getText());
        wb.open(Path.of(file + "#8"));
        waitForJob();
        assertTrue(WorkbenchSession.isImage(wb.session().current()), "#8 is the HAADF image");
        assertEquals("HAADF", wb.session().current().metadata().title());
        assertArrayEquals(new int[] { 16, 16 }, wb.map().imageShape());
        assertEquals(Path.of(file.toAbsolutePath().normalize() + "#8"), wb.session().currentFile());
        assertEquals(2, wb.explorer().tree().getItemCount(), "the selected dataset is its own entry");
    }
}
