package tessera.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.function.Consumer;
import java.util.List;
import java.util.Map;

import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.Clusterer;
import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.Decomposer;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.io.InvalidFileException;
import tessera.core.model.Dataset;
import tessera.core.model.DType;
import tessera.core.registry.Registry;
import tessera.report.AnalysisReport;
import tessera.report.ClusteringSection;
import tessera.report.DatasetSummary;
import tessera.report.ReportWriter;

/**
 * The main job of Tessera, {@code tessera analyze}: PCA scree, choice of the number of
 * components, NMF, and k-means on the PCA scores of a spectrum image or line scan — the
 * workflow of HyperSpy's decomposition / cluster-analysis tutorials (HyperSpy 1.7,
 * {@code decomposition}, {@code blind_source_separation}, {@code cluster_analysis}).
 * Algorithms are taken from the extension registry by id, so a vendor's contribution with
 * the same interface can replace them.
 */
public final class AnalyzeJob {
    /** decomposer id of PCA */
    public static final String PCA = "tessera.decompose.pca";
    /** decomposer id of NMF */
    public static final String NMF = "tessera.decompose.nmf";
    /** clusterer id of k-means */
    public static final String KMEANS = "tessera.cluster.kmeans";

    private AnalyzeJob() {
    }

    /** name of the report file in the output directory */
    public static final String REPORT = "report.html";
    /** name of the results file in the output directory */
    public static final String RESULTS = "results.hspy";

    /**
     * Runs {@code tessera analyze}: reads the file, computes ({@link #compute}), and writes
     * {@value #RESULTS} and {@value #REPORT} (with its PNGs) into {@code options.outDir()}
     * all-or-nothing ({@link OutputDirectory}).
     *
     * @param registry the extension registry
     * @param options  options; {@code input} and {@code outDir} are required
     * @param monitor  progress of long steps
     * @param log      receives one line per stage (the CLI prints it on stderr)
     * @return the result
     * @throws InvalidFileException if the input is missing, invalid, or holds no spectrum image or line scan
     * @throws IllegalArgumentException if an option does not fit the data
     * @throws IOException on an I/O error; no partial output is left in the output directory
     */
    public static AnalyzeResult run(Registry registry, AnalyzeOptions options, ProgressMonitor monitor, Consumer<String> log) throws IOException {
        Path file = options.input();
        long t0 = System.nanoTime();
        Dataset input = pickSpectrumImage(file, registry.formats().read(file));
        if (input.metadata().get("General.original_filename") == null) {
            input.metadata().set("General.original_filename", file.getFileName().toString());
        }
        double readSeconds = (System.nanoTime() - t0) / 1e9;
        log.accept(String.format("read %s in %.1f s: %s", file, readSeconds, input));
        AnalyzeResult r;
        try {
            r = compute(registry, input, options, monitor);
        } catch (IllegalArgumentException e) {
            throw new InvalidFileException(file, e.getMessage(), e);
        }
        r.seconds()[0] = readSeconds;
        try (OutputDirectory out = new OutputDirectory(options.outDir())) {
            log.accept("writing " + out.dir().resolve(RESULTS));
            registry.formats().writerFor(out.staging().resolve(RESULTS)).writeAll(ResultDatasets.of(r), out.staging().resolve(RESULTS));
            log.accept("writing " + out.dir().resolve(REPORT));
            ReportWriter.write(report(registry, file, r), out.staging());
            out.commit(REPORT);
        }
        return r;
    }

    private static Dataset pickSpectrumImage(Path file, List<Dataset> all) throws InvalidFileException {
        for (Dataset d : all) {
            if (d.signalAxes().size() == 1 && d.navigationDimension() >= 1 && d.navigationDimension() <= 2) {
                return d;
            }
        }
        List<String> found = new ArrayList<>();
        all.forEach(d -> found.add(java.util.Arrays.toString(d.shape()) + " with " + d.navigationDimension() + " navigation and "
                + d.signalAxes().size() + " signal axes"));
        throw new InvalidFileException(file, "holds no spectrum image or line scan (found " + String.join("; ", found) + ")");
    }

    private static AnalysisReport report(Registry registry, Path file, AnalyzeResult r) {
        AnalysisReport.Builder b = AnalysisReport.builder(file.getFileName().toString());
        b.dataset(DatasetSummary.of(r.data()));
        b.scree(tessera.report.Scree.of("PCA", r.pca(), r.components()));
        if (r.nmf() != null) {
            b.decomposition("NMF", firstK(r.nmf(), r.components()));
        }
        b.decomposition("PCA", firstK(r.pca(), r.components()));
        b.clustering(new ClusteringSection("k-means", KMEANS, r.clusters(), r.data().navigationAxes(),
                r.data().axis(r.data().rank() - 1), r.clusterMeans()));
        for (String n : r.notes()) {
            b.note(n);
        }
        b.references("PCA", registry.decomposer(PCA).references());
        if (r.nmf() != null) {
            b.references("NMF", registry.decomposer(NMF).references());
        }
        b.references("k-means", registry.clusterer(KMEANS).references());
        Map<String, Object> kp = new LinkedHashMap<>();
        kp.put("k", r.clusters().k());
        kp.put("features", r.components() + " PCA scores");
        b.parameters("k-means", kp);
        String[] stages = { "read", "PCA", "NMF", "k-means" };
        for (int i = 0; i < stages.length; i++) {
            b.timing(stages[i], Duration.ofNanos((long) (r.seconds()[i] * 1e9)));
        }
        return b.build();
    }

    private static DecompositionResult firstK(DecompositionResult d, int k) {
        if (d.components() == k) {
            return d;
        }
        return new DecompositionResult(d.algorithmId(), ResultDatasets.firstComponents(d.factors(), k),
                ResultDatasets.firstComponents(d.loadings(), k), d.explainedVariance(), d.parameters());
    }

