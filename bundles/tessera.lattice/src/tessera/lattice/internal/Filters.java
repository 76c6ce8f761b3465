package tessera.lattice.internal;

/**
 * Image filters on row-major {@code [ny, nx]} double arrays, borders by nearest-edge extension (as
 * {@code scipy.ndimage}'s {@code mode="nearest"}); rows and columns in parallel, the same result on any thread count.
 */
public final class Filters {
    private Filters() {
    }

    /**
     * Separable Gaussian smoothing, kernel truncated at 4σ (as {@code scipy.ndimage.gaussian_filter}).
     *
     * @param img   pixels {@code [ny*nx]}
     * @param ny    rows
     * @param nx    columns
     * @param sigma standard deviation in px; ≤ 0 returns a copy
     * @return the smoothed image
     */
    public static double[] gaussian(double[] img, int ny, int nx, double sigma) {
        if (sigma <= 0) {
            return img.clone();
        }
        int r = (int) Math.ceil(4 * sigma);
        double[] k = new double[2 * r + 1];
        double s = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = Math.exp(-0.5 * i * i / (sigma * sigma));
            s += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= s;
        }
        double[] tmp = new double[img.length];
        java.util.stream.IntStream.range(0, ny).parallel().forEach(y -> {
            int row = y * nx;
            for (int x = 0; x < nx; x++) {
                double acc = 0;
                for (int i = -r; i <= r; i++) {
                    int xx = Math.min(nx - 1, Math.max(0, x + i));
                    acc += k[i + r] * img[row + xx];
                }
                tmp[row + x] = acc;
            }
        });
        double[] out = new double[img.length];
        java.util.stream.IntStream.range(0, ny).parallel().forEach(y -> {
            for (int x = 0; x < nx; x++) {
                double acc = 0;
                for (int i = -r; i <= r; i++) {
                    int yy = Math.min(ny - 1, Math.max(0, y + i));
                    acc += k[i + r] * tmp[yy * nx + x];
                }
                out[y * nx + x] = acc;
            }
        });
        return out;
    }

    /**
     * Separable maximum filter over a {@code (2r+1) × (2r+1)} square (van Herk / Gil–Werman, O(1) per pixel).
     *
     * @param img pixels {@code [ny*nx]}
     * @param ny  rows
     * @param nx  columns
     * @param r   half width in px, ≥ 0
     * @return the filtered image
     */
    public static double[] maximum(double[] img, int ny, int nx, int r) {
        double[] tmp = new double[img.length];
        java.util.stream.IntStream.range(0, ny).parallel().forEach(y -> {
            double[] line = new double[nx], res = new double[nx];
            System.arraycopy(img, y * nx, line, 0, nx);
            max1d(line, nx, r, res);
            System.arraycopy(res, 0, tmp, y * nx, nx);
        });
        double[] out = new double[img.length];
        java.util.stream.IntStream.range(0, nx).parallel().forEach(x -> {
            double[] line = new double[ny], res = new double[ny];
            for (int y = 0; y < ny; y++) {
                line[y] = tmp[y * nx + x];
            }
            max1d(line, ny, r, res);
            for (int y = 0; y < ny; y++) {
                out[y * nx + x] = res[y];
            }
        });
        return out;
    }

    /**
     * Running maximum of {@code a[0..n)} over {@code [i − r, i + r]} clipped to the line: the line padded by r with −∞
     * so every window is w = 2r + 1 long, then prefix maxima g and suffix maxima h by blocks of w, max = max(h[lo], g[hi]).
     */
    private static void max1d(double[] a, int n, int r, double[] out) {
        int w = 2 * r + 1;
        int m = n + 2 * r;
        double[] p = new double[m];
        java.util.Arrays.fill(p, Double.NEGATIVE_INFINITY);
        System.arraycopy(a, 0, p, r, n);
        double[] g = new double[m];
        double[] h = new double[m];
        for (int i = 0; i < m; i++) {
            g[i] = i % w == 0 ? p[i] : Math.max(g[i - 1], p[i]);
        }
        for (int i = m - 1; i >= 0; i--) {
            h[i] = i % w == w - 1 || i == m - 1 ? p[i] : Math.max(h[i + 1], p[i]);
        }
        for (int i = 0; i < n; i++) {
            out[i] = Math.max(h[i], g[i + w - 1]);
        }
    }
}
