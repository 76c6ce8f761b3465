package tessera.report.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.DecompositionResult;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.SignalType;
import tessera.report.AnalysisReport;
import tessera.report.ClusteringSection;
import tessera.report.DatasetSummary;
import tessera.report.ReportWriter;
import tessera.report.Scree;
import tessera.report.WrittenReport;

class ReportWriterTest {

    static BufferedImage png(Path p) throws IOException {
        BufferedImage img = ImageIO.read(p.toFile());
        assertTrue(img != null, "readable PNG " + p);
        return img;
    }

    @Test
    void mapScanReportHasAllSectionsImagesAndUnits(@TempDir Path dir) throws IOException {
        AnalysisReport r = Fixtures.report("SI <map> & co.dm4", Fixtures.EELS_E, List.of(Fixtures.Y, Fixtures.X), SignalType.EELS);
        WrittenReport w = ReportWriter.write(r, dir);
        assertEquals(dir.resolve("report.html"), w.html());
        List<String> names = w.images().stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of("scree.png", "pca_factors.png", "pca_loadings.png", "nmf_factors.png", "nmf_loadings.png", "k-means_clusters.png",
                "k-means_cluster_means.png", "k-means_cluster_std.png"), names);
        for (Path p : w.images()) {
            assertTrue(Files.size(p) > 2000, p + " is a real image");
        }
        BufferedImage scree = png(dir.resolve("scree.png"));
        assertEquals(900, scree.getWidth());
        assertEquals(500, scree.getHeight());
        BufferedImage means = png(dir.resolve("k-means_cluster_means.png"));
        assertEquals(900, means.getWidth());
        assertEquals(500, means.getHeight());
        // 3 loading maps in one row: 3 cells of 230 + 10 + 16 + 66 + 16 plus margins; 153 px high images
        BufferedImage maps = png(dir.resolve("pca_loadings.png"));
        assertEquals(2 * 16 + 3 * (230 + 10 + 16 + 66 + 16), maps.getWidth());
        assertEquals(34 + 22 + 153 + 20 + 12 + 16, maps.getHeight());
        // factor grid: 2 columns x 2 rows of 260 px
        BufferedImage factors = png(dir.resolve("pca_factors.png"));
        assertEquals(900, factors.getWidth());
        assertEquals(36 + 2 * 260 + 8, factors.getHeight());

