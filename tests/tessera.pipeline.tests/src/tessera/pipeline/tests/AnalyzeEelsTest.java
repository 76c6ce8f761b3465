package tessera.pipeline.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import tessera.core.analysis.ProgressMonitor;
import tessera.core.io.InvalidFileException;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.registry.Registry;
import tessera.pipeline.AnalyzeJob;
import tessera.pipeline.AnalyzeOptions;
import tessera.pipeline.AnalyzeResult;
import tessera.pipeline.PipelineEngine;
import tessera.pipeline.PipelineRunException;
import tessera.provenance.RecordStore;
import tessera.provenance.model.Record;

/**
 * {@code analyze} on the real EELS data: a 50×40 spectrum image (int16), a 40-point line
 * scan, and the 2×2 DM4 spectrum image. Loadings keep the navigation calibration, factors
 * the energy-loss calibration, and the run writes its outputs all-or-nothing.
 */
class AnalyzeEelsTest {
    private static final Path DATA = Path.of(System.getProperty("tessera.data", "../../../shared/data"));

    private static AnalyzeResult run(String file, Integer components, int clusters, Path out) throws Exception {
        return AnalyzeJob.result(AnalyzeJob.run(Registry.get(), new AnalyzeOptions(DATA.resolve(file), out, components, clusters, null, null, 0L),
                ProgressMonitor.NULL, s -> { }));
    }

    private static void assertCalibrationKept(Dataset source, AnalyzeResult r) {
        Dataset loadings = r.pca().loadings();
        List<Axis> nav = source.navigationAxes();
        for (int i = 0; i < nav.size(); i++) {
            Axis a = loadings.axis(i + 1);
            assertEquals(nav.get(i).size(), a.size());
            assertEquals(nav.get(i).scale(), a.scale(), 1e-12);
            assertEquals(nav.get(i).units(), a.units());
        }
        Axis e = r.pca().factors().axis(1);
        Axis se = source.axis(source.rank() - 1);
        assertEquals(se.offset(), e.offset(), 1e-9);
        assertEquals(se.scale(), e.scale(), 1e-12);
        assertEquals("eV", e.units());
    }

    @Test
    void cuZnSpectrumImage(@org.junit.jupiter.api.io.TempDir Path out) throws Exception {
        AnalyzeResult r = run("eels/CuZn_EELS_mapping_tutorial.hspy", null, 3, out);
        Dataset src = Registry.get().formats().readFirst(DATA.resolve("eels/CuZn_EELS_mapping_tutorial.hspy"));
        assertCalibrationKept(src, r);
        assertEquals(List.of(50, 40), List.of(r.pca().loadings().axis(1).size(), r.pca().loadings().axis(2).size()));
        assertEquals(50 * 40, r.clusters().labels().length);
        assertTrue(Files.size(out.resolve("report.html")) > 1000);
        assertTrue(Files.size(out.resolve("results.hspy")) > 1000);
        assertTrue(Files.exists(out.resolve("nmf_loadings.png")), "2-D navigation gives loading maps");
    }

    @Test
    void lsmoLineScanHasProfiles(@org.junit.jupiter.api.io.TempDir Path out) throws Exception {
        AnalyzeResult r = run("eels/LSMO_linescan.hspy", 3, 2, out);
        assertEquals(2, r.pca().loadings().rank(), "line-scan loadings are [component, x] profiles");
        assertEquals(40, r.pca().loadings().axis(1).size());
        assertEquals(3, r.nmf().components());
        String html = Files.readString(out.resolve("report.html"));
        assertFalse(html.contains("loading maps"), "a line scan gets profiles, not maps");
    }

    @Test
    void dm4SpectrumImage(@org.junit.jupiter.api.io.TempDir Path out) throws Exception {
        AnalyzeResult r = run("eels/EELS_SI.dm4", null, 2, out);
        Dataset src = Registry.get().formats().readFirst(DATA.resolve("eels/EELS_SI.dm4"));
        assertCalibrationKept(src, r);
        assertEquals(300.0, r.pca().factors().axis(1).offset(), 1e-6);
        assertEquals(4, r.clusters().labels().length);
        assertTrue(r.components() >= 1 && r.components() <= 3);
    }

    @Test
    void badInputLeavesNoOutput(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path truncated = tmp.resolve("truncated.dm4");
        byte[] all = Files.readAllBytes(DATA.resolve("eels/EELS_SI.dm4"));
        Files.write(truncated, java.util.Arrays.copyOf(all, all.length / 3));
        Path out = tmp.resolve("out");
        PipelineRunException e = org.junit.jupiter.api.Assertions.assertThrows(PipelineRunException.class,
                () -> run(truncated.toString(), null, 2, out));
        assertEquals("read", e.stepName());
        assertTrue(e.getCause() instanceof InvalidFileException, String.valueOf(e.getCause()));
        assertTrue(e.getMessage().contains("truncated.dm4"), e.getMessage());
        assertFalse(Files.exists(out.resolve("report.html")));
        assertFalse(Files.exists(out.resolve("results.hspy")));
        assertFalse(Files.exists(out.resolve(PipelineEngine.RECORD)), "a failed run leaves no record that looks like a complete one");
        Record failed = RecordStore.load(out.resolve(PipelineEngine.FAILED_RECORD));
        assertEquals(List.of("read:FAILED", "crop:NOT_RUN", "counts:NOT_RUN", "pca:NOT_RUN", "elbow:NOT_RUN", "nmf:NOT_RUN", "cluster:NOT_RUN",
                "report:NOT_RUN"), failed.getActivities().stream().map(a -> a.getStepName() + ":" + a.getStatus()).toList());
        assertTrue(failed.getActivities().get(0).getErrorMessage().contains("truncated.dm4"), failed.getActivities().get(0).getErrorMessage());
    }
}
