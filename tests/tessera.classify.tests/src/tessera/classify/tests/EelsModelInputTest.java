package tessera.classify.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import tessera.classify.EelsModelInput;
import tessera.core.analysis.IncompatibleDataException;
import tessera.core.model.Axis;

/** The rebinning onto the networks' 0 … 3071 eV, 1 eV input: identity, finer and coarser dispersions, range, errors. */
class EelsModelInputTest {

    private static Axis energy(int n, double scale, double offset) {
        return new Axis("Energy loss", n, scale, offset, "eV", false);
    }

    @Test
    void oneEvFromZeroIsTheSpectrumDividedByItsMaximum() {
        float[] s = new float[EelsModelInput.CHANNELS];
        for (int i = 0; i < s.length; i++) {
            s[i] = 1000f / (1 + i) + (i == 700 ? 50 : 0);
        }
        float[] out = new float[EelsModelInput.CHANNELS];
        assertTrue(EelsModelInput.rebin(s, energy(s.length, 1, 0), out, 0));
        for (int i = 0; i < s.length; i++) {
            assertEquals(s[i] / 1000f, out[i], 1e-6f, "channel " + i);
        }
    }

    @Test
    void finerDispersionIsSummedPerElectronVoltAndOffsetPlacesIt() {
        // 0.25 eV/ch from 450 eV: a flat spectrum of 4 counts/ch = 16 counts/eV with a step to 8 counts/ch at 700 eV
        int n = 2048;
        float[] s = new float[n];
        for (int j = 0; j < n; j++) {
            s[j] = 450 + 0.25 * j < 700 ? 4 : 8;
        }
        float[] out = new float[EelsModelInput.CHANNELS];
        EelsModelInput.rebin(s, energy(n, 0.25, 450), out, 0);
        assertEquals(0f, out[449], 0f, "below the axis: zero padding");
        assertEquals(0.5f, out[500], 1e-6f, "16 of 32 counts/eV");
        assertEquals(1f, out[800], 1e-6f);
        assertEquals(0.5f, out[698], 1e-6f);
        assertEquals(1f, out[701], 1e-6f);
        assertEquals(0f, out[962], 0f, "past the axis (450 + 2047.5 × 0.25 = 961.875 eV)");
        assertEquals(1f, out[961], 1e-6f);
    }

    @Test
    void coarserDispersionIsInterpolatedNotRepeated() {
        // 8 eV/ch from 700 eV, a linear ramp: counts/eV interpolated between channel centres
        int n = 162;
        float[] s = new float[n];
        for (int j = 0; j < n; j++) {
            s[j] = 8 * (100 + j); // density 100 + j counts/eV at 700 + 8 j eV
        }
        float[] out = new float[EelsModelInput.CHANNELS];
        EelsModelInput.rebin(s, energy(n, 8, 700), out, 0);
        double max = 100 + (n - 1) + 3.5 / 8; // the density rises until the last output channel centre (1991 eV, clamped beyond 1988)
        assertEquals((100 + 0.5) / (100 + n - 1), out[704], 2e-3, "half-way between the first two channel centres");
        assertTrue(out[705] > out[704] && out[706] > out[705], "no staircase inside a coarse channel");
        assertEquals(0f, out[695], 0f);
        assertTrue(max > 0);
    }

    @Test
    void badAxesAreRefusedWithTheProblemNamed() {
        Axis none = Axis.uncalibrated("channel", 1024, false);
        assertTrue(assertThrows(IncompatibleDataException.class, () -> EelsModelInput.check(none, "x.msa")).getMessage().contains("no energy calibration"));
        Axis kev = new Axis("Energy", 2048, 0.01, 0, "keV", false);
        assertTrue(assertThrows(IncompatibleDataException.class, () -> EelsModelInput.check(kev, "edx.hspy")).getMessage().contains("keV"));
        Axis high = energy(1024, 1, 3500);
        assertTrue(assertThrows(IncompatibleDataException.class, () -> EelsModelInput.check(high, "far.msa")).getMessage().contains("0 … 3071 eV"));
        float[] nan = new float[10];
        nan[3] = Float.NaN;
        assertTrue(assertThrows(IncompatibleDataException.class, () -> EelsModelInput.rebin(nan, energy(10, 1, 500), new float[3072], 0))
                .getMessage().contains("NaN at channel 3"));
        assertFalse(EelsModelInput.rebin(new float[100], energy(100, 1, 500), new float[3072], 0), "an all-zero spectrum");
    }
}
