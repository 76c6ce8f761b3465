package tessera.pipeline;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import tessera.core.analysis.ProgressMonitor;
import tessera.core.analysis.Parameters;
import tessera.core.registry.Registry;
import tessera.pipeline.internal.Recorder;
import tessera.provenance.model.Activity;
import tessera.provenance.model.ActivityStatus;
import tessera.provenance.model.Entity;
import tessera.provenance.model.EntityKind;
import tessera.provenance.model.Generation;
import tessera.provenance.model.Record;

/**
 * The provenance record of an interactive or scripted session (a {@code tessera script} run or a
 * {@code tessera shell} session): the same recording as {@link PipelineEngine}, driven call by call
 * instead of by a pipeline document.
 *
 * <p>The record holds (W3C PROV-DM, https://www.w3.org/TR/prov-dm/):
 * <ul>
 * <li>a <b>Plan</b> whose format is the script's media type and whose text is the script (or the
 *   shell's history of evaluated inputs);</li>
 * <li>one <b>script activity</b> ({@value #SCRIPT_STEP}, step name {@code script}) with the language,
 *   versions, arguments and working directory as parameters, associated with the Plan and a SCRIPT agent
 *   (the language implementation and its version);</li>
 * <li>one <b>step activity</b> per algorithm or I/O call, named {@code N-<id tail>} in call order
 *   ({@code 1-read}, {@code 2-nmf}, {@code 3-save}), run through the same {@link StepCatalog} steps,
 *   typed {@code ParameterSpec} validation and seed drawing as a pipeline, and informed by (wasInformedBy)
 *   the script activity;</li>
 * <li>every file the session loads as an input entity ({@code input-N}, SHA-256 of its bytes, labelled
 *   with the path as the script wrote it), used by the step that read it; every file it saves generated
 *   by the step that wrote it, with the SHA-256 of each array inside.</li>
 * </ul>
 * Not thread-safe except {@link #monitor()}, which another thread may cancel.
 */
public final class RecordSession {
    /** step id of the activity of a whole script run or shell session */
    public static final String SCRIPT_STEP = "tessera.script";
    /** step id of the activity of a pipeline run started from a script */
    public static final String PIPELINE_STEP = "tessera.pipeline.run";

    /**
     * Who drives the session and what its plan is.
     *
     * @param label         the plan's label (the script's file name, or "shell")
     * @param planFormat    media type of the plan text, e.g. {@code text/javascript}
     * @param planText      the script, or the shell history
     * @param agentName     the script engine, e.g. {@code GraalJS}
     * @param agentVersion  its version
     * @param bundle        the bundle that runs scripts
     * @param bundleVersion its version
     * @param parameters    {@code {name, value}} parameters of the script activity, in order
     */
    public record ScriptInfo(String label, String planFormat, String planText, String agentName, String agentVersion, String bundle,
            String bundleVersion, List<String[]> parameters) {
        /** @throws NullPointerException if a member other than parameters is null */
        public ScriptInfo {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(planFormat, "planFormat");
            Objects.requireNonNull(planText, "planText");
            parameters = parameters == null ? List.of() : List.copyOf(parameters);
        }
    }

    private final Registry registry;
    private final StepCatalog catalog;
    private final ScriptInfo info;
    private final Recorder rec;
    private final Activity script;
    private final Consumer<String> log;
    private final CancellableMonitor monitor;
    private final Map<Object, String> refOf = new IdentityHashMap<>();
    private final Map<Path, String> inputRef = new HashMap<>();
    private final Map<String, Long> replaySeeds = new HashMap<>();
    private final List<Path> written = new ArrayList<>();
    private final SecureRandom seeds = new SecureRandom();
    private int calls;
    private int inputs;

    /**
     * Starts a record with its script activity (status RUNNING until {@link #finish}).
     *
     * @param registry the extension registry
     * @param info     plan and agent
     * @param monitor  progress of long steps (wrapped: {@link #monitor()} adds cancellation)
     * @param log      receives one line per step (the CLI prints it on stderr)
     */
    public RecordSession(Registry registry, ScriptInfo info, ProgressMonitor monitor, Consumer<String> log) {
        this.registry = registry;
        this.catalog = new StepCatalog(registry);
        this.info = info;
        this.log = log == null ? s -> { } : log;
        this.monitor = new CancellableMonitor(monitor == null ? ProgressMonitor.NULL : monitor);
        this.rec = new Recorder(info.label(), info.planText(), info.planFormat(), info.agentName() == null ? null : new String[] { info.agentName(),
                info.agentVersion() == null ? "" : info.agentVersion() });
        this.script = rec.script(SCRIPT_STEP, "script", info.label(), info.bundle(), info.bundleVersion(), info.parameters());
    }

