package tessera.cli.internal;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferFloat;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;

import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tessera.core.io.InvalidFileException;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.registry.FileFormats;
import tessera.core.registry.Registry;
import tessera.eels.Edge;
import tessera.eels.EdgeTable;
import tessera.eels.PowerLawBackground;
import tessera.eels.quant.ElementalMap;
import tessera.eels.quant.IntegrationWindow;
import tessera.eels.quant.LinearModelFit;
import tessera.eels.quant.Quantification;
import tessera.eels.xsection.EdgeCrossSection;
import tessera.eels.xsection.CrossSections;
import tessera.eels.xsection.Microscope;
import tessera.pipeline.OutputDirectory;
import tessera.report.Plots;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tessera map FILE --elements Cu,Zn [--edges Cu_L3,...] [--cross-section hydrogenic|optical] [--low-loss LL]
 * [--method integral|model] --out DIR}:
 * EELS elemental maps and atomic ratios ({@code tessera.eels.quant}); outputs published all-or-nothing.
 * Writes per edge {@code <El>_<edge>.npy} (float64), {@code <El>_<edge>.tif} (32-bit float TIFF, JDK ImageIO),
 * {@code <El>_<edge>_sigma.npy}, {@code <El>_<edge>.png}; {@code ratios.json}, {@code ratios.csv},
 * {@code spectrum.png} (sum spectrum with edge markers) and {@code report.html}.
 */
@Command(name = "map", description = { "EELS elemental maps (background-subtracted integrals or a linear model fit) and atomic ratios;",
        "writes <El>_<edge>.npy/.tif/_sigma.npy/.png, ratios.json, ratios.csv and report.html into DIR." })
