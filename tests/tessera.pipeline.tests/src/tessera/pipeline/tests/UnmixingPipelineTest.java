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

    /**
     * A phantom of the product's generator ({@code tessera simulate phantom}, {@link Phantom}) with three materials —
     * a carbon matrix, a BN disc and a TiO2 stripe, the example's regions without its B–C–N–O disc, whose spectrum is
     * within the noise a mixture of the others and so no vertex of the simplex — every position a pure pixel of one,
     * so N-FINDR and VCA must take one pixel from each region; each endmember (a pixel of
     * the data, as in Winter's N-FINDR) is within 0.05 rad of the noise-free region spectrum, or where the Poisson noise
     * of one pixel is larger than that (the thin carbon matrix), no farther than 1.5 times the median angle of that
     * region's pixels; the largest fully constrained abundance names the region at ≥ 95 % of the positions (the
     * endmembers are single noisy pixels, so a region's other pixels come out as slight mixtures); and least squares
     * on the true (noise-free) region spectra gives a mean reduced χ² (Poisson variance) in 0.9–1.1.
     */
    @Test
    void nfindrAndVcaTakeOnePurePixelPerPhantomRegion(@TempDir Path tmp) throws Exception {
        Phantom.Result clean = Phantom.generate(threeMaterials(false), 3);
        Phantom.Result noisyPhantom = Phantom.generate(threeMaterials(true), 3);
        Path phantom = tmp.resolve("three.hspy");
        new HspyWriter().write(noisyPhantom.spectra(), phantom);
        int[] truth = new int[Math.toIntExact(clean.regions().size())];
        int nRegions = 0;
        for (int i = 0; i < truth.length; i++) {
            truth[i] = (int) clean.regions().getDouble(i);
            nRegions = Math.max(nRegions, truth[i] + 1);
        }
        assertEquals(3, nRegions);
        int n = truth.length;
        int p = clean.spectra().signalSize();
        double[][] regionSpectrum = new double[nRegions][p];
        for (int pos = 0; pos < n; pos++) {
            for (int j = 0; j < p; j++) {
                regionSpectrum[truth[pos]][j] = clean.spectra().getDouble((long) pos * p + j);
            }
        }
        double[][] noisy = new double[n][p];
        Dataset data = Registry.get().formats().read(phantom).get(0);
        for (int pos = 0; pos < n; pos++) {
            for (int j = 0; j < p; j++) {
                noisy[pos][j] = data.getDouble((long) pos * p + j);
            }
        }
        double[] noiseAngle = new double[nRegions];
        for (int reg = 0; reg < nRegions; reg++) {
            List<Double> a = new java.util.ArrayList<>();
            for (int pos = 0; pos < n; pos++) {
                if (truth[pos] == reg) {
                    a.add(angle(noisy[pos], regionSpectrum[reg]));
                }
            }
            java.util.Collections.sort(a);
            noiseAngle[reg] = a.get(a.size() / 2);
        }
        for (String method : List.of("tessera.decompose.nfindr", "tessera.decompose.vca")) {
            RunResult r = run("""
                    { "name": "em", "step": "%s", "inputs": { "data": "read.data" }, "parameters": { "components": %d, "seed": 5, "poissonVariance": true } }
                    """.formatted(method, nRegions), Map.of("input", phantom, "regions", regions), tmp.resolve(method.substring(method.lastIndexOf('.') + 1)));
            DecompositionResult d = (DecompositionResult) r.value("em.result");
            Dataset pixels = d.auxiliary(DecompositionResult.ENDMEMBER_PIXELS);
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            int[] regionOf = new int[nRegions];
            for (int i = 0; i < nRegions; i++) {
                int reg = truth[(int) pixels.getDouble(i)];
                assertTrue(seen.add(reg), method + ": two endmembers from region " + reg);
                regionOf[i] = reg;
                double[] e = new double[p];
                for (int j = 0; j < p; j++) {
                    e[j] = d.factors().getDouble((long) i * p + j);
                }
                double angle = angle(e, regionSpectrum[reg]);
                assertTrue(angle < Math.max(0.05, 1.5 * noiseAngle[reg]), method + ": endmember " + i + " (region " + reg + ") is " + angle
                        + " rad from the region spectrum; the median pixel of the region " + noiseAngle[reg]);
            }
            int right = 0;
            for (int pos = 0; pos < n; pos++) {
                int best = 0;
                for (int i = 1; i < nRegions; i++) {
                    best = d.loadings().getDouble((long) i * n + pos) > d.loadings().getDouble((long) best * n + pos) ? i : best;
                }
                right += regionOf[best] == truth[pos] ? 1 : 0;
            }
            assertTrue(right >= 0.95 * n, method + ": the largest abundance names the region at " + right + " of " + n + " positions");
        }
        // MLR with the true (noise-free) region spectra as endmembers: the reduced chi-square with the Poisson variance
        // is about 1 (the abundances themselves are noisy: the three core-loss spectra are dominated by similar
        // power-law backgrounds, so unconstrained least squares amplifies the Poisson noise; RMSE ~0.07 here)
        double[] em = new double[nRegions * p];
        for (int i = 0; i < nRegions; i++) {
            System.arraycopy(regionSpectrum[i], 0, em, i * p, p);
        }
        List<tessera.core.model.Axis> ax = new java.util.ArrayList<>();
        ax.add(tessera.core.model.Axis.uncalibrated("component", nRegions, true));
        ax.addAll(clean.spectra().signalAxes());
        Path emFile = tmp.resolve("true-endmembers.hspy");
        new HspyWriter().write(Dataset.ofDoubles(em, ax, new tessera.core.model.Metadata()), emFile);
        RunResult r = new PipelineEngine(Registry.get()).run(PipelineDocument.parse("""
                { "tessera-pipeline": 1, "name": "mlr-true", "inputs": { "input": "file", "em": "file" },
                  "steps": [
                    { "name": "read", "step": "tessera.pipeline.read", "inputs": { "file": "$input" } },
                    { "name": "em", "step": "tessera.pipeline.read", "inputs": { "file": "$em" }, "parameters": { "kind": "spectra" } },
                    { "name": "mlr", "step": "tessera.decompose.mlr", "inputs": { "data": "read.data", "spectra": "em.data" },
                      "parameters": { "poissonVariance": true } } ] }""", "t.json"), "t.json", Map.of("input", phantom, "em", emFile),
                tmp.resolve("mlr"), RunOptions.of(ProgressMonitor.NULL, x -> { }));
        DecompositionResult mlr = (DecompositionResult) r.value("mlr.result");
        Dataset chi = mlr.auxiliary(DecompositionResult.CHI_SQUARE);
        double mean = 0;
        for (int pos = 0; pos < n; pos++) {
            mean += chi.getDouble(pos) / n;
        }
        assertTrue(mean > 0.9 && mean < 1.1, "MLR on the true endmembers: mean reduced chi-square " + mean);
    }

    /** {@link Phantom.Spec#example} without the B–C–N–O disc */
    private static Phantom.Spec threeMaterials(boolean noise) {
        Phantom.Spec ex = Phantom.Spec.example(noise);
        return new Phantom.Spec(ex.width(), ex.height(), ex.offsetEv(), ex.scaleEv(), ex.channels(), ex.microscope(), ex.regions().subList(0, 3),
                ex.meanFreePathNm(), ex.atomDensityPerNm3(), ex.electronsPerPixel(), ex.backgroundCounts(), ex.backgroundExponent(), ex.zlpFwhmEv(),
                ex.plasmonEv(), ex.plasmonWidthEv(), ex.plasmonOrders(), noise);
    }

    private static double angle(double[] a, double[] b) {
        double dot = 0, a2 = 0, b2 = 0;
        for (int j = 0; j < a.length; j++) {
            dot += a[j] * b[j];
            a2 += a[j] * a[j];
            b2 += b[j] * b[j];
        }
        return Math.acos(Math.min(1, dot / Math.sqrt(a2 * b2)));
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
        MethodOptions mo = new MethodOptions(List.of("nmf", "bss", "orthomax", "nfindr", "vca", "mlr", "fcls", "ca", "mds", "lda", "nnls", "bayesian"),
                null, Map.of("samples", "100"));
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
                "FCLS loadings", "MDS projection", "NNLS loadings", "BAYESIAN loadings", "BAYESIAN loadingsStd", "BAYESIAN loadingsHigh95", "CA entropy")) {
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
