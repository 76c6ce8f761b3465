package tessera.math;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.stream.IntStream;

import tessera.core.analysis.ProgressMonitor;
import tessera.math.internal.NativeKernels;
import tessera.math.internal.OpenBlas;
import tessera.math.internal.RowPrep;

/**
 * Multithreaded dense kernels for a row-streamed float32 data matrix {@code X [n x p]}
 * (n navigation positions, p signal channels): the Gram (scatter) matrix {@code X^T X}, row and
 * column sums and the projection {@code X V}. Rows are read in blocks through a
 * {@link RowReader}, so the data never need a second full copy.
 *
 * <p><b>Backends.</b> The Gram matrix, the projection and {@link SymmetricEigen} run on OpenBLAS
 * when it can be loaded (through the Java Foreign Function and Memory API, see
 * {@link #backend()}), else on the Java kernels described below. The system property
 * {@value #NATIVE_PROPERTY}{@code =false} forces the Java kernels; it is read at every call, so
 * tests can run both. Both backends prepare the operands identically (centred or weighted values
 * rounded to float32 once).
 * <ul>
 * <li>Gram matrix: float64 sums in both. OpenBLAS ({@code dsyrk} on blocks widened to float64)
 *   forms exact products; the Java kernels round each product of two float32 operands to float32
 *   (exact for integer counts whose products stay below 2^24). Integer counts give exact results in both.</li>
 * <li>Projection: Java accumulates in float64 and rounds once; OpenBLAS {@code sgemm} accumulates in
 *   float32 (as HyperSpy's float32 SVD; relative error about {@code 1e-7 sqrt(p)} of the sum of absolute terms).</li>
 * </ul>
 * Either backend gives bit-identical results when a call is repeated on the same machine (the
 * Java kernels even for any number of threads; OpenBLAS for a fixed number of its threads).
 *
 * <p><b>Java kernels.</b> Products of float32 values are accumulated in float64 (accumulator
 * {@code double[]}, input {@code float[]}: distinct array types let C2 vectorise the loops, since
 * they cannot alias; in the Gram kernel the product itself is a float32 multiplication). Work is split into fixed tiles whose results are combined in a fixed order
 * (common {@link java.util.concurrent.ForkJoinPool}). The inner loops are plain Java axpy loops
 * over contiguous {@code double[]} slices, which the HotSpot C2 compiler vectorises (SuperWord)
 * without any JVM flag.
 *
 * <p>Reference for the blocking scheme: K. Goto, R. A. van de Geijn, "Anatomy of
 * high-performance matrix multiplication", ACM TOMS 34 (2008) 12, doi:10.1145/1356052.1356053.
 */
public final class Kernels {
    /** Tile edge of the Gram matrix, in columns (256 doubles = 2 KiB per tile row). */
    static final int TILE = 256;
    /** Target size of one converted row block, in doubles (4 MiB). */
    static final int BLOCK_DOUBLES = 1 << 19;
    /** Component chunk of a projection (256 floats x p rows of V stay in cache). */
    static final int QC = 256;

    /** System property: {@code false} forces the Java kernels even when OpenBLAS is available. */
    public static final String NATIVE_PROPERTY = "tessera.math.native";

    private Kernels() {
    }

    /**
     * The backend the kernels use now, for provenance records: {@code "Java"}, or the OpenBLAS
     * library with its version, CPU kernel, thread count and file, e.g.
     * {@code "OpenBLAS 0.3.21 (SkylakeX, 2 threads) via /usr/lib/x86_64-linux-gnu/libopenblas.so.0 -> /usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so"}.
     * OpenBLAS is used when a library is found (system property {@value OpenBlas#LIBRARY_PROPERTY}
     * names one explicitly), native access is enabled ({@code --enable-native-access=ALL-UNNAMED})
     * and {@value #NATIVE_PROPERTY} is not {@code false}.
     *
     * @return a one-line description
     */
    public static String backend() {
        OpenBlas b = blas();
        return b == null ? "Java" : b.description();
    }

    /**
     * @return why OpenBLAS is not used ({@value #NATIVE_PROPERTY}{@code =false}, no library, native access
     *         not enabled), or null when it is
     */
    public static String javaBackendReason() {
        if ("false".equalsIgnoreCase(System.getProperty(NATIVE_PROPERTY, "").trim())) {
            return NATIVE_PROPERTY + "=false";
        }
        return OpenBlas.unavailableReason();
    }

