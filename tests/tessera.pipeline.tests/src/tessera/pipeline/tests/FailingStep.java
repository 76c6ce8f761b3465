package tessera.pipeline.tests;

import java.util.List;
import java.util.Map;

import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.Step;
import tessera.pipeline.StepContext;

/** Test-only step {@code tessera.test.fail}: takes a dataset and throws {@link IllegalStateException} with {@code message}. */
public final class FailingStep implements Step {
    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.ofString("message", "failed on purpose", "the error message"));
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(new LiteratureReference("test fixture", ""));
    }

    @Override
    public List<Port> inputs() {
        return List.of(Port.of("data", PortType.DATASET, "any dataset"));
    }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("data", PortType.DATASET, "never produced"));
    }

    @Override
    public Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters parameters) {
        throw new IllegalStateException(parameters.getString("message"));
    }
}
