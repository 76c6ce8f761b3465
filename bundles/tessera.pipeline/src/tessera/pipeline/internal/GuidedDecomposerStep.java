package tessera.pipeline.internal;

import java.util.List;
import java.util.Map;

import tessera.core.analysis.GuidedDecomposer;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.model.Dataset;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.Step;
import tessera.pipeline.StepContext;

/**
 * A {@link GuidedDecomposer} contribution (physics-guided NMF) as a pipeline step: {@code data} and {@code model}
 * (the forward model G {@code [m, nE]} that an EDX or EELS model step writes) to {@code result} (DECOMPOSITION whose
 * factors are the phases' spectra G·W, loadings the abundance maps H and auxiliary datasets the compositions W).
 */
public final class GuidedDecomposerStep implements Step {
    private final GuidedDecomposer decomposer;

    /** @param decomposer the algorithm */
    public GuidedDecomposerStep(GuidedDecomposer decomposer) {
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
        return List.of(Port.of("data", PortType.DATASET, "spectrum image or line scan [nav..., nE] (counts)"),
                Port.of("model", PortType.DATASET, "forward model G [m, nE] on the data's energy axis, with its column names"));
    }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("result", PortType.DECOMPOSITION, "phase spectra G·W [k, nE], abundance maps H [k, nav...], compositions W [k, m]"));
    }

    @Override
    public Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters parameters) {
        return Map.of("result", decomposer.decompose((Dataset) inputs.get("data"), (Dataset) inputs.get("model"), parameters, context.monitor()));
    }
}
