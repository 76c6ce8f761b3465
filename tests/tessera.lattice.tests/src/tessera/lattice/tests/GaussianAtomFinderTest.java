package tessera.lattice.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tessera.lattice.ColumnMatching;
import tessera.core.analysis.AtomResult;
import tessera.core.analysis.IncompatibleDataException;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.lattice.GaussianAtomFinder;
import tessera.lattice.LatticeImages;

/**
 * The classical finder on simulated images with known columns (the data its defaults were chosen on): low-dose
 * graphene found completely with sub-pixel positions, a perovskite's A and B sublattices told apart and their lattice
 * measured; bad input refused with the file's name.
 */
class GaussianAtomFinderTest {
    static final GaussianAtomFinder FINDER = new GaussianAtomFinder();

    static AtomResult find(double[] img, int ny, int nx, Map<String, ?> p) {
        Metadata md = new Metadata().set("General.original_filename", "sim.hdf5");
        Dataset d = Dataset.ofDoubles(img, List.of(new Axis("y", ny, 0.01, 0, "nm", false), new Axis("x", nx, 0.01, 0, "nm", false)), md);
        return FINDER.find(d, Parameters.of(FINDER.parameters(), p), ProgressMonitor.NULL);
    }

    static double[][] yx(AtomResult r) {
        double[] p = r.output(AtomResult.POSITIONS).toDoubleArray();
        double[] y = new double[p.length / 2], x = new double[p.length / 2];
        for (int i = 0; i < y.length; i++) {
            y[i] = p[2 * i];
            x[i] = p[2 * i + 1];
        }
        return new double[][] {y, x};
    }

    @Test
    void lowDoseGraphene() {
        for (long seed = 0; seed < 3; seed++) {
            LatticeImages.Simulated s = LatticeImages.graphene(256, 256, 18, 0.3 + seed, 3.5, 2, 0, seed);
            AtomResult r = find(s.image(), 256, 256, Map.of());
            double[][] f = yx(r);
            ColumnMatching m = ColumnMatching.of(f[0], f[1], s.ys(), s.xs(), 9, 256, 256, 7);
            assertTrue(m.recall >= 0.99 && m.precision >= 0.98, "seed " + seed + ": " + m);
            assertTrue(m.median < 0.8, "seed " + seed + ": " + m);
            assertEquals("nm", r.output(AtomResult.POSITIONS).metadata().get("Signal.pixel_units"));
            assertEquals(0.01, (double) r.output(AtomResult.POSITIONS).metadata().get("Signal.pixel_size"), 1e-15);
            // the spacing from the autocorrelation is the honeycomb's lattice parameter √3 × bond
            assertEquals(18 * Math.sqrt(3), (double) r.output(AtomResult.POSITIONS).metadata().get("Signal.spacing_px"), 1.5);
            double[] lv = r.output(AtomResult.LATTICE_VECTORS).toDoubleArray();
            assertEquals(18 * Math.sqrt(3), Math.hypot(lv[0], lv[1]), 0.2, "|a| of graphene");
        }
    }

    @Test
    void perovskiteSublatticesAndLattice() {
        LatticeImages.Simulated s = LatticeImages.perovskite(300, 300, 40, 0.2, 0.4, 4.5, 30, 0, 4);
        AtomResult r = find(s.image(), 300, 300, Map.of("sublattices", 2));
        double[][] f = yx(r);
        ColumnMatching m = ColumnMatching.of(f[0], f[1], s.ys(), s.xs(), 10, 300, 300, 9);
        assertTrue(m.recall >= 0.99 && m.precision >= 0.97, m.toString());
        assertTrue(m.median < 0.3, m.toString());
        double[] sub = r.output(AtomResult.SUBLATTICE).toDoubleArray();
        int right = 0;
        for (int j = 0; j < s.ys().length; j++) {
            if (m.partner[j] >= 0 && sub[m.partner[j]] == s.sublattice()[j]) {
                right++;
            }
        }
        assertTrue(right >= 0.99 * m.matched, right + " of " + m.matched + " in the right sublattice");
        double[] lv = r.output(AtomResult.LATTICE_VECTORS).toDoubleArray();
        for (int sl = 0; sl < 2; sl++) {
            assertEquals(40, Math.hypot(lv[4 * sl], lv[4 * sl + 1]), 0.1, "|a| of sublattice " + sl);
            assertEquals(40, Math.hypot(lv[4 * sl + 2], lv[4 * sl + 3]), 0.1, "|b| of sublattice " + sl);
        }
        // with the Gaussian fits: uncertainties reported, widths near the simulated 4.5 px
        double[] g = r.output(AtomResult.GAUSSIAN).toDoubleArray();
        double[] std = r.output(AtomResult.POSITION_STD).toDoubleArray();
        int inside = 0;
        for (int k = 0; k < sub.length; k++) {
            if (sub[k] == 0 && !Double.isNaN(g[6 * k]) && f[0][k] > 20 && f[1][k] > 20 && f[0][k] < 280 && f[1][k] < 280) {
                assertEquals(4.5, g[6 * k + 1], 0.5, "σa of column " + k);
                assertTrue(std[2 * k] > 0 && std[2 * k] < 0.5, "σy of column " + k + ": " + std[2 * k]);
                inside++;
            }
        }
        assertTrue(inside > 30, "A columns checked: " + inside);
    }

    @Test
    void badInput() {
        IncompatibleDataException e = assertThrows(IncompatibleDataException.class, () -> find(new double[64 * 64], 64, 64, Map.of()));
        assertTrue(e.getMessage().startsWith("sim.hdf5: the image is constant"), e.getMessage());
        double[] nan = new double[64 * 64];
        nan[5] = Double.NaN;
        e = assertThrows(IncompatibleDataException.class, () -> find(nan, 64, 64, Map.of()));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        Dataset series = Dataset.ofDoubles(new double[2 * 16 * 16], List.of(Axis.uncalibrated("frame", 2, true), Axis.uncalibrated("y", 16, false), Axis.uncalibrated("x", 16, false)),
                new Metadata());
        e = assertThrows(IncompatibleDataException.class, () -> FINDER.find(series, Parameters.of(FINDER.parameters(), Map.of()), ProgressMonitor.NULL));
        assertTrue(e.getMessage().contains("an image series: choose a frame"), e.getMessage());
    }
}
