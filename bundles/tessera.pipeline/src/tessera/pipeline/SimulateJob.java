package tessera.pipeline;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import tessera.core.analysis.ProgressMonitor;
import tessera.core.registry.Registry;
import tessera.eels.sim.SimulationWriter;
import tessera.pipeline.internal.SimulateEelsStep;
import tessera.pipeline.internal.SimulatePhantomStep;

/**
 * {@code tessera simulate eels|phantom} as pipelines, so that a simulated training set or phantom leaves a provenance
 * record (simulator version, seed, every parameter, the hash of every file) and re-runs with
 * {@code tessera rerun --verify}: {@link #eels} ({@code tessera.pipeline.simulate-eels}) and {@link #phantom}
 * ({@code tessera.pipeline.simulate-phantom}). Existing outputs are refused unless {@code overwrite}; then the files of
 * the new run replace them only once the whole run has succeeded, and shards of an older, larger set are removed.
 */
public final class SimulateJob {
    /** name of the optional pipeline input of {@link #phantom}: the phantom spec (JSON) */
    public static final String SPEC = "spec";

    private SimulateJob() {
    }

    /**
     * Simulates a core-loss EELS training set.
     *
     * @param registry  the extension registry
     * @param count     number of spectra, ≥ 1
     * @param seed      seed of the sequence
     * @param chunk     spectra per shard
     * @param threads   simulation threads (0: the number of processors)
     * @param outDir    output directory
     * @param overwrite replace a set already in {@code outDir}
     * @param monitor   progress
     * @param log       one line per stage
     * @return the run
     * @throws IllegalArgumentException if {@code outDir} already holds a set and {@code overwrite} is false, or count &lt; 1
     * @throws PipelineRunException     if the simulation failed (nothing is published)
     * @throws InvalidPipelineException if a parameter is out of range
     * @throws IOException              on an I/O error
     */
    public static RunResult eels(Registry registry, long count, long seed, int chunk, int threads, Path outDir, boolean overwrite, ProgressMonitor monitor,
            Consumer<String> log) throws IOException, PipelineRunException, InvalidPipelineException {
        if (count < 1) {
            throw new IllegalArgumentException("--count must be at least 1, got " + count);
        }
        if (!overwrite && (Files.exists(outDir.resolve(SimulationWriter.MANIFEST)) || hasShards(outDir))) {
            throw new IllegalArgumentException(outDir + " already holds a simulated set; use --overwrite or another --out");
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("count", count);
        p.put(Step.SEED, seed);
        p.put("chunk", chunk);
        p.put("threads", threads);
        PipelineDocument doc = new PipelineDocument("simulate-eels", "tessera simulate eels: labelled core-loss EELS spectra (Annys et al. 2023) as HDF5 shards", Map.of(),
                List.of(new StepSpec("simulate", SimulateEelsStep.ID, Map.of(), p, null)));
        RunResult r = new PipelineEngine(registry).run(doc, "simulate-eels", Map.of(), outDir, RunOptions.of(monitor, log));
        removeStaleShards(outDir, String.valueOf(r.value("simulate.shards")));
        return r;
    }

    /**
     * Simulates the EELS phantom spectrum image.
     *
     * @param registry  the extension registry
     * @param spec      phantom spec (JSON) or null for the built-in example
     * @param seed      noise seed
     * @param noise     Poisson counts (false: the expectation)
     * @param outDir    output directory
     * @param overwrite replace phantom files already there
     * @param monitor   progress
     * @param log       one line per stage
     * @return the run
     * @throws IllegalArgumentException if a phantom file exists and {@code overwrite} is false
     * @throws PipelineRunException     if the spec is invalid (nothing is published)
     * @throws InvalidPipelineException if a parameter is out of range
     * @throws IOException              on an I/O error
     */
    public static RunResult phantom(Registry registry, Path spec, long seed, boolean noise, Path outDir, boolean overwrite, ProgressMonitor monitor, Consumer<String> log)
            throws IOException, PipelineRunException, InvalidPipelineException {
        for (String n : SimulatePhantomStep.FILES) {
            if (Files.exists(outDir.resolve(n)) && !overwrite) {
                throw new IllegalArgumentException(outDir.resolve(n) + " exists; use --overwrite or another --out");
            }
        }
        Map<String, Ref> in = spec == null ? Map.of() : Map.of("spec", new Ref(null, SPEC));
        PipelineDocument doc = new PipelineDocument("simulate-phantom", "tessera simulate phantom: EELS phantom spectrum image with its ground truth",
                spec == null ? Map.of() : Map.of(SPEC, "phantom spec (JSON)"),
                List.of(new StepSpec("phantom", SimulatePhantomStep.ID, in, Map.of(Step.SEED, seed, "noise", noise), null)));
        return new PipelineEngine(registry).run(doc, "simulate-phantom", spec == null ? Map.of() : Map.of(SPEC, spec), outDir, RunOptions.of(monitor, log));
    }

    private static boolean hasShards(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "shard-*.h5")) {
            return ds.iterator().hasNext();
        }
    }

    /** Deletes shards in {@code dir} that the new set (its {@code name sha256} lines) does not list. */
    private static void removeStaleShards(Path dir, String listing) throws IOException {
        Set<String> keep = new HashSet<>();
        for (String line : listing.split("\n")) {
            if (!line.isBlank()) {
                keep.add(line.substring(0, line.indexOf(' ')));
            }
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "shard-*.h5")) {
            for (Path p : ds) {
                if (!keep.contains(p.getFileName().toString())) {
                    Files.delete(p);
                }
            }
        }
    }
}
