package tessera.pipeline.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.GuidedDecomposer;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Dataset;
import tessera.core.registry.Registry;
import tessera.provenance.RecordStore;
import tessera.provenance.model.Record;
import tessera.pipeline.AnalyzeJob;
import tessera.pipeline.AnalyzeOptions;
import tessera.pipeline.ClusterOptions;
import tessera.pipeline.MethodOptions;
import tessera.pipeline.PipelineDocument;
import tessera.pipeline.Rerun;
import tessera.pipeline.PipelineEngine;
import tessera.pipeline.RunOptions;
import tessera.pipeline.RunResult;

/**
 * The SmoothNMF check on the real FePt core–shell map ({@code edx/core_shell.hspy}, Osiris Super-X) with espm's
 * core–shell recipe (espm's example notebook: the windowless Super-X detector, 30 nm at 5.2 g/cm³, the Fe and Pt lines
 * below 4 keV split off, three phases): the core's Fe:Pt first from a two-phase SmoothNMF of the bare core
 * ({@code edx/bare_core.hspy}), then on core_shell the priors "background and shell contain no Pt", the background
 * no Fe, the shell no Si or C, and the core at the bare core's Fe:Pt with no O, Si or C. The shell's Fe:O comes out
 * within 5 at.% of Fe₃O₄ (42.9 / 57.1; espm reports 40.2 / 59.8) and its abundance map correlates at ≥ 0.94 with the
 * background-subtracted Fe-Kα map. With only the "no Pt" priors the carbon of the support takes two of the three
 * phases, so the core's composition is needed as espm's notebook uses it.
 */
class SmoothNmfCoreShellTest {
    private static final String MODEL = """
            "elements": "Fe,Pt,O,Si,C", "splitElements": "Fe:4,Pt:4", "thickness": 30, "density": 5.2, "window": "none" """;

    private static RunResult run(Path file, String nmf, Path out) throws Exception {
        PipelineDocument d = PipelineDocument.parse("""
                { "tessera-pipeline": 1, "name": "smooth-nmf-core-shell", "inputs": { "input": "file" },
                  "steps": [
                    { "name": "read", "step": "tessera.pipeline.read", "inputs": { "file": "$input" } },
                    { "name": "model", "step": "tessera.edx.forward-model", "inputs": { "data": "read.data" }, "parameters": { %s } },
                    { "name": "nmf", "step": "tessera.decompose.smooth-nmf", "inputs": { "data": "read.data", "model": "model.model" },
                      "parameters": { %s } },
                    { "name": "lines", "step": "tessera.edx.line-intensities", "inputs": { "data": "read.data" }, "parameters": { "lines": "Fe_Ka" } } ] }
                """.formatted(MODEL, nmf), "test.json");
        return new PipelineEngine(Registry.get()).run(d, "test.json", Map.of("input", file), out, RunOptions.of(ProgressMonitor.NULL, s -> { }));
    }

    @Test
    void shellIsMagnetiteAndFollowsTheFeKaMap(@TempDir Path tmp) throws Exception {
        // 1. the core's Fe:Pt from the bare core
        DecompositionResult bare = (DecompositionResult) run(PipelineEngineTest.DATA.resolve("edx/bare_core.hspy"), """
                "components": 2, "seed": 0 """, tmp.resolve("bare")).value("nmf.result");
        Dataset bc = bare.auxiliary(GuidedDecomposer.COMPOSITION);
        assertEquals(List.of("Fe", "Pt", "O", "Si", "C"), bc.metadata().get(GuidedDecomposer.COLUMNS));
        int core = bc.getDouble(0, 1) > bc.getDouble(1, 1) ? 0 : 1;
        double fe = bc.getDouble(core, 0) / (bc.getDouble(core, 0) + bc.getDouble(core, 1));
        System.out.printf("bare core: Fe %.1f Pt %.1f O %.1f Si %.1f C %.1f at.%%%n", bc.getDouble(core, 0), bc.getDouble(core, 1), bc.getDouble(core, 2),
                bc.getDouble(core, 3), bc.getDouble(core, 4));
        assertEquals(0.14, fe, 0.03, "bare core Fe/(Fe+Pt) (espm: 14/86)");

        // 2. core_shell with the priors
        String fixed = String.format(Locale.ROOT, "Pt@0=0,Fe@0=0,Pt@1=%.6f,Fe@1=%.6f,Si@1=0,C@1=0,O@1=0,Pt@2=0,Si@2=0,C@2=0", 1 - fe, fe);
        RunResult r = run(PipelineEngineTest.DATA.resolve("edx/core_shell.hspy"), """
                "components": 3, "seed": 0, "fixedW": "%s" """.formatted(fixed), tmp.resolve("cs"));
        DecompositionResult d = (DecompositionResult) r.value("nmf.result");
        Dataset comp = d.auxiliary(GuidedDecomposer.COMPOSITION);
        double shellFe = comp.getDouble(2, 0), shellO = comp.getDouble(2, 2);
        System.out.printf("core_shell shell: Fe %.1f O %.1f at.%% (Fe3O4 42.9/57.1, espm 40.2/59.8)%n", shellFe, shellO);
        assertEquals(42.9, shellFe, 5.0, "shell Fe at.%");
        assertEquals(57.1, shellO, 5.0, "shell O at.%");
        assertEquals(100.0, shellFe + shellO, 0.5, "the shell is Fe and O");

        Dataset feKa = (Dataset) r.value("lines.intensities");
        int n = (int) (feKa.size());
        double[] a = new double[n], b = new double[n];
        for (int p = 0; p < n; p++) {
            a[p] = d.loadings().getDouble(2L * n + p);
            b[p] = feKa.getDouble(p);
        }
        double corr = pearson(a, b);
        System.out.printf("shell map vs Fe-Ka map: r = %.3f%n", corr);
        assertTrue(corr >= 0.94, "correlation " + corr);
    }

