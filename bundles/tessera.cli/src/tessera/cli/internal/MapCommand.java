package tessera.cli.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tessera.core.analysis.ElementMaps;
import tessera.core.io.InvalidFileException;
import tessera.core.model.Dataset;
import tessera.core.registry.Registry;
import tessera.pipeline.MapJob;
import tessera.pipeline.MapOptions;
import tessera.pipeline.RunResult;

/**
 * {@code tessera map FILE --elements ... --out DIR}: elemental maps of an EELS or EDX spectrum, line scan or spectrum
 * image through {@link MapJob} (the pipeline engine, so the run leaves {@code provenance.xmi} and re-runs with
 * {@code tessera rerun --verify}). EELS: edge maps and atomic ratios ({@code tessera.eels.edge-maps}); EDX: X-ray line
 * intensities ({@code tessera.edx.line-intensities}) and, with {@code --quantification}, compositions
 * ({@code tessera.edx.quantification}). This class only turns options into step parameters and prints the summary.
 */
@Command(name = "map", description = { "EELS elemental maps and atomic ratios, or EDX X-ray line maps and compositions;",
        "writes <map>.npy/.tif/_sigma.npy/.png, ratios.json, ratios.csv, report.html and provenance.xmi into DIR." })
final class MapCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "EELS (eV) or EDX (keV) spectrum, line scan or spectrum image")
    Path file;

    @picocli.CommandLine.Mixin
    ReaderOptions readerOptions = new ReaderOptions();

    @Option(names = "--elements", split = ",", paramLabel = "EL", description = "elements, e.g. Cu,Zn (EELS: required, or auto: identified first by the element-identification ensemble; EDX: default the file's Sample.elements)")
    List<String> elements = List.of();

    @Option(names = "--edges", split = ",", paramLabel = "EDGE", description = "EELS edges, e.g. Cu_L3,O_K,La_M5 (L3 = L2,3 and M5 = M4,5; other subshells or groups such as M23, N45 with optical cross sections; default: per element K if on the axis, else L2,3, else (optical) M4,5)")
    List<String> edges = List.of();

    @Option(names = "--cross-section", defaultValue = "hydrogenic", paramLabel = "hydrogenic|optical", description = "EELS: hydrogenic (Egerton SIGMAK3/SIGMAL3: K and L2,3) or optical (optical-limit, NIST FFAST: any edge); default ${DEFAULT-VALUE}")
    String crossSection;

    @Option(names = "--low-loss", paramLabel = "LL", description = "EELS low-loss spectrum or SI (ZLP at 0 eV) for absolute quantification")
    Path lowLoss;

    @Option(names = "--method", defaultValue = "integral", paramLabel = "integral|model", description = "EELS: integral (power law + window sum) or model (NNLS fit); default ${DEFAULT-VALUE}")
    String method;

    @Option(names = "--window-ev", defaultValue = "50", paramLabel = "DELTA", description = "EELS integration width above each onset in eV (default ${DEFAULT-VALUE})")
    double windowEv;

    @Option(names = "--background-ev", defaultValue = "50", paramLabel = "W", description = "EELS pre-edge background window width in eV (default ${DEFAULT-VALUE})")
    double backgroundEv;

    @Option(names = "--gap-ev", defaultValue = "5", paramLabel = "G", description = "EELS gap between the background window and the onset in eV (default ${DEFAULT-VALUE})")
    double gapEv;

    @Option(names = "--background", defaultValue = "two-area", paramLabel = "two-area|log-ls", description = "EELS integral method's background fit (default ${DEFAULT-VALUE})")
    String background;

    @Option(names = "--fine-structure-ev", defaultValue = "20", paramLabel = "F", description = "EELS model: left out of the fit from each onset to the edge's deepest onset (L2 of L2,3, M4 of M4,5) plus this width in eV (default ${DEFAULT-VALUE})")
    double fineStructureEv;

    @Option(names = "--beam-kv", paramLabel = "KV", description = "beam energy (default: file metadata)")
    Double beamKv;

    @Option(names = "--convergence-mrad", paramLabel = "MRAD", description = "EELS convergence semi-angle (default: file metadata, else 0)")
    Double convergenceMrad;

    @Option(names = "--collection-mrad", paramLabel = "MRAD", description = "EELS collection semi-angle (default: file metadata)")
    Double collectionMrad;

    @Option(names = "--lines", split = ",", paramLabel = "LINE", description = "EDX X-ray lines, e.g. Fe_Ka,Pt_La (default: each element's Ka, else La, else Ma line inside the energy axis and below the beam energy)")
    List<String> lines = List.of();

    @Option(names = "--energy-resolution-ev", paramLabel = "EV", description = "EDX detector FWHM at Mn Ka in eV (default: file metadata)")
    Double energyResolution;

    @Option(names = "--integration-windows", paramLabel = "W", description = "EDX integration window width in units of the line's FWHM (default 2, as HyperSpy)")
    Double integrationWindows;

    @Option(names = "--no-background", description = "EDX: integrate without background windows")
    boolean noBackground;

    @Option(names = "--quantification", paramLabel = "cl|zeta|cross_section", description = "EDX: quantify the line intensities by Cliff-Lorimer k-factors, zeta factors or cross sections (needs --factors)")
    String quantification;

    @Option(names = "--factors", split = ",", paramLabel = "F", description = "EDX: one k-, zeta- or cross-section factor per line, in the order of the lines")
    List<String> factors = List.of();

    @Option(names = "--composition-units", defaultValue = "at", paramLabel = "at|wt", description = "EDX composition in atomic or weight percent (default ${DEFAULT-VALUE})")
    String compositionUnits;

    @Option(names = "--thickness-nm", paramLabel = "T", description = "EDX: sample thickness in nm for the absorption correction (none without it)")
    Double thicknessNm;

    @Option(names = "--density", paramLabel = "RHO", description = "EDX: sample density in g/cm3 for the absorption correction (default: from the composition)")
    Double density;

    @Option(names = "--take-off-angle-deg", paramLabel = "DEG", description = "EDX: X-ray take-off angle in degrees (default: from the detector elevation and stage tilt in the metadata)")
    Double takeOffAngle;

    @Option(names = "--beam-current-na", paramLabel = "NA", description = "EDX zeta/cross_section: beam current in nA (default: file metadata)")
    Double beamCurrent;

    @Option(names = "--live-time-s", paramLabel = "S", description = "EDX zeta/cross_section: live time per spectrum in s (default: file metadata)")
    Double liveTime;

    @Option(names = "--probe-area-nm2", paramLabel = "NM2", description = "EDX cross_section: probe area in nm2 (default: file metadata, else the pixel area)")
    Double probeArea;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "tessera-map", description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        tessera.core.io.FileSelector.requireFile(file);
        if (lowLoss != null && !Files.isRegularFile(lowLoss)) {
            throw new InvalidFileException(lowLoss, "no such file");
        }
        Map<String, Object> eels = new LinkedHashMap<>();
        eels.put("edges", String.join(",", edges));
        eels.put("crossSection", crossSection);
        eels.put("method", method);
        eels.put("windowEv", windowEv);
        eels.put("backgroundEv", backgroundEv);
        eels.put("gapEv", gapEv);
        eels.put("background", background);
        eels.put("fineStructureEv", fineStructureEv);
        putIfSet(eels, "beamKv", beamKv);
        putIfSet(eels, "convergenceMrad", convergenceMrad);
        putIfSet(eels, "collectionMrad", collectionMrad);
        Map<String, Object> edx = new LinkedHashMap<>();
        if (!lines.isEmpty()) {
            edx.put("lines", String.join(",", lines));
        }
        putIfSet(edx, "energyResolution", energyResolution);
        putIfSet(edx, "integrationWindows", integrationWindows);
        if (noBackground) {
            edx.put("backgroundWindows", false);
        }
        Map<String, Object> quant = null;
        if (quantification != null) {
            quant = new LinkedHashMap<>();
            quant.put("method", quantification.toLowerCase(Locale.ROOT).replace('-', '_'));
            quant.put("factors", String.join(",", factors));
            quant.put("units", compositionUnits);
            putIfSet(quant, "thickness", thicknessNm);
            putIfSet(quant, "density", density);
            putIfSet(quant, "takeOffAngle", takeOffAngle);
            putIfSet(quant, "beamCurrent", beamCurrent);
            putIfSet(quant, "liveTime", liveTime);
            putIfSet(quant, "probeArea", probeArea);
            if (thicknessNm != null) {
                quant.put("absorptionCorrection", true);
            }
        } else if (!factors.isEmpty()) {
            throw new IllegalArgumentException("--factors needs --quantification cl|zeta|cross_section");
        }
        StderrProgress progress = new StderrProgress(System.err);
        RunResult run = MapJob.run(Registry.get(), new MapOptions(file, lowLoss, out, elements, eels, edx, quant, readerOptions.map()), progress, progress::stage);
        Dataset maps = (Dataset) (run.value(MapJob.EELS_STEP + ".intensities") != null ? run.value(MapJob.EELS_STEP + ".intensities") : run.value(MapJob.LINES_STEP + ".intensities"));
        progress.stage("wrote " + ElementMaps.labels(maps).size() + " map(s) to " + out.toAbsolutePath() + " (record: " + run.recordFile().getFileName() + ")");
        if (maps.metadata().get(ElementMaps.SUMMARY) instanceof List<?> ratios) {
            for (Object o : ratios) {
                Map<?, ?> r = (Map<?, ?>) o;
                System.out.printf(Locale.ROOT, "%s/%s = %.4f ± %.4f%n", r.get("numerator"), r.get("denominator"), num(r.get("ratio")), num(r.get("sigma")));
            }
        } else {
            ElementMaps.sums(maps).forEach((k, v) -> System.out.printf(Locale.ROOT, "%s = %.6g %s%n", k, v, maps.metadata().get(tessera.core.model.Metadata.QUANTITY)));
        }
        if (run.value(MapJob.QUANT_STEP + ".composition") instanceof Dataset c && c.metadata().get(ElementMaps.SUMMARY) instanceof List<?> rows) {
            for (Object o : rows) {
                Map<?, ?> r = (Map<?, ?>) o;
                System.out.printf(Locale.ROOT, "%s = %.2f ± %.2f %s%n", r.get("element"), num(r.get("value")), num(r.get("sigma")), c.metadata().get(tessera.core.model.Metadata.QUANTITY));
            }
        }
        return 0;
    }

    private static void putIfSet(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
