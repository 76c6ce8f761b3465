package tessera.io.hspy.hdf5;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.DataType;
import tessera.core.io.InvalidFileException;
import tessera.core.model.Axis;
import tessera.core.model.DType;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.io.hspy.internal.HdfArrays;
import tessera.io.hspy.internal.HdfTrees;
import tessera.io.hspy.internal.HspyReader;

/**
 * The HDF5 decoding shared by the readers of HDF5-based formats (HyperSpy, EMD, generic HDF5): a jHDF dataset's values
 * into a Tessera {@link Dataset}, and attribute or string values into metadata leaves. One implementation, so every
 * HDF5 format gets the same guards against lying headers and the same fast paths for contiguous and deflate-chunked
 * data.
 * <p>
 * Source: The HDF Group, HDF5 File Format Specification version 3.0 (https://docs.hdfgroup.org/hdf5/latest/_f_m_t3.html),
 * read through jHDF 0.13 (https://github.com/jamesmudd/jhdf, MIT).
 */
public final class Hdf5Data {
    private Hdf5Data() {
    }

    /**
     * A decoded numeric array, for readers that rearrange values before making a dataset of them (e.g. the NCEM EMD
     * reader, which reverses the axes).
     *
     * @param dtype the Tessera type of the values
     * @param array the values in C (row-major) order of {@code dims}, in a primitive array of {@code dtype}'s storage
     *              type ({@code byte[]} for (u)int8 and bool, {@code short[]}, {@code int[]}, {@code long[]} for the
     *              wider integers, {@code float[]}/{@code double[]} for floats; complex: real, imaginary pairs in a
     *              {@code float[]}/{@code double[]} of twice the element count)
     * @param dims  the array dimensions, slowest first (empty for a scalar)
     */
    public record Values(DType dtype, Object array, int[] dims) {
        /** @return the number of elements, the product of {@code dims} (1 for a scalar) */
        public long count() {
            long n = 1;
            for (int d : dims) {
                n *= d;
            }
            return n;
        }
    }

    /**
     * The size guards of a read: how much a dataset may claim before it is refused, before anything is allocated.
     *
     * @param maxElements           the most elements a dataset may have
     * @param maxBytes              the most bytes its values may take
     * @param onlyChunkedCompressed {@code true}: every storage layout but chunked (compact, contiguous, ...) must fit
     *                              in the file and chunked storage within deflate's 1032:1 ratio (the EMD readers);
     *                              {@code false}: contiguous storage must fit in the file, every other layout within
     *                              that ratio (HyperSpy files)
     */
    public record Limits(long maxElements, long maxBytes, boolean onlyChunkedCompressed) {
        /**
         * @return the limits of {@link Hdf5Data#read}: at most {@code Integer.MAX_VALUE - 8} elements and half the
         *         maximum heap, only contiguous storage bounded by the file size
         */
        public static Limits singleCopy() {
            return new Limits(Integer.MAX_VALUE - 8, Runtime.getRuntime().maxMemory() / 2, false);
        }

        /**
         * @return the limits of data decoded by the bulk path into a heap array or, when large, a file or scratch
         *         mapping: no element or heap limit; the claimed size must still fit in the file (contiguous storage)
         *         or within deflate's maximum ratio of it
         */
        public static Limits decoded() {
            return new Limits(Long.MAX_VALUE, Long.MAX_VALUE, false);
        }
    }

    /**
     * Checks, before jHDF opens a file, that it exists and starts with the 8-byte HDF5 signature
     * ({@code \x89HDF\r\n\x1a\n}, the format signature of the superblock in the HDF5 File Format Specification 3.0).
     *
     * @param file the file
     * @return its size in bytes
     * @throws InvalidFileException with the message {@code "no such file"}, {@code "file is empty"} or
     *                              {@code "not an HDF5 file (no HDF5 signature)"}
     * @throws IOException          on an I/O error
     */
    public static long checkSignature(Path file) throws IOException {
        return HdfArrays.checkSignature(file);
    }

    /**
     * Opens an HDF5 file with jHDF (over a read-only memory map up to 2 GiB, so a corrupt header that claims a huge
     * object cannot make jHDF allocate it); the caller closes it.
     *
     * @param file     the file
     * @param describe the text of the runtime exception jHDF throws for a file it cannot open, for the message
     * @return the open file
     * @throws InvalidFileException {@code "corrupt or truncated HDF5 file: " + describe(e)} if jHDF fails
     */
    public static HdfFile open(Path file, Function<? super RuntimeException, String> describe) throws InvalidFileException {
        return HdfArrays.open(file, describe);
    }

