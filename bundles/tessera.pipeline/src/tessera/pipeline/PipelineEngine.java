package tessera.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.io.InvalidFileException;
import tessera.core.registry.Registry;
import tessera.pipeline.internal.Recorder;
import tessera.provenance.RecordStore;
import tessera.provenance.model.Activity;
import tessera.provenance.model.ActivityStatus;

/**
 * The one pipeline engine behind {@code tessera run}, {@code tessera analyze}, {@code tessera rerun},
 * scripts and the GUI: validates a {@link PipelineDocument} against the installed steps, draws
 * the seeds the document does not give, runs the steps in order, publishes their files
 * all-or-nothing ({@link OutputDirectory}), and records every step in a provenance record
 * ({@value #RECORD}, W3C PROV-aligned XMI written atomically by {@link RecordStore}).
 *
 * <p>A step that throws is recorded as FAILED with its error, the later steps as NOT_RUN, the
 * record is saved as {@value #FAILED_RECORD} and no result file is published.
 */
public final class PipelineEngine {
    /** name of the record of a successful run in the output directory */
    public static final String RECORD = "provenance.xmi";
    /** name of the record of a failed run in the output directory */
    public static final String FAILED_RECORD = "provenance-failed.xmi";

    private final Registry registry;
    private final StepCatalog catalog;
    private final SecureRandom seeds = new SecureRandom();

    /** @param registry the extension registry */
    public PipelineEngine(Registry registry) {
        this.registry = registry;
        this.catalog = new StepCatalog(registry);
    }

    /** @return the catalogue of installed steps */
    public StepCatalog catalog() {
        return catalog;
    }

    /**
     * Checks a document against the installed steps: unique step names, known step ids, known
     * parameters with values of the right type and in range, references to earlier steps'
     * outputs of the right kind, required inputs present, every pipeline input bound.
     *
     * @param doc   the document
     * @param bound names of the pipeline inputs the caller provides
     * @return one sentence per problem; empty if the document can run
     */
    public List<String> problems(PipelineDocument doc, Set<String> bound) {
        List<String> problems = new ArrayList<>();
        for (String in : doc.inputs().keySet()) {
            if (!bound.contains(in)) {
                problems.add("pipeline input '" + in + "' is not given (--input " + in + "=FILE)");
            }
        }
        for (String b : bound) {
            if (!doc.inputs().containsKey(b)) {
                problems.add("'" + b + "' is not an input of this pipeline; its inputs: " + doc.inputs().keySet());
            }
        }
        Map<String, StepDescriptor> seen = new LinkedHashMap<>();
        for (StepSpec s : doc.steps()) {
            String where = "step '" + s.name() + "' (" + s.step() + ")";
            if (seen.containsKey(s.name())) {
                problems.add("step name '" + s.name() + "' is used twice");
                continue;
            }
            Optional<StepDescriptor> found = catalog.find(s.step());
            if (found.isEmpty()) {
                problems.add(where + ": no installed step has this id; installed: " + catalog.ids());
                seen.put(s.name(), null);
                continue;
            }
            StepDescriptor d = found.get();
            for (Map.Entry<String, Object> p : s.parameters().entrySet()) {
                ParameterSpec spec = d.parameter(p.getKey());
                if (spec == null) {
                    problems.add(where + ": unknown parameter '" + p.getKey() + "'; known: " + d.step().parameters().stream().map(ParameterSpec::name).toList());
                } else if (p.getValue() instanceof Ref r) {
                    checkRef(problems, where + ": parameter '" + p.getKey() + "'", r, PortType.VALUE, doc, seen);
                } else if (p.getValue() != null) {
                    try {
                        spec.validate(p.getValue());
                    } catch (IllegalArgumentException e) {
                        problems.add(where + ": " + e.getMessage());
                    }
                }
            }
            for (String in : s.inputs().keySet()) {
                if (d.input(in) == null) {
                    problems.add(where + ": unknown input '" + in + "'; inputs: " + d.step().inputs().stream().map(Port::name).toList());
                }
            }
            for (Port port : d.step().inputs()) {
                Ref r = s.inputs().get(port.name());
                if (r == null) {
                    if (port.required()) {
                        problems.add(where + ": required input '" + port.name() + "' (" + port.type() + ") is not connected");
                    }
                    continue;
                }
                checkRef(problems, where + ": input '" + port.name() + "'", r, port.type(), doc, seen);
            }
            for (List<String> group : d.step().exactlyOneOf()) {
                long connected = group.stream().filter(s.inputs()::containsKey).count();
                if (connected != 1) {
                    problems.add(where + ": connect exactly one of the inputs " + group.stream().map(n -> "'" + n + "' (" + d.input(n).type() + ")").toList()
                            + (connected == 0 ? "; none is connected" : "; " + connected + " are connected"));
                }
            }
            if (s.when() != null) {
                checkRef(problems, where + ": \"when\"", s.when(), PortType.VALUE, doc, seen);
            }
            seen.put(s.name(), d);
        }
        return problems;
    }

