package tessera.eels.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tessera.core.analysis.Parameters;
import tessera.core.analysis.Preprocessor;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.registry.Registry;
import tessera.eels.Edge;
import tessera.eels.EdgeTable;
import tessera.eels.ZlpAlign;

/** Edge table and the EELS preprocessors against real and ground-truth data in ../shared/data/eels. */
class EelsTest {

    private static Path data(String name) {
        return Path.of(System.getProperty("tessera.data", "../shared/data")).resolve("eels").resolve(name);
    }

    private static Dataset read(String name) throws Exception {
        return Registry.get().formats().readFirst(data(name));
    }

    private static Preprocessor.Result run(String id, Dataset d, Map<String, Dataset> aux, Map<String, ?> params) {
        Preprocessor p = Registry.get().preprocessor(id);
        return p.apply(d, aux, Parameters.of(p.parameters(), params), ProgressMonitor.NULL);
    }

    @Test
    void edgeOnsetsMatchTheSourceTable() {
        EdgeTable t = EdgeTable.standard();
        // values checked against ../shared/data/tables/eels_binding_energies.json
        assertEquals(284.0, t.edge("C", "K").onsetEv());
        assertEquals(532.0, t.edge("O", "K").onsetEv());
        assertEquals(456.0, t.edge("Ti", "L3").onsetEv());
        assertEquals(931.0, t.edge("Cu", "L3").onsetEv());
        assertEquals(1020.0, t.edge("Zn", "L3").onsetEv());
        assertTrue(t.edge("Cu", "L3").major());
        assertTrue(!t.edge("Cu", "L1").major());
        assertEquals(504, t.all().size());
        assertEquals(95, t.elements().size());
    }

    @Test
    void edgeQueries() {
        EdgeTable t = EdgeTable.standard();
        List<Edge> near = t.near(931, 2, true);
        assertEquals("Cu-L3", near.get(0).label());
        assertTrue(t.near(532, 0.5, false).stream().anyMatch(e -> e.label().equals("O-K")));
        List<String> cu = t.of("Cu", 900, 1100).stream().map(Edge::label).toList();
        assertEquals(List.of("Cu-L3", "Cu-L2", "Cu-L1"), cu);
        assertThrows(IllegalArgumentException.class, () -> t.of("Xx", 0, 1000));
        assertThrows(IllegalArgumentException.class, () -> t.near(500, -1, false));
    }

    @Test
    void zlpAlignmentPutsEveryMaximumAtZero() throws Exception {
        Dataset ll = read("LSMO_linescan_low_loss.hspy");
        Preprocessor.Result r = run("tessera.eels.zlp-align", ll, Map.of(), Map.of());
        Dataset a = r.data();
        Axis e = a.axis(a.rank() - 1);
        int n = e.size();
        double[] y = a.toDoubleArray();
        double worst = 0;
        for (int q = 0; q < 40; q++) {
            double ch = ZlpAlign.peakChannel(y, q * n, 0, n - 1);
            double ev = e.value(0) + ch * e.scale();
            worst = Math.max(worst, Math.abs(ev) / e.scale());
        }
        System.out.println("ZLP alignment, LSMO low loss: worst |ZLP max| after alignment = " + worst + " channels");
        assertTrue(worst < 0.1, "worst residual " + worst + " channels");
        double[] s = r.extras().get("shifts").toDoubleArray();
        assertEquals(40, s.length);
        double spread = java.util.Arrays.stream(s).max().getAsDouble() - java.util.Arrays.stream(s).min().getAsDouble();
        System.out.println("ZLP shifts span " + spread + " eV");
        assertTrue(spread > 0.1, "the line scan's ZLP does move: " + spread);
        assertEquals(40, a.axis(0).size());
        assertEquals(0.5, e.scale(), 1e-12);
    }

