package tessera.script.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.core.registry.Registry;
import tessera.pipeline.PipelineEngine;
import tessera.pipeline.RecordSession;
import tessera.pipeline.Rerun;
import tessera.provenance.RecordStore;
import tessera.provenance.model.Activity;
import tessera.provenance.model.Record;
import tessera.script.ScriptLanguage;
import tessera.script.ScriptRerun;
import tessera.script.ScriptRunner;

/** A script runs a pipeline document; the pipeline keeps its own record and the script's record re-runs it. */
class RunPipelineTest {
    @TempDir
    Path dir;

    @Test
    void scriptRunsAPipelineAndItsRecordReruns() throws Exception {
        Path doc = Scripts.ROOT.resolve("examples/pipelines/eels-pca-kmeans.json");
        Path data = Scripts.DATA.resolve("eels/CuZn_EELS_mapping_tutorial.hspy");
        Scripts.Run r = Scripts.run(ScriptLanguage.PYTHON,
                "run = tessera.run_pipeline(args[0], args[1], 'pipe')\nprint(run.steps)\nprint(run.record.endswith('provenance.xmi'))\n", "pipe.py", dir,
                List.of(doc.toString(), data.toString()), null);
        assertTrue(r.result().succeeded(), () -> r.result().error().describe() + r.err());
        assertEquals(List.of("['read', 'window', 'pca', 'kmeans', 'save']", "True"), r.out().lines().toList());
        assertTrue(Files.isRegularFile(dir.resolve("pipe/results.hspy")) && Files.isRegularFile(dir.resolve("pipe/" + PipelineEngine.RECORD)));
        Path recordFile = r.result().recordFile();
        Record rec = RecordStore.load(recordFile);
        Activity run = rec.getActivities().stream().filter(a -> RecordSession.PIPELINE_STEP.equals(a.getStepId())).findFirst().orElseThrow();
        assertEquals("1-pipeline", run.getStepName());
        assertTrue(rec.getGenerations().stream().anyMatch(g -> g.getActivity() == run && g.getRole().equals("save.file")
                && g.getEntity().getUri().endsWith("/pipe/results.hspy")));
        assertEquals(2, rec.getEntities().stream().filter(e -> e.getId() != null && e.getId().startsWith("input-")).count(), "document and data");

        ScriptRerun.Prepared p = ScriptRerun.prepare(new PipelineEngine(Registry.get()).catalog(), rec, recordFile, false, Map.of());
        ScriptRunner.Result again = ScriptRerun.run(Registry.get(), p, recordFile, dir.resolve("again"), new ByteArrayOutputStream(),
                new ByteArrayOutputStream(), null, null);
        assertTrue(again.succeeded(), () -> again.error().describe());
        List<Rerun.Check> checks = Rerun.verify(rec, again.record());
        assertTrue(checks.stream().anyMatch(c -> c.output().equals("1-pipeline.save.file")), checks.toString());
        for (Rerun.Check c : checks) {
            assertTrue(c.matches(), c.toString());
        }
        assertTrue(Files.isRegularFile(dir.resolve("again/pipe/results.hspy")));
    }
}
