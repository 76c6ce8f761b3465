package tessera.ui.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

import tessera.core.model.Axis;

/**
 * Map view: a navigation image (an energy-window sum, a loading map, a membership-probability map) drawn
 * through the {@link ColorMap#viridis} colour map with a colour bar, or a cluster label map drawn in the
 * qualitative {@link ColorMap#label} colours (noise grey) with a legend; and a scale bar in nm (from the x
 * navigation axis' calibration). Clicking a pixel or dragging a rectangle selects it; listeners receive
 * {@code {x0, y0, x1, y1}} (inclusive pixel indices; x0 == x1 and y0 == y1 for one pixel). Points such as the
 * atomic columns of an image can be drawn over it, coloured by class; clicking one selects it ({@link #onPoint}).
 */
public final class MapPart {
    private static final int BAR = 70;
    private final Canvas canvas;
    private final List<Consumer<int[]>> listeners = new ArrayList<>();
    private double[][] values;
    private String title = "";
    private Axis xAxis;
    private Image image;
    private int clusters = -1;
    private int[] selection;
    private int[] dragFrom;
    private int[][] marks;
    private double[] pointY, pointX;
    private int[] pointClass;
    private int pointSelected = -1;
    private final List<java.util.function.IntConsumer> pointListeners = new ArrayList<>();

