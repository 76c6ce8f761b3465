package tessera.pipeline.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.GuidedDecomposer;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Dataset;
import tessera.core.registry.Registry;
import tessera.eels.sim.Phantom;
import tessera.io.hspy.HspyWriter;
import tessera.pipeline.PipelineDocument;
import tessera.pipeline.PipelineEngine;
import tessera.pipeline.RunOptions;
import tessera.pipeline.RunResult;

/**
 * SmoothNMF with the EELS forward model ({@code tessera.eels.forward-model}: hydrogenic K and L2,3 cross sections and
 * power-law columns) on the product's EELS phantom ({@code tessera simulate phantom}, {@link Phantom.Spec#example}:
 * carbon matrix t/λ 0.3, BN disc 0.5, TiO2 stripe 0.8, a B–C–N–O disc 0.4; plural scattering and an r = 3 background;
 * Poisson noise), four phases, λ = 0, defaults otherwise. The phases come out as the regions: each region's largest mean
 * abundance is a different phase; the carbon matrix is carbon within 2 at.%, BN within 5 at.% of 50/50; the thick
 * TiO2 stripe within 8 at.% of 33/67 (the model is single-scattering: plural scattering at t/λ 0.8 moves counts from
 * the Ti L2,3 to the O K range). The mixed B–C–N–O disc is not asserted: its spectrum lies within the noise in the
 * cone of the other three, and its N goes to them.
 */
class SmoothNmfEelsPhantomTest {

    @Test
    void phasesAreTheRegionsWithTheirCompositions(@TempDir Path tmp) throws Exception {
        Phantom.Spec spec = Phantom.Spec.example(true);
        Phantom.Result ph = Phantom.generate(spec, 3);
        Path file = tmp.resolve("phantom.hspy");
        new HspyWriter().write(ph.spectra(), file);
        PipelineDocument d = PipelineDocument.parse("""
                { "tessera-pipeline": 1, "name": "smooth-nmf-eels", "inputs": { "input": "file" },
                  "steps": [
                    { "name": "read", "step": "tessera.pipeline.read", "inputs": { "file": "$input" } },
                    { "name": "model", "step": "tessera.eels.forward-model", "inputs": { "data": "read.data" }, "parameters": { "elements": "B,C,N,Ti,O" } },
                    { "name": "nmf", "step": "tessera.decompose.smooth-nmf", "inputs": { "data": "read.data", "model": "model.model" },
                      "parameters": { "components": 4, "seed": 0, "maxIterations": 2000, "tol": 1e-6 } } ] }
                """, "test.json");
        RunResult r = new PipelineEngine(Registry.get()).run(d, "test.json", Map.of("input", file), tmp.resolve("out"), RunOptions.of(ProgressMonitor.NULL, s -> { }));
        assertTrue(Files.exists(tmp.resolve("out/provenance.xmi")));
        DecompositionResult res = (DecompositionResult) r.value("nmf.result");
        Dataset comp = res.auxiliary(GuidedDecomposer.COMPOSITION);
        assertEquals(List.of("B", "C", "N", "Ti", "O"), comp.metadata().get(GuidedDecomposer.COLUMNS));
        int n = (int) ph.regions().size();
        int k = res.components();
        // region index → phase with the largest mean abundance
        List<String> names = spec.regions().stream().map(Phantom.Region::name).toList();
        int[] phaseOf = new int[names.size()];
        for (int reg = 0; reg < names.size(); reg++) {
            double best = -1;
            for (int t = 0; t < k; t++) {
                double s = 0;
                int c = 0;
                for (int p = 0; p < n; p++) {
                    if ((int) ph.regions().getDouble(p) == reg) {
                        s += res.loadings().getDouble((long) t * n + p);
                        c++;
                    }
                }
                if (s / c > best) {
                    best = s / c;
                    phaseOf[reg] = t;
                }
            }
            StringBuilder b = new StringBuilder(names.get(reg) + " -> phase " + phaseOf[reg] + ":");
            for (int j = 0; j < 5; j++) {
                b.append(String.format(" %s %.1f", comp.metadata().get(GuidedDecomposer.COLUMNS) instanceof List<?> l ? l.get(j) : "?", comp.getDouble(phaseOf[reg], j)));
            }
            System.out.println(b);
        }
        Set<Integer> distinct = new HashSet<>();
        for (int t : phaseOf) {
            distinct.add(t);
        }
        assertEquals(names.size(), distinct.size(), "every region is its own phase");
        int c = phaseOf[names.indexOf("C matrix")], bn = phaseOf[names.indexOf("BN disc")], ti = phaseOf[names.indexOf("TiO2 stripe")];
        assertEquals(100, comp.getDouble(c, 1), 2.0, "carbon matrix C at.%");
        assertEquals(50, comp.getDouble(bn, 0), 5.0, "BN disc B at.%");
        assertEquals(50, comp.getDouble(bn, 2), 5.0, "BN disc N at.%");
        assertEquals(100 / 3.0, comp.getDouble(ti, 3), 8.0, "TiO2 stripe Ti at.%");
        assertEquals(200 / 3.0, comp.getDouble(ti, 4), 8.0, "TiO2 stripe O at.%");
    }
}
