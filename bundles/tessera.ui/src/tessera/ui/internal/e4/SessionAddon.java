package tessera.ui.internal.e4;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.service.event.Event;

import tessera.core.registry.Registry;
import tessera.ui.internal.TesseraWorkbench;
import tessera.ui.internal.WorkbenchApplication;

/**
 * The model addon of {@code Application.e4xmi} that makes the workbench session: it puts one
 * {@link TesseraWorkbench} (engine session + controller, no views yet) into the application context, where the
 * parts, the status line and the handlers get it injected. When the application has started (all parts
 * rendered), it fits the window to the screen, reports the start-up time and the rendered Tessera parts on stderr, opens the files given on
 * the command line, and with {@code --screenshot PNG} saves a screenshot and closes the workbench.
 */
public final class SessionAddon {
    private TesseraWorkbench wb;

    /**
     * Creates the session in the application context.
     *
     * @param context the application context
     */
    @PostConstruct
    public void init(IEclipseContext context) {
        wb = new TesseraWorkbench(Registry.get());
        context.set(TesseraWorkbench.class, wb);
    }

    /**
     * Called once the workbench window is rendered (topic {@link UIEvents.UILifeCycle#APP_STARTUP_COMPLETE}).
     *
     * @param event        the event
     * @param application  the application model
     * @param modelService the model service
     * @param workbench    the e4 workbench
     * @param launch       the application context E4Application was started with (its application arguments are
     *                     {@code tessera workbench}'s command line)
     * @throws java.io.IOException if a requested screenshot cannot be written
     */
    @Inject
    @Optional
    public void started(@UIEventTopic(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE) Event event, MApplication application,
            EModelService modelService, IWorkbench workbench, IApplicationContext launch) throws java.io.IOException {
        var display = wb.shell().getDisplay();
        var screen = display.getPrimaryMonitor().getClientArea();
        var size = wb.shell().getSize();
        wb.shell().setBounds(screen.x, screen.y, Math.min(size.x, screen.width), Math.min(size.y, screen.height));
        while (display.readAndDispatch()) {
            // first paint
        }
        long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.err.printf("tessera workbench: e4 window ready %d ms after JVM start%n", ms);
        List<String> parts = modelService.findElements(application, null, MPart.class, null).stream()
                .filter(p -> p.getElementId() != null && p.getElementId().startsWith(TesseraPart.PREFIX) && p.getObject() != null)
                .map(p -> p.getElementId().substring(TesseraPart.PREFIX.length()) + " (" + p.getLabel() + ")").toList();
        System.err.println("tessera workbench: " + parts.size() + " parts rendered: " + String.join(", ", parts));
        WorkbenchApplication.Args args = WorkbenchApplication.Args.parse(
                (String[]) launch.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS, new String[0]));
        for (Path f : args.files()) {
            wb.open(f);
            wb.waitForJobs();
        }
        if (args.screenshot() != null) {
            wb.screenshotWindow(args.screenshot());
            System.err.println("tessera workbench: screenshot saved to " + args.screenshot().toAbsolutePath());
            workbench.close();
        }
    }
}
