package tessera.eels.valence;

import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import tessera.core.model.Axis;
import tessera.eels.sim.SimSupport;
import tessera.eels.xsection.HydrogenicCrossSection;
import tessera.eels.xsection.Microscope;

/**
 * Labelled L2,3 core-loss spectra of one element in each oxidation state of its {@link WhiteLines} table, as the
 * training data of the valence classifiers (no public library of labelled reference spectra is reachable here).
 * <p>
 * One spectrum, on a 0.05 eV grid of true energy loss, is: the continuum — Egerton's hydrogenic L2,3 cross section
 * ({@link HydrogenicCrossSection}, Egerton 2011 §3.6, doi:10.1007/978-1-4419-9583-4) as two steps of heights 2 : 1
 * starting at the L3 and L2 maxima (Pearson et al., Phys. Rev. B 47 (1993) 8471) — plus the white lines, Lorentzian
 * components with the state's L3/L2 area ratio and total area {@code whiteLineStrength} × the continuum height; a
 * mixed-valence state is the weighted sum of its end members. Then the augmentations of Chatzidakis &amp; Botton
 * (Sci. Rep. 9 (2019) 2126, doi:10.1038/s41598-019-38482-1) and del Pozo-Bueno et al. (Ultramicroscopy 221 (2021)
 * 113190, doi:10.1016/j.ultramic.2020.113190): the L3/L2 ratio jittered, a Gaussian energy resolution, plural
 * scattering through a low loss (Drude plasmon, Poisson orders of t/λ: {@link SimSupport#convolveWithLowLoss}), a
 * power-law background A·E^−r at a random jump ratio, an energy shift, a dispersion error and a random dispersion and
 * offset of the recorded axis, and Poisson noise for a random number of counts at the L3 maximum.
 * <p>
 * Spectrum {@code i} of a simulator depends only on (table, ranges, seed, i): sets are reproducible and can be drawn in
 * parallel. Thread-safe.
 */
public final class WhiteLineSimulator {
    /** fine-grid step, eV */
    static final double FINE = 0.05;
    private static final double BELOW = 70;
    private static final double ABOVE = 120;
    private static final int FFT = 8192;
    private static final int[] BEAM_KV = { 80, 200, 300 };

    /**
     * The ranges spectra are drawn from (uniform unless said).
     *
     * @param shiftEv           energy shift of the whole edge, uniform in ±shiftEv (eV)
     * @param resolutionEv      Gaussian energy resolution (FWHM), eV, {low, high}
     * @param counts            counts in the channel of the L3 maximum, log-uniform {low, high}
     * @param tOverLambda       relative thickness t/λ {low, high}
     * @param exponent          background exponent r {low, high}
     * @param jumpRatio         (L3 maximum above background) / background there, log-uniform {low, high}
     * @param dispersionEv      channel width of the recorded axis, eV, log-uniform {low, high}
     * @param dispersionError   relative error of the dispersion, uniform in ±this
     * @param whiteLineStrength total white-line area over the continuum height, eV {low, high}
     * @param ratioJitter       relative standard deviation of the L3/L2 ratio about the table's
     */
    public record Ranges(double shiftEv, double[] resolutionEv, double[] counts, double[] tOverLambda, double[] exponent, double[] jumpRatio,
            double[] dispersionEv, double dispersionError, double[] whiteLineStrength, double ratioJitter) {

        /** @return the ranges as a map, for training records */
        public Map<String, Object> asMap() {
            return Map.of("shift_ev", shiftEv, "resolution_ev", resolutionEv.clone(), "counts", counts.clone(), "t_over_lambda", tOverLambda.clone(),
                    "background_exponent", exponent.clone(), "jump_ratio", jumpRatio.clone(), "dispersion_ev", dispersionEv.clone(),
                    "dispersion_error", dispersionError, "white_line_strength_ev", whiteLineStrength.clone(), "ratio_jitter", ratioJitter);
        }
    }

    /**
     * Training ranges: the papers' augmentations (±2 eV shift, 300–30 000 counts), t/λ 0.05–0.7, white lines 15–40 eV ×
     * the continuum height, and an energy resolution of 0.3–3.5 eV: the papers' 0.3–1.5 eV widened to the zero-loss
     * widths of unmonochromated Schottky and thermionic instruments (the low loss recorded with
     * ../shared/data/eels/coreloss_spectrum.msa has a 3.2 eV wide zero-loss peak).
     */
    public static final Ranges TRAINING = new Ranges(2.0, new double[] { 0.3, 3.5 }, new double[] { 300, 30000 }, new double[] { 0.05, 0.7 },
            new double[] { 2.5, 4.5 }, new double[] { 0.3, 3.0 }, new double[] { 0.05, 0.8 }, 0.03, new double[] { 15, 40 }, 0.05);

