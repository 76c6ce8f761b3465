package tessera.script.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.core.model.Dataset;
import tessera.core.registry.Registry;
import tessera.script.ScriptLanguage;
import tessera.script.ScriptSession;
import tessera.script.api.Signal;

/** The facade on real data, the same names in both languages, values checked against Java reads of the same file. */
class FacadeTest {
    @TempDir
    static Path dir;
    static Dataset cube;

    @BeforeAll
    static void read() throws Exception {
        cube = Registry.get().formats().read(Scripts.CORE_SHELL).get(0);
    }

    private static double javaSumSpectrum(int channel) {
        double s = 0;
        for (long p = 0; p < 64 * 64; p++) {
            s += cube.getDouble(p * 992 + channel);
        }
        return s;
    }

    @Test
    void javaScriptSeesShapeAxesMetadataAndTheArray() throws Exception {
        try (ScriptSession js = Scripts.session(ScriptLanguage.JS, dir, List.of(Scripts.CORE_SHELL.toString()), new ByteArrayOutputStream())) {
            js.eval("var s = tessera.load(args[0]);", "t.js", false);
            assertEquals("[64,64,992]", js.eval("JSON.stringify(Array.from(s.shape))", "t.js", false).asString());
            assertEquals("uint32", js.eval("s.dtype", "t.js", false).asString());
            assertEquals("Core shell", js.eval("s.title", "t.js", false).asString());
            assertEquals("keV", js.eval("s.axes[2].units", "t.js", false).asString());
            assertEquals(cube.axis(2).scale(), js.eval("s.axes[2].scale", "t.js", false).asDouble());
            assertFalse(js.eval("s.axes[2].navigate", "t.js", false).asBoolean());
            assertEquals(200.0, js.eval("s.metadata.Acquisition_instrument.TEM.beam_energy", "t.js", false).asDouble());
            assertEquals((long) cube.getDouble(10, 20, 100), js.eval("s.data.get(10, 20, 100)", "t.js", false).asLong());
            Value t = js.eval("var t = s.data.typed(); [t.constructor.name, t.length, t[(10 * 64 + 20) * 992 + 100]]", "t.js", false);
            assertEquals("Uint32Array", t.getArrayElement(0).asString());
            assertEquals(64 * 64 * 992, t.getArrayElement(1).asInt());
            assertEquals((long) cube.getDouble(10, 20, 100), t.getArrayElement(2).asLong());
            assertEquals("true 64 6", js.eval("var l = s.isig(1.0, 1.1).data.tolist(); Array.isArray(l[0]) + ' ' + l.length + ' ' + l[0][0].length",
                    "t.js", false).asString());
            // isig by calibrated values: same window as the pipeline's crop-signal step
            Value c = js.eval("var c = s.isig(6.0, 7.0); [c.shape[2], c.axes[2].offset]", "t.js", false);
            int lo = cube.axis(2).index(6.0);
            int hi = cube.axis(2).index(7.0);
            assertEquals(hi - lo + 1, c.getArrayElement(0).asInt());
            assertEquals(cube.axis(2).value(lo), c.getArrayElement(1).asDouble(), 1e-12);
            // sum over the navigation axes = the sum spectrum; over the energy axis = a map on the signal axes
            assertEquals(javaSumSpectrum(500), js.eval("s.sum().data.get(500)", "t.js", false).asDouble(), 0);
            assertEquals(javaSumSpectrum(500) / 4096, js.eval("s.mean('navigation').data.get(500)", "t.js", false).asDouble(), 1e-9);
            assertEquals("[64,64] false", js.eval("var m = s.sum('Energy'); JSON.stringify(Array.from(m.shape)) + ' ' + m.axes[0].navigate", "t.js", false)
                    .asString());
            assertTrue(js.eval("tessera.plugins().map(p => p.id).includes('tessera.decompose.nmf')", "t.js", false).asBoolean());
            assertTrue(js.eval("tessera.plugins().some(p => p.id === 'tessera.pipeline.read' && p.point === 'tessera.pipeline.steps')", "t.js", false)
                    .asBoolean());
            String png = js.eval("s.sum().plot('sum.png', {title: 'Sum spectrum'})", "t.js", false).asString();
            BufferedImage img = ImageIO.read(Path.of(png).toFile());
            assertEquals(900, img.getWidth());
            assertEquals(dir.resolve("sum.png").toAbsolutePath().normalize().toString(), png);
        }
    }

