package tessera.lattice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import tessera.lattice.internal.Neighbours;

/**
 * Projected lattice geometry of atomic columns: nearest-neighbour distances (through a bucket grid, exact), the two
 * shortest lattice translations of a sublattice, its 2-D Bravais type, and each column's displacement from the ideal
 * lattice fitted by least squares. Positions are (y, x) in px; results in px (multiply by the image's pixel size for nm).
 * <p>
 * Method: the vectors from every column to its 12 nearest neighbours, folded into one half-plane and grouped; a
 * lattice translation v appears twice per column (to the neighbours at +v and −v), a vector between two sublattices
 * (such as graphene's C–C bond, which is not a translation of the honeycomb) once, so only groups with more than
 * {@value #TRANSLATION_COUNT} members per column are translations. The shortest such group is a, the shortest not
 * parallel to it (more than 15° apart) b; then every column gets a basis site and integer cell indices (i, j) and
 * {@code p ≈ o_site + i a + j b} is fitted by least squares, which refines a and b over the whole image. As Atomap's zone
 * axes and ideal-lattice displacements (M. Nord et al., Adv. Struct. Chem. Imaging 3 (2017) 9,
 * doi:10.1186/s40679-017-0042-5); 2-D Bravais lattices after the International Tables for Crystallography Vol. A
 * (2016), §2.1, doi:10.1107/97809553602060000114.
 */
public final class LatticeGeometry {
    /** members per column a vector group needs to count as a lattice translation */
    public static final double TRANSLATION_COUNT = 1.2;
    private static final int K = 12;

    /**
     * A fitted projected lattice.
     *
     * @param a            first translation (dy, dx) in px, |a| ≤ |b|
     * @param b            second translation (dy, dx) in px
     * @param origin       lattice origin (y, x) in px
     * @param indices      integer cell indices (i, j) of each column {@code [n][2]}
     * @param displacement each column's displacement from its ideal site (dy, dx) in px {@code [n][2]}; NaN for a column
     *                     on no basis site (an outlier)
     */
    public record Lattice(double[] a, double[] b, double[] origin, int[][] indices, double[][] displacement) {
        /** @return |a| in px */
        public double lengthA() {
            return Math.hypot(a[0], a[1]);
        }

        /** @return |b| in px */
        public double lengthB() {
            return Math.hypot(b[0], b[1]);
        }

        /** @return the angle between a and b in degrees, [0, 180] */
        public double angleDegrees() {
            double c = (a[0] * b[0] + a[1] * b[1]) / (lengthA() * lengthB());
            return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
        }

        /**
         * Fractional coordinates of a point in this lattice.
         *
         * @param y row (px)
         * @param x column (px)
         * @return (u, v) with {@code (y, x) = origin + u a + v b}
         */
        public double[] fractional(double y, double x) {
            double det = a[0] * b[1] - a[1] * b[0];
            double dy = y - origin[0], dx = x - origin[1];
            return new double[] {(dy * b[1] - dx * b[0]) / det, (a[0] * dx - a[1] * dy) / det};
        }

        /** @return the 2-D Bravais type of (a, b) within 2 % in length and 2° in angle, see {@link LatticeGeometry#bravais} */
        public String bravais() {
            return LatticeGeometry.bravais(a, b, 0.02, 2);
        }
    }

    private LatticeGeometry() {
    }

    /**
     * Distance from each column to its nearest neighbour.
     *
     * @param ys rows (px), n ≥ 2
     * @param xs columns (px)
     * @return distances {@code [n]} in px
     * @throws IllegalArgumentException if there are fewer than two columns or the lengths differ
     */
    public static double[] nearestNeighbourDistances(double[] ys, double[] xs) {
        check(ys, xs, 2);
        Neighbours nb = new Neighbours(ys, xs);
        double[] d = new double[ys.length];
        for (int i = 0; i < ys.length; i++) {
            int j = nb.nearest(i, 1)[0];
            d[i] = Math.hypot(ys[j] - ys[i], xs[j] - xs[i]);
        }
        return d;
    }