    /** Test ranges: wider than {@link #TRAINING} in every augmentation, for the held-out evaluation. */
    public static final Ranges TEST = new Ranges(3.0, new double[] { 0.2, 4.0 }, new double[] { 100, 50000 }, new double[] { 0.02, 1.0 },
            new double[] { 2.0, 5.0 }, new double[] { 0.2, 4.0 }, new double[] { 0.03, 1.0 }, 0.05, new double[] { 12, 48 }, 0.08);

    /**
     * One simulated spectrum.
     *
     * @param counts  counts per channel, shape [channels]
     * @param energy  its recorded energy-loss axis (eV)
     * @param label   the class index in the table's order
     * @param valence the class's valence
     */
    public record Spectrum(float[] counts, Axis energy, int label, double valence) {
    }

    private final WhiteLines table;
    private final Ranges ranges;
    private final long seed;
    private final double[][] continuum = new double[BEAM_KV.length][];

    /**
     * @param table  the element's white lines
     * @param ranges augmentation ranges
     * @param seed   the set's seed
     */
    public WhiteLineSimulator(WhiteLines table, Ranges ranges, long seed) {
        this.table = table;
        this.ranges = ranges;
        this.seed = seed;
        HydrogenicCrossSection x = HydrogenicCrossSection.of(table.element(), HydrogenicCrossSection.Shell.L23);
        int n = (int) Math.round((BELOW + ABOVE) / FINE);
        for (int b = 0; b < BEAM_KV.length; b++) {
            double[] e = new double[n];
            for (int i = 0; i < n; i++) {
                e[i] = x.onsetEv() + i * FINE;
            }
            double[] s = x.differential(e, new Microscope(BEAM_KV[b], 20, 30));
            double norm = s[(int) Math.round(5 / FINE)];
            for (int i = 0; i < n; i++) {
                s[i] /= norm;
            }
            continuum[b] = s;
        }
    }

