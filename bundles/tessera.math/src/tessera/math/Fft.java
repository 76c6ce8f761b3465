package tessera.math;

/**
 * In-place complex FFTs for spectra (deconvolutions) and images (autocorrelation, sliding-window FFTs): iterative radix-2 (Cooley–Tukey) for powers of two, and any
 * length through Bluestein's chirp-z algorithm (so a padding length can equal HyperSpy's, which pads to scipy's
 * {@code next_fast_len}). Convention as numpy.fft: forward {@code X_k = sum x_n exp(-2 pi i k n / N)}, inverse with
 * {@code 1/N}.
 *
 * <p>Sources: J. W. Cooley, J. W. Tukey, Math. Comp. 19 (1965) 297, doi:10.1090/S0025-5718-1965-0178586-1;
 * L. I. Bluestein, IEEE Trans. Audio Electroacoust. 18 (1970) 451, doi:10.1109/TAU.1970.1162132.
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
     * The smallest 11-smooth number (no prime factor above 11) ≥ n: scipy's {@code next_fast_len(n)} for complex
     * transforms, which HyperSpy 1.7.3's {@code optimal_fft_size} uses to pad.
     *
     * @param n minimum length (&ge; 1)
     * @return the padding length
     */
    public static int nextFastLen(int n) {
        for (int m = Math.max(n, 1);; m++) {
            int r = m;
            for (int p : new int[] { 2, 3, 5, 7, 11 }) {
                while (r % p == 0) {
                    r /= p;
                }
            }
            if (r == 1) {
                return m;
            }
        }
    }

    /**
     * Transforms {@code (re, im)} in place, any length ≥ 1 (radix-2 for powers of two, otherwise Bluestein with a
     * radix-2 convolution of length ≥ 2N − 1).
     *
     * @param re real parts
     * @param im imaginary parts, same length
     * @param inverse true for the inverse transform (scaled by 1/N)
     * @throws IllegalArgumentException if the lengths differ or are 0
     */
    public static void transformAny(double[] re, double[] im, boolean inverse) {
        int n = re.length;
        if (n == 0 || im.length != n) {
            throw new IllegalArgumentException("FFT needs two arrays of one positive length, got " + n + " and " + im.length);
        }
        if (Integer.bitCount(n) == 1) {
            transform(re, im, inverse);
            return;
        }
        if (inverse) {
            // ifft(x) = conj(fft(conj(x))) / N
            for (int i = 0; i < n; i++) {
                im[i] = -im[i];
            }
            transformAny(re, im, false);
            for (int i = 0; i < n; i++) {
                re[i] /= n;
                im[i] = -im[i] / n;
            }
            return;
        }
        int m = nextPow2(2 * n - 1);
        double[] wr = new double[n];
        double[] wi = new double[n];
        for (int k = 0; k < n; k++) {
            // exp(-i pi k^2 / n), k^2 reduced mod 2n for accuracy
            double ang = Math.PI * (double) ((long) k * k % (2L * n)) / n;
            wr[k] = Math.cos(ang);
            wi[k] = -Math.sin(ang);
        }
        double[] ar = new double[m];
        double[] ai = new double[m];
        for (int k = 0; k < n; k++) {
            ar[k] = re[k] * wr[k] - im[k] * wi[k];
            ai[k] = re[k] * wi[k] + im[k] * wr[k];
        }
        double[] br = new double[m];
        double[] bi = new double[m];
        br[0] = wr[0];
        bi[0] = -wi[0];
        for (int k = 1; k < n; k++) {
            br[k] = br[m - k] = wr[k];
            bi[k] = bi[m - k] = -wi[k];
        }
        transform(ar, ai, false);
        transform(br, bi, false);
        for (int k = 0; k < m; k++) {
            double r = ar[k] * br[k] - ai[k] * bi[k];
            ai[k] = ar[k] * bi[k] + ai[k] * br[k];
            ar[k] = r;
        }
        transform(ar, ai, true);
        for (int k = 0; k < n; k++) {
            re[k] = ar[k] * wr[k] - ai[k] * wi[k];
            im[k] = ar[k] * wi[k] + ai[k] * wr[k];
        }
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

    /**
     * Transforms a row-major 2-D array {@code [ny, nx]} in place: every row, then every column, each of any length (as
     * {@code numpy.fft.fft2}; the inverse scaled by {@code 1/(ny nx)}).
     *
     * @param re      real parts, length {@code ny*nx}
     * @param im      imaginary parts, same length
     * @param ny      number of rows ≥ 1
     * @param nx      number of columns ≥ 1
     * @param inverse true for the inverse transform
     * @throws IllegalArgumentException if the lengths do not equal {@code ny*nx}
     */
    public static void transform2d(double[] re, double[] im, int ny, int nx, boolean inverse) {
        if (ny < 1 || nx < 1 || re.length != (long) ny * nx || im.length != re.length) {
            throw new IllegalArgumentException("2-D FFT of " + ny + " x " + nx + " needs two arrays of that size, got " + re.length + " and " + im.length);
        }
        double[] r = new double[nx];
        double[] i = new double[nx];
        for (int y = 0; y < ny; y++) {
            System.arraycopy(re, y * nx, r, 0, nx);
            System.arraycopy(im, y * nx, i, 0, nx);
            transformAny(r, i, inverse);
            System.arraycopy(r, 0, re, y * nx, nx);
            System.arraycopy(i, 0, im, y * nx, nx);
        }
        double[] cr = new double[ny];
        double[] ci = new double[ny];
        for (int x = 0; x < nx; x++) {
            for (int y = 0; y < ny; y++) {
                cr[y] = re[y * nx + x];
                ci[y] = im[y * nx + x];
            }
            transformAny(cr, ci, inverse);
            for (int y = 0; y < ny; y++) {
                re[y * nx + x] = cr[y];
                im[y * nx + x] = ci[y];
            }
        }
    }
}
