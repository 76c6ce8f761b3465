package tessera.ui.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Dataset;
import tessera.core.registry.Contribution;
import tessera.core.registry.FileFormats;
import tessera.core.registry.Registry;
import tessera.pipeline.AnalyzeJob;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.RecordSession;
import tessera.pipeline.StepDescriptor;
import tessera.provenance.model.Record;

/**
 * The workbench's link to the engine: every file it opens and every algorithm it runs goes through
 * one {@link RecordSession}, i.e. the same {@link tessera.pipeline.StepCatalog} steps, typed
 * {@link ParameterSpec} validation, seed drawing and provenance recording as {@code tessera analyze},
 * {@code tessera run} and scripts (ARCHITECTURE.md, "pipeline"). The plan of the record is the list of
 * actions the user took, one line each.
 *
 * <p>Not thread-safe: the workbench calls it from one job at a time ({@link #monitor()} may be cancelled
 * from the UI thread).
 */
public final class WorkbenchSession {
    /** step id of the reader step */
    public static final String READ = "tessera.pipeline.read";
    /** media type of the plan: the workbench's action log */
    public static final String PLAN_FORMAT = "text/x-tessera-workbench-actions";

    private final Registry registry;
    private final RecordSession record;
    private final List<String> actions = new ArrayList<>();
    private final List<Consumer<WorkbenchSession>> listeners = new CopyOnWriteArrayList<>();
    private final Map<Path, Dataset> opened = new LinkedHashMap<>();
    private Dataset current;
    private Path currentFile;
    private DecompositionResult decomposition;
    private ClusterResult clusters;
    private StepDescriptor clusterStep;

