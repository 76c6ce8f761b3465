package tessera.pipeline.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tessera.core.analysis.DynamicsResult;
import tessera.core.analysis.Parameters;
import tessera.core.io.DatasetWriter;
import tessera.core.model.Dataset;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.StepContext;
import tessera.pipeline.WrittenFile;
import tessera.report.Plots;

/**
 * {@code tessera.pipeline.dynamics-report}: the outputs of {@code tessera dynamics} from a dynamics model's datasets:
 * every dataset as {@code <name>.npy}, {@value #CSV} (one row per transition i → j: count, T, its 95 % interval),
 * the heat map of T ({@code transition_matrix.png}), the state graph ({@code state_graph.png}: nodes sized by π,
 * arrows by T) and {@value #REPORT} (T with intervals, π, implied timescales,
 * also against lag, mean first-passage times, the detailed-balance test).
 */
public final class DynamicsReportStep extends TitledReportStep {
    /** step id */
    public static final String ID = "tessera.pipeline.dynamics-report";
    /** the report file */
    public static final String REPORT = REPORT_FILE;
    /** the per-transition table */
    public static final String CSV = "transitions.csv";

    /** Public no-argument constructor for the step catalogue. */
    public DynamicsReportStep() {
        super("the labels file's name, for the report title");
    }

    @Override
    public List<Port> inputs() {
        List<Port> p = new java.util.ArrayList<>();
        DynamicsResult.ALWAYS.forEach(n -> p.add(Port.of(n, PortType.DATASET, n)));
        DynamicsResult.WHEN_ASKED.forEach(n -> p.add(Port.optional(n, PortType.DATASET, n)));
        return p;
    }

