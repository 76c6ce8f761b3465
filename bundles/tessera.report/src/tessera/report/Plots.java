package tessera.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import tessera.core.io.AtomicFiles;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.report.internal.Charts;
import tessera.report.internal.MapRenderer;

/**
 * Headless PNG plots of any {@link Dataset} (no display needed: Java2D and JFreeChart, as the
 * report uses), the counterpart of HyperSpy's {@code Signal.plot()} for scripts and pipelines
 * (F. de la Peña et al., HyperSpy 1.7.3, doi:10.5281/zenodo.7263263).
 *
 * <ul>
 * <li>one signal axis (spectra): one curve per navigation position when there are at most
 *   {@value #MAX_PANELS} (e.g. the {@code [k, nE]} factors of a decomposition), otherwise the mean
 *   spectrum over the navigation axes;</li>
 * <li>two signal axes (images, maps): one panel per navigation position when there are at most
 *   {@value #MAX_PANELS} (e.g. the {@code [k, ny, nx]} loadings), otherwise the mean image;</li>
 * <li>no signal axis but one or two navigation axes (a map such as cluster labels stored as
 *   navigation): the values drawn as a profile or a map.</li>
 * </ul>
 */
public final class Plots {
    /** most curves or panels drawn individually */
    public static final int MAX_PANELS = 16;
    /** figure width in pixels */
    public static final int WIDTH = ReportWriter.CHART_WIDTH;

    private Plots() {
    }

    /**
     * Renders a dataset as described in the class comment.
     *
     * @param data  the dataset, at most two signal axes
     * @param title figure title (the dataset's title when blank)
     * @return the image
     * @throws IllegalArgumentException if the dataset has more than two signal axes, or more than two
     *                                  navigation axes and no signal axis
     */
    public static BufferedImage render(Dataset data, String title) {
        String t = title == null || title.isBlank() ? (data.metadata().title().isBlank() ? "data" : data.metadata().title()) : title;
        List<Axis> sig = data.signalAxes();
        List<Axis> nav = data.navigationAxes();
        if (sig.isEmpty()) {
            if (nav.size() == 1) {
                return Charts.overlay(t, nav.get(0), new double[][] { data.toDoubleArray() }, List.of(t), "value", WIDTH, 420);
            }
            if (nav.size() == 2) {
                return MapRenderer.renderContinuous(t, List.of(new MapRenderer.MapPanel(t, data.toDoubleArray(), nav.get(0), nav.get(1))), 360, 1).image();
            }
            throw new IllegalArgumentException("cannot plot " + data + ": no signal axis and " + nav.size() + " navigation axes");
        }
        if (sig.size() > 2) {
            throw new IllegalArgumentException("cannot plot " + data + ": " + sig.size() + " signal axes (at most 2)");
        }
        long n = data.navigationSize();
        int s = data.signalSize();
        double[][] rows;
        List<String> names = new ArrayList<>();
        if (n <= MAX_PANELS) {
            rows = new double[(int) n][s];
            for (int p = 0; p < n; p++) {
                for (int j = 0; j < s; j++) {
                    rows[p][j] = data.getDouble((long) p * s + j);
                }
                names.add(n == 1 ? t : (nav.isEmpty() ? t : nav.get(0).name()) + " " + p);
            }
        } else {
            rows = new double[1][s];
            float[] buf = new float[s];
            for (long p = 0; p < n; p++) {
                data.readSpectra(p, 1, buf, 0);
                for (int j = 0; j < s; j++) {
                    rows[0][j] += buf[j];
                }
            }
            for (int j = 0; j < s; j++) {
                rows[0][j] /= n;
            }
            names.add("mean of " + n + " positions");
        }
        if (sig.size() == 1) {
            return Charts.overlay(t, sig.get(0), rows, names, "intensity", WIDTH, rows.length == 1 ? 420 : 480);
        }
        List<MapRenderer.MapPanel> panels = new ArrayList<>();
        for (int p = 0; p < rows.length; p++) {
            panels.add(new MapRenderer.MapPanel(names.get(p), rows[p], sig.get(0), sig.get(1)));
        }
        return MapRenderer.renderContinuous(t, panels, 230, Math.min(3, panels.size())).image();
    }

