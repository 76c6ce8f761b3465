package tessera.pipeline.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tessera.core.analysis.DynamicsModel;
import tessera.core.analysis.DynamicsResult;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.model.Dataset;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.Step;
import tessera.pipeline.StepContext;

/**
 * A {@link DynamicsModel} contribution as a pipeline step: {@code labels} (class trajectories {@code [sites, frames]},
 * −1 = not seen) to one DATASET output per {@link DynamicsResult} name: counts, transition matrix, stationary
 * distribution, implied timescales and mean first-passage times always; the posterior spread and the timescales
 * against lag when the model computed them.
 */
public final class DynamicsStep implements Step {
    private final DynamicsModel model;

    /** @param model the estimator */
    public DynamicsStep(DynamicsModel model) {
        this.model = model;
    }

    @Override
    public List<ParameterSpec> parameters() {
        return model.parameters();
    }

    @Override
    public List<LiteratureReference> references() {
        return model.references();
    }

    @Override
    public List<Port> inputs() {
        return List.of(Port.of("labels", PortType.DATASET, "class trajectories [sites, frames] (integers; -1 = not seen)"));
    }

    @Override
    public List<Port> outputs() {
        List<Port> p = new java.util.ArrayList<>();
        DynamicsResult.ALWAYS.forEach(n -> p.add(Port.of(n, PortType.DATASET, n)));
        DynamicsResult.WHEN_ASKED.forEach(n -> p.add(Port.optional(n, PortType.DATASET, n)));
        return p;
    }

    @Override
    public Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters parameters) {
        DynamicsResult r = model.estimate((Dataset) inputs.get("labels"), parameters, context.monitor());
        return new LinkedHashMap<>(r.outputs());
    }
}
