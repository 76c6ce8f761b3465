package tessera.io.hspy.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.jhdf.HdfFile;
import tessera.core.model.DType;
import tessera.core.model.Dataset;
import tessera.io.hspy.internal.HspyReader;

/**
 * The reader's direct decoding of numeric data (bulk copy of contiguous storage, parallel decoding of shuffle- and
 * deflate-filtered chunks) gives bit for bit the values of jHDF's generic decoding: on small files that cover every
 * storage it handles (resources/raw_*.hspy: contiguous big-endian int16, shuffle-only float64, deflate-only uint8,
 * shuffle+deflate uint32, big-endian float32 and int64, all with partial edge chunks) and on every HyperSpy file of
 * the shared test data.
 */
class HspyDirectReadTest {

    static Stream<Path> files() throws IOException {
        Stream<Path> own;
        try (Stream<Path> s = Files.list(HspyReaderTest.resources())) {
            own = s.filter(p -> p.getFileName().toString().startsWith("raw_")).sorted().toList().stream();
        }
        Path shared = HspyReaderTest.data();
        if (!Files.isDirectory(shared)) {
            return own;
        }
        try (Stream<Path> s = Files.walk(shared)) {
            return Stream.concat(own, s.filter(p -> p.toString().endsWith(".hspy")).sorted().toList().stream());
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void sameValuesAsJhdf(Path file) throws IOException {
        List<Dataset> read;
        try {
            read = new HspyReader().read(file);
        } catch (IOException e) {
            return; // files the reader refuses are covered by HspyBadInputTest
        }
        try (HdfFile h = new HdfFile(file)) {
            List<String> groups = signalGroups(h);
            assertEquals(groups.size(), read.size(), file + ": signals");
            for (int k = 0; k < read.size(); k++) {
                Dataset d = read.get(k);
                if (d.dtype() == DType.BOOL || d.dtype() == DType.COMPLEX64 || d.dtype() == DType.COMPLEX128 || d.dtype() == DType.RGBA8) {
                    continue;
                }
                io.jhdf.api.Dataset data = h.getDatasetByPath("Experiments/" + groups.get(k) + "/data");
                if (data.getDataType().getSize() != d.dtype().byteSize()) {
                    continue; // float16, read as float32 by jHDF's path
                }
                Object flat = data.getDataFlat();
                assertEquals(Array.getLength(flat), d.size(), file + ": size");
                long[] expected = new long[(int) d.size()];
                long[] actual = new long[expected.length];
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = bits(flat, i, d.dtype().byteSize());
                    actual[i] = bits(d.data(), i, d.dtype().byteSize());
                }
                assertArrayEquals(expected, actual, file + ": values");
            }
        }
    }

    /** The Experiments/ groups that hold a signal, in the reader's order (by name). */
    private static List<String> signalGroups(HdfFile h) {
        io.jhdf.api.Group exp = (io.jhdf.api.Group) h.getChild("Experiments");
        return new TreeMap<>(exp.getChildren()).entrySet().stream()
                .filter(e -> e.getValue() instanceof io.jhdf.api.Group g && g.getChildren().get("data") instanceof io.jhdf.api.Dataset)
                .map(e -> e.getKey()).toList();
    }

    /** The value's bit pattern, truncated to {@code size} bytes (jHDF widens unsigned integers). */
    private static long bits(Object flat, int i, int size) {
        long v = switch (flat) {
            case float[] a -> Float.floatToRawIntBits(a[i]);
            case double[] a -> Double.doubleToRawLongBits(a[i]);
            case byte[] a -> a[i];
            case short[] a -> a[i];
            case int[] a -> a[i];
            case long[] a -> a[i];
            case BigInteger[] a -> a[i].longValue();
            default -> throw new IllegalStateException(flat.getClass().getSimpleName());
        };
        return size == 8 ? v : v & ((1L << (8 * size)) - 1);
    }

    private static long bits(MemorySegment seg, int i, int size) {
        return switch (size) {
            case 1 -> seg.get(ValueLayout.JAVA_BYTE, i) & 0xffL;
            case 2 -> seg.get(ValueLayout.JAVA_SHORT_UNALIGNED, 2L * i) & 0xffffL;
            case 4 -> seg.get(ValueLayout.JAVA_INT_UNALIGNED, 4L * i) & 0xffffffffL;
            default -> seg.get(ValueLayout.JAVA_LONG_UNALIGNED, 8L * i);
        };
    }
}
