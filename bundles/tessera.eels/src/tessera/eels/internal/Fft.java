package tessera.eels.internal;

/**
 * In-place iterative radix-2 complex FFT (Cooley–Tukey), for the spectral deconvolutions. Lengths must be powers of
 * two; callers zero-pad. Convention as numpy.fft: forward {@code X_k = sum x_n exp(-2 pi i k n / N)}, inverse with
 * {@code 1/N}.
 *
 * <p>Source: J. W. Cooley, J. W. Tukey, Math. Comp. 19 (1965) 297, doi:10.1090/S0025-5718-1965-0178586-1.
 */
public final class Fft {
    private Fft() {
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
        for (int len = 2; len <= n; len <<= 1) {
            double ang = 2 * Math.PI / len * (inverse ? 1 : -1);
            for (int i = 0; i < n; i += len) {
                for (int k = 0; k < len / 2; k++) {
                    double wr = Math.cos(ang * k);
                    double wi = Math.sin(ang * k);
                    int a = i + k;
                    int b = a + len / 2;
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
