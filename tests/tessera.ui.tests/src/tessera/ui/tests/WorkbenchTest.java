package tessera.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.swtchart.ISeries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Dataset;
import tessera.core.registry.Registry;
import tessera.pipeline.PipelineDocument;
import tessera.pipeline.PipelineEngine;
import tessera.pipeline.Ref;
import tessera.pipeline.RunOptions;
import tessera.pipeline.RunResult;
import tessera.pipeline.StepSpec;
import tessera.ui.internal.ColorMap;
import tessera.ui.internal.Spectra;
import tessera.ui.internal.TesseraWorkbench;

/**
 * The workbench as a user drives it, on a real X display (Xvfb under CI): open the NIST FePt core-shell
 * STEM-EDX spectrum image, click a pixel, run NMF with 3 components from the generated form, and look at
 * the window: the spectrum view plots exactly that pixel's counts, the map has the navigation shape, the
 * screenshot shows six non-empty views with the map's colour map and the plotted spectrum. The GUI's NMF
 * equals the same pipeline step run by {@link PipelineEngine} (as {@code tessera run}) with the same seed.
 * Screenshots are saved under target/screenshots (system property {@code tessera.ui.screenshots}).
 *
 * <p>The tests run in order on one window, as one session of a user.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkbenchTest {
    private static final int PX = 20;
    private static final int PY = 34;
    private static final long SEED = 42;
    private static Display display;
    private static TesseraWorkbench wb;
    private static Path file;
    private static Path shots;

    @BeforeAll
    static void openWindow() {
        if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            fail("no X display: the workbench tests need one; run the build under xvfb-run -a (scripts/test does)");
        }
        file = Path.of(System.getProperty("tessera.data"), "edx", "core_shell.hspy");
        shots = Path.of(System.getProperty("tessera.ui.screenshots", "target/screenshots"));
        display = Display.getDefault();
        wb = new TesseraWorkbench(display, Registry.get());
        wb.shell().open();
        dispatch();
    }

    @AfterAll
    static void close() {
        if (wb != null) {
            wb.shell().dispose();
        }
        // the display stays: E4WorkbenchTest runs on it too (SWTChart keeps fonts made on the first display,
        // so a second Display in the same JVM would paint with disposed fonts)
    }

    private static void dispatch() {
        while (display.readAndDispatch()) {
            // pending events and paints
        }
    }

    /** Lets the UI run until the status line's job is done (a hang guard of 5 minutes, not a timing check). */
    private static void waitForJob() {
        long end = System.nanoTime() + 300_000_000_000L;
        while (wb.status().running() != null) {
            if (System.nanoTime() > end) {
                fail("job '" + wb.status().running().getName() + "' did not finish");
            }
            if (!display.readAndDispatch()) {
                display.sleep();
            }
        }
        dispatch();
    }

    @Test
    @Order(1)
    void openingAFileShowsItsShapeAxesReadersAndNavigationImage() throws Exception {
        wb.explorer().dropped(new String[] { file.toString() });
        waitForJob();
        assertTrue(wb.status().message().endsWith("done"), wb.status().message());
        Dataset d = wb.session().current();
        assertArrayEquals(new int[] { 64, 64, 992 }, d.shape());
        TreeItem node = wb.explorer().tree().getItem(0);
        assertEquals("core_shell.hspy  [64, 64, 992] " + d.dtype(), node.getText());
        String axes = Arrays.stream(node.getItem(0).getItems()).map(TreeItem::getText).reduce("", (a, b) -> a + b + "\n");
        // the energy axis: 992 channels of 0.02 keV from 0.16 keV (data README)
        assertTrue(axes.contains("992 × 0.02 keV from 0.16 (signal)"), axes);
        String readers = Arrays.stream(node.getItem(2).getItems()).map(TreeItem::getText).reduce("", (a, b) -> a + b + "\n");
        assertTrue(readers.contains("tessera.io.hspy"), readers);
        // the map: total counts per position, 64 x 64 = the navigation shape
        assertArrayEquals(Spectra.navigationShape(d), wb.map().imageShape());
        double total = Arrays.stream(Spectra.spectrum(d, PX, PY)).sum();
        assertEquals(total, wb.map().values()[PY][PX], 1e-9 * total);
        // the provenance view lists the session (its plan: the user's actions) and the read step with the input file's hash
        String prov = items(wb.provenance().tree().getItems());
        assertTrue(prov.contains("1-read  tessera.pipeline.read  [SUCCEEDED]"), prov);
        assertTrue(prov.contains("used file ← " + file), prov);
        wb.screenshot(shots.resolve("workbench-open.png"));
    }

    @Test
    @Order(2)
    void clickingAPixelPlotsExactlyItsSpectrum() throws Exception {
        wb.map().select(PX, PY, PX, PY);
        dispatch();
        ISeries<?> s = wb.spectrum().chart().getSeriesSet().getSeries("pixel (" + PX + ", " + PY + ")");
        assertNotNull(s, "spectrum view series: " + wb.spectrum().names());
        Dataset d = wb.session().current();
        double[] expected = new double[992];
        for (int j = 0; j < 992; j++) {
            expected[j] = d.getDouble(PY, PX, j);
        }
        assertArrayEquals(expected, s.getYSeries());
        assertEquals(0.16, s.getXSeries()[0], 1e-9);
        assertEquals(0.16 + 991 * 0.02, s.getXSeries()[991], 1e-9);
        assertTrue(Arrays.stream(expected).sum() > 0, "the pixel has counts");
        // a 3 x 2 region sums its six spectra
        wb.map().select(PX, PY, PX + 2, PY + 1);
        dispatch();
        ISeries<?> r = wb.spectrum().chart().getSeriesSet().getSeries("sum of (" + PX + ", " + PY + ")–(" + (PX + 2) + ", " + (PY + 1) + ")");
        assertNotNull(r, "spectrum view series: " + wb.spectrum().names());
        double sum = 0;
        for (int y = PY; y <= PY + 1; y++) {
            for (int x = PX; x <= PX + 2; x++) {
                sum += d.getDouble(y, x, 400);
            }
        }
        assertEquals(sum, r.getYSeries()[400]);
        // shift-dragging 6.2-6.6 keV (the Fe K-alpha line) in the spectrum view maps the counts of channels
        // 302..322 (0.16 keV + 0.02 keV * i) at every position
        wb.spectrum().setWindow(6.2, 6.6);
        dispatch();
        assertArrayEquals(new int[] { 64, 64 }, wb.map().imageShape());
        for (int[] p : new int[][] { { PX, PY }, { 0, 0 }, { 63, 17 } }) {
            double fe = 0;
            for (int j = 302; j <= 322; j++) {
                fe += d.getDouble(p[1], p[0], j);
            }
            assertEquals(fe, wb.map().values()[p[1]][p[0]], "Fe K window at " + Arrays.toString(p));
        }
        wb.map().select(PX, PY, PX, PY);
        wb.spectrum().setEdgeElements("Fe Pt");
        dispatch();
        // an EDX spectrum (keV) is marked with X-ray lines at their energies, not with EELS edges
        Map<String, Double> marks = new java.util.LinkedHashMap<>();
        wb.spectrum().markers().forEach(m -> marks.put(m.getKey(), m.getValue()));
        assertEquals(6.4039, marks.get("Fe_Ka"), 1e-9, marks.toString());
        assertEquals(9.4421, marks.get("Pt_La"), 1e-9, marks.toString());
        assertTrue(marks.containsKey("Fe_Kb") && marks.containsKey("Pt_Ma") && !marks.containsKey("Fe-L3"), marks.toString());
    }

    @Test
    @Order(3)
    void nmfFromTheGeneratedFormEqualsThePipelineStep(@TempDir Path out) throws Exception {
        wb.decomposition().select("tessera.decompose.nmf");
        // the form is generated from NMF's ParameterSpecs: one editor per parameter, in order
        assertEquals(List.of("components", "maxIterations", "tol", "seed", "normalizePoissonianNoise"),
                List.copyOf(wb.decomposition().form().editors().keySet()));
        wb.decomposition().form().set("components", 3);
        wb.decomposition().form().set("seed", SEED);
        wb.run("tessera.decompose.nmf", wb.decomposition().form().values());
        waitForJob();
        assertTrue(wb.status().message().endsWith("done"), wb.status().message());
        DecompositionResult gui = wb.session().decomposition();
        assertEquals(3, gui.components());
        assertEquals(3, wb.decomposition().components().getItemCount());
        // component 0 is shown: its loading map has the navigation shape and the loadings' values
        assertArrayEquals(new int[] { 64, 64 }, wb.map().imageShape());
        assertEquals(gui.loadings().getDouble(0, PY, PX), wb.map().values()[PY][PX]);
        assertArrayEquals(Spectra.factor(gui, 0), wb.spectrum().chart().getSeriesSet().getSeries("nmf factor 0").getYSeries());

        // the same step through the pipeline engine, as `tessera run` would run it: read + NMF, same seed
        PipelineDocument doc = new PipelineDocument("nmf", "NMF of a spectrum image", Map.of("input", "spectrum image"),
                List.of(new StepSpec("read", "tessera.pipeline.read", Map.of("file", new Ref(null, "input")), Map.of(), null),
                        new StepSpec("nmf", "tessera.decompose.nmf", Map.of("data", Ref.parse("read.data")), Map.of("components", 3, "seed", SEED), null)));
        RunResult run = new PipelineEngine(Registry.get()).run(doc, "test", Map.of("input", file), out.resolve("run"), RunOptions.of(ProgressMonitor.NULL, s -> { }));
        DecompositionResult cli = (DecompositionResult) run.value("nmf.result");
        assertArrayEquals(cli.factors().toDoubleArray(), gui.factors().toDoubleArray());
        assertArrayEquals(cli.loadings().toDoubleArray(), gui.loadings().toDoubleArray());

        // the provenance view shows the NMF step with its parameters and seed
        String prov = items(wb.provenance().tree().getItems());
        assertTrue(prov.contains("tessera.decompose.nmf  [SUCCEEDED]"), prov);
        assertTrue(prov.contains("parameter components = 3"), prov);
        assertTrue(prov.contains("seed 42") || prov.contains("parameter seed = 42"), prov);

        // the saved record reads back with the NMF activity, its seed and the input file's hash
        wb.saveRecord(out.resolve("workbench.xmi"));
        tessera.provenance.model.Record saved = tessera.provenance.RecordStore.load(out.resolve("workbench.xmi"));
        tessera.provenance.model.Activity nmf = saved.getActivities().stream().filter(a -> "tessera.decompose.nmf".equals(a.getStepId())).findFirst()
                .orElseThrow();
        assertEquals(Long.valueOf(SEED), nmf.getSeed());
        assertTrue(saved.getEntities().stream().anyMatch(e -> e.getSha256() != null && String.valueOf(e.getLabel()).endsWith("core_shell.hspy")));
    }

    private static String items(TreeItem[] items) {
        StringBuilder b = new StringBuilder();
        for (TreeItem t : items) {
            b.append(t.getText()).append('\n').append(items(t.getItems()));
        }
        return b.toString();
    }

    @Test
    @Order(4)
    void theScreenshotShowsSixViewsTheMapAndTheSpectrum() throws Exception {
        wb.decomposition().components().select(1);
        wb.pick(1);
        dispatch();
        ImageData img = wb.screenshot(shots.resolve("workbench-nmf.png"));
        assertTrue(Files.size(shots.resolve("workbench-nmf.png")) > 10_000);
        Map<String, Rectangle> views = wb.viewBounds();
        assertEquals(TesseraWorkbench.VIEWS, List.copyOf(views.keySet()));
        for (Map.Entry<String, Rectangle> v : views.entrySet()) {
            Rectangle r = v.getValue();
            assertTrue(r.width > 150 && r.height > 100, v.getKey() + " is too small: " + r);
            assertTrue(colours(img, r) > 3, v.getKey() + " looks blank in the screenshot");
        }
        // left | centre | right columns; spectrum above map
        assertTrue(views.get("Data explorer").x < views.get("Spectrum").x && views.get("Spectrum").x < views.get("Decomposition").x);
        assertTrue(views.get("Spectrum").y < views.get("Map").y);
        // the map view shows the loading map through viridis: its darkest and brightest anchors appear
        Rectangle m = views.get("Map");
        assertTrue(contains(img, m, ColorMap.viridis(0)) && contains(img, m, ColorMap.viridis(1)), "map view shows no viridis image");
        // the spectrum view draws the pixel's series in its colour (the second series, red)
        assertTrue(contains(img, views.get("Spectrum"), new RGB(214, 39, 40)), "spectrum view shows no plotted pixel spectrum");
        assertTrue(colours(img, new Rectangle(0, 0, img.width, img.height)) > 50, "screenshot is nearly uniform");
    }

    private static int colours(ImageData img, Rectangle r) {
        Set<Integer> c = new HashSet<>();
        for (int y = Math.max(0, r.y); y < Math.min(img.height, r.y + r.height); y += 2) {
            for (int x = Math.max(0, r.x); x < Math.min(img.width, r.x + r.width); x += 2) {
                c.add(img.getPixel(x, y));
            }
        }
        return c.size();
    }

    private static boolean contains(ImageData img, Rectangle r, RGB want) {
        for (int y = Math.max(0, r.y); y < Math.min(img.height, r.y + r.height); y++) {
            for (int x = Math.max(0, r.x); x < Math.min(img.width, r.x + r.width); x++) {
                RGB got = img.palette.getRGB(img.getPixel(x, y));
                if (Math.abs(got.red - want.red) <= 3 && Math.abs(got.green - want.green) <= 3 && Math.abs(got.blue - want.blue) <= 3) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    @Order(5)
    void theConsoleEvaluatesJavaScript() throws Exception {
        org.eclipse.core.runtime.jobs.Job j = wb.console().eval("6 * 7");
        long end = System.nanoTime() + 300_000_000_000L;
        while (j.getResult() == null && System.nanoTime() < end) {
            if (!display.readAndDispatch()) {
                display.sleep();
            }
        }
        display.syncExec(() -> { });
        dispatch();
        assertTrue(wb.console().text().contains("js> 6 * 7\n42\n"), wb.console().text());
        wb.screenshot(shots.resolve("workbench-console.png"));
    }

    @Test
    @Order(6)
    void everyAlgorithmGetsAFormFromItsSpecsAndKMeansMapsClusters() {
        for (tessera.pipeline.StepDescriptor s : wb.session().algorithms()) {
            wb.decomposition().select(s.id());
            List<String> expected = new java.util.ArrayList<>();
            if (tessera.pipeline.ForwardModels.isGuided(s.step())) {
                // a physics-guided decomposition's form starts with the parameters of the open file's forward model (EDX here)
                wb.session().forwardModel().orElseThrow().step().parameters().forEach(x -> expected.add(x.name()));
                assertEquals("tessera.edx.forward-model", wb.session().forwardModel().orElseThrow().id());
            }
            s.step().parameters().forEach(x -> expected.add(x.name()));
            assertEquals(expected, List.copyOf(wb.decomposition().form().editors().keySet()), s.id());
        }
        wb.decomposition().select("tessera.cluster.kmeans");
        wb.decomposition().form().set("k", 3);
        wb.decomposition().form().set("seed", SEED);
        wb.run("tessera.cluster.kmeans", wb.decomposition().form().values());
        waitForJob();
        assertTrue(wb.status().message().endsWith("done"), wb.status().message());
        int[] labels = wb.session().clusters().labels();
        assertEquals(64 * 64, labels.length);
        assertEquals(3, wb.decomposition().components().getItemCount());
        assertArrayEquals(new int[] { 64, 64 }, wb.map().imageShape());
        assertEquals(labels[PY * 64 + PX], wb.map().values()[PY][PX]);
        assertTrue(Arrays.stream(labels).allMatch(l -> l >= 0 && l < 3));
    }

    @Test
    @Order(7)
    void cancelStopsALongNmfWhileTheWindowStaysResponsive() throws Exception {
        wb.decomposition().select("tessera.decompose.nmf");
        wb.decomposition().form().set("components", 3);
        wb.decomposition().form().set("maxIterations", 1_000_000);
        wb.decomposition().form().set("tol", 0);
        wb.decomposition().form().set("seed", SEED);
        org.eclipse.core.runtime.jobs.Job j = wb.run("tessera.decompose.nmf", wb.decomposition().form().values());
        while (j.getState() != org.eclipse.core.runtime.jobs.Job.RUNNING && j.getResult() == null) {
            dispatch();
            Thread.sleep(10);
        }
        // while NMF runs, a click on the map still plots that pixel's spectrum
        wb.map().select(3, 5, 3, 5);
        dispatch();
        assertNotNull(wb.spectrum().chart().getSeriesSet().getSeries("pixel (3, 5)"), wb.spectrum().names().toString());
        assertNotNull(wb.status().running(), "NMF with tol 0 and 10^6 iterations finished before it could be cancelled");
        wb.status().cancel();
        waitForJob();
        assertEquals("NMF: cancelled", wb.status().message());
        // the cancelled step is in the record as FAILED (1-read, 2-nmf, 3-kmeans, 4-nmf); the last result stays
        String prov = items(wb.provenance().tree().getItems());
        assertTrue(prov.contains("4-nmf  tessera.decompose.nmf  [FAILED]"), prov);
        assertEquals(3, wb.session().decomposition().components());
        // the next job is not cancelled by the previous Cancel
        wb.decomposition().select("tessera.cluster.kmeans");
        wb.run("tessera.cluster.kmeans", wb.decomposition().form().values());
        waitForJob();
        assertTrue(wb.status().message().endsWith("done"), wb.status().message());
    }

    @Test
    @Order(8)
    void aChoiceParameterIsADropDownOfItsChoices() {
        wb.decomposition().select("tessera.cluster.agglomerative");
        ParameterFormProbe f = new ParameterFormProbe(wb);
        Combo linkage = f.combo("linkage");
        assertArrayEquals(new String[] { "ward", "average", "complete", "single" }, linkage.getItems());
        assertEquals("ward", linkage.getText(), "the default is selected");
        assertTrue((linkage.getStyle() & org.eclipse.swt.SWT.READ_ONLY) != 0, "read-only: no other value can be typed");
        assertArrayEquals(new String[] { "none", "grid" }, f.combo("connectivity").getItems());
        assertArrayEquals(new String[] { "none", "norm", "standard", "minmax" }, f.combo("preprocessing").getItems());
        assertEquals("none", f.combo("preprocessing").getText());
        wb.decomposition().form().set("linkage", "average");
        assertEquals("average", wb.decomposition().form().values().get("linkage"));
        try {
            wb.decomposition().form().set("linkage", "median");
            fail("'median' is not a linkage of the drop-down");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("linkage"), expected.getMessage());
        }
        // "components" has no default (all components): a blank text field, left out of the values
        assertTrue(wb.decomposition().form().editors().get("components") instanceof Text);
        assertFalse(wb.decomposition().form().values().containsKey("components"));
        wb.decomposition().select("tessera.cluster.gmm");
        assertArrayEquals(new String[] { "full", "diag", "spherical" }, f.combo("covariance").getItems());
        assertEquals("full", f.combo("covariance").getText());
        // the UMAP embedding is not offered (its output is a dataset, not a decomposition or clustering)
        assertTrue(wb.session().algorithms().stream().noneMatch(a -> a.id().equals("tessera.cluster.umap")), "UMAP offered");
        assertTrue(wb.session().algorithms().stream().anyMatch(a -> a.id().equals("tessera.cluster.hdbscan")), "HDBSCAN not offered");
    }

    /** The combo editors of the current form. */
    private record ParameterFormProbe(TesseraWorkbench wb) {
        Combo combo(String name) {
            Object c = wb.decomposition().form().editors().get(name);
            assertTrue(c instanceof Combo, name + " is " + c);
            return (Combo) c;
        }
    }

    @Test
    @Order(9)
    void hdbscanShowsItsClustersWithTheNoiseInGrey() throws Exception {
        wb.decomposition().select("tessera.cluster.hdbscan");
        // on the 3 NMF scores of core_shell.hspy, minClusterSize 20 finds 2 clusters (3414 and 26 positions) and
        // 656 noise positions; from 40 on, no split is large enough and every position is noise
        wb.decomposition().form().set("minClusterSize", 20);
        wb.run("tessera.cluster.hdbscan", wb.decomposition().form().values());
        waitForJob();
        assertTrue(wb.status().message().endsWith("done"), wb.status().message());
        ClusterResult cr = wb.session().clusters();
        int[] labels = cr.labels();
        assertEquals(64 * 64, labels.length);
        int noise = cr.noiseCount();
        assertTrue(noise > 0 && noise < labels.length && cr.k() >= 1, "HDBSCAN found " + cr.k() + " clusters and " + noise + " noise positions");
        // the label map, titled with the contribution's name, noise as -1
        assertTrue(wb.map().showsLabels());
        assertEquals("HDBSCAN* clusters (" + noise + " noise, grey)", wb.map().title());
        assertArrayEquals(new int[] { 64, 64 }, wb.map().imageShape());
        int np = 0;
        while (labels[np] != ClusterResult.NOISE) {
            np++;
        }
        int cp = 0;
        while (labels[cp] < 0) {
            cp++;
        }
        assertEquals(-1, wb.map().values()[np / 64][np % 64]);
        // the list: one entry per cluster, then the noise
        assertEquals(cr.k() + 1, wb.decomposition().components().getItemCount());
        assertEquals("noise (" + noise + " positions)", wb.decomposition().components().getItem(cr.k()).getText());
        assertEquals("cluster 0 (" + cr.sizes()[0] + " positions)", wb.decomposition().components().getItem(0).getText());
        // on screen: the noise position is grey, a clustered one has its cluster's colour
        ImageData img = wb.screenshot(shots.resolve("workbench-hdbscan.png"));
        assertEquals(ColorMap.NOISE, screenColour(img, np % 64, np / 64));
        assertEquals(ColorMap.label(labels[cp]), screenColour(img, cp % 64, cp / 64));
        // picking the noise entry plots the mean spectrum of the noise positions; a cluster its mean
        Dataset d = wb.session().current();
        wb.pick(cr.k());
        dispatch();
        ISeries<?> ns = wb.spectrum().chart().getSeriesSet().getSeries("noise mean");
        assertNotNull(ns, wb.spectrum().names().toString());
        double mean = 0;
        for (int p = 0; p < labels.length; p++) {
            if (labels[p] == ClusterResult.NOISE) {
                mean += d.getDouble(p / 64, p % 64, 400);
            }
        }
        assertEquals(mean / noise, ns.getYSeries()[400], 1e-9 * Math.max(1, mean / noise));
        wb.pick(0);
        dispatch();
        assertNotNull(wb.spectrum().chart().getSeriesSet().getSeries("cluster 0 mean"), wb.spectrum().names().toString());
        assertTrue(wb.map().showsLabels(), "HDBSCAN's membership strengths are not probabilities: the label map stays");
    }

    private static RGB screenColour(ImageData img, int x, int y) {
        Point p = wb.map().pointOf(x, y);
        Point s = wb.shell().toControl(wb.map().control().toDisplay(p));
        return img.palette.getRGB(img.getPixel(s.x, s.y));
    }

    @Test
    @Order(10)
    void aGaussianMixtureShowsThePickedClustersProbabilityMap() throws Exception {
        wb.decomposition().select("tessera.cluster.gmm");
        wb.decomposition().form().set("k", 3);
        wb.decomposition().form().set("covariance", "diag");
        wb.decomposition().form().set("seed", SEED);
        wb.run("tessera.cluster.gmm", wb.decomposition().form().values());
        waitForJob();
        assertTrue(wb.status().message().endsWith("done"), wb.status().message());
        ClusterResult cr = wb.session().clusters();
        assertTrue(wb.map().showsLabels());
        assertEquals("Gaussian mixture clusters", wb.map().title());
        assertEquals(3, wb.decomposition().components().getItemCount());
        wb.pick(1);
        dispatch();
        assertFalse(wb.map().showsLabels());
        assertEquals("Gaussian mixture clusters: P(cluster 1)", wb.map().title());
        assertEquals(cr.probabilities()[PY * 64 + PX][1], wb.map().values()[PY][PX]);
        wb.showClusterMap();
        assertTrue(wb.map().showsLabels());
        assertEquals("Gaussian mixture clusters", wb.map().title());
        assertTrue(prov().contains("parameter covariance = diag"), prov());
    }

    /**
     * SmoothNMF from the workbench: the file's elements (Fe, Pt) as tick boxes writing the elements field, then the
     * espm recipe for core_shell typed into the form; the component list names each phase with its composition, the
     * same as the pipeline's, and the forward model is its own recorded step.
     */
    @Test
    @Order(11)
    void smoothNmfOffersTheFilesElementsAndListsThePhasesCompositions() throws Exception {
        wb.decomposition().select("tessera.decompose.smooth-nmf");
        assertEquals(List.of("Fe", "Pt"), List.copyOf(wb.decomposition().elementTicks().keySet()));
        assertEquals("Fe,Pt", wb.decomposition().form().values().get("elements"), "ticked by default");
        wb.decomposition().tick("Pt", false);
        assertEquals("Fe", wb.decomposition().form().values().get("elements"));
        wb.decomposition().tick("Pt", true);
        wb.decomposition().form().set("elements", "Fe,Pt,O,Si,C");
        wb.decomposition().form().set("components", 3);
        wb.decomposition().form().set("seed", SEED);
        wb.decomposition().form().set("fixedW", "Pt@0=0,Fe@0=0,Pt@1=0.867,Fe@1=0.133,Si@1=0,C@1=0,O@1=0,Pt@2=0,Si@2=0,C@2=0");
        wb.decomposition().form().set("splitElements", "Fe:4,Pt:4");
        wb.decomposition().form().set("thickness", "30");
        wb.decomposition().form().set("density", "5.2");
        wb.decomposition().form().set("window", "none");
        wb.run("tessera.decompose.smooth-nmf", wb.decomposition().form().values());
        waitForJob();
        assertTrue(wb.status().message().endsWith("done"), wb.status().message());
        DecompositionResult r = wb.session().decomposition();
        double fe = r.auxiliary(tessera.core.analysis.GuidedDecomposer.COMPOSITION).getDouble(2, 0);
        assertEquals(39.0, fe, 0.5, "shell Fe at.% (SmoothNmfCoreShellTest: 39.0)");
        String label = wb.decomposition().components().getItem(2).getText();
        assertTrue(label.startsWith("smooth-nmf phase 2  Fe " + String.format(java.util.Locale.ROOT, "%.1f", fe) + " O "), label);
        assertTrue(label.endsWith("at.%"), label);
        assertTrue(prov().contains("tessera.edx.forward-model  [SUCCEEDED]"), prov());
        assertTrue(prov().contains("parameter splitElements = Fe:4,Pt:4"), prov());
        wb.screenshot(shots.resolve("workbench-smoothnmf.png"));
    }

    private static String prov() {
        return items(wb.provenance().tree().getItems());
    }
}
