package tessera.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import tessera.core.analysis.DynamicsResult;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.registry.Registry;
import tessera.pipeline.internal.DynamicsReportStep;
import tessera.pipeline.internal.ReadStep;

/**
 * {@code tessera dynamics} as a pipeline ({@link #pipeline}): read the class trajectories ({@code [sites, frames]},
 * −1 = not seen; the first dataset of the file), a dynamics model ({@code tessera.dynamics.msm} by default), and its
 * outputs ({@code tessera.pipeline.dynamics-report}). Like {@link MapJob} it runs on the {@link PipelineEngine}, so every
 * run leaves {@value PipelineEngine#RECORD} beside its outputs and re-runs with {@code tessera rerun --verify}.
 */
public final class DynamicsJob {
    /** name of the pipeline input of the labels */
    public static final String INPUT = "input";
    /** the default model */
    public static final String MSM = "tessera.dynamics.msm";
    /** name of the model step in the pipeline */
    public static final String MODEL_STEP = "model";

    private DynamicsJob() {
    }

    /**
     * @param model      the dynamics model's id
     * @param parameters its parameters (lag, reversible, lags, samples, prior, seed, classes)
     * @param file       the labels file's name, for the report
     * @return the document
     */
    public static PipelineDocument pipeline(String model, Map<String, Object> parameters, String file) {
        List<StepSpec> s = new ArrayList<>();
        s.add(new StepSpec("read", ReadStep.ID, Map.of("file", new Ref(null, INPUT)), Map.of("dataset", 0), null));
        s.add(new StepSpec(MODEL_STEP, model, Map.of("labels", Ref.parse("read.data")), new LinkedHashMap<>(parameters), null));
        Map<String, Ref> in = new LinkedHashMap<>();
        java.util.stream.Stream.concat(DynamicsResult.ALWAYS.stream(), DynamicsResult.WHEN_ASKED.stream()).forEach(n -> in.put(n, Ref.parse(MODEL_STEP + "." + n)));
        s.add(new StepSpec("report", DynamicsReportStep.ID, in, Map.of("file", file), null));
        return new PipelineDocument("dynamics", "Markov model of class trajectories (tessera dynamics)", Map.of(INPUT, "class trajectories [sites, frames]"), s);
    }

    /**
     * Runs the pipeline on {@code input}, writing into {@code outDir}.
     *
     * @param registry   the contributions
     * @param input      the labels file (.npy or any format with a 2-D integer dataset)
     * @param outDir     output directory
     * @param model      the dynamics model's id
     * @param parameters its parameters
     * @param monitor    progress
     * @param log        progress lines
     * @return the run; {@code run.value("model.transitionMatrix")} etc.
     * @throws tessera.core.io.InvalidFileException if the input is missing or unreadable
     * @throws PipelineRunException if a step failed (its cause names the problem)
     * @throws InvalidPipelineException if a parameter is unknown or out of range
     * @throws IOException on an I/O error; nothing is left in the output directory then
     */
    public static RunResult run(Registry registry, Path input, Path outDir, String model, Map<String, Object> parameters, ProgressMonitor monitor,
            Consumer<String> log) throws IOException, PipelineRunException, InvalidPipelineException {
        return new PipelineEngine(registry).run(pipeline(model, parameters, input.getFileName().toString()), "dynamics", Map.of(INPUT, input), outDir,
                RunOptions.of(monitor, log));
    }
}