    @Test
    void typedArraysShareNativeMemory() throws Exception {
        try (ScriptSession js = Scripts.session(ScriptLanguage.JS, dir, List.of(Scripts.CORE_SHELL.toString()), new ByteArrayOutputStream())) {
            js.eval("tessera.load(args[0]).sum().save('sum.npy')", "t.js", false);
            Value sig = js.eval("var n = tessera.load('sum.npy', {dataset: 0}); n", "t.js", false);
            Dataset d = sig.asHostObject() instanceof Signal s ? s.dataset() : null;
            assertTrue(d != null && d.data().isNative(), "the .npy reader allocates native memory");
            assertEquals("Float64Array", js.eval("var v = n.data.typed(); v.constructor.name", "t.js", false).asString());
            d.setDouble(7, 12345.5);
            assertEquals(12345.5, js.eval("v[7]", "t.js", false).asDouble(), "the typed array reads the dataset's memory, not a copy");
            js.eval("try { v[8] = -1; } catch (e) { }", "t.js", false);
            assertEquals(javaSumSpectrum(8), d.getDouble(8), "the typed array is read-only");
        }
    }

    @Test
    void pythonSeesTheSameNamesWithNumpyLikeIndexing() throws Exception {
        try (ScriptSession py = Scripts.session(ScriptLanguage.PYTHON, dir, List.of(Scripts.CORE_SHELL.toString()), new ByteArrayOutputStream())) {
            py.eval("s = tessera.load(args[0])", "t.py", false);
            assertEquals("(64, 64, 992)", py.eval("str(s.shape)", "t.py", false).asString());
            assertEquals("(64, 64, 992) uint32 3", py.eval("a = s.data\nf'{a.shape} {a.dtype} {a.ndim}'", "t.py", false).asString());
            assertEquals((long) cube.getDouble(10, 20, 100), py.eval("s.data[10, 20, 100]", "t.py", false).asLong());
            assertEquals((long) cube.getDouble(63, 63, 991), py.eval("s.data[-1, -1, -1]", "t.py", false).asLong());
            long[] expected = new long[4];
            for (int i = 0; i < 4; i++) {
                expected[i] = (long) cube.getDouble(10, 20, 100 + 3 * i);
            }
            Value l = py.eval("s.data[10, 20, 100:110:3].tolist()", "t.py", false);
            long[] got = new long[(int) l.getArraySize()];
            for (int i = 0; i < got.length; i++) {
                got[i] = l.getArrayElement(i).asLong();
            }
            assertArrayEquals(expected, got);
            assertEquals((long) cube.getDouble(5, 63, 991), py.eval("s.data[5][::-1][0][-1]", "t.py", false).asLong());
            assertEquals("(64, 992) 64 list", py.eval("v = s.data[0]\nf'{v.shape} {len(s.data)} {type(v[0, 0:3].tolist()).__name__}'", "t.py", false)
                    .asString());
            assertEquals("IndexError: index 64 is out of bounds for axis 0 with size 64",
                    py.eval("try:\n    s.data[64, 0, 0]\n    r = 'no error'\nexcept IndexError as e:\n    r = 'IndexError: ' + str(e)\nr", "t.py", false).asString());
            int lo = cube.axis(2).index(6.0);
            int hi = cube.axis(2).index(7.0);
            assertEquals(hi - lo + 1, py.eval("s.isig[6.0:7.0].shape[2]", "t.py", false).asInt());
            assertEquals(hi - lo + 1, py.eval("s.isig(6.0, 7.0).shape[2]", "t.py", false).asInt());
            assertEquals("Core shell 200.0 keV", py.eval("f'{s.metadata.General.title} {s.metadata.Acquisition_instrument.TEM.beam_energy} {s.axes[-1].units}'",
                    "t.py", false).asString());
            assertEquals(javaSumSpectrum(500), py.eval("s.sum().data[500]", "t.py", false).asDouble(), 0);
            assertTrue(py.eval("'tessera.cluster.kmeans' in [p.id for p in tessera.plugins()]", "t.py", false).asBoolean());
            assertTrue(py.eval("try:\n    s.data.typed()\n    r = False\nexcept Exception as e:\n    r = 'JavaScript' in str(e)\nr", "t.py", false).asBoolean());
        }
    }

