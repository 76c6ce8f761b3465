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
        Args args = Args.parse((String[]) context.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS, new String[0]));
        if (args.help()) {
            System.out.println("usage: tessera workbench [FILE...] [--screenshot PNG]");
            return EXIT_OK;
        }
        List<Path> files = args.files();
        Path shot = args.screenshot();
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
                wb.waitForJobs();
            }
            if (shot != null) {
                wb.waitForJobs();
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

    /**
     * The command line of {@code tessera workbench} (the plain-SWT application and the e4 application alike).
     *
     * @param files      files to open, in order
     * @param screenshot PNG to save once they are open (then the application exits), or null
     * @param help       whether usage was asked for
     */
    public record Args(List<Path> files, Path screenshot, boolean help) {
        /**
         * Parses {@code [FILE...] [--screenshot PNG] [--help]}; other options (starting with {@code -}) are
         * left to the platform and ignored here.
         *
         * @param args the application arguments
         * @return the parsed command line
         */
        public static Args parse(String[] args) {
            List<Path> files = new ArrayList<>();
            Path shot = null;
            boolean help = false;
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--screenshot") && i + 1 < args.length) {
                    shot = Path.of(args[++i]);
                } else if (args[i].equals("--help") || args[i].equals("-h")) {
                    help = true;
                } else if (!args[i].startsWith("-")) {
                    files.add(Path.of(args[i]));
                }
            }
            return new Args(List.copyOf(files), shot, help);
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
