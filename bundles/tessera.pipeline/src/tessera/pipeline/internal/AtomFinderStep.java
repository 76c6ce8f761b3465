package tessera.pipeline.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tessera.core.analysis.AtomFinder;
import tessera.core.analysis.AtomResult;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.model.Dataset;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.Step;
import tessera.pipeline.StepContext;

/**
 * An {@link AtomFinder} contribution as a pipeline step: {@code image} (one 2-D image) to one DATASET output per
 * {@link AtomResult} name: positions, their standard deviations, sublattice and intensity always; the Gaussian fits and
 * lattice vectors when the finder computed them.
 */
public final class AtomFinderStep implements Step {
    private final AtomFinder finder;

    /** @param finder the atom finder */
    public AtomFinderStep(AtomFinder finder) {
        this.finder = finder;
    }

    @Override
    public List<ParameterSpec> parameters() {
        return finder.parameters();
    }

    @Override
    public List<LiteratureReference> references() {
        return finder.references();
    }

    @Override
    public List<Port> inputs() {
        return List.of(Port.of("image", PortType.DATASET, "one 2-D image [y, x]"));
    }

    @Override
    public List<Port> outputs() {
        List<Port> p = new java.util.ArrayList<>();
        AtomResult.ALWAYS.forEach(n -> p.add(Port.of(n, PortType.DATASET, n)));
        AtomResult.WHEN_ASKED.forEach(n -> p.add(Port.optional(n, PortType.DATASET, n)));
        return p;
    }

    @Override
    public Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters parameters) {
        AtomResult r = finder.find((Dataset) inputs.get("image"), parameters, context.monitor());
        // the resolved automatic values of the finder's parameters (separation and smoothing; a network's threshold)
        StringBuilder used = new StringBuilder();
        for (String k : java.util.List.of("separation", "smoothing", "threshold")) {
            if (r.parameters().values().get(k) instanceof Number v && (!"threshold".equals(k) || !r.parameters().values().containsKey("separation"))) {
                used.append(used.isEmpty() ? " (" : ", ").append(String.format(java.util.Locale.ROOT, "%s %.3g", k, v.doubleValue()));
            }
        }
        context.log(r.count() + " atomic columns" + (used.isEmpty() ? "" : used.append(")")));
        return new LinkedHashMap<>(r.outputs());
    }
}
