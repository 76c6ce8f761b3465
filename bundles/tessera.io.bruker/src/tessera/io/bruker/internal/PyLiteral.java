package tessera.io.bruker.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Types a text value of a Bruker XML header as HyperSpy does: HyperSpy 1.7.3
 * ({@code hyperspy/io_plugins/bruker.py}, function {@code interpret}) and RosettaSciIO
 * ({@code rsciio/bruker/_api.py}) pass every text and attribute value to Python's
 * {@code ast.literal_eval} and keep the string when that fails. This class
 * re-implements the subset of Python literal syntax that occurs in Bruker files (own
 * code, written from the Python language reference, not copied): integers (decimal
 * without leading zeros, hexadecimal, octal, binary, with {@code _} separators) as
 * {@link Long} (or {@link BigInteger} beyond 64 bits), floats as {@link Double},
 * {@code True}/{@code False} as {@link Boolean}, {@code None} as null, quoted strings,
 * and comma-separated tuples of these as {@link List}. Anything else (dates such as
 * {@code 04.10.2018}, names, complex numbers, brackets) stays the original string.
 *
 * <p>Stateless and thread-safe.
 */
public final class PyLiteral {
    private static final String DIGITS = "\\d(?:_?\\d)*";
    private static final Pattern INT = Pattern.compile("[+-]?(?:[1-9](?:_?\\d)*|0(?:_?0)*)");
    private static final Pattern HEX = Pattern.compile("[+-]?0[xX](?:_?[0-9a-fA-F])+");
    private static final Pattern OCT = Pattern.compile("[+-]?0[oO](?:_?[0-7])+");
    private static final Pattern BIN = Pattern.compile("[+-]?0[bB](?:_?[01])+");
    private static final Pattern FLOAT = Pattern.compile("[+-]?(?:(?:(?:" + DIGITS + ")?\\." + DIGITS + "|" + DIGITS + "\\.)(?:[eE][+-]?"
            + DIGITS + ")?|" + DIGITS + "[eE][+-]?" + DIGITS + ")");
    /** marker of a failed parse */
    private static final Object FAIL = new Object();

    private PyLiteral() {
    }

    /**
     * Interprets a string as a Python literal.
     *
     * @param s the text, may be null
     * @return a Long, BigInteger, Double, Boolean, List (tuple), String, or null for
     *         {@code None}; the input string itself when it is not a literal
     */
    public static Object interpret(String s) {
        if (s == null) {
            return null;
        }
        // literal_eval strips leading spaces and tabs (Python >= 3.9); trailing white space is allowed by the parser
        int b = 0;
        while (b < s.length() && (s.charAt(b) == ' ' || s.charAt(b) == '\t')) {
            b++;
        }
        int e = s.length();
        while (e > b && Character.isWhitespace(s.charAt(e - 1))) {
            e--;
        }
        String t = s.substring(b, e);
        if (t.isEmpty() || t.indexOf('\n') >= 0 || t.indexOf('\r') >= 0) {
            return s;
        }
        Object v;
        if (t.indexOf(',') >= 0 && !isQuoted(t)) {
            String[] parts = t.split(",", -1);
            int n = parts.length;
            if (parts[n - 1].isBlank()) {
                n--; // a trailing comma ends a tuple
            }
            List<Object> l = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Object x = scalar(parts[i].strip());
                if (x == FAIL) {
                    return s;
                }
                l.add(x);
            }
            v = l;
        } else {
            v = scalar(t);
        }
        return v == FAIL ? s : v;
    }

    private static boolean isQuoted(String t) {
        if (t.length() < 2) {
            return false;
        }
        char q = t.charAt(0);
        if ((q != '\'' && q != '"') || t.charAt(t.length() - 1) != q) {
            return false;
        }
        String in = t.substring(1, t.length() - 1);
        return in.indexOf(q) < 0 && in.indexOf('\\') < 0;
    }

    private static Object scalar(String t) {
        if (t.isEmpty()) {
            return FAIL;
        }
        switch (t) {
            case "True":
                return Boolean.TRUE;
            case "False":
                return Boolean.FALSE;
            case "None":
                return null;
            default:
                break;
        }
        if (isQuoted(t)) {
            return t.substring(1, t.length() - 1);
        }
        char c = t.charAt(0);
        if (!(c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'))) {
            return FAIL;
        }
        if (INT.matcher(t).matches()) {
            return integer(t.replace("_", ""), 10, 0);
        }
        if (HEX.matcher(t).matches()) {
            return integer(t.replace("_", ""), 16, 2);
        }
        if (OCT.matcher(t).matches()) {
            return integer(t.replace("_", ""), 8, 2);
        }
        if (BIN.matcher(t).matches()) {
            return integer(t.replace("_", ""), 2, 2);
        }
        if (FLOAT.matcher(t).matches()) {
            return Double.parseDouble(t.replace("_", ""));
        }
        return FAIL;
    }

    private static Object integer(String t, int radix, int prefix) {
        boolean neg = t.charAt(0) == '-';
        int start = (t.charAt(0) == '+' || neg) ? 1 : 0;
        BigInteger v = new BigInteger(t.substring(start + prefix), radix);
        if (neg) {
            v = v.negate();
        }
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }
}
