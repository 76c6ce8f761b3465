package tessera.math;

import java.util.SplittableRandom;

import tessera.core.analysis.ProgressMonitor;

/**
 * Truncated SVD of a row-streamed matrix by randomized subspace iteration (N. Halko, P. G.
 * Martinsson, J. A. Tropp, "Finding structure with randomness", SIAM Review 53 (2011) 217,
 * doi:10.1137/090771806, Algorithm 4.4 with q power iterations), as scikit-learn's
 * {@code randomized_svd} that NNDSVD initialisation uses.
 *
 * @param u singular vectors of the rows, row-major {@code [n x k]} ({@code u[r * k + c]})
 * @param s singular values, descending, length k
 * @param v singular vectors of the columns, row-major {@code [k x p]} (row c is vector c)
 */
public record Randomized(double[] u, double[] s, double[] v) {

    /**
     * Computes the top-k singular triplets of {@code X [n x p]}.
     *
     * @param x          rows of X
     * @param n          rows
     * @param p          columns
     * @param k          number of singular triplets, {@code 1 <= k <= min(n, p)}
     * @param oversample extra subspace dimensions (scikit-learn: 10)
     * @param powerIter  power iterations (scikit-learn: 7 when k is below 10 % of min(n, p), else 4)
     * @param seed       seed of the Gaussian test matrix
     * @param monitor    cancellation only
     * @return the triplets
     * @throws IllegalArgumentException if k is out of range
     * @throws java.util.concurrent.CancellationException if cancelled
     */
    public static Randomized svd(RowReader x, long n, int p, int k, int oversample, int powerIter, long seed, ProgressMonitor monitor) {
        int nn = Math.toIntExact(n);
        if (k < 1 || k > Math.min(nn, p)) {
            throw new IllegalArgumentException("k = " + k + " outside [1, min(n, p) = " + Math.min(nn, p) + "]");
        }
        int q = Math.min(p, k + oversample);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] qm = new double[p * q];
        for (int i = 0; i < qm.length; i++) {
            qm[i] = gaussian(rnd);
        }
        orthonormalize(qm, p, q);
        for (int it = 0; it < powerIter; it++) {
            Kernels.checkCancel(monitor);
            qm = Kernels.normalProduct(x, nn, p, qm, q, monitor);
            orthonormalize(qm, p, q);
        }
        // Z = X Q (n x q); Z^T Z = W L W^T; X ≈ (Z W L^-1/2) L^1/2 (Q W)^T
        float[] z = Kernels.project(x, nn, p, qm, q, null, null, false, ProgressMonitor.NULL);
        double[] ztz = new double[q * q];
        for (int a = 0; a < q; a++) {
            for (int b = a; b < q; b++) {
                double acc = 0;
                for (int r = 0; r < nn; r++) {
                    acc += (double) z[a * nn + r] * z[b * nn + r];
                }
                ztz[a * q + b] = acc;
                ztz[b * q + a] = acc;
            }
        }
        SymmetricEigen e = SymmetricEigen.of(ztz, q);
        double[] s = new double[k];
        double[] u = new double[nn * k];
        double[] v = new double[k * p];
        for (int c = 0; c < k; c++) {
            s[c] = Math.sqrt(Math.max(0, e.values()[c]));
            for (int j = 0; j < p; j++) {
                double acc = 0;
                for (int a = 0; a < q; a++) {
                    acc += qm[j * q + a] * e.vectors()[c * q + a];
                }
                v[c * p + j] = acc;
            }
            double inv = s[c] > 0 ? 1 / s[c] : 0;
            for (int r = 0; r < nn; r++) {
                double acc = 0;
                for (int a = 0; a < q; a++) {
                    acc += z[a * nn + r] * e.vectors()[c * q + a];
                }
                u[r * k + c] = acc * inv;
            }
        }
        return new Randomized(u, s, v);
    }

    /** Modified Gram-Schmidt on the q columns of a row-major {@code [p x q]} matrix, in place. */
    static void orthonormalize(double[] m, int p, int q) {
        for (int a = 0; a < q; a++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int b = 0; b < a; b++) {
                    double d = 0;
                    for (int j = 0; j < p; j++) {
                        d += m[j * q + a] * m[j * q + b];
                    }
                    for (int j = 0; j < p; j++) {
                        m[j * q + a] -= d * m[j * q + b];
                    }
                }
            }
            double nrm = 0;
            for (int j = 0; j < p; j++) {
                nrm += m[j * q + a] * m[j * q + a];
            }
            nrm = Math.sqrt(nrm);
            for (int j = 0; j < p; j++) {
                m[j * q + a] = nrm > 0 ? m[j * q + a] / nrm : 0;
            }
        }
    }

    private static double gaussian(SplittableRandom r) {
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
