package tessera.io.hspy.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Map;

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
import tessera.io.hspy.hdf5.Hdf5Data;

/**
 * The numeric HDF5 decoding shared by the HyperSpy, plain HDF5 and EMD readers (published through
 * {@link Hdf5Data}): HDF5 types to Tessera types, the size guards against lying headers, bulk copies of contiguous
 * values, and jHDF's flat (widened, boxed or member-map) arrays to primitive arrays.
 * <p>
 * Source: The HDF Group, HDF5 File Format Specification version 3.0 (https://docs.hdfgroup.org/hdf5/latest/_f_m_t3.html),
 * read through jHDF 0.13 (https://github.com/jamesmudd/jhdf, MIT).
 */
public final class HdfArrays {
    /** deflate cannot expand data by more than about 1032:1 */
    static final long MAX_DEFLATE_RATIO = 1100;

    private HdfArrays() {
    }

    /**
     * Checks that a file exists and starts with the HDF5 signature.
     *
     * @return the file's size in bytes
     * @throws InvalidFileException "no such file", "file is empty" or "not an HDF5 file (no HDF5 signature)"
     */
    public static long checkSignature(Path file) throws java.io.IOException {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new InvalidFileException(file, "no such file");
        }
        long fileSize = java.nio.file.Files.size(file);
        byte[] head = new byte[8];
        try (var in = java.nio.file.Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 8) < 8 || !java.util.Arrays.equals(head, HspyReader.HDF5_MAGIC)) {
                throw new InvalidFileException(file, fileSize == 0 ? "file is empty" : "not an HDF5 file (no HDF5 signature)");
            }
        }
        return fileSize;
    }

    /**
     * Opens an HDF5 file with jHDF, over a read-only memory map when it fits one ({@link HdfFiles#open}), so a lying
     * object-header size cannot make jHDF allocate it.
     *
     * @param describe the text of jHDF's runtime exception, for the message
     * @throws InvalidFileException "corrupt or truncated HDF5 file: ..." if jHDF cannot open it
     */
    public static io.jhdf.HdfFile open(Path file, java.util.function.Function<? super RuntimeException, String> describe)
            throws InvalidFileException {
        try {
            return HdfFiles.open(file);
        } catch (RuntimeException e) {
            throw new InvalidFileException(file, "corrupt or truncated HDF5 file: " + describe.apply(e), e);
        }
    }

    /**
     * @return the Tessera type of an HDF5 numeric type (float16 widened to float32, a 1-byte enum as bool, compound
     *         {@code r, i} of floats as complex), or null for strings, variable-length, opaque, other compounds, ...
     */
    public static DType dtypeOf(DataType type) {
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

    /**
     * @return the Tessera type of an integer (1 to 8 bytes) or float32/float64 HDF5 type, whose file bytes are the
     *         values (bulk-copyable), else null (float16, compound, enum, ...)
     */
    static DType directType(DataType type) {
        return type instanceof FixedPoint || type instanceof FloatingPoint && type.getSize() != 2 ? dtypeOf(type) : null;
    }

    /** @return a human name of an unsupported HDF5 type */
    public static String typeName(DataType type) {
        if (type instanceof StringData || type instanceof VariableLength) {
            return "strings (NumPy dtype object)";
        }
        return type.getClass().getSimpleName() + " of " + type.getSize() + " bytes";
    }

    /** @return the byte order of an integer or float type, else the native order */
    static ByteOrder byteOrder(DataType type) {
        return switch (type) {
            case FloatingPoint f -> f.getByteOrder();
            case FixedPoint f -> f.getByteOrder();
            default -> ByteOrder.nativeOrder();
        };
    }

    /**
     * Refuses a dataset whose claimed payload cannot be in the file or in memory.
     *
     * @param count    the number of elements claimed
     * @param elemSize the HDF5 element size in bytes
     * @throws InvalidFileException if the payload overflows, cannot be in the file or exceeds the limits
     */
    public static void checkSize(Path file, long fileSize, String where, io.jhdf.api.Dataset ds, long count, int elemSize,
            Hdf5Data.Limits limits) throws InvalidFileException {
        long claimed;
        try {
            claimed = Math.multiplyExact(count, (long) elemSize);
        } catch (ArithmeticException e) {
            throw new InvalidFileException(file, where + ": claimed size overflows");
        }
        String layout = String.valueOf(ds.getDataLayout());
        boolean compressible = limits.onlyChunkedCompressed() ? "CHUNKED".equals(layout) : !"CONTIGUOUS".equals(layout);
        if (!compressible) {
            InvalidFileException.checkPayload(file, claimed, fileSize);
        } else if (claimed / MAX_DEFLATE_RATIO > fileSize) {
            throw new InvalidFileException(file, where + ": header claims " + claimed
                    + " bytes, impossible to compress into a file of " + fileSize + " bytes (corrupt header)");
        }
        if (count > limits.maxElements() || claimed > limits.maxBytes()) {
            throw new InvalidFileException(file, where + ": " + claimed + " bytes (" + count
                    + " elements) exceed what this reader can hold in memory");
        }
    }

    /**
     * Reads a numeric dataset into one primitive array in C order, refusing sizes the file cannot hold before anything
     * is allocated: contiguous integer and float32/float64 values by one bulk copy, everything else through jHDF's
     * {@code getDataFlat}.
     *
     * @return the values (complex: interleaved real, imaginary pairs in a float[] or double[] of twice the length)
     * @throws InvalidFileException if the type is not numeric or the claimed size is impossible
     */
    public static Hdf5Data.Values read(Path file, long fileSize, String where, io.jhdf.api.Dataset ds, Hdf5Data.Limits limits)
            throws InvalidFileException {
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
        checkSize(file, fileSize, where, ds, count, type.getSize(), limits);
        int n = (int) count;
        Object arr;
        ByteBuffer buf = directType(type) != null && count > 0 && ds instanceof ContiguousDataset c ? c.getBuffer() : null;
        if (buf != null && dt.byteSize() == type.getSize() && buf.remaining() >= (long) n * type.getSize()) {
            arr = copyOut(MemorySegment.ofBuffer(buf), byteOrder(type), dt, n);
        } else if (count == 0) {
            arr = allocate(dt, 0);
        } else {
            arr = convert(file, where, ds.getDataFlat(), dt, n);
        }
        return new Hdf5Data.Values(dt, arr, dims);
    }

    /** @return a new zeroed primitive array for {@code n} elements of {@code dt} (complex: 2n floats or doubles) */
    public static Object allocate(DType dt, int n) {
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

    /** @return a new primitive array of {@code dt} holding the first {@code n} values of {@code src}, read in {@code order} */
    public static Object copyOut(MemorySegment src, ByteOrder order, DType dt, int n) {
        Object dst = allocate(dt, n);
        switch (dst) {
            case byte[] a -> MemorySegment.copy(src, ValueLayout.JAVA_BYTE, 0, a, 0, n);
            case short[] a -> MemorySegment.copy(src, ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order), 0, a, 0, n);
            case int[] a -> MemorySegment.copy(src, ValueLayout.JAVA_INT_UNALIGNED.withOrder(order), 0, a, 0, n);
            case long[] a -> MemorySegment.copy(src, ValueLayout.JAVA_LONG_UNALIGNED.withOrder(order), 0, a, 0, n);
            case float[] a -> MemorySegment.copy(src, ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(order), 0, a, 0, n);
            case double[] a -> MemorySegment.copy(src, ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(order), 0, a, 0, n);
            default -> throw new IllegalStateException();
        }
        return dst;
    }

    /** @return a memory segment over a primitive array */
    public static MemorySegment segment(Object arr) {
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

    /** @return real and imaginary parts interleaved: {@code re[0], im[0], re[1], ...} ({@code n} pairs) */
    static float[] interleave(float[] re, float[] im, int n) {
        float[] c = new float[2 * n];
        for (int k = 0; k < n; k++) {
            c[2 * k] = re[k];
            c[2 * k + 1] = im[k];
        }
        return c;
    }

    /** @return real and imaginary parts interleaved: {@code re[0], im[0], re[1], ...} ({@code n} pairs) */
    static double[] interleave(double[] re, double[] im, int n) {
        double[] c = new double[2 * n];
        for (int k = 0; k < n; k++) {
            c[2 * k] = re[k];
            c[2 * k + 1] = im[k];
        }
        return c;
    }

    /** Converts jHDF's flat array (unsigned types come widened, uint64 as BigInteger) to the storage array of {@code dt}. */
    private static Object convert(Path file, String where, Object flat, DType dt, int n) throws InvalidFileException {
        if (dt.isComplex()) {
            if (!(flat instanceof Map<?, ?> m) || m.get("r") == null || m.get("i") == null) {
                throw new InvalidFileException(file, where + ": unreadable complex values");
            }
            double[] re = doubles(file, where, m.get("r"), n);
            double[] im = doubles(file, where, m.get("i"), n);
            return dt == DType.COMPLEX64 ? interleave(narrow(re), narrow(im), n) : interleave(re, im, n);
        }
        if (dt == DType.BOOL) {
            if (!(flat instanceof Object[] o) || o.length < n) {
                throw new InvalidFileException(file, where + ": unreadable boolean values");
            }
            return booleans(o, n);
        }
        if (dt == DType.FLOAT32) {
            if (flat instanceof float[] f && f.length == n) {
                return f;
            }
            return narrow(doubles(file, where, flat, n));
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

    /** @return h5py booleans (jHDF's enum names {@code "TRUE"}/{@code "FALSE"}) as bytes 1/0 */
    static byte[] booleans(Object[] o, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ("TRUE".equals(String.valueOf(o[i])) ? 1 : 0);
        }
        return b;
    }

    private static float[] narrow(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
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
        if (flat == null || !flat.getClass().isArray() || Array.getLength(flat) < n) {
            throw new InvalidFileException(file, where + ": values do not match the dataset's dimensions");
        }
        try {
            return toLongs(flat, n);
        } catch (IllegalStateException e) {
            throw new InvalidFileException(file, where + ": unexpected value array " + flat.getClass().getSimpleName());
        }
    }

    /**
     * @return the first {@code n} values of a primitive or BigInteger array as longs (floats truncated)
     * @throws IllegalStateException for any other array type
     */
    static long[] toLongs(Object flat, int n) {
        long[] out = new long[n];
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
            case double[] a -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (long) a[i];
                }
            }
            case float[] a -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (long) a[i];
                }
            }
            default -> throw new IllegalStateException("unexpected array type " + flat.getClass().getSimpleName());
        }
        return out;
    }
}
