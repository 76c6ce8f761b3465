package tessera.pipeline.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tessera.core.analysis.AtomResult;
import tessera.core.analysis.Parameters;
import tessera.core.io.DatasetWriter;
import tessera.core.model.Dataset;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.StepContext;
import tessera.pipeline.WrittenFile;
import tessera.report.Plots;

/**
 * {@code tessera.pipeline.atoms-report}: the outputs of {@code tessera atoms}: every finder output as
 * {@code <name>.npy}, {@value #CSV} (one row per column: sublattice, position in px and in the image's length unit,
 * its standard deviation, intensity, Gaussian width, rotation and amplitude), {@value #OVERLAY} (the image with the
 * columns circled, coloured by sublattice) and {@value #REPORT} (counts per sublattice, projected lattice vectors in
 * px and nm with their angle and 2-D Bravais type).
 */
public final class AtomsReportStep extends TitledReportStep {
    /** step id */
    public static final String ID = "tessera.pipeline.atoms-report";
    /** the report file */
    public static final String REPORT = REPORT_FILE;
    /** the per-column table */
    public static final String CSV = "atoms.csv";
    /** the overlay image */
    public static final String OVERLAY = "atoms.png";

    /** Public no-argument constructor for the step catalogue. */
    public AtomsReportStep() {
        super("the image file's name, for the report title");
    }

    @Override
    public List<Port> inputs() {
        List<Port> p = new java.util.ArrayList<>();
        p.add(Port.of("image", PortType.DATASET, "the image the columns were found in"));
        AtomResult.ALWAYS.forEach(n -> p.add(Port.of(n, PortType.DATASET, n)));
        AtomResult.WHEN_ASKED.forEach(n -> p.add(Port.optional(n, PortType.DATASET, n)));
        return p;
    }

