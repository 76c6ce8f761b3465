package tessera.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;

import tessera.core.io.DatasetReader;
import tessera.core.io.InvalidFileException;
import tessera.core.model.Dataset;
import tessera.io.gatan.internal.DmReader;
import tessera.io.hspy.internal.Hdf5Reader;
import tessera.io.hspy.internal.HspyReader;
import tessera.io.bruker.internal.BcfReader;
import tessera.io.bruker.internal.SpxReader;
import tessera.io.emd.internal.NcemEmdReader;
import tessera.io.emd.internal.VeloxEmdReader;
import tessera.io.msa.internal.MsaReader;
import tessera.io.npy.internal.NpyReader;
import tessera.io.ripple.internal.RippleReader;
import tessera.io.tia.internal.SerReader;
import tessera.io.tiff.internal.TiffReader;

/**
 * Coverage-guided fuzzing of every existing reader with Jazzer (issue 16). Each {@link FuzzTest} writes the fuzzer's
 * bytes to a file, describes it ({@code DatasetReader.describe}), reads it with one reader and sums every value of what
 * it returns; the only allowed failure is an
 * {@link InvalidFileException} naming that file. Anything else (another exception, an out-of-memory error from an
 * allocation a header claimed, a hang) is a finding: Jazzer stops, prints the stack trace and saves the input as
 * {@code crash-*} in this module's folder.
 *
 * <p>Without {@code JAZZER_FUZZ} set, each test only replays its committed seeds
 * ({@code src/test/resources/tessera/fuzz/ReaderFuzzTestInputs/<test>/}): files written by our writers or by hand, no
 * third-party test data. With {@code JAZZER_FUZZ=1} each test fuzzes for {@code jazzer.max_duration} (the pom sets it
 * from {@code -Dfuzz.duration}, default 2m). See docs/fuzzing.md.
 */
class ReaderFuzzTest {
    private static final Path DIR = scratch();

