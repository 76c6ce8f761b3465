package tessera.io.gatan.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tessera.core.io.InvalidFileException;

/**
 * Parses the tag tree of a DigitalMicrograph DM3 or DM4 file into nested maps.
 *
 * <p><b>Format</b> (C. Boothroyd, "Gatan DigitalMicrograph file format", and B. Schaffer's DM4
 * description; the same layout as read by HyperSpy's {@code digital_micrograph} plugin and
 * RosettaSciIO's {@code rsciio/digitalmicrograph/_api.py}): a header of big-endian words
 * {@code version} (3 or 4), {@code file size} (4 bytes in DM3, 8 in DM4) and {@code byte order}
 * (1 = tag values little-endian), then the root tag group: {@code sorted} (1 byte), {@code open}
 * (1 byte), {@code tag count} (4/8 bytes). Each tag is {@code kind} (20 = group, 21 = data),
 * name length (2 bytes), name, in DM4 the tag's byte length (8 bytes), and then either a
 * group's header and tags, or the {@code %%%%} delimiter, the length of an "info" array of
 * 4/8-byte words giving the encoding (simple type, string 18, struct 15, array 20 of simple
 * types, structs or strings) and the values. Lengths and encodings are big-endian; values use
 * the header's byte order.
 *
 * <p>Values become: integer types {@code Integer}/{@code Long}, float and double {@code Double},
 * bool {@code Boolean}, structs {@code List} of their fields, arrays of uint16 text
 * {@code String} (as DigitalMicrograph stores strings), other numeric arrays {@code long[]} or
 * {@code double[]}, empty arrays an empty {@code List}. Unnamed tags are called
 * {@code Data<i>} and {@code TagGroup<i>} as HyperSpy names them. The data array of an image
 * ({@code ImageData.Data}) is not read but described by a map {@code size} (elements),
 * {@code endian}, {@code size_bytes}, {@code offset} (file position), again as in HyperSpy.
 *
 * <p>Every length is checked against the bytes left in the file before anything is allocated
 * or skipped, so a truncated or corrupt tree fails with {@link InvalidFileException} instead of
 * looping or running out of memory. Not thread-safe: one parser per file.
 */
final class DmTagParser {
    /** maximum nesting of tag groups; real files use fewer than 20 levels */
    static final int MAX_DEPTH = 128;

    private final Path file;
    private final MemorySegment seg;
    private final long size;
    private long pos;
    private int version;
    private boolean little;

    /**
     * @param file the file (for messages)
     * @param seg  the file's bytes (a read-only mapping)
     */
    DmTagParser(Path file, MemorySegment seg) {
        this.file = file;
        this.seg = seg;
        this.size = seg.byteSize();
    }

    /** @return 3 or 4, after {@link #parse()} */
    int version() {
        return version;
    }

    /** @return byte order of tag values and image data */
    ByteOrder order() {
        return little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    }

    /**
     * Parses header and tag tree.
     *
     * @return the root group
     * @throws InvalidFileException on a wrong header, a truncated or corrupt tree
     */
    Map<String, Object> parse() throws InvalidFileException {
        if (size == 0) {
            throw new InvalidFileException(file, "empty file");
        }
        if (size < 16) {
            throw new InvalidFileException(file, "too short for a DigitalMicrograph header (" + size + " bytes)");
        }
        version = (int) beInt(4);
        if (version != 3 && version != 4) {
            throw new InvalidFileException(file, "not a DigitalMicrograph DM3/DM4 file (version word " + version + ", expected 3 or 4)");
        }
        word(); // file size as written; files are often copied with a different length, so it is not trusted
        long order = beInt(4);
        if (order != 0 && order != 1) {
            throw new InvalidFileException(file, "invalid byte-order flag " + order + " in the DigitalMicrograph header");
        }
        little = order == 1;
        Map<String, Object> root = new LinkedHashMap<>();
        u8(); // sorted
        u8(); // open
        long n = word();
        parseTags(n, "root", root, 0);
        return root;
    }

