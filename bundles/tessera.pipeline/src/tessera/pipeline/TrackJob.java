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
import tessera.pipeline.internal.ReadStep;
import tessera.pipeline.internal.TrackColumnsStep;
import tessera.pipeline.internal.TrackReportStep;

/**
 * {@code tessera track} as a pipeline ({@link #pipeline}): read an image series, measure its drift and follow the
 * atomic columns through it ({@code tessera.pipeline.track-columns}), write drift, tracks and class trajectories
 * ({@code tessera.pipeline.track-report}). Every run leaves {@value PipelineEngine#RECORD} and re-runs with
 * {@code tessera rerun --verify}.
 */
public final class TrackJob {
    /** name of the pipeline input of the series */
    public static final String INPUT = "input";
    /** name of the tracking step */
    public static final String TRACK_STEP = "track";

    private TrackJob() {
    }

    /**
     * @param parameters the tracking step's parameters (finder, contrast, separation, smoothing, sublattices, upsample, tolerance,
     *                   classes)
     * @param file       the series file's name, for the report
     * @return the document
     */
    public static PipelineDocument pipeline(Map<String, Object> parameters, String file) {
        List<StepSpec> s = new ArrayList<>();
        s.add(new StepSpec("read", ReadStep.ID, Map.of("file", new Ref(null, INPUT)), Map.of("kind", ReadStep.IMAGE_SERIES), null));
        s.add(new StepSpec(TRACK_STEP, TrackColumnsStep.ID, Map.of("series", Ref.parse("read.data")), new LinkedHashMap<>(parameters), null));
        Map<String, Ref> in = new LinkedHashMap<>();
        in.put("series", Ref.parse("read.data"));
        for (String n : List.of("drift", "tracks", "labels", "intensities")) {
            in.put(n, Ref.parse(TRACK_STEP + "." + n));
        }
        s.add(new StepSpec("report", TrackReportStep.ID, in, Map.of("file", file), null));
        return new PipelineDocument("track", "Drift and atomic columns through an image series (tessera track)", Map.of(INPUT, "an image series [frames, y, x]"), s);
    }

    /**
     * Runs the pipeline on {@code input}, writing into {@code outDir}.
     *
     * @param registry   the contributions
     * @param input      the series file
     * @param outDir     output directory
     * @param parameters the tracking step's parameters
     * @param monitor    progress
     * @param log        progress lines
     * @return the run; {@code run.value("track.drift")} etc.
     * @throws tessera.core.io.InvalidFileException if the input is missing, unreadable or holds no image series
     * @throws PipelineRunException if a step failed (its cause names the problem)
     * @throws InvalidPipelineException if a parameter is unknown or out of range
     * @throws IOException on an I/O error; nothing is left in the output directory then
     */
    public static RunResult run(Registry registry, Path input, Path outDir, Map<String, Object> parameters, ProgressMonitor monitor, Consumer<String> log)
            throws IOException, PipelineRunException, InvalidPipelineException {
        return new PipelineEngine(registry).run(pipeline(parameters, input.getFileName().toString()), "track", Map.of(INPUT, input), outDir, RunOptions.of(monitor, log));
    }
}
