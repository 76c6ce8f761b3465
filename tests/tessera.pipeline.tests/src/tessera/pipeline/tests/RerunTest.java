package tessera.pipeline.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.core.analysis.ProgressMonitor;
import tessera.core.registry.Registry;
import tessera.pipeline.AnalyzeJob;
import tessera.pipeline.AnalyzeOptions;
import tessera.pipeline.PipelineEngine;
import tessera.pipeline.Rerun;
import tessera.pipeline.RerunRefusedException;
import tessera.pipeline.RunOptions;
import tessera.pipeline.RunResult;
import tessera.provenance.RecordStore;
import tessera.provenance.model.Activity;
import tessera.provenance.model.ProvenanceFactory;
import tessera.provenance.model.Record;

/**
 * Exact re-run: {@code analyze} on the real core–shell spectrum image (seeds drawn, not given)
 * re-runs from its record to byte-identical arrays in {@code results.hspy}, and a changed
 * input, an unknown parameter, an unknown step and a version drift are each refused.
 */
class RerunTest {
    private static final Path CORE_SHELL = PipelineEngineTest.DATA.resolve("edx/core_shell.hspy");
    private static Path recordFile;
    private static Record record;

    @BeforeAll
    static void analyse() throws Exception {
        Path out = Files.createTempDirectory("tessera-rerun-src-");
        RunResult r = AnalyzeJob.run(Registry.get(), new AnalyzeOptions(CORE_SHELL, out, null, 3, null, null, null), ProgressMonitor.NULL, s -> { });
        recordFile = r.recordFile();
        record = RecordStore.load(recordFile);
    }

    private static Record copy() {
        return org.eclipse.emf.ecore.util.EcoreUtil.copy(record);
    }

    private static Activity activity(Record r, String step) {
        return r.getActivities().stream().filter(a -> step.equals(a.getStepName())).findFirst().orElseThrow();
    }

    @Test
    void analyzeReRunsHashForHash(@TempDir Path tmp) throws Exception {
        PipelineEngine engine = new PipelineEngine(Registry.get());
        Rerun.Prepared p = Rerun.prepare(engine.catalog(), record, recordFile, false, Map.of());
        assertEquals(List.of(), p.drift());
        assertTrue(activity(record, "nmf").getSeed() != null && activity(record, "cluster").getSeed() != null, "seeds were drawn and recorded");
        RunResult again = engine.run(p.plan(), "rerun", p.inputs(), tmp, new RunOptions(ProgressMonitor.NULL, s -> { }, null, recordFile, p.drift()));
        List<Rerun.Check> checks = Rerun.verify(record, again.record());
        List<String> arrays = checks.stream().map(Rerun.Check::output).filter(o -> o.startsWith("report.results#/Experiments/")).toList();
        assertEquals(List.of("report.results#/Experiments/NMF factors", "report.results#/Experiments/NMF loadings",
                "report.results#/Experiments/PCA factors", "report.results#/Experiments/PCA loadings",
                "report.results#/Experiments/PCA explained variance ratio", "report.results#/Experiments/Cluster labels",
                "report.results#/Experiments/Cluster mean spectra", "report.results#/Experiments/Cluster standard-deviation spectra"), arrays);
        for (Rerun.Check c : checks) {
            assertTrue(c.matches(), c.output() + ": " + c.recorded() + " recorded, " + c.now() + " now");
        }
        assertTrue(checks.size() >= 17, "every value and file: " + checks.size());
        Activity rr = again.record().getActivities().stream().filter(a -> Rerun.RERUN_STEP.equals(a.getStepId())).findFirst().orElseThrow();
        assertEquals("false", rr.getParameters().get(0).getValue(), "no drift allowed or needed");
    }

    @Test
    void changedInputIsRefused(@TempDir Path tmp) throws Exception {
        Path copy = tmp.resolve("core_shell.hspy");
        Files.copy(CORE_SHELL, copy);
        byte[] b = Files.readAllBytes(copy);
        b[b.length - 100] ^= 1;
        Files.write(copy, b);
        RerunRefusedException e = assertThrows(RerunRefusedException.class,
                () -> Rerun.prepare(new PipelineEngine(Registry.get()).catalog(), record, recordFile, false, Map.of("input", copy)));
        assertEquals(1, e.reasons().size(), e.getMessage());
        assertTrue(e.reasons().get(0).startsWith("input 'input' " + copy + " has changed: SHA-256 "), e.getMessage());
    }

    @Test
    void unknownParameterAndStepAreRefused() {
        Record r = copy();
        var p = ProvenanceFactory.eINSTANCE.createParameterValue();
        p.setName("sparsity");
        p.setType("double");
        p.setValue("0.5");
        activity(r, "nmf").getParameters().add(p);
        activity(r, "cluster").setStepId("com.vendor.gone");
        RerunRefusedException e = assertThrows(RerunRefusedException.class,
                () -> Rerun.prepare(new PipelineEngine(Registry.get()).catalog(), r, recordFile, false, Map.of()));
        assertTrue(e.reasons().contains("step 'nmf' (tessera.decompose.nmf): recorded parameter 'sparsity' is unknown to the installed tessera.decompose "
                + Registry.bundleVersion("tessera.decompose")), e.getMessage());
        assertTrue(e.reasons().stream().anyMatch(s -> s.startsWith("step 'cluster' (com.vendor.gone): no installed bundle contributes this step")),
                e.getMessage());
    }

    @Test
    void versionDriftIsRefusedUnlessAllowedAndThenRecorded(@TempDir Path tmp) throws Exception {
        Record r = copy();
        activity(r, "pca").setBundleVersion("0.0.9.old");
        PipelineEngine engine = new PipelineEngine(Registry.get());
        RerunRefusedException e = assertThrows(RerunRefusedException.class, () -> Rerun.prepare(engine.catalog(), r, recordFile, false, Map.of()));
        assertEquals(1, e.reasons().size(), e.getMessage());
        assertTrue(e.reasons().get(0).contains("tessera.decompose 0.0.9.old recorded, tessera.decompose " + Registry.bundleVersion("tessera.decompose")
                + " installed (use --allow-version-drift"), e.getMessage());
        Rerun.Prepared p = Rerun.prepare(engine.catalog(), r, recordFile, true, Map.of());
        assertEquals(1, p.drift().size());
        RunResult again = engine.run(p.plan(), "rerun", p.inputs(), tmp, new RunOptions(ProgressMonitor.NULL, s -> { }, null, recordFile, p.drift()));
        Activity rr = again.record().getActivities().stream().filter(a -> Rerun.RERUN_STEP.equals(a.getStepId())).findFirst().orElseThrow();
        assertEquals(List.of("allowVersionDrift=true", "drift=" + p.drift().get(0)),
                rr.getParameters().stream().map(v -> v.getName() + "=" + v.getValue()).toList());
        assertFalse(Rerun.verify(record, again.record()).stream().anyMatch(c -> !c.matches()), "same code, same outputs");
    }
}
