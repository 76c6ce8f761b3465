package tessera.eels;

/**
 * One core-loss ionisation edge.
 *
 * @param element chemical symbol, e.g. {@code "Cu"}
 * @param subshell subshell, e.g. {@code "K"}, {@code "L3"}, {@code "M5"}, {@code "N4"}
 * @param onsetEv onset energy in eV
 * @param major true for a Major edge (the one usually used for mapping), false for Minor
 * @param shape edge shape as the source table names it ({@code "abrupt onset"}, {@code "delayed maximum"},
 *        {@code "very delayed"}, or {@code "unknown"})
 */
public record Edge(String element, String subshell, double onsetEv, boolean major, String shape) {

    /** @return e.g. {@code "Cu-L3"} */
    public String label() {
        return element + "-" + subshell;
    }

    @Override
    public String toString() {
        return label() + " " + onsetEv + " eV (" + (major ? "Major" : "Minor") + ")";
    }
}
