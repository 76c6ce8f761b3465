package tessera.io.tiff.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.core.io.InvalidFileException;
import tessera.core.model.Axis;
import tessera.core.model.DType;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.io.tiff.internal.TiffReader;
import tessera.io.tiff.internal.TiffWriter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The calibrated float32 TIFF writer: round trip through the reader (values and calibration),
 * the committed written files ({@code resources/written/}) that {@code resources/check_hyperspy_readback.py}
 * reads with HyperSpy 1.7.3 (its verdict in {@code resources/readback_hyperspy.json}), and refusals.
 * Run with {@code -Dtessera.tiff.regenerate=true} to rewrite the committed files after a deliberate
 * change of the writer, then rerun the Python check.
 */
class TiffWriterTest {
    private static final Path RES = Path.of(System.getProperty("tessera.root", "."), "tests/tessera.io.tiff.tests/resources");
    private static final Path WRITTEN = RES.resolve("written");

    @TempDir
    Path tmp;

    /** The datasets of resources/written/, by file name; check_hyperspy_readback.py builds the same values. */
    static Map<String, Dataset> datasets() {
        Map<String, Dataset> m = new LinkedHashMap<>();
        float[] v = new float[6 * 8];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i * 37 % 101) * 0.25f - 12.5f;
        }
        Metadata md = new Metadata();
        md.set(Metadata.QUANTITY, "Intensity");
        m.put("image_f32.tif", Dataset.ofFloats(v, List.of(new Axis("y", 6, 0.0123456789, -3.5, "nm", false),
                new Axis("x", 8, 0.25, 1.5, "nm", false)), md));
        double[] s = new double[4 * 5 * 7];
        for (int i = 0; i < s.length; i++) {
            s[i] = i * 0.5 - 3;
        }
        m.put("stack_from_f64.tif", Dataset.ofDoubles(s, List.of(new Axis("time", 4, 2.5, 10, "s", true),
                new Axis("y", 5, 0.5, 0, "\u00b5m", false), new Axis("x", 7, 0.5, 0, "\u00b5m", false)), null));
        short[] map = new short[3 * 4];
        for (int i = 0; i < map.length; i++) {
            map[i] = (short) (i * 7 % 23 - 11);
        }
        // a map with two navigation axes (an abundance map of a spectrum image), int16 values
        m.put("map_from_i16.tif", Dataset.wrap(DType.INT16, MemorySegment.ofArray(map), ByteOrder.nativeOrder(),
                List.of(new Axis("y", 3, 2.0, 0, "nm", true), new Axis("x", 4, 2.0, 0, "nm", true)), null));
        // scales with no exact 32-bit resolution rational: the DM tags carry them
        m.put("odd_scales.tif", Dataset.ofFloats(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12},
                List.of(new Axis("y", 3, -0.2, 0.1, "nm", false), new Axis("x", 4, 1e-10, 0, "m", false)), null));
        return m;
    }

    @Test
    void roundTripKeepsValuesAndCalibration() throws IOException {
        for (Map.Entry<String, Dataset> e : datasets().entrySet()) {
            Dataset d = e.getValue();
            Path f = tmp.resolve(e.getKey());
            new TiffWriter().write(d, f);
            Dataset r = new TiffReader().read(f).get(0);
            assertEquals(DType.FLOAT32, r.dtype(), e.getKey());
            assertArrayEquals(d.shape(), r.shape(), e.getKey());
            for (long i = 0; i < d.size(); i++) {
                assertEquals((float) d.getDouble(i), r.getDouble(i), 0, e.getKey() + " value " + i);
            }
            for (int i = 0; i < d.rank(); i++) {
                Axis a = d.axis(i), b = r.axis(i);
                assertEquals(a.scale(), b.scale(), 0, e.getKey() + " scale " + i);
                assertEquals(a.offset(), b.offset(), 0, e.getKey() + " offset " + i);
                assertEquals(a.units(), b.units(), e.getKey() + " units " + i);
                assertEquals(a.size(), b.size());
            }
            assertEquals(d.rank() == 3, r.axis(0).navigate(), e.getKey());
        }
        Dataset r = new TiffReader().read(tmp.resolve("image_f32.tif")).get(0);
        assertEquals("Intensity", r.metadata().get(Metadata.QUANTITY));
        assertEquals("depth", new TiffReader().read(tmp.resolve("stack_from_f64.tif")).get(0).axis(0).name());
    }

    @Test
    void committedFilesAreTheWritersOutput() throws IOException {
        boolean regenerate = Boolean.getBoolean("tessera.tiff.regenerate");
        for (Map.Entry<String, Dataset> e : datasets().entrySet()) {
            Path f = tmp.resolve(e.getKey());
            new TiffWriter().write(e.getValue(), f);
            if (regenerate) {
                Files.createDirectories(WRITTEN);
                Files.copy(f, WRITTEN.resolve(e.getKey()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            assertArrayEquals(Files.readAllBytes(WRITTEN.resolve(e.getKey())), Files.readAllBytes(f),
                    e.getKey() + " differs from the committed file: regenerate (see the class comment) and rerun check_hyperspy_readback.py");
        }
    }

    @Test
    void hyperSpyReadsTheWrittenFilesBack() throws IOException {
        JsonNode r = new ObjectMapper().readTree(RES.resolve("readback_hyperspy.json").toFile()).get("files");
        Map<String, Dataset> ds = datasets();
        assertEquals(ds.size(), r.size());
        for (Map.Entry<String, Dataset> e : ds.entrySet()) {
            JsonNode f = r.get(e.getKey());
            assertTrue(f.get("data_matches").asBoolean(), e.getKey() + " data as read by HyperSpy");
            JsonNode axes = f.get("axes");
            Dataset d = e.getValue();
            assertEquals(d.rank(), axes.size(), e.getKey());
            for (int i = 0; i < d.rank(); i++) {
                JsonNode a = axes.get(i);
                assertEquals(d.axis(i).scale(), a.get("scale").asDouble(), 0, e.getKey() + " HyperSpy scale " + i);
                assertEquals(d.axis(i).offset(), a.get("offset").asDouble(), 0, e.getKey() + " HyperSpy offset " + i);
                assertEquals(d.axis(i).units(), a.get("units").asString(), e.getKey() + " HyperSpy units " + i);
                assertEquals(d.rank() == 3 && i == 0, a.get("navigate").asBoolean(), e.getKey() + " HyperSpy navigate " + i);
            }
        }
    }

    @Test
    void replacesAnExistingFile() throws IOException {
        Path f = tmp.resolve("x.tif");
        Files.writeString(f, "old content");
        new TiffWriter().write(datasets().get("image_f32.tif"), f);
        assertEquals(6, new TiffReader().read(f).get(0).shape()[0]);
    }

    @Test
    void refusesWhatFloat32TiffCannotHold() throws IOException {
        Path f = tmp.resolve("r.tif");
        Files.writeString(f, "previous");
        Dataset spectrum = Dataset.ofFloats(new float[4], List.of(Axis.uncalibrated("E", 4, false)), null);
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> new TiffWriter().write(spectrum, f));
        assertTrue(e.problem().contains("rank 2 or 3), not a rank-1 dataset [4]"), e.problem());
        Dataset four = Dataset.ofFloats(new float[16], List.of(Axis.uncalibrated("a", 2, true), Axis.uncalibrated("b", 2, true),
                Axis.uncalibrated("c", 2, false), Axis.uncalibrated("d", 2, false)), null);
        assertTrue(assertThrows(InvalidFileException.class, () -> new TiffWriter().write(four, f)).problem().contains("rank-4"));
        Dataset complex = Dataset.wrap(DType.COMPLEX64, MemorySegment.ofArray(new float[8]), ByteOrder.nativeOrder(),
                List.of(Axis.uncalibrated("y", 2, false), Axis.uncalibrated("x", 2, false)), null);
        assertTrue(assertThrows(InvalidFileException.class, () -> new TiffWriter().write(complex, f)).problem()
                .contains("a complex64 dataset has no float32 TIFF form"));
        assertEquals("previous", Files.readString(f)); // a refused write leaves the target as it was
    }
}
