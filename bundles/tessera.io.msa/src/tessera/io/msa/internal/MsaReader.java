package tessera.io.msa.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tessera.core.io.DatasetReader;
import tessera.core.io.InvalidFileException;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;

/**
 * Reader of EMSA/MAS spectral data files ({@code .msa}, {@code .ems}, {@code .mas},
 * {@code .emsa}, {@code .txt}): the EMSA/MAS Spectral Data File Format v1.0
 * ("EMMFF", Microscopy Society of America / Microbeam Analysis Society task force,
 * 1991) and its standardised successors ISO 22029:2012 and ISO 22029:2022 ("Microbeam
 * analysis — EMSA/MAS standard file format for spectral-data exchange").
 *
 * <p><b>Format.</b> A text file (read as ISO-8859-1, as HyperSpy does) of keyword lines
 * {@code #KEYWORD[-units] : value}, starting with {@code #FORMAT} and {@code #VERSION},
 * then {@code #SPECTRUM}, the data lines, and {@code #ENDOFDATA}. With
 * {@code #DATATYPE : Y} the data lines hold y values only, {@code #NCOLUMNS} per line
 * (the columns are only a line layout: the values are read row by row into one
 * spectrum). With {@code #DATATYPE : XY} each line holds (x, y) pairs, {@code #NCOLUMNS}
 * pairs per line; the x values are ignored and the axis is calibrated from
 * {@code #XPERCHAN} and {@code #OFFSET}, as in HyperSpy.
 *
 * <p><b>Result.</b> One {@link Dataset} of dtype float64 with a single signal axis (no
 * navigation axis; an MSA file holds one spectrum): axis name {@code #XLABEL} (the last
 * one if repeated, else ""), units {@code #XUNITS}, scale {@code #XPERCHAN} (1 if
 * absent), offset {@code #OFFSET} (0 if absent). The {@code metadata} tree equals what
 * HyperSpy 1.7.3 ({@code hyperspy.io_plugins.msa}) loads, apart from HyperSpy's
 * {@code General.FileIO} and {@code _HyperSpy} bookkeeping:
 * {@code General.title} ({@code #TITLE}; HyperSpy keeps the last line of a repeated
 * title, and so does this reader), {@code General.date} (ISO {@code yyyy-MM-dd}, only
 * from a {@code dd-MMM-yyyy} date such as {@code 01-OCT-1991}),
 * {@code General.time} ({@code HH:mm:ss}, only from an {@code HH:MM} time),
 * {@code General.original_filename}, {@code Signal.signal_type} ({@code ELS} becomes
 * {@code EELS}, {@code EDX}/{@code XEDS} become {@code EDS}; {@code EELS} when the
 * keyword is absent), {@code Signal.quantity} ({@code "YLABEL (YUNITS)"}), and the
 * mapped keywords of {@link MsaKeywords} (beam energy, convergence and collection
 * angles, live and real time, ...), each with a {@code *_units} sibling when the keyword
 * carries a unit suffix. {@code #ELEMENTS} (a comma-separated list, not mapped by
 * HyperSpy 1.7.3) is additionally mapped to {@code Sample.elements}. The
 * {@code original_metadata} tree holds every header keyword as written (key without
 * {@code #}, typed as HyperSpy types it), with {@code FORMAT} normalised to
 * {@code "EMSA/MAS Spectral Data File"} as HyperSpy does.
 *
 * <p><b>Deliberate differences from HyperSpy 1.7.3</b> (spec-conformant where HyperSpy
 * is not): an XY file with {@code #NCOLUMNS > 1} is read as all its (x, y) pairs
 * (HyperSpy 1.7.3 reads only the first pair of each line); keyword lines are split at
 * the first colon (HyperSpy needs {@code ": "} exactly once), keywords are matched
 * case-insensitively, reading stops at {@code #ENDOFDATA} (lines after it, such as
 * {@code #CHECKSUM} or a DOS end-of-file character, are ignored), and a numeric keyword
 * whose value cannot be parsed stays text in {@code original_metadata} but is not copied
 * into {@code metadata}.
 *
 * <p><b>Validation.</b> {@link InvalidFileException} (naming the file) for an empty
 * file, a file not starting with {@code #FORMAT}, a header without {@code #SPECTRUM},
 * no data values, a non-numeric data value (with its line number), an XY line with an
 * odd number of values, or {@code #NPOINTS} claiming more points than present (a
 * truncated file). More points than {@code #NPOINTS} are all read, as HyperSpy does.
 * A missing {@code #DATATYPE} is read as {@code Y}.
 *
 * <p>Reference for comparison (not copied): HyperSpy 1.7.3
 * {@code hyperspy/io_plugins/msa.py} and RosettaSciIO {@code rsciio/msa}.
 */
