package tessera.io.hspy.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.exceptions.HdfException;
import io.jhdf.filter.PipelineFilterWithData;
import tessera.core.model.DType;

/**
 * Reads the values of a numeric HDF5 dataset (integers and IEEE floats of 1, 2, 4 or 8 bytes) straight into one
 * native-order heap array, without jHDF's per-element conversion to boxed or widened Java arrays: a contiguous
 * dataset is copied from its memory-mapped bytes in one bulk (byte-swapping) copy; a chunked one is decoded chunk by
 * chunk, one task per processor (filters: none, shuffle (HDF5 filter id 2), deflate (id 1), or shuffle then deflate),
 * each chunk's rows written straight into place (a shuffled chunk is un-shuffled on the way, from the mapped file bytes
 * or from the task's one inflate buffer). The values are bit for bit those jHDF's {@code getDataFlat} gives (unsigned integers keep their bit
 * pattern, as the reader stores them). Like jHDF 0.13, chunk filter masks are not consulted.
 *
 * <p>Anything else (other filters, a missing chunk, compound, enum, string or float16 types) gives {@code null}, and
 * the caller falls back on jHDF's generic path. A chunk that is present but does not decode to its full size (a
 * deflate stream that fails its check, stops short or is cut off; a raw chunk of the wrong length) is corrupt: that
 * throws {@link CorruptChunkException} rather than falling back, for jHDF would fail on the same chunk only after
 * allocating the dataset two or three times over (issue 16: a bit flip in a deflated chunk of a 28 MiB cube cost
 * 130 MiB before the error).
 */
final class RawArrays {
    private static final int DEFLATE = 1;
    private static final int SHUFFLE = 2;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;

    private RawArrays() {
    }

