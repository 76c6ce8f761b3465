package tessera.ui.internal;

import java.util.List;

import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.DecompositionResult;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;

/**
 * What the spectrum and map views show, computed from a dataset: the spectrum of one probe position,
 * the summed spectrum of a rectangle, the navigation image of an energy window, a loading map. Pure
 * functions on the row-major {@code [nav..., nE]} layout of {@link Dataset} (navigation axes first,
 * the signal axis last), so the tests check them against the dataset's own values.
 */
public final class Spectra {
    private Spectra() {
    }

    /**
     * Navigation shape as an image.
     *
     * @param d a spectrum image {@code [ny, nx, nE]}, line scan {@code [nx, nE]} or spectrum {@code [nE]}
     * @return {@code {ny, nx}}: {@code {1, nx}} for a line scan, {@code {1, 1}} for one spectrum
     * @throws IllegalArgumentException if the dataset has more than two navigation axes or not one signal axis
     */
    public static int[] navigationShape(Dataset d) {
        List<Axis> nav = d.navigationAxes();
        if (nav.size() > 2 || d.signalAxes().size() != 1) {
            throw new IllegalArgumentException("the workbench shows spectrum images [y, x, E], line scans and spectra, not " + d);
        }
        return switch (nav.size()) {
            case 0 -> new int[] { 1, 1 };
            case 1 -> new int[] { 1, nav.get(0).size() };
            default -> new int[] { nav.get(0).size(), nav.get(1).size() };
        };
    }

    /**
     * Energy of each channel in the signal axis' units.
     *
     * @param d a dataset with one signal axis
     * @return {@code [nE]} calibrated energies (offset + i * scale)
     */
    public static double[] energies(Dataset d) {
        return d.signalAxes().get(0).values();
    }

    /**
     * Spectrum at one probe position.
     *
     * @param d a dataset {@code [ny, nx, nE]} (or a line scan, y = 0)
     * @param x column (0-based)
     * @param y row (0-based)
     * @return {@code [nE]} counts, exactly the dataset's values
     * @throws IndexOutOfBoundsException if (x, y) lies outside the navigation shape
     */
    public static double[] spectrum(Dataset d, int x, int y) {
        return sum(d, x, y, x, y);
    }

    /**
     * Summed spectrum of the rectangle [x0, x1] x [y0, y1] (inclusive, any corner order).
     *
     * @param d  a dataset {@code [ny, nx, nE]}
     * @param x0 one corner column
     * @param y0 one corner row
     * @param x1 other corner column
     * @param y1 other corner row
     * @return {@code [nE]} sums over the rectangle's positions
     * @throws IndexOutOfBoundsException if a corner lies outside the navigation shape
     */
    public static double[] sum(Dataset d, int x0, int y0, int x1, int y1) {
        int[] s = navigationShape(d);
        int xa = Math.min(x0, x1), xb = Math.max(x0, x1), ya = Math.min(y0, y1), yb = Math.max(y0, y1);
        if (xa < 0 || ya < 0 || xb >= s[1] || yb >= s[0]) {
            throw new IndexOutOfBoundsException("region [" + xa + ".." + xb + "] x [" + ya + ".." + yb + "] is outside the " + s[1] + " x " + s[0] + " navigation image");
        }
        int n = d.signalSize();
        double[] out = new double[n];
        float[] row = new float[n];
        for (int y = ya; y <= yb; y++) {
            for (int x = xa; x <= xb; x++) {
                d.readSpectra((long) y * s[1] + x, 1, row, 0);
                for (int j = 0; j < n; j++) {
                    out[j] += row[j];
                }
            }
        }
        return out;
    }

    /**
     * Navigation image of an energy window: at each position, the sum of the channels whose energy lies in [low, high].
     *
     * @param d    a dataset {@code [ny, nx, nE]}
     * @param low  window start, signal axis units
     * @param high window end, signal axis units
     * @return {@code [ny][nx]} sums (the whole spectrum when the window holds no channel)
     */
    public static double[][] windowImage(Dataset d, double low, double high) {
        int[] s = navigationShape(d);
        int n = d.signalSize();
        Axis e = d.signalAxes().get(0);
        int c0 = Math.max(0, Math.min(n - 1, e.index(Math.min(low, high))));
        int c1 = Math.max(0, Math.min(n - 1, e.index(Math.max(low, high))));
        double[][] img = new double[s[0]][s[1]];
        float[] row = new float[n];
        for (int p = 0; p < s[0] * s[1]; p++) {
            d.readSpectra(p, 1, row, 0);
            double t = 0;
            for (int j = c0; j <= c1; j++) {
                t += row[j];
            }
            img[p / s[1]][p % s[1]] = t;
        }
        return img;
    }

    /**
     * Loading map of one component.
     *
     * @param r    a decomposition of {@code data}: loadings {@code [k, nav...]}
     * @param c    component (0-based)
     * @param data the decomposed dataset (for the navigation shape)
     * @return {@code [ny][nx]} loadings of component c
     * @throws IndexOutOfBoundsException if c is not a component of r
     */
    public static double[][] loadingImage(DecompositionResult r, int c, Dataset data) {
        if (c < 0 || c >= r.components()) {
            throw new IndexOutOfBoundsException("component " + c + " of " + r.components());
        }
        int[] s = navigationShape(data);
        double[][] img = new double[s[0]][s[1]];
        long base = (long) c * s[0] * s[1];
        for (int p = 0; p < s[0] * s[1]; p++) {
            img[p / s[1]][p % s[1]] = r.loadings().getDouble(base + p);
        }
        return img;
    }

