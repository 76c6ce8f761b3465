package tessera.io.emd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** NCEM EMD unit strings as HyperSpy 1.7.3 (pint 0.x short format) reads them; expectations checked with pint. */
class NcemUnitsTest {
    @Test
    void bracketedUnitsAsPintFormatsThem() {
        assertEquals("nm", NcemUnits.parse("[n_m]"));
        assertEquals("1 / nm", NcemUnits.parse("[n_m^-1]"));
        assertEquals("1 / nm ** 2", NcemUnits.parse("[n_m^-2]"));
        assertEquals("mrad", NcemUnits.parse("[mrad]"));
        assertEquals("µm", NcemUnits.parse("[u_m]"));
        assertEquals("count", NcemUnits.parse("[counts]"));
        assertEquals("eV * nm", NcemUnits.parse("[n_m][e_V]"));
        assertEquals("nm ** 2", NcemUnits.parse("[n_m][n_m]"));
        assertEquals("mrad / nm", NcemUnits.parse("[mrad][n_m^-1]"));
        assertEquals("1 / Å", NcemUnits.parse("[1_/_Å]"));
        assertEquals("Å", NcemUnits.parse("[Å]"));
    }

    @Test
    void noBracketsNoUnitsAndUnknownTextKept() {
        assertEquals("", NcemUnits.parse("test_units"));
        assertEquals("", NcemUnits.parse("[]"));
        assertEquals("", NcemUnits.parse(null));
        assertEquals("arb units", NcemUnits.parse("[arb units]"));
    }

    @Test
    void writerSpellsUnitsAsHyperSpy() {
        assertEquals("[n_m]", NcemEmdWriter.unitsText("nm"));
        assertEquals("", NcemEmdWriter.unitsText(""));
        assertEquals("1 / nm", NcemUnits.parse(NcemEmdWriter.unitsText("1 / nm")));
        assertEquals("µm", NcemUnits.parse(NcemEmdWriter.unitsText("µm")));
    }
}
