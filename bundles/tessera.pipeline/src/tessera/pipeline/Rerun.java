package tessera.pipeline;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tessera.core.analysis.ParameterSpec;
import tessera.pipeline.internal.Recorder;
import tessera.provenance.ContentHash;
import tessera.provenance.model.Activity;
import tessera.provenance.model.Entity;
import tessera.provenance.model.Generation;
import tessera.provenance.model.ParameterValue;
import tessera.provenance.model.Plan;
import tessera.provenance.model.Record;

/**
 * Exact re-run of a recorded pipeline ({@code tessera rerun}): the checks that must pass before
 * the recorded plan (with its recorded seeds) runs again on the recorded inputs, and the
 * hash-for-hash comparison of the outputs ({@code --verify}). Refusals name their cause; nothing
 * falls back to a default silently.
 */
public final class Rerun {
    /** step id of the activity a re-run adds to its record */
    public static final String RERUN_STEP = "tessera.rerun";

    private Rerun() {
    }

    /**
     * What a re-run executes.
     *
     * @param plan   the recorded pipeline document, seeds included
     * @param inputs pipeline input name to its file (hash checked)
     * @param drift  one line per step whose bundle version differs from the record ({@code allowDrift} only)
     */
    public record Prepared(PipelineDocument plan, Map<String, Path> inputs, List<String> drift) {
    }

    /**
     * One output compared by {@link #verify}.
     *
     * @param output   {@code step.port}, with {@code #path} inside the file for a dataset in a written file
     * @param recorded SHA-256 in the original record
     * @param now      SHA-256 in the re-run's record, or null if the re-run did not produce it
     */
    public record Check(String output, String recorded, String now) {
        /** @return true if both hashes are present and equal */
        public boolean matches() {
            return recorded != null && recorded.equals(now);
        }
    }

    /**
     * Checks a record and extracts what to run.
     *
     * @param catalog    installed steps
     * @param record     the record
     * @param recordFile its file (for messages)
     * @param allowDrift accept bundles whose version differs from the record (the drift is recorded)
     * @param overrides  pipeline input name to a file to use instead of the recorded path (its hash must still match)
     * @return the plan, inputs and drift
     * @throws RerunRefusedException listing every cause that forbids the re-run
     * @throws IOException if an input cannot be read for hashing
     */
    public static Prepared prepare(StepCatalog catalog, Record record, Path recordFile, boolean allowDrift, Map<String, Path> overrides)
            throws RerunRefusedException, IOException {
        List<String> reasons = new ArrayList<>();
        Plan plan = plan(record);
        if (plan == null) {
            throw new RerunRefusedException(recordFile, List.of("the record holds no plan"));
        }
        if (!PipelineDocument.MEDIA_TYPE.equals(plan.getFormat())) {
            throw new RerunRefusedException(recordFile, List.of("its plan is " + plan.getFormat() + ", not a Tessera pipeline this engine runs"));
        }
        if (plan.getSha256() != null && !plan.getSha256().equals(tessera.pipeline.internal.Hashes.of(plan.getText()))) {
            reasons.add("the plan's text does not match its recorded SHA-256 (the record was edited)");
        }
        PipelineDocument doc;
        try {
            doc = PipelineDocument.parse(plan.getText(), recordFile + " (plan)");
        } catch (InvalidPipelineException e) {
            throw new RerunRefusedException(recordFile, List.of("its plan cannot be read: " + String.join("; ", e.problems())));
        }
        Map<String, Path> inputs = checkInputs(record, overrides, reasons);
        List<String> drift = checkSteps(catalog, record, allowDrift, reasons);
        new PipelineEngine(catalog.registry()).problems(doc, inputs.keySet()).forEach(p -> reasons.add("plan: " + p));
        if (!reasons.isEmpty()) {
            throw new RerunRefusedException(recordFile, reasons);
        }
        return new Prepared(doc, inputs, drift);
    }

    /**
     * Checks the recorded input files of a record (entities with id {@code input-NAME}): each must
     * still exist and have its recorded SHA-256.
     *
     * @param record    the record
     * @param overrides input name to a file to use instead of the recorded path (its hash must still match)
     * @param reasons   receives one sentence per input that forbids a re-run
     * @return input name to file, in record order
     * @throws IOException if an input cannot be read for hashing
     */
    public static Map<String, Path> checkInputs(Record record, Map<String, Path> overrides, List<String> reasons) throws IOException {
        Map<String, Path> inputs = new LinkedHashMap<>();
        for (Entity e : record.getEntities()) {
            if (e.getId() == null || !e.getId().startsWith(Recorder.INPUT_ID_PREFIX)) {
                continue;
            }
            String name = e.getId().substring(Recorder.INPUT_ID_PREFIX.length());
            Path file = overrides.containsKey(name) ? overrides.get(name) : Path.of(URI.create(e.getUri()));
            inputs.put(name, file);
            if (!Files.isRegularFile(file)) {
                reasons.add("input '" + name + "' " + file + " no longer exists");
                continue;
            }
            String now = ContentHash.sha256(file);
            if (!now.equals(e.getSha256())) {
                reasons.add("input '" + name + "' " + file + " has changed: SHA-256 " + shortHash(e.getSha256()) + " recorded, " + shortHash(now) + " now");
            }
        }
        return inputs;
    }

