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
import tessera.math.Fft;
import tessera.eels.internal.Spectra;

/**
 * {@code tessera.eels.fourier-ratio}: Fourier-ratio deconvolution of a core-loss spectrum (Egerton 2011, §4.2.2):
 * the single-scattering core-loss distribution {@code K = I0 · F⁻¹[ Z · J_K / J_L ]}, where {@code J_K} is the Fourier
 * transform of the core-loss spectrum (background removed, ideally), {@code J_L} that of the low-loss spectrum
 * (auxiliary input {@code lowloss}, zero-loss peak included), {@code Z} that of a unit-area Gaussian of the zero-loss
 * FWHM centred at 0 eV (it keeps the ZLP's resolution and suppresses the noise that the division amplifies) and
 * {@code I0} the zero-loss intensity (the low-loss summed below the elastic threshold). The result has the core-loss
 * energy axis.
 *
 * <p>As HyperSpy 1.7.3's {@code EELSSpectrum.fourier_ratio_deconvolution(ll)}: the core loss is extended by 100
 * channels of a power law fitted (two-area method, {@link PowerLawBackground}) to its last 20 channels and the low loss
 * by 100 channels fitted to its last 100 ({@code extrapolateCoreLoss}, {@code extrapolateLowLoss}); both are then
 * tapered at both ends with half Hann windows over max(round(2 % of the channels), 20) channels; both are zero padded
 * to scipy's {@code next_fast_len(n_L + n_K − 1)} (n_L after extrapolation, n_K before) against wrap-around; the
 * Gaussian is sampled on the low-loss axis from its first energy. The threshold defaults to the first minimum of the
 * low-loss derivative between 1 and 11 eV ({@code estimate_elastic_scattering_threshold}), the FWHM to the zero-loss
 * peak's full width at half maximum (crossings of half the maximum interpolated with a local cubic; HyperSpy fits an
 * interpolating spline through the whole spectrum and uses its roots). The inverse transform is numpy's {@code irfft} of the
 * first half of the spectrum, as HyperSpy (for an odd padding length that is not the exact inverse; we keep it for
 * agreement). Differences: HyperSpy estimates the FWHM once from the current pixel and the threshold with a tolerance
 * shared by all pixels; we estimate both per low-loss spectrum.
 *
 * <p>The {@code lowloss} dataset is either one spectrum for every pixel or one per pixel (same navigation shape), with
 * the data's energy scale; its offset may differ (it starts below 0 eV). Extra outputs {@code I0} (counts) and
 * {@code fwhm} (eV), shape {@code [nav...]}.
 */
public final class FourierRatioDeconvolution implements Preprocessor {

