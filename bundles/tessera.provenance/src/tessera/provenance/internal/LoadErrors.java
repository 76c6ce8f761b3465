package tessera.provenance.internal;

import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.xmi.ClassNotFoundException;
import org.eclipse.emf.ecore.xmi.FeatureNotFoundException;
import org.eclipse.emf.ecore.xmi.IllegalValueException;
import org.eclipse.emf.ecore.xmi.PackageNotFoundException;
import org.eclipse.emf.ecore.xmi.UnresolvedReferenceException;
import org.xml.sax.SAXParseException;

import tessera.provenance.model.ProvenancePackage;

/** Turns EMF/SAX load failures into one-line problems for {@code InvalidFileException}. */
public final class LoadErrors {
    private LoadErrors() {
    }

    /**
     * @param error what EMF threw or recorded while loading
     * @return one line saying what is wrong with the file (without the file name)
     */
    public static String describe(Object error) {
        Throwable t = error instanceof Throwable th ? unwrap(th) : null;
        if (t == null) {
            return "not a provenance record: " + error;
        }
        if (t instanceof PackageNotFoundException p) {
            return "unknown namespace '" + p.uri() + "' at line " + p.getLine() + " (expected a record of " + ProvenancePackage.eNS_URI + ")";
        }
        if (t instanceof ClassNotFoundException c) {
            return "unknown element type '" + c.getName() + "' at line " + c.getLine() + " (not a provenance record of " + ProvenancePackage.eNS_URI + ")";
        }
        if (t instanceof FeatureNotFoundException f) {
            return "unknown attribute or element '" + f.getName() + "' at line " + f.getLine() + " (not a provenance record of this version)";
        }
        if (t instanceof UnresolvedReferenceException u) {
            return "dangling reference to id '" + u.getReference() + "' at line " + u.getLine() + " (damaged record)";
        }
        if (t instanceof IllegalValueException v) {
            return "illegal value '" + v.getValue() + "' at line " + v.getLine() + " (damaged record)";
        }
        if (t instanceof SAXParseException s) {
            return "not well-formed XML at line " + s.getLineNumber() + ", column " + s.getColumnNumber() + " (" + oneLine(s.getMessage())
                    + "): truncated, damaged or not a provenance record";
        }
        if (t instanceof org.eclipse.emf.ecore.xmi.XMIException x) {
            return "not a provenance record: " + oneLine(x.getMessage()) + " at line " + x.getLine();
        }
        if (t instanceof java.io.CharConversionException || t.getClass().getName().endsWith("MalformedByteSequenceException")) {
            return "not UTF-8 XML (" + oneLine(t.getMessage()) + "); not a provenance record";
        }
        return "not a provenance record: " + oneLine(String.valueOf(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage()));
    }

    private static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        for (int i = 0; i < 10; i++) {
            Throwable next = cur instanceof Resource.IOWrappedException w && w.getCause() != null ? w.getCause()
                    : cur instanceof org.eclipse.emf.common.util.WrappedException w2 && w2.getCause() != null ? w2.getCause()
                    : cur.getClass() == RuntimeException.class && cur.getCause() != null ? cur.getCause() : null;
            if (next == null || next == cur) {
                return cur;
            }
            cur = next;
        }
        return cur;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ').strip();
    }
}
