package tessera.core.io;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;

/**
 * Read-only memory mappings of a file's data block, for readers that can hand a dataset its file's bytes instead of a
 * copy (uncompressed, contiguous, row-major data in a byte order {@link tessera.core.model.Dataset} understands).
 *
 * <p>A mapping made here is {@link FileChannel.MapMode#READ_ONLY} in an automatic arena ({@link Arena#ofAuto()}): the
 * pages are the operating system's page cache, read on first touch, so a cube of any size costs neither Java heap
 * ({@code -Xmx}) nor direct memory ({@code -XX:MaxDirectMemorySize}); the mapping is released when the segment is no
 * longer reachable. The segment is {@linkplain MemorySegment#isReadOnly() read-only}: writes through
 * {@link tessera.core.model.Dataset#setDouble} are refused with an exception, and the pages are mapped without write
 * permission, so nothing can change the user's file through the dataset.
 *
 * <p>Readers map only blocks of at least {@link #threshold()} bytes: small files are still copied, so that replacing
 * or truncating a small file while its dataset is open cannot affect the dataset. For a mapped dataset the file must
 * not be truncated while the dataset is used (the JVM then raises an {@link InternalError} on access).
 */
public final class FileMapping {
    /** System property: the smallest data block, in bytes, that readers map instead of copying. */
    public static final String THRESHOLD_PROPERTY = "tessera.io.mapThreshold";
    /** Default of {@link #THRESHOLD_PROPERTY}: 64 MiB. */
    public static final long DEFAULT_THRESHOLD = 64L << 20;

    private FileMapping() {
    }

    /**
     * @return the smallest block, in bytes, that {@link #shouldMap} maps: the system property
     *         {@value #THRESHOLD_PROPERTY} if it is a non-negative integer, else {@link #DEFAULT_THRESHOLD}; read at
     *         every call (so tests can set it)
     */
    public static long threshold() {
        String v = System.getProperty(THRESHOLD_PROPERTY);
        if (v != null) {
            try {
                long t = Long.parseLong(v.trim());
                if (t >= 0) {
                    return t;
                }
            } catch (NumberFormatException e) {
                // not a number: the default
            }
        }
        return DEFAULT_THRESHOLD;
    }

    /**
     * @param bytes size of a data block in bytes
     * @return whether a reader should map a block of this size rather than copy it ({@code bytes >= threshold()},
     *         and at least one byte)
     */
    public static boolean shouldMap(long bytes) {
        return bytes > 0 && bytes >= threshold();
    }

    /**
     * Maps {@code bytes} bytes of an open file read-only. The mapping stays valid after the channel is closed.
     *
     * @param ch     channel open for reading
     * @param offset byte offset of the block in the file ({@code >= 0}, any alignment)
     * @param bytes  length of the block ({@code > 0}); the file must hold {@code offset + bytes} bytes
     * @return the read-only segment, {@code bytes} long, in an automatic arena
     * @throws IllegalArgumentException if the block lies outside the file
     * @throws IOException on an I/O error (e.g. the system refuses the mapping)
     */
    public static MemorySegment mapReadOnly(FileChannel ch, long offset, long bytes) throws IOException {
        if (offset < 0 || bytes <= 0 || offset + bytes > ch.size()) {
            throw new IllegalArgumentException("block of " + bytes + " bytes at offset " + offset + " lies outside the file of " + ch.size() + " bytes");
        }
        return ch.map(FileChannel.MapMode.READ_ONLY, offset, bytes, Arena.ofAuto());
    }
}
