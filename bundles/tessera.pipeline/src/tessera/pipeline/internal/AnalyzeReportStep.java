package tessera.pipeline.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.io.DatasetWriter;
import tessera.core.model.Dataset;
import tessera.pipeline.AnalyzeJob;
import tessera.pipeline.AnalyzeResult;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.ResultDatasets;
import tessera.pipeline.Step;
import tessera.pipeline.StepContext;
import tessera.pipeline.WrittenFile;
import tessera.report.AnalysisReport;
import tessera.report.ClusterNumberCurve;
import tessera.report.ClusteringSection;
import tessera.report.DatasetSummary;
import tessera.report.ReportWriter;
import tessera.report.WrittenReport;

/**
 * {@code tessera.pipeline.analyze-report}: the outputs of {@code tessera analyze} —
 * {@value AnalyzeJob#RESULTS} (the calibrated result datasets of {@link ResultDatasets}, which
 * HyperSpy 1.7 opens) and {@value AnalyzeJob#REPORT} with its PNGs. The report shows no wall-clock
 * time, so a re-run reproduces it byte for byte; times are in the provenance record.
 */
public final class AnalyzeReportStep implements Step {
    /** step id */
    public static final String ID = "tessera.pipeline.analyze-report";

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.ofString("clusterAlgorithm", AnalyzeJob.KMEANS, "contribution id of the clusterer that made 'clusters' (names it in the report)"),
                ParameterSpec.ofChoice("clusterSource", "decomposition", tessera.pipeline.ClusterOptions.SOURCES,
                        "what the clustering (or its embedding) ran on: the PCA scores or the spectra (stated in the report)"),
                ParameterSpec.ofChoice(Features.PREPROCESSING, "none", tessera.cluster.FeatureScaling.METHODS,
                        "the feature scaling before the clustering (stated in the report)"));
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(new LiteratureReference("F. de la Peña et al., HyperSpy 1.7.3, HDF5 file format specification (hspy 3.1) (Zenodo)",
                "10.5281/zenodo.7263263"));
    }

    @Override
    public List<Port> inputs() {
        List<Port> l = new java.util.ArrayList<>(List.of(Port.of("data", PortType.DATASET, "the analysed dataset"),
                Port.of("pca", PortType.DECOMPOSITION, "full PCA"),
                Port.of("components", PortType.VALUE, "Integer: number of components shown and saved"),
                Port.optional("chosen", PortType.VALUE, "Boolean: the number came from the scree elbow"),
                Port.optional("nmf", PortType.DECOMPOSITION, "NMF (absent if it did not run)"),
                Port.of("clusters", PortType.CLUSTERING, "the clustering (k-means on the PCA scores by default)"),
                Port.optional("embedding", PortType.DATASET, "the embedding the clustering ran on (UMAP), drawn as a scatter plot"),
                Port.optional("clusterNumber", PortType.VALUE, "the estimate of the number of clusters (ClusterNumberCurve)")));
        l.addAll(methodPorts());
        return l;
    }

    /** @return the inputs above plus {@code method1..} (DECOMPOSITION) and {@code projection1..} (DATASET) of the --methods */
    private static List<Port> methodPorts() {
        List<Port> l = new java.util.ArrayList<>();
        for (int i = 1; i <= AnalyzeJob.METHOD_PORTS; i++) {
            l.add(Port.optional("method" + i, PortType.DECOMPOSITION, "the result of a further --method (separation, endmembers, abundances, ...)"));
        }
        for (int i = 1; i <= AnalyzeJob.PROJECTION_PORTS; i++) {
            l.add(Port.optional("projection" + i, PortType.DATASET, "a projection [nav..., m] of a --method (MDS, LDA)"));
        }
        return l;
    }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("results", PortType.FILE, AnalyzeJob.RESULTS), Port.of("report", PortType.FILE, AnalyzeJob.REPORT));
    }

    @Override
    public Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters parameters) throws Exception {
        Dataset data = (Dataset) inputs.get("data");
        ClusterResult clusters = (ClusterResult) inputs.get("clusters");
        double[][][] ms = ClusteringSection.spectraStatistics(data, clusters.labels(), clusters.k());
        AnalyzeResult r = new AnalyzeResult(data, (DecompositionResult) inputs.get("pca"), ((Number) inputs.get("components")).intValue(),
                Boolean.TRUE.equals(inputs.get("chosen")), (DecompositionResult) inputs.get("nmf"), clusters, ms[0],
                context.notes().stream().anyMatch(n -> n.startsWith("Poisson")), context.notes(), parameters.getString("clusterAlgorithm"), ms[1],
                AnalyzeJob.embedding((Dataset) inputs.get("embedding")), (ClusterNumberCurve) inputs.get("clusterNumber"), methods(inputs),
                projections(inputs));
        Path results = context.outputDirectory().resolve(AnalyzeJob.RESULTS);
        List<Dataset> datasets = ResultDatasets.of(r);
        Map<String, Dataset> contents = new LinkedHashMap<>();
        for (Dataset d : datasets) {
            contents.put("/Experiments/" + d.metadata().title(), d);
        }
        // results.hspy is written on another thread while the report renders: the two share nothing but the inputs
        DatasetWriter writer = context.registry().formats().writerFor(results);
        context.log("writing " + AnalyzeJob.RESULTS);
        FutureTask<Void> hspy = new FutureTask<>(() -> {
            writer.writeAll(datasets, results);
            return null;
        });
        Thread.ofPlatform().name("tessera-results-writer").daemon().start(hspy);
        context.log("writing " + AnalyzeJob.REPORT);
        WrittenReport written;
        try {
            written = ReportWriter.write(report(context, r, parameters.getString("clusterSource"), parameters.getString(Features.PREPROCESSING)),
                    context.outputDirectory());
        } catch (Exception | Error e) {
            try {
                awaitResults(hspy);
            } catch (Exception x) {
                e.addSuppressed(x);
            }
            throw e;
        }
        awaitResults(hspy);
        return Map.of("results", new WrittenFile(results, contents), "report", new WrittenFile(written.html(), Map.of()));
    }

    /** Waits for the results writer and rethrows what it threw (an I/O error, a bad dataset). */
    private static void awaitResults(FutureTask<Void> hspy) throws Exception {
        try {
            hspy.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : new IllegalStateException(e.getCause());
        }
    }

    private static List<DecompositionResult> methods(Map<String, Object> inputs) {
        List<DecompositionResult> l = new java.util.ArrayList<>();
        for (int i = 1; i <= AnalyzeJob.METHOD_PORTS; i++) {
            if (inputs.get("method" + i) instanceof DecompositionResult d) {
                l.add(d);
            }
        }
        return l;
    }

    private static List<Dataset> projections(Map<String, Object> inputs) {
        List<Dataset> l = new java.util.ArrayList<>();
        for (int i = 1; i <= AnalyzeJob.PROJECTION_PORTS; i++) {
            if (inputs.get("projection" + i) instanceof Dataset d) {
                l.add(d);
            }
        }
        return l;
    }

    /**
     * @param id a contribution id
     * @return its last segment ({@code tessera.cluster.kmeans} → {@code kmeans}), the label and file-name stem in the report
     */
    static String shortName(String id) {
        return id.substring(id.lastIndexOf('.') + 1);
    }

    /** @return the report label of a method result: its short name in capitals ({@code nfindr} → {@code NFINDR}) */
    static String methodLabel(String id) {
        return shortName(id).toUpperCase(java.util.Locale.ROOT);
    }

    private static AnalysisReport report(StepContext context, AnalyzeResult r, String clusterSource, String preprocessing) {
        var registry = context.registry();
        String source = String.valueOf(r.data().metadata().get("General.original_filename"));
        AnalysisReport.Builder b = AnalysisReport.builder(source).created(null);
        b.dataset(DatasetSummary.of(r.data()));
        b.markers(SpectrumMarkers.caption(r.data()), SpectrumMarkers.of(r.data()));
        b.scree(tessera.report.Scree.of("PCA", r.pca(), r.components()));
        if (r.nmf() != null) {
            b.decomposition("NMF", ResultDatasets.firstK(r.nmf(), r.components()));
        }
        b.decomposition("PCA", ResultDatasets.firstK(r.pca(), r.components()));
        for (DecompositionResult m : r.methods()) {
            b.decomposition(methodLabel(m.algorithmId()), m);
            b.references(methodLabel(m.algorithmId()), registry.find(tessera.core.registry.Registry.DECOMPOSERS, m.algorithmId())
                    .map(c -> c.create(tessera.core.analysis.Algorithm.class).references()).orElse(List.of()));
        }
        for (Dataset pr : r.projections()) {
            b.projection(new tessera.report.ProjectionSection(pr.metadata().title(), pr, r.clusters().labels(), r.clusters().k()));
        }
        String cname = registry.find(tessera.core.registry.Registry.CLUSTERERS, r.clusterAlgorithm()).map(c -> c.name()).orElse(r.clusterAlgorithm());
        String clabel = shortName(r.clusterAlgorithm());
        b.clustering(new ClusteringSection(clabel, r.clusterAlgorithm(), r.clusters(), r.data().navigationAxes(), r.data().axis(r.data().rank() - 1),
                r.clusterMeans(), r.clusterStd(), r.embedding(), r.clusterNumber()));
        for (String n : r.notes()) {
            b.note(n);
        }
        b.note("How this report was made (steps, versions, parameters, seeds, times, input hashes): provenance.xmi beside it "
                + "(tessera provenance show provenance.xmi).");
        b.references("PCA", registry.decomposer(AnalyzeJob.PCA).references());
        if (r.nmf() != null) {
            b.references("NMF", registry.decomposer(AnalyzeJob.NMF).references());
        }
        b.references(clabel, registry.clusterer(r.clusterAlgorithm()).references());
        Map<String, Object> kp = new LinkedHashMap<>();
        kp.put("algorithm", cname);
        kp.put("k", r.clusters().k());
        String on = "signal".equals(clusterSource) ? "the spectra" : "the first " + r.components() + " PCA scores";
        if (!"none".equals(preprocessing)) {
            on += " after " + preprocessing + " scaling";
        }
        kp.put("features", r.embedding() != null ? "a " + r.embedding()[0].length + "-D embedding of " + on : on);
        b.parameters(clabel, kp);
        return b.build();
    }
}
