package tessera.lattice;

/**
 * Sub-pixel registration of images by phase correlation with the matrix-multiply DFT upsampling of Guizar-Sicairos,
 * Thurman and Fienup, Opt. Lett. 33 (2008) 156, doi:10.1364/OL.33.000156 — the method of scikit-image's
 * {@code registration.phase_cross_correlation} (normalisation "phase"), whose shifts it reproduces.
 * <p>
 * Plain cross-correlation is the default of this class (chosen on simulated low-dose lattices, where phase
 * correlation locks onto the fixed image frame; on the real ABF movie of ../shared/data it also leaves the smaller
 * residual when the columns are matched). Conventions: {@link #shift} returns the translation (dy, dx) in px that registers the moving image with the reference
 * (the moving image shifted by it coincides with the reference), as scikit-image; the drift of a frame, the
 * displacement of its content relative to the reference frame, is its negative.
 */
public final class SeriesAlignment {
    private SeriesAlignment() {
    }

    /**
     * The translation that registers {@code moving} with {@code reference}, by plain cross-correlation.
     *
     * @param reference pixels {@code [ny*nx]}
     * @param moving    pixels {@code [ny*nx]}
     * @param ny        rows
     * @param nx        columns
     * @param upsample  sub-pixel precision 1/upsample px (1: whole pixels; 100: 0.01 px)
     * @return (dy, dx) in px
     * @throws IllegalArgumentException if the arrays are not {@code ny*nx} long or upsample < 1
     */
    public static double[] shift(double[] reference, double[] moving, int ny, int nx, int upsample) {
        return shift(reference, moving, ny, nx, upsample, false);
    }

    /**
     * The translation that registers {@code moving} with {@code reference}, by plain cross-correlation or by phase
     * correlation (the cross-power spectrum divided by its modulus: scikit-image's default, sharper on textured images
     * but at the mercy of the noise on low-dose lattice images, whose signal sits in a few Bragg spots).
     *
     * @param reference pixels {@code [ny*nx]}
     * @param moving    pixels {@code [ny*nx]}
     * @param ny        rows
     * @param nx        columns
     * @param upsample  sub-pixel precision 1/upsample px
     * @param phase     true for phase correlation ({@code normalization="phase"}), false for plain cross-correlation
     *                  ({@code normalization=None})
     * @return (dy, dx) in px
     * @throws IllegalArgumentException if the arrays are not {@code ny*nx} long or upsample < 1
     */
    public static double[] shift(double[] reference, double[] moving, int ny, int nx, int upsample, boolean phase) {
        return shift(reference, moving, ny, nx, upsample, phase, 0);
    }

