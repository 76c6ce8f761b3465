package tessera.pipeline.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.Parameters;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.lattice.LatticeGeometry;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.StepContext;
import tessera.pipeline.WrittenFile;
import tessera.report.Plots;

/**
 * {@code tessera.pipeline.lattice-report}: the outputs of {@code tessera lattice}: {@code classes.npy} (class per
 * column), {@code features.npy}, {@value #CSV} (per column: position, class, features), {@value #OVERLAY} (the columns
 * coloured by class over the image, the boundary between classes drawn as white dots at the midpoints of neighbouring
 * columns of different classes) and {@value #REPORT} (columns and mean features per class, boundary length).
 */
public final class LatticeReportStep extends TitledReportStep {
    /** step id */
    public static final String ID = "tessera.pipeline.lattice-report";
    /** the report file */
    public static final String REPORT = REPORT_FILE;
    /** the per-column table */
    public static final String CSV = "lattice.csv";
    /** the class overlay */
    public static final String OVERLAY = "classes.png";

    /** Public no-argument constructor for the step catalogue. */
    public LatticeReportStep() {
        super("the image file's name, for the report title");
    }

    @Override
    public List<Port> inputs() {
        return List.of(Port.of("image", PortType.DATASET, "the image"), Port.of("positions", PortType.DATASET, "column positions [n, 2]"),
                Port.of("features", PortType.DATASET, "descriptors [n, d]"), Port.of("clusters", PortType.CLUSTERING, "class per column"));
    }

    /**
     * The boundary between classes: the midpoints of the pairs of nearest neighbours (each column with its 3 nearest,
     * within 1.5 × the median nearest-neighbour distance) whose classes differ.
     *
     * @param ys  column rows (px)
     * @param xs  column columns (px)
     * @param cls class per column
     * @return boundary points {@code [2][m]} (rows, columns)
     */
    static double[][] boundary(double[] ys, double[] xs, int[] cls) {
        double dnn = LatticeGeometry.medianNearestNeighbourDistance(ys, xs);
        int[][] nb = LatticeGeometry.nearestNeighbours(ys, xs, 3);
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < ys.length; i++) {
            for (int j : nb[i]) {
                if (j > i && cls[i] != cls[j] && cls[i] >= 0 && cls[j] >= 0 && Math.hypot(ys[j] - ys[i], xs[j] - xs[i]) <= 1.5 * dnn) {
                    pts.add(new double[] {(ys[i] + ys[j]) / 2, (xs[i] + xs[j]) / 2});
                }
            }
        }
        double[][] out = new double[2][pts.size()];
        for (int k = 0; k < pts.size(); k++) {
            out[0][k] = pts.get(k)[0];
            out[1][k] = pts.get(k)[1];
        }
        return out;
    }

    @Override
    public Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters parameters) throws IOException {
        Path st = context.outputDirectory();
        Dataset image = (Dataset) inputs.get("image"), positions = (Dataset) inputs.get("positions"), features = (Dataset) inputs.get("features");
        ClusterResult c = (ClusterResult) inputs.get("clusters");
        int[] cls = c.labels();
        int n = cls.length;
        double[] pos = positions.toDoubleArray(), f = features.toDoubleArray();
        int d = features.shape()[1];
        double[] ys = new double[n], xs = new double[n];
        for (int i = 0; i < n; i++) {
            ys[i] = pos[2 * i];
            xs[i] = pos[2 * i + 1];
        }
        var npy = context.registry().formats().writerFor(st.resolve("x.npy"));
        npy.write(Dataset.ofInts(cls, List.of(Axis.uncalibrated("column", n, false)), new Metadata().title("class per column")), st.resolve("classes.npy"));
        npy.write(features, st.resolve("features.npy"));
        List<?> names = features.metadata().get("Signal.feature_names") instanceof List<?> l ? l : List.of();
        StringBuilder csv = new StringBuilder("column,y_px,x_px,class");
        for (int j = 0; j < d; j++) {
            csv.append(',').append(j < names.size() ? String.valueOf(names.get(j)).replace(',', ' ') : "f" + j);
        }
        csv.append('\n');
        for (int i = 0; i < n; i++) {
            csv.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%d", i, ys[i], xs[i], cls[i]));
            for (int j = 0; j < d; j++) {
                csv.append(String.format(Locale.ROOT, ",%.6g", f[i * d + j]));
            }
            csv.append('\n');
        }
        Files.writeString(st.resolve(CSV), csv, StandardCharsets.UTF_8);
        double[][] b = boundary(ys, xs, cls);
        double radius = positions.metadata().number("Signal.refinement_radius_px").orElse(3);
        Plots.writeAtomOverlay(image, ys, xs, cls, radius, b, n + " columns, " + c.sizes().length + " classes", st.resolve(OVERLAY));
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Tessera local crystallography</title>"
                + "<style>body{font-family:sans-serif;margin:2em}td,th{padding:2px 10px;text-align:right}</style></head><body>\n");
        h.append("<h1>Local crystallography: ").append(MapReportStep.esc(parameters.getString("file"))).append("</h1>\n");
        h.append(String.format(Locale.ROOT, "<p>%d columns in %d classes; %d boundary points (white) between neighbouring columns of different classes.</p>%n", n,
                c.sizes().length, b[0].length));
        h.append("<img src=\"" + OVERLAY + "\" alt=\"classes over the image\" style=\"max-width:900px\">\n<h2>Mean descriptor per class</h2><table><tr><th>class</th><th>columns</th>");
        for (int j = 0; j < d; j++) {
            h.append("<th>").append(MapReportStep.esc(j < names.size() ? String.valueOf(names.get(j)) : "f" + j)).append("</th>");
        }
        h.append("</tr>\n");
        int[] sizes = c.sizes();
        for (int k = 0; k < sizes.length; k++) {
            h.append("<tr><td>").append(k).append("</td><td>").append(sizes[k]).append("</td>");
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    if (cls[i] == k) {
                        s += f[i * d + j];
                    }
                }
                h.append(String.format(Locale.ROOT, "<td>%.4f</td>", sizes[k] == 0 ? Double.NaN : s / sizes[k]));
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n<p>Per column: <a href=\"" + CSV + "\">" + CSV + "</a>.</p>\n</body></html>\n");
        Files.writeString(st.resolve(REPORT), h, StandardCharsets.UTF_8);
        return Map.of("report", new WrittenFile(st.resolve(REPORT), Map.of()));
    }
}
