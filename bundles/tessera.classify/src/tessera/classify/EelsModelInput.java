package tessera.classify;

import java.util.Locale;

import tessera.core.analysis.IncompatibleDataException;
import tessera.core.model.Axis;

/**
 * The input of the element-identification networks, exactly as Annys et al. (Sci. Rep. 13 (2023) 13724,
 * doi:10.1038/s41598-023-40943-7) and {@link tessera.eels.sim.EelsSimulator} make it: a core-loss spectrum on 0 … 3071
 * eV at 1 eV per channel ({@value #CHANNELS} channels, channel k centred on k eV), divided by its maximum, zero where
 * the measurement does not reach.
 * <p>
 * {@link #rebin} brings a measured spectrum there from its own calibration (HyperSpy's convention: channel j is centred
 * on {@code offset + j·scale} eV and covers half a channel either side); the counts are read as a density, counts/eV.
 * For a dispersion of 1 eV or finer each 1 eV output channel [k − ½, k + ½) receives the mean density over the part
 * of it the measurement covers, from the exact overlaps of the input channels (counts are conserved; at 1 eV/channel on
 * integer energies this is the spectrum itself); a channel less than half covered is 0. For a coarser dispersion the
 * density is interpolated linearly between channel centres at each output channel's centre, instead of repeating a
 * coarse channel as a staircase, which the networks never saw; output channels whose centre lies outside the measured
 * range [offset − scale/2, offset + (n − ½)·scale] are 0. Either way everything the measurement does not reach is 0
 * (the paper's zero padding), and so are negative values (a background-subtracted spectrum may dip below zero; the
 * simulator's never do).
 * Finally the spectrum is divided by its maximum.
 */
public final class EelsModelInput {
    /** channels of the network input: 0 … 3071 eV */
    public static final int CHANNELS = 3072;
    /** fewest measured 1 eV channels inside 0 … 3071 eV for a spectrum to be classified */
    public static final int MIN_CHANNELS = 32;

    private EelsModelInput() {
    }

    /**
     * Checks that an energy axis can be brought to the network input.
     *
     * @param energy the signal axis
     * @param source the dataset's name, for messages
     * @throws IncompatibleDataException if the axis is uncalibrated (scale 1, offset 0 and no units), in other units
     *                                   than eV (keV is named), has a non-positive scale, or covers fewer than
     *                                   {@value #MIN_CHANNELS} eV of 0 … 3071 eV
     */
    public static void check(Axis energy, String source) {
        tessera.eels.EnergyLossAxis.requireEv(energy, source, "element identification");
        double lo = Math.max(-0.5, energy.offset() - energy.scale() / 2);
        double hi = Math.min(CHANNELS - 0.5, energy.offset() + (energy.size() - 0.5) * energy.scale());
        if (hi - lo < MIN_CHANNELS) {
            throw new IncompatibleDataException(String.format(Locale.ROOT,
                    "%s: the energy axis %.1f … %.1f eV covers %.0f eV of the model's range 0 … %d eV; at least %d eV are needed", source,
                    energy.offset(), energy.value(energy.size() - 1), Math.max(0, hi - lo), CHANNELS - 1, MIN_CHANNELS));
        }
    }

    /**
     * Brings one spectrum onto the network input.
     *
     * @param spectrum counts per channel, length {@code energy.size()}, finite
     * @param energy   its energy axis (eV), checked by {@link #check}
     * @param out      receives the input, length ≥ {@value #CHANNELS} from {@code off}
     * @param off      first index written in {@code out}
     * @return false if the spectrum is zero (or negative) everywhere in range: {@code out} is then all zero
     * @throws IncompatibleDataException if the spectrum holds NaN or infinite values (named by channel)
     */
    public static boolean rebin(float[] spectrum, Axis energy, float[] out, int off) {
        int n = energy.size();
        double scale = energy.scale();
        double e0 = energy.offset();
        for (int j = 0; j < n; j++) {
            if (!Float.isFinite(spectrum[j])) {
                throw new IncompatibleDataException("the spectrum holds " + spectrum[j] + " at channel " + j + " (" + energy.value(j) + " eV)");
            }
        }
        float max = 0;
        if (scale <= 1) {
            // flux-conserving: each input channel's counts spread over the output channels it overlaps
            double[] integral = new double[CHANNELS];
            double[] covered = new double[CHANNELS];
            for (int j = 0; j < n; j++) {
                double a = e0 + (j - 0.5) * scale;
                double b = a + scale;
                double density = spectrum[j] / scale;
                for (long k = (long) Math.floor(a + 0.5); k <= (long) Math.floor(b + 0.5) && k < CHANNELS; k++) {
                    double lo = Math.max(a, k - 0.5);
                    double hi = Math.min(b, k + 0.5);
                    if (k >= 0 && hi > lo) {
                        integral[(int) k] += density * (hi - lo);
                        covered[(int) k] += hi - lo;
                    }
                }
            }
            for (int k = 0; k < CHANNELS; k++) {
                float v = covered[k] >= 0.5 ? (float) Math.max(0, integral[k] / covered[k]) : 0f;
                out[off + k] = v;
                max = Math.max(max, v);
            }
        } else {
            // coarser than 1 eV: the density interpolated linearly between channel centres at each output centre
            double lo = e0 - scale / 2;
            double hi = e0 + (n - 0.5) * scale;
            for (int k = 0; k < CHANNELS; k++) {
                float v = 0;
                if (k >= lo && k < hi) {
                    double x = (k - e0) / scale;
                    int j = (int) Math.floor(x);
                    double f = x - j;
                    double a = spectrum[Math.max(0, Math.min(n - 1, j))];
                    double b = spectrum[Math.max(0, Math.min(n - 1, j + 1))];
                    v = (float) Math.max(0, (a + f * (b - a)) / scale);
                }
                out[off + k] = v;
                max = Math.max(max, v);
            }
        }
        if (!(max > 0)) {
            java.util.Arrays.fill(out, off, off + CHANNELS, 0f);
            return false;
        }
        float inv = 1f / max;
        for (int k = 0; k < CHANNELS; k++) {
            out[off + k] *= inv;
        }
        return true;
    }
}
