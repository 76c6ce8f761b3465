package tessera.eels.quant;

import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.eels.PowerLawBackground;
import tessera.eels.internal.Spectra;

/**
 * A background-subtracted, integrated core-loss signal per pixel with its counting-statistics uncertainty
 * (Egerton, <i>Electron Energy-Loss Spectroscopy in the Electron Microscope</i>, 3rd ed., Springer 2011,
 * doi:10.1007/978-1-4419-9583-4, §4.4.2 background fitting and §4.5.4 (h-factor) statistical error).
 * <p>
 * Per pixel: a power law {@code A E^-r} is fitted in the window's pre-edge part (two-area, as HyperSpy 1.7.3's
 * {@code remove_background(fast=True)}, or log-log least squares; {@link PowerLawBackground#fit}), extrapolated and
 * subtracted, and the remainder summed over the integration channels, in counts (HyperSpy's {@code integrate1D} of a
 * binned signal). The variance is var(I) = T + var(B): T = I + B the total counts in the integration window
 * (Poisson), B the extrapolated background, var(B) = Σ_j (∂B/∂y_j)² y_j over the fit channels (central differences
 * of the fit), i.e. Egerton's var(I) = I + h·B with h = 1 + var(B)/B. The data must be counts (electron counts per
 * channel) for the variance to mean something.
 *
 * @param label the edge's name, e.g. {@code "Cu_L3"}
 * @param window the windows used
 * @param intensity background-subtracted integral I in counts, shape [nav...] ([1] for one spectrum), navigation
 *        axes kept (as signal axes of the map)
 * @param sigma standard deviation of I in counts, same shape
 */
public record ElementalMap(String label, IntegrationWindow window, Dataset intensity, Dataset sigma) {

    /**
     * Computes the map.
     *
     * @param data spectrum [nE], line scan [n, nE] or spectrum image [ny, nx, nE] in counts, energy axis in eV last
     * @param label the edge's name, e.g. {@code "Cu_L3"}
     * @param window background and integration windows
     * @param twoArea true: two-area background estimate (HyperSpy's fast default); false: log-log least squares
     * @return the map and its uncertainty
     * @throws IllegalArgumentException if the data have no single signal axis or a window lies outside the axis or
     *         spans fewer than 3 background channels or no signal channel
     */
    public static ElementalMap integrate(Dataset data, String label, IntegrationWindow window, boolean twoArea) {
        Axis e = Spectra.signalAxis(data, "elemental map input");
        double lo = e.value(0);
        double hi = e.high();
        if (window.backgroundLowEv() < Math.min(lo, hi) - Math.abs(e.scale()) / 2 || window.signalHighEv() > Math.max(lo, hi) + Math.abs(e.scale()) / 2) {
            throw new IllegalArgumentException(label + ": windows " + window.backgroundLowEv() + "–" + window.signalHighEv() + " eV reach outside the energy axis ("
                    + lo + " to " + hi + " eV)");
        }
        int i1 = e.index(window.backgroundLowEv());
        int i2 = e.index(window.backgroundHighEv());
        int s1 = e.index(window.signalLowEv());
        int s2 = e.index(window.signalHighEv());
        if (i2 - i1 < 2 || e.value(i1) <= 0) {
            throw new IllegalArgumentException(label + ": background window " + window.backgroundLowEv() + "–" + window.backgroundHighEv()
                    + " eV must span at least 3 channels at positive energies");
        }
        if (s2 <= s1) {
            throw new IllegalArgumentException(label + ": integration window " + window.signalLowEv() + "–" + window.signalHighEv() + " eV holds no channel");
        }
        int n = e.size();
        int pixels = (int) data.navigationSize();
        double[] y = Spectra.values(data);
        double[] pw = new double[s2 - s1];
        for (int i = s1; i < s2; i++) {
            pw[i - s1] = e.value(i);
        }
        double[] map = new double[pixels];
        double[] sd = new double[pixels];
        for (int q = 0; q < pixels; q++) {
            int off = q * n;
            double b = background(y, off, e, i1, i2, twoArea, pw);
            double total = 0;
            for (int i = s1; i < s2; i++) {
                total += y[off + i];
            }
            map[q] = total - b;
            // var(B) by central differences of the fit with respect to each fit channel
            double varB = 0;
            for (int j = i1; j <= i2; j++) {
                double v = y[off + j];
                double h = 1e-4 * Math.max(1, Math.abs(v));
                y[off + j] = v + h;
                double bp = background(y, off, e, i1, i2, twoArea, pw);
                y[off + j] = v - h;
                double bm = background(y, off, e, i1, i2, twoArea, pw);
                y[off + j] = v;
                double d = (bp - bm) / (2 * h);
                varB += d * d * Math.max(v, 0);
            }
            sd[q] = Math.sqrt(Math.max(total, 0) + varB);
        }
        String what = label.replace('_', '-') + " (background-subtracted, " + window.signalLowEv() + "–" + window.signalHighEv() + " eV)";
        return new ElementalMap(label, window, Spectra.map(data, map, what, "integrated intensity (counts)"),
                Spectra.map(data, sd, what + " standard deviation", "standard deviation (counts)"));
    }

    /** Extrapolated background summed over the integration channels' energies {@code pw}. */
    private static double background(double[] y, int off, Axis e, int i1, int i2, boolean twoArea, double[] pw) {
        double[] ar = PowerLawBackground.fit(y, off, e, i1, i2, twoArea);
        double s = 0;
        for (double x : pw) {
            s += ar[0] * Math.pow(x, -ar[1]);
        }
        return s;
    }
}
