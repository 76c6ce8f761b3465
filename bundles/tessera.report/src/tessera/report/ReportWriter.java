package tessera.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.imageio.ImageIO;

import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.LiteratureReference;
import tessera.core.io.AtomicFiles;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.report.internal.Charts;
import tessera.report.internal.Html;
import tessera.report.internal.MapRenderer;
import tessera.report.internal.MapRenderer.MapPanel;
import tessera.report.internal.ScaleBars;

/**
 * Writes an {@link AnalysisReport} as a self-contained {@code report.html} (inline CSS, no
 * scripts, all text escaped) plus the PNG figures it links relatively, rendered headlessly
 * (AWT in headless mode, JFreeChart for line plots, Java2D for maps).
 *
 * <p>The figures adapt to the navigation dimension: loadings of a 2-D scan are maps (viridis,
 * colour bar from the data minimum to maximum, scale bar in calibrated length units), of a
 * line scan profiles against the calibrated position, and a single position is stated as
 * such; cluster labels likewise become a categorical map, a label profile or a statement.
 * Factors are spectra against the calibrated energy axis.
 *
 * <p><b>Failure semantics.</b> An existing {@code report.html} in the output folder is deleted
 * first; each PNG and finally the HTML are written atomically with {@link AtomicFiles}. If
 * anything fails, no {@code report.html} is left (PNGs already written may remain).
 */
public final class ReportWriter {
    /** file name of the HTML report */
    public static final String HTML_FILE = "report.html";
    /** width of single line charts (scree, cluster means), pixels */
    public static final int CHART_WIDTH = 900;
    /** height of single line charts, pixels */
    public static final int CHART_HEIGHT = 500;
    /** largest side of one loading-map image in a grid, pixels */
    public static final int MAP_SIZE = 230;
    /** largest side of the cluster-map image, pixels */
    public static final int CLUSTER_MAP_SIZE = 440;
    /** at most this many scree components are plotted */
    public static final int SCREE_MAX = 50;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ReportWriter() {
    }

    /**
     * Renders the report into {@code outDir}: the PNGs first, {@value #HTML_FILE} last.
     * Image names are derived from the section labels, e.g. {@code scree.png},
     * {@code pca_factors.png}, {@code pca_loadings.png}, {@code k-means_clusters.png},
     * {@code k-means_cluster_means.png}; existing files of those names are replaced. The sections with figures
     * (scree, decompositions, clusterings, projections) are rendered at once, one task each, on up to as many
     * threads as there are processors; the files are the same as those of a sequential run.
     *
     * @param report the report
     * @param outDir output folder, created if missing
     * @return the HTML path and the image paths
     * @throws IOException if a file cannot be written; then no {@code report.html} exists in {@code outDir}
     */
    public static WrittenReport write(AnalysisReport report, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        Path htmlPath = outDir.resolve(HTML_FILE);
        Files.deleteIfExists(htmlPath);
        Ctx ctx = new Ctx(outDir);
        Html h = new Html();
        head(h, report);
        datasetSection(h, report);
        List<Section> figures = List.of((sh, sc) -> screeSection(sh, report, sc), (sh, sc) -> decompositionSection(sh, report, sc),
                (sh, sc) -> clusteringSection(sh, report, sc), (sh, sc) -> projectionSection(sh, report, sc));
        if (!inParallel(figures, h, ctx)) {
            for (Section s : figures) {
                s.write(h, ctx);
            }
        }
        parametersSection(h, report);
        notesSection(h, report);
        h.raw("</main>\n</body>\n</html>\n");
        byte[] bytes = h.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(htmlPath, tmp -> Files.write(tmp, bytes));
        return new WrittenReport(htmlPath, ctx.images);
    }

    /** One section of the report with figures: appends its markup to {@code h}, its images through {@code ctx}. */
    @FunctionalInterface
    private interface Section {
        void write(Html h, Ctx ctx) throws IOException;
    }

