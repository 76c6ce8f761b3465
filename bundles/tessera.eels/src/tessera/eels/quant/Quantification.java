package tessera.eels.quant;

import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.eels.internal.Spectra;

/**
 * Quantification from background-subtracted edge intensities and partial cross sections (Egerton, <i>Electron
 * Energy-Loss Spectroscopy in the Electron Microscope</i>, 3rd ed., Springer 2011, doi:10.1007/978-1-4419-9583-4,
 * §4.5.1, eq. 4.65–4.66):
 * <ul>
 * <li>atomic ratio N_A/N_B = (I_A(β, Δ_A) σ_B(β, Δ_B)) / (I_B(β, Δ_B) σ_A(β, Δ_A));</li>
 * <li>absolute areal density N = I_k(β, Δ) / (I_l(β, Δ) σ_k(β, Δ)), I_l the low-loss intensity integrated up to
 * Δ (zero loss included).</li>
 * </ul>
 * Units: intensities in counts, σ in barn (1 barn = 1e-24 cm² = 1e-10 nm²), areal densities in atoms/nm².
 */
public final class Quantification {
    /** atoms/nm² per (atoms/barn): 1 barn = 1e-10 nm² */
    public static final double PER_NM2_PER_BARN = 1e10;

    private Quantification() {
    }

    /**
     * An atomic ratio with its standard deviation (from the counting statistics of the intensities; the cross
     * sections' own error, typically 5–20 % for hydrogenic ones (Egerton §4.5.2), is not included).
     *
     * @param numerator e.g. {@code "O_K"}
     * @param denominator e.g. {@code "Ti_L3"}
     * @param value N_A/N_B
     * @param sigma standard deviation of the ratio
     */
    public record Ratio(String numerator, String denominator, double value, double sigma) {
    }

    /**
     * N_A/N_B = (I_A/σ_A)/(I_B/σ_B) with first-order error propagation.
     *
     * @param a edge A's label
     * @param iA I_A in counts
     * @param sdA standard deviation of I_A in counts
     * @param sigmaA σ_A(β, Δ_A) in barn (&gt; 0)
     * @param b edge B's label
     * @param iB I_B in counts
     * @param sdB standard deviation of I_B in counts
     * @param sigmaB σ_B(β, Δ_B) in barn (&gt; 0)
     * @return the ratio (NaN if I_B is 0)
     * @throws IllegalArgumentException if a cross section is not positive
     */
    public static Ratio ratio(String a, double iA, double sdA, double sigmaA, String b, double iB, double sdB, double sigmaB) {
        if (!(sigmaA > 0 && sigmaB > 0)) {
            throw new IllegalArgumentException("cross sections must be positive: " + a + " " + sigmaA + ", " + b + " " + sigmaB + " barn");
        }
        double v = (iA / sigmaA) / (iB / sigmaB);
        double rel = Math.sqrt(sq(sdA / iA) + sq(sdB / iB));
        return new Ratio(a, b, v, Math.abs(v) * rel);
    }

    /**
     * Absolute areal density N = I_k / (I_l σ_k) (Egerton §4.5.1, eq. 4.65).
     *
     * @param iK background-subtracted core-loss intensity over Δ in counts
     * @param iLow low-loss intensity up to Δ in counts (same acquisition time and gain as I_k)
     * @param sigmaBarn σ_k(β, Δ) in barn
     * @return N in atoms/nm²
     */
    public static double arealDensity(double iK, double iLow, double sigmaBarn) {
        return iK / (iLow * sigmaBarn) * PER_NM2_PER_BARN;
    }

    /**
     * Low-loss intensity I_l(Δ) per pixel: the counts of every channel below Δ eV (zero loss included).
     *
     * @param lowLoss low-loss spectrum [nE] or spectrum image [nav..., nE], ZLP calibrated to 0 eV
     * @param deltaEv upper limit Δ in eV (&gt; 0)
     * @return I_l in counts, one value per pixel (row-major, length = navigation size, 1 for one spectrum)
     * @throws IllegalArgumentException if the low loss has no single signal axis, or Δ is not above its first channel
     */
    public static double[] lowLossIntegral(Dataset lowLoss, double deltaEv) {
        Axis e = Spectra.signalAxis(lowLoss, "low-loss spectrum");
        if (!(deltaEv > e.value(0))) {
            throw new IllegalArgumentException("low-loss integration limit " + deltaEv + " eV must exceed the low-loss axis start " + e.value(0) + " eV");
        }
        int n = e.size();
        int end = 0;
        while (end < n && e.value(end) < deltaEv) {
            end++;
        }
        double[] y = Spectra.values(lowLoss);
        int pixels = (int) lowLoss.navigationSize();
        double[] out = new double[pixels];
        for (int q = 0; q < pixels; q++) {
            double s = 0;
            for (int i = 0; i < end; i++) {
                s += y[q * n + i];
            }
            out[q] = s;
        }
        return out;
    }

    private static double sq(double x) {
        return x * x;
    }
}
