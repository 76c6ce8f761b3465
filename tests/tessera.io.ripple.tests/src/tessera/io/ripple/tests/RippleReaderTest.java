package tessera.io.ripple.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tessera.io.testing.HyperSpyExpectation;
import tessera.core.io.InvalidFileException;
import tessera.core.model.DType;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.core.model.SignalType;
import tessera.core.registry.FileFormats;
import tessera.core.registry.Registry;
import tessera.io.ripple.internal.RippleReader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Checks the Ripple reader against what HyperSpy 1.7.3 reads from the same files
 * ({@code resources/expected_hyperspy.json}, generated with the local fixtures by
 * {@code resources/make_expected.py}), the memory mapping, the registry's choice, and one
 * bad header per class of error.
 */
class RippleReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DATA = Path.of(System.getProperty("tessera.data", "../shared/data"));
    private static final Path ROOT = Path.of(System.getProperty("tessera.root", "."));
    private static final Path RES = ROOT.resolve("tests/tessera.io.ripple.tests/resources");
    private static JsonNode expected;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws IOException {
        expected = JSON.readTree(RES.resolve("expected_hyperspy.json").toFile()).get("files");
    }

    static Stream<String> files() throws IOException {
        load();
        List<String> l = new ArrayList<>();
        expected.propertyNames().forEach(l::add);
        return l.stream();
    }

    private static Path path(String key) {
        return key.startsWith("resources/") ? RES.resolve(key.substring("resources/".length())) : DATA.resolve(key);
    }

    private static Dataset read(Path f) throws IOException {
        List<Dataset> l = new RippleReader().read(f);
        assertEquals(1, l.size());
        return l.get(0);
    }

    @Test
    void expectationsCoverEveryRippleFile() throws IOException {
        long n;
        try (Stream<Path> s = Stream.concat(Files.list(DATA.resolve("formats/ripple")), Files.list(RES.resolve("ripple")))) {
            n = s.filter(p -> p.toString().endsWith(".rpl")).count();
        }
        assertEquals(5, n);
        assertEquals(n, files().count());
    }

    @ParameterizedTest
    @MethodSource("files")
    void readsLikeHyperSpy(String key) throws IOException {
        JsonNode e = expected.get(key);
        Dataset d = read(path(key));
        assertEquals(e.get("dtype").asString(), d.dtype().numpyName());
        if (e.get("byteorder").asString().equals(">")) {
            assertEquals(java.nio.ByteOrder.BIG_ENDIAN, d.byteOrder(), "byte order kept as in the file");
        }
        List<String> diff = HyperSpyExpectation.differences(e, d);
        HyperSpyExpectation.sameTree("original_metadata", e.get("original_metadata"), JSON.valueToTree(d.metadata().original()), diff);
        assertEquals(List.of(), diff, key);
        // the .raw is mapped, read-only, not copied
        assertTrue(d.data().isMapped(), key);
        assertTrue(d.data().isReadOnly(), key);
    }

    @Test
    void theRawFileOpensThePairToo() throws IOException {
        Path rpl = RES.resolve("ripple/eds_si_u16.rpl");
        Dataset a = read(rpl), b = read(RES.resolve("ripple/eds_si_u16.raw"));
        assertArrayEquals(a.toDoubleArray(), b.toDoubleArray(), 0);
        assertEquals(a.axes(), b.axes());
        assertEquals("eds_si_u16.raw", b.metadata().get("General.original_filename"));
    }

    @Test
    void spectrumImageCalibrationAndMetadata() throws IOException {
        Dataset d = read(RES.resolve("ripple/eds_si_u16.rpl"));
        assertArrayEquals(new int[] {3, 4, 16}, d.shape());
        assertEquals(DType.UINT16, d.dtype());
        assertEquals(2, d.navigationDimension());
        assertEquals("keV", d.axis(2).units());
        assertEquals(0.01, d.axis(2).scale(), 0);
        assertEquals(-0.1, d.axis(2).offset(), 0);
        Metadata m = d.metadata();
        assertEquals(SignalType.EDS_TEM, m.signalType());
        assertEquals(200.0, m.beamEnergyKv().orElseThrow(), 0);
        assertEquals(0.5, m.liveTimeS().orElseThrow(), 0);
        assertEquals(130.0, m.number("Acquisition_instrument.TEM.Detector.EDS.energy_resolution_MnKa").orElseThrow(), 0);
        Dataset be = read(RES.resolve("ripple/big_endian_i32.rpl"));
        assertEquals(ByteOrder.BIG_ENDIAN, be.byteOrder());
        assertEquals(10.0, be.axis(2).scale(), 0); // ev-per-chan
        assertEquals(SignalType.EELS, be.metadata().signalType());
        assertEquals(21.5, be.metadata().convergenceAngleMrad().orElseThrow(), 0);
        assertEquals(35.0, be.metadata().collectionAngleMrad().orElseThrow(), 0);
    }

    @Test
    void keysAreCaseInsensitiveAndTrailingBytesIgnored() throws IOException {
        Path rpl = tmp.resolve("upper.rpl");
        Files.writeString(rpl, "KEY\tVALUE\nWIDTH\t2\nHeight\t1\nDepth\t3\nOffset\t0\nData-Length\t1\nData-Type\tUnsigned\n"
                + "Byte-Order\tdont-care\nRecord-By\tVECTOR\nDepth-Scale\t0.5\n");
        Files.write(tmp.resolve("upper.raw"), new byte[] {1, 2, 3, 4, 5, 6, 99, 99});
        Dataset d = read(rpl);
        assertArrayEquals(new int[] {2, 3}, d.shape());
        assertEquals(6.0, d.getDouble(5), 0);
        assertEquals(0.5, d.axis(1).scale(), 0);
        assertEquals(2L, d.metadata().original().get("WIDTH"));
    }

    @Test
    void registryChoosesTheReader() throws IOException {
        FileFormats ff = Registry.get().formats();
        assertEquals("tessera.io.ripple", ff.readerFor(RES.resolve("ripple/eds_si_u16.rpl")).id());
        assertEquals("tessera.io.ripple", ff.readerFor(RES.resolve("ripple/eds_si_u16.raw")).id());
        assertEquals(2 * 3 * 4, ff.readFirst(DATA.resolve("formats/ripple/test_ripple_sdim-2_ndim-1_float32.rpl")).size());
        Path lone = tmp.resolve("lone.raw");
        Files.write(lone, new byte[16]);
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> ff.readerFor(lone));
        assertTrue(e.problem().contains("has the extension of"), e.problem());
    }

    // ---- bad headers: one per class, each a one-line InvalidFileException naming the file

    private static final String GOOD = "key\tvalue\nwidth\t2\nheight\t2\ndepth\t2\noffset\t0\ndata-length\t2\ndata-type\tsigned\n"
            + "byte-order\tlittle-endian\nrecord-by\tvector\n";

    private InvalidFileException bad(String header, int rawBytes) throws IOException {
        Path rpl = tmp.resolve("h.rpl");
        Files.writeString(rpl, header, java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(tmp.resolve("h.raw"), new byte[rawBytes]);
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> new RippleReader().read(rpl));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().startsWith(e.file() + ": "), e.getMessage());
        return e;
    }

    @Test
    void theGoodHeaderReads() throws IOException {
        Path rpl = tmp.resolve("g.rpl");
        Files.writeString(rpl, GOOD);
        Files.write(tmp.resolve("g.raw"), new byte[16]);
        assertArrayEquals(new int[] {2, 2, 2}, read(rpl).shape());
    }

    @Test
    void rawShorterThanTheHeaderClaims() throws IOException {
        assertTrue(bad(GOOD, 15).problem().contains("header claims 16 bytes of data but only 15 bytes are present"));
        assertTrue(bad(GOOD.replace("offset\t0", "offset\t100"), 16).problem().contains("offset 100 lies beyond the end"));
    }

    @Test
    void overflowingSizes() throws IOException {
        String h = GOOD.replace("width\t2", "width\t2000000000").replace("height\t2", "height\t2000000000")
                .replace("depth\t2", "depth\t2000000000");
        InvalidFileException e = bad(h, 16);
        assertTrue(e.problem().contains("overflow"), e.problem());
    }

    @Test
    void missingPartnerFile() throws IOException {
        Path rpl = tmp.resolve("alone.rpl");
        Files.writeString(rpl, GOOD);
        assertTrue(assertThrows(InvalidFileException.class, () -> new RippleReader().read(rpl)).problem()
                .contains("no .raw data file beside this .rpl header"));
        Path raw = tmp.resolve("alone2.raw");
        Files.write(raw, new byte[16]);
        assertTrue(assertThrows(InvalidFileException.class, () -> new RippleReader().read(raw)).problem()
                .contains("no .rpl header beside this .raw file"));
    }

    @Test
    void missingKey() throws IOException {
        assertTrue(bad(GOOD.replace("record-by\tvector\n", ""), 16).problem().contains("required key 'record-by' is missing"));
    }

    @Test
    void valueOutsideItsChoices() throws IOException {
        assertTrue(bad(GOOD.replace("signed", "complex"), 16).problem().contains("data-type is 'complex', not one of"));
    }

    @Test
    void notANumber() throws IOException {
        assertTrue(bad(GOOD.replace("width\t2", "width\ttwo"), 16).problem().contains("width is 'two', not a whole number"));
        assertTrue(bad(GOOD + "depth-scale\tabc\n", 16).problem().contains("depth-scale is 'abc', not a number"));
    }

    @Test
    void sizeOutOfRange() throws IOException {
        assertTrue(bad(GOOD.replace("width\t2", "width\t0"), 16).problem().contains("width 0 is out of range"));
        assertTrue(bad(GOOD.replace("offset\t0", "offset\t-4"), 16).problem().contains("offset -4 is negative"));
    }

    @Test
    void lineWithoutTab() throws IOException {
        assertTrue(bad(GOOD.replace("width\t2", "width 2"), 16).problem().contains("line 2 has no <TAB>"));
    }

    @Test
    void inconsistentCombinations() throws IOException {
        assertTrue(bad(GOOD.replace("data-type\tsigned", "data-type\tfloat"), 16).problem()
                .contains("data-type float needs data-length 4 or 8, not 2"));
        assertTrue(bad(GOOD.replace("record-by\tvector", "record-by\tdont-care"), 16).problem()
                .contains("record-by dont-care describes one image, but depth is 2"));
    }

    @Test
    void invalidCalibration() throws IOException {
        assertTrue(bad(GOOD + "depth-scale\t0\n", 16).problem().contains("invalid calibration of the depth axis: scale 0.0"));
    }
}
