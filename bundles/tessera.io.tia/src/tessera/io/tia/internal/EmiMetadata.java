package tessera.io.tia.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import tessera.core.io.InvalidFileException;
import tessera.core.io.XmlDocuments;
import tessera.core.model.Metadata;

/**
 * The metadata of a TIA {@code .emi} file: the {@code <ObjectInfo>...</ObjectInfo>} XML chunks
 * embedded in its (otherwise undocumented) binary object stream, one per data object, in file
 * order; chunk {@code N-1} describes {@code <basename>_N.ser}.
 *
 * <p>Each chunk becomes an {@code ObjectInfo} tree the way HyperSpy 1.7.3
 * ({@code hyperspy/io_plugins/fei.py}, {@code emixml2dtb}) and RosettaSciIO
 * ({@code rsciio/tia/_api.py}) build it: an element with text becomes a string leaf, one without
 * a node of its children; {@code ExperimentalDescription/Root/Data} entries become
 * {@code "<Label>_<Unit>"} keys (just {@code "<Label>"} without a unit) whose value is a number
 * when a unit is given and the value parses as one, else the text; {@code TrueImageHeaderInfo}
 * becomes an empty node (HyperSpy parses nothing from it). Differences: an entry without a
 * value (HyperSpy stores {@code None}) is left out, since metadata leaves cannot be null.
 *
 * <p>{@link #map} converts a tree to HyperSpy's standard keys as {@code fei.py}'s {@code mapping}
 * does (beam energy kV, microscope, acquisition mode TEM/STEM, camera length mm, magnification,
 * camera name and dwell time, stage tilts deg and position mm, authors).
 */
