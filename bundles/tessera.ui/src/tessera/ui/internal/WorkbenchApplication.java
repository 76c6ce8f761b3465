package tessera.ui.internal;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.swt.widgets.Display;

import tessera.core.registry.Registry;

/**
 * The {@code tessera workbench [FILE...] [--screenshot PNG]} application ({@code tessera.ui.workbench}):
 * opens the workbench window and the given files. With {@code --screenshot}, it saves a screenshot once
 * the files are open and exits (for CI and the user guide). It prints on stderr how long the JVM took
 * to a usable window (first paint done, events idle).
 */
public final class WorkbenchApplication implements IApplication {
    @Override
    public Object start(IApplicationContext context) throws Exception {
        String[] args = (String[]) context.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS, new String[0]);
        List<Path> files = new ArrayList<>();
        Path shot = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--screenshot") && i + 1 < args.length) {
                shot = Path.of(args[++i]);
            } else if (args[i].equals("--help") || args[i].equals("-h")) {
                System.out.println("usage: tessera workbench [FILE...] [--screenshot PNG]");
                return EXIT_OK;
            } else if (!args[i].startsWith("-")) {
                files.add(Path.of(args[i]));
            }
        }
        Display display = new Display();
        try {
            TesseraWorkbench wb = new TesseraWorkbench(display, Registry.get());
            wb.shell().open();
            while (display.readAndDispatch()) {
                // first paint
            }
            context.applicationRunning();
            long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            System.err.printf("tessera workbench: window ready %d ms after JVM start%n", ms);
            for (Path f : files) {
                wb.open(f);
                waitForJobs(display, wb);
            }
            if (shot != null) {
                waitForJobs(display, wb);
                wb.screenshot(shot);
                System.err.println("tessera workbench: screenshot saved to " + shot.toAbsolutePath());
                return EXIT_OK;
            }
            while (!wb.shell().isDisposed()) {
                if (!display.readAndDispatch()) {
                    display.sleep();
                }
            }
            return EXIT_OK;
        } finally {
            display.dispose();
        }
    }

    private static void waitForJobs(Display display, TesseraWorkbench wb) {
        while (wb.status().running() != null && !wb.shell().isDisposed()) {
            if (!display.readAndDispatch()) {
                display.sleep();
            }
        }
    }

    @Override
    public void stop() {
        Display d = Display.getDefault();
        if (d != null && !d.isDisposed()) {
            d.asyncExec(() -> {
                for (var s : d.getShells()) {
                    s.dispose();
                }
            });
        }
    }
}
