package tessera.math;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.stream.IntStream;

import tessera.core.analysis.ProgressMonitor;
import tessera.math.internal.OpenBlas;

/**
 * A dense float32 matrix {@code X [n x p]} (rows = navigation positions, columns = signal channels)
 * for algorithms that pass over all rows many times, such as NMF by alternating least squares. It
 * is either a resident copy (native memory when {@link Kernels#backend()} is OpenBLAS, else Java
 * arrays) or a view that reads the rows from their source at every pass.
 *
 * <p>Its one kernel is the fused {@linkplain #sweep sweep}: for consecutive row blocks
 * {@code X_B}, compute {@code P_B = X_B G^T}, let the caller turn {@code P_B} into
 * {@code A_B} (for NMF: the updated rows of W), and accumulate {@code S = sum_B A_B^T X_B}, so
 * that each row of X is read from memory once per pass while it is in cache. With OpenBLAS both
 * products are {@code sgemm} calls on blocks small enough for OpenBLAS to run each on the calling
 * thread (at most {@value #SUB_ROWS} rows and {@value #SMALL_GEMM} multiply-adds), while groups
 * of rows run in parallel in the common fork-join pool; OpenBLAS allows concurrent calls. Products are float32 there (as scikit-learn's
 * on float32 data) and float64 in the Java kernels.
 *
 * <p>Determinism: blocks are grouped into fixed groups of {@value #GROUP} rows whose partial sums
 * are added in row order, so results do not depend on the number of threads; they are
 * bit-identical for repeated runs with the same backend on the same machine.
 *
 * <p>Not thread-safe: one sweep at a time. {@link #close()} frees the native memory.
 */
public final class RowMatrix implements RowReader, AutoCloseable {
    /** Rows per group (partial sums of a group are reduced in row order). */
    static final int GROUP = 256;
    /** Largest {@code rows * k * p} of one OpenBLAS product in a sweep (below OpenBLAS's own threading threshold). */
    static final int SMALL_GEMM = 1 << 18;
    /** Most rows per OpenBLAS call in a sweep. */
    static final int SUB_ROWS = 32;

    private final long n;
    private final int p;
    private final RowReader source; // rows read at every pass (null when resident)
    private final float[][] heap; // resident Java copy: one array per group
    private final Arena arena; // resident native copy
    private final MemorySegment data;
    private final OpenBlas blas;
    private boolean closed;

    private RowMatrix(long n, int p, RowReader source, float[][] heap, Arena arena, MemorySegment data, OpenBlas blas) {
        this.n = n;
        this.p = p;
        this.source = source;
        this.heap = heap;
        this.arena = arena;
        this.data = data;
        this.blas = blas;
    }

