package tessera.pipeline;

import java.nio.file.Path;

/**
 * Options of {@code tessera analyze}.
 *
 * @param input       spectrum image or line scan to analyse
 * @param outDir      output directory (created; existing result files in it are replaced)
 * @param components  number of components for NMF and clustering, or null to take the scree elbow ({@link Scree})
 * @param clusters    number of k-means clusters, {@code >= 1}
 * @param energyRange signal window to analyse, or null for the whole axis
 * @param poisson     Poisson-noise normalisation for PCA and NMF (Keenan and Kotula 2004); null = automatic: on for
 *                    integer (count) data without negative values
 * @param seed        random seed of NMF initialisation and k-means, or null to have the engine draw (and record) one per step
 */
public record AnalyzeOptions(Path input, Path outDir, Integer components, int clusters, EnergyRange energyRange, Boolean poisson, Long seed) {

    /** @throws IllegalArgumentException if clusters &lt; 1 or components &lt; 1 */
    public AnalyzeOptions {
        if (clusters < 1) {
            throw new IllegalArgumentException("--clusters must be >= 1, got " + clusters);
        }
        if (components != null && components < 1) {
            throw new IllegalArgumentException("--components must be >= 1, got " + components);
        }
    }
}
