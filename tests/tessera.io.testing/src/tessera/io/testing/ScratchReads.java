package tessera.io.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import tessera.core.io.DatasetReader;
import tessera.core.io.FileMapping;
import tessera.core.model.Dataset;

/**
 * The check every reader that decodes into {@link FileMapping#allocateDecoded} shares (ADR 0017): a file read with
 * every decoded block forced into a scratch mapping ({@link FileMapping#SCRATCH_THRESHOLD_PROPERTY} = 0) holds bit for
 * bit the datasets of the in-memory read (type, byte order, shape, axes, bytes), at least one of its datasets is a
 * mapping, and the scratch directory is empty afterwards (the scratch files are unlinked once mapped).
 */
public final class ScratchReads {
    private ScratchReads() {
    }

    /**
     * Reads {@code file} with {@code reader} twice, in memory and through scratch mappings in {@code scratchDir},
     * and asserts what the class comment says.
     *
     * @param reader     the reader
     * @param file       a file it reads
     * @param scratchDir an empty directory for the scratch files
     * @return the datasets read through scratch mappings
     * @throws IOException if the reader refuses the file
     */
    public static List<Dataset> assertSameThroughScratch(DatasetReader reader, Path file, Path scratchDir) throws IOException {
        return assertSameThroughScratch(reader, file, scratchDir, true);
    }

    /**
     * As {@link #assertSameThroughScratch(DatasetReader, Path, Path)}, for files that may hold only data the reader
     * keeps in memory whatever their size (then no dataset need be a mapping).
     *
     * @param reader      the reader
     * @param file        a file it reads
     * @param scratchDir  an empty directory for the scratch files
     * @param mustBeMapped whether at least one dataset must be a scratch or file mapping
     * @return the datasets read through scratch mappings
     * @throws IOException if the reader refuses the file
     */
    public static List<Dataset> assertSameThroughScratch(DatasetReader reader, Path file, Path scratchDir, boolean mustBeMapped) throws IOException {
        List<Dataset> memory = read(reader, file, Long.MAX_VALUE, scratchDir);
        List<Dataset> scratch = read(reader, file, 0, scratchDir);
        assertEquals(memory.size(), scratch.size(), file + ": datasets");
        boolean mapped = false;
        for (int i = 0; i < memory.size(); i++) {
            Dataset m = memory.get(i), s = scratch.get(i);
            String what = file.getFileName() + " #" + i;
            assertEquals(m.dtype(), s.dtype(), what);
            assertEquals(m.byteOrder(), s.byteOrder(), what);
            assertArrayEquals(m.shape(), s.shape(), what);
            assertEquals(m.axes(), s.axes(), what);
            assertEquals(m.data().byteSize(), s.data().byteSize(), what);
            assertEquals(-1L, m.data().mismatch(s.data()), what + ": first differing byte");
            mapped |= s.data().isMapped();
        }
        assertTrue(mapped || !mustBeMapped, file + ": no dataset was read into a scratch (or file) mapping");
        try (Stream<Path> left = Files.list(scratchDir)) {
            assertEquals(List.of(), left.toList(), "scratch files are unlinked once mapped");
        }
        return scratch;
    }

    /**
     * Reads a file with a given scratch threshold and directory (the system properties restored afterwards).
     *
     * @param reader    the reader
     * @param file      the file
     * @param threshold {@link FileMapping#SCRATCH_THRESHOLD_PROPERTY}: 0 puts every decoded block in a scratch mapping,
     *                  {@code Long.MAX_VALUE} none
     * @param dir       {@link FileMapping#SCRATCH_DIR_PROPERTY}
     * @return the datasets
     * @throws IOException if the reader refuses the file
     */
    public static List<Dataset> read(DatasetReader reader, Path file, long threshold, Path dir) throws IOException {
        String old = System.getProperty(FileMapping.SCRATCH_THRESHOLD_PROPERTY);
        String oldDir = System.getProperty(FileMapping.SCRATCH_DIR_PROPERTY);
        System.setProperty(FileMapping.SCRATCH_THRESHOLD_PROPERTY, Long.toString(threshold));
        System.setProperty(FileMapping.SCRATCH_DIR_PROPERTY, dir.toString());
        try {
            return reader.read(file);
        } finally {
            restore(FileMapping.SCRATCH_THRESHOLD_PROPERTY, old);
            restore(FileMapping.SCRATCH_DIR_PROPERTY, oldDir);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
