package tessera.core.analysis;

import tessera.core.model.Dataset;

/**
 * Describes each atomic column's neighbourhood by a feature vector, for clustering and unmixing the columns into
 * phases, grains, ferroic variants and defects (local crystallography, A. Belianinov et al., Nat. Commun. 6 (2015)
 * 7801, doi:10.1038/ncomms8801). Contributed through {@code tessera.core.latticeAnalyzers}; implementations are
 * stateless, thread-safe and deterministic. The descriptors are clustered and decomposed by the {@code clusterers}
 * and {@code decomposers} contributions, never inside the descriptor.
 */
public interface LocalDescriptor extends Algorithm {

    /**
     * Describes the columns.
     *
     * @param image     the image the columns were found in (one 2-D image), for descriptors that look at pixels
     * @param positions column positions {@code [n, 2]} (y, x in px of the image), as {@link AtomResult#POSITIONS}
     * @param params    validated parameters
     * @param monitor   progress and cancellation
     * @return features {@code [n, d]} (float64): a navigation axis "column" and a signal axis "feature", the
     *         feature names in {@code Signal.feature_names}
     * @throws IllegalArgumentException if the positions are not {@code [n, 2]}, there are fewer columns than the
     *                                  neighbourhood needs, or the image is not a single 2-D image
     */
    Dataset describe(Dataset image, Dataset positions, Parameters params, ProgressMonitor monitor);
}