    private InvalidFileException truncated(String what) {
        return new InvalidFileException(file, "truncated or corrupt tag tree: " + what + " at offset " + pos + " runs past the end of the file (" + size + " bytes)");
    }

    private void need(long n, String what) throws InvalidFileException {
        if (n < 0 || n > size - pos) {
            throw truncated(what);
        }
    }

    private int u8() throws InvalidFileException {
        need(1, "a tag header");
        return Byte.toUnsignedInt(seg.get(ValueLayout.JAVA_BYTE, pos++));
    }

    /** Big-endian signed integer of 4 or 8 bytes. */
    private long beInt(int bytes) throws InvalidFileException {
        need(bytes, "a length field");
        long v;
        if (bytes == 8) {
            v = seg.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), pos);
        } else {
            v = seg.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), pos);
        }
        pos += bytes;
        return v;
    }

    /** A length/encoding word: 4 bytes in DM3, 8 in DM4. */
    private long word() throws InvalidFileException {
        return beInt(version == 4 ? 8 : 4);
    }

    private int wordSize() {
        return version == 4 ? 8 : 4;
    }

    private static String decode(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return new String(b, StandardCharsets.ISO_8859_1); // DM writes some names in Latin-1
        }
    }

    private String bytesString(long n, String what) throws InvalidFileException {
        need(n, what);
        byte[] b = seg.asSlice(pos, n).toArray(ValueLayout.JAVA_BYTE);
        pos += n;
        return decode(b);
    }

    private void parseTags(long ntags, String groupName, Map<String, Object> group, int depth) throws InvalidFileException {
        if (depth > MAX_DEPTH) {
            throw new InvalidFileException(file, "tag groups nested deeper than " + MAX_DEPTH + " levels at offset " + pos + " (corrupt tag tree)");
        }
        // every tag takes at least 3 bytes (kind and name length), which bounds a lying count
        if (ntags < 0 || ntags > (size - pos) / 3) {
            throw new InvalidFileException(file, "tag group '" + groupName + "' claims " + ntags + " tags at offset " + pos
                    + ", more than the remaining " + (size - pos) + " bytes can hold (truncated file or corrupt tag tree)");
        }
        int unnamedData = 0;
        int unnamedGroups = 0;
        for (long t = 0; t < ntags; t++) {
            long tagStart = pos;
            int kind = u8();
            need(2, "a tag name length");
            int nameLen = Short.toUnsignedInt(seg.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), pos));
            pos += 2;
            String name = bytesString(nameLen, "a tag name");
            if (kind == 21) {
                if (name.isEmpty()) {
                    name = "Data" + unnamedData++;
                }
                if (version == 4) {
                    beInt(8); // tag length
                }
                need(4, "a data tag delimiter");
                if (seg.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), pos) != 0x25252525) {
                    throw new InvalidFileException(file, "data tag '" + name + "' at offset " + tagStart + " lacks its %%%% delimiter (corrupt tag tree)");
                }
                pos += 4;
                boolean skip = groupName.equals("ImageData") && name.equals("Data");
                group.put(name, readData(name, skip));
            } else if (kind == 20) {
                if (name.isEmpty()) {
                    name = "TagGroup" + unnamedGroups++;
                }
                if (version == 4) {
                    beInt(8); // tag length
                }
                u8(); // sorted
                u8(); // open
                long n = word();
                Map<String, Object> sub = new LinkedHashMap<>();
                group.put(name, sub);
                parseTags(n, name, sub, depth + 1);
            } else {
                throw new InvalidFileException(file, "unknown tag kind " + kind + " at offset " + tagStart + " (expected 20 = group or 21 = data; corrupt tag tree)");
            }
        }
    }

    /** Bytes of one element of a simple type, or -1 if the type is not simple. */
    static int simpleSize(long type) {
        return switch ((int) type) {
            case 2, 4 -> 2;
            case 3, 5, 6 -> 4;
            case 7, 11, 12 -> 8;
            case 8, 9, 10 -> 1;
            default -> -1;
        };
    }

    private Object readData(String name, boolean skip) throws InvalidFileException {
        long ninfo = word();
        if (ninfo < 1 || ninfo > (size - pos) / wordSize()) {
            throw new InvalidFileException(file, "data tag '" + name + "' has an encoding of " + ninfo + " words at offset " + pos + " (truncated file or corrupt tag tree)");
        }
        long[] info = new long[(int) ninfo];
        for (int i = 0; i < info.length; i++) {
            info[i] = word();
        }
        long type = info[0];
        if (ninfo == 1) {
            if (simpleSize(type) < 0) {
                throw badEncoding(name, info);
            }
            return readSimple(type);
        }
        if (ninfo == 2) {
            if (type != 18) {
                throw badEncoding(name, info);
            }
            return bytesString(info[1], "string tag '" + name + "'");
        }
        if (ninfo == 3) {
            if (type != 20 || simpleSize(info[1]) < 0) {
                throw badEncoding(name, info);
            }
            return readArray(name, info[1], info[2], skip);
        }
        if (type == 15) {
            long[] fields = structFields(name, info, 1);
            if (2 + 2 * fields.length + 1 != ninfo) {
                throw badEncoding(name, info);
            }
            return readStruct(fields);
        }
        if (type == 20) {
            long el = info[1];
            if (el == 15) {
                long[] fields = structFields(name, info, 2);
                int lenAt = 2 + 2 + 2 * fields.length;
                if (lenAt != ninfo - 1) {
                    throw badEncoding(name, info);
                }
                long count = info[lenAt];
                long bytes = 0;
                for (long f : fields) {
                    bytes += simpleSize(f);
                }
                checkArray(name, count, bytes);
                if (skip) {
                    return skipped(count, count * bytes);
                }
                List<Object> out = new ArrayList<>((int) count);
                for (long i = 0; i < count; i++) {
                    out.add(readStruct(fields));
                }
                return out;
            }
            if (el == 18 && ninfo == 4) {
                long len = info[2];
                long count = info[3];
                checkArray(name, count, len);
                if (skip) {
                    return skipped(count, count * len);
                }
                List<Object> out = new ArrayList<>((int) count);
                for (long i = 0; i < count; i++) {
                    out.add(bytesString(len, "string array tag '" + name + "'"));
                }
                return out;
            }
            if (el == 20 && ninfo == 5 && simpleSize(info[2]) > 0) {
                // array of arrays: HyperSpy 1.7.3 cannot read it either; skip it, keeping a description
                long count = info[4];
                long inner = info[3];
                long elBytes = simpleSize(info[2]);
                if (inner < 0 || (inner > 0 && elBytes > Long.MAX_VALUE / inner)) {
                    throw badEncoding(name, info);
                }
                checkArray(name, count, inner * elBytes);
                pos += count * inner * elBytes;
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("size", count);
                m.put("element_size", inner);
                m.put("element_type", info[2]);
                return m;
            }
        }
        throw badEncoding(name, info);
    }

    private InvalidFileException badEncoding(String name, long[] info) {
        return new InvalidFileException(file, "data tag '" + name + "' has an unsupported or corrupt encoding "
                + java.util.Arrays.toString(info.length > 12 ? java.util.Arrays.copyOf(info, 12) : info) + " before offset " + pos);
    }

    /** Field types of a struct definition starting at {@code info[at]} (name length, field count, pairs). */
    private long[] structFields(String name, long[] info, int at) throws InvalidFileException {
        if (info.length < at + 2) {
            throw badEncoding(name, info);
        }
        long n = info[at + 1];
        if (n < 0 || at + 2 + 2 * n > info.length) {
            throw badEncoding(name, info);
        }
        long[] f = new long[(int) n];
        for (int i = 0; i < n; i++) {
            f[i] = info[at + 2 + 2 * i + 1];
            if (simpleSize(f[i]) < 0) {
                throw badEncoding(name, info);
            }
        }
        return f;
    }

    private void checkArray(String name, long count, long elementBytes) throws InvalidFileException {
        if (count < 0 || elementBytes < 0 || (elementBytes > 0 && count > Long.MAX_VALUE / elementBytes)) {
            throw new InvalidFileException(file, "array tag '" + name + "' claims an overflowing size (" + count + " elements) at offset " + pos);
        }
        long bytes = count * elementBytes;
        if (bytes > size - pos) {
            throw new InvalidFileException(file, "array tag '" + name + "' claims " + count + " elements (" + bytes
                    + " bytes) at offset " + pos + " but only " + (size - pos) + " bytes are left (truncated file or corrupt header)");
        }
        if (count > Integer.MAX_VALUE - 8 && !name.equals("Data")) {
            throw new InvalidFileException(file, "array tag '" + name + "' has " + count + " elements, too many for a metadata array");
        }
    }

    private Map<String, Object> skipped(long count, long bytes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("size", count);
        m.put("endian", little ? "little" : "big");
        m.put("size_bytes", bytes);
        m.put("offset", pos);
        pos += bytes;
        return m;
    }

    private List<Object> readStruct(long[] fields) throws InvalidFileException {
        List<Object> l = new ArrayList<>(fields.length);
        for (long f : fields) {
            l.add(readSimple(f));
        }
        return l;
    }

    private Object readSimple(long type) throws InvalidFileException {
        int n = simpleSize(type);
        need(n, "a tag value");
        ByteOrder o = order();
        long p = pos;
        pos += n;
        return switch ((int) type) {
            case 2 -> (int) seg.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(o), p);
            case 3 -> seg.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(o), p);
            case 4 -> Short.toUnsignedInt(seg.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(o), p));
            case 5 -> Integer.toUnsignedLong(seg.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(o), p));
            case 6 -> (double) seg.get(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(o), p);
            case 7 -> seg.get(ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(o), p);
            case 8 -> seg.get(ValueLayout.JAVA_BYTE, p) != 0;
            case 9 -> String.valueOf((char) Byte.toUnsignedInt(seg.get(ValueLayout.JAVA_BYTE, p)));
            case 10 -> (int) seg.get(ValueLayout.JAVA_BYTE, p);
            case 11, 12 -> seg.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(o), p);
            default -> throw new IllegalStateException("not simple: " + type);
        };
    }

    private Object readArray(String name, long elType, long count, boolean skip) throws InvalidFileException {
        int es = simpleSize(elType);
        checkArray(name, count, es);
        if (skip) {
            return skipped(count, count * es);
        }
        if (count == 0) {
            return new ArrayList<>();
        }
        int n = (int) count;
        ByteOrder o = order();
        long p = pos;
        pos += count * es;
        switch ((int) elType) {
            case 4: {
                char[] c = new char[n];
                for (int i = 0; i < n; i++) {
                    c[i] = (char) seg.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(o), p + 2L * i);
                }
                return new String(c);
            }
            case 6: {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    d[i] = seg.get(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(o), p + 4L * i);
                }
                return d;
            }
            case 7: {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    d[i] = seg.get(ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(o), p + 8L * i);
                }
                return d;
            }
            case 8: {
                List<Object> l = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    l.add(seg.get(ValueLayout.JAVA_BYTE, p + i) != 0);
                }
                return l;
            }
            default: {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    long q = p + (long) es * i;
                    v[i] = switch ((int) elType) {
                        case 2 -> seg.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(o), q);
                        case 3 -> seg.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(o), q);
                        case 5 -> Integer.toUnsignedLong(seg.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(o), q));
                        case 9 -> Byte.toUnsignedInt(seg.get(ValueLayout.JAVA_BYTE, q));
                        case 10 -> seg.get(ValueLayout.JAVA_BYTE, q);
                        default -> seg.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(o), q);
                    };
                }
                return v;
            }
        }
    }
}
