package tessera.script.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.core.analysis.ClusterResult;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.core.registry.Registry;
import tessera.pipeline.AnalyzeJob;
import tessera.pipeline.PipelineEngine;
import tessera.pipeline.Rerun;
import tessera.provenance.RecordStore;
import tessera.provenance.model.Activity;
import tessera.provenance.model.Record;
import tessera.script.ScriptLanguage;
import tessera.script.ScriptRerun;
import tessera.script.ScriptRunner;
import tessera.script.ScriptSession;
import tessera.script.api.Signal;

/**
 * {@code s.unmix(endmembers, method=...)}: abundances of known endmembers through the installed unmixing steps
 * (least squares, NNLS), with endmembers from a reference file, the factors of the last decomposition and the means
 * of the last cluster analysis, checked against known truth: an exact synthetic mix reproduces its coefficients,
 * least squares on orthonormal PCA factors reproduces the PCA loadings, and the least-squares abundances averaged
 * over a cluster are that cluster's unit vector (the least-squares fit is linear and the cluster mean is the
 * endmember). The steps are recorded, and a script that unmixes re-runs exactly.
 */
class UnmixFacadeTest {
    private static final int NY = 6;
    private static final int NX = 8;
    private static final int NE = 50;
    private static final Axis ENERGY = new Axis("Energy", NE, 0.02, 0.5, "keV", false);

    @TempDir
    static Path dir;
    static Path mix;
    static Path references;

    /** true abundance of endmember i at (y, x): positive, different on every map */
    static double truth(int i, int y, int x) {
        return switch (i) {
            case 0 -> 1 + x;
            case 1 -> 2 + 0.5 * y;
            default -> 0.1 * ((x * y) % 5) + 0.05;
        };
    }

    /** endmember i at channel j: a Gaussian peak per endmember on a small flat background */
    static double endmember(int i, int j) {
        double c = 8 + 16 * i;
        return 0.2 + 10 * Math.exp(-0.5 * (j - c) * (j - c) / 9.0);
    }