final class MapCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "EELS core-loss spectrum, line scan or spectrum image (energy in eV)")
    Path file;

    @Option(names = "--elements", required = true, split = ",", paramLabel = "EL", description = "elements, e.g. Cu,Zn")
    List<String> elements;

    @Option(names = "--edges", split = ",", paramLabel = "EDGE", description = "edges, e.g. Cu_L3,O_K,La_M5 (L3 = L2,3 and M5 = M4,5; other subshells or groups such as M23, N45 with optical cross sections; default: per element K if on the axis, else L2,3, else (optical) M4,5)")
    List<String> edges;

    @Option(names = "--cross-section", defaultValue = "hydrogenic", paramLabel = "hydrogenic|optical", description = "hydrogenic (Egerton SIGMAK3/SIGMAL3: K and L2,3) or optical (optical-limit, NIST FFAST: any edge); default ${DEFAULT-VALUE}")
    String crossSection;

    @Option(names = "--low-loss", paramLabel = "LL", description = "low-loss spectrum or SI (ZLP at 0 eV) for absolute quantification")
    Path lowLoss;

    @Option(names = "--method", defaultValue = "integral", paramLabel = "integral|model", description = "integral (power law + window sum) or model (NNLS fit); default ${DEFAULT-VALUE}")
    String method;

    @Option(names = "--window-ev", defaultValue = "50", paramLabel = "DELTA", description = "integration width above each onset in eV (default ${DEFAULT-VALUE})")
    double windowEv;

    @Option(names = "--background-ev", defaultValue = "50", paramLabel = "W", description = "pre-edge background window width in eV (default ${DEFAULT-VALUE})")
    double backgroundEv;

    @Option(names = "--gap-ev", defaultValue = "5", paramLabel = "G", description = "gap between the background window and the onset in eV (default ${DEFAULT-VALUE})")
    double gapEv;

    @Option(names = "--background", defaultValue = "two-area", paramLabel = "two-area|log-ls", description = "integral method's background fit (default ${DEFAULT-VALUE})")
    String background;

    @Option(names = "--fine-structure-ev", defaultValue = "20", paramLabel = "F", description = "model: left out of the fit from each onset to the edge's deepest onset (L2 of L2,3, M4 of M4,5) plus this width in eV (default ${DEFAULT-VALUE})")
    double fineStructureEv;

    @Option(names = "--beam-kv", paramLabel = "KV", description = "beam energy (default: file metadata)")
    Double beamKv;

    @Option(names = "--convergence-mrad", paramLabel = "MRAD", description = "convergence semi-angle (default: file metadata, else 0)")
    Double convergenceMrad;

    @Option(names = "--collection-mrad", paramLabel = "MRAD", description = "collection semi-angle (default: file metadata)")
    Double collectionMrad;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "tessera-map", description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    private record Chosen(String label, EdgeCrossSection xs, IntegrationWindow window) {
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new InvalidFileException(file, "no such file");
        }
        FileFormats formats = Registry.get().formats();
        Dataset data = formats.readFirst(file);
        if (data.signalAxes().size() != 1) {
            throw new InvalidFileException(file, "needs one energy (signal) axis, has " + data.signalAxes().size());
        }
        Axis e = data.axis(data.rank() - 1);
        if (!"eV".equalsIgnoreCase(e.units().trim())) {
            throw new InvalidFileException(file, "energy axis units are '" + e.units() + "', expected eV (an EELS spectrum)");
        }
        Microscope mic = microscope(data);
        boolean model = switch (method.toLowerCase(Locale.ROOT)) {
            case "integral" -> false;
            case "model" -> true;
            default -> throw new IllegalArgumentException("--method must be integral or model, not '" + method + "'");
        };
        if (!background.equals("two-area") && !background.equals("log-ls")) {
            throw new IllegalArgumentException("--background must be two-area or log-ls, not '" + background + "'");
        }
        if (!crossSection.equals("hydrogenic") && !crossSection.equals("optical")) {
            throw new IllegalArgumentException("--cross-section must be hydrogenic or optical, not '" + crossSection + "'");
        }
        Dataset ll = null;
        if (lowLoss != null) {
            if (!Files.isRegularFile(lowLoss)) {
                throw new InvalidFileException(lowLoss, "no such file");
            }
            ll = formats.readFirst(lowLoss);
            if (ll.signalAxes().size() != 1) {
                throw new InvalidFileException(lowLoss, "needs one energy axis");
            }
            if (ll.navigationSize() != 1 && ll.navigationSize() != data.navigationSize()) {
                throw new InvalidFileException(lowLoss, "has " + ll.navigationSize() + " spectra; " + file.getFileName() + " has " + data.navigationSize() + " (need 1 or the same)");
            }
        }
        List<Chosen> chosen = choose(e);
        StderrProgress progress = new StderrProgress(System.err);
        List<String> labels = new ArrayList<>();
        List<Dataset> maps = new ArrayList<>();
        List<Dataset> sigmas = new ArrayList<>();
        String units;
        if (!model) {
            units = "counts";
            for (Chosen c : chosen) {
                progress.stage("integrating " + c.label + " (background " + c.window.backgroundLowEv() + "–" + c.window.backgroundHighEv() + " eV, signal "
                        + c.window.signalLowEv() + "–" + c.window.signalHighEv() + " eV)");
                ElementalMap m;
                try {
                    m = ElementalMap.integrate(data, c.label, c.window, background.equals("two-area"));
                } catch (IllegalArgumentException ex) {
                    throw new InvalidFileException(file, ex.getMessage());
                }
                labels.add(c.label);
                maps.add(m.intensity());
                sigmas.add(m.sigma());
            }
        } else {
            double first = chosen.stream().mapToDouble(c -> c.xs.onsetEv()).min().orElseThrow();
            double lo = Math.max(Math.min(e.value(0), e.high()) + Math.abs(e.scale()), first - gapEv - backgroundEv);
            double hi = Math.max(e.value(0), e.high()) - Math.abs(e.scale());
            progress.stage(String.format(Locale.ROOT, "model fit %.1f–%.1f eV, %s, fine structure (to L2/M4 onset + %.0f eV) left out", lo, hi, String.join(", ", chosen.stream().map(Chosen::label).toList()),
                    fineStructureEv));
            LinearModelFit.Result r;
            try {
                r = new LinearModelFit(chosen.stream().map(Chosen::xs).toList(), mic, lo, hi, fineStructureEv).fit(data, ll);
            } catch (IllegalArgumentException ex) {
                throw new InvalidFileException(file, ex.getMessage());
            }
            labels.addAll(r.labels());
            maps.addAll(r.amplitudes());
            sigmas.addAll(r.sigmas());
            units = r.units();
        }
        // ratios from the pixel sums (integral: Σ I_A/σ_A over Σ I_B/σ_B; model: Σ N_A / Σ N_B)
        double[] sum = new double[labels.size()];
        double[] sd = new double[labels.size()];
        double[] sig = new double[labels.size()];
        for (int j = 0; j < labels.size(); j++) {
            double[] v = maps.get(j).toDoubleArray();
            double[] s = sigmas.get(j).toDoubleArray();
            double var = 0;
            for (int q = 0; q < v.length; q++) {
                if (Double.isFinite(v[q]) && Double.isFinite(s[q])) {
                    sum[j] += v[q];
                    var += s[q] * s[q];
                }
            }
            sd[j] = Math.sqrt(var);
            sig[j] = model ? 1 : chosen.get(j).xs.partial(chosen.get(j).window.deltaEv(), mic);
        }
        List<Quantification.Ratio> ratios = new ArrayList<>();
        for (int a = 0; a < labels.size(); a++) {
            for (int b = 0; b < labels.size(); b++) {
                if (a != b) {
                    ratios.add(Quantification.ratio(labels.get(a), sum[a], sd[a], sig[a], labels.get(b), sum[b], sd[b], sig[b]));
                }
            }
        }
        Map<String, Double> areal = new LinkedHashMap<>();
        if (ll != null) {
            long px = data.navigationSize();
            for (int j = 0; j < labels.size(); j++) {
                if (model) {
                    areal.put(labels.get(j), sum[j] / px);
                } else {
                    double[] il = Quantification.lowLossIntegral(ll, chosen.get(j).window.deltaEv());
                    double tl = 0;
                    for (double v : il) {
                        tl += v;
                    }
                    tl *= (double) px / il.length;
                    areal.put(labels.get(j), Quantification.arealDensity(sum[j], tl, sig[j]));
                }
            }
        }
        try (OutputDirectory od = new OutputDirectory(out)) {
            Path st = od.staging();
            var npy = formats.writerFor(st.resolve("x.npy"));
            for (int j = 0; j < labels.size(); j++) {
                String l = labels.get(j);
                npy.write(maps.get(j), st.resolve(l + ".npy"));
                npy.write(sigmas.get(j), st.resolve(l + "_sigma.npy"));
                writeFloatTiff(maps.get(j), st.resolve(l + ".tif"));
                if (maps.get(j).rank() == 2 || maps.get(j).shape()[0] > 1) {
                    Plots.writePng(maps.get(j), l.replace('_', '-') + " (" + units + ")", st.resolve(l + ".png"));
                }
            }
            writeSpectrum(data, e, chosen, !model, background.equals("two-area"), st.resolve("spectrum.png"));
            writeRatios(st, labels, ratios, areal, units, mic, model, chosen);
            writeReport(st, labels, maps, sum, ratios, areal, units, mic, model, chosen);
            od.commit("report.html");
        }
        progress.stage("wrote " + labels.size() + " map(s) and ratios to " + out.toAbsolutePath());
        for (Quantification.Ratio r : ratios) {
            System.out.printf(Locale.ROOT, "%s/%s = %.4f ± %.4f%n", r.numerator(), r.denominator(), r.value(), r.sigma());
        }
        return 0;
    }

    private Microscope microscope(Dataset d) throws InvalidFileException {
        Double kv = beamKv != null ? beamKv : value(d.metadata().beamEnergyKv());
        Double al = convergenceMrad != null ? convergenceMrad : value(d.metadata().convergenceAngleMrad());
        Double be = collectionMrad != null ? collectionMrad : value(d.metadata().collectionAngleMrad());
        if (kv == null || be == null) {
            throw new InvalidFileException(file, "metadata lacks the " + (kv == null ? "beam energy" : "collection semi-angle") + "; give --beam-kv and --collection-mrad (and --convergence-mrad)");
        }
        try {
            return new Microscope(kv, al == null ? 0 : al, be);
        } catch (IllegalArgumentException ex) {
            throw new InvalidFileException(file, ex.getMessage());
        }
    }

    private static Double value(OptionalDouble o) {
        return o.isPresent() ? o.getAsDouble() : null;
    }

    /**
     * Picks each element's edge and windows; cross sections from {@link CrossSections#of} with the model of
     * {@code --cross-section} (hydrogenic: K and L2,3; optical: any tabulated edge).
     */
    private List<Chosen> choose(Axis e) throws InvalidFileException {
        double lo = Math.min(e.value(0), e.high());
        double hi = Math.max(e.value(0), e.high());
        EdgeTable table = EdgeTable.standard();
        List<Chosen> out = new ArrayList<>();
        for (String raw : elements) {
            String el = raw.trim();
            if (!table.elements().contains(el)) {
                throw new IllegalArgumentException("--elements: unknown element '" + el + "'");
            }
            String shell = null;
            if (edges != null) {
                for (String ed : edges) {
                    String[] p = ed.trim().split("_", 2);
                    if (p.length == 2 && p[0].equals(el)) {
                        shell = p[1];
                    }
                }
            }
            boolean optical = crossSection.equals("optical");
            if (shell == null) {
                List<Edge> inside = table.of(el, lo, hi);
                for (String want : optical ? List.of("K", "L3", "M5") : List.of("K", "L3")) {
                    if (shell == null && inside.stream().anyMatch(x -> x.subshell().equals(want))) {
                        shell = want;
                    }
                }
                if (shell == null) {
                    throw new InvalidFileException(file, "no " + (optical ? "K, L2,3 or M4,5" : "K or L2,3") + " edge of " + el + " lies on the energy axis " + lo + "–" + hi + " eV"
                            + (inside.isEmpty() ? "" : " (edges there: " + String.join(", ", inside.stream().map(Edge::label).toList()) + (optical ? "; name one with --edges)"
                                    : "; the hydrogenic model covers K and L2,3 only: try --cross-section optical)")));
                }
            }
            String edge = switch (shell) {
                case "L3", "L23", "L2,3" -> "L23";
                case "M5", "M45", "M4,5" -> "M45";
                default -> shell;
            };
            EdgeCrossSection xs;
            try {
                xs = CrossSections.of(el, edge, optical ? CrossSections.Model.OPTICAL : CrossSections.Model.HYDROGENIC);
            } catch (IllegalArgumentException ex) {
                throw new InvalidFileException(file, "no " + crossSection + " cross section for " + el + "_" + shell + ": " + ex.getMessage()
                        + (optical ? "" : " (--cross-section optical covers every tabulated edge)"));
            }
            double on = xs.onsetEv();
            if (on < lo || on > hi) {
                throw new InvalidFileException(file, xs.label() + " onset " + on + " eV lies outside the energy axis " + lo + "–" + hi + " eV");
            }
            double delta = Math.min(windowEv, hi - on);
            out.add(new Chosen(xs.label(), xs, IntegrationWindow.forEdge(on, backgroundEv, gapEv, delta)));
        }
        return out;
    }

    /** 32-bit float single-channel TIFF with the JDK's ImageIO TIFF plugin; a 1-D map is written as one row. */
    static void writeFloatTiff(Dataset map, Path f) throws IOException {
        int[] sh = map.shape();
        int h = sh.length == 2 ? sh[0] : 1;
        int w = sh.length == 2 ? sh[1] : sh[0];
        float[] v = map.toFloatArray();
        var sm = new PixelInterleavedSampleModel(DataBuffer.TYPE_FLOAT, w, h, 1, w, new int[] { 0 });
        var raster = Raster.createWritableRaster(sm, new DataBufferFloat(v, v.length), null);
        var cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), false, false, Transparency.OPAQUE, DataBuffer.TYPE_FLOAT);
        BufferedImage img = new BufferedImage(cm, raster, false, null);
        var it = ImageIO.getImageWritersByFormatName("tiff");
        if (!it.hasNext()) {
            throw new IOException("no TIFF writer in this Java runtime");
        }
        ImageWriter wr = it.next();
        try (ImageOutputStream os = ImageIO.createImageOutputStream(f.toFile())) {
            wr.setOutput(os);
            wr.write(img);
        } finally {
            wr.dispose();
        }
    }

    private static void writeSpectrum(Dataset data, Axis e, List<Chosen> chosen, boolean withBackgrounds, boolean twoArea, Path f) throws IOException {
        int n = e.size();
        double[] y = data.toDoubleArray();
        double[] s = new double[n];
        for (int i = 0; i < y.length; i++) {
            s[i % n] += y[i];
        }
        Map<String, Double> markers = new LinkedHashMap<>();
        double lo = Math.min(e.value(0), e.high());
        double hi = Math.max(e.value(0), e.high());
        for (Chosen c : chosen) {
            for (Edge ed : EdgeTable.standard().of(c.xs.element(), lo, hi)) {
                if (ed.major()) {
                    markers.put(ed.element() + "-" + ed.subshell(), ed.onsetEv());
                }
            }
        }
        List<double[]> curves = new ArrayList<>();
        List<String> names = new ArrayList<>();
        curves.add(s);
        names.add("sum of " + data.navigationSize() + " spectra");
        if (withBackgrounds) {
            // each edge's power law fitted to the sum spectrum, drawn from its fit window to the end of its signal window
            for (Chosen c : chosen) {
                int i1 = e.index(c.window.backgroundLowEv());
                int i2 = e.index(c.window.backgroundHighEv());
                int i3 = e.index(c.window.signalHighEv());
                double[] ar = PowerLawBackground.fit(s, 0, e, i1, i2, twoArea);
                double[] b = new double[n];
                java.util.Arrays.fill(b, Double.NaN);
                for (int i = i1; i <= Math.min(i3, n - 1); i++) {
                    b[i] = ar[0] * Math.pow(e.value(i), -ar[1]);
                }
                curves.add(b);
                names.add(c.label + " background");
            }
        }
        Plots.writeSpectrumPng("Sum spectrum with edges (EdgeTable onsets)", e, curves.toArray(double[][]::new), names, "counts", markers, f);
    }

    private void writeRatios(Path st, List<String> labels, List<Quantification.Ratio> ratios, Map<String, Double> areal, String units, Microscope mic, boolean model,
            List<Chosen> chosen) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("file", file.toAbsolutePath().toString());
        root.put("method", model ? "model" : "integral");
        Map<String, Object> mm = new LinkedHashMap<>();
        mm.put("beamKv", mic.beamKv());
        mm.put("convergenceMrad", mic.convergenceMrad());
        mm.put("collectionMrad", mic.collectionMrad());
        root.put("microscope", mm);
        List<Object> ed = new ArrayList<>();
        for (Chosen c : chosen) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", c.label);
            m.put("onsetEv", c.xs.onsetEv());
            m.put("crossSection", c.xs.getClass().getSimpleName());
            m.put("crossSectionModel", crossSection);
            if (!model) {
                m.put("backgroundEv", List.of(c.window.backgroundLowEv(), c.window.backgroundHighEv()));
                m.put("signalEv", List.of(c.window.signalLowEv(), c.window.signalHighEv()));
                m.put("sigmaBarn", c.xs.partial(c.window.deltaEv(), mic));
            }
            ed.add(m);
        }
        root.put("edges", ed);
        root.put("units", units);
        List<Object> rl = new ArrayList<>();
        StringBuilder csv = new StringBuilder("numerator,denominator,ratio,sigma\n");
        for (Quantification.Ratio r : ratios) {
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("numerator", r.numerator());
            rm.put("denominator", r.denominator());
            rm.put("ratio", finite(r.value()));
            rm.put("sigma", finite(r.sigma()));
            rl.add(rm);
            csv.append(String.format(Locale.ROOT, "%s,%s,%.6g,%.6g%n", r.numerator(), r.denominator(), r.value(), r.sigma()));
        }
        root.put("ratios", rl);
        if (!areal.isEmpty()) {
            Map<String, Object> a = new LinkedHashMap<>();
            areal.forEach((k, v) -> a.put(k, finite(v)));
            root.put("arealDensityPerNm2", a);
        }
        Files.writeString(st.resolve("ratios.json"), JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(root), StandardCharsets.UTF_8);
        Files.writeString(st.resolve("ratios.csv"), csv.toString(), StandardCharsets.UTF_8);
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? (Object) v : String.valueOf(v);
    }

    private void writeReport(Path st, List<String> labels, List<Dataset> maps, double[] sum, List<Quantification.Ratio> ratios, Map<String, Double> areal, String units,
            Microscope mic, boolean model, List<Chosen> chosen) throws IOException {
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Tessera elemental maps</title>"
                + "<style>body{font-family:sans-serif;margin:2em}td,th{padding:2px 10px;text-align:right}</style></head><body>\n");
        h.append("<h1>Elemental maps: ").append(esc(file.getFileName().toString())).append("</h1>\n");
        h.append(String.format(Locale.ROOT, "<p>Method: <b>%s</b>; E0 %.4g kV, α %.4g mrad, β %.4g mrad; cross sections: %s.</p>%n",
                model ? "linear model fit (3 power laws + dσ/dE, Poisson-weighted NNLS, fine structure from each onset to the deepest (L2/M4) onset + " + fineStructureEv + " eV left out; " + crossSection + " cross sections)" : "power-law background (" + background + ") + window integral",
                mic.beamKv(), mic.convergenceMrad(), mic.collectionMrad(), esc(String.join(", ", chosen.stream().map(c -> c.label + " " + c.xs.getClass().getSimpleName()).toList()))));
        h.append("<h2>Spectrum and edges</h2><img src=\"spectrum.png\" alt=\"sum spectrum with edge markers\">\n<h2>Edges</h2><table><tr><th>edge</th><th>onset (eV)</th>");
        if (!model) {
            h.append("<th>background (eV)</th><th>signal (eV)</th><th>σ (barn)</th>");
        }
        h.append("<th>sum (").append(esc(units)).append(")</th></tr>\n");
        for (int j = 0; j < labels.size(); j++) {
            Chosen c = chosen.get(j);
            h.append("<tr><td>").append(labels.get(j)).append(String.format(Locale.ROOT, "</td><td>%.1f</td>", c.xs.onsetEv()));
            if (!model) {
                h.append(String.format(Locale.ROOT, "<td>%.1f–%.1f</td><td>%.1f–%.1f</td><td>%.4g</td>", c.window.backgroundLowEv(), c.window.backgroundHighEv(), c.window.signalLowEv(),
                        c.window.signalHighEv(), c.xs.partial(c.window.deltaEv(), mic)));
            }
            h.append(String.format(Locale.ROOT, "<td>%.6g</td></tr>%n", sum[j]));
        }
        h.append("</table>\n<h2>Atomic ratios</h2><table><tr><th>ratio</th><th>value</th><th>σ (counting)</th></tr>\n");
        for (Quantification.Ratio r : ratios) {
            h.append(String.format(Locale.ROOT, "<tr><td>%s / %s</td><td>%.4f</td><td>%.4f</td></tr>%n", r.numerator(), r.denominator(), r.value(), r.sigma()));
        }
        h.append("</table>\n");
        if (!areal.isEmpty()) {
            h.append("<h2>Areal densities (atoms/nm², mean over pixels)</h2><table>\n");
            areal.forEach((k, v) -> h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.4g</td></tr>%n", k, v)));
            h.append("</table>\n");
        }
        h.append("<h2>Maps</h2>\n");
        for (int j = 0; j < labels.size(); j++) {
            if (Files.exists(st.resolve(labels.get(j) + ".png"))) {
                h.append("<img src=\"").append(labels.get(j)).append(".png\" alt=\"").append(labels.get(j)).append(" map\">\n");
            }
        }
        h.append("<p>Files: &lt;edge&gt;.npy (float64), &lt;edge&gt;.tif (float32), &lt;edge&gt;_sigma.npy (standard deviation), ratios.json, ratios.csv.</p></body></html>\n");
        Files.writeString(st.resolve("report.html"), h.toString(), StandardCharsets.UTF_8);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
