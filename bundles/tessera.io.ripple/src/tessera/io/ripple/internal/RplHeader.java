package tessera.io.ripple.internal;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import tessera.core.io.InvalidFileException;
import tessera.core.model.DType;

/**
 * A parsed and validated {@code .rpl} header (see {@link RippleReader} for the keys).
 * Keys are matched case-insensitively; {@link #original} keeps them as spelled, with the
 * integer keys as {@code Long}, the float keys as {@code Double} and everything else as
 * {@code String}, the way HyperSpy 1.7.3 types them.
 */
final class RplHeader {
    private static final Set<String> INT_KEYS = Set.of("width", "height", "depth", "offset");
    private static final Set<String> FLOAT_KEYS = Set.of("ev-per-chan", "detector-peak-width-ev", "depth-origin", "depth-scale",
            "width-origin", "width-scale", "height-origin", "height-scale", "collection-angle", "convergence-angle", "beam-energy",
            "elevation-angle", "azimuth-angle", "live-time", "energy-resolution", "tilt-stage");
    private static final Map<String, Set<String>> CHOICES = Map.of(
            "data-length", Set.of("1", "2", "4", "8"),
            "data-type", Set.of("signed", "unsigned", "float"),
            "byte-order", Set.of("little-endian", "big-endian", "dont-care"),
            "record-by", Set.of("image", "vector", "dont-care"));
    private static final int MAX_LINES = 100_000;

    /** every line as read: key as spelled -> typed value */
    final Map<String, Object> original = new LinkedHashMap<>();
    /** lower-case key -> typed value */
    private final Map<String, Object> values = new LinkedHashMap<>();
    int width;
    int height;
    int depth;
    long offset;
    int dataLength;
    String recordBy;
    DType dtype;
    ByteOrder order;

    private RplHeader() {
    }

    /**
     * Parses header text.
     *
     * @param file the .rpl file (for messages)
     * @param text its content, decoded as ISO-8859-1
     * @return the header
     * @throws InvalidFileException on a line without a tab, a value of the wrong type or range, a missing
     *                              required key or an inconsistent combination
     */
    static RplHeader parse(Path file, String text) throws InvalidFileException {
        RplHeader h = new RplHeader();
        String[] lines = text.split("\r\n|\n|\r", -1);
        int first = 0;
        boolean inca = false;
        if (lines.length > 0 && lines[0].contains("(")) {
            inca = true; // Oxford INCA: "(MLX::key : value)" entries after a first line that is dropped
            first = 1;
        }
        if (lines.length > MAX_LINES) {
            throw new InvalidFileException(file, "a header of " + lines.length + " lines is not a Ripple header");
        }
        for (int n = first; n < lines.length; n++) {
            String line = lines[n];
            if (inca) {
                line = line.replace("(MLX::", "").replace(" : ", "\t").replace(" :", "\t").replace(" ", "\t")
                        .toLowerCase(Locale.ROOT).strip().replace(")", "");
                if (line.contains("record-by")) {
                    for (String r : new String[] {"image", "vector", "dont-care"}) {
                        if (line.contains(r)) {
                            line = "record-by\t" + r;
                        }
                    }
                }
            }
            if (line.isBlank() || line.startsWith(";")) {
                continue;
            }
            int c = line.indexOf(';');
            if (c >= 0) {
                line = line.substring(0, c);
            }
            int tab = line.indexOf('\t');
            if (tab < 0) {
                throw new InvalidFileException(file, "line " + (n + 1) + " has no <TAB> between key and value: '" + clip(line) + "'");
            }
            String[] seg = line.split("\t", -1);
            String key = seg[0].strip();
            String raw = seg.length > 1 ? seg[1].strip() : "";
            String lk = key.toLowerCase(Locale.ROOT);
            Object v = typed(file, n + 1, lk, raw);
            h.original.put(key, v);
            h.values.put(lk, v);
        }
        for (String k : new String[] {"date", "time", "signal", "title"}) {
            if (!h.values.containsKey(k)) {
                h.values.put(k, "");
                h.original.put(k, "");
            }
        }
        h.validate(file);
        return h;
    }

    private static Object typed(Path file, int line, String key, String raw) throws InvalidFileException {
        try {
            if (INT_KEYS.contains(key)) {
                return Long.parseLong(raw.startsWith("+") ? raw.substring(1) : raw);
            }
            if (FLOAT_KEYS.contains(key)) {
                return Double.parseDouble(raw);
            }
        } catch (NumberFormatException e) {
            throw new InvalidFileException(file, "line " + line + ": " + key + " is '" + clip(raw) + "', not a "
                    + (INT_KEYS.contains(key) ? "whole number" : "number"));
        }
        Set<String> choice = CHOICES.get(key);
        if (choice != null) {
            String lv = raw.toLowerCase(Locale.ROOT);
            if (!choice.contains(lv)) {
                throw new InvalidFileException(file, "line " + line + ": " + key + " is '" + clip(raw) + "', not one of " + choice);
            }
            return lv;
        }
        return raw;
    }

    private void validate(Path file) throws InvalidFileException {
        for (String k : new String[] {"width", "height", "depth", "data-type", "data-length", "byte-order", "record-by"}) {
            if (!values.containsKey(k)) {
                throw new InvalidFileException(file, "required key '" + k + "' is missing");
            }
        }
        width = size(file, "width");
        height = size(file, "height");
        depth = size(file, "depth");
        offset = values.containsKey("offset") ? (Long) values.get("offset") : 0L;
        if (offset < 0) {
            throw new InvalidFileException(file, "offset " + offset + " is negative");
        }
        dataLength = Integer.parseInt((String) values.get("data-length"));
        String type = (String) values.get("data-type");
        dtype = RippleReader.dtype(type, dataLength);
        if (dtype == null) {
            throw new InvalidFileException(file, "data-type float needs data-length 4 or 8, not " + dataLength);
        }
        order = switch ((String) values.get("byte-order")) {
            case "little-endian" -> ByteOrder.LITTLE_ENDIAN;
            case "big-endian" -> ByteOrder.BIG_ENDIAN;
            default -> RippleReader.nativeOrder();
        };
        recordBy = (String) values.get("record-by");
        if (recordBy.equals("dont-care") && depth > 1) {
            throw new InvalidFileException(file, "record-by dont-care describes one image, but depth is " + depth
                    + " (use vector or image)");
        }
    }

    private int size(Path file, String key) throws InvalidFileException {
        long v = (Long) values.get(key);
        if (v < 1 || v > Integer.MAX_VALUE) {
            throw new InvalidFileException(file, key + " " + v + " is out of range (1.." + Integer.MAX_VALUE + ")");
        }
        return (int) v;
    }

    /** @return the typed value of a key (case-insensitive), or null */
    Object value(String key) {
        return values.get(key);
    }

    /** @return a float key's value, or {@code dflt} when absent */
    double number(String key, double dflt) {
        Object v = values.get(key);
        return v instanceof Number n ? n.doubleValue() : dflt;
    }

    /** @return a key's value as text, or {@code dflt} when absent */
    String text(String key, String dflt) {
        Object v = values.get(key);
        return v == null ? dflt : v.toString();
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