    private static final int EXTRA = 100;

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.ofDouble("fwhm", null, 0.0, null, "eV", "FWHM of the reconvolving Gaussian (default: the zero-loss FWHM)"),
                ParameterSpec.ofDouble("threshold", null, null, null, "eV",
                        "elastic threshold for I0 (default: first minimum of the low-loss derivative in 1..11 eV)"),
                ParameterSpec.ofBoolean("extrapolateLowLoss", true, "extend the low loss by 100 channels of a power law"),
                ParameterSpec.ofBoolean("extrapolateCoreLoss", true, "extend the core loss by 100 channels of a power law"));
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(References.egerton("§4.2.2 (Fourier-ratio deconvolution)"), References.hyperspy("EELSSpectrum.fourier_ratio_deconvolution"));
    }

    @Override
    public List<String> auxiliaryInputs() {
        return List.of("lowloss");
    }

    @Override
    public List<String> requiredAuxiliaryInputs() {
        return List.of("lowloss");
    }

    @Override
    public List<String> extraOutputs() {
        return List.of("I0", "fwhm");
    }

    @Override
    public Result apply(Dataset data, Map<String, Dataset> auxiliary, Parameters p, ProgressMonitor monitor) {
        Axis e = Spectra.signalAxis(data, "Fourier-ratio core-loss input");
        Dataset ll = auxiliary.get("lowloss");
        Axis el = Spectra.signalAxis(ll, "low-loss spectrum 'lowloss'");
        if (Math.abs(el.scale() - e.scale()) > 1e-6 * Math.abs(e.scale())) {
            throw new IllegalArgumentException("low-loss energy scale " + el.scale() + " eV/channel differs from the core loss's " + e.scale());
        }
        int n = e.size();
        int pixels = (int) data.navigationSize();
        long llPixels = ll.navigationSize();
        if (llPixels != 1 && llPixels != pixels) {
            throw new IllegalArgumentException("low loss has " + llPixels + " spectra; need 1 or one per pixel (" + pixels + ")");
        }
        boolean exK = p.getBoolean("extrapolateCoreLoss");
        boolean exL = p.getBoolean("extrapolateLowLoss");
        if ((exK && n < 20) || (exL && el.size() < EXTRA)) {
            throw new IllegalArgumentException("power-law extrapolation needs at least 20 core-loss and 100 low-loss channels");
        }
        double[] y = Spectra.values(data);
        double[] yl = Spectra.values(ll);
        int nl = el.size();
        int nlx = nl + (exL ? EXTRA : 0);
        int nkx = n + (exK ? EXTRA : 0);
        int size = Fft.nextFastLen(nlx + n - 1);
        double[] out = new double[pixels * n];
        double[] i0s = new double[pixels];
        double[] fwhms = new double[pixels];
        double[][] low = null;
        monitor.begin("Fourier-ratio deconvolution", pixels);
        for (int q = 0; q < pixels; q++) {
            if (low == null || llPixels > 1) {
                low = lowLoss(yl, llPixels == 1 ? 0 : q * nl, el, exL, size, p);
            }
            double[] lr = low[0];
            double[] li = low[1];
            double[] zr = low[2];
            double[] zi = low[3];
            double i0 = low[4][0];
            double[] kr = new double[size];
            double[] ki = new double[size];
            double[] k = extend(y, q * n, e, n, exK ? 20 : 0, exK ? EXTRA : 0);
            taper(k);
            System.arraycopy(k, 0, kr, 0, nkx);
            Fft.transformAny(kr, ki, false);
            for (int j = 0; j < size; j++) {
                // Z * K / L
                double den = lr[j] * lr[j] + li[j] * li[j];
                double ar = (kr[j] * lr[j] + ki[j] * li[j]) / den;
                double ai = (ki[j] * lr[j] - kr[j] * li[j]) / den;
                kr[j] = zr[j] * ar - zi[j] * ai;
                ki[j] = zr[j] * ai + zi[j] * ar;
            }
            double[] res = inverseReal(kr, ki);
            for (int i = 0; i < n; i++) {
                out[q * n + i] = res[i] * i0;
            }
            i0s[q] = i0;
            fwhms[q] = low[4][1];
            monitor.worked(1);
        }
        monitor.done();
        return new Result(Spectra.withSignal(data, e, out), Map.of("I0", Spectra.map(data, i0s, "zero-loss intensity I0", "counts"), "fwhm",
                Spectra.map(data, fwhms, "reconvolution FWHM", "FWHM (eV)")));
    }

    /**
     * numpy's {@code irfft(X[:size/2 + 1])} with its default length 2·(size/2): the inverse of the Hermitian spectrum
     * built from the first half of {@code X} (imaginary parts of the zero and Nyquist bins dropped). For an even size
     * this is the real part of the full inverse; for an odd size it is what HyperSpy computes (one sample shorter).
     */
    private static double[] inverseReal(double[] xr, double[] xi) {
        int nOut = 2 * (xr.length / 2);
        int half = nOut / 2;
        double[] yr = new double[nOut];
        double[] yi = new double[nOut];
        yr[0] = xr[0];
        yr[half] = xr[half];
        for (int k = 1; k < half; k++) {
            yr[k] = xr[k];
            yi[k] = xi[k];
            yr[nOut - k] = xr[k];
            yi[nOut - k] = -xi[k];
        }
        Fft.transformAny(yr, yi, true);
        return yr;
    }

    /** FFT of the prepared low loss and of the Gaussian, plus {I0, fwhm}: {lr, li, zr, zi, {i0, fwhm}}. */
    private static double[][] lowLoss(double[] yl, int off, Axis el, boolean extrapolate, int size, Parameters p) {
        int nl = el.size();
        double h = el.scale();
        int ind;
        if (p.has("threshold")) {
            ind = el.index(p.getDouble("threshold"));
        } else {
            int lo = el.index(1.0);
            int hi = el.index(11.0);
            if (el.value(0) > 1.0 || hi - lo < 10) {
                throw new IllegalArgumentException("the low loss must cover 1..11 eV to estimate the elastic threshold (it spans " + el.value(0) + " to "
                        + el.high() + " eV); give 'threshold'");
            }
            ind = LogRatioThickness.elasticThresholdIndex(yl, off, nl, h, lo, hi);
        }
        double[] l = extend(yl, off, el, nl, extrapolate ? EXTRA : 0, extrapolate ? EXTRA : 0);
        taper(l);
        double i0 = 0;
        for (int i = 0; i < ind; i++) {
            i0 += l[i];
        }
        double fwhm = p.has("fwhm") ? p.getDouble("fwhm") : fwhm(l, el);
        if (!(fwhm > 0)) {
            throw new IllegalArgumentException(p.has("fwhm") ? "fwhm must be positive, got " + fwhm
                    : "could not estimate the zero-loss FWHM from the low loss (no half-maximum crossings on both sides); give 'fwhm'");
        }
        double[] lr = new double[size];
        double[] li = new double[size];
        System.arraycopy(l, 0, lr, 0, l.length);
        Fft.transformAny(lr, li, false);
        double sigma = fwhm / 2.3548;
        double[] zr = new double[size];
        double[] zi = new double[size];
        for (int i = 0; i < size; i++) {
            double x = el.value(i);
            zr[i] = Math.exp(-x * x / (2 * sigma * sigma)) / (sigma * Math.sqrt(2 * Math.PI));
        }
        Fft.transformAny(zr, zi, false);
        return new double[][] { lr, li, zr, zi, { i0, fwhm } };
    }

    /**
     * One spectrum, extended by {@code extra} channels of the power law fitted (two-area) to its last {@code window}
     * channels, as HyperSpy's {@code power_law_extrapolation} on binned data.
     */
    static double[] extend(double[] y, int off, Axis e, int n, int window, int extra) {
        double[] out = new double[n + extra];
        System.arraycopy(y, off, out, 0, n);
        if (extra > 0) {
            double[] ar = PowerLawBackground.twoArea(y, off, e, n - window, n - 1);
            for (int i = n; i < n + extra; i++) {
                out[i] = ar[0] * Math.pow(e.value(i), -ar[1]);
            }
        }
        return out;
    }

    /** Half Hann windows on both ends over max(round(2 %), 20) channels, as HyperSpy's {@code hanning_taper()}. */
    static void taper(double[] d) {
        int c = Math.max((int) Math.rint(0.02 * d.length), 20);
        c = Math.min(c, d.length / 2);
        for (int i = 0; i < c; i++) {
            // numpy.hanning(2c)[i] = 0.5 - 0.5 cos(2 pi i / (2c - 1))
            double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (2 * c - 1));
            d[i] *= w;
            d[d.length - 1 - i] *= w;
        }
    }

    /** Full width at half maximum of the highest peak, crossings by local cubic interpolation; NaN if none. */
    static double fwhm(double[] d, Axis e) {
        int m = 0;
        for (int i = 1; i < d.length; i++) {
            if (d[i] > d[m]) {
                m = i;
            }
        }
        double half = 0.5 * d[m];
        int r = m;
        while (r + 1 < d.length && d[r + 1] > half) {
            r++;
        }
        int l = m;
        while (l - 1 >= 0 && d[l - 1] > half) {
            l--;
        }
        if (r + 1 >= d.length || l - 1 < 0) {
            return Double.NaN;
        }
        return (crossing(d, r, half) - crossing(d, l - 1, half)) * e.scale();
    }

    /** the channel position (fractional) in [i, i+1] where the cubic through channels i-1..i+2 equals level */
    private static double crossing(double[] d, int i, double level) {
        int a = Math.max(0, Math.min(i - 1, d.length - 4));
        double lo = i;
        double hi = i + 1;
        double flo = cubic(d, a, lo) - level;
        for (int it = 0; it < 60; it++) {
            double mid = 0.5 * (lo + hi);
            double fm = cubic(d, a, mid) - level;
            if ((fm < 0) == (flo < 0)) {
                lo = mid;
                flo = fm;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** Lagrange cubic through channels a..a+3 at fractional channel x */
    private static double cubic(double[] d, int a, double x) {
        double s = 0;
        for (int j = 0; j < 4; j++) {
            double w = 1;
            for (int k = 0; k < 4; k++) {
                if (k != j) {
                    w *= (x - (a + k)) / (double) (j - k);
                }
            }
            s += w * d[a + j];
        }
        return s;
    }
}
