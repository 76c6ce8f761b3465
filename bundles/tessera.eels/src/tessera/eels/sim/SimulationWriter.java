package tessera.eels.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableGroup;
import tessera.core.analysis.ProgressMonitor;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams a simulated training set ({@link EelsSimulator}) to a directory of HDF5 shards, holding at most one chunk
 * of spectra in memory.
 * <p>
 * jhdf 0.13 (the HDF5 library of the target platform) writes whole datasets when a file is closed and cannot append,
 * so each chunk of {@code chunk} spectra becomes one complete HDF5 file {@code shard-NNNNN.h5} (5 digits, from 0). A
 * shard is written to {@code .shard-NNNNN.h5.partial} in the same directory and renamed atomically when complete, so
 * a file named {@code shard-*.h5} is always a whole shard. After each shard, {@value #MANIFEST} is rewritten (also via
 * a temporary file and an atomic rename); it has {@code "complete": true} only once all shards are written.
 * <p>
 * Shard layout (readable with jhdf, see {@link SimulatedShard#read(Path)}, and with h5py:
 * {@code h5py.File(p)["spectra"][:]}):
 * <ul>
 * <li>{@code spectra}: float32 [n, 3072], counts normalised to a maximum of 1 on 0 … 3071 eV (1 eV/channel);
 * attributes {@code offset_ev} (0), {@code scale_ev} (1), {@code units} ("eV").</li>
 * <li>{@code labels}: uint8 [n, 80], multi-hot over {@link EelsSimulator#ELEMENTS} (Be … Bi).</li>
 * <li>{@code index}: int64 [n], the spectrum indices in the seeded sequence (first_index … first_index + n − 1).</li>
 * <li>{@code edges}: string [n], the placed edges of each spectrum, {@code ";"}-separated entries
 * {@code "element subshell tableOnset chemicalShift onset shape(h|o|s) fsWidth fsDegree"} (shape: {@link
 * SimulatedSpectrum.Shape#code()}; format 2 added {@code o} and subshell groups such as {@code M4,5}).</li>
 * <li>group {@code parameters}: one 1-D dataset [n] per drawn parameter of {@link SimulatedSpectrum}
 * ({@link #PARAMETERS}; float64, units in the names).</li>
 * <li>root attributes: {@code format} ({@value #FORMAT}), {@code seed}, {@code first_index}, {@code count},
 * {@code elements} (string [80]), {@code offset_ev}, {@code scale_ev}, {@code units}, {@code ranges} (the
 * {@link SimulationRanges} as JSON), {@code reference} (the paper).</li>
 * </ul>
 * Spectrum {@code i} depends only on (seed, i) ({@link EelsSimulator#simulate(long)}), so the shards are bit-identical
 * whatever the thread count; the chunk size only decides how they are cut.
 */
public final class SimulationWriter {

    /** Name of the manifest file in the output directory. */
    public static final String MANIFEST = "manifest.json";
    /** Value of the {@code format} attribute of every shard and manifest. */
    public static final String FORMAT = "tessera.eels.sim/2";
    /** The names of the per-spectrum parameter datasets in the {@code parameters} group, in order. */
    public static final List<String> PARAMETERS = List.of("beam_kv", "convergence_mrad", "collection_mrad", "start_ev",
            "end_ev", "zlp_fwhm_ev", "plasmon_ev", "plasmon_width_ev", "plasmons", "t_over_lambda", "jump_ratio",
            "jump_edge", "background_amplitude", "background_exponent", "atomic_diameter_pm", "instrumental_shift_ev");
    static final String REFERENCE = "Annys, Jannis, Verbeeck, Sci. Rep. 13 (2023) 13724, doi:10.1038/s41598-023-40943-7";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private SimulationWriter() {
    }

    /**
     * Options of a write.
     *
     * @param chunk spectra per shard (&ge; 1); memory is about 12.4 kB per spectrum of a chunk
     * @param threads threads that simulate a chunk in parallel (&ge; 1)
     * @param overwrite whether existing shards and manifest in the directory may be deleted first
     */
    public record Options(int chunk, int threads, boolean overwrite) {

        /** @throws IllegalArgumentException if chunk or threads is below 1 */
        public Options {
            if (chunk < 1) {
                throw new IllegalArgumentException("chunk must be at least 1, got " + chunk);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
        }
    }

    /**
     * What a write produced.
     *
     * @param directory output directory
     * @param count spectra written
     * @param shards shard files, in index order
     * @param seconds wall time of simulation and writing, s
     */
    public record Summary(Path directory, long count, List<Path> shards, double seconds) {

        /** @return spectra per second */
        public double spectraPerSecond() {
            return count / seconds;
        }
    }

    /**
     * Simulates spectra 0 … count − 1 of {@code simulator} and writes them as shards to {@code directory} (created if
     * missing).
     *
     * @param simulator the simulator (its seed and ranges go into every shard and the manifest)
     * @param count number of spectra (&ge; 1)
     * @param options chunk size, threads, overwrite
     * @param directory output directory
     * @param monitor progress in spectra; cancelling stops after the current shard (the manifest then says
     *        {@code "complete": false}) and throws {@link java.util.concurrent.CancellationException}
     * @return the shards written
     * @throws IllegalArgumentException if count &lt; 1
     * @throws FileAlreadyExistsException if the directory already holds shards or a manifest and
     *         {@code options.overwrite()} is false
     * @throws NotDirectoryException if {@code directory} exists and is not a directory
     * @throws IOException if writing fails (a partial shard is deleted; finished shards stay, the manifest says
     *         {@code "complete": false})
     */
    public static Summary write(EelsSimulator simulator, long count, Options options, Path directory,
            ProgressMonitor monitor) throws IOException {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        prepare(directory, options.overwrite());
        long t0 = System.nanoTime();
        long shardsTotal = (count + options.chunk() - 1) / options.chunk();
        List<Path> shards = new ArrayList<>();
        monitor.begin("simulating " + count + " EELS spectra", count);
        ForkJoinPool pool = new ForkJoinPool(options.threads());
        try {
            writeManifest(directory, simulator, count, options.chunk(), shards, false);
            for (long s = 0; s < shardsTotal; s++) {
                if (monitor.isCanceled()) {
                    throw new java.util.concurrent.CancellationException("cancelled after " + s + " of " + shardsTotal
                            + " shards");
                }
                long first = s * options.chunk();
                int n = (int) Math.min(options.chunk(), count - first);
                Chunk c = simulate(simulator, first, n, pool);
                Path file = directory.resolve(shardName(s));
                writeShard(file, simulator, c);
                shards.add(file);
                writeManifest(directory, simulator, count, options.chunk(), shards, s == shardsTotal - 1);
                monitor.worked(n);
            }
        } finally {
            pool.shutdownNow();
            monitor.done();
        }
        return new Summary(directory, count, List.copyOf(shards), (System.nanoTime() - t0) / 1e9);
    }

    /**
     * @param shard shard number from 0
     * @return its file name, {@code shard-NNNNN.h5}
     */
    public static String shardName(long shard) {
        return String.format("shard-%05d.h5", shard);
    }

    /** Checks and clears the output directory. */
    private static void prepare(Path dir, boolean overwrite) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new NotDirectoryException(dir + " exists and is not a directory");
        }
        Files.createDirectories(dir);
        List<Path> old = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "{shard-*.h5,.shard-*.h5.partial," + MANIFEST
                + ",." + MANIFEST + ".partial}")) {
            ds.forEach(old::add);
        }
        if (old.isEmpty()) {
            return;
        }
        if (!overwrite) {
            throw new FileAlreadyExistsException(dir.toString(), null,
                    "holds a simulated set (" + old.size() + " shard/manifest files); choose another directory or"
                            + " allow overwriting");
        }
        for (Path p : old) {
            Files.delete(p);
        }
    }

    /** One chunk of simulated spectra, as arrays ready for HDF5. */
    private record Chunk(long first, float[][] spectra, byte[][] labels, long[] index, String[] edges,
            double[][] parameters) {
    }

    private static Chunk simulate(EelsSimulator sim, long first, int n, ForkJoinPool pool) {
        float[][] x = new float[n][];
        byte[][] y = new byte[n][];
        long[] index = new long[n];
        String[] edges = new String[n];
        double[][] p = new double[PARAMETERS.size()][n];
        Runnable work = () -> IntStream.range(0, n).parallel().forEach(k -> {
            SimulatedSpectrum s = sim.simulate(first + k);
            x[k] = s.spectrum();
            y[k] = s.labels();
            index[k] = s.index();
            edges[k] = edges(s);
            double[] v = parameters(s);
            for (int j = 0; j < v.length; j++) {
                p[j][k] = v[j];
            }
        });
        try {
            pool.submit(work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
        return new Chunk(first, x, y, index, edges, p);
    }

    /** The values of {@link #PARAMETERS} for one spectrum. */
    static double[] parameters(SimulatedSpectrum s) {
        return new double[] { s.beamKv(), s.convergenceMrad(), s.collectionMrad(), s.startEv(), s.endEv(),
            s.zlpFwhmEv(), s.plasmonEv(), s.plasmonWidthEv(), s.plasmons(), s.tOverLambda(), s.jumpRatio(),
            s.jumpEdge(), s.backgroundAmplitude(), s.backgroundExponent(), s.atomicDiameterPm(),
            s.instrumentalShiftEv() };
    }

    /** The {@code edges} string of one spectrum. */
    static String edges(SimulatedSpectrum s) {
        StringBuilder b = new StringBuilder();
        for (SimulatedSpectrum.PlacedEdge e : s.edges()) {
            if (!b.isEmpty()) {
                b.append(';');
            }
            b.append(e.element()).append(' ').append(e.subshell()).append(' ').append(e.tableOnsetEv()).append(' ')
                    .append(e.chemicalShiftEv()).append(' ').append(e.onsetEv()).append(' ')
                    .append(e.shape().code()).append(' ').append(e.fineStructureWidthEv()).append(' ')
                    .append(e.fineStructureDegree());
        }
        return b.toString();
    }

    private static void writeShard(Path file, EelsSimulator sim, Chunk c) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".partial");
        try {
            try (WritableHdfFile f = HdfFile.write(tmp)) {
                var spectra = f.putDataset("spectra", c.spectra());
                spectra.putAttribute("offset_ev", 0.0);
                spectra.putAttribute("scale_ev", 1.0);
                spectra.putAttribute("units", "eV");
                f.putDataset("labels", c.labels(), DatasetCreationOptions.builder().unsigned().build());
                f.putDataset("index", c.index());
                f.putDataset("edges", c.edges());
                WritableGroup g = f.putGroup("parameters");
                for (int j = 0; j < PARAMETERS.size(); j++) {
                    g.putDataset(PARAMETERS.get(j), c.parameters()[j]);
                }
                f.putAttribute("format", FORMAT);
                f.putAttribute("seed", sim.seed());
                f.putAttribute("first_index", c.first());
                f.putAttribute("count", (long) c.index().length);
                f.putAttribute("elements", EelsSimulator.ELEMENTS.toArray(String[]::new));
                f.putAttribute("offset_ev", 0.0);
                f.putAttribute("scale_ev", 1.0);
                f.putAttribute("units", "eV");
                f.putAttribute("ranges", JSON.writeValueAsString(sim.ranges()));
                f.putAttribute("reference", REFERENCE);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            } catch (RuntimeException e) {
                throw new IOException("cannot write " + tmp + ": " + e.getMessage(), e);
            }
            move(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeManifest(Path dir, EelsSimulator sim, long count, int chunk, List<Path> shards,
            boolean complete) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("generator", "tessera.eels.sim.EelsSimulator");
        m.put("reference", REFERENCE);
        m.put("seed", sim.seed());
        m.put("count", count);
        m.put("chunk", chunk);
        m.put("complete", complete);
        m.put("channels", sim.ranges().channels());
        m.put("offset_ev", 0.0);
        m.put("scale_ev", 1.0);
        m.put("elements", EelsSimulator.ELEMENTS);
        m.put("ranges", sim.ranges());
        List<Map<String, Object>> list = new ArrayList<>();
        for (int s = 0; s < shards.size(); s++) {
            long first = (long) s * chunk;
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("file", shards.get(s).getFileName().toString());
            e.put("first_index", first);
            e.put("count", Math.min(chunk, count - first));
            list.add(e);
        }
        m.put("shards", list);
        Path file = dir.resolve(MANIFEST);
        Path tmp = dir.resolve("." + MANIFEST + ".partial");
        try {
            Files.writeString(tmp, JSON.writeValueAsString(m) + "\n");
            move(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
