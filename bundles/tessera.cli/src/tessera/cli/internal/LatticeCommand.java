package tessera.cli.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tessera.core.analysis.ClusterResult;
import tessera.core.registry.Registry;
import tessera.pipeline.AtomsJob;
import tessera.pipeline.LatticeJob;
import tessera.pipeline.RunResult;
import tessera.pipeline.WindowsJob;

/**
 * {@code tessera lattice IMAGE --descriptor neighbours|bond-orientation --clusters K --out DIR}: local crystallography
 * through {@link LatticeJob} (columns, neighbourhood descriptors, k-means classes; provenance and rerun). This class
 * only turns options into step parameters and prints the class sizes.
 */
@Command(name = "lattice", description = { "Local crystallography: find the atomic columns, describe each one's neighbourhood, and cluster the descriptors",
        "into classes (grains, phases, variants); writes classes.npy, features.npy, lattice.csv, classes.png (with the class boundary), report.html",
        "and provenance.xmi into DIR." })
final class LatticeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "a file with a single 2-D image")
    Path file;

    @Option(names = "--descriptor", defaultValue = "neighbours", paramLabel = "D",
            description = "neighbours (vectors to the N nearest neighbours ordered by angle), bond-orientation (psi_k), patches (the image around each column) "
                    + "or the sliding-window descriptors fft, histogram (local intensity histogram) and correlation (local autocorrelation), decomposed and "
                    + "clustered window by window; default ${DEFAULT-VALUE}")
    String descriptor;

    @Option(names = "--neighbours", paramLabel = "N", description = "neighbours per column (default: 4 for neighbours, 3 for bond-orientation)")
    Integer neighbours;

    @Option(names = "--symmetry", paramLabel = "K", description = "k of psi_k for bond-orientation (default 6)")
    Integer symmetry;

    @Option(names = "--clusters", defaultValue = "2", paramLabel = "K", description = "number of classes (default ${DEFAULT-VALUE})")
    int clusters;

    @Option(names = "--finder", defaultValue = "gaussian", paramLabel = "M", description = "column descriptors: the atom finder, gaussian or network (default ${DEFAULT-VALUE})")
    String atomFinder;

    @Option(names = "--window", paramLabel = "PX", description = "fft, histogram, correlation: window side in px (default 64; histogram 32)")
    Integer window;

    @Option(names = "--step", paramLabel = "PX", description = "window descriptors: distance between windows in px (default: a quarter of the window)")
    Integer step;

    @Option(names = "--bins", paramLabel = "N", description = "histogram: intensity bins (default 32)")
    Integer bins;

    @Option(names = "--lags", paramLabel = "PX", description = "correlation: largest lag kept on each axis in px (default: window / 2 - 1, all the window holds)")
    Integer lags;

    @Option(names = "--components", defaultValue = "3", paramLabel = "K", description = "window descriptors: components of the decomposition (default ${DEFAULT-VALUE})")
    int components;

    @Option(names = "--method", paramLabel = "ID",
            description = "window descriptors: decomposer contribution (default tessera.decompose.nmf; for correlation, whose values go negative, tessera.decompose.pca)")
    String method;

    @Option(names = "--clusterer", defaultValue = LatticeJob.KMEANS, paramLabel = "ID", description = "clusterer contribution (default ${DEFAULT-VALUE})")
    String clusterer;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "seed of the clustering (default ${DEFAULT-VALUE})")
    long seed;



    @Mixin
    AtomFindingOptions finding = new AtomFindingOptions();

    @Option(names = "--out", defaultValue = "tessera-out", paramLabel = "DIR", description = "output directory (default ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        tessera.core.io.FileSelector.requireFile(file);
        Map<String, Object> finder = finding.parameters().map();
        Map<String, Object> desc = new StepParameters().put("neighbours", neighbours).put("symmetry", symmetry).map();
        StderrProgress progress = new StderrProgress(System.err);
        String windows = WindowsJob.descriptor(descriptor);
        if (windows != null) {
            Map<String, Object> w = new StepParameters().put("window", window).put("step", step).put("bins", bins).put("lags", lags).map();
            String decomposer = method != null ? method : windows.endsWith("correlation") ? "tessera.decompose.pca" : "tessera.decompose.nmf";
            RunResult run = WindowsJob.run(Registry.get(), file, out, windows, w, decomposer, Map.of("components", components), clusterer,
                    Map.of("k", clusters, "seed", seed), progress, progress::stage);
            printSizes((ClusterResult) run.value(WindowsJob.CLUSTER_STEP + ".result"), "windows");
            progress.stage("wrote " + out.toAbsolutePath() + " (record: " + run.recordFile().getFileName() + ")");
            return 0;
        }
        String id = descriptor.contains(".") ? descriptor : "tessera.lattice." + descriptor;
        RunResult run = LatticeJob.run(Registry.get(), file, out, AtomsJob.finder(atomFinder), finder, id, desc, clusterer, Map.of("k", clusters, "seed", seed), progress,
                progress::stage);
        printSizes((ClusterResult) run.value(LatticeJob.CLUSTER_STEP + ".result"), "columns");
        progress.stage("wrote " + out.toAbsolutePath() + " (record: " + run.recordFile().getFileName() + ")");
        return 0;
    }

    private static void printSizes(ClusterResult c, String what) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%d %s in %d classes:", c.labels().length, what, c.sizes().length));
        int[] sizes = c.sizes();
        for (int k = 0; k < sizes.length; k++) {
            b.append(String.format(Locale.ROOT, " %d: %d", k, sizes[k]));
        }
        System.out.println(b);
    }
}
