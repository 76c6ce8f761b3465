package tessera.io.hspy.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tessera.core.io.InvalidFileException;
import tessera.core.model.Axis;
import tessera.core.model.DType;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.io.hspy.HspyWriter;
import tessera.io.hspy.internal.HspyReader;

/**
 * Writes datasets with {@link HspyWriter} and reads them back with Tessera's reader. The
 * files are left in {@code target/roundtrip/} so that {@code resources/verify_roundtrip.py}
 * can check them with HyperSpy 1.7.3 after the build.
 */
class HspyWriterTest {

    static Path out() throws IOException {
        Path root = System.getProperty("tessera.root") == null ? Path.of(".")
                : Path.of(System.getProperty("tessera.root"), "tests/tessera.io.hspy.tests");
        Path d = root.resolve("target/roundtrip");
        Files.createDirectories(d);
        return d;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"edx/core_shell.hspy", "edx/espm_geological_EDX_SI.hspy", "edx/EDS_SEM_TM002.hspy",
            "eels/CuZn_EELS_mapping_tutorial.hspy", "eels/CuZn_HAADF.hspy", "eels/LSMO_linescan.hspy",
            "eels/Cr_L_cl.hspy", "eels/deconvolution_Si/cl_k_edge.hspy", "images/SrTiO3_ABF_movie_5frames.hspy",
            "formats/hspy/example2_v3.1.hspy", "formats/hspy/example1_v1.0.hdf5", "formats/hspy/with_lists_etc.hdf5"})
    void roundTrip(String rel) throws IOException {
        Path src = HspyReaderTest.data().resolve(rel);
        Dataset a = new HspyReader().read(src).get(0);
        Path dst = out().resolve(src.getFileName().toString().replaceAll("\\.(hspy|hdf5)$", "") + ".hspy");
        new HspyWriter().write(a, dst);
        Dataset b = new HspyReader().read(dst).get(0);
        assertSame(a, b);
    }

    static void assertSame(Dataset a, Dataset b) {
        assertEquals(a.dtype(), b.dtype(), "dtype");
        assertEquals(a.axes(), b.axes(), "axes (name, size, scale, offset, units, navigate)");
        for (long i = 0; i < a.size(); i++) {
            if (Double.compare(a.getDouble(i), b.getDouble(i)) != 0) {
                assertEquals(a.getDouble(i), b.getDouble(i), 0.0, "element " + i);
            }
        }
        Metadata ma = a.metadata();
        Metadata mb = b.metadata();
        assertEquals(ma.title(), mb.title(), "title");
        assertEquals(ma.signalType(), mb.signalType(), "signal type");
        Object sa = ma.get(Metadata.SIGNAL_TYPE);
        assertEquals(sa == null ? "" : sa, mb.get(Metadata.SIGNAL_TYPE), "signal_type string");
        assertEquals(ma.beamEnergyKv(), mb.beamEnergyKv(), "beam energy");
        assertEquals(ma.convergenceAngleMrad(), mb.convergenceAngleMrad(), "convergence angle");
        assertEquals(ma.collectionAngleMrad(), mb.collectionAngleMrad(), "collection angle");
        assertEquals(ma.elements(), mb.elements(), "elements");
        assertEquals(ma.original().keySet(), mb.original().keySet(), "original_metadata keys");
    }

    /** Large data is written chunked and deflate-compressed: a 16 MB uint32 cube compresses like HyperSpy's file. */
    @Test
    void largeDataIsCompressed() throws IOException {
        Path src = HspyReaderTest.data().resolve("edx/core_shell.hspy");
        Dataset a = new HspyReader().read(src).get(0);
        Path f = out().resolve("core_shell_compressed.hspy");
        new HspyWriter().write(a, f);
        long raw = a.size() * 4;
        assertEquals(16_252_928L, raw);
        assertTrue(Files.size(f) < 2 * Files.size(src), "written " + Files.size(f) + " bytes, HyperSpy's file " + Files.size(src));
        try (io.jhdf.HdfFile h = new io.jhdf.HdfFile(f)) {
            io.jhdf.api.Dataset d = h.getDatasetByPath("Experiments/Core shell/data");
            assertEquals("CHUNKED", String.valueOf(d.getDataLayout()));
            // whole spectra, about 1 MB: 3 x 64 spectra of 992 x 4 bytes
            assertEquals("[3, 64, 992]", java.util.Arrays.toString(((io.jhdf.api.dataset.ChunkedDataset) d).getChunkDimensions()));
            assertEquals("HyperSpy", h.getAttribute("file_format").getData());
            assertEquals("3.1", h.getAttribute("file_format_version").getData());
        }
        assertSame(a, new HspyReader().read(f).get(0));
    }

    /** Every integer and float dtype keeps its type and extreme values (unsigned included). */
    @Test
    void everyDtypeRoundTrips() throws IOException {
        List<Axis> axes = List.of(new Axis("x", 3, 2.5, -1.0, "nm", true), new Axis("Energy loss", 4, 0.25, 100.0, "eV", false));
        double[][] values = {
            {-128, 127, 0, 1}, {0, 255, 128, 7}, {-32768, 32767, 0, -1}, {0, 65535, 40000, 1},
            {Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -5}, {0, 4294967295.0, 3000000000.0, 9},
            {-1e15, 1e15, 0, 3}, {0, 9.007199254740992E15, 1e18, 11}, {-1.5f, 3.25f, Float.MAX_VALUE, 1e-30f},
            {-1.5, Math.PI, Double.MAX_VALUE, Double.MIN_VALUE}};
        DType[] types = {DType.INT8, DType.UINT8, DType.INT16, DType.UINT16, DType.INT32, DType.UINT32, DType.INT64,
            DType.UINT64, DType.FLOAT32, DType.FLOAT64};
        for (int t = 0; t < types.length; t++) {
            Metadata md = new Metadata().title("dtype " + types[t].numpyName());
            md.signalType(tessera.core.model.SignalType.EELS);
            md.set(Metadata.BEAM_ENERGY, 300.0);
            Dataset d = Dataset.allocate(types[t], axes, md);
            for (int i = 0; i < 12; i++) {
                d.setDouble(i, values[t][i % 4]);
            }
            Path f = out().resolve("dtype_" + types[t].numpyName() + ".hspy");
            new HspyWriter().write(d, f);
            Dataset b = new HspyReader().read(f).get(0);
            assertSame(d, b);
            assertEquals(300.0, b.metadata().beamEnergyKv().getAsDouble(), 0.0);
        }
    }

    /** Analysis results: several datasets in one file, returned in group-name order. */
    @Test
    void writeAllHoldsSeveralDatasets() throws IOException {
        Dataset si = new HspyReader().read(HspyReaderTest.data().resolve("edx/core_shell.hspy")).get(0);
        int k = 3;
        Axis comp = new Axis("Decomposition component index", k, 1, 0, "", true);
        Axis energy = si.axis(2);
        float[] f = new float[k * energy.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) Math.sin(i * 0.01);
        }
        Dataset factors = Dataset.ofFloats(f, List.of(comp, energy), new Metadata().title("factors").signalType(tessera.core.model.SignalType.EDS_TEM));
        float[] l = new float[k * 64 * 64];
        for (int i = 0; i < l.length; i++) {
            l[i] = i * 0.5f;
        }
        Dataset loadings = Dataset.ofFloats(l, List.of(comp, si.axis(0).withNavigate(false), si.axis(1).withNavigate(false)),
                new Metadata().title("loadings"));
        int[] lab = new int[64 * 64];
        for (int i = 0; i < lab.length; i++) {
            lab[i] = i % 4;
        }
        Dataset labels = Dataset.ofInts(lab, List.of(si.axis(0).withNavigate(false), si.axis(1).withNavigate(false)),
                new Metadata().title("cluster labels"));
        Path file = out().resolve("results.hspy");
        new HspyWriter().writeAll(List.of(loadings, factors, labels), file);
        assertEquals(List.of("loadings", "factors", "cluster labels"), HspyWriter.groupNames(List.of(loadings, factors, labels)));

        List<Dataset> back = new HspyReader().read(file);
        assertEquals(3, back.size());
        // alphabetical group order, as h5py and therefore hs.load list them
        assertEquals(List.of("cluster labels", "factors", "loadings"), back.stream().map(d -> d.metadata().title()).toList());
        assertSame(labels, back.get(0));
        assertSame(factors, back.get(1));
        assertSame(loadings, back.get(2));
        assertEquals(1, back.get(1).navigationDimension());
        assertEquals(1, back.get(2).navigationDimension());
        assertEquals(0, back.get(0).navigationDimension());
    }

    @Test
    void repeatedAndOddTitlesGetUniqueGroupNames() throws IOException {
        List<Axis> ax = List.of(new Axis("E", 2, 1, 0, "eV", false));
        Dataset a = Dataset.ofDoubles(new double[] {1, 2}, ax, new Metadata().title("a/b"));
        Dataset b = Dataset.ofDoubles(new double[] {3, 4}, ax, new Metadata().title("a/b"));
        Dataset c = Dataset.ofDoubles(new double[] {5, 6}, ax, new Metadata());
        assertEquals(List.of("a-b", "a-b (2)", "__unnamed__"), HspyWriter.groupNames(List.of(a, b, c)));
        Path f = out().resolve("names.hspy");
        new HspyWriter().writeAll(List.of(a, b, c), f);
        List<Dataset> back = new HspyReader().read(f);
        assertEquals(List.of("", "a/b", "a/b"), back.stream().map(d -> d.metadata().title()).toList());
        assertArrayEquals(new double[] {5, 6}, back.get(0).toDoubleArray());
    }

    /** Unwritable types fail before anything is written; an existing target survives. */
    @Test
    void unwritableTypeLeavesNoFile() throws IOException {
        Path f = out().resolve("complex.hspy");
        Files.deleteIfExists(f);
        Dataset c = Dataset.allocate(DType.COMPLEX64, List.of(new Axis("E", 4, 1, 0, "", false)), null);
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> new HspyWriter().write(c, f));
        assertTrue(e.getMessage().contains("complex64"), e.getMessage());
        assertFalse(Files.exists(f));

        Path keep = out().resolve("keep.hspy");
        Dataset ok = Dataset.ofDoubles(new double[] {1, 2, 3, 4}, List.of(new Axis("E", 4, 1, 0, "", false)), new Metadata().title("keep"));
        new HspyWriter().write(ok, keep);
        assertThrows(InvalidFileException.class, () -> new HspyWriter().write(c, keep));
        assertEquals("keep", new HspyReader().read(keep).get(0).metadata().title());
        try (var s = Files.list(out())) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList(), "no temporary files left");
        }
        assertThrows(InvalidFileException.class, () -> new HspyWriter().writeAll(new ArrayList<>(), keep));
    }
}