    private static void checkRef(List<String> problems, String where, Ref r, PortType type, PipelineDocument doc, Map<String, StepDescriptor> seen) {
        if (r.isPipelineInput()) {
            if (!doc.inputs().containsKey(r.port())) {
                problems.add(where + ": " + r + " is not an input of the pipeline; inputs: " + doc.inputs().keySet());
            } else if (type != PortType.FILE) {
                problems.add(where + ": " + r + " is a FILE, a " + type + " is needed (read it with tessera.pipeline.read first)");
            }
            return;
        }
        if (!seen.containsKey(r.step())) {
            problems.add(where + ": " + r + " refers to no earlier step (steps can only use outputs of steps listed before them)");
            return;
        }
        StepDescriptor p = seen.get(r.step());
        if (p == null) {
            return; // unknown step, reported already
        }
        Port out = p.output(r.port());
        if (out == null) {
            problems.add(where + ": step '" + r.step() + "' has no output '" + r.port() + "'; outputs: " + p.step().outputs().stream().map(Port::name).toList());
        } else if (out.type() != type) {
            problems.add(where + ": " + r + " is a " + out.type() + ", a " + type + " is needed");
        }
    }

    /**
     * Throws if {@link #problems} finds any.
     *
     * @param doc    the document
     * @param bound  names of the provided pipeline inputs
     * @param source file name or label for the message
     * @throws InvalidPipelineException listing every problem
     */
    public void validate(PipelineDocument doc, Set<String> bound, String source) throws InvalidPipelineException {
        List<String> p = problems(doc, bound);
        if (!p.isEmpty()) {
            throw new InvalidPipelineException(source, p);
        }
    }

    /**
     * Fills in a random seed (31-bit non-negative, from {@link SecureRandom}) for every stochastic
     * step whose document gives none.
     *
     * @param doc a valid document
     * @return the document with every seed given (the same document if none was missing)
     */
    public PipelineDocument withSeeds(PipelineDocument doc) {
        PipelineDocument out = doc;
        for (StepSpec s : doc.steps()) {
            if (s.parameters().get(Step.SEED) == null && catalog.find(s.step()).map(StepDescriptor::stochastic).orElse(false)) {
                out = out.withStep(s.name(), s.withParameter(Step.SEED, (long) seeds.nextInt(Integer.MAX_VALUE)));
            }
        }
        return out;
    }

