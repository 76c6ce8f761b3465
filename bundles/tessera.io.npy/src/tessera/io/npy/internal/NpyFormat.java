package tessera.io.npy.internal;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tessera.core.model.DType;

/**
 * Shared pieces of the NumPy {@code .npy} format (NEP 1, "A Simple File Format for NumPy
 * Arrays", and {@code numpy.lib.format}): the preamble, the header dictionary and the
 * mapping between array-protocol type strings ({@code descr}) and Tessera's {@link DType}.
 *
 * <p>Layout: the 6 magic bytes {@code \x93NUMPY}, one byte major and one byte minor
 * version, the header length (little-endian {@code uint16} in version 1.0,
 * {@code uint32} in 2.0 and 3.0), then the header: the {@code repr} of a Python dict with
 * keys {@code 'descr'}, {@code 'fortran_order'} and {@code 'shape'}, padded with spaces
 * and ended by {@code '\n'} so that the data starts at a multiple of 64 bytes. The header
 * is ISO-8859-1 (1.0, 2.0) or UTF-8 (3.0). The data follow, {@code product(shape)}
 * elements of the descr's type, in C (row-major) or Fortran (column-major) order.
 */
final class NpyFormat {
    private NpyFormat() {
    }

    /** The magic string {@code \x93NUMPY}. */
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Data alignment NumPy uses for the header padding. */
    static final int ALIGN = 64;
    /** Largest header this reader accepts (NumPy itself refuses headers over 10000 bytes by default). */
    static final int MAX_HEADER = 1 << 20;

    /** Digits numpy reserves in the header for growing the first axis ({@code GROWTH_AXIS_MAX_DIGITS}). */
    static final int GROWTH_DIGITS = 21;

    /** descr of HyperSpy's rgba8 structured type */
    static final String RGBA8_DESCR = "[('R', '|u1'), ('G', '|u1'), ('B', '|u1'), ('A', '|u1')]";

    private static final Pattern SIMPLE = Pattern.compile("([<>|=]?)([a-zA-Z?])(\\d*)");

    /**
     * A decoded element type.
     *
     * @param dtype   Tessera type of the dataset built from it
     * @param order   byte order of the elements in the file
     * @param itemSize bytes per element in the file
     * @param float16 true when the file holds IEEE binary16 values that are widened to float32
     */
    record Element(DType dtype, ByteOrder order, int itemSize, boolean float16) {
    }