    /**
     * Renders a dataset ({@link #render}) and writes it as a PNG file atomically.
     *
     * @param data  the dataset
     * @param title figure title (blank: the dataset's title)
     * @param file  the PNG file (replaced if it exists)
     * @throws IOException              if the file cannot be written
     * @throws IllegalArgumentException if the dataset cannot be plotted
     */
    public static void writePng(Dataset data, String title, Path file) throws IOException {
        BufferedImage img = render(data, title);
        AtomicFiles.write(file, tmp -> {
            if (!ImageIO.write(img, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    /**
     * Spectra against their energy axis with labelled vertical markers, e.g. the EELS edges of
     * {@code tessera.eels.EdgeTable} at their onsets, written as a PNG file atomically.
     *
     * @param title   figure title
     * @param axis    the energy axis (its name and units label the x axis)
     * @param curves  curves {@code [n][axis.size()]}
     * @param names   curve names, length n
     * @param yLabel  y axis label
     * @param markers marker label → position in the axis units (insertion order kept; outside the axis: skipped)
     * @param file    the PNG file (replaced if it exists)
     * @throws IOException              if the file cannot be written
     * @throws IllegalArgumentException if a curve's length differs from the axis size
     */
    public static void writeSpectrumPng(String title, Axis axis, double[][] curves, List<String> names, String yLabel,
            java.util.Map<String, Double> markers, Path file) throws IOException {
        for (double[] c : curves) {
            if (c.length != axis.size()) {
                throw new IllegalArgumentException("curve of " + c.length + " values on an axis of " + axis.size());
            }
        }
        BufferedImage img = Charts.overlayWithMarkers(title, axis, curves, names, yLabel, markers, WIDTH, 420);
        AtomicFiles.write(file, tmp -> {
            if (!ImageIO.write(img, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    /**
     * An image in grey levels (2nd–98th percentile) with atomic columns drawn over it as circles coloured by class
     * (sublattice, or a cluster label), up-scaled so the short side is at least 600 px, written as a PNG file atomically.
     *
     * @param image  one image {@code [ny, nx]}
     * @param ys     column rows (px of the image)
     * @param xs     column columns (px of the image)
     * @param cls    class of each column (≥ 0; colours from the categorical palette)
     * @param radius circle radius in px of the image
     * @param title  caption drawn at the top left (blank: none)
     * @param file   the PNG file (replaced if it exists)
     * @throws IOException              if the file cannot be written
     * @throws IllegalArgumentException if the dataset is not a single 2-D image or the arrays differ in length
     */
    public static void writeAtomOverlay(Dataset image, double[] ys, double[] xs, int[] cls, double radius, String title, Path file) throws IOException {
        writeAtomOverlay(image, ys, xs, cls, radius, null, title, file);
    }

    /**
     * As {@link #writeAtomOverlay(Dataset, double[], double[], int[], double, String, Path)}, with a boundary drawn as
     * white dots, e.g. the midpoints between neighbouring columns of different classes (a grain boundary).
     *
     * @param image    one image {@code [ny, nx]}
     * @param ys       column rows (px of the image)
     * @param xs       column columns (px of the image)
     * @param cls      class of each column (≥ 0)
     * @param radius   circle radius in px of the image
     * @param boundary boundary points {@code [2][m]} (rows, columns in px of the image), or null
     * @param title    caption (blank: none)
     * @param file     the PNG file (replaced if it exists)
     * @throws IOException              if the file cannot be written
     * @throws IllegalArgumentException if the dataset is not a single 2-D image or the arrays differ in length
     */
    public static void writeAtomOverlay(Dataset image, double[] ys, double[] xs, int[] cls, double radius, double[][] boundary, String title, Path file)
            throws IOException {
        if (image.signalAxes().size() != 2 || image.navigationDimension() != 0) {
            throw new IllegalArgumentException("an atom overlay needs one 2-D image, got shape " + java.util.Arrays.toString(image.shape()));
        }
        if (ys.length != xs.length || ys.length != cls.length) {
            throw new IllegalArgumentException("positions and classes differ in length");
        }
        int ny = image.shape()[0], nx = image.shape()[1];
        double[] v = image.toDoubleArray();
        double[] sorted = v.clone();
        java.util.Arrays.sort(sorted);
        double lo = sorted[(int) (0.02 * (sorted.length - 1))], hi = sorted[(int) (0.98 * (sorted.length - 1))];
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        int f = Math.max(1, (int) Math.ceil(600.0 / Math.min(ny, nx)));
        BufferedImage out = new BufferedImage(nx * f, ny * f, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                int g = (int) Math.round(255 * Math.max(0, Math.min(1, (v[y * nx + x] - lo) / (hi - lo))));
                int rgb = g << 16 | g << 8 | g;
                for (int a = 0; a < f; a++) {
                    for (int b = 0; b < f; b++) {
                        out.setRGB(x * f + b, y * f + a, rgb);
                    }
                }
            }
        }
        java.awt.Graphics2D g2 = out.createGraphics();
        g2.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
        g2.setStroke(new java.awt.BasicStroke(Math.max(1.5f, f * 0.6f)));
        double r = Math.max(2, radius * f);
        for (int i = 0; i < ys.length; i++) {
            g2.setColor(tessera.report.internal.Colormaps.category(cls[i]));
            double cy = (ys[i] + 0.5) * f, cx = (xs[i] + 0.5) * f;
            g2.draw(new java.awt.geom.Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
        }
        if (boundary != null) {
            g2.setColor(java.awt.Color.WHITE);
            double d = Math.max(3, 0.35 * r);
            for (int i = 0; i < boundary[0].length; i++) {
                g2.fill(new java.awt.geom.Ellipse2D.Double((boundary[1][i] + 0.5) * f - d / 2, (boundary[0][i] + 0.5) * f - d / 2, d, d));
            }
        }
        if (title != null && !title.isBlank()) {
            g2.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 16));
            g2.setColor(java.awt.Color.BLACK);
            g2.drawString(title, 9, 21);
            g2.setColor(java.awt.Color.WHITE);
            g2.drawString(title, 8, 20);
        }
        g2.dispose();
        AtomicFiles.write(file, tmp -> {
            if (!ImageIO.write(out, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    /**
     * The state graph of a Markov model: one node per class on a circle, its area ∝ the stationary probability π_i
     * and its self-transition T_ii written inside; an arrow i → j for every T_ij ≥ {@code min}, its width ∝ T_ij and
     * labelled with it (i ≠ j), written as a PNG file atomically.
     *
     * @param t     transition matrix {@code [n][n]}
     * @param pi    stationary distribution {@code [n]}
     * @param min   smallest transition probability drawn (e.g. 0.01)
     * @param title caption
     * @param file  the PNG file (replaced if it exists)
     * @throws IOException              if the file cannot be written
     * @throws IllegalArgumentException if the sizes differ or n &lt; 1
     */
    public static void writeStateGraph(double[][] t, double[] pi, double min, String title, Path file) throws IOException {
        int n = t.length;
        if (n < 1 || pi.length != n) {
            throw new IllegalArgumentException("a state graph needs T [n][n] and π [n], got " + n + " and " + pi.length);
        }
        int size = 560;
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, size, size);
        double cx = size / 2.0, cy = size / 2.0 + 10, ring = n == 1 ? 0 : size * 0.32;
        double[] x = new double[n], y = new double[n], r = new double[n];
        double pmax = 0;
        for (double v : pi) {
            pmax = Math.max(pmax, v);
        }
        for (int i = 0; i < n; i++) {
            double a = -Math.PI / 2 + 2 * Math.PI * i / n;
            x[i] = cx + ring * Math.cos(a);
            y[i] = cy + ring * Math.sin(a);
            r[i] = 16 + 34 * Math.sqrt(pmax > 0 ? pi[i] / pmax : 1);
        }
        g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 12));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j || !(t[i][j] >= min)) {
                    continue;
                }
                double dx = x[j] - x[i], dy = y[j] - y[i], len = Math.hypot(dx, dy);
                double ux = dx / len, uy = dy / len, ox = -uy * 7, oy = ux * 7; // offset so i→j and j→i do not overlap
                double x0 = x[i] + ux * r[i] + ox, y0 = y[i] + uy * r[i] + oy, x1 = x[j] - ux * r[j] + ox, y1 = y[j] - uy * r[j] + oy;
                g.setColor(tessera.report.internal.Colormaps.category(i));
                g.setStroke(new java.awt.BasicStroke((float) (1 + 10 * t[i][j]), java.awt.BasicStroke.CAP_ROUND, java.awt.BasicStroke.JOIN_ROUND));
                g.draw(new java.awt.geom.Line2D.Double(x0, y0, x1, y1));
                java.awt.geom.Path2D head = new java.awt.geom.Path2D.Double();
                head.moveTo(x1, y1);
                head.lineTo(x1 - ux * 12 + uy * 6, y1 - uy * 12 - ux * 6);
                head.lineTo(x1 - ux * 12 - uy * 6, y1 - uy * 12 + ux * 6);
                head.closePath();
                g.fill(head);
                g.setColor(java.awt.Color.BLACK);
                String lbl = String.format(java.util.Locale.ROOT, "%.3f", t[i][j]);
                // a third of the way from the source, so that crossing arrows and i → j / j → i keep their labels apart
                g.drawString(lbl, (float) (x0 + (x1 - x0) / 3 + ox * 1.8 - 12), (float) (y0 + (y1 - y0) / 3 + oy * 1.8 + 4));
            }
        }
        g.setStroke(new java.awt.BasicStroke(2f));
        for (int i = 0; i < n; i++) {
            g.setColor(tessera.report.internal.Colormaps.category(i));
            g.fill(new java.awt.geom.Ellipse2D.Double(x[i] - r[i], y[i] - r[i], 2 * r[i], 2 * r[i]));
            g.setColor(java.awt.Color.BLACK);
            g.draw(new java.awt.geom.Ellipse2D.Double(x[i] - r[i], y[i] - r[i], 2 * r[i], 2 * r[i]));
            g.setColor(java.awt.Color.WHITE);
            g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 14));
            String name = String.valueOf(i);
            g.drawString(name, (float) (x[i] - 4), (float) (y[i] - 2));
            g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 11));
            g.drawString(String.format(java.util.Locale.ROOT, "%.3f", t[i][i]), (float) (x[i] - 14), (float) (y[i] + 13));
        }
        g.setColor(java.awt.Color.BLACK);
        g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 15));
        g.drawString(title == null ? "" : title, 12, 22);
        g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 11));
        g.drawString(String.format(java.util.Locale.ROOT, "node area ∝ stationary probability; inside: T_ii; arrows: T_ij ≥ %.3g", min), 12, size - 10);
        g.dispose();
        AtomicFiles.write(file, tmp -> {
            if (!ImageIO.write(img, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
