package tessera.ui.internal;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ISeries;
import org.eclipse.swtchart.ISeries.SeriesType;

import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.DecompositionResult;
import tessera.pipeline.StepDescriptor;

/**
 * Decomposition view: pick an installed decomposer or clusterer (PCA, NMF, k-means, ... from the
 * extension registry), edit its parameters in a {@link ParameterForm} generated from the step's
 * {@code ParameterSpec}s, run it (as a job, through the same pipeline step as the CLI); then the scree
 * plot (explained variance ratio per component, log scale), the factors, and a component list — picking a
 * component shows its loading map in the map view and its factor in the spectrum view; after a clustering,
 * the list holds the clusters (and the noise, if any) and picking one shows its mean spectrum.
 */
public final class DecompositionPart {
    private final Composite root;
    private final Combo algorithm;
    private final Composite formHolder;
    private final Table components;
    private final Chart scree;
    private final Chart factors;
    private final List<StepDescriptor> steps;
    private ParameterForm form;

    private final BiConsumer<String, Map<String, Object>> run;

    /**
     * Creates the view.
     *
     * @param parent the parent
     * @param steps  algorithms offered (decomposer and clusterer steps)
     * @param run    called with (step id, raw parameter values) when the user presses Run
     * @param picked called with a component (or cluster) index the user picks
     */
    public DecompositionPart(Composite parent, List<StepDescriptor> steps, BiConsumer<String, Map<String, Object>> run, IntConsumer picked) {
        this.steps = List.copyOf(steps);
        root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(2, false));
        Composite left = new Composite(root, SWT.NONE);
        left.setLayout(new GridLayout(1, false));
        left.setLayoutData(new GridData(SWT.FILL, SWT.FILL, false, true));
        new Label(left, SWT.NONE).setText("Algorithm:");
        algorithm = new Combo(left, SWT.READ_ONLY);
        for (StepDescriptor s : steps) {
            algorithm.add(s.name() + " (" + s.id() + ")");
        }
        formHolder = new Composite(left, SWT.NONE);
        formHolder.setLayout(new GridLayout(1, false));
        formHolder.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        Button go = new Button(left, SWT.PUSH);
        go.setText("Run");
        this.run = run;
        go.addListener(SWT.Selection, e -> runSelected());
        new Label(left, SWT.NONE).setText("Components / clusters:");
        components = new Table(left, SWT.BORDER | SWT.SINGLE | SWT.FULL_SELECTION);
        GridData cd = new GridData(SWT.FILL, SWT.FILL, true, true);
        cd.heightHint = 80;
        components.setLayoutData(cd);
        components.addListener(SWT.Selection, e -> picked.accept(components.getSelectionIndex()));
        Composite charts = new Composite(root, SWT.NONE);
        charts.setLayout(new GridLayout(1, true));
        charts.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        scree = chart(charts, "Scree plot", "component", "explained variance ratio");
        factors = chart(charts, "Factors", "energy", "factor");
        algorithm.addListener(SWT.Selection, e -> rebuildForm());
        if (!steps.isEmpty()) {
            algorithm.select(0);
            rebuildForm();
        }
    }

    private static Chart chart(Composite parent, String title, String x, String y) {
        Chart c = new Chart(parent, SWT.NONE);
        c.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        c.getTitle().setText(title);
        c.getAxisSet().getXAxis(0).getTitle().setText(x);
        c.getAxisSet().getYAxis(0).getTitle().setText(y);
        c.getLegend().setVisible(false);
        return c;
    }

    private void rebuildForm() {
        if (form != null) {
            form.control().dispose();
        }
        form = new ParameterForm(formHolder, selected().step().parameters());
        form.control().setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        root.layout(true, true);
    }

    /**
     * Runs the selected algorithm with the form's values, as the Run button does (the "Run decomposition"
     * command of the workbench menu calls this too). Does nothing when no algorithm is selected.
     */
    public void runSelected() {
        if (algorithm.getSelectionIndex() >= 0) {
            run.accept(selected().id(), form.values());
        }
    }

    /** @return the selected algorithm */
    public StepDescriptor selected() {
        return steps.get(algorithm.getSelectionIndex());
    }

    /**
     * Selects an algorithm by step id and regenerates the form.
     *
     * @param stepId e.g. {@code tessera.decompose.nmf}
     * @throws IllegalArgumentException if no offered algorithm has this id
     */
    public void select(String stepId) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).id().equals(stepId)) {
                algorithm.select(i);
                rebuildForm();
                return;
            }
        }
        throw new IllegalArgumentException("no algorithm '" + stepId + "'");
    }

    /** @return the current generated form */
    public ParameterForm form() {
        return form;
    }

    /** @return the control */
    public Composite control() {
        return root;
    }

    /** @return the scree chart */
    public Chart scree() {
        return scree;
    }

    /**
     * Registers a listener for a double-click (or Enter) on an entry of the component / cluster list.
     *
     * @param l receives the entry's index
     */
    public void onOpen(IntConsumer l) {
        components.addListener(SWT.DefaultSelection, e -> l.accept(components.getSelectionIndex()));
    }

    /** @return the component table */
    public Table components() {
        return components;
    }

    /**
     * Shows a decomposition: its scree plot, factors and component list.
     *
     * @param r      the result
     * @param energy {@code [nE]} energies of the factors
     */
    public void show(DecompositionResult r, double[] energy) {
        clear(scree);
        clear(factors);
        double[] ratio = r.explainedVarianceRatio();
        if (ratio != null && ratio.length > 0) {
            double[] idx = new double[ratio.length];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = i;
            }
            ILineSeries<?> s = line(scree, "ratio", idx, ratio, new RGB(31, 119, 180));
            s.setSymbolType(ILineSeries.PlotSymbolType.CIRCLE);
            boolean positive = java.util.Arrays.stream(ratio).allMatch(v -> v > 0);
            scree.getAxisSet().getYAxis(0).enableLogScale(positive);
        }
        scree.getAxisSet().adjustRange();
        scree.redraw();
        components.removeAll();
        RGB[] palette = { new RGB(31, 119, 180), new RGB(214, 39, 40), new RGB(44, 160, 44), new RGB(255, 127, 14), new RGB(148, 103, 189) };
        for (int c = 0; c < r.components(); c++) {
            new TableItem(components, SWT.NONE).setText(String.format("%s component %d%s", r.algorithmId().substring(r.algorithmId().lastIndexOf('.') + 1), c,
                    ratio != null && c < ratio.length ? String.format("  (%.3g)", ratio[c]) : ""));
            if (c < 10) {
                line(factors, "factor " + c, energy, Spectra.factor(r, c), palette[c % palette.length]);
            }
        }
        factors.getAxisSet().adjustRange();
        factors.redraw();
    }

    /**
     * Shows a clustering: one entry per cluster with its size and, when the method left positions in no cluster
     * (DBSCAN, HDBSCAN: label {@link ClusterResult#NOISE}), a last entry "noise (N positions)" (list index
     * {@code k}).
     *
     * @param r the result
     */
    public void show(ClusterResult r) {
        components.removeAll();
        int[] n = r.sizes();
        for (int c = 0; c < r.k(); c++) {
            new TableItem(components, SWT.NONE).setText("cluster " + c + " (" + n[c] + " positions)");
        }
        int noise = r.noiseCount();
        if (noise > 0) {
            new TableItem(components, SWT.NONE).setText("noise (" + noise + " positions)");
        }
    }

    private static void clear(Chart c) {
        for (ISeries<?> s : c.getSeriesSet().getSeries()) {
            c.getSeriesSet().deleteSeries(s.getId());
        }
    }

    private static ILineSeries<?> line(Chart c, String id, double[] x, double[] y, RGB rgb) {
        ILineSeries<?> s = (ILineSeries<?>) c.getSeriesSet().createSeries(SeriesType.LINE, id);
        s.setXSeries(x);
        s.setYSeries(y);
        s.setSymbolType(ILineSeries.PlotSymbolType.NONE);
        s.setLineColor(new Color(rgb));
        return s;
    }
}