    /** @return the plan and agent this session records */
    public ScriptInfo info() {
        return info;
    }

    /** @return the step catalogue */
    public StepCatalog catalog() {
        return catalog;
    }

    /**
     * The monitor handed to steps: {@link CancellableMonitor#cancel()} makes running and later steps stop
     * at their next check (the decomposers and clusterers check between iterations).
     *
     * @return the monitor
     */
    public CancellableMonitor monitor() {
        return monitor;
    }

    /**
     * Seeds to use, for a re-run, for stochastic steps called without a seed: step name ({@code N-id tail})
     * to the seed the original run drew.
     *
     * @param byStepName recorded seeds
     */
    public void replaySeeds(Map<String, Long> byStepName) {
        replaySeeds.putAll(byStepName);
    }

    /**
     * Records that this session re-executes an earlier record ({@code tessera.rerun} activity that used it).
     *
     * @param recordFile the earlier record
     * @param drift      allowed version drift lines (empty if none)
     * @throws IOException if the record file cannot be hashed
     */
    public void rerunOf(Path recordFile, List<String> drift) throws IOException {
        rec.rerun(recordFile, drift);
    }

    /**
     * Registers a file the session is about to read as an input of the record (once per file).
     *
     * @param file    the file (must exist)
     * @param asGiven the path as the script wrote it (the entity's label; a re-run finds the file by it)
     * @return the absolute, normalised path to hand to the read step
     * @throws IOException if the file cannot be read for hashing
     */
    public Path input(Path file, String asGiven) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        if (!inputRef.containsKey(abs)) {
            String name = Integer.toString(++inputs);
            rec.input(name, abs, asGiven);
            inputRef.put(abs, "$" + name);
        }
        return abs;
    }

    /**
     * Declares that a value derived without a step (a view such as the factors of a decomposition) stands
     * for the value it came from when a later step uses it.
     *
     * @param derived the derived value
     * @param source  a value produced by an earlier step of this session
     */
    public void alias(Object derived, Object source) {
        String r = refOf.get(source);
        if (r != null) {
            refOf.put(derived, r);
        }
    }

    /**
     * Runs one installed step and records it: validates the inputs against its ports and the parameters
     * against its {@code ParameterSpec}s (before anything is recorded), draws a seed for a stochastic step
     * called without one (or takes the replayed one), executes, and records used values, parameters, seed,
     * outputs (with hashes) and status.
     *
     * @param stepId          extension id, e.g. {@code tessera.decompose.nmf}
     * @param inputs          input port to value ({@code Path} for FILE inputs, registered with {@link #input} first)
     * @param parameters      raw parameter values by the step's names (null values are left out)
     * @param outputDirectory where a step that writes files writes them
     * @return the outputs by port
     * @throws IllegalArgumentException if the step is not installed, an input or parameter is unknown, missing,
     *                                  of the wrong kind or out of range (nothing recorded)
     * @throws Exception                whatever the step throws (recorded as FAILED first)
     */
    public Map<String, Object> run(String stepId, Map<String, ?> inputs, Map<String, ?> parameters, Path outputDirectory) throws Exception {
        StepDescriptor d = catalog.find(stepId)
                .orElseThrow(() -> new IllegalArgumentException("no installed step has the id '" + stepId + "'; installed: " + catalog.ids()));
        for (String k : inputs.keySet()) {
            if (d.input(k) == null) {
                throw new IllegalArgumentException(stepId + " has no input '" + k + "'; its inputs: " + d.step().inputs().stream().map(Port::name).toList());
            }
        }
        Map<String, Object> in = new LinkedHashMap<>();
        for (Port p : d.step().inputs()) {
            Object v = inputs.get(p.name());
            if (v == null) {
                if (p.required()) {
                    throw new IllegalArgumentException(stepId + ": required input '" + p.name() + "' (" + p.type() + ") is not given");
                }
                continue;
            }
            boolean ok = p.type() == PortType.FILE ? v instanceof Path : p.type().javaType().isInstance(v);
            if (!ok) {
                throw new IllegalArgumentException(stepId + ": input '" + p.name() + "' must be a " + p.type() + ", not a " + v.getClass().getSimpleName());
            }
            in.put(p.name(), v);
        }
        Map<String, Object> raw = new LinkedHashMap<>();
        parameters.forEach((k, v) -> {
            if (v != null) {
                raw.put(k, v);
            }
        });
        String stepName = (calls + 1) + "-" + stepId.substring(stepId.lastIndexOf('.') + 1);
        boolean drawn = false;
        if (d.stochastic() && raw.get(Step.SEED) == null) {
            Long s = replaySeeds.get(stepName);
            if (s == null) {
                s = (long) seeds.nextInt(Integer.MAX_VALUE);
                drawn = true;
            }
            raw.put(Step.SEED, s);
        }
        Parameters params = Parameters.of(d.step().parameters(), raw);
        calls++;
        Activity a = rec.begin(stepName, d);
        rec.informedBy(a, script);
        a.setStartTime(new Date());
        long t0 = System.nanoTime();
        try {
            for (Map.Entry<String, Object> e : in.entrySet()) {
                String r = e.getValue() instanceof Path p ? inputRef.get(p.toAbsolutePath().normalize()) : refOf.get(e.getValue());
                if (r != null) {
                    rec.used(a, e.getKey(), r);
                }
            }
            rec.parameters(a, d.step().parameters(), params.values());
            Map<String, Object> outs = d.step().execute(new Context(outputDirectory), in, params);
            Map<String, Object> got = outs == null ? Map.of() : outs;
            for (Port p : d.step().outputs()) {
                Object v = got.get(p.name());
                if (v == null && p.required()) {
                    throw new IllegalStateException("step returned no value for its output '" + p.name() + "'");
                }
                if (v != null && !p.type().javaType().isInstance(v)) {
                    throw new IllegalStateException("output '" + p.name() + "' is a " + v.getClass().getName() + ", not a " + p.type());
                }
            }
            rec.generated(a, stepName, d.step().outputs(), got, f -> f.toAbsolutePath().normalize().toUri().toString());
            for (Port p : d.step().outputs()) {
                Object v = got.get(p.name());
                if (v != null) {
                    refOf.put(v, stepName + "." + p.name());
                    if (v instanceof WrittenFile wf) {
                        written.add(wf.path().toAbsolutePath().normalize());
                    }
                }
            }
            a.setStatus(ActivityStatus.SUCCEEDED);
            a.setEndTime(new Date());
            log.accept(String.format("%s (%s) done in %.1f s%s", stepName, stepId, (System.nanoTime() - t0) / 1e9,
                    drawn ? "; seed " + params.values().get(Step.SEED) + " drawn and recorded" : ""));
            return got;
        } catch (Exception | OutOfMemoryError | StackOverflowError ex) {
            a.setStatus(ActivityStatus.FAILED);
            a.setErrorMessage(ex.getClass().getSimpleName() + ": " + PipelineRunException.describe(ex));
            a.setEndTime(new Date());
            throw ex;
        }
    }

    /**
     * Runs a pipeline document on the {@link PipelineEngine} (which leaves its own record in
     * {@code outDir}) and records it here as one activity ({@value #PIPELINE_STEP}) that used the
     * pipeline's input files and generated the files it published (role {@code step.port}, SHA-256).
     *
     * @param doc    the pipeline
     * @param source file name or label for messages
     * @param inputs pipeline input name to file
     * @param outDir output directory
     * @return the nested run
     * @throws Exception what {@link PipelineEngine#run} throws (recorded as FAILED first)
     */
    public RunResult runPipeline(PipelineDocument doc, String source, Map<String, Path> inputs, Path outDir) throws Exception {
        String stepName = (++calls) + "-pipeline";
        Activity a = rec.activity(PIPELINE_STEP, stepName, doc.name(), "tessera.pipeline", Registry.bundleVersion("tessera.pipeline"),
                List.of(new String[] { "pipeline", source }, new String[] { "out", outDir.toAbsolutePath().normalize().toString() }));
        rec.informedBy(a, script);
        try {
            for (Map.Entry<String, Path> e : inputs.entrySet()) {
                input(e.getValue(), e.getValue().toString());
                rec.used(a, e.getKey(), inputRef.get(e.getValue().toAbsolutePath().normalize()));
            }
            RunResult r = new PipelineEngine(registry).run(doc, source, inputs, outDir,
                    new RunOptions(monitor, log, info.agentName() == null ? null : new String[] { info.agentName(), info.agentVersion() }, null, null));
            Set<Entity> seen = new HashSet<>();
            for (Generation g : r.record().getGenerations()) {
                Entity e = g.getEntity();
                if (e.getKind() == EntityKind.FILE && e.getPathInFile() == null && seen.add(e)) {
                    rec.generatedFile(a, g.getActivity().getStepName() + "." + g.getRole(), stepName + "-" + g.getActivity().getStepName() + "-" + g.getRole(),
                            e.getUri(), e.getSha256());
                    written.add(Path.of(URI.create(e.getUri())));
                }
            }
            a.setStatus(ActivityStatus.SUCCEEDED);
            a.setEndTime(new Date());
            return r;
        } catch (Exception | OutOfMemoryError | StackOverflowError ex) {
            a.setStatus(ActivityStatus.FAILED);
            a.setErrorMessage(ex.getClass().getSimpleName() + ": " + PipelineRunException.describe(ex));
            a.setEndTime(new Date());
            throw ex;
        }
    }

    /**
     * Replaces the plan text (the shell appends each evaluated input to its history).
     *
     * @param text the new plan text
     */
    public void planText(String text) {
        rec.plan().setText(text);
        rec.plan().setSha256(tessera.pipeline.internal.Hashes.of(text));
    }

    /**
     * Ends the script activity.
     *
     * @param error why the script failed, or null if it succeeded
     */
    public void finish(String error) {
        script.setEndTime(new Date());
        script.setStatus(error == null ? ActivityStatus.SUCCEEDED : ActivityStatus.FAILED);
        if (error != null) {
            script.setErrorMessage(error);
        }
    }

    /** @return the record so far */
    public Record record() {
        return rec.record();
    }

    /** @return true if a step ran or a file was registered (a session that did nothing needs no record) */
    public boolean recordedAnything() {
        return calls > 0 || inputs > 0;
    }

    /** @return the files written by steps of this session, in order (absolute) */
    public List<Path> written() {
        return List.copyOf(written);
    }

    /**
     * The seeds a record's steps used, for {@link #replaySeeds}.
     *
     * @param record a record of a session
     * @return step name to seed, for every activity with a seed
     */
    public static Map<String, Long> recordedSeeds(Record record) {
        Map<String, Long> m = new HashMap<>();
        for (Activity a : record.getActivities()) {
            if (a.getParameters().stream().anyMatch(p -> p.getName().equals(Step.SEED))) {
                m.put(a.getStepName(), a.getSeed());
            }
        }
        return m;
    }

    /** A monitor that forwards to another and can be cancelled from any thread. */
    public static final class CancellableMonitor implements ProgressMonitor {
        private final ProgressMonitor delegate;
        private volatile boolean cancelled;

        CancellableMonitor(ProgressMonitor delegate) {
            this.delegate = delegate;
        }

        /** Asks running and later steps to stop. */
        public void cancel() {
            cancelled = true;
        }

        /** Clears a cancellation (the shell does after each interrupted input). */
        public void reset() {
            cancelled = false;
        }

        @Override
        public void begin(String task, long totalWork) {
            delegate.begin(task, totalWork);
        }

        @Override
        public void worked(long work) {
            delegate.worked(work);
        }

        @Override
        public void done() {
            delegate.done();
        }

        @Override
        public boolean isCanceled() {
            return cancelled || delegate.isCanceled();
        }
    }

    /** The context handed to steps. */
    private final class Context implements StepContext {
        private final Path dir;
        private final List<String> notes = new ArrayList<>();

        Context(Path dir) {
            this.dir = dir;
        }

        @Override
        public Registry registry() {
            return registry;
        }

        @Override
        public ProgressMonitor monitor() {
            return monitor;
        }

        @Override
        public Path outputDirectory() {
            return dir;
        }

        @Override
        public void note(String text) {
            if (!notes.contains(text)) {
                notes.add(text);
            }
        }

        @Override
        public List<String> notes() {
            return List.copyOf(notes);
        }

        @Override
        public void log(String line) {
            log.accept(line);
        }
    }
}
