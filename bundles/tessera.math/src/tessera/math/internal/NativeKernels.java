package tessera.math.internal;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.ReentrantLock;

import tessera.core.analysis.ProgressMonitor;
import tessera.math.RowReader;

/**
 * The kernels of {@link tessera.math.Kernels} and {@link tessera.math.SymmetricEigen} on
 * {@link OpenBlas}: the Gram matrix by {@code dsyrk} (float64 products and sums of the float32
 * rows, row block by row block in a fixed order; a block of integers small enough that every
 * product and partial sum is an integer below 2^24, such as photon or electron counts, goes through
 * the twice faster float32 {@code ssyrk}, which is then exact, and its result is added in float64),
 * the projection by {@code sgemm} (float32, as
 * HyperSpy's float32 SVD) and the symmetric eigendecomposition by {@code dsyevd}. Rows are read
 * and prepared (centred, weighted) in Java, copied into native memory block by block and handed
 * to OpenBLAS; native memory is freed when a call returns. Shapes, units and numerics are
 * documented on the public methods that dispatch here. These calls are large, so OpenBLAS runs
 * them on its thread pool; they are serialised through one lock so that concurrent analyses do not
 * oversubscribe the cores.
 */
public final class NativeKernels {
    /** Target size of one native row block, in elements (4 Mi: 32 MiB of doubles). */
    static final int BLOCK_ELEMENTS = 1 << 22;
    private static final ReentrantLock LOCK = new ReentrantLock();
    /** 2^24: float32 represents every integer up to this exactly. */
    static final double EXACT_FLOAT = 1 << 24;

    private NativeKernels() {
    }

    /** @return rows per native block for rows of p values, at most n */
    static int blockRows(int n, int p) {
        return Math.max(1, Math.min(n, Math.max(64, Math.min(4096, BLOCK_ELEMENTS / Math.max(1, p)))));
    }

    /**
     * Gram matrix {@code Y^T Y} of the prepared rows (see {@link RowPrep#gramRows}), as
     * {@link tessera.math.Kernels#gram}.
     *
     * @param blas       the library
     * @param x          rows
     * @param n          number of rows
     * @param p          number of columns
     * @param rowWeights weights per row or null
     * @param centreRows subtract each row's mean first
     * @param monitor    progress (one unit per row) and cancellation
     * @return row-major symmetric {@code [p * p]}
     * @throws CancellationException if cancelled
     */
    public static double[] gram(OpenBlas blas, RowReader x, int n, int p, double[] rowWeights, boolean centreRows, ProgressMonitor monitor) {
        LOCK.lock();
        try {
            return gramLocked(blas, x, n, p, rowWeights, centreRows, monitor);
        } finally {
            LOCK.unlock();
        }
    }

