package tessera.lattice.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import tessera.lattice.LatticeGeometry;
import tessera.lattice.LatticeImages;

/**
 * Lattice vectors, Bravais types and ideal-lattice displacements on exact lattices: a rotated square lattice, a
 * rectangular one, graphene's honeycomb (whose bonds are not translations: its lattice is hexagonal with a = √3 × the
 * bond) and a lattice with one displaced column.
 */
class LatticeGeometryTest {
    static double[][] points(double[] a, double[] b, double[][] basis, int n) {
        double[] ys = new double[n * n * basis.length], xs = new double[ys.length];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (double[] c : basis) {
                    ys[k] = 100 + i * a[0] + j * b[0] + c[0];
                    xs[k++] = 50 + i * a[1] + j * b[1] + c[1];
                }
            }
        }
        return new double[][] {ys, xs};
    }

    @Test
    void squareRectangularAndHoneycomb() {
        double t = Math.toRadians(12);
        double[][] sq = points(new double[] {20 * Math.cos(t), 20 * Math.sin(t)}, new double[] {-20 * Math.sin(t), 20 * Math.cos(t)}, new double[][] {{0, 0}}, 12);
        LatticeGeometry.Lattice l = LatticeGeometry.fit(sq[0], sq[1]);
        assertNotNull(l);
        assertEquals(20, l.lengthA(), 1e-9);
        assertEquals(20, l.lengthB(), 1e-9);
        assertEquals(90, l.angleDegrees(), 1e-9);
        assertEquals("square", l.bravais());
        for (double[] d : l.displacement()) {
            assertEquals(0, Math.hypot(d[0], d[1]), 1e-9);
        }

        double[][] rect = points(new double[] {29.5, 0}, new double[] {0, 41.7}, new double[][] {{0, 0}}, 10);
        LatticeGeometry.Lattice r = LatticeGeometry.fit(rect[0], rect[1]);
        assertEquals(29.5, r.lengthA(), 1e-9);
        assertEquals(41.7, r.lengthB(), 1e-9);
        assertEquals("rectangular", r.bravais());

        double bond = 18;
        double a = bond * Math.sqrt(3);
        double[][] hc = points(new double[] {0, a}, new double[] {a * Math.sqrt(3) / 2, a / 2}, new double[][] {{0, 0}, {bond, 0}}, 12);
        LatticeGeometry.Lattice h = LatticeGeometry.fit(hc[0], hc[1]);
        assertNotNull(h);
        assertEquals(a, h.lengthA(), 1e-9);
        assertEquals(a, h.lengthB(), 1e-9);
        assertEquals("hexagonal", h.bravais());
        assertEquals(bond, LatticeGeometry.medianNearestNeighbourDistance(hc[0], hc[1]), 1e-9);
    }

    @Test
    void displacementOfOneColumn() {
        double[][] sq = points(new double[] {25, 0}, new double[] {0, 25}, new double[][] {{0, 0}}, 9);
        sq[0][40] += 1.5;
        sq[1][40] -= 0.5;
        LatticeGeometry.Lattice l = LatticeGeometry.fit(sq[0], sq[1]);
        assertEquals(1.5, l.displacement()[40][0], 0.05);
        assertEquals(-0.5, l.displacement()[40][1], 0.05);
        assertEquals(0, l.displacement()[0][0], 0.05);
    }

    @Test
    void noLatticeInTooFewColumns() {
        assertNull(LatticeGeometry.fit(new double[] {0, 10, 20}, new double[] {0, 0, 0}));
    }

    @Test
    void simulatedTruthIsItsOwnLattice() {
        LatticeImages.Simulated s = LatticeImages.perovskite(200, 200, 30, 0, 0.4, 3, 0, 0, 1);
        int na = 0;
        for (int v : s.sublattice()) {
            na += v == 0 ? 1 : 0;
        }
        double[] ya = new double[na], xa = new double[na];
        for (int i = 0, k = 0; i < s.ys().length; i++) {
            if (s.sublattice()[i] == 0) {
                ya[k] = s.ys()[i];
                xa[k++] = s.xs()[i];
            }
        }
        LatticeGeometry.Lattice l = LatticeGeometry.fit(ya, xa);
        assertEquals(30, l.lengthA(), 1e-9);
        assertEquals("square", l.bravais());
    }
}
