package tessera.edx;

/**
 * One characteristic X-ray line of an element.
 *
 * @param element   element symbol, e.g. {@code "Fe"}
 * @param name      line name in Siegbahn notation as HyperSpy writes it: {@code Ka}, {@code Kb}, {@code La},
 *                  {@code Lb1}..{@code Lb4}, {@code Lg1}, {@code Lg3}, {@code Ll}, {@code Ln}, {@code Ma}, {@code Mb},
 *                  {@code Mg}, {@code Mz}, {@code M2N4}, {@code M3O4}, {@code M3O5}
 * @param energyKev line energy in keV
 * @param weight    relative weight of the line within its family (the family's main line, e.g. Kα, La, Mα, has 1)
 */
public record XrayLine(String element, String name, double energyKev, double weight) {

    /** @return the line family: {@code 'K'}, {@code 'L'} or {@code 'M'} */
    public char family() {
        return name.charAt(0);
    }

    /** @return HyperSpy's label {@code <element>_<line>}, e.g. {@code Fe_Ka} */
    public String label() {
        return element + "_" + name;
    }

    /** @return true for a family's α line ({@code Ka}, {@code La}, {@code Ma}), which HyperSpy maps by default ({@code only_lines=("a",)}) */
    public boolean alpha() {
        return name.length() == 2 && name.charAt(1) == 'a';
    }
}
