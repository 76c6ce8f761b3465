package tessera.pipeline.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.eels.sim.EelsSimulator;
import tessera.eels.sim.SimulationRanges;
import tessera.eels.sim.SimulationWriter;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.Step;
import tessera.pipeline.StepContext;
import tessera.pipeline.WrittenFile;
import tessera.provenance.ContentHash;

/**
 * {@code tessera.pipeline.simulate-eels}: a labelled core-loss EELS training set of the Annys et al. 2023 simulator
 * ({@link EelsSimulator}, Table 1 ranges) streamed by {@link SimulationWriter} into HDF5 shards and a manifest in the
 * run's output directory. Spectrum i depends only on (seed, i), so the files are the same whatever {@code threads}
 * and the spectra the same whatever {@code chunk}. Outputs: {@code manifest} (the manifest file) and {@code shards}
 * (one line {@code name sha256} per shard, so the record holds every shard's hash and {@code rerun --verify} compares
 * them).
 */
public final class SimulateEelsStep implements Step {
    /** step id */
    public static final String ID = "tessera.pipeline.simulate-eels";

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.ofLong("count", null, "number of spectra (required, ≥ 1)"), ParameterSpec.ofLong(Step.SEED, null, "seed of the sequence (required)"),
                ParameterSpec.ofInt("chunk", 2000, 1, null, "spectra per shard, held in memory at once"),
                ParameterSpec.ofInt("threads", 0, 0, null, "simulation threads (0 = the number of processors; the files do not depend on it)"));
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(new LiteratureReference("D. Annys, J. Verbeeck et al., Deep learning for automated materials characterisation in core-loss electron energy loss spectroscopy, Sci. Rep. 13 (2023) 13724",
                "10.1038/s41598-023-40943-7"));
    }

    @Override
    public List<Port> inputs() {
        return List.of();
    }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("manifest", PortType.FILE, SimulationWriter.MANIFEST), Port.of("shards", PortType.VALUE, "String: one 'name sha256' line per shard"));
    }

    /** @throws IllegalArgumentException if count or seed is missing or count &lt; 1 */
    @Override
    public Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters p) throws Exception {
        if (!p.has("count") || p.getLong("count") < 1) {
            throw new IllegalArgumentException("simulate eels needs count ≥ 1" + (p.has("count") ? ", got " + p.getLong("count") : ""));
        }
        if (!p.has(Step.SEED)) {
            throw new IllegalArgumentException("simulate eels needs a seed");
        }
        int threads = p.getInt("threads") == 0 ? Runtime.getRuntime().availableProcessors() : p.getInt("threads");
        Path dir = context.outputDirectory();
        SimulationWriter.Summary s = SimulationWriter.write(new EelsSimulator(SimulationRanges.ANNYS_2023, p.getLong(Step.SEED)), p.getLong("count"),
                new SimulationWriter.Options(p.getInt("chunk"), threads, false), dir, context.monitor());
        StringBuilder b = new StringBuilder();
        for (Path shard : s.shards()) {
            b.append(shard.getFileName()).append(' ').append(ContentHash.sha256(shard)).append('\n');
        }
        context.log(String.format("simulated %d spectra in %d shards in %.1f s (%.0f spectra/s, %d threads)", s.count(), s.shards().size(), s.seconds(), s.spectraPerSecond(), threads));
        Path manifest = dir.resolve(SimulationWriter.MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            throw new IllegalStateException("the simulation wrote no " + SimulationWriter.MANIFEST);
        }
        return Map.of("manifest", new WrittenFile(manifest, Map.of()), "shards", b.toString());
    }
}