    @Override
    public Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters parameters) throws IOException {
        Path st = context.outputDirectory();
        Map<String, Dataset> d = NamedOutputs.write(context, inputs, AtomResult.ALWAYS, AtomResult.WHEN_ASKED);
        Dataset image = (Dataset) inputs.get("image");
        double[] pos = d.get(AtomResult.POSITIONS).toDoubleArray(), std = d.get(AtomResult.POSITION_STD).toDoubleArray();
        double[] sub = d.get(AtomResult.SUBLATTICE).toDoubleArray(), in = d.get(AtomResult.INTENSITY).toDoubleArray();
        Dataset gd = d.get(AtomResult.GAUSSIAN);
        double[] g = gd == null ? null : gd.toDoubleArray();
        Map<String, Object> md = d.get(AtomResult.POSITIONS).metadata().tree();
        double px = num(tessera.core.model.Metadata.get(md, "Signal.pixel_size"));
        String units = String.valueOf(tessera.core.model.Metadata.get(md, "Signal.pixel_units"));
        int n = sub.length;
        double[] ys = new double[n], xs = new double[n];
        int[] cls = new int[n];
        StringBuilder csv = new StringBuilder("column,sublattice,y_px,x_px,y_std_px,x_std_px,y_" + unitName(units) + ",x_" + unitName(units)
                + ",intensity,amplitude,sigma_a_px,sigma_b_px,rotation_rad\n");
        for (int i = 0; i < n; i++) {
            ys[i] = pos[2 * i];
            xs[i] = pos[2 * i + 1];
            cls[i] = (int) sub[i];
            csv.append(String.format(Locale.ROOT, "%d,%d,%.6f,%.6f,%s,%s,%.6g,%.6g,%.6g,%s,%s,%s,%s%n", i, cls[i], ys[i], xs[i], fmt(std[2 * i]), fmt(std[2 * i + 1]),
                    ys[i] * px, xs[i] * px, in[i], g == null ? "" : fmt(g[6 * i]), g == null ? "" : fmt(g[6 * i + 1]), g == null ? "" : fmt(g[6 * i + 2]),
                    g == null ? "" : fmt(g[6 * i + 3])));
        }
        Files.writeString(st.resolve(CSV), csv, StandardCharsets.UTF_8);
        double radius = num(tessera.core.model.Metadata.get(md, "Signal.refinement_radius_px"));
        Plots.writeAtomOverlay(image, ys, xs, cls, Double.isNaN(radius) ? 3 : radius, n + " columns", st.resolve(OVERLAY));
        Files.writeString(st.resolve(REPORT), html(parameters.getString("file"), d, cls, px, units), StandardCharsets.UTF_8);
        return Map.of("report", new WrittenFile(st.resolve(REPORT), Map.of()));
    }

    /** the finder settings recorded in the outputs' metadata, those present, in words */
    private static String settings(Map<String, Object> md) {
        String[][] known = { {"Signal.spacing_px", "column spacing from the autocorrelation %.3g px"}, {"Signal.separation_px", "separation %.3g px"},
                {"Signal.smoothing_px", "smoothing σ %.3g px"}, {"Signal.probability_threshold", "atom-probability threshold %.2f"},
                {"Signal.refinement_radius_px", "refinement disc radius %.3g px"}};
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (String[] k : known) {
            Object v = tessera.core.model.Metadata.get(md, k[0]);
            if (v instanceof Number x) {
                parts.add(String.format(Locale.ROOT, k[1], x.doubleValue()));
            }
        }
        Object model = tessera.core.model.Metadata.get(md, "Signal.model");
        if (model != null) {
            parts.add("network " + model);
        }
        return String.join(", ", parts);
    }

    private static String html(String file, Map<String, Dataset> d, int[] cls, double px, String units) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Tessera atoms</title>"
                + "<style>body{font-family:sans-serif;margin:2em}td,th{padding:2px 10px;text-align:right}</style></head><body>\n");
        h.append("<h1>Atomic columns: ").append(MapReportStep.esc(file)).append("</h1>\n");
        Map<String, Object> md = d.get(AtomResult.POSITIONS).metadata().tree();
        h.append(String.format(Locale.ROOT, "<p>%d columns. Pixel size %s %s; %s.</p>%n", cls.length, fmt(px), MapReportStep.esc(units), MapReportStep.esc(settings(md))));
        h.append("<img src=\"" + OVERLAY + "\" alt=\"columns over the image\" style=\"max-width:900px\">\n");
        Dataset lv = d.get(AtomResult.LATTICE_VECTORS);
        h.append("<h2>Sublattices and projected lattice vectors</h2><table><tr><th>sublattice</th><th>columns</th><th>|a| (px)</th><th>|b| (px)</th>"
                + "<th>|a| (" + MapReportStep.esc(units) + ")</th><th>|b| (" + MapReportStep.esc(units) + ")</th><th>angle (°)</th><th>2-D lattice</th></tr>\n");
        int ns = lv == null ? 1 : lv.shape()[0];
        double[] v = lv == null ? null : lv.toDoubleArray();
        for (int s = 0; s < ns; s++) {
            final int fs = s;
            long count = java.util.Arrays.stream(cls).filter(c -> c == fs).count();
            h.append("<tr><td>").append(s).append("</td><td>").append(count).append("</td>");
            if (v != null && !Double.isNaN(v[4 * s])) {
                double[] a = {v[4 * s], v[4 * s + 1]}, b = {v[4 * s + 2], v[4 * s + 3]};
                double la = Math.hypot(a[0], a[1]), lb = Math.hypot(b[0], b[1]);
                double ang = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, (a[0] * b[0] + a[1] * b[1]) / (la * lb)))));
                h.append(String.format(Locale.ROOT, "<td>%.3f</td><td>%.3f</td><td>%.5g</td><td>%.5g</td><td>%.2f</td><td>%s</td>", la, lb, la * px, lb * px, ang,
                        tessera.lattice.LatticeGeometry.bravais(a, b, 0.02, 2)));
            } else {
                h.append("<td colspan=\"6\">no lattice found</td>");
            }
            h.append("</tr>\n");
        }
        return h.append("</table>\n<p>Positions, uncertainties and fits per column: <a href=\"" + CSV + "\">" + CSV + "</a>.</p>\n</body></html>\n").toString();
    }

    private static String unitName(String units) {
        return "nm".equals(units) ? "nm" : "scaled";
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    private static double num(Object o) {
        return o instanceof Number x ? x.doubleValue() : Double.NaN;
    }
}
