package tessera.io.gatan.internal;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Look-ups in a parsed tag tree the way HyperSpy's {@code DictionaryTreeBrowser} resolves
 * them: every path component matches a key whose "slug" is equal (accents dropped,
 * punctuation other than {@code _} removed, spaces turned into {@code _}), so
 * {@code "Microscope_Info.Voltage"} finds {@code "Microscope Info" / "Voltage"} and
 * {@code "Integration_time_s"} finds {@code "Integration time (s)"}.
 */
final class Tags {
    private Tags() {
    }

    /**
     * HyperSpy's {@code slugify(value, valid_variable_name=True)}.
     *
     * @param key a tag name
     * @return its slug
     */
    static String slug(String key) {
        String n = Normalizer.normalize(key, Normalizer.Form.NFKD);
        StringBuilder b = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c >= 128) {
                continue; // dropped by the ASCII encoding
            }
            if (Character.isLetterOrDigit(c) || c == '_' || c == ' ') {
                b.append(c);
            }
        }
        String s = b.toString().strip().replace(' ', '_');
        if (!isIdentifier(s)) {
            s = "Number_" + s;
        }
        return s;
    }

    private static boolean isIdentifier(String s) {
        if (s.isEmpty() || Character.isDigit(s.charAt(0))) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Child of a group whose name has the given slug.
     *
     * @param group a group (a map), or anything else (then null)
     * @param name  a name, slugged before comparison
     * @return the child or null
     */
    @SuppressWarnings("unchecked")
    static Object child(Object group, String name) {
        if (!(group instanceof Map<?, ?> m)) {
            return null;
        }
        Object direct = m.get(name);
        if (direct != null) {
            return direct;
        }
        String want = slug(name);
        for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
            if (slug(e.getKey()).equals(want)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** @return whether a group has a child of that (slugged) name */
    static boolean has(Object group, String name) {
        return child(group, name) != null;
    }

    /**
     * Value at a dotted path.
     *
     * @param root the tree
     * @param path dotted path, each part slugged
     * @return the value or null
     */
    static Object get(Object root, String path) {
        Object cur = root;
        for (String part : path.split("\\.")) {
            cur = child(cur, part);
            if (cur == null) {
                return null;
            }
        }
        return cur;
    }

    /** @return the value as a string, or "" for an empty array or anything that is not text */
    static String text(Object v) {
        return v instanceof String s ? s : "";
    }

    /** @return the number, or null */
    static Double number(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        if (v instanceof String s) {
            return parseFloat(s);
        }
        return null;
    }

    /**
     * Python's {@code float(str)}: a decimal number with optional surrounding white space,
     * {@code inf} or {@code nan}.
     *
     * @param s text
     * @return the value or null when Python would raise
     */
    static Double parseFloat(String s) {
        String t = s.strip().replace("_", "");
        if (t.isEmpty()) {
            return null;
        }
        String l = t.toLowerCase(Locale.ROOT);
        switch (l.startsWith("+") || l.startsWith("-") ? l.substring(1) : l) {
            case "inf", "infinity" -> {
                return l.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            case "nan" -> {
                return Double.NaN;
            }
            default -> {
            }
        }
        if (!t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            return null;
        }
        return Double.parseDouble(t);
    }

    /** Python truthiness of a tag value. */
    static boolean truthy(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof List<?> l) {
            return !l.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }
}
