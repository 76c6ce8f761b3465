package tessera.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

import tessera.core.io.DatasetReader;
import tessera.core.io.InvalidFileException;
import tessera.core.model.Dataset;
import tessera.io.gatan.internal.DmReader;
import tessera.io.hspy.internal.Hdf5Reader;
import tessera.io.hspy.internal.HspyReader;
import tessera.io.msa.internal.MsaReader;
import tessera.io.npy.internal.NpyReader;
import tessera.io.tiff.internal.TiffReader;

/**
 * Coverage-guided fuzzing of every existing reader with Jazzer (issue 16). Each {@link FuzzTest} writes the fuzzer's
 * bytes to a file, reads it with one reader and sums every value of what it returns; the only allowed failure is an
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
        if (allocation(reader, ext, data) > ALLOCATION_LIMIT) {
            long bytes = allocation(reader, ext, data);
            if (bytes > ALLOCATION_LIMIT) {
                throw new AssertionError(reader.getClass().getSimpleName() + " allocated " + (bytes >> 20) + " MiB reading a " + data.length + "-byte file");
            }
        }
    }

    /** Reads once; returns the heap bytes all threads allocated meanwhile. */
    private static long allocation(DatasetReader reader, String ext, byte[] data) throws IOException {
        long before = MX.getTotalThreadAllocatedBytes();
        readAndSum(reader, ext, data);
        return MX.getTotalThreadAllocatedBytes() - before;
    }

    private static void readAndSum(DatasetReader reader, String ext, byte[] data) throws IOException {
        Path f = DIR.resolve("input." + ext);
        Files.write(f, data);
        byte[] head = java.util.Arrays.copyOf(data, Math.min(512, data.length));
        reader.sniff(f, head);
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
            if (!f.equals(e.file())) {
                throw new AssertionError("InvalidFileException names " + e.file() + ", not the file read (" + f + ")", e);
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
}
