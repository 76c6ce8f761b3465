package tessera.eels.internal;

/** Small dense linear algebra for the few-parameter EELS fits (sizes up to a few tens). */
public final class Linear {
    private Linear() {
    }

    /**
     * Solves the square system given as an augmented matrix [M | b] by Gaussian elimination with partial pivoting.
     *
     * @param a augmented matrix, shape [m][m+1]; overwritten
     * @return the solution, shape [m]; entries of a singular direction are 0
     */
    public static double[] solveAugmented(double[][] a) {
        int m = a.length;
        int cols = m == 0 ? 0 : a[0].length;
        for (int c = 0; c < m; c++) {
            int p = c;
            for (int r = c + 1; r < m; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
                    p = r;
                }
            }
            double[] t = a[c];
            a[c] = a[p];
            a[p] = t;
            if (Math.abs(a[c][c]) < 1e-300) {
                continue;
            }
            for (int r = 0; r < m; r++) {
                if (r != c) {
                    double f = a[r][c] / a[c][c];
                    if (f != 0) {
                        for (int q = c; q < cols; q++) {
                            a[r][q] -= f * a[c][q];
                        }
                    }
                }
            }
        }
        double[] x = new double[m];
        for (int r = 0; r < m; r++) {
            x[r] = Math.abs(a[r][r]) < 1e-300 ? 0 : a[r][m] / a[r][r];
        }
        return x;
    }

    /**
     * Inverse of a symmetric positive-definite matrix (Gauss–Jordan with pivoting).
     *
     * @param s matrix, shape [m][m] (not modified)
     * @return its inverse, shape [m][m]; NaN everywhere if singular
     */
    public static double[][] inverse(double[][] s) {
        int m = s.length;
        double[][] a = new double[m][2 * m];
        for (int r = 0; r < m; r++) {
            System.arraycopy(s[r], 0, a[r], 0, m);
            a[r][m + r] = 1;
        }
        for (int c = 0; c < m; c++) {
            int p = c;
            for (int r = c + 1; r < m; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
                    p = r;
                }
            }
            double[] t = a[c];
            a[c] = a[p];
            a[p] = t;
            double piv = a[c][c];
            if (!(Math.abs(piv) > 1e-300)) {
                double[][] nan = new double[m][m];
                for (double[] row : nan) {
                    java.util.Arrays.fill(row, Double.NaN);
                }
                return nan;
            }
            for (int q = 0; q < 2 * m; q++) {
                a[c][q] /= piv;
            }
            for (int r = 0; r < m; r++) {
                if (r != c && a[r][c] != 0) {
                    double f = a[r][c];
                    for (int q = 0; q < 2 * m; q++) {
                        a[r][q] -= f * a[c][q];
                    }
                }
            }
        }
        double[][] inv = new double[m][m];
        for (int r = 0; r < m; r++) {
            System.arraycopy(a[r], m, inv[r], 0, m);
        }
        return inv;
    }
}
