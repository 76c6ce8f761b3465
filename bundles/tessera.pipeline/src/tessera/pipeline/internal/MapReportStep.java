package tessera.pipeline.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;


import tessera.core.analysis.ElementMaps;
import tessera.core.analysis.Parameters;
import tessera.core.io.DatasetWriter;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.StepContext;
import tessera.pipeline.WrittenFile;
import tessera.report.Plots;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tessera.pipeline.map-report}: the outputs of {@code tessera map} from the map stacks of an EELS
 * ({@code tessera.eels.edge-maps}) or EDX ({@code tessera.edx.line-intensities}, {@code tessera.edx.quantification})
 * step ({@link ElementMaps}): per map {@code <label>.npy} (float64), {@code <label>.tif} (32-bit float TIFF),
 * {@code <label>_sigma.npy} and {@code <label>.png}; the same for each composition map ({@code <El>_<units>.npy}, ...)
 * when a quantification ran; {@code spectrum.png} (sum spectrum with edge or X-ray line markers),
 * {@value #SUMMARY_JSON} and {@value #SUMMARY_CSV} (ratios for EELS, compositions for EDX) and {@value #REPORT}.
 * Nothing in them depends on the time, so a re-run reproduces them byte for byte.
 */
public final class MapReportStep extends TitledReportStep {
    /** step id */
    public static final String ID = "tessera.pipeline.map-report";
    /** the report file */
    public static final String REPORT = REPORT_FILE;
    /** the quantification summary (ratios or compositions) as JSON */
    public static final String SUMMARY_JSON = "ratios.json";
    /** the quantification summary as CSV */
    public static final String SUMMARY_CSV = "ratios.csv";

    /** Public no-argument constructor for the step catalogue. */
    public MapReportStep() {
        super("the mapped file's name, for the report title and " + SUMMARY_JSON);
    }

    @Override
    public List<Port> inputs() {
        return List.of(Port.of("data", PortType.DATASET, "the mapped spectra"),
                Port.of("intensities", PortType.DATASET, "map stack [n, nav...] with its labels, windows and markers"),
                Port.of("sigma", PortType.DATASET, "standard deviations of the maps, same shape"),
                Port.optional("spectrum", PortType.DATASET, "sum spectrum and fitted backgrounds [1 + n, nE] (names in the labels)"),
                Port.optional("composition", PortType.DATASET, "composition map stack [elements, nav...] of a quantification"),
                Port.optional("compositionSigma", PortType.DATASET, "its standard deviations"));
    }

    @Override
    public Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters parameters) throws Exception {
        Dataset data = (Dataset) inputs.get("data");
        Dataset in = (Dataset) inputs.get("intensities");
        Dataset sg = (Dataset) inputs.get("sigma");
        Dataset comp = (Dataset) inputs.get("composition");
        Dataset compSg = (Dataset) inputs.get("compositionSigma");
        Path st = context.outputDirectory();
        DatasetWriter npy = context.registry().formats().writerFor(st.resolve("x.npy"));
        DatasetWriter tif = context.registry().formats().writerFor(st.resolve("x.tif"));
        List<String> files = new ArrayList<>();
        files.addAll(writeMaps(npy, tif, in, sg, st));
        if (comp != null) {
            files.addAll(writeMaps(npy, tif, comp, compSg, st));
        }
        Axis e = data.axis(data.rank() - 1);
        writeSpectrum(data, e, (Dataset) inputs.get("spectrum"), in, st.resolve("spectrum.png"));
        String file = parameters.getString("file");
        Map<String, Object> root = summary(file, in, comp);
        Files.writeString(st.resolve(SUMMARY_JSON), JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(root), StandardCharsets.UTF_8);
        Files.writeString(st.resolve(SUMMARY_CSV), csv(in, comp), StandardCharsets.UTF_8);
        Files.writeString(st.resolve(REPORT), html(file, in, comp, files, st), StandardCharsets.UTF_8);
        return Map.of("report", new WrittenFile(st.resolve(REPORT), Map.of()));
    }

    /**
     * Writes each map of a stack as .npy, .tif (float32, calibrated: the installed TIFF writer), _sigma.npy and (a 2-D map
     * or a line) .png; returns the PNG names.
     */
    private static List<String> writeMaps(DatasetWriter npy, DatasetWriter tif, Dataset stack, Dataset sigma, Path st) throws IOException {
        List<String> labels = ElementMaps.labels(stack);
        String units = String.valueOf(stack.metadata().get(Metadata.QUANTITY));
        List<String> pngs = new ArrayList<>();
        for (int j = 0; j < labels.size(); j++) {
            String l = fileStem(labels.get(j), units);
            Dataset m = ElementMaps.map(stack, j);
            npy.write(m, st.resolve(l + ".npy"));
            if (sigma != null) {
                npy.write(ElementMaps.map(sigma, j), st.resolve(l + "_sigma.npy"));
            }
            tif.write(asImage(m).toFloat32(), st.resolve(l + ".tif"));
            if (m.rank() == 2 || m.shape()[0] > 1) {
                Plots.writePng(m, labels.get(j).replace('_', '-') + " (" + units + ")", st.resolve(l + ".png"));
                pngs.add(l + ".png");
            }
        }
        return pngs;
    }

    /** @return the file stem of a map: its label, with the units for a composition ({@code Fe_at%} → {@code Fe_at}) */
    static String fileStem(String label, String units) {
        if (units.startsWith("at.") || units.startsWith("wt.")) {
            return label + "_" + units.substring(0, 2);
        }
        return label;
    }

    /** A map as an image: a 1-D map (a line scan) becomes one row {@code [1, n]}, a 2-D map stays as it is. */
    static Dataset asImage(Dataset map) {
        if (map.rank() != 1) {
            return map;
        }
        Axis x = map.axis(0);
        return map.withAxes(List.of(new Axis("y", 1, 1, 0, "", false), new Axis(x.name(), x.size(), x.scale(), x.offset(), x.units(), false)));
    }

    private static void writeSpectrum(Dataset data, Axis e, Dataset curves, Dataset in, Path f) throws IOException {
        int n = e.size();
        List<double[]> c = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (curves != null) {
            double[] all = curves.toDoubleArray();
            List<String> l = ElementMaps.labels(curves);
            for (int j = 0; j < l.size(); j++) {
                double[] y = new double[n];
                System.arraycopy(all, j * n, y, 0, n);
                c.add(y);
                names.add(l.get(j));
            }
        } else {
            double[] s = new double[n];
            double[] row = new double[n];
            for (long i = 0; i < data.navigationSize(); i++) {
                data.readDoubles(i * n, n, row, 0);
                for (int q = 0; q < n; q++) {
                    s[q] += row[q];
                }
            }
            c.add(s);
            names.add("sum of " + data.navigationSize() + " spectra");
        }
        Map<String, Double> markers = new LinkedHashMap<>();
        if (in.metadata().get(ElementMaps.MARKERS) instanceof Map<?, ?> m) {
            m.forEach((k, v) -> markers.put(String.valueOf(k), ((Number) v).doubleValue()));
        }
        boolean eds = "kev".equalsIgnoreCase(e.units().trim());
        Plots.writeSpectrumPng("Sum spectrum with " + (eds ? "X-ray lines" : "edges (EdgeTable onsets)"), e, c.toArray(double[][]::new), names, "counts", markers, f);
    }

    private static Map<String, Object> summary(String file, Dataset in, Dataset comp) {
        Metadata md = in.metadata();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("file", file);
        root.put("method", md.get(ElementMaps.METHOD));
        root.put("instrument", md.get(ElementMaps.INSTRUMENT));
        root.put("maps", md.get(ElementMaps.WINDOWS));
        root.put("units", md.get(Metadata.QUANTITY));
        root.put("sums", ElementMaps.sums(in));
        if (md.get(ElementMaps.SUMMARY) != null) {
            root.put("ratios", md.get(ElementMaps.SUMMARY));
        }
        if (md.get("Signal.map_areal_density_per_nm2") != null) {
            root.put("arealDensityPerNm2", md.get("Signal.map_areal_density_per_nm2"));
        }
        if (comp != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("method", comp.metadata().get(ElementMaps.METHOD));
            c.put("units", comp.metadata().get(Metadata.QUANTITY));
            c.put("parameters", comp.metadata().get(ElementMaps.INSTRUMENT));
            c.put("total", comp.metadata().get(ElementMaps.SUMMARY));
            root.put("composition", c);
        }
        return root;
    }

    private static String csv(Dataset in, Dataset comp) {
        StringBuilder b = new StringBuilder();
        if (comp != null && comp.metadata().get(ElementMaps.SUMMARY) instanceof List<?> rows) {
            b.append("element,value,sigma,units\n");
            for (Object o : rows) {
                Map<?, ?> r = (Map<?, ?>) o;
                b.append(String.format(Locale.ROOT, "%s,%.6g,%.6g,%s%n", r.get("element"), num(r.get("value")), num(r.get("sigma")), comp.metadata().get(Metadata.QUANTITY)));
            }
            return b.toString();
        }
        b.append("numerator,denominator,ratio,sigma\n");
        if (in.metadata().get(ElementMaps.SUMMARY) instanceof List<?> rows) {
            for (Object o : rows) {
                Map<?, ?> r = (Map<?, ?>) o;
                b.append(String.format(Locale.ROOT, "%s,%s,%.6g,%.6g%n", r.get("numerator"), r.get("denominator"), num(r.get("ratio")), num(r.get("sigma"))));
            }
        }
        return b.toString();
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String html(String file, Dataset in, Dataset comp, List<String> pngs, Path st) {
        Metadata md = in.metadata();
        boolean eds = md.get(ElementMaps.WINDOWS) instanceof List<?> w && !w.isEmpty() && ((Map<?, ?>) w.get(0)).containsKey("lineKev");
        String units = String.valueOf(md.get(Metadata.QUANTITY));
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Tessera elemental maps</title>"
                + "<style>body{font-family:sans-serif;margin:2em}td,th{padding:2px 10px;text-align:right}</style></head><body>\n");
        h.append("<h1>").append(eds ? "X-ray line maps" : "Elemental maps").append(": ").append(esc(file)).append("</h1>\n");
        h.append("<p>Method: <b>").append(esc(String.valueOf(md.get(ElementMaps.METHOD)))).append("</b>");
        if (md.get(ElementMaps.INSTRUMENT) instanceof Map<?, ?> mic) {
            h.append("; ");
            List<String> parts = new ArrayList<>();
            mic.forEach((k, v) -> parts.add(esc(k + " " + v)));
            h.append(String.join(", ", parts));
        }
        h.append(".</p>\n<h2>Spectrum and ").append(eds ? "X-ray lines" : "edges").append("</h2><img src=\"spectrum.png\" alt=\"sum spectrum with markers\">\n");
        h.append("<h2>").append(eds ? "Lines and windows" : "Edges").append("</h2>\n");
        Map<String, Double> sums = ElementMaps.sums(in);
        if (md.get(ElementMaps.WINDOWS) instanceof List<?> rows && !rows.isEmpty()) {
            List<String> keys = new ArrayList<>();
            for (Object o : rows) {
                ((Map<?, ?>) o).keySet().forEach(k -> {
                    if (!keys.contains(String.valueOf(k))) {
                        keys.add(String.valueOf(k));
                    }
                });
            }
            h.append("<table><tr>");
            keys.forEach(k -> h.append("<th>").append(esc(k)).append("</th>"));
            h.append("<th>sum (").append(esc(units)).append(")</th></tr>\n");
            for (Object o : rows) {
                Map<?, ?> r = (Map<?, ?>) o;
                h.append("<tr>");
                keys.forEach(k -> h.append("<td>").append(esc(cell(r.get(k)))).append("</td>"));
                h.append(String.format(Locale.ROOT, "<td>%.6g</td></tr>%n", sums.getOrDefault(String.valueOf(r.get("label")), Double.NaN)));
            }
            h.append("</table>\n");
        }
        if (md.get(ElementMaps.SUMMARY) instanceof List<?> ratios && !ratios.isEmpty()) {
            h.append("<h2>Atomic ratios</h2><table><tr><th>ratio</th><th>value</th><th>σ (counting)</th></tr>\n");
            for (Object o : ratios) {
                Map<?, ?> r = (Map<?, ?>) o;
                h.append(String.format(Locale.ROOT, "<tr><td>%s / %s</td><td>%.4f</td><td>%.4f</td></tr>%n", r.get("numerator"), r.get("denominator"), num(r.get("ratio")), num(r.get("sigma"))));
            }
            h.append("</table>\n");
        }
        if (md.get("Signal.map_areal_density_per_nm2") instanceof Map<?, ?> areal) {
            h.append("<h2>Areal densities (atoms/nm², mean over pixels)</h2><table>\n");
            areal.forEach((k, v) -> h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.4g</td></tr>%n", k, num(v))));
            h.append("</table>\n");
        }
        if (comp != null) {
            String cu = String.valueOf(comp.metadata().get(Metadata.QUANTITY));
            h.append("<h2>Composition (").append(esc(cu)).append(")</h2><p>").append(esc(String.valueOf(comp.metadata().get(ElementMaps.METHOD)))).append("</p>\n");
            if (comp.metadata().get(ElementMaps.SUMMARY) instanceof List<?> rows) {
                h.append("<table><tr><th>element</th><th>sum spectrum</th><th>σ</th></tr>\n");
                for (Object o : rows) {
                    Map<?, ?> r = (Map<?, ?>) o;
                    h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.2f</td><td>%.2f</td></tr>%n", r.get("element"), num(r.get("value")), num(r.get("sigma"))));
                }
                h.append("</table>\n");
            }
        }
        h.append("<h2>Maps</h2>\n");
        for (String p : pngs) {
            h.append("<img src=\"").append(p).append("\" alt=\"").append(p, 0, p.length() - 4).append(" map\">\n");
        }
        h.append("<p>Files: &lt;map&gt;.npy (float64), &lt;map&gt;.tif (float32), &lt;map&gt;_sigma.npy (standard deviation), ").append(SUMMARY_JSON).append(", ").append(SUMMARY_CSV)
                .append("; how they were made: provenance.xmi (tessera provenance show provenance.xmi).</p></body></html>\n");
        return h.toString();
    }

    private static String cell(Object v) {
        if (v instanceof List<?> l) {
            return String.join("–", l.stream().map(MapReportStep::cell).toList());
        }
        if (v instanceof Double d) {
            return String.format(Locale.ROOT, "%.4g", d);
        }
        return v == null ? "" : String.valueOf(v);
    }

    /** @return s with &amp;, &lt; and &gt; escaped for HTML */
    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
