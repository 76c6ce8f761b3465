package tessera.core.analysis;

import java.util.List;

/**
 * What every contributed algorithm declares: its typed parameters and the literature it
 * implements (after ChemClipse's {@code getLiteratureReferences()}).
 */
public interface Algorithm {

    /** @return the parameters this algorithm accepts, in display order */
    List<ParameterSpec> parameters();

    /** @return the publications the implementation follows, at least one */
    List<LiteratureReference> references();
}
