package tessera.eels.valence;

import java.util.List;
import java.util.Locale;

/**
 * The L2,3 white lines of one 3d transition metal per oxidation state: the parameters the {@link WhiteLineSimulator}
 * draws training spectra from and the {@link WhiteLineRatio} baseline is calibrated with. Each state has an L3 maximum
 * energy, an L3–L2 separation, an integrated L3/L2 white-line intensity ratio (excess over the 2:1 continuum step,
 * Pearson et al., Phys. Rev. B 47 (1993) 8471, doi:10.1103/PhysRevB.47.8471) and the main multiplet / crystal-field
 * features of each line as Lorentzian components (energy relative to the line's maximum, relative height, FWHM).
 * <p>
 * Sources and how firm each number is (see docs/valence.md, "White-line parameters"):
 * <ul>
 * <li><b>Fe</b>: L3 maxima Fe²⁺ 707.8 eV (sharp white line with a broader, weaker feature at ≈ 710.5 eV) and Fe³⁺
 * 709.5 eV (with a pre-peak at ≈ 708.0 eV): van Aken, Liebscher &amp; Styrsa, Phys. Chem. Miner. 25 (1998) 323,
 * doi:10.1007/s002690050122; L3/L2 ≈ 3.5 (Fe²⁺) and 5.5 (Fe³⁺) from their integral calibration; Fe₃O₄ is the
 * 1 : 2 combination of the two end members (same source). L2 positions (L3 + 12.8 / 13.1 eV) after Colliex et al.,
 * Phys. Rev. B 44 (1991) 11402, doi:10.1103/PhysRevB.44.11402 (not re-read here).</li>
 * <li><b>Mn</b>: L3 maxima 640.2 / 641.7 / 642.4 eV, L3–L2 separations 11.0 / 10.8 / 10.6 eV and L3/L2 ratios 4.1 /
 * 2.6 / 1.95 for Mn²⁺ / Mn³⁺ / Mn⁴⁺ are the middle of the ranges reported by Tan et al., Ultramicroscopy 116 (2012) 24,
 * doi:10.1016/j.ultramic.2012.03.002, Varela et al., Phys. Rev. B 79 (2009) 085117, doi:10.1103/PhysRevB.79.085117,
 * and Riedl et al., Ultramicroscopy 106 (2006) 284, doi:10.1016/j.ultramic.2005.09.002 (taken from reviews of those
 * papers; their tables were not available here); the shoulders (Mn²⁺: a weak pre-peak ≈ 1.7 eV below and a shoulder
 * ≈ 1.8 eV above the L3 maximum; Mn³⁺ and Mn⁴⁺: a low-energy shoulder ≈ 1.5 and 2 eV below it) follow the
 * qualitative description of Garvie &amp; Craven, Phys. Chem. Miner. 21 (1994) 191, doi:10.1007/BF00202132.</li>
 * </ul>
 * Instances are immutable.
 *
 * @param element the element symbol ("Mn", "Fe")
 * @param states  the oxidation states, in class order (increasing valence)
 */
public record WhiteLines(String element, List<State> states) {

    /**
     * One Lorentzian component of a white line.
     *
     * @param offsetEv energy relative to the line's maximum, eV
     * @param height   height relative to the main component (1 for the main one)
     * @param fwhmEv   full width at half maximum, eV (intrinsic, before the instrument resolution)
     */
    public record Line(double offsetEv, double height, double fwhmEv) {
    }

    /**
     * One oxidation state (a class).
     *
     * @param name      class name, e.g. "Mn3+", or "Fe3O4" for the mixed-valence oxide
     * @param valence   formal (mean) valence, e.g. 3, or 8/3 for Fe₃O₄
     * @param l3PeakEv  energy of the L3 maximum, eV
     * @param l2SplitEv L2 maximum − L3 maximum, eV
     * @param ratio     integrated L3/L2 white-line intensity ratio (above the 2:1 continuum step)
     * @param l3        components of the L3 white line
     * @param l2        components of the L2 white line
     * @param mixOf     for a mixed-valence state, the indices of the end members it combines, else empty
     * @param mixWeight for a mixed-valence state, the fraction of each end member (same length as {@code mixOf})
     */
    public record State(String name, double valence, double l3PeakEv, double l2SplitEv, double ratio, List<Line> l3, List<Line> l2,
            int[] mixOf, double[] mixWeight) {

        /** @return true for a combination of other states (Fe₃O₄) */
        public boolean mixed() {
            return mixOf.length > 0;
        }
    }

