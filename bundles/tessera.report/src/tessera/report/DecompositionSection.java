package tessera.report;

import java.util.Objects;

import tessera.core.analysis.DecompositionResult;

/**
 * One decomposition shown in the report.
 *
 * @param label  short display name, also used in the image file names, e.g. {@code "PCA"}, {@code "NMF"}
 * @param result factors (axes {@code [component, signal axes]}) and loadings (axes
 *               {@code [component, navigation axes]}) with their calibrations
 */
public record DecompositionSection(String label, DecompositionResult result) {

    /** @throws NullPointerException if an argument is null */
    public DecompositionSection {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(result, "result");
    }
}