    /** @return the table */
    public WhiteLines table() {
        return table;
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /**
     * Spectrum {@code index}: its class is {@code index mod classes}, so any run of consecutive indices is balanced.
     *
     * @param index spectrum index, &ge; 0
     * @return the spectrum
     */
    public Spectrum simulate(long index) {
        SplittableRandom r = new SplittableRandom(SimSupport.mix(seed, index));
        int k = table.states().size();
        int label = (int) Math.floorMod(index, (long) k);
        int beam = r.nextInt(BEAM_KV.length);
        double shift = uniform(r, -ranges.shiftEv(), ranges.shiftEv());
        double ratioFactor = Math.exp(ranges.ratioJitter() * r.nextGaussian());
        double strength = uniform(r, ranges.whiteLineStrength());
        double e0 = table.nominalL3Ev() - BELOW;
        double[] core = new double[FFT];
        addState(core, e0, label, shift, ratioFactor, strength, beam);
        double resolution = uniform(r, ranges.resolutionEv());
        gaussianBlur(core, resolution / FINE / 2.3548);
        double tl = uniform(r, ranges.tOverLambda());
        double ep = uniform(r, 15, 28);
        double gp = uniform(r, 3, 8);
        SimSupport.convolveWithLowLoss(core, FINE, 2 * FINE, ep, gp, 3, tl);
        // background at a jump ratio measured at the L3 maximum of the convolved edge
        int peak = 0;
        int lo = (int) ((BELOW - 15) / FINE);
        int hi = (int) ((BELOW + 15) / FINE);
        for (int i = lo; i < hi; i++) {
            if (core[i] > core[peak]) {
                peak = i;
            }
        }
        double jump = logUniform(r, ranges.jumpRatio());
        double exponent = uniform(r, ranges.exponent());
        double ePeak = e0 + peak * FINE;
        double bgPeak = core[peak] / jump;
        // recorded axis
        double dispersion = logUniform(r, ranges.dispersionEv());
        double error = uniform(r, -ranges.dispersionError(), ranges.dispersionError());
        double start = table.nominalL3Ev() - 55 - uniform(r, 0, 5);
        double end = table.nominalL3Ev() + 55 + uniform(r, 0, 5);
        int channels = (int) Math.ceil((end - start) / dispersion);
        Axis axis = new Axis("Energy loss", channels, dispersion, start, "eV", false);
        double counts = logUniform(r, ranges.counts());
        double scale = counts / (core[peak] + bgPeak); // density (per eV) at the L3 maximum -> counts per channel there
        // cumulative integral of the fine spectrum (per eV) for bin averages
        int nf = (int) Math.round((BELOW + ABOVE) / FINE);
        double[] cum = new double[nf + 1];
        for (int i = 0; i < nf; i++) {
            double e = e0 + (i + 0.5) * FINE;
            double bg = bgPeak * Math.pow(e / ePeak, -exponent);
            cum[i + 1] = cum[i] + (core[i] + bg) * FINE;
        }
        float[] out = new float[channels];
        double ref = table.nominalL3Ev();
        for (int c = 0; c < channels; c++) {
            double a = axis.value(c) - dispersion / 2;
            double b = a + dispersion;
            double ta = ref + (a - ref) / (1 + error);
            double tb = ref + (b - ref) / (1 + error);
            double density = (ValenceFeatures.at(cum, (tb - e0) / FINE) - ValenceFeatures.at(cum, (ta - e0) / FINE)) / (tb - ta);
            out[c] = (float) SimSupport.poisson(r, Math.max(0, density * scale));
        }
        return new Spectrum(out, axis, label, table.states().get(label).valence());
    }

    /**
     * The noise-free edge of one state (continuum + white lines, no background, no plural scattering) at a Gaussian
     * resolution, on a 0.05 eV grid of energy loss from {@code nominalL3 − 70 eV}: the reference spectra the
     * {@link WhiteLineRatio} baseline is calibrated on.
     *
     * @param label        class index
     * @param resolutionEv Gaussian FWHM, eV
     * @return {axis start (eV), then the values (continuum height 1 per eV)}
     */
    public double[] reference(int label, double resolutionEv) {
        double[] core = new double[FFT];
        addState(core, table.nominalL3Ev() - BELOW, label, 0, 1, 25, 1);
        gaussianBlur(core, resolutionEv / FINE / 2.3548);
        int nf = (int) Math.round((BELOW + ABOVE) / FINE);
        double[] out = new double[nf + 1];
        out[0] = table.nominalL3Ev() - BELOW;
        System.arraycopy(core, 0, out, 1, nf);
        return out;
    }

    private void addState(double[] core, double e0, int label, double shift, double ratioFactor, double strength, int beam) {
        WhiteLines.State s = table.states().get(label);
        if (s.mixed()) {
            for (int m = 0; m < s.mixOf().length; m++) {
                double[] part = new double[core.length];
                addState(part, e0, s.mixOf()[m], shift, ratioFactor, strength, beam);
                for (int i = 0; i < core.length; i++) {
                    core[i] += s.mixWeight()[m] * part[i];
                }
            }
            return;
        }
        double e3 = s.l3PeakEv() + shift;
        double e2 = e3 + s.l2SplitEv();
        double ratio = s.ratio() * ratioFactor;
        double a3 = strength * ratio / (1 + ratio);
        double a2 = strength / (1 + ratio);
        int nf = (int) Math.round((BELOW + ABOVE) / FINE);
        double[] x = continuum[beam];
        double area3 = area(s.l3());
        double area2 = area(s.l2());
        for (int i = 0; i < nf; i++) {
            double e = e0 + i * FINE;
            double v = 0;
            if (e >= e3) {
                v += 2.0 / 3.0 * x[Math.min(x.length - 1, (int) ((e - e3) / FINE))];
            }
            if (e >= e2) {
                v += 1.0 / 3.0 * x[Math.min(x.length - 1, (int) ((e - e2) / FINE))];
            }
            v += a3 / area3 * lines(s.l3(), e - e3) + a2 / area2 * lines(s.l2(), e - e2);
            core[i] += v;
        }
    }

    private static double lines(java.util.List<WhiteLines.Line> lines, double de) {
        double v = 0;
        for (WhiteLines.Line l : lines) {
            double hw = l.fwhmEv() / 2;
            double d = de - l.offsetEv();
            v += l.height() * hw * hw / (d * d + hw * hw);
        }
        return v;
    }

    /** area of the Lorentzian components (height · π · HWHM each) */
    private static double area(java.util.List<WhiteLines.Line> lines) {
        double a = 0;
        for (WhiteLines.Line l : lines) {
            a += l.height() * Math.PI * l.fwhmEv() / 2;
        }
        return a;
    }

    private static void gaussianBlur(double[] v, double sigma) {
        if (!(sigma > 0)) {
            return;
        }
        int h = (int) Math.ceil(4 * sigma);
        double[] w = new double[2 * h + 1];
        double sum = 0;
        for (int j = -h; j <= h; j++) {
            w[j + h] = Math.exp(-0.5 * j * j / (sigma * sigma));
            sum += w[j + h];
        }
        double[] src = v.clone();
        int n = v.length;
        for (int i = 0; i < n; i++) {
            double a = 0;
            for (int j = -h; j <= h; j++) {
                int t = i + j;
                if (t >= 0 && t < n) {
                    a += w[j + h] * src[t];
                }
            }
            v[i] = a / sum;
        }
    }

    private static double uniform(SplittableRandom r, double[] range) {
        return uniform(r, range[0], range[1]);
    }

    private static double uniform(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    private static double logUniform(SplittableRandom r, double[] range) {
        return Math.exp(uniform(r, Math.log(range[0]), Math.log(range[1])));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "white-line simulator %s seed %d", table.element(), seed);
    }
}
