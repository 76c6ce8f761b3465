package tessera.ui.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Shell;

import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.registry.Registry;
import tessera.pipeline.AnalyzeJob;
import tessera.pipeline.StepDescriptor;

/**
 * The Tessera workbench window: six views (data explorer, provenance, spectrum, map, decomposition,
 * console) in one shell, arranged in three resizable columns, and a status line that runs long work as
 * Eclipse jobs. All engine work goes through one {@link WorkbenchSession} (pipeline steps + provenance).
 * The e4 application ({@code Application.e4xmi}, product {@code tessera.ui.product}) hosts the views in its
 * parts; {@link #TesseraWorkbench(Display, Registry)} hosts the same views in one plain SWT shell (the GUI
 * tests' harness). See docs/adr/0009-workbench-swt-parts.md.
 *
 * <p>All methods must be called on the UI thread.
 */
public final class TesseraWorkbench {
    /** the view titles, left to right, top to bottom */
    public static final List<String> VIEWS = List.of("Data explorer", "Provenance", "Spectrum", "Map", "Decomposition", "Console");

    private final Registry registry;
    private final WorkbenchSession session;
    private final Map<String, Composite> groups = new java.util.LinkedHashMap<>();
    private Shell shell;
    private StatusLine status;
    private ExplorerPart explorer;
    private ProvenancePart provenance;
    private SpectrumPart spectrum;
    private MapPart map;
    private DecompositionPart decomposition;
    private ConsolePart console;
    private String selectionSeries;
    private String componentSeries;
    private Object lastResult;
    private double[][] means;

    /**
     * The session and controller without any view yet: the e4 workbench ({@code Application.e4xmi}) creates
     * the views one by one in its parts ({@code tessera.ui.internal.e4}) through the {@code create…} methods,
     * and the status line in its bottom trim through {@link #createStatusLine}. The engine's progress goes to
     * the status line once it exists.
     *
     * @param registry the extension registry
     */
    public TesseraWorkbench(Registry registry) {
        this.registry = registry;
        ProgressMonitor toStatus = new ProgressMonitor() {
            @Override
            public void begin(String task, long totalWork) {
                if (status != null) {
                    status.monitor().begin(task, totalWork);
                }
            }

            @Override
            public void worked(long work) {
                if (status != null) {
                    status.monitor().worked(work);
                }
            }

            @Override
            public void done() {
                if (status != null) {
                    status.monitor().done();
                }
            }

            @Override
            public boolean isCanceled() {
                return status != null && status.monitor().isCanceled();
            }
        };
        session = new WorkbenchSession(registry, toStatus, line -> { });
    }

    /**
     * The whole window in one plain SWT shell (not yet open): six views in three resizable columns and the
     * status line below, the same views and wiring as the e4 workbench (used by the GUI tests).
     *
     * @param display  the display
     * @param registry the extension registry
     */
    public TesseraWorkbench(Display display, Registry registry) {
        this(registry);
        shell = new Shell(display);
        shell.setText("Tessera workbench");
        shell.setLayout(new GridLayout(1, false));
        SashForm columns = new SashForm(shell, SWT.HORIZONTAL);
        columns.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        SashForm left = new SashForm(columns, SWT.VERTICAL);
        SashForm centre = new SashForm(columns, SWT.VERTICAL);
        SashForm right = new SashForm(columns, SWT.VERTICAL);
        columns.setWeights(22, 43, 35);
        createStatusLine(shell).control().setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        createExplorer(group(left, VIEWS.get(0)));
        createProvenance(group(left, VIEWS.get(1)));
        left.setWeights(55, 45);
        createSpectrum(group(centre, VIEWS.get(2)));
        createMap(group(centre, VIEWS.get(3)));
        centre.setWeights(50, 50);
        createDecomposition(group(right, VIEWS.get(4)));
        createConsole(group(right, VIEWS.get(5)));
        right.setWeights(68, 32);
        Rectangle screen = display.getPrimaryMonitor().getClientArea();
        shell.setBounds(screen.x, screen.y, Math.min(1440, screen.width), Math.min(900, screen.height));
    }

