package tessera.math;

import java.util.Arrays;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Non-negative least squares min ‖A x − b‖₂ subject to x ≥ 0 by the active-set algorithm of Lawson and Hanson
 * (C.L. Lawson, R.J. Hanson, <i>Solving Least Squares Problems</i>, Prentice-Hall 1974, ch. 23,
 * doi:10.1137/1.9781611971217), written on the normal equations AᵀA x = Aᵀb, which suits design matrices with a
 * handful of columns and many rows (an EELS model fit: background and edge columns over hundreds of channels). The
 * unconstrained solves on the passive set use EJML's column-pivoted QR, so rank-deficient directions come out 0.
 * <p>
 * Also gives the inverse of a symmetric positive-definite matrix (the covariance of a least-squares fit from its
 * Fisher information AᵀWA; Cramér–Rao bound), by EJML's Cholesky inversion.
 */
public final class Nnls {
    private Nnls() {
    }

    /**
     * Solves the NNLS problem given its normal equations.
     *
     * @param ata AᵀA, shape [k][k], symmetric positive semi-definite (not modified)
     * @param atb Aᵀb, shape [k] (not modified)
     * @return x ≥ 0, shape [k]
     * @throws IllegalArgumentException if the shapes disagree or an entry is not finite
     */
    public static double[] solve(double[][] ata, double[] atb) {
        int k = atb.length;
        check(ata, k);
        for (double v : atb) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("NNLS: Aᵀb has a non-finite entry " + v);
            }
        }
        double[] x = new double[k];
        boolean[] passive = new boolean[k];
        double tol = 1e-12 * Math.max(1, Arrays.stream(atb).map(Math::abs).max().orElse(0)) * Math.max(1, k);
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

    /**
     * Inverse of a symmetric positive-definite matrix, e.g. the covariance (AᵀWA)⁻¹ of a weighted least-squares fit.
     *
     * @param s matrix, shape [m][m], symmetric (not modified)
     * @return its inverse, shape [m][m]; NaN everywhere if {@code s} is not positive definite
     * @throws IllegalArgumentException if {@code s} is not square or has a non-finite entry
     */
    public static double[][] inverseSpd(double[][] s) {
        int m = s.length;
        check(s, m);
        DMatrixRMaj a = new DMatrixRMaj(s);
        DMatrixRMaj inv = new DMatrixRMaj(m, m);
        boolean ok = m == 0 || CommonOps_DDRM.invertSPD(a, inv);
        double[][] out = new double[m][m];
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < m; c++) {
                out[r][c] = ok ? inv.get(r, c) : Double.NaN;
            }
        }
        return out;
    }

    private static void check(double[][] a, int k) {
        if (a.length != k) {
            throw new IllegalArgumentException("NNLS: matrix has " + a.length + " rows, expected " + k);
        }
        for (double[] row : a) {
            if (row.length != k) {
                throw new IllegalArgumentException("NNLS: matrix row has " + row.length + " columns, expected " + k);
            }
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("NNLS: matrix has a non-finite entry " + v);
                }
            }
        }
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

    /** Unconstrained least squares on the passive set (other entries 0), by column-pivoted QR. */
    private static double[] solvePassive(double[][] ata, double[] atb, boolean[] passive) {
        int k = atb.length;
        int[] idx = new int[k];
        int m = 0;
        for (int j = 0; j < k; j++) {
            if (passive[j]) {
                idx[m++] = j;
            }
        }
        DMatrixRMaj a = new DMatrixRMaj(m, m);
        DMatrixRMaj b = new DMatrixRMaj(m, 1);
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < m; c++) {
                a.set(r, c, ata[idx[r]][idx[c]]);
            }
            b.set(r, 0, atb[idx[r]]);
        }
        DMatrixRMaj sol = new DMatrixRMaj(m, 1);
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.leastSquaresQrPivot(true, false);
        double[] z = new double[k];
        if (m > 0 && solver.setA(a)) {
            solver.solve(b, sol);
            for (int r = 0; r < m; r++) {
                z[idx[r]] = Double.isFinite(sol.get(r, 0)) ? sol.get(r, 0) : 0;
            }
        }
        return z;
    }
}
