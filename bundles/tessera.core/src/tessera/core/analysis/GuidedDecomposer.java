package tessera.core.analysis;

import java.util.List;

import tessera.core.model.Dataset;

/**
 * A physics-guided decomposition {@code X ≈ G · W · H}: the data X {@code [nE, N]} (N navigation positions), a fixed
 * forward model G {@code [nE, m]} whose columns are the spectra of unit amounts of m physical sources (the
 * characteristic X-ray lines of an element, an EELS edge cross section, a bremsstrahlung or power-law background
 * shape), the phases' compositions W {@code [m, k]} and their abundance maps H {@code [k, N]}. The phases' spectra
 * are the columns of G·W; their compositions are the element rows of W.
 * <p>
 * The model is a {@link Dataset} {@code [m, nE]}: a navigation axis {@code column} and the data's signal axis, with the
 * column names in its metadata under {@link #COLUMNS} (a list of strings, e.g. {@code ["Fe", "O", "Pt",
 * "continuum_1", "continuum_2"]}) and the number of leading element columns under {@link #ELEMENT_COLUMNS}; the
 * remaining columns are background (continuum) shapes that take part in the fit but in no composition. Forward
 * models are built by the analysis bundles (EDX: {@code tessera.edx}; EELS: {@code tessera.eels}) as pipeline steps,
 * so the decomposition itself knows no physics.
 * <p>
 * Contributed through {@code tessera.core.decomposers} as a {@code decomposer} element whose class implements this
 * interface; every contribution is also a pipeline step with inputs {@code data} and {@code model}.
 * Implementations are stateless, thread-safe and deterministic for a given seed.
 * <p>
 * Source of the model: H. Teurtrie et al., "espm: a Python library for the simulation of STEM-EDXS datasets",
 * Ultramicroscopy 249 (2023) 113719, doi:10.1016/j.ultramic.2023.113719; A. Teurtrie et al., Mach. Learn.: Sci.
 * Technol. 5 (2024) 045050, arXiv:2404.17496.
 */
public interface GuidedDecomposer extends Algorithm {

    /** metadata key of the model's column names (a {@code List<String>} of length m) */
    String COLUMNS = "Signal.model_columns";

    /** metadata key of the number of leading element columns of the model (an integer ≤ m) */
    String ELEMENT_COLUMNS = "Signal.model_element_columns";

    /**
     * metadata key (optional) of how the model recommends initialising W from the initial spectra: {@code "lstsq"}
     * (clipped least squares, espm's, for nearly orthogonal columns such as EDX lines) or {@code "nnls"} (non-negative
     * least squares, for nearly collinear columns such as EELS edges on power-law backgrounds)
     */
    String INITIALISATION = "Signal.model_initialisation";

    /** auxiliary dataset of the result: the compositions W {@code [k, m]} (float64; element rows normalised per phase) */
    String COMPOSITION = "composition";

    /** auxiliary dataset of the result: the standard deviation of {@link #COMPOSITION} from counting statistics, same shape */
    String COMPOSITION_SIGMA = "compositionSigma";

    /**
     * Factorises {@code data} with the given forward model.
     *
     * @param data    spectrum image or line scan {@code [navigation axes..., nE]}, non-negative counts, any numeric dtype
     * @param model   the forward model G {@code [m, nE]} on exactly the data's signal axis, with {@link #COLUMNS} and
     *                {@link #ELEMENT_COLUMNS} in its metadata
     * @param params  validated parameters ({@link Parameters#of})
     * @param monitor progress and cancellation
     * @return factors = the phases' spectra G·W {@code [k, nE]} (float64, counts per unit abundance), loadings = the
     *         abundance maps H {@code [k, navigation axes...]} (float32), and as auxiliary datasets at least
     *         {@link #COMPOSITION} and {@link #COMPOSITION_SIGMA}
     * @throws IllegalArgumentException if the model is not on the data's signal axis, lacks its column metadata, the
     *                                  data have negative values, or a parameter contradicts the model (e.g. a fixed
     *                                  composition entry names a column the model does not have)
     * @throws java.util.concurrent.CancellationException if the monitor was cancelled
     */
    DecompositionResult decompose(Dataset data, Dataset model, Parameters params, ProgressMonitor monitor);

    /**
     * The column names of a forward model.
     *
     * @param model a forward model as described above
     * @return its column names, in column order
     * @throws IllegalArgumentException if the metadata lacks {@link #COLUMNS} or its length differs from the model's
     *                                  number of columns
     */
    static List<String> columns(Dataset model) {
        if (!(model.metadata().get(COLUMNS) instanceof List<?> l)) {
            throw new IllegalArgumentException("the forward model '" + model.metadata().title() + "' has no column names (" + COLUMNS + ")");
        }
        if (l.size() != model.navigationSize()) {
            throw new IllegalArgumentException("the forward model '" + model.metadata().title() + "' names " + l.size() + " columns but has " + model.navigationSize());
        }
        return l.stream().map(String::valueOf).toList();
    }

    /**
     * The number of element columns of a forward model.
     *
     * @param model a forward model as described above
     * @return the number of leading columns that are elements (the rest are background shapes)
     * @throws IllegalArgumentException if the metadata lacks {@link #ELEMENT_COLUMNS} or it is out of range
     */
    static int elementColumns(Dataset model) {
        if (!(model.metadata().get(ELEMENT_COLUMNS) instanceof Number n) || n.intValue() < 0 || n.intValue() > model.navigationSize()) {
            throw new IllegalArgumentException("the forward model '" + model.metadata().title() + "' has no valid element-column count (" + ELEMENT_COLUMNS + ")");
        }
        return n.intValue();
    }
}
