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

    /**
     * @return whether the result is an unmixing (endmembers and abundances): it carries the pixels of extracted
     *         endmembers or the fit statistics of an abundance estimate, so the report names factors "endmembers" and
     *         loadings "abundances"
     */
    public boolean isUnmixing() {
        return result.auxiliary(DecompositionResult.ENDMEMBER_PIXELS) != null || result.auxiliary(DecompositionResult.CHI_SQUARE) != null;
    }
}