public final class MsaReader implements DatasetReader {
    private static final Pattern FLOAT = Pattern.compile(
            "[+-]?(?:(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?|(?i:nan|inf|infinity))");
    private static final Pattern TIME = Pattern.compile("(2[0-3]|[01]\\d|\\d):([0-5]\\d|\\d)");
    private static final Pattern DAY = Pattern.compile("3[01]|[12]\\d|0[1-9]|[1-9]| [1-9]");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
            "OCT", "NOV", "DEC");

    /** Public no-argument constructor for the extension registry. */
    public MsaReader() {
    }

    /**
     * Accepts content whose first keyword is {@code #FORMAT} (any letter case, after an
     * optional UTF-8 byte-order mark and leading white space).
     *
     * @param file the file (unused)
     * @param head the first bytes of the file
     * @return true if the content starts like an EMSA/MSA file
     */
    @Override
    public boolean sniff(Path file, byte[] head) {
        String s = new String(head, StandardCharsets.ISO_8859_1);
        s = stripBom(s).stripLeading();
        return s.regionMatches(true, 0, "#FORMAT", 0, 7);
    }

    /**
     * Reads the single spectrum of an EMSA/MSA file.
     *
     * @param file the file
     * @return one dataset, float64, shape {@code [n]} with a calibrated signal axis
     * @throws InvalidFileException if the file is empty, not EMSA/MSA, truncated or has non-numeric data
     * @throws IOException on an I/O error
     */
    @Override
    public List<Dataset> read(Path file) throws IOException {
        if (Files.size(file) == 0) {
            throw new InvalidFileException(file, "file is empty");
        }
        Map<String, Object> original = new LinkedHashMap<>();
        DoubleList y = new DoubleList();
        boolean sawFormat = false;
        boolean inData = false;
        boolean sawEnd = false;
        boolean xy = false;
        int lineNo = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1) {
                    line = stripBom(line);
                }
                String t = line.strip();
                if (!inData) {
                    if (t.isEmpty()) {
                        continue;
                    }
                    if (!sawFormat) {
                        if (!t.regionMatches(true, 0, "#FORMAT", 0, 7)) {
                            throw new InvalidFileException(file, "not an EMSA/MSA file: the first keyword must be #FORMAT (line "
                                    + lineNo + ")");
                        }
                        sawFormat = true;
                    }
                    if (t.charAt(0) != '#') {
                        continue; // stray text in the header, ignored like HyperSpy does
                    }
                    int colon = t.indexOf(':');
                    String key = stripHashes(colon < 0 ? t : t.substring(0, colon)).strip();
                    String value = colon < 0 ? "" : t.substring(colon + 1).strip();
                    if (key.equalsIgnoreCase("SPECTRUM")) {
                        inData = true;
                        Object dt = findKey(original, "DATATYPE");
                        xy = dt != null && dt.toString().strip().equalsIgnoreCase("XY");
                        continue;
                    }
                    if (!key.isEmpty()) {
                        original.put(key, value); // a repeated keyword keeps its first position and its last value
                    }
                } else {
                    if (t.isEmpty()) {
                        continue;
                    }
                    if (t.charAt(0) == '#') {
                        String key = stripHashes(t.indexOf(':') < 0 ? t : t.substring(0, t.indexOf(':'))).strip();
                        if (key.toUpperCase(Locale.ROOT).startsWith("ENDOFDATA")) {
                            sawEnd = true;
                            break;
                        }
                        continue; // comment or checksum line inside the data
                    }
                    parseDataLine(file, lineNo, t, xy, y);
                }
            }
        }
        if (!sawFormat) {
            throw new InvalidFileException(file, "not an EMSA/MSA file: no #FORMAT keyword");
        }
        if (!inData) {
            throw new InvalidFileException(file, "no #SPECTRUM keyword: the header ends without data (truncated file?)");
        }
        if (y.size() == 0) {
            throw new InvalidFileException(file, "no data values after #SPECTRUM (truncated file?)");
        }
        Metadata md = buildMetadata(file, original);
        Object np = findKey(original, "NPOINTS");
        if (np instanceof Double d && Double.isFinite(d) && d > y.size()) {
            throw new InvalidFileException(file, "#NPOINTS claims " + fmt(d) + " points but only " + y.size()
                    + " data values are present" + (sawEnd ? "" : " and #ENDOFDATA is missing") + " (truncated file?)");
        }
        Axis axis = axis(original, y.size());
        return List.of(Dataset.ofDoubles(y.toArray(), List.of(axis), md));
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e18 ? Long.toString((long) d) : Double.toString(d);
    }

    private static void parseDataLine(Path file, int lineNo, String t, boolean xy, DoubleList y) throws InvalidFileException {
        String[] tok = t.replace(',', ' ').strip().split("\\s+");
        if (xy && tok.length % 2 != 0) {
            throw new InvalidFileException(file, "line " + lineNo + ": #DATATYPE XY needs (x, y) pairs but the line holds "
                    + tok.length + " values");
        }
        for (int i = xy ? 1 : 0; i < tok.length; i += xy ? 2 : 1) {
            Double v = parseFloat(tok[i]);
            if (v == null) {
                String shown = tok[i].length() > 40 ? tok[i].substring(0, 40) + "..." : tok[i];
                throw new InvalidFileException(file, "line " + lineNo + ": data value '" + shown + "' is not a number");
            }
            y.add(v);
        }
    }

    /**
     * Parses a number the way Python's {@code float()} does for the forms that occur in
     * MSA files (decimal, exponent, nan, inf); Java-only forms such as {@code 1d},
     * {@code 0x1p3} are rejected.
     *
     * @param s text
     * @return the value, or null if not a number
     */
    static Double parseFloat(String s) {
        String t = s.strip();
        if (!FLOAT.matcher(t).matches()) {
            return null;
        }
        String l = t.toLowerCase(Locale.ROOT);
        if (l.endsWith("nan")) {
            return Double.NaN;
        }
        if (l.endsWith("inf") || l.endsWith("infinity")) {
            return l.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(t);
    }

    /** HyperSpy's conversion of a numeric keyword, including its two repairs of common misspellings. */
    private static Double convertNumber(String value) {
        Double d = parseFloat(value);
        if (d == null && value.toLowerCase(Locale.ROOT).contains("e")) {
            d = parseFloat(value.replace(" ", "")); // "2.0 E-06"
        } else if (d == null) {
            d = parseFloat(value.split(" ", -1)[0]); // two values separated by a space: the first
        }
        return d;
    }

    private static Metadata buildMetadata(Path file, Map<String, Object> original) {
        Metadata md = new Metadata(new LinkedHashMap<>(), original);
        Map<String, Object> tree = md.tree();
        for (Map.Entry<String, Object> e : original.entrySet()) {
            String key = e.getKey();
            String value = (String) e.getValue();
            String clean = key;
            String units = null;
            int dash = key.indexOf('-');
            if (dash >= 0) {
                if (key.indexOf('-', dash + 1) >= 0) {
                    continue; // not of the form KEYWORD-units: kept as text
                }
                clean = key.substring(0, dash).strip();
                units = key.substring(dash + 1).strip();
            }
            if (clean.equalsIgnoreCase("ELEMENTS")) {
                List<String> els = new ArrayList<>();
                for (String s : value.split("[,\\s]+")) {
                    if (!s.isBlank()) {
                        els.add(s.strip());
                    }
                }
                if (!els.isEmpty()) {
                    Metadata.put(tree, Metadata.ELEMENTS, els);
                }
                continue;
            }
            MsaKeywords.Keyword kw = MsaKeywords.lookup(clean);
            if (kw == null) {
                continue;
            }
            Object typed = value;
            if (kw.numeric()) {
                Double d = convertNumber(value);
                if (d == null) {
                    continue; // left as text in original_metadata, not mapped
                }
                typed = d;
                e.setValue(d);
            }
            if (kw.mappedTo() != null) {
                Metadata.put(tree, kw.mappedTo(), typed);
                if (units != null) {
                    Metadata.put(tree, kw.mappedTo() + "_units", units);
                }
            }
        }
        // HyperSpy rewrites FORMAT to the standard's wording (its writer relies on it)
        for (Map.Entry<String, Object> e : original.entrySet()) {
            if (e.getKey().equalsIgnoreCase("FORMAT")) {
                e.setValue("EMSA/MAS Spectral Data File");
            }
        }
        if (findKey(original, "FORMAT") == null) {
            original.put("FORMAT", "EMSA/MAS Spectral Data File");
        }
        Object time = findKey(original, "TIME");
        if (time instanceof String s && !s.isEmpty()) {
            Matcher m = TIME.matcher(s);
            if (m.matches()) {
                LocalTime lt = LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                Metadata.put(tree, "General.time", String.format(Locale.ROOT, "%02d:%02d:00", lt.getHour(), lt.getMinute()));
            }
        }
        Object date = findKey(original, "DATE");
        if (date instanceof String s && !s.isEmpty()) {
            String iso = parseDate(s);
            if (iso != null) {
                Metadata.put(tree, "General.date", iso);
            }
        }
        Metadata.put(tree, "General.original_filename", file.getFileName().toString());
        Object st = Metadata.get(tree, Metadata.SIGNAL_TYPE);
        String signalType;
        if (st == null) {
            signalType = "EELS"; // HyperSpy's default for an MSA file without #SIGNALTYPE
        } else {
            signalType = switch (st.toString()) {
                case "ELS" -> "EELS";
                case "EDX", "XEDS" -> "EDS";
                default -> st.toString();
            };
        }
        Metadata.put(tree, Metadata.SIGNAL_TYPE, signalType);
        Object yunitsV = findKey(original, "YUNITS");
        String yunits = yunitsV == null ? "" : "(" + yunitsV + ")";
        Object ylabel = findKey(original, "YLABEL");
        String quantity;
        if (ylabel != null) {
            quantity = ylabel.toString();
        } else if (signalType.equals("EELS")) {
            quantity = "Electrons";
            yunits = yunits.isEmpty() ? "(Counts)" : yunits;
        } else if (signalType.contains("EDS")) {
            quantity = "X-rays";
            yunits = yunits.isEmpty() ? "(Counts)" : yunits;
        } else {
            quantity = "";
        }
        if (!quantity.isEmpty() || !yunits.isEmpty()) {
            Metadata.put(tree, Metadata.QUANTITY, (quantity + " " + yunits).strip());
        }
        // order the tree like HyperSpy (General, Signal, then the rest)
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (String k : List.of("General", "Signal")) {
            if (tree.containsKey(k)) {
                ordered.put(k, tree.get(k));
            }
        }
        tree.forEach(ordered::putIfAbsent);
        tree.clear();
        tree.putAll(ordered);
        return md;
    }

    /** {@code dd-MMM-yyyy} (e.g. 01-OCT-1991) to ISO {@code yyyy-MM-dd}; null if malformed or invalid. */
    private static String parseDate(String s) {
        String[] p = s.split("-", -1);
        if (p.length != 3) {
            return null;
        }
        int month = MONTHS.indexOf(p[1].toUpperCase(Locale.ROOT)) + 1;
        if (month == 0 || !DAY.matcher(p[0]).matches() || !YEAR.matcher(p[2]).matches()) {
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(p[2]), month, Integer.parseInt(p[0].strip())).toString();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static Axis axis(Map<String, Object> original, int n) {
        Object label = findKey(original, "XLABEL");
        Object units = findKey(original, "XUNITS");
        Object scaleV = findKey(original, "XPERCHAN");
        Object offsetV = findKey(original, "OFFSET");
        double scale = scaleV instanceof Double d && Double.isFinite(d) && d != 0 ? d : 1.0;
        double offset = offsetV instanceof Double d && Double.isFinite(d) ? d : 0.0;
        return new Axis(label == null ? "" : label.toString(), n, scale, offset, units == null ? "" : units.toString(), false);
    }

    /** Value of a keyword in {@code original} matched case-insensitively and without a unit suffix. */
    private static Object findKey(Map<String, Object> original, String keyword) {
        Object exact = original.get(keyword);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, Object> e : original.entrySet()) {
            String k = e.getKey();
            int dash = k.indexOf('-');
            String clean = (dash < 0 ? k : k.substring(0, dash)).strip();
            if (clean.equalsIgnoreCase(keyword)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String stripHashes(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && s.charAt(a) == '#') {
            a++;
        }
        while (b > a && s.charAt(b - 1) == '#') {
            b--;
        }
        return s.substring(a, b);
    }

    private static String stripBom(String s) {
        if (s.startsWith("\u00EF\u00BB\u00BF")) {
            return s.substring(3);
        }
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /** Growable array of doubles. */
    private static final class DoubleList {
        private double[] a = new double[1024];
        private int n;

        void add(double v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, Math.max(16, Math.multiplyExact(a.length, 2)));
            }
            a[n++] = v;
        }

        int size() {
            return n;
        }

        double[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
