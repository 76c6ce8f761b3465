package tessera.eels.valence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tessera.core.analysis.IncompatibleDataException;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;

/**
 * The one input function of every valence classifier and of the {@link WhiteLineRatio} baseline: from a core-loss
 * spectrum on its own calibrated axis to the background-subtracted L2,3 edge on a fixed grid relative to the L3
 * maximum.
 * <ol>
 * <li>a power law A·E^−r is fitted (log-log least squares) below the search window and subtracted; the L3 maximum is
 * the maximum of the excess smoothed over 0.6 eV within {@link WhiteLines#nominalL3Ev()} ± {@value #SEARCH_EV} eV (or,
 * where a local maximum of at least 0.4 of it lies one L3–L2 separation lower, that one: the L2 line can top the L3
 * line on a rising background), refined by a parabola;</li>
 * <li>the power law is fitted again over [L3 − 35, L3 − 8] eV and subtracted (Egerton 2011, §4.4.2);</li>
 * <li>the excess is resampled, conserving counts (the cumulative integral interpolated), onto
 * {@value #CHANNELS} channels of {@value #STEP} eV from L3 {@value #START} eV, and divided by its maximum.</li>
 * </ol>
 * Aligning on the measured L3 maximum makes the input independent of the energy offset of the recorded axis, which is
 * rarely calibrated to better than a few eV (the real Mn and Fe files here read 7–9 eV off); the chemical shift of the
 * L3 maximum is therefore not seen by the classifiers (the {@link WhiteLineRatio} baseline reports it separately on the
 * axis as calibrated). Stateless and thread-safe.
 */
public final class ValenceFeatures {
    /** first grid energy relative to the L3 maximum, eV */
    public static final double START = -10;
    /** grid step, eV */
    public static final double STEP = 0.25;
    /** number of grid channels (−10 … +30 eV) */
    public static final int CHANNELS = 160;
    /** half width of the window searched for the L3 maximum around the table's nominal energy, eV */
    public static final double SEARCH_EV = 12;
    /** the coarsest dispersion that still resolves the white lines (about 2 eV wide), eV per channel */
    public static final double MAX_DISPERSION_EV = 1.0;
    private static final double PRE_FIT_EV = 35;
    private static final double PRE_GAP_EV = 8;

    /**
     * A prepared edge.
     *
     * @param l3PeakEv the L3 maximum on the spectrum's own axis, eV
     * @param excess   background-subtracted counts per eV on the grid, shape [{@value #CHANNELS}]
     * @param features {@code excess} divided by its maximum, shape [{@value #CHANNELS}]: the classifiers' input
     */
    public record Prepared(double l3PeakEv, double[] excess, float[] features) {

        /** @return the grid energy of channel {@code i} relative to the L3 maximum, eV */
        public static double relativeEv(int i) {
            return START + i * STEP;
        }
    }

    private ValenceFeatures() {
    }

    /**
     * Checks that an axis can carry the element's L2,3 edge for this input.
     *
     * @param energy the signal axis
     * @param lines  the element's white lines
     * @param source the file or dataset, for the message
     * @throws IncompatibleDataException if the axis has no calibration or is not in eV, its dispersion is not positive
     *                                   or coarser than {@value #MAX_DISPERSION_EV} eV, or it does not cover the window
     *                                   the edge and its background need
     */
    public static void check(Axis energy, WhiteLines lines, String source) {
        tessera.eels.EnergyLossAxis.requireEv(energy, source, "the oxidation state (L2,3 white lines)");
        if (energy.scale() > MAX_DISPERSION_EV) {
            throw new IncompatibleDataException(String.format(Locale.ROOT,
                    "%s: the dispersion %.3g eV/channel is too coarse to resolve the %s L3 and L2 white lines (limit %.1f eV per channel)", source,
                    energy.scale(), lines.element(), MAX_DISPERSION_EV));
        }
        double need0 = lines.nominalL3Ev() - SEARCH_EV - PRE_FIT_EV;
        double need1 = lines.nominalL3Ev() + SEARCH_EV + START + CHANNELS * STEP;
        double lo = energy.offset();
        double hi = energy.value(energy.size() - 1);
        if (lo > need0 || hi < need1) {
            throw new IncompatibleDataException(String.format(Locale.ROOT,
                    "%s: the %s L2,3 edge (L3 near %.0f eV) lies outside the energy axis %.1f … %.1f eV; the window %.0f … %.0f eV (edge, its background "
                            + "and ±%.0f eV for an offset axis) is needed",
                    source, lines.element(), lines.nominalL3Ev(), lo, hi, need0, need1, SEARCH_EV));
        }
    }

