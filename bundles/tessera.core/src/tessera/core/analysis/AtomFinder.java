package tessera.core.analysis;

import tessera.core.model.Dataset;

/**
 * Finds the atomic columns of an atomically resolved (S)TEM image and refines their positions: from an image
 * {@code [ny, nx]} (two signal axes, calibrated in nm or uncalibrated in px) to the columns' sub-pixel positions, their
 * uncertainties, their sublattice and the fitted column shapes ({@link AtomResult}). Contributed through
 * {@code tessera.core.latticeAnalyzers}; implementations are stateless, thread-safe and deterministic.
 * <p>
 * The classical route follows Atomap (M. Nord et al., Adv. Struct. Chem. Imaging 3 (2017) 9,
 * doi:10.1186/s40679-017-0042-5); the network route AtomNet/AtomAI (M. Ziatdinov et al., ACS Nano 11 (2017) 12742,
 * doi:10.1021/acsnano.7b07504).
 */
public interface AtomFinder extends Algorithm {

    /**
     * Finds and refines the atomic columns.
     *
     * @param image   one image: a dataset with two signal axes {@code [y, x]} and no navigation axis (a series is
     *                refused: pick a frame first)
     * @param params  validated parameters
     * @param monitor progress and cancellation
     * @return the columns, in the order found (sublattice by sublattice, brightest first within each)
     * @throws IllegalArgumentException if the dataset is not a single 2-D image, is smaller than a few lattice spacings,
     *                                  is constant or holds NaN/infinite pixels, or if no column is found
     */
    AtomResult find(Dataset image, Parameters params, ProgressMonitor monitor);
}
