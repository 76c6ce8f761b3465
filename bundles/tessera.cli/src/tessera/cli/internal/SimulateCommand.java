package tessera.cli.internal;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import tessera.core.registry.Registry;
import tessera.eels.sim.EelsSimulator;
import tessera.eels.sim.Phantom;
import tessera.eels.sim.SimulationWriter;
import tessera.pipeline.RunResult;
import tessera.pipeline.SimulateJob;

/**
 * {@code tessera simulate eels|phantom}: synthetic EELS data. {@code eels} streams a training set of the Annys et al.
 * 2023 simulator ({@link EelsSimulator}) to HDF5 shards and a manifest ({@link SimulationWriter}); the seed and the
 * Table 1 ranges are recorded in the manifest and in every shard. {@code phantom} writes a spectrum image of known
 * composition and thickness with its ground-truth maps. Both run through {@link SimulateJob} (the pipeline engine), so
 * each run leaves {@code provenance.xmi} with the hash of every file it wrote and re-runs with {@code tessera rerun --verify}.
 */
@Command(name = "simulate", description = "Synthetic EELS data: a labelled training set (eels) or a phantom spectrum image (phantom).",
        subcommands = { SimulateCommand.Eels.class, SimulateCommand.PhantomCommand.class })
final class SimulateCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    /** {@code tessera simulate eels --count N --seed S --out DIR [--chunk C] [--threads T] [--overwrite]}. */
    @Command(name = "eels", description = { "Simulate N labelled core-loss EELS spectra (Annys et al. 2023, Table 1 ranges) into HDF5 shards",
            "DIR/shard-NNNNN.h5 (spectra float32 [n,3072] on 0-3071 eV, labels uint8 [n,80] Be..Bi, parameters) and DIR/manifest.json.",
            "Spectrum i depends only on (seed, i): the same seed gives the same files whatever --threads and the same spectra whatever --chunk." })
    static final class Eels implements Callable<Integer> {
        @Option(names = "--count", paramLabel = "N", required = true, description = "number of spectra")
        long count;

        @Option(names = "--seed", paramLabel = "S", required = true, description = "seed of the sequence")
        long seed;

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "output directory (created if missing)")
        Path out;

        @Option(names = "--chunk", paramLabel = "C", defaultValue = "2000", description = "spectra per shard, held in memory at once (default: ${DEFAULT-VALUE})")
        int chunk;

        @Option(names = "--threads", paramLabel = "T", description = "simulation threads (default: the number of processors)")
        Integer threads;

        @Option(names = "--overwrite", description = "delete shards and manifest already in DIR (otherwise refuse)")
        boolean overwrite;

        @Override
        public Integer call() throws Exception {
            StderrProgress progress = new StderrProgress(System.err);
            RunResult r = SimulateJob.eels(Registry.get(), count, seed, chunk, threads == null ? 0 : threads, out, overwrite, progress, progress::stage);
            progress.stage("done: " + count + " spectra -> " + out.resolve(SimulationWriter.MANIFEST) + " (record: " + r.recordFile().getFileName() + ")");
            return 0;
        }
    }

    /** {@code tessera simulate phantom --out DIR [--spec FILE] [--seed S] [--no-noise] [--overwrite]}. */
    @Command(name = "phantom", description = { "Write the example EELS phantom (32x32 pixels, 150-700 eV at 0.5 eV/channel, 200 kV; C matrix, BN disc,",
            "TiO2 stripe, B-C-N-O disc; see tessera.eels.sim.Phantom) as DIR/phantom.hspy (core loss), DIR/low_loss.hspy and",
            "DIR/truth.hspy (t/lambda, region index, areal density and atomic fraction maps per element).",
            "With --spec FILE the phantom is read from JSON instead (regions with shape, composition, t/lambda; size, energy axis,",
            "microscope, dose, background, low loss; see Phantom.Spec.read and docs/eels.md)." })
    static final class PhantomCommand implements Callable<Integer> {
        @Option(names = "--out", paramLabel = "DIR", required = true, description = "output directory (created if missing)")
        Path out;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "noise seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--spec", paramLabel = "FILE", description = "phantom spec as JSON (default: the built-in example)")
        Path spec;

        @Option(names = "--no-noise", description = "write the noise-free expectation instead of Poisson counts")
        boolean noNoise;

        @Option(names = "--overwrite", description = "replace phantom files already in DIR (otherwise refuse)")
        boolean overwrite;

        @Override
        public Integer call() throws Exception {
            StderrProgress progress = new StderrProgress(System.err);
            RunResult r = SimulateJob.phantom(Registry.get(), spec, seed, !noNoise, out, overwrite, progress, progress::stage);
            progress.stage("done -> " + out + " (record: " + r.recordFile().getFileName() + ")");
            return 0;
        }
    }
}
