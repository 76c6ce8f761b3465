package tessera.cli.internal;

import java.io.PrintWriter;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;

import picocli.CommandLine;

/**
 * The {@code tessera} headless application ({@code org.eclipse.core.runtime.applications}
 * id {@code tessera.cli.app}): parses the command line and runs one command. Exit codes:
 * 0 success, 1 bad input (a one-line error naming the file and the problem on stderr),
 * 2 usage error, 3 internal error.
 */
public final class TesseraApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) {
        String[] args = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        context.applicationRunning();
        Dropins.installFromDefaultLocations();
        return run(args == null ? new String[0] : args);
    }

    /**
     * Runs the CLI with the given arguments.
     *
     * @param args command-line arguments after the launcher's own
     * @return the exit code
     */
    public static int run(String... args) {
        CommandLine cl = TesseraCommand.commandLine();
        cl.setErr(new PrintWriter(System.err, true));
        cl.setOut(new PrintWriter(System.out, true));
        return cl.execute(args);
    }

    @Override
    public void stop() {
        // commands are short-lived; nothing to stop
    }
}
