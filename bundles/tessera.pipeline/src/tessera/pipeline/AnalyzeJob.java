package tessera.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tessera.pipeline.internal.ReadStep;
import java.util.function.Consumer;

import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Dataset;
import tessera.core.registry.Registry;

/**
 * The main job of Tessera, {@code tessera analyze}, as a pipeline like any other
 * ({@link #pipeline}): PCA scree, choice of the number of components, NMF, and k-means on the
 * PCA scores of a spectrum image or line scan — the workflow of HyperSpy's decomposition /
 * cluster-analysis tutorials (HyperSpy 1.7, {@code decomposition}, {@code blind_source_separation},
 * {@code cluster_analysis}). It runs on the {@link PipelineEngine}, so every run leaves a
 * provenance record beside its results and can be re-run exactly. Algorithms are taken from the
 * extension registry by id, so a vendor's contribution with the same interface can replace them.
 */
public final class AnalyzeJob {
    /** decomposer id of PCA */
    public static final String PCA = "tessera.decompose.pca";
    /** decomposer id of NMF */
    public static final String NMF = "tessera.decompose.nmf";
    /** clusterer id of k-means */
    public static final String KMEANS = "tessera.cluster.kmeans";
    /** name of the clustering step in the {@link #pipeline} */
    public static final String CLUSTER_STEP = "cluster";
    /** name of the report file in the output directory */
    public static final String REPORT = "report.html";
    /** name of the results file in the output directory */
    public static final String RESULTS = "results.hspy";
    /** name of the pipeline input */
    public static final String INPUT = "input";
    /** name of the pipeline input of the endmember spectra ({@link MethodOptions#endmembers()}) */
    public static final String ENDMEMBERS = "endmembers";

    private AnalyzeJob() {
    }

    /**
     * The analyze pipeline for these options: read, crop-signal, count-data, pca, elbow, nmf (when the
     * data are non-negative), embed (when {@link ClusterOptions#embedding()} is set), nclusters (when k is
     * estimated), {@value #CLUSTER_STEP}, report. Seeds not given are drawn by the engine.
     *
     * @param o options (input and outDir are not part of the document)
     * @return the document
     */
    public static PipelineDocument pipeline(AnalyzeOptions o) {
        return pipeline(o, Registry.get());
    }