    @BeforeAll
    static void writeFiles() throws Exception {
        double[] data = new double[NY * NX * NE];
        for (int y = 0; y < NY; y++) {
            for (int x = 0; x < NX; x++) {
                for (int j = 0; j < NE; j++) {
                    double v = 0;
                    for (int i = 0; i < 3; i++) {
                        v += truth(i, y, x) * endmember(i, j);
                    }
                    data[(y * NX + x) * NE + j] = v;
                }
            }
        }
        Metadata md = new Metadata();
        md.title("Synthetic mix");
        mix = dir.resolve("mix.hspy");
        Dataset d = Dataset.ofDoubles(data, List.of(new Axis("y", NY, 2.0, 0, "nm", true), new Axis("x", NX, 2.0, 10, "nm", true), ENERGY), md);
        Registry.get().formats().writerFor(mix).write(d, mix);
        double[] em = new double[3 * NE];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < NE; j++) {
                em[i * NE + j] = endmember(i, j);
            }
        }
        Metadata mm = new Metadata();
        mm.title("References");
        references = dir.resolve("references.hspy");
        Registry.get().formats().writerFor(references).write(Dataset.ofDoubles(em, List.of(Axis.uncalibrated("component", 3, true), ENERGY), mm), references);
    }

    private static Dataset host(Value v) {
        return ((Signal) v.asHostObject()).dataset();
    }

    @Test
    void leastSquaresAndNnlsOfAnExactMixReproduceItsCoefficients() throws Exception {
        try (ScriptSession py = Scripts.session(ScriptLanguage.PYTHON, dir, List.of(mix.toString(), references.toString()), new ByteArrayOutputStream())) {
            py.eval("s = tessera.load(args[0])\nref = tessera.load(args[1])\nu = s.unmix(ref, method='mlr')", "t.py", false);
            assertEquals("tessera.decompose.mlr (3, 6, 8) (3, 50) (6, 8) (6, 8) (50,)", py.eval(
                    "f'{u.algorithm} {u.abundances.shape} {u.endmembers.shape} {u.residual.shape} {u.reduced_chi_square.shape} {u.residual_spectrum.shape}'",
                    "t.py", false).asString());
            assertEquals("['residual', 'reduced_chi_square', 'residual_spectrum'] True", py.eval(
                    "f'{list(u.auxiliary.keys())} {s.learning_results.unmixing.algorithm == u.algorithm}'", "t.py", false).asString());
            Dataset a = host(py.eval("u._h.abundances", "t.py", false));
            for (int i = 0; i < 3; i++) {
                for (int y = 0; y < NY; y++) {
                    for (int x = 0; x < NX; x++) {
                        assertEquals(truth(i, y, x), a.getDouble(i, y, x), 1e-5 * Math.max(1, truth(i, y, x)), "abundance " + i + " at " + y + "," + x);
                    }
                }
            }
            // the maps keep the data's navigation calibration; the exact mix leaves no residual
            Dataset res = host(py.eval("u._h.residual", "t.py", false));
            assertEquals(List.of(new Axis("y", NY, 2.0, 0, "nm", false), new Axis("x", NX, 2.0, 10, "nm", false)), res.axes());
            for (long p = 0; p < res.size(); p++) {
                assertTrue(res.getDouble(p) < 1e-4, "rms residual " + res.getDouble(p));
            }
            assertEquals(ENERGY, host(py.eval("u._h.endmembers", "t.py", false)).axes().get(1));
            assertEquals("NNLS abundances", py.eval("s.unmix(ref, method='nnls').abundances.title", "t.py", false).asString());
        }
        try (ScriptSession js = Scripts.session(ScriptLanguage.JS, dir, List.of(mix.toString(), references.toString()), new ByteArrayOutputStream())) {
            js.eval("var s = tessera.load(args[0]); var u = s.unmix(tessera.load(args[1]), {method: 'nnls', poisson_variance: true});", "t.js", false);
            assertEquals("tessera.decompose.nnls 6,8 residual,reduced_chi_square,residual_spectrum",
                    js.eval("u.algorithm + ' ' + Array.from(u.auxiliary.residual.shape) + ' ' + Array.from(u.auxiliary_names)", "t.js", false).asString());
            assertEquals(truth(2, 3, 4), js.eval("u.abundances.data.get(2, 3, 4)", "t.js", false).asDouble(), 1e-5);
            assertEquals(truth(0, 5, 7), js.eval("u.get_auxiliary('residual') === u.residual ? u.abundances.data.get(0, 5, 7) : -1", "t.js", false).asDouble(),
                    1e-4);
            Activity nnls = js.record().record().getActivities().stream().filter(x -> "tessera.decompose.nnls".equals(x.getStepId())).findFirst().orElseThrow();
            assertTrue(nnls.getParameters().stream().anyMatch(v -> v.getName().equals("poissonVariance") && v.getValue().equals("true")));
            assertTrue(js.record().record().getUsages().stream().anyMatch(x -> x.getActivity() == nnls && "spectra".equals(x.getRole())),
                    "the reference spectra are recorded as the step's 'spectra' input");
        }
    }

    @Test
    void leastSquaresOnOrthonormalPcaFactorsReproducesThePcaLoadings() throws Exception {
        try (ScriptSession js = Scripts.session(ScriptLanguage.JS, dir, List.of(Scripts.CORE_SHELL.toString()), new ByteArrayOutputStream())) {
            js.eval("var s = tessera.load(args[0]); s.decomposition({output_dimension: 3});"
                    + "var u = s.unmix(s.get_decomposition_factors(), {method: 'mlr'});", "t.js", false);
            assertEquals("0 3,64,64", js.eval("s.learning_results.auxiliary_names.length + ' ' + Array.from(u.abundances.shape)", "t.js", false).asString());
            Dataset a = host(js.eval("u.abundances", "t.js", false));
            Dataset l = host(js.eval("s.get_decomposition_loadings()", "t.js", false));
            double max = 0;
            for (long p = 0; p < l.size(); p++) {
                max = Math.max(max, Math.abs(l.getDouble(p)));
            }
            for (long p = 0; p < l.size(); p++) {
                assertEquals(l.getDouble(p), a.getDouble(p), 2e-5 * max, "position " + p);
            }
            // the decomposition itself is the step's endmember input (provenance links the PCA to the unmixing)
            Record rec = js.record().record();
            assertTrue(rec.getUsages().stream().anyMatch(x -> "tessera.decompose.mlr".equals(x.getActivity().getStepId()) && "endmembers".equals(x.getRole())));
            String err = js.eval("var m; try { s.unmix('clusters'); m = 'none'; } catch (e) { m = String(e.message); } m", "t.js", false).asString();
            assertTrue(err.contains("no cluster analysis yet"), err);
            err = js.eval("try { s.unmix(s.get_decomposition_factors(), {method: 'pca'}); m = 'none'; } catch (e) { m = String(e.message); } m", "t.js", false)
                    .asString();
            assertTrue(err.contains("unknown algorithm 'pca'; installed unmixing methods: [") && err.contains("tessera.decompose.nnls"), err);
            err = js.eval("try { s.decomposition({algorithm: 'mlr'}); m = 'none'; } catch (e) { m = String(e.message); } m", "t.js", false).asString();
            assertTrue(err.contains("installed decomposers: [") && !err.contains("tessera.decompose.mlr"), err);
            err = js.eval("try { s.get_bss_factors(); m = 'none'; } catch (e) { m = String(e.message); } m", "t.js", false).asString();
            assertTrue(err.contains("no blind source separation yet"), err);
        }
        try (ScriptSession py = Scripts.session(ScriptLanguage.PYTHON, dir, List.of(Scripts.CORE_SHELL.toString()), new ByteArrayOutputStream())) {
            String err = py.eval("s = tessera.load(args[0])\ntry:\n    s.blind_source_separation(3)\n    r = 'none'\nexcept RuntimeError as e:\n    r = str(e)\nr",
                    "t.py", false).asString();
            assertTrue(err.contains("no decomposition yet"), err);
            err = py.eval("s.decomposition()\ntry:\n    s.blind_source_separation()\n    r = 'none'\nexcept ValueError as e:\n    r = str(e)\nr", "t.py", false)
                    .asString();
            assertTrue(err.contains("give number_of_components"), err);
        }
    }

    @Test
    void leastSquaresOnClusterMeansAveragesToOneOverEachCluster() throws Exception {
        Dataset cube = Registry.get().formats().read(Scripts.CORE_SHELL).get(0);
        try (ScriptSession py = Scripts.session(ScriptLanguage.PYTHON, dir, List.of(Scripts.CORE_SHELL.toString()), new ByteArrayOutputStream())) {
            py.eval("s = tessera.load(args[0])\ns.decomposition(normalize_poissonian_noise=True, output_dimension=3)\n"
                    + "s.cluster_analysis(n_clusters=3, random_state=7)\nu = s.unmix('clusters', method='least_squares')", "t.py", false);
            Dataset labelMap = host(py.eval("s.get_cluster_labels()._h", "t.py", false));
            int[] labels = new int[64 * 64];
            for (int p = 0; p < labels.length; p++) {
                labels[p] = (int) labelMap.getDouble(p);
            }
            double[][] means = AnalyzeJob.clusterMeans(cube, new ClusterResult(labels, new double[3][0], Double.NaN));
            Dataset em = host(py.eval("u._h.endmembers", "t.py", false));
            assertArrayEquals(new int[] { 3, 992 }, em.shape());
            for (int c = 0; c < 3; c++) {
                for (int j = 0; j < 992; j += 37) {
                    assertEquals(means[c][j], em.getDouble(c, j), 1e-9 * Math.max(1, Math.abs(means[c][j])));
                }
            }
            Dataset a = host(py.eval("u._h.abundances", "t.py", false));
            double[][] sum = new double[3][3];
            int[] n = new int[3];
            for (int p = 0; p < labels.length; p++) {
                n[labels[p]]++;
                for (int i = 0; i < 3; i++) {
                    sum[labels[p]][i] += a.getDouble((long) i * labels.length + p);
                }
            }
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < 3; i++) {
                    assertEquals(c == i ? 1 : 0, sum[c][i] / n[c], 1e-4, "mean abundance of endmember " + i + " over cluster " + c);
                }
            }
            assertTrue(py.eval("'unmixing tessera.decompose.mlr' in repr(s.learning_results)", "t.py", false).asBoolean());
        }
    }

    @Test
    void aScriptThatUnmixesRerunsExactly() throws Exception {
        Path wd = Files.createDirectories(dir.resolve("wd-unmix"));
        String code = "s = tessera.load(args[0])\ns.decomposition(output_dimension=3)\ns.cluster_analysis(n_clusters=3)\n"
                + "u = s.unmix('clusters', method='nnls')\nu.abundances.save('out/abundances.npy')\nu.reduced_chi_square.save('out/chi2.npy')\n";
        Scripts.Run r = Scripts.run(ScriptLanguage.PYTHON, code, "unmix.py", wd, List.of(Scripts.CORE_SHELL.toString()), null);
        assertTrue(r.result().succeeded(), () -> r.result().error().describe());
        Path recordFile = r.result().recordFile();
        Record rec = RecordStore.load(recordFile);
        assertEquals(List.of("script", "1-read", "2-pca", "3-kmeans", "4-nnls", "5-save", "6-save"), rec.getActivities().stream().map(Activity::getStepName).toList());
        PipelineEngine engine = new PipelineEngine(Registry.get());
        ScriptRerun.Prepared p = ScriptRerun.prepare(engine.catalog(), rec, recordFile, false, Map.of());
        ScriptRunner.Result again = ScriptRerun.run(Registry.get(), p, recordFile, dir.resolve("rerun-unmix"), new ByteArrayOutputStream(),
                new ByteArrayOutputStream(), null, null);
        assertTrue(again.succeeded(), () -> again.error().describe());
        List<Rerun.Check> checks = Rerun.verify(rec, again.record());
        assertTrue(checks.size() >= 7, checks.toString());
        for (Rerun.Check c : checks) {
            assertTrue(c.matches(), c.toString());
        }
    }
}
