package tessera.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        s.add(new StepSpec("read", "tessera.pipeline.read", Map.of("file", new Ref(null, INPUT)), Map.of(), null));
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
        s.add(new StepSpec("pca", PCA, Map.of("data", ref("crop.data")), Map.of("normalizePoissonianNoise", ref("counts.poisson")), null));
        s.add(new StepSpec("elbow", "tessera.pipeline.scree-elbow", Map.of("pca", ref("pca.result")),
                o.components() == null ? Map.of() : Map.of("components", o.components()), null));
        Map<String, Object> nmf = new LinkedHashMap<>();
        nmf.put("components", ref("elbow.components"));
        nmf.put("normalizePoissonianNoise", ref("counts.poisson"));
        if (o.seed() != null) {
            nmf.put(Step.SEED, o.seed());
        }
        s.add(new StepSpec("nmf", NMF, Map.of("data", ref("crop.data")), nmf, ref("counts.nonNegative")));
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
        Map<String, Ref> report = new LinkedHashMap<>();
        report.put("data", ref("crop.data"));
        report.put("pca", ref("pca.result"));
        report.put("components", ref("elbow.components"));
        report.put("chosen", ref("elbow.chosen"));
        report.put("nmf", ref("nmf.result"));
        report.put("clusters", ref(CLUSTER_STEP + ".result"));
        if (c.embedding() != null) {
            report.put("embedding", ref("embed.data"));
        }
        if (c.numberMetric() != null) {
            report.put("clusterNumber", ref("nclusters.curve"));
        }
        s.add(new StepSpec("report", "tessera.pipeline.analyze-report", report,
                Map.of("clusterAlgorithm", c.algorithm(), "clusterSource", c.source(), "preprocessing", c.preprocessing()), null));
        return new PipelineDocument("analyze", "tessera analyze: PCA scree, NMF and clustering of a spectrum image or line scan",
                Map.of(INPUT, "spectrum image or line scan"), s);
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
        return new PipelineEngine(registry).run(pipeline(options, registry), "analyze", Map.of(INPUT, options.input()), options.outDir(),
                RunOptions.of(monitor, log));
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
                (tessera.report.ClusterNumberCurve) run.value("nclusters.curve"));
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
