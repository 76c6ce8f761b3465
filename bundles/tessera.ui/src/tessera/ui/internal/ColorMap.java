package tessera.ui.internal;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.RGB;

/**
 * Colour maps for navigation images: "viridis" (perceptually uniform; van der Walt and Smith 2015,
 * matplotlib's default, https://bids.github.io/colormap/) approximated by linear interpolation between
 * nine of its anchor colours, and a qualitative map for cluster labels.
 */
public final class ColorMap {
    private static final int[][] VIRIDIS = { { 68, 1, 84 }, { 72, 40, 120 }, { 62, 74, 137 }, { 49, 104, 142 }, { 38, 130, 142 },
            { 31, 158, 137 }, { 53, 183, 121 }, { 109, 205, 89 }, { 180, 222, 44 }, { 253, 231, 37 } };

    private ColorMap() {
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
