package tessera.report.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.core.model.Axis;
import tessera.report.Plots;
import tessera.report.internal.Charts;

/** Edge markers on spectra ({@link Plots#writeSpectrumPng}): drawn in the marker red, at the right place, skipped off-axis. */
class EdgeMarkersTest {
    private static final Axis E = new Axis("Energy loss", 201, 1.0, 400, "eV", false);

    private static double[][] curve() {
        double[] y = new double[E.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = 1e4 * Math.pow(E.value(i) / 400, -3);
        }
        return new double[][] { y };
    }

    /** Columns holding at least 20 pixels of the marker colour (labels are shorter than that per column). */
    private static List<Integer> redColumns(BufferedImage img) {
        java.util.ArrayList<Integer> cols = new java.util.ArrayList<>();
        for (int x = 0; x < img.getWidth(); x++) {
            int n = 0;
            for (int y = 0; y < img.getHeight(); y++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                // the marker red 0xd62728, allowing for antialiasing against white
                if (r - (g + b) / 2 > 50 && r > 150) {
                    n++;
                }
            }
            if (n >= 20) {
                cols.add(x);
            }
        }
        return cols;
    }

    @Test
    void markersAreDrawnInOrderOfEnergyAndSkippedOffAxis() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("Ti-L3", 456.0);
        m.put("O-K", 532.0);
        m.put("Fe-L3", 708.0); // off the axis: skipped
        BufferedImage with = Charts.overlayWithMarkers("t", E, curve(), List.of("s"), "counts", m, 900, 420);
        BufferedImage none = Charts.overlayWithMarkers("t", E, curve(), List.of("s"), "counts", Map.of("Fe-L3", 708.0), 900, 420);
        List<Integer> cols = redColumns(with);
        assertEquals(List.of(), redColumns(none), "an off-axis marker draws nothing");
        assertEquals(2, cols.stream().filter(c -> !cols.contains(c - 1)).count(), "two marker lines: " + cols);
        int first = cols.get(0);
        int last = cols.get(cols.size() - 1);
        // 456 and 532 eV on a 400-600 eV axis: the second line lies (532-456)/(600-400) = 38 % of the plot width right
        // of the first; the plot is narrower than the 900-px image, so between 25 % and 38 % of the image width
        double frac = (last - first) / 900.0;
        assertTrue(frac > 0.25 && frac < 0.38, "spacing " + frac);
    }

    @Test
    void writesAPng(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("spectrum.png");
        Plots.writeSpectrumPng("Sum spectrum", E, curve(), List.of("sum"), "counts", Map.of("O-K", 532.0), f);
        BufferedImage img = ImageIO.read(f.toFile());
        assertEquals(Plots.WIDTH, img.getWidth());
        assertTrue(redColumns(img).size() >= 1);
        assertTrue(Files.size(f) > 1000);
    }
}
