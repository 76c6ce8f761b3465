package tessera.pipeline.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.cluster.Ari;
import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Dataset;
import tessera.core.registry.Registry;
import tessera.eels.sim.Phantom;
import tessera.io.hspy.HspyWriter;
import tessera.pipeline.AnalyzeJob;
import tessera.pipeline.AnalyzeOptions;
import tessera.pipeline.AnalyzeResult;
import tessera.pipeline.ClusterOptions;
import tessera.pipeline.PipelineDocument;
import tessera.pipeline.PipelineEngine;
import tessera.pipeline.Rerun;
import tessera.pipeline.RunOptions;
import tessera.pipeline.RunResult;
import tessera.provenance.RecordStore;
import tessera.provenance.model.Record;
import tessera.report.ClusterNumberCurve;

/**
 * Every clusterer as a pipeline step, end to end: on the EELS phantom of {@link Phantom.Spec#example} (32 × 32
 * positions, four regions of known composition and t/λ, Poisson noise) each method recovers the ground-truth
 * regions from the PCA scores (adjusted Rand index against the region map), the number of clusters is estimated
 * right, the Blanco-Portals UMAP → HDBSCAN example pipeline runs on the real CuZn EELS map and re-runs to the same
 * hashes, and {@code analyze} with HDBSCAN or a Gaussian mixture on the real FePt core–shell map writes the extra
 * outputs. Hyper-parameters (components, minClusterSize, eps) were chosen on the phantom, not on the real files.
 */
class ClusteringPipelineTest {
    private static Path phantom;
    private static int[] truth;

    @BeforeAll
    static void phantom() throws Exception {
        Phantom.Result r = Phantom.generate(Phantom.Spec.example(true), 11);
        Path dir = Files.createTempDirectory("tessera-cluster-phantom-");
        phantom = dir.resolve("phantom.hspy");
        new HspyWriter().write(r.spectra(), phantom);
        Dataset regions = r.regions();
        truth = new int[Math.toIntExact(regions.size())];
        for (int y = 0, i = 0; y < regions.shape()[0]; y++) {
            for (int x = 0; x < regions.shape()[1]; x++, i++) {
                truth[i] = (int) regions.getDouble(y, x);
            }
        }
    }

    /** a pipeline: read, PCA (Poisson-normalised, 6 components), then the given steps */
    private static RunResult run(String steps, Path in, Path out) throws Exception {
        PipelineDocument d = PipelineDocument.parse("""
                { "tessera-pipeline": 1, "name": "cluster-test", "inputs": { "input": "file" },
                  "steps": [
                    { "name": "read", "step": "tessera.pipeline.read", "inputs": { "file": "$input" } },
                    { "name": "pca", "step": "tessera.decompose.pca", "inputs": { "data": "read.data" },
                      "parameters": { "components": 6, "normalizePoissonianNoise": true } },
                """ + steps + " ] }", "test.json");
        return new PipelineEngine(Registry.get()).run(d, "test.json", Map.of("input", in), out, RunOptions.of(ProgressMonitor.NULL, s -> { }));
    }

    private static ClusterResult cluster(String id, String parameters, Path out) throws Exception {
        RunResult r = run("""
                { "name": "c", "step": "%s", "inputs": { "scores": "pca.result" }, "parameters": { "components": 4, %s } }
                """.formatted(id, parameters), phantom, out);
        return (ClusterResult) r.value("c.result");
    }

    @Test
    void everyClustererRecoversThePhantomRegions(@TempDir Path tmp) throws Exception {
        List<String[]> runs = List.of(new String[] {"tessera.cluster.kmeans", "\"k\": 4, \"seed\": 1"},
                new String[] {"tessera.cluster.minibatch-kmeans", "\"k\": 4, \"batchSize\": 256, \"seed\": 1"},
                new String[] {"tessera.cluster.agglomerative", "\"k\": 4, \"linkage\": \"ward\""},
                new String[] {"tessera.cluster.gmm", "\"k\": 4, \"covariance\": \"full\", \"seed\": 1"},
                new String[] {"tessera.cluster.hdbscan", "\"minClusterSize\": 30"},
                new String[] {"tessera.cluster.dbscan", "\"eps\": 1.5, \"minSamples\": 10"});
        int i = 0;
        for (String[] r : runs) {
            ClusterResult c = cluster(r[0], r[1], tmp.resolve("r" + i++));
            assertEquals(4, c.k(), r[0] + " " + r[1]);
            double ari = Ari.adjustedRand(truth, c.labels());
            assertTrue(ari >= 0.95, r[0] + " " + r[1] + ": ARI " + ari);
        }
    }

