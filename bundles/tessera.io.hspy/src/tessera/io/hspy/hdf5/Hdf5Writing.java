package tessera.io.hspy.hdf5;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Array;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableGroup;
import tessera.core.io.AtomicFiles;
import tessera.core.io.InvalidFileException;
import tessera.core.model.DType;

/**
 * The HDF5 writing shared by the writers of HDF5-based formats (HyperSpy {@code .hspy}, NCEM EMD): an atomic write of
 * a file through jHDF 0.13's writing API, the workaround for jHDF's trailer, and numeric datasets (optionally chunked
 * with shuffle and deflate).
 * <p>
 * Source: The HDF Group, HDF5 File Format Specification version 3.0 (https://docs.hdfgroup.org/hdf5/latest/_f_m_t3.html),
 * written through jHDF 0.13 (https://github.com/jamesmudd/jhdf, MIT).
 */
public final class Hdf5Writing {
    /** deflate level of chunked datasets (as HyperSpy's h5py writes gzip by default: 4) */
    public static final int DEFLATE_LEVEL = 4;

    private Hdf5Writing() {
    }

    /** Writes the content of an HDF5 file that is open for writing. */
    @FunctionalInterface
    public interface Content {
        /**
         * @param h the file being written (closed by the caller afterwards)
         */
        void write(WritableHdfFile h);
    }

    /** Checks a written file before it replaces the target. */
    @FunctionalInterface
    public interface Check {
        /**
         * @param tmp the written (closed) temporary file
         * @throws IOException (an {@link InvalidFileException} naming the target) if the file is not as intended
         */
        void check(Path tmp) throws IOException;
    }

    /**
     * Writes an HDF5 file atomically ({@link AtomicFiles#write}): {@code content} into a temporary file beside the
     * target, which is closed, checked, given the usual permissions ({@code rw-r--r--}, where POSIX) and moved over the
     * target. A failure leaves no partial file.
     *
     * @param file     the target; replaced if it exists
     * @param format   the format's name, for messages ({@code "... cannot be written as <format>: ..."})
     * @param describe the text of a runtime exception of jHDF or of the content, for the message
     * @param content  writes the file's groups, attributes and datasets
     * @param check    checks the closed temporary file (e.g. reads it back)
     * @throws InvalidFileException if the content or jHDF fail with a runtime exception, or the check refuses the file
     * @throws IOException          on an I/O error
     */
    public static void write(Path file, String format, Function<? super RuntimeException, String> describe, Content content,
            Check check) throws IOException {
        AtomicFiles.write(file, tmp -> {
            try {
                try (WritableHdfFile h = HdfFile.write(tmp)) {
                    content.write(h);
                }
                check.check(tmp);
                if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    // the temporary file is created owner-only (0600); give the result the usual rw-r--r--
                    java.nio.file.Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
                }
            } catch (RuntimeException e) {
                throw new InvalidFileException(file, "cannot be written as " + format + ": " + describe.apply(e), e);
            }
        });
    }

    /**
     * Whether a root child of this name would be written last. jHDF 0.13 writes its trailer (version string) where the
     * last dataset written ended, and the root group writes its children in the iteration order of a
     * {@code ConcurrentHashMap}; a tiny dataset written last under a name for which this is true keeps the trailer
     * from overwriting a group header.
     *
     * @param rootChildren the names of the other children of the root group
     * @param candidate    a name for the trailer dataset
     * @return true if {@code candidate} comes after all of {@code rootChildren} in the root group's writing order
     */
    public static boolean writtenLast(Collection<String> rootChildren, String candidate) {
        Map<String, Object> m = new ConcurrentHashMap<>();
        for (String k : rootChildren) {
            m.put(k, 0);
        }
        m.put(candidate, 1);
        String last = null;
        for (String k : m.keySet()) {
            last = k;
        }
        return candidate.equals(last);
    }

    /**
     * Copies values into a nested Java array of the given shape (jHDF's input form for a dataset).
     *
     * @param src   the values in C (row-major) order of {@code shape}
     * @param order their byte order in {@code src}
     * @param dtype their type: int8 to uint64, float32 or float64 (bool as uint8)
     * @param shape the dimensions, slowest first, at least one, each at least 1
     * @return a new {@code byte}, {@code short}, {@code int}, {@code long}, {@code float} or {@code double} array of
     *         {@code shape.length} dimensions
     * @throws IllegalStateException for complex and rgba8 types
     */
    public static Object nestedArray(MemorySegment src, ByteOrder order, DType dtype, int[] shape) {
        Class<?> comp;
        ValueLayout layout;
        switch (dtype) {
            case INT8, UINT8 -> {
                comp = byte.class;
                layout = ValueLayout.JAVA_BYTE;
            }
            case INT16, UINT16 -> {
                comp = short.class;
                layout = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order);
            }
            case INT32, UINT32 -> {
                comp = int.class;
                layout = ValueLayout.JAVA_INT_UNALIGNED.withOrder(order);
            }
            case INT64, UINT64 -> {
                comp = long.class;
                layout = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(order);
            }
            case FLOAT32 -> {
                comp = float.class;
                layout = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(order);
            }
            case FLOAT64 -> {
                comp = double.class;
                layout = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(order);
            }
            default -> throw new IllegalStateException("unsupported dtype " + dtype);
        }
        Object array = Array.newInstance(comp, shape);
        int rowLen = shape[shape.length - 1];
        long size = 1;
        for (int d : shape) {
            size *= d;
        }
        long rows = size / rowLen;
        int[] idx = new int[shape.length - 1];
        long elemBytes = layout.byteSize();
        for (long r = 0; r < rows; r++) {
            Object row = array;
            for (int k = 0; k < idx.length; k++) {
                row = Array.get(row, idx[k]);
            }
            MemorySegment.copy(src, layout, r * rowLen * elemBytes, row, 0, rowLen);
            for (int k = idx.length - 1; k >= 0; k--) {
                if (++idx[k] < shape[k]) {
                    break;
                }
                idx[k] = 0;
            }
        }
        return array;
    }

    /**
     * Writes a numeric dataset: unsigned for the uint types, contiguous or in chunks with the shuffle and deflate
     * ({@link #DEFLATE_LEVEL}) filters.
     *
     * @param g      the group
     * @param name   the dataset's name
     * @param array  the values, as {@link #nestedArray} gives them
     * @param dtype  their type (decides the HDF5 sign)
     * @param chunks the chunk dimensions, one per dimension of {@code array}, or null for contiguous storage
     */
    public static void putArray(WritableGroup g, String name, Object array, DType dtype, int[] chunks) {
        DatasetCreationOptions.Builder opts = DatasetCreationOptions.builder();
        if (dtype == DType.UINT8 || dtype == DType.UINT16 || dtype == DType.UINT32 || dtype == DType.UINT64) {
            opts.unsigned();
        }
        if (chunks != null) {
            opts.chunkDimensions(chunks).shuffle().deflate(DEFLATE_LEVEL);
        }
        g.putDataset(name, array, opts.build());
    }
}
