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
}