    /**
     * The node at a slash-separated path below a group (empty parts, as in {@code "/a//b"}, are skipped), without
     * jHDF's exception for a missing path.
     *
     * @param g    the group (e.g. the file)
     * @param path the path, relative to {@code g}
     * @return the node, {@code g} itself for an empty path, or null if any part is missing or not a group
     */
    public static Node node(Group g, String path) {
        Node n = g;
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (!(n instanceof Group grp)) {
                return null;
            }
            n = grp.getChildren().get(part);
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    /**
     * Reads a dataset's values in C (row-major) order into a Tessera dataset with the given axes. Integer types keep
     * their width and sign, float32/float64 stay as they are, a two-member compound of floats named {@code r}/{@code i}
     * or {@code real…}/{@code imag…} becomes complex64/complex128, and RGB(A) compounds become rgba8.
     *
     * @param file     the file (for messages)
     * @param fileSize its size in bytes (a contiguous dataset that claims more bytes is refused before allocating)
     * @param where    the dataset's path inside the file, for messages
     * @param data     the jHDF dataset
     * @param axes     the axes, whose sizes multiply to the dataset's element count, slowest first
     * @param md       the metadata of the result
     * @return the dataset
     * @throws InvalidFileException if the claimed size cannot be in the file or held in memory (the guards of
     *                              {@link Limits#singleCopy()}), or the type is unsupported
     */
    public static Dataset read(Path file, long fileSize, String where, io.jhdf.api.Dataset data, List<Axis> axes, Metadata md)
            throws InvalidFileException {
        return HspyReader.readData(file, fileSize, where, data, axes, md);
    }

    /**
     * An attribute's value as a metadata leaf in HyperSpy's dictionary encoding ({@code _group2dict}): Boolean for an
     * h5py bool (HDF5 enum {@code TRUE}/{@code FALSE}), Long, Double, String, {@code null} for the string
     * {@code "_None_"}, and arrays flattened to {@code long[]}, {@code double[]} or a List of the scalar values.
     *
     * @param a the attribute
     * @return the value
     */
    public static Object attributeValue(Attribute a) {
        return HdfTrees.attributeValue(a, false);
    }

    /**
     * An attribute's value as h5py gives it, without HyperSpy's dictionary encoding (as HyperSpy's EMD readers'
     * {@code _parse_attribute} sees it): as {@link #attributeValue}, except that the string {@code "_None_"} stays a
     * string, byte strings (also inside arrays) and byte buffers are decoded as UTF-8, and null elements of an array
     * stay null.
     *
     * @param a the attribute
     * @return Boolean, Long, Double, String, null, {@code long[]}, {@code double[]} or a List of the scalar values
     */
    public static Object plainAttributeValue(Attribute a) {
        return HdfTrees.attributeValue(a, true);
    }

    /**
     * The Tessera type of an HDF5 numeric type, as {@link #readValues} reads it: integers of 1, 2, 4, 8 bytes (signed or
     * not), float32, float64, float16 (widened to float32), 1-byte enums (h5py bool) as bool, and a compound
     * {@code r, i} of float32/float64 (h5py complex) as complex64/complex128.
     *
     * @param type the HDF5 type
     * @return the Tessera type, or null for strings, variable-length, opaque, other compound types, ...
     */
    public static DType dtypeOf(DataType type) {
        return HdfArrays.dtypeOf(type);
    }

    /**
     * @param type an HDF5 type that {@link #dtypeOf} does not map
     * @return a short human name of it, for messages ({@code "strings (NumPy dtype object)"} for strings)
     */
    public static String typeName(DataType type) {
        return HdfArrays.typeName(type);
    }

    /**
     * Reads a numeric dataset's values into one primitive array in C order (see {@link Values}), without making a
     * dataset of them. Contiguous integer and float32/float64 values are copied in bulk; everything else goes through
     * jHDF's generic decoding.
     *
     * @param file     the file, for messages
     * @param fileSize its size in bytes
     * @param where    the dataset's path inside the file, for messages
     * @param data     the jHDF dataset, of a type {@link #dtypeOf} maps
     * @param limits   the size guards
     * @return the values and dimensions
     * @throws InvalidFileException if the type is not numeric, a dimension is negative, the claimed size cannot be in
     *                              the file or exceeds {@code limits}, or the values do not match the dimensions
     */
    public static Values readValues(Path file, long fileSize, String where, io.jhdf.api.Dataset data, Limits limits)
            throws InvalidFileException {
        return HdfArrays.read(file, fileSize, where, data, limits);
    }

    /**
     * @param dtype a Tessera type
     * @param n     the number of elements
     * @return a new zeroed primitive array of {@code dtype}'s storage type, as in {@link Values} (complex: {@code 2n})
     */
    public static Object allocate(DType dtype, int n) {
        return HdfArrays.allocate(dtype, n);
    }

    /**
     * Copies values out of a memory segment into a new primitive array.
     *
     * @param src   the values, {@code n} elements of {@code dtype} (not complex)
     * @param order their byte order
     * @param dtype their type
     * @param n     the number of elements
     * @return a new primitive array of {@code dtype}'s storage type, as in {@link Values}
     * @throws IndexOutOfBoundsException if {@code src} holds fewer than {@code n} elements
     */
    public static Object copyOut(MemorySegment src, ByteOrder order, DType dtype, int n) {
        return HdfArrays.copyOut(src, order, dtype, n);
    }

    /**
     * @param array a primitive array ({@code byte[]}, {@code short[]}, {@code int[]}, {@code long[]}, {@code float[]}
     *              or {@code double[]})
     * @return a heap memory segment over it (its values in native byte order)
     * @throws IllegalStateException for any other array type
     */
    public static MemorySegment segment(Object array) {
        return HdfArrays.segment(array);
    }

    /**
     * A small (string or metadata) dataset's value as a metadata leaf, as {@link #attributeValue}.
     *
     * @param d the dataset
     * @return the value
     */
    public static Object datasetValue(io.jhdf.api.Dataset d) {
        return HdfTrees.datasetValue(d);
    }
}
