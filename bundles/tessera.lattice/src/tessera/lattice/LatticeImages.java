package tessera.lattice;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Simulated atomically resolved images with known column positions, to choose the finders' defaults and test them
 * (never tuned on a real test file): columns as 2-D Gaussians (HAADF-like, intensity ∝ Z^1.7 when the caller sets it
 * so) on a constant background, then Poisson noise ({@link tessera.math.Poisson}) at a dose in counts per pixel of the brightest column's peak, and
 * Gaussian read-out noise. Lattices: graphene's honeycomb and a perovskite ABO3 in [001] projection (A and B columns,
 * oxygen omitted as in ADF).
 * <p>
 * Intensity scaling as Z^1.7 for HAADF: P. D. Nellist, S. J. Pennycook, Ultramicroscopy 78 (1999) 111,
 * doi:10.1016/S0304-3991(99)00017-0. Graphene a = 0.246 nm, C–C 0.142 nm; SrTiO3 a = 0.3905 nm.
 */
public final class LatticeImages {

    /**
     * A simulated image and its truth.
     *
     * @param image      pixels {@code [ny*nx]}, row-major
     * @param ny         rows
     * @param nx         columns
     * @param ys         true column rows (px)
     * @param xs         true column columns (px)
     * @param sublattice true sublattice of each column (0 = brighter)
     */
    public record Simulated(double[] image, int ny, int nx, double[] ys, double[] xs, int[] sublattice) {
    }

    private LatticeImages() {
    }

    /**
     * A graphene honeycomb.
     *
     * @param ny    rows
     * @param nx    columns
     * @param bond  C–C distance in px
     * @param angle rotation of the lattice in rad
     * @param sigma column width σ in px
     * @param dose  counts per pixel at a column's peak (Poisson); ≤ 0 for none
     * @param read  standard deviation of Gaussian read-out noise, in counts
     * @param seed  random seed (noise and a random sub-pixel origin)
     * @return image and truth (columns closer than 2σ to the edge are left out of the truth but still drawn)
     */
    public static Simulated graphene(int ny, int nx, double bond, double angle, double sigma, double dose, double read, long seed) {
        double a = bond * Math.sqrt(3);
        double[][] basis = {{0, 0}, {bond, 0}}; // (along a1's perpendicular frame) two atoms per cell, in (x, y) before rotation
        double[] a1 = {a, 0}, a2 = {a / 2, a * Math.sqrt(3) / 2};
        // honeycomb: atoms at 0 and at (a1 + a2)/3
        basis[1] = new double[] {(a1[0] + a2[0]) / 3, (a1[1] + a2[1]) / 3};
        return lattice(ny, nx, a1, a2, basis, new double[] {1, 1}, new int[] {0, 0}, angle, sigma, dose, read, seed);
    }

    /**
     * A perovskite ABO3 in [001] projection: A columns at the cell corners, B at the centres.
     *
     * @param ny         rows
     * @param nx         columns
     * @param a          lattice parameter in px
     * @param angle      rotation in rad
     * @param bRelative  B column peak relative to A (e.g. (22/38)^1.7 ≈ 0.39 for Ti/Sr)
     * @param sigma      column width σ in px
     * @param dose       counts per pixel at an A column's peak (Poisson); ≤ 0 for none
     * @param read       Gaussian read-out noise in counts
     * @param seed       random seed
     * @return image and truth; sublattice 0 = A, 1 = B
     */
    public static Simulated perovskite(int ny, int nx, double a, double angle, double bRelative, double sigma, double dose, double read, long seed) {
        return lattice(ny, nx, new double[] {a, 0}, new double[] {0, a}, new double[][] {{0, 0}, {a / 2, a / 2}}, new double[] {1, bRelative},
                new int[] {0, 1}, angle, sigma, dose, read, seed);
    }

