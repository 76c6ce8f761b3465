package tessera.math;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.stream.IntStream;

import tessera.core.analysis.ProgressMonitor;

/**
 * Multithreaded dense kernels for a row-streamed float32 data matrix {@code X [n x p]}
 * (n navigation positions, p signal channels): the Gram (scatter) matrix {@code X^T X}, row and
 * column sums and the projection {@code X V}. Rows are read in blocks through a
 * {@link RowReader}, so the data never need a second full copy.
 *
 * <p>Numerics: weighted or centred rows are rounded to float32 once (relative error 6e-8 per
 * value); products of float32 values are accumulated in float64, so integer counts give exact results (accumulator
 * {@code double[]}, input {@code float[]}: distinct array types let C2 vectorise the loops, since
 * they cannot alias). Work is split into
 * fixed tiles whose results are combined in a fixed order, so every result is bit-for-bit
 * reproducible regardless of the number of threads (the common {@link java.util.concurrent.ForkJoinPool}
 * is used). The inner loops are plain Java axpy loops over contiguous {@code double[]}
 * slices, which the HotSpot C2 compiler vectorises (SuperWord) without any JVM flag; zero
 * inputs (frequent in counting data such as EDX) are skipped.
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

    private Kernels() {
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
     * Tiled over the upper triangle of C, parallel over tiles, float64 accumulation.
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
        double[] c = new double[Math.multiplyExact(p, p)];
        int b = blockRows(p);
        float[] buf = new float[b * p];
        float[] xd = new float[b * p];
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
            final int base = r0;
            IntStream.range(0, cnt).parallel().forEach(r -> {
                int o = r * p;
                double mean = 0;
                if (centreRows) {
                    for (int j = 0; j < p; j++) {
                        mean += buf[o + j];
                    }
                    mean /= p;
                }
                double w = rowWeights == null ? 1.0 : rowWeights[base + r];
                for (int j = 0; j < p; j++) {
                    xd[o + j] = (float) ((buf[o + j] - mean) * w);
                }
            });
            IntStream.range(0, pairI.length).parallel().forEach(t -> gramTile(xd, cnt, p, pairI[t] * TILE, pairJ[t] * TILE, c));
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
            double[] mean = new double[cnt];
            for (int r = 0; r < cnt; r++) {
                int o = r * p;
                if (centreRows) {
                    for (int j = 0; j < p; j++) {
                        mean[r] += buf[o + j];
                    }
                    mean[r] /= p;
                }
                if (centreRows || colShift != null) {
                    for (int j = 0; j < p; j++) {
                        buf[o + j] = (float) (buf[o + j] - mean[r] - (colShift == null ? 0 : colShift[j]));
                    }
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
