package tessera.io.hspy.internal;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
 * chunk in parallel (HDF5 filters deflate, id 1, and shuffle, id 2, in any order) and each chunk's rows are copied
 * into place. The values are bit for bit those jHDF's {@code getDataFlat} gives (unsigned integers keep their bit
 * pattern, as the reader stores them). Like jHDF 0.13, chunk filter masks are not consulted.
 *
 * <p>Anything else (other filters, a missing chunk, a chunk that does not decode to its full size, compound, enum,
 * string or float16 types) gives {@code null}, and the caller falls back on jHDF's generic path.
 */
final class RawArrays {
    private static final int DEFLATE = 1;
    private static final int SHUFFLE = 2;
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private RawArrays() {
    }

    /**
     * @param data  the HDF5 dataset (its dimensions give the row-major element order)
     * @param dt    the Tessera type the values are stored as; its byte size equals the HDF5 element size
     * @param order the byte order of the values in the file
     * @param n     number of elements (the product of the dimensions)
     * @return a segment over a new heap array of {@code dt}'s Java type (float[] for float32, int[] for (u)int32, ...)
     *         holding the values in native byte order, or null if this dataset needs jHDF's generic path
     */
    static MemorySegment read(io.jhdf.api.Dataset data, DType dt, ByteOrder order, int n) {
        int size = dt.byteSize();
        try {
            if (data instanceof ContiguousDataset c) {
                MemorySegment dst = allocate(dt, n);
                ByteBuffer src = c.getBuffer();
                if (src.remaining() < (long) n * size) {
                    return null;
                }
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
        if (chunk.length != dims.length || dims.length == 0 || filters.stream().anyMatch(f -> f.getId() != DEFLATE && f.getId() != SHUFFLE)) {
            return null;
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
        ValueLayout from = layout(size, order);
        ValueLayout to = layout(size, ByteOrder.nativeOrder());
        int bytes = (int) (chunkElems * size);
        boolean[] ok = {true};
        IntStream.range(0, raw.length).parallel().forEach(i -> {
            byte[] decoded = decode(raw[i], filters, bytes);
            if (decoded == null) {
                ok[0] = false;
                return;
            }
            place(MemorySegment.ofArray(decoded), origin[i], chunk, dims, dst, from, to);
        });
        return ok[0] ? dst : null;
    }

    private static int[] origin(int index, int[] grid, int[] chunk) {
        int[] o = new int[grid.length];
        for (int d = grid.length - 1; d >= 0; d--) {
            o[d] = index % grid[d] * chunk[d];
            index /= grid[d];
        }
        return o;
    }

    /** Undoes the filters (last applied first); null if a chunk does not decode to {@code bytes} bytes. */
    private static byte[] decode(ByteBuffer raw, List<PipelineFilterWithData> filters, int bytes) {
        byte[] b = new byte[raw.remaining()];
        raw.duplicate().get(b);
        for (int f = filters.size() - 1; f >= 0; f--) {
            PipelineFilterWithData filter = filters.get(f);
            b = filter.getId() == DEFLATE ? inflate(b, bytes) : unshuffle(b, filter.getFilterData());
            if (b == null) {
                return null;
            }
        }
        return b.length == bytes ? b : null;
    }

    private static byte[] inflate(byte[] in, int bytes) {
        Inflater inf = new Inflater();
        try {
            inf.setInput(in);
            byte[] out = new byte[bytes];
            int len = 0;
            while (len < bytes && !inf.finished()) {
                int got = inf.inflate(out, len, bytes - len);
                if (got == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
                len += got;
            }
            return len == bytes ? out : null;
        } catch (DataFormatException e) {
            return null;
        } finally {
            inf.end();
        }
    }

    /**
     * HDF5's byte shuffle: byte j of every element is stored in plane j; a tail shorter than one element is kept as
     * is. The planes of 2-, 4- and 8-byte elements are gathered into whole (little-endian) elements at once.
     */
    private static byte[] unshuffle(byte[] in, int[] filterData) {
        int size = filterData.length > 0 ? filterData[0] : 1;
        if (size <= 1) {
            return in;
        }
        int elems = in.length / size;
        byte[] out = new byte[in.length];
        switch (size) {
            case 2 -> {
                for (int e = 0; e < elems; e++) {
                    SHORT_LE.set(out, 2 * e, (short) (in[e] & 0xff | in[elems + e] << 8));
                }
            }
            case 4 -> {
                for (int e = 0; e < elems; e++) {
                    INT_LE.set(out, 4 * e, in[e] & 0xff | (in[elems + e] & 0xff) << 8 | (in[2 * elems + e] & 0xff) << 16 | in[3 * elems + e] << 24);
                }
            }
            case 8 -> {
                for (int e = 0; e < elems; e++) {
                    long v = 0;
                    for (int j = 7; j >= 0; j--) {
                        v = v << 8 | in[j * elems + e] & 0xff;
                    }
                    LONG_LE.set(out, 8 * e, v);
                }
            }
            default -> {
                for (int j = 0; j < size; j++) {
                    int plane = j * elems;
                    for (int e = 0, o = j; e < elems; e++, o += size) {
                        out[o] = in[plane + e];
                    }
                }
            }
        }
        System.arraycopy(in, elems * size, out, elems * size, in.length - elems * size);
        return out;
    }

    /** Copies the part of a decoded chunk (origin {@code o}, shape {@code chunk}) that lies inside {@code dims}, row by row. */
    private static void place(MemorySegment src, int[] o, int[] chunk, int[] dims, MemorySegment dst, ValueLayout from, ValueLayout to) {
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
        long size = from.byteSize();
        for (long r = 0; r < rows; r++) {
            long s = 0;
            long t = 0;
            for (int d = 0; d < last; d++) {
                s = s * chunk[d] + at[d];
                t = t * dims[d] + o[d] + at[d];
            }
            s = s * chunk[last];
            t = t * dims[last] + o[last];
            MemorySegment.copy(src, from, s * size, dst, to, t * size, row);
            for (int d = last - 1; d >= 0; d--) {
                if (++at[d] < extent[d]) {
                    break;
                }
                at[d] = 0;
            }
        }
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
