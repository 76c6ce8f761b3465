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
import tessera.core.model.Dataset;
import tessera.pipeline.StepDescriptor;

/**
 * Decomposition view: pick an installed decomposer, blind source separation, unmixing or clusterer (PCA, NMF,
 * N-FINDR, FastICA, least squares, k-means, ... from the extension registry), edit its parameters in a
 * {@link ParameterForm} generated from the step's {@code ParameterSpec}s, run it (as a job, through the same
 * pipeline step as the CLI); for an unmixing, a second choice says where the endmembers come from (the last
 * decomposition's factors, the last separation's, or the last clustering's mean spectra). Then the scree plot
 * (explained variance ratio per component, log scale), the factors (endmembers), and a list: the components
 * (picking one shows its loading or abundance map in the map view and its factor in the spectrum view), followed by
 * every auxiliary result that is a map or a spectrum (residual, reduced χ², entropy, posterior standard deviation
 * and interval maps, the residual spectrum); after a clustering, the list holds the clusters (and the noise, if
 * any) and picking one shows its mean spectrum.
 */
public final class DecompositionPart {
    private final Composite root;
    private final Combo algorithm;
    private final Composite formHolder;
    /** scrolls the form when it is taller than {@link #FORM_HEIGHT} (a physics-guided decomposition's forward model adds a dozen fields) */
    private final org.eclipse.swt.custom.ScrolledComposite formScroller;
    private static final int FORM_HEIGHT = 320;
    private final Table components;
    private final Chart scree;
    private final Chart factors;
    private final List<StepDescriptor> steps;
    private ParameterForm form;
    private final Label endmembersLabel;
    private final Combo endmembers;
    private final List<Entry> entries = new java.util.ArrayList<>();

    /** what the endmember choice offers, in the order of {@link WorkbenchSession#ENDMEMBER_SOURCES} */
    public static final List<String> ENDMEMBER_CHOICES = List.of("factors of the last decomposition", "factors of the last separation",
            "mean spectra of the last clustering");

    /**
     * One entry of the component list of a decomposition.
     *
     * @param label     the text shown
     * @param auxiliary null for a component (factor + loading), else the name of the auxiliary dataset shown
     * @param component the component (for an auxiliary dataset {@code [k, nav...]}: its component; −1 for a dataset
     *                  with the navigation or signal shape)
     * @param spectrum  true if the entry is a spectrum (the residual spectrum), false for a map
     */
    public record Entry(String label, String auxiliary, int component, boolean spectrum) {
    }

    private final BiConsumer<String, Map<String, Object>> run;