    /**
     * Decodes a descr.
     *
     * @param descr a type string such as {@code "<f4"}, or the list of HyperSpy's rgba8 fields
     * @return the element type
     * @throws IllegalArgumentException with a one-line reason if the type is not supported
     */
    static Element element(Object descr) {
        if (descr instanceof List<?> fields) {
            if (isRgba8(fields)) {
                return new Element(DType.RGBA8, ByteOrder.LITTLE_ENDIAN, 4, false);
            }
            throw new IllegalArgumentException("structured dtype " + fields + " is not supported");
        }
        if (!(descr instanceof String s)) {
            throw new IllegalArgumentException("'descr' is not a type string: " + descr);
        }
        Matcher m = SIMPLE.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("dtype '" + s + "' is not supported");
        }
        ByteOrder order = switch (m.group(1)) {
            case ">" -> ByteOrder.BIG_ENDIAN;
            case "=" -> ByteOrder.nativeOrder();
            default -> ByteOrder.LITTLE_ENDIAN;
        };
        String kind = m.group(2);
        int size = m.group(3).isEmpty() ? -1 : Integer.parseInt(m.group(3));
        if (kind.equals("O")) {
            throw new IllegalArgumentException("object array (dtype 'O', pickled Python objects) cannot be read: "
                    + "only numeric arrays are supported and unpickling is unsafe");
        }
        DType t = switch (kind + size) {
            case "b1", "?1", "?-1" -> DType.BOOL;
            case "i1" -> DType.INT8;
            case "u1" -> DType.UINT8;
            case "i2" -> DType.INT16;
            case "u2" -> DType.UINT16;
            case "i4" -> DType.INT32;
            case "u4" -> DType.UINT32;
            case "i8" -> DType.INT64;
            case "u8" -> DType.UINT64;
            case "f2" -> DType.FLOAT32;
            case "f4" -> DType.FLOAT32;
            case "f8" -> DType.FLOAT64;
            case "c8" -> DType.COMPLEX64;
            case "c16" -> DType.COMPLEX128;
            default -> throw new IllegalArgumentException("dtype '" + s + "' is not supported (numeric types bool, "
                    + "int8..int64, uint8..uint64, float16/32/64, complex64/128 are)");
        };
        boolean f16 = (kind + size).equals("f2");
        return new Element(t, order, f16 ? 2 : t.byteSize(), f16);
    }

    private static boolean isRgba8(List<?> fields) {
        if (fields.size() != 4) {
            return false;
        }
        String[] names = {"R", "G", "B", "A"};
        for (int i = 0; i < 4; i++) {
            if (!(fields.get(i) instanceof List<?> f) || f.size() != 2 || !names[i].equals(f.get(0))
                    || !(f.get(1) instanceof String t) || !(t.equals("|u1") || t.equals("u1") || t.equals("<u1"))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The little-endian descr Tessera writes for a type.
     *
     * @param t the type
     * @return e.g. {@code "<f4"}, {@code "|u1"}, or the rgba8 field list
     */
    static String descr(DType t) {
        return switch (t) {
            case BOOL -> "|b1";
            case INT8 -> "|i1";
            case UINT8 -> "|u1";
            case INT16 -> "<i2";
            case UINT16 -> "<u2";
            case INT32 -> "<i4";
            case UINT32 -> "<u4";
            case INT64 -> "<i8";
            case UINT64 -> "<u8";
            case FLOAT32 -> "<f4";
            case FLOAT64 -> "<f8";
            case COMPLEX64 -> "<c8";
            case COMPLEX128 -> "<c16";
            case RGBA8 -> RGBA8_DESCR;
        };
    }

    /**
     * Builds the preamble and header exactly as {@code numpy.lib.format.write_array}
     * (NumPy 1.23 and later) does: the dict, spare spaces for the first axis to grow to
     * 21 digits, padding to a 64-byte boundary and a newline; version 1.0 unless the
     * header needs more than 65535 bytes (then 2.0).
     *
     * @param descr the descr
     * @param shape the shape, C order
     * @return magic, version, header length and padded header
     */
    static byte[] header(String descr, int[] shape) {
        StringBuilder sb = new StringBuilder();
        sb.append("{'descr': ").append(descr.startsWith("[") ? descr : "'" + descr + "'")
                .append(", 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        sb.append(shape.length == 1 ? ",), }" : "), }");
        // numpy >= 1.23 leaves room for the first axis to grow to 21 digits (in-place appends)
        if (shape.length > 0) {
            sb.repeat(' ', Math.max(0, GROWTH_DIGITS - Integer.toString(shape[0]).length()));
        }
        byte[] dict = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        int pre = 10;
        int total = pre + dict.length + 1;
        if (total + (ALIGN - total % ALIGN) % ALIGN - pre > 65535) {
            pre = 12;
            total = pre + dict.length + 1;
        }
        int pad = (ALIGN - total % ALIGN) % ALIGN;
        int headerLen = dict.length + pad + 1;
        byte[] out = new byte[pre + headerLen];
        System.arraycopy(MAGIC, 0, out, 0, 6);
        out[6] = (byte) (pre == 10 ? 1 : 2);
        out[7] = 0;
        out[8] = (byte) headerLen;
        out[9] = (byte) (headerLen >>> 8);
        if (pre == 12) {
            out[10] = (byte) (headerLen >>> 16);
            out[11] = (byte) (headerLen >>> 24);
        }
        System.arraycopy(dict, 0, out, pre, dict.length);
        for (int i = pre + dict.length; i < out.length - 1; i++) {
            out[i] = ' ';
        }
        out[out.length - 1] = '\n';
        return out;
    }

    /**
     * Parses the header text: a Python literal dict whose values are strings, booleans,
     * None, integers, tuples and lists (the subset {@code numpy.lib.format} writes; no
     * code is evaluated).
     *
     * @param text header text
     * @return the dict; tuples and lists become {@code List}, integers {@code Long}
     * @throws IllegalArgumentException with a one-line reason if the text is not such a dict
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parseDict(String text) {
        LiteralParser p = new LiteralParser(text);
        Object o = p.value(0);
        p.skipWs();
        if (p.pos != text.length()) {
            throw new IllegalArgumentException("unexpected text after the header dict at position " + p.pos);
        }
        if (!(o instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("header is not a dict");
        }
        return (Map<String, Object>) o;
    }

    /** Recursive-descent parser of Python literals. */
    private static final class LiteralParser {
        private final String s;
        private int pos;

        LiteralParser(String s) {
            this.s = s;
        }

        void skipWs() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("malformed header: " + what + " at position " + pos);
        }

        Object value(int depth) {
            if (depth > 32) {
                throw error("nesting too deep");
            }
            skipWs();
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(pos);
            switch (c) {
                case '{':
                    return dict(depth);
                case '(':
                    return sequence(')', depth);
                case '[':
                    return sequence(']', depth);
                case '\'':
                case '"':
                    return string();
                default:
                    break;
            }
            if (s.startsWith("True", pos)) {
                pos += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("False", pos)) {
                pos += 5;
                return Boolean.FALSE;
            }
            if (s.startsWith("None", pos)) {
                pos += 4;
                return "None";
            }
            int start = pos;
            if (c == '-' || c == '+') {
                pos++;
            }
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            if (pos == start || (pos == start + 1 && !Character.isDigit(c))) {
                throw error("unexpected character '" + c + "'");
            }
            String digits = s.substring(start, pos);
            if (pos < s.length() && (s.charAt(pos) == 'L' || s.charAt(pos) == 'l')) {
                pos++; // Python 2 long suffix in old files
            }
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw error("integer " + digits + " out of range");
            }
        }

        private Map<String, Object> dict(int depth) {
            pos++;
            Map<String, Object> m = new LinkedHashMap<>();
            while (true) {
                skipWs();
                if (pos < s.length() && s.charAt(pos) == '}') {
                    pos++;
                    return m;
                }
                Object k = value(depth + 1);
                skipWs();
                if (pos >= s.length() || s.charAt(pos) != ':') {
                    throw error("expected ':'");
                }
                pos++;
                Object v = value(depth + 1);
                m.put(String.valueOf(k), v);
                skipWs();
                if (pos < s.length() && s.charAt(pos) == ',') {
                    pos++;
                } else if (pos >= s.length() || s.charAt(pos) != '}') {
                    throw error("expected ',' or '}'");
                }
            }
        }

        private List<Object> sequence(char close, int depth) {
            pos++;
            List<Object> l = new ArrayList<>();
            while (true) {
                skipWs();
                if (pos < s.length() && s.charAt(pos) == close) {
                    pos++;
                    return l;
                }
                l.add(value(depth + 1));
                skipWs();
                if (pos < s.length() && s.charAt(pos) == ',') {
                    pos++;
                } else if (pos >= s.length() || s.charAt(pos) != close) {
                    throw error("expected ',' or '" + close + "'");
                }
            }
        }

        private String string() {
            char q = s.charAt(pos++);
            StringBuilder sb = new StringBuilder();
            while (pos < s.length() && s.charAt(pos) != q) {
                char c = s.charAt(pos++);
                if (c == '\\' && pos < s.length()) {
                    c = s.charAt(pos++);
                }
                sb.append(c);
            }
            if (pos >= s.length()) {
                throw error("unterminated string");
            }
            pos++;
            return sb.toString();
        }
    }
}