    /**
     * As {@link #shift(double[], double[], int, int, int, boolean)}, the whole-pixel peak searched only within
     * ±{@code maxShift} px in y and x (0: everywhere) — a lattice image correlates about equally well at every
     * lattice translation, and a bound below half the column spacing keeps the right one.
     *
     * @param reference pixels {@code [ny*nx]}
     * @param moving    pixels {@code [ny*nx]}
     * @param ny        rows
     * @param nx        columns
     * @param upsample  sub-pixel precision 1/upsample px
     * @param phase     phase correlation (true) or plain cross-correlation (false)
     * @param maxShift  largest |dy|, |dx| in px for the peak, or 0 for no bound
     * @return (dy, dx) in px
     * @throws IllegalArgumentException if the arrays are not {@code ny*nx} long, upsample < 1 or maxShift < 0
     */
    public static double[] shift(double[] reference, double[] moving, int ny, int nx, int upsample, boolean phase, int maxShift) {
        if (maxShift < 0) {
            throw new IllegalArgumentException("maxShift must be ≥ 0, got " + maxShift);
        }
        if (reference.length != (long) ny * nx || moving.length != reference.length) {
            throw new IllegalArgumentException("images of " + ny + " × " + nx + " px expected, got " + reference.length + " and " + moving.length + " values");
        }
        if (upsample < 1) {
            throw new IllegalArgumentException("upsample must be ≥ 1, got " + upsample);
        }
        int n = ny * nx;
        double[] ar = reference.clone(), ai = new double[n], br = moving.clone(), bi = new double[n];
        tessera.math.Fft.transform2d(ar, ai, ny, nx, false);
        tessera.math.Fft.transform2d(br, bi, ny, nx, false);
        // R = A conj(B) / |A conj(B)|
        double[] rr = new double[n], ri = new double[n];
        double eps = 100 * Math.ulp(1.0);
        for (int k = 0; k < n; k++) {
            double re = ar[k] * br[k] + ai[k] * bi[k], im = ai[k] * br[k] - ar[k] * bi[k];
            double m = phase ? Math.max(Math.hypot(re, im), eps) : 1;
            rr[k] = re / m;
            ri[k] = im / m;
        }
        double[] cr = rr.clone(), ci = ri.clone();
        tessera.math.Fft.transform2d(cr, ci, ny, nx, true);
        int best = 0;
        double bv = -1;
        for (int k = 0; k < n; k++) {
            if (maxShift > 0) {
                int ky = k / nx, kx = k % nx;
                if (Math.min(ky, ny - ky) > maxShift || Math.min(kx, nx - kx) > maxShift) {
                    continue;
                }
            }
            double v = cr[k] * cr[k] + ci[k] * ci[k];
            if (v > bv) {
                bv = v;
                best = k;
            }
        }
        double sy = best / nx, sx = best % nx;
        if (sy > ny / 2) {
            sy -= ny;
        }
        if (sx > nx / 2) {
            sx -= nx;
        }
        if (upsample == 1) {
            return new double[] {sy, sx};
        }
        sy = Math.rint(sy * upsample) / upsample;
        sx = Math.rint(sx * upsample) / upsample;
        int region = (int) Math.ceil(upsample * 1.5);
        double dftshift = Math.floor(region / 2.0);
        double offY = dftshift - sy * upsample, offX = dftshift - sx * upsample;
        // cross-correlation on the upsampled grid: conj(DFT_up(conj(R))) = Σ R(k, l) exp(+2πi (u_y f_k + u_x f_l))
        double[][] cc = upsampledCorrelation(rr, ri, ny, nx, region, upsample, offY, offX);
        int by = 0, bx = 0;
        bv = -1;
        for (int y = 0; y < region; y++) {
            for (int x = 0; x < region; x++) {
                double v = cc[0][y * region + x] * cc[0][y * region + x] + cc[1][y * region + x] * cc[1][y * region + x];
                if (v > bv) {
                    bv = v;
                    by = y;
                    bx = x;
                }
            }
        }
        return new double[] {sy + (by - dftshift) / upsample, sx + (bx - dftshift) / upsample};
    }

    /**
     * {@code conj(Σ conj(R)(k, l) exp(−2πi ((y − offY) f_k + (x − offX) f_l)))} for region × region points, with
     * {@code f} the DFT sample frequencies divided by upsample, separably (x first).
     */
    private static double[][] upsampledCorrelation(double[] rr, double[] ri, int ny, int nx, int region, int up, double offY, double offX) {
        // along x: T(k, x) = Σ_l conj(R)(k, l) e_x(x, l), e_x = exp(−2πi (x − offX) f_l)
        double[] tr = new double[ny * region], ti = new double[ny * region];
        double[] ecr = new double[region * nx], eci = new double[region * nx];
        for (int x = 0; x < region; x++) {
            for (int l = 0; l < nx; l++) {
                double a = -2 * Math.PI * (x - offX) * freq(l, nx, up);
                ecr[x * nx + l] = Math.cos(a);
                eci[x * nx + l] = Math.sin(a);
            }
        }
        for (int k = 0; k < ny; k++) {
            for (int x = 0; x < region; x++) {
                double sr = 0, si = 0;
                for (int l = 0; l < nx; l++) {
                    double dr = rr[k * nx + l], di = -ri[k * nx + l];
                    double er = ecr[x * nx + l], ei = eci[x * nx + l];
                    sr += dr * er - di * ei;
                    si += dr * ei + di * er;
                }
                tr[k * region + x] = sr;
                ti[k * region + x] = si;
            }
        }
        double[] or = new double[region * region], oi = new double[region * region];
        for (int y = 0; y < region; y++) {
            double[] er = new double[ny], ei = new double[ny];
            for (int k = 0; k < ny; k++) {
                double a = -2 * Math.PI * (y - offY) * freq(k, ny, up);
                er[k] = Math.cos(a);
                ei[k] = Math.sin(a);
            }
            for (int x = 0; x < region; x++) {
                double sr = 0, si = 0;
                for (int k = 0; k < ny; k++) {
                    double dr = tr[k * region + x], di = ti[k * region + x];
                    sr += dr * er[k] - di * ei[k];
                    si += dr * ei[k] + di * er[k];
                }
                or[y * region + x] = sr;
                oi[y * region + x] = -si; // the outer conjugate
            }
        }
        return new double[][] {or, oi};
    }

