package tessera.lattice.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import tessera.lattice.SlidingFft;
import tessera.pipeline.WindowsJob;

/**
 * The sliding-window FFT: a cosine grating's peak sits at its spatial frequency (window / period px from the centre,
 * along its direction), the grid is calibrated at the window centres, and {@code tessera lattice --descriptor fft}
 * (NMF + k-means on the loadings) maps the two grains of a simulated bicrystal.
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
        ClusterResult c = (ClusterResult) run.value(WindowsJob.CLUSTER_STEP + ".result");
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
        assertTrue(acc > 0.95, "windows in their grain's class: " + acc + " of " + counted);
        for (String f : List.of("loadings.npy", "patterns.npy", "classes.npy", "loadings.png", "patterns.png", "classes.png", "report.html", "provenance.xmi")) {
            assertTrue(Files.isRegularFile(tmp.resolve("out").resolve(f)), f);
        }
    }
}
