package tessera.script.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.core.model.Dataset;
import tessera.core.registry.Registry;
import tessera.pipeline.AnalyzeJob;
import tessera.pipeline.AnalyzeOptions;
import tessera.pipeline.PipelineEngine;
import tessera.pipeline.RecordSession;
import tessera.pipeline.Rerun;
import tessera.pipeline.RerunRefusedException;
import tessera.pipeline.RunResult;
import tessera.provenance.ContentHash;
import tessera.provenance.RecordStore;
import tessera.provenance.model.Activity;
import tessera.provenance.model.ActivityStatus;
import tessera.provenance.model.Entity;
import tessera.provenance.model.Plan;
import tessera.provenance.model.Record;
import tessera.script.ScriptLanguage;
import tessera.script.ScriptRerun;
import tessera.script.ScriptRunner;

/**
 * examples/scripts/core_shell.js and core_shell.py on the real FePt core-shell cube: both give the same NMF
 * factors as each other and as {@code tessera analyze --components 3 --seed 2026}; their records hold the
 * script as the Plan, the input with its hash, the NMF step with its parameters and seed, and the saved
 * file; the record re-runs exactly and refuses a changed input.
 */
class CoreShellScriptsTest {
    @TempDir
    static Path dir;
    static Scripts.Run js;
    static Scripts.Run py;
    static Dataset analyzeFactors;