    /**
     * The analyze pipeline for these options, the clusterer looked up in {@code registry} (its {@code k} is set
     * only if it has one: density-based methods find the number of clusters themselves).
     *
     * @param o        options (input and outDir are not part of the document)
     * @param registry the extension registry
     * @return the document
     * @throws IllegalArgumentException if the clusterer is not installed
     * @throws IllegalStateException    if the id names a contribution that is not a clusterer (e.g. an embedding)
     */
    public static PipelineDocument pipeline(AnalyzeOptions o, Registry registry) {
        List<StepSpec> s = new ArrayList<>();
        s.add(new StepSpec("read", "tessera.pipeline.read", Map.of("file", new Ref(null, INPUT)), ReadStep.options(o.readOptions()), null));
        Map<String, Object> crop = new LinkedHashMap<>();
        if (o.energyRange() != null && !Double.isNaN(o.energyRange().low())) {
            crop.put("low", o.energyRange().low());
        }
        if (o.energyRange() != null && !Double.isNaN(o.energyRange().high())) {
            crop.put("high", o.energyRange().high());
        }
        s.add(new StepSpec("crop", "tessera.pipeline.crop-signal", Map.of("data", ref("read.data")), crop, null));
        s.add(new StepSpec("counts", "tessera.pipeline.count-data", Map.of("data", ref("crop.data")),
                Map.of("poisson", o.poisson() == null ? "auto" : o.poisson() ? "on" : "off"), null));
        s.add(new StepSpec("pca", PCA, Map.of("data", ref("crop.data")),
                Map.of("normalizePoissonianNoise", ref("counts.poisson"), "maxComponents", keptComponents(o)), null));
        s.add(new StepSpec("elbow", "tessera.pipeline.scree-elbow", Map.of("pca", ref("pca.result")),
                o.components() == null ? Map.of() : Map.of("components", o.components()), null));
        StepCatalog catalog = new StepCatalog(registry);
        MethodOptions mo = o.methods();
        Map<String, Step> methodSteps = new LinkedHashMap<>();
        for (String id : mo.methods()) {
            methodSteps.put(id, catalog.find(id).filter(d -> Registry.DECOMPOSERS.equals(d.kind())).map(StepDescriptor::step)
                    .orElseThrow(() -> new IllegalArgumentException("--method " + shortName(id) + ": no decomposition method '" + id + "' is installed; installed: "
                            + String.join(", ", registry.contributions(Registry.DECOMPOSERS).stream().map(c -> shortName(c.id())).toList()))));
        }
        checkMethodParameters(mo, methodSteps, catalog);
        if (methodSteps.containsKey(NMF)) {
            s.add(methodStep("nmf", NMF, methodSteps.get(NMF), mo, o.seed(), Map.of("data", ref("crop.data"))));
        }
        ClusterOptions c = o.clustering();
        Map<String, Ref> features = new LinkedHashMap<>();
        Map<String, Object> featureParams = new LinkedHashMap<>();
        if (c.source().equals("signal")) {
            features.put("data", ref("crop.data"));
        } else {
            features.put("scores", ref("pca.result"));
            featureParams.put("components", ref("elbow.components"));
        }
        featureParams.put("preprocessing", c.preprocessing());
        if (c.embedding() != null) {
            Map<String, Object> ep = new LinkedHashMap<>(featureParams);
            if (o.seed() != null) {
                ep.put(Step.SEED, o.seed());
            }
            s.add(new StepSpec("embed", c.embedding(), features, ep, null));
            features = Map.of("data", ref("embed.data"));
            featureParams = new LinkedHashMap<>(Map.of("preprocessing", "none"));
        }
        Map<String, Object> km = new LinkedHashMap<>(featureParams);
        km.putAll(c.parameters());
        if (c.numberMetric() != null) {
            Map<String, Object> np = new LinkedHashMap<>(featureParams);
            np.put("algorithm", c.algorithm());
            np.put("metric", c.numberMetric());
            np.put("maxClusters", c.maxClusters());
            if (o.seed() != null) {
                np.put(Step.SEED, o.seed());
            }
            s.add(new StepSpec("nclusters", "tessera.pipeline.estimate-clusters", features, np, null));
            km.put("k", ref("nclusters.k"));
        } else if (declares(registry, c.algorithm(), "k")) {
            km.put("k", o.clusters());
        }
        if (o.seed() != null && declares(registry, c.algorithm(), Step.SEED)) {
            km.put(Step.SEED, o.seed());
        }
        s.add(new StepSpec(CLUSTER_STEP, c.algorithm(), features, km, null));
        List<String> decompositions = new ArrayList<>();
        List<String> projections = new ArrayList<>();
        for (Map.Entry<String, Step> m : methodSteps.entrySet()) {
            String id = m.getKey();
            if (id.equals(NMF)) {
                continue;
            }
            String name = shortName(id);
            Step step = m.getValue();
            Map<String, Ref> in = new LinkedHashMap<>();
            boolean projection = false;
            if (step instanceof tessera.pipeline.internal.SeparatorStep) {
                in.put("decomposition", ref("pca.result"));
            } else if (step instanceof tessera.pipeline.internal.UnmixerStep) {
                in.put("data", ref("crop.data"));
                if (mo.endmembers() != null) {
                    if (s.stream().noneMatch(x -> x.name().equals("endmembers-crop"))) {
                        s.add(new StepSpec("endmembers-read", "tessera.pipeline.read", Map.of("file", new Ref(null, ENDMEMBERS)), Map.of("kind", "spectra"), null));
                        s.add(new StepSpec("endmembers-crop", "tessera.pipeline.crop-signal", Map.of("data", ref("endmembers-read.data")), crop, null));
                    }
                    in.put("spectra", ref("endmembers-crop.data"));
                } else {
                    in.put("clusters", ref(CLUSTER_STEP + ".result"));
                }
            } else if (step instanceof tessera.pipeline.internal.DiscriminantStep) {
                in.put("scores", ref("pca.result"));
                in.put("clusters", ref(CLUSTER_STEP + ".result"));
                projection = true;
            } else if (step instanceof tessera.pipeline.internal.EmbedderStep) {
                in.put("scores", ref("pca.result"));
                projection = true;
            } else if (ForwardModels.isGuided(step)) {
                // physics-guided (SmoothNMF): the forward model of the data's kind, then the decomposition on it
                List<String> models = guidedModels(catalog);
                if (models.isEmpty()) {
                    throw new IllegalArgumentException("--method " + name + " needs a forward model (" + ForwardModels.EDX + " or " + ForwardModels.EELS + "); none is installed");
                }
                if (models.size() > 1 && s.stream().noneMatch(x -> x.name().equals("kind"))) {
                    s.add(new StepSpec("kind", tessera.pipeline.internal.SignalKindStep.ID, Map.of("data", ref("crop.data")), Map.of(), null));
                }
                for (String model : models) {
                    String suffix = models.size() == 1 ? "" : model.equals(ForwardModels.EDX) ? "-eds" : "-eels";
                    Ref when = models.size() == 1 ? null : ref(model.equals(ForwardModels.EDX) ? "kind.eds" : "kind.eels");
                    Step ms = catalog.find(model).orElseThrow().step();
                    Map<String, Object> mp = new LinkedHashMap<>();
                    mo.parameters().forEach((k, v) -> {
                        if (ms.parameters().stream().anyMatch(x -> x.name().equals(k))) {
                            mp.put(k, v);
                        }
                    });
                    s.add(new StepSpec(name + suffix + "-model", model, Map.of("data", ref("crop.data")), mp, when));
                    StepSpec g = methodStep(name + suffix, id, step, mo, o.seed(), Map.of("data", ref("crop.data"), "model", ref(name + suffix + "-model.model")));
                    s.add(new StepSpec(g.name(), g.step(), g.inputs(), g.parameters(), when));
                    decompositions.add(name + suffix + ".result");
                }
                continue;
            } else {
                in.put("data", ref("crop.data"));
            }
            s.add(methodStep(name, id, step, mo, o.seed(), in));
            (projection ? projections : decompositions).add(name + (projection ? ".data" : ".result"));
        }
        if (decompositions.size() > METHOD_PORTS || projections.size() > PROJECTION_PORTS) {
            throw new IllegalArgumentException("--method: at most " + METHOD_PORTS + " decompositions and " + PROJECTION_PORTS + " projections besides NMF");
        }
        Map<String, Ref> report = new LinkedHashMap<>();
        report.put("data", ref("crop.data"));
        report.put("pca", ref("pca.result"));
        report.put("components", ref("elbow.components"));
        report.put("chosen", ref("elbow.chosen"));
        if (methodSteps.containsKey(NMF)) {
            report.put("nmf", ref("nmf.result"));
        }
        report.put("clusters", ref(CLUSTER_STEP + ".result"));
        if (c.embedding() != null) {
            report.put("embedding", ref("embed.data"));
        }
        if (c.numberMetric() != null) {
            report.put("clusterNumber", ref("nclusters.curve"));
        }
        for (int i = 0; i < decompositions.size(); i++) {
            report.put("method" + (i + 1), ref(decompositions.get(i)));
        }
        for (int i = 0; i < projections.size(); i++) {
            report.put("projection" + (i + 1), ref(projections.get(i)));
        }
        s.add(new StepSpec("report", "tessera.pipeline.analyze-report", report,
                Map.of("clusterAlgorithm", c.algorithm(), "clusterSource", c.source(), "preprocessing", c.preprocessing()), null));
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put(INPUT, "spectrum image or line scan");
        if (s.stream().anyMatch(x -> x.name().equals("endmembers-read"))) {
            inputs.put(ENDMEMBERS, "endmember spectra for the abundance methods");
        }
        return new PipelineDocument("analyze", "tessera analyze: PCA scree, NMF (or the chosen methods) and clustering of a spectrum image or line scan",
                inputs, s);
    }

