package tessera.cli.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tessera.core.registry.Registry;
import tessera.pipeline.AnalyzeJob;
import tessera.pipeline.AnalyzeOptions;
import tessera.pipeline.AnalyzeResult;
import tessera.pipeline.ClusterOptions;
import tessera.pipeline.EnergyRange;
import tessera.pipeline.MethodOptions;
import tessera.pipeline.RunResult;
import tessera.samples.Samples;

/**
 * {@code tessera analyze [FILE] [--out DIR] [--components N] [--clusters K|auto] [--energy-range A:B]
 * [--cluster-algorithm ID] [--cluster-option NAME=VALUE]... [--cluster-source decomposition|signal]
 * [--preprocessing none|norm|standard|minmax] [--embedding ID] [--cluster-metric gap|elbow|silhouette] [--max-clusters N]
 * [--method M[,M...]] [--method-option NAME=VALUE]... [--endmembers FILE]}:
 * the main job ({@link AnalyzeJob}, a pipeline on the engine, recorded in {@code provenance.xmi}); with no FILE
 * it analyses the bundled FePt core–shell sample.
 */
@Command(name = "analyze", description = { "PCA scree, NMF and clustering (k-means by default) of a spectrum image or line scan;",
        "writes report.html (+ PNGs), results.hspy and the provenance record provenance.xmi into DIR. With no FILE: the bundled FePt core-shell EDX sample." })
final class AnalyzeCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "spectrum image or line scan (default: bundled sample)")
    Path file;

    @picocli.CommandLine.Mixin
    ReaderOptions readerOptions = new ReaderOptions();

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "tessera-out", description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--components", paramLabel = "N", description = "number of components (default: the PCA scree elbow)")
    Integer components;

    @Option(names = "--clusters", paramLabel = "K|auto", defaultValue = "3",
            description = "number of clusters (default: ${DEFAULT-VALUE}); auto = estimated by --cluster-metric (HyperSpy's estimate_number_of_clusters)")
    String clusters;

    @Option(names = "--cluster-algorithm", paramLabel = "ID", defaultValue = "kmeans",
            description = "clusterer: kmeans, minibatch-kmeans, agglomerative, gmm, hdbscan, dbscan or any contribution id (tessera plugins) (default: ${DEFAULT-VALUE})")
    String clusterAlgorithm;

    @Option(names = "--cluster-option", paramLabel = "NAME=VALUE", description = "a parameter of the clusterer, e.g. linkage=average, covariance=diag, minClusterSize=20 (repeatable)")
    java.util.Map<String, String> clusterOptions = new java.util.LinkedHashMap<>();

    @Option(names = "--cluster-source", paramLabel = "decomposition|signal", defaultValue = "decomposition",
            description = "features: the PCA scores of the chosen components, or the spectra (HyperSpy's cluster_source) (default: ${DEFAULT-VALUE})")
    String clusterSource;

    @Option(names = "--preprocessing", paramLabel = "none|norm|standard|minmax", defaultValue = "none",
            description = "feature scaling before clustering, as HyperSpy's cluster_analysis (default: ${DEFAULT-VALUE})")
    String preprocessing;

    @Option(names = "--embedding", paramLabel = "ID", description = "embed the features first (umap), then cluster the embedding (e.g. --embedding umap --cluster-algorithm hdbscan)")
    String embedding;

    @Option(names = "--cluster-metric", paramLabel = "gap|elbow|silhouette", defaultValue = "gap",
            description = "criterion of --clusters auto (default: ${DEFAULT-VALUE})")
    String clusterMetric;

    @Option(names = "--max-clusters", paramLabel = "N", defaultValue = "10", description = "largest k tried by --clusters auto (default: ${DEFAULT-VALUE})")
    int maxClusters;

    @Option(names = "--method", paramLabel = "M[,M...]", split = ",", defaultValue = "nmf",
            description = "methods after PCA, each adding its report section: nmf, bss (FastICA; or orthomax), nfindr, vca, ca, "
                    + "mlr, nnls, fcls, bayesian (abundances of --endmembers, else of the cluster means), mds, lda, or any decomposers id (default: ${DEFAULT-VALUE})")
    java.util.List<String> methods;

    @Option(names = "--method-option", paramLabel = "NAME=VALUE", description = "a parameter of the --method(s) that declare it, e.g. fun=cube, diffOrder=0, samples=1000 (repeatable)")
    java.util.Map<String, String> methodOptions = new java.util.LinkedHashMap<>();

    @Option(names = "--endmembers", paramLabel = "FILE", description = "endmember spectra [k, nE] (or one spectrum) on the data's energy axis, for mlr, nnls, fcls, bayesian")
    Path endmembers;

    @Option(names = "--energy-range", paramLabel = "A:B", description = "analyse only this window of the energy axis, in its units (keV for EDX, eV for EELS)")
    String energyRange;

    @Option(names = "--poisson", paramLabel = "auto|on|off", defaultValue = "auto",
            description = "Poisson-noise normalisation (Keenan & Kotula 2004); auto = on for integer counts")
    String poisson;

    @Option(names = "--seed", description = "random seed of NMF and k-means (default: drawn per step and recorded in provenance.xmi)")
    Long seed;

    @Override
    public Integer call() throws Exception {
        StderrProgress progress = new StderrProgress(System.err);
        Path input = file;
        if (input == null) {
            input = Samples.coreShell();
            progress.stage("no FILE given: analysing the bundled sample " + input.getFileName() + " (FePt core-shell STEM-EDX, NIST)");
        }
        Boolean p = switch (poisson.toLowerCase(Locale.ROOT)) {
            case "auto" -> null;
            case "on", "true" -> Boolean.TRUE;
            case "off", "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("--poisson must be auto, on or off, not '" + poisson + "'");
        };
        boolean auto = clusters.equalsIgnoreCase("auto");
        int k;
        try {
            k = auto ? 3 : Integer.parseInt(clusters.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--clusters must be a number or auto, not '" + clusters + "'");
        }
        ClusterOptions c = new ClusterOptions(clusterAlgorithm, clusterOptions, clusterSource, preprocessing, embedding, auto ? clusterMetric : null,
                maxClusters);
        AnalyzeOptions o = new AnalyzeOptions(input, out, components, k, energyRange == null ? null : EnergyRange.parse(energyRange), p, seed, c,
                new MethodOptions(methods, endmembers, methodOptions), readerOptions.map());
        long t = System.nanoTime();
        RunResult run = AnalyzeJob.run(Registry.get(), o, progress, progress::stage);
        AnalyzeResult r = AnalyzeJob.result(run);
        progress.stage(String.format("done in %.1f s: %d components (%s), %d cluster%s%s%s -> %s (record: %s)", (System.nanoTime() - t) / 1e9,
                r.components(), r.componentsChosen() ? "scree elbow" : "given", r.clusters().k(), r.clusters().k() == 1 ? "" : "s",
                r.clusterNumber() != null ? " (" + r.clusterNumber().metric() + ")" : "",
                r.clusters().noiseCount() > 0 ? " + " + r.clusters().noiseCount() + " noise positions" : "", out.toAbsolutePath().resolve(AnalyzeJob.REPORT),
                run.recordFile().getFileName()));
        return 0;
    }
}
