package tessera.pipeline.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.Parameters;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.StepContext;
import tessera.pipeline.WrittenFile;
import tessera.report.Plots;

/**
 * {@code tessera.pipeline.windows-report}: the outputs of {@code tessera lattice --descriptor fft}: the decomposition of
 * the window grid — {@code loadings.npy} {@code [k, wy, wx]} and {@code loadings.png} (where each component is), the
 * factors as images {@code patterns.npy} {@code [k, h, w]} and {@code patterns.png} (each component's local diffraction
 * pattern) — and the class of each window, {@code classes.npy} {@code [wy, wx]} and {@code classes.png}, with
 * {@value #REPORT}.
 */
public final class WindowsReportStep extends TitledReportStep {
    /** step id */
    public static final String ID = "tessera.pipeline.windows-report";
    /** the report file */
    public static final String REPORT = REPORT_FILE;

    /** Public no-argument constructor for the step catalogue. */
    public WindowsReportStep() {
        super("the image file's name, for the report title");
    }

    @Override
    public List<Port> inputs() {
        return List.of(Port.of("features", PortType.DATASET, "the window grid [wy, wx, d]"), Port.of("decomposition", PortType.DECOMPOSITION, "its decomposition"),
                Port.of("clusters", PortType.CLUSTERING, "class per window"));
    }

    @Override
    public Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters parameters) throws IOException {
        Path st = context.outputDirectory();
        Dataset features = (Dataset) inputs.get("features");
        DecompositionResult dec = (DecompositionResult) inputs.get("decomposition");
        ClusterResult cl = (ClusterResult) inputs.get("clusters");
        Axis ay = features.axes().get(0), ax = features.axes().get(1);
        int gy = ay.size(), gx = ax.size();
        List<?> shape = features.metadata().get("Signal.window_shape") instanceof List<?> l ? l : List.of();
        int h = shape.size() == 2 ? ((Number) shape.get(0)).intValue() : 1, w = shape.size() == 2 ? ((Number) shape.get(1)).intValue() : features.shape()[2];
        int k = dec.factors().shape()[0];
        var npy = context.registry().formats().writerFor(st.resolve("x.npy"));
        Dataset loadings = dec.loadings().withAxes(List.of(Axis.uncalibrated("component", k, true), ay.withNavigate(false), ax.withNavigate(false)));
        Dataset patterns = dec.factors().withAxes(List.of(Axis.uncalibrated("component", k, true), Axis.uncalibrated("ky", h, false), Axis.uncalibrated("kx", w, false)));
        npy.write(loadings, st.resolve("loadings.npy"));
        npy.write(patterns, st.resolve("patterns.npy"));
        Plots.writePng(loadings, "loadings (" + dec.algorithmId() + ")", st.resolve("loadings.png"));
        Plots.writePng(patterns, "component patterns", st.resolve("patterns.png"));
        int[] lab = cl.labels();
        Dataset classes = Dataset.ofInts(lab, List.of(ay.withNavigate(false), ax.withNavigate(false)), new Metadata().title("class per window"));
        npy.write(classes, st.resolve("classes.npy"));
        Plots.writePng(Dataset.ofInts(lab, List.of(ay.withNavigate(false), ax.withNavigate(false)), new Metadata().title("class per window")), "class per window",
                st.resolve("classes.png"));
        int[] sizes = cl.sizes();
        StringBuilder sz = new StringBuilder();
        for (int c = 0; c < sizes.length; c++) {
            sz.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%d</td><td>%.1f %%</td></tr>%n", c, sizes[c], 100.0 * sizes[c] / lab.length));
        }
        String html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Tessera sliding-window descriptor</title><style>body{font-family:sans-serif;margin:2em}td,th{padding:2px 10px;text-align:right}</style></head><body>\n"
                + "<h1>Sliding-window descriptor: " + MapReportStep.esc(parameters.getString("file")) + "</h1>\n"
                + String.format(Locale.ROOT, "<p>%d × %d windows (%s), %d features each; %d components by %s; %d classes by k-means on the loadings.</p>%n", gy, gx,
                        MapReportStep.esc(features.metadata().title()), features.shape()[2], k, MapReportStep.esc(dec.algorithmId()), sizes.length)
                + "<h2>Loadings</h2><img src=\"loadings.png\" alt=\"loadings\">\n<h2>Component patterns (FFT, histogram or autocorrelation, as the features)</h2><img src=\"patterns.png\" alt=\"patterns\">\n"
                + "<h2>Classes</h2><img src=\"classes.png\" alt=\"classes\"><table><tr><th>class</th><th>windows</th><th>share</th></tr>\n" + sz + "</table>\n</body></html>\n";
        Files.writeString(st.resolve(REPORT), html, StandardCharsets.UTF_8);
        return Map.of("report", new WrittenFile(st.resolve(REPORT), Map.of()));
    }
}
