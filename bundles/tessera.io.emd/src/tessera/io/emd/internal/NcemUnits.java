package tessera.io.emd.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Units of an NCEM EMD {@code dim} vector. The EMD 0.2 specification (https://emdatasets.com/format/) writes each unit
 * symbol in square brackets with underscores between its characters ({@code "[n_m]"}, {@code "[n_m^-1]"}); HyperSpy
 * 1.7 ({@code EMD_NCEM._parse_attribute}) and RosettaSciIO ({@code rsciio/emd/_emd_ncem.py}) take every bracketed
 * group, drop the underscores, join the groups with {@code " * "} and let pint normalise the result with its short
 * format ({@code "nm^-1"} becomes {@code "1 / nm"}). Text without brackets gives no units.
 *
 * <p>This class reproduces pint's result for products and powers of the usual microscopy units (SI prefixes on m,
 * rad, eV, V, A, s, Hz, sr, and Å, deg, px, pixel, count): numerator factors sorted and joined with {@code " * "},
 * powers as {@code " ** n"}, each denominator factor after {@code " / "}, {@code "um"} written {@code "µm"},
 * {@code "counts"} as {@code "count"}, {@code "degree"} as {@code "deg"}. Anything else is returned as the joined
 * text, as HyperSpy does when pint cannot parse it (pint knows more units than this table: such units may differ).
 */
final class NcemUnits {
    private static final Pattern BRACKETS = Pattern.compile("(\\[.+?\\])");
    private static final Set<String> BASE = Set.of("m", "rad", "eV", "V", "A", "s", "Hz", "sr", "g", "K", "C", "T", "W", "J", "N");
    private static final Set<String> PLAIN = Set.of("Å", "deg", "px", "pixel", "count", "min", "h", "mol", "e");
    private static final Map<String, String> ALIAS = Map.of("um", "µm", "μm", "µm", "counts", "count", "degree", "deg",
            "degrees", "deg", "°", "deg", "angstrom", "Å", "Angstrom", "Å", "pixels", "pixel");
    private static final String PREFIXES = "yzafpnuµμmcdhkMGTPE";

    private NcemUnits() {
    }

    /**
     * @param raw the {@code units} attribute text, may be null
     * @return the units as HyperSpy 1.7.3 reads them ({@code ""} for none)
     */
    static String parse(String raw) {
        if (raw == null) {
            return "";
        }
        Matcher m = BRACKETS.matcher(raw);
        List<String> parts = new ArrayList<>();
        while (m.find()) {
            String u = m.group(1);
            parts.add(u.substring(1, u.length() - 1).replace("_", ""));
        }
        String joined = String.join(" * ", parts);
        String p = pintShort(joined);
        return p == null ? joined : p;
    }

    /** @return pint's short format of a product of known units, or null if the text is not one */
    static String pintShort(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            return "";
        }
        List<String> tokens = tokens(s);
        Map<String, Integer> exps = new LinkedHashMap<>();
        int sign = 1;
        int i = 0;
        boolean expectFactor = true;
        while (i < tokens.size()) {
            String tok = tokens.get(i);
            if (expectFactor) {
                String unit;
                if (tok.matches("-?\\d+")) {
                    if (!tok.equals("1")) {
                        return null;
                    }
                    unit = null;
                } else {
                    unit = canonical(tok);
                    if (unit == null) {
                        return null;
                    }
                }
                int e = 1;
                if (i + 2 < tokens.size() && (tokens.get(i + 1).equals("^") || tokens.get(i + 1).equals("**"))
                        && tokens.get(i + 2).matches("-?\\d+")) {
                    e = Integer.parseInt(tokens.get(i + 2));
                    if (e == 0) {
                        return null; // pint fails on a zero power
                    }
                    i += 2;
                }
                if (unit != null) {
                    exps.merge(unit, sign * e, Integer::sum);
                }
                expectFactor = false;
                i++;
            } else {
                if (tok.equals("*")) {
                    sign = 1;
                } else if (tok.equals("/")) {
                    sign = -1;
                } else {
                    return null;
                }
                expectFactor = true;
                i++;
            }
        }
        if (expectFactor) {
            return null;
        }
        List<String> num = new ArrayList<>();
        List<String> den = new ArrayList<>();
        exps.keySet().stream().sorted().forEach(u -> {
            int e = exps.get(u);
            if (e > 0) {
                num.add(e == 1 ? u : u + " ** " + e);
            } else if (e < 0) {
                den.add(e == -1 ? u : u + " ** " + -e);
            }
        });
        if (num.isEmpty() && den.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(num.isEmpty() ? "1" : String.join(" * ", num));
        for (String d : den) {
            sb.append(" / ").append(d);
        }
        return sb.toString();
    }

    /** Splits into operators ({@code * ** / ^}), integers and names. */
    private static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (s.startsWith("**", i)) {
                out.add("**");
                i += 2;
            } else if (c == '*' || c == '/' || c == '^') {
                out.add(String.valueOf(c));
                i++;
            } else if (Character.isDigit(c) || c == '-' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
                int j = i + 1;
                while (j < s.length() && Character.isDigit(s.charAt(j))) {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            } else {
                int j = i;
                while (j < s.length() && !Character.isWhitespace(s.charAt(j)) && "*/^".indexOf(s.charAt(j)) < 0) {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            }
        }
        return out;
    }

    private static String canonical(String tok) {
        String a = ALIAS.get(tok);
        if (a != null) {
            return a;
        }
        if (PLAIN.contains(tok) || BASE.contains(tok)) {
            return tok;
        }
        if (tok.length() >= 2 && PREFIXES.indexOf(tok.charAt(0)) >= 0 && BASE.contains(tok.substring(1))) {
            char c = tok.charAt(0);
            return (c == 'u' || c == 'μ' ? "µ" : String.valueOf(c)) + tok.substring(1);
        }
        if (tok.length() >= 3 && tok.startsWith("da") && BASE.contains(tok.substring(2))) {
            return tok;
        }
        return null;
    }
}
