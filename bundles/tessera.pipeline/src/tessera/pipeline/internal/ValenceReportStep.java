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
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.StepContext;
import tessera.pipeline.WrittenFile;
import tessera.report.Plots;

/**
 * {@code tessera.pipeline.valence-report}: the outputs of {@code tessera valence}: {@value #CSV} (per spectrum: the
 * class probabilities, the most probable class, the mean valence and its spread, and the white-line baseline: L3/L2
 * ratio, its valence, the L3 energy and its valence, the novelty), {@value #JSON} (the summary: mean of each over the spectra, the
 * classifier, the element), {@code valence_maps.npy} (the whole {@code [8, nav...]} stack) and for a line scan or
 * spectrum image one {@code .npy}/{@code .png} per map (a profile for a line scan), {@value #SPECTRUM} (the summed
 * spectrum with the L3 and L2 maxima marked) and {@value #REPORT}.
 */
public final class ValenceReportStep extends TitledReportStep {
    /** step id */
    public static final String ID = "tessera.pipeline.valence-report";
    /** the report */
    public static final String REPORT = REPORT_FILE;
    /** per-spectrum table */
    public static final String CSV = "valence.csv";
    /** summary */
    public static final String JSON = "valence.json";
    /** the spectrum */
    public static final String SPECTRUM = "spectrum.png";
    private static final List<String> MAPS = List.of(ValenceMapsStep.MEAN, ValenceMapsStep.SPREAD, ValenceMapsStep.CLASS, ValenceMapsStep.RATIO_VALENCE,
            ValenceMapsStep.NOVELTY);

    /** Public no-argument constructor for the step catalogue. */
    public ValenceReportStep() {
        super("the input file's name, for the report title");
    }

    @Override
    public List<Port> inputs() {
        return List.of(Port.of("data", PortType.DATASET, "the spectra"), Port.of("probabilities", PortType.DATASET, "the classifier's stack"),
                Port.of("maps", PortType.DATASET, "the valence maps"));
    }

