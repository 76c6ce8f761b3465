package tessera.script.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.core.registry.Registry;
import tessera.script.ScriptLanguage;
import tessera.script.ScriptSession;
import tessera.script.api.Signal;

/**
 * TO ADD AFTER THE MERGE of fastica, orthomax, nfindr, vca, ca, fcls, bayesian (branch frontends left it out because
 * those steps were not installed yet; copy into tests/tessera.script.tests/src/tessera/script/tests/).
 * The facade's blind_source_separation, N-FINDR/VCA/CA through decomposition(algorithm=...) with their auxiliary
 * results, and unmix with FCLS / Bayesian, checked against truth: a separation keeps the model F·L of the separated
 * components; on an exact mix with pure pixels on the simplex N-FINDR finds the pure pixels and FCLS reproduces the
 * abundances.
 */
class UnmixingMethodsFacadeTest {
    private static final int NY = 6;
    private static final int NX = 8;
    private static final int NE = 50;
    private static final Axis ENERGY = new Axis("Energy", NE, 0.02, 0.5, "keV", false);

    @TempDir
    static Path dir;
    static Path simplex;

    /** abundances on the simplex: pure endmember 0 at (0,0) and (NX-1,NY-1), 1 at (NX-1,0), 2 at (0,NY-1) */
    static double truth(int i, int y, int x) {
        double u = x / (double) (NX - 1);
        double v = y / (double) (NY - 1);
        double a1 = u * (1 - v);
        double a2 = v * (1 - u);
        return switch (i) {
            case 0 -> 1 - a1 - a2;
            case 1 -> a1;
            default -> a2;
        };
    }

    static double endmember(int i, int j) {
        double c = 8 + 16 * i;
        return 0.2 + 10 * Math.exp(-0.5 * (j - c) * (j - c) / 9.0);
    }

    @BeforeAll
    static void writeFile() throws Exception {
        double[] data = new double[NY * NX * NE];
        for (int y = 0; y < NY; y++) {
            for (int x = 0; x < NX; x++) {
                for (int j = 0; j < NE; j++) {
                    double s = 0;
                    for (int i = 0; i < 3; i++) {
                        s += truth(i, y, x) * endmember(i, j);
                    }
                    data[(y * NX + x) * NE + j] = 100 * s;
                }
            }
        }
        Metadata md = new Metadata();
        md.title("Simplex mix");
        simplex = dir.resolve("simplex.hspy");
        Registry.get().formats().writerFor(simplex).write(Dataset.ofDoubles(data,
                List.of(new Axis("y", NY, 2.0, 0, "nm", true), new Axis("x", NX, 2.0, 0, "nm", true), ENERGY), md), simplex);
    }

    private static Dataset host(Value v) {
        return ((Signal) v.asHostObject()).dataset();
    }

    @Test
    void blindSourceSeparationKeepsTheModelOfTheSeparatedComponents() throws Exception {
        try (ScriptSession py = Scripts.session(ScriptLanguage.PYTHON, dir, List.of(Scripts.CORE_SHELL.toString()), new ByteArrayOutputStream())) {
            py.eval("s = tessera.load(args[0])\ns.decomposition(normalize_poissonian_noise=True, output_dimension=3)\n"
                    + "s.blind_source_separation(3, algorithm='sklearn_fastica', random_state=1)", "t.py", false);
            assertEquals("tessera.decompose.fastica (3, 992) (3, 64, 64) (3, 3)", py.eval("lr = s.learning_results\n"
                    + "f'{lr.bss_algorithm} {s.get_bss_factors().shape} {s.get_bss_loadings().shape} {lr.unmixing_matrix.shape}'", "t.py", false).asString());
            Dataset f = host(py.eval("s.get_decomposition_factors()._h", "t.py", false));
            Dataset l = host(py.eval("s.get_decomposition_loadings()._h", "t.py", false));
            Dataset bf = host(py.eval("s.get_bss_factors()._h", "t.py", false));
            Dataset bl = host(py.eval("s.get_bss_loadings()._h", "t.py", false));
            for (int p : new int[] { 0, 777, 2080, 4095 }) {
                for (int j : new int[] { 100, 400, 700 }) {
                    double a = 0;
                    double b = 0;
                    for (int c = 0; c < 3; c++) {
                        a += f.getDouble((long) c * 992 + j) * l.getDouble((long) c * 4096 + p);
                        b += bf.getDouble((long) c * 992 + j) * bl.getDouble((long) c * 4096 + p);
                    }
                    assertEquals(a, b, 1e-6 + 1e-4 * Math.abs(a), "model at position " + p + ", channel " + j);
                }
            }
        }
        try (ScriptSession js = Scripts.session(ScriptLanguage.JS, dir, List.of(Scripts.CORE_SHELL.toString()), new ByteArrayOutputStream())) {
            js.eval("var s = tessera.load(args[0]); s.decomposition({output_dimension: 4});"
                    + "s.blind_source_separation({number_of_components: 3, algorithm: 'orthomax'});", "t.js", false);
            assertEquals("tessera.decompose.orthomax 3,992", js.eval("s.learning_results.bss_algorithm + ' ' + Array.from(s.get_bss_factors().shape)",
                    "t.js", false).asString());
        }
    }

