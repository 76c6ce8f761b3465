package tessera.core.model;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An n-dimensional calibrated dataset over contiguous primitive memory.
 *
 * <p><b>Layout.</b> Elements are stored row-major (C order) in one {@link MemorySegment}:
 * the last axis varies fastest. Axes are listed in array order, navigation axes first and
 * signal axes last, so a spectrum image has axes {@code [y, x, energy]} and shape
 * {@code [ny, nx, nE]}, and the spectrum of probe position {@code (y, x)} is the
 * contiguous run of {@code nE} elements starting at {@code (y*nx + x)*nE}. This is the
 * order of the NumPy array inside a HyperSpy signal ({@code s.data.shape}); HyperSpy's
 * {@code axes_manager} lists navigation axes in reverse (x before y).
 *
 * <p><b>Backing.</b> The segment may live on the heap (wrapping a Java array), off-heap
 * ({@link #allocate}), or be a memory-mapped region of a file (a reader may map a DM4
 * data block), with the element byte order given by {@link #byteOrder()}. Nothing
 * requires the whole cube on the Java heap: kernels stream it with
 * {@link #readSpectra(long, int, float[], int)}.
 * A reader maps large uncompressed data blocks read-only ({@link tessera.core.io.FileMapping}):
 * such a dataset {@linkplain #isReadOnly() is read-only}, costs no heap, and refuses writes.
 *
 * <p>The metadata object is shared, not copied, by the {@code with*} methods.
 */
public final class Dataset {
    private final DType dtype;
    private final List<Axis> axes;
    private final MemorySegment data;
    private final ByteOrder order;
    private final Metadata metadata;
    private final long size;
    /** products of the navigation and of the signal axis sizes, kept because kernels ask per spectrum */
    private final long navSize;
    private final long sigSize;

    private Dataset(DType dtype, List<Axis> axes, MemorySegment data, ByteOrder order, Metadata metadata) {
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.axes = List.copyOf(axes);
        this.order = Objects.requireNonNull(order, "order");
        this.metadata = metadata == null ? new Metadata() : metadata;
        long n = 1;
        boolean sawSignal = false;
        for (Axis a : this.axes) {
            n = Math.multiplyExact(n, a.size());
            if (!a.navigate()) {
                sawSignal = true;
            } else if (sawSignal) {
                throw new IllegalArgumentException("navigation axis '" + a.name() + "' after a signal axis: signal axes must be last");
            }
        }
        this.size = n;
        long nav = 1, sig = 1;
        for (Axis a : this.axes) {
            if (a.navigate()) {
                nav *= a.size();
            } else {
                sig *= a.size();
            }
        }
        this.navSize = nav;
        this.sigSize = sig;
        long need = Math.multiplyExact(n, (long) dtype.byteSize());
        if (data.byteSize() < need) {
            throw new IllegalArgumentException("data holds " + data.byteSize() + " bytes, shape needs " + need);
        }
        this.data = data;
    }

    /**
     * Wraps existing memory.
     *
     * @param dtype    element type
     * @param data     segment holding at least {@code product(shape) * dtype.byteSize()} bytes, row-major
     * @param order    byte order of the elements in {@code data}
     * @param axes     axes in array order, navigation first
     * @param metadata metadata (may be null for empty)
     * @return the dataset
     * @throws IllegalArgumentException if the segment is too small or the axes are out of order
     * @throws ArithmeticException if the element count overflows a long
     */
    public static Dataset wrap(DType dtype, MemorySegment data, ByteOrder order, List<Axis> axes, Metadata metadata) {
        return new Dataset(dtype, axes, data, order, metadata);
    }

    /**
     * Allocates zero-filled off-heap memory (freed by the garbage collector).
     *
     * @param dtype    element type
     * @param axes     axes in array order
     * @param metadata metadata or null
     * @return the dataset, native byte order
     */
    public static Dataset allocate(DType dtype, List<Axis> axes, Metadata metadata) {
        long n = 1;
        for (Axis a : axes) {
            n = Math.multiplyExact(n, a.size());
        }
        MemorySegment seg = OffHeap.allocate(Arena.ofAuto(), Math.multiplyExact(n, (long) dtype.byteSize()), 16);
        return new Dataset(dtype, axes, seg, ByteOrder.nativeOrder(), metadata);
    }

    /** Wraps a float array (float32, not copied). @see #wrap */
    public static Dataset ofFloats(float[] values, List<Axis> axes, Metadata metadata) {
        return new Dataset(DType.FLOAT32, axes, MemorySegment.ofArray(values), ByteOrder.nativeOrder(), metadata);
    }

    /** Wraps a double array (float64, not copied). @see #wrap */
    public static Dataset ofDoubles(double[] values, List<Axis> axes, Metadata metadata) {
        return new Dataset(DType.FLOAT64, axes, MemorySegment.ofArray(values), ByteOrder.nativeOrder(), metadata);
    }

    /** Wraps an int array (int32, not copied). @see #wrap */
    public static Dataset ofInts(int[] values, List<Axis> axes, Metadata metadata) {
        return new Dataset(DType.INT32, axes, MemorySegment.ofArray(values), ByteOrder.nativeOrder(), metadata);
    }

    /** @return element type */
    public DType dtype() {
        return dtype;
    }

    /** @return axes in array order (navigation first, signal last), unmodifiable */
    public List<Axis> axes() {
        return axes;
    }

    /** @return axis {@code i} in array order */
    public Axis axis(int i) {
        return axes.get(i);
    }

    /** @return number of axes */
    public int rank() {
        return axes.size();
    }

    /** @return shape in array order */
    public int[] shape() {
        int[] s = new int[axes.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = axes.get(i).size();
        }
        return s;
    }

    /** @return total number of elements */
    public long size() {
        return size;
    }

    /** @return the backing memory (row-major, {@link #byteOrder()}) */
    public MemorySegment data() {
        return data;
    }

    /**
     * @return whether the backing memory is read-only, as a dataset mapped from its file by a reader
     *         ({@link tessera.core.io.FileMapping}): {@link #setDouble} then throws, and steps that change values
     *         work on a copy ({@link #toFloat32()})
     */
    public boolean isReadOnly() {
        return data.isReadOnly();
    }

    /** @return byte order of the elements in {@link #data()} */
    public ByteOrder byteOrder() {
        return order;
    }

    /** @return the metadata (live object) */
    public Metadata metadata() {
        return metadata;
    }

    /** @return the navigation axes, array order */
    public List<Axis> navigationAxes() {
        List<Axis> l = new ArrayList<>();
        for (Axis a : axes) {
            if (a.navigate()) {
                l.add(a);
            }
        }
        return l;
    }

    /** @return the signal axes, array order */
    public List<Axis> signalAxes() {
        List<Axis> l = new ArrayList<>();
        for (Axis a : axes) {
            if (!a.navigate()) {
                l.add(a);
            }
        }
        return l;
    }

    /** @return number of navigation axes */
    public int navigationDimension() {
        return navigationAxes().size();
    }

    /** @return product of the navigation axis sizes (1 when there are none) */
    public long navigationSize() {
        return navSize;
    }

    /** @return product of the signal axis sizes */
    public int signalSize() {
        return Math.toIntExact(sigSize);
    }

    // Constant layouts (static final, so the JIT folds their var handles); a layout made per access with withOrder()
    // costs a var-handle cache lookup on every element.
    private static final ValueLayout.OfShort I16_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort I16_BE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt I32_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt I32_BE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong I64_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64_BE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfFloat F32_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat F32_BE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfDouble F64_LE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble F64_BE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    /** Elements converted per bulk copy in {@link #readSpectra} and {@link #toDoubleArray}. */
    private static final int BULK = 4096;

    private boolean big() {
        return order == ByteOrder.BIG_ENDIAN;
    }

    private ValueLayout.OfShort i16() {
        return big() ? I16_BE : I16_LE;
    }

    private ValueLayout.OfInt i32() {
        return big() ? I32_BE : I32_LE;
    }

    private ValueLayout.OfLong i64() {
        return big() ? I64_BE : I64_LE;
    }

    private ValueLayout.OfFloat f32() {
        return big() ? F32_BE : F32_LE;
    }

    private ValueLayout.OfDouble f64() {
        return big() ? F64_BE : F64_LE;
    }

    /**
     * Value of element {@code i} (flat row-major index) as a double. Unsigned types are
     * read unsigned; complex types return the real part; RGBA8 returns the packed
     * little-endian value {@code R | G<<8 | B<<16 | A<<24} as an unsigned number.
     *
     * @param i flat index in {@code [0, size())}
     * @return the value
     * @throws IndexOutOfBoundsException if {@code i} is out of range
     */
    public double getDouble(long i) {
        Objects.checkIndex(i, size);
        long off = i * dtype.byteSize();
        return switch (dtype) {
            case INT8 -> data.get(ValueLayout.JAVA_BYTE, off);
            case UINT8, BOOL -> Byte.toUnsignedInt(data.get(ValueLayout.JAVA_BYTE, off));
            case INT16 -> data.get(i16(), off);
            case UINT16 -> Short.toUnsignedInt(data.get(i16(), off));
            case INT32 -> data.get(i32(), off);
            case UINT32, RGBA8 -> Integer.toUnsignedLong(data.get(i32(), off));
            case INT64 -> data.get(i64(), off);
            case UINT64 -> {
                long v = data.get(i64(), off);
                yield v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
            }
            case FLOAT32, COMPLEX64 -> data.get(f32(), off);
            case FLOAT64, COMPLEX128 -> data.get(f64(), off);
        };
    }

    /**
     * Imaginary part of element {@code i} of a complex dataset.
     *
     * @param i flat index
     * @return the imaginary part
     * @throws IllegalStateException if the dataset is not complex
     */
    public double getImaginary(long i) {
        Objects.checkIndex(i, size);
        long off = i * dtype.byteSize();
        return switch (dtype) {
            case COMPLEX64 -> data.get(f32(), off + 4);
            case COMPLEX128 -> data.get(f64(), off + 8);
            default -> throw new IllegalStateException("dataset is " + dtype.numpyName() + ", not complex");
        };
    }

    /**
     * Value at an n-d index.
     *
     * @param index one index per axis, array order
     * @return the value as by {@link #getDouble(long)}
     * @throws IllegalArgumentException if the index has the wrong rank
     * @throws IndexOutOfBoundsException if a component is out of range
     */
    public double getDouble(int... index) {
        return getDouble(flatIndex(index));
    }

    /**
     * Row-major flat index of an n-d index.
     *
     * @param index one index per axis
     * @return flat index
     */
    public long flatIndex(int... index) {
        if (index.length != axes.size()) {
            throw new IllegalArgumentException("index rank " + index.length + " != dataset rank " + axes.size());
        }
        long f = 0;
        for (int d = 0; d < index.length; d++) {
            Objects.checkIndex(index[d], axes.get(d).size());
            f = f * axes.get(d).size() + index[d];
        }
        return f;
    }

    /**
     * Sets element {@code i} from a double, converting to the element type (integers are
     * rounded and saturated; complex sets the real part and zeroes the imaginary part).
     *
     * @param i flat index
     * @param v value
     * @throws UnsupportedOperationException if the dataset {@linkplain #isReadOnly() is read-only} (a mapping of
     *                                       its file: the file is never written)
     */
    public void setDouble(long i, double v) {
        Objects.checkIndex(i, size);
        if (data.isReadOnly()) {
            throw new UnsupportedOperationException("dataset " + this + " is read-only (memory-mapped from its file, which is never written); "
                    + "work on a copy (toFloat32())");
        }
        long off = i * dtype.byteSize();
        switch (dtype) {
            case INT8 -> data.set(ValueLayout.JAVA_BYTE, off, (byte) clamp(v, -128, 127));
            case UINT8, BOOL -> data.set(ValueLayout.JAVA_BYTE, off, (byte) clamp(v, 0, 255));
            case INT16 -> data.set(i16(), off, (short) clamp(v, Short.MIN_VALUE, Short.MAX_VALUE));
            case UINT16 -> data.set(i16(), off, (short) clamp(v, 0, 65535));
            case INT32 -> data.set(i32(), off, (int) clamp(v, Integer.MIN_VALUE, Integer.MAX_VALUE));
            case UINT32, RGBA8 -> data.set(i32(), off, (int) clamp(v, 0, 4294967295.0));
            case INT64, UINT64 -> data.set(i64(), off, Math.round(v));
            case FLOAT32 -> data.set(f32(), off, (float) v);
            case FLOAT64 -> data.set(f64(), off, v);
            case COMPLEX64 -> {
                data.set(f32(), off, (float) v);
                data.set(f32(), off + 4, 0f);
            }
            case COMPLEX128 -> {
                data.set(f64(), off, v);
                data.set(f64(), off + 8, 0.0);
            }
        }
    }

    private static long clamp(double v, double lo, double hi) {
        return (long) Math.max(lo, Math.min(hi, Math.rint(v)));
    }

    /**
     * Copies the signal vectors of {@code count} consecutive navigation positions into
     * {@code out}, converted to float: {@code out[off + k*signalSize() + j]} receives
     * channel {@code j} of navigation position {@code first + k}. This is the streaming
     * access kernels use; only the addressed chunk is touched.
     *
     * @param first first flat navigation index
     * @param count number of navigation positions
     * @param out   destination, length {@code >= off + count*signalSize()}
     * @param off   offset in {@code out}
     * @throws IndexOutOfBoundsException if the range exceeds the navigation size or {@code out}
     */
    public void readSpectra(long first, int count, float[] out, int off) {
        int sig = signalSize();
        Objects.checkFromIndexSize(first, count, navigationSize());
        Objects.checkFromIndexSize(off, (long) count * sig, out.length);
        long start = first * sig;
        int n = count * sig;
        if (dtype == DType.FLOAT32) {
            MemorySegment.copy(data, f32(), start * 4, out, off, n);
            return;
        }
        // every other type through the bulk double conversion (exact for all of them), one buffer at a time
        double[] buf = new double[Math.min(n, BULK)];
        for (int k = 0; k < n; k += buf.length) {
            int m = Math.min(buf.length, n - k);
            readDoubles(start + k, m, buf, 0);
            for (int j = 0; j < m; j++) {
                out[off + k + j] = (float) buf[j];
            }
        }
    }

    /**
     * Copies the values of {@code count} consecutive elements (flat row-major indices {@code first ...
     * first+count-1}) into {@code out} as doubles, converted as by {@link #getDouble(long)}; the bulk form of it.
     *
     * @param first first flat index
     * @param count number of elements
     * @param out   destination, length {@code >= off + count}
     * @param off   offset in {@code out}
     * @throws IndexOutOfBoundsException if the range exceeds {@link #size()} or {@code out}
     */
    public void readDoubles(long first, int count, double[] out, int off) {
        Objects.checkFromIndexSize(first, count, size);
        Objects.checkFromIndexSize(off, count, out.length);
        if (dtype == DType.FLOAT64) {
            MemorySegment.copy(data, f64(), first * 8, out, off, count);
            return;
        }
        for (int k = 0; k < count; k += BULK) {
            convert(first + k, Math.min(BULK, count - k), out, off + k);
        }
    }

    /** {@link #readDoubles} of at most {@link #BULK} elements: one bulk copy into a primitive buffer, then widening. */
    private void convert(long first, int m, double[] out, int off) {
        switch (dtype) {
            case FLOAT32 -> {
                float[] b = new float[m];
                MemorySegment.copy(data, f32(), first * 4, b, 0, m);
                for (int j = 0; j < m; j++) {
                    out[off + j] = b[j];
                }
            }
            case INT32, UINT32 -> {
                int[] b = new int[m];
                MemorySegment.copy(data, i32(), first * 4, b, 0, m);
                boolean unsigned = dtype == DType.UINT32;
                for (int j = 0; j < m; j++) {
                    out[off + j] = unsigned ? Integer.toUnsignedLong(b[j]) : b[j];
                }
            }
            case INT16, UINT16 -> {
                short[] b = new short[m];
                MemorySegment.copy(data, i16(), first * 2, b, 0, m);
                boolean unsigned = dtype == DType.UINT16;
                for (int j = 0; j < m; j++) {
                    out[off + j] = unsigned ? Short.toUnsignedInt(b[j]) : b[j];
                }
            }
            case INT8, UINT8, BOOL -> {
                byte[] b = new byte[m];
                MemorySegment.copy(data, ValueLayout.JAVA_BYTE, first, b, 0, m);
                boolean unsigned = dtype != DType.INT8;
                for (int j = 0; j < m; j++) {
                    out[off + j] = unsigned ? Byte.toUnsignedInt(b[j]) : b[j];
                }
            }
            default -> {
                for (int j = 0; j < m; j++) {
                    out[off + j] = getDouble(first + j);
                }
            }
        }
    }

    /**
     * Copies all values into a new float array (complex: real parts).
     *
     * @return values in row-major order, length {@link #size()}
     * @throws IllegalStateException if the dataset has more than {@code Integer.MAX_VALUE - 8} elements
     */
    public float[] toFloatArray() {
        checkArraySize();
        float[] out = new float[(int) size];
        readSpectra(0, (int) navigationSize(), out, 0);
        return out;
    }

    /**
     * Copies all values into a new double array (complex: real parts).
     *
     * @return values in row-major order, length {@link #size()}
     * @throws IllegalStateException if the dataset has more than {@code Integer.MAX_VALUE - 8} elements
     */
    public double[] toDoubleArray() {
        checkArraySize();
        double[] out = new double[(int) size];
        readDoubles(0, out.length, out, 0);
        return out;
    }

    private void checkArraySize() {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("dataset has " + size + " elements, too many for one Java array; stream it with readSpectra");
        }
    }

    /** @return a dataset over the same memory with other axes of the same total size */
    public Dataset withAxes(List<Axis> newAxes) {
        return new Dataset(dtype, newAxes, data, order, metadata);
    }

    /** @return a dataset over the same memory and axes with other metadata */
    public Dataset withMetadata(Metadata md) {
        return new Dataset(dtype, axes, data, order, md);
    }

    /**
     * Converts to a new float32 dataset (native order) with the same axes and a copy of
     * the metadata.
     *
     * @return the float32 copy
     */
    public Dataset toFloat32() {
        return ofFloats(toFloatArray(), axes, metadata.copy());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Dataset[").append(dtype.numpyName()).append(' ');
        for (int i = 0; i < axes.size(); i++) {
            Axis a = axes.get(i);
            sb.append(i == 0 ? "" : ", ").append(a.name()).append('=').append(a.size()).append(a.navigate() ? "|nav" : "|sig");
        }
        return sb.append(']').toString();
    }
}
