package tessera.eels.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import tessera.core.analysis.IncompatibleDataException;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.registry.Registry;
import tessera.eels.valence.ValenceFeatures;
import tessera.eels.valence.WhiteLineRatio;
import tessera.eels.valence.WhiteLineSimulator;
import tessera.eels.valence.WhiteLines;

/**
 * The white-line generator, the classifier input and the L3/L2 baseline: the published ratios recovered from the
 * generator's references, the L3 maximum found on shifted axes, the real Mn and Fe spectra measured as an independent
 * numpy implementation of the same step method measures them, and the bad axes refused.
 */
class WhiteLineTest {
    private static final WhiteLineSimulator.Ranges EASY = new WhiteLineSimulator.Ranges(2.0, new double[] { 0.5, 0.8 }, new double[] { 2e4, 3e4 },
            new double[] { 0.01, 0.03 }, new double[] { 3, 3.5 }, new double[] { 1, 2 }, new double[] { 0.1, 0.3 }, 0.0, new double[] { 25, 30 }, 0.0);

    @Test
    void theBaselineRecoversThePublishedRatiosFromTheReferences() {
        // the step method measured on the generator's noise-free references gives back the table's ratios (within the
        // window truncation of the Lorentzian tails): the calibration curve is the literature's
        for (WhiteLines w : List.of(WhiteLines.MN, WhiteLines.FE)) {
            double[][] curve = new WhiteLineRatio(w).ratioCurve();
            for (WhiteLines.State s : w.states()) {
                int i = -1;
                for (int j = 0; j < curve[1].length; j++) {
                    if (Math.abs(curve[1][j] - s.valence()) < 1e-9) {
                        i = j;
                    }
                }
                assertTrue(i >= 0, s.name());
                assertEquals(s.ratio(), curve[0][i], 0.12 * s.ratio(), s.name() + " " + java.util.Arrays.toString(curve[0]));
            }
        }
        // ordering: Mn ratio falls with valence (d5 maximum), Fe rises from Fe2+ (d6) to Fe3+ (d5)
        double[][] mn = new WhiteLineRatio(WhiteLines.MN).ratioCurve();
        assertArrayEquals(new double[] { 4, 3, 2 }, mn[1], 1e-12);
        double[][] fe = new WhiteLineRatio(WhiteLines.FE).ratioCurve();
        assertArrayEquals(new double[] { 2, 8.0 / 3.0, 3 }, fe[1], 1e-12);
    }

    @Test
    void simulatedSpectraAreReproducibleBalancedAndFoundOnShiftedAxes() {
        WhiteLineSimulator a = new WhiteLineSimulator(WhiteLines.MN, EASY, 5);
        WhiteLineSimulator b = new WhiteLineSimulator(WhiteLines.MN, EASY, 5);
        WhiteLineRatio ratio = new WhiteLineRatio(WhiteLines.MN);
        for (int i = 0; i < 30; i++) {
            WhiteLineSimulator.Spectrum s = a.simulate(i);
            assertArrayEquals(s.counts(), b.simulate(i).counts());
            assertEquals(i % 3, s.label());
            ValenceFeatures.Prepared p = ValenceFeatures.prepare(s.counts(), s.energy(), WhiteLines.MN);
            double table = WhiteLines.MN.states().get(s.label()).l3PeakEv();
            assertEquals(table, p.l3PeakEv(), 2.0 + 0.3, "L3 maximum within the ±2 eV shift of the table's");
            assertEquals(1f, max(p.features()), 1e-6f);
            // clean spectra: the baseline's valence is the class's within half a valence unit
            assertEquals(s.valence(), ratio.evaluate(p, 0).valenceFromRatio(), 0.5, "spectrum " + i);
        }
    }

    @Test
    void realMnAndFeSpectraAsTheNumpyImplementationMeasuresThem() throws Exception {
        // reference: an independent numpy implementation of the same preparation and step method (power law fitted by
        // numpy.polyfit in log-log, cumulative-sum resampling, steps 2:1 at the maxima, continuum the minimum of the 5-channel
        // running mean 3-12 eV above L2,
        // windows L3-5 ... midpoint ... L2+5) run on the files with HyperSpy 1.7.3's reader
        Dataset mno = Registry.get().formats().readFirst(data("coreloss_spectrum.msa"));
        ValenceFeatures.Prepared p = ValenceFeatures.prepare(spectrum(mno, 0), mno.signalAxes().get(0), WhiteLines.MN);
        assertEquals(648.6, p.l3PeakEv(), 0.2, "the file's axis reads about 8.6 eV above MnO's L3 maximum");
        WhiteLineRatio.Result r = new WhiteLineRatio(WhiteLines.MN).evaluate(p, 0);
        assertEquals(2.31, r.ratio(), 0.05);
        assertEquals(10.75, r.l2SplitEv(), 0.3);
        Dataset lsmo = Registry.get().formats().readFirst(data("LSMO_linescan.hspy"));
        List<ValenceFeatures.Prepared> all = ValenceFeatures.prepare(lsmo, WhiteLines.MN);
        assertEquals(40, all.size());
        assertEquals(634.4, all.get(0).l3PeakEv(), 0.3);
        assertEquals(2.42, new WhiteLineRatio(WhiteLines.MN).evaluate(all.get(0), 0).ratio(), 0.05);
    }

    @Test
    void badAxesAreRefusedWithTheReason() {
        float[] y = new float[400];
        java.util.Arrays.fill(y, 100);
        Axis coarse = new Axis("Energy loss", 400, 1.5, 400, "eV", false);
        IncompatibleDataException e = assertThrows(IncompatibleDataException.class, () -> ValenceFeatures.check(coarse, WhiteLines.MN, "x.msa"));
        assertTrue(e.getMessage().contains("too coarse") && e.getMessage().contains("1.0 eV per channel") && e.getMessage().startsWith("x.msa"), e.getMessage());
        Axis low = new Axis("Energy loss", 400, 0.25, 400, "eV", false);
        e = assertThrows(IncompatibleDataException.class, () -> ValenceFeatures.check(low, WhiteLines.MN, "x.msa"));
        assertTrue(e.getMessage().contains("outside the energy axis"), e.getMessage());
        Axis none = new Axis("Energy loss", 400, 1, 0, "", false);
        e = assertThrows(IncompatibleDataException.class, () -> ValenceFeatures.check(none, WhiteLines.FE, "x.msa"));
        assertTrue(e.getMessage().contains("no energy calibration"), e.getMessage());
        Axis kev = new Axis("Energy", 400, 0.01, 0, "keV", false);
        e = assertThrows(IncompatibleDataException.class, () -> ValenceFeatures.check(kev, WhiteLines.FE, "x.msa"));
        assertTrue(e.getMessage().contains("keV"), e.getMessage());
        Axis ok = new Axis("Energy loss", 400, 0.25, 590, "eV", false);
        y[17] = Float.NaN;
        e = assertThrows(IncompatibleDataException.class, () -> ValenceFeatures.prepare(y, ok, WhiteLines.MN));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WhiteLines.of("Co"));
    }

    private static java.nio.file.Path data(String name) {
        return java.nio.file.Path.of(System.getProperty("tessera.data", "../shared/data")).resolve("eels").resolve(name);
    }

    private static float[] spectrum(Dataset d, long i) {
        float[] f = new float[d.signalAxes().get(0).size()];
        d.readSpectra(i, 1, f, 0);
        return f;
    }

    private static float max(float[] v) {
        float m = -Float.MAX_VALUE;
        for (float x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
