package tessera.io.tiff.internal;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parsers of the text a TIFF carries besides the image: ImageJ's ImageDescription,
 * FEI/Thermo Fisher's INI text (tags 34680 FEI_SFEG and 34682 FEI_HELIOS), Zeiss SEM's
 * CZ_SEM text (tag 34118), and the metadata mappings HyperSpy 1.7.3
 * ({@code hyperspy/io_plugins/tiff.py}: {@code mapping_fei}, {@code mapping_cz_sem}) and
 * RosettaSciIO ({@code rsciio/tiff/_api.py}) apply to them. The structures follow what
 * tifffile 2023.2.3 makes of the tags ({@code read_fei_metadata}, {@code read_cz_sem},
 * {@code imagej_description_metadata}), so {@code original_metadata} has the same shape
 * as HyperSpy's: FEI sections as maps, Zeiss entries as lists {@code [label, value(, unit)]}
 * and the unnamed Zeiss values as a list under the key {@code ""}.
 */
final class VendorTags {
    private VendorTags() {
    }

    /**
     * Python's {@code int(s)} then {@code float(s)} (tifffile's {@code astype(value, (int, float))}).
     *
     * @param s text
     * @return a Long, a Double, or null when neither parses
     */
    static Number pyNumber(String s) {
        String t = s.strip().replace("_", "");
        if (t.isEmpty() || t.length() > 64) {
            return null;
        }
        if (t.matches("[+-]?\\d+")) {
            try {
                return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
            } catch (NumberFormatException e) {
                return Double.parseDouble(t);
            }
        }
        String l = t.toLowerCase(Locale.ROOT);
        if (l.matches("[+-]?(inf|infinity)")) {
            return l.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (l.matches("[+-]?nan")) {
            return Double.NaN;
        }
        if (t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            return Double.parseDouble(t);
        }
        return null;
    }

    /** tifffile's default {@code astype}: int, float, bool ("true"/"false"), else the text. */
    static Object pyValue(String s) {
        Number n = pyNumber(s);
        if (n != null) {
            return n;
        }
        String l = s.strip().toLowerCase(Locale.ROOT);
        if (l.equals("true")) {
            return Boolean.TRUE;
        }
        if (l.equals("false")) {
            return Boolean.FALSE;
        }
        return s;
    }

    /**
     * ImageJ's ImageDescription: {@code key=value} lines, the first {@code ImageJ=<version>}.
     *
     * @param desc the description
     * @return the entries (numbers typed as by {@link #pyValue}), or null if it is not an ImageJ description
     */
    static Map<String, Object> imagej(String desc) {
        if (desc == null || !desc.startsWith("ImageJ=")) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (String line : desc.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                String k = line.substring(0, eq).strip();
                String v = line.substring(eq + 1).strip();
                m.put(k, k.equals("ImageJ") ? v : pyValue(v));
            }
        }
        return m;
    }

    /**
     * FEI/Thermo INI text: {@code [Section]} headers and {@code key=value} lines.
     *
     * @param text tag 34680 or 34682 as text
     * @return section name to (key to typed value)
     */
    static Map<String, Object> fei(String text) {
        Map<String, Object> result = new LinkedHashMap<>();
        Map<String, Object> section = new LinkedHashMap<>();
        for (String raw : text.split("\r\n|\n|\r")) {
            String line = raw.strip();
            if (line.startsWith("[")) {
                section = new LinkedHashMap<>();
                result.put(line.substring(1, Math.max(1, line.length() - 1)), section);
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0 || line.indexOf('=', eq + 1) >= 0) {
                continue; // tifffile skips lines that do not split into exactly two parts
            }
            section.put(line.substring(0, eq), pyValue(line.substring(eq + 1)));
        }
        return result;
    }

    /**
     * Zeiss CZ_SEM text: upper-case lines name a key, the next line is {@code label = value [unit]}
     * (or {@code label : value}); lines outside such pairs are unnamed values, listed under "".
     *
     * @param text tag 34118 as text
     * @return key (lower case) to {@code [label, value(, unit)]}; "" to the unnamed values
     */
    static Map<String, Object> czSem(String text) {
        Map<String, Object> result = new LinkedHashMap<>();
        List<Object> unnamed = new ArrayList<>();
        result.put("", unnamed);
        String key = null;
        for (String line : text.split("\r\n|\n|\r")) {
            if (isUpper(line)) {
                key = line.toLowerCase(Locale.ROOT);
            } else if (key != null) {
                String name, value;
                String[] eq = line.split("=", -1);
                if (eq.length == 2) {
                    name = eq[0];
                    value = eq[1];
                } else {
                    int c = line.indexOf(':');
                    if (c < 0) {
                        continue;
                    }
                    name = line.substring(0, c);
                    value = line.substring(c + 1);
                }
                value = value.strip();
                Object v = value;
                String unit = "";
                String[] parts = value.split("\\s+");
                Number num;
                if (parts.length == 2 && (num = pyNumber(parts[0])) != null) {
                    v = num;
                    unit = parts[1];
                } else if ((num = pyNumber(value)) != null) {
                    v = num;
                } else if (value.equals("No") || value.equals("Off")) {
                    v = Boolean.FALSE;
                } else if (value.equals("Yes") || value.equals("On")) {
                    v = Boolean.TRUE;
                }
                List<Object> entry = new ArrayList<>(List.of(name.strip(), v));
                if (!unit.isEmpty()) {
                    entry.add(unit);
                }
                result.put(key, entry);
                key = null;
            } else {
                Number n = pyNumber(line);
                unnamed.add(n != null ? n : line);
            }
        }
        return result;
    }

