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
 * lattice vectors as the finder called directly (tessera.lattice.gaussian), outputs as snake_case members; with
 * {@code method: "network"} the shipped U-Net's columns (tessera.lattice.network) as it gives them called directly.
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

    @Test
    void findAtomsWithTheNetwork(@TempDir Path dir) throws Exception {
        LatticeImages.Simulated s = LatticeImages.graphene(128, 128, 12, 0.2, 2.5, 30, 0.02, 5);
        Dataset img = Dataset.ofDoubles(s.image(), List.of(Axis.uncalibrated("y", 128, false), Axis.uncalibrated("x", 128, false)), new Metadata().title("graphene"));
        Path file = dir.resolve("graphene.hspy");
        Registry.get().formats().writerFor(file).write(img, file);
        tessera.core.analysis.AtomFinder f = Registry.get().find(Registry.LATTICE, "tessera.lattice.network").orElseThrow()
                .create(tessera.core.analysis.AtomFinder.class);
        AtomResult direct = f.find(Registry.get().formats().readFirst(file), Parameters.of(f.parameters(), Map.of()), ProgressMonitor.NULL);
        double[] pos = direct.output(AtomResult.POSITIONS).toDoubleArray();
        try (ScriptSession js = Scripts.session(ScriptLanguage.JS, dir, List.of(file.toString()), new ByteArrayOutputStream())) {
            js.eval("var a = tessera.load(args[0], {kind: 'image'}).find_atoms({method: 'network'});", "a.js", false);
            assertEquals(pos.length / 2, js.eval("a.positions.shape[0]", "a.js", false).asInt());
            assertEquals(pos[0], js.eval("a.positions.data.typed()[0]", "a.js", false).asDouble(), 0);
        }
        try (ScriptSession py = Scripts.session(ScriptLanguage.PYTHON, dir, List.of(file.toString()), new ByteArrayOutputStream())) {
            py.eval("a = tessera.load(args[0], kind='image').find_atoms(method='network', refinement='none')", "a.py", false);
            assertEquals(pos[1], py.eval("float(a.positions.data[0, 1])", "a.py", false).asDouble(), 0);
        }
    }

    @Test
    void slidingWindowDescriptors(@TempDir Path dir) throws Exception {
        LatticeImages.Simulated s = LatticeImages.graphene(128, 128, 9, 0.2, 2, 30, 0.02, 6);
        Dataset img = Dataset.ofDoubles(s.image(), List.of(new Axis("y", 128, 0.01, 0, "nm", false), new Axis("x", 128, 0.01, 0, "nm", false)), new Metadata().title("graphene"));
        Path file = dir.resolve("g.hspy");
        Registry.get().formats().writerFor(file).write(img, file);
        tessera.lattice.SlidingCorrelation c = new tessera.lattice.SlidingCorrelation();
        Dataset direct = c.describe(Registry.get().formats().readFirst(file), Parameters.of(c.parameters(), Map.of("window", 32, "step", 16)), ProgressMonitor.NULL);
        try (ScriptSession js = Scripts.session(ScriptLanguage.JS, dir, List.of(file.toString()), new ByteArrayOutputStream())) {
            js.eval("var w = tessera.load(args[0], {kind: 'image'}).sliding_window({descriptor: 'correlation', window: 32, step: 16});", "w.js", false);
            assertEquals(direct.shape()[0], js.eval("w.shape[0]", "w.js", false).asInt());
            assertEquals(direct.shape()[2], js.eval("w.shape[2]", "w.js", false).asInt());
            assertEquals(direct.getDouble(1, 2, 40), js.eval("w.data.typed()[(1 * " + direct.shape()[1] + " + 2) * " + direct.shape()[2] + " + 40]", "w.js", false).asDouble(), 0);
        }
        try (ScriptSession py = Scripts.session(ScriptLanguage.PYTHON, dir, List.of(file.toString()), new ByteArrayOutputStream())) {
            py.eval("w = tessera.load(args[0], kind='image').sliding_window(descriptor='histogram', window=16, bins=8)", "w.py", false);
            assertEquals(8, py.eval("w.shape[2]", "w.py", false).asInt());
            assertEquals(1.0, py.eval("float(w.data[0, 0].sum())", "w.py", false).asDouble(), 1e-5, "a window's histogram sums to 1");
            assertEquals(0.04, py.eval("w.axes[0].scale", "w.py", false).asDouble(), 1e-12, "4 px steps (a quarter of the 16 px window) of 0.01 nm");
        }
    }
}
