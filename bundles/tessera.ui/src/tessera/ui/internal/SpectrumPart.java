package tessera.ui.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.events.PaintEvent;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.ICustomPaintListener;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ISeries;
import org.eclipse.swtchart.ISeries.SeriesType;
import org.eclipse.swtchart.Range;

import tessera.eels.Edge;
import tessera.eels.EdgeTable;
import tessera.edx.XrayLine;
import tessera.edx.XrayLines;

/**
 * Spectrum view: spectra against calibrated energy (the signal axis' units, eV or keV), several overlaid,
 * on an SWTChart {@link Chart}. Mouse wheel zooms the energy axis about the cursor, dragging pans,
 * shift-dragging selects an energy window (which the map view sums), the toolbar switches the count axis
 * to a log scale and enters elements whose X-ray lines (EDX, keV axis: {@link XrayLines#standard()}) or edge onsets
 * (EELS, eV: {@link EdgeTable#standard()}) are marked. The label
 * under the plot reads out energy and counts at the cursor.
 */
public final class SpectrumPart {
    private static final RGB[] PALETTE = { new RGB(31, 119, 180), new RGB(214, 39, 40), new RGB(44, 160, 44), new RGB(255, 127, 14),
            new RGB(148, 103, 189), new RGB(140, 86, 75) };

    private final Composite root;
    private final Chart chart;
    private final Label readout;
    private final Text elements;
    private final Button log;
    private final Button identify;
    private final org.eclipse.swt.widgets.Combo valenceElement;
    private final Button valence;
    private final List<java.util.function.Consumer<String>> valenceListeners = new java.util.ArrayList<>();
    private final List<Runnable> identifyListeners = new java.util.ArrayList<>();
    private String identified;
    private final Map<String, double[][]> data = new LinkedHashMap<>();
    private final List<BiConsumer<Double, Double>> windowListeners = new ArrayList<>();
    private String units = "eV";
    private double[] window;
    private int dragStart = -1;
    private boolean selecting;
    private Range dragRange;

