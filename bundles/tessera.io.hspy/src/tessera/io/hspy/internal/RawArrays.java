package tessera.io.hspy.internal;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.exceptions.HdfException;
import io.jhdf.filter.PipelineFilterWithData;
import tessera.core.io.FileMapping;
import tessera.core.model.DType;

/**
 * Reads the values of a numeric HDF5 dataset (integers and IEEE floats of 1, 2, 4 or 8 bytes) straight into one
 * native-order block (a heap array, or for large data a file mapping: see {@link #read}), without jHDF's per-element conversion to boxed or widened Java arrays: a contiguous
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
    /** the most elements of one heap array */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** raw chunk bytes fetched before a batch is decoded */
    private static final long BATCH_BYTES = 128L << 20;

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
     * @param file  the file being read (names it in errors; the source of direct mappings and scratch mappings)
     * @param data  the HDF5 dataset (its dimensions give the row-major element order)
     * @param dt    the Tessera type the values are stored as; its byte size equals the HDF5 element size
     * @param order the byte order of the values in the file
     * @param n     number of elements (the product of the dimensions)
     * @return the values in native byte order, or null if this dataset needs jHDF's generic path: a segment over a new
     *         heap array of {@code dt}'s Java type (float[] for float32, int[] for (u)int32, ...) when the values fit in
     *         one array and below {@link FileMapping#scratchThreshold()}; otherwise (large data, any number of
     *         elements) a read-only mapping of the file's own bytes (contiguous storage in native order) or a
     *         {@linkplain FileMapping#scratch scratch mapping} the values are decoded into
     * @throws CorruptChunkException if a chunk is present but does not decode to its size
     * @throws IOException           if a scratch mapping is needed and cannot be made
     */
    static MemorySegment read(Path file, io.jhdf.api.Dataset data, DType dt, ByteOrder order, long n) throws IOException {
        int size = dt.byteSize();
        try {
            if (data instanceof ContiguousDataset c) {
                return contiguous(file, c, dt, order, n);
            }
            if (data instanceof ChunkedDataset c) {
                return chunked(file, c, dt, order, n);
            }
        } catch (HdfException | IllegalArgumentException | IndexOutOfBoundsException e) {
            return null;
        }
        return null;
    }

    /** Whether {@code n} elements of {@code size} bytes go to a mapping rather than a heap array. */
    private static boolean large(long n, int size) {
        return n > MAX_ARRAY || FileMapping.shouldDecodeToScratch(n * size);
    }

    private static MemorySegment contiguous(Path file, ContiguousDataset c, DType dt, ByteOrder order, long n) throws IOException {
        int size = dt.byteSize();
        long bytes = n * size;
        if (!large(n, size)) {
            ByteBuffer src = c.getBuffer();
            if (src == null || src.remaining() < bytes) {
                return null;
            }
            MemorySegment dst = allocate(file, dt, n);
            MemorySegment.copy(MemorySegment.ofBuffer(src), layout(size, order), 0, dst, layout(size, ByteOrder.nativeOrder()), 0, n);
            return dst;
        }
        // large: the file's own bytes, mapped read-only (as the .npy reader does), or swapped into a scratch mapping
        long at = c.getHdfFile().getUserBlockSize() + c.getDataAddress();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (at < 0 || at + bytes > ch.size()) {
                return null;
            }
            MemorySegment src = FileMapping.mapReadOnly(ch, at, bytes);
            if (size == 1 || order == ByteOrder.nativeOrder()) {
                return src;
            }
            MemorySegment dst = FileMapping.scratch(file, bytes);
            long block = 1L << 22;
            for (long i = 0; i < n; i += block) {
                long m = Math.min(block, n - i);
                MemorySegment.copy(src, layout(size, order), i * size, dst, layout(size, ByteOrder.nativeOrder()), i * size, m);
            }
            return dst;
        }
    }

    private static MemorySegment chunked(Path file, ChunkedDataset data, DType dt, ByteOrder order, long n) throws IOException {
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
        int bytes = (int) (chunkElems * size);
        int total = (int) chunks;
        MemorySegment dst = null;
        int tasks = Runtime.getRuntime().availableProcessors();
        // The chunk index is read one chunk at a time (jHDF's lookup is built lazily, not safe to share), in batches of
        // at most BATCH_BYTES of raw chunk bytes (slices of the map for a mapped file, read buffers for a large one);
        // each batch is then decoded in parallel, one inflate buffer per task.
        for (int first = 0; first < total; ) {
            List<ByteBuffer> raw = new ArrayList<>();
            List<int[]> origin = new ArrayList<>();
            long batchBytes = 0;
            while (first + raw.size() < total && (raw.isEmpty() || batchBytes < BATCH_BYTES)) {
                int[] o = origin(first + raw.size(), grid, chunk);
                ByteBuffer b = data.getRawChunkBuffer(o);
                origin.add(o);
                raw.add(b);
                batchBytes += b.remaining();
            }
            if (dst == null) {
                dst = allocate(file, dt, n); // after the first chunk is found: a missing one falls back before allocating
            }
            MemorySegment target = dst;
            int k = raw.size();
            int[] bad = {-1};
            IntStream.range(0, Math.min(k, tasks)).parallel().forEach(t -> {
                byte[] buf = deflate ? new byte[bytes] : null;
                for (int i = t; i < k && bad[0] < 0; i += tasks) {
                    MemorySegment src;
                    if (deflate) {
                        if (!inflate(raw.get(i), buf)) {
                            bad[0] = i;
                            return;
                        }
                        src = MemorySegment.ofArray(buf);
                    } else if (raw.get(i).remaining() == bytes) {
                        src = MemorySegment.ofBuffer(raw.get(i));
                    } else {
                        bad[0] = i;
                        return;
                    }
                    place(src, shuffled, size, order, origin.get(i), chunk, dims, target);
                }
            });
            if (bad[0] >= 0) {
                int i = bad[0];
                throw new CorruptChunkException("chunk " + (first + i) + " of " + total + " (at " + java.util.Arrays.toString(origin.get(i)) + ") does not "
                        + (deflate ? "inflate" : "hold") + " to its " + bytes + " bytes (corrupt or truncated data)");
            }
            first += k;
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

    /** A heap array of {@code dt}'s Java type for small data, else a scratch mapping. */
    private static MemorySegment allocate(Path file, DType dt, long count) throws IOException {
        if (large(count, dt.byteSize())) {
            return FileMapping.scratch(file, count * dt.byteSize());
        }
        int n = (int) count;
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
