package tessera.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.eclipse.swt.graphics.RGB;
import org.junit.jupiter.api.Test;

import tessera.ui.internal.ColorMap;
import tessera.ui.internal.MapPart;
import tessera.ui.internal.TesseraWorkbench;

/** The map view's scale bar rule, colour maps and cluster map title, without a display. */
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

    @Test
    void noiseIsGreyAndNoClusterIsGrey() {
        assertEquals(new RGB(128, 128, 128), ColorMap.label(-1));
        for (int c = 0; c < 20; c++) {
            assertNotEquals(ColorMap.NOISE, ColorMap.label(c), "cluster " + c);
        }
        assertNotEquals(ColorMap.label(0), ColorMap.label(1));
        org.eclipse.swt.graphics.ImageData d = ColorMap.labelImage(new double[][] { { -1, 0, 1 }, { 2, Double.NaN, 11 } });
        assertEquals(ColorMap.NOISE, d.palette.getRGB(d.getPixel(0, 0)));
        assertEquals(ColorMap.label(1), d.palette.getRGB(d.getPixel(2, 0)));
        assertEquals(ColorMap.NOISE, d.palette.getRGB(d.getPixel(1, 1)));
        assertEquals(ColorMap.label(11), d.palette.getRGB(d.getPixel(2, 1)));
    }

    @Test
    void theClusterMapIsTitledWithTheContributionsName() {
        assertEquals("HDBSCAN* clusters", TesseraWorkbench.clustersTitle("HDBSCAN* (GLOSH outlier scores)"));
        assertEquals("k-means clusters", TesseraWorkbench.clustersTitle("k-means (k-means++)"));
        assertEquals("DBSCAN clusters", TesseraWorkbench.clustersTitle("DBSCAN"));
        assertEquals("Mini-batch k-means clusters", TesseraWorkbench.clustersTitle("Mini-batch k-means"));
        assertEquals("clusters", TesseraWorkbench.clustersTitle(null));
    }
}
