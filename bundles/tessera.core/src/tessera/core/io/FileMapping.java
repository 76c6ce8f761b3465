package tessera.core.io;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

import tessera.core.model.OffHeap;

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
 *
 * <p><b>Decoded data of large files.</b> Data that a reader must decode or reorder (compressed or chunked HDF5,
 * DM spectrum images stored energy-first, ...) cannot be a mapping of the file. A reader puts such data in the block
 * {@link #allocateDecoded} gives it: off-heap memory when the block is small, and for a block of at least
 * {@link #scratchThreshold()} bytes a <i>scratch mapping</i> ({@link #scratch}): a shared read-write mapping of a new
 * file in {@link #scratchDirectory()}, unlinked as soon as it is mapped. Its pages are file-backed page cache, which
 * the kernel writes back and reclaims under memory pressure, so a decoded cube larger than the memory a process may
 * use still fits; the file has no name once mapped, so nothing is left behind, whatever way the process ends; the
 * space is freed when the mapping is released (its segment unreachable). This is the "decode into a temporary
 * mapping" form of a lazy dataset (ADR 0017): decoding happens once, at reading, and every later pass reads pages.
 */
public final class FileMapping {
    /** System property: the smallest data block, in bytes, that readers map instead of copying. */
    public static final String THRESHOLD_PROPERTY = "tessera.io.mapThreshold";
    /** Default of {@link #THRESHOLD_PROPERTY}: 64 MiB. */
    public static final long DEFAULT_THRESHOLD = 64L << 20;

    /** System property: directory of scratch mappings (see {@link #scratchDirectory()}). */
    public static final String SCRATCH_DIR_PROPERTY = "tessera.io.scratchDir";
    /** Environment variable: directory of scratch mappings, when {@value #SCRATCH_DIR_PROPERTY} is not set. */
    public static final String SCRATCH_DIR_ENV = "TESSERA_SCRATCH";
    /** System property: the smallest decoded block, in bytes, that {@link #allocateDecoded} puts in a scratch mapping. */
    public static final String SCRATCH_THRESHOLD_PROPERTY = "tessera.io.scratchThreshold";
    /** Bytes a scratch mapping leaves free on its file system: 256 MiB. */
    public static final long SCRATCH_RESERVE = 256L << 20;

    private FileMapping() {
    }

    /**
     * @return the smallest decoded block, in bytes, that {@link #allocateDecoded} puts in a scratch mapping: the system
     *         property {@value #SCRATCH_THRESHOLD_PROPERTY} if it is a non-negative integer, else a quarter of the
     *         maximum Java heap ({@code Runtime.maxMemory() / 4}, 512 MiB under {@code -Xmx2g}); read at every call
     */
    public static long scratchThreshold() {
        return sizeProperty(SCRATCH_THRESHOLD_PROPERTY, Runtime.getRuntime().maxMemory() / 4);
    }

    /**
     * @param bytes size of a decoded block in bytes
     * @return whether a block of this size belongs in a scratch mapping ({@code bytes >= scratchThreshold()}, at
     *         least one byte)
     */
    public static boolean shouldDecodeToScratch(long bytes) {
        return bytes > 0 && bytes >= scratchThreshold();
    }

    /**
     * @return the directory of scratch mappings: the system property {@value #SCRATCH_DIR_PROPERTY}, else the
     *         environment variable {@value #SCRATCH_DIR_ENV}, else {@code $TESSERA_CACHE/scratch}, else
     *         {@code ~/.cache/tessera/scratch} (the user's cache, on disk; {@code /tmp} is memory on many systems,
     *         which would defeat the purpose)
     */
    public static Path scratchDirectory() {
        String p = System.getProperty(SCRATCH_DIR_PROPERTY);
        if (p == null || p.isBlank()) {
            p = System.getenv(SCRATCH_DIR_ENV);
        }
        if (p != null && !p.isBlank()) {
            return Path.of(p);
        }
        String cache = System.getenv("TESSERA_CACHE");
        return cache != null && !cache.isBlank() ? Path.of(cache, "scratch") : Path.of(System.getProperty("user.home"), ".cache", "tessera", "scratch");
    }

    /**
     * A zero-filled, writable block for data a reader decodes from {@code source}: {@link OffHeap} memory (an
     * automatic arena, 16-byte aligned) below {@link #scratchThreshold()} bytes, else a {@linkplain #scratch scratch
     * mapping}.
     *
     * @param source the file being read (named in errors)
     * @param bytes  size of the block, {@code >= 0}
     * @return the block, released when unreachable
     * @throws IOException if a scratch mapping is needed and cannot be made (see {@link #scratch})
     */
    public static MemorySegment allocateDecoded(Path source, long bytes) throws IOException {
        return shouldDecodeToScratch(bytes) ? scratch(source, bytes) : OffHeap.allocate(Arena.ofAuto(), bytes, 16);
    }

    /**
     * Makes a scratch mapping: a new file of {@code bytes} bytes (sparse, so zero-filled) in
     * {@link #scratchDirectory()}, owner-only, mapped {@link FileChannel.MapMode#READ_WRITE} in an automatic arena and
     * then deleted, so that only the mapping holds it. Before creating it, the file system must have {@code bytes} plus
     * {@link #SCRATCH_RESERVE} usable bytes. (Should the file system fill up regardless, by another process, a write to
     * a page without disk space raises the JVM's {@link InternalError} for a faulted mapped access.)
     *
     * @param source the file whose data will be decoded into it (named in errors)
     * @param bytes  size, {@code > 0}
     * @return the writable segment, page-aligned, {@code bytes} long
     * @throws IOException naming {@code source}, the size and the directory, if the directory cannot be made or lacks
     *                     the space, or the mapping is refused
     */
    public static MemorySegment scratch(Path source, long bytes) throws IOException {
        if (bytes <= 0) {
            throw new IllegalArgumentException("scratch mapping of " + bytes + " bytes");
        }
        Path dir = scratchDirectory();
        try {
            Files.createDirectories(dir);
            long free = Files.getFileStore(dir).getUsableSpace();
            if (free - SCRATCH_RESERVE < bytes) {
                throw new IOException(source + ": its decoded data (" + gib(bytes) + ") need scratch space, but " + dir + " has only " + gib(free)
                        + " free (set " + SCRATCH_DIR_ENV + " to a directory on a larger disk)");
            }
            Path f = Files.createTempFile(dir, "decoded-", ".tmp");
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.allocate(1), bytes - 1); // sets the length; the file stays sparse
                return ch.map(FileChannel.MapMode.READ_WRITE, 0, bytes, Arena.ofAuto());
            } finally {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            if (m.startsWith(source.toString())) {
                throw e;
            }
            if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() == null) {
                m = e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT) + ": " + m;
            }
            throw new IOException(source + ": cannot make a scratch mapping of " + gib(bytes) + " in " + dir + " for its decoded data: " + m, e);
        }
    }

    /** A system property read as a non-negative byte count, else {@code otherwise}. */
    private static long sizeProperty(String name, long otherwise) {
        String v = System.getProperty(name);
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
        return otherwise;
    }

    private static String gib(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }

    /**
     * @return the smallest block, in bytes, that {@link #shouldMap} maps: the system property
     *         {@value #THRESHOLD_PROPERTY} if it is a non-negative integer, else {@link #DEFAULT_THRESHOLD}; read at
     *         every call (so tests can set it)
     */
    public static long threshold() {
        return sizeProperty(THRESHOLD_PROPERTY, DEFAULT_THRESHOLD);
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
