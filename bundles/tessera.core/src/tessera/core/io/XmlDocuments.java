package tessera.core.io;

import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * XML inside microscope files (Bruker BCF/SPX headers, FEI TIA {@code .emi} ObjectInfo), parsed safely and read the way
 * Python's ElementTree reads it, which is what HyperSpy and RosettaSciIO use. The parser refuses DTDs (so no external
 * entity or entity-expansion attack from a file), resolves nothing over the network, and reports malformed XML only by
 * throwing (nothing is printed to stderr), so a reader turns it into one {@link InvalidFileException} line.
 * <p>
 * Sources: OWASP XML External Entity Prevention Cheat Sheet (JAXP settings); Python {@code xml.etree.ElementTree}
 * ({@code Element.text}, iteration over children).
 */
public final class XmlDocuments {
    private XmlDocuments() {
    }

    /**
     * @return a new non-validating, namespace-unaware document builder with DTDs, external entities and XInclude off,
     *         whose errors are thrown ({@link SAXParseException}) and whose warnings are ignored
     * @throws ParserConfigurationException if the JDK's parser does not support these settings
     */
    public static DocumentBuilder secureBuilder() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(false);
        DocumentBuilder b = f.newDocumentBuilder();
        b.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                // not an error: the document is still read
            }

            @Override
            public void error(SAXParseException e) throws SAXException {
                throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
                throw e;
            }
        });
        return b;
    }

    /**
     * ElementTree's {@code text}: the character data (text and CDATA) before an element's first child element.
     *
     * @param e the element
     * @return the text, or null when there is no character data before the first child
     */
    public static String text(Element e) {
        StringBuilder sb = null;
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                break;
            }
            if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(n.getNodeValue());
            }
        }
        return sb == null ? null : sb.toString();
    }

    /**
     * @param e   the element
     * @param tag a tag name, or null for every child
     * @return the child elements with that tag, in document order
     */
    public static List<Element> children(Element e, String tag) {
        List<Element> l = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && (tag == null || c.getTagName().equals(tag))) {
                l.add(c);
            }
        }
        return l;
    }
}