    private static double[] gramLocked(OpenBlas blas, RowReader x, int n, int p, double[] rowWeights, boolean centreRows, ProgressMonitor monitor) {
        int b = blockRows(n, p);
        float[] buf = new float[b * p];
        double[] out;
        try (Arena arena = Arena.ofShared()) { // shared: blocks are converted into it by several threads
            MemorySegment a = null; // float64 block, allocated when a block needs it
            MemorySegment af = null; // float32 block and its float32 Gram, for blocks of small integers
            MemorySegment cf = null;
            MemorySegment c = OpenBlas.allocate(arena, (long) p * p * Double.BYTES);
            boolean cEmpty = true;
            long groupRows = 0; // rows summed in float32 in cf since the last flush
            double groupMax = 0;
            for (int r0 = 0; r0 < n; r0 += b) {
                checkCancel(monitor);
                int cnt = Math.min(b, n - r0);
                x.read(r0, cnt, buf, 0);
                RowPrep.gramRows(buf, cnt, p, rowWeights, r0, centreRows, buf);
                double max = RowPrep.maxAbsOfIntegers(buf, cnt * p);
                // row-major Y block [cnt x p] = column-major Y^T [p x cnt]: C += Y^T (Y^T)^T, upper triangle (column-major)
                if (max >= 0 && cnt * max * max <= EXACT_FLOAT) {
                    // integers whose every partial sum stays below 2^24: the float32 ssyrk is exact, twice as fast as dsyrk;
                    // consecutive such blocks are summed in float32 as long as that stays exact, then added in float64
                    if (af == null) {
                        af = OpenBlas.allocate(arena, (long) b * p * Float.BYTES);
                        cf = OpenBlas.allocate(arena, (long) p * p * Float.BYTES);
                    }
                    double m = Math.max(max, groupMax);
                    if (groupRows > 0 && (groupRows + cnt) * m * m > EXACT_FLOAT) {
                        RowPrep.addUpperTriangle(cf, c, p, cEmpty);
                        cEmpty = false;
                        groupRows = 0;
                        groupMax = 0;
                    }
                    MemorySegment.copy(buf, 0, af, JAVA_FLOAT, 0, cnt * p);
                    blas.ssyrk('U', 'N', p, cnt, 1f, af, p, groupRows == 0 ? 0f : 1f, cf, p);
                    groupRows += cnt;
                    groupMax = Math.max(groupMax, max);
                } else {
                    if (a == null) {
                        a = OpenBlas.allocate(arena, (long) b * p * Double.BYTES);
                    }
                    RowPrep.widen(buf, a, cnt * p);
                    blas.dsyrk('U', 'N', p, cnt, 1.0, a, p, cEmpty ? 0.0 : 1.0, c, p);
                    cEmpty = false;
                }
                monitor.worked(cnt);
            }
            if (groupRows > 0) {
                RowPrep.addUpperTriangle(cf, c, p, cEmpty);
            }
            out = c.toArray(JAVA_DOUBLE);
        }
        // the column-major upper triangle is the row-major lower triangle
        for (int i = 0; i < p; i++) {
            for (int j = i + 1; j < p; j++) {
                out[i * p + j] = out[j * p + i];
            }
        }
        return out;
    }

    /**
     * Projection {@code Y U^T} as {@link tessera.math.Kernels#projectOnto}, by float32 {@code sgemm}.
     *
     * @param blas       the library
     * @param x          rows
     * @param n          number of rows
     * @param p          number of columns
     * @param u          vectors, component-major {@code [k x p]} (row c is vector c)
     * @param k          number of vectors
     * @param rowWeights weight per row or null
     * @param colShift   value subtracted per column or null
     * @param centreRows subtract each row's mean
     * @param resident   the same rows already in native memory (row-major float32 {@code [n x p]}), or null
     * @param monitor    progress (one unit per row) and cancellation
     * @return component-major {@code [k * n]}
     * @throws CancellationException if cancelled
     */
    public static float[] project(OpenBlas blas, RowReader x, int n, int p, double[] u, int k, double[] rowWeights, double[] colShift,
            boolean centreRows, MemorySegment resident, ProgressMonitor monitor) {
        LOCK.lock();
        try {
            return projectLocked(blas, x, n, p, u, k, rowWeights, colShift, centreRows, resident, monitor);
        } finally {
            LOCK.unlock();
        }
    }

