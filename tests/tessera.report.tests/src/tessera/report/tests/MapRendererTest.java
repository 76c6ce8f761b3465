package tessera.report.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;

import org.junit.jupiter.api.Test;

import tessera.core.model.Axis;
import tessera.report.internal.Colormaps;
import tessera.report.internal.MapRenderer;
import tessera.report.internal.MapRenderer.MapPanel;
import tessera.report.internal.MapRenderer.PanelGeometry;
import tessera.report.internal.MapRenderer.Rendered;

class MapRendererTest {

    /** the rendered pixel at the centre of data element (i, j) */
    static int pixel(BufferedImage img, Rectangle r, int ny, int nx, int i, int j) {
        int px = r.x + (int) ((j + 0.5) * r.width / nx);
        int py = r.y + (int) ((i + 0.5) * r.height / ny);
        return img.getRGB(px, py) & 0xffffff;
    }

    static double[] map(int c) {
        double[] v = new double[Fixtures.Y.size() * Fixtures.X.size()];
        for (int i = 0; i < Fixtures.Y.size(); i++) {
            for (int j = 0; j < Fixtures.X.size(); j++) {
                v[i * Fixtures.X.size() + j] = Fixtures.loading2d(c, i, j);
            }
        }
        return v;
    }

    @Test
    void viridisEndsAreMatplotlibs() {
        assertEquals(0x440154, Colormaps.viridis(0));
        assertEquals(0xfde725, Colormaps.viridis(255));
        assertEquals(0x440154, Colormaps.viridis(-1.0, -1.0, 3.0));
        assertEquals(0xfde725, Colormaps.viridis(3.0, -1.0, 3.0));
        assertEquals(Colormaps.NAN_RGB, Colormaps.viridis(Double.NaN, 0, 1));
    }

    @Test
    void colourBarSpansDataMinToMaxAndMaxPixelIsTopColour() {
        double[] v = map(1);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int argmin = 0;
        for (int p = 0; p < v.length; p++) {
            if (v[p] < min) {
                min = v[p];
                argmin = p;
            }
            max = Math.max(max, v[p]);
        }
        Rendered rd = MapRenderer.renderContinuous("t", List.of(new MapPanel("blob", v, Fixtures.Y, Fixtures.X)), 230, 3);
        PanelGeometry g = rd.panels().get(0);
        assertEquals(min, g.vmin());
        assertEquals(max, g.vmax());
        assertEquals(1.0, g.vmax());
        BufferedImage img = rd.image();
        // the known maximum is drawn in viridis' top colour, the minimum in its bottom colour
        assertEquals(0xfde725, pixel(img, g.image(), 40, 60, Fixtures.PEAK_Y, Fixtures.PEAK_X));
        assertEquals(0x440154, pixel(img, g.image(), 40, 60, argmin / 60, argmin % 60));
        // colour bar: top row = top colour, bottom row = bottom colour
        Rectangle cb = g.colorbar();
        assertEquals(0xfde725, img.getRGB(cb.x + cb.width / 2, cb.y) & 0xffffff);
        assertEquals(0x440154, img.getRGB(cb.x + cb.width / 2, cb.y + cb.height - 1) & 0xffffff);
        assertEquals(g.image().height, cb.height);
    }

    @Test
    void imageKeepsPhysicalAspectAndScaleBarLengthMatchesCalibration() {
        Rendered rd = MapRenderer.renderContinuous("t", List.of(new MapPanel("ramp", map(0), Fixtures.Y, Fixtures.X)), 230, 3);
        PanelGeometry g = rd.panels().get(0);
        // 60 x 40 px of 0.5 nm: 30 nm x 20 nm -> 230 x 153 pixels
        assertEquals(230, g.image().width);
        assertEquals(153, g.image().height);
        assertEquals(5.0, g.scaleBarLength());
        assertEquals("5 nm", g.scaleBarLabel());
        // 5 nm of a 30 nm field drawn 230 px wide
        assertEquals(Math.round(5.0 / 30.0 * 230), g.scaleBarPixels());
        // the bar itself is white, in the lower left of the image
        BufferedImage img = rd.image();
        boolean white = false;
        for (int yy = g.image().y + g.image().height - 20; yy < g.image().y + g.image().height; yy++) {
            white |= (img.getRGB(g.image().x + 12 + g.scaleBarPixels() / 2, yy) & 0xffffff) == 0xffffff;
        }
        assertTrue(white, "white scale bar in the lower left corner");
    }

    @Test
    void uncalibratedAxesGetNoScaleBar() {
        Axis y = Axis.uncalibrated("y", 10, true);
        Axis x = Axis.uncalibrated("x", 20, true);
        Rendered rd = MapRenderer.renderContinuous("t", List.of(new MapPanel("p", new double[200], y, x)), 200, 1);
        PanelGeometry g = rd.panels().get(0);
        assertNull(g.scaleBarLabel());
        assertEquals(0, g.scaleBarPixels());
        // constant map: colour bar range is the single value
        assertEquals(0.0, g.vmin());
        assertEquals(0.0, g.vmax());
    }

    @Test
    void clusterMapUsesCategoricalColours() {
        int[] labels = new int[40 * 60];
        for (int p = 0; p < labels.length; p++) {
            labels[p] = (p % 60) < 20 ? 0 : (p % 60) < 40 ? 1 : 2;
        }
        Rendered rd = MapRenderer.renderCategorical("c", "k-means", labels, 3, Fixtures.Y, Fixtures.X, 440);
        PanelGeometry g = rd.panels().get(0);
        assertNull(g.colorbar());
        assertEquals(Colormaps.category(0).getRGB() & 0xffffff, pixel(rd.image(), g.image(), 40, 60, 2, 5));
        assertEquals(Colormaps.category(1).getRGB() & 0xffffff, pixel(rd.image(), g.image(), 40, 60, 2, 30));
        assertEquals(Colormaps.category(2).getRGB() & 0xffffff, pixel(rd.image(), g.image(), 40, 60, 2, 55));
        assertEquals("5 nm", g.scaleBarLabel());
    }
}
