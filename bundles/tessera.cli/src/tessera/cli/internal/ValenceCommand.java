package tessera.cli.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tessera.core.model.Dataset;
import tessera.core.registry.Registry;
import tessera.pipeline.RunResult;
import tessera.pipeline.ValenceJob;

/**
 * {@code tessera valence FILE --element Mn --out DIR}: the oxidation state of Mn or Fe from the L2,3 white lines of a
 * spectrum, line scan or spectrum image through {@link ValenceJob} (the pipeline engine: {@code provenance.xmi},
 * {@code tessera rerun --verify}). This class only turns options into step parameters and prints the result.
 */
@Command(name = "valence", description = { "The Mn or Fe oxidation state from the L2,3 white lines: class probabilities (Mn2+/Mn3+/Mn4+,",
        "Fe2+/Fe3+/Fe3O4) by the shipped SVM or network, the probability-weighted mean valence and its spread, and the textbook",
        "baseline (L3/L2 ratio, L3 energy) on the same spectra; maps for a line scan or SI; valence.csv, valence.json, report.html",
        "and provenance.xmi in DIR (docs/valence.md)." })
final class ValenceCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "core-loss spectra: .msa, .hspy, .dm3/.dm4, ... (FILE#N selects a dataset)")
    Path file;

    @Option(names = "--element", required = true, paramLabel = "EL", description = "Mn or Fe")
    String element;

    @Option(names = "--model", defaultValue = "svm", paramLabel = "NAME", description = "svm, dense, conv (shipped) or a model directory from tessera train valence (default ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--energy-shift", defaultValue = "0", paramLabel = "EV", description = "added to the measured L3 energy for the L3-energy baseline (default ${DEFAULT-VALUE})")
    double energyShift;

    @Option(names = "--resolution", defaultValue = "1.0", paramLabel = "EV", description = "energy resolution, the zero-loss FWHM, for the L3/L2 baseline's calibration (default ${DEFAULT-VALUE})")
    double resolution;

    @Option(names = "--low-loss", paramLabel = "LL", description = "the low loss (same dispersion): the L3/L2 baseline measures the Fourier-ratio deconvolved spectra at its zero-loss FWHM")
    Path lowLoss;

    @Option(names = "--out", defaultValue = "tessera-out", paramLabel = "DIR", description = "output directory (default ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        tessera.core.io.FileSelector.requireFile(file);
        String el = tessera.eels.valence.WhiteLines.of(element).element();
        String m = model.equals("svm") || model.equals("dense") || model.equals("conv") ? model : Path.of(model).toAbsolutePath().toString();
        StderrProgress progress = new StderrProgress(System.err);
        RunResult run = ValenceJob.run(Registry.get(), file, lowLoss, out, el, m, energyShift, resolution, progress, progress::stage);
        ValenceJob.Summary summary = ValenceJob.Summary.of((Dataset) run.value(ValenceJob.MAPS + ".maps"));
        System.out.printf(Locale.ROOT, "%s: %s%n", file.getFileName(), summary.describe());
        progress.stage("wrote " + out.toAbsolutePath() + " (record: " + run.recordFile().getFileName() + ")");
        return 0;
    }
}
