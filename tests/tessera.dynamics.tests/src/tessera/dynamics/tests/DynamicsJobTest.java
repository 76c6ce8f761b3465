package tessera.dynamics.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

import tessera.core.analysis.DynamicsResult;
import tessera.core.analysis.IncompatibleDataException;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Dataset;
import tessera.core.registry.Registry;
import tessera.pipeline.DynamicsJob;
import tessera.pipeline.PipelineEngine;
import tessera.pipeline.PipelineRunException;
import tessera.pipeline.Rerun;
import tessera.pipeline.RunOptions;
import tessera.pipeline.RunResult;
import tessera.provenance.RecordStore;
import tessera.provenance.model.Record;

/**
 * {@code tessera dynamics} as a pipeline ({@link DynamicsJob}) on the NumPy reference's labels written as .npy: the
 * transition matrix equals the reference, the outputs are written (npy per output, transitions.csv, the heat map,
 * report.html), the re-run reproduces every output, and a lag as long as the series fails naming the file.
 */
class DynamicsJobTest {
    @Test
    void runsWritesItsOutputsAndReRuns(@TempDir Path tmp) throws Exception {
        Path labels = tmp.resolve("labels.npy");
        Registry.get().formats().writerFor(labels).write(MarkovChainsTest.dataset(MarkovChainsTest.labels()), labels);
        Path out = tmp.resolve("out");
        RunResult run = DynamicsJob.run(Registry.get(), labels, out, DynamicsJob.MSM, Map.of("lag", 3, "lags", "1,3", "samples", 200, "seed", 5L), ProgressMonitor.NULL,
                s -> { });
        Dataset t = (Dataset) run.value(DynamicsJob.MODEL_STEP + "." + DynamicsResult.TRANSITION_MATRIX);
        assertArrayEquals(MarkovChainsTest.reference().get("lag3.T"), t.toDoubleArray(), 1e-12);
        for (String f : List.of("transition_matrix.npy", "transition_matrix_low95.npy", "counts.npy", "stationary_distribution.npy", "implied_timescales_by_lag.npy", "state_graph.png",
                "mean_first_passage_times.npy", "transitions.csv", "transition_matrix.png", "report.html", "provenance.xmi")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        List<String> csv = Files.readAllLines(out.resolve("transitions.csv"));
        assertEquals(17, csv.size(), "header + 16 transitions");
        assertTrue(csv.get(1).startsWith("0,0,1685,0.7269197584124"), csv.get(1));
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<td>0.7269 ["), "T[0][0] with its interval in the report");
        assertTrue(html.contains("detailed-balance likelihood-ratio test"), "the test is reported");
        Record record = RecordStore.load(run.recordFile());
        PipelineEngine engine = new PipelineEngine(Registry.get());
        Rerun.Prepared p = Rerun.prepare(engine.catalog(), record, run.recordFile(), false, Map.of());
        RunResult again = engine.run(p.plan(), "rerun", p.inputs(), tmp.resolve("again"), new RunOptions(ProgressMonitor.NULL, s -> { }, null, run.recordFile(), p.drift()));
        for (Rerun.Check c : Rerun.verify(record, again.record())) {
            assertTrue(c.matches(), c.output() + ": " + c.recorded() + " recorded, " + c.now() + " now");
        }

        PipelineRunException e = assertThrows(PipelineRunException.class,
                () -> DynamicsJob.run(Registry.get(), labels, tmp.resolve("bad"), DynamicsJob.MSM, Map.of("lag", 400), ProgressMonitor.NULL, s -> { }));
        assertTrue(e.getCause() instanceof IncompatibleDataException, String.valueOf(e.getCause()));
        assertTrue(e.getCause().getMessage().startsWith("labels.npy: lag 400 is not shorter than the series (400 frames)"), e.getCause().getMessage());
        assertFalse(Files.exists(tmp.resolve("bad/report.html")), "nothing but the failure record is written");
    }
}
