package tessera.pipeline.internal;

import java.util.List;
import java.util.Map;

import tessera.core.analysis.Decomposer;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.model.Dataset;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.Step;
import tessera.pipeline.StepContext;

/** A {@link Decomposer} contribution as a pipeline step: {@code data} (DATASET) to {@code result} (DECOMPOSITION). */
public final class DecomposerStep implements Step {
    private final Decomposer decomposer;

    /** @param decomposer the algorithm */
    public DecomposerStep(Decomposer decomposer) {
        this.decomposer = decomposer;
    }

    @Override
    public List<ParameterSpec> parameters() {
        return decomposer.parameters();
    }

    @Override
    public List<LiteratureReference> references() {
        return decomposer.references();
    }

    @Override
    public List<Port> inputs() {
        return List.of(Port.of("data", PortType.DATASET, "spectrum image or line scan [nav..., nE]"));
    }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("result", PortType.DECOMPOSITION, "factors [k, nE], loadings [k, nav...], explained variance"));
    }

    @Override
    public Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters parameters) {
        Dataset data = (Dataset) inputs.get("data");
        return Map.of("result", decomposer.decompose(data, parameters, context.monitor()));
    }
}
