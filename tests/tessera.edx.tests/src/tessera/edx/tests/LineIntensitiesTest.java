package tessera.edx.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tessera.core.analysis.Parameters;
import tessera.core.analysis.Preprocessor;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.core.registry.Registry;
import tessera.edx.LineIntensities;
import tessera.edx.LineWindow;

/**
 * X-ray line intensities of core_shell.hspy against HyperSpy 1.7.3. The reference numbers are the printed output
 * of {@code tests/tessera.edx.tests/tools/hyperspy_reference.py} (get_lines_intensity with
 * estimate_background_windows() defaults, integration_windows=2, energy_resolution_MnKa 130 eV from the file).
 */
class LineIntensitiesTest {

    @Test
    void sumSpectrumMatchesHyperSpy() throws Exception {
        Dataset s = EdxTestData.coreShellSum();
        LineIntensities r = LineIntensities.compute(s);
        assertEquals(List.of("Fe_Ka", "Pt_La"), r.labels());
        // hyperspy_reference.py: "sum intensity Fe_Ka 39848.46153846154", "sum intensity Pt_La 8203.0"
        assertEquals(39848.46153846154, r.total("Fe_Ka"), 1e-6);
        assertEquals(8203.0, r.total("Pt_La"), 1e-6);
        // the check: within 0.5 %
        assertEquals(39848.5, r.total("Fe_Ka"), 0.005 * 39848.5);
        assertEquals(8203, r.total("Pt_La"), 0.005 * 8203);
        assertArrayEquals(new int[] {2}, r.intensities().shape());
        assertEquals(List.of("Fe_Ka", "Pt_La"), r.intensities().metadata().get("Sample.xray_lines"));
    }

    @Test
    void windowsAreHyperSpys() throws Exception {
        LineIntensities r = LineIntensities.compute(EdxTestData.coreShellSum());
        LineWindow fe = r.windows().get(0), pt = r.windows().get(1);
        // hyperspy_reference.py: windows Fe_Ka integration 6.269130 6.538670 background 5.999589 6.134360 6.673440 6.808211
        assertEquals(6.269130, fe.integrationLow(), 1e-6);
        assertEquals(6.538670, fe.integrationHigh(), 1e-6);
        assertArrayEquals(new double[] {5.999589, 6.134360, 6.673440, 6.808211}, fe.background(), 1e-6);
        // windows Pt_La integration 9.281605 9.602595 background 8.960616 9.121111 9.763089 9.923584
        assertEquals(9.281605, pt.integrationLow(), 1e-6);
        assertEquals(9.602595, pt.integrationHigh(), 1e-6);
        assertArrayEquals(new double[] {8.960616, 9.121111, 9.763089, 9.923584}, pt.background(), 1e-6);
        // the windows, as printed to 3 decimals
        assertTrue(fe.toString().contains("6.269–6.539") && fe.toString().contains("6.000–6.134 / 6.673–6.808"), fe.toString());
        assertTrue(pt.toString().contains("9.282–9.603") && pt.toString().contains("8.961–9.121 / 9.763–9.924"), pt.toString());
        @SuppressWarnings("unchecked")
        List<List<Double>> bw = (List<List<Double>>) r.intensities().metadata().get(LineIntensities.BACKGROUND_WINDOWS_KEY);
        assertEquals(5.999589, bw.get(0).get(0), 1e-6);
    }

    @Test
    void withoutBackgroundTheRawIntegral() throws Exception {
        LineIntensities r = LineIntensities.compute(EdxTestData.coreShellSum(), LineIntensities.Options.defaults().withBackground(false));
        // hyperspy_reference.py: "sum raw intensity Fe_Ka 41718.0", "sum raw intensity Pt_La 11603.0"
        assertEquals(41718.0, r.total("Fe_Ka"), 1e-9);
        assertEquals(11603.0, r.total("Pt_La"), 1e-9);
        assertNull(r.windows().get(0).background());
        // Poisson: σ² = N
        assertEquals(Math.sqrt(41718.0), r.sigma().getDouble(0), 1e-9);
    }

    @Test
    void mapsSumToTheSumSpectrumAndMatchHyperSpyPerPixel() throws Exception {
        Dataset si = EdxTestData.coreShell();
        LineIntensities r = LineIntensities.compute(si);
        assertArrayEquals(new int[] {2, 64, 64}, r.intensities().shape());
        assertArrayEquals(new int[] {2, 64, 64}, r.sigma().shape());
        // hyperspy_reference.py: map total Fe_Ka 39848.46153846154 ... pixel(10,20) 9.846153846153847 pixel(32,32) 2.0 pixel(5,28) 21.846153846153847
        assertEquals(39848.46153846154, r.total("Fe_Ka"), 1e-6);
        assertEquals(8203.0, r.total("Pt_La"), 1e-6);
        assertEquals(9.846153846153847, r.intensities().getDouble(0, 10, 20), 1e-9);
        assertEquals(2.0, r.intensities().getDouble(0, 32, 32), 1e-9);
        assertEquals(21.846153846153847, r.intensities().getDouble(0, 5, 28), 1e-9);
        // map total Pt_La 8203.0 pixel(10,20) 0.0 pixel(32,32) 0.0 pixel(5,28) 17.0
        assertEquals(17.0, r.intensities().getDouble(1, 5, 28), 1e-9);
        assertEquals(0.0, r.intensities().getDouble(1, 10, 20), 1e-9);
        // σ² = N_int + r² N_bg ≥ the net counts where the background is small
        assertTrue(r.sigma().getDouble(0, 5, 28) >= Math.sqrt(21.846153846153847));
        assertEquals(0.5, r.intensities().axis(1).scale(), 0);
    }

