package tessera.script;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import tessera.core.analysis.ProgressMonitor;
import tessera.core.registry.Registry;
import tessera.pipeline.PipelineEngine;
import tessera.pipeline.RecordSession;
import tessera.pipeline.Rerun;
import tessera.pipeline.RerunRefusedException;
import tessera.pipeline.StepCatalog;
import tessera.provenance.model.Activity;
import tessera.provenance.model.Entity;
import tessera.provenance.model.ParameterValue;
import tessera.provenance.model.Plan;
import tessera.provenance.model.Record;

/**
 * Exact re-run of a script record ({@code tessera rerun} on a record whose Plan is a script): the
 * same checks as a pipeline re-run ({@link Rerun#checkInputs}, {@link Rerun#checkSteps}: inputs
 * unchanged by SHA-256, steps and parameters still installed and valid, no version drift unless
 * allowed, and the same GraalVM version), then the script text of the Plan runs again with its
 * recorded arguments, reading its recorded inputs ({@link Replay}), writing into the re-run's output
 * directory, and with the seeds the original run drew. {@link Rerun#verify} then compares outputs.
 */
public final class ScriptRerun {
    private ScriptRerun() {
    }

    /**
     * What a re-run executes.
     *
     * @param language   the script's language
     * @param label      the script's name as recorded
     * @param text       the script (the Plan text)
     * @param args       the recorded arguments
     * @param originalWd the recorded working directory
     * @param inputs     recorded input path (as the script wrote it) to the file to read
     * @param drift      allowed version drift lines
     * @param seeds      recorded seeds by step name
     */
    public record Prepared(ScriptLanguage language, String label, String text, List<String> args, Path originalWd, Map<String, Path> inputs,
            List<String> drift, Map<String, Long> seeds) {
    }

    /**
     * @param record a record
     * @return true if its Plan is a script this bundle runs
     */
    public static boolean handles(Record record) {
        Plan p = Rerun.plan(record);
        return p != null && ScriptLanguage.ofMediaType(p.getFormat()) != null;
    }

    /**
     * Checks a script record and extracts what to run.
     *
     * @param catalog    installed steps
     * @param record     the record
     * @param recordFile its file (for messages)
     * @param allowDrift accept version drift (recorded in the new record)
     * @param overrides  recorded input name ({@code 1}, {@code 2}, ...) to a file to use instead (its hash must match)
     * @return what to run
     * @throws RerunRefusedException listing every cause that forbids the re-run
     * @throws IOException           if an input cannot be read for hashing
     */
    public static Prepared prepare(StepCatalog catalog, Record record, Path recordFile, boolean allowDrift, Map<String, Path> overrides)
            throws RerunRefusedException, IOException {
        Plan plan = Rerun.plan(record);
        ScriptLanguage lang = plan == null ? null : ScriptLanguage.ofMediaType(plan.getFormat());
        if (lang == null) {
            throw new RerunRefusedException(recordFile, List.of("its plan is not a script (" + (plan == null ? "no plan" : plan.getFormat()) + ")"));
        }
        List<String> reasons = new ArrayList<>();
        if (!Rerun.planIntact(plan)) {
            reasons.add("the script text does not match its recorded SHA-256 (the record was edited)");
        }
        Activity script = record.getActivities().stream().filter(a -> RecordSession.SCRIPT_STEP.equals(a.getStepId())).findFirst().orElse(null);
        if (script == null) {
            throw new RerunRefusedException(recordFile, List.of("the record has no script activity (" + RecordSession.SCRIPT_STEP + ")"));
        }
        List<String> args = new ArrayList<>();
        String wd = null;
        String engineVersion = null;
        String label = plan.getLabel();
        for (ParameterValue p : script.getParameters()) {
            switch (p.getName()) {
                case "arg" -> args.add(p.getValue());
                case "workingDirectory" -> wd = p.getValue();
                case "engineVersion" -> engineVersion = p.getValue();
                case "script" -> label = p.getValue();
                default -> {
                }
            }
        }
        if (wd == null) {
            reasons.add("the script activity has no recorded workingDirectory");
        }
        Map<String, Path> byName = Rerun.checkInputs(record, overrides, reasons);
        Map<String, Path> byLabel = new LinkedHashMap<>();
        for (Entity e : record.getEntities()) {
            if (e.getId() != null && e.getId().startsWith("input-")) {
                Path f = byName.get(e.getId().substring("input-".length()));
                if (f != null) {
                    byLabel.put(e.getLabel(), f);
                }
            }
        }
        List<String> drift = new ArrayList<>(Rerun.checkSteps(catalog, record, allowDrift, reasons));
        String installed = Polyglot.version();
        if (engineVersion != null && !engineVersion.equals(installed)) {
            String d = "script engine: GraalVM Polyglot " + engineVersion + " recorded, " + installed + " installed";
            drift.add(d);
            if (!allowDrift) {
                reasons.add("version drift at " + d + " (use --allow-version-drift to re-run anyway; it is recorded)");
            }
        }
        if (!reasons.isEmpty()) {
            throw new RerunRefusedException(recordFile, reasons);
        }
        return new Prepared(lang, label, plan.getText(), args, Path.of(wd), byLabel, drift, RecordSession.recordedSeeds(record));
    }

    /**
     * Runs a prepared script record again. The new record is {@code OUT/provenance.xmi}
     * ({@code provenance-failed.xmi} if the script failed).
     *
     * @param registry   the extension registry
     * @param p          what to run
     * @param recordFile the record being re-run (recorded as used)
     * @param outDir     the output directory (created)
     * @param out        the script's standard output
     * @param err        the script's standard error
     * @param log        one line per step, or null
     * @param monitor    progress, or null
     * @return the run
     * @throws IOException if the output directory or the record cannot be written
     */
    public static ScriptRunner.Result run(Registry registry, Prepared p, Path recordFile, Path outDir, OutputStream out, OutputStream err,
            Consumer<String> log, ProgressMonitor monitor) throws IOException {
        Path dir = outDir.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        Path rec = dir.resolve(PipelineEngine.RECORD);
        ScriptRunner.Result r = ScriptRunner.run(registry, p.language(), p.label(), p.text(), new ScriptRunner.Options(p.args(),
                new Replay(p.originalWd(), dir, p.inputs()), null, rec, out, err, log, monitor, p.seeds(), recordFile, p.drift()));
        if (!r.succeeded()) {
            Path failed = dir.resolve(PipelineEngine.FAILED_RECORD);
            Files.move(rec, failed, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new ScriptRunner.Result(r.error(), failed, r.record(), r.readyNanos(), r.runNanos(), r.written());
        }
        return r;
    }
}
