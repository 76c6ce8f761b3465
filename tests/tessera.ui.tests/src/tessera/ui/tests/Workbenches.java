package tessera.ui.tests;

import static org.junit.jupiter.api.Assertions.fail;

import org.eclipse.swt.widgets.Display;

import tessera.core.registry.Registry;
import tessera.ui.internal.TesseraWorkbench;

/** Opens a workbench window for a test and drives its event loop (dispatch, wait for the running job). */
final class Workbenches {
    private Workbenches() {
    }

    /**
     * @return a new workbench window, open, on the default display
     * @throws org.opentest4j.AssertionFailedError if there is no X display (run under xvfb-run, as scripts/test does)
     */
    static TesseraWorkbench open() {
        if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            fail("no X display: the workbench tests need one; run the build under xvfb-run -a (scripts/test does)");
        }
        TesseraWorkbench wb = new TesseraWorkbench(Display.getDefault(), Registry.get());
        wb.shell().open();
        dispatch();
        return wb;
    }

    /** Runs the pending events and paints. */
    static void dispatch() {
        Display display = Display.getDefault();
        while (display.readAndDispatch()) {
            // pending events and paints
        }
    }

    /**
     * Waits for the window's running job to end, dispatching events meanwhile.
     *
     * @param wb      the window
     * @param seconds the longest wait
     */
    static void waitForJob(TesseraWorkbench wb, int seconds) {
        Display display = Display.getDefault();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (wb.status().running() != null) {
            if (System.nanoTime() > end) {
                fail("job '" + wb.status().running().getName() + "' did not finish");
            }
            if (!display.readAndDispatch()) {
                display.sleep();
            }
        }
        dispatch();
    }
}