    /**
     * Starts a session with an empty record.
     *
     * @param registry the extension registry
     * @param monitor  progress of long steps (cancellable through {@link #monitor()})
     * @param log      one line per step
     */
    public WorkbenchSession(Registry registry, ProgressMonitor monitor, Consumer<String> log) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.record = new RecordSession(registry, new RecordSession.ScriptInfo("workbench", PLAN_FORMAT, "", "Tessera workbench",
                Registry.bundleVersion("tessera.ui"), "tessera.ui", Registry.bundleVersion("tessera.ui"), List.of()), monitor, log);
    }

    /** @return the extension registry */
    public Registry registry() {
        return registry;
    }

    /** @return the recording session (its monitor cancels a running step) */
    public RecordSession recordSession() {
        return record;
    }

    /** @return the provenance record of this session so far */
    public Record record() {
        return record.record();
    }

    /**
     * Registers a listener called (on the calling thread) after every change of the current dataset or results.
     *
     * @param l the listener
     */
    public void addListener(Consumer<WorkbenchSession> l) {
        listeners.add(l);
    }

    private void changed(String action) {
        actions.add(action);
        record.planText(String.join("\n", actions));
        for (Consumer<WorkbenchSession> l : listeners) {
            l.accept(this);
        }
    }

    /**
     * Readers that claim a file (by extension or magic number), best first.
     *
     * @param file a file
     * @return reader contributions; empty if none
     */
    public List<Contribution> readersFor(Path file) {
        List<Contribution> out = new ArrayList<>();
        try {
            out.add(registry.formats().readerFor(file));
        } catch (Exception e) {
            // no reader claims it by content: fall back to the extension list below
        }
        String ext = FileFormats.extension(file);
        for (Contribution c : registry.contributions(Registry.READERS)) {
            String exts = c.attribute("extensions");
            if (exts != null && !out.contains(c) && List.of(exts.toLowerCase(java.util.Locale.ROOT).split("[,\\s]+")).contains(ext)) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * Opens a file through the pipeline's read step (recorded as an input entity with its SHA-256 and a read activity)
     * and makes its dataset the current one.
     *
     * @param file a file any installed reader opens
     * @return the dataset, with calibrated axes and metadata
     * @throws Exception {@link tessera.core.io.InvalidFileException} naming the file if it is missing or unreadable
     */
    public Dataset open(Path file) throws Exception {
        record.monitor().reset();
        Path abs = file.toAbsolutePath().normalize();
        record.input(abs, file.toString());
        Dataset d = (Dataset) record.run(READ, Map.of("file", abs), Map.of(), null).get("data");
        opened.put(abs, d);
        current = d;
        currentFile = abs;
        decomposition = null;
        clusters = null;
        changed("open " + abs);
        return d;
    }

    /** @return files opened so far with their datasets, in order */
    public Map<Path, Dataset> opened() {
        return java.util.Collections.unmodifiableMap(opened);
    }

    /**
     * Makes an already opened file current again.
     *
     * @param file a key of {@link #opened()}
     * @throws IllegalArgumentException if it was not opened
     */
    public void select(Path file) {
        Dataset d = opened.get(file);
        if (d == null) {
            throw new IllegalArgumentException(file + " is not open");
        }
        current = d;
        currentFile = file;
        decomposition = null;
        clusters = null;
        changed("select " + file);
    }

    /** @return the current dataset, or null before a file is opened */
    public Dataset current() {
        return current;
    }

    /** @return the current file, or null */
    public Path currentFile() {
        return currentFile;
    }

    /** @return the last decomposition of the current dataset, or null */
    public DecompositionResult decomposition() {
        return decomposition;
    }

    /** @return the last clustering of the current dataset, or null */
    public ClusterResult clusters() {
        return clusters;
    }

    /** @return the step (id, contribution name) of the last clustering, or null */
    public StepDescriptor clusterStep() {
        return clusters == null ? null : clusterStep;
    }

    /**
     * Whether a step is a decomposer as the workbench runs it: input {@code data} (DATASET), output {@code result}
     * (DECOMPOSITION).
     *
     * @param d a step
     * @return true for a decomposer step
     */
    public static boolean isDecomposer(StepDescriptor d) {
        return has(d.input("data"), PortType.DATASET) && has(d.output("result"), PortType.DECOMPOSITION);
    }

    /**
     * Whether a step is a clusterer as the workbench runs it, told by its ports (not by which are required: a
     * clusterer's {@code scores} and {@code data} inputs are both optional, exactly one connected): input
     * {@code scores} (DECOMPOSITION), output {@code result} (CLUSTERING). An embedding step (e.g. UMAP: output
     * {@code data}, a DATASET) is neither.
     *
     * @param d a step
     * @return true for a clusterer step
     */
    public static boolean isClusterer(StepDescriptor d) {
        return has(d.input("scores"), PortType.DECOMPOSITION) && has(d.output("result"), PortType.CLUSTERING);
    }

    private static boolean has(Port p, PortType type) {
        return p != null && p.type() == type;
    }

    /**
     * Algorithms the decomposition view offers: every installed decomposer and clusterer step. Embeddings
     * ({@code <embedding>} contributions such as UMAP, whose output is a dataset) are not offered: the view
     * clusters the last decomposition and has no place to show or feed an embedding; pipelines and the CLI
     * run them.
     *
     * @return step descriptors (id, name, parameter specs)
     */
    public List<StepDescriptor> algorithms() {
        List<StepDescriptor> out = new ArrayList<>();
        for (String point : List.of(Registry.DECOMPOSERS, Registry.CLUSTERERS)) {
            for (Contribution c : registry.contributions(point)) {
                record.catalog().find(c.id()).filter(d -> isDecomposer(d) || isClusterer(d)).ifPresent(out::add);
            }
        }
        return out;
    }

    /**
     * Runs a decomposer or clusterer step on the current dataset, exactly as a pipeline step with the same id
     * and parameters would run (a clusterer works on the last decomposition; with none, PCA with its defaults
     * runs first and is recorded too).
     *
     * @param stepId     e.g. {@code tessera.decompose.nmf}
     * @param parameters raw values by parameter name (validated against the step's {@link ParameterSpec}s)
     * @return the step's result: a {@link DecompositionResult} or a {@link ClusterResult}
     * @throws IllegalStateException    if no dataset is open
     * @throws IllegalArgumentException if no such step is installed or it is neither a decomposer nor a clusterer
     *                                  ({@link #isDecomposer}, {@link #isClusterer}; e.g. an embedding)
     * @throws Exception                what the step throws (invalid parameters: IllegalArgumentException naming the parameter)
     */
    public Object run(String stepId, Map<String, ?> parameters) throws Exception {
        if (current == null) {
            throw new IllegalStateException("open a spectrum image first");
        }
        StepDescriptor d = record.catalog().find(stepId).orElseThrow(() -> new IllegalArgumentException("no installed step '" + stepId + "'"));
        boolean clusterer = isClusterer(d);
        if (!clusterer && !isDecomposer(d)) {
            throw new IllegalArgumentException("step '" + stepId + "' is neither a decomposer (data -> result: DECOMPOSITION) nor a clusterer "
                    + "(scores -> result: CLUSTERING); the workbench does not run it");
        }
        record.monitor().reset(); // a Cancel of the previous job must not cancel this one
        Object result;
        if (clusterer) {
            if (decomposition == null) {
                decomposition = (DecompositionResult) record.run(AnalyzeJob.PCA, Map.of("data", current), Map.of(), null).get("result");
            }
            result = record.run(stepId, Map.of("scores", decomposition), parameters, null).get("result");
            clusters = (ClusterResult) result;
            clusterStep = d;
        } else {
            result = record.run(stepId, Map.of("data", current), parameters, null).get("result");
            decomposition = (DecompositionResult) result;
        }
        changed("run " + stepId + " " + parameters);
        return result;
    }

    /** @return the user's actions so far (the record's plan), one per line */
    public List<String> actions() {
        return List.copyOf(actions);
    }
}
