package tessera.lattice.internal;

/**
 * Least-squares fit of one 2-D elliptical Gaussian on a constant background to the pixels of a disc, by
 * Levenberg–Marquardt with the analytic Jacobian:
 * {@code f(y, x) = B + A exp(−(a dx² + 2b dx dy + c dy²))}, {@code dx = x − x0}, {@code dy = y − y0}, the quadratic form
 * kept positive definite. The shape is reported as σ<sub>a</sub> ≥ σ<sub>b</sub> and the rotation of the a axis (the
 * eigen-decomposition of {@code [[a, b], [b, c]] = R diag(1/(2σ²)) Rᵀ}); the 1σ uncertainties come from the covariance
 * {@code s² (JᵀJ)⁻¹} with {@code s² = RSS / (m − 7)}.
 * <p>
 * Sources: K. Levenberg, Q. Appl. Math. 2 (1944) 164, doi:10.1090/qam/10666; D. W. Marquardt, J. SIAM 11 (1963) 431,
 * doi:10.1137/0111030; the per-column model as Atomap's {@code refine_atom_positions_using_2d_gaussian} (M. Nord et al.,
 * Adv. Struct. Chem. Imaging 3 (2017) 9, doi:10.1186/s40679-017-0042-5).
 */
public final class GaussianFit {
    private static final int P = 7;
    private static final int MAX_ITERATIONS = 60;

    /** fitted y0, x0 (px) */
    public double y0, x0;
    /** 1σ of y0, x0 (px) */
    public double sy0, sx0;
    /** amplitude above background, background (image units) */
    public double amplitude, background;
    /** σa ≥ σb (px), rotation of the a axis from +x towards +y (rad) */
    public double sigmaA, sigmaB, rotation;
    /** RMS residual (image units) */
    public double rms;

    private GaussianFit() {
    }

