package tessera.core.io;

import java.io.IOException;
import java.nio.file.Path;

import tessera.core.model.Dataset;

/**
 * Writes a {@link Dataset} to a file format. Contributed through the
 * {@code tessera.core.writers} extension point. Implementations must write atomically
 * (to a temporary file in the same directory, then move it into place) so that a failure
 * never leaves a half-written file under the target name.
 */
public interface DatasetWriter {

    /**
     * Writes one dataset.
     *
     * @param dataset the dataset
     * @param file    target file; replaced if it exists
     * @throws InvalidFileException if the dataset cannot be represented in the format
     * @throws IOException on an I/O error
     */
    void write(Dataset dataset, Path file) throws IOException;

    /**
     * Writes several datasets into one file, for formats that hold more than one (HyperSpy
     * HDF5 holds one signal per {@code Experiments/<title>} group). The default accepts a
     * single dataset only.
     *
     * @param datasets datasets in order; titles ({@code metadata General.title}) should be unique
     * @param file     target file; replaced if it exists
     * @throws InvalidFileException if the format cannot hold them all
     * @throws IOException on an I/O error
     */
    default void writeAll(java.util.List<Dataset> datasets, Path file) throws IOException {
        if (datasets.size() != 1) {
            throw new InvalidFileException(file, "this format holds one dataset, not " + datasets.size());
        }
        write(datasets.get(0), file);
    }
}