    private Composite group(Composite parent, String title) {
        Group g = new Group(parent, SWT.NONE);
        g.setText(title);
        g.setLayout(new FillLayout());
        return g;
    }

    private void host(String title, Composite parent) {
        groups.put(title, parent);
        if (shell == null) {
            shell = parent.getShell();
        }
    }

    /**
     * Creates the status line (progress bar + Cancel) that runs the workbench's jobs.
     *
     * @param parent its parent (the e4 bottom trim, or the plain shell)
     * @return the status line
     */
    public StatusLine createStatusLine(Composite parent) {
        status = new StatusLine(parent);
        status.onCancel(() -> session.recordSession().monitor().cancel());
        status.onFinished(() -> {
            if (provenance != null) {
                provenance.show(session.record());
            }
        });
        return status;
    }

    /**
     * Creates the data explorer view ({@link #VIEWS} 0).
     *
     * @param parent its parent (an e4 part's composite, or a group of the plain shell)
     * @return the view
     */
    public ExplorerPart createExplorer(Composite parent) {
        host(VIEWS.get(0), parent);
        explorer = new ExplorerPart(parent, this::open, this::selectFile, file -> {
            try {
                return session.datasets(file);
            } catch (java.io.IOException e) {
                return List.of(e.getMessage());
            }
        });
        return explorer;
    }

    /**
     * Creates the provenance view ({@link #VIEWS} 1).
     *
     * @param parent its parent
     * @return the view
     */
    public ProvenancePart createProvenance(Composite parent) {
        host(VIEWS.get(1), parent);
        provenance = new ProvenancePart(parent, f -> {
            try {
                saveRecord(f);
                status.show("provenance record saved to " + f);
            } catch (java.io.IOException ex) {
                status.show("could not save the record to " + f + ": " + ex.getMessage());
            }
        });
        return provenance;
    }

    /**
     * Creates the spectrum view ({@link #VIEWS} 2).
     *
     * @param parent its parent
     * @return the view
     */
    public SpectrumPart createSpectrum(Composite parent) {
        host(VIEWS.get(2), parent);
        spectrum = new SpectrumPart(parent);
        spectrum.onWindow(this::showWindow);
        spectrum.onIdentify(this::identifyElements);
        spectrum.onValence(this::valence);
        return spectrum;
    }

    /**
     * Creates the map view ({@link #VIEWS} 3).
     *
     * @param parent its parent
     * @return the view
     */
    public MapPart createMap(Composite parent) {
        host(VIEWS.get(3), parent);
        map = new MapPart(parent);
        map.onSelect(this::showSelection);
        map.onPoint(this::showAtom);
        return map;
    }

    /**
     * Creates the decomposition view ({@link #VIEWS} 4).
     *
     * @param parent its parent
     * @return the view
     */
    public DecompositionPart createDecomposition(Composite parent) {
        host(VIEWS.get(4), parent);
        decomposition = new DecompositionPart(parent, session.algorithms(), this::run, this::pick);
        decomposition.onOpen(c -> showClusterMap());
        return decomposition;
    }

    /**
     * Creates the console view ({@link #VIEWS} 5).
     *
     * @param parent its parent
     * @return the view
     */
    public ConsolePart createConsole(Composite parent) {
        host(VIEWS.get(5), parent);
        console = new ConsolePart(parent, registry, Path.of("").toAbsolutePath());
        return console;
    }

    /** @return the shell (null until a view exists) */
    public Shell shell() {
        return shell;
    }

    /** @return the engine session */
    public WorkbenchSession session() {
        return session;
    }

    /** @return the status line (job runner) */
    public StatusLine status() {
        return status;
    }

    /** @return the data explorer */
    public ExplorerPart explorer() {
        return explorer;
    }

    /** @return the spectrum view */
    public SpectrumPart spectrum() {
        return spectrum;
    }

    /** @return the map view */
    public MapPart map() {
        return map;
    }

    /** @return the decomposition view */
    public DecompositionPart decomposition() {
        return decomposition;
    }

    /** @return the provenance view */
    public ProvenancePart provenance() {
        return provenance;
    }

