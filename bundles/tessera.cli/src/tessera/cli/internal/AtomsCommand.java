package tessera.cli.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tessera.core.analysis.AtomResult;
import tessera.core.model.Dataset;
import tessera.core.registry.Registry;
import tessera.pipeline.AtomsJob;
import tessera.pipeline.RunResult;

/**
 * {@code tessera atoms IMAGE --out DIR}: atomic columns found and refined through {@link AtomsJob} (the pipeline
 * engine: {@code provenance.xmi}, {@code tessera rerun --verify}). This class only turns options into step parameters
 * and prints the count per sublattice.
 */
@Command(name = "atoms", description = { "Find and refine the atomic columns of an atomically resolved image: positions with uncertainties,",
        "sublattices, 2-D Gaussian fits, projected lattice vectors; writes atoms.csv, <output>.npy, atoms.png, report.html and provenance.xmi into DIR." })
final class AtomsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "a file with a single 2-D image (.hspy, .hdf5, .dm3/.dm4, ...)")
    Path file;

    @Option(names = "--method", defaultValue = "gaussian", paramLabel = "M",
            description = "gaussian (local maxima and 2-D Gaussian fits, Atomap), network (the U-Net, AtomNet), or a finder contribution id (default ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--model", paramLabel = "MODELDIR", description = "network: a model directory (tessera train atoms) instead of the shipped network")
    String model;



    @Option(names = "--threshold", paramLabel = "F", description = "gaussian: relative intensity threshold of a maximum, 0..1 (default 0.1); network: atom-probability threshold (default: the model's)")
    Double threshold;

    @Option(names = "--refinement", paramLabel = "R", description = "none, com, gaussian or com+gaussian (default com+gaussian)")
    String refinement;


    @Mixin
    AtomFindingOptions finding = new AtomFindingOptions();

    @Option(names = "--out", defaultValue = "tessera-out", paramLabel = "DIR", description = "output directory (default ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        tessera.core.io.FileSelector.requireFile(file);
        Map<String, Object> p = finding.parameters().put("threshold", threshold).put("refinement", refinement).put("model", model).map();
        StderrProgress progress = new StderrProgress(System.err);
        RunResult run = AtomsJob.run(Registry.get(), file, out, AtomsJob.finder(method), p, progress, progress::stage);
        Dataset sub = (Dataset) run.value(AtomsJob.FINDER_STEP + "." + AtomResult.SUBLATTICE);
        Dataset pos = (Dataset) run.value(AtomsJob.FINDER_STEP + "." + AtomResult.POSITIONS);
        int[] count = new int[3];
        for (long i = 0; i < sub.size(); i++) {
            count[Math.min(2, (int) sub.getDouble(i))]++;
        }
        System.out.printf(Locale.ROOT, "%d atomic columns (sublattice 0: %d, 1: %d), pixel size %s %s%n", sub.size(), count[0], count[1],
                pos.metadata().get("Signal.pixel_size"), pos.metadata().get("Signal.pixel_units"));
        progress.stage("wrote " + out.toAbsolutePath() + " (record: " + run.recordFile().getFileName() + ")");
        return 0;
    }
}
