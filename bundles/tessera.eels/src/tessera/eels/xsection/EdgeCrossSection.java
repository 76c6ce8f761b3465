package tessera.eels.xsection;

/**
 * Ionisation cross section of one core-loss edge of one element, as used by background-subtracted quantification
 * (Egerton, <i>Electron Energy-Loss Spectroscopy in the Electron Microscope</i>, 3rd ed., Springer 2011,
 * doi:10.1007/978-1-4419-9583-4, §4.5: N_A/N_B = (I_A/σ_A(β, Δ)) / (I_B/σ_B(β, Δ))) and by model fits that use the
 * energy-differential shape dσ/dE as a component.
 * <p>
 * Units: energy loss in eV, dσ/dE in barn/eV per atom, σ in barn per atom (1 barn = 1e-24 cm²). Implementations are
 * immutable and thread-safe. Implemented by {@link HydrogenicCrossSection} (K and L2,3, Egerton's SIGMAK3/SIGMAL3) and
 * {@link FfastCrossSection} (optical limit, any edge, from NIST FFAST photo-absorption); {@link CrossSections} picks one.
 */
public interface EdgeCrossSection {

    /** @return element symbol, e.g. {@code "Ti"} */
    String element();

    /**
     * @return the edge's name as used for map files and reports, {@code <element>_<subshell of the onset>}, e.g.
     *         {@code "O_K"}, {@code "Ti_L3"} (an L2,3 cross section is named after its L3 onset)
     */
    String label();

    /** @return onset energy of the edge in eV (the lowest subshell the cross section covers) */
    double onsetEv();

    /**
     * The onset of the deepest subshell the cross section covers: the L2 onset of an L2,3 edge, M4 of M4,5, the
     * onset itself for a single subshell (K, L3 alone). The near-edge structure of a grouped edge (e.g. the L3 and L2
     * white lines) spans from {@link #onsetEv()} to a few eV above this energy; model fits leave that range out.
     *
     * @return energy in eV, &ge; {@link #onsetEv()}
     */
    default double lastOnsetEv() {
        return onsetEv();
    }

    /**
     * Energy-differential cross section on an energy axis.
     *
     * @param lossEv energy losses in eV, shape [n]
     * @param microscope beam energy and semi-angles
     * @return dσ/dE in barn/eV per atom, shape [n], 0 below the onset
     */
    double[] differential(double[] lossEv, Microscope microscope);

    /**
     * Partial cross section σ(β, Δ) = ∫ dσ/dE dE from the onset to onset + Δ.
     *
     * @param windowEv integration window Δ in eV (&gt; 0)
     * @param microscope beam energy and semi-angles
     * @return σ in barn per atom
     * @throws IllegalArgumentException if the window is not positive
     */
    double partial(double windowEv, Microscope microscope);
}
