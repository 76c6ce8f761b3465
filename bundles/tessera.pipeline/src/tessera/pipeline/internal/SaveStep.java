package tessera.pipeline.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.Step;
import tessera.pipeline.StepContext;
import tessera.pipeline.WrittenFile;

/**
 * {@code tessera.pipeline.save}: writes values of a pipeline into one file of the output
 * directory, with the installed writer for its extension ({@code .hspy}: every value as a
 * HyperSpy signal that keeps its calibration; {@code .npy}: exactly one array). A dataset is saved
 * as it is; a decomposition as {@code <title> factors} {@code [k, signal...]} and
 * {@code <title> loadings} {@code [k, nav...]}; a clustering as {@code <title> labels} (int32) on
 * the navigation axes of the dataset or decomposition given with it (flat otherwise).
 */
public final class SaveStep implements Step {
    /** step id */
    public static final String ID = "tessera.pipeline.save";

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.ofString("file", "results.hspy", "file name inside the output directory; its extension picks the writer"),
                ParameterSpec.ofString("title", "", "prefix of the saved signals' titles (default: none)"));
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(new LiteratureReference("F. de la Peña et al., HyperSpy 1.7.3, HDF5 file format specification (hspy 3.1) (Zenodo)",
                "10.5281/zenodo.7263263"));
    }

    @Override
    public List<Port> inputs() {
        return List.of(Port.optional("data", PortType.DATASET, "a dataset"),
                Port.optional("decomposition", PortType.DECOMPOSITION, "factors and loadings"),
                Port.optional("clusters", PortType.CLUSTERING, "cluster labels"));
    }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("file", PortType.FILE, "the written file"));
    }

    @Override
    public Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters parameters) throws Exception {
        String name = plainName(parameters.getString("file"));
        String prefix = parameters.getString("title").isBlank() ? "" : parameters.getString("title") + " ";
        List<Dataset> out = new ArrayList<>();
        Dataset data = (Dataset) inputs.get("data");
        DecompositionResult dec = (DecompositionResult) inputs.get("decomposition");
        ClusterResult cl = (ClusterResult) inputs.get("clusters");
        if (data != null) {
            out.add(titled(data, prefix.isEmpty() ? (data.metadata().title().isEmpty() ? "data" : data.metadata().title()) : prefix.trim()));
        }
        if (dec != null) {
            String what = dec.algorithmId().substring(dec.algorithmId().lastIndexOf('.') + 1).toUpperCase(java.util.Locale.ROOT);
            out.add(titled(dec.factors(), prefix + what + " factors"));
            out.add(titled(dec.loadings(), prefix + what + " loadings"));
            if (name.endsWith(".hspy")) {
                for (var e : dec.auxiliary().entrySet()) {
                    out.add(titled(e.getValue(), prefix + what + " " + e.getKey()));
                }
            }
        }
        if (cl != null) {
            List<Axis> axes = new ArrayList<>();
            if (data != null && data.navigationSize() == cl.labels().length) {
                data.navigationAxes().forEach(a -> axes.add(a.withNavigate(false)));
            } else if (dec != null && dec.loadings().size() / dec.components() == cl.labels().length) {
                axes.addAll(dec.loadings().axes().subList(1, dec.loadings().rank()));
            } else {
                axes.add(Axis.uncalibrated("position", cl.labels().length, false));
            }
            out.add(titled(Dataset.ofInts(cl.labels().clone(), axes, null), prefix + "Cluster labels"));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("nothing to save: connect at least one of data, decomposition, clusters");
        }
        Path file = context.outputDirectory().resolve(name);
        context.log("writing " + name);
        context.registry().formats().writerFor(file).writeAll(out, file);
        Map<String, Dataset> contents = new LinkedHashMap<>();
        for (Dataset d : out) {
            contents.put(name.endsWith(".hspy") ? "/Experiments/" + d.metadata().title() : "/", d);
        }
        return Map.of("file", new WrittenFile(file, contents));
    }

    /**
     * Checks a {@code file} parameter.
     *
     * @param name the parameter value
     * @return the name
     * @throws IllegalArgumentException unless it is a plain file name (no folder, not hidden)
     */
    static String plainName(String name) {
        if (name.isBlank() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IllegalArgumentException("parameter 'file' must be a plain file name inside the output directory, not '" + name + "'");
        }
        return name;
    }

    private static Dataset titled(Dataset d, String title) {
        Metadata md = d.metadata().copy();
        md.title(title);
        return d.withMetadata(md);
    }
}
