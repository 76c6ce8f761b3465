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
    private static final Map<String, String> BSS_ALIASES = Map.of("number_of_components", "components", "random_state", "seed");
    private static final Map<String, String> UNMIX_ALIASES = Map.of("random_state", "seed");
    /** element names of the {@code tessera.core.decomposers} point */
    private static final String DECOMPOSER = "decomposer";
    private static final String SEPARATION = "separation";
    private static final String UNMIXING = "unmixing";
    private static final String EMBEDDING = "embedding";
    private static final String DISCRIMINANT = "discriminant";
    /** HyperSpy's decomposition algorithm names and common spellings for Tessera's decomposers */
    private static final Map<String, String> DECOMPOSER_NAMES = Map.of("svd", "tessera.decompose.pca", "sklearn_pca", "tessera.decompose.pca",
            "n-findr", "tessera.decompose.nfindr", "n_findr", "tessera.decompose.nfindr", "correspondence_analysis", "tessera.decompose.ca");
    /** HyperSpy's blind-source-separation algorithm names for Tessera's separations */
    private static final Map<String, String> SEPARATION_NAMES = Map.of("sklearn_fastica", "tessera.decompose.fastica", "ica",
            "tessera.decompose.fastica");
    /** names of the unmixing methods */
    private static final Map<String, String> UNMIXING_NAMES = Map.of("ls", "tessera.decompose.mlr", "least_squares", "tessera.decompose.mlr", "ols",
            "tessera.decompose.mlr", "ucls", "tessera.decompose.mlr");
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
    private DecompositionResult bss;
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
        return outputs(id, inputs, params).get(output);
    }

    /** Runs a step in the script's record and returns all its outputs by port name. */
    private Map<String, Object> outputs(String id, Map<String, Object> inputs, Map<String, Object> params) {
        try {
            return host.record().run(id, inputs, params, host.files().workingDirectory());
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
        String id = algorithmId(Registry.DECOMPOSERS, DECOMPOSER, algorithm, DECOMPOSER_NAMES);
        if (o.get("elements") instanceof List<?> l) {
            o.put("elements", String.join(",", l.stream().map(String::valueOf).toList()));
        }
        Map<String, Object> p = parameters(id, o, DECOMPOSITION_ALIASES);
        tessera.pipeline.Step st = host.record().catalog().find(id).orElseThrow().step();
        DecompositionResult r;
        if (tessera.pipeline.ForwardModels.isGuided(st)) {
            // physics-guided (SmoothNMF): the forward model of the data's kind first, as its own recorded step
            String modelId = tessera.pipeline.ForwardModels.stepFor(dataset);
            tessera.pipeline.Step ms = host.record().catalog().find(modelId)
                    .orElseThrow(() -> new IllegalStateException("no forward model '" + modelId + "' is installed")).step();
            List<Map<String, Object>> split = tessera.pipeline.ForwardModels.split(p, ms, st);
            Dataset model = (Dataset) step(modelId, Map.of("data", dataset), split.get(0), "model");
            r = (DecompositionResult) step(id, Map.of("data", dataset, "model", model), split.get(1), "result");
        } else {
            r = (DecompositionResult) step(id, Map.of("data", dataset), p, "result");
        }
        decomposition = r;
        bss = null;
        clusters = null;
        String what = shortName(id);
        Signal f = view(r.factors(), what + " factors", r);
        Signal l = view(r.loadings(), what + " loadings", r);
        learning_results = new LearningResults(id, r.components(), f, l, r.explainedVarianceRatio(), auxiliary(r, what));
    }

    /** @return the auxiliary datasets of a result as titled signals by snake_case name, in the result's order */
    private Map<String, Signal> auxiliary(DecompositionResult r, String what) {
        Map<String, Signal> m = new LinkedHashMap<>();
        r.auxiliary().forEach((name, d) -> {
            String n = LearningResults.snake(name);
            m.put(n, view(d, what + " " + n.replace('_', ' '), r));
        });
        return m;
    }

    private static String shortName(String id) {
        return id.substring(id.lastIndexOf('.') + 1).toUpperCase(Locale.ROOT);
    }

    /**
     * Separates the first components of the last decomposition, as {@link #blind_source_separation(Value, Value)}
     * with {@code number_of_components} the decomposition's {@code output_dimension}.
     */
    @Export
    public void blind_source_separation() {
        blind_source_separation(null, null);
    }

    /**
     * As {@link #blind_source_separation(Value, Value)}: {@code s.blind_source_separation(3)} or
     * {@code s.blind_source_separation({number_of_components: 3, algorithm: "orthomax"})}.
     *
     * @param numberOrOptions the number of components, or the options
     */
    @Export
    public void blind_source_separation(Value numberOrOptions) {
        if (numberOrOptions != null && numberOrOptions.isNumber()) {
            blind_source_separation(numberOrOptions, null);
        } else {
            blind_source_separation(null, numberOrOptions);
        }
    }

    /**
     * Blind source separation of the last decomposition, as HyperSpy 1.7's
     * {@code s.blind_source_separation(number_of_components, algorithm="sklearn_fastica", diff_order=1, on_loadings=False, ...)}:
     * the first {@code number_of_components} factors (or loadings) of the decomposition are whitened and rotated
     * into independent (FastICA; Hyvärinen, IEEE Trans. Neural Netw. 10 (1999) 626, doi:10.1109/72.761722) or simple
     * (orthomax; Kaiser, Psychometrika 23 (1958) 187, doi:10.1007/BF02289233) components, by the installed
     * {@code separation} step of that id. The result is kept in {@link #learning_results} ({@code bss_factors},
     * {@code bss_loadings}, {@code unmixing_matrix}) and read with {@link #get_bss_factors} and {@link #get_bss_loadings}.
     *
     * @param number    number of components N (at least 2, at most the decomposition's), or null for the
     *                  decomposition's {@code output_dimension}
     * @param options   {@code number_of_components} (if not given as the first argument), {@code algorithm}
     *                  ({@code "sklearn_fastica"}/{@code "fastica"}, {@code "orthomax"}, or any separation id; default
     *                  sklearn_fastica), and the step's parameters in snake_case: {@code diff_order}, {@code on_loadings},
     *                  {@code whiten_method}, {@code reverse_component_criterion}, {@code fun}, {@code max_iter},
     *                  {@code tol}, {@code gamma}, {@code seed} (alias {@code random_state})
     * @throws IllegalStateException    if no decomposition was run on this signal
     * @throws IllegalArgumentException for an unknown algorithm or option, a value out of range, no number of
     *                                  components while the decomposition kept all of them, or (from the step) N
     *                                  above the decomposition's components
     */
    @Export
    public void blind_source_separation(Value number, Value options) {
        if (decomposition == null) {
            throw new IllegalStateException("blind_source_separation: no decomposition yet: call decomposition(...) first");
        }
        Map<String, Object> o = Options.of(options, "blind_source_separation");
        Object n = number == null || number.isNull() ? o.remove("number_of_components") : Options.plain(number, "blind_source_separation");
        o.remove("number_of_components");
        if (n == null) {
            if (!decomposition.parameters().values().containsKey("components") || decomposition.parameters().values().get("components") == null) {
                throw new IllegalArgumentException("blind_source_separation: give number_of_components (the decomposition kept all its "
                        + decomposition.components() + " components; HyperSpy needs number_of_components or output_dimension too)");
            }
            n = (long) decomposition.components();
        }
        String algorithm = o.containsKey("algorithm") ? String.valueOf(o.remove("algorithm")) : "sklearn_fastica";
        String id = algorithmId(Registry.DECOMPOSERS, SEPARATION, algorithm, SEPARATION_NAMES);
        Map<String, Object> p = parameters(id, o, BSS_ALIASES);
        p.put("components", n);
        DecompositionResult r = (DecompositionResult) step(id, Map.of("decomposition", decomposition), p, "result");
        bss = r;
        String what = "BSS " + shortName(id);
        LearningResults lr = learning_results;
        lr.bss_algorithm = id;
        lr.bss_factors = view(r.factors(), what + " factors", r);
        lr.bss_loadings = view(r.loadings(), what + " loadings", r);
        Dataset um = r.auxiliary(DecompositionResult.UNMIXING_MATRIX);
        lr.unmixing_matrix = um == null ? null : view(um, what + " unmixing matrix", r);
    }

    /**
     * @return the separated factors of the last blind source separation, {@code [N, signal axes...]} (HyperSpy's
     *         {@code get_bss_factors})
     * @throws IllegalStateException if no blind source separation was run on this signal
     */
    @Export
    public Signal get_bss_factors() {
        return bssResults().bss_factors;
    }

    /**
     * @return the separated loadings of the last blind source separation, {@code [N, navigation axes as signal axes]}
     *         (HyperSpy's {@code get_bss_loadings})
     * @throws IllegalStateException if no blind source separation was run on this signal
     */
    @Export
    public Signal get_bss_loadings() {
        return bssResults().bss_loadings;
    }

    private LearningResults bssResults() {
        if (learning_results == null || learning_results.bss_factors == null) {
            throw new IllegalStateException("no blind source separation yet: call decomposition(...) and then blind_source_separation(...)");
        }
        return learning_results;
    }

    /**
     * Abundances of known endmembers with the default method, as {@link #unmix(Value, Value)}.
     *
     * @param endmembers the endmember source
     * @return the abundance estimate
     */
    @Export
    public UnmixingResults unmix(Value endmembers) {
        return unmix(endmembers, null);
    }

    /**
     * Estimates the abundance of known endmember spectra in every spectrum of this signal (linear unmixing,
     * S(x, E) = Σ_i a_i(x) w_i(E) + N; Keshava &amp; Mustard 2002, doi:10.1109/79.974727) with an installed
     * {@code unmixing} step: {@code "mlr"} (unconstrained least squares), {@code "nnls"} (non-negative; the default),
     * {@code "fcls"} (non-negative and summing to one), {@code "bayesian"} (with posterior uncertainty maps), or any
     * unmixing id. HyperSpy has no such call. The result is returned and kept as {@code learning_results.unmixing}.
     *
     * @param endmembers where the endmember spectra come from: a signal of spectra {@code [k, signal axes]} (or one
     *                   spectrum) on this signal's energy axis, e.g. a loaded reference file or
     *                   {@code get_decomposition_factors()} (then the decomposition itself is the step's input, e.g.
     *                   N-FINDR's endmembers), or {@code get_bss_factors()}; the string {@code "decomposition"} (the
     *                   factors of the last decomposition), {@code "bss"} (of the last blind source separation) or
     *                   {@code "clusters"} (the mean spectra of the clusters of the last {@code cluster_analysis}, noise
     *                   left out)
     * @param options    {@code method} (alias {@code algorithm}; default {@code "nnls"}), and the step's parameters in
     *                   snake_case ({@code poisson_variance}, {@code seed}/{@code random_state}, ...)
     * @return endmembers, abundances, residual, reduced χ² and residual-spectrum maps and every other auxiliary result
     * @throws IllegalStateException    if the source is a decomposition, separation or clustering that was not run
     * @throws IllegalArgumentException for an unknown method, source or option, or (from the step) endmembers on
     *                                  other signal axes than this signal's, rank deficient or not finite
     */
    @Export
    public UnmixingResults unmix(Value endmembers, Value options) {
        Map<String, Object> o = Options.of(options, "unmix");
        Object m = o.containsKey("method") ? o.remove("method") : o.remove("algorithm");
        String id = algorithmId(Registry.DECOMPOSERS, UNMIXING, m == null ? "nnls" : String.valueOf(m), UNMIXING_NAMES);
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("data", dataset);
        Object src = endmembers != null && endmembers.isHostObject() ? endmembers.asHostObject() : Options.plain(endmembers, "unmix");
        LearningResults lr = learning_results;
        if (src instanceof Signal sig) {
            if (lr != null && sig == lr.factors && decomposition != null) {
                in.put("endmembers", decomposition);
            } else if (lr != null && sig == lr.bss_factors && bss != null) {
                in.put("endmembers", bss);
            } else {
                in.put("spectra", sig.dataset);
            }
        } else {
            String s = Options.lower(src);
            switch (s == null ? "" : s) {
                case "decomposition" -> {
                    if (decomposition == null) {
                        throw new IllegalStateException("unmix: no decomposition yet: call decomposition(...) first (e.g. algorithm=\"NFINDR\")");
                    }
                    in.put("endmembers", decomposition);
                }
                case "bss" -> {
                    if (bss == null) {
                        throw new IllegalStateException("unmix: no blind source separation yet: call blind_source_separation(...) first");
                    }
                    in.put("endmembers", bss);
                }
                case "clusters" -> {
                    if (clusters == null) {
                        throw new IllegalStateException("unmix: no cluster analysis yet: call cluster_analysis(...) first");
                    }
                    in.put("clusters", clusters);
                }
                default -> throw new IllegalArgumentException("unmix: endmembers must be a signal of spectra [k, signal axes] or \"decomposition\", "
                        + "\"bss\" or \"clusters\", not '" + src + "'");
            }
        }
        DecompositionResult r = (DecompositionResult) step(id, in, parameters(id, o, UNMIX_ALIASES), "result");
        String what = shortName(id);
        UnmixingResults u = new UnmixingResults(id, view(r.factors(), what + " endmembers", r), view(r.loadings(), what + " abundances", r),
                auxiliary(r, what));
        if (learning_results == null) {
            learning_results = new LearningResults();
        }
        learning_results.unmixing = u;
        return u;
    }

    private Signal view(Dataset d, String t, Object of) {
        Metadata md = d.metadata().copy();
        md.title(t);
        Dataset titled = d.withMetadata(md);
        host.record().alias(titled, of);
        return new Signal(host, titled);
    }

    private String algorithmId(String point, String name, Map<String, String> aliases) {
        return algorithmId(point, null, name, aliases);
    }

    /**
     * Resolves an algorithm name: an alias (HyperSpy's or scikit-learn's name), a full id, or the last segment of an
     * id compared without case, hyphens and underscores ({@code "NFINDR"}, {@code "n-findr"} and {@code "nfindr"} all
     * name {@code tessera.decompose.nfindr}).
     *
     * @param point   extension point
     * @param element the contribution kind ({@code decomposer}: a Decomposer, {@code separation}: a SourceSeparator,
     *                {@code unmixing}: an Unmixer, {@code embedding}: an Embedder, {@code discriminant}: a Discriminant),
     *                or null for any
     * @param name    the name the script gave
     * @param aliases lower-case name to id
     * @return the installed contribution's id
     * @throws IllegalArgumentException if none of that kind is installed under the name (the message lists them)
     */
    private String algorithmId(String point, String element, String name, Map<String, String> aliases) {
        String n = name.toLowerCase(Locale.ROOT);
        String target = aliases.getOrDefault(n, name);
        List<Contribution> all = new ArrayList<>();
        for (Contribution c : host.registry().contributions(point)) {
            if (element == null || isKind(c, element)) {
                all.add(c);
            }
        }
        for (Contribution c : all) {
            if (c.id().equals(target)) {
                return c.id();
            }
        }
        String key = squash(n);
        for (Contribution c : all) {
            if (squash(c.id().substring(c.id().lastIndexOf('.') + 1)).equals(key)) {
                return c.id();
            }
        }
        List<String> known = new ArrayList<>();
        all.forEach(c -> known.add(c.id()));
        throw new IllegalArgumentException("unknown algorithm '" + name + "'; installed " + (element == null ? point : switch (element) {
            case UNMIXING -> "unmixing methods";
            case SEPARATION -> "separations";
            default -> element + "s";
        }) + ": "
                + known);
    }

    /** @return whether the contribution's class is of the element kind (decomposer, separation, unmixing) */
    private static boolean isKind(Contribution c, String element) {
        Class<?> type = switch (element) {
            case DECOMPOSER -> null;
            case SEPARATION -> tessera.core.analysis.SourceSeparator.class;
            case UNMIXING -> tessera.core.analysis.Unmixer.class;
            case EMBEDDING -> tessera.core.analysis.Embedder.class;
            case DISCRIMINANT -> tessera.core.analysis.Discriminant.class;
            default -> throw new IllegalArgumentException(element);
        };
        try {
            Object a = c.create(tessera.core.analysis.Algorithm.class);
            if (type == null) {
                return a instanceof tessera.core.analysis.Decomposer || a instanceof tessera.core.analysis.GuidedDecomposer;
            }
            return type.isInstance(a);
        } catch (IllegalStateException e) {
            return false; // a contribution that cannot be instantiated is not offered
        }
    }

    private static String squash(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /**
     * Maps option names onto a step's parameters: an alias, the camelCase form, or (for names the step does not
     * declare) scikit-learn's spelling of one it does.
     */
    private Map<String, Object> parameters(String id, Map<String, Object> o, Map<String, String> aliases) {
        java.util.Set<String> declared = new java.util.HashSet<>();
        host.record().catalog().find(id).ifPresent(d -> d.step().parameters().forEach(s -> declared.add(s.name())));
        Map<String, Object> p = new LinkedHashMap<>();
        o.forEach((k, v) -> {
            String name = Options.parameterName(k, aliases);
            if (!declared.contains(name)) {
                String camel = Options.parameterName(k, Map.of());
                if (declared.contains(camel)) {
                    name = camel;
                } else if (SKLEARN_NAMES.containsKey(name) && declared.contains(SKLEARN_NAMES.get(name))) {
                    name = SKLEARN_NAMES.get(name);
                }
            }
            p.put(name, v);
        });
        return p;
    }

    /** HyperSpy's option names for the X-ray line step's parameters */
    private static final Map<String, String> LINE_ALIASES = Map.of("xray_lines", "lines", "integration_windows", "integrationWindows", "background_windows",
            "backgroundWindows", "energy_resolution", "energyResolution", "energy_resolution_mnka", "energyResolution");
    /** HyperSpy's option names for the EDX quantification step's parameters */
    private static final Map<String, String> QUANT_ALIASES = Map.of("composition_units", "units", "absorption_correction", "absorptionCorrection", "take_off_angle",
            "takeOffAngle", "beam_current", "beamCurrent", "live_time", "liveTime", "probe_area", "probeArea");

    private Dataset lineIntensities;
    private Dataset lineSigma;
    private List<Signal> lineSignals;

    /** A Markov model of these class trajectories with the defaults ({@link #transition_matrix(Value)}). */
    @Export
    public Object transition_matrix() {
        return transition_matrix(null);
    }

    /**
     * A Markov model of class trajectories: this signal holds the labels {@code [sites, frames]} (−1 = not seen), as
     * AtomAI's {@code transition_matrix} takes them, but counted as deeptime does (transitions pooled over all
     * trajectories; a frame not seen breaks a trajectory); step {@code tessera.dynamics.msm} (docs/dynamics.md).
     *
     * @param options {@code model} ({@code "msm"}, the default, or {@code "hmm"}: the hidden Markov model
     *                {@code tessera.dynamics.hmm} for labels with misclassified frames, or a dynamics model's id),
     *                {@code lag} (frames, default 1), {@code reversible}, {@code lags} (e.g. {@code "1,2,3"}),
     *                {@code samples}, {@code prior}, {@code seed} (alias {@code random_state}), {@code classes}; the
     *                hidden model takes {@code lag}, {@code classes}, {@code misclassification}, {@code maxIterations},
     *                {@code tol}
     * @return an object whose members are the model's outputs as signals in snake_case: {@code transition_matrix},
     *         {@code counts}, {@code stationary_distribution}, {@code implied_timescales},
     *         {@code mean_first_passage_times} and, with samples, {@code transition_matrix_std},
     *         {@code transition_matrix_low95}, {@code transition_matrix_high95}, {@code stationary_distribution_std};
     *         with lags, {@code implied_timescales_by_lag}; for the hidden model {@code emission_matrix}
     * @throws IllegalArgumentException if an option is unknown, or for the bad data of
     *                                  {@link tessera.core.analysis.DynamicsModel#estimate}
     */
    @Export
    public Object transition_matrix(Value options) {
        Map<String, Object> o = Options.of(options, "transition_matrix");
        Object model = o.remove("model");
        String step = model == null || "msm".equals(model) ? DYNAMICS_STEP : "hmm".equals(model) ? "tessera.dynamics.hmm" : String.valueOf(model);
        return outputSignals(step, Map.of("labels", dataset), parameters(step, o, Map.of("random_state", "seed")));
    }

    private static final String DYNAMICS_STEP = "tessera.dynamics.msm";

    /** The atomic columns of this image with the defaults ({@link #find_atoms(Value)}). */
    @Export
    public Object find_atoms() {
        return find_atoms(null);
    }

    /**
     * The atomic columns of this image (one 2-D image), found and refined as Atomap does (step
     * {@code tessera.lattice.gaussian}, docs/lattice.md) or by the shipped U-Net as AtomNet does ({@code method =
     * "network"}, step {@code tessera.lattice.network}): positions in pixels of the image, (y, x).
     *
     * @param options {@code method} ({@code "gaussian"}, the default, {@code "network"} or a finder id), and that
     *                finder's parameters: {@code separation} (px), {@code smoothing} (px), {@code threshold},
     *                {@code refinement} ({@code "none"}, {@code "com"}, {@code "gaussian"}, {@code "com+gaussian"}),
     *                {@code radius} (fraction of the nearest-neighbour distance), {@code sublattices} (1 or 2),
     *                {@code contrast}; the network's {@code model} (a model directory)
     * @return an object whose members are the finder's outputs as signals in snake_case: {@code positions}
     *         {@code [n, 2]}, {@code position_std}, {@code sublattice}, {@code intensity} and, when computed,
     *         {@code gaussian} {@code [n, 6]} and {@code lattice_vectors} {@code [sublattices, 2, 2]}
     * @throws IllegalArgumentException if an option is unknown, or for the bad data of
     *                                  {@link tessera.core.analysis.AtomFinder#find}
     */
    @Export
    public Object find_atoms(Value options) {
        Map<String, Object> o = Options.of(options, "find_atoms");
        Object method = o.remove("method");
        String step = tessera.pipeline.AtomsJob.finder(method == null ? "gaussian" : String.valueOf(method));
        return outputSignals(step, Map.of("image", dataset), parameters(step, o, Map.of()));
    }

    /**
     * This image (one 2-D image) described window by window (docs/lattice.md): a signal {@code [wy, wx, d]} of feature
     * vectors on the grid of window centres, calibrated like the image, to decompose ({@code decomposition()}) and
     * cluster like a spectrum image.
     *
     * @param options {@code descriptor}: {@code "fft"} (default; sliding-window FFT, Ziatdinov et al. 2016),
     *                {@code "histogram"} (local intensity histogram) or {@code "correlation"} (local autocorrelation),
     *                or a {@code tessera.lattice.sliding-*} id; then that descriptor's parameters: {@code window},
     *                {@code step} (px), {@code taper}, {@code log} (fft), {@code bins} (histogram), {@code lags} (px,
     *                correlation)
     * @return the feature grid as a signal
     * @throws IllegalArgumentException if the descriptor or an option is unknown, or the signal is not one 2-D image
     *                                  at least one window large
     */
    @Export
    public Signal sliding_window(Value options) {
        Map<String, Object> o = Options.of(options, "sliding_window");
        Object d = o.remove("descriptor");
        String name = d == null ? "fft" : String.valueOf(d);
        String step = tessera.pipeline.WindowsJob.descriptor(name);
        if (step == null) {
            throw new IllegalArgumentException("sliding_window: unknown descriptor '" + name + "' (fft, histogram or correlation)");
        }
        Dataset f = (Dataset) outputs(step, Map.of("image", dataset), parameters(step, o, Map.of())).get("features");
        return view(f, f.metadata().title(), f);
    }

    /** This image described window by window with the sliding-window FFT's defaults ({@link #sliding_window(Value)}). */
    @Export
    public Signal sliding_window() {
        return sliding_window(null);
    }

    /** Runs a step and returns its dataset outputs as signals, members named in snake_case. */
    private Object outputSignals(String step, Map<String, Object> inputs, Map<String, Object> params) {
        Map<String, Signal> m = new LinkedHashMap<>();
        outputs(step, inputs, params).forEach((name, v) -> {
            if (v instanceof Dataset d) {
                m.put(LearningResults.snake(name), view(d, d.metadata().title(), d));
            }
        });
        return LearningResults.proxy(m);
    }

    /** The elements of this core-loss EELS signal with the shipped ensemble ({@link #identify_elements(Value)}). */
    @Export
    public Object identify_elements() {
        return identify_elements(null);
    }

    /**
     * The elements present in this core-loss EELS signal (spectrum, line scan or spectrum image), identified by the
     * shipped neural-network ensemble trained on simulated spectra (Annys et al., Sci. Rep. 13 (2023) 13724,
     * doi:10.1038/s41598-023-40943-7; step {@code tessera.classify.element-id}, docs/classify.md). The spectra are
     * rebinned to 0 … 3071 eV at 1 eV first.
     *
     * @param options {@code threshold} (probability, default the model's, chosen on simulated validation data),
     *                {@code model} (a model or ensemble directory from {@code tessera train}), {@code min_fraction}
     *                (fraction of a line scan's or SI's spectra in which an element must be predicted, default 0.01)
     * @return an object with {@code elements} (the predicted elements of a spectrum, or those detected in a line scan
     *         or SI, most probable first), {@code probabilities} (element → probability, the mean over the spectra,
     *         all 80; also as the parallel arrays {@code labels} and {@code mean_probabilities}), {@code threshold} and
     *         {@code maps} (a signal {@code [80, navigation...]}: each element's
     *         probability per spectrum)
     * @throws IllegalArgumentException if an option is unknown, or the signal has no energy calibration in eV, lies
     *                                  outside 0 … 3071 eV or holds NaN values
     */
    @Export
    public Object identify_elements(Value options) {
        Map<String, Object> o = Options.of(options, "identify_elements");
        Map<String, Object> out = outputs(IDENTIFY_STEP, Map.of("data", dataset), parameters(IDENTIFY_STEP, o, Map.of("min_fraction", "minFraction")));
        Dataset stack = (Dataset) out.get("probabilities");
        int n = (int) (stack.size() / stack.shape()[0]);
        Map<String, Object> probs = new LinkedHashMap<>();
        tessera.core.analysis.ElementMaps.sums(stack).forEach((el, sum) -> probs.put(el, sum / n));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("elements", org.graalvm.polyglot.proxy.ProxyArray.fromList(new ArrayList<Object>((List<?>) stack.metadata().get(tessera.core.analysis.Classification.PREDICTED_KEY))));
        r.put("probabilities", org.graalvm.polyglot.proxy.ProxyObject.fromMap(probs));
        r.put("labels", org.graalvm.polyglot.proxy.ProxyArray.fromList(new ArrayList<Object>(probs.keySet())));
        r.put("mean_probabilities", org.graalvm.polyglot.proxy.ProxyArray.fromList(new ArrayList<Object>(probs.values())));
        r.put("threshold", ((Number) stack.metadata().get(tessera.core.analysis.Classification.THRESHOLD_KEY)).doubleValue());
        r.put("maps", view(stack, "element probabilities", stack));
        return org.graalvm.polyglot.proxy.ProxyObject.fromMap(r);
    }

    private static final String IDENTIFY_STEP = "tessera.classify.element-id";

    /**
     * The oxidation state of Mn or Fe in this core-loss EELS signal (spectrum, line scan or spectrum image) from its
     * L2,3 white lines: the class probabilities of the shipped support vector machine or network (del Pozo-Bueno et
     * al., Ultramicroscopy 221 (2021) 113190, doi:10.1016/j.ultramic.2020.113190; step {@code tessera.valence.mn} or
     * {@code tessera.valence.fe}), the probability-weighted mean valence and the white-line ratio baseline of the same
     * spectra (step {@code tessera.pipeline.valence-maps}; docs/valence.md).
     *
     * @param options {@code element} ("Mn" or "Fe", required), {@code model} ("svm", "dense", "conv" or a model
     *                directory from {@code tessera train valence}), {@code energy_shift} (eV added to the measured L3
     *                energy for the energy baseline), {@code resolution} (zero-loss FWHM in eV, for the ratio baseline)
     * @return an object with {@code classes} (e.g. Mn2+, Mn3+, Mn4+), {@code probabilities} (class → mean probability
     *         over the spectra), {@code mean_valence} and {@code ratio_valence} (means over the spectra),
     *         {@code valence} (signal {@code [navigation...]}: the mean valence per spectrum), {@code spread},
     *         {@code baseline} (the ratio baseline's valence per spectrum), {@code novelty} (per spectrum: above 1, outside the simulated
     *         training spectra) and {@code mean_novelty}, {@code probability_maps} ({@code [classes, navigation...]}) and
     *         {@code maps} (all eight valence maps)
     * @throws IllegalArgumentException if the element is missing or not Mn/Fe, an option is unknown, or the signal cannot
     *                                  carry the edge (no eV calibration, edge outside the axis, dispersion coarser
     *                                  than 1 eV, NaN values), or the model was trained for another element
     */
    @Export
    public Object oxidation_state(Value options) {
        Map<String, Object> o = Options.of(options, "oxidation_state");
        Object el = o.remove("element");
        if (el == null) {
            throw new IllegalArgumentException("oxidation_state needs element=\"Mn\" or element=\"Fe\"");
        }
        String e = String.valueOf(el).trim().toLowerCase(java.util.Locale.ROOT);
        if (!e.equals("mn") && !e.equals("fe")) {
            throw new IllegalArgumentException("oxidation_state: no white-line model for '" + el + "'; element is \"Mn\" or \"Fe\"");
        }
        String element = e.equals("mn") ? "Mn" : "Fe";
        String classifier = tessera.pipeline.ValenceJob.classifier(element);
        Map<String, Object> cp = new LinkedHashMap<>();
        if (o.containsKey("model")) {
            cp.put("model", o.remove("model"));
        }
        Dataset stack = (Dataset) outputs(classifier, Map.of("data", dataset), parameters(classifier, cp, Map.of())).get("probabilities");
        o.put("element", element);
        Dataset maps = (Dataset) outputs(VALENCE_MAPS_STEP, Map.of("data", dataset, "probabilities", stack),
                parameters(VALENCE_MAPS_STEP, o, Map.of("energy_shift", "energyShift"))).get("maps");
        List<String> classes = tessera.core.analysis.ElementMaps.labels(stack);
        tessera.pipeline.ValenceJob.Summary summary = tessera.pipeline.ValenceJob.Summary.of(maps);
        Map<String, Object> probs = new LinkedHashMap<>(summary.probabilities());
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("classes", org.graalvm.polyglot.proxy.ProxyArray.fromList(new ArrayList<Object>(classes)));
        r.put("probabilities", org.graalvm.polyglot.proxy.ProxyObject.fromMap(probs));
        r.put("mean_probabilities", org.graalvm.polyglot.proxy.ProxyArray.fromList(new ArrayList<Object>(probs.values())));
        r.put("mean_valence", summary.meanValence());
        r.put("ratio_valence", summary.ratioValence());
        r.put("valence", view(tessera.core.analysis.ElementMaps.map(maps, 0), element + " mean valence", maps));
        r.put("spread", view(tessera.core.analysis.ElementMaps.map(maps, 1), element + " valence spread", maps));
        r.put("baseline", view(tessera.core.analysis.ElementMaps.map(maps, 4), element + " valence (L3/L2 ratio)", maps));
        r.put("novelty", view(tessera.core.analysis.ElementMaps.map(maps, 7), element + " novelty", maps));
        r.put("mean_novelty", summary.novelty());
        r.put("probability_maps", view(stack, element + " oxidation-state probabilities", stack));
        r.put("maps", view(maps, element + " valence maps", maps));
        return org.graalvm.polyglot.proxy.ProxyObject.fromMap(r);
    }

    private static final String VALENCE_MAPS_STEP = tessera.pipeline.ValenceJob.MAPS_STEP;

    /** X-ray line intensities with the file's lines and HyperSpy's default windows ({@link #get_lines_intensity(Value)}). */
    @Export
    public Object get_lines_intensity() {
        return get_lines_intensity(null);
    }

    /**
     * Background-subtracted X-ray line intensities of an EDX signal, as HyperSpy's
     * {@code EDSSpectrum.get_lines_intensity(xray_lines, integration_windows=2., background_windows=...)} with the
     * background windows of {@code estimate_background_windows()}; step {@code tessera.edx.line-intensities}.
     *
     * @param options {@code xray_lines} (list or comma string, e.g. {@code ["Fe_Ka", "Pt_La"]}; default the metadata's
     *                {@code Sample.xray_lines}, else each element's α line), {@code integration_windows} (width in units
     *                of the line's FWHM, default 2), {@code background_windows} (true/false), {@code energy_resolution}
     *                (detector FWHM at Mn Kα in eV; default the metadata's)
     * @return one signal per line {@code [navigation axes...]} (counts), titled with its label ({@code Fe_Ka}), in
     *         the order of the lines (a JavaScript array / Python list)
     * @throws IllegalArgumentException if an option is unknown or a line lies outside the energy axis
     */
    @Export
    public Object get_lines_intensity(Value options) {
        Map<String, Object> o = Options.of(options, "get_lines_intensity");
        if (o.get("xray_lines") instanceof List<?> l) {
            o.put("xray_lines", String.join(",", l.stream().map(String::valueOf).toList()));
        }
        Map<String, Object> p = parameters(LINES_STEP, o, LINE_ALIASES);
        Map<String, Object> out = outputs(LINES_STEP, Map.of("data", dataset), p);
        lineIntensities = (Dataset) out.get("intensities");
        lineSigma = (Dataset) out.get("sigma");
        List<Signal> maps = new ArrayList<>();
        List<String> labels = tessera.core.analysis.ElementMaps.labels(lineIntensities);
        for (int i = 0; i < labels.size(); i++) {
            maps.add(view(tessera.core.analysis.ElementMaps.map(lineIntensities, i), labels.get(i), lineIntensities));
        }
        lineSignals = List.copyOf(maps);
        return org.graalvm.polyglot.proxy.ProxyArray.fromList(new ArrayList<>(maps));
    }

    /**
     * Quantifies X-ray line intensities, as HyperSpy's {@code EDSTEMSpectrum.quantification(intensities, method,
     * factors, composition_units="atomic", absorption_correction=False, thickness=...)}; step
     * {@code tessera.edx.quantification}.
     *
     * @param intensities the list {@link #get_lines_intensity(Value)} returned on this signal
     * @param method      {@code "CL"} (Cliff–Lorimer k-factors), {@code "zeta"} or {@code "cross_section"}
     * @param factors     one factor per line, in the order of the lines
     * @return one composition map per element (percent), titled with the element
     */
    @Export
    public Object quantification(Value intensities, String method, Value factors) {
        return quantification(intensities, method, factors, null);
    }

    /**
     * As {@link #quantification(Value, String, Value)} with options: {@code composition_units} ({@code "atomic"} or
     * {@code "weight"}), {@code absorption_correction}, {@code thickness} (nm), {@code density} (g/cm³),
     * {@code take_off_angle} (degrees), {@code beam_current} (nA), {@code live_time} (s), {@code probe_area} (nm²).
     *
     * @param intensities the list {@link #get_lines_intensity(Value)} returned on this signal
     * @param method      {@code "CL"}, {@code "zeta"} or {@code "cross_section"}
     * @param factors     one factor per line
     * @param options     the options above
     * @return one composition map per element (percent), titled with the element
     * @throws IllegalStateException    if {@code intensities} is not the last result of {@code get_lines_intensity} on this signal
     * @throws IllegalArgumentException for an unknown method or option, or a factor missing
     */
    @Export
    public Object quantification(Value intensities, String method, Value factors, Value options) {
        if (lineIntensities == null || intensities == null || !intensities.hasArrayElements() || intensities.getArraySize() != lineSignals.size()) {
            throw new IllegalStateException("quantification: pass the list that get_lines_intensity() returned on this signal");
        }
        Map<String, Object> o = Options.of(options, "quantification");
        if (o.get("composition_units") instanceof String u) {
            o.put("composition_units", u.toLowerCase(Locale.ROOT).startsWith("w") ? "wt" : "at");
        }
        Map<String, Object> p = parameters(QUANT_STEP, o, QUANT_ALIASES);
        p.put("method", method.toLowerCase(Locale.ROOT).equals("cl") ? "cl" : method.toLowerCase(Locale.ROOT));
        Object f = Options.plain(factors, "quantification");
        p.put("factors", f instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList()) : String.valueOf(f));
        Map<String, Object> out = outputs(QUANT_STEP, Map.of("data", dataset, "intensities", lineIntensities, "sigma", lineSigma), p);
        Dataset c = (Dataset) out.get("composition");
        List<Signal> maps = new ArrayList<>();
        List<String> labels = tessera.core.analysis.ElementMaps.labels(c);
        for (int i = 0; i < labels.size(); i++) {
            maps.add(view(tessera.core.analysis.ElementMaps.map(c, i), labels.get(i), c));
        }
        return org.graalvm.polyglot.proxy.ProxyArray.fromList(new ArrayList<>(maps));
    }

    private static final String LINES_STEP = "tessera.edx.line-intensities";
    private static final String QUANT_STEP = "tessera.edx.quantification";

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
     * Embeds the navigation positions with multidimensional scaling with the defaults, as {@link #mds(Value)}.
     *
     * @return the embedding
     */
    @Export
    public Signal mds() {
        return mds(null);
    }

    /**
     * Embeds the navigation positions by multidimensional scaling (Kruskal, Psychometrika 29 (1964) 1,
     * doi:10.1007/BF02289565; the {@code embedding} step of {@code tessera.core.decomposers}, scikit-learn's
     * {@code MDS} names), of the scores of the last decomposition ({@code cluster_source="decomposition"}, the
     * default), the spectra ({@code "signal"}) or another signal with this navigation shape. Like {@link #umap} the
     * result is a signal {@code [navigation..., n_components]} that {@code cluster_analysis} takes as its source.
     *
     * @param options {@code cluster_source}, {@code number_of_components}, {@code preprocessing} as
     *                {@link #cluster_analysis(Value)}; {@code algorithm} (default {@code "mds"}, or any embedding id of
     *                {@code tessera.core.decomposers}); the step's parameters in snake_case ({@code n_components},
     *                {@code metric}, {@code n_init}, {@code max_iter}, {@code seed}/{@code random_state}, ...)
     * @return the embedding, float64, navigation axes of this signal and one signal axis
     * @throws IllegalStateException    if the source is the decomposition and none was run first
     * @throws IllegalArgumentException for an unknown algorithm or option, or a value out of range
     */
    @Export
    public Signal mds(Value options) {
        Signal other = Options.hostObject(options, "cluster_source", Signal.class);
        Map<String, Object> o = Options.of(options, "mds", "cluster_source");
        String algorithm = o.containsKey("algorithm") ? String.valueOf(o.remove("algorithm")) : "mds";
        String id = algorithmId(Registry.DECOMPOSERS, EMBEDDING, algorithm, Map.of());
        Map<String, Object> in = featureSource(other, o.remove("cluster_source"), "mds");
        return derived((Dataset) step(id, in, parameters(id, o, CLUSTER_ALIASES), "data"));
    }

    /**
     * Linear discriminant analysis with the defaults, as {@link #lda(Value)}.
     *
     * @return the projection
     */
    @Export
    public Signal lda() {
        return lda(null);
    }

    /**
     * Fisher's linear discriminant analysis (Fisher, Ann. Eugen. 7 (1936) 179, doi:10.1111/j.1469-1809.1936.tb02137.x;
     * the {@code discriminant} step of {@code tessera.core.decomposers}, scikit-learn's {@code LinearDiscriminantAnalysis}
     * names): the directions that best separate given classes, fitted on the scores of the last decomposition
     * ({@code cluster_source="decomposition"}, the default), the spectra ({@code "signal"}) or another signal with
     * this navigation shape, with the labels of the last {@code cluster_analysis} or a label map ({@code labels}).
     * The directions are kept as {@code learning_results.lda_directions}.
     *
     * @param options {@code cluster_source}, {@code number_of_components}, {@code preprocessing} as
     *                {@link #cluster_analysis(Value)}; {@code labels}: a label signal with this navigation shape
     *                (integers, negative = unlabelled; default: the last cluster analysis' labels); {@code algorithm}
     *                (default {@code "lda"}, or any discriminant id); the step's parameters in snake_case
     *                ({@code n_components}, ...)
     * @return the projection {@code [navigation..., m]} (float64), m at most the number of classes − 1
     * @throws IllegalStateException    if no labels are given and no cluster analysis was run, or the source is the
     *                                  decomposition and none was run
     * @throws IllegalArgumentException for an unknown algorithm or option, or fewer than two classes
     */
    @Export
    public Signal lda(Value options) {
        Signal other = Options.hostObject(options, "cluster_source", Signal.class);
        Signal labels = Options.hostObject(options, "labels", Signal.class);
        Map<String, Object> o = Options.of(options, "lda", java.util.Set.of("cluster_source", "labels"));
        String algorithm = o.containsKey("algorithm") ? String.valueOf(o.remove("algorithm")) : "lda";
        String id = algorithmId(Registry.DECOMPOSERS, DISCRIMINANT, algorithm, Map.of());
        Map<String, Object> in = new LinkedHashMap<>(featureSource(other, o.remove("cluster_source"), "lda"));
        if (labels != null) {
            if (labels.dataset.size() != dataset.navigationSize()) {
                throw new IllegalArgumentException("lda: the labels signal has " + labels.dataset.size() + " values, this signal " + dataset.navigationSize()
                        + " navigation positions");
            }
            in.put("labelMap", labels.dataset);
        } else if (o.get("labels") != null) {
            throw new IllegalArgumentException("lda: labels must be a signal of class labels, not '" + o.get("labels") + "'");
        } else {
            if (clusters == null) {
                throw new IllegalStateException("lda: no labels: call cluster_analysis(...) first or give labels=<label signal>");
            }
            in.put("clusters", clusters);
        }
        o.remove("labels");
        Map<String, Object> out;
        try {
            out = host.record().run(id, in, parameters(id, o, CLUSTER_ALIASES), host.files().workingDirectory());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
        Dataset directions = (Dataset) out.get("directions");
        if (learning_results == null) {
            learning_results = new LearningResults();
        }
        learning_results.lda_directions = new Signal(host, directions);
        return derived((Dataset) out.get("data"));
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
        return parameters(id, o, aliases);
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
