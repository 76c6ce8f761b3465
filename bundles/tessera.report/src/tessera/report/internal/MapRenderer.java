package tessera.report.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tessera.core.model.Axis;

/**
 * Java2D renderer for 2-D maps (loading maps, cluster maps): nearest-neighbour image in the
 * physical aspect ratio of the navigation axes, viridis colour bar with values or a
 * categorical legend, and a scale bar in calibrated length units. Rows of the array (first
 * navigation axis, y) run top to bottom, as in HyperSpy's image plots.
 */
public final class MapRenderer {
    private MapRenderer() {
    }

    /**
     * One map.
     *
     * @param title  panel title
     * @param values row-major values {@code [y.size()][x.size()]}, flattened
     * @param y      vertical (first, slow) axis
     * @param x      horizontal (second, fast) axis
     */
    public record MapPanel(String title, double[] values, Axis y, Axis x) {
        /** @throws IllegalArgumentException if the value count does not match the axes */
        public MapPanel {
            if (values.length != (long) y.size() * x.size()) {
                throw new IllegalArgumentException("map '" + title + "' has " + values.length + " values for " + y.size() + " x " + x.size());
            }
        }
    }

    /**
     * Where things were drawn in a rendered panel, for captions and tests.
     *
     * @param image           rectangle of the map image in the figure, pixels
     * @param colorbar        rectangle of the colour bar (null for a categorical legend)
     * @param vmin            value at the bottom of the colour bar (= data minimum)
     * @param vmax            value at the top of the colour bar (= data maximum)
     * @param scaleBarLength  scale-bar length in x-axis units, NaN if none was drawn
     * @param scaleBarLabel   its label, or null
     * @param scaleBarPixels  its length in figure pixels, 0 if none
     */
    public record PanelGeometry(Rectangle image, Rectangle colorbar, double vmin, double vmax, double scaleBarLength, String scaleBarLabel,
            int scaleBarPixels) {
    }

