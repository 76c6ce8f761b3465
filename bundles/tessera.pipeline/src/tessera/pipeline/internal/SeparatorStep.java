package tessera.pipeline.internal;

import java.util.List;
import java.util.Map;

import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.SourceSeparator;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.Step;
import tessera.pipeline.StepContext;

/**
 * A {@link SourceSeparator} contribution (FastICA, orthomax) as a pipeline step: {@code decomposition}
 * (DECOMPOSITION, usually the PCA) to {@code result} (DECOMPOSITION: the separated components with the unmixing
 * matrix), as HyperSpy 1.7's {@code blind_source_separation} after {@code decomposition}.
 */
public final class SeparatorStep implements Step {
    private final SourceSeparator separator;

    /** @param separator the algorithm */
    public SeparatorStep(SourceSeparator separator) {
        this.separator = separator;
    }

    @Override
    public List<ParameterSpec> parameters() {
        return separator.parameters();
    }

    @Override
    public List<LiteratureReference> references() {
        return separator.references();
    }

    @Override
    public List<Port> inputs() {
        return List.of(Port.of("decomposition", PortType.DECOMPOSITION, "the decomposition whose first components are separated (PCA)"));
    }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("result", PortType.DECOMPOSITION, "separated factors [N, nE] and loadings [N, nav...], the unmixing matrix [N, N]"));
    }

    @Override
    public Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters parameters) {
        return Map.of("result", separator.separate((DecompositionResult) inputs.get("decomposition"), parameters, context.monitor()));
    }
}
