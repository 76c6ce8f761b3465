package tessera.pipeline.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.core.analysis.ProgressMonitor;
import tessera.core.registry.Registry;
import tessera.pipeline.InvalidPipelineException;
import tessera.pipeline.PipelineDocument;
import tessera.pipeline.PipelineEngine;
import tessera.pipeline.PipelineRunException;
import tessera.pipeline.RunOptions;
import tessera.pipeline.RunResult;
import tessera.provenance.RecordStore;
import tessera.provenance.model.Activity;
import tessera.provenance.model.ActivityStatus;
import tessera.provenance.model.Record;

/**
 * The pipeline engine on real files: validation before anything runs, a failing step recorded as
 * FAILED with the later steps NOT_RUN and nothing published, drawn seeds recorded, and the
 * record's relations.
 */
class PipelineEngineTest {
    static final Path DATA = Path.of(System.getProperty("tessera.data", "../../../shared/data"));
    static final Path SMALL = DATA.resolve("eels/EELS_SI.dm4");

    static PipelineDocument doc(String json) throws InvalidPipelineException {
        return PipelineDocument.parse(json, "test.json");
    }

    static RunOptions quiet() {
        return RunOptions.of(ProgressMonitor.NULL, s -> { });
    }

    /**
     * An unordered parameter map (Map.of iterates in a per-JVM random order) is written with sorted keys, an ordered
     * one in its own order: the same document always gives the same JSON, so the same plan digest.
     */
    @Test
    void stepParametersHaveAStableOrder() {
        var unordered = new tessera.pipeline.StepSpec("s", "x", Map.of(), Map.of("zeta", 1, "alpha", 2, "mu", 3, "beta", 4), null);
        assertEquals(List.of("alpha", "beta", "mu", "zeta"), List.copyOf(unordered.parameters().keySet()));
        Map<String, Object> linked = new java.util.LinkedHashMap<>();
        linked.put("zeta", 1);
        linked.put("alpha", 2);
        var ordered = new tessera.pipeline.StepSpec("s", "x", Map.of(), linked, null);
        assertEquals(List.of("zeta", "alpha"), List.copyOf(ordered.parameters().keySet()));
    }

