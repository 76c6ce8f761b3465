package tessera.core.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import tessera.core.model.Dataset;

/**
 * Reads a file format into {@link Dataset}s. Contributed through the
 * {@code tessera.core.readers} extension point (attributes {@code id}, {@code name},
 * {@code class}, {@code extensions}, optional {@code magic}, {@code priority},
 * {@code specification}). Implementations need a public no-argument constructor and must
 * be thread-safe (stateless).
 *
 * <p>Contract: a reader returns every dataset it finds with calibrated axes (navigation
 * first, signal last) and metadata in HyperSpy's keys ({@link tessera.core.model.Metadata}).
 * On bad input it throws {@link InvalidFileException} naming the file and the problem; it
 * never allocates more than the file can hold (see {@link InvalidFileException#checkPayload}).
 */
public interface DatasetReader {

    /**
     * Reads all datasets of a file.
     *
     * @param file the file
     * @return the datasets, at least one
     * @throws InvalidFileException if the content is invalid, truncated or unsupported
     * @throws IOException on an I/O error
     */
    List<Dataset> read(Path file) throws IOException;

    /**
     * The options this reader takes (e.g. a BCF's downsampling and energy cut-off), with types, defaults, ranges and
     * units. The default: none.
     *
     * @return the option specifications
     */
    default List<tessera.core.analysis.ParameterSpec> options() {
        return List.of();
    }

    /**
     * Reads all datasets of a file with the given options ({@link #options()}, validated). The default ignores them,
     * which is right for a reader that declares none.
     *
     * @param file    the file
     * @param options the options, defaults filled in
     * @return the datasets, at least one
     * @throws InvalidFileException if the content is invalid, truncated or unsupported
     * @throws IOException on an I/O error
     */
    default List<Dataset> read(Path file, tessera.core.analysis.Parameters options) throws IOException {
        return read(file);
    }

    /**
     * Describes all datasets of a file (type, axes, metadata) in the order {@link #read} returns them, for listings
     * such as {@code tessera info}. The default reads the file and describes what it read; a reader that can tell
     * the shapes and metadata from the file's headers alone (HDF5-based formats) overrides it so that a large file is
     * not decoded. A file whose header reads may still fail to {@link #read} (e.g. a corrupt data block further on).
     *
     * @param file    the file
     * @param options the options, defaults filled in (as for {@link #read(Path, tessera.core.analysis.Parameters)})
     * @return one header per dataset, at least one
     * @throws InvalidFileException if the content is invalid, truncated or unsupported
     * @throws IOException on an I/O error
     */
    default List<DatasetHeader> describe(Path file, tessera.core.analysis.Parameters options) throws IOException {
        return read(file, options).stream().map(DatasetHeader::of).toList();
    }

    /**
     * Refines the magic-number match declared in the contribution: given the first bytes
     * of a file, says whether this reader can read it. The default accepts anything (the
     * declared magic or extension decides).
     *
     * @param file the file
     * @param head up to the first 512 bytes of the file
     * @return true if the reader recognises the content
     */
    default boolean sniff(Path file, byte[] head) {
        return true;
    }
}
