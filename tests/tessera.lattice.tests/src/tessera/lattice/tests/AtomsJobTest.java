package tessera.lattice.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.core.analysis.AtomResult;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.io.InvalidFileException;
import tessera.core.model.Dataset;
import tessera.core.registry.Registry;
import tessera.pipeline.AtomsJob;
import tessera.pipeline.PipelineEngine;
import tessera.pipeline.Rerun;
import tessera.pipeline.RunOptions;
import tessera.pipeline.RunResult;
import tessera.provenance.RecordStore;
import tessera.provenance.model.Record;

/**
 * The generic HDF5 reader on AtomNet's plain HDF5 files (values equal h5py's), and {@code tessera atoms} as a pipeline
 * ({@link AtomsJob}) on the SrTiO3 image: outputs written, the re-run reproduces every output, an image series refused
 * naming the file with nothing but the failure record written.
 */
class AtomsJobTest {
    static final Path IMAGES = RealImagesTest.IMAGES;

    @Test
    void plainHdf5ImagesReadAsH5pyReadsThem() throws Exception {
        List<Dataset> all = Registry.get().formats().read(IMAGES.resolve("G-Si-2nm.hdf5"));
        assertEquals(1, all.size(), "image_data; the JSON metadata string is not a numeric dataset");
        Dataset d = all.get(0);
        assertEquals(List.of(256, 256), List.of(d.shape()[0], d.shape()[1]));
        assertEquals(2, d.signalAxes().size());
        assertEquals("/image_data", d.metadata().title());
        // h5py: a[0, 0] = 58.0, a[100, 37] = 49.0, a.sum() = 2627741.0
        assertEquals(58.0, d.getDouble(0, 0), 0);
        assertEquals(49.0, d.getDouble(100, 37), 0);
        double sum = 0;
        for (double v : d.toDoubleArray()) {
            sum += v;
        }
        assertEquals(2627741.0, sum, 0);
        assertEquals(1.0, d.axes().get(1).scale(), 0, "no calibration in the file: pixels");
        @SuppressWarnings("unchecked")
        Map<String, Object> h5 = (Map<String, Object>) d.metadata().original().get("hdf5");
        assertTrue(String.valueOf(h5.get("/metadata")).contains("\"scan size\": \"2\""), "the JSON metadata kept");
        assertEquals("tessera.io.hspy", Registry.get().formats().readerFor(IMAGES.resolve("SrTiO3_ADF_cropped.hdf5")).id(), "a HyperSpy file under .hdf5 still goes to the HyperSpy reader");
        assertEquals("tessera.io.hdf5", Registry.get().formats().readerFor(IMAGES.resolve("G-Si-2nm.hdf5")).id());
    }

    @Test
    void runsWritesItsOutputsAndReRuns(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        RunResult run = AtomsJob.run(Registry.get(), IMAGES.resolve("SrTiO3_ADF_cropped.hdf5"), out, AtomsJob.GAUSSIAN, Map.of("sublattices", 2), ProgressMonitor.NULL,
                s -> { });
        Dataset pos = (Dataset) run.value(AtomsJob.FINDER_STEP + "." + AtomResult.POSITIONS);
        assertTrue(pos.shape()[0] > 250, "columns: " + pos.shape()[0]);
        for (String f : List.of("positions.npy", "position_std.npy", "sublattice.npy", "intensity.npy", "gaussian.npy", "lattice_vectors.npy", "atoms.csv", "atoms.png",
                "report.html", "provenance.xmi")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        List<String> csv = Files.readAllLines(out.resolve("atoms.csv"));
        assertEquals(pos.shape()[0] + 1, csv.size(), "header + one row per column");
        assertTrue(csv.get(0).startsWith("column,sublattice,y_px,x_px,y_std_px,x_std_px,"), csv.get(0));
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("rectangular"), "the [110] projection's rectangular cell is named");
        Record record = RecordStore.load(run.recordFile());
        PipelineEngine engine = new PipelineEngine(Registry.get());
        Rerun.Prepared p = Rerun.prepare(engine.catalog(), record, run.recordFile(), false, Map.of());
        RunResult again = engine.run(p.plan(), "rerun", p.inputs(), tmp.resolve("again"), new RunOptions(ProgressMonitor.NULL, s -> { }, null, run.recordFile(), p.drift()));
        for (Rerun.Check c : Rerun.verify(record, again.record())) {
            assertTrue(c.matches(), c.output() + ": " + c.recorded() + " recorded, " + c.now() + " now");
        }

        tessera.pipeline.PipelineRunException e = assertThrows(tessera.pipeline.PipelineRunException.class, () -> AtomsJob.run(Registry.get(), IMAGES.resolve("SrTiO3_ABF_movie_5frames.hspy"),
                tmp.resolve("bad"), AtomsJob.GAUSSIAN, Map.of(), ProgressMonitor.NULL, s -> { }));
        assertTrue(e.getCause() instanceof InvalidFileException, String.valueOf(e.getCause()));
        assertTrue(e.getCause().getMessage().contains("SrTiO3_ABF_movie_5frames.hspy: holds no single 2-D image"), e.getCause().getMessage());
        assertFalse(Files.exists(tmp.resolve("bad/report.html")), "nothing but the failure record is written");
    }
}
