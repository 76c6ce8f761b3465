package tessera.io.tiff.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tessera.core.io.InvalidFileException;

/**
 * The structure of a TIFF or BigTIFF file: its byte order and the chain of image file
 * directories (IFDs), each a map of tag number to {@link Tag}. Follows the TIFF 6.0
 * specification (Adobe, 1992), sections 2 ("TIFF Structure") and 7-8, and the BigTIFF
 * extension (magic 43, 8-byte offsets, entry types LONG8/SLONG8/IFD8; AWare Systems,
 * "BigTIFF file format", https://www.awaresystems.be/imaging/tiff/bigtiff.html).
 *
 * <p>Every offset and count is checked against the file size before it is followed; the
 * IFD chain is followed at most {@link #MAX_PAGES} times and never twice through the same
 * offset, so a looping or lying file ends in {@link InvalidFileException}, never a hang.
 * A tag whose value lies outside the file is recorded as broken ({@link Tag#valid} false):
 * it is an error only when a reader needs that tag.
 */
final class TiffStructure {
    /** Most IFDs (pages) followed. */
    static final int MAX_PAGES = 1_000_000;

    final Path file;
    final MemorySegment seg;
    final long size;
    final ByteOrder order;
    final boolean big;
    final List<Map<Integer, Tag>> ifds = new ArrayList<>();

    /**
     * One directory entry.
     *
     * @param tag    tag number
     * @param type   field type (1 BYTE .. 12 DOUBLE, 13 IFD, 16 LONG8, 17 SLONG8, 18 IFD8)
     * @param count  number of values
     * @param pos    absolute file position of the first value byte
     * @param valid  false when the value bytes lie (partly) outside the file or the type is unknown
     */
    record Tag(int tag, int type, long count, long pos, boolean valid) {
    }

    private TiffStructure(Path file, MemorySegment seg, ByteOrder order, boolean big) {
        this.file = file;
        this.seg = seg;
        this.size = seg.byteSize();
        this.order = order;
        this.big = big;
    }

    /** @return bytes per value of a field type, 0 for unknown types */
    static int typeSize(int type) {
        return switch (type) {
            case 1, 2, 6, 7 -> 1;
            case 3, 8 -> 2;
            case 4, 9, 11, 13 -> 4;
            case 5, 10, 12, 16, 17, 18 -> 8;
            default -> 0;
        };
    }

    /**
     * Parses the header and every IFD of the chain.
     *
     * @param file the file (for messages)
     * @param seg  its content
     * @return the structure
     * @throws InvalidFileException on a bad header, an IFD outside the file, a loop, or no IFD at all
     */
    static TiffStructure parse(Path file, MemorySegment seg) throws InvalidFileException {
        if (seg.byteSize() < 8) {
            throw new InvalidFileException(file, "too short for a TIFF header (" + seg.byteSize() + " bytes)");
        }
        byte b0 = seg.get(ValueLayout.JAVA_BYTE, 0), b1 = seg.get(ValueLayout.JAVA_BYTE, 1);
        ByteOrder order;
        if (b0 == 'I' && b1 == 'I') {
            order = ByteOrder.LITTLE_ENDIAN;
        } else if (b0 == 'M' && b1 == 'M') {
            order = ByteOrder.BIG_ENDIAN;
        } else {
            throw new InvalidFileException(file, "not a TIFF file (byte-order mark " + hex(b0) + " " + hex(b1) + ", expected II or MM)");
        }
        TiffStructure t = new TiffStructure(file, seg, order, false);
        int magic = t.u16(2);
        long first;
        TiffStructure s;
        if (magic == 42) {
            s = t;
            first = t.u32(4);
        } else if (magic == 43) {
            s = new TiffStructure(file, seg, order, true);
            if (seg.byteSize() < 16) {
                throw new InvalidFileException(file, "too short for a BigTIFF header (" + seg.byteSize() + " bytes)");
            }
            int osize = s.u16(4);
            if (osize != 8 || s.u16(6) != 0) {
                throw new InvalidFileException(file, "BigTIFF header declares offset size " + osize + " (only 8 is defined)");
            }
            first = s.u64(8);
        } else {
            throw new InvalidFileException(file, "not a TIFF file (version " + magic + ", expected 42, or 43 for BigTIFF)");
        }
        s.readChain(first);
        return s;
    }

    private void readChain(long first) throws InvalidFileException {
        Set<Long> seen = new HashSet<>();
        long off = first;
        while (off != 0) {
            if (!seen.add(off)) {
                if (ifds.isEmpty()) {
                    throw new InvalidFileException(file, "the IFD chain loops back to offset " + off);
                }
                break; // a loop after valid pages: stop, as tifffile does
            }
            if (ifds.size() >= MAX_PAGES) {
                throw new InvalidFileException(file, "more than " + MAX_PAGES + " image directories");
            }
            int hsize = big ? 8 : 2;
            if (off < 0 || off > size - hsize) {
                if (ifds.isEmpty()) {
                    throw new InvalidFileException(file, "first image directory at offset " + Long.toUnsignedString(off)
                            + " lies outside the " + size + "-byte file");
                }
                break; // a broken link after valid pages: keep the pages read (tifffile does the same)
            }
            long n = big ? u64(off) : u16(off);
            int esize = big ? 20 : 12;
            long end = off + hsize + n * esize + (big ? 8 : 4);
            if (n < 0 || n > (size / esize) || end > size) {
                if (ifds.isEmpty()) {
                    throw new InvalidFileException(file, "image directory at offset " + off + " claims " + n
                            + " entries, more than the file holds");
                }
                break;
            }
            if (n == 0 && ifds.isEmpty()) {
                throw new InvalidFileException(file, "the first image directory is empty");
            }
            Map<Integer, Tag> tags = new LinkedHashMap<>();
            for (long i = 0; i < n; i++) {
                long e = off + hsize + i * esize;
                int tag = u16(e);
                int type = u16(e + 2);
                long count = big ? u64(e + 4) : u32(e + 4);
                long vfield = e + (big ? 12 : 8);
                int ts = typeSize(type);
                boolean valid = ts > 0 && count >= 0 && count <= size;
                long pos = vfield;
                if (valid) {
                    long bytes = count * ts;
                    if (bytes > (big ? 8 : 4)) {
                        pos = big ? u64(vfield) : u32(vfield);
                        valid = pos >= 0 && pos <= size && bytes <= size - pos;
                    }
                }
                tags.putIfAbsent(tag, new Tag(tag, type, count, pos, valid));
            }
            ifds.add(tags);
            off = big ? u64(end - 8) : u32(end - 4);
        }
        if (ifds.isEmpty()) {
            throw new InvalidFileException(file, "the file has no image directory");
        }
    }