    /** @return the console view */
    public ConsolePart console() {
        return console;
    }

    /**
     * Bounds of each view in shell coordinates, by title (for layout checks on screenshots).
     *
     * @return title to bounds
     */
    public Map<String, Rectangle> viewBounds() {
        Map<String, Rectangle> out = new java.util.LinkedHashMap<>();
        groups.forEach((t, g) -> {
            Point p = shell.toControl(g.toDisplay(0, 0));
            out.put(t, new Rectangle(p.x, p.y, g.getSize().x, g.getSize().y));
        });
        return out;
    }

    /**
     * Opens a file as a job (read step, recorded); when done, the explorer lists it and the map and spectrum show it.
     *
     * @param file the file
     * @return the job
     */
    public Job open(Path file) {
        return status.run("Open " + file.getFileName(), () -> {
            Dataset d = session.open(file);
            return Map.entry(d, session.readersFor(tessera.core.io.FileSelector.parse(file).file()));
        }, r -> {
            explorer.add(session.currentFile(), r.getKey(), r.getValue());
            showDataset();
        });
    }

    private void selectFile(Path file) {
        if (!file.equals(session.currentFile()) && status.running() == null) {
            session.select(file);
            showDataset();
        }
    }

    private void showDataset() {
        Dataset d = session.current();
        if (WorkbenchSession.isImage(d)) {
            showImage(d);
            return;
        }
        Axis e = d.signalAxes().get(0);
        spectrum.clear();
        selectionSeries = null;
        componentSeries = null;
        lastResult = null;
        means = null;
        spectrum.setUnits(e.units());
        int[] s = Spectra.navigationShape(d);
        double[] mean = Spectra.sum(d, 0, 0, s[1] - 1, s[0] - 1);
        for (int i = 0; i < mean.length; i++) {
            mean[i] /= (double) s[0] * s[1];
        }
        spectrum.show("mean spectrum", Spectra.energies(d), mean);
        map.show(Spectra.windowImage(d, e.offset(), e.high()), "total counts", xAxis(d));
        provenance.show(session.record());
        List<tessera.core.analysis.ParameterSpec> model = session.forwardModel().map(m -> m.step().parameters()).orElse(List.of());
        decomposition.forwardModel(model, d.metadata().elements());
    }

