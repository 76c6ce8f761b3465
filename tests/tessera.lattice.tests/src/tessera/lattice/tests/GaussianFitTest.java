package tessera.lattice.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import tessera.lattice.internal.GaussianFit;

/**
 * The 2-D elliptical Gaussian fit recovers known parameters, and its position uncertainties are calibrated: over 300
 * noisy renderings of one column the scatter of the fitted centre equals the reported σ (z-scores with unit spread).
 */
class GaussianFitTest {
    static double[] render(int n, double y0, double x0, double amp, double sa, double sb, double rot, double bg, double noise, SplittableRandom r) {
        double[] img = new double[n * n];
        double c = Math.cos(rot), s = Math.sin(rot);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double dx = x - x0, dy = y - y0;
                double u = dx * c + dy * s, w = -dx * s + dy * c;
                double g = r == null ? 0 : Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
                img[y * n + x] = bg + amp * Math.exp(-(u * u / (2 * sa * sa) + w * w / (2 * sb * sb))) + noise * g;
            }
        }
        return img;
    }

    @Test
    void recoversAnEllipticalColumnExactlyWithoutNoise() {
        double[] img = render(31, 15.3, 14.6, 100, 3.0, 2.0, 0.5, 10, 0, null);
        GaussianFit f = GaussianFit.fit(img, 31, 31, 15, 15, 9);
        assertNotNull(f);
        assertEquals(15.3, f.y0, 1e-6);
        assertEquals(14.6, f.x0, 1e-6);
        assertEquals(100, f.amplitude, 1e-4);
        assertEquals(3.0, f.sigmaA, 1e-6);
        assertEquals(2.0, f.sigmaB, 1e-6);
        assertEquals(0.5, f.rotation, 1e-6);
        assertEquals(10, f.background, 1e-4);
        assertEquals(0, f.rms, 1e-6);
    }

    @Test
    void positionUncertaintiesMatchTheScatter() {
        SplittableRandom r = new SplittableRandom(11);
        int trials = 300;
        double zy = 0, zx = 0, my = 0, mx = 0;
        for (int t = 0; t < trials; t++) {
            double[] img = render(25, 12.2, 11.7, 50, 2.5, 2.5, 0, 5, 5, r);
            GaussianFit f = GaussianFit.fit(img, 25, 25, 12, 12, 7);
            assertNotNull(f);
            zy += Math.pow((f.y0 - 12.2) / f.sy0, 2);
            zx += Math.pow((f.x0 - 11.7) / f.sx0, 2);
            my += f.y0 / trials;
            mx += f.x0 / trials;
        }
        double sdy = Math.sqrt(zy / trials), sdx = Math.sqrt(zx / trials);
        assertTrue(sdy > 0.85 && sdy < 1.15, "z-score spread in y " + sdy);
        assertTrue(sdx > 0.85 && sdx < 1.15, "z-score spread in x " + sdx);
        assertEquals(12.2, my, 0.02, "unbiased in y");
        assertEquals(11.7, mx, 0.02, "unbiased in x");
    }
}