    static Scripts.Run example(ScriptLanguage lang) throws Exception {
        Path script = Scripts.ROOT.resolve("examples/scripts/core_shell" + lang.extension());
        Path wd = Files.createDirectories(dir.resolve("wd-" + lang.id()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = List.of(Scripts.CORE_SHELL.toString(), "out");
        ScriptRunner.Result r = ScriptRunner.run(Registry.get(), lang, "core_shell" + lang.extension(), Files.readString(script),
                new ScriptRunner.Options(args, new tessera.script.Sandbox(wd, args), null, null, out, err,
                        l -> err.writeBytes((l + "\n").getBytes(StandardCharsets.UTF_8)), null, null, null, null));
        Scripts.Run run = new Scripts.Run(r, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertTrue(r.succeeded(), () -> lang + " example failed: " + r.error().describe() + "\n" + run.err());
        return run;
    }

    @BeforeAll
    static void runAll() throws Exception {
        js = example(ScriptLanguage.JS);
        py = example(ScriptLanguage.PYTHON);
        RunResult a = AnalyzeJob.run(Registry.get(), new AnalyzeOptions(Scripts.CORE_SHELL, dir.resolve("analyze"), 3, 3, null, null, 2026L),
                tessera.core.analysis.ProgressMonitor.NULL, s -> { });
        analyzeFactors = AnalyzeJob.result(a).nmf().factors();
    }

    private static Dataset factors(Scripts.Run r) throws Exception {
        Path f = r.result().written().get(0);
        assertEquals("factors.hspy", f.getFileName().toString());
        List<Dataset> all = Registry.get().formats().read(f);
        assertEquals(1, all.size());
        assertEquals("NMF factors", all.get(0).metadata().title());
        return all.get(0);
    }

    @Test
    void bothLanguagesAndAnalyzeGiveTheSameFactors() throws Exception {
        Dataset fj = factors(js);
        Dataset fp = factors(py);
        assertEquals("[3, 992]", java.util.Arrays.toString(fj.shape()));
        assertEquals(analyzeFactors.dtype(), fj.dtype());
        for (long i = 0; i < fj.size(); i++) {
            assertEquals(analyzeFactors.getDouble(i), fj.getDouble(i), 0, "JS factor element " + i);
            assertEquals(fj.getDouble(i), fp.getDouble(i), 0, "Python factor element " + i);
        }
        assertEquals(fj.axis(1), analyzeFactors.axis(1), "the energy calibration travels with the factors");
        // the files are byte-identical too
        assertEquals(ContentHash.sha256(js.result().written().get(0)), ContentHash.sha256(py.result().written().get(0)));
        assertTrue(js.out().contains("factor 0: peak at"), js.out());
        assertEquals(js.out().lines().filter(l -> l.startsWith("factor ")).toList(), py.out().lines().filter(l -> l.startsWith("factor ")).toList());
        assertTrue(Files.size(js.result().written().get(1)) > 0 && js.result().written().get(1).toString().endsWith("factors.png"));
    }

    @Test
    void theRecordHoldsScriptInputStepsAndOutputs() throws Exception {
        for (Scripts.Run r : List.of(js, py)) {
            Path file = r.result().recordFile();
            assertEquals(r.result().written().get(0).resolveSibling(PipelineEngine.RECORD), file, "provenance.xmi beside the results");
            Record rec = RecordStore.load(file);
            Plan plan = Rerun.plan(rec);
            boolean isJs = r == js;
            assertEquals(isJs ? "text/javascript" : "text/x-python", plan.getFormat());
            assertEquals(Files.readString(Scripts.ROOT.resolve("examples/scripts/core_shell" + (isJs ? ".js" : ".py"))), plan.getText());
            Activity script = rec.getActivities().stream().filter(a -> RecordSession.SCRIPT_STEP.equals(a.getStepId())).findFirst().orElseThrow();
            assertEquals(ActivityStatus.SUCCEEDED, script.getStatus());
            Map<String, String> p = new java.util.HashMap<>();
            script.getParameters().forEach(v -> p.put(v.getName(), v.getValue()));
            assertEquals(isJs ? "js" : "python", p.get("language"));
            assertEquals("25.0.3", p.get("engineVersion"));
            assertEquals(isJs ? "GraalJS" : "GraalPy", rec.getAgents().stream().filter(a -> a.getId().equals("agent-script")).findFirst().orElseThrow().getName());
            List<String> steps = rec.getActivities().stream().map(Activity::getStepName).toList();
            assertEquals(List.of("script", "1-read", "2-nmf", "3-save", "4-plot", "5-plot"), steps);
            Activity nmf = rec.getActivities().get(2);
            assertEquals("tessera.decompose.nmf", nmf.getStepId());
            assertEquals("tessera.decompose", nmf.getBundleSymbolicName());
            assertEquals(2026L, nmf.getSeed());
            assertTrue(nmf.getParameters().stream().anyMatch(v -> v.getName().equals("components") && v.getValue().equals("3") && v.getType().equals("int")));
            assertTrue(rec.getCommunications().stream().anyMatch(c -> c.getInformed() == nmf && c.getInformant() == script), "wasInformedBy the script");
            Entity input = rec.getEntities().stream().filter(e -> "input-1".equals(e.getId())).findFirst().orElseThrow();
            assertEquals(ContentHash.sha256(Scripts.CORE_SHELL), input.getSha256());
            assertEquals(Scripts.CORE_SHELL.toString(), input.getLabel());
            assertTrue(rec.getUsages().stream().anyMatch(u -> u.getEntity() == input && u.getActivity().getStepName().equals("1-read")));
            assertTrue(rec.getGenerations().stream().anyMatch(g -> g.getActivity().getStepName().equals("3-save")
                    && g.getEntity().getUri().endsWith("/out/factors.hspy") && "/Experiments/NMF factors".equals(g.getEntity().getPathInFile())));
        }
    }

    @Test
    void theRecordRerunsExactlyAndRefusesAChangedInput() throws Exception {
        Path recordFile = js.result().recordFile();
        Record rec = RecordStore.load(recordFile);
        assertTrue(ScriptRerun.handles(rec));
        PipelineEngine engine = new PipelineEngine(Registry.get());
        ScriptRerun.Prepared p = ScriptRerun.prepare(engine.catalog(), rec, recordFile, false, Map.of());
        Path out = dir.resolve("rerun-js");
        ScriptRunner.Result again = ScriptRerun.run(Registry.get(), p, recordFile, out, new ByteArrayOutputStream(), new ByteArrayOutputStream(), null, null);
        assertTrue(again.succeeded(), () -> again.error().describe());
        assertEquals(out.resolve(PipelineEngine.RECORD), again.recordFile());
        assertTrue(Files.isRegularFile(out.resolve("out/factors.hspy")), "saves land in the re-run's folder at their recorded relative path");
        List<Rerun.Check> checks = Rerun.verify(rec, again.record());
        assertTrue(checks.size() >= 6, checks.toString());
        for (Rerun.Check c : checks) {
            assertTrue(c.matches(), c.toString());
        }
        assertTrue(again.record().getActivities().stream().anyMatch(a -> Rerun.RERUN_STEP.equals(a.getStepId())));

        // a copy of the data, changed after the run: the re-run is refused, naming the input
        Path copy = Files.copy(Scripts.CORE_SHELL, dir.resolve("copy.hspy"));
        Path wd = Files.createDirectories(dir.resolve("wd-copy"));
        Scripts.Run r = Scripts.run(ScriptLanguage.PYTHON, "s = tessera.load(args[0])\ns.sum().save('sum.hspy')\n", "sum.py", wd, List.of(copy.toString()), null);
        assertTrue(r.result().succeeded(), () -> r.result().error().describe());
        byte[] b = Files.readAllBytes(copy);
        b[b.length - 100] ^= 1;
        Files.write(copy, b);
        Record sumRecord = RecordStore.load(r.result().recordFile());
        RerunRefusedException e = assertThrows(RerunRefusedException.class,
                () -> ScriptRerun.prepare(engine.catalog(), sumRecord, r.result().recordFile(), false, Map.of()));
        assertTrue(e.getMessage().contains("input '1' " + copy + " has changed: SHA-256"), e.getMessage());
        assertNotNull(e.getMessage());
    }
}