    /** An image (no spectra): the map view shows it, the spectrum view is empty, the form offers the atom finders. */
    private void showImage(Dataset d) {
        spectrum.clear();
        selectionSeries = null;
        componentSeries = null;
        lastResult = null;
        means = null;
        int ny = d.shape()[0], nx = d.shape()[1];
        double[][] img = new double[ny][nx];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                img[y][x] = d.getDouble((long) y * nx + x);
            }
        }
        map.show(img, "image " + ny + " × " + nx + " (run an atom finder: " + String.join(", ", session.algorithms().stream().filter(WorkbenchSession::isAtomFinder)
                .map(StepDescriptor::id).toList()) + ")", d.signalAxes().get(1));
        provenance.show(session.record());
        decomposition.forwardModel(List.of(), List.of());
    }

    /** Draws the columns over the image, coloured by sublattice; the map's title counts them. */
    private void showAtoms(WorkbenchSession.Atoms a) {
        map.points(a.ys(), a.xs(), a.sublattice());
        int bright = (int) java.util.Arrays.stream(a.sublattice()).filter(v -> v == 0).count();
        map.title(String.format(java.util.Locale.ROOT, "%d atomic columns (sublattice 0: %d, 1: %d); click one for its neighbours", a.count(), bright, a.count() - bright));
    }

    /** A column was clicked: the status line describes it and its neighbours. */
    private void showAtom(int i) {
        WorkbenchSession.Atoms a = session.atoms();
        if (a != null && i < a.count()) {
            status.show(a.describe(i));
        }
    }

    private static Axis xAxis(Dataset d) {
        List<Axis> nav = d.navigationAxes();
        return nav.isEmpty() ? null : nav.get(nav.size() - 1);
    }

    private WorkbenchSession.Valence valence;
    /** the dataset {@link #valence} belongs to: a click on another dataset's map does not read it */
    private Dataset valenceOf;

    private void showSelection(int[] r) {
        Dataset d = session.current();
        if (d == null) {
            return;
        }
        if (valence != null && valenceOf == d && r[0] == r[2] && r[1] == r[3]) {
            int[] s = Spectra.navigationShape(d);
            String text = valence.describe(r[1] * s[1] + r[0]);
            status.show(String.format(java.util.Locale.ROOT, "pixel (%d, %d): %s", r[0], r[1], text));
            spectrum.chartTitle(String.format(java.util.Locale.ROOT, "pixel (%d, %d): %s", r[0], r[1], text));
        }
        if (WorkbenchSession.isImage(d)) {
            status.show(String.format(java.util.Locale.ROOT, "pixel (%d, %d): %.6g", r[0], r[1], d.getDouble((long) r[1] * d.shape()[1] + r[0])));
            return;
        }
        double[] sp = Spectra.sum(d, r[0], r[1], r[2], r[3]);
        String name = r[0] == r[2] && r[1] == r[3] ? "pixel (" + r[0] + ", " + r[1] + ")" : "sum of (" + r[0] + ", " + r[1] + ")–(" + r[2] + ", " + r[3] + ")";
        if (selectionSeries != null) {
            spectrum.remove(selectionSeries);
        }
        selectionSeries = name;
        spectrum.show(name, Spectra.energies(d), sp);
    }

    private void showWindow(double low, double high) {
        Dataset d = session.current();
        if (d != null) {
            map.show(Spectra.windowImage(d, low, high), String.format("counts in [%.3g, %.3g] %s", low, high, d.signalAxes().get(0).units()), xAxis(d));
        }
    }

    /**
     * The Mn or Fe oxidation state of the current dataset as a job (the same steps as {@code tessera valence}): the
     * spectrum view's title gives the class probabilities and mean valence beside the L3/L2 baseline; a line scan or
     * spectrum image shows its mean-valence map, and clicking a pixel gives that pixel's spectrum and probabilities.
     *
     * @param element "Mn" or "Fe"
     * @return the job, or null when no dataset is open
     */
    public Job valence(String element) {
        if (session.current() == null) {
            status.control().getDisplay().beep();
            return null;
        }
        Dataset of = session.current();
        return status.run("VALENCE", () -> session.valence(element), v -> {
            valence = v;
            valenceOf = of;
            spectrum.chartTitle(v.summary());
            Dataset d = session.current();
            if (v.size() > 1) {
                map.show(Spectra.auxiliaryImage(v.maps(), 0, d), element + " mean valence (click a pixel for its probabilities)", xAxis(d));
            }
            provenance.show(session.record());
        });
    }

    /** @return the last oxidation-state result shown, or null */
    public WorkbenchSession.Valence valenceResult() {
        return valence;
    }

    /**
     * Identifies the elements of the current dataset as a job (the same step as {@code tessera identify}) and shows
     * them in the spectrum view: their edges marked, the probabilities listed.
     *
     * @return the job, or null when no dataset is open (the status line says so)
     */
    public Job identifyElements() {
        if (session.current() == null) {
            status.control().getDisplay().beep();
            return null;
        }
        return status.run("IDENTIFY", session::identifyElements, r -> {
            spectrum.showIdentification(r.elements(), r.describe());
            provenance.show(session.record());
        });
    }

    /**
     * Runs an algorithm on the current dataset as a job (the same pipeline step as the CLI).
     *
     * @param stepId     decomposer or clusterer step id
     * @param parameters raw parameter values (the generated form's)
     * @return the job, or null when no dataset is open (the status line says so)
     */
    public Job run(String stepId, Map<String, Object> parameters) {
        return run(stepId, parameters, decomposition == null ? null : decomposition.endmemberSource());
    }

    /**
     * Runs an algorithm on the current dataset as a job (the same pipeline step as the CLI); an unmixing takes its
     * endmembers from {@code endmembers} ({@link WorkbenchSession#run(String, Map, String)}).
     *
     * @param stepId     decomposer, separation, unmixing or clusterer step id
     * @param parameters raw parameter values (the generated form's)
     * @param endmembers for an unmixing, one of {@link WorkbenchSession#ENDMEMBER_SOURCES} (null: the last
     *                   decomposition, else the last clustering); ignored by the other steps
     * @return the job, or null when no dataset is open (the status line says so)
     */
    public Job run(String stepId, Map<String, Object> parameters, String endmembers) {
        if (session.current() == null) {
            status.control().getDisplay().beep();
            return null;
        }
        String name = stepId.substring(stepId.lastIndexOf('.') + 1).toUpperCase(java.util.Locale.ROOT);
        return status.run(name, () -> session.run(stepId, parameters, endmembers), r -> {
            lastResult = r;
            means = null;
            if (r instanceof WorkbenchSession.Atoms a) {
                provenance.show(session.record());
                showAtoms(a);
                return;
            }
            if (r instanceof DecompositionResult dr) {
                decomposition.show(dr, Spectra.energies(session.current()));
            } else if (r instanceof ClusterResult cr) {
                decomposition.show(cr);
                showLabels(cr);
            }
            provenance.show(session.record());
            show(0, false);
        });
    }

    /**
     * Title of a cluster label map: the clusterer contribution's name without a trailing parenthesis, then
     * "clusters" ("HDBSCAN* (GLOSH outlier scores)" gives "HDBSCAN* clusters", "DBSCAN" gives "DBSCAN clusters").
     *
     * @param contributionName the clusterer's name (its {@code name} attribute in plugin.xml)
     * @return the map title
     */
    public static String clustersTitle(String contributionName) {
        String n = contributionName == null ? "" : contributionName.strip();
        int p = n.lastIndexOf(" (");
        if (p > 0 && n.endsWith(")")) {
            n = n.substring(0, p).strip();
        }
        return (n.isEmpty() ? "" : n + " ") + "clusters";
    }

    private String clustersTitle() {
        return session.clusterStep() == null ? "clusters" : clustersTitle(session.clusterStep().name());
    }

    /**
     * Shows the label map of the last clustering again (after a Gaussian mixture's probability map, or an energy
     * window); a double-click on a cluster in the decomposition view does this. Does nothing unless the last result
     * is a clustering.
     */
    public void showClusterMap() {
        if (lastResult instanceof ClusterResult cr) {
            showLabels(cr);
        }
    }

    private void showLabels(ClusterResult cr) {
        Dataset d = session.current();
        int noise = cr.noiseCount();
        map.showLabels(Spectra.labelImage(cr.labels(), d), cr.k(), clustersTitle() + (noise > 0 ? " (" + noise + " noise, grey)" : ""), xAxis(d));
    }

    /**
     * Shows one component (its loading map and factor) or cluster (its mean spectrum; for a Gaussian mixture, whose
     * result has membership probabilities, its probability map; else the label map), as picking it in the
     * decomposition view's list does. After a clustering with noise, index {@code k} is the noise: the mean spectrum
     * of the positions in no cluster, and the label map.
     *
     * @param c component or cluster index; ignored if out of range
     */
    public void pick(int c) {
        show(c, true);
    }

    private void show(int c, boolean user) {
        Dataset d = session.current();
        if (componentSeries != null) {
            spectrum.remove(componentSeries);
            componentSeries = null;
        }
        if (lastResult instanceof ClusterResult cr) {
            boolean noise = c == cr.k() && cr.noiseCount() > 0;
            if (c < 0 || c > cr.k() || c == cr.k() && !noise) {
                return;
            }
            if (means == null) {
                means = AnalyzeJob.clusterMeans(d, cr);
            }
            if (noise) {
                componentSeries = "noise mean";
                spectrum.show(componentSeries, Spectra.energies(d), noiseMean(d, cr));
            } else {
                componentSeries = "cluster " + c + " mean";
                spectrum.show(componentSeries, Spectra.energies(d), means[c]);
            }
            if (user && !noise && Spectra.hasMembershipProbabilities(cr)) {
                map.show(Spectra.probabilityImage(cr, c, d), clustersTitle() + ": P(cluster " + c + ")", xAxis(d));
            } else if (user && !map.showsLabels()) {
                showLabels(cr);
            }
        } else if (lastResult instanceof DecompositionResult dr) {
            DecompositionPart.Entry e = decomposition.entry(c);
            if (e == null) {
                return;
            }
            String alg = dr.algorithmId().substring(dr.algorithmId().lastIndexOf('.') + 1);
            boolean abundances = DecompositionPart.isAbundances(dr);
            if (e.auxiliary() == null) {
                map.show(Spectra.loadingImage(dr, c, d), alg + (abundances ? " abundance " : " loading ") + c, xAxis(d));
                componentSeries = alg + (abundances ? " endmember " : " factor ") + c;
                spectrum.show(componentSeries, Spectra.energies(d), Spectra.factor(dr, c));
            } else if (e.spectrum()) {
                componentSeries = e.label();
                spectrum.show(componentSeries, Spectra.energies(d), Spectra.auxiliarySpectrum(dr.auxiliary(e.auxiliary())));
            } else {
                map.show(Spectra.auxiliaryImage(dr.auxiliary(e.auxiliary()), e.component(), d), e.label(), xAxis(d));
            }
            map.mark(Spectra.endmemberPixels(dr, d));
        }
        decomposition.components().select(c);
    }

    /** Mean spectrum of the noise positions: the noise relabelled as the one cluster, every other position left out. */
    private static double[] noiseMean(Dataset d, ClusterResult cr) {
        int[] l = cr.labels().clone();
        for (int i = 0; i < l.length; i++) {
            l[i] = l[i] == ClusterResult.NOISE ? 0 : ClusterResult.NOISE;
        }
        return AnalyzeJob.clusterMeans(d, new ClusterResult(l, new double[1][0], Double.NaN))[0];
    }

    /**
     * Runs the event loop until no job of the status line is running (or the window is closed).
     */
    public void waitForJobs() {
        Display d = shell.getDisplay();
        while (status.running() != null && !shell.isDisposed()) {
            if (!d.readAndDispatch()) {
                d.sleep();
            }
        }
    }

    /**
     * Saves the session's provenance record (the same XMI format as a pipeline run's {@code provenance.xmi}).
     *
     * @param file target file (parent folders are created)
     * @throws java.io.IOException if it cannot be written
     */
    public void saveRecord(Path file) throws java.io.IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        tessera.provenance.RecordStore.save(session.record(), file);
    }

    /**
     * Saves a screenshot of the window (what is on screen, via {@link GC#copyArea}) as PNG.
     *
     * @param file target .png (parent folders are created)
     * @return the captured pixels
     * @throws java.io.IOException if the folder cannot be created
     */
    public ImageData screenshot(Path file) throws java.io.IOException {
        return capture(file, false);
    }

    /**
     * Saves a screenshot of the whole window as PNG: its client area and, above it, the menu bar (taken from the
     * screen, so nothing may cover the window; used for the e4 window and its main menu).
     *
     * @param file target .png (parent folders are created)
     * @return the captured pixels
     * @throws java.io.IOException if the folder cannot be created
     */
    public ImageData screenshotWindow(Path file) throws java.io.IOException {
        return capture(file, true);
    }

    private ImageData capture(Path file, boolean window) throws java.io.IOException {
        Display d = shell.getDisplay();
        while (d.readAndDispatch()) {
            // paint everything pending first
        }
        Rectangle b = window ? shell.getBounds() : shell.getClientArea();
        Image img = new Image(d, b.width, b.height);
        GC gc = window ? new GC(d) : new GC(shell);
        try {
            gc.copyArea(img, window ? b.x : 0, window ? b.y : 0);
        } finally {
            gc.dispose();
        }
        try {
            ImageData data = img.getImageData();
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            ImageLoader l = new ImageLoader();
            l.data = new ImageData[] { data };
            l.save(file.toString(), SWT.IMAGE_PNG);
            return data;
        } finally {
            img.dispose();
        }
    }

    /**
     * The control of a view.
     *
     * @param title one of {@link #VIEWS}
     * @return its group
     */
    public Control view(String title) {
        return groups.get(title);
    }
}