    @Test
    void logRatioThicknessRecoversTheSimulatedValues() throws Exception {
        Dataset ll = read("EELS_LL_linescan_simulated_thickness_variation.hspy");
        double[] t = run("tessera.eels.thickness", ll, Map.of(), Map.of()).extras().get("thickness").toDoubleArray();
        // HyperSpy 1.7.3 on the same file: s.estimate_thickness(threshold=s.estimate_elastic_scattering_threshold())
        // (/usr/bin/python3, Debian python3-hyperspy), first and last values
        assertEquals(0.29931689, t[0], 1e-6);
        assertEquals(1.89588337, t[16], 1e-6);
        double worst = 0;
        for (int i = 0; i < 17; i++) {
            // ground truth: the file title "t/lambda 0.3-1.9" over 17 pixels, i.e. 0.3 + 0.1 i (data README)
            double truth = 0.3 + 0.1 * i;
            worst = Math.max(worst, Math.abs(t[i] / truth - 1));
        }
        System.out.println("t/lambda log-ratio: worst relative error " + worst);
        assertTrue(worst < 0.03, "worst relative error " + worst);
    }

    @Test
    void fourierLogReproducesTheSingleScatteringDistribution() throws Exception {
        Dataset j = read("deconvolution_Si/measured.hspy");
        Dataset z = read("deconvolution_Si/zlp.hspy");
        Dataset g = read("deconvolution_Si/ssd_ground_truth.hspy");
        Dataset s = run("tessera.eels.fourier-log", j, Map.of("zlp", z), Map.of()).data();
        Axis e = s.axis(0);
        double errL = relL2(s, g, e, 90, 300);
        double errK = relL2(s, g, e, 1800, 2100);
        System.out.println("Fourier-log Si: relative L2 error Si-L2,3 region 90-300 eV = " + errL + ", Si-K region 1800-2100 eV = " + errK);
        assertTrue(errL < 0.05, "L region " + errL);
        assertTrue(errK < 0.05, "K region " + errK);
    }

    private static double relL2(Dataset s, Dataset g, Axis e, double lo, double hi) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < e.size(); i++) {
            double x = e.value(i);
            if (x >= lo && x <= hi) {
                double d = s.getDouble(i) - g.getDouble(i);
                num += d * d;
                den += g.getDouble(i) * g.getDouble(i);
            }
        }
        return Math.sqrt(num / den);
    }

    @Test
    void powerLawBackgroundOnASyntheticPowerLaw() {
        // pure power law 1e9 E^-3 per channel on 400-700 eV: both methods must recover A and r, and subtract to ~0
        int n = 601;
        double[] y = new double[2 * n];
        for (int q = 0; q < 2; q++) {
            for (int i = 0; i < n; i++) {
                double x = 400 + 0.5 * i;
                y[q * n + i] = (q + 1) * 1e9 * Math.pow(x, -3);
            }
        }
        Dataset d = Dataset.ofDoubles(y, List.of(new Axis("x", 2, 1, 0, "nm", true), new Axis("Energy loss", n, 0.5, 400, "eV", false)), null);
        for (String m : List.of("two-area", "log-ls")) {
            Preprocessor.Result r = run("tessera.eels.remove-background", d, Map.of(), Map.of("low", 420.0, "high", 500.0, "method", m));
            double[] rr = r.extras().get("r").toDoubleArray();
            double[] aa = r.extras().get("A").toDoubleArray();
            // the two-area formula takes channel sums for integrals: ~0.1 % bias in r on this grid (HyperSpy's too)
            assertEquals(3.0, rr[1], m.equals("log-ls") ? 1e-9 : 5e-3, m);
            assertEquals(2e9, aa[1], m.equals("log-ls") ? 2e3 : 2e9 * 5e-2, m);
            double[] out = r.data().toDoubleArray();
            assertEquals(0, out[n + 400] / y[n + 400], 2e-2, m);
        }
        assertThrows(IllegalArgumentException.class, () -> run("tessera.eels.remove-background", d, Map.of(), Map.of("low", 420.0)));
    }
}
