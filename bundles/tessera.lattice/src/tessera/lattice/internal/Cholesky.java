package tessera.lattice.internal;

/** Cholesky factorisation of small dense symmetric positive-definite matrices (row-major {@code [n*n]}). */
final class Cholesky {
    private Cholesky() {
    }

    /** Solves {@code A x = b}; false if A is not positive definite. A is overwritten by its factor. */
    static boolean solve(double[] a, double[] b, double[] x, int n) {
        if (!factor(a, n)) {
            return false;
        }
        solveFactored(a, b, x, n);
        return true;
    }

    /** @return A⁻¹, or null if A is not positive definite (A is left unchanged) */
    static double[] inverse(double[] a, int n) {
        double[] f = a.clone();
        if (!factor(f, n)) {
            return null;
        }
        double[] inv = new double[n * n];
        double[] e = new double[n], col = new double[n];
        for (int j = 0; j < n; j++) {
            java.util.Arrays.fill(e, 0);
            e[j] = 1;
            solveFactored(f, e, col, n);
            for (int i = 0; i < n; i++) {
                inv[i * n + j] = col[i];
            }
        }
        return inv;
    }

    private static void solveFactored(double[] l, double[] b, double[] x, int n) {
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i * n + k] * x[k];
            }
            x[i] = s / l[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = x[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k * n + i] * x[k];
            }
            x[i] = s / l[i * n + i];
        }
    }

    /** In place: the lower triangle of A becomes L with A = L Lᵀ. */
    private static boolean factor(double[] a, int n) {
        for (int j = 0; j < n; j++) {
            double d = a[j * n + j];
            for (int k = 0; k < j; k++) {
                d -= a[j * n + k] * a[j * n + k];
            }
            if (!(d > 0)) {
                return false;
            }
            d = Math.sqrt(d);
            a[j * n + j] = d;
            for (int i = j + 1; i < n; i++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    s -= a[i * n + k] * a[j * n + k];
                }
                a[i * n + j] = s / d;
            }
        }
        return true;
    }
}