    /** Python's str.isupper(): at least one cased character and no lower-case one. */
    private static boolean isUpper(String s) {
        boolean cased = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLowerCase(c)) {
                return false;
            }
            cased |= Character.isUpperCase(c);
        }
        return cased;
    }

    /** Scale of a unit symbol to SI (m, s, A, V), or NaN when unknown. */
    static double unitFactor(String u) {
        String p = u.strip().replace('\u00b5', 'u').replace('\u03bc', 'u');
        if (p.isEmpty()) {
            return Double.NaN;
        }
        char base = p.charAt(p.length() - 1);
        if ("msAV".indexOf(base) < 0 || p.length() > 2) {
            return Double.NaN;
        }
        if (p.length() == 1) {
            return 1;
        }
        return switch (p.charAt(0)) {
            case 'k' -> 1e3;
            case 'm' -> 1e-3;
            case 'u' -> 1e-6;
            case 'n' -> 1e-9;
            case 'p' -> 1e-12;
            case 'f' -> 1e-15;
            default -> Double.NaN;
        };
    }

    /**
     * Converts a value between units of the same base and rounds it to 7 significant digits, as
     * HyperSpy's {@code _parse_tuple_Zeiss_with_units} does with pint and {@code "%.6e"}.
     *
     * @return the converted value, or null when the units are unknown or differ in kind
     */
    static Double convert(double v, String from, String to) {
        double f = unitFactor(from), t = unitFactor(to);
        String a = from.strip(), b = to.strip();
        if (Double.isNaN(f) || Double.isNaN(t) || a.charAt(a.length() - 1) != b.charAt(b.length() - 1) || !Double.isFinite(v)) {
            return null;
        }
        double r = v * f / t;
        return Double.parseDouble(String.format(Locale.ROOT, "%.6e", r));
    }

    private static final DateTimeFormatter[] DATES = {
        DateTimeFormatter.ofPattern("M/d/uuuu", Locale.ROOT),
        DateTimeFormatter.ofPattern("uuuu-M-d", Locale.ROOT),
        DateTimeFormatter.ofPattern("uuuu/M/d", Locale.ROOT),
        new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("d MMM uuuu").toFormatter(Locale.ENGLISH),
        new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("d MMMM uuuu").toFormatter(Locale.ENGLISH),
        DateTimeFormatter.ofPattern("d.M.uuuu", Locale.ROOT),
    };

    /**
     * A date as dateutil reads the common vendor spellings (month/day/year, ISO, "22 Feb 2019", day.month.year).
     *
     * @return ISO {@code yyyy-mm-dd}, or null when not understood
     */
    static String isoDate(String s) {
        String t = s.strip();
        for (DateTimeFormatter f : DATES) {
            try {
                return LocalDate.parse(t, f).toString();
            } catch (java.time.format.DateTimeParseException e) {
                // next pattern
            }
        }
        return null;
    }

    /**
     * A time of day, {@code H:mm[:ss]} with an optional AM/PM.
     *
     * @return ISO {@code HH:mm:ss}, or null when not understood
     */
    static String isoTime(String s) {
        String t = s.strip().toUpperCase(Locale.ROOT);
        boolean pm = t.endsWith("PM"), am = t.endsWith("AM");
        if (pm || am) {
            t = t.substring(0, t.length() - 2).strip();
        }
        String[] p = t.split(":");
        if (p.length < 2 || p.length > 3) {
            return null;
        }
        try {
            int h = Integer.parseInt(p[0]), m = Integer.parseInt(p[1]);
            int sec = p.length == 3 ? Integer.parseInt(p[2]) : 0;
            if (pm && h < 12) {
                h += 12;
            } else if (am && h == 12) {
                h = 0;
            }
            return LocalTime.of(h, m, sec).toString().length() == 5 ? LocalTime.of(h, m, sec) + ":00" : LocalTime.of(h, m, sec).toString();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
