package tessera.math.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.stream.IntStream;

/**
 * Preparation of a block of row-major float32 rows before a product, shared by the Java and the
 * OpenBLAS kernels so both see exactly the same operands: optional subtraction of each row's
 * mean, of a per-column shift, and weighting by a per-row factor, each prepared value rounded to
 * float32 once. Rows are processed in parallel (common fork-join pool); the result does not
 * depend on the number of threads.
 */
public final class RowPrep {
    private RowPrep() {
    }

    /**
     * Rows for a Gram matrix: {@code y[r][j] = (float) ((x[r][j] - m_r) * w_r)}, with {@code m_r} the
     * mean of row r if {@code centreRows} (else 0) and {@code w_r = rowWeights[base + r]} (1 if null).
     * A plain copy when neither applies.
     *
     * @param buf        {@code [cnt x p]} input rows
     * @param cnt        number of rows
     * @param p          row length
     * @param rowWeights weights indexed by global row, or null
     * @param base       global index of the first row
     * @param centreRows subtract each row's mean
     * @param out        {@code [cnt x p]} (at least) output; may be {@code buf}
     */
    public static void gramRows(float[] buf, int cnt, int p, double[] rowWeights, int base, boolean centreRows, float[] out) {
        if (!centreRows && rowWeights == null) {
            if (out != buf) {
                System.arraycopy(buf, 0, out, 0, cnt * p);
            }
            return;
        }
        IntStream.range(0, cnt).parallel().forEach(r -> {
            int o = r * p;
            double mean = centreRows ? rowMean(buf, o, p) : 0;
            double w = rowWeights == null ? 1.0 : rowWeights[base + r];
            for (int j = 0; j < p; j++) {
                out[o + j] = (float) ((buf[o + j] - mean) * w);
            }
        });
    }

    /**
     * Widens {@code src[0, len)} to float64 into native memory, in parallel.
     *
     * @param src input
     * @param dst output segment of at least {@code len} doubles, accessible from any thread (shared arena)
     * @param len number of values
     */
    public static void widen(float[] src, MemorySegment dst, int len) {
        int chunk = 1 << 16;
        IntStream.range(0, (len + chunk - 1) / chunk).parallel().forEach(c -> {
            int end = Math.min(len, (c + 1) * chunk);
            for (int i = c * chunk; i < end; i++) {
                dst.setAtIndex(ValueLayout.JAVA_DOUBLE, i, src[i]);
            }
        });
    }

    /**
     * @param v   values
     * @param len number of values to look at
     * @return the largest absolute value if every value in {@code v[0, len)} is an integer, else -1
     */
    public static double maxAbsOfIntegers(float[] v, int len) {
        int chunk = 1 << 16;
        return IntStream.range(0, (len + chunk - 1) / chunk).parallel().mapToDouble(c -> {
            int end = Math.min(len, (c + 1) * chunk);
            float max = 0;
            boolean integers = true;
            for (int i = c * chunk; i < end; i++) {
                float a = Math.abs(v[i]);
                integers &= a == (int) a; // false for NaN, infinities and |a| >= 2^31 too
                max = Math.max(max, a);
            }
            return integers ? max : -1;
        }).reduce(0, (a, b) -> a < 0 || b < 0 ? -1 : Math.max(a, b));
    }

    /**
     * Adds the upper triangle (column-major sense: row i <= column j) of a float32 {@code [p x p]}
     * matrix to that of a float64 one, or copies it when {@code first}.
     *
     * @param src   float32, column-major
     * @param dst   float64, column-major, accessible from any thread (shared arena)
     * @param p     order
     * @param first overwrite instead of add
     */
    public static void addUpperTriangle(MemorySegment src, MemorySegment dst, int p, boolean first) {
        IntStream.range(0, p).parallel().forEach(j -> {
            long o = (long) j * p;
            for (int i = 0; i <= j; i++) {
                double v = src.getAtIndex(ValueLayout.JAVA_FLOAT, o + i);
                dst.setAtIndex(ValueLayout.JAVA_DOUBLE, o + i, first ? v : dst.getAtIndex(ValueLayout.JAVA_DOUBLE, o + i) + v);
            }
        });
    }

    /**
     * Cache-blocked transpose.
     *
     * @param src  row-major {@code [rows x cols]}
     * @param rows rows of src
     * @param cols columns of src
     * @return row-major {@code [cols x rows]}
     */
    public static double[] transpose(double[] src, int rows, int cols) {
        double[] dst = new double[Math.multiplyExact(rows, cols)];
        int t = 64;
        IntStream.range(0, (rows + t - 1) / t).parallel().forEach(bi -> {
            int i1 = Math.min(rows, (bi + 1) * t);
            for (int j0 = 0; j0 < cols; j0 += t) {
                int j1 = Math.min(cols, j0 + t);
                for (int i = bi * t; i < i1; i++) {
                    for (int j = j0; j < j1; j++) {
                        dst[j * rows + i] = src[i * cols + j];
                    }
                }
            }
        });
        return dst;
    }

    /**
     * Rows for a projection, in place: {@code x[r][j] = (float) (x[r][j] - m_r - s_j)}, with {@code m_r}
     * the mean of row r if {@code centreRows} (else 0) and {@code s_j = colShift[j]} (0 if null).
     * Nothing is done when neither applies.
     *
     * @param buf        {@code [cnt x p]} rows, modified
     * @param cnt        number of rows
     * @param p          row length
     * @param colShift   per-column shift or null
     * @param centreRows subtract each row's mean
     */
    public static void shiftRows(float[] buf, int cnt, int p, double[] colShift, boolean centreRows) {
        if (!centreRows && colShift == null) {
            return;
        }
        IntStream.range(0, cnt).parallel().forEach(r -> shiftRow(buf, r * p, p, colShift, centreRows));
    }

    /**
     * One row of {@link #shiftRows}.
     *
     * @param buf        rows
     * @param o          offset of the row
     * @param p          row length
     * @param colShift   per-column shift or null
     * @param centreRows subtract the row's mean
     */
    public static void shiftRow(float[] buf, int o, int p, double[] colShift, boolean centreRows) {
        double mean = centreRows ? rowMean(buf, o, p) : 0;
        for (int j = 0; j < p; j++) {
            buf[o + j] = (float) (buf[o + j] - mean - (colShift == null ? 0 : colShift[j]));
        }
    }

    /** @return the float64 mean of {@code buf[o, o + p)} */
    static double rowMean(float[] buf, int o, int p) {
        double s = 0;
        for (int j = 0; j < p; j++) {
            s += buf[o + j];
        }
        return s / p;
    }
}