    /**
     * Prepares one spectrum ({@link #check} first).
     *
     * @param spectrum counts on {@code energy}, shape [energy.size()]
     * @param energy   its axis (eV)
     * @param lines    the element's white lines
     * @return the prepared edge
     * @throws IncompatibleDataException if the spectrum holds NaN or infinite values, or shows no edge (no positive
     *                                   excess over the background near the L3 energy)
     */
    public static Prepared prepare(float[] spectrum, Axis energy, WhiteLines lines) {
        int n = energy.size();
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(spectrum[i])) {
                throw new IncompatibleDataException("the spectrum holds " + spectrum[i] + " at channel " + i + String.format(Locale.ROOT, " (%.2f eV)",
                        energy.value(i)));
            }
        }
        double nominal = lines.nominalL3Ev();
        double[] bg = powerLaw(spectrum, energy, nominal - SEARCH_EV - PRE_FIT_EV, nominal - SEARCH_EV - 3);
        int i0 = Math.max(1, energy.index(nominal - SEARCH_EV));
        int i1 = Math.min(n - 2, energy.index(nominal + SEARCH_EV));
        double peak = peak(spectrum, energy, bg, i0, i1, lines.maxSplitEv());
        bg = powerLaw(spectrum, energy, peak - PRE_FIT_EV, peak - PRE_GAP_EV);
        double[] excess = resample(spectrum, energy, bg, peak);
        double max = 0;
        for (int i = (int) ((-2 - START) / STEP); i <= (int) ((2 - START) / STEP); i++) {
            max = Math.max(max, excess[i]);
        }
        if (!(max > 0)) {
            throw new IncompatibleDataException(String.format(Locale.ROOT, "no %s L3 white line above the background near %.1f eV", lines.element(), peak));
        }
        float[] f = new float[CHANNELS];
        for (int i = 0; i < CHANNELS; i++) {
            f[i] = (float) (excess[i] / max);
        }
        return new Prepared(peak, excess, f);
    }

    /**
     * Every spectrum of a dataset through {@link #prepare(float[], Axis, WhiteLines)} ({@link #check} first).
     *
     * @param spectra one signal axis (energy loss, eV), zero to two navigation axes
     * @param lines   the element
     * @return one prepared edge per spectrum, row-major navigation order
     * @throws IncompatibleDataException if the dataset is not spectra, its axis cannot carry the edge, or a spectrum
     *                                   holds NaN or shows no edge (the message names the dataset and the spectrum)
     */
    public static List<Prepared> prepare(Dataset spectra, WhiteLines lines) {
        String src = IncompatibleDataException.source(spectra);
        if (spectra.signalAxes().size() != 1) {
            throw new IncompatibleDataException(src + ": the oxidation state needs spectra (one signal axis), not " + spectra.signalAxes().size()
                    + " signal axes");
        }
        Axis e = spectra.signalAxes().get(0);
        check(e, lines, src);
        long n = spectra.navigationSize();
        if (n > 10_000_000L) {
            throw new IncompatibleDataException(src + ": too many spectra (" + n + ")");
        }
        int c = e.size();
        List<Prepared> out = new ArrayList<>((int) n);
        float[] one = new float[c];
        for (long i = 0; i < n; i++) {
            spectra.readSpectra(i, 1, one, 0);
            try {
                out.add(prepare(one, e, lines));
            } catch (IncompatibleDataException x) {
                throw new IncompatibleDataException(src + ", spectrum " + i + ": " + x.getMessage());
            }
        }
        return out;
    }

    /** {A, r} of a log-log least-squares power law over [e0, e1] (channels with counts &gt; 0). */
    private static double[] powerLaw(float[] y, Axis e, double e0, double e1) {
        int a = Math.max(0, e.index(e0));
        int b = Math.min(e.size() - 1, e.index(e1));
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int m = 0;
        for (int i = a; i <= b; i++) {
            if (y[i] > 0 && e.value(i) > 0) {
                double lx = Math.log(e.value(i));
                double ly = Math.log(y[i]);
                sx += lx;
                sy += ly;
                sxx += lx * lx;
                sxy += lx * ly;
                m++;
            }
        }
        if (m < 3) {
            return new double[] { 0, 0 };
        }
        double slope = (m * sxy - sx * sy) / (m * sxx - sx * sx);
        double icpt = (sy - slope * sx) / m;
        return new double[] { Math.exp(icpt), -slope };
    }

    private static double bgAt(double[] bg, double ev) {
        return ev > 0 ? bg[0] * Math.pow(ev, -bg[1]) : 0;
    }

    private static double peak(float[] y, Axis e, double[] bg, int i0, int i1, double split) {
        int best = i0;
        double bv = -Double.MAX_VALUE;
        double[] s = new double[e.size()];
        for (int i = i0 - 1; i <= i1 + 1; i++) {
            s[i] = y[i] - bgAt(bg, e.value(i));
        }
        // smoothing over about 0.6 eV (at least 3 channels)
        int h = Math.max(1, (int) Math.round(0.3 / e.scale()));
        double[] sm = new double[e.size()];
        for (int i = i0; i <= i1; i++) {
            double a = 0;
            int c = 0;
            for (int j = -h; j <= h; j++) {
                int t = i + j;
                if (t >= i0 - 1 && t <= i1 + 1) {
                    a += s[t];
                    c++;
                }
            }
            sm[i] = a / c;
            if (sm[i] > bv) {
                bv = sm[i];
                best = i;
            }
        }
        // the L2 line can top the L3 one on a rising background: prefer a maximum one L3–L2 separation lower
        int back = (int) Math.round(split / e.scale());
        int tol = Math.max(1, (int) Math.round(2.0 / e.scale()));
        int alt = -1;
        for (int i = Math.max(i0, best - back - tol); i <= Math.min(i1, best - back + tol); i++) {
            if (i > i0 && i < i1 && sm[i] >= sm[i - 1] && sm[i] >= sm[i + 1] && sm[i] >= 0.4 * bv && (alt < 0 || sm[i] > sm[alt])) {
                alt = i;
            }
        }
        if (alt >= 0) {
            best = alt;
        }
        double x = e.value(best);
        if (best > i0 && best < i1) {
            double l = sm[best - 1], c = sm[best], r = sm[best + 1];
            double d = l - 2 * c + r;
            if (d < 0) {
                x += 0.5 * (l - r) / d * e.scale();
            }
        }
        return x;
    }

    /** excess per eV, bin-averaged onto the grid via the cumulative integral (piecewise-linear) */
    private static double[] resample(float[] y, Axis e, double[] bg, double peak) {
        int n = e.size();
        double d = e.scale();
        double[] cum = new double[n + 1];
        for (int i = 0; i < n; i++) {
            cum[i + 1] = cum[i] + (y[i] - bgAt(bg, e.value(i))); // counts; channel i spans [value(i) - d/2, value(i) + d/2]
        }
        double[] out = new double[CHANNELS];
        double edge0 = e.offset() - d / 2;
        for (int k = 0; k < CHANNELS; k++) {
            double a = peak + START + k * STEP - STEP / 2;
            double b = a + STEP;
            out[k] = (at(cum, (b - edge0) / d) - at(cum, (a - edge0) / d)) / STEP;
        }
        return out;
    }

    /** a cumulative sum {@code cum[0 … m]} interpolated linearly at the fractional index x (clamped to its ends) */
    static double at(double[] cum, double x) {
        if (x <= 0) {
            return cum[0];
        }
        if (x >= cum.length - 1) {
            return cum[cum.length - 1];
        }
        int i = (int) x;
        double f = x - i;
        return cum[i] * (1 - f) + cum[i + 1] * f;
    }
}
