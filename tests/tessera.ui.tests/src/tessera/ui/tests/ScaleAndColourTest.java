package tessera.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eclipse.swt.graphics.RGB;
import org.junit.jupiter.api.Test;

import tessera.ui.internal.ColorMap;
import tessera.ui.internal.MapPart;

/** The map view's scale bar rule and colour map, without a display. */
class ScaleAndColourTest {
    @Test
    void scaleBarIsTheLargestOneTwoFiveLengthWithinAFifthOfTheWidth() {
        // core_shell.hspy: 64 pixels of 0.5 nm = 32 nm wide -> a fifth is 6.4 nm -> 5 nm
        assertEquals(5, MapPart.scaleBarLength(32), 1e-12);
        assertEquals(20, MapPart.scaleBarLength(100), 1e-12);
        assertEquals(1, MapPart.scaleBarLength(7), 1e-12);
        assertEquals(0.2, MapPart.scaleBarLength(1.2), 1e-12);
    }

    @Test
    void viridisRunsFromDarkPurpleToYellowThroughItsAnchors() {
        assertEquals(new RGB(68, 1, 84), ColorMap.viridis(0));
        assertEquals(new RGB(253, 231, 37), ColorMap.viridis(1));
        assertEquals(new RGB(68, 1, 84), ColorMap.viridis(-3));
        // halfway between the 5th and 6th of 10 anchors
        assertEquals(new RGB(35, 144, 140), ColorMap.viridis(0.5));
    }
}