    @Test
    void validationListsEveryProblemBeforeAnythingRuns(@TempDir Path tmp) throws Exception {
        PipelineDocument d = doc("""
                { "tessera-pipeline": 1, "name": "bad", "inputs": { "input": "file" },
                  "steps": [
                    { "name": "read", "step": "tessera.pipeline.read", "inputs": { "file": "$input" } },
                    { "name": "nope", "step": "tessera.no.such.step" },
                    { "name": "pca", "step": "tessera.decompose.pca", "inputs": { "data": "$input" }, "parameters": { "bogus": 1 } },
                    { "name": "nmf", "step": "tessera.decompose.nmf", "inputs": { "data": "read.data" }, "parameters": { "components": 0, "tol": "tiny" } },
                    { "name": "km", "step": "tessera.cluster.kmeans", "inputs": { "scores": "read.data" }, "parameters": { "k": { "from": "later.k" } } },
                    { "name": "km2", "step": "tessera.cluster.kmeans" }
                  ] }""");
        Path out = tmp.resolve("out");
        InvalidPipelineException e = assertThrows(InvalidPipelineException.class,
                () -> new PipelineEngine(Registry.get()).run(d, "test.json", Map.of("input", SMALL), out, quiet()));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("step 'nope' (tessera.no.such.step): no installed step has this id"), all);
        assertTrue(all.contains("step 'pca' (tessera.decompose.pca): unknown parameter 'bogus'"), all);
        assertTrue(all.contains("input 'data': $input is a FILE, a DATASET is needed"), all);
        assertTrue(all.contains("parameter 'components' = 0 is outside [1, inf]"), all);
        assertTrue(all.contains("parameter 'tol': cannot read 'tiny' as Double"), all);
        assertTrue(all.contains("read.data is a DATASET, a DECOMPOSITION is needed"), all);
        assertTrue(all.contains("later.k refers to no earlier step"), all);
        assertTrue(all.contains("step 'km2' (tessera.cluster.kmeans): connect exactly one of the inputs ['scores' (DECOMPOSITION), 'data' (DATASET)]; none is connected"), all);
        assertEquals(8, e.problems().size(), all);
        assertFalse(Files.exists(out), "nothing ran, nothing was created");
    }

    @Test
    void unreadableDocumentsAreRefusedWithTheirProblem() {
        assertTrue(assertThrows(InvalidPipelineException.class, () -> doc("{ not json")).getMessage().startsWith("test.json: not valid JSON"));
        InvalidPipelineException e = assertThrows(InvalidPipelineException.class,
                () -> doc("{ \"tessera-pipeline\": 2, \"name\": \"x\", \"stpes\": [] }"));
        assertEquals(List.of("\"tessera-pipeline\": 1 is missing or has another version (2)", "unknown key \"stpes\"",
                "\"steps\" (a non-empty array) is missing"), e.problems());
    }

    @Test
    void documentRoundTripsThroughJson() throws Exception {
        PipelineDocument d = tessera.pipeline.AnalyzeJob.pipeline(new tessera.pipeline.AnalyzeOptions(SMALL, null, 2, 3,
                tessera.pipeline.EnergyRange.parse("400:"), Boolean.TRUE, 7L));
        PipelineDocument back = doc(d.toJson());
        assertEquals(d, back);
        assertEquals(400.0, back.step("crop").parameters().get("low"));
        assertEquals(7L, ((Number) back.step("nmf").parameters().get("seed")).longValue());
        assertEquals("counts.nonNegative", back.step("nmf").when().toString());
    }

    @Test
    void failingStepIsRecordedAndNothingIsPublished(@TempDir Path tmp) throws Exception {
        PipelineDocument d = doc("""
                { "tessera-pipeline": 1, "name": "fails", "inputs": { "input": "file" },
                  "steps": [
                    { "name": "read", "step": "tessera.pipeline.read", "inputs": { "file": "$input" } },
                    { "name": "pca", "step": "tessera.decompose.pca", "inputs": { "data": "read.data" } },
                    { "name": "boom", "step": "tessera.test.fail", "inputs": { "data": "read.data" }, "parameters": { "message": "detector on fire" } },
                    { "name": "km", "step": "tessera.cluster.kmeans", "inputs": { "scores": "pca.result" }, "parameters": { "k": 2, "seed": 1 } }
                  ] }""");
        Path out = tmp.resolve("out");
        PipelineRunException e = assertThrows(PipelineRunException.class,
                () -> new PipelineEngine(Registry.get()).run(d, "test.json", Map.of("input", SMALL), out, quiet()));
        assertEquals("boom", e.stepName());
        assertTrue(e.getMessage().contains("detector on fire"), e.getMessage());
        assertEquals(out.toAbsolutePath().resolve(PipelineEngine.FAILED_RECORD), e.recordFile());
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of(PipelineEngine.FAILED_RECORD), s.map(p -> p.getFileName().toString()).toList(),
                    "only the failed record: no results, no staging folder");
        }
        Record r = RecordStore.load(e.recordFile());
        List<Activity> acts = r.getActivities();
        assertEquals(List.of("read:SUCCEEDED", "pca:SUCCEEDED", "boom:FAILED", "km:NOT_RUN"),
                acts.stream().map(a -> a.getStepName() + ":" + a.getStatus()).toList());
        assertEquals("IllegalStateException: detector on fire", acts.get(2).getErrorMessage());
        assertEquals("not run: step 'boom' failed", acts.get(3).getErrorMessage());
        assertNotNull(acts.get(2).getStartTime());
        assertNotNull(acts.get(2).getEndTime());
        assertEquals("tessera.test.fail", acts.get(2).getStepId());
    }

    @Test
    void runRecordsStepsRelationsAndDrawnSeeds(@TempDir Path tmp) throws Exception {
        PipelineDocument d = doc("""
                { "tessera-pipeline": 1, "name": "pca-kmeans", "inputs": { "input": "file" },
                  "steps": [
                    { "name": "read", "step": "tessera.pipeline.read", "inputs": { "file": "$input" } },
                    { "name": "pca", "step": "tessera.decompose.pca", "inputs": { "data": "read.data" } },
                    { "name": "km", "step": "tessera.cluster.kmeans", "inputs": { "scores": "pca.result" }, "parameters": { "k": 2, "components": 2 } }
                  ] }""");
        RunResult run = new PipelineEngine(Registry.get()).run(d, "test.json", Map.of("input", SMALL), tmp, quiet());
        Record r = RecordStore.load(run.recordFile());
        Activity km = r.getActivities().get(2);
        assertEquals(ActivityStatus.SUCCEEDED, km.getStatus());
        assertEquals("tessera.cluster.kmeans", km.getStepId());
        assertEquals("tessera.cluster", km.getBundleSymbolicName());
        assertEquals(Registry.bundleVersion("tessera.cluster"), km.getBundleVersion());
        assertNotNull(km.getSeed(), "a seed was drawn");
        Object planSeed = run.plan().step("km").parameters().get("seed");
        assertEquals(((Number) planSeed).longValue(), km.getSeed().longValue(), "the plan holds the drawn seed");
        assertTrue(r.getActivities().get(1).getSeed() == null, "PCA declares no seed");
        assertEquals("2", km.getParameters().stream().filter(p -> p.getName().equals("k")).findFirst().orElseThrow().getValue());
        assertEquals("int", km.getParameters().stream().filter(p -> p.getName().equals("k")).findFirst().orElseThrow().getType());
        // used / wasGeneratedBy / wasInformedBy / wasDerivedFrom
        var input = r.getEntities().stream().filter(en -> "input-input".equals(en.getId())).findFirst().orElseThrow();
        assertEquals(tessera.provenance.ContentHash.sha256(SMALL), input.getSha256());
        assertTrue(r.getUsages().stream().anyMatch(u -> u.getActivity() == r.getActivities().get(0) && u.getEntity() == input));
        assertTrue(r.getCommunications().stream().anyMatch(c -> c.getInformed() == km && c.getInformant() == r.getActivities().get(1)));
        var kmOut = r.getGenerations().stream().filter(g -> g.getActivity() == km).findFirst().orElseThrow().getEntity();
        assertTrue(r.getDerivations().stream().anyMatch(dv -> dv.getGeneratedEntity() == kmOut && dv.getActivity() == km));
        var readOut = r.getGenerations().stream().filter(g -> g.getActivity() == r.getActivities().get(0)).findFirst().orElseThrow().getEntity();
        var src = Registry.get().formats().readFirst(SMALL);
        assertEquals(java.util.Arrays.stream(src.shape()).mapToObj(i -> (long) i).toList(), List.copyOf(readOut.getShape()));
        assertEquals(src.dtype().numpyName(), readOut.getDtype());
        assertEquals(64, readOut.getSha256().length());
    }
}