    /**
     * How many PCA components (factors and loadings) the job keeps: every later step uses at most the chosen number
     * ({@code --components}, else the scree elbow, which looks at the first {@link Scree#MAX_POINTS} only) or a
     * method's own {@code components} option; the explained variance always covers all of them. Computing only these
     * loadings (instead of all min(n, p)) is what makes the job's PCA cost one Gram matrix and one eigenvalue pass.
     */
    static int keptComponents(AnalyzeOptions o) {
        int keep = o.components() != null ? o.components() : Scree.MAX_POINTS;
        String m = o.methods().parameters().get("components");
        if (m != null) {
            try {
                keep = Math.max(keep, Integer.parseInt(m.trim()));
            } catch (NumberFormatException e) {
                // not a number: the method's own parameter check reports it
            }
        }
        return Math.max(1, keep);
    }

    /** number of report inputs for the results of {@code --method}s other than NMF ({@code method1} ...) */
    public static final int METHOD_PORTS = 10;
    /** number of report inputs for projections ({@code projection1} ...) */
    public static final int PROJECTION_PORTS = 3;

    /**
     * A method's step: the given inputs; {@code components} (the chosen number), {@code normalizePoissonianNoise} and
     * {@code poissonVariance} (the count-data decision) and the seed where the method declares them, then the
     * {@code --method-option}s it declares. NMF and correspondence analysis run only on non-negative data.
     */
    private static StepSpec methodStep(String name, String id, Step step, MethodOptions mo, Long seed, Map<String, Ref> inputs) {
        Map<String, Object> p = new LinkedHashMap<>();
        java.util.Set<String> declared = new java.util.HashSet<>();
        step.parameters().forEach(x -> declared.add(x.name()));
        if (declared.contains("components") && !(step instanceof tessera.pipeline.internal.UnmixerStep)) {
            p.put("components", ref("elbow.components"));
        }
        if (declared.contains("normalizePoissonianNoise")) {
            p.put("normalizePoissonianNoise", ref("counts.poisson"));
        }
        if (declared.contains("poissonVariance")) {
            p.put("poissonVariance", ref("counts.poisson"));
        }
        if (seed != null && declared.contains(Step.SEED)) {
            p.put(Step.SEED, seed);
        }
        mo.parameters().forEach((k, v) -> {
            if (declared.contains(k)) {
                p.put(k, v);
            }
        });
        boolean needsCounts = id.equals(NMF) || id.equals("tessera.decompose.ca");
        return new StepSpec(name, id, inputs, p, needsCounts ? ref("counts.nonNegative") : null);
    }