    private static float[] projectLocked(OpenBlas blas, RowReader x, int n, int p, double[] u, int k, double[] rowWeights, double[] colShift,
            boolean centreRows, MemorySegment resident, ProgressMonitor monitor) {
        boolean direct = resident != null && colShift == null && !centreRows;
        float[] out = new float[Math.multiplyExact(k, n)];
        int b = blockRows(n, p);
        float[] buf = direct ? null : new float[b * p];
        float[] vt = new float[Math.multiplyExact(k, p)];
        for (int i = 0; i < vt.length; i++) {
            vt[i] = (float) u[i];
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment vs = OpenBlas.allocate(arena, (long) k * p * Float.BYTES);
            MemorySegment.copy(vt, 0, vs, JAVA_FLOAT, 0, vt.length);
            MemorySegment a = OpenBlas.allocate(arena, (long) b * p * Float.BYTES);
            MemorySegment c = OpenBlas.allocate(arena, (long) b * k * Float.BYTES);
            for (int r0 = 0; r0 < n; r0 += b) {
                checkCancel(monitor);
                int cnt = Math.min(b, n - r0);
                MemorySegment block = a;
                if (direct) {
                    block = resident.asSlice((long) r0 * p * Float.BYTES);
                } else {
                    x.read(r0, cnt, buf, 0);
                    RowPrep.shiftRows(buf, cnt, p, colShift, centreRows);
                    MemorySegment.copy(buf, 0, a, JAVA_FLOAT, 0, cnt * p);
                }
                // C [cnt x k] (column-major) = (column-major X^T [p x cnt])^T V [p x k]
                blas.sgemm('T', 'N', cnt, k, p, 1f, block, p, vs, p, 0f, c, cnt);
                for (int q = 0; q < k; q++) {
                    MemorySegment.copy(c, JAVA_FLOAT, (long) q * cnt * Float.BYTES, out, q * n + r0, cnt);
                }
                if (rowWeights != null) {
                    for (int q = 0; q < k; q++) {
                        for (int r = 0; r < cnt; r++) {
                            out[q * n + r0 + r] = (float) (out[q * n + r0 + r] * rowWeights[r0 + r]);
                        }
                    }
                }
                monitor.worked(cnt);
            }
        }
        return out;
    }

