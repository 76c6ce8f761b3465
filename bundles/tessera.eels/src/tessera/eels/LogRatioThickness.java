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
                ind = -1;
                double best = Double.POSITIVE_INFINITY;
                for (int i = Math.max(lo, 2); i <= Math.min(hi, n - 3); i++) {
                    double d = Math.abs((y[off + i - 2] - 8 * y[off + i - 1] + 8 * y[off + i + 1] - y[off + i + 2]) / (12 * h));
                    if (d < best) {
                        best = d;
                        ind = i;
                    }
                }
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
}