    /** @return the native float32 copy behind x if x is a resident native {@link RowMatrix}, else null */
    static java.lang.foreign.MemorySegment resident(RowReader x) {
        return x instanceof RowMatrix m ? m.nativeData() : null;
    }

    /** @return the OpenBLAS binding to use now, or null for the Java kernels */
    static OpenBlas blas() {
        if ("false".equalsIgnoreCase(System.getProperty(NATIVE_PROPERTY, "").trim())) {
            return null;
        }
        return OpenBlas.get();
    }

    /**
     * Row and column sums of {@code X}.
     *
     * @param x       the rows
     * @param n       number of rows
     * @param p       number of columns
     * @param monitor progress (one unit per row) and cancellation; not begun/ended here
     * @return {@code [rowSums (length n), colSums (length p)]}
     * @throws CancellationException if the monitor is cancelled
     */
    public static double[][] sums(RowReader x, long n, int p, ProgressMonitor monitor) {
        int nn = Math.toIntExact(n);
        double[] rows = new double[nn];
        int b = blockRows(p);
        int nBlocks = (nn + b - 1) / b;
        double[][] colParts = new double[nBlocks][];
        IntStream.range(0, nBlocks).parallel().forEach(blk -> {
            checkCancel(monitor);
            int r0 = blk * b;
            int cnt = Math.min(b, nn - r0);
            float[] buf = new float[cnt * p];
            x.read(r0, cnt, buf, 0);
            double[] cols = new double[p];
            for (int r = 0; r < cnt; r++) {
                double s = 0;
                int o = r * p;
                for (int j = 0; j < p; j++) {
                    float v = buf[o + j];
                    s += v;
                    cols[j] += v;
                }
                rows[r0 + r] = s;
            }
            colParts[blk] = cols;
            monitor.worked(cnt);
        });
        double[] cols = new double[p];
        for (double[] part : colParts) {
            for (int j = 0; j < p; j++) {
                cols[j] += part[j];
            }
        }
        return new double[][] {rows, cols};
    }