    /**
     * Runs the analysis on a dataset in memory (no file output).
     *
     * @param registry the extension registry
     * @param input    dataset with one signal axis and one or two navigation axes
     * @param options  options (input/outDir are not used here)
     * @param monitor  progress
     * @return everything computed
     * @throws IllegalArgumentException if the dataset is not a spectrum image or line scan, or options do not fit it
     */
    public static AnalyzeResult compute(Registry registry, Dataset input, AnalyzeOptions options, ProgressMonitor monitor) {
        if (input.signalAxes().size() != 1 || input.navigationDimension() < 1 || input.navigationDimension() > 2) {
            throw new IllegalArgumentException("needs a spectrum image or line scan (one signal axis, 1 or 2 navigation axes), got " + input);
        }
        List<String> notes = new ArrayList<>();
        double[] seconds = new double[4];
        Dataset data = options.energyRange() == null ? input : options.energyRange().crop(input);
        if (options.energyRange() != null) {
            var e = data.axis(data.rank() - 1);
            notes.add(String.format("Energy window %.6g–%.6g %s (%d channels).", e.offset(), e.high(), e.units(), e.size()));
        }
        long nav = data.navigationSize();
        if (nav < 2) {
            throw new IllegalArgumentException("needs at least 2 navigation positions to decompose, got " + nav);
        }
        boolean poisson = options.poisson() != null ? options.poisson() : isCountData(data);
        notes.add(poisson ? "Poisson-noise normalisation (Keenan & Kotula 2004) applied to PCA and NMF."
                : "No Poisson-noise normalisation (data are not non-negative counts, or it was switched off).");

        long t = System.nanoTime();
        Decomposer pca = registry.decomposer(PCA);
        Map<String, Object> pp = new HashMap<>();
        pp.put("normalizePoissonianNoise", poisson);
        DecompositionResult pcaResult = pca.decompose(data, Parameters.of(pca.parameters(), pp), monitor);
        seconds[1] = (System.nanoTime() - t) / 1e9;

        int maxComp = pcaResult.components();
        int n;
        boolean chosen = options.components() == null;
        if (chosen) {
            n = Scree.significantComponents(pcaResult.explainedVarianceRatio());
            notes.add("Number of components " + n + " taken from the scree elbow (Satopää et al. 2011, as HyperSpy's estimate_elbow_position).");
        } else {
            n = options.components();
        }
        if (n > maxComp) {
            throw new IllegalArgumentException("--components " + n + " exceeds the " + maxComp + " components the data have");
        }

        t = System.nanoTime();
        Decomposer nmf = registry.decomposer(NMF);
        Map<String, Object> np = new HashMap<>();
        np.put("components", n);
        np.put("normalizePoissonianNoise", poisson);
        np.put("seed", options.seed());
        DecompositionResult nmfResult;
        if (hasNegative(data)) {
            nmfResult = null;
            notes.add("NMF skipped: the data have negative values (NMF needs non-negative data; crop the energy range or remove the offset).");
        } else {
            nmfResult = nmf.decompose(data, Parameters.of(nmf.parameters(), np), monitor);
        }
        seconds[2] = (System.nanoTime() - t) / 1e9;

        t = System.nanoTime();
        int k = options.clusters();
        if (k > nav) {
            throw new IllegalArgumentException("--clusters " + k + " exceeds the " + nav + " navigation positions");
        }
        double[][] scores = pcaResult.scores();
        double[][] feats = new double[scores.length][n];
        for (int i = 0; i < scores.length; i++) {
            System.arraycopy(scores[i], 0, feats[i], 0, n);
        }
        Clusterer km = registry.clusterer(KMEANS);
        Map<String, Object> kp = new HashMap<>();
        kp.put("k", k);
        kp.put("seed", options.seed());
        ClusterResult cr = km.cluster(feats, Parameters.of(km.parameters(), kp), monitor);
        double[][] means = clusterMeans(data, cr);
        seconds[3] = (System.nanoTime() - t) / 1e9;
        return new AnalyzeResult(data, pcaResult, n, chosen, nmfResult, cr, means, poisson, notes, seconds);
    }

    /**
     * Mean spectrum of each cluster.
     *
     * @param data dataset {@code [nav..., nE]}
     * @param cr   labels per navigation position (flat row-major)
     * @return {@code [k][nE]} means (zeros for an empty cluster)
     */
    public static double[][] clusterMeans(Dataset data, ClusterResult cr) {
        int sig = data.signalSize();
        double[][] m = new double[cr.k()][sig];
        int[] count = new int[cr.k()];
        float[] row = new float[sig];
        for (int p = 0; p < cr.labels().length; p++) {
            data.readSpectra(p, 1, row, 0);
            int l = cr.labels()[p];
            count[l]++;
            for (int j = 0; j < sig; j++) {
                m[l][j] += row[j];
            }
        }
        for (int c = 0; c < m.length; c++) {
            for (int j = 0; j < sig && count[c] > 0; j++) {
                m[c][j] /= count[c];
            }
        }
        return m;
    }

    private static boolean isCountData(Dataset d) {
        if (d.dtype().isFloating() && d.dtype() != DType.FLOAT32 && d.dtype() != DType.FLOAT64) {
            return false;
        }
        boolean integer = !d.dtype().isFloating();
        return integer && !hasNegative(d);
    }

    private static boolean hasNegative(Dataset d) {
        int sig = d.signalSize();
        float[] row = new float[sig];
        for (long p = 0; p < d.navigationSize(); p++) {
            d.readSpectra(p, 1, row, 0);
            for (float v : row) {
                if (v < 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