    @Test
    void decompositionAndClusteringKeepLearningResults() throws Exception {
        try (ScriptSession py = Scripts.session(ScriptLanguage.PYTHON, dir, List.of(Scripts.CORE_SHELL.toString()), new ByteArrayOutputStream())) {
            py.eval("s = tessera.load(args[0])\ns.decomposition(normalize_poissonian_noise=True, output_dimension=4)\n"
                    + "s.cluster_analysis(n_clusters=3, number_of_components=3, random_state=7)", "t.py", false);
            assertEquals("tessera.decompose.pca 4 (4, 992) (4, 64, 64)", py.eval("lr = s.learning_results\n"
                    + "f'{lr.algorithm} {lr.output_dimension} {s.get_decomposition_factors().shape} {s.get_decomposition_loadings().shape}'", "t.py", false)
                    .asString());
            assertEquals("(64, 64) int32 3 4096", py.eval("l = s.get_cluster_labels()\nf'{l.shape} {l.dtype} {lr.number_of_clusters} {len(l.data.tolist()) * 64}'",
                    "t.py", false).asString());
            assertTrue(py.eval("r = lr.explained_variance_ratio\nr[0] > r[1] > r[2] > 0", "t.py", false).asBoolean());
            String file = py.eval("s.save('with_results.hspy')", "t.py", false).asString();
            assertTrue(Files.size(Path.of(file)) > 0);
            var saved = Registry.get().formats().read(Path.of(file));
            assertEquals(4, saved.size(), "data, PCA factors, PCA loadings, cluster labels");
        }
    }

    /**
     * HyperSpy's cluster_source: the spectra themselves with preprocessing, a UMAP embedding as the source of HDBSCAN
     * (noise -1), and estimate_number_of_clusters keeping its curve; Python keyword arguments and JavaScript options.
     */
    @Test
    void clusterSourcesEmbeddingAndNumberOfClusters() throws Exception {
        try (ScriptSession py = Scripts.session(ScriptLanguage.PYTHON, dir, List.of(Scripts.CORE_SHELL.toString()), new ByteArrayOutputStream())) {
            py.eval("s = tessera.load(args[0])\n"
                    + "s.cluster_analysis('signal', algorithm='minibatchkmeans', n_clusters=3, preprocessing='norm', random_state=1)", "t.py", false);
            assertEquals("None 3 tessera.cluster.minibatch-kmeans (64, 64)", py.eval("lr = s.learning_results\n"
                    + "f'{lr.factors} {lr.number_of_clusters} {lr.cluster_algorithm} {s.get_cluster_labels().shape}'", "t.py", false).asString());
            py.eval("s.decomposition(normalize_poissonian_noise=True, output_dimension=3)\n"
                    + "e = s.umap(n_neighbors=15, random_state=4)\n"
                    + "s.cluster_analysis(e, algorithm='hdbscan', min_cluster_size=50)", "t.py", false);
            assertEquals("(64, 64, 2) tessera.cluster.hdbscan", py.eval("f'{e.shape} {s.learning_results.cluster_algorithm}'", "t.py", false).asString());
            assertTrue(py.eval("s.learning_results.number_of_clusters >= 2", "t.py", false).asBoolean());
            int k = py.eval("s.estimate_number_of_clusters(max_clusters=6, metric='elbow', random_state=2)", "t.py", false).asInt();
            assertEquals(k, py.eval("lr = s.learning_results\nassert lr.cluster_metric_index == [1, 2, 3, 4, 5, 6], lr.cluster_metric_index\n"
                    + "assert len(lr.cluster_metric_data) == 6 and lr.cluster_metric == 'elbow'\nlr.estimated_number_of_clusters", "t.py", false).asInt());
            assertTrue(k >= 2 && k <= 6, "k " + k);
        }
        try (ScriptSession js = Scripts.session(ScriptLanguage.JS, dir, List.of(Scripts.CORE_SHELL.toString()), new ByteArrayOutputStream())) {
            js.eval("var s = tessera.load(args[0]); s.decomposition({output_dimension: 3});"
                    + "s.cluster_analysis({algorithm: 'gaussianmixture', n_clusters: 3, covariance_type: 'diag', tol: 1e-4, random_state: 1});", "t.js", false);
            assertEquals("tessera.cluster.gmm 3", js.eval("s.learning_results.cluster_algorithm + ' ' + s.learning_results.number_of_clusters", "t.js", false)
                    .asString());
            String err = js.eval("var m; try { s.cluster_analysis({cluster_source: 'bss'}); m = 'none'; } catch (e) { m = String(e.message); } m", "t.js", false)
                    .asString();
            assertTrue(err.contains("cluster_source must be \"decomposition\", \"signal\" or a signal"), err);
        }
    }
}
