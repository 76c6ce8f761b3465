package tessera.io.hspy.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tessera.core.io.FileMapping;
import tessera.core.io.InvalidFileException;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.io.hspy.HspyWriter;
import tessera.io.hspy.internal.HspyReader;
import tessera.io.testing.ScratchReads;

/**
 * Large HDF5 data (ADR 0017): with {@link FileMapping#SCRATCH_THRESHOLD_PROPERTY} = 0 every integer and float dataset
 * is read as a large one would be — chunked data (deflate, shuffle, partial edge chunks) decoded into a scratch
 * mapping, contiguous native-order data mapped read-only from the file, contiguous big-endian data swapped into a
 * scratch mapping — and must hold bit for bit the values, type and axes of the heap read; the scratch files have no
 * name once mapped (the scratch directory stays empty); a scratch mapping the disk cannot hold is refused naming the file.
 */
class HspyScratchTest {
    @TempDir
    static Path scratch;

    static Stream<Path> files() throws IOException {
        return HspyDirectReadTest.files();
    }

    private static List<Dataset> read(Path f, long threshold) throws IOException {
        return ScratchReads.read(new HspyReader(), f, threshold, scratch);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void scratchReadsTheSameAsHeap(Path file) throws IOException {
        try {
            read(file, Long.MAX_VALUE);
        } catch (InvalidFileException e) {
            return; // refused files are HspyBadInputTest's
        }
        // files of complex, enum or float16 data only are read by jHDF's generic path, in memory: no mapping required
        ScratchReads.assertSameThroughScratch(new HspyReader(), file, scratch, false);
    }

    @Test
    void chunkedDataGoToAScratchMappingAndContiguousToTheFile() throws IOException {
        Path res = HspyReaderTest.resources();
        Dataset chunked = read(res.resolve("raw_shuffle_deflate_u4.hspy"), 0).get(0);
        assertTrue(chunked.data().isMapped() && !chunked.isReadOnly(), "chunked: decoded into a writable scratch mapping");
        Dataset swapped = read(res.resolve("raw_contiguous_be.hspy"), 0).get(0);
        assertTrue(swapped.data().isMapped() && !swapped.isReadOnly(), "contiguous big-endian: swapped into a scratch mapping");
        // the writer stores data of at most 4096 bytes contiguously, in little-endian order: the file's own bytes are mapped
        float[] v = new float[4 * 4 * 16];
        for (int i = 0; i < v.length; i++) {
            v[i] = i * 0.5f - 7;
        }
        Dataset d = Dataset.ofFloats(v, List.of(new Axis("y", 4, 2.0, 0, "nm", true), new Axis("x", 4, 2.0, 0, "nm", true),
                new Axis("Energy loss", 16, 0.5, 100, "eV", false)), new Metadata());
        Path f = scratch.resolve("contiguous.hspy");
        new HspyWriter().write(d, f);
        try {
            Dataset m = read(f, 0).get(0);
            assertTrue(m.data().isMapped() && m.isReadOnly(), "contiguous native order: a read-only mapping of the file");
            assertEquals(d.axes(), m.axes());
            for (int i = 0; i < v.length; i++) {
                assertEquals(v[i], m.getDouble(i), 0.0, "element " + i);
            }
            assertThrows(UnsupportedOperationException.class, () -> m.setDouble(0, 1));
        } finally {
            Files.delete(f);
        }
    }

    @Test
    void aScratchMappingTheDiskCannotHoldIsRefusedNamingTheFile() {
        Path source = Path.of("big.hspy");
        String old = System.getProperty(FileMapping.SCRATCH_DIR_PROPERTY);
        System.setProperty(FileMapping.SCRATCH_DIR_PROPERTY, scratch.toString());
        try {
            IOException e = assertThrows(IOException.class, () -> FileMapping.scratch(source, Long.MAX_VALUE / 2));
            assertTrue(e.getMessage().startsWith("big.hspy: its decoded data"), e.getMessage());
            assertTrue(e.getMessage().contains(scratch.toString()) && e.getMessage().contains(FileMapping.SCRATCH_DIR_ENV), e.getMessage());
        } finally {
            restore(FileMapping.SCRATCH_DIR_PROPERTY, old);
        }
    }

    @Test
    void aScratchDirectoryThatIsAFileIsRefusedNamingTheFile() throws IOException {
        Path notADir = Files.writeString(scratch.resolve("not-a-directory"), "x");
        String old = System.getProperty(FileMapping.SCRATCH_DIR_PROPERTY);
        System.setProperty(FileMapping.SCRATCH_DIR_PROPERTY, notADir.toString());
        try {
            IOException e = assertThrows(IOException.class, () -> FileMapping.scratch(Path.of("cube.hspy"), 1 << 20));
            assertTrue(e.getMessage().startsWith("cube.hspy: cannot make a scratch mapping"), e.getMessage());
        } finally {
            restore(FileMapping.SCRATCH_DIR_PROPERTY, old);
            Files.delete(notADir);
        }
    }
}
