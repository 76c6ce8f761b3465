package tessera.script;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import tessera.core.analysis.ProgressMonitor;
import tessera.core.registry.Registry;
import tessera.pipeline.PipelineEngine;
import tessera.pipeline.RecordSession;
import tessera.provenance.RecordStore;
import tessera.provenance.model.Record;

/**
 * Runs a script file headless ({@code tessera script FILE [ARGS]}): one {@link ScriptSession},
 * an optional time limit, and the provenance record of the run saved atomically.
 *
 * <p><b>Where the record goes</b> (unless a record file is given): {@code provenance.xmi} in the
 * folder of the first file the script saved, beside its results as {@code tessera analyze} does;
 * {@code <script name>.provenance.xmi} in the working directory if it saved nothing. A failed run
 * writes {@code provenance-failed.xmi} (or {@code <script name>.provenance-failed.xmi}) instead and
 * keeps the steps done so far.
 */
public final class ScriptRunner {
    private ScriptRunner() {
    }

    /**
     * How to run.
     *
     * @param args       the script's arguments
     * @param files      the file policy
     * @param timeout    stop the script after this long, or null for no limit
     * @param recordFile where to save the record, or null for the default place (class comment)
     * @param out        the script's standard output
     * @param err        the script's standard error
     * @param log        one line per recorded step, or null
     * @param monitor    progress of long steps, or null
     * @param seeds      seeds to replay by step name (a re-run), or empty
     * @param rerunOf    the record a re-run re-executes, or null
     * @param drift      allowed version drift of a re-run
     */
    public record Options(List<String> args, FileAccess files, Duration timeout, Path recordFile, OutputStream out, OutputStream err,
            Consumer<String> log, ProgressMonitor monitor, Map<String, Long> seeds, Path rerunOf, List<String> drift) {
        /** Defaults for null collections. */
        public Options {
            args = args == null ? List.of() : List.copyOf(args);
            seeds = seeds == null ? Map.of() : Map.copyOf(seeds);
            drift = drift == null ? List.of() : List.copyOf(drift);
        }
    }

    /**
     * What a run did.
     *
     * @param error      why the script stopped, or null if it ran to the end ({@link ScriptException#cleanExit()} counts as success)
     * @param recordFile the saved record
     * @param record     the record
     * @param readyNanos time to create the context and install the facade
     * @param runNanos   time the script itself ran
     * @param written    files the script's steps wrote
     */
    public record Result(ScriptException error, Path recordFile, Record record, long readyNanos, long runNanos, List<Path> written) {
        /** @return true if the script succeeded (no error, or {@code sys.exit(0)}) */
        public boolean succeeded() {
            return error == null || error.cleanExit();
        }
    }

    /**
     * Runs a script.
     *
     * @param registry the extension registry
     * @param language its language
     * @param label    the script's path as the user gave it (error locations, plan label)
     * @param text     the script
     * @param o        options
     * @return what happened; a failing script is a result, not an exception
     * @throws IOException if the record cannot be written
     */
    public static Result run(Registry registry, ScriptLanguage language, String label, String text, Options o) throws IOException {
        ScriptSession session = new ScriptSession(registry,
                new ScriptSession.Setup(language, label, o.args(), o.files(), o.out(), o.err(), o.log(), o.monitor()), text);
        ScheduledExecutorService watchdog = null;
        ScriptException error = null;
        long t0 = System.nanoTime();
        try {
            session.record().replaySeeds(o.seeds());
            if (o.rerunOf() != null) {
                session.record().rerunOf(o.rerunOf(), o.drift());
            }
            if (o.timeout() != null) {
                watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "tessera-script-timeout");
                    t.setDaemon(true);
                    return t;
                });
                watchdog.schedule(session::cancel, o.timeout().toMillis(), TimeUnit.MILLISECONDS);
            }
            try {
                session.eval(text, label, false);
            } catch (ScriptException e) {
                error = e;
            }
        } finally {
            if (watchdog != null) {
                watchdog.shutdownNow();
            }
            session.close();
        }
        long run = System.nanoTime() - t0;
        boolean ok = error == null || error.cleanExit();
        RecordSession rs = session.record();
        rs.finish(ok ? null : error.oneLine());
        Path file = o.recordFile() != null ? o.recordFile() : defaultRecord(rs, o.files().workingDirectory(), ScriptSession.stem(Path.of(label)), ok);
        RecordStore.save(rs.record(), file);
        if (ok && o.recordFile() == null) {
            // a stale record of an earlier failed run beside this one no longer describes these files
            Files.deleteIfExists(file.resolveSibling(file.getFileName().toString().replace("provenance.xmi", "provenance-failed.xmi")));
        }
        return new Result(error, file, rs.record(), session.readyNanos(), run, rs.written());
    }

    /**
     * The default place of a session's record (see the class comment).
     *
     * @param rs     the session's record
     * @param wd     the working directory
     * @param stem   the script's name without extension
     * @param ok     whether the session succeeded
     * @return the record file
     */
    static Path defaultRecord(RecordSession rs, Path wd, String stem, boolean ok) {
        List<Path> w = rs.written();
        if (!w.isEmpty()) {
            return w.get(0).getParent().resolve(ok ? PipelineEngine.RECORD : PipelineEngine.FAILED_RECORD);
        }
        return wd.resolve(stem + (ok ? ".provenance.xmi" : ".provenance-failed.xmi"));
    }
}