    /** A chunk of a dataset is present but corrupt: it does not decode to the chunk's size. */
    static final class CorruptChunkException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** @param message which chunk and what is wrong with it */
        CorruptChunkException(String message) {
            super(message);
        }
    }

    /**
     * @param data  the HDF5 dataset (its dimensions give the row-major element order)
     * @param dt    the Tessera type the values are stored as; its byte size equals the HDF5 element size
     * @param order the byte order of the values in the file
     * @param n     number of elements (the product of the dimensions)
     * @return a segment over a new heap array of {@code dt}'s Java type (float[] for float32, int[] for (u)int32, ...)
     *         holding the values in native byte order, or null if this dataset needs jHDF's generic path
     * @throws CorruptChunkException if a chunk is present but does not decode to its size
     */
    static MemorySegment read(io.jhdf.api.Dataset data, DType dt, ByteOrder order, int n) {
        int size = dt.byteSize();
        try {
            if (data instanceof ContiguousDataset c) {
                ByteBuffer src = c.getBuffer();
                if (src == null || src.remaining() < (long) n * size) {
                    return null;
                }
                MemorySegment dst = allocate(dt, n);
                MemorySegment.copy(MemorySegment.ofBuffer(src), layout(size, order), 0, dst, layout(size, ByteOrder.nativeOrder()), 0, n);
                return dst;
            }
            if (data instanceof ChunkedDataset c) {
                return chunked(c, dt, order, n);
            }
        } catch (HdfException | IllegalArgumentException | IndexOutOfBoundsException e) {
            return null;
        }
        return null;
    }

    private static MemorySegment chunked(ChunkedDataset data, DType dt, ByteOrder order, int n) {
        int size = dt.byteSize();
        int[] dims = data.getDimensions();
        int[] chunk = data.getChunkDimensions();
        List<PipelineFilterWithData> filters = data.getFilters();
        List<Integer> ids = filters.stream().map(PipelineFilterWithData::getId).toList();
        // filters in the order they were applied when writing: none, shuffle, deflate, or shuffle then deflate
        boolean deflate = !ids.isEmpty() && ids.get(ids.size() - 1) == DEFLATE;
        List<Integer> before = deflate ? ids.subList(0, ids.size() - 1) : ids;
        if (chunk.length != dims.length || dims.length == 0 || before.size() > 1 || before.size() == 1 && before.get(0) != SHUFFLE) {
            return null;
        }
        boolean shuffled = before.size() == 1 && size > 1;
        if (shuffled && (filters.get(0).getFilterData().length == 0 || filters.get(0).getFilterData()[0] != size)) {
            return null; // a shuffle of another element size than the datatype's
        }
        int rank = dims.length;
        int[] grid = new int[rank];
        long chunks = 1;
        long chunkElems = 1;
        for (int d = 0; d < rank; d++) {
            if (chunk[d] <= 0) {
                return null;
            }
            grid[d] = (dims[d] + chunk[d] - 1) / chunk[d];
            chunks *= grid[d];
            chunkElems *= chunk[d];
        }
        if (chunks > Integer.MAX_VALUE || chunkElems * size > Integer.MAX_VALUE - 8) {
            return null;
        }
        // the chunk index is read one chunk at a time (jHDF's lookup is built lazily); the mapped bytes are then decoded in parallel
        ByteBuffer[] raw = new ByteBuffer[(int) chunks];
        int[][] origin = new int[raw.length][];
        for (int i = 0; i < raw.length; i++) {
            origin[i] = origin(i, grid, chunk);
            raw[i] = data.getRawChunkBuffer(origin[i]);
        }
        MemorySegment dst = allocate(dt, n);
        int bytes = (int) (chunkElems * size);
        int tasks = Math.min(raw.length, Runtime.getRuntime().availableProcessors());
        boolean[] ok = {true};
        int[] bad = {-1};
        IntStream.range(0, tasks).parallel().forEach(t -> {
            // one inflate buffer per task, reused for its chunks t, t + tasks, ...
            byte[] buf = deflate ? new byte[bytes] : null;
            for (int i = t; i < raw.length && ok[0]; i += tasks) {
                MemorySegment src;
                if (deflate) {
                    if (!inflate(raw[i], buf)) {
                        ok[0] = false;
                        bad[0] = i;
                        return;
                    }
                    src = MemorySegment.ofArray(buf);
                } else if (raw[i].remaining() == bytes) {
                    src = MemorySegment.ofBuffer(raw[i]);
                } else {
                    ok[0] = false;
                    bad[0] = i;
                    return;
                }
                place(src, shuffled, size, order, origin[i], chunk, dims, dst);
            }
        });
        if (!ok[0]) {
            int i = Math.max(0, bad[0]);
            throw new CorruptChunkException("chunk " + i + " of " + raw.length + " (at " + java.util.Arrays.toString(origin[i]) + ") does not "
                    + (deflate ? "inflate" : "hold") + " to its " + bytes + " bytes (corrupt or truncated data)");
        }
        return dst;
    }

    private static int[] origin(int index, int[] grid, int[] chunk) {
        int[] o = new int[grid.length];
        for (int d = grid.length - 1; d >= 0; d--) {
            o[d] = index % grid[d] * chunk[d];
            index /= grid[d];
        }
        return o;
    }

    /** Inflates a zlib stream into all of {@code out}; false unless it gives exactly {@code out.length} bytes. */
    private static boolean inflate(ByteBuffer in, byte[] out) {
        Inflater inf = new Inflater();
        try {
            inf.setInput(in.duplicate());
            int len = 0;
            while (len < out.length && !inf.finished()) {
                int got = inf.inflate(out, len, out.length - len);
                if (got == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
                len += got;
            }
            return len == out.length;
        } catch (DataFormatException e) {
            return false;
        } finally {
            inf.end();
        }
    }

    /**
     * Copies the part of a decoded chunk (origin {@code o}, shape {@code chunk}) that lies inside {@code dims} into
     * {@code dst}, row by row along the last dimension, in native byte order. Unshuffled bytes are copied in bulk;
     * shuffled ones (HDF5's shuffle: byte j of every element in plane j) are gathered from the planes element by element.
     */
    private static void place(MemorySegment src, boolean shuffled, int size, ByteOrder order, int[] o, int[] chunk, int[] dims, MemorySegment dst) {
        int rank = dims.length;
        int last = rank - 1;
        int row = Math.min(chunk[last], dims[last] - o[last]);
        int[] at = new int[rank - 1];
        int[] extent = new int[rank - 1];
        long rows = 1;
        for (int d = 0; d < last; d++) {
            extent[d] = Math.min(chunk[d], dims[d] - o[d]);
            rows *= extent[d];
        }
        long plane = src.byteSize() / size;
        ValueLayout from = layout(size, order);
        ValueLayout to = layout(size, ByteOrder.nativeOrder());
        for (long r = 0; r < rows; r++) {
            long s = 0;
            long t = 0;
            for (int d = 0; d < last; d++) {
                s = s * chunk[d] + at[d];
                t = t * dims[d] + o[d] + at[d];
            }
            s = s * chunk[last];
            t = t * dims[last] + o[last];
            if (shuffled) {
                gather(src, plane, s, size, order != ByteOrder.LITTLE_ENDIAN, dst, t, row);
            } else {
                MemorySegment.copy(src, from, s * size, dst, to, t * size, row);
            }
            for (int d = last - 1; d >= 0; d--) {
                if (++at[d] < extent[d]) {
                    break;
                }
                at[d] = 0;
            }
        }
    }

    /**
     * Un-shuffles {@code count} elements from element {@code s} of a shuffled chunk ({@code plane} elements per byte
     * plane) into {@code dst} from element {@code t}. Plane 0 holds each element's first byte in file order (its least
     * significant byte when the file is little-endian, its most significant when {@code bigEndian}).
     */
    private static void gather(MemorySegment src, long plane, long s, int size, boolean bigEndian, MemorySegment dst, long t, int count) {
        switch (size) {
            case 2 -> {
                for (int i = 0; i < count; i++) {
                    long e = s + i;
                    short v = (short) (b(src, e) | b(src, plane + e) << 8);
                    dst.set(SHORT, 2 * (t + i), bigEndian ? Short.reverseBytes(v) : v);
                }
            }
            case 4 -> {
                for (int i = 0; i < count; i++) {
                    long e = s + i;
                    int v = b(src, e) | b(src, plane + e) << 8 | b(src, 2 * plane + e) << 16 | b(src, 3 * plane + e) << 24;
                    dst.set(INT, 4 * (t + i), bigEndian ? Integer.reverseBytes(v) : v);
                }
            }
            default -> {
                for (int i = 0; i < count; i++) {
                    long e = s + i;
                    long v = 0;
                    for (int j = 7; j >= 0; j--) {
                        v = v << 8 | b(src, j * plane + e);
                    }
                    dst.set(LONG, 8 * (t + i), bigEndian ? Long.reverseBytes(v) : v);
                }
            }
        }
    }

    private static int b(MemorySegment src, long i) {
        return src.get(ValueLayout.JAVA_BYTE, i) & 0xff;
    }

    private static MemorySegment allocate(DType dt, int n) {
        return switch (dt) {
            case FLOAT32 -> MemorySegment.ofArray(new float[n]);
            case FLOAT64 -> MemorySegment.ofArray(new double[n]);
            default -> switch (dt.byteSize()) {
                case 1 -> MemorySegment.ofArray(new byte[n]);
                case 2 -> MemorySegment.ofArray(new short[n]);
                case 4 -> MemorySegment.ofArray(new int[n]);
                case 8 -> MemorySegment.ofArray(new long[n]);
                default -> throw new IllegalArgumentException("element size " + dt.byteSize());
            };
        };
    }

    private static ValueLayout layout(int size, ByteOrder order) {
        return switch (size) {
            case 1 -> ValueLayout.JAVA_BYTE;
            case 2 -> ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order);
            case 4 -> ValueLayout.JAVA_INT_UNALIGNED.withOrder(order);
            case 8 -> ValueLayout.JAVA_LONG_UNALIGNED.withOrder(order);
            default -> throw new IllegalArgumentException("element size " + size);
        };
    }
}
