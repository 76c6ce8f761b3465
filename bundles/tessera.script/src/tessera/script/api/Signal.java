package tessera.script.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.graalvm.polyglot.HostAccess.Export;
import org.graalvm.polyglot.Value;

import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.DecompositionResult;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.core.registry.Contribution;
import tessera.core.registry.Registry;
import tessera.pipeline.WrittenFile;

/**
 * A calibrated dataset in a script, named and used as HyperSpy's {@code BaseSignal}
 * (HyperSpy 1.7.3, doi:10.5281/zenodo.7263263): {@code shape}, {@code axes}, {@code metadata},
 * {@code data}, {@code isig}, {@code sum}/{@code mean}, {@code decomposition},
 * {@code cluster_analysis}, {@code save}, {@code plot}. Every operation runs as a recorded pipeline
 * step (same step ids, typed parameters and seeds as {@code tessera run}) and returns a new signal;
 * a signal's array is never modified.
 *
 * <p>Options are keyword arguments in Python ({@code s.decomposition(algorithm="NMF", output_dimension=3)})
 * and one object in JavaScript ({@code s.decomposition({algorithm: "NMF", output_dimension: 3})}).
 * Option names are HyperSpy's snake_case; they map onto the step's parameters (see docs/scripting.md).
 */
public final class Signal {
    private static final Map<String, String> DECOMPOSITION_ALIASES = Map.of("output_dimension", "components", "max_iter", "maxIterations",
            "random_state", "seed", "centre", "centre", "center", "centre");
    private static final Map<String, String> CLUSTER_ALIASES = Map.of("n_clusters", "k", "number_of_components", "components", "max_iter",
            "maxIterations", "random_state", "seed", "n_init", "runs");

    /** shape in array order (navigation axes first, signal axes last), as NumPy's {@code s.data.shape} */
    @Export
    public final int[] shape;
    /** NumPy dtype name of the array */
    @Export
    public final String dtype;
    /** the title ({@code metadata.General.title}) */
    @Export
    public final String title;
    /** the axes in array order */
    @Export
    public final AxisInfo[] axes;
    /** the metadata tree, read-only ({@code s.metadata.Acquisition_instrument.TEM.beam_energy}) */
    @Export
    public final Object metadata;
    /** the array, a view without copy */
    @Export
    public final NDArray data;
    /** results of the last decomposition and cluster analysis, or null */
    @Export
    public LearningResults learning_results;

    private final Host host;
    private final Dataset dataset;
    private DecompositionResult decomposition;
    private ClusterResult clusters;

