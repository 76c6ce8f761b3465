package tessera.eels.internal;

import java.util.Arrays;

/**
 * Non-negative least squares min ||A x − b||₂ subject to x ≥ 0 by the active-set algorithm of Lawson and Hanson
 * (C.L. Lawson, R.J. Hanson, <i>Solving Least Squares Problems</i>, Prentice-Hall 1974, ch. 23,
 * doi:10.1137/1.9781611971217), written on the normal equations, which suits the few-column design matrices of the
 * EELS model fit (a handful of background and edge columns, hundreds to thousands of rows).
 */
public final class Nnls {
    private Nnls() {
    }

    /**
     * Solves the problem given its normal equations.
     *
     * @param ata AᵀA, shape [k][k], symmetric positive semi-definite (not modified)
     * @param atb Aᵀb, shape [k] (not modified)
     * @return x ≥ 0, shape [k]
     */
    public static double[] solve(double[][] ata, double[] atb) {
        int k = atb.length;
        double[] x = new double[k];
        boolean[] passive = new boolean[k];
        double tol = 1e-12 * Math.max(1, maxAbs(atb)) * Math.max(1, k);
        for (int outer = 0; outer < 3 * k + 10; outer++) {
            double[] w = gradient(ata, atb, x);
            int best = -1;
            double wmax = tol;
            for (int j = 0; j < k; j++) {
                if (!passive[j] && w[j] > wmax) {
                    wmax = w[j];
                    best = j;
                }
            }
            if (best < 0) {
                break;
            }
            passive[best] = true;
            for (int inner = 0; inner < 3 * k + 10; inner++) {
                double[] z = solvePassive(ata, atb, passive);
                boolean feasible = true;
                for (int j = 0; j < k; j++) {
                    if (passive[j] && z[j] <= 0) {
                        feasible = false;
                    }
                }
                if (feasible) {
                    x = z;
                    break;
                }
                double alpha = 1;
                for (int j = 0; j < k; j++) {
                    if (passive[j] && z[j] <= 0) {
                        alpha = Math.min(alpha, x[j] / (x[j] - z[j]));
                    }
                }
                for (int j = 0; j < k; j++) {
                    x[j] += alpha * (z[j] - x[j]);
                    if (passive[j] && x[j] <= 1e-300) {
                        passive[j] = false;
                        x[j] = 0;
                    }
                }
            }
        }
        return x;
    }

    private static double[] gradient(double[][] ata, double[] atb, double[] x) {
        int k = atb.length;
        double[] w = new double[k];
        for (int i = 0; i < k; i++) {
            double s = atb[i];
            for (int j = 0; j < k; j++) {
                s -= ata[i][j] * x[j];
            }
            w[i] = s;
        }
        return w;
    }

    /** Unconstrained least squares on the passive set (other entries 0), by Gaussian elimination with pivoting. */
    private static double[] solvePassive(double[][] ata, double[] atb, boolean[] passive) {
        int k = atb.length;
        int[] idx = new int[k];
        int m = 0;
        for (int j = 0; j < k; j++) {
            if (passive[j]) {
                idx[m++] = j;
            }
        }
        double[][] a = new double[m][m + 1];
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < m; c++) {
                a[r][c] = ata[idx[r]][idx[c]];
            }
            a[r][m] = atb[idx[r]];
        }
        double[] sol = Linear.solveAugmented(a);
        double[] z = new double[k];
        for (int r = 0; r < m; r++) {
            z[idx[r]] = sol[r];
        }
        return z;
    }

    private static double maxAbs(double[] v) {
        return Arrays.stream(v).map(Math::abs).max().orElse(0);
    }
}