    /** Blanco-Portals et al.'s strategy on the phantom: UMAP of the PCA scores, then HDBSCAN on the embedding. */
    @Test
    void umapThenHdbscanRecoversThePhantomRegions(@TempDir Path tmp) throws Exception {
        RunResult r = run("""
                { "name": "umap", "step": "tessera.cluster.umap", "inputs": { "scores": "pca.result" },
                  "parameters": { "components": 4, "minDist": 0.0, "seed": 1 } },
                { "name": "c", "step": "tessera.cluster.hdbscan", "inputs": { "data": "umap.data" }, "parameters": { "minClusterSize": 30 } }
                """, phantom, tmp);
        ClusterResult c = (ClusterResult) r.value("c.result");
        assertEquals(4, c.k());
        double ari = Ari.adjustedRand(truth, c.labels());
        assertTrue(ari >= 0.95, "UMAP -> HDBSCAN: ARI " + ari);
    }

    /**
     * Ward with the scan-grid connectivity (scanWidth filled in by the step from the navigation axes) merges only
     * neighbouring positions, so every cluster is one 4-connected patch of the scan; it need not follow the regions
     * (it splits an inclusion rather than join separated ones, as scikit-learn's connectivity-constrained Ward does).
     */
    @Test
    void gridConnectedWardGivesContiguousClusters(@TempDir Path tmp) throws Exception {
        ClusterResult c = cluster("tessera.cluster.agglomerative", "\"k\": 6, \"linkage\": \"ward\", \"connectivity\": \"grid\"", tmp);
        assertEquals(6, c.k());
        int w = 32;
        int[] l = c.labels();
        for (int cl = 0; cl < c.k(); cl++) {
            int start = -1;
            for (int i = 0; i < l.length && start < 0; i++) {
                start = l[i] == cl ? i : -1;
            }
            boolean[] seen = new boolean[l.length];
            java.util.ArrayDeque<Integer> q = new java.util.ArrayDeque<>(List.of(start));
            seen[start] = true;
            int reached = 0;
            while (!q.isEmpty()) {
                int i = q.poll();
                reached++;
                int y = i / w, x = i % w;
                for (int j : new int[] {x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < l.length / w - 1 ? i + w : -1}) {
                    if (j >= 0 && !seen[j] && l[j] == cl) {
                        seen[j] = true;
                        q.add(j);
                    }
                }
            }
            assertEquals(c.sizes()[cl], reached, "cluster " + cl + " is one connected patch");
        }
        assertNotNull(c.dendrogram());
        assertEquals(l.length - 1, c.dendrogram().merges(), "the grid is connected: n - 1 merges");
    }

    @Test
    void gaussianMixtureGivesProbabilityMapsAndBic(@TempDir Path tmp) throws Exception {
        ClusterResult c = cluster("tessera.cluster.gmm", "\"k\": 4, \"seed\": 1", tmp);
        assertEquals(truth.length, c.probabilities().length);
        for (double[] p : c.probabilities()) {
            assertEquals(1.0, p[0] + p[1] + p[2] + p[3], 1e-9);
        }
        assertTrue(Double.isFinite(c.criteria().get("bic")) && c.criteria().get("bic") > c.criteria().get("aic"), c.criteria().toString());
    }

    @Test
    void numberOfClustersIsEstimatedOnThePhantom(@TempDir Path tmp) throws Exception {
        for (String metric : List.of("elbow", "silhouette", "gap")) {
            RunResult r = run("""
                    { "name": "n", "step": "tessera.pipeline.estimate-clusters", "inputs": { "scores": "pca.result" },
                      "parameters": { "components": 4, "maxClusters": 8, "metric": "%s", "seed": 3 } },
                    { "name": "c", "step": "tessera.cluster.kmeans", "inputs": { "scores": "pca.result" },
                      "parameters": { "components": 4, "k": { "from": "n.k" }, "seed": 3 } }
                    """.formatted(metric), phantom, tmp.resolve(metric));
            assertEquals(4, r.value("n.k"), metric);
            ClusterNumberCurve curve = (ClusterNumberCurve) r.value("n.curve");
            assertEquals(metric, curve.metric());
            assertEquals(4, curve.best());
            assertTrue(Ari.adjustedRand(truth, ((ClusterResult) r.value("c.result")).labels()) >= 0.95, metric);
        }
    }

