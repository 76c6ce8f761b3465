package tessera.core.analysis;

import tessera.core.model.Dataset;

/**
 * A model of how sites change class over an image series: from class trajectories (one row per tracked site, one
 * column per frame, labels 0..n−1, −1 where the site was not seen) to a Markov transition matrix with its stationary
 * distribution, implied timescales, mean first-passage times and uncertainties. Contributed through
 * {@code tessera.core.dynamicsModels}; implementations are stateless, thread-safe and deterministic for a given seed.
 * <p>
 * Source of the approach: M. Ziatdinov et al., ACS Nano 11 (2017) 12742, doi:10.1021/acsnano.7b07504; A. Maksov et al.,
 * npj Comput. Mater. 5 (2019) 12, doi:10.1038/s41524-019-0152-9; estimators as deeptime (M. Hoffmann et al., Mach.
 * Learn.: Sci. Technol. 3 (2022) 015009, doi:10.1088/2632-2153/ac3de0).
 */
public interface DynamicsModel extends Algorithm {

    /**
     * Estimates the model.
     *
     * @param labels  class trajectories {@code [sites, frames]} (integers stored in any numeric type; −1 = not seen)
     * @param params  validated parameters
     * @param monitor progress and cancellation
     * @return the estimate
     * @throws IllegalArgumentException if there is a single frame, fewer than two classes, a lag not shorter than the
     *                                  series, a label below −1 or not an integer, or a class with no transition out of it
     */
    DynamicsResult estimate(Dataset labels, Parameters params, ProgressMonitor monitor);
}
