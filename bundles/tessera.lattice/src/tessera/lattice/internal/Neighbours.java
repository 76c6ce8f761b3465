package tessera.lattice.internal;

import java.util.Arrays;

/**
 * k-nearest-neighbour queries on 2-D points through a uniform grid of buckets (cell ≈ the mean spacing), exact: a query
 * widens its ring of cells until the k-th distance found is inside the searched square.
 */
public final class Neighbours {
    private final double[] ys, xs;
    private final double cell, y0, x0;
    private final int gy, gx;
    private final int[] start, items;

    /**
     * @param ys rows of the points
     * @param xs columns of the points, same length ≥ 1
     */
    public Neighbours(double[] ys, double[] xs) {
        this.ys = ys;
        this.xs = xs;
        int n = ys.length;
        double ylo = Double.POSITIVE_INFINITY, yhi = Double.NEGATIVE_INFINITY, xlo = Double.POSITIVE_INFINITY, xhi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            ylo = Math.min(ylo, ys[i]);
            yhi = Math.max(yhi, ys[i]);
            xlo = Math.min(xlo, xs[i]);
            xhi = Math.max(xhi, xs[i]);
        }
        double area = Math.max(1, (yhi - ylo) * (xhi - xlo));
        cell = Math.max(1e-6, Math.sqrt(area / n) * 1.5);
        y0 = ylo;
        x0 = xlo;
        gy = (int) ((yhi - ylo) / cell) + 1;
        gx = (int) ((xhi - xlo) / cell) + 1;
        start = new int[gy * gx + 1];
        int[] cellOf = new int[n];
        for (int i = 0; i < n; i++) {
            cellOf[i] = cy(ys[i]) * gx + cx(xs[i]);
            start[cellOf[i] + 1]++;
        }
        for (int c = 0; c < gy * gx; c++) {
            start[c + 1] += start[c];
        }
        items = new int[n];
        int[] fill = Arrays.copyOf(start, start.length);
        for (int i = 0; i < n; i++) {
            items[fill[cellOf[i]]++] = i;
        }
    }

    private int cy(double y) {
        return Math.min(gy - 1, Math.max(0, (int) ((y - y0) / cell)));
    }

    private int cx(double x) {
        return Math.min(gx - 1, Math.max(0, (int) ((x - x0) / cell)));
    }

    /**
     * The k points nearest to point {@code i} (itself excluded), nearest first.
     *
     * @param i point index
     * @param k how many, ≥ 1
     * @return indices, fewer than k if there are fewer other points
     */
    public int[] nearest(int i, int k) {
        return nearest(ys[i], xs[i], k, i);
    }

    /**
     * The k points nearest to (y, x), nearest first.
     *
     * @param y       row
     * @param x       column
     * @param k       how many, ≥ 1
     * @param exclude a point index to skip, or −1
     * @return indices
     */
    public int[] nearest(double y, double x, int k, int exclude) {
        int n = ys.length - (exclude >= 0 ? 1 : 0);
        k = Math.min(k, n);
        int[] best = new int[k];
        double[] bd = new double[k];
        Arrays.fill(bd, Double.POSITIVE_INFINITY);
        int found = 0;
        int ccy = cy(y), ccx = cx(x);
        for (int ring = 0; ; ring++) {
            for (int a = ccy - ring; a <= ccy + ring; a++) {
                for (int b = ccx - ring; b <= ccx + ring; b++) {
                    if (a < 0 || b < 0 || a >= gy || b >= gx || (Math.abs(a - ccy) != ring && Math.abs(b - ccx) != ring)) {
                        continue;
                    }
                    int c = a * gx + b;
                    for (int q = start[c]; q < start[c + 1]; q++) {
                        int j = items[q];
                        if (j == exclude) {
                            continue;
                        }
                        double d = (ys[j] - y) * (ys[j] - y) + (xs[j] - x) * (xs[j] - x);
                        if (found < k || d < bd[k - 1]) {
                            int pos = Math.min(found, k - 1);
                            while (pos > 0 && bd[pos - 1] > d) {
                                bd[pos] = bd[pos - 1];
                                best[pos] = best[pos - 1];
                                pos--;
                            }
                            bd[pos] = d;
                            best[pos] = j;
                            found = Math.min(k, found + 1);
                        }
                    }
                }
            }
            double reach = ring * cell; // every point within this distance has been seen
            boolean covered = ccy - ring <= 0 && ccx - ring <= 0 && ccy + ring >= gy - 1 && ccx + ring >= gx - 1;
            if (found == k && (bd[k - 1] <= reach * reach || covered) || covered) {
                return Arrays.copyOf(best, found);
            }
        }
    }
}
