package tessera.lattice.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.core.registry.Registry;
import tessera.lattice.LatticeImages;
import tessera.lattice.SlidingCorrelation;
import tessera.lattice.SlidingFft;
import tessera.lattice.SlidingHistogram;
import tessera.pipeline.WindowsJob;

/**
 * The sliding-window FFT: a cosine grating's peak sits at its spatial frequency (window / period px from the centre,
 * along its direction), the grid is calibrated at the window centres, and {@code tessera lattice --descriptor fft}
 * (NMF + k-means on the loadings) maps the two grains of a simulated bicrystal. The local intensity histogram puts each
 * window's pixels in the bins a direct count gives and maps two regions of different contrast; the local
 * autocorrelation equals the direct circular sum Σ g(r) g(r + Δ) / Σ g² of the tapered window, and peaks at a grating's
 * period.
 */
class SlidingFftTest {
    @Test
    void gratingPeakAtItsFrequency() {
        int n = 128;
        double[] img = new double[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                img[y * n + x] = 10 + Math.cos(2 * Math.PI * x / 8.0); // period 8 px along x
            }
        }
        Dataset d = Dataset.ofDoubles(img, List.of(new Axis("y", n, 0.02, 0, "nm", false), new Axis("x", n, 0.02, 0, "nm", false)), new Metadata());
        SlidingFft f = new SlidingFft();
        Dataset g = f.describe(d, Parameters.of(f.parameters(), Map.of("window", 32, "step", 16)), ProgressMonitor.NULL);
        assertEquals(List.of(7, 7, 32 * 32), List.of(g.shape()[0], g.shape()[1], g.shape()[2]));
        assertEquals(0.32, g.axes().get(0).scale(), 1e-12, "16 px steps of 0.02 nm");
        assertEquals(0.31, g.axes().get(1).offset(), 1e-12, "first window centre at 15.5 px");
        int best = 0;
        for (int k = 1; k < 32 * 32; k++) {
            if (g.getDouble(3, 3, k) > g.getDouble(3, 3, best)) {
                best = k;
            }
        }
        int ky = best / 32 - 16, kx = best % 32 - 16;
        assertEquals(0, ky, "peak on the kx axis");
        assertEquals(4, Math.abs(kx), "32 px window / 8 px period = 4 cycles");
    }

    @Test
    void bicrystalGrainsMapped(@TempDir Path tmp) throws Exception {
        LatticeImages.Simulated s = LatticeImages.grapheneBicrystal(512, 512, 9, 0.1, 0.1 + Math.toRadians(20), 2, 5, 2);
        Dataset img = Dataset.ofDoubles(s.image(), List.of(Axis.uncalibrated("y", 512, false), Axis.uncalibrated("x", 512, false)), new Metadata().title("bicrystal"));
        Path file = tmp.resolve("bicrystal.hspy");
        Registry.get().formats().writerFor(file).write(img, file);
        var run = WindowsJob.run(Registry.get(), file, tmp.resolve("out"), WindowsJob.SLIDING_FFT, Map.of("window", 64, "step", 32), "tessera.decompose.nmf",
                Map.of("components", 2), "tessera.cluster.kmeans", Map.of("k", 2, "seed", 0L), ProgressMonitor.NULL, x -> { });
        assertGrainsMapped((ClusterResult) run.value(WindowsJob.CLUSTER_STEP + ".result"), "fft");
        for (String f : List.of("loadings.npy", "patterns.npy", "classes.npy", "loadings.png", "patterns.png", "classes.png", "report.html", "provenance.xmi")) {
            assertTrue(Files.isRegularFile(tmp.resolve("out").resolve(f)), f);
        }
        // the local autocorrelation with its default lags (all the window holds), PCA as the command's default for it
        var corr = WindowsJob.run(Registry.get(), file, tmp.resolve("corr"), WindowsJob.descriptor("correlation"), Map.of("window", 64, "step", 32),
                "tessera.decompose.pca", Map.of("components", 2), "tessera.cluster.kmeans", Map.of("k", 2, "seed", 0L), ProgressMonitor.NULL, x -> { });
        assertGrainsMapped((ClusterResult) corr.value(WindowsJob.CLUSTER_STEP + ".result"), "correlation");
    }

    /** Windows of the simulated bicrystal (boundary y = 512 − x) away from the boundary are in their grain's class. */
    static void assertGrainsMapped(ClusterResult c, String what) {
        int g = (512 - 64) / 32 + 1, right = 0, counted = 0;
        for (int wy = 0; wy < g; wy++) {
            for (int wx = 0; wx < g; wx++) {
                double cy = wy * 32 + 31.5, cx = wx * 32 + 31.5;
                double dist = (cy - (512 - cx)) / Math.sqrt(2); // signed distance from the boundary y = 512 − x
                if (Math.abs(dist) < 40) {
                    continue; // windows on the boundary hold both grains
                }
                counted++;
                right += c.labels()[wy * g + wx] == (dist < 0 ? 0 : 1) ? 1 : 0;
            }
        }
        double acc = Math.max(right, counted - right) / (double) counted;
        System.out.println("bicrystal, " + what + ": " + acc + " of " + counted + " windows in their grain's class");
        assertTrue(acc > 0.95, what + ": windows in their grain's class: " + acc + " of " + counted);
    }

    @Test
    void histogramCountsEachWindowAndMapsTwoContrasts(@TempDir Path tmp) throws Exception {
        int n = 96;
        double[] img = new double[n * n];
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                img[y * n + x] = (x < n / 2 ? 10 : 30) + 3 * r.nextGaussian(); // two regions of different contrast
            }
        }
        Dataset d = Dataset.ofDoubles(img, List.of(Axis.uncalibrated("y", n, false), Axis.uncalibrated("x", n, false)), new Metadata().title("two contrasts"));
        SlidingHistogram h = new SlidingHistogram();
        Dataset g = h.describe(d, Parameters.of(h.parameters(), Map.of("window", 16, "step", 16, "bins", 8)), ProgressMonitor.NULL);
        assertEquals(List.of(6, 6, 8), List.of(g.shape()[0], g.shape()[1], g.shape()[2]));
        @SuppressWarnings("unchecked")
        List<Double> range = (List<Double>) g.metadata().get("Signal.histogram_range");
        double[] sorted = img.clone();
        java.util.Arrays.sort(sorted);
        assertEquals(sorted[(int) Math.floor(0.005 * (n * n - 1))], range.get(0), 0);
        assertEquals(sorted[(int) Math.ceil(0.995 * (n * n - 1))], range.get(1), 0);
        // a direct count of window (2, 4)
        double lo = range.get(0), hi = range.get(1);
        double[] count = new double[8];
        for (int a = 0; a < 16; a++) {
            for (int b = 0; b < 16; b++) {
                int k = (int) Math.floor((img[(32 + a) * n + 64 + b] - lo) * 8 / (hi - lo));
                count[Math.max(0, Math.min(7, k))] += 1.0 / 256;
            }
        }
        double sum = 0;
        for (int k = 0; k < 8; k++) {
            assertEquals(count[k], g.getDouble(2, 4, k), 1e-6, "bin " + k);
            sum += g.getDouble(2, 4, k);
        }
        assertEquals(1, sum, 1e-5);
        Path file = tmp.resolve("two.hspy");
        Registry.get().formats().writerFor(file).write(d, file);
        var run = WindowsJob.run(Registry.get(), file, tmp.resolve("out"), WindowsJob.descriptor("histogram"), Map.of("window", 16, "step", 8), "tessera.decompose.nmf",
                Map.of("components", 2), "tessera.cluster.kmeans", Map.of("k", 2, "seed", 0L), ProgressMonitor.NULL, x -> { });
        ClusterResult c = (ClusterResult) run.value(WindowsJob.CLUSTER_STEP + ".result");
        int gx = (n - 16) / 8 + 1, right = 0, counted = 0, left = c.labels()[0];
        for (int wy = 0; wy < gx; wy++) {
            for (int wx = 0; wx < gx; wx++) {
                double cx = wx * 8 + 7.5;
                if (Math.abs(cx - n / 2.0) < 9) {
                    continue; // windows across the border hold both
                }
                counted++;
                right += (c.labels()[wy * gx + wx] == left) == (cx < n / 2.0) ? 1 : 0;
            }
        }
        assertEquals(counted, right, "every window in its region's class");
        assertTrue(Files.readString(tmp.resolve("out").resolve("report.html")).contains("sliding histogram"));
    }

    @Test
    void correlationEqualsTheDirectSumAndPeaksAtThePeriod() {
        int n = 64;
        double[] img = new double[n * n];
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                img[y * n + x] = 5 + Math.cos(2 * Math.PI * (x + 0.5 * y) / 10.0) + 0.2 * r.nextGaussian();
            }
        }
        Dataset d = Dataset.ofDoubles(img, List.of(new Axis("y", n, 0.05, 0, "nm", false), new Axis("x", n, 0.05, 0, "nm", false)), new Metadata());
        SlidingCorrelation f = new SlidingCorrelation();
        Dataset g = f.describe(d, Parameters.of(f.parameters(), Map.of("window", 32, "step", 16, "lags", 12)), ProgressMonitor.NULL);
        int side = 25;
        assertEquals(List.of(3, 3, side * side), List.of(g.shape()[0], g.shape()[1], g.shape()[2]));
        assertEquals(List.of(side, side), g.metadata().get("Signal.window_shape"));
        // the direct circular sum on window (1, 2), Hann-tapered after removing its mean
        int w = 32, y0 = 16, x0 = 32;
        double[] t = new double[w];
        for (int i = 0; i < w; i++) {
            t[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (w - 1));
        }
        double mean = 0;
        for (int a = 0; a < w; a++) {
            for (int b = 0; b < w; b++) {
                mean += img[(y0 + a) * n + x0 + b] / (w * w);
            }
        }
        double[] win = new double[w * w];
        for (int a = 0; a < w; a++) {
            for (int b = 0; b < w; b++) {
                win[a * w + b] = (img[(y0 + a) * n + x0 + b] - mean) * t[a] * t[b];
            }
        }
        double c0 = 0;
        for (double v : win) {
            c0 += v * v;
        }
        for (int[] lag : new int[][] { {0, 0}, {0, 10}, {3, -7}, {-12, 12}, {5, 0}}) {
            double c = 0;
            for (int a = 0; a < w; a++) {
                for (int b = 0; b < w; b++) {
                    c += win[a * w + b] * win[Math.floorMod(a + lag[0], w) * w + Math.floorMod(b + lag[1], w)];
                }
            }
            assertEquals(c / c0, g.getDouble(1, 2, (lag[0] + 12) * side + lag[1] + 12), 1e-5, "lag " + lag[0] + ", " + lag[1]);
        }
        assertEquals(1, g.getDouble(1, 2, 12 * side + 12), 1e-6, "1 at zero lag");
        // the grating repeats every 10 px along x: a peak there, a trough at half the period
        assertTrue(g.getDouble(1, 2, 12 * side + 22) > 0.4 && g.getDouble(1, 2, 12 * side + 17) < -0.4, "period 10 px along x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> f.describe(d, Parameters.of(f.parameters(), Map.of("window", 16, "lags", 8)), ProgressMonitor.NULL));
        assertTrue(e.getMessage().contains("half the window"), e.getMessage());
    }
}
