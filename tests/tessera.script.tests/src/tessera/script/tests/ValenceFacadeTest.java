package tessera.script.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.core.analysis.Classification;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.registry.Registry;
import tessera.script.ScriptLanguage;
import tessera.script.ScriptSession;
import tessera.valence.ValenceClassifier;

/**
 * {@code s.oxidation_state(element="Mn")} on the real LSMO line scan in JavaScript and Python: the same class
 * probabilities as the classifier called directly (tessera.valence.mn), the mean valence as Σ p·v, and a clear error
 * for an element without a white-line model.
 */
class ValenceFacadeTest {
    @Test
    void oxidationStateInJavaScriptAndPython(@TempDir Path dir) throws Exception {
        Path file = Path.of(System.getProperty("tessera.data"), "eels", "LSMO_linescan.hspy");
        ValenceClassifier c = new ValenceClassifier.Mn();
        Classification direct = c.classify(Registry.get().formats().readFirst(file), Parameters.of(c.parameters(), Map.of()), ProgressMonitor.NULL);
        double[] mean = new double[3];
        double valence = 0;
        for (float[] p : direct.probabilities()) {
            for (int j = 0; j < 3; j++) {
                mean[j] += p[j] / 40.0;
                valence += p[j] * (2 + j) / 40.0;
            }
        }
        try (ScriptSession js = Scripts.session(ScriptLanguage.JS, dir, List.of(file.toString()), new ByteArrayOutputStream())) {
            js.eval("var r = tessera.load(args[0]).oxidation_state({element: 'Mn'});", "v.js", false);
            assertEquals(mean[1], js.eval("r.probabilities['Mn3+']", "v.js", false).asDouble(), 1e-6);
            assertEquals(valence, js.eval("r.mean_valence", "v.js", false).asDouble(), 1e-6);
            assertEquals(40, js.eval("r.valence.shape[0]", "v.js", false).asInt());
            assertEquals(8, js.eval("r.maps.shape[0]", "v.js", false).asInt());
        }
        try (ScriptSession py = Scripts.session(ScriptLanguage.PYTHON, dir, List.of(file.toString()), new ByteArrayOutputStream())) {
            py.eval("r = tessera.load(args[0]).oxidation_state(element='Mn', model='svm')", "v.py", false);
            assertEquals(mean[0], py.eval("r.probabilities['Mn2+']", "v.py", false).asDouble(), 1e-6);
            assertEquals(valence, py.eval("r.mean_valence", "v.py", false).asDouble(), 1e-6);
            assertTrue(py.eval("r.classes == ['Mn2+', 'Mn3+', 'Mn4+'] and 1.5 <= r.ratio_valence <= 4.5", "v.py", false).asBoolean());
            Exception e = assertThrows(Exception.class, () -> py.eval("tessera.load(args[0]).oxidation_state(element='Co')", "v.py", false));
            assertTrue(String.valueOf(e.getMessage()).contains("'Co'"), e.getMessage());
        }
    }
}
