package tessera.io.tiff.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
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
import tessera.core.model.Axis;
import tessera.core.model.DType;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.core.registry.Contribution;
import tessera.core.registry.FileFormats;
import tessera.core.registry.Registry;
import tessera.io.tiff.internal.TiffReader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Checks the TIFF reader against what HyperSpy 1.7.3 reads from the same files
 * ({@code resources/expected_hyperspy.json} from {@code resources/make_expected.py}; the
 * fixtures come from {@code resources/make_fixtures.py}), its choice by content in the
 * registry, and one bad input per class of damage.
 */
class TiffReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Path RES = Path.of(System.getProperty("tessera.root", "."), "tests/tessera.io.tiff.tests/resources");
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

    static Dataset read(Path f) throws IOException {
        List<Dataset> l = new TiffReader().read(f);
        assertEquals(1, l.size(), f + " datasets");
        return l.get(0);
    }

    @Test
    void expectationsCoverEveryFixture() throws IOException {
        long n;
        try (Stream<Path> s = Files.list(RES.resolve("tiff"))) {
            n = s.filter(p -> p.toString().endsWith(".tif")).count();
        }
        assertEquals(26, n);
        assertEquals(n, files().map(k -> k.split("#")[0]).distinct().count());
    }

    @ParameterizedTest
    @MethodSource("files")
    void readsLikeHyperSpy(String key) throws IOException {
        JsonNode e = expected.get(key);
        String name = key.split("#")[0];
        List<Dataset> all = new TiffReader().read(RES.resolve("tiff").resolve(name));
        // a file with several series has one expectation per series, "name#index"
        assertEquals(files().filter(k -> k.split("#")[0].equals(name)).count(), all.size(), name + " series");
        Dataset d = all.get(key.contains("#") ? Integer.parseInt(key.split("#")[1]) : 0);
        String dtype = e.get("dtype").asString();
        assertEquals(dtype.equals("rgb8") ? "rgba8" : dtype, d.dtype().numpyName()); // RGB reads as RGBA8, alpha 255
        if (e.get("byteorder").asString().equals(">")) {
            assertEquals(java.nio.ByteOrder.BIG_ENDIAN, d.byteOrder(), "byte order kept as in the file");
        }
        // HyperSpy 1.7.3 keeps only ImageJ's "micron": the nm of this ImageJ file is kept here (see TiffReader)
        int[] skip = name.equals("imagej_nm_stack.tif") ? new int[] {0, 1, 2} : new int[0];
        List<String> diff = HyperSpyExpectation.differences(e, d, skip);
        diff.addAll(HyperSpyExpectation.originalDifferences(e, d));
        assertEquals(List.of(), diff, key);
    }

    @Test
    void imagejUnitsBeyondHyperSpy() throws IOException {
        Dataset d = read(RES.resolve("tiff/imagej_nm_stack.tif"));
        assertEquals("depth", d.axis(0).name());
        assertTrue(d.axis(0).navigate());
        assertEquals(2.5, d.axis(0).scale(), 0);
        assertEquals("nm", d.axis(0).units());
        assertEquals(0.5, d.axis(1).scale(), 0); // 1 / YResolution
        assertEquals(0.25, d.axis(2).scale(), 0); // 1 / XResolution
        assertEquals("nm", d.axis(1).units());
        assertEquals("nm", d.axis(2).units());
    }

    @Test
    void vendorMetadata() throws IOException {
        Metadata fei = read(RES.resolve("tiff/fei_helios_u8.tif")).metadata();
        assertEquals(5.0, fei.beamEnergyKv().orElseThrow(), 0);
        assertEquals(4.15, fei.number("Acquisition_instrument.SEM.working_distance").orElseThrow(), 1e-12);
        assertEquals("2015-12-15", fei.get("General.date"));
        assertEquals("10:48:21", fei.get("General.time"));
        assertEquals("Helios NanoLab", Metadata.get(fei.original(), "fei_metadata.System.SystemType"));
        assertFalse(fei.original().containsKey("FEI_HELIOS"));
        Dataset z = read(RES.resolve("tiff/zeiss_u16.tif"));
        assertEquals(5e-9 * 1024 / 16, z.axis(1).scale(), 1e-20);
        assertEquals("m", z.axis(1).units());
        assertEquals(1.2345, z.metadata().number("Acquisition_instrument.SEM.Stage.y").orElseThrow(), 0); // 1234.5 µm in mm
        assertEquals(0.2, z.metadata().number("Acquisition_instrument.SEM.beam_current").orElseThrow(), 0); // 200 pA in nA
        Metadata dm = read(RES.resolve("tiff/dm_tags_f32.tif")).metadata();
        assertEquals("Counts", dm.get(Metadata.QUANTITY));
        assertEquals(2.5, dm.number("Signal.Noise_properties.Variance_linear_model.gain_factor").orElseThrow(), 0);
    }

    @Test
    void lzwMatchesItsUncompressedTwin() throws IOException {
        // LZW written by Pillow/libtiff, Deflate + floating-point predictor checked with Pillow/libtiff (HyperSpy needs
        // imagecodecs for both); the uncompressed twins are in expected_hyperspy.json
        for (String name : new String[] {"lzw_u8", "lzw_u16", "fpred_deflate_f32"}) {
            Dataset lzw = read(RES.resolve("tiff-codecs/" + name + ".tif"));
            Dataset plain = read(RES.resolve("tiff/" + name + "_plain.tif"));
            assertEquals(plain.dtype(), lzw.dtype());
            assertArrayEquals(plain.shape(), lzw.shape());
            assertArrayEquals(plain.toDoubleArray(), lzw.toDoubleArray(), 0, name);
            assertEquals(name.startsWith("lzw") ? 5L : 8L, lzw.metadata().original().get("Compression"));
        }
    }

    @Test
    void imagejContiguousStackAfterOneDirectory() throws IOException {
        // ImageJ writes stacks over 4 GiB as one IFD followed by all images: cut the chain after page 0
        Path f = patched("imagej_nm_stack.tif", b -> {
            ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            int ifd = bb.getInt(4);
            int n = Short.toUnsignedInt(bb.getShort(ifd));
            bb.putInt(ifd + 2 + 12 * n, 0);
        });
        Dataset one = read(f), all = read(RES.resolve("tiff/imagej_nm_stack.tif"));
        assertArrayEquals(new int[] {3, 8, 10}, one.shape());
        assertArrayEquals(all.toDoubleArray(), one.toDoubleArray(), 0);
        assertEquals(all.axes(), one.axes());
        assertTrue(one.data().isMapped(), "contiguous ImageJ data are mapped, not copied");
    }

    @Test
    void truncatedLzwStrip() throws IOException {
        byte[] b = Files.readAllBytes(RES.resolve("tiff-codecs/lzw_u16.tif"));
        setTag(b, 279, 100);
        Path f = tmp.resolve("short_lzw.tif");
        Files.write(f, b);
        assertTrue(bad(f).problem().contains("LZW data end after"), bad(f).problem());
    }

    @Test
    void multiPageStackIsOneSeriesWithANavigationAxis() throws IOException {
        Dataset d = read(RES.resolve("tiff/stack_u16.tif"));
        assertArrayEquals(new int[] {5, 10, 12}, d.shape());
        assertEquals(1, d.navigationDimension());
        assertEquals("image series", d.axis(0).name());
        assertEquals(DType.UINT16, d.dtype());
        assertTrue(d.data().isMapped(), "contiguous uncompressed pages are mapped, not copied");
        assertTrue(d.data().isReadOnly());
        assertFalse(read(RES.resolve("tiff/f64_deflate.tif")).data().isMapped());
    }

    @Test
    void registryChoosesTheReaderByContent() throws IOException {
        Contribution c = Registry.get().find(Registry.READERS, "tessera.io.tiff").orElseThrow();
        assertEquals("tif,tiff", c.attribute("extensions"));
        for (String name : files().map(k -> k.split("#")[0]).distinct().toList()) {
            byte[] head = Files.readAllBytes(RES.resolve("tiff").resolve(name));
            assertTrue(FileFormats.magicMatches(c.attribute("magic"), head), name);
        }
        FileFormats ff = Registry.get().formats();
        for (String name : new String[] {"u16_be.tif", "bigtiff_f32.tif", "hyperspy_f32.tif"}) {
            Path renamed = tmp.resolve(name.replace(".tif", ".dat"));
            Files.copy(RES.resolve("tiff").resolve(name), renamed);
            assertEquals("tessera.io.tiff", ff.readerFor(renamed).id(), name);
            assertEquals(read(RES.resolve("tiff").resolve(name)).getDouble(3), ff.readFirst(renamed).getDouble(3), 0);
        }
        assertEquals("tessera.io.tiff.internal.TiffWriter", ff.writerFor(tmp.resolve("map.tiff")).getClass().getName());
    }

    // ---- bad input: one test per class of damage, each a one-line InvalidFileException naming the file

    private Path patched(String fixture, Patch p) throws IOException {
        byte[] b = Files.readAllBytes(RES.resolve("tiff").resolve(fixture));
        p.apply(b);
        Path f = tmp.resolve("bad_" + fixture);
        Files.write(f, b);
        return f;
    }

    @FunctionalInterface
    private interface Patch {
        void apply(byte[] b);
    }

    /** Sets the inline value of a tag in the first IFD of a little-endian classic TIFF. */
    private static void setTag(byte[] b, int tag, long value) {
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int ifd = bb.getInt(4);
        int n = Short.toUnsignedInt(bb.getShort(ifd));
        for (int i = 0; i < n; i++) {
            int e = ifd + 2 + 12 * i;
            if (Short.toUnsignedInt(bb.getShort(e)) == tag) {
                if (bb.getShort(e + 2) == 3) {
                    bb.putShort(e + 8, (short) value);
                } else {
                    bb.putInt(e + 8, (int) value);
                }
                return;
            }
        }
        throw new AssertionError("tag " + tag + " not found");
    }

    private InvalidFileException bad(Path f) {
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> new TiffReader().read(f));
        assertTrue(e.getMessage().startsWith(f.toString() + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e;
    }

    @Test
    void notATiff() throws IOException {
        Path f = tmp.resolve("x.tif");
        Files.write(f, "PK\u0003\u0004 a zip file, not a TIFF".getBytes());
        assertTrue(bad(f).problem().contains("not a TIFF file (byte-order mark 50 4b"));
        Files.write(f, new byte[] {'I', 'I', 41, 0, 8, 0, 0, 0});
        assertTrue(bad(f).problem().contains("version 41, expected 42, or 43 for BigTIFF"));
        Files.write(f, new byte[] {'I', 'I', 42});
        assertTrue(bad(f).problem().contains("too short for a TIFF header"));
        Files.write(f, new byte[] {'I', 'I', 43, 0, 4, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0});
        assertTrue(bad(f).problem().contains("BigTIFF header declares offset size 4 (only 8 is defined)"), bad(f).problem());
    }

    @Test
    void firstDirectoryOutsideTheFile() throws IOException {
        Path f = patched("u8.tif", b -> ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 0x7fff0000));
        assertTrue(bad(f).problem().contains("first image directory at offset 2147418112 lies outside"), bad(f).problem());
    }

    @Test
    void directoryEntryCountBeyondTheFile() throws IOException {
        Path f = patched("u8.tif", b -> {
            ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            bb.putShort(bb.getInt(4), (short) 60000);
        });
        assertTrue(bad(f).problem().contains("claims 60000 entries"), bad(f).problem());
    }

    @Test
    void loopingDirectoryChainEndsAfterOnePage() throws IOException {
        Path f = patched("u8.tif", b -> {
            ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            int ifd = bb.getInt(4);
            int n = Short.toUnsignedInt(bb.getShort(ifd));
            bb.putInt(ifd + 2 + 12 * n, ifd); // next IFD = itself
        });
        assertArrayEquals(new int[] {12, 16}, read(f).shape());
    }

    @Test
    void stripOutsideTheFile() throws IOException {
        Path f = patched("u8.tif", b -> setTag(b, 273, 0x40000000));
        assertTrue(bad(f).problem().contains("data block 0 at offset 1073741824 lies outside the 400-byte file"), bad(f).problem());
    }

    @Test
    void truncatedData() throws IOException {
        byte[] b = Files.readAllBytes(RES.resolve("tiff/u8.tif"));
        Path f = tmp.resolve("cut.tif");
        Files.write(f, java.util.Arrays.copyOf(b, b.length - 50));
        assertTrue(bad(f).problem().contains("header claims 192 bytes of data but only"), bad(f).problem());
    }

    @Test
    void hugeClaimedSizeIsRefusedBeforeAllocating() throws IOException {
        Path f = patched("u8.tif", b -> {
            setTag(b, 256, 40_000);
            setTag(b, 257, 40_000);
            setTag(b, 278, 40_000);
        });
        assertTrue(bad(f).problem().contains("header claims 1600000000 bytes of data but only 192 bytes are present"), bad(f).problem());
        Path g = patched("u8.tif", b -> {
            setTag(b, 256, 2_000_000_000L);
            setTag(b, 257, 2_000_000_000L);
            setTag(b, 278, 2_000_000_000L);
        });
        assertTrue(bad(g).problem().contains("a 2000000000 x 2000000000 data block of 1-byte pixels is too large"), bad(g).problem());
        Path h = patched("u8.tif", b -> setTag(b, 257, 2_000_000_000L));
        assertTrue(bad(h).problem().contains("StripOffsets lists 1 data blocks, the image needs 166666667"), bad(h).problem());
    }

    @Test
    void zeroWidth() throws IOException {
        Path f = patched("u8.tif", b -> setTag(b, 256, 0));
        assertTrue(bad(f).problem().contains("ImageWidth 0 is out of range"), bad(f).problem());
    }

    @Test
    void unsupportedCompression() throws IOException {
        Path f = patched("u8.tif", b -> setTag(b, 259, 7));
        assertTrue(bad(f).problem().contains("compression 7 (JPEG) is not supported (none, LZW, PackBits and Deflate are)"),
                bad(f).problem());
    }

    @Test
    void unsupportedSampleSize() throws IOException {
        Path f = patched("u8.tif", b -> setTag(b, 258, 1));
        assertTrue(bad(f).problem().contains("1-bit samples of SampleFormat 1 (unsigned) are not supported"), bad(f).problem());
    }

    @Test
    void corruptDeflateData() throws IOException {
        Path f = patched("f64_deflate.tif", b -> {
            ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            // the first strip's offset: find tag 273 (LONG, several strips) and scramble the strip's first bytes
            int ifd = bb.getInt(4);
            int n = Short.toUnsignedInt(bb.getShort(ifd));
            for (int i = 0; i < n; i++) {
                int e = ifd + 2 + 12 * i;
                if (bb.getShort(e) == 273) {
                    int first = bb.getInt(bb.getInt(e + 8));
                    for (int k = 0; k < 8; k++) {
                        b[first + k] = (byte) 0xff;
                    }
                }
            }
        });
        assertTrue(bad(f).problem().contains("corrupt Deflate data"), bad(f).problem());
    }

    @Test
    void packBitsOverrun() throws IOException {
        Path f = patched("packbits_u8.tif", b -> {
            ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            int ifd = bb.getInt(4);
            int n = Short.toUnsignedInt(bb.getShort(ifd));
            for (int i = 0; i < n; i++) {
                int e = ifd + 2 + 12 * i;
                if (bb.getShort(e) == 273) {
                    int first = bb.getInt(bb.getInt(e + 8));
                    b[first] = 127; // a 128-byte literal run in a 60-byte strip
                }
            }
        });
        assertTrue(bad(f).problem().contains("PackBits literal run overruns the block"), bad(f).problem());
    }

    @Test
    void imagejClaimsMoreImagesThanTheFileHolds() throws IOException {
        Path f = patched("imagej_nm_stack.tif", b -> {
            String s = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
            int i = s.indexOf("images=3");
            b[i + 7] = '9';
        });
        assertTrue(bad(f).problem().contains("ImageJ description claims 9 images but the file has 3 pages"), bad(f).problem());
    }
}
