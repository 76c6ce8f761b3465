package tessera.script.api;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.graalvm.polyglot.HostAccess.Export;
import org.graalvm.polyglot.Value;

import tessera.core.model.DType;
import tessera.core.model.Dataset;

/**
 * A NumPy-like, read-only view of a dataset's array that scripts index without copying: the view
 * reads the dataset's own memory (row-major, the shape in array order as NumPy's {@code data.shape}).
 * Python sees it through a small {@code ndarray} class (shape, dtype, {@code a[i, j, k]},
 * {@code a[2:5, ::2]}, {@code tolist()}); JavaScript calls {@link #get} and gets a typed array over
 * the same memory with {@link #typed}.
 */
public final class NDArray {
    /** shape, array order */
    @Export
    public final int[] shape;
    /** NumPy dtype name, e.g. {@code uint16}, {@code float32} */
    @Export
    public final String dtype;
    /** number of dimensions */
    @Export
    public final int ndim;
    /** number of elements */
    @Export
    public final long size;

    private final Host host;
    private final Dataset base;
    private final long offset;
    private final long[] strides;
    private ByteBuffer buffer;

    NDArray(Host host, Dataset base) {
        this(host, base, 0, base.shape(), rowMajor(base.shape()));
    }

    private NDArray(Host host, Dataset base, long offset, int[] shape, long[] strides) {
        this.host = host;
        this.base = base;
        this.offset = offset;
        this.shape = shape;
        this.strides = strides;
        this.ndim = shape.length;
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        this.size = n;
        this.dtype = base.dtype().numpyName();
    }

