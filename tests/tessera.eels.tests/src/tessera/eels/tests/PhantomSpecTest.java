package tessera.eels.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.core.io.InvalidFileException;
import tessera.eels.sim.Phantom;
import tessera.eels.sim.Phantom.Disc;
import tessera.eels.sim.Phantom.Everywhere;
import tessera.eels.sim.Phantom.Spec;
import tessera.eels.sim.Phantom.Stripe;
import tessera.eels.xsection.EdgeCrossSection;
import tessera.eels.xsection.FfastCrossSection;

/** {@link Spec#read}: phantom specs from JSON, with errors that name the file and the key. */
class PhantomSpecTest {

    private static final String GOOD = """
            { "width": 12, "height": 8, "offsetEv": 250, "scaleEv": 1, "channels": 600,
              "beamKv": 300, "convergenceMrad": 5, "collectionMrad": 20, "electronsPerPixel": 1e5,
              "regions": [
                { "name": "matrix", "shape": { "type": "everywhere" }, "composition": { "C": 1 }, "tOverLambda": 0.2 },
                { "name": "oxide", "shape": { "type": "stripe", "x0": 6, "x1": 9 },
                  "composition": { "Fe": 0.4, "O": 0.6 }, "tOverLambda": 0.6 },
                { "shape": { "type": "disc", "cx": 2, "cy": 3, "radius": 1.5 }, "composition": { "N": 1 }, "tOverLambda": 0.4 } ] }
            """;

