package tessera.pipeline.internal;

import java.util.List;
import java.util.Map;

import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.WindowDescriptor;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.model.Dataset;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.Step;
import tessera.pipeline.StepContext;

/**
 * A {@link WindowDescriptor} contribution as a pipeline step: {@code image} to {@code features} ({@code [wy, wx, d]},
 * navigation at the window centres), which decomposer and clusterer steps take as a spectrum image.
 */
public final class WindowDescriptorStep implements Step {
    private final WindowDescriptor descriptor;

    /** @param descriptor the descriptor */
    public WindowDescriptorStep(WindowDescriptor descriptor) {
        this.descriptor = descriptor;
    }

    @Override
    public List<ParameterSpec> parameters() {
        return descriptor.parameters();
    }

    @Override
    public List<LiteratureReference> references() {
        return descriptor.references();
    }

    @Override
    public List<Port> inputs() {
        return List.of(Port.of("image", PortType.DATASET, "one 2-D image"));
    }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("features", PortType.DATASET, "features [wy, wx, d] on the grid of window centres"));
    }

    @Override
    public Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters parameters) {
        return Map.of("features", descriptor.describe((Dataset) inputs.get("image"), parameters, context.monitor()));
    }
}
