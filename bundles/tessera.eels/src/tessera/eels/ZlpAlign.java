package tessera.eels;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.Preprocessor;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.eels.internal.Spectra;

/**
 * {@code tessera.eels.zlp-align}: zero-loss-peak alignment with sub-channel precision, per pixel, and energy
 * calibration from the ZLP.
 *
 * <p>Each spectrum's ZLP position {@code E_zlp} (eV) is the vertex of the parabola through the maximum channel (within
 * {@code searchLow..searchHigh}) and its two neighbours. The spectrum is then resampled, by cubic convolution
 * interpolation (Keys, IEEE Trans. ASSP 29 (1981) 1153, doi:10.1109/TASSP.1981.1163711), at {@code E + E_zlp - E_ref}
 * on the unchanged channel grid, so every ZLP lands on {@code E_ref}: 0 eV when {@code calibrate} is true (energy
 * calibration from the ZLP), otherwise the median ZLP position. Because interpolation moves the parabola vertex of a
 * sampled peak by a few hundredths of a channel, the shift is refined (at most 5 passes) until the resampled
 * spectrum's vertex lies at {@code E_ref}. Channels that would need data from outside the
 * measured range are cropped from the output when {@code crop} is true (as HyperSpy's
 * {@code align_zero_loss_peak(crop=True)}), otherwise set to NaN.
 *
 * <p>In thick areas (t/λ ≳ 1.7) the first plasmon peak can be higher than the ZLP: give {@code searchLow} and
 * {@code searchHigh} around the expected ZLP position then.
 *
 * <p>Extra output {@code shifts}: {@code E_zlp - E_ref} per pixel, eV, shape {@code [nav...]}.
 */