    /**
     * Renders the sections at once, one task per section (the figures of a section in order, each its own images
     * and markup), and appends their markup to {@code h} in the given order. The image names are those of a
     * sequential run whenever the sections' names are distinct; if two sections chose the same name (their
     * numbering would depend on the order), nothing is appended and false is returned, for a sequential run.
     */
    private static boolean inParallel(List<Section> sections, Html h, Ctx ctx) throws IOException {
        List<Html> parts = new ArrayList<>();
        List<Ctx> ctxs = new ArrayList<>();
        List<Future<Void>> done = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(sections.size(), Runtime.getRuntime().availableProcessors()))) {
            for (Section s : sections) {
                Html part = new Html();
                Ctx c = new Ctx(ctx.dir);
                parts.add(part);
                ctxs.add(c);
                done.add(pool.submit(() -> {
                    s.write(part, c);
                    return null;
                }));
            }
            for (Future<Void> f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("report rendering interrupted");
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException re -> throw re;
                case Error er -> throw er;
                default -> throw new IOException(e.getCause());
            }
        }
        Set<String> all = new HashSet<>(ctx.names);
        for (Ctx c : ctxs) {
            for (String n : c.names) {
                if (!all.add(n)) {
                    return false;
                }
            }
        }
        for (int i = 0; i < parts.size(); i++) {
            h.raw(parts.get(i).toString());
            ctx.names.addAll(ctxs.get(i).names);
            ctx.images.addAll(ctxs.get(i).images);
        }
        return true;
    }

    /** Output folder and image bookkeeping. */
    private static final class Ctx {
        final Path dir;
        final List<Path> images = new ArrayList<>();
        final Set<String> names = new HashSet<>();

        Ctx(Path dir) {
            this.dir = dir;
        }

        String png(String base, BufferedImage img) throws IOException {
            String slug = slug(base);
            String name = slug + ".png";
            for (int i = 2; !names.add(name); i++) {
                name = slug + "-" + i + ".png";
            }
            Path p = dir.resolve(name);
            AtomicFiles.write(p, tmp -> {
                if (!ImageIO.write(img, "png", tmp.toFile())) {
                    throw new IOException("no PNG writer available");
                }
            });
            images.add(p);
            return name;
        }
    }

    /** @return lower-case file-name stem of a label: letters, digits, '-' and '_' only */
    static String slug(String s) {
        String t = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("^-+|-+$", "");
        return t.isEmpty() ? "figure" : t;
    }

    private static final String CSS = """
            body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;margin:0;background:#f6f6f4;color:#222;line-height:1.45}
            main{max-width:1060px;margin:0 auto;padding:16px 28px 40px;background:#fff}
            h1{font-size:1.6em;margin:.4em 0 .2em}h2{border-bottom:2px solid #3b528b;padding-bottom:3px;margin-top:1.6em}
            h3{margin-top:1.2em}table{border-collapse:collapse;margin:.5em 0}
            th,td{border:1px solid #ccc;padding:3px 9px;text-align:left;font-size:.92em}th{background:#eef0f5}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            figure{margin:1em 0}figure img{max-width:100%;height:auto;border:1px solid #ddd}
            figcaption{font-size:.9em;color:#444;margin-top:4px}
            .warn{background:#fff3cd;border-left:4px solid #e0a800;padding:6px 10px;margin:6px 0}
            .note{background:#eef5ff;border-left:4px solid #3b78c4;padding:6px 10px;margin:6px 0}
            .meta{color:#555;font-size:.92em}nav a{margin-right:12px}
            """;

    private static void head(Html h, AnalysisReport r) {
        h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").raw(Html.esc(r.title())).raw("</title>\n<style>\n")
                .raw(CSS).raw("</style>\n</head>\n<body>\n<main>\n");
        h.el("h1", r.title());
        h.raw("<p class=\"meta\">Source file: <b>").raw(Html.esc(r.sourceName())).raw("</b> · generated ");
        if (r.created() != null) {
            h.raw(Html.esc(DateTimeFormatter.ISO_INSTANT.format(r.created().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))).raw(" ");
        }
        h.raw("by Tessera</p>\n");
        h.raw("<nav><a href=\"#dataset\">Dataset</a><a href=\"#scree\">Scree</a><a href=\"#decomposition\">Decomposition</a>"
                + "<a href=\"#clustering\">Clustering</a><a href=\"#parameters\">Parameters &amp; references</a><a href=\"#notes\">Notes</a></nav>\n");
        if (!r.warnings().isEmpty()) {
            h.raw("<p class=\"warn\">").raw(Html.esc(r.warnings().size() + (r.warnings().size() == 1 ? " warning" : " warnings")))
                    .raw(" — see <a href=\"#notes\">Notes</a>.</p>\n");
        }
    }

    private static String fmt(double v) {
        return ScaleBars.format(v);
    }

    private static String shape(int[] s) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < s.length; i++) {
            b.append(i == 0 ? "" : ", ").append(s[i]);
        }
        return b.append(')').toString();
    }

    private static void datasetSection(Html h, AnalysisReport r) {
        h.raw("<section id=\"dataset\">\n<h2>Dataset</h2>\n");
        DatasetSummary d = r.dataset();
        if (d == null) {
            h.el("p", "No dataset summary was recorded.");
        } else {
            h.raw("<table>\n");
            h.row(false, "Source file", r.sourceName());
            if (!d.title().isEmpty()) {
                h.row(false, "Title", d.title());
            }
            h.row(false, "Signal type", d.signalType().isEmpty() ? "(not set)" : d.signalType());
            h.row(false, "Shape (array order, navigation first)", shape(d.shape()));
            h.row(false, "Data type", d.dtype());
            long nav = 1;
            int navDim = 0;
            for (Axis a : d.axes()) {
                if (a.navigate()) {
                    nav *= a.size();
                    navDim++;
                }
            }
            h.row(false, "Navigation", navDim == 0 ? "single spectrum (0-D)" : navDim == 1 ? "line scan (1-D), " + nav + " positions"
                    : navDim == 2 ? "2-D map, " + nav + " positions" : navDim + "-D, " + nav + " positions");
            for (Map.Entry<String, String> e : d.keyMetadata().entrySet()) {
                h.row(false, e.getKey(), e.getValue());
            }
            h.raw("</table>\n<h3>Axes</h3>\n<table>\n");
            h.row(true, "#", "Name", "Role", "Size", "Scale", "Offset", "Units", "Range");
            for (int i = 0; i < d.axes().size(); i++) {
                Axis a = d.axes().get(i);
                h.row(false, i, a.name(), a.navigate() ? "navigation" : "signal", a.size(), fmt(a.scale()), fmt(a.offset()),
                        a.units().isEmpty() ? "(uncalibrated)" : a.units(), fmt(a.offset()) + " … " + fmt(a.high()) + (a.units().isEmpty() ? "" : " " + a.units()));
            }
            h.raw("</table>\n");
        }
        h.raw("</section>\n");
    }

    private static void screeSection(Html h, AnalysisReport r, Ctx ctx) throws IOException {
        h.raw("<section id=\"scree\">\n<h2>Scree plot</h2>\n");
        Scree s = r.scree();
        if (s == null) {
            h.el("p", "No explained-variance (scree) data: no PCA was run.");
        } else {
            double[] all = s.ratios();
            double[] shown = java.util.Arrays.copyOf(all, Math.min(all.length, SCREE_MAX));
            String name = ctx.png("scree", Charts.scree(s.label() + " scree plot", shown, s.chosen(), CHART_WIDTH, CHART_HEIGHT));
            double kept = 0;
            for (int i = 0; i < s.chosen(); i++) {
                kept += all[i];
            }
            String cap = String.format(Locale.ROOT, "Explained variance ratio of the first %d of %d components (log scale, component index from 0). "
                    + "The dashed line marks the chosen number of components N = %d, which together explain %.2f %% of the variance "
                    + "of the %d computed components.", shown.length, all.length, s.chosen(), 100 * kept, all.length);
            h.figure(name, s.label() + " scree plot", cap, CHART_WIDTH);
        }
        h.raw("</section>\n");
    }

    /** @return the rows of a dataset whose axis 0 is the component axis: {@code [k][rest]} */
    private static double[][] rows(Dataset d) {
        int k = d.axis(0).size();
        int n = Math.toIntExact(d.size() / k);
        double[][] out = new double[k][n];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < n; j++) {
                out[c][j] = d.getDouble((long) c * n + j);
            }
        }
        return out;
    }

    private static List<String> names(String prefix, int k) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            l.add(prefix + " " + i);
        }
        return l;
    }

    private static int columns(int k) {
        return k == 1 ? 1 : k <= 4 ? 2 : 3;
    }

    private static void decompositionSection(Html h, AnalysisReport r, Ctx ctx) throws IOException {
        h.raw("<section id=\"decomposition\">\n<h2>Decomposition</h2>\n");
        if (r.decompositions().isEmpty()) {
            h.el("p", "No decomposition was run.");
        }
        for (DecompositionSection sec : r.decompositions()) {
            DecompositionResult res = sec.result();
            int k = res.components();
            String label = sec.label();
            boolean unmixing = sec.isUnmixing();
            String factor = unmixing ? "endmember" : "factor";
            String loading = unmixing ? "abundance" : "loading";
            h.el("h3", label + " (" + res.algorithmId() + "), " + k + (unmixing ? (k == 1 ? " endmember" : " endmembers") : k == 1 ? " component" : " components"));
            spectraFigure(h, ctx, label + "_factors", label + " " + factor + "s", res.factors(), names(label + " " + factor, k),
                    unmixing ? "Intensity (data units)" : "Factor (a.u.)",
                    label + " " + factor + "s (" + (unmixing ? "endmember spectra" : "spectral components") + ")");
            mapsFigure(h, ctx, label + "_loadings", label + " " + loading, label + " " + loading + "s", loading + "s", res.loadings(), names(label + " " + loading, k),
                    unmixing ? "Abundance" : "Loading (a.u.)");
            for (Map.Entry<String, Dataset> e : res.auxiliary().entrySet()) {
                auxiliary(h, ctx, label, e.getKey(), e.getValue(), res);
            }
        }
        h.raw("</section>\n");
    }

    /** what each auxiliary result of a decomposition is, for headings and captions */
    private static final Map<String, String> AUXILIARY = Map.of(DecompositionResult.RESIDUAL, "residual (root-mean-square, data units)",
            DecompositionResult.CHI_SQUARE, "reduced χ²", DecompositionResult.RESIDUAL_SPECTRUM, "residual spectrum (summed over all positions)",
            DecompositionResult.LOADINGS_STD, "abundance posterior standard deviation", DecompositionResult.LOADINGS_LOW,
            "abundance 95 % interval, lower end", DecompositionResult.LOADINGS_HIGH, "abundance 95 % interval, upper end",
            DecompositionResult.ENTROPY, "relative entropy (nats)", DecompositionResult.UNMIXING_MATRIX, "unmixing matrix",
            DecompositionResult.ENDMEMBER_PIXELS, "positions the endmembers were taken from");

    private static void auxiliary(Html h, Ctx ctx, String label, String name, Dataset d, DecompositionResult res) throws IOException {
        String what = AUXILIARY.getOrDefault(name, name);
        String stem = label + "_" + name;
        List<Axis> nav = res.loadings().axes().subList(1, res.loadings().rank());
        if (name.equals(tessera.core.analysis.GuidedDecomposer.COMPOSITION)) {
            compositionTable(h, label, d, res.auxiliary(tessera.core.analysis.GuidedDecomposer.COMPOSITION_SIGMA));
        } else if (name.equals(tessera.core.analysis.GuidedDecomposer.COMPOSITION_SIGMA)) {
            return; // in the composition table
        } else if (name.equals(DecompositionResult.UNMIXING_MATRIX)) {
            int m = d.axis(0).size();
            h.el("p", label + " " + what + " W (" + m + " × " + m + "): the separated components are W applied to the whitened first " + m
                    + " components of the decomposition, as HyperSpy's unmixing_matrix.");
            h.raw("<table>\n");
            Object[] head = new Object[m + 1];
            head[0] = "";
            for (int c = 0; c < m; c++) {
                head[c + 1] = "col " + c;
            }
            h.row(true, head);
            for (int a = 0; a < m; a++) {
                Object[] row = new Object[m + 1];
                row[0] = "row " + a;
                for (int c = 0; c < m; c++) {
                    row[c + 1] = MapRenderer.tickLabel(d.getDouble((long) a * m + c));
                }
                h.row(false, row);
            }
            h.raw("</table>\n");
        } else if (name.equals(DecompositionResult.ENDMEMBER_PIXELS)) {
            h.el("p", label + ": " + what + " (navigation index and calibrated coordinates).");
            h.raw("<table>\n");
            List<Object> head = new ArrayList<>(List.of("Endmember", "Position index"));
            for (Axis a : nav) {
                head.add(a.name() + (a.units() == null || a.units().isBlank() ? "" : " (" + a.units() + ")"));
            }
            h.row(true, head.toArray());
            for (int c = 0; c < d.size(); c++) {
                long idx = (long) d.getDouble(c);
                List<Object> row = new ArrayList<>(List.of(c, idx));
                long rem = idx;
                Object[] coords = new Object[nav.size()];
                for (int a = nav.size() - 1; a >= 0; a--) {
                    int size = nav.get(a).size();
                    coords[a] = idx < 0 ? "—" : MapRenderer.tickLabel(nav.get(a).value((int) (rem % size)));
                    rem /= size;
                }
                row.addAll(List.of(coords));
                h.row(false, row.toArray());
            }
            h.raw("</table>\n");
        } else if (name.equals(DecompositionResult.RESIDUAL_SPECTRUM)) {
            List<Axis> sig = d.axes();
            List<Axis> ax = new ArrayList<>();
            ax.add(Axis.uncalibrated("component", 1, true));
            ax.addAll(sig);
            spectraFigure(h, ctx, stem, label + " " + what, d.withAxes(ax), List.of("residual"), "Residual (data units)",
                    label + " " + what + ": where the model misses or misplaces a spectral feature");
        } else if (sameSizes(d.axes(), nav)) {
            List<Axis> ax = new ArrayList<>();
            ax.add(Axis.uncalibrated("component", 1, true));
            ax.addAll(d.axes());
            mapsFigure(h, ctx, stem, label + " " + what, label + " " + what, what + " values", d.withAxes(ax), List.of(label + " " + name), what);
        } else if (d.rank() == nav.size() + 1 && sameSizes(d.axes().subList(1, d.rank()), nav)) {
            mapsFigure(h, ctx, stem, label + " " + what, label + " " + what, what + " values", d, names(label + " " + name, d.axis(0).size()), what);
        } else {
            h.el("p", label + " " + what + ": shape " + java.util.Arrays.toString(d.shape()) + " (in results.hspy, not plotted).");
        }
    }

    /** @return whether the two axis lists have the same sizes (an auxiliary dataset on the scan grid) */
    private static boolean sameSizes(List<Axis> a, List<Axis> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).size() != b.get(i).size()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The phases' compositions of a physics-guided decomposition ({@link tessera.core.analysis.GuidedDecomposer}):
     * one row per phase, one column per element, "value ± σ" in at.%.
     *
     * @param d     {@code [k, e]} compositions, element names under {@link tessera.core.analysis.GuidedDecomposer#COLUMNS}
     * @param sigma {@code [k, e]} their standard deviations, or null
     */
    private static void compositionTable(Html h, String label, Dataset d, Dataset sigma) {
        int k = d.axis(0).size(), e = d.axis(1).size();
        List<?> names = d.metadata().get(tessera.core.analysis.GuidedDecomposer.COLUMNS) instanceof List<?> l ? l : List.of();
        h.el("p", label + " phase compositions (at.% of the modelled elements, ± the counting-statistics standard deviation; phase i is "
                + label + " factor and loading i).");
        h.raw("<table>\n");
        Object[] head = new Object[e + 1];
        head[0] = "Phase";
        for (int j = 0; j < e; j++) {
            head[j + 1] = j < names.size() ? String.valueOf(names.get(j)) : "column " + j;
        }
        h.row(true, head);
        for (int t = 0; t < k; t++) {
            Object[] row = new Object[e + 1];
            row[0] = t;
            for (int j = 0; j < e; j++) {
                double v = d.getDouble((long) t * e + j);
                row[j + 1] = String.format(java.util.Locale.ROOT, "%.1f", v)
                        + (sigma == null ? "" : String.format(java.util.Locale.ROOT, " ± %.1f", sigma.getDouble((long) t * e + j)));
            }
            h.row(false, row);
        }
        h.raw("</table>\n");
    }

    /** k spectra {@code [k, signal axes]}: a grid of line charts (1-D signal) or images (2-D signal). */
    private static void spectraFigure(Html h, Ctx ctx, String stem, String title, Dataset f, List<String> names, String yLabel, String what)
            throws IOException {
        int k = f.axis(0).size();
        List<Axis> sig = f.axes().subList(1, f.rank());
        double[][] fr = rows(f);
        if (sig.size() == 1) {
            Axis e = sig.get(0);
            BufferedImage img = Charts.grid(title, e, fr, names, yLabel, CHART_WIDTH, columns(k), columns(k) == 1 ? 420 : 260);
            String n = ctx.png(stem, img);
            h.figure(n, title, what + " against " + Charts.axisLabel(e) + ", " + fmt(e.offset()) + " … " + fmt(e.high()) + " " + e.units() + ".",
                    img.getWidth());
        } else if (sig.size() == 2) {
            List<MapPanel> ps = new ArrayList<>();
            for (int c = 0; c < k; c++) {
                ps.add(new MapPanel(names.get(c), fr[c], sig.get(0), sig.get(1)));
            }
            MapRenderer.Rendered rd = MapRenderer.renderContinuous(title, ps, MAP_SIZE, 3);
            String n = ctx.png(stem, rd.image());
            h.figure(n, title, what + " (2-D signal) as images; each colour bar spans that image's minimum to maximum.", rd.image().getWidth());
        } else {
            h.el("p", title + " have a " + sig.size() + "-D signal and are not plotted.");
        }
    }

    /** k maps {@code [k, navigation axes]}: maps (2-D scan), profiles (line scan) or a table (one position). */
    private static void mapsFigure(Html h, Ctx ctx, String stem, String title, String plural, String term, Dataset l, List<String> names, String yLabel)
            throws IOException {
        int k = l.axis(0).size();
        List<Axis> nav = l.axes().subList(1, l.rank());
        long nNav = 1;
        for (Axis a : nav) {
            nNav *= a.size();
        }
        double[][] lr = rows(l);
        if (nav.isEmpty() || nNav == 1) {
            h.el("p", "The data have a single navigation position, so the " + term + " are single numbers, not maps or profiles:");
            h.raw("<table>\n");
            h.row(true, "Component", "Value");
            for (int c = 0; c < k; c++) {
                h.row(false, c, MapRenderer.tickLabel(lr[c][0]));
            }
            h.raw("</table>\n");
        } else if (nav.size() == 1) {
            Axis x = nav.get(0);
            BufferedImage img = Charts.grid(title + " profiles", x, lr, names, yLabel, CHART_WIDTH, columns(k), columns(k) == 1 ? 420 : 260);
            String n = ctx.png(stem, img);
            h.figure(n, title + " profiles", "Line scan: " + plural + " as profiles along " + Charts.axisLabel(x) + ", " + x.size() + " positions.",
                    img.getWidth());
        } else if (nav.size() == 2) {
            List<MapPanel> ps = new ArrayList<>();
            for (int c = 0; c < k; c++) {
                ps.add(new MapPanel(names.get(c), lr[c], nav.get(0), nav.get(1)));
            }
            MapRenderer.Rendered rd = MapRenderer.renderContinuous(title + " maps", ps, MAP_SIZE, 3);
            String n = ctx.png(stem, rd.image());
            StringBuilder cap = new StringBuilder(title + " maps (" + nav.get(0).name() + " " + nav.get(0).size() + " × " + nav.get(1).name() + " "
                    + nav.get(1).size() + " positions), viridis colour scale; each colour bar spans that map's minimum to maximum");
            MapRenderer.PanelGeometry g0 = rd.panels().get(0);
            if (g0.scaleBarLabel() != null) {
                cap.append("; scale bar ").append(g0.scaleBarLabel());
            } else {
                cap.append("; navigation axes carry no length units, so there is no scale bar");
            }
            h.figure(n, title + " maps", cap.append('.').toString(), rd.image().getWidth());
        } else {
            h.el("p", title + " have a " + nav.size() + "-D navigation space and are not plotted.");
        }
    }

    private static void projectionSection(Html h, AnalysisReport r, Ctx ctx) throws IOException {
        if (r.projections().isEmpty()) {
            return;
        }
        h.raw("<section id=\"projection\">\n<h2>Projections</h2>\n");
        for (ProjectionSection p : r.projections()) {
            Dataset c = p.coordinates();
            int m = c.signalSize();
            int n = Math.toIntExact(c.navigationSize());
            String label = p.label();
            h.el("h3", label + ", " + m + (m == 1 ? " coordinate" : " coordinates") + " per position");
            double[][] z = new double[n][m];
            double[] maps = new double[m * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    z[i][j] = c.getDouble((long) i * m + j);
                    maps[j * n + i] = z[i][j];
                }
            }
            if (m >= 2) {
                BufferedImage img = Charts.embeddingScatter(label + " projection", z, p.labels(), p.k(), 20000, CHART_WIDTH, 640);
                String file = ctx.png(label + "_projection", img);
                h.figure(file, label + " projection scatter", "The first two " + label + " coordinates, one point per position (at most 20 000 shown), "
                        + "coloured by cluster.", CHART_WIDTH);
            }
            List<Axis> ax = new ArrayList<>();
            ax.add(Axis.uncalibrated("coordinate", m, true));
            for (Axis a : c.navigationAxes()) {
                ax.add(a.withNavigate(false));
            }
            mapsFigure(h, ctx, label + "_coordinates", label + " coordinate", label + " coordinates", "coordinates", Dataset.ofDoubles(maps, ax, null),
                    names(label + " coordinate", m),
                    "Coordinate");
        }
        h.raw("</section>\n");
    }

    private static void clusteringSection(Html h, AnalysisReport r, Ctx ctx) throws IOException {
        h.raw("<section id=\"clustering\">\n<h2>Clustering</h2>\n");
        if (r.clusterings().isEmpty()) {
            h.el("p", "No clustering was run.");
        }
        for (ClusteringSection sec : r.clusterings()) {
            ClusterResult cr = sec.result();
            int k = cr.k();
            int[] sizes = cr.sizes();
            int noise = cr.noiseCount();
            String label = sec.label();
            h.el("h3", label + (sec.algorithmId().isEmpty() ? "" : " (" + sec.algorithmId() + ")") + ", " + k + " clusters"
                    + (noise > 0 ? ", " + noise + " noise positions" : ""));
            List<Axis> nav = sec.navigationAxes();
            int[] labels = cr.labels();
            if (sec.numberOfClusters() != null) {
                ClusterNumberCurve nc = sec.numberOfClusters();
                BufferedImage img = Charts.criterionCurve(label + " number of clusters (" + nc.metric() + ")", criterionName(nc.metric()), nc.k(),
                        nc.values(), nc.errors(), nc.best(), CHART_WIDTH, 360);
                String n = ctx.png(label + "_number_of_clusters", img);
                h.figure(n, label + " number of clusters", "Estimate of the number of clusters by the " + nc.metric() + " criterion, as HyperSpy's "
                        + "estimate_number_of_clusters; k = " + nc.best() + " chosen.", CHART_WIDTH);
            }
            if (cr.dendrogram() != null && cr.dendrogram().merges() > 1) {
                // the last merges of the tree: the height at which the data join into k clusters, k = 1..30
                var dg = cr.dendrogram();
                int m = Math.min(30, dg.merges());
                int[] ks = new int[m];
                double[] hs = new double[m];
                int n0 = dg.merges() + 1; // clusters before the first merge (samples, or fewer under a connectivity that leaves parts unmerged)
                for (int i = 0; i < m; i++) {
                    int merge = dg.merges() - 1 - i;
                    ks[i] = n0 - merge - 1;
                    hs[i] = dg.heights()[merge];
                }
                BufferedImage img = Charts.criterionCurve(label + " dendrogram: merge height against number of clusters", "Merge height", ks, hs, null, k,
                        CHART_WIDTH, 360);
                String n = ctx.png(label + "_dendrogram", img);
                h.figure(n, label + " dendrogram merge heights", "Height of the merge that leaves k clusters (the last " + m + " merges of the "
                        + "agglomerative tree, SciPy's linkage heights); a long jump before k suggests k clusters; k = " + k + " was cut.", CHART_WIDTH);
            }
            if (nav.isEmpty() || labels.length == 1) {
                h.el("p", "The data have a single navigation position; it belongs to cluster " + labels[0] + ", so there is no cluster map.");
            } else if (nav.size() == 1) {
                BufferedImage img = Charts.labelProfile(label + " cluster labels along the line scan", nav.get(0), labels, k, CHART_WIDTH, 360);
                String n = ctx.png(label + "_clusters", img);
                h.figure(n, label + " cluster label profile", "Line scan: cluster label of each position along " + Charts.axisLabel(nav.get(0))
                        + ", in the cluster colours used below" + (noise > 0 ? "; noise positions are not drawn." : "."), CHART_WIDTH);
            } else if (nav.size() == 2) {
                MapRenderer.Rendered rd = MapRenderer.renderCategorical(label + " cluster map", label + ", k = " + k, labels, k, nav.get(0), nav.get(1),
                        CLUSTER_MAP_SIZE);
                String n = ctx.png(label + "_clusters", rd.image());
                MapRenderer.PanelGeometry g0 = rd.panels().get(0);
                h.figure(n, label + " cluster map", "Cluster of each navigation position (" + nav.get(0).name() + " × " + nav.get(1).name() + ")"
                        + (noise > 0 ? "; noise (no cluster) in grey" : "")
                        + (g0.scaleBarLabel() == null ? "; no length calibration, so no scale bar." : "; scale bar " + g0.scaleBarLabel() + "."),
                        rd.image().getWidth());
                if (cr.probabilities() != null) {
                    List<MapRenderer.MapPanel> ps = new ArrayList<>();
                    for (int c = 0; c < k; c++) {
                        double[] v = new double[labels.length];
                        for (int p = 0; p < v.length; p++) {
                            v[p] = cr.probabilities()[p][c];
                        }
                        ps.add(new MapRenderer.MapPanel("Cluster " + c, v, nav.get(0), nav.get(1)));
                    }
                    MapRenderer.Rendered pr = MapRenderer.renderContinuous(label + " membership probabilities", ps, MAP_SIZE, 3);
                    String pn = ctx.png(label + "_probabilities", pr.image());
                    h.figure(pn, label + " membership probability maps", "Probability of each position belonging to each cluster"
                            + " (posterior responsibility of a Gaussian mixture; HDBSCAN's membership strength).", pr.image().getWidth());
                }
                if (cr.outlierScores() != null) {
                    MapRenderer.Rendered or = MapRenderer.renderContinuous(label + " outlier scores", List.of(new MapRenderer.MapPanel("GLOSH",
                            cr.outlierScores(), nav.get(0), nav.get(1))), CLUSTER_MAP_SIZE, 1);
                    String on = ctx.png(label + "_outliers", or.image());
                    h.figure(on, label + " outlier-score map", "GLOSH outlier score of each position (Campello et al. 2015, doi:10.1145/2733381): "
                            + "0 typical of its cluster, towards 1 an outlier.", or.image().getWidth());
                }
            } else {
                h.el("p", "The navigation space is " + nav.size() + "-D; the cluster map is not plotted.");
            }
            if (sec.embedding() != null) {
                BufferedImage img = Charts.embeddingScatter(label + " embedding", sec.embedding(), labels, k, 20000, CHART_WIDTH, 640);
                String n = ctx.png(label + "_embedding", img);
                h.figure(n, label + " embedding scatter", "The 2-D embedding the clustering ran on, one point per position (at most 20 000 shown), "
                        + "coloured by cluster" + (noise > 0 ? ", noise in grey." : "."), CHART_WIDTH);
            }
            List<String> names = new ArrayList<>();
            for (int c = 0; c < k; c++) {
                names.add("Cluster " + c + " (" + sizes[c] + ")");
            }
            BufferedImage means = r.markers().isEmpty()
                    ? Charts.overlay(label + " cluster-mean spectra", sec.energyAxis(), sec.meanSpectra(), names, "Mean intensity", CHART_WIDTH, CHART_HEIGHT)
                    : Charts.overlayWithMarkers(label + " cluster-mean spectra", sec.energyAxis(), sec.meanSpectra(), names, "Mean intensity", r.markers(), CHART_WIDTH,
                            CHART_HEIGHT);
            String n = ctx.png(label + "_cluster_means", means);
            h.figure(n, label + " cluster-mean spectra", "Mean spectrum of each cluster against " + Charts.axisLabel(sec.energyAxis())
                    + (r.markers().isEmpty() ? "" : "; dashed lines: " + r.markerSource())
                    + (nav.size() == 2 ? ", same colours as the cluster map" : nav.size() == 1 ? ", same colours as the label profile" : "")
                    + "; the legend gives the number of positions per cluster" + (noise > 0 ? "; noise positions are left out." : "."), CHART_WIDTH);
            if (sec.stdSpectra() != null && java.util.Arrays.stream(sizes).max().orElse(0) > 1) { // a spread needs two members
                BufferedImage sd = Charts.overlay(label + " cluster standard-deviation spectra", sec.energyAxis(), sec.stdSpectra(), names,
                        "Standard deviation", CHART_WIDTH, CHART_HEIGHT);
                String sn = ctx.png(label + "_cluster_std", sd);
                h.figure(sn, label + " cluster standard-deviation spectra", "Standard deviation of the spectra within each cluster against "
                        + Charts.axisLabel(sec.energyAxis()) + ", same colours; for count data it is at least the Poisson noise √mean.", CHART_WIDTH);
            }
            h.raw("<table>\n");
            h.row(true, "Cluster", "Positions", "Fraction");
            for (int c = 0; c < k; c++) {
                h.row(false, c, sizes[c], String.format(Locale.ROOT, "%.1f %%", 100.0 * sizes[c] / labels.length));
            }
            if (noise > 0) {
                h.row(false, "noise", noise, String.format(Locale.ROOT, "%.1f %%", 100.0 * noise / labels.length));
            }
            h.raw("</table>\n");
            if (!Double.isNaN(cr.distortion())) {
                h.el("p", "Distortion (sum of squared distances to the cluster centres): " + MapRenderer.tickLabel(cr.distortion()));
            }
            if (!cr.criteria().isEmpty()) {
                StringBuilder sb = new StringBuilder("Criteria: ");
                new java.util.TreeMap<>(cr.criteria()).forEach((key, v) -> sb.append(key).append(" = ").append(MapRenderer.tickLabel(v)).append("; "));
                h.el("p", sb.substring(0, sb.length() - 2) + ".");
            }
        }
        h.raw("</section>\n");
    }

    private static String criterionName(String metric) {
        return switch (metric) {
            case "gap" -> "Gap statistic";
            case "silhouette" -> "Mean silhouette";
            default -> "ln(within-cluster sum of squares)";
        };
    }

    private static String duration(Duration d) {
        double s = d.toNanos() / 1e9;
        return s < 1 ? String.format(Locale.ROOT, "%.0f ms", s * 1000) : s < 120 ? String.format(Locale.ROOT, "%.2f s", s)
                : String.format(Locale.ROOT, "%d min %02d s", d.toMinutes(), d.toSecondsPart());
    }

    private static void parametersSection(Html h, AnalysisReport r) {
        h.raw("<section id=\"parameters\">\n<h2>Parameters &amp; references</h2>\n");
        if (r.parameters().isEmpty()) {
            h.el("p", "No parameters were recorded.");
        } else {
            h.raw("<table>\n");
            h.row(true, "Step", "Parameter", "Value");
            for (Map.Entry<String, Map<String, Object>> e : r.parameters().entrySet()) {
                for (Map.Entry<String, Object> p : e.getValue().entrySet()) {
                    h.row(false, e.getKey(), p.getKey(), p.getValue() == null ? "auto" : p.getValue());
                }
            }
            h.raw("</table>\n");
        }
        if (!r.timings().isEmpty()) {
            h.el("h3", "Timing");
            h.raw("<table>\n");
            h.row(true, "Step", "Wall-clock time");
            Duration total = Duration.ZERO;
            for (Map.Entry<String, Duration> e : r.timings().entrySet()) {
                h.row(false, e.getKey(), duration(e.getValue()));
                total = total.plus(e.getValue());
            }
            if (r.timings().size() > 1) {
                h.row(false, "Total", duration(total));
            }
            h.raw("</table>\n");
        }
        h.el("h3", "References");
        if (r.references().isEmpty()) {
            h.el("p", "No literature references were recorded.");
        } else {
            h.raw("<ul>\n");
            for (Map.Entry<String, List<LiteratureReference>> e : r.references().entrySet()) {
                for (LiteratureReference ref : e.getValue()) {
                    h.raw("<li><b>").raw(Html.esc(e.getKey())).raw(":</b> ").raw(Html.esc(ref.citation()));
                    if (!ref.doi().isEmpty()) {
                        String url = "https://doi.org/" + ref.doi();
                        h.raw(" <a href=\"").raw(Html.esc(url)).raw("\">doi:").raw(Html.esc(ref.doi())).raw("</a>");
                    }
                    h.raw("</li>\n");
                }
            }
            h.raw("</ul>\n");
        }
        h.raw("</section>\n");
    }

    private static void notesSection(Html h, AnalysisReport r) {
        h.raw("<section id=\"notes\">\n<h2>Notes</h2>\n");
        if (r.warnings().isEmpty() && r.notes().isEmpty()) {
            h.el("p", "None.");
        }
        for (String w : r.warnings()) {
            h.raw("<p class=\"warn\"><b>Warning:</b> ").raw(Html.esc(w)).raw("</p>\n");
        }
        for (String n : r.notes()) {
            h.raw("<p class=\"note\">").raw(Html.esc(n)).raw("</p>\n");
        }
        h.raw("</section>\n");
    }
}