    /**
     * Checks the step activities of a record against the installed steps: each step id must be
     * installed, each recorded parameter known, of the recorded type and still valid, and each step's
     * bundle version the recorded one (unless {@code allowDrift}). Activities that are not steps
     * ({@value #RERUN_STEP}, {@value RecordSession#SCRIPT_STEP}, {@value RecordSession#PIPELINE_STEP}) are skipped.
     *
     * @param catalog    installed steps
     * @param record     the record
     * @param allowDrift accept version drift (it is returned, not refused)
     * @param reasons    receives one sentence per problem that forbids a re-run
     * @return one line per step whose bundle version differs from the record
     */
    public static List<String> checkSteps(StepCatalog catalog, Record record, boolean allowDrift, List<String> reasons) {
        List<String> drift = new ArrayList<>();
        for (Activity a : record.getActivities()) {
            if (RERUN_STEP.equals(a.getStepId()) || RecordSession.SCRIPT_STEP.equals(a.getStepId()) || RecordSession.PIPELINE_STEP.equals(a.getStepId())) {
                continue;
            }
            String where = "step '" + a.getStepName() + "' (" + a.getStepId() + ")";
            Optional<StepDescriptor> found = catalog.find(a.getStepId());
            if (found.isEmpty()) {
                reasons.add(where + ": no installed bundle contributes this step (recorded from " + a.getBundleSymbolicName() + " " + a.getBundleVersion() + ")");
                continue;
            }
            StepDescriptor d = found.get();
            if (a.getBundleVersion() != null && (!d.bundleVersion().equals(a.getBundleVersion()) || !d.bundle().equals(a.getBundleSymbolicName()))) {
                drift.add(where + ": " + a.getBundleSymbolicName() + " " + a.getBundleVersion() + " recorded, " + d.bundle() + " " + d.bundleVersion() + " installed");
            }
            for (ParameterValue p : a.getParameters()) {
                ParameterSpec spec = d.parameter(p.getName());
                if (spec == null) {
                    reasons.add(where + ": recorded parameter '" + p.getName() + "' is unknown to the installed " + d.bundle() + " " + d.bundleVersion());
                    continue;
                }
                if (!Recorder.typeName(spec.type()).equals(p.getType())) {
                    reasons.add(where + ": parameter '" + p.getName() + "' was recorded as " + p.getType() + ", the installed step takes "
                            + Recorder.typeName(spec.type()));
                    continue;
                }
                try {
                    spec.validate(p.getValue());
                } catch (IllegalArgumentException ex) {
                    reasons.add(where + ": recorded " + ex.getMessage());
                }
            }
        }
        if (!drift.isEmpty() && !allowDrift) {
            for (String d : drift) {
                reasons.add("version drift at " + d + " (use --allow-version-drift to re-run anyway; it is recorded)");
            }
        }
        return drift;
    }

    /**
     * @param plan a recorded plan
     * @return true if its text still has its recorded SHA-256 (or no hash was recorded)
     */
    public static boolean planIntact(Plan plan) {
        return plan.getSha256() == null || plan.getSha256().equals(tessera.pipeline.internal.Hashes.of(plan.getText()));
    }

    /**
     * @param record a record
     * @return its plan, or null if it has none
     */
    public static Plan plan(Record record) {
        return record.getEntities().stream().filter(Plan.class::isInstance).map(Plan.class::cast).findFirst().orElse(null);
    }

    /**
     * Compares every output of a recorded run with a re-run, hash for hash: in-memory values,
     * written files (bytes) and the datasets inside written files (arrays).
     *
     * @param recorded the original record
     * @param rerun    the re-run's record
     * @return one check per output of the original, in record order
     */
    public static List<Check> verify(Record recorded, Record rerun) {
        Map<String, String> now = outputs(rerun);
        List<Check> checks = new ArrayList<>();
        outputs(recorded).forEach((k, v) -> checks.add(new Check(k, v, now.get(k))));
        return checks;
    }

    private static Map<String, String> outputs(Record r) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Generation g : r.getGenerations()) {
            Activity a = g.getActivity();
            if (a == null || RERUN_STEP.equals(a.getStepId())) {
                continue;
            }
            Entity e = g.getEntity();
            String key = a.getStepName() + "." + g.getRole() + (e.getPathInFile() == null ? "" : "#" + e.getPathInFile());
            m.put(key, e.getSha256());
        }
        return m;
    }

    /**
     * @param sha a hex hash or null
     * @return its first 12 characters
     */
    public static String shortHash(String sha) {
        return sha == null ? "(none)" : sha.substring(0, Math.min(12, sha.length()));
    }
}
