package tessera.io.tia.internal;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

import tessera.core.io.InvalidFileException;

/**
 * Bounds-checked little-endian positional reads from a file channel. Every read first checks
 * that the requested bytes lie inside the file and otherwise throws an
 * {@link InvalidFileException} naming the file, the offset and what was being read, so a
 * corrupt offset never reaches the channel (no exception but {@code InvalidFileException} or
 * {@link IOException} for real I/O errors).
 */
final class Bin {
    private final Path file;
    private final FileChannel ch;
    private final long size;
    private final ByteBuffer small = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);

    /**
     * @param file the file (for messages)
     * @param ch   open channel on it
     * @throws IOException if the size cannot be queried
     */
    Bin(Path file, FileChannel ch) throws IOException {
        this.file = file;
        this.ch = ch;
        this.size = ch.size();
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

    private ByteBuffer fill(long off, int len, String what) throws IOException {
        check(off, len, what);
        small.clear().limit(len);
        long p = off;
        while (small.hasRemaining()) {
            int n = ch.read(small, p);
            if (n < 0) {
                throw new InvalidFileException(file, what + " at offset " + off + ": unexpected end of file");
            }
            p += n;
        }
        return small.flip();
    }

    int u16(long off, String what) throws IOException {
        return Short.toUnsignedInt(fill(off, 2, what).getShort());
    }

    long u32(long off, String what) throws IOException {
        return Integer.toUnsignedLong(fill(off, 4, what).getInt());
    }

    /** @return the unsigned 64-bit value, refused when above {@link Long#MAX_VALUE} */
    long u64(long off, String what) throws IOException {
        long v = fill(off, 8, what).getLong();
        if (v < 0) {
            throw new InvalidFileException(file, what + " at offset " + off + " is " + Long.toUnsignedString(v) + ", beyond any file size");
        }
        return v;
    }

    double f64(long off, String what) throws IOException {
        return fill(off, 8, what).getDouble();
    }

    /**
     * Reads {@code len} bytes.
     *
     * @param off  offset
     * @param len  byte count ({@code <= Integer.MAX_VALUE - 8})
     * @param what for the message
     * @return the bytes
     * @throws IOException if outside the file or on an I/O error
     */
    byte[] bytes(long off, long len, String what) throws IOException {
        check(off, len, what);
        if (len > Integer.MAX_VALUE - 8) {
            throw new InvalidFileException(file, what + " at offset " + off + " claims " + len + " bytes, more than this reader supports");
        }
        byte[] b = new byte[(int) len];
        readFully(ByteBuffer.wrap(b), off, what);
        return b;
    }

    /**
     * Reads {@code dst.byteSize()} bytes at {@code off} into a memory segment.
     *
     * @param off  offset in the file
     * @param dst  destination
     * @param what for the message
     * @throws IOException if outside the file or on an I/O error
     */
    void read(long off, MemorySegment dst, String what) throws IOException {
        check(off, dst.byteSize(), what);
        long done = 0;
        final long chunk = 1L << 26;
        while (done < dst.byteSize()) {
            long n = Math.min(chunk, dst.byteSize() - done);
            readFully(dst.asSlice(done, n).asByteBuffer(), off + done, what);
            done += n;
        }
    }

    private void readFully(ByteBuffer b, long off, String what) throws IOException {
        long p = off;
        while (b.hasRemaining()) {
            int n = ch.read(b, p);
            if (n < 0) {
                throw new InvalidFileException(file, what + " at offset " + off + ": unexpected end of file");
            }
            p += n;
        }
    }
}
