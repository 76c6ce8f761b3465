package tessera.io.emd.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.jhdf.api.Attribute;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.object.datatype.CompoundDataType;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.EnumDataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.StringData;
import io.jhdf.object.datatype.VariableLength;
import tessera.core.io.InvalidFileException;
import tessera.core.model.DType;

/**
 * HDF5 value decoding for the NCEM EMD reader: attribute values as plain Java values, numeric datasets as one
 * primitive array in the file's (C) element order, and the reversal of all axes (NumPy's {@code transpose()}) that
 * NCEM EMD files need, since their {@code dim1} describes the first array dimension as written by Fortran-order tools
 * (the EMD 0.2 specification, https://emdatasets.com/format/, and HyperSpy's / RosettaSciIO's {@code EMD_NCEM} reader,
 * which transpose every dataset except py4DSTEM/prismatic {@code datacube}s).
 */
final class NcemArrays {
    /** deflate cannot expand data by more than about 1032:1 */
    private static final long MAX_DEFLATE_RATIO = 1100;
    /** dim vectors and metadata arrays above this many elements are refused */
    static final long MAX_SMALL = 1 << 24;

    private NcemArrays() {
    }

    /** A decoded numeric array: values in C order of {@code dims}, in a primitive array of {@code dtype}'s storage type. */
    record Values(DType dtype, Object array, int[] dims) {
        long count() {
            long n = 1;
            for (int d : dims) {
                n *= d;
            }
            return n;
        }
    }

    // ---- attributes ----

    /**
     * Decodes an attribute: Long, Double, String (fixed-length and variable-length strings, byte strings decoded as
     * UTF-8), Boolean (enum TRUE/FALSE), long[]/double[] for numeric arrays, List of String for string arrays.
     */
    static Object attributeValue(Attribute a) {
        if (a.getSize() > MAX_SMALL) {
            throw new IllegalStateException("attribute " + a.getName() + " has " + a.getSize() + " elements");
        }
        return plain(a.getData(), a.getDataType() instanceof EnumDataType);
    }

    static Object plain(Object d, boolean isEnum) {
        if (d == null) {
            return null;
        }
        if (d.getClass().isArray()) {
            List<Object> flat = new ArrayList<>();
            flatten(d, flat);
            boolean allNum = !flat.isEmpty();
            boolean allInt = allNum;
            for (Object o : flat) {
                if (!(o instanceof Number)) {
                    allNum = false;
                    allInt = false;
                    break;
                }
                if (o instanceof Double || o instanceof Float) {
                    allInt = false;
                }
            }
            if (allInt) {
                long[] l = new long[flat.size()];
                for (int i = 0; i < l.length; i++) {
                    l[i] = ((Number) flat.get(i)).longValue();
                }
                return l;
            }
            if (allNum) {
                double[] v = new double[flat.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = number((Number) flat.get(i));
                }
                return v;
            }
            List<Object> l = new ArrayList<>();
            for (Object o : flat) {
                l.add(scalar(o, isEnum));
            }
            return l;
        }
        return scalar(d, isEnum);
    }

    private static void flatten(Object arr, List<Object> out) {
        int n = Array.getLength(arr);
        for (int i = 0; i < n; i++) {
            Object v = Array.get(arr, i);
            if (v != null && v.getClass().isArray() && !(v instanceof byte[])) {
                flatten(v, out);
            } else {
                out.add(v);
            }
        }
    }

    private static Object scalar(Object d, boolean isEnum) {
        return switch (d) {
            case null -> null;
            case String s when isEnum && ("TRUE".equals(s) || "FALSE".equals(s)) -> Boolean.valueOf("TRUE".equals(s));
            case String s -> s;
            case byte[] b -> new String(b, StandardCharsets.UTF_8);
            case ByteBuffer b -> {
                ByteBuffer c = b.duplicate();
                byte[] bytes = new byte[c.remaining()];
                c.get(bytes);
                yield new String(bytes, StandardCharsets.UTF_8);
            }
            case Float f -> number(f);
            case Double x -> x;
            case BigInteger b -> b.bitLength() < 64 ? (Object) b.longValue() : (Object) b.doubleValue();
            case Number n -> n.longValue();
            case Boolean b -> b;
            default -> String.valueOf(d);
        };
    }

