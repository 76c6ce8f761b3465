package tessera.cli.internal;

import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import tessera.core.io.InvalidFileException;

/** Top-level {@code tessera} command and its error handling. */
@Command(name = "tessera", mixinStandardHelpOptions = true, version = "Tessera 0.1.0",
        description = "Machine-learning analysis of (S)TEM EELS and EDX spectrum images.",
        subcommands = { InfoCommand.class, ExportCommand.class, PluginsCommand.class, AnalyzeCommand.class, RunCommand.class, RerunCommand.class,
                ProvenanceCommand.class, ScriptCommand.class, ShellCommand.class,
                SimulateCommand.class, MapCommand.class, DynamicsCommand.class, AtomsCommand.class, LatticeCommand.class, TrackCommand.class, TrainCommand.class, IdentifyCommand.class, ValenceCommand.class, EvaluateCommand.class })
public final class TesseraCommand implements Callable<Integer> {
    /** exit code for bad input (file missing, invalid, unreadable) */
    public static final int EXIT_BAD_INPUT = 1;
    /** exit code for an internal error */
    public static final int EXIT_INTERNAL = 3;
    /** exit code when a pipeline step failed (its record is saved as provenance-failed.xmi) */
    public static final int EXIT_STEP_FAILED = 4;
    /** exit code when {@code tessera rerun} refuses a record */
    public static final int EXIT_RERUN_REFUSED = 5;
    /** exit code when {@code tessera rerun --verify} finds an output whose hash differs */
    public static final int EXIT_VERIFY_MISMATCH = 6;
    /** exit code when a script failed (its error is printed at the script's file and line) */
    public static final int EXIT_SCRIPT_FAILED = 7;
    /** exit code when a script ran past its {@code --timeout} */
    public static final int EXIT_SCRIPT_TIMEOUT = 8;

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    /** @return a configured command line with one-line error reporting */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new TesseraCommand());
        // everything after the script file belongs to the script, options included
        cl.getSubcommands().get("script").setStopAtPositional(true);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            Throwable e = ex;
            if (e instanceof tessera.pipeline.PipelineRunException p) {
                Throwable c = p.getCause();
                String record = p.recordFile() == null ? "" : " (record of the failed run: " + p.recordFile() + ")";
                if (c instanceof InvalidFileException || c instanceof NoSuchFileException || c instanceof tessera.core.analysis.IncompatibleDataException) {
                    cmd.getErr().println("tessera: error: " + (c instanceof tessera.core.analysis.IncompatibleDataException ? p.unnamedInputs() + "step '"
                            + p.stepName() + "': " : "") + oneLine(c) + record);
                    return EXIT_BAD_INPUT;
                }
                cmd.getErr().println("tessera: error: " + oneLine(e));
                return EXIT_STEP_FAILED;
            }
            if (e instanceof tessera.pipeline.RerunRefusedException) {
                cmd.getErr().println("tessera: " + oneLine(e));
                return EXIT_RERUN_REFUSED;
            }
            if (e instanceof SecurityException) {
                cmd.getErr().println("tessera: error: " + oneLine(e));
                return EXIT_BAD_INPUT;
            }
            if (e instanceof tessera.pipeline.InvalidPipelineException || e instanceof InvalidFileException || e instanceof NoSuchFileException || e instanceof IllegalArgumentException) {
                cmd.getErr().println("tessera: error: " + oneLine(e));
                return EXIT_BAD_INPUT;
            }
            if (e instanceof java.io.IOException) {
                cmd.getErr().println("tessera: I/O error: " + oneLine(e));
                return EXIT_BAD_INPUT;
            }
            cmd.getErr().println("tessera: internal error: " + oneLine(e));
            if (System.getenv("TESSERA_DEBUG") != null) {
                e.printStackTrace(System.err);
            }
            return EXIT_INTERNAL;
        });
        return cl;
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (e instanceof NoSuchFileException) {
            m = m + ": no such file";
        }
        return (m == null ? e.getClass().getSimpleName() : m).replace('\n', ' ');
    }
}
