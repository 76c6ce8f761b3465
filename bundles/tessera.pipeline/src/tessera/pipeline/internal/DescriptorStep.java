package tessera.pipeline.internal;

import java.util.List;
import java.util.Map;

import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.LocalDescriptor;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.model.Dataset;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.Step;
import tessera.pipeline.StepContext;

/**
 * A {@link LocalDescriptor} contribution as a pipeline step: {@code image} and {@code positions} ({@code [n, 2]}) to
 * {@code features} ({@code [n, d]}, navigation "column"), which a clusterer step takes as its {@code data}.
 */
public final class DescriptorStep implements Step {
    private final LocalDescriptor descriptor;

    /** @param descriptor the descriptor */
    public DescriptorStep(LocalDescriptor descriptor) {
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
        return List.of(Port.of("image", PortType.DATASET, "the image the columns were found in"),
                Port.of("positions", PortType.DATASET, "column positions [n, 2] (y, x px)"));
    }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("features", PortType.DATASET, "descriptors [n columns, d features]"));
    }

    @Override
    public Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters parameters) {
        return Map.of("features", descriptor.describe((Dataset) inputs.get("image"), (Dataset) inputs.get("positions"), parameters, context.monitor()));
    }
}
