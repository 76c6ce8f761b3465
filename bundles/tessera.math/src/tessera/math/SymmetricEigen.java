package tessera.math;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Eigendecomposition of a real symmetric matrix, sorted by descending eigenvalue: with LAPACK's
 * divide and conquer {@code dsyevd} from OpenBLAS when {@link Kernels#backend()} is OpenBLAS
 * (Householder tridiagonalisation, then Cuppen's divide and conquer; J. J. M. Cuppen, Numer. Math.
 * 36 (1981) 177, doi:10.1007/BF01396757), else with EJML's symmetric QR algorithm (Householder
 * tridiagonalisation, then implicit QR; G. H. Golub, C. F. Van Loan, Matrix Computations, 4th ed.,
 * Johns Hopkins 2013, §8.3). The sign of each eigenvector is whatever the algorithm gives.
 *
 * <p>{@link #leading} computes all eigenvalues but only the eigenvectors of the largest few, with one Householder
 * tridiagonalisation and LAPACK's MRRR {@code dstemr} on OpenBLAS (I. S. Dhillon, B. N. Parlett, C. Vömel, ACM Trans. Math. Softw. 32 (2006) 533,
 * doi:10.1145/1186785.1186788): a PCA that keeps a few components of many channels needs no more.
 *
 * @param values  eigenvalues, descending, length m
 * @param vectors eigenvectors, row-major {@code [k x m]} ({@code k = m} from {@link #of}): row c
 *                ({@code vectors[c * m + j]}) is the unit eigenvector of {@code values[c]}
 */
public record SymmetricEigen(double[] values, double[] vectors) {

    /**
     * Decomposes the symmetric matrix {@code a}.
     *
     * @param a row-major {@code [m x m]}, symmetric (only used as given; not modified)
     * @param m order
     * @return the eigenpairs, descending
     * @throws IllegalArgumentException if {@code a} has the wrong length, a non-finite entry, or the algorithm
     *                                  does not converge
     */
    public static SymmetricEigen of(double[] a, int m) {
        check(a, m);
        tessera.math.internal.OpenBlas blas = Kernels.blas();
        if (blas != null && m > 0) {
            double[][] r = tessera.math.internal.NativeKernels.eigen(blas, a, m);
            return new SymmetricEigen(r[0], r[1]);
        }
        DMatrixRMaj mat = new DMatrixRMaj(m, m);
        System.arraycopy(a, 0, mat.data, 0, a.length);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(m, true, true);
        if (!eig.decompose(mat)) {
            throw new IllegalArgumentException("symmetric eigendecomposition did not converge (non-finite input?)");
        }
        Integer[] order = new Integer[m];
        double[] raw = new double[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
            raw[i] = eig.getEigenvalue(i).real;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(raw[y], raw[x]));
        double[] values = new double[m];
        double[] vectors = new double[m * m];
        for (int c = 0; c < m; c++) {
            int src = order[c];
            values[c] = raw[src];
            DMatrixRMaj v = eig.getEigenVector(src);
            System.arraycopy(v.data, 0, vectors, c * m, m);
        }
        return new SymmetricEigen(values, vectors);
    }
    /**
     * All eigenvalues of the symmetric matrix {@code a}, and the eigenvectors of its {@code k} largest. With OpenBLAS
     * and {@code k} at most an eighth of {@code m} this is LAPACK's tridiagonal MRRR route, several times faster than the full
     * {@link #of}; otherwise the full decomposition, truncated. The eigenvectors agree with {@link #of}'s to round-off
     * (up to sign).
     *
     * @param a row-major {@code [m x m]}, symmetric (not modified)
     * @param m order
     * @param k number of eigenvectors, {@code 1 <= k <= m}
     * @return the m eigenvalues, descending, and the k leading eigenvectors, row-major {@code [k x m]}
     * @throws IllegalArgumentException if {@code a} has the wrong length or a non-finite entry, k is out of range, or
     *                                  the algorithm does not converge
     */
    public static SymmetricEigen leading(double[] a, int m, int k) {
        if (k < 1 || k > m) {
            throw new IllegalArgumentException("k = " + k + " eigenvectors of an order-" + m + " matrix");
        }
        check(a, m);
        tessera.math.internal.OpenBlas blas = Kernels.blas();
        if (blas != null && 8L * k <= m) {
            double[][] r = tessera.math.internal.NativeKernels.leadingEigen(blas, a, m, k);
            return new SymmetricEigen(r[0], r[1]);
        }
        SymmetricEigen full = of(a, m);
        return k == m ? full : new SymmetricEigen(full.values(), java.util.Arrays.copyOf(full.vectors(), k * m));
    }

    private static void check(double[] a, int m) {
        if (a.length != (long) m * m) {
            throw new IllegalArgumentException("matrix length " + a.length + " is not " + m + "^2");
        }
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new IllegalArgumentException("symmetric eigendecomposition: entry (" + i / m + ", " + i % m + ") is " + a[i]);
            }
        }
    }
}
