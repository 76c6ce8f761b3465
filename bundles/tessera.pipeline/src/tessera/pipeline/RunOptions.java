package tessera.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import tessera.core.analysis.ProgressMonitor;

/**
 * How a pipeline run reports and what its record says about who drove it.
 *
 * @param monitor     progress and cancellation of the steps
 * @param log         receives one line per stage (the CLI prints it on stderr)
 * @param scriptAgent {@code {name, version}} of the script engine that drove the run (recorded as a
 *                    SCRIPT agent), or null
 * @param rerunOf     the record this run re-executes (recorded as used by a {@code tessera.rerun} activity), or null
 * @param drift       for a re-run allowed despite version drift: one line per bundle whose version differs
 */
public record RunOptions(ProgressMonitor monitor, Consumer<String> log, String[] scriptAgent, Path rerunOf, List<String> drift) {
    /** Defaults for null members. */
    public RunOptions {
        monitor = monitor == null ? ProgressMonitor.NULL : monitor;
        log = log == null ? s -> { } : log;
        drift = drift == null ? List.of() : List.copyOf(drift);
    }

    /**
     * @param monitor progress
     * @param log     stage lines
     * @return options of a plain run
     */
    public static RunOptions of(ProgressMonitor monitor, Consumer<String> log) {
        return new RunOptions(monitor, log, null, null, null);
    }
}
