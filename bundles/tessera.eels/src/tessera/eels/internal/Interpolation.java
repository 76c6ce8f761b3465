package tessera.eels.internal;

/** Interpolation helpers for the spectral operations. */
public final class Interpolation {
    private Interpolation() {
    }

    /**
     * Cubic interpolating spline with not-a-knot end conditions (the third derivative is continuous at the second and
     * the second-to-last knot), as scipy's {@code interp1d(kind=3)} / {@code make_interp_spline(k=3)}; C. de Boor,
     * <i>A Practical Guide to Splines</i>, Springer 1978, doi:10.1007/978-1-4612-6333-3, ch. IV.
     *
     * @param x knots, strictly increasing, at least 4, shape [k] (solved densely: meant for a few knots)
     * @param y values at the knots, shape [k]
     * @param at where to evaluate (extrapolated with the end polynomials outside [x0, x_k-1]), shape [m]
     * @return the spline's values, shape [m]
     * @throws IllegalArgumentException if fewer than 4 knots or the lengths differ
     */
    public static double[] cubicNotAKnot(double[] x, double[] y, double[] at) {
        if (x.length < 4 || y.length != x.length) {
            throw new IllegalArgumentException("not-a-knot cubic spline needs at least 4 knots and one value per knot, got " + x.length + " and " + y.length);
        }
        double[] m = secondDerivatives(x, y);
        double[] out = new double[at.length];
        for (int i = 0; i < at.length; i++) {
            out[i] = eval(x, y, m, at[i]);
        }
        return out;
    }

    /**
     * Second derivatives at the knots of the cubic interpolating spline with not-a-knot ends (third derivative
     * continuous at the second and the second-to-last knot), by Gaussian elimination with partial pivoting (dense: a few knots).
     */
    private static double[] secondDerivatives(double[] x, double[] y) {
        int k = x.length;
        double[][] a = new double[k][k + 1];
        double[] h = new double[k - 1];
        for (int i = 0; i < k - 1; i++) {
            h[i] = x[i + 1] - x[i];
        }
        // (M1 - M0)/h0 = (M2 - M1)/h1
        a[0][0] = -1 / h[0];
        a[0][1] = 1 / h[0] + 1 / h[1];
        a[0][2] = -1 / h[1];
        for (int i = 1; i < k - 1; i++) {
            a[i][i - 1] = h[i - 1];
            a[i][i] = 2 * (h[i - 1] + h[i]);
            a[i][i + 1] = h[i];
            a[i][k] = 6 * ((y[i + 1] - y[i]) / h[i] - (y[i] - y[i - 1]) / h[i - 1]);
        }
        a[k - 1][k - 3] = -1 / h[k - 3];
        a[k - 1][k - 2] = 1 / h[k - 3] + 1 / h[k - 2];
        a[k - 1][k - 1] = -1 / h[k - 2];
        for (int c = 0; c < k; c++) {
            int piv = c;
            for (int r = c + 1; r < k; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            double[] t = a[c];
            a[c] = a[piv];
            a[piv] = t;
            for (int r = 0; r < k; r++) {
                if (r != c) {
                    double f = a[r][c] / a[c][c];
                    for (int j = c; j <= k; j++) {
                        a[r][j] -= f * a[c][j];
                    }
                }
            }
        }
        double[] m = new double[k];
        for (int i = 0; i < k; i++) {
            m[i] = a[i][k] / a[i][i];
        }
        return m;
    }

    private static double eval(double[] x, double[] y, double[] m, double v) {
        int i = 0;
        while (i < x.length - 2 && v > x[i + 1]) {
            i++;
        }
        double h = x[i + 1] - x[i];
        double a = (x[i + 1] - v) / h;
        double b = (v - x[i]) / h;
        return a * y[i] + b * y[i + 1] + ((a * a * a - a) * m[i] + (b * b * b - b) * m[i + 1]) * h * h / 6;
    }

}
