package tessera.pipeline.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tessera.core.analysis.Parameters;
import tessera.core.model.Dataset;
import tessera.core.model.ImageStack;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.StepContext;
import tessera.pipeline.WrittenFile;
import tessera.report.Plots;

/**
 * {@code tessera.pipeline.track-report}: the outputs of {@code tessera track}: {@code drift.npy}, {@code tracks.npy},
 * {@code labels.npy} (class trajectories for {@code tessera dynamics}), {@code intensities.npy}, {@value #CSV} (drift per frame in px and in the
 * image's units), {@value #OVERLAY} (frame 0 with the sites, blue when seen in every frame, orange when lost in some)
 * and {@value #REPORT}.
 */
public final class TrackReportStep extends TitledReportStep {
    /** step id */
    public static final String ID = "tessera.pipeline.track-report";
    /** the report file */
    public static final String REPORT = REPORT_FILE;
    /** the drift table */
    public static final String CSV = "drift.csv";
    /** the overlay */
    public static final String OVERLAY = "tracks.png";

    /** Public no-argument constructor for the step catalogue. */
    public TrackReportStep() {
        super("the series file's name, for the report title");
    }

    @Override
    public List<Port> inputs() {
        return List.of(Port.of("series", PortType.DATASET, "the image series"), Port.of("drift", PortType.DATASET, "drift [frames, 2]"),
                Port.of("tracks", PortType.DATASET, "tracks [sites, frames, 2]"), Port.of("labels", PortType.DATASET, "labels [sites, frames]"),
                Port.optional("intensities", PortType.DATASET, "column intensity [sites, frames]"));
    }

    @Override
    public Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters parameters) throws IOException {
        Path st = context.outputDirectory();
        Dataset series = (Dataset) inputs.get("series"), drift = (Dataset) inputs.get("drift"), tracks = (Dataset) inputs.get("tracks"), labels = (Dataset) inputs.get("labels");
        var npy = context.registry().formats().writerFor(st.resolve("x.npy"));
        npy.write(drift, st.resolve("drift.npy"));
        npy.write(tracks, st.resolve("tracks.npy"));
        npy.write(labels, st.resolve("labels.npy"));
        if (inputs.get("intensities") instanceof Dataset in) {
            npy.write(in, st.resolve("intensities.npy"));
        }
        int nf = drift.shape()[0], ns = tracks.shape()[0];
        double px = drift.metadata().number("Signal.pixel_size").orElse(1);
        Object units = drift.metadata().get("Signal.pixel_units");
        String u = units == null || String.valueOf(units).isBlank() ? "px" : String.valueOf(units);
        StringBuilder csv = new StringBuilder("frame,dy_px,dx_px,dy_" + ("px".equals(u) ? "px" : u) + ",dx_" + ("px".equals(u) ? "px" : u) + ",sites_seen\n");
        int[] seen = new int[nf];
        for (int s = 0; s < ns; s++) {
            for (int f = 0; f < nf; f++) {
                seen[f] += labels.getDouble((long) s * nf + f) >= 0 ? 1 : 0;
            }
        }
        StringBuilder rows = new StringBuilder();
        for (int f = 0; f < nf; f++) {
            double dy = drift.getDouble(2L * f), dx = drift.getDouble(2L * f + 1);
            csv.append(String.format(Locale.ROOT, "%d,%.4f,%.4f,%.6g,%.6g,%d%n", f, dy, dx, dy * px, dx * px, seen[f]));
            rows.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%.2f</td><td>%.2f</td><td>%.4g</td><td>%.4g</td><td>%d</td></tr>%n", f, dy, dx, dy * px, dx * px, seen[f]));
        }
        Files.writeString(st.resolve(CSV), csv, StandardCharsets.UTF_8);
        double[] ys = new double[ns], xs = new double[ns];
        int[] cls = new int[ns];
        for (int s = 0; s < ns; s++) {
            ys[s] = tracks.getDouble(((long) s * nf) * 2);
            xs[s] = tracks.getDouble(((long) s * nf) * 2 + 1);
            for (int f = 0; f < nf; f++) {
                cls[s] |= labels.getDouble((long) s * nf + f) < 0 ? 1 : 0;
            }
        }
        ImageStack stack = new ImageStack(series);
        Dataset frame0 = Dataset.ofFloats(stack.frame(0), List.of(stack.yAxis(), stack.xAxis()), series.metadata().copy());
        double through = drift.metadata().number("Signal.tracked_throughout").orElse(Double.NaN);
        Plots.writeAtomOverlay(frame0, ys, xs, cls, 4, String.format(Locale.ROOT, "%d sites, %.1f %% of those in view tracked", ns, 100 * through), st.resolve(OVERLAY));
        String h = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Tessera tracks</title><style>body{font-family:sans-serif;margin:2em}td,th{padding:2px 10px;text-align:right}</style></head><body>\n"
                + "<h1>Columns through the series: " + MapReportStep.esc(parameters.getString("file")) + "</h1>\n"
                + String.format(Locale.ROOT, "<p>%d frames; %d sites (the columns of frame 0), %.0f of them in view in every frame, %.1f %% of these seen in every frame "
                        + "(tolerance %.3g px after drift correction).</p>%n", nf, ns, drift.metadata().number("Signal.sites_in_view").orElse(Double.NaN), 100 * through,
                        drift.metadata().number("Signal.tolerance_px").orElse(Double.NaN))
                + (drift.metadata().get("Signal.tracked_throughout_by_sublattice") instanceof List<?> by && by.size() > 1
                        ? "<p>Seen in every frame, by sublattice of frame 0: " + String.join(", ", java.util.stream.IntStream.range(0, by.size())
                                .mapToObj(q -> q + ": " + String.format(Locale.ROOT, "%.1f %%", 100 * ((Number) by.get(q)).doubleValue())).toList()) + ".</p>\n" : "")
                + "<h2>Drift</h2><p>Where frame 0's content is in each frame, by phase correlation with frame 0 (Guizar-Sicairos et al. 2008).</p>"
                + "<table><tr><th>frame</th><th>dy (px)</th><th>dx (px)</th><th>dy (" + MapReportStep.esc(u) + ")</th><th>dx (" + MapReportStep.esc(u) + ")</th><th>sites seen</th></tr>\n"
                + rows + "</table>\n<img src=\"" + OVERLAY + "\" alt=\"sites over frame 0\" style=\"max-width:900px\">\n"
                + "<p>Class trajectories for <code>tessera dynamics labels.npy</code>: <code>labels.npy</code> [sites, frames], −1 where a site is not seen.</p>\n</body></html>\n";
        Files.writeString(st.resolve(REPORT), h, StandardCharsets.UTF_8);
        return Map.of("report", new WrittenFile(st.resolve(REPORT), Map.of()));
    }
}