    /** the form field of a physics-guided decomposition that goes to its forward model */
    public static final String ELEMENTS = "elements";

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
        endmembersLabel = new Label(left, SWT.NONE);
        endmembersLabel.setText("Endmembers from:");
        endmembersLabel.setLayoutData(new GridData());
        endmembers = new Combo(left, SWT.READ_ONLY);
        ENDMEMBER_CHOICES.forEach(endmembers::add);
        endmembers.select(0);
        endmembers.setLayoutData(new GridData());
        endmembers.setToolTipText("an unmixing estimates the abundances of known endmember spectra: N-FINDR's or VCA's endmembers, "
                + "separated factors, or the mean spectra of clusters");
        formScroller = new org.eclipse.swt.custom.ScrolledComposite(left, SWT.V_SCROLL);
        formScroller.setExpandHorizontal(true);
        formScroller.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        formHolder = new Composite(formScroller, SWT.NONE);
        formHolder.setLayout(new GridLayout(1, false));
        formScroller.setContent(formHolder);
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
        if (ticks != null) {
            ticks.dispose();
            ticks = null;
        }
        elementTicks.clear();
        List<tessera.core.analysis.ParameterSpec> specs = new java.util.ArrayList<>();
        boolean guided = tessera.pipeline.ForwardModels.isGuided(selected().step());
        if (guided) {
            // a physics-guided decomposition: the forward model's parameters first (of the open file's kind; without a
            // file only its elements), then the decomposition's
            if (modelSpecs.isEmpty()) {
                specs.add(tessera.core.analysis.ParameterSpec.ofString(ELEMENTS, "", "elements of the forward model, e.g. Fe,O,Pt (empty: the file's Sample.elements)"));
            } else {
                specs.addAll(modelSpecs);
            }
            if (!knownElements.isEmpty()) {
                // the file's elements as tick boxes that write the elements field
                ticks = new Composite(formHolder, SWT.NONE);
                ticks.setLayout(new org.eclipse.swt.layout.RowLayout(SWT.HORIZONTAL));
                ticks.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
                new Label(ticks, SWT.NONE).setText("Elements:");
                for (String el : knownElements) {
                    Button b = new Button(ticks, SWT.CHECK);
                    b.setText(el);
                    b.setSelection(true);
                    b.setToolTipText("model " + el + " (untick to leave it out of the forward model)");
                    b.addListener(SWT.Selection, e -> writeTickedElements());
                    elementTicks.put(el, b);
                }
            }
        }
        specs.addAll(selected().step().parameters());
        form = new ParameterForm(formHolder, specs);
        form.control().setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        if (guided && !elementTicks.isEmpty()) {
            writeTickedElements();
        }
        org.eclipse.swt.graphics.Point size = formHolder.computeSize(SWT.DEFAULT, SWT.DEFAULT);
        formHolder.setSize(size);
        formScroller.setMinSize(size);
        ((GridData) formScroller.getLayoutData()).heightHint = Math.min(size.y, FORM_HEIGHT);
        ((GridData) formScroller.getLayoutData()).widthHint = size.x + formScroller.getVerticalBar().getSize().x;
        boolean unmixer = WorkbenchSession.isUnmixer(selected());
        for (org.eclipse.swt.widgets.Control c : List.of(endmembersLabel, endmembers)) {
            c.setVisible(unmixer);
            ((GridData) c.getLayoutData()).exclude = !unmixer;
        }
        root.layout(true, true);
    }

    private Composite ticks;
    private final Map<String, Button> elementTicks = new java.util.LinkedHashMap<>();
    private List<String> knownElements = List.of();
    private List<tessera.core.analysis.ParameterSpec> modelSpecs = List.of();

    /**
     * Sets the forward model of the open file's kind (EDX or EELS) for a physics-guided decomposition: its parameters
     * come first in the form (their {@value #ELEMENTS} among them), and the file's elements ({@code Sample.elements})
     * are offered as tick boxes above it; ticking writes the {@value #ELEMENTS} field.
     *
     * @param specs    the forward-model step's parameters (empty: only an elements field)
     * @param elements element symbols, possibly empty
     */
    public void forwardModel(List<tessera.core.analysis.ParameterSpec> specs, List<String> elements) {
        modelSpecs = List.copyOf(specs);
        knownElements = List.copyOf(elements);
        if (!steps.isEmpty()) {
            rebuildForm();
        }
    }

    /** @return the element tick boxes (symbol → check button) of the current form; empty if none is shown */
    public Map<String, Button> elementTicks() {
        return java.util.Collections.unmodifiableMap(elementTicks);
    }

    /** Ticks or unticks one element, as the user clicking its box. @throws IllegalArgumentException if it is not offered */
    public void tick(String element, boolean on) {
        Button b = elementTicks.get(element);
        if (b == null) {
            throw new IllegalArgumentException("no tick box for " + element + "; offered: " + elementTicks.keySet());
        }
        b.setSelection(on);
        writeTickedElements();
    }

    private void writeTickedElements() {
        form.set(ELEMENTS, String.join(",", elementTicks.entrySet().stream().filter(e -> e.getValue().getSelection()).map(Map.Entry::getKey).toList()));
    }

    /** @return true if the endmember choice is shown (the selected algorithm is an unmixing) */
    public boolean showsEndmemberChoice() {
        return endmembers.getVisible();
    }

    /** @return the chosen endmember source, one of {@link WorkbenchSession#ENDMEMBER_SOURCES} */
    public String endmemberSource() {
        return WorkbenchSession.ENDMEMBER_SOURCES.get(Math.max(0, endmembers.getSelectionIndex()));
    }

    /**
     * Chooses where an unmixing takes its endmembers from, as the user does in the drop-down.
     *
     * @param source one of {@link WorkbenchSession#ENDMEMBER_SOURCES}
     * @throws IllegalArgumentException for another value
     */
    public void endmemberSource(String source) {
        int i = WorkbenchSession.ENDMEMBER_SOURCES.indexOf(source);
        if (i < 0) {
            throw new IllegalArgumentException("endmember source '" + source + "' is none of " + WorkbenchSession.ENDMEMBER_SOURCES);
        }
        endmembers.select(i);
    }

    /** @return the entries of the list after a decomposition (components, then auxiliary maps and spectra); empty after a clustering */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /**
     * @param i a list index
     * @return the entry of a decomposition's list at i, or null (out of range, or the list shows clusters)
     */
    public Entry entry(int i) {
        return i >= 0 && i < entries.size() ? entries.get(i) : null;
    }

    /**
     * Whether a result is an endmember/abundance estimate (an unmixing, or N-FINDR/VCA with their FCLS abundances):
     * it has a residual map or endmember pixels.
     *
     * @param r a result
     * @return true if its factors are endmembers and its loadings abundances
     */
    public static boolean isAbundances(DecompositionResult r) {
        return r.auxiliary(DecompositionResult.RESIDUAL) != null || r.auxiliary(DecompositionResult.ENDMEMBER_PIXELS) != null;
    }

    /**
     * @param name an auxiliary name ({@link DecompositionResult} constants, or a contribution's own)
     * @return how the list names it
     */
    public static String auxiliaryLabel(String name) {
        return switch (name) {
            case DecompositionResult.RESIDUAL -> "RMS residual";
            case DecompositionResult.CHI_SQUARE -> "reduced \u03c7\u00b2";
            case DecompositionResult.RESIDUAL_SPECTRUM -> "residual spectrum (sum)";
            case DecompositionResult.LOADINGS_STD -> "posterior std";
            case DecompositionResult.LOADINGS_LOW -> "95 % interval low";
            case DecompositionResult.LOADINGS_HIGH -> "95 % interval high";
            case DecompositionResult.ENTROPY -> "relative entropy";
            default -> name;
        };
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
        entries.clear();
        RGB[] palette = { new RGB(31, 119, 180), new RGB(214, 39, 40), new RGB(44, 160, 44), new RGB(255, 127, 14), new RGB(148, 103, 189) };
        String alg = r.algorithmId().substring(r.algorithmId().lastIndexOf('.') + 1);
        String what = isAbundances(r) ? "endmember" : "component";
        factors.getTitle().setText(isAbundances(r) ? "Endmembers" : "Factors");
        Dataset comp = r.auxiliary(tessera.core.analysis.GuidedDecomposer.COMPOSITION);
        for (int c = 0; c < r.components(); c++) {
            String extra = ratio != null && c < ratio.length ? String.format("  (%.3g)", ratio[c]) : comp != null ? "  " + composition(comp, c) : "";
            add(new Entry(String.format("%s %s %d%s", alg, comp != null ? "phase" : what, c, extra), null, c, false));
            if (c < 10) {
                line(factors, "factor " + c, energy, Spectra.factor(r, c), palette[c % palette.length]);
            }
        }
        int[] nav = tail(r.loadings().shape());
        int[] sig = tail(r.factors().shape());
        r.auxiliary().forEach((name, d) -> {
            int[] sh = d.shape();
            String label = alg + " " + auxiliaryLabel(name);
            if (java.util.Arrays.equals(sh, nav)) {
                add(new Entry(label + " map", name, -1, false));
            } else if (sh.length == nav.length + 1 && sh[0] == r.components() && java.util.Arrays.equals(tail(sh), nav)) {
                for (int c = 0; c < sh[0]; c++) {
                    add(new Entry(label + " " + c, name, c, false));
                }
            } else if (java.util.Arrays.equals(sh, sig)) {
                add(new Entry(label, name, -1, true));
            }
        });
        factors.getAxisSet().adjustRange();
        factors.redraw();
    }

    /** @return e.g. {@code "Fe 39.0 O 61.0 at.%"}: the phase's elements above 0.5 at.% */
    static String composition(Dataset comp, int phase) {
        List<?> names = comp.metadata().get(tessera.core.analysis.GuidedDecomposer.COLUMNS) instanceof List<?> l ? l : List.of();
        int e = comp.axis(1).size();
        StringBuilder b = new StringBuilder();
        for (int j = 0; j < e; j++) {
            double v = comp.getDouble((long) phase * e + j);
            if (v >= 0.5) {
                b.append(j < names.size() ? names.get(j) : "column " + j).append(String.format(java.util.Locale.ROOT, " %.1f ", v));
            }
        }
        return b.append("at.%").toString();
    }

    private void add(Entry e) {
        entries.add(e);
        new TableItem(components, SWT.NONE).setText(e.label());
    }

    private static int[] tail(int[] shape) {
        return java.util.Arrays.copyOfRange(shape, 1, shape.length);
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
        entries.clear();
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