    /**
     * {@code tessera analyze --method smooth-nmf} with the recipe as {@code --method-option}s: the forward model and the
     * decomposition are recorded steps, the phases equal the pipeline's above for the same seed, the report shows the
     * composition table, and the re-run reproduces every array.
     */
    @Test
    void analyzeMethodSmoothNmfReportsCompositionsAndReRuns(@TempDir Path tmp) throws Exception {
        String fixed = "Pt@0=0,Fe@0=0,Pt@1=0.867,Fe@1=0.133,Si@1=0,C@1=0,O@1=0,Pt@2=0,Si@2=0,C@2=0";
        MethodOptions mo = new MethodOptions(List.of("smooth-nmf"), null, Map.of("elements", "Fe,Pt,O,Si,C", "splitElements", "Fe:4,Pt:4", "thickness", "30",
                "density", "5.2", "window", "none", "fixedW", fixed));
        Path out = tmp.resolve("a");
        RunResult run = AnalyzeJob.run(Registry.get(), new AnalyzeOptions(PipelineEngineTest.DATA.resolve("edx/core_shell.hspy"), out, 3, 3, null, null, 5L,
                ClusterOptions.DEFAULT, mo), ProgressMonitor.NULL, s -> { });
        DecompositionResult a = AnalyzeJob.result(run).methods().get(0);
        assertEquals("tessera.decompose.smooth-nmf", a.algorithmId());
        RunResult direct = run(PipelineEngineTest.DATA.resolve("edx/core_shell.hspy"), """
                "components": 3, "seed": 5, "fixedW": "%s" """.formatted(fixed), tmp.resolve("direct"));
        Dataset want = ((DecompositionResult) direct.value("nmf.result")).auxiliary(GuidedDecomposer.COMPOSITION);
        Dataset got = a.auxiliary(GuidedDecomposer.COMPOSITION);
        for (int i = 0; i < want.size(); i++) {
            assertEquals(want.getDouble(i), got.getDouble(i), 1e-9, "composition entry " + i);
        }
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("SMOOTH-NMF phase compositions"), "composition table in the report");
        assertTrue(html.contains(String.format(Locale.ROOT, "<td>%.1f ± %.1f</td>", got.getDouble(2, 0),
                a.auxiliary(GuidedDecomposer.COMPOSITION_SIGMA).getDouble(2, 0))), "shell Fe in the table");
        Record record = RecordStore.load(run.recordFile());
        PipelineEngine engine = new PipelineEngine(Registry.get());
        Rerun.Prepared p = Rerun.prepare(engine.catalog(), record, run.recordFile(), false, Map.of());
        RunResult again = engine.run(p.plan(), "rerun", p.inputs(), tmp.resolve("b"), new RunOptions(ProgressMonitor.NULL, s -> { }, null, run.recordFile(), p.drift()));
        for (Rerun.Check c : Rerun.verify(record, again.record())) {
            assertTrue(c.matches(), c.output() + ": " + c.recorded() + " recorded, " + c.now() + " now");
        }
    }

    static double pearson(double[] a, double[] b) {
        double ma = 0, mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i] / a.length;
            mb += b[i] / b.length;
        }
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
