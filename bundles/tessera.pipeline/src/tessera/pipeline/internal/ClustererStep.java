package tessera.pipeline.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tessera.core.analysis.Clusterer;
import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.Step;
import tessera.pipeline.StepContext;

/**
 * A {@link Clusterer} contribution as a pipeline step: clusters the navigation positions on the
 * first {@code components} scores (loadings) of a decomposition, {@code scores} (DECOMPOSITION)
 * to {@code result} (CLUSTERING).
 */
public final class ClustererStep implements Step {
    /** the extra parameter: number of leading scores used as features */
    public static final String COMPONENTS = "components";
    private final Clusterer clusterer;

    /** @param clusterer the algorithm */
    public ClustererStep(Clusterer clusterer) {
        this.clusterer = clusterer;
    }

    @Override
    public List<ParameterSpec> parameters() {
        List<ParameterSpec> l = new ArrayList<>(clusterer.parameters());
        l.add(ParameterSpec.ofInt(COMPONENTS, null, 1, null, "number of leading component scores used as features (default: all)"));
        return l;
    }

    @Override
    public List<LiteratureReference> references() {
        return clusterer.references();
    }

    @Override
    public List<Port> inputs() {
        return List.of(Port.of("scores", PortType.DECOMPOSITION, "decomposition whose loadings (scores) are the features"));
    }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("result", PortType.CLUSTERING, "label per navigation position and cluster centres"));
    }

    @Override
    public Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters parameters) {
        DecompositionResult d = (DecompositionResult) inputs.get("scores");
        double[][] scores = d.scores();
        int n = parameters.has(COMPONENTS) ? parameters.getInt(COMPONENTS) : d.components();
        if (n > d.components()) {
            throw new IllegalArgumentException("components = " + n + " exceeds the " + d.components() + " components of the decomposition");
        }
        double[][] feats = new double[scores.length][n];
        for (int i = 0; i < scores.length; i++) {
            System.arraycopy(scores[i], 0, feats[i], 0, n);
        }
        if (parameters.values().get("k") instanceof Integer k && k > scores.length) {
            throw new IllegalArgumentException("k = " + k + " clusters exceeds the " + scores.length + " navigation positions");
        }
        java.util.Map<String, Object> own = new java.util.LinkedHashMap<>(parameters.values());
        own.remove(COMPONENTS);
        own.values().removeIf(java.util.Objects::isNull);
        return Map.of("result", clusterer.cluster(feats, Parameters.of(clusterer.parameters(), own), context.monitor()));
    }
}
