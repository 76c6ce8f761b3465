package tessera.io.npy.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tessera.core.io.FileMapping;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.io.npy.internal.NpyReader;
import tessera.io.npy.internal.NpyWriter;

/**
 * The read-only file mapping of large {@code .npy} payloads ({@link FileMapping}): a mapped dataset holds the same
 * values, type, byte order, shape and metadata as the copied one, and refuses writes without touching the file.
 * The mapping threshold ({@value FileMapping#THRESHOLD_PROPERTY}) is set to 0 to map the small fixtures.
 */
class MappedNpyTest {
    private static final Path RES = Path.of(System.getProperty("tessera.root", ".")).resolve("tests/tessera.io.npy.tests/resources");

    @TempDir
    Path tmp;

    static Stream<String> entries() throws IOException {
        return NpyTest.entries().filter(k -> !k.startsWith("data:"));
    }

    private static List<Dataset> read(Path f, long threshold) throws IOException {
        String old = System.getProperty(FileMapping.THRESHOLD_PROPERTY);
        System.setProperty(FileMapping.THRESHOLD_PROPERTY, Long.toString(threshold));
        try {
            return new NpyReader().read(f);
        } finally {
            if (old == null) {
                System.clearProperty(FileMapping.THRESHOLD_PROPERTY);
            } else {
                System.setProperty(FileMapping.THRESHOLD_PROPERTY, old);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("entries")
    void mappedReadsTheSameAsCopied(String key) throws IOException {
        Path f = RES.resolve(key);
        Dataset copied = read(f, Long.MAX_VALUE).get(0);
        Dataset mapped = read(f, 0).get(0);
        assertFalse(copied.isReadOnly(), key);
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> npy = (java.util.Map<String, Object>) mapped.metadata().original().get("npy");
        boolean contiguous = !Boolean.TRUE.equals(npy.get("fortran_order")) || copied.rank() < 2;
        boolean half = String.valueOf(npy.get("descr")).endsWith("f2");
        assertEquals(contiguous && !half, mapped.isReadOnly(), key + " " + npy);
        assertEquals(copied.dtype(), mapped.dtype(), key);
        assertEquals(copied.byteOrder(), mapped.byteOrder(), key);
        assertArrayEquals(copied.shape(), mapped.shape(), key);
        assertEquals(copied.axes(), mapped.axes(), key);
        assertEquals(copied.metadata().get("General.title"), mapped.metadata().get("General.title"), key);
        for (long i = 0; i < copied.size(); i++) {
            assertEquals(Double.doubleToRawLongBits(copied.getDouble(i)), Double.doubleToRawLongBits(mapped.getDouble(i)), key + " element " + i);
            if (copied.dtype().name().startsWith("COMPLEX")) {
                assertEquals(copied.getImaginary(i), mapped.getImaginary(i), key + " element " + i);
            }
        }
    }

    @Test
    void writingToAMappedDatasetIsRefusedAndTheFileIsUnchanged() throws IOException {
        float[] v = new float[6 * 5 * 7];
        for (int i = 0; i < v.length; i++) {
            v[i] = i * 0.5f - 3;
        }
        Path f = tmp.resolve("cube.npy");
        new NpyWriter().write(Dataset.ofFloats(v, List.of(Axis.uncalibrated("y", 6, true), Axis.uncalibrated("x", 5, true),
                Axis.uncalibrated("E", 7, false)), new Metadata()), f);
        byte[] before = sha256(Files.readAllBytes(f));
        Dataset d = read(f, 0).get(0);
        assertTrue(d.isReadOnly());
        assertTrue(d.data().isReadOnly());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> d.setDouble(3, 42));
        assertTrue(e.getMessage().contains("read-only"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.data().set(java.lang.foreign.ValueLayout.JAVA_FLOAT, 0, 1f));
        assertEquals(v[3], d.getDouble(3));
        assertArrayEquals(before, sha256(Files.readAllBytes(f)));
        // a copy is writable and leaves the mapping (and the file) alone
        Dataset c = d.toFloat32();
        c.setDouble(3, 42);
        assertEquals(42, c.getDouble(3));
        assertEquals(v[3], d.getDouble(3));
        float[] block = new float[2 * 7];
        d.readSpectra(4, 2, block, 0);
        assertArrayEquals(java.util.Arrays.copyOfRange(v, 4 * 7, 6 * 7), block);
    }

    @Test
    void smallFilesAreCopiedByDefault() throws IOException {
        assertTrue(FileMapping.threshold() > 1 << 20, "default threshold " + FileMapping.threshold());
        Dataset d = new NpyReader().read(RES.resolve(entries().findFirst().orElseThrow())).get(0);
        assertFalse(d.isReadOnly());
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