    int u16(long pos) {
        return Short.toUnsignedInt(seg.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order), pos));
    }

    long u32(long pos) {
        return Integer.toUnsignedLong(seg.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(order), pos));
    }

    long u64(long pos) {
        return seg.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(order), pos);
    }

    /**
     * Integer values of a tag (BYTE, SHORT, LONG, their signed forms, LONG8, IFD types).
     *
     * @param t the tag
     * @param what the tag's name, for messages
     * @return the values
     * @throws InvalidFileException if the tag is broken or not of an integer type
     */
    long[] longs(Tag t, String what) throws InvalidFileException {
        check(t, what);
        if (t.count > Integer.MAX_VALUE - 8) {
            throw new InvalidFileException(file, what + " has " + t.count + " values, too many");
        }
        long[] v = new long[(int) t.count];
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (t.type) {
                case 1, 7 -> Byte.toUnsignedLong(seg.get(ValueLayout.JAVA_BYTE, t.pos + i));
                case 6 -> seg.get(ValueLayout.JAVA_BYTE, t.pos + i);
                case 3 -> u16(t.pos + 2L * i);
                case 8 -> (short) u16(t.pos + 2L * i);
                case 4, 13 -> u32(t.pos + 4L * i);
                case 9 -> (int) u32(t.pos + 4L * i);
                case 16, 17, 18 -> u64(t.pos + 8L * i);
                default -> throw new InvalidFileException(file, what + " has field type " + t.type + ", not an integer type");
            };
        }
        return v;
    }

    /**
     * Numeric values of a tag as doubles (rationals divided out; a zero denominator gives NaN or infinity).
     *
     * @param t the tag
     * @param what its name
     * @return the values
     * @throws InvalidFileException if the tag is broken or not numeric
     */
    double[] doubles(Tag t, String what) throws InvalidFileException {
        check(t, what);
        if (t.type == 5 || t.type == 10) {
            long[] r = rationals(t, what);
            double[] v = new double[r.length / 2];
            for (int i = 0; i < v.length; i++) {
                v[i] = (double) r[2 * i] / (double) r[2 * i + 1];
            }
            return v;
        }
        if (t.type == 11 || t.type == 12) {
            double[] v = new double[(int) Math.min(t.count, Integer.MAX_VALUE - 8)];
            for (int i = 0; i < v.length; i++) {
                v[i] = t.type == 11 ? seg.get(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(order), t.pos + 4L * i)
                        : seg.get(ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(order), t.pos + 8L * i);
            }
            return v;
        }
        long[] l = longs(t, what);
        double[] v = new double[l.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = t.type == 16 && l[i] < 0 ? Math.scalb((double) (l[i] >>> 1), 1) : l[i];
        }
        return v;
    }

    /**
     * A RATIONAL/SRATIONAL tag as (numerator, denominator) pairs.
     *
     * @param t the tag
     * @param what its name
     * @return 2*count values
     * @throws InvalidFileException if broken or not rational
     */
    long[] rationals(Tag t, String what) throws InvalidFileException {
        check(t, what);
        if (t.type != 5 && t.type != 10) {
            throw new InvalidFileException(file, what + " has field type " + t.type + ", not RATIONAL");
        }
        long[] r = new long[(int) Math.min(2 * t.count, Integer.MAX_VALUE - 8)];
        for (int i = 0; i < r.length; i++) {
            long v = u32(t.pos + 4L * i);
            r[i] = t.type == 10 ? (int) v : v;
        }
        return r;
    }

    /**
     * An ASCII (or BYTE/UNDEFINED) tag as text: ISO-8859-1, cut at the first NUL (as tifffile's
     * {@code stripnull} and {@code bytes2str}), trailing whitespace kept.
     *
     * @param t the tag
     * @param what its name
     * @return the text
     * @throws InvalidFileException if broken
     */
    String text(Tag t, String what) throws InvalidFileException {
        check(t, what);
        if (typeSize(t.type) != 1) {
            throw new InvalidFileException(file, what + " has field type " + t.type + ", not ASCII");
        }
        byte[] b = seg.asSlice(t.pos, t.count).toArray(ValueLayout.JAVA_BYTE);
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.ISO_8859_1);
    }

    private void check(Tag t, String what) throws InvalidFileException {
        if (!t.valid) {
            throw new InvalidFileException(file, what + " (tag " + t.tag + ") has " + t.count + " values of type " + t.type
                    + " at offset " + Long.toUnsignedString(t.pos) + ", outside the " + size + "-byte file or of an unknown type");
        }
    }

    private static String hex(byte b) {
        return String.format("%02x", b & 0xff);
    }
}