    private static final int[] NONE = new int[0];
    private static final double[] NO_WEIGHTS = new double[0];

    /** Mn²⁺, Mn³⁺, Mn⁴⁺ (class order). */
    public static final WhiteLines MN = new WhiteLines("Mn", List.of(
            new State("Mn2+", 2, 640.2, 11.0, 4.1,
                    List.of(new Line(0, 1, 1.4), new Line(-1.7, 0.18, 1.2), new Line(1.8, 0.40, 2.0)),
                    List.of(new Line(0, 1, 1.8), new Line(1.9, 0.75, 2.2)), NONE, NO_WEIGHTS),
            new State("Mn3+", 3, 641.7, 10.8, 2.6,
                    List.of(new Line(0, 1, 2.2), new Line(-1.5, 0.45, 1.8), new Line(2.2, 0.25, 2.4)),
                    List.of(new Line(0, 1, 2.8), new Line(1.8, 0.35, 2.4)), NONE, NO_WEIGHTS),
            new State("Mn4+", 4, 642.4, 10.6, 1.95,
                    List.of(new Line(0, 1, 2.0), new Line(-2.0, 0.50, 1.6), new Line(2.0, 0.20, 2.2)),
                    List.of(new Line(0, 1, 2.8), new Line(-1.5, 0.30, 2.0)), NONE, NO_WEIGHTS)));

    /** Fe²⁺, Fe³⁺ and the mixed-valence Fe₃O₄ (one Fe²⁺ to two Fe³⁺), class order. */
    public static final WhiteLines FE = new WhiteLines("Fe", List.of(
            new State("Fe2+", 2, 707.8, 12.8, 3.5,
                    List.of(new Line(0, 1, 1.6), new Line(2.7, 0.35, 2.6)),
                    List.of(new Line(0, 1, 2.4), new Line(2.4, 0.45, 2.6)), NONE, NO_WEIGHTS),
            new State("Fe3+", 3, 709.5, 13.1, 5.5,
                    List.of(new Line(0, 1, 1.8), new Line(-1.5, 0.32, 1.2)),
                    List.of(new Line(0, 1, 2.4), new Line(-1.6, 0.55, 2.0)), NONE, NO_WEIGHTS),
            new State("Fe3O4", 8.0 / 3.0, 709.5, 13.1, 4.7, List.of(), List.of(), new int[] { 0, 1 }, new double[] { 1.0 / 3.0, 2.0 / 3.0 })));

    /** Copies the list. */
    public WhiteLines {
        states = List.copyOf(states);
    }

    /**
     * @param element element symbol, case as in the periodic table ("Mn", "Fe"); "mn" is accepted
     * @return the table of that element
     * @throws IllegalArgumentException if Tessera has no white-line table for the element (the message lists those it has)
     */
    public static WhiteLines of(String element) {
        String e = element == null ? "" : element.trim();
        for (WhiteLines w : List.of(MN, FE)) {
            if (w.element.equalsIgnoreCase(e)) {
                return w;
            }
        }
        throw new IllegalArgumentException("no L2,3 white-line table for '" + element + "'; oxidation states are modelled for Mn and Fe");
    }

    /** @return the class names in order */
    public List<String> classes() {
        return states.stream().map(State::name).toList();
    }

    /** @return the valence of each class, in class order */
    public double[] valences() {
        return states.stream().mapToDouble(State::valence).toArray();
    }

    /** @return the mean of the L3 maxima of the pure states, eV: the centre of the window searched for the L3 maximum */
    public double nominalL3Ev() {
        return states.stream().filter(s -> !s.mixed()).mapToDouble(State::l3PeakEv).average().orElseThrow();
    }

    /** @return the largest L3–L2 separation of the states, eV */
    public double maxSplitEv() {
        return states.stream().mapToDouble(State::l2SplitEv).max().orElseThrow();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s L2,3 white lines %s", element, classes());
    }
}
