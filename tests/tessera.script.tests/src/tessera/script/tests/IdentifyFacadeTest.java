package tessera.script.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.classify.ElementIdClassifier;
import tessera.core.analysis.Classification;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.registry.Registry;
import tessera.script.ScriptLanguage;
import tessera.script.ScriptSession;

/**
 * {@code s.identify_elements()} on the real MnO core-loss spectrum in JavaScript and Python: the same elements and
 * probabilities as the classifier called directly (tessera.classify.element-id).
 */
class IdentifyFacadeTest {
    @Test
    void identifyElementsInJavaScriptAndPython(@TempDir Path dir) throws Exception {
        Path file = Path.of(System.getProperty("tessera.data"), "eels", "coreloss_spectrum.msa");
        ElementIdClassifier c = new ElementIdClassifier();
        Classification direct = c.classify(Registry.get().formats().readFirst(file), Parameters.of(c.parameters(), Map.of()), ProgressMonitor.NULL);
        float mn = direct.probabilities()[0][direct.classes().indexOf("Mn")];
        String first = direct.classes().get(direct.predicted(0)[0]);
        try (ScriptSession js = Scripts.session(ScriptLanguage.JS, dir, List.of(file.toString()), new ByteArrayOutputStream())) {
            js.eval("var r = tessera.load(args[0], {kind: 'any-spectra'}).identify_elements();", "i.js", false);
            assertEquals(first, js.eval("r.elements[0]", "i.js", false).asString());
            assertEquals(mn, js.eval("r.probabilities.Mn", "i.js", false).asDouble(), 1e-6);
            assertEquals(80, js.eval("r.maps.shape[0]", "i.js", false).asInt());
        }
        try (ScriptSession py = Scripts.session(ScriptLanguage.PYTHON, dir, List.of(file.toString()), new ByteArrayOutputStream())) {
            py.eval("r = tessera.load(args[0], kind='any-spectra').identify_elements()", "i.py", false);
            assertEquals(mn, py.eval("r.probabilities['Mn']", "i.py", false).asDouble(), 1e-6);
            assertTrue(py.eval("'Mn' in r.elements and 'O' in r.elements", "i.py", false).asBoolean(), "Mn and O identified");
            assertEquals(direct.threshold(), py.eval("r.threshold", "i.py", false).asDouble(), 1e-12);
        }
    }
}
