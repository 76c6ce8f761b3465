package tessera.report.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import tessera.core.model.Axis;

/**
 * JFreeChart line plots for the report (scree, factor spectra, loading profiles, cluster
 * means and label profiles), rendered headlessly into images.
 */
public final class Charts {
    private Charts() {
    }

    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font CHART_TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);

    /**
     * Axis label with units: {@code "Energy loss (eV)"}, {@code "x (nm)"}; the name only if
     * the axis has no units.
     *
     * @param a axis
     * @return label
     */
    public static String axisLabel(Axis a) {
        String n = a.name().isBlank() ? "axis" : a.name();
        if (n.length() > 1) {
            n = Character.toUpperCase(n.charAt(0)) + n.substring(1);
        }
        return a.units().isBlank() ? n + " (uncalibrated)" : n + " (" + a.units() + ")";
    }

    /**
     * Scree plot: explained variance ratio (log scale) against component index (from 0),
     * the first {@code chosen} components filled, a dashed marker between the chosen and the
     * discarded components. Non-positive ratios cannot be shown on a log axis and are skipped.
     *
     * @param title  chart title
     * @param ratios explained variance ratios, descending
     * @param chosen number of components kept (0 for no marker)
     * @param width  pixels
     * @param height pixels
     * @return the image
     */
    public static BufferedImage scree(String title, double[] ratios, int chosen, int width, int height) {
        XYSeries kept = new XYSeries("kept (" + chosen + ")");
        XYSeries rest = new XYSeries("not kept");
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (int i = 0; i < ratios.length; i++) {
            if (ratios[i] > 0 && Double.isFinite(ratios[i])) {
                (i < chosen ? kept : rest).add(i, ratios[i]);
                lo = Math.min(lo, ratios[i]);
                hi = Math.max(hi, ratios[i]);
            }
        }
        XYSeriesCollection ds = new XYSeriesCollection();
        ds.addSeries(kept);
        ds.addSeries(rest);
        NumberAxis x = new NumberAxis("Component index");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setRange(-0.5, Math.max(1, ratios.length) - 0.5);
        LogAxis y = new LogAxis("Explained variance ratio (log scale)");
        y.setBase(10);
        y.setSmallestValue(1e-300);
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        if (hi > 0) {
            y.setRange(lo / 2, hi * 2);
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setSeriesPaint(0, Colormaps.category(0));
        r.setSeriesPaint(1, Color.GRAY);
        r.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-5, -5, 10, 10));
        r.setSeriesShape(1, new java.awt.geom.Ellipse2D.Double(-4, -4, 8, 8));
        r.setSeriesShapesFilled(1, false);
        XYPlot plot = new XYPlot(ds, x, y, r);
        if (chosen > 0 && chosen < ratios.length) {
            ValueMarker m = new ValueMarker(chosen - 0.5);
            m.setPaint(new Color(0xd62728));
            m.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            m.setLabel("N = " + chosen);
            m.setLabelFont(LABEL);
            m.setLabelPaint(new Color(0xd62728));
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            m.setLabelBackgroundColor(new Color(255, 255, 255, 0));
            plot.addDomainMarker(m);
        }
        return render(style(new JFreeChart(title, CHART_TITLE, plot, true), plot), width, height);
    }

    /**
     * Overlaid curves against a calibrated axis, with a legend; series {@code i} gets
     * {@link Colormaps#category(int) category colour} {@code colourOffset + i}.
     *
     * @param title  chart title
     * @param xAxis  calibrated x axis; curve j has {@code xAxis.size()} values
     * @param ys     curves {@code [n][xAxis.size()]}
     * @param names  series names, length n
     * @param yLabel y axis label
     * @param width  pixels
     * @param height pixels
     * @return the image
     */
    public static BufferedImage overlay(String title, Axis xAxis, double[][] ys, List<String> names, String yLabel, int width, int height) {
        XYSeriesCollection ds = new XYSeriesCollection();
        for (int i = 0; i < ys.length; i++) {
            ds.addSeries(series(names.get(i), xAxis, ys[i]));
        }
        XYPlot plot = linePlot(ds, xAxis, yLabel, 0);
        return render(style(new JFreeChart(title, CHART_TITLE, plot, ys.length > 1), plot), width, height);
    }

    /**
     * Like {@link #overlay} with labelled vertical markers (e.g. EELS edge onsets) drawn as dashed lines.
     *
     * @param title   chart title
     * @param xAxis   calibrated x axis
     * @param ys      curves {@code [n][xAxis.size()]}
     * @param names   series names, length n
     * @param yLabel  y axis label
     * @param markers marker label → x position in the axis units; positions outside the axis are skipped
     * @param width   pixels
     * @param height  pixels
     * @return the image
     */
    public static BufferedImage overlayWithMarkers(String title, Axis xAxis, double[][] ys, List<String> names, String yLabel,
            java.util.Map<String, Double> markers, int width, int height) {
        XYSeriesCollection ds = new XYSeriesCollection();
        for (int i = 0; i < ys.length; i++) {
            ds.addSeries(series(names.get(i), xAxis, ys[i]));
        }
        XYPlot plot = linePlot(ds, xAxis, yLabel, 0);
        double lo = Math.min(xAxis.value(0), xAxis.value(xAxis.size() - 1));
        double hi = Math.max(xAxis.value(0), xAxis.value(xAxis.size() - 1));
        int shown = 0;
        for (var e : markers.entrySet()) {
            double v = e.getValue();
            if (v < lo || v > hi) {
                continue;
            }
            ValueMarker m = new ValueMarker(v);
            // labels of neighbouring edges drop by one line each so that they do not overlap
            m.setLabelOffset(new org.jfree.chart.ui.RectangleInsets(4 + 16 * (shown++ % 4), 4, 4, 4));
            m.setPaint(new Color(0xd62728));
            m.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
            m.setLabel(e.getKey());
            m.setLabelFont(LABEL);
            m.setLabelPaint(new Color(0xd62728));
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            m.setLabelBackgroundColor(new Color(255, 255, 255, 0));
            plot.addDomainMarker(m);
        }
        return render(style(new JFreeChart(title, CHART_TITLE, plot, ys.length > 1), plot), width, height);
    }

    /**
     * A grid of single-curve charts sharing a figure title, one per curve; curve i is drawn in
     * category colour i.
     *
     * @param title   figure title
     * @param xAxis   calibrated x axis
     * @param ys      curves {@code [n][xAxis.size()]}
     * @param names   per-chart titles
     * @param yLabel  y axis label
     * @param width   figure width in pixels
     * @param columns grid columns
     * @param cellH   height of one chart in pixels
     * @return the image
     */
    public static BufferedImage grid(String title, Axis xAxis, double[][] ys, List<String> names, String yLabel, int width, int columns, int cellH) {
        int cols = Math.max(1, Math.min(columns, ys.length));
        int rows = (ys.length + cols - 1) / cols;
        int top = 36;
        BufferedImage img = new BufferedImage(width, top + rows * cellH + 8, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        hints(g);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(MapRenderer.TITLE);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(title, (width - fm.stringWidth(title)) / 2, 8 + fm.getAscent());
        double cellW = (width - 8.0) / cols;
        for (int i = 0; i < ys.length; i++) {
            XYSeriesCollection ds = new XYSeriesCollection();
            ds.addSeries(series(names.get(i), xAxis, ys[i]));
            XYPlot plot = linePlot(ds, xAxis, yLabel, i);
            JFreeChart c = style(new JFreeChart(names.get(i), CHART_TITLE.deriveFont(13f), plot, false), plot);
            c.draw(g, new Rectangle2D.Double(4 + (i % cols) * cellW, top + (i / cols) * cellH, cellW, cellH));
        }
        g.dispose();
        return img;
    }

    /**
     * Cluster label along a line scan: one marker per position at height = label, coloured by
     * class; y ticks are the integer labels.
     *
     * @param title  chart title
     * @param xAxis  calibrated position axis
     * @param labels label per position, length {@code xAxis.size()}
     * @param k      number of classes
     * @param width  pixels
     * @param height pixels
     * @return the image
     */
    public static BufferedImage labelProfile(String title, Axis xAxis, int[] labels, int k, int width, int height) {
        XYSeriesCollection ds = new XYSeriesCollection();
        XYSeries[] s = new XYSeries[k];
        for (int c = 0; c < k; c++) {
            s[c] = new XYSeries("Cluster " + c);
            ds.addSeries(s[c]);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= 0 && labels[i] < k) {
                s[labels[i]].add(xAxis.value(i), labels[i]);
            }
        }
        NumberAxis x = new NumberAxis(axisLabel(xAxis));
        x.setAutoRangeIncludesZero(false);
        x.setRange(Math.min(xAxis.offset(), xAxis.high()) - Math.abs(xAxis.scale()) / 2, Math.max(xAxis.offset(), xAxis.high()) + Math.abs(xAxis.scale()) / 2);
        NumberAxis y = new NumberAxis("Cluster label");
        y.setTickUnit(new NumberTickUnit(1));
        y.setRange(-0.5, k - 0.5);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        for (int c = 0; c < k; c++) {
            r.setSeriesPaint(c, Colormaps.category(c));
            r.setSeriesShape(c, new Rectangle2D.Double(-4, -7, 8, 14));
        }
        XYPlot plot = new XYPlot(ds, x, y, r);
        return render(style(new JFreeChart(title, CHART_TITLE, plot, true), plot), width, height);
    }

    /**
     * Scatter plot of a 2-D embedding (e.g. UMAP) coloured by cluster in the colours of the cluster map; noise
     * positions ({@code label -1}) in grey. At most {@code maxPoints} points are drawn, an evenly strided subset
     * of the positions, so that the figure stays readable and small for 10^6 spectra.
     *
     * @param title     chart title
     * @param embedding coordinates {@code [n][m]}, m &ge; 2; the first two are plotted
     * @param labels    cluster per position, length n, in {@code [0, k)} or {@code -1}
     * @param k         number of clusters
     * @param maxPoints largest number of points drawn
     * @param width     pixels
     * @param height    pixels
     * @return the image
     */
    public static BufferedImage embeddingScatter(String title, double[][] embedding, int[] labels, int k, int maxPoints, int width, int height) {
        XYSeriesCollection ds = new XYSeriesCollection();
        XYSeries[] s = new XYSeries[k + 1];
        for (int c = 0; c < k; c++) {
            s[c] = new XYSeries("Cluster " + c, false, true);
            ds.addSeries(s[c]);
        }
        s[k] = new XYSeries("Noise", false, true);
        int stride = Math.max(1, (labels.length + maxPoints - 1) / maxPoints);
        for (int i = 0; i < labels.length; i += stride) {
            int l = labels[i];
            s[l >= 0 && l < k ? l : k].add(embedding[i][0], embedding[i][1]);
        }
        if (s[k].getItemCount() > 0) {
            ds.addSeries(s[k]);
        }
        NumberAxis x = new NumberAxis("Embedding 1");
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis("Embedding 2");
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        for (int c = 0; c <= k; c++) {
            r.setSeriesPaint(c, c < k ? Colormaps.category(c) : new Color(Colormaps.NAN_RGB));
            r.setSeriesShape(c, new java.awt.geom.Ellipse2D.Double(-1.5, -1.5, 3, 3));
        }
        XYPlot plot = new XYPlot(ds, x, y, r);
        return render(style(new JFreeChart(title, CHART_TITLE, plot, true), plot), width, height);
    }

    /**
     * A criterion against the number of clusters (elbow, gap statistic with its error bars as
     * {@code gap ± s_k}, silhouette), the chosen k marked by a dashed line.
     *
     * @param title  chart title
     * @param yLabel name of the criterion
     * @param k      the numbers of clusters tried
     * @param values the criterion at each k
     * @param errors its standard error at each k, or null
     * @param best   the chosen k
     * @param width  pixels
     * @param height pixels
     * @return the image
     */
    public static BufferedImage criterionCurve(String title, String yLabel, int[] k, double[] values, double[] errors, int best, int width,
            int height) {
        XYSeriesCollection ds = new XYSeriesCollection();
        XYSeries v = new XYSeries(yLabel, false, true);
        for (int i = 0; i < k.length; i++) {
            v.add(k[i], Double.isFinite(values[i]) ? values[i] : null);
        }
        ds.addSeries(v);
        if (errors != null) {
            XYSeries lo = new XYSeries("− s_k", false, true);
            XYSeries hi = new XYSeries("+ s_k", false, true);
            for (int i = 0; i < k.length; i++) {
                lo.add(k[i], values[i] - errors[i]);
                hi.add(k[i], values[i] + errors[i]);
            }
            ds.addSeries(lo);
            ds.addSeries(hi);
        }
        NumberAxis x = new NumberAxis("Number of clusters k");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setRange(k[0] - 0.5, k[k.length - 1] + 0.5);
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setSeriesPaint(0, Colormaps.category(0));
        r.setSeriesStroke(0, new BasicStroke(1.6f));
        for (int i = 1; i < ds.getSeriesCount(); i++) {
            r.setSeriesPaint(i, Color.GRAY);
            r.setSeriesShapesVisible(i, false);
            r.setSeriesStroke(i, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {3f, 3f}, 0f));
        }
        XYPlot plot = new XYPlot(ds, x, y, r);
        ValueMarker m = new ValueMarker(best);
        m.setPaint(new Color(0xd62728));
        m.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        m.setLabel("k = " + best);
        m.setLabelFont(LABEL);
        m.setLabelPaint(new Color(0xd62728));
        m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        plot.addDomainMarker(m);
        return render(style(new JFreeChart(title, CHART_TITLE, plot, errors != null), plot), width, height);
    }

    private static XYSeries series(String name, Axis xAxis, double[] y) {
        XYSeries s = new XYSeries(name, false, true);
        for (int j = 0; j < y.length; j++) {
            s.add(xAxis.value(j), Double.isFinite(y[j]) ? y[j] : null);
        }
        return s;
    }

    private static XYPlot linePlot(XYSeriesCollection ds, Axis xAxis, String yLabel, int colourOffset) {
        NumberAxis x = new NumberAxis(axisLabel(xAxis));
        x.setAutoRangeIncludesZero(false);
        double a = Math.min(xAxis.offset(), xAxis.high());
        double b = Math.max(xAxis.offset(), xAxis.high());
        x.setRange(a, b > a ? b : a + Math.abs(xAxis.scale()));
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, xAxis.size() <= 2);
        for (int i = 0; i < ds.getSeriesCount(); i++) {
            r.setSeriesPaint(i, Colormaps.category(colourOffset + i));
            r.setSeriesStroke(i, new BasicStroke(1.6f));
        }
        return new XYPlot(ds, x, y, r);
    }

    private static JFreeChart style(JFreeChart c, XYPlot plot) {
        c.setBackgroundPaint(Color.WHITE);
        c.setAntiAlias(true);
        c.setTextAntiAlias(true);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        plot.setOutlinePaint(Color.GRAY);
        for (org.jfree.chart.axis.ValueAxis ax : new org.jfree.chart.axis.ValueAxis[] {plot.getDomainAxis(), plot.getRangeAxis()}) {
            ax.setLabelFont(LABEL);
            ax.setTickLabelFont(TICK);
        }
        if (c.getLegend() != null) {
            c.getLegend().setPosition(RectangleEdge.RIGHT);
            c.getLegend().setItemFont(TICK);
        }
        TextTitle t = c.getTitle();
        if (t != null) {
            t.setFont(t.getFont());
        }
        return c;
    }

    private static void hints(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    }

    private static BufferedImage render(JFreeChart c, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        hints(g);
        c.draw(g, new Rectangle2D.Double(0, 0, width, height));
        g.dispose();
        return img;
    }

    /** @return {@code String.format(Locale.ROOT, ...)} */
    static String fmt(String f, Object... a) {
        return String.format(Locale.ROOT, f, a);
    }
}
