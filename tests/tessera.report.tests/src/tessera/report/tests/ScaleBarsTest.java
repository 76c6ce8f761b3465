package tessera.report.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import tessera.core.model.Axis;
import tessera.report.internal.ScaleBars;

class ScaleBarsTest {

    @Test
    void niceLengthIsLargestOneTwoFiveBelowBound() {
        assertEquals(5.0, ScaleBars.niceLength(9.0));
        assertEquals(10.0, ScaleBars.niceLength(10.0));
        assertEquals(10.0, ScaleBars.niceLength(19.99));
        assertEquals(20.0, ScaleBars.niceLength(49.0));
        assertEquals(50.0, ScaleBars.niceLength(50.0));
        assertEquals(100.0, ScaleBars.niceLength(153.6));
        assertEquals(1000.0, ScaleBars.niceLength(1999.0));
        assertEquals(0.2, ScaleBars.niceLength(0.3));
        assertEquals(0.002, ScaleBars.niceLength(0.0025));
        assertEquals(1.0, ScaleBars.niceLength(1.0));
        assertEquals(2.0, ScaleBars.niceLength(4.99));
    }

    @Test
    void niceLengthRejectsNonPositive() {
        assertThrows(IllegalArgumentException.class, () -> ScaleBars.niceLength(0));
        assertThrows(IllegalArgumentException.class, () -> ScaleBars.niceLength(-3));
        assertThrows(IllegalArgumentException.class, () -> ScaleBars.niceLength(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> ScaleBars.niceLength(Double.POSITIVE_INFINITY));
    }

    @Test
    void scaleBarForNavigationAxes() {
        // 60 x 0.5 nm = 30 nm field: at most 9 nm -> 5 nm
        assertEquals(5.0, ScaleBars.forAxis(Fixtures.X));
        // 256 x 1.953125 nm = 500 nm field: at most 150 nm -> 100 nm
        assertEquals(100.0, ScaleBars.forAxis(new Axis("x", 256, 1.953125, 0, "nm", true)));
        // 64 x 0.0312 µm = 2 µm field: at most 0.599 µm -> 0.5 µm
        assertEquals(0.5, ScaleBars.forAxis(new Axis("x", 64, 0.0312, 0, "µm", true)), 1e-15);
        // negative scale (flipped axis) uses |scale|
        assertEquals(5.0, ScaleBars.forAxis(new Axis("x", 60, -0.5, 30, "nm", true)));
    }

    @Test
    void labelsUseReadableUnits() {
        assertEquals("5 nm", ScaleBars.label(5, "nm"));
        assertEquals("0.5 nm", ScaleBars.label(0.5, "nm"));
        assertEquals("2 µm", ScaleBars.label(2000, "nm"));
        assertEquals("500 nm", ScaleBars.label(500, "nm"));
        assertEquals("5 Å", ScaleBars.label(5, "Å"));
        assertEquals("2 nm", ScaleBars.label(20, "Å"));
        assertEquals("1 mm", ScaleBars.label(1000, "um"));
        assertEquals("10 px", ScaleBars.label(10, "px"));
        assertTrue(ScaleBars.isLengthUnit("nm"));
        assertFalse(ScaleBars.isLengthUnit(""));
        assertFalse(ScaleBars.isLengthUnit("eV"));
    }
}