    /**
     * A graphene bicrystal: two grains of the honeycomb, rotated by {@code angle1} and {@code angle2}, meeting on the
     * image's anti-diagonal (grain 0 above-left of the line y = ny − x·ny/nx, grain 1 below-right); the truth's
     * sublattice is the grain.
     *
     * @param ny     rows
     * @param nx     columns
     * @param bond   C–C distance in px
     * @param angle1 rotation of grain 0 in rad
     * @param angle2 rotation of grain 1 in rad
     * @param sigma  column width σ in px
     * @param dose   counts per pixel at a column's peak (Poisson); ≤ 0 for none
     * @param seed   random seed
     * @return image and truth (sublattice = grain)
     */
    public static Simulated grapheneBicrystal(int ny, int nx, double bond, double angle1, double angle2, double sigma, double dose, long seed) {
        double a = bond * Math.sqrt(3);
        double[] a1 = {a, 0}, a2 = {a / 2, a * Math.sqrt(3) / 2};
        double[][] basis = {{0, 0}, {(a1[0] + a2[0]) / 3, (a1[1] + a2[1]) / 3}};
        SplittableRandom rnd = new SplittableRandom(seed);
        List<double[]> cols = new ArrayList<>();
        for (int g = 0; g < 2; g++) {
            final int grain = g;
            for (double[] c : columns(ny, nx, a1, a2, basis, new double[] {1, 1}, new int[] {g, g}, g == 0 ? angle1 : angle2, sigma, rnd)) {
                boolean upper = c[0] < ny - c[1] * ny / (double) nx;
                if (upper == (grain == 0)) {
                    cols.add(c);
                }
            }
        }
        // columns of the two grains closer than a bond's 0.8 at the boundary: keep the first
        List<double[]> kept = new ArrayList<>();
        for (double[] c : cols) {
            boolean clash = false;
            for (double[] k : kept) {
                if (k[3] != c[3] && Math.hypot(k[0] - c[0], k[1] - c[1]) < 0.8 * bond) {
                    clash = true;
                    break;
                }
            }
            if (!clash) {
                kept.add(c);
            }
        }
        return render(ny, nx, kept, sigma, dose, 0, rnd);
    }

    /**
     * A series of one perovskite lattice ([001], as {@link #perovskite}) drifting by known amounts: frame f shows the
     * lattice of frame 0 translated by {@code drift[f]}, with fresh noise.
     *
     * @param ny        rows
     * @param nx        columns
     * @param a         lattice parameter in px
     * @param bRelative B column peak relative to A
     * @param sigma     column width σ in px
     * @param dose      counts per pixel at an A column's peak
     * @param drift     per frame (dy, dx) in px, {@code [frames][2]}
     * @param seed      random seed
     * @return the frames; the truth of each is its columns (frame 0's translated)
     */
    public static Simulated[] perovskiteSeries(int ny, int nx, double a, double bRelative, double sigma, double dose, double[][] drift, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<double[]> cols = columns(ny, nx, new double[] {a, 0}, new double[] {0, a}, new double[][] {{0, 0}, {a / 2, a / 2}}, new double[] {1, bRelative},
                new int[] {0, 1}, 0.1, sigma, rnd);
        Simulated[] out = new Simulated[drift.length];
        for (int f = 0; f < drift.length; f++) {
            List<double[]> moved = new ArrayList<>();
            for (double[] c : cols) {
                moved.add(new double[] {c[0] + drift[f][0], c[1] + drift[f][1], c[2], c[3]});
            }
            out[f] = render(ny, nx, moved, sigma, dose, 0, rnd);
        }
        return out;
    }

    /**
     * A series of a square lattice whose columns switch among configurations by a known Markov chain: each column's
     * configuration (its peak intensity {@code levels[c]}) follows the transition matrix {@code t} frame to frame,
     * independently of the others — a stand-in for
     * defects changing under the beam (Ziatdinov et al. 2017, Maksov et al. 2019); the starts are drawn uniformly.
     *
     * @param frames number of frames
     * @param n      image side in px
     * @param a      lattice parameter in px
     * @param levels peak intensity of each configuration (relative)
     * @param t      transition matrix {@code [c][c]}, rows summing to 1
     * @param sigma  column width σ in px
     * @param dose   counts per pixel at a peak of intensity 1
     * @param seed   random seed
     * @return {@code frames} images (row-major, {@code n*n}) and, as the last element, the true configuration of each
     *         column in each frame as a {@code [columns*frames]} array (column-major by frame: index column·frames + f),
     *         then the columns' rows and columns
     */
    public static double[][] switchingSeries(int frames, int n, double a, double[] levels, double[][] t, double sigma, double dose, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<double[]> cols = columns(n, n, new double[] {a, 0}, new double[] {0, a}, new double[][] {{0, 0}}, new double[] {1}, new int[] {0}, 0.0, sigma, rnd);
        List<double[]> inside = cols.stream().filter(c -> c[0] >= 2 * sigma && c[1] >= 2 * sigma && c[0] <= n - 1 - 2 * sigma && c[1] <= n - 1 - 2 * sigma).toList();
        int m = inside.size(), k = levels.length;
        int[] state = new int[m];
        for (int i = 0; i < m; i++) {
            state[i] = rnd.nextInt(k);
        }
        double[][] out = new double[frames + 3][];
        double[] truth = new double[m * frames];
        for (int f = 0; f < frames; f++) {
            List<double[]> frame = new ArrayList<>();
            for (int i = 0; i < m; i++) {
                if (f > 0) {
                    double u = rnd.nextDouble(), acc = 0;
                    int next = k - 1;
                    for (int j = 0; j < k; j++) {
                        acc += t[state[i]][j];
                        if (u < acc) {
                            next = j;
                            break;
                        }
                    }
                    state[i] = next;
                }
                truth[i * frames + f] = state[i];
                double[] c = inside.get(i);
                frame.add(new double[] {c[0], c[1], levels[state[i]], 0});
            }
            out[f] = render(n, n, frame, sigma, dose, 0, rnd).image();
        }
        double[] ys = new double[m], xs = new double[m];
        for (int i = 0; i < m; i++) {
            ys[i] = inside.get(i)[0];
            xs[i] = inside.get(i)[1];
        }
        out[frames] = truth;
        out[frames + 1] = ys;
        out[frames + 2] = xs;
        return out;
    }

