package tessera.eels.xsection;

import tessera.eels.Edge;
import tessera.eels.EdgeTable;

/**
 * One entry point for the cross-section models: {@code CrossSections.of("Ti", "L23", Model.OPTICAL)}.
 * <p>
 * Edge names: a subshell ({@code K, L1, L2, L3, M1..M5, N1..N7, O1..}) or a group ({@code L23, M23, M45, N23, N45,
 * N67, O23, O45}). Both models start the edge at the onset of {@link EdgeTable#standard()} (the onsets maps and
 * spectra are calibrated against), so hydrogenic and optical cross sections of one edge share their onset; the
 * optical model's table is shifted by (EdgeTable onset − FFAST onset), typically a few eV.
 */
public final class CrossSections {

    /** The available models. */
    public enum Model {
        /**
         * {@link HydrogenicCrossSection} (Egerton SIGMAK3/SIGMAL3): K and L2,3 only. {@code "L23"}, {@code "L3"} and
         * {@code "L2"} all give the L2,3 model (it cannot separate them); label {@code <El>_L3}.
         */
        HYDROGENIC,
        /** {@link FfastCrossSection}: optical-limit dipole cross section of any edge from the NIST FFAST tables. */
        OPTICAL
    }

    private CrossSections() {
    }

    /**
     * @param element element symbol, e.g. {@code "Ce"}
     * @param edge edge name (see the class description)
     * @param model the model
     * @return the cross section, onset at {@link EdgeTable#standard()}'s onset of the edge's lowest subshell (FFAST's
     *         own onset where the edge table lacks it)
     * @throws IllegalArgumentException if the model does not cover the edge, or the element or edge is unknown
     */
    public static EdgeCrossSection of(String element, String edge, Model model) {
        if (model == Model.HYDROGENIC) {
            return switch (edge) {
                case "K" -> HydrogenicCrossSection.of(element, HydrogenicCrossSection.Shell.K);
                case "L23", "L3", "L2" -> HydrogenicCrossSection.of(element, HydrogenicCrossSection.Shell.L23);
                default -> throw new IllegalArgumentException("the hydrogenic model covers K and L2,3 edges only, not " + element + " " + edge
                        + "; use Model.OPTICAL");
            };
        }
        FfastCrossSection x = FfastCrossSection.of(element, edge);
        String lowest = x.subshells().get(0);
        for (Edge e : EdgeTable.standard().of(element, 0, Double.MAX_VALUE)) {
            if (e.subshell().equals(lowest)) {
                return x.shifted(e.onsetEv() - x.onsetEv());
            }
        }
        return x;
    }
}
