package tessera.pipeline.internal;

import java.util.List;
import java.util.Map;

import tessera.core.analysis.Clusterer;
import tessera.core.analysis.Parameters;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.StepContext;

/**
 * A {@link Clusterer} contribution as a pipeline step, HyperSpy 1.7's {@code cluster_analysis}: clusters the
 * navigation positions on the features of {@link Features} ({@code scores}, the first {@code components}
 * loadings of a decomposition, or {@code data}, the signal of a dataset such as the spectra or an embedding,
 * after {@code preprocessing}) to {@code result} (CLUSTERING).
 */
public final class ClustererStep extends FeatureStep {
    /** the extra parameter: number of leading scores used as features */
    public static final String COMPONENTS = Features.COMPONENTS;
    private final Clusterer clusterer;

    /** @param clusterer the algorithm */
    public ClustererStep(Clusterer clusterer) {
        super(clusterer);
        this.clusterer = clusterer;
    }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("result", PortType.CLUSTERING, "label per navigation position (-1: noise), cluster centres, probabilities, outlier scores"));
    }

    /**
     * @throws IllegalArgumentException if k exceeds the number of positions, or see {@link Features#of}
     */
    @Override
    public Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters parameters) {
        Features f = Features.of(inputs, parameters);
        if (parameters.values().get("k") instanceof Integer k && k > f.x().length) {
            throw new IllegalArgumentException("k = " + k + " clusters exceeds the " + f.x().length + " navigation positions");
        }
        return Map.of("result", clusterer.cluster(f.x(), f.algorithmParameters(clusterer.parameters(), parameters), context.monitor()));
    }
}