    /** float32 values become the double of the same value (as NumPy widens them), not of their decimal string. */
    private static double number(Number n) {
        return n instanceof Float f ? (double) f.floatValue() : n.doubleValue();
    }

    /** @return the attribute as text, as HyperSpy's {@code _parse_attribute} decodes it (bytes as UTF-8), or null if absent */
    static String text(io.jhdf.api.Node node, String key) {
        Attribute a = node.getAttributes().get(key);
        if (a == null) {
            return null;
        }
        Object v = attributeValue(a);
        if (v instanceof List<?> l && l.size() == 1) {
            v = l.get(0);
        }
        return v == null ? "" : String.valueOf(v);
    }

    // ---- numeric datasets ----

    /** @return the Tessera type of an HDF5 numeric type, or null for strings, variable-length, opaque, ... */
    static DType dtypeOf(DataType type) {
        if (type instanceof FloatingPoint) {
            return switch (type.getSize()) {
                case 2, 4 -> DType.FLOAT32; // float16 has no Tessera type: widened to float32
                case 8 -> DType.FLOAT64;
                default -> null;
            };
        }
        if (type instanceof FixedPoint fp) {
            boolean s = fp.isSigned();
            return switch (type.getSize()) {
                case 1 -> s ? DType.INT8 : DType.UINT8;
                case 2 -> s ? DType.INT16 : DType.UINT16;
                case 4 -> s ? DType.INT32 : DType.UINT32;
                case 8 -> s ? DType.INT64 : DType.UINT64;
                default -> null;
            };
        }
        if (type instanceof EnumDataType && type.getSize() == 1) {
            return DType.BOOL;
        }
        if (type instanceof CompoundDataType c && c.getMembers().size() == 2
                && "r".equals(c.getMembers().get(0).getName()) && "i".equals(c.getMembers().get(1).getName())
                && c.getMembers().get(0).getDataType() instanceof FloatingPoint f) {
            return switch (f.getSize()) {
                case 4 -> DType.COMPLEX64;
                case 8 -> DType.COMPLEX128;
                default -> null;
            };
        }
        return null;
    }

    /** @return a human name of an unsupported HDF5 type */
    static String typeName(DataType type) {
        if (type instanceof StringData || type instanceof VariableLength) {
            return "strings (NumPy dtype object)";
        }
        return type.getClass().getSimpleName() + " of " + type.getSize() + " bytes";
    }

