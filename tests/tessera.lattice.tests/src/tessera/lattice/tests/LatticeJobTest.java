package tessera.lattice.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.lattice.ColumnMatching;
import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.core.registry.Registry;
import tessera.core.analysis.AtomResult;
import tessera.lattice.GaussianAtomFinder;
import tessera.lattice.LatticeGeometry;
import tessera.lattice.LatticeImages;
import tessera.lattice.NeighbourDescriptors;
import tessera.pipeline.AtomsJob;
import tessera.pipeline.LatticeJob;
import tessera.pipeline.PipelineEngine;
import tessera.pipeline.Rerun;
import tessera.pipeline.RunOptions;
import tessera.pipeline.RunResult;
import tessera.provenance.RecordStore;
import tessera.provenance.model.Record;

/**
 * Local crystallography: the descriptors on exact lattices, and {@code tessera lattice} ({@link LatticeJob}) on the
 * real graphene grain boundary: with the bond-orientational order ψ6 and two classes the two grains separate — each
 * class one contiguous region (its columns' neighbours share their class), the classes' lattice orientations apart,
 * the boundary drawn — and the record re-runs.
 */
class LatticeJobTest {
    static Dataset positions(double[][] yx) {
        int n = yx[0].length;
        double[] p = new double[2 * n];
        for (int i = 0; i < n; i++) {
            p[2 * i] = yx[0][i];
            p[2 * i + 1] = yx[1][i];
        }
        return Dataset.ofDoubles(p, List.of(Axis.uncalibrated("column", n, true), Axis.uncalibrated("(y, x)", 2, false)), new Metadata());
    }

    static final Dataset IMAGE = Dataset.ofDoubles(new double[64], List.of(Axis.uncalibrated("y", 8, false), Axis.uncalibrated("x", 8, false)), new Metadata());

    @Test
    void descriptorsOnExactLattices() {
        double t = Math.toRadians(10);
        double[][] sq = LatticeGeometryTest.points(new double[] {-20 * Math.sin(t), 20 * Math.cos(t)}, new double[] {20 * Math.cos(t), 20 * Math.sin(t)}, new double[][] {{0, 0}}, 9);
        var bo = new NeighbourDescriptors.BondOrientation();
        Dataset f = bo.describe(IMAGE, positions(sq), Parameters.of(bo.parameters(), Map.of("neighbours", 4, "symmetry", 4)), ProgressMonitor.NULL);
        int centre = 40; // interior column
        double re = f.getDouble(centre, 0), im = f.getDouble(centre, 1);
        assertEquals(1.0, Math.hypot(re, im), 1e-12, "|ψ4| = 1 on a square lattice");
        // angles counter-clockwise on screen (rows grow downwards): the lattice's neighbours at 10°, 100°, 190°, 280°
        assertEquals(40.0, Math.toDegrees(Math.atan2(im, re)), 1e-9);
        assertEquals(1.0, f.getDouble(centre, 2), 1e-12, "mean neighbour distance = the median");
        var v = new NeighbourDescriptors.Vectors();
        Dataset g = v.describe(IMAGE, positions(sq), Parameters.of(v.parameters(), Map.of()), ProgressMonitor.NULL);
        assertEquals(List.of(9 * 9, 8), List.of(g.shape()[0], g.shape()[1]));
        // first vector: the neighbour at the smallest angle from +x, 10° (up on screen): (dx, dy) = (cos 10°, −sin 10°)
        assertEquals(Math.cos(t), g.getDouble(centre, 0), 1e-12);
        assertEquals(-Math.sin(t), g.getDouble(centre, 1), 1e-12);
    }

