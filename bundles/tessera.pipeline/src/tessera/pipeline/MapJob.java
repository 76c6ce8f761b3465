package tessera.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import tessera.core.analysis.ProgressMonitor;
import tessera.core.registry.Registry;
import tessera.pipeline.internal.MapReportStep;
import tessera.pipeline.internal.ReadStep;
import tessera.pipeline.internal.SignalKindStep;

/**
 * {@code tessera map} as a pipeline ({@link #pipeline}): read the file, tell EDX from EELS
 * ({@code tessera.pipeline.signal-kind}), then either the EELS edge maps and ratios ({@code tessera.eels.edge-maps})
 * or the EDX X-ray line intensities ({@code tessera.edx.line-intensities}) and, when asked, their quantification
 * ({@code tessera.edx.quantification}), and the map outputs ({@code tessera.pipeline.map-report}). Like
 * {@link AnalyzeJob} it runs on the {@link PipelineEngine}, so every run leaves {@value PipelineEngine#RECORD} beside
 * its outputs and re-runs with {@code tessera rerun --verify}.
 */
public final class MapJob {
    /** name of the pipeline input of the spectra */
    public static final String INPUT = "input";
    /** name of the pipeline input of the EELS low-loss spectrum */
    public static final String LOW_LOSS = "lowLoss";
    /** id of the EELS mapping step */
    public static final String EELS_MAPS = "tessera.eels.edge-maps";
    /** id of the EDX line-intensity step */
    public static final String EDX_LINES = "tessera.edx.line-intensities";
    /** id of the EDX quantification step */
    public static final String EDX_QUANT = "tessera.edx.quantification";
    /** name of the EELS maps step in the pipeline */
    public static final String EELS_STEP = "edges";
    /** name of the EDX lines step in the pipeline */
    public static final String LINES_STEP = "lines";
    /** name of the element-identification step of {@code --elements auto} */
    public static final String IDENTIFY_STEP = "identify";
    /** name of the EDX quantification step in the pipeline */
    public static final String QUANT_STEP = "quantify";

    private MapJob() {
    }

    /**
     * The map pipeline for these options.
     *
     * @param o options (input, low loss and outDir are not part of the document)
     * @return the document
     */
    public static PipelineDocument pipeline(MapOptions o) {
        List<StepSpec> s = new ArrayList<>();
        Map<String, Object> rp = new LinkedHashMap<>(ReadStep.options(o.readOptions()));
        rp.put("kind", ReadStep.ANY_SPECTRA);
        s.add(new StepSpec("read", ReadStep.ID, Map.of("file", new Ref(null, INPUT)), rp, null));
        s.add(new StepSpec("kind", SignalKindStep.ID, Map.of("data", ref("read.data")), Map.of(), null));
        String file = o.input() == null ? "" : o.input().getFileName().toString();
        Map<String, Ref> ein = new LinkedHashMap<>();
        ein.put("data", ref("read.data"));
        if (o.lowLoss() != null) {
            s.add(new StepSpec("read-low-loss", ReadStep.ID, Map.of("file", new Ref(null, LOW_LOSS)), Map.of("kind", ReadStep.ANY_SPECTRA), null));
            ein.put("lowLoss", ref("read-low-loss.data"));
        }
        Map<String, Object> ep = new LinkedHashMap<>(o.eels());
        ep.put("elements", String.join(",", o.elements()));
        if (o.elements().size() == 1 && "auto".equalsIgnoreCase(o.elements().get(0))) {
            // Annys et al. 2023, Fig. 7: the elements identified by the network drive the map (both steps recorded)
            s.add(new StepSpec(IDENTIFY_STEP, IdentifyJob.ELEMENT_ID, Map.of("data", ref("read.data")), Map.of(), ref("kind.eels")));
            ein.put("identified", ref(IDENTIFY_STEP + ".probabilities"));
        }
        s.add(new StepSpec(EELS_STEP, EELS_MAPS, ein, ep, ref("kind.eels")));
        s.add(new StepSpec("report-eels", MapReportStep.ID, Map.of("data", ref("read.data"), "intensities", ref(EELS_STEP + ".intensities"), "sigma", ref(EELS_STEP + ".sigma"),
                "spectrum", ref(EELS_STEP + ".spectrum")), Map.of("file", file), ref("kind.eels")));
        Map<String, Object> xp = new LinkedHashMap<>(o.edx());
        if (!o.elements().isEmpty()) {
            xp.put("elements", String.join(",", o.elements()));
        }
        s.add(new StepSpec(LINES_STEP, EDX_LINES, Map.of("data", ref("read.data")), xp, ref("kind.eds")));
        Map<String, Ref> rin = new LinkedHashMap<>();
        rin.put("data", ref("read.data"));
        rin.put("intensities", ref(LINES_STEP + ".intensities"));
        rin.put("sigma", ref(LINES_STEP + ".sigma"));
        if (o.quantification() != null) {
            s.add(new StepSpec(QUANT_STEP, EDX_QUANT, Map.of("data", ref("read.data"), "intensities", ref(LINES_STEP + ".intensities"), "sigma", ref(LINES_STEP + ".sigma")),
                    o.quantification(), ref("kind.eds")));
            rin.put("composition", ref(QUANT_STEP + ".composition"));
            rin.put("compositionSigma", ref(QUANT_STEP + ".compositionSigma"));
        }
        s.add(new StepSpec("report-eds", MapReportStep.ID, rin, Map.of("file", file), ref("kind.eds")));
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put(INPUT, "EELS or EDX spectrum, line scan or spectrum image");
        if (o.lowLoss() != null) {
            inputs.put(LOW_LOSS, "EELS low-loss spectrum or SI (ZLP at 0 eV)");
        }
        return new PipelineDocument("map", "tessera map: EELS edge maps and ratios, or EDX X-ray line maps and quantification", inputs, s);
    }

    /**
     * Runs {@code tessera map}: the {@link #pipeline} on {@code o.input()}, writing the maps, the summary, the report
     * and {@value PipelineEngine#RECORD} into {@code o.outDir()} all-or-nothing.
     *
     * @param registry the extension registry
     * @param o        options
     * @param monitor  progress
     * @param log      one line per stage
     * @return the run; {@code run.value("edges.intensities")} (EELS) or {@code run.value("lines.intensities")} (EDX)
     *         holds the map stack, and its metadata the ratios / the composition
     * @throws tessera.core.io.InvalidFileException if the input is missing or unreadable
     * @throws PipelineRunException if a step failed (its cause names the file and the problem)
     * @throws InvalidPipelineException if a parameter is unknown or out of range for its step
     * @throws IOException on an I/O error; nothing is left in the output directory then
     */
    public static RunResult run(Registry registry, MapOptions o, ProgressMonitor monitor, Consumer<String> log) throws IOException, PipelineRunException, InvalidPipelineException {
        Map<String, Path> in = new LinkedHashMap<>();
        in.put(INPUT, o.input());
        if (o.lowLoss() != null) {
            in.put(LOW_LOSS, o.lowLoss());
        }
        return new PipelineEngine(registry).run(pipeline(o), "map", in, o.outDir(), RunOptions.of(monitor, log));
    }

    private static Ref ref(String text) {
        return Ref.parse(text);
    }
}
