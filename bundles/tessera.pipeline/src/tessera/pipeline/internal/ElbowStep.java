package tessera.pipeline.internal;

import java.util.List;
import java.util.Map;

import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.Scree;
import tessera.pipeline.Step;
import tessera.pipeline.StepContext;

/**
 * {@code tessera.pipeline.scree-elbow}: the number of significant components of a PCA, taken
 * from the elbow of its scree ({@link Scree#significantComponents}, as HyperSpy's
 * {@code estimate_elbow_position}) unless {@code components} is given.
 */
public final class ElbowStep implements Step {
    /** step id */
    public static final String ID = "tessera.pipeline.scree-elbow";

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.ofInt("components", null, 1, null, "number of components to use (default: the scree elbow)"));
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(new LiteratureReference("V. Satopää, J. Albrecht, D. Irwin, B. Raghavan, Finding a \"kneedle\" in a haystack: detecting knee points "
                + "in system behavior, 31st Int. Conf. Distributed Computing Systems Workshops (2011) 166-171", "10.1109/ICDCSW.2011.20"));
    }

    @Override
    public List<Port> inputs() {
        return List.of(Port.of("pca", PortType.DECOMPOSITION, "a decomposition with explained variances (PCA)"));
    }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("components", PortType.VALUE, "Integer: number of components"),
                Port.of("chosen", PortType.VALUE, "Boolean: true if taken from the elbow, false if given"));
    }

    @Override
    public Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters parameters) {
        DecompositionResult pca = (DecompositionResult) inputs.get("pca");
        if (parameters.has("components")) {
            int n = parameters.getInt("components");
            if (n > pca.components()) {
                throw new IllegalArgumentException("components = " + n + " exceeds the " + pca.components() + " components the data have");
            }
            return Map.of("components", n, "chosen", false);
        }
        double[] ratio = pca.explainedVarianceRatio();
        if (ratio == null) {
            throw new IllegalArgumentException("the decomposition " + pca.algorithmId() + " has no explained variances, so no scree elbow");
        }
        int n = Math.min(Scree.significantComponents(ratio), pca.components());
        context.note("Number of components " + n + " taken from the scree elbow (Satopää et al. 2011, as HyperSpy's estimate_elbow_position).");
        return Map.of("components", n, "chosen", true);
    }
}