    Signal(Host host, Dataset dataset) {
        this.host = host;
        this.dataset = dataset;
        this.shape = dataset.shape();
        this.dtype = dataset.dtype().numpyName();
        this.title = dataset.metadata().title();
        List<Axis> ax = dataset.axes();
        this.axes = new AxisInfo[ax.size()];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = new AxisInfo(ax.get(i));
        }
        this.metadata = new ReadOnlyTree(dataset.metadata().tree(), "metadata");
        this.data = new NDArray(host, dataset);
    }

    /** @return the dataset behind this signal (for Java callers) */
    public Dataset dataset() {
        return dataset;
    }

    private Signal derived(Dataset d) {
        return new Signal(host, d);
    }

    private Object step(String id, Map<String, Object> inputs, Map<String, Object> params, String output) {
        try {
            return host.record().run(id, inputs, params, host.files().workingDirectory()).get(output);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    /**
     * Crops the signal axis to the calibrated range {@code [low, high]} (in the axis' units: keV for EDX,
     * eV for EELS), as HyperSpy's {@code s.isig[low:high]} with float bounds; step {@code tessera.pipeline.crop-signal}.
     * Python also accepts {@code s.isig[low:high]}.
     *
     * @param low  first value kept, or null/None for the axis start
     * @param high last value kept, or null/None for the axis end
     * @return the cropped signal
     */
    @Export
    public Signal isig(Value low, Value high) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("low", Options.plain(low, "isig"));
        p.put("high", Options.plain(high, "isig"));
        return derived((Dataset) step("tessera.pipeline.crop-signal", Map.of("data", dataset), p, "data"));
    }

    /** @return the sum over the navigation axes (the sum spectrum), as HyperSpy's {@code s.sum()} */
    @Export
    public Signal sum() {
        return sum(null);
    }

    /**
     * Sum over an axis (step {@code tessera.pipeline.reduce}).
     *
     * @param axis an axis name, an index in array order (negative from the end), {@code "navigation"} or {@code "signal"}
     * @return the float64 result without that axis
     */
    @Export
    public Signal sum(Value axis) {
        return reduce("sum", axis);
    }

    /** @return the mean over the navigation axes (the mean spectrum) */
    @Export
    public Signal mean() {
        return mean(null);
    }

    /**
     * Mean over an axis (step {@code tessera.pipeline.reduce}).
     *
     * @param axis as for {@link #sum(Value)}
     * @return the float64 result without that axis
     */
    @Export
    public Signal mean(Value axis) {
        return reduce("mean", axis);
    }

    private Signal reduce(String op, Value axis) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("operation", op);
        p.put("axis", Options.axis(axis));
        return derived((Dataset) step("tessera.pipeline.reduce", Map.of("data", dataset), p, "data"));
    }

    /** Decomposes with HyperSpy's defaults (SVD, i.e. {@code tessera.decompose.pca}, all components). */
    @Export
    public void decomposition() {
        decomposition(null);
    }

    /**
     * Decomposes the signal, as HyperSpy's {@code s.decomposition(...)}: the result is kept in
     * {@link #learning_results} and read with {@link #get_decomposition_factors} and
     * {@link #get_decomposition_loadings}.
     *
     * @param options {@code algorithm} ({@code "SVD"}/{@code "PCA"}, {@code "NMF"}, or any decomposer id; default SVD),
     *                {@code output_dimension} (components), {@code normalize_poissonian_noise}, {@code seed}
     *                (alias {@code random_state}), {@code max_iter}, {@code tol}, and the decomposer's other parameters
     * @throws IllegalArgumentException for an unknown algorithm or option, or a value out of range
     */
    @Export
    public void decomposition(Value options) {
        Map<String, Object> o = Options.of(options, "decomposition");
        String algorithm = o.containsKey("algorithm") ? String.valueOf(o.remove("algorithm")) : "SVD";
        String id = algorithmId(Registry.DECOMPOSERS, algorithm, Map.of("svd", "tessera.decompose.pca"));
        Map<String, Object> p = new LinkedHashMap<>();
        o.forEach((k, v) -> p.put(Options.parameterName(k, DECOMPOSITION_ALIASES), v));
        DecompositionResult r = (DecompositionResult) step(id, Map.of("data", dataset), p, "result");
        decomposition = r;
        clusters = null;
        String what = id.substring(id.lastIndexOf('.') + 1).toUpperCase(Locale.ROOT);
        Signal f = view(r.factors(), what + " factors", r);
        Signal l = view(r.loadings(), what + " loadings", r);
        learning_results = new LearningResults(id, r.components(), f, l, r.explainedVarianceRatio());
    }

    private Signal view(Dataset d, String t, Object of) {
        Metadata md = d.metadata().copy();
        md.title(t);
        Dataset titled = d.withMetadata(md);
        host.record().alias(titled, of);
        return new Signal(host, titled);
    }

    private String algorithmId(String point, String name, Map<String, String> aliases) {
        String n = name.toLowerCase(Locale.ROOT);
        if (aliases.containsKey(n)) {
            return aliases.get(n);
        }
        List<Contribution> all = host.registry().contributions(point);
        for (Contribution c : all) {
            if (c.id().equals(name) || c.id().toLowerCase(Locale.ROOT).endsWith("." + n)) {
                return c.id();
            }
        }
        List<String> known = new ArrayList<>();
        all.forEach(c -> known.add(c.id()));
        throw new IllegalArgumentException("unknown algorithm '" + name + "'; installed " + point + ": " + known);
    }

    /**
     * @return the factors of the last decomposition, {@code [k, signal axes...]}, titled e.g. "NMF factors"
     * @throws IllegalStateException if no decomposition was run on this signal
     */
    @Export
    public Signal get_decomposition_factors() {
        return learning().factors;
    }

    /**
     * @return the loadings of the last decomposition, {@code [k, navigation axes as signal axes]}
     * @throws IllegalStateException if no decomposition was run on this signal
     */
    @Export
    public Signal get_decomposition_loadings() {
        return learning().loadings;
    }

    private LearningResults learning() {
        if (learning_results == null) {
            throw new IllegalStateException("no decomposition yet: call decomposition(...) first");
        }
        return learning_results;
    }

    /** Clusters with the defaults (k-means, 3 clusters, on all components of the last decomposition). */
    @Export
    public void cluster_analysis() {
        cluster_analysis(null);
    }

    /**
     * Clusters the navigation positions on the scores (loadings) of the last decomposition, as
     * HyperSpy's {@code s.cluster_analysis(cluster_source="decomposition", ...)}.
     *
     * @param options {@code cluster_source} (only {@code "decomposition"}), {@code algorithm} ({@code "kmeans"} or any
     *                clusterer id), {@code n_clusters}, {@code number_of_components}, {@code seed} (alias
     *                {@code random_state}), {@code max_iter}, {@code n_init}, {@code tol}
     * @throws IllegalStateException    if no decomposition was run first
     * @throws IllegalArgumentException for an unknown algorithm or option, or a value out of range
     */
    @Export
    public void cluster_analysis(Value options) {
        Map<String, Object> o = Options.of(options, "cluster_analysis");
        Object source = o.remove("cluster_source");
        if (source != null && !"decomposition".equals(source)) {
            throw new IllegalArgumentException("cluster_analysis: cluster_source must be \"decomposition\" (clustering the signal itself is not supported), not '"
                    + source + "'");
        }
        LearningResults lr = learning();
        String algorithm = o.containsKey("algorithm") ? String.valueOf(o.remove("algorithm")) : "kmeans";
        String id = algorithmId(Registry.CLUSTERERS, algorithm, Map.of("k-means", "tessera.cluster.kmeans"));
        Map<String, Object> p = new LinkedHashMap<>();
        o.forEach((k, v) -> p.put(Options.parameterName(k, CLUSTER_ALIASES), v));
        ClusterResult r = (ClusterResult) step(id, Map.of("scores", decomposition), p, "result");
        clusters = r;
        List<Axis> nav = new ArrayList<>();
        dataset.navigationAxes().forEach(a -> nav.add(a.withNavigate(false)));
        if (nav.isEmpty() || nav.stream().mapToLong(Axis::size).reduce(1, (a, b) -> a * b) != r.labels().length) {
            nav.clear();
            nav.add(Axis.uncalibrated("position", r.labels().length, false));
        }
        Metadata md = new Metadata();
        md.title("Cluster labels");
        Dataset labels = Dataset.ofInts(r.labels().clone(), nav, md);
        host.record().alias(labels, r);
        lr.cluster_labels = new Signal(host, labels);
        lr.number_of_clusters = r.k();
        lr.cluster_algorithm = id;
    }

    /**
     * @return the cluster label of each navigation position (int32, on the navigation axes)
     * @throws IllegalStateException if no cluster analysis was run on this signal
     */
    @Export
    public Signal get_cluster_labels() {
        if (learning_results == null || learning_results.cluster_labels == null) {
            throw new IllegalStateException("no cluster analysis yet: call cluster_analysis(...) first");
        }
        return learning_results.cluster_labels;
    }

    /**
     * Saves the signal as {@link #save(String, Value)} with no options.
     *
     * @param filename the file
     * @return the absolute path written
     */
    @Export
    public String save(String filename) {
        return save(filename, null);
    }

    /**
     * Saves the signal (step {@code tessera.pipeline.save}); the extension picks the writer: {@code .hspy}
     * (HyperSpy's HDF5 format, with the learning results of this signal, as HyperSpy saves them) or
     * {@code .npy} (the array only). Missing parent folders are created. The file must be inside the
     * working directory or a path given on the command line.
     *
     * @param filename the file, relative to the working directory
     * @param options  {@code title} (prefix of the saved titles)
     * @return the absolute path written
     * @throws SecurityException if the path is outside what the script may write
     */
    @Export
    public String save(String filename, Value options) {
        Map<String, Object> o = Options.of(options, "save");
        Path file = host.files().forSave(filename);
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("data", dataset);
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            if (decomposition != null) {
                in.put("decomposition", decomposition);
            }
            if (clusters != null) {
                in.put("clusters", clusters);
            }
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("file", file.getFileName().toString());
        if (o.get("title") != null) {
            p.put("title", o.remove("title"));
        }
        if (!o.isEmpty()) {
            throw new IllegalArgumentException("save: unknown option(s) " + o.keySet() + "; known: [title]");
        }
        return written(file, "tessera.pipeline.save", in, p);
    }

    /**
     * Plots as {@link #plot(String, Value)} with no options.
     *
     * @param filename the PNG file
     * @return the absolute path written
     */
    @Export
    public String plot(String filename) {
        return plot(filename, null);
    }

    /**
     * Draws the signal into a PNG file (step {@code tessera.pipeline.plot}): spectra as curves (one per
     * navigation position up to 16, else the mean spectrum), images and maps as colour-mapped panels.
     *
     * @param filename the PNG file, relative to the working directory
     * @param options  {@code title}
     * @return the absolute path written
     * @throws SecurityException if the path is outside what the script may write
     */
    @Export
    public String plot(String filename, Value options) {
        Map<String, Object> o = Options.of(options, "plot");
        Path file = host.files().forSave(filename);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("file", file.getFileName().toString());
        if (o.get("title") != null) {
            p.put("title", o.remove("title"));
        }
        if (!o.isEmpty()) {
            throw new IllegalArgumentException("plot: unknown option(s) " + o.keySet() + "; known: [title]");
        }
        return written(file, "tessera.pipeline.plot", Map.of("data", dataset), p);
    }

    private String written(Path file, String stepId, Map<String, Object> in, Map<String, Object> p) {
        try {
            Files.createDirectories(file.getParent());
            Map<String, Object> out = host.record().run(stepId, in, p, file.getParent());
            return ((WrittenFile) out.get("file")).path().toString();
        } catch (RuntimeException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    /** @return a one-line description: title, axes and sizes ({@code navigation | signal}) and dtype */
    @Export
    public String repr() {
        StringBuilder sb = new StringBuilder("<Signal, title: ").append(title.isEmpty() ? "(none)" : title).append(", dimensions: (");
        boolean bar = false;
        for (int i = 0; i < axes.length; i++) {
            if (!axes[i].navigate && !bar) {
                sb.append(i == 0 ? "|" : "|");
                bar = true;
            } else if (i > 0) {
                sb.append(", ");
            }
            sb.append(axes[i].name).append('=').append(axes[i].size);
        }
        if (!bar) {
            sb.append('|');
        }
        return sb.append("), dtype: ").append(dtype).append('>').toString();
    }

    @Export
    @Override
    public String toString() {
        return repr();
    }
}
