package tessera.io.hspy.hdf5;

import java.nio.file.Path;
import java.util.List;

import io.jhdf.api.Attribute;
import tessera.core.io.InvalidFileException;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
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
     * @throws InvalidFileException if the claimed size cannot be in the file or held in memory, or the type is unsupported
     */
    public static Dataset read(Path file, long fileSize, String where, io.jhdf.api.Dataset data, List<Axis> axes, Metadata md)
            throws InvalidFileException {
        return HspyReader.readData(file, fileSize, where, data, axes, md);
    }

    /**
     * An attribute's value as a metadata leaf: strings, numbers, booleans, and arrays (as lists or primitive arrays),
     * arrays above 2<sup>20</sup> elements summarised.
     *
     * @param a the attribute
     * @return the value
     */
    public static Object attributeValue(Attribute a) {
        return HdfTrees.attributeValue(a);
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