    @Test
    void umapThenHdbscanExamplePipelineRunsOnRealEelsAndReRunsExactly(@TempDir Path tmp) throws Exception {
        Path doc = Path.of(System.getProperty("user.dir")).resolve("../../examples/pipelines/eels-umap-hdbscan.json").normalize();
        PipelineDocument d = PipelineDocument.parse(Files.readString(doc), doc.toString());
        PipelineEngine engine = new PipelineEngine(Registry.get());
        Path cuzn = PipelineEngineTest.DATA.resolve("eels/CuZn_EELS_mapping_tutorial.hspy");
        RunResult r = engine.run(d, doc.toString(), Map.of("input", cuzn), tmp.resolve("run"), RunOptions.of(ProgressMonitor.NULL, s -> { }));
        Dataset embedding = (Dataset) r.value("umap.data");
        assertEquals(List.of(50, 40, 2), java.util.Arrays.stream(embedding.shape()).boxed().toList(), "navigation kept, 2-D embedding");
        ClusterResult c = (ClusterResult) r.value("hdbscan.result");
        assertTrue(c.k() >= 2, "at least two phases found: " + c.k());
        assertNotNull(c.outlierScores());
        // what a microscopist checks: the segmentation follows the composition the edge integrals give independently
        // of any clustering (windows as tessera map chooses them): the cluster with the highest mean Cu L3 integral
        // has the lowest Zn L3 / (Cu L3 + Zn L3) of all clusters
        Dataset si = Registry.get().formats().readFirst(cuzn);
        double[] cu = tessera.eels.quant.ElementalMap.integrate(si, "Cu_L3", new tessera.eels.quant.IntegrationWindow(876, 926, 931, 981), true)
                .intensity().toDoubleArray();
        double[] zn = tessera.eels.quant.ElementalMap.integrate(si, "Zn_L3", new tessera.eels.quant.IntegrationWindow(965, 1015, 1020, 1070), true)
                .intensity().toDoubleArray();
        double[] cuMean = new double[c.k()];
        double[] znMean = new double[c.k()];
        for (int i = 0; i < cu.length; i++) {
            int l = c.labels()[i];
            if (l >= 0) {
                cuMean[l] += cu[i] / c.sizes()[l];
                znMean[l] += zn[i] / c.sizes()[l];
            }
        }
        int cuRich = 0;
        for (int l = 1; l < c.k(); l++) {
            cuRich = cuMean[l] > cuMean[cuRich] ? l : cuRich;
        }
        for (int l = 0; l < c.k(); l++) {
            if (l != cuRich) {
                assertTrue(znMean[cuRich] / (cuMean[cuRich] + znMean[cuRich]) < znMean[l] / (cuMean[l] + znMean[l]),
                        "Cu-richest cluster " + cuRich + " has the lowest Zn fraction: Cu " + java.util.Arrays.toString(cuMean) + ", Zn "
                                + java.util.Arrays.toString(znMean));
            }
        }
        Record record = RecordStore.load(r.recordFile());
        Rerun.Prepared p = Rerun.prepare(engine.catalog(), record, r.recordFile(), false, Map.of());
        RunResult again = engine.run(p.plan(), "rerun", p.inputs(), tmp.resolve("again"),
                new RunOptions(ProgressMonitor.NULL, s -> { }, null, r.recordFile(), p.drift()));
        List<Rerun.Check> checks = Rerun.verify(record, again.record());
        assertTrue(checks.stream().anyMatch(k -> k.output().startsWith("hdbscan.")), checks.toString());
        for (Rerun.Check k : checks) {
            assertTrue(k.matches(), k.output() + ": " + k.recorded() + " recorded, " + k.now() + " now");
        }
    }

    /** sum of each row of {@code spectra} over the window e ± 0.1 keV of {@code axis} */
    private static double[] window(double[][] spectra, tessera.core.model.Axis axis, double e) {
        int i0 = axis.index(e - 0.1);
        int i1 = axis.index(e + 0.1);
        double[] w = new double[spectra.length];
        for (int r = 0; r < spectra.length; r++) {
            for (int i = i0; i <= i1; i++) {
                w[r] += spectra[r][i];
            }
        }
        return w;
    }