public final class ZlpAlign implements Preprocessor {

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.ofBoolean("calibrate", true, "true: move every ZLP to 0 eV; false: to the median ZLP position"),
                new ParameterSpec("searchLow", Double.class, null, null, null, "eV", "lowest energy searched for the ZLP maximum (default: axis start)"),
                new ParameterSpec("searchHigh", Double.class, null, null, null, "eV", "highest energy searched for the ZLP maximum (default: axis end)"),
                ParameterSpec.ofBoolean("crop", true, "crop channels not covered by every shifted spectrum (false: fill them with NaN)"));
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(References.egerton("§4.1 (ZLP and energy calibration)"), References.hyperspy("EELSSpectrum.align_zero_loss_peak"));
    }

    @Override
    public List<String> extraOutputs() {
        return List.of("shifts");
    }

    /**
     * Sub-channel position of the maximum of {@code y[off .. off+n)} within channels {@code lo..hi}, as a fractional
     * channel index (parabola vertex through the maximum and its neighbours).
     *
     * @param y values
     * @param off first value of the spectrum
     * @param lo first channel searched
     * @param hi last channel searched (inclusive)
     * @return fractional channel index
     */
    public static double peakChannel(double[] y, int off, int lo, int hi) {
        int m = lo;
        for (int i = lo + 1; i <= hi; i++) {
            if (y[off + i] > y[off + m]) {
                m = i;
            }
        }
        if (m == lo || m == hi) {
            return m;
        }
        double a = y[off + m - 1];
        double b = y[off + m];
        double c = y[off + m + 1];
        double den = a - 2 * b + c;
        return den == 0 ? m : m + 0.5 * (a - c) / den;
    }

    @Override
    public Result apply(Dataset data, Map<String, Dataset> auxiliary, Parameters p, ProgressMonitor monitor) {
        Axis e = Spectra.signalAxis(data, "ZLP alignment input");
        int n = e.size();
        if (n < 3) {
            throw new IllegalArgumentException("ZLP alignment needs at least 3 channels, the data have " + n);
        }
        int lo = p.has("searchLow") ? e.index(p.getDouble("searchLow")) : 0;
        int hi = p.has("searchHigh") ? e.index(p.getDouble("searchHigh")) : n - 1;
        if (lo > hi) {
            int t = lo;
            lo = hi;
            hi = t;
        }
        double[] y = Spectra.values(data);
        int pixels = (int) data.navigationSize();
        double[] pos = new double[pixels];
        for (int q = 0; q < pixels; q++) {
            pos[q] = e.value(0) + peakChannel(y, q * n, lo, hi) * e.scale();
        }
        double ref = 0;
        if (!p.getBoolean("calibrate")) {
            double[] s = pos.clone();
            Arrays.sort(s);
            ref = s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
        }
        double[] shifts = new double[pixels];
        double minShift = Double.POSITIVE_INFINITY;
        double maxShift = Double.NEGATIVE_INFINITY;
        for (int q = 0; q < pixels; q++) {
            shifts[q] = pos[q] - ref;
            minShift = Math.min(minShift, shifts[q] / e.scale());
            maxShift = Math.max(maxShift, shifts[q] / e.scale());
        }
        // output channel k samples the input at fractional channel k + shift; valid while 0 <= k + shift <= n - 1
        int first = 0;
        int last = n - 1;
        if (p.getBoolean("crop")) {
            first = (int) Math.ceil(-minShift - 1e-9);
            first = Math.max(0, first);
            last = (int) Math.floor(n - 1 - maxShift + 1e-9);
            last = Math.min(n - 1, last);
            if (last < first) {
                throw new IllegalArgumentException("ZLP shifts span " + (maxShift - minShift) + " channels, more than the " + n + " channels of the data");
            }
        }
        int m = last - first + 1;
        double[] out = new double[pixels * m];
        monitor.begin("ZLP alignment", pixels);
        double[] full = new double[n];
        for (int q = 0; q < pixels; q++) {
            // refine: the interpolated peak's parabola vertex is biased by a few hundredths of a channel, so correct the
            // shift until the resampled spectrum's vertex is at the reference (at most 5 passes; converges in 2-3)
            double s = shifts[q] / e.scale();
            int refIdx = (int) Math.round((ref - e.value(0)) / e.scale());
            for (int it = 0; it < 5; it++) {
                for (int k = 0; k < n; k++) {
                    double v = cubic(y, q * n, n, k + s);
                    full[k] = Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
                }
                double residual = e.value(0) + peakChannel(full, 0, Math.max(0, lo - (int) Math.ceil(Math.abs(s))), Math.min(n - 1, hi + (int) Math.ceil(Math.abs(s))))
                        * e.scale() - ref;
                if (Math.abs(residual) < 1e-4 * e.scale() || refIdx < 0) {
                    break;
                }
                s += residual / e.scale();
            }
            for (int k = 0; k < m; k++) {
                out[q * m + k] = cubic(y, q * n, n, first + k + s);
            }
            monitor.worked(1);
        }
        monitor.done();
        Axis outAxis = new Axis(e.name(), m, e.scale(), e.value(first), e.units(), false);
        Dataset aligned = Spectra.withSignal(data, outAxis, out);
        return new Result(aligned, Map.of("shifts", Spectra.map(data, shifts, "ZLP shifts", "ZLP position - reference (eV)")));
    }

    /**
     * Cubic-convolution (Keys, a = -0.5) interpolation of {@code y[off .. off+n)} at fractional channel {@code x};
     * NaN outside {@code [0, n-1]}; edge samples are repeated beyond the ends.
     */
    static double cubic(double[] y, int off, int n, double x) {
        if (x < -1e-9 || x > n - 1 + 1e-9) {
            return Double.NaN;
        }
        int i = (int) Math.floor(x);
        double t = x - i;
        double p0 = y[off + Math.clamp(i - 1, 0, n - 1)];
        double p1 = y[off + Math.clamp(i, 0, n - 1)];
        double p2 = y[off + Math.clamp(i + 1, 0, n - 1)];
        double p3 = y[off + Math.clamp(i + 2, 0, n - 1)];
        return p1 + 0.5 * t * (p2 - p0 + t * (2 * p0 - 5 * p1 + 4 * p2 - p3 + t * (3 * (p1 - p2) + p3 - p0)));
    }
}
