package tessera.math;

/**
 * A source of rows of a dense {@code [n x p]} matrix, read in blocks as float32 (for example
 * {@code tessera.core.model.Dataset::readSpectra}, where a row is the spectrum of one navigation
 * position). Implementations must allow concurrent calls for disjoint row ranges.
 */
@FunctionalInterface
public interface RowReader {

    /**
     * Copies rows {@code [first, first + count)} into {@code out}, row-major, starting at {@code off}.
     *
     * @param first first row index, {@code 0 <= first < n}
     * @param count number of rows
     * @param out   destination, at least {@code off + count * p} long
     * @param off   offset in {@code out}
     * @throws IndexOutOfBoundsException if the range is outside the matrix or {@code out}
     */
    void read(long first, int count, float[] out, int off);
}