    /**
     * Copies all rows into memory (native memory with OpenBLAS, else Java arrays).
     *
     * @param x       rows
     * @param n       number of rows
     * @param p       number of columns
     * @param monitor progress (one unit per row) and cancellation; not begun/ended here
     * @return the resident copy; close it to free native memory
     * @throws CancellationException if cancelled
     * @throws IllegalArgumentException if n or p is not positive
     */
    public static RowMatrix copyOf(RowReader x, long n, int p, ProgressMonitor monitor) {
        Objects.requireNonNull(x, "x");
        check(n, p);
        OpenBlas blas = Kernels.blas();
        int groups = Math.toIntExact((n + GROUP - 1) / GROUP);
        if (blas == null) {
            float[][] heap = new float[groups][];
            IntStream.range(0, groups).parallel().forEach(g -> {
                Kernels.checkCancel(monitor);
                int cnt = rowsOf(g, n);
                heap[g] = new float[cnt * p];
                x.read((long) g * GROUP, cnt, heap[g], 0);
                monitor.worked(cnt);
            });
            return new RowMatrix(n, p, null, heap, null, null, null);
        }
        Arena arena = Arena.ofShared();
        try {
            MemorySegment seg = OpenBlas.allocate(arena, Math.multiplyExact(n, (long) p) * Float.BYTES);
            IntStream.range(0, groups).parallel().forEach(g -> {
                Kernels.checkCancel(monitor);
                int cnt = rowsOf(g, n);
                float[] buf = new float[cnt * p];
                x.read((long) g * GROUP, cnt, buf, 0);
                MemorySegment.copy(buf, 0, seg, JAVA_FLOAT, (long) g * GROUP * p * Float.BYTES, cnt * p);
                monitor.worked(cnt);
            });
            return new RowMatrix(n, p, null, null, arena, seg, blas);
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    /**
     * A matrix over float32 rows already in memory, used in place: no copy is made and {@link #close()} frees nothing
     * (the caller keeps the memory alive while the matrix is used). With the Java kernels it reads the rows from the
     * segment at every pass.
     *
     * @param x row-major float32 {@code [n x p]} in the platform's byte order, native or on the Java heap; at least
     *          {@code n * p * 4} bytes
     * @param n number of rows
     * @param p number of columns
     * @return the matrix
     * @throws IllegalArgumentException if n or p is not positive or the segment is too small
     */
    public static RowMatrix wrap(MemorySegment x, long n, int p) {
        Objects.requireNonNull(x, "x");
        check(n, p);
        long bytes = Math.multiplyExact(n, (long) p) * Float.BYTES;
        if (x.byteSize() < bytes) {
            throw new IllegalArgumentException("segment holds " + x.byteSize() + " bytes, " + n + " x " + p + " floats need " + bytes);
        }
        MemorySegment rows = x.asSlice(0, bytes);
        OpenBlas blas = Kernels.blas();
        if (blas == null) {
            return streaming((first, count, out, off) -> MemorySegment.copy(rows, JAVA_FLOAT, first * p * Float.BYTES, out, off, count * p), n, p);
        }
        return new RowMatrix(n, p, null, null, null, rows, blas);
    }

    /**
     * A view that reads the rows from {@code x} at every pass (for data too large to copy).
     *
     * @param x rows; must allow concurrent reads of disjoint ranges
     * @param n number of rows
     * @param p number of columns
     * @return the view (nothing to free, but closing is harmless)
     * @throws IllegalArgumentException if n or p is not positive
     */
    public static RowMatrix streaming(RowReader x, long n, int p) {
        Objects.requireNonNull(x, "x");
        check(n, p);
        return new RowMatrix(n, p, x, null, null, null, Kernels.blas());
    }

    private static void check(long n, int p) {
        if (n < 1 || p < 1) {
            throw new IllegalArgumentException("matrix must have at least one row and one column, not " + n + " x " + p);
        }
    }

    private static int rowsOf(int group, long n) {
        return (int) Math.min(GROUP, n - (long) group * GROUP);
    }

    /** @return the resident native copy (row-major float32), or null when resident on the heap or streaming */
    MemorySegment nativeData() {
        ensureOpen();
        return data;
    }

    /** @return number of rows n */
    public long rows() {
        return n;
    }

    /** @return number of columns p */
    public int columns() {
        return p;
    }

    /** @return {@code "Java"} or the OpenBLAS description (see {@link Kernels#backend()}), fixed when this matrix was made */
    public String backend() {
        return blas == null ? "Java" : blas.description();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if this matrix is closed
     */
    @Override
    public void read(long first, int count, float[] out, int off) {
        ensureOpen();
        if (first < 0 || count < 0 || first + count > n) {
            throw new IndexOutOfBoundsException("rows [" + first + ", " + (first + count) + ") outside [0, " + n + ")");
        }
        if (source != null) {
            source.read(first, count, out, off);
        } else if (data != null) {
            MemorySegment.copy(data, JAVA_FLOAT, first * p * Float.BYTES, out, off, count * p);
        } else {
            int done = 0;
            while (done < count) {
                long r = first + done;
                int g = (int) (r / GROUP);
                int inG = (int) (r % GROUP);
                int cnt = Math.min(count - done, rowsOf(g, n) - inG);
                System.arraycopy(heap[g], inG * p, out, off + done * p, cnt * p);
                done += cnt;
            }
        }
    }

    /**
     * The per-block step of a {@linkplain RowMatrix#sweep sweep}. It is called concurrently for
     * disjoint row ranges, and exactly once for every row.
     */
    @FunctionalInterface
    public interface Step {
        /**
         * @param first first row of the block
         * @param count rows in the block
         * @param xg    {@code P_B = X_B G^T}, row-major {@code [count x k]}
         * @param a     to fill: {@code A_B}, row-major {@code [count x k]} (arrives zeroed)
         * @return a value to add up over all blocks (in row order), e.g. a gradient norm; 0 if unused
         */
        double apply(long first, int count, double[] xg, double[] a);
    }

    /**
     * Result of a sweep.
     *
     * @param s   {@code S = sum_B A_B^T X_B}, row-major {@code [k x p]}
     * @param sum the sum of the values returned by the steps
     */
    public record Sweep(double[] s, double sum) {
    }

    /**
     * One fused pass over all rows (see the class comment).
     *
     * @param g       {@code G}, row-major {@code [k x p]}
     * @param k       rows of G, at least 1
     * @param step    turns {@code P_B} into {@code A_B}
     * @param monitor cancellation (checked per group)
     * @return S and the sum of the steps' values
     * @throws CancellationException if cancelled
     * @throws IllegalArgumentException if g does not have k * p values
     */
    public Sweep sweep(double[] g, int k, Step step, ProgressMonitor monitor) {
        ensureOpen();
        if (k < 1 || g.length != (long) k * p) {
            throw new IllegalArgumentException("G must be k x p = " + k + " x " + p + ", has " + g.length + " values");
        }
        int groups = Math.toIntExact((n + GROUP - 1) / GROUP);
        double[][] parts = new double[groups][];
        double[] sums = new double[groups];
        if (blas == null) {
            IntStream.range(0, groups).parallel().forEach(gi -> {
                Kernels.checkCancel(monitor);
                double[] part = new double[k * p];
                sums[gi] = javaGroup(gi, g, k, step, part);
                parts[gi] = part;
            });
        } else {
            float[] gf = new float[k * p];
            for (int i = 0; i < gf.length; i++) {
                gf[i] = (float) g[i];
            }
            try (Arena shared = Arena.ofShared()) {
                MemorySegment gs = OpenBlas.allocate(shared, (long) k * p * Float.BYTES);
                MemorySegment.copy(gf, 0, gs, JAVA_FLOAT, 0, gf.length);
                IntStream.range(0, groups).parallel().forEach(gi -> {
                    Kernels.checkCancel(monitor);
                    double[] part = new double[k * p];
                    sums[gi] = nativeGroup(gi, gs, k, step, part);
                    parts[gi] = part;
                });
            }
        }
        double[] s = new double[k * p];
        double total = 0;
        for (int gi = 0; gi < groups; gi++) {
            double[] part = parts[gi];
            for (int i = 0; i < s.length; i++) {
                s[i] += part[i];
            }
            total += sums[gi];
        }
        return new Sweep(s, total);
    }

    /** Java kernels for one group: float64 dot products and axpys. */
    private double javaGroup(int gi, double[] g, int k, Step step, double[] part) {
        int cnt = rowsOf(gi, n);
        long r0 = (long) gi * GROUP;
        float[] buf;
        if (heap != null) {
            buf = heap[gi];
        } else {
            buf = new float[cnt * p];
            source.read(r0, cnt, buf, 0);
        }
        double[] xg = new double[cnt * k];
        double[] a = new double[cnt * k];
        for (int r = 0; r < cnt; r++) {
            for (int t = 0; t < k; t++) {
                xg[r * k + t] = dot(buf, r * p, g, t * p, p);
            }
        }
        double sum = step.apply(r0, cnt, xg, a);
        for (int r = 0; r < cnt; r++) {
            int o = r * p;
            for (int t = 0; t < k; t++) {
                double at = a[r * k + t];
                if (at != 0) {
                    int to = t * p;
                    for (int j = 0; j < p; j++) {
                        part[to + j] += at * buf[o + j]; // double += double * float: distinct types, so C2 vectorises
                    }
                }
            }
        }
        return sum;
    }

    /** OpenBLAS for one group: sub-blocks small enough to run on this thread, float32 products. */
    private double nativeGroup(int gi, MemorySegment gs, int k, Step step, double[] part) {
        int cnt = rowsOf(gi, n);
        long r0 = (long) gi * GROUP;
        // rows per OpenBLAS call: below its threading threshold, and at most 32 (measured: the small-matrix sgemm kernels of
        // OpenBLAS 0.3.21 on SkylakeX slow down about twofold for X_B^T A_B with more than 32 rows)
        int sub = (int) Math.max(8, Math.min(SUB_ROWS, SMALL_GEMM / ((long) k * p)));
        double sum = 0;
        try (Arena local = Arena.ofConfined()) {
            MemorySegment x;
            if (data != null) {
                x = data.asSlice(r0 * p * Float.BYTES, (long) cnt * p * Float.BYTES);
            } else {
                float[] buf = new float[cnt * p];
                source.read(r0, cnt, buf, 0);
                x = OpenBlas.allocate(local, (long) cnt * p * Float.BYTES);
                MemorySegment.copy(buf, 0, x, JAVA_FLOAT, 0, buf.length);
            }
            MemorySegment pm = OpenBlas.allocate(local, (long) sub * k * Float.BYTES);
            MemorySegment am = OpenBlas.allocate(local, (long) sub * k * Float.BYTES);
            MemorySegment sm = OpenBlas.allocate(local, (long) k * p * Float.BYTES);
            double[] xg = new double[sub * k];
            double[] a = new double[sub * k];
            for (int s0 = 0; s0 < cnt; s0 += sub) {
                int m = Math.min(sub, cnt - s0);
                MemorySegment xs = x.asSlice((long) s0 * p * Float.BYTES);
                // P [m x k] column-major = (X_B^T, column-major [p x m])^T G^T (G row-major [k x p] = column-major [p x k])
                blas.sgemm('T', 'N', m, k, p, 1f, xs, p, gs, p, 0f, pm, m);
                for (int r = 0; r < m; r++) {
                    for (int t = 0; t < k; t++) {
                        xg[r * k + t] = pm.getAtIndex(JAVA_FLOAT, (long) t * m + r);
                    }
                }
                java.util.Arrays.fill(a, 0);
                double[] xgView = m == sub ? xg : java.util.Arrays.copyOf(xg, m * k);
                double[] aView = m == sub ? a : new double[m * k];
                sum += step.apply(r0 + s0, m, xgView, aView);
                for (int r = 0; r < m; r++) {
                    for (int t = 0; t < k; t++) {
                        am.setAtIndex(JAVA_FLOAT, (long) t * m + r, (float) aView[r * k + t]);
                    }
                }
                // S^T [p x k] column-major (= S row-major [k x p]) += X_B^T (column-major [p x m]) A_B (column-major [m x k])
                blas.sgemm('N', 'N', p, k, m, 1f, xs, p, am, m, s0 == 0 ? 0f : 1f, sm, p);
            }
            for (int i = 0; i < k * p; i++) {
                part[i] = sm.getAtIndex(JAVA_FLOAT, i);
            }
        }
        return sum;
    }

    /** @return the float64 dot product of {@code x[xo, xo+len)} and {@code h[ho, ho+len)}, four partial sums (no branches, for ILP) */
    static double dot(float[] x, int xo, double[] h, int ho, int len) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int j = 0;
        for (; j + 3 < len; j += 4) {
            s0 += x[xo + j] * h[ho + j];
            s1 += x[xo + j + 1] * h[ho + j + 1];
            s2 += x[xo + j + 2] * h[ho + j + 2];
            s3 += x[xo + j + 3] * h[ho + j + 3];
        }
        for (; j < len; j++) {
            s0 += x[xo + j] * h[ho + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("matrix is closed");
        }
    }

    /** Frees the native copy, if any. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (arena != null) {
                arena.close();
            }
        }
    }
}
