package tessera.pipeline.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tessera.core.analysis.ElementMaps;
import tessera.core.analysis.Parameters;
import tessera.core.io.DatasetWriter;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.StepContext;
import tessera.pipeline.WrittenFile;
import tessera.report.Plots;

/**
 * {@code tessera.pipeline.identify-report}: the outputs of {@code tessera identify}: {@value #CSV} (every class with
 * its probability for a spectrum; for a line scan or spectrum image its mean and maximum probability and the fraction
 * of spectra where it is predicted), {@value #JSON} (threshold, predicted or detected classes, classifier),
 * {@code probabilities.npy} (the whole stack {@code [classes, nav...]}), for a line scan or SI one probability map per
 * detected element ({@code <El>_probability.npy}, float32 {@code .tif}, {@code .png}), {@value #SPECTRUM} (the
 * spectrum, or the sum of all, with the major edges of the predicted elements marked) and {@value #REPORT}.
 */
public final class IdentifyReportStep extends TitledReportStep {
    /** step id */
    public static final String ID = "tessera.pipeline.identify-report";
    /** the report file */
    public static final String REPORT = REPORT_FILE;
    /** the per-class table */
    public static final String CSV = "probabilities.csv";
    /** the summary */
    public static final String JSON = "elements.json";
    /** the spectrum with the edges of the predicted elements */
    public static final String SPECTRUM = "identify.png";

    /** Public no-argument constructor for the step catalogue. */
    public IdentifyReportStep() {
        super("the input file's name, for the report title");
    }

    @Override
    public List<Port> inputs() {
        return List.of(Port.of("data", PortType.DATASET, "the spectra classified"), Port.of("probabilities", PortType.DATASET, "the classifier step's stack"));
    }

    private record Row(String label, double mean, double max, double fraction) {
    }