    /**
     * Validates and runs a pipeline, publishing its files and its record into {@code outDir}.
     *
     * @param doc     the document
     * @param source  file name or label for messages
     * @param inputs  pipeline input name to file
     * @param outDir  output directory (created; files of earlier runs with other names are kept)
     * @param options monitor, log, agents
     * @return what the run produced
     * @throws InvalidPipelineException if the document does not validate (nothing ran)
     * @throws InvalidFileException     if an input file is missing or unreadable (nothing ran)
     * @throws PipelineRunException     if a step failed (the failed record is saved; no result is published)
     * @throws IOException              if the output directory or the record cannot be written
     */
    public RunResult run(PipelineDocument doc, String source, Map<String, Path> inputs, Path outDir, RunOptions options)
            throws InvalidPipelineException, PipelineRunException, IOException {
        validate(doc, inputs.keySet(), source);
        // FILE#N and FILE#/path: the file is the input, the selection goes into the read steps' parameters
        Map<String, Path> files = new LinkedHashMap<>();
        for (Map.Entry<String, Path> in : inputs.entrySet()) {
            tessera.core.io.FileSelector sel = tessera.core.io.FileSelector.parse(in.getValue());
            files.put(in.getKey(), sel.file());
            if (sel.selects()) {
                doc = doc.withSelection(in.getKey(), sel);
            }
        }
        inputs = files;
        for (Map.Entry<String, Path> in : inputs.entrySet()) {
            if (!Files.isRegularFile(in.getValue())) {
                throw new InvalidFileException(in.getValue(), "no such file (pipeline input '" + in.getKey() + "')");
            }
        }
        PipelineDocument plan = withSeeds(doc);
        java.util.Set<String> drawn = new HashSet<>();
        for (StepSpec s : plan.steps()) {
            if (doc.step(s.name()).parameters().get(Step.SEED) == null && s.parameters().get(Step.SEED) != null) {
                drawn.add(s.name());
            }
        }
        Recorder rec = new Recorder(plan.name(), plan.toJson(), PipelineDocument.MEDIA_TYPE, options.scriptAgent());
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Path> in : inputs.entrySet()) {
            rec.input(in.getKey(), in.getValue());
            values.put("$" + in.getKey(), in.getValue());
        }
        if (options.rerunOf() != null) {
            rec.rerun(options.rerunOf(), options.drift());
        }
        Path dir = outDir.toAbsolutePath().normalize();
        try (OutputDirectory out = new OutputDirectory(dir)) {
            Context ctx = new Context(out.staging(), options);
            for (int i = 0; i < plan.steps().size(); i++) {
                StepSpec s = plan.steps().get(i);
                StepDescriptor d = catalog.find(s.step()).orElseThrow();
                String skip = skipReason(s, d, values);
                if (skip != null) {
                    options.log().accept("step '" + s.name() + "' not run: " + skip);
                    rec.notRun(s.name(), s.step(), d, skip);
                    continue;
                }
                Activity a = rec.begin(s.name(), d);
                a.setStartTime(new Date());
                long t0 = System.nanoTime();
                try {
                    Map<String, Object> in = new LinkedHashMap<>();
                    for (Map.Entry<String, Ref> e : s.inputs().entrySet()) {
                        Object v = values.get(e.getValue().toString());
                        if (v != null) {
                            in.put(e.getKey(), v);
                            rec.used(a, e.getKey(), e.getValue().toString());
                        }
                    }
                    Map<String, Object> raw = new LinkedHashMap<>();
                    for (Map.Entry<String, Object> e : s.parameters().entrySet()) {
                        Object v = e.getValue() instanceof Ref r ? values.get(r.toString()) : e.getValue();
                        if (e.getValue() instanceof Ref r) {
                            rec.used(a, "parameter:" + e.getKey(), r.toString());
                        }
                        if (v != null) {
                            raw.put(e.getKey(), v);
                        }
                    }
                    Parameters params = Parameters.of(d.step().parameters(), raw);
                    rec.parameters(a, d.step().parameters(), params.values());
                    Map<String, Object> outs = d.step().execute(ctx, in, params);
                    for (Port p : d.step().outputs()) {
                        Object v = outs == null ? null : outs.get(p.name());
                        if (v == null && p.required()) {
                            throw new IllegalStateException("step returned no value for its output '" + p.name() + "'");
                        }
                        if (v != null && !p.type().javaType().isInstance(v)) {
                            throw new IllegalStateException("output '" + p.name() + "' is a " + v.getClass().getName() + ", not a " + p.type());
                        }
                        if (v != null) {
                            values.put(s.name() + "." + p.name(), v);
                        }
                    }
                    rec.generated(a, s.name(), d.step().outputs(), outs, f -> dir.resolve(out.staging().relativize(f)).toUri().toString());
                    a.setStatus(ActivityStatus.SUCCEEDED);
                    a.setEndTime(new Date());
                    options.log().accept(String.format("step '%s' (%s) done in %.1f s%s", s.name(), s.step(), (System.nanoTime() - t0) / 1e9,
                            drawn.contains(s.name()) ? "; seed " + s.parameters().get(Step.SEED) + " drawn and recorded" : ""));
                } catch (Exception | OutOfMemoryError | StackOverflowError ex) {
                    a.setStatus(ActivityStatus.FAILED);
                    a.setErrorMessage(ex.getClass().getSimpleName() + ": " + PipelineRunException.describe(ex));
                    a.setEndTime(new Date());
                    for (int j = i + 1; j < plan.steps().size(); j++) {
                        StepSpec later = plan.steps().get(j);
                        rec.notRun(later.name(), later.step(), catalog.find(later.step()).orElse(null), "not run: step '" + s.name() + "' failed");
                    }
                    Path failed = dir.resolve(FAILED_RECORD);
                    Path saved = null;
                    try {
                        RecordStore.save(rec.record(), failed);
                        saved = failed;
                    } catch (IOException | RuntimeException saveError) {
                        ex.addSuppressed(saveError);
                    }
                    throw new PipelineRunException(s.name(), s.step(), saved, List.copyOf(inputs.values()), ex);
                }
            }
            RecordStore.save(rec.record(), out.staging().resolve(RECORD));
            out.commit(RECORD);
            Files.deleteIfExists(dir.resolve(FAILED_RECORD));
            return new RunResult(plan, dir, dir.resolve(RECORD), rec.record(), values, ctx.notes());
        }
    }

    private static String skipReason(StepSpec s, StepDescriptor d, Map<String, Object> values) {
        if (s.when() != null) {
            Object w = values.get(s.when().toString());
            if (w == null) {
                return "its condition " + s.when() + " was not computed";
            }
            if (!Boolean.TRUE.equals(w)) {
                return "its condition " + s.when() + " is " + w;
            }
        }
        for (Port p : d.step().inputs()) {
            Ref r = s.inputs().get(p.name());
            if (r != null && p.required() && values.get(r.toString()) == null) {
                return "its input '" + p.name() + "' (" + r + ") was not produced";
            }
        }
        for (Map.Entry<String, Object> e : s.parameters().entrySet()) {
            if (e.getValue() instanceof Ref r && values.get(r.toString()) == null) {
                return "its parameter '" + e.getKey() + "' (" + r + ") was not produced";
            }
        }
        return null;
    }

    /** The context handed to steps. */
    private final class Context implements StepContext {
        private final Path staging;
        private final RunOptions options;
        private final List<String> notes = new ArrayList<>();
        private final Set<String> noted = new HashSet<>();

        Context(Path staging, RunOptions options) {
            this.staging = staging;
            this.options = options;
        }

        @Override
        public Registry registry() {
            return registry;
        }

        @Override
        public ProgressMonitor monitor() {
            return options.monitor();
        }

        @Override
        public Path outputDirectory() {
            return staging;
        }

        @Override
        public void note(String text) {
            if (noted.add(text)) {
                notes.add(text);
            }
        }

        @Override
        public List<String> notes() {
            return List.copyOf(notes);
        }

        @Override
        public void log(String line) {
            options.log().accept(line);
        }
    }
}