    @Test
    void nfindrFindsThePurePixelsAndFclsReproducesTheAbundances() throws Exception {
        try (ScriptSession py = Scripts.session(ScriptLanguage.PYTHON, dir, List.of(simplex.toString()), new ByteArrayOutputStream())) {
            py.eval("s = tessera.load(args[0])\ns.decomposition(algorithm='NFINDR', output_dimension=3, random_state=3)\nlr = s.learning_results",
                    "t.py", false);
            assertTrue(py.eval("'endmember_pixels' in lr.auxiliary and 'residual' in lr.auxiliary and 'reduced_chi_square' in lr.auxiliary", "t.py", false)
                    .asBoolean(), py.eval("str(lr.auxiliary_names)", "t.py", false).toString());
            Dataset px = host(py.eval("lr.auxiliary['endmember_pixels']._h", "t.py", false));
            Set<Integer> pure = Set.of(0, NX - 1, (NY - 1) * NX, NY * NX - 1);
            for (int i = 0; i < 3; i++) {
                assertTrue(pure.contains((int) px.getDouble(i)), "endmember " + i + " from pixel " + px.getDouble(i));
            }
            py.eval("u = s.unmix(s.get_decomposition_factors(), method='fcls')", "t.py", false);
            Dataset a = host(py.eval("u._h.abundances", "t.py", false));
            Dataset em = host(py.eval("u._h.endmembers", "t.py", false));
            // match the endmembers to the truth by their peak channel (8, 24, 40)
            for (int c = 0; c < 3; c++) {
                int peak = 0;
                for (int j = 0; j < NE; j++) {
                    if (em.getDouble(c, j) > em.getDouble(c, peak)) {
                        peak = j;
                    }
                }
                int i = (peak - 8 + 8) / 16;
                for (int y = 0; y < NY; y++) {
                    for (int x = 0; x < NX; x++) {
                        assertEquals(truth(i, y, x), a.getDouble(c, y, x), 1e-4, "FCLS abundance of endmember " + c + " at " + y + "," + x);
                    }
                }
            }
            py.eval("b = s.unmix('decomposition', method='bayesian', random_state=1)", "t.py", false);
            assertTrue(py.eval("all(n in b.auxiliary for n in ('loadings_std', 'loadings_low95', 'loadings_high95')) and b.auxiliary['loadings_std'].shape == (3, 6, 8)",
                    "t.py", false).asBoolean());
        }
        try (ScriptSession js = Scripts.session(ScriptLanguage.JS, dir, List.of(simplex.toString()), new ByteArrayOutputStream())) {
            js.eval("var s = tessera.load(args[0]); s.decomposition({algorithm: 'vca', output_dimension: 3, random_state: 2});", "t.js", false);
            assertEquals("tessera.decompose.vca 3", js.eval("s.learning_results.algorithm + ' ' + s.learning_results.auxiliary.endmember_pixels.shape[0]",
                    "t.js", false).asString());
            js.eval("s.decomposition({algorithm: 'CA', output_dimension: 2});", "t.js", false);
            assertEquals("6,8", js.eval("Array.from(s.learning_results.get_auxiliary('entropy').shape).join()", "t.js", false).asString());
        }
    }

    @Test
    void mdsAndLdaRunAsSteps() throws Exception {
        try (ScriptSession py = Scripts.session(ScriptLanguage.PYTHON, dir, List.of(simplex.toString(), Scripts.CORE_SHELL.toString()),
                new ByteArrayOutputStream())) {
            assertEquals("(6, 8, 2)", py.eval("s = tessera.load(args[0])\nstr(s.mds('signal', dimensions=2).shape)", "t.py", false)
                    .asString());
            py.eval("c = tessera.load(args[1])\nc.decomposition(output_dimension=3)\nc.cluster_analysis(n_clusters=3, random_state=7)\np = c.lda()",
                    "t.py", false);
            assertEquals("(64, 64, 2) (2, 3)", py.eval("f'{p.shape} {c.learning_results.lda_directions.shape}'", "t.py", false).asString());
            py.eval("q = c.lda('decomposition', labels=c.get_cluster_labels())", "t.py", false);
            assertEquals("(64, 64, 2)", py.eval("str(q.shape)", "t.py", false).asString());
        }
    }
}