final class EmiMetadata {
    private static final byte[] OPEN = "<ObjectInfo>".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "</ObjectInfo>".getBytes(StandardCharsets.US_ASCII);
    /** Python's float() syntax (without underscores): what HyperSpy accepts as a number */
    private static final Pattern PY_FLOAT = Pattern.compile(
            "[+-]?((\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?|inf|infinity|nan)", Pattern.CASE_INSENSITIVE);
    private static final DateTimeFormatter ACQUIRE_DATE = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ENGLISH);

    private EmiMetadata() {
    }

    /**
     * Reads every {@code ObjectInfo} chunk of an {@code .emi} file.
     *
     * @param emi the file
     * @return one {@code {"ObjectInfo": {...}}} tree per chunk, in file order (possibly empty)
     * @throws InvalidFileException if a chunk is not well-formed XML or has no end (the binary part is not
     *         checked: anonymised files have it zeroed, as the RosettaSciIO test file
     *         {@code non_float_meta_value_zeroed.emi})
     * @throws IOException on an I/O error
     */
    static List<Map<String, Object>> read(Path emi) throws IOException {
        if (Files.size(emi) > Integer.MAX_VALUE - 8) {
            throw new InvalidFileException(emi, "an .emi of " + Files.size(emi) + " bytes is more than this reader supports");
        }
        byte[] all = Files.readAllBytes(emi);
        List<Map<String, Object>> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int s = indexOf(all, OPEN, from);
            if (s < 0) {
                break;
            }
            int e = indexOf(all, CLOSE, s + OPEN.length);
            if (e < 0) {
                throw new InvalidFileException(emi, "<ObjectInfo> at offset " + s + " has no </ObjectInfo> (truncated file)");
            }
            int end = e + CLOSE.length;
            out.add(parse(emi, all, s, end - s));
            from = end;
        }
        return out;
    }

    private static int indexOf(byte[] a, byte[] pat, int from) {
        outer:
        for (int i = Math.max(0, from); i <= a.length - pat.length; i++) {
            for (int j = 0; j < pat.length; j++) {
                if (a[i + j] != pat[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static Map<String, Object> parse(Path emi, byte[] all, int off, int len) throws InvalidFileException {
        Element root;
        try {
            DocumentBuilder b = XmlDocuments.secureBuilder();
            root = b.parse(new ByteArrayInputStream(all, off, len)).getDocumentElement();
        } catch (SAXException | IOException | ParserConfigurationException | RuntimeException e) {
            throw new InvalidFileException(emi, "ObjectInfo XML at offset " + off + " is not well-formed: "
                    + String.valueOf(e.getMessage()).replace('\n', ' '), e);
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        convert(root, tree);
        return tree;
    }

    /** The text before the first child element, as ElementTree's {@code .text}; null when empty. */
    private static String leadingText(Element e) {
        String t = XmlDocuments.text(e);
        return t == null || t.isEmpty() ? null : t;
    }

    private static List<Element> children(Element e, String tag) {
        return XmlDocuments.children(e, tag);
    }

    private static Element child(Element e, String tag) {
        List<Element> l = children(e, tag);
        return l.isEmpty() ? null : l.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> node(Map<String, Object> parent, String tag) {
        Object o = parent.get(tag);
        if (o instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        parent.put(tag, m);
        return m;
    }

    private static void convert(Element e, Map<String, Object> parent) {
        String tag = e.getTagName();
        if (tag.equals("ExperimentalDescription")) {
            Map<String, Object> d = node(parent, tag);
            Element root = child(e, "Root");
            if (root == null) {
                return;
            }
            for (Element data : children(root, "Data")) {
                Element le = child(data, "Label"), ve = child(data, "Value"), ue = child(data, "Unit");
                String label = le == null ? null : leadingText(le);
                if (label == null) {
                    continue;
                }
                String value = ve == null ? null : leadingText(ve);
                String unit = ue == null ? null : leadingText(ue);
                String item = unit == null ? label : label + "_" + unit;
                if (value == null) {
                    continue; // HyperSpy stores None
                }
                d.put(item, unit != null && PY_FLOAT.matcher(value.strip()).matches() ? pyFloat(value.strip()) : value);
            }
            return;
        }
        if (tag.equals("TrueImageHeaderInfo")) {
            node(parent, tag);
            return;
        }
        String text = leadingText(e);
        if (text != null) {
            parent.put(tag, text);
            return;
        }
        Map<String, Object> m = node(parent, tag);
        for (Element c : children(e, null)) {
            convert(c, m);
        }
    }

    private static Double pyFloat(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        if (l.endsWith("inf") || l.endsWith("infinity")) {
            return l.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (l.endsWith("nan")) {
            return Double.NaN;
        }
        return Double.parseDouble(s);
    }

    /**
     * Looks up a key of a node the way HyperSpy's DictionaryTreeBrowser does for a mapping path:
     * spaces in the stored key read as underscores ({@code "High tension_kV"} answers
     * {@code "High_tension_kV"}).
     */
    @SuppressWarnings("unchecked")
    private static Object lookup(Map<String, Object> root, String... path) {
        Object cur = root;
        for (String p : path) {
            if (!(cur instanceof Map<?, ?> m)) {
                return null;
            }
            Object next = null;
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                if (e.getKey().replace(' ', '_').equals(p)) {
                    next = e.getValue();
                }
            }
            cur = next;
        }
        return cur;
    }

    /**
     * Fills HyperSpy's standard keys from an {@code ObjectInfo} tree, as {@code fei.py}'s
     * {@code mapping}: {@code Acquisition_instrument.TEM.beam_energy} (kV, "High tension_kV"),
     * {@code .microscope} ("Microscope" without the word "Microscope "), {@code .acquisition_mode}
     * ("STEM" when the mode names STEM, else "TEM"), {@code .camera_length} (mm, from m),
     * {@code .magnification}, {@code .Detector.Camera.Name} and {@code .exposure} (the
     * AcquireInfo strings), {@code .Stage.tilt_alpha}/{@code tilt_beta} (deg) and
     * {@code .Stage.x/y/z} (mm, from µm), {@code General.authors}. A value that needs a unit
     * conversion but is not a number is left out.
     *
     * @param info the tree ({@code {"ObjectInfo": ...}})
     * @param md   the metadata tree to fill
     */
    static void map(Map<String, Object> info, Map<String, Object> md) {
        String tem = "Acquisition_instrument.TEM.";
        put(md, tem + "beam_energy", lookup(info, "ObjectInfo", "ExperimentalDescription", "High_tension_kV"));
        Object mic = lookup(info, "ObjectInfo", "ExperimentalDescription", "Microscope");
        put(md, tem + "microscope", mic == null ? null : mic.toString().replace("Microscope ", ""));
        Object mode = lookup(info, "ObjectInfo", "ExperimentalDescription", "Mode");
        put(md, tem + "acquisition_mode", mode == null ? null : mode.toString().contains("STEM") ? "STEM" : "TEM");
        put(md, tem + "camera_length", scaled(lookup(info, "ObjectInfo", "ExperimentalDescription", "Camera_length_m"), 1e3));
        put(md, tem + "magnification", lookup(info, "ObjectInfo", "ExperimentalDescription", "Magnification_x"));
        put(md, tem + "Detector.Camera.Name", lookup(info, "ObjectInfo", "AcquireInfo", "CameraNamePath"));
        put(md, tem + "Detector.Camera.exposure", lookup(info, "ObjectInfo", "AcquireInfo", "DwellTimePath"));
        put(md, tem + "Stage.tilt_alpha", lookup(info, "ObjectInfo", "ExperimentalDescription", "Stage_A_deg"));
        put(md, tem + "Stage.tilt_beta", lookup(info, "ObjectInfo", "ExperimentalDescription", "Stage_B_deg"));
        put(md, tem + "Stage.x", scaled(lookup(info, "ObjectInfo", "ExperimentalDescription", "Stage_X_um"), 1e-3));
        put(md, tem + "Stage.y", scaled(lookup(info, "ObjectInfo", "ExperimentalDescription", "Stage_Y_um"), 1e-3));
        put(md, tem + "Stage.z", scaled(lookup(info, "ObjectInfo", "ExperimentalDescription", "Stage_Z_um"), 1e-3));
        put(md, "General.authors", lookup(info, "ObjectInfo", "ExperimentalDescription", "User"));
    }

    private static void put(Map<String, Object> md, String path, Object v) {
        if (v != null && !(v instanceof Map<?, ?>)) {
            Metadata.put(md, path, v);
        }
    }

    private static Object scaled(Object v, double f) {
        return v instanceof Double d ? d * f : null;
    }

    /**
     * The acquisition date and time of an {@code ObjectInfo} tree ({@code AcquireDate}, as
     * "Mon Feb 22 11:55:58 2016"), as HyperSpy's ISO strings.
     *
     * @param info the tree
     * @return {@code {date "yyyy-mm-dd", time "hh:mm:ss"}}, or null when absent or not parseable
     */
    static String[] dateTime(Map<String, Object> info) {
        Object v = lookup(info, "ObjectInfo", "AcquireDate");
        if (!(v instanceof String s)) {
            return null;
        }
        try {
            LocalDateTime t = LocalDateTime.parse(s.strip().replaceAll("\\s+", " "), ACQUIRE_DATE);
            return new String[] {t.toLocalDate().toString(), t.toLocalTime().format(DateTimeFormatter.ofPattern("HH:mm:ss"))};
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The image units HyperSpy 1.7.3 guesses from the first ObjectInfo of the .emi
     * ({@code fei.py _guess_units_from_mode}): reciprocal metres for diffraction (a TEM mode
     * naming "Diffraction", or STEM with a camera or a scan of diffraction images), else metres.
     *
     * @param info          first ObjectInfo tree
     * @param dim1UnitsLength units length of dimension 1, or -1 when the series has no dimension
     * @param dim1Size      size of dimension 1
     * @return "meters" or "1/meters"
     */
    static String guessImageUnits(Map<String, Object> info, long dim1UnitsLength, long dim1Size) {
        Object mode = lookup(info, "ObjectInfo", "ExperimentalDescription", "Mode");
        Object acq = lookup(info, "ObjectInfo", "AcquireInfo");
        if (mode == null || !(acq instanceof Map<?, ?> acquire) || dim1UnitsLength < 0) {
            return "meters";
        }
        boolean camera = acquire.containsKey("CameraNamePath");
        boolean stack = dim1UnitsLength == 0;
        boolean diffractionScan = dim1Size > 1 && !stack;
        String m = mode.toString();
        if (m.contains("STEM")) {
            return camera || diffractionScan ? "1/meters" : "meters";
        }
        return m.contains("Diffraction") ? "1/meters" : "meters";
    }
}