    /**
     * What a microscopist checks on the FePt core–shell map, for every method with its natural settings: the
     * cluster that holds the particle cores (found without clustering: most of the 5 % of positions with the
     * highest raw Pt-Lα counts, 9.44 keV) is not the largest cluster (label 0, the background), and its mean spectrum has the highest Pt-Lα / Fe-Kα
     * (6.40 keV) ratio of all clusters.
     */
    @Test
    void coreShellCoreClusterHasTheHighestPtToFeRatio(@TempDir Path tmp) throws Exception {
        Path file = PipelineEngineTest.DATA.resolve("edx/core_shell.hspy");
        List<ClusterOptions> methods = List.of(new ClusterOptions("kmeans", Map.of(), "decomposition", "none", null, null, 10),
                new ClusterOptions("gmm", Map.of(), "decomposition", "none", null, null, 10),
                new ClusterOptions("agglomerative", Map.of("linkage", "ward"), "decomposition", "none", null, null, 10),
                new ClusterOptions("hdbscan", Map.of("minClusterSize", "50"), "decomposition", "none", "umap", null, 10));
        int i = 0;
        for (ClusterOptions co : methods) {
            AnalyzeResult a = AnalyzeJob.result(AnalyzeJob.run(Registry.get(), new AnalyzeOptions(file, tmp.resolve("m" + i++), null, 3, null, null, 1L, co),
                    ProgressMonitor.NULL, s -> { }));
            Dataset d = a.data();
            tessera.core.model.Axis e = d.signalAxes().get(0);
            int n = Math.toIntExact(d.navigationSize());
            int nE = e.size();
            double[][] spectra = new double[n][nE];
            float[] row = new float[nE];
            for (int p = 0; p < n; p++) {
                d.readSpectra(p, 1, row, 0);
                for (int j = 0; j < nE; j++) {
                    spectra[p][j] = row[j];
                }
            }
            double[] ptRaw = window(spectra, e, 9.44);
            Integer[] order = new Integer[n];
            for (int p = 0; p < n; p++) {
                order[p] = p;
            }
            java.util.Arrays.sort(order, (x, y) -> Double.compare(ptRaw[y], ptRaw[x]));
            int[] votes = new int[a.clusters().k()];
            for (int t = 0; t < n / 20; t++) {
                int l = a.clusters().labels()[order[t]];
                if (l >= 0) {
                    votes[l]++;
                }
            }
            int core = 0;
            for (int c = 1; c < votes.length; c++) {
                core = votes[c] > votes[core] ? c : core;
            }
            double[] fe = window(a.clusterMeans(), e, 6.40);
            double[] pt = window(a.clusterMeans(), e, 9.44);
            String what = co.algorithm() + " " + java.util.Arrays.toString(a.clusters().sizes()) + " Pt/Fe ratios "
                    + java.util.Arrays.toString(java.util.stream.IntStream.range(0, fe.length).mapToDouble(c -> pt[c] / fe[c]).toArray());
            assertTrue(a.clusters().k() >= 2, what);
            assertTrue(core > 0, "the core cluster is not the largest (the background): " + what);
            for (int c = 0; c < fe.length; c++) {
                if (c != core) {
                    assertTrue(pt[core] / fe[core] > pt[c] / fe[c], "core cluster " + core + " has the highest Pt-La/Fe-Ka: " + what);
                }
            }
        }
    }

    /**
     * {@code analyze --cluster-algorithm hdbscan --embedding umap} on the FePt core–shell map: noise, GLOSH scores and the
     * embedding reach the result, and the core cluster (highest mean Fe-Kα) is a cluster of its own.
     */
    @Test
    void analyzeWithUmapAndHdbscanOnCoreShell(@TempDir Path tmp) throws Exception {
        Path file = PipelineEngineTest.DATA.resolve("edx/core_shell.hspy");
        ClusterOptions co = new ClusterOptions("hdbscan", Map.of("minClusterSize", "50"), "decomposition", "none", "umap", null, 10);
        AnalyzeResult a = AnalyzeJob.result(AnalyzeJob.run(Registry.get(), new AnalyzeOptions(file, tmp, null, 3, null, null, 5L, co),
                ProgressMonitor.NULL, s -> { }));
        assertEquals("tessera.cluster.hdbscan", a.clusterAlgorithm());
        assertNotNull(a.embedding());
        assertEquals(4096, a.embedding().length);
        assertNotNull(a.clusters().outlierScores());
        assertTrue(a.clusters().k() >= 2, "clusters: " + a.clusters().k());
        assertTrue(Files.size(tmp.resolve("report.html")) > 0);
        assertTrue(Files.exists(tmp.resolve("hdbscan_outliers.png")), "GLOSH map in the report");
        assertTrue(Files.exists(tmp.resolve("hdbscan_embedding.png")), "embedding scatter in the report");
    }
}
