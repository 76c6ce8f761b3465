package tessera.io.bruker.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import tessera.core.io.InvalidFileException;
import tessera.core.io.XmlDocuments;

/**
 * XML helpers for the Bruker formats: a hardened DOM parse (no DTD, no external
 * entities) and the conversion of an element into the nested-map form HyperSpy shows
 * as {@code original_metadata}.
 *
 * <p>The conversion follows the behaviour of HyperSpy 1.7.3's {@code dictionarize}
 * ({@code hyperspy/io_plugins/bruker.py}; same in RosettaSciIO {@code rsciio/bruker/_api.py}),
 * re-implemented here: an element with child elements becomes a map from child tag to
 * the child's value (a list of values when the tag repeats); its attributes join that
 * map with the prefix {@code XmlClass} ({@code Type} becomes {@code XmlClassType}); an
 * element without children but with attributes becomes the map of its attributes (no
 * prefix), its non-blank text under {@code #text}; an element with only text becomes
 * the text typed by {@link PyLiteral#interpret}; an empty element becomes null. A
 * {@code ClassInstance} child is not kept under its own tag: its entries merge into the
 * parent map. A single child value that is a string is interpreted a second time, as
 * HyperSpy does.
 */
public final class XmlTree {
    private XmlTree() {
    }

    /**
     * Parses XML bytes (any encoding the prolog declares, e.g. WINDOWS-1252).
     *
     * @param file the file named in errors
     * @param xml  the bytes
     * @param what what is parsed, for the message ("header", "spectrum")
     * @return the document
     * @throws InvalidFileException if the bytes are not well-formed XML or declare a DTD
     */
    public static Document parse(Path file, byte[] xml, String what) throws InvalidFileException {
        try {
            DocumentBuilder b = XmlDocuments.secureBuilder();
            return b.parse(new ByteArrayInputStream(xml));
        } catch (SAXParseException e) {
            throw Errors.invalid(file, "malformed XML " + what + " (line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + "): " + oneLine(e.getMessage()), e);
        } catch (SAXException | IOException | ParserConfigurationException | RuntimeException e) {
            throw Errors.invalid(file, "malformed XML " + what + ": " + oneLine(e.getMessage()), e);
        }
    }

    static String oneLine(String m) {
        return m == null ? "" : m.replace('\r', ' ').replace('\n', ' ');
    }

    /** @return the child elements of {@code e} in document order */
    public static List<Element> children(Element e) {
        return XmlDocuments.children(e, null);
    }

    /**
     * Finds the first element along a path of steps below {@code from}, as ElementTree's
     * {@code find("./A/B[@Type='x']")}: each step is {@code Tag}, {@code Tag[@Attr='value']}
     * or {@code *[@Attr='value']}.
     *
     * @param from  start element (may be null: then null)
     * @param steps path steps
     * @return the first match in document order, or null
     */
    public static Element find(Element from, String... steps) {
        List<Element> all = findAll(from, steps);
        return all.isEmpty() ? null : all.get(0);
    }

    /**
     * Finds every element along a path (see {@link #find}).
     *
     * @param from  start element (may be null)
     * @param steps path steps
     * @return matches in document order, possibly empty
     */
    public static List<Element> findAll(Element from, String... steps) {
        List<Element> cur = new ArrayList<>();
        if (from == null) {
            return cur;
        }
        cur.add(from);
        for (String step : steps) {
            String tag = step;
            String attr = null;
            String val = null;
            int br = step.indexOf("[@");
            if (br >= 0) {
                tag = step.substring(0, br);
                int eq = step.indexOf('=', br);
                attr = step.substring(br + 2, eq);
                val = step.substring(eq + 2, step.length() - 2);
            }
            List<Element> next = new ArrayList<>();
            for (Element e : cur) {
                for (Element c : children(e)) {
                    if ((tag.equals("*") || c.getTagName().equals(tag)) && (attr == null || val.equals(c.getAttribute(attr)))) {
                        next.add(c);
                    }
                }
            }
            cur = next;
        }
        return cur;
    }

    /** @return the text of a direct child element, or null if there is no such child */
    public static String childText(Element e, String tag) {
        Element c = find(e, tag);
        return c == null ? null : text(c);
    }

    /**
     * ElementTree's {@code text}: the character data before the first child element.
     *
     * @param e element
     * @return the text, or null if there is none
     */
    public static String text(Element e) {
        return XmlDocuments.text(e);
    }

    /**
     * The value of an element in HyperSpy's {@code original_metadata} form (see the class
     * comment); for a {@code ClassInstance} this is the map its parent would merge.
     *
     * @param e element, may be null (then an empty map, where HyperSpy would fail)
     * @return the value: a map for elements with children or attributes
     */
    public static Object dictionarize(Element e) {
        if (e == null) {
            return new LinkedHashMap<String, Object>();
        }
        return value(e, 0);
    }

    /** @return {@link #dictionarize} as a map (an empty map when the value is not one) */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> dictionarizeMap(Element e) {
        Object v = dictionarize(e);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
    }

    @SuppressWarnings("unchecked")
    private static Object value(Element t, int depth) {
        if (depth > 200) {
            return null; // DOM depth is bounded by the parser, this only guards the recursion
        }
        List<Element> kids = children(t);
        NamedNodeMap attrs = t.getAttributes();
        boolean hasAttr = attrs != null && attrs.getLength() > 0;
        Map<String, Object> m = null;
        Object v = null;
        if (!kids.isEmpty()) {
            Map<String, List<Object>> dd = new LinkedHashMap<>();
            for (Element c : kids) {
                Object cv = value(c, depth + 1);
                if (c.getTagName().equals("ClassInstance")) {
                    if (cv instanceof Map<?, ?> cm) {
                        for (Map.Entry<String, Object> en : ((Map<String, Object>) cm).entrySet()) {
                            dd.computeIfAbsent(en.getKey(), k -> new ArrayList<>()).add(en.getValue());
                        }
                    }
                } else {
                    dd.computeIfAbsent(c.getTagName(), k -> new ArrayList<>()).add(cv);
                }
            }
            m = new LinkedHashMap<>();
            for (Map.Entry<String, List<Object>> en : dd.entrySet()) {
                List<Object> l = en.getValue();
                if (l.size() == 1) {
                    Object x = l.get(0);
                    m.put(en.getKey(), x instanceof String s ? PyLiteral.interpret(s) : x);
                } else {
                    m.put(en.getKey(), l);
                }
            }
            v = m;
        } else if (hasAttr) {
            m = new LinkedHashMap<>();
            v = m;
        }
        if (hasAttr) {
            for (int i = 0; i < attrs.getLength(); i++) {
                Attr a = (Attr) attrs.item(i);
                m.put(kids.isEmpty() ? a.getName() : "XmlClass" + a.getName(), PyLiteral.interpret(a.getValue()));
            }
        }
        String text = text(t);
        if (text != null) {
            String s = text.strip();
            if (!kids.isEmpty() || hasAttr) {
                if (!s.isEmpty()) {
                    m.put("#text", PyLiteral.interpret(s));
                }
            } else {
                v = PyLiteral.interpret(s);
            }
        }
        return v;
    }
}