    /**
     * {@code Y = X^T (X Q)} as {@link tessera.math.Kernels#normalProduct}: per row block
     * {@code Z = X_B Q} and {@code Y += X_B^T Z} by float32 {@code sgemm}, Y accumulated in float32.
     *
     * @param blas    the library
     * @param x       rows
     * @param n       number of rows
     * @param p       number of columns
     * @param qm      Q, row-major {@code [p x q]}
     * @param q        columns of Q
     * @param resident the same rows already in native memory (row-major float32 {@code [n x p]}), or null
     * @param monitor  cancellation
     * @return Y, row-major {@code [p x q]}
     * @throws CancellationException if cancelled
     */
    public static double[] normalProduct(OpenBlas blas, RowReader x, int n, int p, double[] qm, int q, MemorySegment resident,
            ProgressMonitor monitor) {
        LOCK.lock();
        try {
            int b = blockRows(n, p);
            float[] buf = resident != null ? null : new float[b * p];
            float[] qf = new float[qm.length];
            for (int i = 0; i < qm.length; i++) {
                qf[i] = (float) qm[i];
            }
            double[] out = new double[p * q];
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment qs = OpenBlas.allocate(arena, (long) p * q * Float.BYTES); // row-major [p x q] = column-major Q^T [q x p]
                MemorySegment.copy(qf, 0, qs, JAVA_FLOAT, 0, qf.length);
                MemorySegment a = OpenBlas.allocate(arena, (long) b * p * Float.BYTES);
                MemorySegment z = OpenBlas.allocate(arena, (long) b * q * Float.BYTES);
                MemorySegment y = OpenBlas.allocate(arena, (long) p * q * Float.BYTES);
                for (int r0 = 0; r0 < n; r0 += b) {
                    checkCancel(monitor);
                    int cnt = Math.min(b, n - r0);
                    MemorySegment block = a;
                    if (resident != null) {
                        block = resident.asSlice((long) r0 * p * Float.BYTES);
                    } else {
                        x.read(r0, cnt, buf, 0);
                        MemorySegment.copy(buf, 0, a, JAVA_FLOAT, 0, cnt * p);
                    }
                    // Z [cnt x q] column-major = (X_B^T, column-major [p x cnt])^T (Q^T, column-major [q x p])^T
                    blas.sgemm('T', 'T', cnt, q, p, 1f, block, p, qs, q, 0f, z, cnt);
                    // Y [p x q] column-major += X_B^T Z
                    blas.sgemm('N', 'N', p, q, cnt, 1f, block, p, z, cnt, r0 == 0 ? 0f : 1f, y, p);
                }
                for (int j = 0; j < p; j++) {
                    for (int c = 0; c < q; c++) {
                        out[j * q + c] = y.getAtIndex(JAVA_FLOAT, (long) c * p + j);
                    }
                }
            }
            return out;
        } finally {
            LOCK.unlock();
        }
    }

    /**
     * Eigendecomposition of a symmetric matrix by {@code dsyevd}, sorted by descending eigenvalue.
     *
     * @param blas the library
     * @param a    row-major symmetric {@code [m x m]}, finite (not modified)
     * @param m    order
     * @return {@code [values (length m, descending), vectors (row-major [m x m], row c = vector of value c)]}
     * @throws IllegalArgumentException if dsyevd does not converge
     */
    public static double[][] eigen(OpenBlas blas, double[] a, int m) {
        LOCK.lock();
        try {
            return eigenLocked(blas, a, m);
        } finally {
            LOCK.unlock();
        }
    }

    private static double[][] eigenLocked(OpenBlas blas, double[] a, int m) {
        double[] values = new double[m];
        double[] vectors = new double[a.length];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = OpenBlas.allocate(arena, (long) a.length * Double.BYTES);
            MemorySegment.copy(a, 0, s, JAVA_DOUBLE, 0, a.length);
            MemorySegment w = OpenBlas.allocate(arena, (long) m * Double.BYTES);
            int info = blas.dsyevd(m, s, w);
            if (info != 0) {
                throw new IllegalArgumentException("symmetric eigendecomposition (LAPACK dsyevd) did not converge, info = " + info);
            }
            for (int c = 0; c < m; c++) {
                int src = m - 1 - c; // ascending -> descending
                values[c] = w.getAtIndex(JAVA_DOUBLE, src);
                MemorySegment.copy(s, JAVA_DOUBLE, (long) src * m * Double.BYTES, vectors, c * m, m);
            }
        }
        return new double[][] {values, vectors};
    }

    /**
     * All eigenvalues and the eigenvectors of the {@code k} largest of a symmetric matrix, sorted by descending
     * eigenvalue, with one tridiagonalisation ({@link OpenBlas#leadingEigenpairs}).
     *
     * @param blas the library
     * @param a    row-major symmetric {@code [m x m]}, finite (not modified)
     * @param m    order
     * @param k    eigenvectors wanted, {@code 1 <= k <= m}
     * @return {@code [values (length m, descending), vectors (row-major [k x m], row c = vector of value c)]}
     * @throws IllegalArgumentException if LAPACK fails
     */
    public static double[][] leadingEigen(OpenBlas blas, double[] a, int m, int k) {
        LOCK.lock();
        try {
            double[] values = new double[m];
            double[] vectors = new double[Math.multiplyExact(k, m)];
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment s = OpenBlas.allocate(arena, (long) a.length * Double.BYTES);
                MemorySegment w = OpenBlas.allocate(arena, (long) m * Double.BYTES);
                MemorySegment z = OpenBlas.allocate(arena, (long) m * k * Double.BYTES);
                MemorySegment.copy(a, 0, s, JAVA_DOUBLE, 0, a.length);
                requireConverged(blas.leadingEigenpairs(m, k, s, w, z));
                for (int c = 0; c < m; c++) {
                    values[c] = w.getAtIndex(JAVA_DOUBLE, m - 1 - c);
                }
                for (int c = 0; c < k; c++) {
                    MemorySegment.copy(z, JAVA_DOUBLE, (long) (k - 1 - c) * m * Double.BYTES, vectors, c * m, m);
                }
            }
            return new double[][] {values, vectors};
        } finally {
            LOCK.unlock();
        }
    }

    private static void requireConverged(int info) {
        if (info != 0) {
            throw new IllegalArgumentException("symmetric eigendecomposition (LAPACK) failed, info = " + info);
        }
    }

    private static void checkCancel(ProgressMonitor monitor) {
        if (monitor.isCanceled()) {
            throw new CancellationException("cancelled");
        }
    }
}
