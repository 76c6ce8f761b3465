package tessera.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import tessera.core.analysis.AtomResult;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.registry.Registry;
import tessera.pipeline.internal.AtomsReportStep;
import tessera.pipeline.internal.ReadStep;

/**
 * {@code tessera atoms} as a pipeline ({@link #pipeline}): read the first single 2-D image of the file, an atom finder
 * ({@code tessera.lattice.gaussian} by default), and its outputs ({@code tessera.pipeline.atoms-report}). It runs on
 * the {@link PipelineEngine}, so every run leaves {@value PipelineEngine#RECORD} beside its outputs and re-runs with
 * {@code tessera rerun --verify}.
 */
public final class AtomsJob {
    /** name of the pipeline input of the image */
    public static final String INPUT = "input";
    /** the default finder */
    public static final String GAUSSIAN = "tessera.lattice.gaussian";
    /** the network finder (the U-Net of tessera.lattice.network) */
    public static final String NETWORK = "tessera.lattice.network";
    /** name of the finder step in the pipeline */
    public static final String FINDER_STEP = "atoms";

    private AtomsJob() {
    }

    /**
     * The atom finder a user names: "gaussian" and "network" (the two finders Tessera ships) or a contribution id.
     *
     * @param method "gaussian", "network" or an id
     * @return the contribution id
     */
    public static String finder(String method) {
        return switch (method) {
            case "gaussian" -> GAUSSIAN;
            case "network" -> NETWORK;
            default -> method;
        };
    }

    /**
     * @param finder     the atom finder's id
     * @param parameters its parameters
     * @param file       the image file's name, for the report
     * @return the document
     */
    public static PipelineDocument pipeline(String finder, Map<String, Object> parameters, String file) {
        List<StepSpec> s = new ArrayList<>();
        s.add(new StepSpec("read", ReadStep.ID, Map.of("file", new Ref(null, INPUT)), Map.of("kind", ReadStep.IMAGE), null));
        s.add(new StepSpec(FINDER_STEP, finder, Map.of("image", Ref.parse("read.data")), new LinkedHashMap<>(parameters), null));
        Map<String, Ref> in = new LinkedHashMap<>();
        in.put("image", Ref.parse("read.data"));
        java.util.stream.Stream.concat(AtomResult.ALWAYS.stream(), AtomResult.WHEN_ASKED.stream()).forEach(n -> in.put(n, Ref.parse(FINDER_STEP + "." + n)));
        s.add(new StepSpec("report", AtomsReportStep.ID, in, Map.of("file", file), null));
        return new PipelineDocument("atoms", "Atomic columns found and refined (tessera atoms)", Map.of(INPUT, "an atomically resolved image"), s);
    }

    /**
     * Runs the pipeline on {@code input}, writing into {@code outDir}.
     *
     * @param registry   the contributions
     * @param input      the image file (any format with a single 2-D image)
     * @param outDir     output directory
     * @param finder     the atom finder's id
     * @param parameters its parameters
     * @param monitor    progress
     * @param log        progress lines
     * @return the run; {@code run.value("atoms.positions")} etc.
     * @throws tessera.core.io.InvalidFileException if the input is missing, unreadable or holds no single image
     * @throws PipelineRunException if a step failed (its cause names the problem)
     * @throws InvalidPipelineException if a parameter is unknown or out of range
     * @throws IOException on an I/O error; nothing is left in the output directory then
     */
    public static RunResult run(Registry registry, Path input, Path outDir, String finder, Map<String, Object> parameters, ProgressMonitor monitor,
            Consumer<String> log) throws IOException, PipelineRunException, InvalidPipelineException {
        return new PipelineEngine(registry).run(pipeline(finder, parameters, input.getFileName().toString()), "atoms", Map.of(INPUT, input), outDir,
                RunOptions.of(monitor, log));
    }
}
