package tessera.io.tia.internal;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import tessera.core.io.InvalidFileException;

/**
 * Bounds-checked little-endian reads from a read-only memory map of a file. Every read first
 * checks that the requested bytes lie inside the file and otherwise throws an
 * {@link InvalidFileException} naming the file, the offset and what was being read, so a
 * corrupt offset never reaches the map. Owned by one thread; {@link #close()} unmaps.
 */
final class Bin implements AutoCloseable {
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private final Path file;
    private final Arena arena;
    private final MemorySegment map;
    private final long size;

    /**
     * Maps a file.
     *
     * @param file the file
     * @throws IOException if it cannot be opened or mapped
     */
    Bin(Path file) throws IOException {
        this.file = file;
        this.arena = Arena.ofConfined();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            this.size = ch.size();
            this.map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** Unmaps the file; segments read before stay valid (they are copies). */
    @Override
    public void close() {
        arena.close();
    }

    /** @return the file size in bytes */
    long size() {
        return size;
    }

    /** @return the file (for messages) */
    Path file() {
        return file;
    }

    /**
     * Checks that {@code [off, off+len)} lies inside the file.
     *
     * @param off  offset, may be negative (refused)
     * @param len  byte count, may be negative (refused)
     * @param what what is read there, for the message
     * @throws InvalidFileException if the range is outside the file
     */
    void check(long off, long len, String what) throws InvalidFileException {
        if (off < 0 || len < 0 || off > size || len > size - off) {
            throw new InvalidFileException(file, what + " at offset " + Long.toUnsignedString(off) + " (" + len
                    + " bytes) lies outside the file (" + size + " bytes; truncated file or corrupt offset)");
        }
    }

    /** @return the unsigned 16-bit value at {@code off} */
    int u16(long off, String what) throws IOException {
        check(off, 2, what);
        return Short.toUnsignedInt(map.get(U16, off));
    }

    /** @return the unsigned 32-bit value at {@code off} */
    long u32(long off, String what) throws IOException {
        check(off, 4, what);
        return Integer.toUnsignedLong(map.get(U32, off));
    }

    /** @return the unsigned 64-bit value at {@code off}, refused when above {@link Long#MAX_VALUE} */
    long u64(long off, String what) throws IOException {
        check(off, 8, what);
        long v = map.get(U64, off);
        if (v < 0) {
            throw new InvalidFileException(file, what + " at offset " + off + " is " + Long.toUnsignedString(v) + ", beyond any file size");
        }
        return v;
    }

    /** @return the IEEE binary64 value at {@code off} */
    double f64(long off, String what) throws IOException {
        check(off, 8, what);
        return map.get(F64, off);
    }

    /**
     * Reads {@code len} bytes.
     *
     * @param off  offset
     * @param len  byte count ({@code <= Integer.MAX_VALUE - 8})
     * @param what for the message
     * @return the bytes
     * @throws IOException if outside the file
     */
    byte[] bytes(long off, long len, String what) throws IOException {
        check(off, len, what);
        if (len > Integer.MAX_VALUE - 8) {
            throw new InvalidFileException(file, what + " at offset " + off + " claims " + len + " bytes, more than this reader supports");
        }
        return map.asSlice(off, len).toArray(ValueLayout.JAVA_BYTE);
    }

    /**
     * Copies {@code dst.byteSize()} bytes at {@code off} into a memory segment.
     *
     * @param off  offset in the file
     * @param dst  destination
     * @param what for the message
     * @throws IOException if outside the file
     */
    void read(long off, MemorySegment dst, String what) throws IOException {
        check(off, dst.byteSize(), what);
        MemorySegment.copy(map, off, dst, 0, dst.byteSize());
    }
}
