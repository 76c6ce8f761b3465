package tessera.script.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.core.analysis.AtomResult;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.core.registry.Registry;
import tessera.lattice.GaussianAtomFinder;
import tessera.lattice.LatticeImages;
import tessera.script.ScriptLanguage;
import tessera.script.ScriptSession;

/**
 * {@code s.find_atoms(...)} on a simulated perovskite image in JavaScript and Python: the same columns, sublattices and
 * lattice vectors as the finder called directly (tessera.lattice.gaussian), outputs as snake_case members.
 */
class AtomsFacadeTest {
    @Test
    void findAtomsInJavaScriptAndPython(@TempDir Path dir) throws Exception {
        LatticeImages.Simulated s = LatticeImages.perovskite(160, 160, 32, 0.1, 0.4, 3.5, 40, 0, 2);
        Dataset img = Dataset.ofDoubles(s.image(), List.of(new Axis("y", 160, 0.012, 0, "nm", false), new Axis("x", 160, 0.012, 0, "nm", false)),
                new Metadata().title("perovskite"));
        Path file = dir.resolve("image.hspy");
        Registry.get().formats().writerFor(file).write(img, file);
        GaussianAtomFinder f = new GaussianAtomFinder();
        AtomResult direct = f.find(Registry.get().formats().readFirst(file), Parameters.of(f.parameters(), Map.of("sublattices", 2)), ProgressMonitor.NULL);
        double[] pos = direct.output(AtomResult.POSITIONS).toDoubleArray();
        try (ScriptSession js = Scripts.session(ScriptLanguage.JS, dir, List.of(file.toString()), new ByteArrayOutputStream())) {
            js.eval("var a = tessera.load(args[0], {kind: 'image'}).find_atoms({sublattices: 2});", "a.js", false);
            assertEquals(pos.length / 2, js.eval("a.positions.shape[0]", "a.js", false).asInt());
            assertEquals(pos[2], js.eval("a.positions.data.typed()[2]", "a.js", false).asDouble(), 0);
            String keys = js.eval("Object.keys(a).join(',')", "a.js", false).asString();
            assertTrue(keys.contains("position_std") && keys.contains("lattice_vectors") && keys.contains("sublattice"), keys);
        }
        try (ScriptSession py = Scripts.session(ScriptLanguage.PYTHON, dir, List.of(file.toString()), new ByteArrayOutputStream())) {
            py.eval("a = tessera.load(args[0], kind='image').find_atoms(sublattices=2, refinement='com+gaussian')", "a.py", false);
            assertEquals(pos[1], py.eval("float(a.positions.data[0, 1])", "a.py", false).asDouble(), 0);
            double[] lv = direct.output(AtomResult.LATTICE_VECTORS).toDoubleArray();
            assertEquals(Math.hypot(lv[0], lv[1]), py.eval("float((a.lattice_vectors.data[0, 0, 0]**2 + a.lattice_vectors.data[0, 0, 1]**2) ** 0.5)", "a.py", false).asDouble(), 1e-12);
        }
    }
}
