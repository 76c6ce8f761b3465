package tessera.cli.internal;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import tessera.eels.sim.EelsSimulator;
import tessera.eels.sim.Phantom;
import tessera.eels.sim.SimulationRanges;
import tessera.eels.sim.SimulationWriter;
import tessera.io.hspy.HspyWriter;

/**
 * {@code tessera simulate eels|phantom}: synthetic EELS data. {@code eels} streams a training set of the Annys et al.
 * 2023 simulator ({@link EelsSimulator}) to HDF5 shards and a manifest ({@link SimulationWriter}); the seed and the
 * Table 1 ranges are recorded in the manifest and in every shard (no provenance.xmi: the simulator is not a pipeline
 * step). {@code phantom} writes a spectrum image of known composition and thickness with its ground-truth maps.
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
            int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
            SimulationWriter.Options o = new SimulationWriter.Options(chunk, t, overwrite);
            if (count < 1) {
                throw new IllegalArgumentException("--count must be at least 1, got " + count);
            }
            EelsSimulator sim = new EelsSimulator(SimulationRanges.ANNYS_2023, seed);
            SimulationWriter.Summary s;
            try {
                s = SimulationWriter.write(sim, count, o, out, progress);
            } catch (FileAlreadyExistsException e) {
                throw new IllegalArgumentException(out + " already holds a simulated set; use --overwrite or another --out");
            }
            progress.stage(String.format("done: %d spectra in %d shards in %.1f s (%.0f spectra/s, %d threads) -> %s", s.count(),
                    s.shards().size(), s.seconds(), s.spectraPerSecond(), t, out.resolve(SimulationWriter.MANIFEST)));
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
            List<String> names = List.of("phantom.hspy", "low_loss.hspy", "truth.hspy");
            for (String n : names) {
                if (Files.exists(out.resolve(n)) && !overwrite) {
                    throw new IllegalArgumentException(out.resolve(n) + " exists; use --overwrite or another --out");
                }
            }
            Phantom.Spec s = spec != null ? Phantom.Spec.read(spec, !noNoise) : Phantom.Spec.example(!noNoise);
            long t = System.nanoTime();
            Phantom.Result r = Phantom.generate(s, seed);
            Files.createDirectories(out);
            HspyWriter w = new HspyWriter();
            w.write(r.spectra(), out.resolve(names.get(0)));
            w.write(r.lowLoss(), out.resolve(names.get(1)));
            w.writeAll(r.truthMaps(), out.resolve(names.get(2)));
            progress.stage(String.format("done in %.1f s: %s phantom %s, elements %s -> %s", (System.nanoTime() - t) / 1e9,
                    noNoise ? "noise-free" : "Poisson (seed " + seed + ")", java.util.Arrays.toString(r.spectra().shape()),
                    r.edges().keySet().stream().sorted().toList(), out));
            return 0;
        }
    }
}
