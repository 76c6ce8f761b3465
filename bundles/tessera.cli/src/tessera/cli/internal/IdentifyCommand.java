package tessera.cli.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tessera.core.model.Dataset;
import tessera.core.registry.Registry;
import tessera.pipeline.IdentifyJob;
import tessera.pipeline.RunResult;

/**
 * {@code tessera identify FILE --out DIR}: the elements of a core-loss EELS spectrum, line scan or spectrum image
 * through {@link IdentifyJob} (the pipeline engine: {@code provenance.xmi}, {@code tessera rerun --verify}). This class
 * only turns options into step parameters and prints the predicted elements.
 */
@Command(name = "identify", description = { "Identify the elements in core-loss EELS spectra with the shipped neural-network ensemble (Annys et al. 2023):",
        "probabilities of all 80 elements, the predicted (spectrum) or detected (line scan, SI) elements, probability maps,",
        "the spectrum with their edges marked; writes probabilities.csv, elements.json, report.html and provenance.xmi into DIR." })
final class IdentifyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "spectra: .msa, .hspy, .dm3/.dm4, ... (FILE#N selects a dataset)")
    Path file;

    @Option(names = "--threshold", paramLabel = "T", description = "decision threshold on a probability (default: the model's, chosen on simulated validation data)")
    Double threshold;

    @Option(names = "--model", paramLabel = "DIR", description = "a model or ensemble directory from tessera train (default: the shipped ensemble)")
    Path model;

    @Option(names = "--min-fraction", paramLabel = "F", description = "a line scan's or SI's element is detected where predicted in at least this fraction of spectra (default 0.01)")
    Double minFraction;

    @Option(names = "--classifier", defaultValue = IdentifyJob.ELEMENT_ID, paramLabel = "ID", description = "classifier contribution (default ${DEFAULT-VALUE})")
    String classifier;

    @Option(names = "--out", defaultValue = "tessera-out", paramLabel = "DIR", description = "output directory (default ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        tessera.core.io.FileSelector.requireFile(file);
        Map<String, Object> p = new java.util.LinkedHashMap<>();
        if (threshold != null) {
            p.put("threshold", threshold);
        }
        if (model != null) {
            p.put("model", model.toAbsolutePath().toString());
        }
        if (minFraction != null) {
            p.put("minFraction", minFraction);
        }
        StderrProgress progress = new StderrProgress(System.err);
        RunResult run = IdentifyJob.run(Registry.get(), file, out, classifier, p, progress, progress::stage);
        Dataset stack = (Dataset) run.value(IdentifyJob.STEP + ".probabilities");
        @SuppressWarnings("unchecked")
        List<String> shown = (List<String>) stack.metadata().get(tessera.core.analysis.Classification.PREDICTED_KEY);
        System.out.printf(Locale.ROOT, "%s: %s (threshold %.2f)%n", file.getFileName(), shown.isEmpty() ? "no element" : String.join(", ", shown),
                ((Number) stack.metadata().get(tessera.core.analysis.Classification.THRESHOLD_KEY)).doubleValue());
        progress.stage("wrote " + out.toAbsolutePath() + " (record: " + run.recordFile().getFileName() + ")");
        return 0;
    }
}