    /** The default coarse-graining (6) was chosen here: 0.97 (none), 0.987 (3), 0.990 (6), 0.991 (12) at 28°. */
    @Test
    void simulatedBicrystalSeparates() {
        for (double mis : new double[] {13, 28}) {
            LatticeImages.Simulated s = LatticeImages.grapheneBicrystal(512, 512, 18, 0.1, 0.1 + Math.toRadians(mis), 3.5, 2, 1);
            Dataset img = Dataset.ofDoubles(s.image(), List.of(Axis.uncalibrated("y", 512, false), Axis.uncalibrated("x", 512, false)), new Metadata());
            GaussianAtomFinder finder = new GaussianAtomFinder();
            Dataset pos = finder.find(img, Parameters.of(finder.parameters(), Map.of()), ProgressMonitor.NULL).output(AtomResult.POSITIONS);
            var bo = new NeighbourDescriptors.BondOrientation();
            Dataset f = bo.describe(img, pos, Parameters.of(bo.parameters(), Map.of()), ProgressMonitor.NULL);
            var km = Registry.get().clusterer(LatticeJob.KMEANS);
            int n = f.shape()[0];
            double[][] x = new double[n][3];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < 3; c++) {
                    x[i][c] = f.getDouble(i, c);
                }
            }
            int[] lab = km.cluster(x, Parameters.of(km.parameters(), Map.of("k", 2)), ProgressMonitor.NULL).labels();
            int right = 0;
            for (int i = 0; i < n; i++) {
                int truth = pos.getDouble(i, 0) < 512 - pos.getDouble(i, 1) ? 0 : 1;
                right += lab[i] == truth ? 1 : 0;
            }
            double acc = Math.max(right, n - right) / (double) n;
            assertTrue(acc > 0.97, mis + "°: " + acc + " of the columns in their grain's class");
        }
    }

    /** Normalised patches tell a perovskite's A columns (bright centre, dim diagonals) from its B columns. */
    @Test
    void patchesSeparateThePerovskiteSublattices() {
        LatticeImages.Simulated s = LatticeImages.perovskite(300, 300, 36, 0.25, 0.4, 4, 40, 0, 6);
        Dataset img = Dataset.ofDoubles(s.image(), List.of(Axis.uncalibrated("y", 300, false), Axis.uncalibrated("x", 300, false)), new Metadata());
        GaussianAtomFinder finder = new GaussianAtomFinder();
        Dataset pos = finder.find(img, Parameters.of(finder.parameters(), Map.of()), ProgressMonitor.NULL).output(AtomResult.POSITIONS);
        var pd = new tessera.lattice.PatchDescriptor();
        Dataset f = pd.describe(img, pos, Parameters.of(pd.parameters(), Map.of()), ProgressMonitor.NULL);
        int n = f.shape()[0], d = f.shape()[1];
        assertEquals(d, (int) Math.pow(2 * Math.round(0.75 * 36 / Math.sqrt(2)) + 1, 2), "default size from the nearest-neighbour distance");
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) {
                x[i][c] = f.getDouble(i, c);
            }
        }
        var km = Registry.get().clusterer(LatticeJob.KMEANS);
        int[] lab = km.cluster(x, Parameters.of(km.parameters(), Map.of("k", 2)), ProgressMonitor.NULL).labels();
        ColumnMatching m = ColumnMatching.of(column(pos, 0), column(pos, 1), s.ys(), s.xs(), 10, 300, 300, 8);
        int right = 0;
        for (int j = 0; j < s.ys().length; j++) {
            if (m.partner[j] >= 0) {
                right += lab[m.partner[j]] == s.sublattice()[j] ? 1 : 0;
            }
        }
        double acc = Math.max(right, m.matched - right) / (double) m.matched;
        assertTrue(acc > 0.98, "columns in their sublattice's class: " + acc + " of " + m.matched);
    }

    static double[] column(Dataset pos, int c) {
        double[] out = new double[pos.shape()[0]];
        for (int i = 0; i < out.length; i++) {
            out[i] = pos.getDouble(i, c);
        }
        return out;
    }

    @Test
    void grainBoundaryInTwoClasses(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        RunResult run = LatticeJob.run(Registry.get(), RealImagesTest.IMAGES.resolve("G-GrainBoundary-4nm.hdf5"), out, AtomsJob.GAUSSIAN, Map.of(),
                "tessera.lattice.bond-orientation", Map.of(), LatticeJob.KMEANS, Map.of("k", 2, "seed", 0L), ProgressMonitor.NULL, s -> { });
        ClusterResult c = (ClusterResult) run.value(LatticeJob.CLUSTER_STEP + ".result");
        Dataset pos = (Dataset) run.value(LatticeJob.ATOMS_STEP + ".positions");
        Dataset feat = (Dataset) run.value(LatticeJob.DESCRIPTOR_STEP + ".features");
        int n = c.labels().length;
        int[] sizes = c.sizes();
        assertEquals(2, sizes.length);
        assertTrue(Math.min(sizes[0], sizes[1]) > 0.2 * n, "both grains large: " + sizes[0] + ", " + sizes[1]);
        double[] p = pos.toDoubleArray();
        double[] ys = new double[n], xs = new double[n];
        for (int i = 0; i < n; i++) {
            ys[i] = p[2 * i];
            xs[i] = p[2 * i + 1];
        }
        int[][] nb = LatticeGeometry.nearestNeighbours(ys, xs, 6);
        int agree = 0;
        for (int i = 0; i < n; i++) {
            int same = 0;
            for (int j : nb[i]) {
                same += c.labels()[j] == c.labels()[i] ? 1 : 0;
            }
            agree += same >= 4 ? 1 : 0;
        }
        double contiguity = (double) agree / n;
        // the grains' orientations: the phase of the mean ψ6 of each class, modulo 60°
        double[] re = new double[2], im = new double[2];
        for (int i = 0; i < n; i++) {
            re[c.labels()[i]] += feat.getDouble(i, 0);
            im[c.labels()[i]] += feat.getDouble(i, 1);
        }
        double apart = Math.abs(Math.toDegrees(Math.atan2(im[0], re[0]) - Math.atan2(im[1], re[1]))) / 6;
        apart = Math.min(apart, 60 - apart % 60);
        System.out.printf("grain boundary: %d columns, classes %d / %d, %.1f %% with 4 of 6 neighbours in their class, orientations %.1f° apart%n", n, sizes[0], sizes[1],
                100 * contiguity, apart);
        assertTrue(contiguity > 0.85, "each class a contiguous grain: " + contiguity);
        assertTrue(apart > 5, "the grains' lattices are rotated against each other: " + apart + "°");
        for (String f : List.of("classes.npy", "features.npy", "lattice.csv", "classes.png", "report.html", "provenance.xmi")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertTrue(Files.readString(out.resolve("report.html")).contains("boundary points"), "the boundary is reported");
        Record record = RecordStore.load(run.recordFile());
        PipelineEngine engine = new PipelineEngine(Registry.get());
        Rerun.Prepared pr = Rerun.prepare(engine.catalog(), record, run.recordFile(), false, Map.of());
        RunResult again = engine.run(pr.plan(), "rerun", pr.inputs(), tmp.resolve("again"), new RunOptions(ProgressMonitor.NULL, s -> { }, null, run.recordFile(), pr.drift()));
        for (Rerun.Check ch : Rerun.verify(record, again.record())) {
            assertTrue(ch.matches(), ch.output() + ": " + ch.recorded() + " recorded, " + ch.now() + " now");
        }
    }
}
