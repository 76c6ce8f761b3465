package tessera.provenance.internal;

import java.util.List;

import tessera.provenance.internal.ProvDocument.Attribute;
import tessera.provenance.internal.ProvDocument.Statement;
import tessera.provenance.internal.ProvDocument.Value;

/**
 * Writes a {@link ProvDocument} in PROV-N (W3C Recommendation, 30 April 2013, https://www.w3.org/TR/2013/REC-prov-n-20130430/):
 * {@code document}, {@code prefix} declarations, one expression per line, {@code endDocument}. Absent optional
 * terms are written {@code -}; string literals use the escapes of the grammar's ECHAR production (backslash,
 * double quote, newline, carriage return, tab), so multi-line texts such as a pipeline document stay one literal.
 */
public final class ProvNWriter {
    private ProvNWriter() {
    }

    /**
     * @param doc the document
     * @return PROV-N text, ending with a newline
     */
    public static String write(ProvDocument doc) {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("document\n");
        doc.prefixes().forEach((p, iri) -> sb.append("  prefix ").append(p).append(" <").append(iri).append(">\n"));
        sb.append('\n');
        for (Statement s : doc.statements()) {
            sb.append("  ").append(s.kind().provN).append('(');
            List<String> terms = s.terms();
            if (s.kind().isElement()) {
                sb.append(s.id());
                for (String t : terms) {
                    sb.append(", ").append(t == null ? "-" : t);
                }
            } else {
                if (s.id() != null) {
                    sb.append(s.id()).append("; ");
                }
                for (int i = 0; i < terms.size(); i++) {
                    sb.append(i == 0 ? "" : ", ").append(terms.get(i) == null ? "-" : terms.get(i));
                }
            }
            if (!s.attrs().isEmpty()) {
                sb.append(", [");
                for (int i = 0; i < s.attrs().size(); i++) {
                    Attribute a = s.attrs().get(i);
                    sb.append(i == 0 ? "" : ", ").append(a.key()).append(" = ").append(literal(a.value()));
                }
                sb.append(']');
            }
            sb.append(")\n");
        }
        sb.append("endDocument\n");
        return sb.toString();
    }

    private static String literal(Value v) {
        return switch (v) {
            case Value.Str s -> quote(s.s());
            case Value.Typed t -> quote(t.lexical()) + " %% " + t.type();
            case Value.QName q -> "'" + q.qname() + "'";
        };
    }

    /**
     * @param s any string
     * @return a PROV-N STRING_LITERAL: double quotes, with \\ \" \n \r \t escaped (ECHAR)
     */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