    private static Simulated lattice(int ny, int nx, double[] a1, double[] a2, double[][] basis, double[] peak, int[] sub, double angle, double sigma,
            double dose, double read, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        return render(ny, nx, columns(ny, nx, a1, a2, basis, peak, sub, angle, sigma, rnd), sigma, dose, read, rnd);
    }

    /** Columns (y, x, peak, sublattice) of a rotated lattice with a random sub-cell origin, covering the image. */
    private static List<double[]> columns(int ny, int nx, double[] a1, double[] a2, double[][] basis, double[] peak, int[] sub, double angle, double sigma,
            SplittableRandom rnd) {
        double ox = rnd.nextDouble() * a1[0], oy = rnd.nextDouble() * a2[1];
        double c = Math.cos(angle), s = Math.sin(angle);
        int reach = (int) Math.ceil(Math.hypot(ny, nx) / Math.min(Math.hypot(a1[0], a1[1]), Math.hypot(a2[0], a2[1]))) + 2;
        List<double[]> cols = new ArrayList<>(); // y, x, peak, sublattice
        for (int i = -reach; i <= reach; i++) {
            for (int j = -reach; j <= reach; j++) {
                for (int b = 0; b < basis.length; b++) {
                    double x = i * a1[0] + j * a2[0] + basis[b][0], y = i * a1[1] + j * a2[1] + basis[b][1];
                    double xr = c * x - s * y + nx / 2.0 + ox, yr = s * x + c * y + ny / 2.0 + oy;
                    if (xr > -4 * sigma && yr > -4 * sigma && xr < nx + 4 * sigma && yr < ny + 4 * sigma) {
                        cols.add(new double[] {yr, xr, peak[b], sub[b]});
                    }
                }
            }
        }
        return cols;
    }

    private static Simulated render(int ny, int nx, List<double[]> cols, double sigma, double dose, double read, SplittableRandom rnd) {
        double[] img = new double[ny * nx];
        int r = (int) Math.ceil(4 * sigma);
        for (double[] col : cols) {
            int cy = (int) Math.round(col[0]), cx = (int) Math.round(col[1]);
            for (int y = Math.max(0, cy - r); y <= Math.min(ny - 1, cy + r); y++) {
                for (int x = Math.max(0, cx - r); x <= Math.min(nx - 1, cx + r); x++) {
                    double dy = y - col[0], dx = x - col[1];
                    img[y * nx + x] += col[2] * Math.exp(-(dy * dy + dx * dx) / (2 * sigma * sigma));
                }
            }
        }
        double background = 0.05;
        for (int i = 0; i < img.length; i++) {
            double mean = (img[i] + background) * (dose > 0 ? dose : 1);
            double v = dose > 0 ? tessera.math.Poisson.sample(mean, rnd) : mean;
            img[i] = v + (read > 0 ? read * gaussian(rnd) : 0);
        }
        List<double[]> inside = cols.stream().filter(col -> col[0] >= 2 * sigma && col[1] >= 2 * sigma && col[0] <= ny - 1 - 2 * sigma && col[1] <= nx - 1 - 2 * sigma).toList();
        double[] ys = new double[inside.size()], xs = new double[inside.size()];
        int[] sl = new int[inside.size()];
        for (int i = 0; i < inside.size(); i++) {
            ys[i] = inside.get(i)[0];
            xs[i] = inside.get(i)[1];
            sl[i] = (int) inside.get(i)[3];
        }
        return new Simulated(img, ny, nx, ys, xs, sl);
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble(), v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

}