        String html = Files.readString(w.html(), StandardCharsets.UTF_8);
        for (String id : List.of("dataset", "scree", "decomposition", "clustering", "parameters", "notes")) {
            assertTrue(html.contains("<section id=\"" + id + "\">"), id);
        }
        for (String n : names) {
            assertTrue(html.contains("<img src=\"" + n + "\""), n);
        }
        assertTrue(html.contains("<style>"));
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("<link "), "self-contained: no external stylesheet");
        // calibrated axes and units
        assertTrue(html.contains("against Energy loss (eV), 400 … 599 eV"));
        assertTrue(html.contains("PCA loading maps (y 40 × x 60 positions)"));
        assertTrue(html.contains("scale bar 5 nm"));
        assertTrue(html.contains("<td>Shape (array order, navigation first)</td><td>(40, 60, 200)</td>"));
        assertTrue(html.contains("<td>Beam energy</td><td>200 kV</td>"));
        assertTrue(html.contains("<td>Convergence semi-angle</td><td>21.5 mrad</td>"));
        assertTrue(html.contains("<td>Signal type</td><td>EELS</td>"));
        assertTrue(html.contains("<td>x</td><td>navigation</td><td>60</td><td>0.5</td><td>0</td><td>nm</td>"));
        // scree: 3 kept, explaining (10 + 3 + 1) / total
        double total = 0;
        for (double v : Fixtures.variances()) {
            total += v;
        }
        assertTrue(html.contains(String.format(java.util.Locale.ROOT, "N = 3, which together explain %.2f %%", 1400 / total)));
        // parameters, references, timing, notes; all text escaped
        assertTrue(html.contains("<td>k-means</td><td>clusters</td><td>3</td>"));
        assertTrue(html.contains("<td>PCA</td><td>components</td><td>3</td>"));
        assertTrue(html.contains("<td>PCA</td><td>normalization</td><td>auto</td>"));
        assertTrue(html.contains("href=\"https://doi.org/10.1038/44565\""));
        assertTrue(html.contains("<td>NMF</td><td>3.15 s</td>"));
        assertTrue(html.contains("<td>Total</td><td>3.57 s</td>"));
        assertTrue(html.contains("SI &lt;map&gt; &amp; co.dm4"));
        assertFalse(html.contains("SI <map>"));
        assertTrue(html.contains("Synthetic &lt;test&gt; data &amp; known answer"));
        assertTrue(html.contains("<b>Warning:</b> 3 spectra had negative counts"));
        // cluster sizes
        int[] sizes = Fixtures.argmaxClusters(Fixtures.decomposition("x", Fixtures.EELS_E, List.of(Fixtures.Y, Fixtures.X), null)).sizes();
        assertTrue(html.contains("<td>1</td><td>" + sizes[1] + "</td>"));
    }

    @Test
    void lineScanGivesProfilesNotMaps(@TempDir Path dir) throws IOException {
        AnalysisReport r = Fixtures.report("line.emd", Fixtures.EDS_E, List.of(Fixtures.LINE), SignalType.EDS_TEM);
        WrittenReport w = ReportWriter.write(r, dir);
        String html = Files.readString(w.html(), StandardCharsets.UTF_8);
        assertTrue(html.contains("Line scan: PCA loadings as profiles along x (nm), 80 positions."));
        assertTrue(html.contains("Line scan: cluster label of each position along x (nm)"));
        assertFalse(html.contains("loading maps"));
        assertFalse(html.contains("cluster map"));
        assertTrue(html.contains("against Energy (keV), 0.1 … 6.08 keV"));
        assertTrue(html.contains("<td>Navigation</td><td>line scan (1-D), 80 positions</td>"));
        // a profile grid is a 900 px wide chart figure (3 charts, 2 columns), not a map grid
        BufferedImage prof = png(dir.resolve("pca_loadings.png"));
        assertEquals(900, prof.getWidth());
        assertEquals(36 + 2 * 260 + 8, prof.getHeight());
        BufferedImage labels = png(dir.resolve("k-means_clusters.png"));
        assertEquals(900, labels.getWidth());
        assertEquals(360, labels.getHeight());
        // a line chart has no viridis top colour anywhere (a map of the bump maximum would)
        assertFalse(containsColour(prof, 0xfde725));
        assertTrue(nearColour(prof, 0x1f77b4, 24) > 100, "component 0 drawn in tab10 blue");
    }

    /** @return number of pixels within {@code tol} (per channel) of {@code rgb} */
    static int nearColour(BufferedImage img, int rgb, int tol) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                if (Math.abs((p >> 16 & 255) - (rgb >> 16 & 255)) <= tol && Math.abs((p >> 8 & 255) - (rgb >> 8 & 255)) <= tol
                        && Math.abs((p & 255) - (rgb & 255)) <= tol) {
                    n++;
                }
            }
        }
        return n;
    }

    static boolean containsColour(BufferedImage img, int rgb) {
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xffffff) == rgb) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void writtenLoadingMapShowsTheKnownMaximumInTheTopColour(@TempDir Path dir) throws IOException {
        AnalysisReport r = Fixtures.report("m.dm4", Fixtures.EELS_E, List.of(Fixtures.Y, Fixtures.X), SignalType.EELS);
        ReportWriter.write(r, dir);
        BufferedImage img = png(dir.resolve("pca_loadings.png"));
        // second panel (component 1): image at x = 16 + cell, y = 34 + 22, 230 x 153
        int cell = 230 + 10 + 16 + 66 + 16;
        java.awt.Rectangle rect = new java.awt.Rectangle(16 + cell, 34 + 22, 230, 153);
        assertEquals(0xfde725, MapRendererTest.pixel(img, rect, 40, 60, Fixtures.PEAK_Y, Fixtures.PEAK_X));
    }

    @Test
    void singlePositionIsStatedNotPlotted(@TempDir Path dir) throws IOException {
        DecompositionResult pca = Fixtures.decomposition("tessera.decompose.pca", Fixtures.EELS_E, List.of(), Fixtures.variances());
        Dataset data = Fixtures.data(pca, Fixtures.EELS_E, List.of(), SignalType.EELS);
        ClusterResult cr = new ClusterResult(new int[] {0}, new double[1][3], Double.NaN);
        AnalysisReport r = AnalysisReport.builder("spot.msa").dataset(DatasetSummary.of(data)).scree(Scree.of("PCA", pca, 2)).decomposition("PCA", pca)
                .clustering(ClusteringSection.of("k-means", "", cr, data)).build();
        WrittenReport w = ReportWriter.write(r, dir);
        String html = Files.readString(w.html(), StandardCharsets.UTF_8);
        assertTrue(html.contains("single navigation position, so the loadings are single numbers"));
        assertTrue(html.contains("single navigation position; it belongs to cluster 0"));
        assertTrue(html.contains("<td>Navigation</td><td>single spectrum (0-D)</td>"));
        assertEquals(List.of("scree.png", "pca_factors.png", "k-means_cluster_means.png"), w.images().stream().map(p -> p.getFileName().toString()).toList());
        assertTrue(html.contains("<td>2</td><td>0.75</td>"), "loading of component 2 = 0.75");
    }

    @Test
    void sectionsThatPickTheSameImageNameAreNumberedInReportOrder(@TempDir Path dir) throws IOException {
        // a decomposition labelled "K" with an auxiliary map "clusters" and a clustering labelled "K" both want K_clusters.png
        DecompositionResult pca = Fixtures.decomposition("tessera.decompose.pca", Fixtures.EELS_E, List.of(Fixtures.Y, Fixtures.X), Fixtures.variances());
        Dataset map = Dataset.ofDoubles(new double[Fixtures.Y.size() * Fixtures.X.size()],
                List.of(Fixtures.Y.withNavigate(false), Fixtures.X.withNavigate(false)), null);
        DecompositionResult withMap = new DecompositionResult(pca.algorithmId(), pca.factors(), pca.loadings(), null, pca.parameters(),
                Map.of("clusters", map));
        Dataset data = Fixtures.data(pca, Fixtures.EELS_E, List.of(Fixtures.Y, Fixtures.X), SignalType.EELS);
        AnalysisReport r = AnalysisReport.builder("m.dm4").dataset(DatasetSummary.of(data)).decomposition("K", withMap)
                .clustering(ClusteringSection.of("K", "tessera.cluster.kmeans", Fixtures.argmaxClusters(pca), data)).build();
        WrittenReport w = ReportWriter.write(r, dir);
        List<String> names = w.images().stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of("k_factors.png", "k_loadings.png", "k_clusters.png", "k_clusters-2.png", "k_cluster_means.png", "k_cluster_std.png"), names);
        String html = Files.readString(w.html(), StandardCharsets.UTF_8);
        assertTrue(html.indexOf("src=\"k_clusters.png\"") < html.indexOf("src=\"k_clusters-2.png\""), "decomposition figure first");
        for (String n : names) {
            assertTrue(Files.isRegularFile(dir.resolve(n)), n);
        }
    }

    @Test
    void failureLeavesNoReportHtml(@TempDir Path dir) throws IOException {
        // a stale report from an earlier run, and a directory where the scree PNG must go
        Files.writeString(dir.resolve("report.html"), "<html>old</html>");
        Files.createDirectories(dir.resolve("scree.png").resolve("blocker"));
        AnalysisReport r = Fixtures.report("m.dm4", Fixtures.EELS_E, List.of(Fixtures.Y, Fixtures.X), SignalType.EELS);
        assertThrows(IOException.class, () -> ReportWriter.write(r, dir));
        assertFalse(Files.exists(dir.resolve("report.html")));
        try (var s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @Test
    void clusterMeansAreExactAverages() {
        DecompositionResult pca = Fixtures.decomposition("p", Fixtures.EELS_E, List.of(Fixtures.LINE), null);
        Dataset data = Fixtures.data(pca, Fixtures.EELS_E, List.of(Fixtures.LINE), SignalType.EELS);
        int[] labels = new int[80];
        labels[3] = 1;
        labels[77] = 1;
        ClusteringSection c = ClusteringSection.of("k", "id", new ClusterResult(labels, new double[3][3], 0), data);
        double[][] m = c.meanSpectra();
        assertEquals(3, m.length);
        for (int j = 0; j < 200; j++) {
            double expect = (data.getDouble(3, j) + data.getDouble(77, j)) / 2;
            assertEquals(expect, m[1][j], 1e-6);
        }
        assertTrue(Double.isNaN(m[2][0]), "empty cluster is NaN");
        assertEquals(Fixtures.EELS_E, c.energyAxis());
        assertEquals(List.of(Fixtures.LINE), c.navigationAxes());
    }

    @Test
    void invalidInputsAreRejected() {
        DecompositionResult nmf = Fixtures.decomposition("tessera.decompose.nmf", Fixtures.EELS_E, List.of(Fixtures.LINE), null);
        assertThrows(IllegalArgumentException.class, () -> Scree.of("NMF", nmf, 2));
        assertThrows(IllegalArgumentException.class, () -> new Scree("PCA", new double[] {0.9, 0.1}, 3));
        assertThrows(IllegalArgumentException.class, () -> new Scree("PCA", new double[] {0.9, 0.1}, 0));
        assertThrows(IllegalArgumentException.class, () -> new ClusteringSection("k", "", new ClusterResult(new int[5], new double[1][1], 0),
                List.of(Fixtures.LINE), Fixtures.EELS_E, new double[1][200]));
        assertThrows(IllegalArgumentException.class, () -> AnalysisReport.builder("x").decomposition("A", nmf).decomposition("A", nmf));
        Axis e = Fixtures.EELS_E;
        assertArrayEquals(new int[] {200}, new DatasetSummary("", "float32", List.of(e), "EELS", Map.of()).shape());
    }
}
