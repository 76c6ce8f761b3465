package tessera.eels.xsection;

import java.util.List;

/**
 * Chemical element symbols and atomic numbers Z = 1..95 (H..Am, the elements of {@link tessera.eels.EdgeTable}).
 */
public final class Elements {

    private static final List<String> SYMBOLS = List.of("H", "He", "Li", "Be", "B", "C", "N", "O", "F", "Ne", "Na",
            "Mg", "Al", "Si", "P", "S", "Cl", "Ar", "K", "Ca", "Sc", "Ti", "V", "Cr", "Mn", "Fe", "Co", "Ni", "Cu", "Zn",
            "Ga", "Ge", "As", "Se", "Br", "Kr", "Rb", "Sr", "Y", "Zr", "Nb", "Mo", "Tc", "Ru", "Rh", "Pd", "Ag", "Cd",
            "In", "Sn", "Sb", "Te", "I", "Xe", "Cs", "Ba", "La", "Ce", "Pr", "Nd", "Pm", "Sm", "Eu", "Gd", "Tb", "Dy",
            "Ho", "Er", "Tm", "Yb", "Lu", "Hf", "Ta", "W", "Re", "Os", "Ir", "Pt", "Au", "Hg", "Tl", "Pb", "Bi", "Po",
            "At", "Rn", "Fr", "Ra", "Ac", "Th", "Pa", "U", "Np", "Pu", "Am");

    private Elements() {
    }

    /**
     * @param symbol element symbol, e.g. {@code "Fe"} (case-sensitive)
     * @return atomic number Z
     * @throws IllegalArgumentException if the symbol is not one of H..Am
     */
    public static int z(String symbol) {
        int i = SYMBOLS.indexOf(symbol);
        if (i < 0) {
            throw new IllegalArgumentException("unknown element symbol '" + symbol + "' (known: H..Am)");
        }
        return i + 1;
    }

    /**
     * @param z atomic number, 1..95
     * @return the element symbol
     * @throws IllegalArgumentException if z is outside 1..95
     */
    public static String symbol(int z) {
        if (z < 1 || z > SYMBOLS.size()) {
            throw new IllegalArgumentException("atomic number " + z + " outside 1.." + SYMBOLS.size());
        }
        return SYMBOLS.get(z - 1);
    }
}
