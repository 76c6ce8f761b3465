package tessera.eels.internal;

/**
 * In-place iterative radix-2 complex FFT (Cooley–Tukey), for the spectral deconvolutions. Lengths must be powers of
 * two; callers zero-pad. Convention as numpy.fft: forward {@code X_k = sum x_n exp(-2 pi i k n / N)}, inverse with
 * {@code 1/N}.
 *
 * <p>Source: J. W. Cooley, J. W. Tukey, Math. Comp. 19 (1965) 297, doi:10.1090/S0025-5718-1965-0178586-1.
 */
public final class Fft {
    /** Twiddle tables by log2(n): {cos, sin}, stage len at offset len/2 − 1, entries cos/sin(−2πk/len). */
    private static final double[][][] TWIDDLES = new double[31][][];

    private Fft() {
    }

    /**
     * The twiddle factors of every stage of a length-n transform, computed once per length (the same values
     * {@code cos(ang k)}, {@code sin(ang k)} with {@code ang = -2π/len} that a per-butterfly evaluation gives, so the
     * results do not depend on the table).
     */
    private static double[][] twiddles(int n) {
        int log = Integer.numberOfTrailingZeros(n);
        double[][] t;
        synchronized (TWIDDLES) {
            t = TWIDDLES[log];
        }
        if (t != null) {
            return t;
        }
        double[] c = new double[Math.max(1, n - 1)];
        double[] s = new double[c.length];
        for (int len = 2; len <= n; len <<= 1) {
            double ang = 2 * Math.PI / len * -1;
            for (int k = 0; k < len / 2; k++) {
                c[len / 2 - 1 + k] = Math.cos(ang * k);
                s[len / 2 - 1 + k] = Math.sin(ang * k);
            }
        }
        t = new double[][] { c, s };
        synchronized (TWIDDLES) {
            TWIDDLES[log] = t;
        }
        return t;
    }

    /**
     * @param n minimum length
     * @return the smallest power of two ≥ n
     */
    public static int nextPow2(int n) {
        int p = 1;
        while (p < n) {
            p <<= 1;
        }
        return p;
    }

    /**
     * Transforms {@code (re, im)} in place.
     *
     * @param re real parts, length a power of two
     * @param im imaginary parts, same length
     * @param inverse true for the inverse transform (scaled by 1/N)
     * @throws IllegalArgumentException if the length is not a power of two
     */
    public static void transform(double[] re, double[] im, boolean inverse) {
        int n = re.length;
        if (Integer.bitCount(n) != 1 || im.length != n) {
            throw new IllegalArgumentException("FFT length must be a power of two, got " + n);
        }
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        double[][] tw = twiddles(n);
        double[] cos = tw[0];
        double[] sin = tw[1];
        double sign = inverse ? -1 : 1;
        for (int len = 2; len <= n; len <<= 1) {
            int half = len / 2;
            int base = half - 1;
            for (int i = 0; i < n; i += len) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[base + k];
                    double wi = sign * sin[base + k];
                    int a = i + k;
                    int b = a + half;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
        if (inverse) {
            for (int i = 0; i < n; i++) {
                re[i] /= n;
                im[i] /= n;
            }
        }
    }
}