    @Test
    void poissonSigmaOfTheSubtraction() {
        // a flat spectrum of 10 counts per channel on a 0.01 keV axis: net 0, σ² = n_int·10 + r²·n_bg·10 with r = n_int/n_bg
        int nE = 1000;
        double[] v = new double[nE];
        java.util.Arrays.fill(v, 10);
        Metadata md = new Metadata().set("Acquisition_instrument.TEM.beam_energy", 200.0)
                .set("Acquisition_instrument.TEM.Detector.EDS.energy_resolution_MnKa", 130.0).set("Sample.elements", List.of("Fe"));
        Dataset s = Dataset.ofDoubles(v, List.of(new Axis("Energy", nE, 0.01, 0.0, "keV", false)), md);
        LineIntensities r = LineIntensities.compute(s);
        assertEquals(List.of("Fe_Ka"), r.labels());
        assertEquals(0, r.total("Fe_Ka"), 1e-9);
        LineWindow w = r.windows().get(0);
        double[] b = w.background();
        int nInt = idx(w.integrationHigh()) - idx(w.integrationLow());
        int nBg = idx(b[1]) - idx(b[0]) + idx(b[3]) - idx(b[2]);
        double ratio = (double) nInt / nBg;
        assertEquals(Math.sqrt(nInt * 10 + ratio * ratio * nBg * 10), r.sigma().getDouble(0), 1e-9);
    }

    private static int idx(double kev) {
        return (int) Math.round(kev / 0.01);
    }

    @Test
    void badInput() throws Exception {
        Dataset s = EdxTestData.coreShellSum();
        Metadata md = s.metadata().copy().set("Sample.xray_lines", null).set("Sample.elements", List.of("Fe", "H"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LineIntensities.compute(s.withMetadata(md)));
        assertTrue(e.getMessage().contains("element H has no Ka, La or Ma line in the energy range"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LineIntensities.compute(s, LineIntensities.Options.defaults().withLines(List.of("U_Ka"))));
        assertTrue(e.getMessage().contains("U_Ka") && e.getMessage().contains("outside the energy range"), e.getMessage());
        Metadata noRes = s.metadata().copy().set("Acquisition_instrument.TEM.Detector.EDS.energy_resolution_MnKa", null);
        e = assertThrows(IllegalArgumentException.class, () -> LineIntensities.compute(s.withMetadata(noRes)));
        assertTrue(e.getMessage().contains("energy resolution is missing"), e.getMessage());
        Metadata none = s.metadata().copy().set("Sample.xray_lines", null).set("Sample.elements", null);
        e = assertThrows(IllegalArgumentException.class, () -> LineIntensities.compute(s.withMetadata(none)));
        assertTrue(e.getMessage().contains("neither Sample.xray_lines nor Sample.elements"), e.getMessage());
        // default lines from the elements: Fe_Ka, Pt_La as HyperSpy's only_one rule
        Metadata els = s.metadata().copy().set("Sample.xray_lines", null).set("Sample.elements", List.of("Pt", "Fe"));
        assertEquals(List.of("Fe_Ka", "Pt_La"), LineIntensities.compute(s.withMetadata(els)).labels());
    }

    @Test
    void preprocessorContribution() throws Exception {
        Preprocessor p = Registry.get().preprocessor("tessera.edx.line-intensities");
        Dataset si = EdxTestData.coreShell();
        Preprocessor.Result r = p.apply(si, Map.of(), Parameters.of(p.parameters(), Map.of("lines", "Fe_Ka, Pt_La")), ProgressMonitor.NULL);
        assertTrue(r.data() == si);
        assertEquals(List.of("intensities", "sigma"), List.copyOf(r.extras().keySet()));
        Dataset in = r.extras().get("intensities");
        assertArrayEquals(new int[] {2, 64, 64}, in.shape());
        double tot = 0;
        for (int i = 0; i < 64 * 64; i++) {
            tot += in.getDouble(i);
        }
        assertEquals(39848.46153846154, tot, 1e-6);
        // a given resolution overrides the file's: a wider window takes more counts
        Preprocessor.Result wide = p.apply(si, Map.of(), Parameters.of(p.parameters(), Map.of("energyResolution", 200.0, "backgroundWindows", false)), ProgressMonitor.NULL);
        assertTrue(wide.extras().get("intensities").getDouble(0) >= 0);
        assertThrows(IllegalArgumentException.class, () -> Parameters.of(p.parameters(), Map.of("integrationWindows", -1.0)));
    }
}
