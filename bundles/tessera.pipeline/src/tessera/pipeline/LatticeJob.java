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
import tessera.pipeline.internal.LatticeReportStep;
import tessera.pipeline.internal.ReadStep;

/**
 * {@code tessera lattice} as a pipeline ({@link #pipeline}): read one 2-D image, find its columns (an atom finder),
 * describe each column's neighbourhood (a local descriptor, {@code tessera.lattice.neighbours} or
 * {@code tessera.lattice.bond-orientation}), cluster the descriptors (a clusterer contribution, k-means by default,
 * with the descriptors as its {@code data}), and write the classes ({@code tessera.pipeline.lattice-report}). Local
 * crystallography after Belianinov et al., Nat. Commun. 6 (2015) 7801, doi:10.1038/ncomms8801. Every run leaves
 * {@value PipelineEngine#RECORD} and re-runs with {@code tessera rerun --verify}.
 */
public final class LatticeJob {
    /** name of the pipeline input of the image */
    public static final String INPUT = "input";
    /** the default descriptor */
    public static final String NEIGHBOURS = "tessera.lattice.neighbours";
    /** the default clusterer */
    public static final String KMEANS = "tessera.cluster.kmeans";
    /** names of the steps */
    public static final String ATOMS_STEP = "atoms", DESCRIPTOR_STEP = "descriptor", CLUSTER_STEP = "classes";

    private LatticeJob() {
    }

    /**
     * @param finder       the atom finder's id and its parameters
     * @param finderParams the finder's parameters
     * @param descriptor   the descriptor's id
     * @param descParams   its parameters
     * @param clusterer    the clusterer's id
     * @param clusterParams its parameters (k, seed, ...)
     * @param file         the image file's name, for the report
     * @return the document
     */
    public static PipelineDocument pipeline(String finder, Map<String, Object> finderParams, String descriptor, Map<String, Object> descParams, String clusterer,
            Map<String, Object> clusterParams, String file) {
        List<StepSpec> s = new ArrayList<>();
        s.add(new StepSpec("read", ReadStep.ID, Map.of("file", new Ref(null, INPUT)), Map.of("kind", ReadStep.IMAGE), null));
        s.add(new StepSpec(ATOMS_STEP, finder, Map.of("image", Ref.parse("read.data")), new LinkedHashMap<>(finderParams), null));
        Ref positions = Ref.parse(ATOMS_STEP + "." + AtomResult.POSITIONS);
        s.add(new StepSpec(DESCRIPTOR_STEP, descriptor, Map.of("image", Ref.parse("read.data"), "positions", positions), new LinkedHashMap<>(descParams), null));
        s.add(new StepSpec(CLUSTER_STEP, clusterer, Map.of("data", Ref.parse(DESCRIPTOR_STEP + ".features")), new LinkedHashMap<>(clusterParams), null));
        Map<String, Ref> in = new LinkedHashMap<>();
        in.put("image", Ref.parse("read.data"));
        in.put("positions", positions);
        in.put("features", Ref.parse(DESCRIPTOR_STEP + ".features"));
        in.put("clusters", Ref.parse(CLUSTER_STEP + ".result"));
        s.add(new StepSpec("report", LatticeReportStep.ID, in, Map.of("file", file), null));
        return new PipelineDocument("lattice", "Local crystallography: columns, neighbourhood descriptors, classes (tessera lattice)",
                Map.of(INPUT, "an atomically resolved image"), s);
    }

    /**
     * Runs the pipeline on {@code input}, writing into {@code outDir}.
     *
     * @param registry      the contributions
     * @param input         the image file
     * @param outDir        output directory
     * @param finder        the atom finder's id
     * @param finderParams  its parameters
     * @param descriptor    the descriptor's id
     * @param descParams    its parameters
     * @param clusterer     the clusterer's id
     * @param clusterParams its parameters
     * @param monitor       progress
     * @param log           progress lines
     * @return the run; {@code run.value("classes.result")} is the {@link tessera.core.analysis.ClusterResult}
     * @throws tessera.core.io.InvalidFileException if the input is missing, unreadable or holds no single image
     * @throws PipelineRunException if a step failed (its cause names the problem)
     * @throws InvalidPipelineException if a parameter is unknown or out of range
     * @throws IOException on an I/O error; nothing is left in the output directory then
     */
    public static RunResult run(Registry registry, Path input, Path outDir, String finder, Map<String, Object> finderParams, String descriptor,
            Map<String, Object> descParams, String clusterer, Map<String, Object> clusterParams, ProgressMonitor monitor, Consumer<String> log)
            throws IOException, PipelineRunException, InvalidPipelineException {
        return new PipelineEngine(registry).run(pipeline(finder, finderParams, descriptor, descParams, clusterer, clusterParams, input.getFileName().toString()), "lattice",
                Map.of(INPUT, input), outDir, RunOptions.of(monitor, log));
    }
}
