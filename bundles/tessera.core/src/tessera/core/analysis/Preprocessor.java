package tessera.core.analysis;

import java.util.List;
import java.util.Map;

import tessera.core.model.Dataset;

/**
 * A preprocessing operation on spectra (contribution to the extension point {@code tessera.core.preprocessors}):
 * zero-loss-peak alignment, background subtraction, deconvolution, thickness, ... .
 *
 * <p>The input is a dataset with one signal axis, the last one (energy loss, usually in eV): a spectrum
 * {@code [nE]}, a line scan {@code [n, nE]} or a spectrum image {@code [ny, nx, nE]}. The operation works on
 * each pixel's spectrum on its own and keeps the navigation axes and the metadata; the signal axis keeps its
 * units and scale unless the operation says otherwise (e.g. ZLP alignment moves its offset).
 *
 * <p>Some operations need other spectra ({@link #auxiliaryInputs()}, e.g. {@code "lowLoss"} for Fourier-log
 * deconvolution), and some report per-pixel quantities besides the processed data ({@link #extraOutputs()},
 * e.g. the ZLP shifts in eV or a t/λ map), each a dataset over the navigation axes of the input (shape
 * {@code [nav...]}, or {@code [1]} for a single spectrum).
 */
public interface Preprocessor extends Algorithm {

    /**
     * Names of the auxiliary datasets this operation uses; the required ones are named in
     * {@link #requiredAuxiliaryInputs()}. Default: none.
     *
     * @return names, e.g. {@code ["lowLoss"]}
     */
    default List<String> auxiliaryInputs() {
        return List.of();
    }

    /** @return the subset of {@link #auxiliaryInputs()} that must be given; default none */
    default List<String> requiredAuxiliaryInputs() {
        return List.of();
    }

    /**
     * Names of the per-pixel extra outputs in {@link Result#extras()}. Default: none.
     *
     * @return names, e.g. {@code ["shifts"]}
     */
    default List<String> extraOutputs() {
        return List.of();
    }

    /**
     * Applies the operation to every spectrum of {@code data}.
     *
     * @param data spectrum, line scan or spectrum image, signal axis last (not modified)
     * @param auxiliary auxiliary datasets by name (see {@link #auxiliaryInputs()}); may be empty, never null
     * @param params parameters, as {@link Parameters#of} built them from {@link #parameters()}
     * @param monitor progress and cancellation
     * @return the processed dataset (calibration and metadata kept) and the extra outputs
     * @throws IllegalArgumentException when the data, an auxiliary dataset or a parameter does not fit (message
     *         names the problem)
     */
    Result apply(Dataset data, Map<String, Dataset> auxiliary, Parameters params, ProgressMonitor monitor);

    /**
     * Result of a preprocessing operation.
     *
     * @param data the processed dataset, same navigation shape as the input
     * @param extras per-pixel extra outputs by name, each shaped as the input's navigation axes ({@code [1]} for a
     *        single spectrum); units in each dataset's metadata {@code Signal.quantity}
     */
    record Result(Dataset data, Map<String, Dataset> extras) {
        /** Copies {@code extras} (insertion order kept). */
        public Result {
            java.util.Objects.requireNonNull(data, "data");
            extras = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extras == null ? Map.of() : extras));
        }
    }
}
