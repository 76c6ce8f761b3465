package tessera.ui.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import tessera.core.io.FileSelector;
import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Dataset;
import tessera.core.registry.Contribution;
import tessera.core.registry.FileFormats;
import tessera.core.registry.Registry;
import tessera.pipeline.AnalyzeJob;
import tessera.pipeline.ForwardModels;
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
    private DecompositionResult separation;
    private DecompositionResult unmixing;
    private ClusterResult clusters;
    private Atoms atoms;
    private StepDescriptor clusterStep;

    /** endmember source of an unmixing: the factors of the last decomposition (e.g. N-FINDR's endmembers) */
    public static final String FROM_DECOMPOSITION = "decomposition";
    /** endmember source of an unmixing: the separated factors of the last blind source separation */
    public static final String FROM_SEPARATION = "separation";
    /** endmember source of an unmixing: the mean spectra of the clusters of the last clustering */
    public static final String FROM_CLUSTERS = "clusters";
    /** the endmember sources, in the order the decomposition view offers them */
    public static final List<String> ENDMEMBER_SOURCES = List.of(FROM_DECOMPOSITION, FROM_SEPARATION, FROM_CLUSTERS);

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
     * and makes its dataset the current one: its first spectrum image or line scan, else its first single 2-D image
     * (read kind {@code auto}), or the dataset {@code FILE#N} or {@code FILE#/path} selects.
     *
     * @param file a file any installed reader opens, optionally with a dataset selector
     * @return the dataset, with calibrated axes and metadata
     * @throws Exception {@link tessera.core.io.InvalidFileException} naming the file if it is missing or unreadable
     */
    public Dataset open(Path file) throws Exception {
        record.monitor().reset();
        FileSelector sel = FileSelector.requireFile(file);
        Path abs = sel.file().toAbsolutePath().normalize();
        record.input(abs, sel.file().toString());
        Map<String, Object> params = sel.index() >= 0 ? Map.of("dataset", (long) sel.index())
                : sel.path() != null ? Map.of("path", sel.path()) : Map.of("kind", "auto");
        Dataset d = (Dataset) record.run(READ, Map.of("file", abs), params, null).get("data");
        // each selected dataset of a file is its own entry (FILE#N), the file's default dataset the plain path
        Path key = sel.selects() ? Path.of(abs + sel.suffix()) : abs;
        opened.put(key, d);
        current = d;
        currentFile = key;
        forget();
        changed("open " + abs);
        return d;
    }

    /**
     * The datasets of a file as {@code tessera info} numbers them, one line each: index, title, shape, dtype and the
     * path inside the file where the reader gives one. Describes the file as {@code tessera info} does (HDF5-based
     * files from their headers, without decoding the values; not recorded: nothing is analysed).
     *
     * @param file a file (a selector after {@code #} is ignored)
     * @return the lines, in the file's order
     * @throws java.io.IOException {@link tessera.core.io.InvalidFileException} naming the file if it cannot be read
     */
    public List<String> datasets(Path file) throws java.io.IOException {
        List<tessera.core.io.DatasetHeader> all = registry.formats().describe(FileSelector.requireFile(file).file(), java.util.Map.of());
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            tessera.core.io.DatasetHeader d = all.get(i);
            Object path = d.metadata().get(FileSelector.PATH_KEY);
            out.add("#" + i + "  " + d.metadata().title() + "  " + java.util.Arrays.toString(d.shape()) + " " + d.dtype().numpyName()
                    + (path == null ? "" : "  " + path));
        }
        return out;
    }

    /**
     * @param d a dataset
     * @return true for one 2-D image (two signal axes, no navigation axis)
     */
    public static boolean isImage(Dataset d) {
        return d != null && d.signalAxes().size() == 2 && d.navigationDimension() == 0;
    }

    /**
     * Atomic columns found in the current image by an atom finder step.
     *
     * @param stepId     the finder's id
     * @param ys         rows (px)
     * @param xs         columns (px)
     * @param std        position standard deviations {@code [n][2]} (px; NaN where none)
     * @param sublattice sublattice of each column
     * @param intensity  column intensity
     * @param pixelSize  pixel size in {@code units}
     * @param units      "nm", "px" or the axis's own units
     */
    public record Atoms(String stepId, double[] ys, double[] xs, double[][] std, int[] sublattice, double[] intensity, double pixelSize, String units) {
        /** @return the number of columns */
        public int count() {
            return ys.length;
        }

        /**
         * What the workbench says about one column: its sublattice, position in px and in the pixel unit with σ,
         * intensity, and its three nearest neighbours with their distances.
         *
         * @param i the column
         * @return one line
         */
        public String describe(int i) {
            int[] nb = tessera.lattice.LatticeGeometry.nearestNeighbours(ys, xs, 3)[i];
            StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT, "column %d (sublattice %d): (y, x) = (%.2f, %.2f) px", i, sublattice[i], ys[i], xs[i]));
            if (!Double.isNaN(std[i][0])) {
                b.append(String.format(java.util.Locale.ROOT, " ± (%.2f, %.2f)", std[i][0], std[i][1]));
            }
            if (!"px".equals(units)) {
                b.append(String.format(java.util.Locale.ROOT, " = (%.4f, %.4f) %s", ys[i] * pixelSize, xs[i] * pixelSize, units));
            }
            b.append(String.format(java.util.Locale.ROOT, ", intensity %.4g; neighbours", intensity[i]));
            for (int j : nb) {
                double d = Math.hypot(ys[j] - ys[i], xs[j] - xs[i]);
                b.append(String.format(java.util.Locale.ROOT, " %d at %.2f px%s", j, d, "px".equals(units) ? "" : String.format(java.util.Locale.ROOT, " (%.4f %s)", d * pixelSize, units)));
            }
            return b.toString();
        }
    }

    /** @return the columns the last atom finder found in the current image, or null */
    public Atoms atoms() {
        return atoms;
    }

    /**
     * Whether a step is an atom finder as the workbench runs it: input {@code image} (DATASET), outputs
     * {@code positions} and {@code sublattice} (DATASET), e.g. {@code tessera.lattice.gaussian}.
     *
     * @param d a step
     * @return true for an atom finder step
     */
    public static boolean isAtomFinder(StepDescriptor d) {
        return Registry.LATTICE.equals(d.kind()) && has(d.input("image"), PortType.DATASET) && has(d.output("positions"), PortType.DATASET)
                && has(d.output("sublattice"), PortType.DATASET);
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
        forget();
        changed("select " + file);
    }

    /**
     * @return the forward-model step of the open dataset's kind ({@link ForwardModels#stepFor}) for physics-guided
     *         decompositions, or empty when no dataset is open or none is installed
     */
    public java.util.Optional<StepDescriptor> forwardModel() {
        if (current == null) {
            return java.util.Optional.empty();
        }
        try {
            return record.catalog().find(ForwardModels.stepFor(current));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
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

    private void forget() {
        atoms = null;
        decomposition = null;
        separation = null;
        unmixing = null;
        clusters = null;
    }

    /** @return the last blind source separation of the current dataset's last decomposition, or null */
    public DecompositionResult separation() {
        return separation;
    }

    /** @return the last abundance estimate (unmixing) of the current dataset, or null */
    public DecompositionResult unmixing() {
        return unmixing;
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
        return has(d.input("data"), PortType.DATASET) && has(d.output("result"), PortType.DECOMPOSITION) && !isUnmixer(d);
    }

    /**
     * Whether a step is a blind source separation as the workbench runs it: input {@code decomposition}
     * (DECOMPOSITION), output {@code result} (DECOMPOSITION), e.g. FastICA or orthomax.
     *
     * @param d a step
     * @return true for a separation step
     */
    public static boolean isSeparator(StepDescriptor d) {
        return has(d.input("decomposition"), PortType.DECOMPOSITION) && has(d.output("result"), PortType.DECOMPOSITION);
    }

    /**
     * Whether a step is an abundance estimate (unmixing) as the workbench runs it: inputs {@code data} (DATASET),
     * {@code endmembers} (DECOMPOSITION) and {@code clusters} (CLUSTERING), output {@code result} (DECOMPOSITION),
     * e.g. least squares, NNLS, FCLS.
     *
     * @param d a step
     * @return true for an unmixing step
     */
    public static boolean isUnmixer(StepDescriptor d) {
        return has(d.input("data"), PortType.DATASET) && has(d.input("endmembers"), PortType.DECOMPOSITION) && has(d.input("clusters"), PortType.CLUSTERING)
                && has(d.output("result"), PortType.DECOMPOSITION);
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
     * Algorithms the decomposition view offers: every installed decomposer, blind source separation and unmixing
     * step ({@code tessera.core.decomposers}: {@code decomposer}, {@code separation}, {@code unmixing}), then every
     * clusterer step, then every atom finder ({@code tessera.core.latticeAnalyzers}), each group in id order. Embeddings ({@code <embedding>} contributions such as UMAP or MDS,
     * whose output is a dataset) and discriminants (LDA) are not offered: the view has no place to show or feed
     * them; pipelines, scripts and the CLI run them.
     *
     * @return step descriptors (id, name, parameter specs)
     */
    public List<StepDescriptor> algorithms() {
        List<StepDescriptor> out = new ArrayList<>();
        for (String point : List.of(Registry.DECOMPOSERS, Registry.CLUSTERERS, Registry.LATTICE)) {
            for (Contribution c : registry.contributions(point)) {
                record.catalog().find(c.id()).filter(d -> isDecomposer(d) || isSeparator(d) || isUnmixer(d) || isClusterer(d) || isAtomFinder(d)).ifPresent(out::add);
            }
        }
        return out;
    }

    /** the element-identification step the spectrum view's "Identify elements" runs */
    public static final String IDENTIFY = "tessera.classify.element-id";

    /**
     * The elements identified in the current dataset.
     *
     * @param elements      predicted (a spectrum) or detected (a line scan or SI) elements, most probable first
     * @param probabilities element → probability (mean over the spectra), most probable first, all classes
     * @param threshold     the threshold applied
     */
    public record Identification(List<String> elements, Map<String, Double> probabilities, double threshold) {
        /** @return a one-line summary: the elements and the five most probable with their probabilities */
        public String describe() {
            StringBuilder b = new StringBuilder(elements.isEmpty() ? "no element" : String.join(", ", elements));
            b.append("  (");
            int i = 0;
            for (Map.Entry<String, Double> e : probabilities.entrySet()) {
                if (i++ == 5) {
                    break;
                }
                b.append(i > 1 ? ", " : "").append(String.format(java.util.Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()));
            }
            return b.append(String.format(java.util.Locale.ROOT, "; threshold %.2f)", threshold)).toString();
        }
    }

    /**
     * Identifies the elements of the current dataset with the installed element-identification classifier
     * ({@value #IDENTIFY}, Annys et al. 2023), recorded as a step like every other.
     *
     * @return the identification
     * @throws IllegalStateException if no dataset is open or no element identification is installed
     * @throws Exception             what the step throws (no energy calibration in eV, NaN values, ...)
     */
    public Identification identifyElements() throws Exception {
        if (current == null) {
            throw new IllegalStateException("open a spectrum first");
        }
        if (record.catalog().find(IDENTIFY).isEmpty()) {
            throw new IllegalStateException("no element identification is installed (" + IDENTIFY + ")");
        }
        record.monitor().reset();
        Dataset stack = (Dataset) record.run(IDENTIFY, Map.of("data", current), Map.of(), null).get("probabilities");
        int n = (int) (stack.size() / stack.shape()[0]);
        List<Map.Entry<String, Double>> p = new ArrayList<>();
        tessera.core.analysis.ElementMaps.sums(stack).forEach((el, sum) -> p.add(Map.entry(el, sum / n)));
        p.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        Map<String, Double> sorted = new java.util.LinkedHashMap<>();
        p.forEach(e -> sorted.put(e.getKey(), e.getValue()));
        @SuppressWarnings("unchecked")
        List<String> el = List.copyOf((List<String>) stack.metadata().get(tessera.core.analysis.Classification.PREDICTED_KEY));
        changed("identify elements");
        return new Identification(el, sorted, ((Number) stack.metadata().get(tessera.core.analysis.Classification.THRESHOLD_KEY)).doubleValue());
    }

    /** the valence-maps step the spectrum view's "Oxidation state" runs after the element's classifier */
    public static final String VALENCE_MAPS = tessera.pipeline.ValenceJob.MAPS_STEP;

    /**
     * An oxidation-state result of the current dataset.
     *
     * @param element       "Mn" or "Fe"
     * @param classes       class names (e.g. Mn2+, Mn3+, Mn4+)
     * @param probabilities the classifier's stack {@code [classes, nav...]}
     * @param maps          the valence maps {@code [8, nav...]} (mean valence, spread, class, L3/L2 ratio, its valence,
     *                      L3 energy, its valence, novelty)
     */
    public record Valence(String element, List<String> classes, Dataset probabilities, Dataset maps) {
        /** @return number of spectra */
        public int size() {
            return (int) (probabilities.size() / classes.size());
        }

        /**
         * @param i spectrum index (row-major navigation order)
         * @return "Mn2+ 0.02, Mn3+ 0.91, Mn4+ 0.07; mean valence 3.05 (L3/L2 ratio 2.61: 2.98); novelty 0.8"
         */
        public String describe(int i) {
            int n = size();
            StringBuilder b = new StringBuilder();
            for (int j = 0; j < classes.size(); j++) {
                b.append(j == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%s %.2f", classes.get(j), probabilities.getDouble((long) j * n + i)));
            }
            return b.append(String.format(java.util.Locale.ROOT, "; mean valence %.2f (L3/L2 ratio %.2f: %.2f); novelty %.2f", maps.getDouble(i),
                    maps.getDouble(3L * n + i), maps.getDouble(4L * n + i), maps.getDouble(7L * n + i))).toString();
        }

        /** @return "Mn: " and the means over the spectra ({@link tessera.pipeline.ValenceJob.Summary#describe}) */
        public String summary() {
            return element + ": " + tessera.pipeline.ValenceJob.Summary.of(maps).describe();
        }
    }

    /**
     * The oxidation state of Mn or Fe in the current dataset: the element's shipped classifier
     * ({@code tessera.valence.mn} / {@code .fe}, default model) and the valence maps with the white-line baseline, both
     * recorded as steps (the same as {@code tessera valence}).
     *
     * @param element "Mn" or "Fe"
     * @return the result
     * @throws IllegalStateException if no dataset is open or no valence classifier is installed for the element
     * @throws Exception             what the steps throw (edge outside the axis, dispersion too coarse, no eV calibration)
     */
    public Valence valence(String element) throws Exception {
        if (current == null) {
            throw new IllegalStateException("open a spectrum first");
        }
        String id = tessera.pipeline.ValenceJob.classifier(element);
        if (record.catalog().find(id).isEmpty()) {
            throw new IllegalStateException("no oxidation-state classifier is installed for " + element + " (" + id + ")");
        }
        record.monitor().reset();
        Dataset stack = (Dataset) record.run(id, Map.of("data", current), Map.of(), null).get("probabilities");
        Dataset maps = (Dataset) record.run(VALENCE_MAPS, Map.of("data", current, "probabilities", stack), Map.of("element", element), null).get("maps");
        changed(element + " oxidation state");
        return new Valence(element, tessera.core.analysis.ElementMaps.labels(stack), stack, maps);
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
        return run(stepId, parameters, null);
    }

    /**
     * Runs a decomposer, blind source separation, unmixing or clusterer step on the current dataset, exactly as a
     * pipeline step with the same id, inputs and parameters would run:
     * <ul>
     * <li>a decomposer decomposes the data (and becomes the "last decomposition");</li>
     * <li>a separation separates the last decomposition (with none, PCA with its defaults runs first and is recorded
     *   too), as HyperSpy's {@code blind_source_separation};</li>
     * <li>an unmixing estimates the abundances of the endmembers from {@code endmembers}: {@link #FROM_DECOMPOSITION}
     *   (the last decomposition's factors, e.g. N-FINDR's endmembers), {@link #FROM_SEPARATION} or
     *   {@link #FROM_CLUSTERS} (the clusters' mean spectra); null picks the last decomposition, else the last
     *   clustering;</li>
     * <li>a clusterer clusters the last decomposition's scores (PCA first if none).</li>
     * </ul>
     *
     * @param stepId     e.g. {@code tessera.decompose.nmf}
     * @param parameters raw values by parameter name (validated against the step's {@link ParameterSpec}s)
     * @param endmembers for an unmixing, one of {@link #ENDMEMBER_SOURCES} or null; ignored by the other steps
     * @return the step's result: a {@link DecompositionResult}, a {@link ClusterResult} or, for an atom finder on an
     *         image, the {@link Atoms}
     * @throws IllegalStateException    if no dataset is open, or the unmixing's endmember source has not been run, or an
     *                                  atom finder is run on a dataset that is not one image
     * @throws IllegalArgumentException if no such step is installed or the workbench does not run its kind (an embedding,
     *                                  a discriminant), or {@code endmembers} is no source
     * @throws Exception                what the step throws (invalid parameters: IllegalArgumentException naming the parameter)
     */
    public Object run(String stepId, Map<String, ?> parameters, String endmembers) throws Exception {
        if (current == null) {
            throw new IllegalStateException("open a spectrum image first");
        }
        StepDescriptor d = record.catalog().find(stepId).orElseThrow(() -> new IllegalArgumentException("no installed step '" + stepId + "'"));
        if (isAtomFinder(d)) {
            if (!isImage(current)) {
                throw new IllegalStateException("an atom finder needs one 2-D image; the open dataset is " + java.util.Arrays.toString(current.shape()));
            }
            record.monitor().reset();
            Map<String, Object> out = record.run(stepId, Map.of("image", current), parameters, null);
            double[] pos = ((Dataset) out.get("positions")).toDoubleArray(), sd = ((Dataset) out.get("positionStd")).toDoubleArray();
            Dataset subs = (Dataset) out.get("sublattice");
            int n = pos.length / 2;
            double[] ys = new double[n], xs = new double[n];
            double[][] std = new double[n][];
            int[] sub = new int[n];
            for (int i = 0; i < n; i++) {
                ys[i] = pos[2 * i];
                xs[i] = pos[2 * i + 1];
                std[i] = new double[] {sd[2 * i], sd[2 * i + 1]};
                sub[i] = (int) subs.getDouble(i);
            }
            Dataset p = (Dataset) out.get("positions");
            atoms = new Atoms(stepId, ys, xs, std, sub, ((Dataset) out.get("intensity")).toDoubleArray(), p.metadata().number("Signal.pixel_size").orElse(1),
                    String.valueOf(p.metadata().get("Signal.pixel_units")));
            changed("run " + stepId + " " + parameters);
            return atoms;
        }
        boolean clusterer = isClusterer(d);
        boolean separator = isSeparator(d);
        boolean unmixer = isUnmixer(d);
        if (!clusterer && !separator && !unmixer && !isDecomposer(d)) {
            throw new IllegalArgumentException("step '" + stepId + "' is neither a decomposer (data -> result: DECOMPOSITION), a separation "
                    + "(decomposition -> result), an unmixing (data + endmembers -> result) nor a clusterer (scores -> result: CLUSTERING); "
                    + "the workbench does not run it");
        }
        Map<String, Object> unmixInputs = null;
        String source = null;
        if (unmixer) {
            source = endmembers != null ? endmembers : decomposition != null ? FROM_DECOMPOSITION : FROM_CLUSTERS;
            Object from = switch (source) {
                case FROM_DECOMPOSITION -> decomposition;
                case FROM_SEPARATION -> separation;
                case FROM_CLUSTERS -> clusters;
                default -> throw new IllegalArgumentException("endmember source '" + endmembers + "' is none of " + ENDMEMBER_SOURCES);
            };
            if (from == null) {
                throw new IllegalStateException(switch (source) {
                    case FROM_DECOMPOSITION -> "the endmembers come from the last decomposition: run one first (e.g. N-FINDR or VCA)";
                    case FROM_SEPARATION -> "the endmembers come from the last blind source separation: run one first";
                    default -> "the endmembers come from the last clustering's means: run a decomposition (e.g. N-FINDR) or a clustering first";
                });
            }
            unmixInputs = Map.of("data", current, source.equals(FROM_CLUSTERS) ? "clusters" : "endmembers", from);
        }
        record.monitor().reset(); // a Cancel of the previous job must not cancel this one
        Object result;
        if (clusterer || separator) {
            if (decomposition == null) {
                decomposition = (DecompositionResult) record.run(AnalyzeJob.PCA, Map.of("data", current), Map.of(), null).get("result");
            }
        }
        if (clusterer) {
            result = record.run(stepId, Map.of("scores", decomposition), parameters, null).get("result");
            clusters = (ClusterResult) result;
            clusterStep = d;
        } else if (separator) {
            result = record.run(stepId, Map.of("decomposition", decomposition), parameters, null).get("result");
            separation = (DecompositionResult) result;
        } else if (unmixer) {
            result = record.run(stepId, unmixInputs, parameters, null).get("result");
            unmixing = (DecompositionResult) result;
        } else if (ForwardModels.isGuided(d.step())) {
            // physics-guided: the forward model of the data's kind (EDX or EELS), recorded as its own step, then the decomposition
            String modelId = ForwardModels.stepFor(current);
            StepDescriptor m = record.catalog().find(modelId).orElseThrow(() -> new IllegalStateException("no forward model '" + modelId + "' is installed"));
            Map<String, Object> all = new java.util.LinkedHashMap<>(parameters);
            if (all.get(DecompositionPart.ELEMENTS) instanceof String el && el.isBlank()) {
                all.remove(DecompositionPart.ELEMENTS);
            }
            List<Map<String, Object>> split = ForwardModels.split(all, m.step(), d.step());
            Object model = record.run(modelId, Map.of("data", current), split.get(0), null).get("model");
            result = record.run(stepId, Map.of("data", current, "model", model), split.get(1), null).get("result");
            decomposition = (DecompositionResult) result;
            separation = null;
        } else {
            result = record.run(stepId, Map.of("data", current), parameters, null).get("result");
            decomposition = (DecompositionResult) result;
            separation = null;
        }
        changed("run " + stepId + " " + parameters + (unmixer ? " endmembers=" + source : ""));
        return result;
    }

    /** @return the user's actions so far (the record's plan), one per line */
    public List<String> actions() {
        return List.copyOf(actions);
    }
}
