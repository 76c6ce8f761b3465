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

import tessera.core.analysis.Algorithm;
import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.DecompositionResult;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.core.registry.Contribution;
import tessera.core.registry.Registry;
import tessera.pipeline.WrittenFile;
import tessera.report.ClusterNumberCurve;

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
    private static final Map<String, String> ESTIMATE_ALIASES = Map.of("number_of_components", "components", "n_ref", "nReferences",
            "random_state", "seed");
    /** scikit-learn's parameter names (camelCased) for Tessera's, used where the algorithm does not declare the former */
    private static final Map<String, String> SKLEARN_NAMES = Map.of("tol", "tolerance", "covarianceType", "covariance", "clusterSelectionMethod",
            "clusterSelection", "nClusters", "k", "maxIter", "maxIterations", "nInit", "runs", "randomState", "seed");
    /** HyperSpy's algorithm names (and scikit-learn class names) for Tessera's clusterers */
    private static final Map<String, String> CLUSTERER_NAMES = Map.of("k-means", "tessera.cluster.kmeans", "minibatchkmeans",
            "tessera.cluster.minibatch-kmeans", "gaussianmixture", "tessera.cluster.gmm", "agglomerativeclustering", "tessera.cluster.agglomerative");

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
        if (learning_results == null || learning_results.factors == null) {
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
     * Clusters the navigation positions, as HyperSpy 1.7's {@code s.cluster_analysis(cluster_source, ...)}: on the
     * scores (loadings) of the last decomposition ({@code cluster_source="decomposition"}, the default), on the
     * spectra themselves ({@code "signal"}), or on another signal with the same navigation shape, such as the
     * embedding {@link #umap} returns; after the {@code preprocessing} HyperSpy offers. The labels (-1: noise, for
     * DBSCAN/HDBSCAN) are kept in {@link #learning_results} and read with {@link #get_cluster_labels}.
     *
     * @param options {@code cluster_source} ({@code "decomposition"}, {@code "signal"} or a signal), {@code algorithm}
     *                ({@code "kmeans"}, {@code "agglomerative"}, {@code "minibatchkmeans"}, {@code "gmm"}
     *                (alias {@code "gaussianmixture"}), {@code "dbscan"}, {@code "hdbscan"}, or any clusterer id),
     *                {@code n_clusters}, {@code number_of_components}, {@code preprocessing} ({@code "norm"},
     *                {@code "standard"}, {@code "minmax"} or none), {@code seed} (alias {@code random_state}), and the
     *                clusterer's own parameters in snake_case or camelCase ({@code linkage}, {@code covariance_type},
     *                {@code min_cluster_size}, {@code eps}, ...; {@code plugins()} lists them)
     * @throws IllegalStateException    if the source is the decomposition and none was run first
     * @throws IllegalArgumentException for an unknown algorithm, source or option, a value out of range, or a source
     *                                  signal whose navigation shape differs from this signal's
     */
    @Export
    public void cluster_analysis(Value options) {
        Signal other = Options.hostObject(options, "cluster_source", Signal.class);
        Map<String, Object> o = Options.of(options, "cluster_analysis", "cluster_source");
        String algorithm = o.containsKey("algorithm") ? String.valueOf(o.remove("algorithm")) : "kmeans";
        String id = algorithmId(Registry.CLUSTERERS, algorithm, CLUSTERER_NAMES);
        Map<String, Object> in = featureSource(other, o.remove("cluster_source"), "cluster_analysis");
        Map<String, Object> p = algorithmOptions(id, o, CLUSTER_ALIASES);
        ClusterResult r = (ClusterResult) step(id, in, p, "result");
        clusters = r;
        Metadata md = new Metadata();
        md.title("Cluster labels");
        Dataset labels = Dataset.ofInts(r.labels().clone(), navigationAsSignal(r.labels().length), md);
        host.record().alias(labels, r);
        LearningResults lr = learning_results != null ? learning_results : new LearningResults();
        lr.cluster_labels = new Signal(host, labels);
        lr.number_of_clusters = r.k();
        lr.cluster_algorithm = id;
        learning_results = lr;
    }

    /**
     * Estimates the number of clusters with the defaults (gap statistic of k-means on the decomposition scores,
     * k up to 10), as {@link #estimate_number_of_clusters(Value)}.
     *
     * @return the estimated number of clusters
     */
    @Export
    public int estimate_number_of_clusters() {
        return estimate_number_of_clusters(null);
    }

    /**
     * Estimates the number of clusters, as HyperSpy 1.7's {@code s.estimate_number_of_clusters(cluster_source, ...)}
     * (step {@code tessera.pipeline.estimate-clusters}): the clusterer is run for each k up to {@code max_clusters}
     * and k is chosen by the {@code metric}: {@code "gap"} (Tibshirani et al. 2001, doi:10.1111/1467-9868.00293),
     * {@code "elbow"} or {@code "silhouette"} (Rousseeuw 1987, doi:10.1016/0377-0427(87)90125-7). The curve is
     * kept as {@code learning_results.cluster_metric_data} against {@code cluster_metric_index}, and the result as
     * {@code estimated_number_of_clusters}.
     *
     * @param options {@code cluster_source}, {@code number_of_components}, {@code preprocessing} as
     *                {@link #cluster_analysis(Value)}; {@code algorithm} (one with a number of clusters: kmeans,
     *                agglomerative, minibatchkmeans, gmm), {@code max_clusters} (10), {@code metric} ({@code "gap"}),
     *                {@code n_ref} (4, reference sets of the gap statistic), {@code seed} (alias {@code random_state})
     * @return the estimated number of clusters
     * @throws IllegalStateException    if the source is the decomposition and none was run first
     * @throws IllegalArgumentException for an unknown algorithm, metric or option, or max_clusters not below the number
     *                                  of navigation positions
     */
    @Export
    public int estimate_number_of_clusters(Value options) {
        Signal other = Options.hostObject(options, "cluster_source", Signal.class);
        Map<String, Object> o = Options.of(options, "estimate_number_of_clusters", "cluster_source");
        String algorithm = o.containsKey("algorithm") ? String.valueOf(o.remove("algorithm")) : "kmeans";
        Map<String, Object> in = featureSource(other, o.remove("cluster_source"), "estimate_number_of_clusters");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("algorithm", algorithmId(Registry.CLUSTERERS, algorithm, CLUSTERER_NAMES));
        o.forEach((k, v) -> p.put(Options.parameterName(k, ESTIMATE_ALIASES), v));
        Map<String, Object> out;
        try {
            out = host.record().run("tessera.pipeline.estimate-clusters", in, p, host.files().workingDirectory());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
        int k = (Integer) out.get("k");
        ClusterNumberCurve curve = (ClusterNumberCurve) out.get("curve");
        LearningResults lr = learning_results != null ? learning_results : new LearningResults();
        lr.cluster_metric = curve.metric();
        lr.cluster_metric_index = curve.k().clone();
        lr.cluster_metric_data = curve.values().clone();
        lr.estimated_number_of_clusters = k;
        learning_results = lr;
        return k;
    }

    /**
     * Embeds the navigation positions with UMAP with the defaults, as {@link #umap(Value)}.
     *
     * @return the embedding
     */
    @Export
    public Signal umap() {
        return umap(null);
    }

    /**
     * Embeds the navigation positions in 2 (or {@code n_components}) dimensions with UMAP (McInnes, Healy &amp;
     * Melville 2018, arXiv:1802.03426; step {@code tessera.cluster.umap}, umap-learn's names): the scores of the last
     * decomposition ({@code cluster_source="decomposition"}, the default) or the spectra ({@code "signal"}). The
     * result is a signal {@code [navigation..., n_components]} that {@code cluster_analysis({cluster_source: e,
     * algorithm: "hdbscan"})} clusters (the pipeline of Blanco-Portals et al. 2021).
     *
     * @param options {@code cluster_source}, {@code number_of_components}, {@code preprocessing} as
     *                {@link #cluster_analysis(Value)}; {@code n_neighbors} (15), {@code n_components} (2),
     *                {@code min_dist} (0.1), {@code spread}, {@code n_epochs}, {@code learning_rate},
     *                {@code negative_sample_rate}, {@code repulsion_strength}, {@code metric}, {@code init},
     *                {@code seed} (alias {@code random_state})
     * @return the embedding, float64, navigation axes of this signal and one signal axis "embedding"
     * @throws IllegalStateException    if the source is the decomposition and none was run first
     * @throws IllegalArgumentException for an unknown option or a value out of range
     */
    @Export
    public Signal umap(Value options) {
        Map<String, Object> o = Options.of(options, "umap");
        String id = algorithmId(Registry.CLUSTERERS, "umap", Map.of());
        Map<String, Object> in = featureSource(null, o.remove("cluster_source"), "umap");
        Map<String, Object> p = algorithmOptions(id, o, CLUSTER_ALIASES);
        return derived((Dataset) step(id, in, p, "data"));
    }

    /**
     * The feature input of a clustering or embedding step.
     *
     * @param other  a signal given as the source, or null
     * @param source {@code "decomposition"}, {@code "signal"} or null (decomposition)
     * @param call   the facade call, for messages
     * @return the step input: {@code scores} (the decomposition) or {@code data} (a dataset)
     */
    private Map<String, Object> featureSource(Signal other, Object source, String call) {
        if (other != null) {
            if (other.dataset.navigationSize() != dataset.navigationSize()) {
                throw new IllegalArgumentException(call + ": the cluster_source signal has " + other.dataset.navigationSize()
                        + " navigation positions, this signal " + dataset.navigationSize());
            }
            return Map.of("data", other.dataset);
        }
        String s = source == null ? "decomposition" : Options.lower(source);
        return switch (s) {
            case "decomposition" -> {
                if (decomposition == null) {
                    throw new IllegalStateException(call + ": no decomposition yet: call decomposition(...) first, or use cluster_source=\"signal\"");
                }
                yield Map.of("scores", decomposition);
            }
            case "signal" -> Map.of("data", dataset);
            default -> throw new IllegalArgumentException(call + ": cluster_source must be \"decomposition\", \"signal\" or a signal, not '" + source + "'");
        };
    }

    /**
     * Maps HyperSpy/scikit-learn option names onto the parameters of a clusterer or embedder: an alias, the
     * camelCase form, or (for names the algorithm does not declare) scikit-learn's spelling of one it does
     * ({@code tol} for {@code tolerance}, {@code covariance_type} for {@code covariance}, {@code cluster_selection_method}
     * for {@code clusterSelection}).
     */
    private Map<String, Object> algorithmOptions(String id, Map<String, Object> o, Map<String, String> aliases) {
        java.util.Set<String> declared = new java.util.HashSet<>();
        host.registry().find(Registry.CLUSTERERS, id).orElseThrow().create(Algorithm.class).parameters().forEach(s -> declared.add(s.name()));
        Map<String, Object> p = new LinkedHashMap<>();
        o.forEach((k, v) -> {
            String name = Options.parameterName(k, aliases);
            if (!declared.contains(name) && SKLEARN_NAMES.containsKey(name) && declared.contains(SKLEARN_NAMES.get(name))) {
                name = SKLEARN_NAMES.get(name);
            }
            p.put(name, v);
        });
        return p;
    }

    /** @return the navigation axes of this signal as signal axes, or one uncalibrated axis of n positions */
    private List<Axis> navigationAsSignal(int n) {
        List<Axis> nav = new ArrayList<>();
        dataset.navigationAxes().forEach(a -> nav.add(a.withNavigate(false)));
        if (nav.isEmpty() || nav.stream().mapToLong(Axis::size).reduce(1, (a, b) -> a * b) != n) {
            nav.clear();
            nav.add(Axis.uncalibrated("position", n, false));
        }
        return nav;
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
