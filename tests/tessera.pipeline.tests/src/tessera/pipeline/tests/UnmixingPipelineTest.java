package tessera.pipeline.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Dataset;
import tessera.core.registry.Registry;
import tessera.eels.sim.Phantom;
import tessera.io.hspy.HspyWriter;
import tessera.pipeline.AnalyzeJob;
import tessera.pipeline.AnalyzeOptions;
import tessera.pipeline.AnalyzeResult;
import tessera.pipeline.ClusterOptions;
import tessera.pipeline.MethodOptions;
import tessera.pipeline.PipelineDocument;
import tessera.pipeline.PipelineEngine;
import tessera.pipeline.PipelineRunException;
import tessera.pipeline.Rerun;
import tessera.pipeline.RunOptions;
import tessera.pipeline.RunResult;
import tessera.provenance.RecordStore;
import tessera.provenance.model.Record;

/**
 * The unmixing family as pipeline steps and as {@code analyze --method}: endmembers from a label map, the axis check
 * of endmember spectra, and {@code analyze} with several methods on the real FePt core–shell map writing every
 * method's datasets and re-running to the same hashes.
 */
class UnmixingPipelineTest {
    private static final Path CORE_SHELL = PipelineEngineTest.DATA.resolve("edx/core_shell.hspy");
    private static Path phantom;
    private static Path regions;
    private static int[] truth;
    private static int nRegions;

