package tessera.lattice.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.core.analysis.DynamicsResult;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.core.registry.Registry;
import tessera.lattice.LatticeImages;
import tessera.pipeline.DynamicsJob;
import tessera.pipeline.RunResult;
import tessera.pipeline.TrackJob;

/**
 * The whole chain on a simulated movie: 200 frames of a lattice whose columns switch among three configurations
 * (peak intensities 1, 0.7, 0.45) by a known transition matrix, with Poisson noise — {@code tessera track} (columns
 * per frame, linked, labelled by k-means on their intensities) and {@code tessera dynamics} on its labels: ‖T̂ − T‖_F
 * < 0.05 and the true entries inside their 95 % intervals for at least 90 % of them (issue 18).
 */
class MarkovChainTest {
    static final double[][] T = {{0.90, 0.07, 0.03}, {0.10, 0.80, 0.10}, {0.05, 0.15, 0.80}};

    @Test
    void imagesToAtomsToClassesToDynamics(@TempDir Path tmp) throws Exception {
        int frames = 200, n = 128;
        double[][] s = LatticeImages.switchingSeries(frames, n, 16, new double[] {1.0, 0.7, 0.45}, T, 2.5, 60, 7);
        double[] all = new double[frames * n * n];
        for (int f = 0; f < frames; f++) {
            System.arraycopy(s[f], 0, all, f * n * n, n * n);
        }
        Dataset series = Dataset.ofDoubles(all, List.of(Axis.uncalibrated("frame", frames, true), Axis.uncalibrated("y", n, false), Axis.uncalibrated("x", n, false)),
                new Metadata().title("switching columns"));
        Path file = tmp.resolve("movie.hspy");
        Registry.get().formats().writerFor(file).write(series, file);
        RunResult track = TrackJob.run(Registry.get(), file, tmp.resolve("track"), Map.of("classes", 3, "maxStep", 4), ProgressMonitor.NULL, x -> { });
        Dataset labels = (Dataset) track.value(TrackJob.TRACK_STEP + ".labels");
        // the classes as the simulation drew them (class 0 = brightest = configuration 0)
        double[] truth = s[frames];
        double[] ty = s[frames + 1], tx = s[frames + 2];
        Dataset tracks = (Dataset) track.value(TrackJob.TRACK_STEP + ".tracks");
        int right = 0, seen = 0;
        for (int site = 0; site < tracks.shape()[0]; site++) {
            int best = -1;
            double bd = 4;
            for (int i = 0; i < ty.length; i++) {
                double d = Math.hypot(tracks.getDouble(site, 0, 0) - ty[i], tracks.getDouble(site, 0, 1) - tx[i]);
                if (d < bd) {
                    bd = d;
                    best = i;
                }
            }
            for (int f = 0; best >= 0 && f < frames; f++) {
                double l = labels.getDouble(site, f);
                if (l >= 0) {
                    seen++;
                    right += l == truth[best * frames + f] ? 1 : 0;
                }
            }
        }
        System.out.printf("chain: %d sites, %d labels, %.4f as simulated%n", tracks.shape()[0], seen, right / (double) seen);
        assertTrue(right > 0.98 * seen, "labels as simulated: " + right + " of " + seen);
        Path labelsFile = tmp.resolve("track").resolve("labels.npy");
        RunResult dyn = DynamicsJob.run(Registry.get(), labelsFile, tmp.resolve("dyn"), DynamicsJob.MSM, Map.of("lag", 1, "samples", 2000, "seed", 3L), ProgressMonitor.NULL,
                x -> { });
        Dataset t = (Dataset) dyn.value(DynamicsJob.MODEL_STEP + "." + DynamicsResult.TRANSITION_MATRIX);
        Dataset lo = (Dataset) dyn.value(DynamicsJob.MODEL_STEP + "." + DynamicsResult.T_LOW);
        Dataset hi = (Dataset) dyn.value(DynamicsJob.MODEL_STEP + "." + DynamicsResult.T_HIGH);
        double fro = 0;
        int inside = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double e = t.getDouble(i, j) - T[i][j];
                fro += e * e;
                inside += T[i][j] >= lo.getDouble(i, j) && T[i][j] <= hi.getDouble(i, j) ? 1 : 0;
            }
        }
        fro = Math.sqrt(fro);
        System.out.printf("chain: ||T^ - T||_F = %.4f, %d of 9 true entries inside their 95 %% intervals%n", fro, inside);
        assertTrue(fro < 0.05, "||T^ - T||_F = " + fro);
        assertTrue(inside >= 8, inside + " of 9 true entries inside their 95 % intervals");
        assertEquals(3, t.shape()[0]);
    }
}
