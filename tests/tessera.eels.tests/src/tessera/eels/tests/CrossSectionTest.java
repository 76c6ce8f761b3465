package tessera.eels.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import tessera.eels.xsection.HydrogenicCrossSection;
import tessera.eels.xsection.HydrogenicCrossSection.Shell;
import tessera.eels.xsection.Microscope;

/**
 * Hydrogenic K and L2,3 cross sections against HyperSpy 1.7.3 (resource {@code hyperspy-hydrogenic.tsv}, made by
 * {@code tools/hyperspy_gos.py}).
 */
class CrossSectionTest {

    @Test
    void partialCrossSectionsMatchHyperSpyWithinOnePercent() throws Exception {
        int rows = 0;
        double worst = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                CrossSectionTest.class.getResourceAsStream("hyperspy-hydrogenic.tsv"), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                String[] edge = f[0].split("_");
                HydrogenicCrossSection xs = HydrogenicCrossSection.of(edge[0], edge[1].equals("K") ? Shell.K : Shell.L23);
                assertEquals(Double.parseDouble(f[2]), xs.onsetEv(), 1e-9, f[0] + " onset");
                Microscope m = new Microscope(Double.parseDouble(f[3]), Double.parseDouble(f[5]), Double.parseDouble(f[4]));
                double ours = xs.partial(Double.parseDouble(f[6]), m);
                double ref = Double.parseDouble(f[7]);
                double rel = Math.abs(ours - ref) / ref;
                worst = Math.max(worst, rel);
                assertTrue(rel < 0.01, line + ": ours " + ours + " barn");
                rows++;
            }
        }
        assertEquals(36, rows);
        System.out.println("hydrogenic cross sections: worst relative difference to HyperSpy " + worst);
    }

    @Test
    void differentialIsZeroBelowOnsetAndIntegratesToPartial() {
        HydrogenicCrossSection xs = HydrogenicCrossSection.of("C", Shell.K);
        Microscope m = new Microscope(200, 0, 10);
        double[] e = new double[501];
        for (int i = 0; i < e.length; i++) {
            e[i] = 234 + 0.2 * i;
        }
        double[] d = xs.differential(e, m);
        assertEquals(0, d[249]); // 283.8 eV
        assertTrue(d[250] > 0);
        double trapz = 0;
        for (int i = 250; i < 500; i++) {
            trapz += 0.1 * (d[i] + d[i + 1]);
        }
        assertEquals(xs.partial(50, m), trapz, 1e-3 * trapz);
    }

    @Test
    void convergenceReducesTheEffectiveAngleAndBadInputIsRejected() {
        assertEquals(10, new Microscope(200, 0, 10).effectiveCollectionMrad(284), 0);
        // HyperSpy 1.7.3 effective_angle(200, 284, alpha, 10)
        assertEquals(18.6880616530907, new Microscope(200, 20, 10).effectiveCollectionMrad(284), 1e-9);
        assertEquals(9.360926023516669, new Microscope(200, 5, 10).effectiveCollectionMrad(284), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> new Microscope(-1, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> HydrogenicCrossSection.of("Xx", Shell.K));
        assertThrows(IllegalArgumentException.class, () -> HydrogenicCrossSection.l23(6, 10, 20));
    }

    @Test
    void tabulatedBetheIntegralEqualsTheDirectOne() {
        // the simulator's per-(edge, kV, shift) tables must give the direct 6-panel integration's dσ/dE at every
        // tabulated energy for any collection angle, also beyond the tables' 0.2 rad and for shifted onsets
        double worst = 0;
        int compared = 0;
        for (HydrogenicCrossSection xs : new HydrogenicCrossSection[] { HydrogenicCrossSection.of("C", Shell.K),
            HydrogenicCrossSection.of("Al", Shell.K), HydrogenicCrossSection.of("P", Shell.K),
            HydrogenicCrossSection.of("Ti", Shell.L23), HydrogenicCrossSection.of("Zr", Shell.L23) }) {
            for (int kv : new int[] { 60, 300 }) {
                for (int shift : new int[] { -5, 0, 4 }) {
                    double[] e = new double[70];
                    for (int k = 0; k < e.length; k++) {
                        e[k] = xs.onsetEv() + shift - 1 + 50 * (Math.exp(0.06 * k) - 1);
                    }
                    HydrogenicCrossSection.Tabulated t = xs.tabulate(e, kv, shift);
                    for (double beta : new double[] { 0.0007, 0.003, 0.02, 0.08, 0.19, 0.3 }) {
                        assertEquals(0.0, t.differential(0, beta), "below the shifted onset");
                        for (int k = 1; k < e.length; k++) {
                            double direct = xs.differential(e[k], beta, kv, shift);
                            double tab = t.differential(k, beta);
                            if (direct != 0) {
                                worst = Math.max(worst, Math.abs(tab - direct) / direct);
                                compared++;
                            } else {
                                assertEquals(0.0, tab);
                            }
                        }
                    }
                }
            }
        }
        assertTrue(compared > 10000, "compared " + compared);
        assertTrue(worst < 1e-9, "worst relative difference " + worst);
    }
}