    /** @return the installed forward-model steps for physics-guided decompositions: EDX, then EELS */
    private static List<String> guidedModels(StepCatalog catalog) {
        return java.util.stream.Stream.of(ForwardModels.EDX, ForwardModels.EELS).filter(m -> catalog.find(m).isPresent()).toList();
    }

    /**
     * @throws IllegalArgumentException if a --method-option is declared by none of the chosen methods (nor, for a
     *                                  physics-guided one, by its forward models)
     */
    private static void checkMethodParameters(MethodOptions mo, Map<String, Step> steps, StepCatalog catalog) {
        List<Step> all = new ArrayList<>(steps.values());
        if (steps.values().stream().anyMatch(ForwardModels::isGuided)) {
            guidedModels(catalog).forEach(m -> all.add(catalog.find(m).orElseThrow().step()));
        }
        for (String k : mo.parameters().keySet()) {
            if (all.stream().noneMatch(st -> st.parameters().stream().anyMatch(x -> x.name().equals(k)))) {
                throw new IllegalArgumentException("--method-option " + k + ": none of the methods " + String.join(", ", steps.keySet().stream().map(AnalyzeJob::shortName).toList())
                        + " has a parameter '" + k + "'");
            }
        }
    }

    /** @return the last segment of a contribution id ({@code tessera.decompose.nfindr} → {@code nfindr}) */
    static String shortName(String id) {
        return id.substring(id.lastIndexOf('.') + 1);
    }

    /** @return whether the clusterer {@code id} has a parameter {@code name} (an unknown id: see {@link Registry#clusterer}) */
    private static boolean declares(Registry registry, String id, String name) {
        return registry.clusterer(id).parameters().stream().anyMatch(p -> p.name().equals(name));
    }

    private static Ref ref(String text) {
        return Ref.parse(text);
    }

    /**
     * Runs {@code tessera analyze}: the {@link #pipeline} on {@code options.input()}, writing
     * {@value #RESULTS}, {@value #REPORT} (with its PNGs) and {@value PipelineEngine#RECORD} into
     * {@code options.outDir()} all-or-nothing.
     *
     * @param registry the extension registry
     * @param options  options; {@code input} and {@code outDir} are required
     * @param monitor  progress of long steps
     * @param log      receives one line per stage (the CLI prints it on stderr)
     * @return the run (values by {@code step.port}, the record); {@link #result} extracts the analysis
     * @throws tessera.core.io.InvalidFileException if the input is missing, invalid, or holds no spectrum image or line scan
     * @throws PipelineRunException if a step failed (e.g. an option does not fit the data); its record is saved
     * @throws InvalidPipelineException if an option is out of range for its step
     * @throws IOException on an I/O error; no partial output is left in the output directory
     */
    public static RunResult run(Registry registry, AnalyzeOptions options, ProgressMonitor monitor, Consumer<String> log)
            throws IOException, PipelineRunException, InvalidPipelineException {
        Map<String, Path> in = new LinkedHashMap<>();
        in.put(INPUT, options.input());
        if (options.methods().endmembers() != null) {
            in.put(ENDMEMBERS, options.methods().endmembers());
        }
        return new PipelineEngine(registry).run(pipeline(options, registry), "analyze", in, options.outDir(), RunOptions.of(monitor, log));
    }

