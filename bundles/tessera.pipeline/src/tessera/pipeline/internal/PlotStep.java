package tessera.pipeline.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.model.Dataset;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.Step;
import tessera.pipeline.StepContext;
import tessera.pipeline.WrittenFile;
import tessera.report.Plots;

/**
 * {@code tessera.pipeline.plot}: draws a dataset into a PNG file of the output directory with
 * {@link Plots} (spectra as curves, images and maps as colour-mapped panels), headless.
 */
public final class PlotStep implements Step {
    /** step id */
    public static final String ID = "tessera.pipeline.plot";

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.ofString("file", "plot.png", "PNG file name inside the output directory"),
                ParameterSpec.ofString("title", "", "figure title (default: the dataset's title)"));
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(new LiteratureReference("D. Gilbert et al., JFreeChart 1.5 (Java2D charts)", ""));
    }

    @Override
    public List<Port> inputs() {
        return List.of(Port.of("data", PortType.DATASET, "dataset with at most two signal axes"));
    }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("file", PortType.FILE, "the PNG file"));
    }

    @Override
    public Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters parameters) throws Exception {
        String name = SaveStep.plainName(parameters.getString("file"));
        if (!name.toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
            throw new IllegalArgumentException("parameter 'file' must end with .png, not '" + name + "'");
        }
        Path file = context.outputDirectory().resolve(name);
        context.log("plotting " + name);
        Plots.writePng((Dataset) inputs.get("data"), parameters.getString("title"), file);
        return Map.of("file", new WrittenFile(file, Map.of()));
    }
}
