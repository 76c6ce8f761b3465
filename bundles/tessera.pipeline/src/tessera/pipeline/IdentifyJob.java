package tessera.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import tessera.core.analysis.ProgressMonitor;
import tessera.core.registry.Registry;
import tessera.pipeline.internal.IdentifyReportStep;
import tessera.pipeline.internal.ReadStep;

/**
 * {@code tessera identify} as a pipeline ({@link #pipeline}): read the spectra of the file (the dataset with the most
 * navigation dimensions), a classifier ({@code tessera.classify.element-id} by default: element identification after
 * Annys et al., Sci. Rep. 13 (2023) 13724, doi:10.1038/s41598-023-40943-7) and its outputs
 * ({@code tessera.pipeline.identify-report}). It runs on the {@link PipelineEngine}, so every run leaves
 * {@value PipelineEngine#RECORD} beside its outputs and re-runs with {@code tessera rerun --verify}.
 */
public final class IdentifyJob {
    /** name of the pipeline input */
    public static final String INPUT = "input";
    /** the default classifier */
    public static final String ELEMENT_ID = "tessera.classify.element-id";
    /** name of the classifier step */
    public static final String STEP = "identify";

    private IdentifyJob() {
    }

    /**
     * @param classifier the classifier's id
     * @param parameters its parameters (and {@code minFraction})
     * @param file       the input file's name, for the report
     * @return the document
     */
    public static PipelineDocument pipeline(String classifier, Map<String, Object> parameters, String file) {
        List<StepSpec> s = new ArrayList<>();
        s.add(new StepSpec("read", ReadStep.ID, Map.of("file", new Ref(null, INPUT)), Map.of("kind", ReadStep.ANY_SPECTRA), null));
        s.add(new StepSpec(STEP, classifier, Map.of("data", Ref.parse("read.data")), new LinkedHashMap<>(parameters), null));
        Map<String, Ref> in = new LinkedHashMap<>();
        in.put("data", Ref.parse("read.data"));
        in.put("probabilities", Ref.parse(STEP + ".probabilities"));
        s.add(new StepSpec("report", IdentifyReportStep.ID, in, Map.of("file", file), null));
        return new PipelineDocument("identify", "Elements identified (tessera identify)", Map.of(INPUT, "spectra (EELS core loss, eV)"), s);
    }

    /**
     * Runs the pipeline on {@code input}, writing into {@code outDir}.
     *
     * @param registry   the contributions
     * @param input      the file
     * @param outDir     output directory
     * @param classifier the classifier's id
     * @param parameters its parameters
     * @param monitor    progress
     * @param log        progress lines
     * @return the run; {@code run.value("identify.probabilities")} is the stack
     * @throws tessera.core.io.InvalidFileException if the input is missing, unreadable or holds no spectra
     * @throws PipelineRunException if a step failed (its cause names the problem: no energy calibration, keV, NaN, ...)
     * @throws InvalidPipelineException if a parameter is unknown or out of range
     * @throws IOException on an I/O error; nothing is left in the output directory then
     */
    public static RunResult run(Registry registry, Path input, Path outDir, String classifier, Map<String, Object> parameters, ProgressMonitor monitor,
            Consumer<String> log) throws IOException, PipelineRunException, InvalidPipelineException {
        return new PipelineEngine(registry).run(pipeline(classifier, parameters, input.getFileName().toString()), "identify", Map.of(INPUT, input), outDir,
                RunOptions.of(monitor, log));
    }
}
