package tessera.eels;

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
 * {@code tessera.eels.thickness}: relative thickness t/λ by the log-ratio method, {@code t/λ = ln(I_t / I_0)}
 * (Egerton 2011, §5.1.1), per pixel, from a low-loss spectrum that contains the whole zero-loss peak.
 *
 * <p>{@code I_t} is the sum of all channels; {@code I_0} the sum of the channels below the elastic-scattering
 * threshold. Without a given {@code threshold}, each pixel's threshold is the first channel in
 * {@code [start, start + window]} eV where the absolute first derivative (5-point Savitzky–Golay, cubic,
 * coefficients {@code (1, -8, 0, 8, -1) / 12}) is smallest: the inflexion/first-minimum rule of HyperSpy 1.7.3's
 * {@code estimate_elastic_scattering_threshold} (with its defaults window 10 eV, start 1 eV, window_length 5,
 * polynomial_order 3), except that HyperSpy's tolerance is shared between pixels, ours is per pixel. Channels are
 * summed (binned data), as HyperSpy's {@code estimate_elastic_scattering_intensity}. No angular correction.
 *
 * <p>The data pass unchanged; extra outputs {@code thickness} (t/λ, dimensionless) and {@code threshold} (eV), shape
 * {@code [nav...]}.
 */
public final class LogRatioThickness implements Preprocessor {

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(new ParameterSpec("threshold", Double.class, null, null, null, "eV", "elastic-scattering threshold for every pixel (default: estimated per pixel)"),
                ParameterSpec.ofDouble("start", 1.0, null, null, "eV", "start of the threshold search"),
                ParameterSpec.ofDouble("window", 10.0, 0.0, null, "eV", "width of the threshold search"));
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(References.egerton("§5.1.1 (log-ratio method)"), References.hyperspy("EELSSpectrum.estimate_thickness, estimate_elastic_scattering_threshold"));
    }

    @Override
    public List<String> extraOutputs() {
        return List.of("thickness", "threshold");
    }

    @Override
    public Result apply(Dataset data, Map<String, Dataset> auxiliary, Parameters p, ProgressMonitor monitor) {
        Axis e = Spectra.signalAxis(data, "thickness input");
        int n = e.size();
        double[] y = Spectra.values(data);
        int pixels = (int) data.navigationSize();
        double[] t = new double[pixels];
        double[] thr = new double[pixels];
        int lo = e.index(p.getDouble("start"));
        int hi = e.index(p.getDouble("start") + p.getDouble("window"));
        if (!p.has("threshold") && (e.value(0) > p.getDouble("start") || hi - lo < 10)) {
            throw new IllegalArgumentException("the threshold search window " + p.getDouble("start") + " + " + p.getDouble("window")
                    + " eV must lie inside the energy axis (" + e.value(0) + " to " + e.high() + " eV) and span at least 10 channels");
        }
        double h = e.scale();
        for (int q = 0; q < pixels; q++) {
            int off = q * n;
            int ind;
            if (p.has("threshold")) {
                ind = e.index(p.getDouble("threshold"));
            } else {
                ind = elasticThresholdIndex(y, off, n, h, lo, hi);
            }
            double i0 = 0;
            double it = 0;
            for (int i = 0; i < n; i++) {
                it += y[off + i];
                if (i < ind) {
                    i0 += y[off + i];
                }
            }
            thr[q] = ind < 0 ? Double.NaN : e.value(ind);
            t[q] = ind <= 0 ? Double.NaN : Math.log(it / i0);
        }
        return new Result(data, Map.of("thickness", Spectra.map(data, t, "t/lambda (log-ratio)", "t/lambda"), "threshold",
                Spectra.map(data, thr, "elastic scattering threshold", "energy loss (eV)")));
    }

    /** Savitzky–Golay (5 points, cubic) first-derivative weights for positions 0..4 of a 5-point window. */
    private static final double[][] SG = { { -125 / 84.0, 34 / 21.0, 4 / 7.0, -22 / 21.0, 29 / 84.0 },
            { -19 / 42.0, -1 / 42.0, 2 / 7.0, 13 / 42.0, -5 / 42.0 }, { 1 / 12.0, -2 / 3.0, 0, 2 / 3.0, -1 / 12.0 },
            { 5 / 42.0, -13 / 42.0, -2 / 7.0, 1 / 42.0, 19 / 42.0 }, { -29 / 84.0, 22 / 21.0, -4 / 7.0, -34 / 21.0, 125 / 84.0 } };

    /**
     * HyperSpy 1.7.3's {@code estimate_elastic_scattering_threshold} for one spectrum: the first minimum of |dI/dE|
     * over channels {@code lo..hi-1}, the derivative taken by a Savitzky–Golay filter (5 points, order 3) of that
     * slice alone, whose two first and two last points use the cubic fitted to the slice's first (last) five points
     * (scipy's {@code savgol_filter(mode='interp')}). HyperSpy compares against the largest per-pixel minimum of all
     * pixels; we take each pixel's own first minimum.
     *
     * @param y spectra, row-major
     * @param off offset of the spectrum in {@code y}
     * @param n channels per spectrum
     * @param h channel width in eV
     * @param lo first channel of the slice
     * @param hi end of the slice (exclusive)
     * @return the channel index, or -1 if the slice is shorter than 5 channels or leaves the spectrum
     */
    static int elasticThresholdIndex(double[] y, int off, int n, double h, int lo, int hi) {
        int m = hi - lo;
        if (m < 5 || lo < 0 || hi > n) {
            return -1;
        }
        int ind = -1;
        double best = Double.POSITIVE_INFINITY;
        for (int k = 0; k < m; k++) {
            int pos;
            int a;
            if (k < 2) {
                pos = k;
                a = lo;
            } else if (k >= m - 2) {
                pos = k - (m - 5);
                a = hi - 5;
            } else {
                pos = 2;
                a = lo + k - 2;
            }
            double d = 0;
            for (int j = 0; j < 5; j++) {
                d += SG[pos][j] * y[off + a + j];
            }
            d = Math.abs(d / h);
            if (d < best) {
                best = d;
                ind = lo + k;
            }
        }
        return ind;
    }
}
