package tessera.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.internal.workbench.E4Workbench;
import org.eclipse.e4.ui.internal.workbench.swt.E4Application;
import org.eclipse.e4.ui.internal.workbench.swt.IEventLoopAdvisor;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

import tessera.core.analysis.DecompositionResult;
import tessera.ui.internal.Spectra;
import tessera.ui.internal.TesseraWorkbench;
import tessera.ui.internal.e4.TesseraPart;

/**
 * The e4 workbench itself, as {@code E4Application} builds it from {@code Application.e4xmi} (product
 * properties {@code applicationXMI}, {@code persistState=false}), run by its own renderer's event loop on Xvfb:
 * all six parts are rendered into visible widgets, a file opened through the session in the context, a pixel
 * clicked, NMF with 3 components run through the "Run decomposition" command (handler service), a screenshot
 * of the whole window saved, and the window closed through the "Quit" command. Any exception that reaches the
 * renderer's event loop fails the test. The display is shared with {@link WorkbenchTest} (one per test JVM).
 */
class E4WorkbenchTest {
    private static final int PX = 20;
    private static final int PY = 34;

    /** The branding of the product tessera.ui.product, without the platform's product registry. */
    private static IApplicationContext product() {
        Map<String, String> branding = Map.of("applicationXMI", "tessera.ui/Application.e4xmi", "persistState", "false",
                "clearPersistedState", "true");
        return new IApplicationContext() {
            @Override
            public Map<String, Object> getArguments() {
                return Map.of(IApplicationContext.APPLICATION_ARGS, new String[0]);
            }

            @Override
            public void applicationRunning() {
            }

            @Override
            public String getBrandingApplication() {
                return "org.eclipse.e4.ui.workbench.swt.E4Application";
            }

            @Override
            public String getBrandingName() {
                return "Tessera workbench";
            }

            @Override
            public String getBrandingDescription() {
                return null;
            }

            @Override
            public String getBrandingId() {
                return "tessera.ui.product";
            }

            @Override
            public String getBrandingProperty(String key) {
                return branding.get(key);
            }

            @Override
            public Bundle getBrandingBundle() {
                return org.osgi.framework.FrameworkUtil.getBundle(TesseraPart.class);
            }

            @Override
            public void setResult(Object result, org.eclipse.equinox.app.IApplication application) {
            }
        };
    }

    @Test
    void e4WindowRendersSixPartsAndRunsNmfThroughItsCommands() throws Throwable {
        if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            fail("no X display: the workbench tests need one; run the build under xvfb-run -a (scripts/test does)");
        }
        Path file = Path.of(System.getProperty("tessera.data"), "edx", "core_shell.hspy");
        Path shots = Path.of(System.getProperty("tessera.ui.screenshots", "target/screenshots"));
        Display display = Display.getDefault();
        E4Workbench e4 = new E4Application().createE4Workbench(product(), display);
        MApplication app = e4.getApplication();
        IEclipseContext context = e4.getContext();
        List<Throwable> failures = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        // an exception in the renderer's event loop (e.g. in a paint listener) fails the test instead of opening an error dialog
        context.set(IEventLoopAdvisor.class, new IEventLoopAdvisor() {
            @Override
            public void eventLoopIdle(Display d) {
                d.sleep();
            }

            @Override
            public void eventLoopException(Throwable t) {
                failures.add(t);
            }
        });
        display.asyncExec(() -> {
            try {
                List<MPart> parts = context.get(EModelService.class).findElements(app, null, MPart.class, null);
                for (MPart p : parts) {
                    assertNotNull(p.getObject(), p.getElementId() + " not created");
                    assertTrue(((Control) p.getWidget()).isVisible(), p.getElementId() + " not visible");
                    seen.add(p.getLabel());
                }
                TesseraWorkbench wb = context.get(TesseraWorkbench.class);
                wb.open(file);
                wb.waitForJobs();
                assertEquals(file.toRealPath(), wb.session().currentFile().toRealPath());
                wb.map().select(PX, PY, PX, PY);
                assertArrayEquals(Spectra.sum(wb.session().current(), PX, PY, PX, PY),
                        wb.spectrum().chart().getSeriesSet().getSeries("pixel (" + PX + ", " + PY + ")").getYSeries());
                wb.decomposition().select("tessera.decompose.nmf");
                wb.decomposition().form().set("components", 3);
                wb.decomposition().form().set("seed", 42L);
                ECommandService commands = context.get(ECommandService.class);
                EHandlerService handlers = context.get(EHandlerService.class);
                ParameterizedCommand run = commands.createCommand("tessera.ui.command.run", null);
                assertTrue(handlers.canExecute(run), "Run decomposition has an enabled handler");
                handlers.executeHandler(run);
                wb.waitForJobs();
                DecompositionResult r = wb.session().decomposition();
                assertEquals(3, r.components());
                assertEquals(3, wb.decomposition().components().getItemCount());
                assertArrayEquals(new int[] { 64, 64 }, wb.map().imageShape());
                assertEquals(r.loadings().getDouble(0, PY, PX), wb.map().values()[PY][PX]);
                ImageData shot = wb.screenshotWindow(shots.resolve("e4-workbench-nmf.png"));
                assertEquals(wb.shell().getBounds().width, shot.width);
                handlers.executeHandler(commands.createCommand("tessera.ui.command.quit", null));
            } catch (Throwable t) {
                failures.add(t);
                e4.close();
            }
        });
        e4.createAndRunUI(app);
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        assertEquals(TesseraWorkbench.VIEWS, seen);
    }
}
