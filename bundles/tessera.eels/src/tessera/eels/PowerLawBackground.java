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
 * {@code tessera.eels.remove-background}: fits a power law {@code B(E) = A E^-r} (counts per channel, E in eV) to each
 * pixel's spectrum in a window {@code [low, high]} eV before an edge and subtracts it from the whole spectrum, as
 * HyperSpy 1.7.3's {@code remove_background(signal_range=(low, high), background_type='PowerLaw', zero_fill=False)}.
 *
 * <p>Methods ({@code method}):
 * <ul>
 * <li>{@code two-area} (HyperSpy's {@code fast=True} default, {@code PowerLaw.estimate_parameters}): the window is
 * split at its middle channel {@code E3} into two halves with sums {@code I1}, {@code I2};
 * {@code r = 2 ln(I1/I2) / ln(E2/E1)} and {@code A = (1 - r) I2 / (E2^(1-r) - E3^(1-r))} per eV, times the channel
 * width (Egerton 2011, §4.4.2, eq. 4.64–4.65);</li>
 * <li>{@code log-ls}: linear least squares of {@code ln I} against {@code ln E} over the window's positive channels
 * (Egerton 2011, §4.4.2).</li>
 * </ul>
 * Extra outputs {@code A} (counts per channel at 1 eV) and {@code r} (dimensionless), shape {@code [nav...]}.
 */
public final class PowerLawBackground implements Preprocessor {

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(new ParameterSpec("low", Double.class, null, null, null, "eV", "start of the fit window (required)"),
                new ParameterSpec("high", Double.class, null, null, null, "eV", "end of the fit window (required)"),
                ParameterSpec.ofString("method", "two-area", "two-area | log-ls"));
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(References.egerton("§4.4.2 (power-law background fitting)"), References.hyperspy("EELSSpectrum.remove_background, PowerLaw.estimate_parameters"));
    }

    @Override
    public List<String> extraOutputs() {
        return List.of("A", "r");
    }

    @Override
    public Result apply(Dataset data, Map<String, Dataset> auxiliary, Parameters p, ProgressMonitor monitor) {
        Axis e = Spectra.signalAxis(data, "background input");
        if (!p.has("low") || !p.has("high")) {
            throw new IllegalArgumentException("the background window needs both 'low' and 'high' (eV)");
        }
        String method = p.getString("method");
        if (!method.equals("two-area") && !method.equals("log-ls")) {
            throw new IllegalArgumentException("method must be 'two-area' or 'log-ls', got '" + method + "'");
        }
        int i1 = e.index(p.getDouble("low"));
        int i2 = e.index(p.getDouble("high"));
        if (i2 - i1 < 2 || e.value(i1) <= 0) {
            throw new IllegalArgumentException("background window " + p.getDouble("low") + "–" + p.getDouble("high") + " eV must lie at positive energies inside the axis ("
                    + e.value(0) + " to " + e.high() + " eV) and span at least 3 channels");
        }
        int n = e.size();
        double[] y = Spectra.values(data);
        int pixels = (int) data.navigationSize();
        double[] out = new double[y.length];
        double[] aa = new double[pixels];
        double[] rr = new double[pixels];
        for (int q = 0; q < pixels; q++) {
            int off = q * n;
            double[] ar = method.equals("two-area") ? twoArea(y, off, e, i1, i2) : logLeastSquares(y, off, e, i1, i2);
            aa[q] = ar[0];
            rr[q] = ar[1];
            for (int i = 0; i < n; i++) {
                double x = e.value(i);
                out[off + i] = y[off + i] - (x > 0 ? ar[0] * Math.pow(x, -ar[1]) : 0);
            }
        }
        return new Result(Spectra.withSignal(data, e, out), Map.of("A", Spectra.map(data, aa, "power-law A", "counts per channel at 1 eV"), "r",
                Spectra.map(data, rr, "power-law r", "exponent")));
    }

    /**
     * Fits the power law to one spectrum's channels {@code i1..i2} (the window as {@link #apply} chooses it:
     * {@code i1 = axis.index(low)}, {@code i2 = axis.index(high)}), for callers that fit many windows per pixel
     * (elemental maps, {@code tessera.eels.quant}).
     *
     * @param y counts per channel, row-major spectra
     * @param off offset of the spectrum's first channel in {@code y}
     * @param e the energy axis (eV), positive over the window
     * @param i1 first channel of the window
     * @param i2 last channel (two-area: as HyperSpy, the halves are {@code [i1, i3)} and {@code [i3, i2)})
     * @param twoArea true for the two-area estimate (Egerton 2011 §4.4.2, eq. 4.64–4.65), false for log-log least
     *        squares
     * @return {A (counts per channel at 1 eV), r}; NaN where the window's counts do not define a power law
     */
    public static double[] fit(double[] y, int off, Axis e, int i1, int i2, boolean twoArea) {
        return twoArea ? twoArea(y, off, e, i1, i2) : logLeastSquares(y, off, e, i1, i2);
    }

    /** HyperSpy 1.7.3 PowerLaw.estimate_parameters for binned data; returns {A, r}. */
    static double[] twoArea(double[] y, int off, Axis e, int i1, int i2) {
        if ((i2 + i1) % 2 != 0) {
            i2 -= 1;
        }
        int i3 = (i2 + i1) / 2;
        double x1 = e.value(i1);
        double x2 = e.value(i2);
        double x3 = e.value(i3);
        double s1 = 0;
        double s2 = 0;
        for (int i = i1; i < i3; i++) {
            s1 += y[off + i];
        }
        for (int i = i3; i < i2; i++) {
            s2 += y[off + i];
        }
        double r = 2 * Math.log(s1 / s2) / Math.log(x2 / x1);
        double k = 1 - r;
        double a = k * s2 / (Math.pow(x2, k) - Math.pow(x3, k)) * e.scale();
        return new double[] { a, r };
    }

    /** Least squares of ln y on ln E over channels i1..i2 with y > 0; returns {A, r}. */
    static double[] logLeastSquares(double[] y, int off, Axis e, int i1, int i2) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int m = 0;
        for (int i = i1; i <= i2; i++) {
            double v = y[off + i];
            if (v > 0) {
                double lx = Math.log(e.value(i));
                double ly = Math.log(v);
                sx += lx;
                sy += ly;
                sxx += lx * lx;
                sxy += lx * ly;
                m++;
            }
        }
        if (m < 2) {
            return new double[] { Double.NaN, Double.NaN };
        }
        double slope = (m * sxy - sx * sy) / (m * sxx - sx * sx);
        double icpt = (sy - slope * sx) / m;
        return new double[] { Math.exp(icpt), -slope };
    }
}
