package tessera.core.analysis;

import tessera.core.model.Dataset;

/**
 * Describes an image window by window — for images whose columns are not resolved or not worth finding — as a grid of
 * feature vectors, e.g. the local Fourier transform (Vasudevan, Ziatdinov et al.: sliding-window FFTs unmixed into
 * phases; M. Ziatdinov et al., Nat. Commun. 7 (2016) 13774, doi:10.1038/ncomms13774). Contributed through
 * {@code tessera.core.latticeAnalyzers}; the grid is decomposed and clustered by the {@code decomposers} and
 * {@code clusterers} contributions like a spectrum image. Implementations are stateless, thread-safe, deterministic.
 */
public interface WindowDescriptor extends Algorithm {

    /**
     * Describes every window.
     *
     * @param image   one 2-D image
     * @param params  validated parameters
     * @param monitor progress and cancellation
     * @return features {@code [wy, wx, d]} (float32): two navigation axes at the window centres (the image's calibration
     *         and units, scale = step × pixel size) and one signal axis "feature"; {@code Signal.window_shape}
     *         {@code [h, w]} when a feature vector is an image flattened row by row
     * @throws IllegalArgumentException if the image is not a single 2-D image or is smaller than one window
     */
    Dataset describe(Dataset image, Parameters params, ProgressMonitor monitor);
}
