package tessera.io.hspy.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import io.jhdf.HdfFile;

/**
 * Opens HDF5 files for jHDF so that a lying header cannot make it allocate. Given a path, jHDF 0.13 reads every object
 * header, continuation block and heap into a fresh {@code ByteBuffer.allocate(length)} of the length the file claims,
 * before it reads a byte: a truncated or bit-flipped file made it allocate 32 to 512 MiB for a 16 KiB file (issue 16,
 * found by {@code tessera.io.robustness.tests}). Over a {@link ByteBuffer} jHDF reads by slicing instead, and a read
 * beyond the end of the file fails with an {@link IllegalArgumentException} rather than allocating. So a file up to
 * {@value #MAPPED_LIMIT} bytes is opened over a read-only memory map of itself (which also spares the copy of
 * contiguous datasets); a larger one, which a {@code ByteBuffer} cannot address, is opened by path as before.
 */
final class HdfFiles {
    /** largest file opened over a memory map: a ByteBuffer's capacity is an int */
    static final long MAPPED_LIMIT = Integer.MAX_VALUE - 8;

    private HdfFiles() {
    }

    /**
     * Opens an HDF5 file for reading.
     *
     * @param file the file
     * @return the open file; close it when done (the map itself is released when it becomes unreachable)
     * @throws RuntimeException (jHDF's {@code HdfException}, {@link UncheckedIOException}, ...) if it is not a readable
     *                          HDF5 file; callers turn it into an {@code InvalidFileException}
     */
    static HdfFile open(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > MAPPED_LIMIT) {
                return new HdfFile(file);
            }
            ByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            return HdfFile.fromByteBuffer(map);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