    @Override
    public Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters parameters) throws IOException {
        Path st = context.outputDirectory();
        Dataset data = (Dataset) inputs.get("data");
        Dataset stack = (Dataset) inputs.get("probabilities");
        List<String> labels = ElementMaps.labels(stack);
        double threshold = ((Number) stack.metadata().get(ClassifierStep.THRESHOLD)).doubleValue();
        @SuppressWarnings("unchecked")
        List<String> shown = (List<String>) stack.metadata().get(ClassifierStep.PREDICTED);
        int k = labels.size();
        int n = (int) (stack.size() / k);
        double[] v = stack.toDoubleArray();
        List<Row> rows = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            double sum = 0, max = 0;
            int on = 0;
            for (int i = 0; i < n; i++) {
                double p = v[j * n + i];
                sum += p;
                max = Math.max(max, p);
                on += p >= threshold ? 1 : 0;
            }
            rows.add(new Row(labels.get(j), sum / n, max, on / (double) n));
        }
        rows.sort(Comparator.comparingDouble(Row::mean).reversed());
        StringBuilder csv = new StringBuilder(n == 1 ? "element,probability,predicted\n" : "element,mean_probability,max_probability,fraction_predicted,detected\n");
        for (Row r : rows) {
            boolean in = shown.contains(r.label);
            csv.append(n == 1 ? String.format(Locale.ROOT, "%s,%.6f,%d%n", r.label, r.mean, in ? 1 : 0)
                    : String.format(Locale.ROOT, "%s,%.6f,%.6f,%.6f,%d%n", r.label, r.mean, r.max, r.fraction, in ? 1 : 0));
        }
        Files.writeString(st.resolve(CSV), csv, StandardCharsets.UTF_8);
        DatasetWriter npy = context.registry().formats().writerFor(st.resolve("x.npy"));
        npy.write(stack.toFloat32(), st.resolve("probabilities.npy"));
        List<String> pngs = new ArrayList<>();
        if (n > 1) {
            DatasetWriter tif = context.registry().formats().writerFor(st.resolve("x.tif"));
            for (String el : shown) {
                Dataset m = ElementMaps.map(stack, labels.indexOf(el));
                npy.write(m.toFloat32(), st.resolve(el + "_probability.npy"));
                tif.write(MapReportStep.asImage(m).toFloat32(), st.resolve(el + "_probability.tif"));
                Plots.writePng(m, el + " (probability)", st.resolve(el + "_probability.png"));
                pngs.add(el + "_probability.png");
            }
        }
        Dataset marked = data.withMetadata(data.metadata().copy().set(tessera.core.model.Metadata.ELEMENTS, List.copyOf(shown)));
        Axis e = data.axis(data.rank() - 1);
        double[] sum = summedSpectrum(data);
        Map<String, Double> markers = SpectrumMarkers.of(marked);
        Plots.writeSpectrumPng(n == 1 ? "spectrum" : "sum of " + n + " spectra", e, new double[][] { sum }, List.of(n == 1 ? "spectrum" : "sum"), "counts",
                markers, st.resolve(SPECTRUM));
        Map<String, Object> summary = new java.util.LinkedHashMap<>();
        summary.put("file", parameters.getString("file"));
        summary.put("classifier", stack.metadata().get(ClassifierStep.CLASSIFIER));
        summary.put("threshold", threshold);
        summary.put("spectra", n);
        summary.put(n == 1 ? "predicted" : "detected", shown);
        if (n > 1) {
            summary.put("minFraction", stack.metadata().get(ClassifierStep.MIN_FRACTION_KEY));
        }
        Map<String, Double> probs = new java.util.LinkedHashMap<>();
        rows.forEach(r -> probs.put(r.label, Math.round(r.mean * 1e6) / 1e6));
        summary.put(n == 1 ? "probabilities" : "meanProbabilities", probs);
        Files.writeString(st.resolve(JSON), new tools.jackson.databind.json.JsonMapper().writerWithDefaultPrettyPrinter().writeValueAsString(summary),
                StandardCharsets.UTF_8);
        Files.writeString(st.resolve(REPORT), html(parameters.getString("file"), stack, rows, shown, threshold, n, pngs, markers), StandardCharsets.UTF_8);
        return Map.of("report", new WrittenFile(st.resolve(REPORT), Map.of()));
    }

    /**
     * @param data spectra (one signal axis last)
     * @return the sum of all its spectra, shape [channels]
     */
    static double[] summedSpectrum(Dataset data) {
        int c = data.axis(data.rank() - 1).size();
        double[] sum = new double[c];
        double[] row = new double[c];
        for (long i = 0; i < data.navigationSize(); i++) {
            data.readDoubles(i * c, c, row, 0);
            for (int q = 0; q < c; q++) {
                sum[q] += row[q];
            }
        }
        return sum;
    }

    private static String html(String file, Dataset stack, List<Row> rows, List<String> shown, double threshold, int n, List<String> pngs,
            Map<String, Double> markers) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Tessera identify</title>"
                + "<style>body{font-family:sans-serif;margin:2em}td,th{padding:2px 10px;text-align:right}tr.on{font-weight:bold;background:#e8f0ff}</style></head><body>\n");
        h.append("<h1>Elements in ").append(MapReportStep.esc(file)).append("</h1>\n");
        h.append(String.format(Locale.ROOT, "<p>%s, threshold %.2f (chosen on simulated validation data). %s: <b>%s</b>.</p>%n",
                MapReportStep.esc(String.valueOf(stack.metadata().get(ClassifierStep.CLASSIFIER))), threshold,
                n == 1 ? "Predicted" : String.format(Locale.ROOT, "Detected in at least %.0f %% of the %d spectra",
                        100 * ((Number) stack.metadata().get(ClassifierStep.MIN_FRACTION_KEY)).doubleValue(), n),
                shown.isEmpty() ? "none" : MapReportStep.esc(String.join(", ", shown))));
        h.append("<img src=\"" + SPECTRUM + "\" alt=\"spectrum with the edges of the predicted elements\" style=\"max-width:900px\">\n");
        if (!markers.isEmpty()) {
            h.append("<p>Edges marked: ").append(MapReportStep.esc(String.join(", ", markers.keySet()))).append(".</p>\n");
        }
        for (String p : pngs) {
            h.append("<img src=\"").append(p).append("\" alt=\"").append(p).append("\" style=\"max-width:300px;margin:4px\">\n");
        }
        h.append(n == 1 ? "<h2>Probabilities</h2><table><tr><th>element</th><th>probability</th></tr>\n"
                : "<h2>Probabilities</h2><table><tr><th>element</th><th>mean</th><th>max</th><th>fraction predicted</th></tr>\n");
        int shownRows = 0;
        for (Row r : rows) {
            if (shownRows++ >= 20 && !shown.contains(r.label)) {
                continue;
            }
            h.append(shown.contains(r.label) ? "<tr class=\"on\">" : "<tr>").append("<td>").append(r.label).append("</td>");
            h.append(n == 1 ? String.format(Locale.ROOT, "<td>%.4f</td>", r.mean)
                    : String.format(Locale.ROOT, "<td>%.4f</td><td>%.4f</td><td>%.4f</td>", r.mean, r.max, r.fraction));
            h.append("</tr>\n");
        }
        h.append("</table><p>All 80 elements: <a href=\"" + CSV + "\">" + CSV + "</a>; summary <a href=\"" + JSON + "\">" + JSON + "</a>; "
                + "how this was made: provenance.xmi.</p>\n");
        return h.append("</body></html>\n").toString();
    }
}