    /**
     * Fits the disc of radius {@code radius} around {@code (y, x)}.
     *
     * @param img    pixels {@code [ny*nx]}
     * @param ny     rows
     * @param nx     columns
     * @param y      start row (px)
     * @param x      start column (px)
     * @param radius disc radius (px)
     * @return the fit, or null if it has fewer pixels than 3 × 7, diverges, leaves the disc, is not a peak, is wider
     *         than the disc (σa > radius) or has an amplitude above 3 × the disc's range
     */
    public static GaussianFit fit(double[] img, int ny, int nx, double y, double x, double radius) {
        int r = (int) Math.ceil(radius);
        int cy = (int) Math.round(y), cx = (int) Math.round(x);
        int m = 0;
        int cap = (2 * r + 1) * (2 * r + 1);
        double[] py = new double[cap], px = new double[cap], v = new double[cap];
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int yy = Math.max(0, cy - r); yy <= Math.min(ny - 1, cy + r); yy++) {
            for (int xx = Math.max(0, cx - r); xx <= Math.min(nx - 1, cx + r); xx++) {
                double dy = yy - y, dx = xx - x;
                if (dy * dy + dx * dx <= radius * radius) {
                    py[m] = yy;
                    px[m] = xx;
                    v[m] = img[yy * nx + xx];
                    lo = Math.min(lo, v[m]);
                    hi = Math.max(hi, v[m]);
                    m++;
                }
            }
        }
        if (m < 3 * P || !(hi > lo)) {
            return null;
        }
        double s0 = radius / 2;
        double[] p = {hi - lo, y, x, 1 / (2 * s0 * s0), 0, 1 / (2 * s0 * s0), lo};
        double[] jtj = new double[P * P], jtr = new double[P], jrow = new double[P], trial = new double[P], delta = new double[P];
        double rss = rss(p, py, px, v, m);
        double lambda = 1e-3;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            java.util.Arrays.fill(jtj, 0);
            java.util.Arrays.fill(jtr, 0);
            for (int k = 0; k < m; k++) {
                double res = v[k] - model(p, py[k], px[k], jrow);
                for (int i = 0; i < P; i++) {
                    jtr[i] += jrow[i] * res;
                    for (int j = 0; j <= i; j++) {
                        jtj[i * P + j] += jrow[i] * jrow[j];
                    }
                }
            }
            for (int i = 0; i < P; i++) {
                for (int j = 0; j < i; j++) {
                    jtj[j * P + i] = jtj[i * P + j];
                }
            }
            boolean improved = false;
            for (int tries = 0; tries < 12; tries++) {
                double[] a = jtj.clone();
                for (int i = 0; i < P; i++) {
                    a[i * P + i] *= 1 + lambda;
                }
                if (!Cholesky.solve(a, jtr, delta, P)) {
                    lambda *= 10;
                    continue;
                }
                for (int i = 0; i < P; i++) {
                    trial[i] = p[i] + delta[i];
                }
                double tr = valid(trial) ? rss(trial, py, px, v, m) : Double.POSITIVE_INFINITY;
                if (tr < rss) {
                    double gain = rss - tr;
                    System.arraycopy(trial, 0, p, 0, P);
                    rss = tr;
                    lambda = Math.max(lambda / 10, 1e-12);
                    improved = true;
                    if (gain <= 1e-12 * rss) {
                        it = MAX_ITERATIONS;
                    }
                    break;
                }
                lambda *= 10;
            }
            if (!improved) {
                break;
            }
        }
        double dyc = p[1] - y, dxc = p[2] - x;
        if (!(p[0] > 0) || dyc * dyc + dxc * dxc > radius * radius || !valid(p)) {
            return null;
        }
        // covariance s² (JᵀJ)⁻¹ at the optimum
        java.util.Arrays.fill(jtj, 0);
        for (int k = 0; k < m; k++) {
            model(p, py[k], px[k], jrow);
            for (int i = 0; i < P; i++) {
                for (int j = 0; j < P; j++) {
                    jtj[i * P + j] += jrow[i] * jrow[j];
                }
            }
        }
        double s2 = rss / (m - P);
        double[] cov = Cholesky.inverse(jtj, P);
        GaussianFit f = new GaussianFit();
        f.amplitude = p[0];
        f.y0 = p[1];
        f.x0 = p[2];
        f.background = p[6];
        f.sy0 = cov == null ? Double.NaN : Math.sqrt(Math.max(0, s2 * cov[1 * P + 1]));
        f.sx0 = cov == null ? Double.NaN : Math.sqrt(Math.max(0, s2 * cov[2 * P + 2]));
        f.rms = Math.sqrt(rss / m);
        // [[a, b], [b, c]] with b the dx·dy coefficient: eigenvalues λ = 1/(2σ²)
        double a = p[3], b = p[4], c = p[5];
        double mean = (a + c) / 2, d = Math.sqrt(((a - c) / 2) * ((a - c) / 2) + b * b);
        double l1 = mean - d, l2 = mean + d; // smaller eigenvalue → larger σ
        f.sigmaA = Math.sqrt(1 / (2 * l1));
        f.sigmaB = Math.sqrt(1 / (2 * l2));
        // eigenvector of l1 in (x, y): angle from +x towards +y
        double theta = 0.5 * Math.atan2(2 * b, a - c) + Math.PI / 2;
        if (theta > Math.PI / 2) {
            theta -= Math.PI;
        }
        f.rotation = d == 0 ? 0 : theta;
        // a Gaussian wider than the disc or far above the data's range is a degenerate fit (a broad hump on a sunken
        // background), not a column
        if (!(f.sigmaA <= radius) || f.amplitude > 3 * (hi - lo)) {
            return null;
        }
        return f;
    }

    private static boolean valid(double[] p) {
        return p[3] > 0 && p[5] > 0 && p[3] * p[5] - p[4] * p[4] > 0 && Double.isFinite(p[0]) && Double.isFinite(p[1]) && Double.isFinite(p[2]);
    }

    /** The model at (y, x), its partial derivatives into {@code j} (order A, y0, x0, a, b, c, B). */
    private static double model(double[] p, double y, double x, double[] j) {
        double dy = y - p[1], dx = x - p[2];
        double e = Math.exp(-(p[3] * dx * dx + 2 * p[4] * dx * dy + p[5] * dy * dy));
        double ae = p[0] * e;
        j[0] = e;
        j[1] = ae * (2 * p[4] * dx + 2 * p[5] * dy);
        j[2] = ae * (2 * p[3] * dx + 2 * p[4] * dy);
        j[3] = -ae * dx * dx;
        j[4] = -2 * ae * dx * dy;
        j[5] = -ae * dy * dy;
        j[6] = 1;
        return p[6] + ae;
    }

    private static double rss(double[] p, double[] py, double[] px, double[] v, int m) {
        double s = 0;
        for (int k = 0; k < m; k++) {
            double dy = py[k] - p[1], dx = px[k] - p[2];
            double f = p[6] + p[0] * Math.exp(-(p[3] * dx * dx + 2 * p[4] * dx * dy + p[5] * dy * dy));
            s += (v[k] - f) * (v[k] - f);
        }
        return s;
    }

    /**
     * Evaluates a fitted Gaussian (without background) at (y, x).
     *
     * @param y row (px)
     * @param x column (px)
     * @return A exp(−Q)
     */
    public double peak(double y, double x) {
        double ca = Math.cos(rotation), sa = Math.sin(rotation);
        double dx = x - x0, dy = y - y0;
        double u = dx * ca + dy * sa, w = -dx * sa + dy * ca;
        return amplitude * Math.exp(-(u * u / (2 * sigmaA * sigmaA) + w * w / (2 * sigmaB * sigmaB)));
    }
}