    @Override
    public Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters parameters) throws IOException {
        Path st = context.outputDirectory();
        Map<String, Dataset> d = NamedOutputs.write(context, inputs, DynamicsResult.ALWAYS, DynamicsResult.WHEN_ASKED);
        Dataset t = d.get(DynamicsResult.TRANSITION_MATRIX);
        int n = t.shape()[0];
        // as an image: both class axes as the map's axes (rows: class at t, columns: class at t + lag)
        Dataset heat = t.withAxes(List.of(tessera.core.model.Axis.uncalibrated("class at t", n, true), tessera.core.model.Axis.uncalibrated("class at t + lag", n, true)));
        Plots.writePng(heat, "transition matrix T", st.resolve("transition_matrix.png"));
        double[][] tm = new double[n][n];
        double[] pis = new double[n];
        Dataset pid = d.get(DynamicsResult.STATIONARY);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                tm[i][j] = t.getDouble((long) i * n + j);
            }
            pis[i] = pid.getDouble(i);
        }
        Plots.writeStateGraph(tm, pis, 0.01, "state graph", st.resolve("state_graph.png"));
        StringBuilder csv = new StringBuilder("from,to,count,T,T_low95,T_high95\n");
        Dataset c = d.get(DynamicsResult.COUNTS), lo = d.get(DynamicsResult.T_LOW), hi = d.get(DynamicsResult.T_HIGH);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                long k = (long) i * n + j;
                csv.append(String.format(Locale.ROOT, "%d,%d,%.0f,%.17g,%s,%s%n", i, j, c.getDouble(k), t.getDouble(k), lo == null ? "" : fmt(lo.getDouble(k)),
                        hi == null ? "" : fmt(hi.getDouble(k))));
            }
        }
        Files.writeString(st.resolve(CSV), csv, StandardCharsets.UTF_8);
        Files.writeString(st.resolve(REPORT), html(parameters.getString("file"), d, n), StandardCharsets.UTF_8);
        return Map.of("report", new WrittenFile(st.resolve(REPORT), Map.of()));
    }

    private static String html(String file, Map<String, Dataset> d, int n) {
        Dataset t = d.get(DynamicsResult.TRANSITION_MATRIX), lo = d.get(DynamicsResult.T_LOW), hi = d.get(DynamicsResult.T_HIGH);
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Tessera dynamics</title>"
                + "<style>body{font-family:sans-serif;margin:2em}td,th{padding:2px 10px;text-align:right}</style></head><body>\n");
        h.append("<h1>Markov model of class dynamics: ").append(esc(file)).append("</h1>\n<p>").append(esc(t.metadata().title()));
        h.append(Boolean.TRUE.equals(t.metadata().get("Signal.reversible")) ? ", reversible (detailed balance enforced)" : ", non-reversible");
        if (t.metadata().get("Signal.detailed_balance_test") instanceof Map<?, ?> db) {
            double pv = num(db.get("p"));
            h.append(String.format(Locale.ROOT, "; detailed-balance likelihood-ratio test: G = %.3g, %.0f degrees of freedom, p %s", num(db.get("G")), num(db.get("dof")),
                    pv < 1e-12 ? "< 1e-12" : String.format(Locale.ROOT, "= %.3g", pv)));
        }
        h.append(".</p>\n<h2>Transition matrix</h2><img src=\"transition_matrix.png\" alt=\"transition matrix heat map\"> <img src=\"state_graph.png\" alt=\"state graph\">\n");
        h.append("<p>T<sub>ij</sub> = P(class j at t + lag | class i at t)").append(lo != null ? ", with the 95 % posterior interval" : "").append(".</p>\n<table><tr><th>from \\ to</th>");
        for (int j = 0; j < n; j++) {
            h.append("<th>").append(j).append("</th>");
        }
        h.append("</tr>\n");
        for (int i = 0; i < n; i++) {
            h.append("<tr><th>").append(i).append("</th>");
            for (int j = 0; j < n; j++) {
                long k = (long) i * n + j;
                h.append(String.format(Locale.ROOT, "<td>%.4f%s</td>", t.getDouble(k), lo == null ? "" : String.format(Locale.ROOT, " [%.4f, %.4f]", lo.getDouble(k), hi.getDouble(k))));
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n<h2>Stationary distribution</h2><table><tr><th>class</th><th>π</th>");
        Dataset pi = d.get(DynamicsResult.STATIONARY), ps = d.get(DynamicsResult.STATIONARY_STD);
        h.append(ps != null ? "<th>σ</th>" : "").append("</tr>\n");
        for (int i = 0; i < n; i++) {
            h.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%.4f</td>%s</tr>%n", i, pi.getDouble(i), ps == null ? "" : String.format(Locale.ROOT, "<td>%.4f</td>", ps.getDouble(i))));
        }
        h.append("</table>\n<h2>Implied timescales (frames)</h2><table><tr><th>lag</th>");
        for (int k = 1; k < n; k++) {
            h.append("<th>t<sub>").append(k + 1).append("</sub></th>");
        }
        h.append("</tr>\n");
        Dataset by = d.get(DynamicsResult.TIMESCALES_BY_LAG);
        if (by != null && by.metadata().get("Signal.lags") instanceof List<?> lags) {
            for (int a = 0; a < lags.size(); a++) {
                h.append("<tr><td>").append(lags.get(a)).append("</td>");
                for (int k = 0; k < n - 1; k++) {
                    h.append(String.format(Locale.ROOT, "<td>%.4g</td>", by.getDouble((long) a * (n - 1) + k)));
                }
                h.append("</tr>\n");
            }
            h.append("</table>\n<p>For a Markovian process the timescales do not change with the lag (Chapman–Kolmogorov).</p>\n");
        } else {
            Dataset its = d.get(DynamicsResult.TIMESCALES);
            h.append("<tr><td>model</td>");
            for (int k = 0; k < n - 1; k++) {
                h.append(String.format(Locale.ROOT, "<td>%.4g</td>", its.getDouble(k)));
            }
            h.append("</tr></table>\n");
        }
        h.append("<h2>Mean first-passage times (frames, row → column)</h2><table><tr><th>from \\ to</th>");
        for (int j = 0; j < n; j++) {
            h.append("<th>").append(j).append("</th>");
        }
        h.append("</tr>\n");
        Dataset m = d.get(DynamicsResult.MFPT);
        for (int i = 0; i < n; i++) {
            h.append("<tr><th>").append(i).append("</th>");
            for (int j = 0; j < n; j++) {
                h.append(String.format(Locale.ROOT, "<td>%.4g</td>", m.getDouble((long) i * n + j)));
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
        Dataset em = d.get(DynamicsResult.EMISSION);
        if (em != null) {
            int obs = em.shape()[1];
            h.append("<h2>Emission matrix (hidden state → observed class)</h2><p>P(label k | hidden state i): the diagonal is how often a state is labelled right.</p><table><tr><th>state \\ label</th>");
            for (int k = 0; k < obs; k++) {
                h.append("<th>").append(k).append("</th>");
            }
            h.append("</tr>\n");
            for (int i = 0; i < em.shape()[0]; i++) {
                h.append("<tr><th>").append(i).append("</th>");
                for (int k = 0; k < obs; k++) {
                    h.append(String.format(Locale.ROOT, "<td>%.4f</td>", em.getDouble((long) i * obs + k)));
                }
                h.append("</tr>\n");
            }
            h.append("</table>\n");
        }
        return h.append("</body></html>\n").toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.17g", v);
    }

    private static double num(Object o) {
        return o instanceof Number x ? x.doubleValue() : Double.NaN;
    }

    private static String esc(Object s) {
        return MapReportStep.esc(String.valueOf(s));
    }

}
