package tessera.eels.sim;

import java.util.SplittableRandom;

import tessera.math.Fft;

/**
 * Numerics shared by the simulators ({@link EelsSimulator}, {@link Phantom} and the white-line
 * simulator of tessera.eels.valence): plural scattering, Poisson noise, seeding. Stateless and thread-safe.
 */
public final class SimSupport {

    private SimSupport() {
    }

    /**
     * In place: core ⊗ (ZLP ⊗ Σ_{n=0}^{orders} P_n S^{⊗n} / Σ P_n) on the periodic grid (channel 0 = 0 eV loss,
     * negative losses wrap to the end), with a Lorentzian ZLP of FWHM {@code zlpFwhm}, a Drude plasmon loss function
     * S(E) = E E_p² Γ/((E² − E_p²)² + (EΓ)²) of unit area and Poisson weights P_n = (t/λ)^n e^{−t/λ}/n! (Egerton 2011,
     * §3.3.1 and §4.1). The kernel has unit area, so the convolution keeps the total counts.
     *
     * @param core the signal on channels of width scaleEv, length a power of two; replaced by the convolution
     * @param scaleEv channel width, eV
     * @param zlpFwhm ZLP FWHM, eV
     * @param ep plasmon energy E_p, eV
     * @param gp plasmon width Γ, eV
     * @param orders highest plasmon order
     * @param tl t/λ
     */
    public static void convolveWithLowLoss(double[] core, double scaleEv, double zlpFwhm, double ep, double gp, int orders, double tl) {
        int n = core.length;
        double[] zr = new double[n];
        double[] zi = new double[n];
        double[] sr = new double[n];
        double[] si = new double[n];
        double hw = zlpFwhm / 2;
        double zs = 0;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double e = (i < n / 2 ? i : i - n) * scaleEv;
            zr[i] = hw / (Math.PI * (e * e + hw * hw));
            zs += zr[i];
            if (e > 0) {
                double d = e * e - ep * ep;
                sr[i] = e * ep * ep * gp / (d * d + e * e * gp * gp);
                ss += sr[i];
            }
        }
        double[] cr = core;
        double[] ci = new double[n];
        Fft.transform(zr, zi, false);
        Fft.transform(sr, si, false);
        Fft.transform(cr, ci, false);
        double[] pn = new double[orders + 1];
        double norm = 0;
        double fact = 1;
        for (int k = 0; k <= orders; k++) {
            if (k > 0) {
                fact *= k;
            }
            pn[k] = Math.pow(tl, k) * Math.exp(-tl) / fact;
            norm += pn[k];
        }
        for (int i = 0; i < n; i++) {
            double a = sr[i] / ss;
            double b = si[i] / ss;
            double lr = pn[0];
            double li = 0;
            double pr = 1;
            double pi = 0;
            for (int k = 1; k <= orders; k++) {
                double t = pr * a - pi * b;
                pi = pr * b + pi * a;
                pr = t;
                lr += pn[k] * pr;
                li += pn[k] * pi;
            }
            lr /= norm;
            li /= norm;
            double zre = zr[i] / zs;
            double zim = zi[i] / zs;
            double kr = zre * lr - zim * li;
            double ki = zre * li + zim * lr;
            double t = cr[i] * kr - ci[i] * ki;
            ci[i] = cr[i] * ki + ci[i] * kr;
            cr[i] = t;
        }
        Fft.transform(cr, ci, true);
    }

    /**
     * A Poisson draw (Knuth's product method below a mean of 30, the rounded normal approximation N(μ, μ) at or
     * above).
     *
     * @param r random source
     * @param mean mean μ &ge; 0
     * @return the count
     */
    public static double poisson(SplittableRandom r, double mean) {
        if (mean < 30) {
            double l = Math.exp(-mean);
            int k = 0;
            double p = r.nextDouble();
            while (p > l) {
                k++;
                p *= r.nextDouble();
            }
            return k;
        }
        return Math.max(0, Math.rint(mean + Math.sqrt(mean) * r.nextGaussian()));
    }

    /**
     * The SplitMix64 finaliser of (seed, index): the stream seed of item {@code index} of a seeded sequence.
     *
     * @param seed sequence seed
     * @param index item index
     * @return the item's seed
     */
    public static long mix(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + index;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