    /**
     * The k nearest neighbours of every column (a bucket grid, exact).
     *
     * @param ys rows (px), n ≥ 2
     * @param xs columns (px)
     * @param k  neighbours per column, ≥ 1
     * @return {@code [n][min(k, n − 1)]} indices, nearest first
     * @throws IllegalArgumentException if there are fewer than two columns or the lengths differ
     */
    public static int[][] nearestNeighbours(double[] ys, double[] xs, int k) {
        check(ys, xs, 2);
        Neighbours nb = new Neighbours(ys, xs);
        int[][] out = new int[ys.length][];
        for (int i = 0; i < ys.length; i++) {
            out[i] = nb.nearest(i, k);
        }
        return out;
    }

    /**
     * The median of {@link #nearestNeighbourDistances}.
     *
     * @param ys rows (px)
     * @param xs columns (px)
     * @return the median nearest-neighbour distance in px
     */
    public static double medianNearestNeighbourDistance(double[] ys, double[] xs) {
        double[] d = nearestNeighbourDistances(ys, xs);
        Arrays.sort(d);
        return d.length % 2 == 1 ? d[d.length / 2] : 0.5 * (d[d.length / 2 - 1] + d[d.length / 2]);
    }

    /**
     * Finds and fits the projected lattice of one sublattice.
     *
     * @param ys rows (px) of the sublattice's columns, n ≥ 4
     * @param xs columns (px)
     * @return the lattice, or null if no two independent translations are found (too few columns, or no lattice)
     * @throws IllegalArgumentException if the lengths differ
     */
    public static Lattice fit(double[] ys, double[] xs) {
        if (ys.length != xs.length) {
            throw new IllegalArgumentException("rows and columns differ in length: " + ys.length + " vs " + xs.length);
        }
        int n = ys.length;
        if (n < 4) {
            return null;
        }
        Neighbours nb = new Neighbours(ys, xs);
        double dnn = medianNearestNeighbourDistance(ys, xs);
        List<double[]> vs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j : nb.nearest(i, K)) {
                double dy = ys[j] - ys[i], dx = xs[j] - xs[i];
                if (Math.hypot(dy, dx) > 2.5 * dnn) {
                    continue;
                }
                if (dy < 0 || dy == 0 && dx < 0) {
                    dy = -dy;
                    dx = -dx;
                }
                vs.add(new double[] {dy, dx});
            }
        }
        vs.sort((p, q) -> Double.compare(Math.hypot(p[0], p[1]), Math.hypot(q[0], q[1])));
        double tol = 0.2 * dnn;
        boolean[] used = new boolean[vs.size()];
        List<double[]> groups = new ArrayList<>(); // mean dy, mean dx, count
        for (int s = 0; s < vs.size(); s++) {
            if (used[s]) {
                continue;
            }
            // mean shift from the shortest unassigned vector: the group's centre moves to the mean of the unassigned
            // vectors within tol of it (a vector near the half-plane's edge may have folded the other way: ± v)
            double cy = vs.get(s)[0], cx = vs.get(s)[1];
            List<Integer> members = new ArrayList<>();
            for (int it = 0; it < 5; it++) {
                members.clear();
                double sy = 0, sx = 0;
                for (int t = s; t < vs.size(); t++) {
                    if (used[t]) {
                        continue;
                    }
                    double[] v = vs.get(t);
                    double d1 = Math.hypot(v[0] - cy, v[1] - cx), d2 = Math.hypot(v[0] + cy, v[1] + cx);
                    if (Math.min(d1, d2) <= tol) {
                        double sg = d1 <= d2 ? 1 : -1;
                        sy += sg * v[0];
                        sx += sg * v[1];
                        members.add(t);
                    }
                }
                if (members.isEmpty()) {
                    break;
                }
                cy = sy / members.size();
                cx = sx / members.size();
            }
            if (members.isEmpty()) {
                used[s] = true;
                continue;
            }
            for (int t : members) {
                used[t] = true;
            }
            groups.add(new double[] {cy, cx, members.size()});
        }
        groups.sort((g, h) -> Double.compare(Math.hypot(g[0], g[1]), Math.hypot(h[0], h[1])));
        double[] a = null, b = null;
        for (double[] g : groups) {
            if (g[2] < TRANSLATION_COUNT * n) {
                continue;
            }
            if (a == null) {
                a = g;
            } else if (Math.abs(a[0] * g[1] - a[1] * g[0]) / (Math.hypot(a[0], a[1]) * Math.hypot(g[0], g[1])) > Math.sin(Math.toRadians(15))) {
                b = g;
                break;
            }
        }
        if (a == null || b == null) {
            return null;
        }
        return refine(ys, xs, new double[] {a[0], a[1]}, new double[] {b[0], b[1]});
    }

    /**
     * Integer cell indices from an approximate basis, with the columns grouped into basis sites by their fractional
     * position in the cell (a honeycomb has two sites, a Bravais lattice one; a site needs 10 % of the columns, others
     * are outliers left out of the fit), then {@code p ≈ o_s + i a + j b} by least squares (two rounds, the second with
     * the refined basis), and the displacements from the ideal sites.
     */
    private static Lattice refine(double[] ys, double[] xs, double[] a, double[] b) {
        int n = ys.length;
        double my = 0, mx = 0;
        for (int i = 0; i < n; i++) {
            my += ys[i] / n;
            mx += xs[i] / n;
        }
        int o = 0;
        for (int i = 1; i < n; i++) {
            if (Math.hypot(ys[i] - my, xs[i] - mx) < Math.hypot(ys[o] - my, xs[o] - mx)) {
                o = i;
            }
        }
        double[] origin = {ys[o], xs[o]};
        int[][] idx = new int[n][2];
        int[] site = new int[n];
        double[][] siteOrigin = {origin};
        for (int round = 0; round < 2; round++) {
            Lattice l = new Lattice(a, b, origin, null, null);
            double[][] frac = new double[n][];
            for (int i = 0; i < n; i++) {
                frac[i] = l.fractional(ys[i], xs[i]);
            }
            // sites: greedy groups of the fractional positions modulo 1 (periodic distance < 0.15)
            List<double[]> centres = new ArrayList<>();
            List<Integer> counts = new ArrayList<>();
            int[] raw = new int[n];
            for (int i = 0; i < n; i++) {
                double u = frac[i][0] - Math.floor(frac[i][0]), v = frac[i][1] - Math.floor(frac[i][1]);
                int found = -1;
                for (int c = 0; c < centres.size() && found < 0; c++) {
                    double du = u - centres.get(c)[0], dv = v - centres.get(c)[1];
                    du -= Math.rint(du);
                    dv -= Math.rint(dv);
                    if (Math.hypot(du, dv) < 0.15) {
                        found = c;
                    }
                }
                if (found < 0) {
                    centres.add(new double[] {u, v});
                    counts.add(0);
                    found = centres.size() - 1;
                }
                counts.set(found, counts.get(found) + 1);
                raw[i] = found;
            }
            int[] map = new int[centres.size()];
            int sites = 0;
            for (int c = 0; c < centres.size(); c++) {
                map[c] = counts.get(c) >= Math.max(3, 0.1 * n) ? sites++ : -1;
            }
            if (sites == 0) {
                break;
            }
            int p = sites + 2;
            double[] m = new double[p * p], ry = new double[p], rx = new double[p];
            for (int i = 0; i < n; i++) {
                site[i] = map[raw[i]];
                double[] c = centres.get(raw[i]);
                double du = frac[i][0] - c[0], dv = frac[i][1] - c[1];
                idx[i][0] = (int) Math.round(du);
                idx[i][1] = (int) Math.round(dv);
                if (site[i] < 0) {
                    continue;
                }
                double[] r = new double[p];
                r[site[i]] = 1;
                r[sites] = idx[i][0];
                r[sites + 1] = idx[i][1];
                for (int q = 0; q < p; q++) {
                    for (int w = 0; w < p; w++) {
                        m[q * p + w] += r[q] * r[w];
                    }
                    ry[q] += r[q] * ys[i];
                    rx[q] += r[q] * xs[i];
                }
            }
            double[] cy = solve(m.clone(), ry, p), cx = solve(m, rx, p);
            if (cy == null || cx == null) {
                break;
            }
            siteOrigin = new double[sites][];
            for (int q = 0; q < sites; q++) {
                siteOrigin[q] = new double[] {cy[q], cx[q]};
            }
            a = new double[] {cy[sites], cx[sites]};
            b = new double[] {cy[sites + 1], cx[sites + 1]};
            origin = siteOrigin[site[o] >= 0 ? site[o] : 0];
        }
        if (Math.hypot(a[0], a[1]) > Math.hypot(b[0], b[1])) {
            double[] t = a;
            a = b;
            b = t;
            for (int[] ij : idx) {
                int q = ij[0];
                ij[0] = ij[1];
                ij[1] = q;
            }
        }
        double[][] disp = new double[n][2];
        for (int i = 0; i < n; i++) {
            if (site[i] < 0 || site[i] >= siteOrigin.length) {
                disp[i][0] = disp[i][1] = Double.NaN;
                continue;
            }
            double[] so = siteOrigin[site[i]];
            disp[i][0] = ys[i] - (so[0] + idx[i][0] * a[0] + idx[i][1] * b[0]);
            disp[i][1] = xs[i] - (so[1] + idx[i][0] * a[1] + idx[i][1] * b[1]);
        }
        return new Lattice(a, b, origin, idx, disp);
    }

    /** Gaussian elimination with partial pivoting of a small dense system; null if singular. */
    private static double[] solve(double[] m, double[] r, int p) {
        double[] v = r.clone();
        for (int c = 0; c < p; c++) {
            int piv = c;
            for (int q = c + 1; q < p; q++) {
                if (Math.abs(m[q * p + c]) > Math.abs(m[piv * p + c])) {
                    piv = q;
                }
            }
            if (Math.abs(m[piv * p + c]) < 1e-12) {
                return null;
            }
            for (int w = 0; w < p; w++) {
                double t = m[c * p + w];
                m[c * p + w] = m[piv * p + w];
                m[piv * p + w] = t;
            }
            double t = v[c];
            v[c] = v[piv];
            v[piv] = t;
            for (int q = c + 1; q < p; q++) {
                double f = m[q * p + c] / m[c * p + c];
                for (int w = c; w < p; w++) {
                    m[q * p + w] -= f * m[c * p + w];
                }
                v[q] -= f * v[c];
            }
        }
        double[] x = new double[p];
        for (int c = p - 1; c >= 0; c--) {
            double s = v[c];
            for (int w = c + 1; w < p; w++) {
                s -= m[c * p + w] * x[w];
            }
            x[c] = s / m[c * p + c];
        }
        return x;
    }

    /**
     * The 2-D Bravais type of a basis after Gauss reduction: "square" (|a| = |b|, 90°), "hexagonal" (|a| = |b|, 60° or
     * 120°), "rectangular" (90°), "centred rectangular" (|a| = |b| at another angle, or |b| cos γ = |a|/2), else
     * "oblique".
     *
     * @param a          first translation (dy, dx)
     * @param b          second translation (dy, dx)
     * @param lengthTol  relative tolerance on lengths (e.g. 0.02)
     * @param angleTolDeg tolerance on angles in degrees (e.g. 2)
     * @return the type's name
     */
    public static String bravais(double[] a, double[] b, double lengthTol, double angleTolDeg) {
        double la = Math.hypot(a[0], a[1]), lb = Math.hypot(b[0], b[1]);
        double cos = (a[0] * b[0] + a[1] * b[1]) / (la * lb);
        double g = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, Math.abs(cos))))); // acute angle
        boolean equal = Math.abs(la - lb) <= lengthTol * Math.max(la, lb);
        if (Math.abs(g - 90) <= angleTolDeg) {
            return equal ? "square" : "rectangular";
        }
        if (equal && Math.abs(g - 60) <= angleTolDeg) {
            return "hexagonal";
        }
        double proj = Math.abs(cos) * Math.max(la, lb);
        if (equal || Math.abs(proj - Math.min(la, lb) / 2) <= lengthTol * Math.min(la, lb)) {
            return "centred rectangular";
        }
        return "oblique";
    }

    private static void check(double[] ys, double[] xs, int min) {
        if (ys.length != xs.length) {
            throw new IllegalArgumentException("rows and columns differ in length: " + ys.length + " vs " + xs.length);
        }
        if (ys.length < min) {
            throw new IllegalArgumentException("needs at least " + min + " columns, got " + ys.length);
        }
    }
}
