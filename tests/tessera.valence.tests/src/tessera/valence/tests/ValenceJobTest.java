package tessera.valence.tests;

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

import tessera.core.analysis.ElementMaps;
import tessera.core.analysis.IncompatibleDataException;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.core.registry.Registry;
import tessera.pipeline.PipelineEngine;
import tessera.pipeline.PipelineRunException;
import tessera.pipeline.Rerun;
import tessera.pipeline.RunOptions;
import tessera.pipeline.RunResult;
import tessera.pipeline.ValenceJob;
import tessera.provenance.RecordStore;
import tessera.provenance.model.Record;

/**
 * {@code tessera valence} as a pipeline on the real LSMO line scan: the outputs, the maps' shapes and meaning, the exact
 * re-run; and bad input refused naming the file and the problem with nothing written.
 */
class ValenceJobTest {
    static final Path DATA = Path.of(System.getProperty("tessera.data", "../shared/data"));

    @Test
    void lsmoLineScanGivesValenceMapsAndReRunsExactly(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("lsmo");
        RunResult run = ValenceJob.run(Registry.get(), DATA.resolve("eels/LSMO_linescan.hspy"), out, "Mn", "svm", 0, 1.0, ProgressMonitor.NULL, s -> { });
        Dataset probs = (Dataset) run.value("valence.probabilities");
        Dataset maps = (Dataset) run.value("maps.maps");
        assertEquals(List.of(3, 40), java.util.Arrays.stream(probs.shape()).boxed().toList());
        assertEquals(List.of(8, 40), java.util.Arrays.stream(maps.shape()).boxed().toList());
        assertEquals(List.of("Mn2+", "Mn3+", "Mn4+"), ElementMaps.labels(probs));
        double[] p = probs.toDoubleArray();
        double[] v = maps.toDoubleArray();
        for (int i = 0; i < 40; i++) {
            double mean = 2 * p[i] + 3 * p[40 + i] + 4 * p[80 + i];
            assertEquals(mean, v[i], 1e-9, "mean valence = sum p v at " + i);
            assertTrue(v[40 + i] >= 0 && v[40 + i] <= 1.0 + 1e-9, "spread");
            assertEquals(634.5, v[5 * 40 + i], 1.5, "L3 maximum on the file's axis");
        }
        for (String f : List.of("valence.csv", "valence.json", "valence_maps.npy", "probabilities.npy", "mean_valence.png", "spectrum.png", "report.html",
                "provenance.xmi")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertEquals(41, Files.readAllLines(out.resolve("valence.csv")).size());
        // the beam-damaged middle of the scan (O vacancies, data README) is reduced: both the classifier's and the
        // L3/L2 baseline's mean valence over positions 15-24 lie below those over 0-14 and 25-39
        for (int q : new int[] { 0, 4 }) {
            double middle = mean(v, q * 40 + 15, q * 40 + 25);
            double ends = (mean(v, q * 40, q * 40 + 15) + mean(v, q * 40 + 25, q * 40 + 40)) / 2;
            assertTrue(middle < ends - 0.1, (q == 0 ? "classifier" : "baseline") + ": middle " + middle + ", ends " + ends);
        }
        // the shipped SVM has seen such shapes: novelty below 1 everywhere
        for (int i = 0; i < 40; i++) {
            assertTrue(v[7 * 40 + i] < 1, "novelty at " + i + ": " + v[7 * 40 + i]);
        }
        assertRerunsExactly(run, tmp);
    }

    @Test
    void withTheLowLossTheBaselineMeasuresTheSingleScatteringSpectra(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("ll");
        RunResult run = ValenceJob.run(Registry.get(), DATA.resolve("eels/LSMO_linescan.hspy"), DATA.resolve("eels/LSMO_linescan_low_loss.hspy"), out, "Mn", "svm",
                0, 1.0, ProgressMonitor.NULL, s -> { });
        double[] with = ((Dataset) run.value("maps.maps")).toDoubleArray();
        double[] without = ((Dataset) ValenceJob.run(Registry.get(), DATA.resolve("eels/LSMO_linescan.hspy"), tmp.resolve("plain"), "Mn", "svm", 0, 1.0,
                ProgressMonitor.NULL, s -> { }).value("maps.maps")).toDoubleArray();
        // the classifier sees the spectra as recorded either way; the ratio is measured after Fourier-ratio deconvolution
        for (int i = 0; i < 40; i++) {
            assertEquals(without[i], with[i], 0.0, "mean valence at " + i);
        }
        assertTrue(Math.abs(mean(with, 3 * 40, 4 * 40) - mean(without, 3 * 40, 4 * 40)) > 0.05, "the deconvolution changes the L3/L2 ratio");
        double middle = mean(with, 4 * 40 + 15, 4 * 40 + 25);
        double ends = (mean(with, 4 * 40, 4 * 40 + 15) + mean(with, 4 * 40 + 25, 4 * 40 + 40)) / 2;
        assertTrue(middle < ends - 0.1, "deconvolved baseline: middle " + middle + ", ends " + ends);
        Record record = RecordStore.load(run.recordFile());
        assertTrue(record.getActivities().stream().anyMatch(a -> "tessera.eels.fourier-ratio".equals(a.getStepId())), "the deconvolution is recorded");
        assertRerunsExactly(run, tmp);
    }

    @Test
    void feOxideSpectrumImageIsMixedValenceAndItsBorderColumnsAreFlagged(@TempDir Path tmp) throws Exception {
        RunResult run = ValenceJob.run(Registry.get(), DATA.resolve("eels/Fe_oxide_SI_ARM200F.dm3"), tmp.resolve("fe"), "Fe", "svm", 0, 1.0, ProgressMonitor.NULL,
                s -> { });
        Dataset maps = (Dataset) run.value("maps.maps");
        int n = 17 * 19;
        assertEquals(List.of(8, 17, 19), java.util.Arrays.stream(maps.shape()).boxed().toList());
        double[] v = maps.toDoubleArray();
        // most pixels look like the training spectra; three quarters of those that do not lie in the scan's first and last
        // two columns
        double[] nov = java.util.Arrays.copyOfRange(v, 7 * n, 8 * n);
        double[] sorted = nov.clone();
        java.util.Arrays.sort(sorted);
        assertTrue(sorted[n / 2] < 1, "median novelty " + sorted[n / 2]);
        int outside = 0, border = 0;
        for (int i = 0; i < n; i++) {
            if (nov[i] > 1) {
                outside++;
                int x = i % 19;
                border += x <= 1 || x >= 17 ? 1 : 0;
            }
        }
        assertTrue(outside > n / 10 && border >= 0.7 * outside, outside + " pixels outside the training domain, " + border + " of them in the border columns");
        double mv = mean(v, 0, n);
        assertTrue(mv > 2 && mv < 3, "mean valence between Fe2+ and Fe3+: " + mv);
        // the L3 maximum on the file's axis reads about 8 eV below Fe3+'s 709.5 eV (data README)
        assertEquals(700.5, mean(v, 5 * n, 6 * n), 1.5);
    }

    /** re-runs the recorded run from its record and checks every output's hash (what tessera rerun --verify does) */
    private static void assertRerunsExactly(RunResult run, Path tmp) throws Exception {
        Record record = RecordStore.load(run.recordFile());
        PipelineEngine engine = new PipelineEngine(Registry.get());
        Rerun.Prepared prep = Rerun.prepare(engine.catalog(), record, run.recordFile(), false, Map.of());
        RunResult again = engine.run(prep.plan(), "rerun", prep.inputs(), tmp.resolve("again-" + run.recordFile().getParent().getFileName()),
                new RunOptions(ProgressMonitor.NULL, s -> { }, null, run.recordFile(), prep.drift()));
        for (Rerun.Check c : Rerun.verify(record, again.record())) {
            assertTrue(c.matches(), c.output() + ": " + c.recorded() + " recorded, " + c.now() + " now");
        }
    }

    private static double mean(double[] v, int from, int to) {
        double s = 0;
        int c = 0;
        for (int i = from; i < to; i++) {
            if (Double.isFinite(v[i])) {
                s += v[i];
                c++;
            }
        }
        return s / c;
    }

    @Test
    void badInputIsRefusedNamingTheFileAndTheProblem(@TempDir Path tmp) throws Exception {
        // the edge outside the axis: SrTiO3 (357-664 eV) has no Fe L2,3 edge
        PipelineRunException e = assertThrows(PipelineRunException.class, () -> ValenceJob.run(Registry.get(), DATA.resolve("eels/SrTiO3_hl.msa"),
                tmp.resolve("a"), "Fe", "svm", 0, 1.0, ProgressMonitor.NULL, s -> { }));
        assertTrue(e.getCause() instanceof IncompatibleDataException && e.getCause().getMessage().contains("SrTiO3_hl.msa")
                && e.getCause().getMessage().contains("outside the energy axis"), String.valueOf(e.getCause()));
        assertFalse(Files.exists(tmp.resolve("a/report.html")));
        // too coarse: the Cu/Zn SI at 8 eV per channel, re-calibrated onto the Mn edge range
        Path coarse = tmp.resolve("coarse.hspy");
        float[] y = new float[200];
        java.util.Arrays.fill(y, 100);
        Registry.get().formats().writerFor(coarse).write(Dataset.ofFloats(y, List.of(new Axis("Energy loss", 200, 2.0, 450, "eV", false)),
                new Metadata().title("coarse")), coarse);
        e = assertThrows(PipelineRunException.class, () -> ValenceJob.run(Registry.get(), coarse, tmp.resolve("b"), "Mn", "svm", 0, 1.0, ProgressMonitor.NULL,
                s -> { }));
        assertTrue(e.getCause().getMessage().contains("too coarse") && e.getCause().getMessage().contains("limit 1.0 eV"), e.getCause().getMessage());
        // no calibration
        Path plain = tmp.resolve("plain.npy");
        Registry.get().formats().writerFor(plain).write(Dataset.ofFloats(new float[800], List.of(Axis.uncalibrated("channel", 800, false)), new Metadata()), plain);
        e = assertThrows(PipelineRunException.class, () -> ValenceJob.run(Registry.get(), plain, tmp.resolve("c"), "Mn", "svm", 0, 1.0, ProgressMonitor.NULL,
                s -> { }));
        assertTrue(e.getCause().getMessage().contains("no energy calibration"), e.getCause().getMessage());
        // a model trained for another element
        Path fe = tmp.resolve("fe-model");
        tessera.valence.ValenceTraining.train(new tessera.valence.ValenceTraining.Options("Fe", "svm-linear-ovo", 150, 60, 1, 32, 1e-3, 2, 3), List.of(), fe,
                ProgressMonitor.NULL, s -> { });
        e = assertThrows(PipelineRunException.class, () -> ValenceJob.run(Registry.get(), DATA.resolve("eels/LSMO_linescan.hspy"), tmp.resolve("d"), "Mn",
                fe.toString(), 0, 1.0, ProgressMonitor.NULL, s -> { }));
        assertTrue(e.getCause().getMessage().contains("trained for Fe, not Mn"), e.getCause().getMessage());
        assertFalse(Files.exists(tmp.resolve("d/report.html")));
    }
}
