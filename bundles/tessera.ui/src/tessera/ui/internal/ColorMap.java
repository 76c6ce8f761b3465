package tessera.ui.internal;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.RGB;

/**
 * Colour maps for navigation images: "viridis" (perceptually uniform; van der Walt and Smith 2015,
 * matplotlib's default, https://bids.github.io/colormap/) approximated by linear interpolation between
 * nine of its anchor colours, and a qualitative map for cluster labels (matplotlib's "tab10" without its
 * grey, which is kept for noise: positions that a density-based clusterer assigns to no cluster).
 */
public final class ColorMap {
    private static final int[][] VIRIDIS = { { 68, 1, 84 }, { 72, 40, 120 }, { 62, 74, 137 }, { 49, 104, 142 }, { 38, 130, 142 },
            { 31, 158, 137 }, { 53, 183, 121 }, { 109, 205, 89 }, { 180, 222, 44 }, { 253, 231, 37 } };

    private static final RGB[] LABELS = { new RGB(31, 119, 180), new RGB(255, 127, 14), new RGB(44, 160, 44), new RGB(214, 39, 40),
            new RGB(148, 103, 189), new RGB(140, 86, 75), new RGB(227, 119, 194), new RGB(188, 189, 34), new RGB(23, 190, 207) };

    /** colour of noise ({@code tessera.core.analysis.ClusterResult.NOISE}, -1) in a label map: mid grey */
    public static final RGB NOISE = new RGB(128, 128, 128);

    private ColorMap() {
    }

    /**
     * Colour of a cluster label.
     *
     * @param label a cluster label: {@code >= 0} a cluster (the nine colours repeat from label 9 on), negative: noise
     * @return the label's colour; {@link #NOISE} for a negative label
     */
    public static RGB label(int label) {
        return label < 0 ? NOISE : LABELS[label % LABELS.length];
    }

    /**
     * An RGB image of a label map through the qualitative label colours ({@link #label}); noise (-1), any other
     * negative value and NaN are {@link #NOISE} grey.
     *
     * @param labels {@code [ny][nx]} labels as numbers (as {@link Spectra#labelImage} makes them)
     * @return 24-bit image data, nx wide and ny high
     */
    public static ImageData labelImage(double[][] labels) {
        int ny = labels.length, nx = labels[0].length;
        ImageData d = new ImageData(nx, ny, 24, new PaletteData(0xFF0000, 0x00FF00, 0x0000FF));
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                double v = labels[y][x];
                d.setPixel(x, y, d.palette.getPixel(label(Double.isNaN(v) ? -1 : (int) v)));
            }
        }
        return d;
    }

    /**
     * Colour of a value in [0, 1] (clamped).
     *
     * @param t position on the map
     * @return the colour
     */
    public static RGB viridis(double t) {
        double u = Math.max(0, Math.min(1, Double.isNaN(t) ? 0 : t)) * (VIRIDIS.length - 1);
        int i = Math.min(VIRIDIS.length - 2, (int) u);
        double f = u - i;
        int[] a = VIRIDIS[i], b = VIRIDIS[i + 1];
        return new RGB((int) Math.round(a[0] + f * (b[0] - a[0])), (int) Math.round(a[1] + f * (b[1] - a[1])),
                (int) Math.round(a[2] + f * (b[2] - a[2])));
    }

    /**
     * Minimum and maximum of the finite values of an image.
     *
     * @param img {@code [ny][nx]}
     * @return {@code {min, max}} ({@code {0, 1}} when there is no finite value)
     */
    public static double[] range(double[][] img) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double[] row : img) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return lo > hi ? new double[] { 0, 1 } : new double[] { lo, hi };
    }

    /**
     * An RGB image of {@code img} through viridis, scaled linearly from min (dark) to max (yellow).
     *
     * @param img {@code [ny][nx]} values
     * @return 24-bit image data, nx wide and ny high
     */
    public static ImageData image(double[][] img) {
        double[] r = range(img);
        double span = r[1] > r[0] ? r[1] - r[0] : 1;
        int ny = img.length, nx = img[0].length;
        ImageData d = new ImageData(nx, ny, 24, new PaletteData(0xFF0000, 0x00FF00, 0x0000FF));
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                d.setPixel(x, y, d.palette.getPixel(viridis((img[y][x] - r[0]) / span)));
            }
        }
        return d;
    }
}
