package tessera.core.analysis;

import java.util.List;

import tessera.core.model.Dataset;

/**
 * A trained classifier of spectra: from spectra on a calibrated energy axis (a single spectrum {@code [channels]}, a
 * line scan {@code [n, channels]} or a spectrum image {@code [y, x, channels]}, signal axis last, energy loss in eV) to
 * per-class probabilities ({@link Classification}). Contributed through {@code tessera.core.classifiers}, so a vendor
 * ships its own trained model as one bundle; {@code tessera plugins} lists it, and the pipeline step,
 * {@code tessera identify}, the scripting facade and the workbench all use this interface.
 * <p>
 * Multi-label classifiers (element identification: each class an element that is present or not, sigmoid outputs;
 * Annys et al., Sci. Rep. 13 (2023) 13724, doi:10.1038/s41598-023-40943-7) give probabilities that need not sum to 1
 * and a decision {@link #threshold()}; single-label ones (an oxidation state) give probabilities that sum to 1 per
 * spectrum. Implementations are thread-safe and deterministic: the same spectra give bit-identical probabilities on the
 * same machine, which {@code tessera rerun --verify} checks.
 */
public interface SpectrumClassifier extends Algorithm {

    /** @return the class names in output order (element symbols such as "Ti", or labels such as "Mn3+") */
    List<String> classes();

    /**
     * @return true if several classes may be present at once (independent sigmoid outputs, {@link #threshold()}
     *         decides), false if exactly one class holds (softmax: the most probable class is the prediction)
     */
    boolean multiLabel();

    /**
     * @return the decision threshold on a probability, chosen on validation data when the model was trained (for
     *         element identification the threshold where precision equals recall, after Annys et al.); 0.5 for a
     *         single-label classifier
     */
    double threshold();

    /**
     * Classifies every spectrum of a dataset.
     *
     * @param spectra a dataset with one signal axis (energy loss, eV, calibrated) and zero to two navigation axes
     * @param params  validated parameters ({@link #parameters()})
     * @param monitor progress and cancellation
     * @return probabilities {@code [pixels, classes]}, pixels in the dataset's row-major navigation order
     * @throws IncompatibleDataException if the dataset has no energy calibration, its axis is not in eV (keV, or no
     *                                   units), it lies outside the classifier's energy range, or holds NaN/infinite
     *                                   values; the message names the dataset
     */
    Classification classify(Dataset spectra, Parameters params, ProgressMonitor monitor);

    /** @return how the model was trained: architecture, hyper-parameters, data, metrics, threshold */
    TrainingRecord trainingRecord();
}
