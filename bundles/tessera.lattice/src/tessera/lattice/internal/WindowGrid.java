package tessera.lattice.internal;

import java.util.Arrays;
import java.util.List;

import tessera.core.analysis.IncompatibleDataException;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;

/**
 * The grid of square windows every sliding-window descriptor uses: windows of {@code window} × {@code window} px every
 * {@code step} px from the image's top-left corner (as many as fit), and the grid's calibrated axes at the window
 * centres. One place for the checks, the grid and the axes of {@code tessera.lattice.sliding-*}.
 *
 * @param ny     image rows
 * @param nx     image columns
 * @param window window side (px)
 * @param step   distance between windows (px)
 * @param gy     windows down
 * @param gx     windows across
 */
public record WindowGrid(int ny, int nx, int window, int step, int gy, int gx) {

    /**
     * The grid of an image.
     *
     * @param image  one 2-D image
     * @param window window side (px)
     * @param step   distance between windows (px), 0 for a quarter of the window
     * @param what   the descriptor's name, for messages
     * @return the grid
     * @throws IncompatibleDataException naming the image's file, if it is not one 2-D image or is smaller than a window
     */
    public static WindowGrid of(Dataset image, int window, int step, String what) {
        if (image.signalAxes().size() != 2 || image.navigationDimension() != 0) {
            throw IncompatibleDataException.of(image, new IllegalArgumentException(what + " needs one 2-D image, got shape " + Arrays.toString(image.shape())));
        }
        int ny = image.shape()[0], nx = image.shape()[1];
        int s = step > 0 ? step : Math.max(1, window / 4);
        if (window > ny || window > nx) {
            throw IncompatibleDataException.of(image, new IllegalArgumentException("window " + window + " px is larger than the image (" + ny + " × " + nx + " px)"));
        }
        return new WindowGrid(ny, nx, window, s, (ny - window) / s + 1, (nx - window) / s + 1);
    }

    /** @return windows in the grid */
    public int count() {
        return gy * gx;
    }

    /**
     * The grid as a dataset {@code [gy, gx, d]}: navigation axes at the window centres in the image's calibration,
     * one signal axis of d features.
     *
     * @param image   the image (its axes and metadata)
     * @param out     features {@code [gy*gx*d]}, window by window, row by row
     * @param d       features per window
     * @param feature the name of the feature axis
     * @param md      the result's metadata (a copy of the image's, with title and settings)
     * @return the dataset
     */
    public Dataset dataset(Dataset image, float[] out, int d, String feature, Metadata md) {
        Axis ay = image.signalAxes().get(0), ax = image.signalAxes().get(1);
        double c = (window - 1) / 2.0;
        md.set("Signal.window_px", window).set("Signal.step_px", step);
        List<Axis> axes = List.of(new Axis(ay.name().isBlank() ? "y" : ay.name(), gy, ay.scale() * step, ay.offset() + ay.scale() * c, ay.units(), true),
                new Axis(ax.name().isBlank() ? "x" : ax.name(), gx, ax.scale() * step, ax.offset() + ax.scale() * c, ax.units(), true),
                Axis.uncalibrated(feature, d, false));
        return Dataset.ofFloats(out, axes, md);
    }

    /**
     * A taper of the window's side.
     *
     * @param name "hann", "hamming" or "none"
     * @return the weights {@code [window]}
     */
    public double[] taper(String name) {
        int w = window;
        double[] t = new double[w];
        for (int i = 0; i < w; i++) {
            t[i] = switch (name) {
                case "hann" -> 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (w - 1));
                case "hamming" -> 0.54 - 0.46 * Math.cos(2 * Math.PI * i / (w - 1));
                default -> 1;
            };
        }
        return t;
    }

    /**
     * The window at grid position (wy, wx), minus its mean and tapered on both axes.
     *
     * @param img   the image {@code [ny*nx]}
     * @param wy    grid row
     * @param wx    grid column
     * @param taper from {@link #taper}
     * @param re    receives the window {@code [window*window]}
     */
    public void centred(double[] img, int wy, int wx, double[] taper, double[] re) {
        int w = window, y0 = wy * step, x0 = wx * step;
        double mean = 0;
        for (int a = 0; a < w; a++) {
            for (int b = 0; b < w; b++) {
                mean += img[(y0 + a) * nx + x0 + b];
            }
        }
        mean /= (double) w * w;
        for (int a = 0; a < w; a++) {
            for (int b = 0; b < w; b++) {
                re[a * w + b] = (img[(y0 + a) * nx + x0 + b] - mean) * taper[a] * taper[b];
            }
        }
    }
}