    @Override
    public Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters parameters) throws IOException {
        Path st = context.outputDirectory();
        Dataset data = (Dataset) inputs.get("data");
        Dataset probs = (Dataset) inputs.get("probabilities");
        Dataset maps = (Dataset) inputs.get("maps");
        List<String> classes = ElementMaps.labels(probs);
        List<String> labels = ElementMaps.labels(maps);
        tessera.pipeline.ValenceJob.Summary means = tessera.pipeline.ValenceJob.Summary.of(maps);
        String element = means.element();
        int k = classes.size();
        int n = (int) (probs.size() / k);
        double[] p = probs.toDoubleArray();
        double[] m = maps.toDoubleArray();
        StringBuilder csv = new StringBuilder("spectrum");
        classes.forEach(c -> csv.append(",p_").append(c));
        csv.append(",class,").append(String.join(",", labels.subList(0, 2))).append(',').append(String.join(",", labels.subList(3, labels.size()))).append('\n');
        int[] counts = new int[k];
        for (int i = 0; i < n; i++) {
            csv.append(i);
            for (int j = 0; j < k; j++) {
                csv.append(String.format(Locale.ROOT, ",%.6f", p[j * n + i]));
            }
            int cls = (int) m[2 * n + i];
            counts[cls]++;
            csv.append(',').append(classes.get(cls));
            for (int q = 0; q < labels.size(); q++) {
                if (q != 2) {
                    csv.append(String.format(Locale.ROOT, ",%.6g", m[q * n + i]));
                }
            }
            csv.append('\n');
        }
        Files.writeString(st.resolve(CSV), csv, StandardCharsets.UTF_8);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("file", parameters.getString("file"));
        summary.put("element", element);
        summary.put("classifier", probs.metadata().get(ClassifierStep.CLASSIFIER));
        summary.put("spectra", n);
        Map<String, Double> mp = new LinkedHashMap<>();
        Map<String, Integer> mc = new LinkedHashMap<>();
        for (int j = 0; j < k; j++) {
            mp.put(classes.get(j), round(means.probabilities().get(classes.get(j))));
            mc.put(classes.get(j), counts[j]);
        }
        summary.put(n == 1 ? "probabilities" : "meanProbabilities", mp);
        summary.put("mostProbableClassCounts", mc);
        means.means().forEach((label, v) -> {
            if (!label.equals(ValenceMapsStep.CLASS)) {
                summary.put("mean_" + label, Double.isFinite(v) ? round(v) : null);
            }
        });
        Files.writeString(st.resolve(JSON), new tools.jackson.databind.json.JsonMapper().writerWithDefaultPrettyPrinter().writeValueAsString(summary),
                StandardCharsets.UTF_8);
        DatasetWriter npy = context.registry().formats().writerFor(st.resolve("x.npy"));
        npy.write(maps.toFloat32(), st.resolve("valence_maps.npy"));
        npy.write(probs.toFloat32(), st.resolve("probabilities.npy"));
        List<String> pngs = new ArrayList<>();
        if (n > 1) {
            for (String l : MAPS) {
                Dataset one = ElementMaps.map(maps, labels.indexOf(l));
                npy.write(one.toFloat32(), st.resolve(l + ".npy"));
                Plots.writePng(one, element + " " + l.replace('_', ' '), st.resolve(l + ".png"));
                pngs.add(l + ".png");
            }
        }
        Axis e = data.axis(data.rank() - 1);
        double[] sum = IdentifyReportStep.summedSpectrum(data);
        Map<String, Double> markers = new LinkedHashMap<>();
        markers.put(element + " L3 max", means.means().get(ValenceMapsStep.L3));
        Plots.writeSpectrumPng(n == 1 ? "spectrum" : "sum of " + n + " spectra", e, new double[][] { sum }, List.of(n == 1 ? "spectrum" : "sum"), "counts",
                markers, st.resolve(SPECTRUM));
        Files.writeString(st.resolve(REPORT), html(parameters.getString("file"), means, probs, classes, counts, n, pngs),
                StandardCharsets.UTF_8);
        return Map.of("report", new WrittenFile(st.resolve(REPORT), Map.of()));
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    private static String html(String file, tessera.pipeline.ValenceJob.Summary means, Dataset probs, List<String> classes, int[] counts, int n,
            List<String> pngs) {
        String element = means.element();
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Tessera valence</title>"
                + "<style>body{font-family:sans-serif;margin:2em}td,th{padding:2px 10px;text-align:right}</style></head><body>\n");
        h.append("<h1>").append(MapReportStep.esc(element)).append(" oxidation state in ").append(MapReportStep.esc(file)).append("</h1>\n");
        h.append("<p>Classifier: ").append(MapReportStep.esc(String.valueOf(probs.metadata().get(ClassifierStep.CLASSIFIER))))
                .append(String.format(Locale.ROOT, "; %d spectra.</p>%n", n));
        h.append("<img src=\"" + SPECTRUM + "\" alt=\"spectrum\" style=\"max-width:900px\">\n");
        h.append("<h2>Classes</h2><table><tr><th>class</th><th>").append(n == 1 ? "probability" : "mean probability")
                .append("</th><th>spectra where most probable</th></tr>\n");
        for (int j = 0; j < classes.size(); j++) {
            h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.3f</td><td>%d</td></tr>%n", MapReportStep.esc(classes.get(j)),
                    means.probabilities().get(classes.get(j)), counts[j]));
        }
        h.append("</table>\n<h2>Valence: classifier and textbook baseline</h2><table><tr><th>quantity</th><th>mean over the spectra</th></tr>\n");
        means.means().forEach((label, v) -> {
            if (!label.equals(ValenceMapsStep.CLASS)) {
                h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td></tr>%n", label.replace('_', ' '),
                        Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "undefined"));
            }
        });
        h.append("</table>\n<p>Mean valence = Σ p·v over the classes; the baseline is the L3/L2 white-line ratio by the step method of Pearson et al. "
                + "(1993) and the L3 energy on the axis as calibrated (valid only if the energy axis is calibrated; the classifier aligns on the L3 "
                + "maximum and does not use it). Novelty: how far the spectra lie from the simulated training spectra (residual outside "
                + "their principal subspace over its 99th percentile); above 1 the classifier has never seen such a shape and its "
                + "probabilities are not to be trusted, whatever their size.</p>\n");
        for (String png : pngs) {
            h.append("<img src=\"").append(png).append("\" alt=\"").append(png).append("\" style=\"max-width:420px;margin:4px\">\n");
        }
        h.append("<p>Per spectrum: <a href=\"" + CSV + "\">" + CSV + "</a>; summary <a href=\"" + JSON + "\">" + JSON
                + "</a>; how this was made: provenance.xmi.</p>\n");
        return h.append("</body></html>\n").toString();
    }
}
