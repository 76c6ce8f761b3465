package tessera.io.npy.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import tessera.core.io.InvalidFileException;
import tessera.core.model.Axis;
import tessera.core.model.DType;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.core.registry.Contribution;
import tessera.core.registry.FileFormats;
import tessera.core.registry.Registry;
import tessera.io.npy.internal.NpyReader;
import tessera.io.npy.internal.NpyWriter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Checks the .npy reader against NumPy ({@code resources/expected_numpy.json}, generated
 * with the fixtures in {@code resources/npy} by {@code resources/make_expected.py}) and the
 * writer by round trips and by byte equality with files {@code numpy.save} wrote.
 */
class NpyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DATA = Path.of(System.getProperty("tessera.data", "../shared/data"));
    private static final Path ROOT = Path.of(System.getProperty("tessera.root", "."));
    private static final Path RES = ROOT.resolve("tests/tessera.io.npy.tests/resources");
    /** Written files land here for the one-off NumPy check (resources/verify_written.py). */
    private static final Path WRITTEN = ROOT.resolve("tests/tessera.io.npy.tests/target/written");
    private static JsonNode expected;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws IOException {
        expected = JSON.readTree(RES.resolve("expected_numpy.json").toFile()).get("files");
    }

    static Stream<String> entries() throws IOException {
        load();
        List<String> l = new ArrayList<>();
        expected.propertyNames().forEach(l::add);
        return l.stream();
    }

    private static Path path(String key) {
        return key.startsWith("data:") ? DATA.resolve(key.substring(5)) : RES.resolve(key);
    }

    private static DType expectedType(String descr) {
        if (descr.equals("rgba8")) {
            return DType.RGBA8;
        }
        return switch (descr.substring(1)) {
            case "b1" -> DType.BOOL;
            case "i1" -> DType.INT8;
            case "u1" -> DType.UINT8;
            case "i2" -> DType.INT16;
            case "u2" -> DType.UINT16;
            case "i4" -> DType.INT32;
            case "u4" -> DType.UINT32;
            case "i8" -> DType.INT64;
            case "u8" -> DType.UINT64;
            case "f2", "f4" -> DType.FLOAT32;
            case "f8" -> DType.FLOAT64;
            case "c8" -> DType.COMPLEX64;
            case "c16" -> DType.COMPLEX128;
            default -> throw new AssertionError(descr);
        };
    }

    private static Dataset read(Path f) throws IOException {
        List<Dataset> l = new NpyReader().read(f);
        assertEquals(1, l.size());
        return l.get(0);
    }

    private static void assertValues(JsonNode e, Dataset d, String what) {
        JsonNode v = e.get("values");
        assertEquals(v.size(), d.size(), what);
        for (int i = 0; i < v.size(); i++) {
            double want = v.get(i).isBigInteger() ? v.get(i).bigIntegerValue().doubleValue() : v.get(i).asDouble();
            assertEquals(want, d.getDouble(i), 0.0, what + " [" + i + "]");
        }
        if (e.has("imag")) {
            for (int i = 0; i < v.size(); i++) {
                assertEquals(e.get("imag").get(i).asDouble(), d.getImaginary(i), 0.0, what + " imag [" + i + "]");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("entries")
    void readsLikeNumPy(String key) throws IOException {
        JsonNode e = expected.get(key);
        Dataset d = read(path(key));
        int[] shape = new int[e.get("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = e.get("shape").get(i).asInt();
        }
        assertArrayEquals(shape.length == 0 ? new int[] {1} : shape, d.shape(), key);
        assertEquals(expectedType(e.get("descr").asString()), d.dtype(), key);
        assertValues(e, d, key);
        // axes convention: uncalibrated, dim0.., last axis is the signal axis
        for (int i = 0; i < d.rank(); i++) {
            Axis a = d.axis(i);
            assertEquals("dim" + i, a.name());
            assertEquals(1.0, a.scale(), 0);
            assertEquals(0.0, a.offset(), 0);
            assertEquals(i < d.rank() - 1, a.navigate());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> npy = (Map<String, Object>) d.metadata().original().get("npy");
        assertEquals(e.get("version").asString(), npy.get("version"));
        assertEquals(e.get("fortran_order").asBoolean(), npy.get("fortran_order"));
    }

    @Test
    void realBrukerArray() throws IOException {
        Dataset d = read(DATA.resolve("formats/bruker/30x30_16bit.npy"));
        assertArrayEquals(new int[] {30, 30, 2}, d.shape());
        assertEquals(DType.UINT16, d.dtype());
        assertEquals(2, d.navigationDimension());
        assertEquals(2, d.signalSize());
        double sum = 0;
        for (long i = 0; i < d.size(); i++) {
            sum += d.getDouble(i);
        }
        assertEquals(448316.0, sum, 0); // numpy: a.sum()
        assertEquals("30x30_16bit", d.metadata().title());
        Dataset t = read(DATA.resolve("formats/tia/old/64x64_TEM_images_acquire.npy"));
        assertEquals(DType.FLOAT32, t.dtype());
        assertArrayEquals(new int[] {64, 64}, t.shape());
    }

    @Test
    void fortranOrderIsTransposedToCOrder() throws IOException {
        Dataset d = read(RES.resolve("npy/fortran_i4_2x3x4.npy"));
        // np.arange(24).reshape(2,3,4) - 10, stored column-major in the file
        assertEquals(-10.0, d.getDouble(0, 0, 0), 0);
        assertEquals(1 * 12 + 2 * 4 + 3 - 10.0, d.getDouble(1, 2, 3), 0);
        assertEquals(0 * 12 + 1 * 4 + 2 - 10.0, d.getDouble(0, 1, 2), 0);
        Dataset be = read(RES.resolve("npy/fortran_be_f8_3x5.npy"));
        assertEquals((2 * 5 + 4) / 8.0, be.getDouble(2, 4), 0);
        assertEquals(ByteOrder.BIG_ENDIAN, be.byteOrder());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad_empty_0.npy", "bad_object.npy", "bad_unicode.npy", "bad_longdouble.npy"})
    void unsupportedArraysAreRefused(String name) {
        Path f = RES.resolve("npy/" + name);
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> new NpyReader().read(f));
        assertEquals(f, e.file());
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    }

    @Test
    void pickledObjectArrayIsRefused() {
        Path f = DATA.resolve("images/G-Si-2nm-coord.npy");
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> new NpyReader().read(f));
        assertTrue(e.problem().contains("object array"), e.problem());
    }

    private Path patched(String name, byte[] content) throws IOException {
        Path f = tmp.resolve(name);
        Files.write(f, content);
        return f;
    }

    private static void assertInvalid(Path f, String fragment) {
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> new NpyReader().read(f));
        assertEquals(f, e.file());
        assertTrue(e.problem().contains(fragment), e.problem());
    }

    /** A version 1.0 file with the given header dict (unpadded) followed by {@code dataBytes} zero bytes. */
    private static byte[] npy(String dict, int dataBytes) {
        byte[] d = dict.getBytes(StandardCharsets.ISO_8859_1);
        int len = d.length + 1;
        byte[] out = new byte[10 + len + dataBytes];
        System.arraycopy(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) len, (byte) (len >>> 8)}, 0, out, 0, 10);
        System.arraycopy(d, 0, out, 10, d.length);
        out[9 + len] = '\n';
        return out;
    }

    @Test
    void lyingAndBrokenHeaders() throws IOException {
        // sanity: the helper makes a valid file
        Dataset ok = read(patched("ok.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", 24)));
        assertArrayEquals(new int[] {2, 3}, ok.shape());
        // a header claiming 8e15 bytes: refused before any allocation
        assertInvalid(patched("lie.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (200000, 1000000000, 10), }", 16)),
                "header claims 8000000000000000 bytes of data but only 16 bytes are present");
        assertInvalid(patched("big.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (9223372036854775807, 3), }", 0)),
                "more than 2^31 points");
        assertInvalid(patched("ovf.npy", npy("{'descr': '<u1', 'fortran_order': False, 'shape': (2000000000, 2000000000, 2000000000), }", 0)),
                "overflows");
        assertInvalid(patched("trunc.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", 47)),
                "header claims 48 bytes of data but only 47 bytes are present");
        assertInvalid(patched("nokey.npy", npy("{'desc_': '<f4', 'fortran_order': False, 'shape': (2, 3), }", 24)),
                "lacks one of the keys");
        assertInvalid(patched("garbage.npy", npy("%{'descr': '<f4'}", 24)), "malformed header");
        assertInvalid(patched("notdict.npy", npy("('descr', '<f4')", 24)), "header is not a dict");
        assertInvalid(patched("neg.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (-2, 3), }", 24)),
                "not a non-negative integer");
        assertInvalid(patched("fo.npy", npy("{'descr': '<f4', 'fortran_order': 1, 'shape': (2, 3), }", 24)),
                "'fortran_order' is not True or False");
        byte[] good = Files.readAllBytes(RES.resolve("npy/le_f4_2x3.npy"));
        // header length beyond the file
        byte[] hl = good.clone();
        hl[8] = (byte) 0xFF;
        hl[9] = (byte) 0xFF;
        assertInvalid(patched("hlen.npy", hl), "header claims 65535 bytes");
        // v2 header length of 4 GiB
        byte[] v2 = Arrays.copyOf(good, 12);
        v2[6] = 2;
        ByteBuffer.wrap(v2, 8, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(-1);
        assertInvalid(patched("v2len.npy", v2), "header claims 4294967295 bytes");
        // wrong magic, unknown version, empty, too short
        byte[] magic = good.clone();
        magic[1] = 'X';
        assertInvalid(patched("magic.npy", magic), "magic string");
        byte[] ver = good.clone();
        ver[6] = 9;
        assertInvalid(patched("ver.npy", ver), "unsupported .npy format version 9.0");
        assertInvalid(patched("empty.npy", new byte[0]), "file is empty");
        assertInvalid(patched("short.npy", Arrays.copyOf(good, 7)), "too short");
    }

    @ParameterizedTest
    @MethodSource("entries")
    void roundTrip(String key) throws IOException {
        Path src = path(key);
        Dataset d = read(src);
        String name = key.replace("data:", "").replace('/', '_');
        Path out = tmp.resolve(name);
        new NpyWriter().write(d, out);
        Dataset back = read(out);
        assertArrayEquals(d.shape(), back.shape());
        assertEquals(d.dtype(), back.dtype());
        assertValues(expected.get(key), back, key + " after round trip");
        @SuppressWarnings("unchecked")
        Map<String, Object> npy = (Map<String, Object>) back.metadata().original().get("npy");
        assertEquals(false, npy.get("fortran_order"));
        assertEquals("1.0", npy.get("version"));
        JsonNode e = expected.get(key);
        String descr = e.get("descr").asString();
        if (e.get("version").asString().equals("1.0") && !e.get("fortran_order").asBoolean() && !descr.startsWith(">")
                && !descr.endsWith("f2") && e.get("shape").size() > 0) {
            byte[] want = Files.readAllBytes(src);
            byte[] got = Files.readAllBytes(out);
            if (key.startsWith("data:")) {
                // files from other NumPy versions may pad the header differently: the data bytes are equal
                long n = d.size() * d.dtype().byteSize();
                assertArrayEquals(Arrays.copyOfRange(want, (int) (want.length - n), want.length),
                        Arrays.copyOfRange(got, (int) (got.length - n), got.length), key);
            } else {
                // same array, same bytes: header and data are exactly what numpy 1.24's write_array wrote
                assertArrayEquals(want, got, key);
            }
        }
        Files.createDirectories(WRITTEN);
        Files.copy(out, WRITTEN.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void writesBigEndianDatasetsAsLittleEndian() throws IOException {
        ByteBuffer bb = ByteBuffer.allocate(6 * 4).order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < 6; i++) {
            bb.putFloat(i * 1.5f - 2);
        }
        Dataset d = Dataset.wrap(DType.FLOAT32, java.lang.foreign.MemorySegment.ofArray(bb.array()), ByteOrder.BIG_ENDIAN,
                List.of(new Axis("y", 2, 1, 0, "", true), new Axis("E", 3, 0.1, 5, "eV", false)), new Metadata());
        Path out = tmp.resolve("be.npy");
        new NpyWriter().write(d, out);
        byte[] bytes = Files.readAllBytes(out);
        String header = new String(bytes, 10, bytes.length - 10 - 24, StandardCharsets.ISO_8859_1);
        assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", header.strip());
        assertEquals(0, (10 + header.length()) % 64);
        ByteBuffer data = ByteBuffer.wrap(bytes, bytes.length - 24, 24).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 6; i++) {
            assertEquals(i * 1.5f - 2, data.getFloat(), 0);
        }
        Files.createDirectories(WRITTEN);
        Files.copy(out, WRITTEN.resolve("from_big_endian_f4_2x3.npy"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void writeReplacesAtomically() throws IOException {
        Path out = tmp.resolve("sub/dir/x.npy");
        Dataset d = Dataset.ofInts(new int[] {1, 2, 3}, List.of(Axis.uncalibrated("E", 3, false)), null);
        new NpyWriter().write(d, out);
        new NpyWriter().write(Dataset.ofDoubles(new double[] {4.5}, List.of(Axis.uncalibrated("E", 1, false)), null), out);
        assertEquals(4.5, read(out).getDouble(0), 0);
        try (Stream<Path> s = Files.list(out.getParent())) {
            assertEquals(List.of(out), s.toList()); // no temporary file left behind
        }
    }

    @Test
    void registeredReaderAndWriter() throws IOException {
        Contribution r = Registry.get().find(Registry.READERS, "tessera.io.npy").orElseThrow();
        assertEquals("93 4E 55 4D 50 59", r.attribute("magic"));
        assertTrue(Registry.get().find(Registry.WRITERS, "tessera.io.npy.writer").isPresent());
        FileFormats ff = Registry.get().formats();
        assertInstanceOf(NpyWriter.class, ff.writerFor(Path.of("a.npy")));
        Path renamed = tmp.resolve("array.bin");
        Files.copy(DATA.resolve("formats/bruker/30x30_16bit_ds.npy"), renamed);
        assertEquals("tessera.io.npy", ff.readerFor(renamed).id());
        assertArrayEquals(new int[] {8, 8, 2}, ff.readFirst(renamed).shape());
        assertFalse(new NpyReader().sniff(renamed, "#FORMAT".getBytes(StandardCharsets.ISO_8859_1)));
    }
}