    /**
     * Creates the view.
     *
     * @param parent its parent
     */
    public SpectrumPart(Composite parent) {
        root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(8, false));
        log = new Button(root, SWT.CHECK);
        log.setText("log counts");
        new Label(root, SWT.NONE).setText("edges of:");
        elements = new Text(root, SWT.BORDER);
        elements.setMessage("e.g. Fe Pt O");
        elements.setLayoutData(new GridData(120, SWT.DEFAULT));
        Button reset = new Button(root, SWT.PUSH);
        reset.setText("reset zoom");
        identify = new Button(root, SWT.PUSH);
        identify.setText("Identify elements");
        identify.setToolTipText("Core-loss EELS: the elements present, from the neural-network ensemble (Annys et al. 2023); their edges are marked");
        identify.addListener(SWT.Selection, e -> identifyListeners.forEach(Runnable::run));
        valenceElement = new org.eclipse.swt.widgets.Combo(root, SWT.READ_ONLY);
        valenceElement.setItems("Mn", "Fe");
        valenceElement.select(0);
        valence = new Button(root, SWT.PUSH);
        valence.setText("Oxidation state");
        valence.setToolTipText("Core-loss EELS: the Mn or Fe oxidation state from the L2,3 white lines (shipped SVM; the L3/L2 ratio beside it); "
                + "a line scan or SI shows its mean-valence map: click a pixel for its spectrum and probabilities");
        valence.addListener(SWT.Selection, e -> valenceListeners.forEach(l -> l.accept(valenceElement.getText())));
        readout = new Label(root, SWT.NONE);
        readout.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        readout.setText("energy –, counts –");
        chart = new Chart(root, SWT.NONE);
        chart.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 8, 1));
        chart.getTitle().setText("Spectrum");
        chart.getAxisSet().getYAxis(0).getTitle().setText("counts");
        axisTitle();
        log.addListener(SWT.Selection, e -> refresh());
        elements.addListener(SWT.DefaultSelection, e -> chart.redraw());
        elements.addListener(SWT.Modify, e -> chart.redraw());
        reset.addListener(SWT.Selection, e -> {
            chart.getAxisSet().adjustRange();
            chart.redraw();
        });
        Control plot = chart.getPlotArea().getControl();
        plot.addListener(SWT.MouseMove, e -> {
            IAxis x = chart.getAxisSet().getXAxis(0), y = chart.getAxisSet().getYAxis(0);
            readout.setText(String.format("energy %.3f %s, counts %.4g", x.getDataCoordinate(e.x), units, y.getDataCoordinate(e.y)));
            if (dragStart >= 0 && !selecting && dragRange != null) {
                double d = x.getDataCoordinate(dragStart) - x.getDataCoordinate(e.x);
                x.setRange(new Range(dragRange.lower + d, dragRange.upper + d));
                chart.redraw();
            } else if (dragStart >= 0 && selecting) {
                window = new double[] { x.getDataCoordinate(dragStart), x.getDataCoordinate(e.x) };
                chart.redraw();
            }
        });
        plot.addListener(SWT.MouseDown, e -> {
            dragStart = e.x;
            selecting = (e.stateMask & SWT.SHIFT) != 0;
            dragRange = chart.getAxisSet().getXAxis(0).getRange();
        });
        plot.addListener(SWT.MouseUp, e -> {
            if (selecting && window != null && dragStart != e.x) {
                setWindow(Math.min(window[0], window[1]), Math.max(window[0], window[1]));
            }
            dragStart = -1;
            selecting = false;
        });
        plot.addListener(SWT.MouseVerticalWheel, e -> {
            IAxis x = chart.getAxisSet().getXAxis(0);
            double c = x.getDataCoordinate(e.x);
            if (e.count > 0) {
                x.zoomIn(c);
            } else {
                x.zoomOut(c);
            }
            chart.redraw();
        });
        chart.getPlotArea().addCustomPaintListener(new ICustomPaintListener() {
            @Override
            public void paintControl(PaintEvent e) {
                paintOverlays(e);
            }

            @Override
            public boolean drawBehindSeries() {
                return true;
            }
        });
    }

    private void axisTitle() {
        chart.getAxisSet().getXAxis(0).getTitle().setText("energy (" + units + ")");
    }

    /** @return the view's top control */
    public Composite control() {
        return root;
    }

    /** @return the chart (tests read its series back) */
    public Chart chart() {
        return chart;
    }

    /**
     * Sets the energy units of the x axis (the signal axis' units of the shown data).
     *
     * @param u e.g. {@code eV} or {@code keV}
     */
    public void setUnits(String u) {
        units = u == null || u.isBlank() ? "channel" : u;
        axisTitle();
    }

    /**
     * Shows a spectrum, replacing any spectrum with the same name; other spectra stay overlaid.
     *
     * @param name   series name (legend)
     * @param energy {@code [nE]} energies in the view's units
     * @param counts {@code [nE]} counts
     */
    public void show(String name, double[] energy, double[] counts) {
        data.put(name, new double[][] { energy.clone(), counts.clone() });
        refresh();
        chart.getAxisSet().adjustRange();
        chart.redraw();
    }

    /**
     * Removes every spectrum.
     */
    public void clear() {
        data.clear();
        refresh();
    }

    /**
     * Removes one spectrum if shown.
     *
     * @param name its name
     */
    public void remove(String name) {
        if (data.remove(name) != null) {
            refresh();
        }
    }

    /** @return names of the shown spectra, in order */
    public List<String> names() {
        return List.copyOf(data.keySet());
    }

    /**
     * Switches the count axis between linear and log scale. On the log scale, counts of zero or less are drawn at
     * half the smallest positive count (SWTChart refuses non-positive values on a log axis); the data are unchanged.
     *
     * @param on true for log
     */
    public void setLog(boolean on) {
        log.setSelection(on);
        refresh();
    }

    /** @param l called when the user asks to identify the elements of the spectrum */
    public void onIdentify(Runnable l) {
        identifyListeners.add(l);
    }

    /** @param l called with the element ("Mn" or "Fe") when the user asks for the oxidation state */
    public void onValence(java.util.function.Consumer<String> l) {
        valenceListeners.add(l);
    }

    /** @param text the chart's title (e.g. an oxidation-state summary) */
    public void chartTitle(String text) {
        chart.getTitle().setText(text);
        chart.redraw();
    }

    /** @return the chart's title */
    public String chartTitle() {
        return chart.getTitle().getText();
    }

    /** @return the "Oxidation state" button */
    public Button valenceButton() {
        return valence;
    }

    /** @return the element chooser beside it */
    public org.eclipse.swt.widgets.Combo valenceElement() {
        return valenceElement;
    }

    /** @return the "Identify elements" button */
    public Button identifyButton() {
        return identify;
    }

    /**
     * Shows an element identification: marks the edges of the identified elements and lists the probabilities.
     *
     * @param elements the identified elements
     * @param summary  the line shown in the readout (elements, the most probable with their probabilities, threshold)
     */
    public void showIdentification(List<String> elements, String summary) {
        setEdgeElements(String.join(" ", elements));
        chart.getTitle().setText("Identified: " + (elements.isEmpty() ? "no element" : String.join(", ", elements)));
        readout.setText(summary);
        identified = summary;
        chart.redraw();
    }

    /** @return the last identification's summary, or null */
    public String identification() {
        return identified;
    }

    /**
     * Marks the edges of these elements (EELS edge onsets from {@link EdgeTable#standard()}, drawn in the axis' units).
     *
     * @param symbols element symbols separated by spaces or commas, e.g. {@code "Fe Pt"}
     */
    public void setEdgeElements(String symbols) {
        elements.setText(symbols);
        chart.redraw();
    }

    /**
     * Selects an energy window and tells the listeners (the map view).
     *
     * @param low  start, axis units
     * @param high end, axis units
     */
    public void setWindow(double low, double high) {
        window = new double[] { low, high };
        chart.redraw();
        for (BiConsumer<Double, Double> l : windowListeners) {
            l.accept(low, high);
        }
    }

    /**
     * Registers a listener for energy windows the user selects (shift-drag).
     *
     * @param l receives (low, high) in axis units
     */
    public void onWindow(BiConsumer<Double, Double> l) {
        windowListeners.add(l);
    }

    private void refresh() {
        boolean lg = log.getSelection();
        for (ISeries<?> s : chart.getSeriesSet().getSeries()) {
            chart.getSeriesSet().deleteSeries(s.getId());
        }
        int i = 0;
        for (Map.Entry<String, double[][]> e : data.entrySet()) {
            @SuppressWarnings("unchecked")
            ILineSeries<Object> s = (ILineSeries<Object>) chart.getSeriesSet().createSeries(SeriesType.LINE, e.getKey());
            s.setSymbolType(ILineSeries.PlotSymbolType.NONE);
            s.setLineColor(new Color(PALETTE[i++ % PALETTE.length]));
            s.setXSeries(e.getValue()[0]);
            s.setYSeries(lg ? positive(e.getValue()[1]) : e.getValue()[1]);
        }
        chart.getAxisSet().getYAxis(0).enableLogScale(lg && !data.isEmpty());
        chart.getAxisSet().adjustRange();
        chart.redraw();
    }

    private static double[] positive(double[] y) {
        double min = Double.MAX_VALUE;
        for (double v : y) {
            if (v > 0 && v < min) {
                min = v;
            }
        }
        double floor = min == Double.MAX_VALUE ? 1 : min / 2;
        double[] out = y.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = out[i] > 0 ? out[i] : floor;
        }
        return out;
    }

    /**
     * The markers of the entered elements inside the axis range, in the axis' units: for an EDX spectrum (energy axis
     * in keV) their characteristic X-ray lines of weight ≥ {@value #MIN_LINE_WEIGHT} within the family
     * ({@link XrayLines#standard()}), for EELS (eV) their edge onsets ({@link EdgeTable#standard()}).
     *
     * @return marker label ({@code Fe_Ka}, {@code Fe-L3}) → position in the axis units, by element then energy
     */
    public List<Map.Entry<String, Double>> markers() {
        List<Map.Entry<String, Double>> out = new ArrayList<>();
        boolean kev = "keV".equalsIgnoreCase(units);
        Range r = chart.getAxisSet().getXAxis(0).getRange();
        for (String el : elements.getText().trim().split("[,\\s]+")) {
            if (el.isEmpty()) {
                continue;
            }
            if (kev) {
                for (XrayLine l : XrayLines.standard().of(el, r.lower, r.upper)) {
                    if (l.weight() >= MIN_LINE_WEIGHT) {
                        out.add(Map.entry(l.label(), l.energyKev()));
                    }
                }
                continue;
            }
            try {
                for (Edge e : EdgeTable.standard().of(el, r.lower, r.upper)) {
                    out.add(Map.entry(e.label(), e.onsetEv()));
                }
            } catch (IllegalArgumentException unknownElement) {
                // not an element symbol (yet, while typing): nothing to mark
            }
        }
        return out;
    }

    /** the weakest X-ray line (relative to its family's α line) marked on an EDX spectrum */
    static final double MIN_LINE_WEIGHT = 0.1;

    private void paintOverlays(PaintEvent e) {
        IAxis x = chart.getAxisSet().getXAxis(0);
        int h = chart.getPlotArea().getControl().getSize().y;
        if (window != null) {
            int a = x.getPixelCoordinate(Math.min(window[0], window[1])), b = x.getPixelCoordinate(Math.max(window[0], window[1]));
            e.gc.setBackground(e.display.getSystemColor(SWT.COLOR_YELLOW));
            e.gc.setAlpha(70);
            e.gc.fillRectangle(a, 0, Math.max(1, b - a), h);
            e.gc.setAlpha(255);
        }
        e.gc.setForeground(e.display.getSystemColor(SWT.COLOR_DARK_MAGENTA));
        e.gc.setLineStyle(SWT.LINE_DASH);
        int row = 0;
        int lineHeight = e.gc.getFontMetrics().getHeight();
        for (Map.Entry<String, Double> m : markers()) {
            int px = x.getPixelCoordinate(m.getValue());
            e.gc.drawLine(px, 0, px, h);
            // labels of nearby markers (L3/L2, M5/M4, Ka/Kb) on staggered rows so they do not overprint
            e.gc.drawText(m.getKey(), px + 2, 2 + (row++ % 4) * lineHeight, true);
        }
        e.gc.setLineStyle(SWT.LINE_SOLID);
    }
}