    /**
     * Creates the view.
     *
     * @param parent its parent
     */
    public MapPart(Composite parent) {
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED);
        canvas.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        canvas.addPaintListener(e -> paint(e.gc));
        canvas.addListener(SWT.Dispose, e -> disposeImage());
        canvas.addListener(SWT.Resize, e -> canvas.redraw());
        canvas.addListener(SWT.MouseDown, e -> dragFrom = pixelAt(e.x, e.y));
        canvas.addListener(SWT.MouseUp, e -> {
            int[] to = pixelAt(e.x, e.y);
            if (pointY != null && dragFrom != null && to != null && dragFrom[0] == to[0] && dragFrom[1] == to[1]) {
                int near = nearestPoint(e.x, e.y);
                if (near >= 0) {
                    dragFrom = null;
                    selectPoint(near);
                    return;
                }
            }
            if (dragFrom != null && to != null) {
                select(Math.min(dragFrom[0], to[0]), Math.min(dragFrom[1], to[1]), Math.max(dragFrom[0], to[0]), Math.max(dragFrom[1], to[1]));
            }
            dragFrom = null;
        });
    }

    /** @return the view's control */
    public Canvas control() {
        return canvas;
    }

    /**
     * Shows an image.
     *
     * @param img   {@code [ny][nx]} values
     * @param name  what it shows (drawn above the image)
     * @param xAxis the x navigation axis (scale bar), or null for none
     */
    public void show(double[][] img, String name, Axis xAxis) {
        show(img, name, xAxis, -1);
    }

    /**
     * Shows a cluster label map: each cluster in its {@link ColorMap#label} colour, noise (-1) in {@link ColorMap#NOISE}
     * grey, with a legend of the clusters instead of the colour bar.
     *
     * @param labels {@code [ny][nx]} labels as numbers ({@link Spectra#labelImage})
     * @param k      number of clusters (noise not counted)
     * @param name   what it shows (drawn above the image)
     * @param xAxis  the x navigation axis (scale bar), or null for none
     */
    public void showLabels(double[][] labels, int k, String name, Axis xAxis) {
        show(labels, name, xAxis, Math.max(0, k));
    }

    /**
     * Marks pixels on the shown image (e.g. the pixels N-FINDR or VCA took the endmembers from) with numbered
     * crosses, until the next image is shown.
     *
     * @param xy {@code [m][2]}: column and row of each mark (mark i is labelled i; a negative column is no mark); null
     *           or empty for none
     */
    public void mark(int[][] xy) {
        marks = xy == null ? null : xy.clone();
        canvas.redraw();
    }

    /** @return the marked pixels {@code [m][2]} (column, row), or null */
    public int[][] marks() {
        return marks == null ? null : marks.clone();
    }

    /**
     * Draws points over the shown image, e.g. the atomic columns of an image, as circles coloured by class
     * ({@link ColorMap#label}), until the next image is shown. Clicking near one selects it ({@link #onPoint}).
     *
     * @param ys  rows (px of the image)
     * @param xs  columns (px of the image)
     * @param cls class of each point (≥ 0), e.g. the sublattice
     */
    public void points(double[] ys, double[] xs, int[] cls) {
        pointY = ys.clone();
        pointX = xs.clone();
        pointClass = cls.clone();
        pointSelected = -1;
        canvas.redraw();
    }

    /** @return the number of points drawn over the image (0 without any) */
    public int pointCount() {
        return pointY == null ? 0 : pointY.length;
    }

    /** @return the selected point, or −1 */
    public int selectedPoint() {
        return pointSelected;
    }

    /**
     * Registers a listener for point selections.
     *
     * @param l receives the point's index
     */
    public void onPoint(java.util.function.IntConsumer l) {
        pointListeners.add(l);
    }

    /**
     * Selects a point and tells the listeners, as a click on it does.
     *
     * @param i the point's index
     * @throws IndexOutOfBoundsException if there is no such point
     */
    public void selectPoint(int i) {
        if (pointY == null || i < 0 || i >= pointY.length) {
            throw new IndexOutOfBoundsException("no point " + i + " of " + pointCount());
        }
        pointSelected = i;
        canvas.redraw();
        for (java.util.function.IntConsumer l : pointListeners) {
            l.accept(i);
        }
    }

    /** The point nearest a canvas position, if within 8 screen px of it, else −1. */
    private int nearestPoint(int cx, int cy) {
        double[] p = placement();
        int best = -1;
        double bd = 8;
        for (int i = 0; i < pointY.length; i++) {
            double d = Math.hypot(p[0] + (pointX[i] + 0.5) * p[2] - cx, p[1] + (pointY[i] + 0.5) * p[2] - cy);
            if (d < bd) {
                bd = d;
                best = i;
            }
        }
        return best;
    }

    private void show(double[][] img, String name, Axis xAxis, int k) {
        this.marks = null;
        this.pointY = null;
        this.pointX = null;
        this.pointClass = null;
        this.pointSelected = -1;
        this.values = img;
        this.title = name;
        this.xAxis = xAxis;
        this.clusters = k;
        disposeImage();
        image = new Image(canvas.getDisplay(), k >= 0 ? ColorMap.labelImage(img) : ColorMap.image(img));
        canvas.redraw();
    }

    /**
     * Changes the text above the shown image.
     *
     * @param name what the image (and anything drawn over it) shows
     */
    public void title(String name) {
        title = name;
        canvas.redraw();
    }

    /** @return what the shown image is (the text above it), "" before any */
    public String title() {
        return title;
    }

    /** @return true if a cluster label map is shown ({@link #showLabels}) */
    public boolean showsLabels() {
        return values != null && clusters >= 0;
    }

    /** @return the shown values {@code [ny][nx]}, or null */
    public double[][] values() {
        return values;
    }

    /** @return size of the shown image {@code {ny, nx}}, or null */
    public int[] imageShape() {
        return values == null ? null : new int[] { values.length, values[0].length };
    }

    /** @return the selected region {@code {x0, y0, x1, y1}}, or null */
    public int[] selection() {
        return selection == null ? null : selection.clone();
    }

    /**
     * Registers a listener for selections.
     *
     * @param l receives {@code {x0, y0, x1, y1}}
     */
    public void onSelect(Consumer<int[]> l) {
        listeners.add(l);
    }

    /**
     * Selects a region (inclusive) and tells the listeners, as a click or drag does.
     *
     * @param x0 first column
     * @param y0 first row
     * @param x1 last column
     * @param y1 last row
     */
    public void select(int x0, int y0, int x1, int y1) {
        selection = new int[] { x0, y0, x1, y1 };
        canvas.redraw();
        for (Consumer<int[]> l : listeners) {
            l.accept(selection.clone());
        }
    }

    private void disposeImage() {
        if (image != null) {
            image.dispose();
            image = null;
        }
    }

    /** Where the image is drawn: {x, y, scale}. */
    private double[] placement() {
        Rectangle c = canvas.getClientArea();
        int nx = values[0].length, ny = values.length;
        double s = Math.max(0.01, Math.min((c.width - BAR - 20) / (double) nx, (c.height - 60) / (double) ny));
        return new double[] { 10, 24, s };
    }

    private int[] pixelAt(int px, int py) {
        if (values == null) {
            return null;
        }
        double[] p = placement();
        int x = (int) Math.floor((px - p[0]) / p[2]), y = (int) Math.floor((py - p[1]) / p[2]);
        return x < 0 || y < 0 || x >= values[0].length || y >= values.length ? null : new int[] { x, y };
    }

    private void paint(GC gc) {
        gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_BLACK));
        if (values == null) {
            gc.drawText("Open a spectrum image: its navigation image appears here", 10, 10, true);
            return;
        }
        double[] p = placement();
        int nx = values[0].length, ny = values.length;
        int w = (int) Math.round(nx * p[2]), h = (int) Math.round(ny * p[2]);
        gc.drawText(title, 10, 4, true);
        gc.setInterpolation(SWT.NONE);
        gc.drawImage(image, 0, 0, nx, ny, (int) p[0], (int) p[1], w, h);
        if (selection != null) {
            gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_RED));
            gc.setLineWidth(2);
            gc.drawRectangle((int) (p[0] + selection[0] * p[2]), (int) (p[1] + selection[1] * p[2]), (int) Math.max(3, (selection[2] - selection[0] + 1) * p[2]),
                    (int) Math.max(3, (selection[3] - selection[1] + 1) * p[2]));
            gc.setLineWidth(1);
        }
        if (marks != null) {
            gc.setLineWidth(2);
            for (int i = 0; i < marks.length; i++) {
                if (marks[i][0] < 0) {
                    continue;
                }
                int cx = (int) (p[0] + (marks[i][0] + 0.5) * p[2]);
                int cy = (int) (p[1] + (marks[i][1] + 0.5) * p[2]);
                int r = (int) Math.max(4, p[2]);
                gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_WHITE));
                gc.drawLine(cx - r, cy, cx + r, cy);
                gc.drawLine(cx, cy - r, cx, cy + r);
                gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_MAGENTA));
                gc.drawOval(cx - r, cy - r, 2 * r, 2 * r);
                gc.drawText(String.valueOf(i), cx + r + 1, cy - r - 1, true);
            }
            gc.setLineWidth(1);
            gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_BLACK));
        }
        if (pointY != null) {
            gc.setLineWidth(Math.max(1, (int) Math.round(p[2] / 3)));
            int r = (int) Math.max(3, 2.5 * p[2]);
            for (int i = 0; i < pointY.length; i++) {
                int cx = (int) Math.round(p[0] + (pointX[i] + 0.5) * p[2]), cy = (int) Math.round(p[1] + (pointY[i] + 0.5) * p[2]);
                org.eclipse.swt.graphics.Color c = new org.eclipse.swt.graphics.Color(ColorMap.label(Math.max(0, pointClass[i])));
                gc.setForeground(i == pointSelected ? canvas.getDisplay().getSystemColor(SWT.COLOR_RED) : c);
                gc.drawOval(cx - r, cy - r, 2 * r, 2 * r);
            }
            gc.setLineWidth(1);
            gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_BLACK));
        }
        if (clusters >= 0) {
            legend(gc, (int) p[0] + w + 12, (int) p[1], h);
        } else {
            colourBar(gc, (int) p[0] + w + 12, (int) p[1], h);
        }
        scaleBar(gc, (int) p[0], (int) p[1] + h + 8, p[2]);
    }

    private void colourBar(GC gc, int x, int y, int h) {
        double[] r = ColorMap.range(values);
        for (int i = 0; i < h; i++) {
            org.eclipse.swt.graphics.Color c = new org.eclipse.swt.graphics.Color(ColorMap.viridis(1 - i / (double) Math.max(1, h - 1)));
            gc.setForeground(c);
            gc.drawLine(x, y + i, x + 14, y + i);
        }
        gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_BLACK));
        gc.drawRectangle(x, y, 14, h);
        gc.drawText(String.format("%.4g", r[1]), x + 18, y, true);
        gc.drawText(String.format("%.4g", r[0]), x + 18, y + h - gc.getFontMetrics().getHeight(), true);
    }

    /** One swatch per cluster (as many as fit in h) and, if the map has noise, a grey one. */
    private void legend(GC gc, int x, int y, int h) {
        boolean noise = false;
        for (double[] row : values) {
            for (double v : row) {
                noise |= v < 0 || Double.isNaN(v);
            }
        }
        int line = gc.getFontMetrics().getHeight() + 2;
        int rows = Math.max(2, h / line);
        int free = rows - (noise ? 1 : 0);
        int shown = clusters <= free ? clusters : Math.max(0, free - 1);
        int yy = y;
        for (int c = 0; c < shown; c++) {
            swatch(gc, x, yy, ColorMap.label(c), String.valueOf(c));
            yy += line;
        }
        if (shown < clusters) {
            gc.drawText("+" + (clusters - shown) + " more", x, yy, true);
            yy += line;
        }
        if (noise) {
            swatch(gc, x, yy, ColorMap.NOISE, "noise");
        }
    }

    private void swatch(GC gc, int x, int y, org.eclipse.swt.graphics.RGB rgb, String text) {
        org.eclipse.swt.graphics.Color c = new org.eclipse.swt.graphics.Color(rgb);
        gc.setBackground(c);
        gc.fillRectangle(x, y + 1, 14, 12);
        gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_BLACK));
        gc.drawRectangle(x, y + 1, 14, 12);
        gc.drawText(text, x + 18, y, true);
    }

    /** Scale bar of a round length in nm, about a fifth of the image wide. */
    private void scaleBar(GC gc, int x, int y, double pixelsPerPixel) {
        if (xAxis == null || xAxis.scale() <= 0) {
            return;
        }
        double toNm = switch (xAxis.units().trim()) {
            case "nm" -> 1;
            case "µm", "um" -> 1000;
            case "Å", "A" -> 0.1;
            case "pm" -> 1e-3;
            default -> Double.NaN;
        };
        if (Double.isNaN(toNm)) {
            gc.drawText("uncalibrated (" + xAxis.units() + ")", x, y, true);
            return;
        }
        double nmPerScreenPx = xAxis.scale() * toNm / pixelsPerPixel;
        double len = scaleBarLength(xAxis.scale() * toNm * values[0].length);
        int px = (int) Math.round(len / nmPerScreenPx);
        gc.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_BLACK));
        gc.fillRectangle(x, y, px, 5);
        gc.drawText(String.format("%s nm", len >= 1 ? String.valueOf((long) len) : String.valueOf(len)), x + px + 6, y - 5, true);
    }

    /**
     * Length of the scale bar a 5-1-2 rule picks for an image this wide.
     *
     * @param widthNm image width in nm
     * @return bar length in nm: 1, 2 or 5 times a power of ten, the largest such length not above a fifth of the width
     */
    public static double scaleBarLength(double widthNm) {
        double target = widthNm / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(target)));
        return target / mag >= 5 ? 5 * mag : target / mag >= 2 ? 2 * mag : mag;
    }

    /**
     * Where an image pixel is drawn: the canvas point at its centre (the inverse of {@link #pixelAt(Point)}).
     *
     * @param x column of the shown image
     * @param y row of the shown image
     * @return canvas coordinates, or null when no image is shown
     */
    public Point pointOf(int x, int y) {
        if (values == null) {
            return null;
        }
        double[] p = placement();
        return new Point((int) Math.floor(p[0] + (x + 0.5) * p[2]), (int) Math.floor(p[1] + (y + 0.5) * p[2]));
    }

    /**
     * Converts a canvas point to a pixel index.
     *
     * @param p canvas coordinates
     * @return {@code {x, y}} or null outside the image
     */
    public int[] pixelAt(Point p) {
        return pixelAt(p.x, p.y);
    }
}