    /** numpy.fft.fftfreq(n, d = up)[k]. */
    private static double freq(int k, int n, int up) {
        int m = k < (n + 1) / 2 ? k : k - n;
        return m / ((double) n * up);
    }

    /**
     * A frame minus its mean, times a 2-D Hann window: the correlation of two tapered frames falls off with the shift,
     * so of the equally good translations of a lattice image (every lattice vector matches the columns again) the
     * smallest wins — without it, columns that change intensity between frames let a shift by a whole lattice vector
     * win (seen on simulated switching columns: 174 of 200 frames registered 2 cells off).
     */
    static double[] tapered(double[] img, int ny, int nx) {
        double mean = 0;
        for (double v : img) {
            mean += v / img.length;
        }
        double[] out = new double[img.length];
        for (int y = 0; y < ny; y++) {
            double wy = ny > 1 ? 0.5 - 0.5 * Math.cos(2 * Math.PI * y / (ny - 1)) : 1;
            for (int x = 0; x < nx; x++) {
                double wx = nx > 1 ? 0.5 - 0.5 * Math.cos(2 * Math.PI * x / (nx - 1)) : 1;
                out[y * nx + x] = (img[y * nx + x] - mean) * wy * wx;
            }
        }
        return out;
    }

    /**
     * The drift of every frame of a series relative to its first: each frame registered with frame 0, both frames
     * mean-subtracted and Hann-tapered first ({@link #tapered}), so a drift is found modulo nothing but must be
     * smaller than about half the field of view.
     *
     * @param frames   frames {@code [f][ny*nx]}
     * @param ny       rows
     * @param nx       columns
     * @param upsample sub-pixel precision 1/upsample px
     * @param phase    phase correlation (true) or plain cross-correlation (false)
     * @return drift {@code [f][2]} (dy, dx) in px: where frame 0's content is in frame i, minus where it is in frame 0;
     *         0 for frame 0
     */
    public static double[][] drift(double[][] frames, int ny, int nx, int upsample, boolean phase) {
        return drift(frames, ny, nx, upsample, phase, 0);
    }

    /**
     * The drift of every frame relative to the first; with {@code maxStep} > 0 each frame is registered with the one
     * before it, the whole-pixel peak within ±maxStep px ({@link #shift(double[], double[], int, int, int, boolean, int)}),
     * and the steps are summed — for lattice images whose columns change between frames, where a shift by a lattice
     * vector can otherwise win.
     *
     * @param frames   frames {@code [f][ny*nx]}
     * @param ny       rows
     * @param nx       columns
     * @param upsample sub-pixel precision 1/upsample px
     * @param phase    phase correlation (true) or plain cross-correlation (false)
     * @param maxStep  largest drift between consecutive frames in px, or 0 to register every frame with the first
     * @return drift {@code [f][2]} (dy, dx) in px, 0 for frame 0
     */
    public static double[][] drift(double[][] frames, int ny, int nx, int upsample, boolean phase, int maxStep) {
        double[][] d = new double[frames.length][2];
        double[] first = tapered(frames[0], ny, nx), prev = first;
        for (int i = 1; i < frames.length; i++) {
            double[] cur = tapered(frames[i], ny, nx);
            double[] s = shift(maxStep > 0 ? prev : first, cur, ny, nx, upsample, phase, maxStep);
            d[i][0] = (maxStep > 0 ? d[i - 1][0] : 0) - s[0];
            d[i][1] = (maxStep > 0 ? d[i - 1][1] : 0) - s[1];
            prev = cur;
        }
        return d;
    }
}
