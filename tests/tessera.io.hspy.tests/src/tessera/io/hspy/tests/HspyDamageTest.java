package tessera.io.hspy.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tessera.core.io.DatasetReader;
import tessera.core.io.InvalidFileException;
import tessera.core.model.Dataset;
import tessera.io.hspy.internal.Hdf5Reader;
import tessera.io.hspy.internal.HspyReader;

/**
 * Regression tests for what {@code tessera.io.robustness.tests} found in the HDF5 readers (issue 16): damaged files
 * must end in data or an {@link InvalidFileException} naming the file, without allocating what a lying header claims.
 */
class HspyDamageTest {
    private static final com.sun.management.ThreadMXBean MX = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** A damaged copy of a fixture: truncated to {@code cut} bytes, or bit {@code bit} of byte {@code at} flipped. */
    static Path damaged(String rel, int cut, int at, int bit) throws IOException {
        byte[] all = Files.readAllBytes(HspyReaderTest.data().resolve(rel));
        byte[] b = cut >= 0 ? Arrays.copyOf(all, cut) : all.clone();
        if (cut < 0) {
            b[at] ^= (byte) (1 << bit);
        }
        Path f = HspyBadInputTest.work().resolve("damaged-" + cut + "-" + at + "-" + bit + "-" + Path.of(rel).getFileName());
        Files.write(f, b);
        return f;
    }

    /** Heap bytes allocated by all threads while {@code r} runs (the chunk decoder uses the common pool). */
    static long allocated(Runnable r) {
        long before = MX.getTotalThreadAllocatedBytes();
        r.run();
        return MX.getTotalThreadAllocatedBytes() - before;
    }

    /** Reads and sums the data, or returns the InvalidFileException; any other exception fails the test. */
    static InvalidFileException readOrInvalid(DatasetReader reader, Path f) {
        try {
            List<Dataset> ds = reader.read(f);
            for (Dataset d : ds) {
                double s = 0;
                for (long i = 0; i < d.size(); i++) {
                    s += d.getDouble(i);
                }
                assertTrue(!Double.isNaN(s) || Double.isNaN(s));
            }
            return null;
        } catch (InvalidFileException e) {
            assertEquals(f, e.file(), "the exception names the damaged file");
            return e;
        } catch (IOException e) {
            throw new AssertionError(f + ": " + e, e);
        }
    }

    /**
     * A V1 object header or continuation block whose size field is damaged: jHDF read it into a buffer of the claimed
     * size (32 to 512 MiB for files of 16 to 40 kB) before noticing the file is shorter. The files are now opened
     * over a map, which jHDF slices; each read here needed under 1 MiB when intact.
     */
    @ParameterizedTest(name = "{0} cut {1} / flip byte {2} bit {3}")
    @CsvSource({
        "edx/EDS_SEM_TM002.hspy, 16473, -1, -1",
        "eels/Cr_L_cl.hspy, -1, 19939, 3",
        "eels/EELS_ZLP_linescan_simulated_thickness_variation.hspy, -1, 107, 1"})
    void damagedObjectHeaderAllocatesNothingBig(String rel, int cut, int at, int bit) throws IOException {
        Path f = damaged(rel, cut, at, bit);
        byte[] head = Arrays.copyOf(Files.readAllBytes(f), 512);
        for (DatasetReader r : List.of(new HspyReader(), new Hdf5Reader())) {
            long bytes = allocated(() -> {
                r.sniff(f, head);
                readOrInvalid(r, f);
            });
            assertTrue(bytes < 16L << 20, r.getClass().getSimpleName() + " allocated " + (bytes >> 20) + " MiB for a " + Files.size(f) + "-byte file");
        }
    }

    /**
     * A bit flip inside a deflated chunk of a 28 MiB cube: the fast chunk decoder gave up and fell back on jHDF's
     * generic path, which failed on the same chunk after allocating the cube three more times (130 MiB in all). Now the
     * corrupt chunk is an InvalidFileException at once.
     */
    @Test
    void corruptDeflatedChunkIsRefusedAtOnce() throws IOException {
        Path intact = HspyReaderTest.data().resolve("edx/bare_core.hspy");
        long original = allocated(() -> readOrInvalid(new HspyReader(), intact));
        Path f = damaged("edx/bare_core.hspy", -1, 166567, 1);
        InvalidFileException[] e = new InvalidFileException[1];
        long bytes = allocated(() -> e[0] = assertThrows(InvalidFileException.class, () -> new HspyReader().read(f)));
        assertEquals(f, e[0].file());
        assertTrue(e[0].problem().contains("chunk"), e[0].problem());
        assertTrue(bytes < original + (8L << 20), "damaged read allocated " + (bytes >> 20) + " MiB, the intact one " + (original >> 20) + " MiB");
    }
}