    /**
     * A rendered figure.
     *
     * @param image  the ARGB figure
     * @param panels geometry of each panel, in input order
     */
    public record Rendered(BufferedImage image, List<PanelGeometry> panels) {
    }

    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 17);
    static final Font PANEL_TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Font BAR = new Font(Font.SANS_SERIF, Font.BOLD, 12);

    private static final int MARGIN = 16;
    private static final int TITLE_H = 34;
    private static final int PANEL_TITLE_H = 22;
    private static final int CAPTION_H = 20;
    private static final int CB_GAP = 10;
    private static final int CB_W = 16;
    private static final int CB_LABEL_W = 66;

    /**
     * Renders continuous maps on a grid, each with its own viridis colour bar spanning the
     * panel's data minimum to maximum (NaN ignored).
     *
     * @param figureTitle title above the grid
     * @param panels      maps, at least one
     * @param maxImage    largest image side in pixels (e.g. 230)
     * @param columns     grid columns
     * @return the figure and panel geometry
     */
    public static Rendered renderContinuous(String figureTitle, List<MapPanel> panels, int maxImage, int columns) {
        int cellW = maxImage + CB_GAP + CB_W + CB_LABEL_W + MARGIN;
        int imgH = 1;
        for (MapPanel mp : panels) {
            imgH = Math.max(imgH, imageSize(mp.y(), mp.x(), maxImage)[1]);
        }
        int cellH = PANEL_TITLE_H + imgH + CAPTION_H + 12;
        int rows = (panels.size() + columns - 1) / columns;
        int cols = Math.min(columns, panels.size());
        BufferedImage img = new BufferedImage(MARGIN * 2 + cols * cellW, TITLE_H + rows * cellH + MARGIN, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = begin(img, figureTitle);
        List<PanelGeometry> geo = new ArrayList<>();
        for (int p = 0; p < panels.size(); p++) {
            MapPanel mp = panels.get(p);
            int cx = MARGIN + (p % columns) * cellW;
            int cy = TITLE_H + (p / columns) * cellH;
            double vmin = Double.POSITIVE_INFINITY;
            double vmax = Double.NEGATIVE_INFINITY;
            for (double v : mp.values()) {
                if (!Double.isNaN(v)) {
                    vmin = Math.min(vmin, v);
                    vmax = Math.max(vmax, v);
                }
            }
            if (vmin > vmax) {
                vmin = vmax = Double.NaN;
            }
            final double lo = vmin;
            final double hi = vmax;
            Rectangle r = drawImage(g, mp, cx, cy, maxImage, v -> Colormaps.viridis(v, lo, hi));
            Rectangle cb = new Rectangle(r.x + r.width + CB_GAP, r.y, CB_W, r.height);
            drawColorbar(g, cb, lo, hi);
            geo.add(finishPanel(g, mp, r, cb, lo, hi));
        }
        g.dispose();
        return new Rendered(img, geo);
    }

    /**
     * Renders a categorical map (cluster labels) with a legend of class colours and sizes.
     *
     * @param figureTitle title
     * @param panelTitle  title over the map
     * @param labels      class per position, row-major {@code [y][x]}, values in [0, k); -1 (noise) drawn grey with its own legend row
     * @param k           number of classes
     * @param y           vertical axis
     * @param x           horizontal axis
     * @param maxImage    largest image side in pixels
     * @return the figure and its single panel geometry (colorbar null, vmin 0, vmax k-1)
     */
    public static Rendered renderCategorical(String figureTitle, String panelTitle, int[] labels, int k, Axis y, Axis x, int maxImage) {
        double[] v = new double[labels.length];
        int[] counts = new int[k];
        for (int i = 0; i < v.length; i++) {
            v[i] = labels[i];
            if (labels[i] >= 0 && labels[i] < k) {
                counts[labels[i]]++;
            }
        }
        MapPanel mp = new MapPanel(panelTitle, v, y, x);
        int legendW = 230;
        int legendRowH = 20;
        int h = Math.max(PANEL_TITLE_H + imageSize(y, x, maxImage)[1] + CAPTION_H, PANEL_TITLE_H + (k + 1) * legendRowH) + 12;
        BufferedImage img = new BufferedImage(MARGIN * 3 + maxImage + legendW, TITLE_H + h + MARGIN, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = begin(img, figureTitle);
        Rectangle r = drawImage(g, mp, MARGIN, TITLE_H, maxImage, val -> {
            int c = (int) val;
            return c >= 0 && c < k ? Colormaps.category(c).getRGB() & 0xffffff : Colormaps.NAN_RGB;
        });
        int lx = MARGIN * 2 + maxImage;
        int ly = TITLE_H + PANEL_TITLE_H;
        g.setFont(SMALL.deriveFont(12f));
        FontMetrics fm = g.getFontMetrics();
        for (int c = 0; c < k; c++) {
            g.setColor(Colormaps.category(c));
            g.fillRect(lx, ly + c * legendRowH, 14, 14);
            g.setColor(Color.BLACK);
            g.drawRect(lx, ly + c * legendRowH, 14, 14);
            String s = String.format(Locale.ROOT, "Cluster %d  (%d px, %.1f %%)", c, counts[c], 100.0 * counts[c] / Math.max(1, labels.length));
            g.drawString(s, lx + 22, ly + c * legendRowH + 7 + fm.getAscent() / 2 - 1);
        }
        int noise = labels.length;
        for (int c : counts) {
            noise -= c;
        }
        if (noise > 0) {
            int yy = ly + k * legendRowH;
            g.setColor(new Color(Colormaps.NAN_RGB));
            g.fillRect(lx, yy, 14, 14);
            g.setColor(Color.BLACK);
            g.drawRect(lx, yy, 14, 14);
            g.drawString(String.format(Locale.ROOT, "Noise  (%d px, %.1f %%)", noise, 100.0 * noise / labels.length), lx + 22, yy + 7 + fm.getAscent() / 2 - 1);
        }
        PanelGeometry pg = finishPanel(g, mp, r, null, 0, k - 1);
        g.dispose();
        return new Rendered(img, List.of(pg));
    }

    private static Graphics2D begin(BufferedImage img, String title) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(title, (img.getWidth() - fm.stringWidth(title)) / 2, 8 + fm.getAscent());
        return g;
    }

    /** Physical aspect when both axes carry the same non-empty units, else pixel aspect. */
    static double[] extent(Axis y, Axis x) {
        boolean phys = !x.units().isBlank() && x.units().equals(y.units());
        double w = x.size() * (phys ? Math.abs(x.scale()) : 1);
        double h = y.size() * (phys ? Math.abs(y.scale()) : 1);
        return new double[] {w, h};
    }

    /** @return {width, height} in pixels of a map fitted into maxImage x maxImage in its aspect ratio */
    static int[] imageSize(Axis y, Axis x, int maxImage) {
        double[] ext = extent(y, x);
        double s = Math.min(maxImage / ext[0], maxImage / ext[1]);
        return new int[] {Math.max(1, (int) Math.round(ext[0] * s)), Math.max(1, (int) Math.round(ext[1] * s))};
    }

    private static Rectangle drawImage(Graphics2D g, MapPanel mp, int cx, int cy, int maxImage, java.util.function.DoubleToIntFunction colour) {
        g.setColor(Color.BLACK);
        g.setFont(PANEL_TITLE);
        g.drawString(mp.title(), cx, cy + 16);
        int ny = mp.y().size();
        int nx = mp.x().size();
        BufferedImage raw = new BufferedImage(nx, ny, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < ny; i++) {
            for (int j = 0; j < nx; j++) {
                raw.setRGB(j, i, colour.applyAsInt(mp.values()[i * nx + j]));
            }
        }
        int[] wh = imageSize(mp.y(), mp.x(), maxImage);
        Rectangle r = new Rectangle(cx, cy + PANEL_TITLE_H, wh[0], wh[1]);
        Object old = g.getRenderingHint(RenderingHints.KEY_INTERPOLATION);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.drawImage(raw, r.x, r.y, r.width, r.height, null);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        if (old != null) {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, old);
        }
        return r;
    }

    private static void drawColorbar(Graphics2D g, Rectangle cb, double lo, double hi) {
        for (int i = 0; i < cb.height; i++) {
            // row i from the top: top row = entry 255 (vmax), bottom row = entry 0 (vmin)
            int entry = cb.height == 1 ? 255 : (int) Math.round(255.0 * (cb.height - 1 - i) / (cb.height - 1));
            g.setColor(new Color(Double.isNaN(lo) ? Colormaps.NAN_RGB : Colormaps.viridis(entry)));
            g.fillRect(cb.x, cb.y + i, cb.width, 1);
        }
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(cb.x - 1, cb.y - 1, cb.width + 1, cb.height + 1);
        g.setFont(SMALL);
        FontMetrics fm = g.getFontMetrics();
        if (Double.isNaN(lo)) {
            g.drawString("no data", cb.x + cb.width + 4, cb.y + cb.height / 2);
            return;
        }
        int tx = cb.x + cb.width + 4;
        // ends: exact data minimum and maximum
        tick(g, fm, tx, cb.y, tickLabel(hi));
        tick(g, fm, tx, cb.y + cb.height - 1, tickLabel(lo));
        if (hi > lo) {
            double step = ScaleBars.niceLength((hi - lo) / 3.0);
            for (double t = Math.ceil(lo / step) * step; t < hi; t += step) {
                int yy = (int) Math.round(cb.y + (cb.height - 1) * (hi - t) / (hi - lo));
                if (yy - cb.y > fm.getHeight() && cb.y + cb.height - 1 - yy > fm.getHeight()) {
                    tick(g, fm, tx, yy, tickLabel(Math.abs(t) < step * 1e-9 ? 0 : t));
                }
            }
        }
    }

    private static void tick(Graphics2D g, FontMetrics fm, int tx, int y, String label) {
        g.setColor(Color.DARK_GRAY);
        g.drawLine(tx - 4, y, tx - 1, y);
        g.setColor(Color.BLACK);
        g.drawString(label, tx + 1, y + fm.getAscent() / 2 - 1);
    }

    /** @return a compact label for a colour-bar value (3 significant digits) */
    public static String tickLabel(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e5) {
            return ScaleBars.format(Double.parseDouble(String.format(Locale.ROOT, "%.3g", v)));
        }
        return String.format(Locale.ROOT, "%.2e", v);
    }

    private static PanelGeometry finishPanel(Graphics2D g, MapPanel mp, Rectangle r, Rectangle cb, double lo, double hi) {
        Axis x = mp.x();
        Axis y = mp.y();
        g.setColor(Color.DARK_GRAY);
        g.setFont(SMALL);
        String cap = String.format(Locale.ROOT, "%s %d × %s %d px", y.name(), y.size(), x.name(), x.size());
        if (!x.units().isBlank()) {
            cap += ", " + ScaleBars.format(Math.abs(x.scale())) + " " + x.units() + "/px";
        }
        g.drawString(cap, r.x, r.y + r.height + 14);
        double len = Double.NaN;
        String label = null;
        int px = 0;
        if (ScaleBars.isLengthUnit(x.units())) {
            len = ScaleBars.forAxis(x);
            label = ScaleBars.label(len, x.units());
            px = (int) Math.round(len / Math.abs(x.scale()) * r.width / (double) x.size());
            g.setFont(BAR);
            FontMetrics fm = g.getFontMetrics();
            int boxW = Math.max(px, fm.stringWidth(label)) + 12;
            int boxH = fm.getHeight() + 14;
            int bx = r.x + 6;
            int by = r.y + r.height - boxH - 6;
            if (boxW < r.width - 8 && boxH < r.height - 8) {
                g.setColor(new Color(0, 0, 0, 150));
                g.fillRoundRect(bx, by, boxW, boxH, 6, 6);
                g.setColor(Color.WHITE);
                g.fillRect(bx + 6, by + boxH - 10, px, 5);
                g.drawString(label, bx + 6 + (px - fm.stringWidth(label)) / 2, by + 4 + fm.getAscent());
            } else {
                // image too small for an overlay: draw the bar under the caption
                g.setColor(Color.BLACK);
                g.fillRect(r.x, r.y + r.height + 18, px, 4);
                g.drawString(label, r.x + px + 6, r.y + r.height + 24);
            }
        }
        return new PanelGeometry(r, cb, lo, hi, len, label, px);
    }
}
