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
import tessera.pipeline.internal.WindowsReportStep;

/**
 * {@code tessera lattice IMAGE --descriptor fft} as a pipeline ({@link #pipeline}): read one 2-D image, describe it
 * window by window ({@code tessera.lattice.sliding-fft}, a window descriptor), decompose the window grid like a
 * spectrum image (a {@code decomposers} contribution, NMF by default), cluster the windows on the decomposition's
 * loadings (a {@code clusterers} contribution, k-means), and write maps and patterns
 * ({@code tessera.pipeline.windows-report}). Sliding-window FFT analysis after M. Ziatdinov et al., Nat. Commun. 7
 * (2016) 13774, doi:10.1038/ncomms13774. Every run leaves {@value PipelineEngine#RECORD} and re-runs with
 * {@code tessera rerun --verify}.
 */
public final class WindowsJob {
    /** name of the pipeline input of the image */
    public static final String INPUT = "input";
    /** the default window descriptor */
    public static final String SLIDING_FFT = "tessera.lattice.sliding-fft";
    /** names of the steps */
    public static final String DESCRIPTOR_STEP = "windows", DECOMPOSE_STEP = "decomposition", CLUSTER_STEP = "classes";

    private WindowsJob() {
    }

    /**
     * The window descriptor a user names.
     *
     * @param name "fft", "histogram", "correlation" (the sliding-window descriptors of tessera.lattice) or the id of any
     *             {@code tessera.lattice.sliding-*} contribution
     * @return the contribution id, or null if the name is not a window descriptor (a per-column descriptor)
     */
    public static String descriptor(String name) {
        return switch (name) {
            case "fft" -> SLIDING_FFT;
            case "histogram" -> "tessera.lattice.sliding-histogram";
            case "correlation" -> "tessera.lattice.sliding-correlation";
            default -> name.startsWith("tessera.lattice.sliding-") ? name : null;
        };
    }

    /**
     * @param descriptor    the window descriptor's id
     * @param descParams    its parameters
     * @param decomposer    the decomposer's id
     * @param decParams     its parameters (components, ...)
     * @param clusterer     the clusterer's id
     * @param clusterParams its parameters (k, seed, ...)
     * @param file          the image file's name, for the report
     * @return the document
     */
    public static PipelineDocument pipeline(String descriptor, Map<String, Object> descParams, String decomposer, Map<String, Object> decParams, String clusterer,
            Map<String, Object> clusterParams, String file) {
        List<StepSpec> s = new ArrayList<>();
        s.add(new StepSpec("read", ReadStep.ID, Map.of("file", new Ref(null, INPUT)), Map.of("kind", ReadStep.IMAGE), null));
        s.add(new StepSpec(DESCRIPTOR_STEP, descriptor, Map.of("image", Ref.parse("read.data")), new LinkedHashMap<>(descParams), null));
        s.add(new StepSpec(DECOMPOSE_STEP, decomposer, Map.of("data", Ref.parse(DESCRIPTOR_STEP + ".features")), new LinkedHashMap<>(decParams), null));
        s.add(new StepSpec(CLUSTER_STEP, clusterer, Map.of("scores", Ref.parse(DECOMPOSE_STEP + ".result")), new LinkedHashMap<>(clusterParams), null));
        Map<String, Ref> in = new LinkedHashMap<>();
        in.put("features", Ref.parse(DESCRIPTOR_STEP + ".features"));
        in.put("decomposition", Ref.parse(DECOMPOSE_STEP + ".result"));
        in.put("clusters", Ref.parse(CLUSTER_STEP + ".result"));
        s.add(new StepSpec("report", WindowsReportStep.ID, in, Map.of("file", file), null));
        return new PipelineDocument("windows", "Sliding-window descriptors decomposed and clustered (tessera lattice --descriptor fft)",
                Map.of(INPUT, "an atomically resolved image"), s);
    }

    /**
     * Runs the pipeline on {@code input}, writing into {@code outDir}.
     *
     * @param registry      the contributions
     * @param input         the image file
     * @param outDir        output directory
     * @param descriptor    the window descriptor's id
     * @param descParams    its parameters
     * @param decomposer    the decomposer's id
     * @param decParams     its parameters
     * @param clusterer     the clusterer's id
     * @param clusterParams its parameters
     * @param monitor       progress
     * @param log           progress lines
     * @return the run
     * @throws tessera.core.io.InvalidFileException if the input is missing, unreadable or holds no single image
     * @throws PipelineRunException if a step failed (its cause names the problem)
     * @throws InvalidPipelineException if a parameter is unknown or out of range
     * @throws IOException on an I/O error; nothing is left in the output directory then
     */
    public static RunResult run(Registry registry, Path input, Path outDir, String descriptor, Map<String, Object> descParams, String decomposer,
            Map<String, Object> decParams, String clusterer, Map<String, Object> clusterParams, ProgressMonitor monitor, Consumer<String> log)
            throws IOException, PipelineRunException, InvalidPipelineException {
        return new PipelineEngine(registry).run(pipeline(descriptor, descParams, decomposer, decParams, clusterer, clusterParams, input.getFileName().toString()), "windows",
                Map.of(INPUT, input), outDir, RunOptions.of(monitor, log));
    }
}
