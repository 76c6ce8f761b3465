package tessera.math;

import java.util.SplittableRandom;

/** Poisson variates for simulated counts (the EDX phantoms, the lattice images). */
public final class Poisson {
    private Poisson() {
    }

    /**
     * One Poisson variate: Knuth's multiplication method for λ &lt; 30 (D. E. Knuth, The Art of Computer Programming
     * vol. 2, 3rd ed. 1997, §3.4.1), the transformed rejection PTRS of W. Hörmann, Insurance Math. Econom. 12 (1993)
     * 39, doi:10.1016/0167-6687(93)90997-4, above.
     *
     * @param lambda mean, ≥ 0
     * @param rng    the generator
     * @return k ≥ 0
     */
    public static long sample(double lambda, SplittableRandom rng) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda < 30) {
            double l = Math.exp(-lambda), p = 1;
            long k = 0;
            do {
                k++;
                p *= rng.nextDouble();
            } while (p > l);
            return k - 1;
        }
        double slam = Math.sqrt(lambda), loglam = Math.log(lambda);
        double b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b;
        double invalpha = 1.1239 + 1.1328 / (b - 3.4), vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = rng.nextDouble() - 0.5, v = rng.nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + lambda + 0.43);
            if (us >= 0.07 && v <= vr) {
                return k;
            }
            if (k < 0 || us < 0.013 && v > us) {
                continue;
            }
            if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - logFactorial(k)) {
                return k;
            }
        }
    }

    /** @return ln k! (exact sum below 20, Stirling's series above) */
    static double logFactorial(long k) {
        if (k < 20) {
            double s = 0;
            for (long i = 2; i <= k; i++) {
                s += Math.log(i);
            }
            return s;
        }
        double x = k + 1.0;
        return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x) + 1 / (1260 * Math.pow(x, 5));
    }
}
