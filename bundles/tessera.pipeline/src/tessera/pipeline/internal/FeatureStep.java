package tessera.pipeline.internal;

import java.util.ArrayList;
import java.util.List;

import tessera.core.analysis.Algorithm;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.pipeline.Port;
import tessera.pipeline.Step;

/**
 * What every step that works on a feature matrix of {@link Features} shares (a clusterer, an embedder): the
 * algorithm's own parameters plus {@code components} and {@code preprocessing}, its references, and the
 * alternative inputs {@code scores} (a decomposition) or {@code data} (a dataset), exactly one connected.
 */
abstract class FeatureStep implements Step {
    /** the contributed algorithm */
    final Algorithm algorithm;

    /** @param algorithm the contributed algorithm */
    FeatureStep(Algorithm algorithm) {
        this.algorithm = algorithm;
    }

    @Override
    public List<ParameterSpec> parameters() {
        List<ParameterSpec> l = new ArrayList<>(algorithm.parameters());
        l.addAll(Features.parameters());
        return l;
    }

    @Override
    public List<LiteratureReference> references() {
        return algorithm.references();
    }

    @Override
    public List<Port> inputs() {
        return Features.ports();
    }

    @Override
    public List<List<String>> exactlyOneOf() {
        return Features.alternatives();
    }
}