    @Test
    void readsAllKeysAndDefaultsTheRest(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("spec.json"), GOOD);
        Spec s = Spec.read(f, false);
        Spec d = Spec.example(false);
        assertEquals(12, s.width());
        assertEquals(8, s.height());
        assertEquals(250, s.offsetEv());
        assertEquals(600, s.channels());
        assertEquals(300, s.microscope().beamKv());
        assertEquals(5, s.microscope().convergenceMrad());
        assertEquals(20, s.microscope().collectionMrad());
        assertEquals(1e5, s.electronsPerPixel());
        assertEquals(d.meanFreePathNm(), s.meanFreePathNm());
        assertEquals(d.plasmonOrders(), s.plasmonOrders());
        assertEquals(false, s.noise());
        assertEquals(3, s.regions().size());
        assertEquals(new Everywhere(), s.regions().get(0).shape());
        assertEquals(new Stripe(6, 9), s.regions().get(1).shape());
        assertEquals(new Disc(2, 3, 1.5), s.regions().get(2).shape());
        assertEquals("regions[2]", s.regions().get(2).name());
        assertEquals(Map.of("Fe", 0.4, "O", 0.6), s.regions().get(1).atomicFractions());
        assertEquals(List.of("C", "N", "O", "Fe"), s.elements());
        // the phantom follows the file: stripe columns 6..8 have t/λ 0.6 and region 1, the disc pixel (2, 3) region 2
        Phantom.Result r = Phantom.generate(s, 1);
        assertEquals(List.of(8, 12, 600), java.util.Arrays.stream(r.spectra().shape()).boxed().toList());
        assertEquals(0.6, r.tOverLambda().getDouble(3 * 12 + 7), 1e-12);
        assertEquals(0.2, r.tOverLambda().getDouble(3 * 12 + 10), 1e-12);
        assertEquals(0.4, r.tOverLambda().getDouble(3 * 12 + 2), 1e-12);
        assertEquals(2, r.regions().getDouble(3 * 12 + 2), 1e-12);
        assertEquals(1, r.regions().getDouble(0 * 12 + 6), 1e-12);
        assertEquals(0.4, r.atomicFraction().get("Fe").getDouble(5 * 12 + 8), 1e-12);
        assertEquals(0, r.atomicFraction().get("Fe").getDouble(5 * 12 + 9), 1e-12);
    }

    /**
     * A barium film on 700–1000 eV: Ba has no K or L2,3 edge there and gets its optical M4,5 edge; with no background
     * and t/λ = 0.01 the counts above the M5 onset are N_e N_Ba 10⁻¹⁰ σ(Δ) (the units chain, Egerton §4.5).
     */
    @Test
    void heavyElementsGetTheirOpticalM45Edge(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("ba.json"), """
                { "width": 2, "height": 2, "offsetEv": 700, "scaleEv": 0.5, "channels": 600, "backgroundCounts": 0,
                  "regions": [ { "name": "Ba", "shape": { "type": "everywhere" },
                                 "composition": { "Ba": 1 }, "tOverLambda": 0.01 } ] }""");
        Spec s = Spec.read(f, false);
        Phantom.Result r = Phantom.generate(s, 1);
        EdgeCrossSection ba = r.edges().get("Ba");
        assertTrue(ba instanceof FfastCrossSection, ba.getClass().getName());
        assertEquals("Ba_M5", ba.label());
        assertEquals(781.0, ba.onsetEv(), 1e-9);
        // O-K at 532 eV is below the window: no edge for O, so the phantom refuses it
        assertThrows(IllegalArgumentException.class, () -> Phantom.generate(Spec.read(Files.writeString(dir.resolve("o.json"), """
                { "offsetEv": 700, "channels": 600, "regions": [ { "shape": { "type": "everywhere" },
                  "composition": { "O": 1 }, "tOverLambda": 0.1 } ] }"""), false), 1));
        double window = 100;
        int first = (int) Math.round((781.0 - 700) / 0.5);
        int count = (int) Math.round(window / 0.5);
        double sum = 0;
        for (int i = first; i < first + count; i++) {
            sum += r.spectra().getDouble(i);
        }
        double n = r.arealDensity().get("Ba").getDouble(0);
        double expected = s.electronsPerPixel() * n * 1e-10 * ba.partial(window, s.microscope());
        assertEquals(1.0, sum / expected, 0.03, "counts " + sum + " expected " + expected);
    }

    @Test
    void theExampleSuperlatticeReadsAndGenerates() throws Exception {
        Path f = Path.of(System.getProperty("tessera.root"), "examples", "phantoms", "perovskite-superlattice.json");
        Spec s = Spec.read(f, false);
        assertEquals(List.of("O", "Ti", "Mn", "Ba", "La"), s.elements());
        Phantom.Result r = Phantom.generate(s, 1);
        assertTrue(r.edges().get("Ba") instanceof FfastCrossSection);
        assertTrue(r.edges().get("La") instanceof FfastCrossSection);
        assertEquals("Ti_L3", r.edges().get("Ti").label());
        // Ba only in the BaTiO3 layer (x 12..19) and particle; La only in the LaMnO3 layer (x 4..11)
        assertEquals(0.2, r.atomicFraction().get("Ba").getDouble(5 * 32 + 15), 1e-12);
        assertEquals(0, r.atomicFraction().get("Ba").getDouble(5 * 32 + 8), 1e-12);
        assertEquals(0.2, r.atomicFraction().get("La").getDouble(5 * 32 + 8), 1e-12);
        assertEquals(0.2, r.atomicFraction().get("Ba").getDouble(16 * 32 + 26), 1e-12);
    }

    @Test
    void badFilesNameTheFileAndTheProblem(@TempDir Path dir) throws Exception {
        expect(dir, "{ \"regions\": [ { \"shape\": ", "not valid JSON at line 1");
        expect(dir, "[1, 2]", "the top level must be a JSON object");
        expect(dir, "{ \"width\": 10 }", "'regions' must be a non-empty array");
        expect(dir, GOOD.replace("\"disc\"", "\"disk\""), "regions[2].shape.type: unknown shape 'disk'");
        expect(dir, GOOD.replace("\"height\"", "\"heigth\""), "heigth: unknown key");
        expect(dir, GOOD.replace("\"Fe\": 0.4", "\"Fe\": 0.5"), "regions[1]: region 'oxide': atomic fractions sum to 1.1");
        expect(dir, GOOD.replace("\"x1\": 9", "\"x1\": \"9\""), "regions[1].shape.x1 must be an integer");
        expect(dir, GOOD.replace("\"radius\": 1.5", "\"r\": 1.5"), "regions[2].shape.r: unknown key");
        expect(dir, GOOD.replace("\"tOverLambda\": 0.4", "\"thickness\": 0.4"), "regions[2].thickness: unknown key");
        expect(dir, GOOD.replace("\"composition\": { \"N\": 1 }, ", ""), "regions[2]: 'composition' must be");
        expect(dir, GOOD.replace("\"channels\": 600", "\"channels\": 4"), "at least 1×1×16");
        expect(dir, GOOD.replace("\"N\": 1", "\"Xx\": 1"), "regions[2]");
    }

    private static void expect(Path dir, String json, String problem) throws Exception {
        Path f = Files.writeString(dir.resolve("bad.json"), json);
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> Spec.read(f, true), json);
        assertTrue(e.getMessage().startsWith(f + ": ") && e.getMessage().contains(problem), e.getMessage());
    }
}
