package tessera.io.emd.internal;

import java.nio.file.Path;
import java.util.List;

import io.jhdf.api.Attribute;
import tessera.core.io.InvalidFileException;
import tessera.core.model.DType;
import tessera.io.hspy.hdf5.Hdf5Data;
import tessera.io.hspy.hdf5.Hdf5Data.Values;

/**
 * HDF5 value decoding for the NCEM EMD reader: attribute values as plain Java values, numeric datasets as one
 * primitive array in the file's (C) element order, and the reversal of all axes (NumPy's {@code transpose()}) that
 * NCEM EMD files need, since their {@code dim1} describes the first array dimension as written by Fortran-order tools
 * (the EMD 0.2 specification, https://emdatasets.com/format/, and HyperSpy's / RosettaSciIO's {@code EMD_NCEM} reader,
 * which transpose every dataset except py4DSTEM/prismatic {@code datacube}s).
 */
final class NcemArrays {
    /** dim vectors and metadata arrays above this many elements are refused */
    static final long MAX_SMALL = 1 << 24;

    private NcemArrays() {
    }

    // ---- attributes ----

    /**
     * Decodes an attribute as h5py gives it ({@link Hdf5Data#plainAttributeValue}): Long, Double, String (fixed-length
     * and variable-length strings, byte strings decoded as UTF-8), Boolean (enum TRUE/FALSE), long[]/double[] for
     * numeric arrays, List of String for string arrays.
     *
     * @throws IllegalStateException for an attribute of more than {@link #MAX_SMALL} elements
     */
    static Object attributeValue(Attribute a) {
        if (a.getSize() > MAX_SMALL) {
            throw new IllegalStateException("attribute " + a.getName() + " has " + a.getSize() + " elements");
        }
        return Hdf5Data.plainAttributeValue(a);
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

    /**
     * Reads a numeric dataset ({@link Hdf5Data#readValues}), refusing sizes the file cannot hold before anything is
     * allocated: at most {@code Integer.MAX_VALUE / 2 - 8} elements and a quarter of the maximum heap (the reversal of
     * the axes holds a second copy), every layout but chunked storage bounded by the file size.
     *
     * @param file     the file, for messages
     * @param fileSize its size in bytes
     * @param where    the dataset's path, for messages
     * @return the values (complex: interleaved real, imaginary pairs in a float[] or double[] of twice the length)
     * @throws InvalidFileException if the type is not numeric or the claimed size is impossible
     */
    static Values read(Path file, long fileSize, String where, io.jhdf.api.Dataset ds) throws InvalidFileException {
        return Hdf5Data.readValues(file, fileSize, where, ds,
                new Hdf5Data.Limits(Integer.MAX_VALUE / 2 - 8, Runtime.getRuntime().maxMemory() / 4, true));
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
        Object dst = Hdf5Data.allocate(v.dtype(), n);
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

    /** Concatenates equal-typed arrays (a stack along a new first axis). */
    static Object concat(DType dt, List<Object> arrays, int eachCount) {
        int pair = dt.isComplex() ? 2 : 1;
        Object dst = Hdf5Data.allocate(dt, Math.multiplyExact(arrays.size(), eachCount));
        int at = 0;
        for (Object a : arrays) {
            System.arraycopy(a, 0, dst, at, eachCount * pair);
            at += eachCount * pair;
        }
        return dst;
    }
}