    /**
     * Reads a numeric dataset, refusing sizes the file cannot hold before anything is allocated.
     *
     * @param file     the file, for messages
     * @param fileSize its size in bytes
     * @param where    the dataset's path, for messages
     * @return the values (complex: interleaved real, imaginary pairs in a float[] or double[] of twice the length)
     * @throws InvalidFileException if the type is not numeric or the claimed size is impossible
     */
    static Values read(Path file, long fileSize, String where, io.jhdf.api.Dataset ds) throws InvalidFileException {
        DataType type = ds.getDataType();
        DType dt = dtypeOf(type);
        if (dt == null) {
            throw new InvalidFileException(file, where + " holds " + typeName(type) + ", not numbers: not supported");
        }
        int[] dims = ds.isScalar() ? new int[0] : ds.getDimensions();
        long count = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new InvalidFileException(file, where + ": negative dimension " + d);
            }
            count = Math.multiplyExact(count, (long) d);
        }
        checkSize(file, fileSize, where, ds, count, type.getSize());
        int n = (int) count;
        Object arr;
        boolean direct = type instanceof FixedPoint || type instanceof FloatingPoint && type.getSize() != 2;
        ByteBuffer buf = direct && count > 0 && ds instanceof ContiguousDataset c ? c.getBuffer() : null;
        if (buf != null && dt.byteSize() == type.getSize() && buf.remaining() >= (long) n * type.getSize()) {
            arr = bulk(buf, dt, orderOf(type), n);
        } else if (count == 0) {
            arr = allocate(dt, 0);
        } else {
            arr = convert(file, where, ds.getDataFlat(), dt, n);
        }
        return new Values(dt, arr, dims);
    }

    /** Refuses a dataset whose claimed payload cannot be in the file or in memory. */
    static void checkSize(Path file, long fileSize, String where, io.jhdf.api.Dataset ds, long count, int elemSize) throws InvalidFileException {
        long claimed;
        try {
            claimed = Math.multiplyExact(count, (long) elemSize);
        } catch (ArithmeticException e) {
            throw new InvalidFileException(file, where + ": claimed size overflows");
        }
        String layout = String.valueOf(ds.getDataLayout());
        if ("CHUNKED".equals(layout)) {
            if (claimed / MAX_DEFLATE_RATIO > fileSize) {
                throw new InvalidFileException(file, where + ": header claims " + claimed
                        + " bytes, impossible to compress into a file of " + fileSize + " bytes (corrupt header)");
            }
        } else {
            InvalidFileException.checkPayload(file, claimed, fileSize);
        }
        if (count > Integer.MAX_VALUE / 2 - 8 || claimed > Runtime.getRuntime().maxMemory() / 4) {
            throw new InvalidFileException(file, where + ": " + claimed + " bytes (" + count + " elements) exceed what this reader can hold in memory");
        }
    }

    private static ByteOrder orderOf(DataType type) {
        return switch (type) {
            case FloatingPoint f -> f.getByteOrder();
            case FixedPoint f -> f.getByteOrder();
            default -> ByteOrder.nativeOrder();
        };
    }

    static Object allocate(DType dt, int n) {
        return switch (dt) {
            case FLOAT32 -> new float[n];
            case FLOAT64 -> new double[n];
            case COMPLEX64 -> new float[2 * n];
            case COMPLEX128 -> new double[2 * n];
            default -> switch (dt.byteSize()) {
                case 1 -> new byte[n];
                case 2 -> new short[n];
                case 4 -> new int[n];
                default -> new long[n];
            };
        };
    }

    private static Object bulk(ByteBuffer src, DType dt, ByteOrder order, int n) {
        Object dst = allocate(dt, n);
        MemorySegment s = MemorySegment.ofBuffer(src);
        switch (dst) {
            case byte[] a -> MemorySegment.copy(s, ValueLayout.JAVA_BYTE, 0, a, 0, n);
            case short[] a -> MemorySegment.copy(s, ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order), 0, a, 0, n);
            case int[] a -> MemorySegment.copy(s, ValueLayout.JAVA_INT_UNALIGNED.withOrder(order), 0, a, 0, n);
            case long[] a -> MemorySegment.copy(s, ValueLayout.JAVA_LONG_UNALIGNED.withOrder(order), 0, a, 0, n);
            case float[] a -> MemorySegment.copy(s, ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(order), 0, a, 0, n);
            case double[] a -> MemorySegment.copy(s, ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(order), 0, a, 0, n);
            default -> throw new IllegalStateException();
        }
        return dst;
    }

    /** Converts jHDF's flat array (unsigned types come widened, uint64 as BigInteger) to the storage array of {@code dt}. */
    private static Object convert(Path file, String where, Object flat, DType dt, int n) throws InvalidFileException {
        if (dt.isComplex()) {
            if (!(flat instanceof Map<?, ?> m) || m.get("r") == null || m.get("i") == null) {
                throw new InvalidFileException(file, where + ": unreadable complex values");
            }
            double[] re = doubles(file, where, m.get("r"), n);
            double[] im = doubles(file, where, m.get("i"), n);
            if (dt == DType.COMPLEX64) {
                float[] c = new float[2 * n];
                for (int k = 0; k < n; k++) {
                    c[2 * k] = (float) re[k];
                    c[2 * k + 1] = (float) im[k];
                }
                return c;
            }
            double[] c = new double[2 * n];
            for (int k = 0; k < n; k++) {
                c[2 * k] = re[k];
                c[2 * k + 1] = im[k];
            }
            return c;
        }
        if (dt == DType.BOOL) {
            if (!(flat instanceof Object[] o) || o.length < n) {
                throw new InvalidFileException(file, where + ": unreadable boolean values");
            }
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) {
                b[i] = (byte) ("TRUE".equals(String.valueOf(o[i])) ? 1 : 0);
            }
            return b;
        }
        if (dt == DType.FLOAT32) {
            if (flat instanceof float[] f && f.length == n) {
                return f;
            }
            double[] d = doubles(file, where, flat, n);
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
                f[i] = (float) d[i];
            }
            return f;
        }
        if (dt == DType.FLOAT64) {
            return doubles(file, where, flat, n);
        }
        long[] l = longs(file, where, flat, n);
        Object dst = allocate(dt, n);
        switch (dst) {
            case byte[] a -> {
                for (int i = 0; i < n; i++) {
                    a[i] = (byte) l[i];
                }
            }
            case short[] a -> {
                for (int i = 0; i < n; i++) {
                    a[i] = (short) l[i];
                }
            }
            case int[] a -> {
                for (int i = 0; i < n; i++) {
                    a[i] = (int) l[i];
                }
            }
            case long[] a -> System.arraycopy(l, 0, a, 0, n);
            default -> throw new IllegalStateException();
        }
        return dst;
    }

    private static double[] doubles(Path file, String where, Object flat, int n) throws InvalidFileException {
        double[] out = new double[n];
        switch (flat) {
            case double[] a when a.length >= n -> System.arraycopy(a, 0, out, 0, n);
            case float[] a when a.length >= n -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[i];
                }
            }
            default -> {
                long[] l = longs(file, where, flat, n);
                for (int i = 0; i < n; i++) {
                    out[i] = l[i];
                }
            }
        }
        return out;
    }

    private static long[] longs(Path file, String where, Object flat, int n) throws InvalidFileException {
        long[] out = new long[n];
        if (flat == null || !flat.getClass().isArray() || Array.getLength(flat) < n) {
            throw new InvalidFileException(file, where + ": values do not match the dataset's dimensions");
        }
        switch (flat) {
            case byte[] a -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[i];
                }
            }
            case short[] a -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[i];
                }
            }
            case int[] a -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[i];
                }
            }
            case long[] a -> System.arraycopy(a, 0, out, 0, n);
            case BigInteger[] a -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[i].longValue();
                }
            }
            case float[] a -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (long) a[i];
                }
            }
            case double[] a -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (long) a[i];
                }
            }
            default -> throw new InvalidFileException(file, where + ": unexpected value array " + flat.getClass().getSimpleName());
        }
        return out;
    }

    /** @return the values as doubles (complex: real parts), for dim vectors */
    static double[] asDoubles(Values v) {
        int n = (int) v.count();
        double[] out = new double[n];
        boolean cplx = v.dtype().isComplex();
        for (int i = 0; i < n; i++) {
            int k = cplx ? 2 * i : i;
            out[i] = switch (v.array()) {
                case byte[] a -> v.dtype() == DType.INT8 ? a[k] : Byte.toUnsignedInt(a[k]);
                case short[] a -> v.dtype() == DType.INT16 ? a[k] : Short.toUnsignedInt(a[k]);
                case int[] a -> v.dtype() == DType.INT32 ? a[k] : Integer.toUnsignedLong(a[k]);
                case long[] a -> v.dtype() == DType.UINT64 && a[k] < 0 ? (double) (a[k] >>> 1) * 2.0 + (a[k] & 1) : a[k];
                case float[] a -> a[k];
                case double[] a -> a[k];
                default -> throw new IllegalStateException();
            };
        }
        return out;
    }

    // ---- axis reversal ----

    /**
     * Reverses the order of all axes (NumPy's {@code a.transpose()}): element {@code (i0, ..., ik)} of the result is
     * element {@code (ik, ..., i0)} of the input.
     *
     * @param v values in C order of {@code v.dims()}
     * @return values in C order of the reversed dimensions (a new array; rank 0 and 1 return {@code v} itself)
     */
    static Values reverseAxes(Values v) {
        int[] dims = v.dims();
        int rank = dims.length;
        if (rank < 2) {
            return v;
        }
        int[] out = new int[rank];
        for (int d = 0; d < rank; d++) {
            out[d] = dims[rank - 1 - d];
        }
        int n = (int) v.count();
        int pair = v.dtype().isComplex() ? 2 : 1;
        // source stride of each output axis: output axis d is source axis rank-1-d
        long[] srcStride = new long[rank];
        long s = 1;
        for (int d = rank - 1; d >= 0; d--) {
            srcStride[rank - 1 - d] = s;
            s *= dims[d];
        }
        Object dst = allocate(v.dtype(), n);
        if (n == 0) {
            return new Values(v.dtype(), dst, out);
        }
        int inner = out[rank - 1];
        long innerStride = srcStride[rank - 1];
        int[] idx = new int[rank - 1];
        long rows = n / inner;
        int t = 0;
        for (long r = 0; r < rows; r++) {
            long base = 0;
            for (int d = 0; d < rank - 1; d++) {
                base += idx[d] * srcStride[d];
            }
            copyStrided(v.array(), dst, base, innerStride, t, inner, pair);
            t += inner;
            for (int d = rank - 2; d >= 0; d--) {
                if (++idx[d] < out[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return new Values(v.dtype(), dst, out);
    }

    private static void copyStrided(Object src, Object dst, long base, long stride, int t, int count, int pair) {
        switch (src) {
            case byte[] a -> {
                byte[] b = (byte[]) dst;
                for (int i = 0; i < count; i++) {
                    b[t + i] = a[(int) (base + i * stride)];
                }
            }
            case short[] a -> {
                short[] b = (short[]) dst;
                for (int i = 0; i < count; i++) {
                    b[t + i] = a[(int) (base + i * stride)];
                }
            }
            case int[] a -> {
                int[] b = (int[]) dst;
                for (int i = 0; i < count; i++) {
                    b[t + i] = a[(int) (base + i * stride)];
                }
            }
            case long[] a -> {
                long[] b = (long[]) dst;
                for (int i = 0; i < count; i++) {
                    b[t + i] = a[(int) (base + i * stride)];
                }
            }
            case float[] a -> {
                float[] b = (float[]) dst;
                for (int i = 0; i < count; i++) {
                    int from = (int) (base + i * stride) * pair;
                    for (int p = 0; p < pair; p++) {
                        b[(t + i) * pair + p] = a[from + p];
                    }
                }
            }
            case double[] a -> {
                double[] b = (double[]) dst;
                for (int i = 0; i < count; i++) {
                    int from = (int) (base + i * stride) * pair;
                    for (int p = 0; p < pair; p++) {
                        b[(t + i) * pair + p] = a[from + p];
                    }
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    /** @return a memory segment over a primitive array */
    static MemorySegment segment(Object arr) {
        return switch (arr) {
            case byte[] a -> MemorySegment.ofArray(a);
            case short[] a -> MemorySegment.ofArray(a);
            case int[] a -> MemorySegment.ofArray(a);
            case long[] a -> MemorySegment.ofArray(a);
            case float[] a -> MemorySegment.ofArray(a);
            case double[] a -> MemorySegment.ofArray(a);
            default -> throw new IllegalStateException("unexpected array type " + arr.getClass().getSimpleName());
        };
    }

    /** Concatenates equal-typed arrays (a stack along a new first axis). */
    static Object concat(DType dt, List<Object> arrays, int eachCount) {
        int pair = dt.isComplex() ? 2 : 1;
        Object dst = allocate(dt, Math.multiplyExact(arrays.size(), eachCount));
        int at = 0;
        for (Object a : arrays) {
            System.arraycopy(a, 0, dst, at, eachCount * pair);
            at += eachCount * pair;
        }
        return dst;
    }
}