    private static Path scratch() {
        try {
            Path shm = Path.of("/dev/shm");
            return Files.createTempDirectory(Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir")),
                    "tessera-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Heap a read may allocate (all threads, cumulative): inputs are at most a few KiB (libFuzzer's {@code -max_len}
     * defaults to 4096 bytes), so more than this means a size taken from the input was believed.
     */
    static final long ALLOCATION_LIMIT = 64L << 20;
    private static final com.sun.management.ThreadMXBean MX = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

    /**
     * Reads {@code data} as a file of the given extension; lets every exception but a correct InvalidFileException out,
     * and fails if the read allocated more than {@link #ALLOCATION_LIMIT} twice running: the first read through a new
     * code path also pays for loading and instrumenting its classes (Jazzer's agent allocates well over 100 MiB doing
     * that for the DM reader's first seed), the repeat only for the read.
     */
    static void read(DatasetReader reader, String ext, byte[] data) throws IOException {
        Path f = DIR.resolve("input." + ext);
        read(reader, f, Set.of(f), () -> Files.write(f, data), data);
    }

    /** Writes a test's input file(s) from the fuzzer's bytes. */
    interface Inputs {
        void write() throws IOException;
    }

    /**
     * Writes the inputs, reads {@code file} with {@code reader} (twice if the first read allocated more than
     * {@link #ALLOCATION_LIMIT}: see {@link #read(DatasetReader, String, byte[])}), and accepts only data or an
     * {@link InvalidFileException} naming one of {@code named}.
     */
    static void read(DatasetReader reader, Path file, Set<Path> named, Inputs inputs, byte[] data) throws IOException {
        inputs.write();
        if (allocation(reader, file, named, data) > ALLOCATION_LIMIT) {
            long bytes = allocation(reader, file, named, data);
            if (bytes > ALLOCATION_LIMIT) {
                throw new AssertionError(reader.getClass().getSimpleName() + " allocated " + (bytes >> 20) + " MiB reading a " + data.length + "-byte input");
            }
        }
    }

    /** Reads once; returns the heap bytes all threads allocated meanwhile. */
    private static long allocation(DatasetReader reader, Path file, Set<Path> named, byte[] data) throws IOException {
        long before = MX.getTotalThreadAllocatedBytes();
        readAndSum(reader, file, named);
        return MX.getTotalThreadAllocatedBytes() - before;
    }

    private static void readAndSum(DatasetReader reader, Path f, Set<Path> named) throws IOException {
        byte[] head;
        try (var in = Files.newInputStream(f)) {
            head = in.readNBytes(512);
        }
        reader.sniff(f, head);
        try {
            // the listing path (tessera info): HDF5-based readers describe from the headers, without read's checks of the data
            reader.describe(f, tessera.core.analysis.Parameters.of(reader.options(), java.util.Map.of()));
        } catch (InvalidFileException e) {
            if (!named.contains(e.file())) {
                throw new AssertionError("InvalidFileException names " + e.file() + ", not the file described (" + named + ")", e);
            }
        }
        try {
            List<Dataset> ds = reader.read(f);
            if (ds == null || ds.isEmpty()) {
                throw new IllegalStateException("reader returned no dataset and no exception");
            }
            double s = 0;
            double[] buf = new double[4096];
            for (Dataset d : ds) {
                for (long i = 0; i < d.size(); i += buf.length) {
                    int m = (int) Math.min(buf.length, d.size() - i);
                    d.readDoubles(i, m, buf, 0);
                    for (int j = 0; j < m; j++) {
                        s += buf[j];
                    }
                }
            }
            if (s == 0.123456789) {
                System.out.print("");
            }
        } catch (InvalidFileException e) {
            if (!named.contains(e.file())) {
                throw new AssertionError("InvalidFileException names " + e.file() + ", not the file read (" + named + ")", e);
            }
        }
    }

    /** @param data the fuzzer's bytes, read as a DM3/DM4 file */
    @FuzzTest(maxDuration = "2m")
    void dm(byte[] data) throws IOException {
        read(new DmReader(), "dm3", data);
    }

    /** @param data the fuzzer's bytes, read as a HyperSpy HDF5 file */
    @FuzzTest(maxDuration = "2m")
    void hspy(byte[] data) throws IOException {
        read(new HspyReader(), "hspy", data);
    }

    /** @param data the fuzzer's bytes, read as any HDF5 file */
    @FuzzTest(maxDuration = "2m")
    void hdf5(byte[] data) throws IOException {
        read(new Hdf5Reader(), "h5", data);
    }

    /** @param data the fuzzer's bytes, read as an EMSA/MSA spectrum */
    @FuzzTest(maxDuration = "2m")
    void msa(byte[] data) throws IOException {
        read(new MsaReader(), "msa", data);
    }

    /** @param data the fuzzer's bytes, read as a NumPy array */
    @FuzzTest(maxDuration = "2m")
    void npy(byte[] data) throws IOException {
        read(new NpyReader(), "npy", data);
    }

    /** @param data the fuzzer's bytes, read as a TIFF or BigTIFF file */
    @FuzzTest(maxDuration = "2m")
    void tiff(byte[] data) throws IOException {
        read(new TiffReader(), "tif", data);
    }

    /**
     * @param data the fuzzer's bytes: up to the first NUL byte a Ripple {@code .rpl} header, the rest its {@code .raw}
     *             data (no NUL: the header, and an empty {@code .raw})
     */
    @FuzzTest(maxDuration = "2m")
    void ripple(byte[] data) throws IOException {
        Path rpl = DIR.resolve("input.rpl");
        Path raw = DIR.resolve("input.raw");
        int nul = 0;
        while (nul < data.length && data[nul] != 0) {
            nul++;
        }
        int split = nul;
        read(new RippleReader(), rpl, Set.of(rpl, raw), () -> {
            Files.write(rpl, Arrays.copyOfRange(data, 0, split));
            Files.write(raw, Arrays.copyOfRange(data, Math.min(data.length, split + 1), data.length));
        }, data);
    }

    /** @param data the fuzzer's bytes, read as a FEI TIA series ({@code .ser}, no {@code .emi} beside it) */
    @FuzzTest(maxDuration = "2m")
    void tia(byte[] data) throws IOException {
        read(new SerReader(), "ser", data);
    }

    /** @param data the fuzzer's bytes, read as a Bruker Esprit spectrum ({@code .spx}, XML) */
    @FuzzTest(maxDuration = "2m")
    void spx(byte[] data) throws IOException {
        read(new SpxReader(), "spx", data);
    }

    /** @param data the fuzzer's bytes, read as a Bruker BCF (SFS container, XML header, packed hypermap) */
    @FuzzTest(maxDuration = "2m")
    void bcf(byte[] data) throws IOException {
        read(new BcfReader(), "bcf", data);
    }

    /** @param data the fuzzer's bytes, read as a Thermo Fisher Velox EMD file (HDF5 with JSON metadata) */
    @FuzzTest(maxDuration = "2m")
    void velox(byte[] data) throws IOException {
        read(new VeloxEmdReader(), "emd", data);
    }

    /** @param data the fuzzer's bytes, read as an NCEM/Berkeley EMD file (HDF5 {@code emd_group_type} groups) */
    @FuzzTest(maxDuration = "2m")
    void ncem(byte[] data) throws IOException {
        read(new NcemEmdReader(), "emd", data);
    }
}