    private static long[] rowMajor(int[] shape) {
        long[] st = new long[shape.length];
        long s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            st[i] = s;
            s *= shape[i];
        }
        return st;
    }

    private long flat(int[] index) {
        if (index.length != ndim) {
            throw new IllegalArgumentException("get needs " + ndim + " indices for shape " + java.util.Arrays.toString(shape) + ", got " + index.length);
        }
        long f = offset;
        for (int d = 0; d < ndim; d++) {
            int i = index[d] < 0 ? index[d] + shape[d] : index[d];
            if (i < 0 || i >= shape[d]) {
                throw new IndexOutOfBoundsException("index " + index[d] + " is out of bounds for axis " + d + " with size " + shape[d]);
            }
            f += i * strides[d];
        }
        return f;
    }

    private Object element(long flat) {
        double v = base.getDouble(flat);
        if (base.dtype().isFloating()) {
            return v;
        }
        return (long) v;
    }

    /**
     * One element.
     *
     * @param index one index per dimension (negative counts from the end)
     * @return the value: an integer for integer dtypes, a float otherwise (complex: the real part)
     * @throws IllegalArgumentException  if the number of indices is not {@link #ndim}
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    @Export
    public Object get(int... index) {
        return element(flat(index));
    }

    /**
     * A strided view (no copy), as a NumPy basic slice: dimension {@code d} keeps the indices
     * {@code range(starts[d], stops[d], steps[d])}, or is dropped when {@code drop[d]} (an integer index).
     *
     * @param starts first index per dimension
     * @param stops  end index per dimension (exclusive; may be -1 for a negative step reaching 0)
     * @param steps  step per dimension (not 0)
     * @param drop   whether each dimension is indexed by an integer (and removed)
     * @return the view
     * @throws IllegalArgumentException if the lists do not have {@link #ndim} entries or a step is 0
     */
    @Export
    public NDArray view(Value starts, Value stops, Value steps, Value drop) {
        if (starts.getArraySize() != ndim || stops.getArraySize() != ndim || steps.getArraySize() != ndim || drop.getArraySize() != ndim) {
            throw new IllegalArgumentException("view needs " + ndim + " starts, stops, steps and drop flags");
        }
        List<Integer> newShape = new ArrayList<>();
        List<Long> newStrides = new ArrayList<>();
        long off = offset;
        for (int d = 0; d < ndim; d++) {
            long a = starts.getArrayElement(d).asLong();
            long b = stops.getArrayElement(d).asLong();
            long c = steps.getArrayElement(d).asLong();
            if (c == 0) {
                throw new IllegalArgumentException("slice step cannot be zero");
            }
            long n = c > 0 ? Math.max(0, (b - a + c - 1) / c) : Math.max(0, (a - b - c - 1) / -c);
            if (n > 0 && (a < 0 || a >= shape[d] || a + (n - 1) * c < 0 || a + (n - 1) * c >= shape[d])) {
                throw new IndexOutOfBoundsException("slice " + a + ":" + b + ":" + c + " is out of bounds for axis " + d + " with size " + shape[d]);
            }
            if (n > 0) {
                off += a * strides[d];
            }
            if (drop.getArrayElement(d).asBoolean()) {
                if (n != 1) {
                    throw new IllegalArgumentException("index for axis " + d + " selects " + n + " elements");
                }
                continue;
            }
            newShape.add((int) n);
            newStrides.add(strides[d] * c);
        }
        return new NDArray(host, base, off, newShape.stream().mapToInt(Integer::intValue).toArray(),
                newStrides.stream().mapToLong(Long::longValue).toArray());
    }

    /**
     * Copies the values into the language's own nested lists (JavaScript arrays, Python lists), as NumPy's
     * {@code tolist()}.
     *
     * @return nested lists, {@link #shape} deep; a number for a 0-d view
     */
    @Export
    public Object tolist() {
        if (ndim == 0) {
            return element(offset);
        }
        return host.toGuestList(nested(0, offset));
    }

    private List<Object> nested(int d, long off) {
        List<Object> l = new ArrayList<>(shape[d]);
        for (int i = 0; i < shape[d]; i++) {
            long f = off + i * strides[d];
            l.add(d == ndim - 1 ? element(f) : nested(d + 1, f));
        }
        return l;
    }

    private interface Visit {
        void accept(double v);
    }

    private void each(Visit v) {
        each(0, offset, v);
    }

    private void each(int d, long off, Visit v) {
        if (d == ndim) {
            v.accept(base.getDouble(off));
            return;
        }
        for (int i = 0; i < shape[d]; i++) {
            each(d + 1, off + i * strides[d], v);
        }
    }

    /** @return the sum of all elements (double precision, row-major order) */
    @Export
    public double sum() {
        double[] s = { 0 };
        each(v -> s[0] += v);
        return s[0];
    }

    /** @return the mean of all elements (NaN for an empty view) */
    @Export
    public double mean() {
        return size == 0 ? Double.NaN : sum() / size;
    }

    /** @return the smallest element (NaN for an empty view) */
    @Export
    public double min() {
        double[] s = { Double.POSITIVE_INFINITY };
        each(v -> s[0] = Math.min(s[0], v));
        return size == 0 ? Double.NaN : s[0];
    }

    /** @return the largest element (NaN for an empty view) */
    @Export
    public double max() {
        double[] s = { Double.NEGATIVE_INFINITY };
        each(v -> s[0] = Math.max(s[0], v));
        return size == 0 ? Double.NaN : s[0];
    }

    /** @return true if the view is a contiguous row-major block of the dataset's memory */
    @Export
    public boolean contiguous() {
        long[] rm = rowMajor(shape);
        for (int d = 0; d < ndim; d++) {
            if (shape[d] > 1 && strides[d] != rm[d]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The dataset's whole memory as a read-only byte buffer in native byte order: the dataset's own memory
     * when it lives off the Java heap (memory-mapped or allocated natively, e.g. by the .npy reader) and is
     * in native order; otherwise one bulk copy (made once and kept), never an element-by-element conversion.
     *
     * @return the buffer, {@code base size * itemsize} bytes, row-major
     * @throws IllegalStateException if a heap-backed array exceeds 2 GB (a {@code ByteBuffer}'s limit)
     */
    @Export
    public ByteBuffer buffer() {
        if (buffer == null) {
            MemorySegment seg = base.data();
            long bytes = base.size() * base.dtype().byteSize();
            boolean nativeOrder = base.byteOrder() == ByteOrder.nativeOrder() || base.dtype().byteSize() == 1;
            if (nativeOrder && (seg.isNative() || seg.heapBase().map(o -> o instanceof byte[]).orElse(false))) {
                buffer = seg.asSlice(0, bytes).asByteBuffer().order(ByteOrder.nativeOrder());
            } else {
                if (bytes > Integer.MAX_VALUE - 8) {
                    throw new IllegalStateException("the array has " + bytes + " bytes in Java heap memory, too many for one buffer; index it with get()");
                }
                ByteBuffer b = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
                MemorySegment dst = MemorySegment.ofBuffer(b);
                int item = componentSize(base.dtype());
                if (nativeOrder || item == 1) {
                    MemorySegment.copy(seg, 0, dst, 0, bytes);
                } else {
                    ValueLayout src = layout(item).withOrder(base.byteOrder());
                    MemorySegment.copy(seg, src, 0, dst, layout(item).withOrder(ByteOrder.nativeOrder()), 0, bytes / item);
                }
                buffer = b;
            }
        }
        return buffer.asReadOnlyBuffer().order(ByteOrder.nativeOrder());
    }

    private static int componentSize(DType t) {
        return switch (t) {
            case COMPLEX64 -> 4;
            case COMPLEX128 -> 8;
            case RGBA8 -> 1;
            default -> t.byteSize();
        };
    }

    private static ValueLayout layout(int size) {
        return switch (size) {
            case 2 -> ValueLayout.JAVA_SHORT_UNALIGNED;
            case 4 -> ValueLayout.JAVA_INT_UNALIGNED;
            case 8 -> ValueLayout.JAVA_LONG_UNALIGNED;
            default -> ValueLayout.JAVA_BYTE;
        };
    }

    /**
     * A read-only JavaScript typed array over this view's memory ({@link #buffer()}: no copy for native
     * memory), {@code Float32Array} for float32, {@code Uint16Array} for uint16, {@code BigInt64Array} for
     * int64, ... The view must be contiguous ({@link #contiguous}).
     *
     * @return the typed array
     * @throws UnsupportedOperationException in Python, or for complex and RGBA dtypes
     * @throws IllegalStateException         if the view is strided
     */
    @Export
    public Value typed() {
        if (!contiguous()) {
            throw new IllegalStateException("typed() needs a contiguous array; this view is strided (use get() or tolist())");
        }
        return host.typedArray(buffer(), dtype, offset * base.dtype().byteSize(), size);
    }

    /** @return a short description: shape and dtype */
    @Export
    public String repr() {
        StringBuilder sb = new StringBuilder("ndarray(shape=(");
        for (int i = 0; i < ndim; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        if (ndim == 1) {
            sb.append(',');
        }
        return sb.append("), dtype=").append(dtype).append(')').toString();
    }

    @Export
    @Override
    public String toString() {
        return repr();
    }
}