    /**
     * The analysis a run of the {@link #pipeline} computed.
     *
     * @param run a successful run of the analyze pipeline
     * @return data, PCA, number of components, NMF (null if skipped), clusters and their mean spectra
     */
    public static AnalyzeResult result(RunResult run) {
        Dataset data = (Dataset) run.value("crop.data");
        ClusterResult clusters = (ClusterResult) run.value(CLUSTER_STEP + ".result");
        double[][][] ms = tessera.report.ClusteringSection.spectraStatistics(data, clusters.labels(), clusters.k());
        String algorithm = run.plan().steps().stream().filter(x -> CLUSTER_STEP.equals(x.name())).map(StepSpec::step).findFirst()
                .orElse(KMEANS);
        return new AnalyzeResult(data, (DecompositionResult) run.value("pca.result"), ((Number) run.value("elbow.components")).intValue(),
                Boolean.TRUE.equals(run.value("elbow.chosen")), (DecompositionResult) run.value("nmf.result"), clusters, ms[0],
                Boolean.TRUE.equals(run.value("counts.poisson")), run.notes(), algorithm, ms[1], embedding((Dataset) run.value("embed.data")),
                (tessera.report.ClusterNumberCurve) run.value("nclusters.curve"), methodResults(run), projections(run));
    }

    /** @return the results of the method steps other than NMF, in pipeline order */
    private static List<DecompositionResult> methodResults(RunResult run) {
        List<DecompositionResult> out = new ArrayList<>();
        for (StepSpec st : run.plan().steps()) {
            if (st.step().equals("tessera.pipeline.analyze-report")) {
                for (int i = 1; i <= METHOD_PORTS; i++) {
                    Ref r = st.inputs().get("method" + i);
                    if (r != null && run.value(r.step() + "." + r.port()) instanceof DecompositionResult d) {
                        out.add(d);
                    }
                }
            }
        }
        return out;
    }

    /** @return the projection datasets of the mds/lda method steps, in pipeline order */
    private static List<Dataset> projections(RunResult run) {
        List<Dataset> out = new ArrayList<>();
        for (StepSpec st : run.plan().steps()) {
            if (st.step().equals("tessera.pipeline.analyze-report")) {
                for (int i = 1; i <= PROJECTION_PORTS; i++) {
                    Ref r = st.inputs().get("projection" + i);
                    if (r != null && run.value(r.step() + "." + r.port()) instanceof Dataset d) {
                        out.add(d);
                    }
                }
            }
        }
        return out;
    }

    /**
     * The rows of an embedding dataset (the output of an embedding step).
     *
     * @param e dataset {@code [nav..., m]}, or null
     * @return {@code [n][m]}, or null if {@code e} is null
     */
    public static double[][] embedding(Dataset e) {
        if (e == null) {
            return null;
        }
        int n = Math.toIntExact(e.navigationSize());
        int m = e.signalSize();
        double[][] out = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                out[i][j] = e.getDouble((long) i * m + j);
            }
        }
        return out;
    }

    /**
     * Mean spectrum of each cluster, noise positions ({@link ClusterResult#NOISE}) left out
     * ({@link tessera.report.ClusteringSection#meanSpectra}).
     *
     * @param data dataset {@code [nav..., nE]}
     * @param cr   labels per navigation position (flat row-major)
     * @return {@code [k][nE]} means in the data's units (NaN for an empty cluster)
     * @throws IllegalArgumentException if the labels do not match the navigation size
     */
    public static double[][] clusterMeans(Dataset data, ClusterResult cr) {
        return tessera.report.ClusteringSection.meanSpectra(data, cr.labels(), cr.k());
    }
}