    @BeforeAll
    static void phantom() throws Exception {
        Phantom.Result r = Phantom.generate(Phantom.Spec.example(true), 3);
        Path dir = Files.createTempDirectory("tessera-unmix-phantom-");
        phantom = dir.resolve("phantom.hspy");
        new HspyWriter().write(r.spectra(), phantom);
        regions = dir.resolve("regions.hspy");
        new HspyWriter().write(r.regions(), regions);
        truth = new int[Math.toIntExact(r.regions().size())];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = (int) r.regions().getDouble(i);
            nRegions = Math.max(nRegions, truth[i] + 1);
        }
    }

    private static RunResult run(String steps, Map<String, Path> in, Path out) throws Exception {
        PipelineDocument d = PipelineDocument.parse("""
                { "tessera-pipeline": 1, "name": "unmix-test", "inputs": { "input": "file", "regions": "file" },
                  "steps": [
                    { "name": "read", "step": "tessera.pipeline.read", "inputs": { "file": "$input" } },
                    { "name": "labels", "step": "tessera.pipeline.read", "inputs": { "file": "$regions" }, "parameters": { "dataset": 0 } },
                """ + steps + " ] }", "test.json");
        return new PipelineEngine(Registry.get()).run(d, "test.json", in, out, RunOptions.of(ProgressMonitor.NULL, s -> { }));
    }

    /**
     * Least squares is linear, so the mean abundance over a region whose mean spectrum is an endmember is exactly that
     * endmember's unit vector: the region means of the label map are the endmembers, and averaging the MLR abundances
     * over each region returns the identity matrix (to float32 round-off).
     */
    @Test
    void regionMeansAsEndmembersGiveTheIdentityOnAverage(@TempDir Path tmp) throws Exception {
        RunResult r = run("""
                { "name": "mlr", "step": "tessera.decompose.mlr", "inputs": { "data": "read.data", "regions": "labels.data" },
                  "parameters": { "poissonVariance": true } }
                """, Map.of("input", phantom, "regions", regions), tmp);
        DecompositionResult d = (DecompositionResult) r.value("mlr.result");
        assertEquals(nRegions, d.components());
        int n = truth.length;
        for (int i = 0; i < nRegions; i++) {
            for (int j = 0; j < nRegions; j++) {
                double s = 0;
                int c = 0;
                for (int p = 0; p < n; p++) {
                    if (truth[p] == j) {
                        s += d.loadings().getDouble((long) i * n + p);
                        c++;
                    }
                }
                assertEquals(i == j ? 1.0 : 0.0, s / c, 1e-4, "mean abundance of endmember " + i + " over region " + j);
            }
        }
        Dataset chi = d.auxiliary(DecompositionResult.CHI_SQUARE);
        Dataset res = d.auxiliary(DecompositionResult.RESIDUAL);
        assertNotNull(chi);
        assertEquals(d.loadings().axes().subList(1, d.loadings().rank()), chi.axes(), "chi-square map on the calibrated scan axes");
        assertEquals(chi.axes(), res.axes());
        assertEquals(d.factors().axes().subList(1, d.factors().rank()), d.auxiliary(DecompositionResult.RESIDUAL_SPECTRUM).axes());
    }

    /** Endmember spectra on another energy window than the data: the step fails with one message naming both axes. */
    @Test
    void endmembersOnAnotherEnergyAxisAreRefusedNamingBoth(@TempDir Path tmp) throws Exception {
        PipelineRunException e = assertThrows(PipelineRunException.class, () -> run("""
                { "name": "crop", "step": "tessera.pipeline.crop-signal", "inputs": { "data": "read.data" }, "parameters": { "low": 500.0 } },
                { "name": "em", "step": "tessera.pipeline.crop-signal", "inputs": { "data": "read.data" }, "parameters": { "low": 600.0 } },
                { "name": "mlr", "step": "tessera.decompose.mlr", "inputs": { "data": "crop.data", "regions": "labels.data" } },
                { "name": "bad", "step": "tessera.decompose.nnls", "inputs": { "data": "crop.data", "spectra": "em.data" } }
                """, Map.of("input", phantom, "regions", regions), tmp));
        String m = e.getMessage();
        assertTrue(m.contains("step 'bad'") && m.contains("from 600") && m.contains("from 500") && m.contains("signal axis"), m);
        assertTrue(!m.contains("\n"), "one line: " + m);
    }

    /**
     * {@code analyze --method ...} on the FePt core–shell EDX map: each method's section and datasets reach the
     * report and results.hspy, and the run re-runs from its record to the same hashes.
     */
    @Test
    void analyzeWithMethodsWritesTheirDatasetsAndReRunsHashForHash(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("a");
        MethodOptions mo = new MethodOptions(List.of("nmf", "bss", "orthomax", "nfindr", "vca", "mlr", "fcls", "ca", "mds", "lda"), null, Map.of());
        RunResult run = AnalyzeJob.run(Registry.get(), new AnalyzeOptions(CORE_SHELL, out, 3, 3, null, null, null, ClusterOptions.DEFAULT, mo),
                ProgressMonitor.NULL, s -> { });
        AnalyzeResult a = AnalyzeJob.result(run);
        assertEquals(List.of("tessera.decompose.fastica", "tessera.decompose.orthomax", "tessera.decompose.nfindr", "tessera.decompose.vca",
                "tessera.decompose.mlr", "tessera.decompose.fcls"), a.methods().stream().map(DecompositionResult::algorithmId).toList().subList(0, 6));
        assertEquals(2, a.projections().size());
        DecompositionResult mlr = a.methods().get(4);
        assertEquals(3, mlr.components(), "the cluster means are the endmembers");
        String html = Files.readString(out.resolve("report.html"));
        for (String s : List.of("MLR (tessera.decompose.mlr), 3 endmembers", "MLR reduced χ² maps", "Projections", "MDS, 2 coordinates per position",
                "FASTICA unmixing matrix W (3 × 3)", "NFINDR: positions the endmembers were taken from", "FCLS abundance maps")) {
            assertTrue(html.contains(s), s);
        }
        Record record = RecordStore.load(run.recordFile());
        PipelineEngine engine = new PipelineEngine(Registry.get());
        Rerun.Prepared p = Rerun.prepare(engine.catalog(), record, run.recordFile(), false, Map.of());
        RunResult again = engine.run(p.plan(), "rerun", p.inputs(), tmp.resolve("b"), new RunOptions(ProgressMonitor.NULL, s -> { }, null, run.recordFile(), p.drift()));
        List<Rerun.Check> checks = Rerun.verify(record, again.record());
        List<String> arrays = checks.stream().map(Rerun.Check::output).filter(o -> o.startsWith("report.results#/Experiments/")).toList();
        for (String t : List.of("FASTICA factors", "FASTICA loadings", "FASTICA unmixingMatrix", "ORTHOMAX loadings", "NFINDR factors",
                "NFINDR endmemberPixels", "VCA loadings", "MLR factors", "MLR loadings", "MLR residual", "MLR reducedChiSquare", "MLR residualSpectrum",
                "FCLS loadings", "MDS projection")) {
            assertTrue(arrays.contains("report.results#/Experiments/" + t), t + " in " + arrays);
        }
        for (Rerun.Check c : checks) {
            assertTrue(c.matches(), c.output() + ": " + c.recorded() + " recorded, " + c.now() + " now");
        }
    }

    /** A --method-option no chosen method declares, and an unknown method, are refused before anything runs. */
    @Test
    void unknownMethodsAndOptionsAreRefused(@TempDir Path tmp) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AnalyzeJob.pipeline(new AnalyzeOptions(CORE_SHELL, tmp, 3, 3, null,
                null, 1L, ClusterOptions.DEFAULT, new MethodOptions(List.of("nosuch"), null, Map.of()))));
        assertTrue(e.getMessage().contains("--method nosuch") && e.getMessage().contains("mlr"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AnalyzeJob.pipeline(new AnalyzeOptions(CORE_SHELL, tmp, 3, 3, null, null, 1L,
                ClusterOptions.DEFAULT, new MethodOptions(List.of("mlr"), null, Map.of("gamma", "1")))));
        assertTrue(e.getMessage().contains("--method-option gamma"), e.getMessage());
    }
}
