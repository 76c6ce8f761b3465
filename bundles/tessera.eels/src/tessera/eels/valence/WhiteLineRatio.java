package tessera.eels.valence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The textbook valence of a spectrum, beside every classifier's: (1) from the L3/L2 white-line intensity ratio by the
 * step method of Pearson et al. (Phys. Rev. B 47 (1993) 8471, doi:10.1103/PhysRevB.47.8471; as used for Mn by Riedl et
 * al., Ultramicroscopy 106 (2006) 284, doi:10.1016/j.ultramic.2005.09.002): on the {@link ValenceFeatures} excess, a
 * continuum of two steps of heights 2/3 and 1/3 of the continuum level — the lowest 1.25 eV running mean 3–12 eV above the
 * L2 maximum (close to the edge, so that the plasmon replica of the L3 line, 15–30 eV above it, stays out; the minimum,
 * so that the L2 line's tail and plural scattering do not raise it: on simulated spectra this halves the spectra whose
 * L2 integral comes out negative) — starting at the L3
 * and L2 maxima, is subtracted and the white lines are integrated from 5 eV below the L3 maximum to the midpoint and from
 * there to 5 eV above the L2 maximum; (2) from the energy of the L3 maximum on the axis as calibrated (plus a user's
 * {@code energyShift}); see Tan et al., Ultramicroscopy 116 (2012) 24, doi:10.1016/j.ultramic.2012.03.002.
 * <p>
 * Calibration curves: ratio → valence is the piecewise-linear curve through the ratios this same method measures on
 * the {@link WhiteLineSimulator#reference} spectra of each state of the {@link WhiteLines} table at the spectra's energy
 * resolution (their white-line areas carry the published ratios), extended linearly by half a valence unit at each end; L3 energy →
 * valence is piecewise linear through the table's L3 maxima of the pure states. Immutable and thread-safe.
 */
public final class WhiteLineRatio {
    private static final double INTEGRATE_EV = 5;
    /** an L3 maximum farther than this outside the table's L3 maxima means an uncalibrated axis: no energy valence */
    static final double ENERGY_MARGIN_EV = 2;
    private static final double CONTINUUM_FROM_EV = 3;
    private static final double CONTINUUM_TO_EV = 12;
    /** the resolution the baseline is calibrated at unless told, eV */
    public static final double DEFAULT_RESOLUTION_EV = 1.0;

    /**
     * The baseline of one spectrum.
     *
     * @param ratio              integrated L3/L2 white-line ratio (NaN if the L2 integral is not positive)
     * @param l3PeakEv           L3 maximum on the axis as calibrated plus the energy shift, eV
     * @param l2SplitEv          L2 maximum − L3 maximum, eV
     * @param valenceFromRatio   valence by the ratio calibration curve (NaN with the ratio)
     * @param valenceFromEnergy  valence by the L3-energy calibration curve; NaN where the L3 maximum lies more than 2 eV
     *                           outside the table's L3 maxima (the axis is not calibrated: correct it with the energy shift)
     */
    public record Result(double ratio, double l3PeakEv, double l2SplitEv, double valenceFromRatio, double valenceFromEnergy) {
    }

    private final WhiteLines lines;
    private final double[] curveRatio;
    private final double[] curveValence;
    private final double[] energyEv;
    private final double[] energyValence;

    /**
     * Calibrates the baseline for one element at {@value #DEFAULT_RESOLUTION_EV} eV resolution.
     *
     * @param lines the element's white lines
     */
    public WhiteLineRatio(WhiteLines lines) {
        this(lines, DEFAULT_RESOLUTION_EV);
    }

    /**
     * Calibrates the baseline for one element at the spectra's energy resolution: the broader the white lines, the more
     * of the L3 line falls into the L2 window, so the measured ratio of a state falls with the resolution.
     *
     * @param lines        the element's white lines
     * @param resolutionEv the energy resolution of the spectra (FWHM of the zero-loss peak), eV, in (0, 10]
     * @throws IllegalArgumentException if the resolution is outside (0, 10] eV
     */
    public WhiteLineRatio(WhiteLines lines, double resolutionEv) {
        if (!(resolutionEv > 0 && resolutionEv <= 10)) {
            throw new IllegalArgumentException("the energy resolution must be in (0, 10] eV, got " + resolutionEv);
        }
        this.lines = lines;
        WhiteLineSimulator sim = new WhiteLineSimulator(lines, WhiteLineSimulator.TRAINING, 0);
        int k = lines.states().size();
        double[][] pts = new double[k][2];
        for (int j = 0; j < k; j++) {
            double[] ref = sim.reference(j, resolutionEv);
            float[] y = new float[ref.length - 1];
            for (int i = 0; i < y.length; i++) {
                y[i] = (float) (ref[i + 1] + 1.0); // a flat background of 1 for the power-law fit
            }
            tessera.core.model.Axis a = new tessera.core.model.Axis("Energy loss", y.length, WhiteLineSimulator.FINE, ref[0], "eV", false);
            ValenceFeatures.Prepared p = ValenceFeatures.prepare(y, a, lines);
            pts[j][0] = measure(p.excess())[0];
            pts[j][1] = lines.states().get(j).valence();
        }
        Arrays.sort(pts, (x, y) -> Double.compare(x[0], y[0]));
        curveRatio = new double[k];
        curveValence = new double[k];
        for (int j = 0; j < k; j++) {
            curveRatio[j] = pts[j][0];
            curveValence[j] = pts[j][1];
        }
        List<double[]> e = new ArrayList<>();
        for (WhiteLines.State s : lines.states()) {
            if (!s.mixed()) {
                e.add(new double[] { s.l3PeakEv(), s.valence() });
            }
        }
        e.sort((x, y) -> Double.compare(x[0], y[0]));
        energyEv = e.stream().mapToDouble(x -> x[0]).toArray();
        energyValence = e.stream().mapToDouble(x -> x[1]).toArray();
    }

    /** @return the calibration curve: ratios (increasing) and their valences, {ratios, valences} */
    public double[][] ratioCurve() {
        return new double[][] { curveRatio.clone(), curveValence.clone() };
    }

    /**
     * The baseline of one prepared spectrum.
     *
     * @param p             the spectrum through {@link ValenceFeatures#prepare}
     * @param energyShiftEv added to the L3 maximum before the energy calibration curve (the axis's known offset error), eV
     * @return the result
     */
    public Result evaluate(ValenceFeatures.Prepared p, double energyShiftEv) {
        double[] m = measure(p.excess());
        double e = p.l3PeakEv() + energyShiftEv;
        boolean calibrated = e >= energyEv[0] - ENERGY_MARGIN_EV && e <= energyEv[energyEv.length - 1] + ENERGY_MARGIN_EV;
        return new Result(m[0], e, m[1], Double.isFinite(m[0]) ? interpolate(curveRatio, curveValence, m[0]) : Double.NaN,
                calibrated ? interpolate(energyEv, energyValence, e) : Double.NaN);
    }

    /** {ratio, L2 − L3 separation} on the excess grid */
    private double[] measure(double[] s) {
        double minSplit = lines.states().stream().mapToDouble(WhiteLines.State::l2SplitEv).min().orElseThrow() - 2.5;
        double maxSplit = lines.maxSplitEv() + 2.5;
        int a = idx(minSplit);
        int b = idx(maxSplit);
        int best = a;
        for (int i = a; i <= b; i++) {
            double v = (s[i - 1] + s[i] + s[i + 1]) / 3;
            double w = (s[best - 1] + s[best] + s[best + 1]) / 3;
            if (v > w) {
                best = i;
            }
        }
        double l3 = 0;
        double l2 = ValenceFeatures.Prepared.relativeEv(best);
        double h = Double.MAX_VALUE;
        for (int i = idx(l2 + CONTINUUM_FROM_EV); i <= Math.min(s.length - 3, idx(l2 + CONTINUUM_TO_EV)); i++) {
            h = Math.min(h, (s[i - 2] + s[i - 1] + s[i] + s[i + 1] + s[i + 2]) / 5);
        }
        h = Math.max(0, h);
        double mid = (l3 + l2) / 2;
        double i3 = 0;
        double i2 = 0;
        for (int i = 0; i < s.length; i++) {
            double ev = ValenceFeatures.Prepared.relativeEv(i);
            double step = h * ((ev >= l3 ? 2.0 / 3.0 : 0) + (ev >= l2 ? 1.0 / 3.0 : 0));
            double v = (s[i] - step) * ValenceFeatures.STEP;
            if (ev >= l3 - INTEGRATE_EV && ev < mid) {
                i3 += v;
            } else if (ev >= mid && ev < l2 + INTEGRATE_EV) {
                i2 += v;
            }
        }
        return new double[] { i2 > 0 ? i3 / i2 : Double.NaN, l2 - l3 };
    }

    private static int idx(double relativeEv) {
        return Math.max(1, Math.min(ValenceFeatures.CHANNELS - 2, (int) Math.round((relativeEv - ValenceFeatures.START) / ValenceFeatures.STEP)));
    }

    /** piecewise linear through (x, y) with x increasing, extended linearly up to half a unit of y beyond each end */
    static double interpolate(double[] x, double[] y, double v) {
        int n = x.length;
        if (n == 1) {
            return y[0];
        }
        int j = 0;
        while (j < n - 2 && v > x[j + 1]) {
            j++;
        }
        double t = (v - x[j]) / (x[j + 1] - x[j]);
        double out = y[j] + t * (y[j + 1] - y[j]);
        double lo = Math.min(y[0], y[n - 1]) - 0.5;
        double hi = Math.max(y[0], y[n - 1]) + 0.5;
        return Math.max(lo, Math.min(hi, out));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s white-line ratio baseline, ratio curve %s → %s", lines.element(), Arrays.toString(curveRatio),
                Arrays.toString(curveValence));
    }
}