    /**
     * Factor (spectrum) of one component.
     *
     * @param r a decomposition: factors {@code [k, nE]}
     * @param c component (0-based)
     * @return {@code [nE]} the factor
     */
    public static double[] factor(DecompositionResult r, int c) {
        int n = r.factors().shape()[r.factors().rank() - 1];
        double[] f = new double[n];
        for (int j = 0; j < n; j++) {
            f[j] = r.factors().getDouble((long) c * n + j);
        }
        return f;
    }

    /**
     * Label image of a clustering.
     *
     * @param labels cluster label per navigation position, row-major ({@link ClusterResult#NOISE}, -1, kept as -1)
     * @param data   the clustered dataset (for the navigation shape)
     * @return {@code [ny][nx]} labels as numbers
     */
    public static double[][] labelImage(int[] labels, Dataset data) {
        int[] s = navigationShape(data);
        double[][] img = new double[s[0]][s[1]];
        for (int p = 0; p < s[0] * s[1]; p++) {
            img[p / s[1]][p % s[1]] = labels[p];
        }
        return img;
    }

    /**
     * Whether a clustering carries membership probabilities, as a Gaussian mixture does: a probability per sample
     * and cluster, every row summing to 1 (HDBSCAN's membership strengths, zero for noise, are not probabilities).
     *
     * @param r a clustering
     * @return true if {@link ClusterResult#probabilities()} is set, has k columns and every row sums to 1 (within 1e-6)
     */
    public static boolean hasMembershipProbabilities(ClusterResult r) {
        double[][] p = r.probabilities();
        if (p == null || r.noiseCount() > 0) {
            return false;
        }
        for (double[] row : p) {
            if (row.length != r.k()) {
                return false;
            }
            double t = 0;
            for (double v : row) {
                t += v;
            }
            if (!(Math.abs(t - 1) <= 1e-6)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Membership-probability map of one cluster.
     *
     * @param r    a clustering of {@code data} with probabilities {@code [n][k]}
     * @param c    cluster (0-based)
     * @param data the clustered dataset (for the navigation shape)
     * @return {@code [ny][nx]} the probability of cluster c at each position
     * @throws IllegalArgumentException  if r has no probabilities
     * @throws IndexOutOfBoundsException if c is not a cluster of r
     */
    public static double[][] probabilityImage(ClusterResult r, int c, Dataset data) {
        if (r.probabilities() == null) {
            throw new IllegalArgumentException("the clustering has no membership probabilities");
        }
        if (c < 0 || c >= r.k()) {
            throw new IndexOutOfBoundsException("cluster " + c + " of " + r.k());
        }
        int[] s = navigationShape(data);
        double[][] img = new double[s[0]][s[1]];
        for (int p = 0; p < s[0] * s[1]; p++) {
            img[p / s[1]][p % s[1]] = r.probabilities()[p][c];
        }
        return img;
    }

    /**
     * Map of an auxiliary result of a decomposition or unmixing ({@link DecompositionResult#RESIDUAL},
     * {@link DecompositionResult#CHI_SQUARE}, {@link DecompositionResult#ENTROPY}: {@code [nav...]}; or one component of
     * {@link DecompositionResult#LOADINGS_STD} and the interval maps: {@code [k, nav...]}).
     *
     * @param aux       the auxiliary dataset
     * @param component its component for a {@code [k, nav...]} dataset, −1 for a {@code [nav...]} one
     * @param data      the decomposed dataset (for the navigation shape)
     * @return {@code [ny][nx]} values
     * @throws IllegalArgumentException if the dataset does not hold that many navigation positions
     */
    public static double[][] auxiliaryImage(Dataset aux, int component, Dataset data) {
        int[] s = navigationShape(data);
        long n = (long) s[0] * s[1];
        long base = Math.max(0, component) * n;
        if (base + n > aux.size()) {
            throw new IllegalArgumentException("auxiliary dataset " + java.util.Arrays.toString(aux.shape()) + " has no map " + component + " of "
                    + s[0] + " x " + s[1] + " positions");
        }
        double[][] img = new double[s[0]][s[1]];
        for (int p = 0; p < n; p++) {
            img[p / s[1]][p % s[1]] = aux.getDouble(base + p);
        }
        return img;
    }

    /**
     * @param aux an auxiliary dataset with the signal shape ({@link DecompositionResult#RESIDUAL_SPECTRUM})
     * @return its values
     */
    public static double[] auxiliarySpectrum(Dataset aux) {
        double[] v = new double[Math.toIntExact(aux.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = aux.getDouble(i);
        }
        return v;
    }

    /**
     * The pixels the endmembers were taken from (N-FINDR, VCA: {@link DecompositionResult#ENDMEMBER_PIXELS}, flat
     * row-major navigation indices, −1 for none).
     *
     * @param r    a result
     * @param data the decomposed dataset (for the navigation shape)
     * @return {@code [k][2]} column and row of each endmember's pixel, in endmember order ({@code {-1, -1}} for an
     *         endmember that is not a pixel), or null if the result names no pixel
     */
    public static int[][] endmemberPixels(DecompositionResult r, Dataset data) {
        Dataset px = r.auxiliary(DecompositionResult.ENDMEMBER_PIXELS);
        if (px == null) {
            return null;
        }
        int[] s = navigationShape(data);
        int[][] out = new int[Math.toIntExact(px.size())][];
        boolean any = false;
        for (int i = 0; i < out.length; i++) {
            long p = (long) px.getDouble(i);
            boolean in = p >= 0 && p < (long) s[0] * s[1];
            out[i] = in ? new int[] { (int) (p % s[1]), (int) (p / s[1]) } : new int[] { -1, -1 };
            any |= in;
        }
        return any ? out : null;
    }
}