    /**
     * Gram (scatter) matrix {@code C = Y^T Y} of the weighted, optionally row-centred rows
     * {@code y_r = w_r (x_r - m_r)}, where {@code m_r} is the mean of row r if {@code centreRows}, else 0.
     * Float64 accumulation (see the class comment for the two backends).
     *
     * @param x          the rows of X
     * @param n          number of rows
     * @param p          number of columns (C is {@code p x p}); at most 46340
     * @param rowWeights weight per row {@code w_r} (length n), or null for 1
     * @param centreRows subtract each row's mean before weighting
     * @param monitor    progress (one unit per row) and cancellation; not begun/ended here
     * @return C, symmetric, row-major {@code [p * p]}
     * @throws CancellationException if the monitor is cancelled
     */
    public static double[] gram(RowReader x, long n, int p, double[] rowWeights, boolean centreRows, ProgressMonitor monitor) {
        Objects.requireNonNull(x, "x");
        int nn = Math.toIntExact(n);
        OpenBlas blas = blas();
        if (blas != null) {
            return NativeKernels.gram(blas, x, nn, p, rowWeights, centreRows, monitor);
        }
        double[] c = new double[Math.multiplyExact(p, p)];
        int b = blockRows(p);
        float[] buf = new float[b * p];
        int nt = (p + TILE - 1) / TILE;
        int[] pairI = new int[nt * (nt + 1) / 2];
        int[] pairJ = new int[pairI.length];
        for (int i = 0, t = 0; i < nt; i++) {
            for (int j = i; j < nt; j++, t++) {
                pairI[t] = i;
                pairJ[t] = j;
            }
        }
        for (int r0 = 0; r0 < nn; r0 += b) {
            checkCancel(monitor);
            int cnt = Math.min(b, nn - r0);
            x.read(r0, cnt, buf, 0);
            RowPrep.gramRows(buf, cnt, p, rowWeights, r0, centreRows, buf);
            IntStream.range(0, pairI.length).parallel().forEach(t -> gramTile(buf, cnt, p, pairI[t] * TILE, pairJ[t] * TILE, c));
            monitor.worked(cnt);
        }
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < i; j++) {
                c[i * p + j] = c[j * p + i];
            }
        }
        return c;
    }

    /**
     * Adds rows {@code [0, cnt)} of the float32 block xd to tile (I, J) of the upper triangle of
     * the float64 matrix c. The accumulator and the input have different element types on
     * purpose: C2 vectorises {@code double[] += float * float[]} but not a loop over two arrays of
     * the same type, which might alias.
     */
    private static void gramTile(float[] xd, int cnt, int p, int i0, int j0, double[] c) {
        int i1 = Math.min(p, i0 + TILE);
        int j1 = Math.min(p, j0 + TILE);
        boolean diag = i0 == j0;
        for (int i = i0; i < i1; i++) {
            int js = diag ? i : j0;
            int len = j1 - js;
            int ci = i * p + js;
            for (int r = 0; r < cnt; r++) {
                int o = r * p;
                float a = xd[o + i]; // no zero test: mispredicted branches cost more than the FMAs they skip
                int xo = o + js;
                for (int j = 0; j < len; j++) {
                    c[ci + j] += a * xd[xo + j];
                }
            }
        }
    }

    /**
     * Projection {@code L = Y V} of the weighted, optionally row-centred rows (as in
     * {@link #gram}) onto k vectors, written component-major: {@code out[c * n + r] = y_r · v_c}.
     *
     * @param x          the rows of X
     * @param n          number of rows
     * @param p          number of columns
     * @param v          vectors, row-major {@code [p x k]} ({@code v[j * k + c]} is entry j of vector c)
     * @param k          number of vectors
     * @param rowWeights weight per row (length n) or null
     * @param colShift   value subtracted from each column before weighting (length p), or null
     * @param centreRows subtract each row's mean
     * @param monitor    progress (one unit per row) and cancellation; not begun/ended here
     * @return {@code [k * n]} component-major, float32
     * @throws CancellationException if the monitor is cancelled
     */
    public static float[] project(RowReader x, long n, int p, double[] v, int k, double[] rowWeights, double[] colShift, boolean centreRows,
            ProgressMonitor monitor) {
        int nn = Math.toIntExact(n);
        OpenBlas blas = blas();
        if (blas != null) {
            return NativeKernels.project(blas, x, nn, p, RowPrep.transpose(v, p, k), k, rowWeights, colShift, centreRows, resident(x), monitor);
        }
        return projectJava(x, nn, p, v, k, rowWeights, colShift, centreRows, monitor);
    }

    /**
     * {@link #project} with the vectors given component-major, as {@link SymmetricEigen#vectors()}
     * holds them: {@code out[c * n + r] = y_r · u_c}.
     *
     * @param x          the rows of X
     * @param n          number of rows
     * @param p          number of columns
     * @param u          vectors, component-major {@code [k x p]} ({@code u[c * p + j]} is entry j of vector c); only
     *                   the first {@code k * p} values are read
     * @param k          number of vectors
     * @param rowWeights weight per row (length n) or null
     * @param colShift   value subtracted from each column before weighting (length p), or null
     * @param centreRows subtract each row's mean
     * @param monitor    progress (one unit per row) and cancellation; not begun/ended here
     * @return {@code [k * n]} component-major, float32
     * @throws CancellationException if the monitor is cancelled
     */
    public static float[] projectOnto(RowReader x, long n, int p, double[] u, int k, double[] rowWeights, double[] colShift, boolean centreRows,
            ProgressMonitor monitor) {
        int nn = Math.toIntExact(n);
        OpenBlas blas = blas();
        if (blas != null) {
            return NativeKernels.project(blas, x, nn, p, u, k, rowWeights, colShift, centreRows, resident(x), monitor);
        }
        return projectJava(x, nn, p, RowPrep.transpose(u, k, p), k, rowWeights, colShift, centreRows, monitor);
    }

    private static float[] projectJava(RowReader x, int nn, int p, double[] v, int k, double[] rowWeights, double[] colShift, boolean centreRows,
            ProgressMonitor monitor) {
        float[] out = new float[Math.multiplyExact(k, nn)];
        float[] vf = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            vf[i] = (float) v[i];
        }
        int b = Math.max(16, blockRows(p) / 4);
        int nBlocks = (nn + b - 1) / b;
        IntStream.range(0, nBlocks).parallel().forEach(blk -> {
            checkCancel(monitor);
            int r0 = blk * b;
            int cnt = Math.min(b, nn - r0);
            float[] buf = new float[cnt * p];
            x.read(r0, cnt, buf, 0);
            double[] acc = new double[cnt * k];
            if (centreRows || colShift != null) {
                for (int r = 0; r < cnt; r++) {
                    RowPrep.shiftRow(buf, r * p, p, colShift, centreRows); // already inside a parallel task
                }
            }
            // component chunks of QC columns of V stay in cache while all rows of the block use them
            for (int q0 = 0; q0 < k; q0 += QC) {
                int qn = Math.min(QC, k - q0);
                for (int r = 0; r < cnt; r++) {
                    int o = r * p;
                    int ao = r * k + q0;
                    for (int j = 0; j < p; j++) {
                        float a = buf[o + j];
                        if (a == 0) {
                            continue;
                        }
                        int vo = j * k + q0;
                        for (int q = 0; q < qn; q++) {
                            acc[ao + q] += a * vf[vo + q];
                        }
                    }
                }
            }
            for (int r = 0; r < cnt; r++) {
                double w = rowWeights == null ? 1.0 : rowWeights[r0 + r];
                for (int q = 0; q < k; q++) {
                    out[q * nn + r0 + r] = (float) (acc[r * k + q] * w);
                }
            }
            monitor.worked(cnt);
        });
        return out;
    }

    /**
     * Normal-matrix product {@code Y = X^T (X Q)} in one pass over the rows (the power iteration of a
     * randomized SVD). Java kernels: float64 accumulation, {@code X Q} rounded to float32 per row,
     * fixed row chunks reduced in order; OpenBLAS: two float32 {@code sgemm} per row block.
     *
     * @param x       rows of X
     * @param n       number of rows
     * @param p       number of columns
     * @param qm      Q, row-major {@code [p x q]}
     * @param q       columns of Q
     * @param monitor cancellation (checked per block)
     * @return Y, row-major {@code [p x q]}
     * @throws CancellationException if cancelled
     */
    public static double[] normalProduct(RowReader x, long n, int p, double[] qm, int q, ProgressMonitor monitor) {
        OpenBlas blas = blas();
        if (blas != null) {
            return NativeKernels.normalProduct(blas, x, Math.toIntExact(n), p, qm, q, resident(x), monitor);
        }
        return normalProductJava(x, Math.toIntExact(n), p, qm, q, monitor);
    }

    private static double[] normalProductJava(RowReader x, int n, int p, double[] qm, int q, ProgressMonitor monitor) {
        int chunk = Math.max(64, blockRows(p) / 4);
        int nChunks = (n + chunk - 1) / chunk;
        double[][] parts = new double[nChunks][];
        float[] qf = new float[qm.length];
        for (int i = 0; i < qm.length; i++) {
            qf[i] = (float) qm[i];
        }
        IntStream.range(0, nChunks).parallel().forEach(ci -> {
            checkCancel(monitor);
            int r0 = ci * chunk;
            int cnt = Math.min(chunk, n - r0);
            float[] buf = new float[cnt * p];
            x.read(r0, cnt, buf, 0);
            double[] y = new double[p * q];
            double[] t = new double[q];
            float[] tf = new float[q];
            for (int r = 0; r < cnt; r++) {
                int o = r * p;
                java.util.Arrays.fill(t, 0);
                for (int j = 0; j < p; j++) {
                    float a = buf[o + j];
                    int jo = j * q;
                    for (int b = 0; b < q; b++) {
                        t[b] += a * qf[jo + b]; // double += float: distinct types, so C2 vectorises
                    }
                }
                for (int b = 0; b < q; b++) {
                    tf[b] = (float) t[b];
                }
                for (int j = 0; j < p; j++) {
                    float a = buf[o + j];
                    int jo = j * q;
                    for (int b = 0; b < q; b++) {
                        y[jo + b] += a * tf[b];
                    }
                }
            }
            parts[ci] = y;
        });
        double[] y = new double[p * q];
        for (double[] part : parts) {
            for (int i = 0; i < y.length; i++) {
                y[i] += part[i];
            }
        }
        return y;
    }

    /** @return rows per block so that one converted block holds about {@link #BLOCK_DOUBLES} doubles */
    static int blockRows(int p) {
        return Math.max(1, Math.min(4096, BLOCK_DOUBLES / Math.max(1, p)));
    }

    /**
     * @param monitor monitor to check
     * @throws CancellationException if it is cancelled
     */
    public static void checkCancel(ProgressMonitor monitor) {
        if (monitor.isCanceled()) {
            throw new CancellationException("cancelled");
        }
    }
}
