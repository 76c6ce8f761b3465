package tessera.provenance.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import tessera.provenance.internal.ProvDocument.Attribute;
import tessera.provenance.internal.ProvDocument.Kind;
import tessera.provenance.internal.ProvDocument.Statement;
import tessera.provenance.internal.ProvDocument.Value;
import tessera.provenance.model.Activity;
import tessera.provenance.model.Agent;
import tessera.provenance.model.AgentKind;
import tessera.provenance.model.Association;
import tessera.provenance.model.Communication;
import tessera.provenance.model.Derivation;
import tessera.provenance.model.Entity;
import tessera.provenance.model.EntityKind;
import tessera.provenance.model.Generation;
import tessera.provenance.model.Identified;
import tessera.provenance.model.ParameterValue;
import tessera.provenance.model.Plan;
import tessera.provenance.model.Record;
import tessera.provenance.model.Usage;

/**
 * Maps a Tessera {@link Record} onto a flat PROV-DM document (W3C PROV-DM, https://www.w3.org/TR/prov-dm/), as
 * described in docs/adr/0005-provenance-model-and-prov-export.md: element ids become qualified names
 * {@code rec:<id>} in the namespace {@code urn:tessera:record:<record id>:}; Tessera's own attributes use the
 * namespace {@code tessera:} = {@value #TESSERA_NS}; one extra entity {@code rec:record} ({@code prov:type
 * tessera:Record}) carries the record's label, creation time and Tessera version.
 */
public final class ProvMapping {
    /** Namespace of Tessera attributes and types in PROV exports. */
    public static final String TESSERA_NS = "https://tessera.dev/provenance/1.0#";
    /** Prefix of {@link #TESSERA_NS}. */
    public static final String TESSERA_PREFIX = "tessera";
    /** The PROV namespace (W3C PROV-DM); predeclared in PROV-N, declared explicitly in PROV-JSON. */
    public static final String PROV_NS = "http://www.w3.org/ns/prov#";
    /** XML Schema datatypes namespace; predeclared in PROV-N, declared explicitly in PROV-JSON. */
    public static final String XSD_NS = "http://www.w3.org/2001/XMLSchema#";
    /** Prefix of the record's own namespace (element identifiers). */
    public static final String RECORD_PREFIX = "rec";
    /** Prefix of parameter attributes: {@code tessera:param.<name>} and {@code tessera:param.<name>.units}. */
    public static final String PARAM = "param.";
    /** Local name of the entity that describes the record itself. */
    public static final String RECORD_ENTITY = "record";

    private final Map<Identified, String> names = new HashMap<>();
    private final Set<String> usedLocalNames = new HashSet<>();

    private ProvMapping() {
    }

    /**
     * @param record the record
     * @param forJson true to declare the prov and xsd prefixes (PROV-JSON needs them; PROV-N predeclares them)
     * @return the PROV document
     */
    public static ProvDocument toDocument(Record record, boolean forJson) {
        return new ProvMapping().map(record, forJson);
    }

    /**
     * Percent-encodes an identifier into a PROV-N local name (production PN_LOCAL of PROV-N, W3C Recommendation 2013,
     * https://www.w3.org/TR/prov-n/#prod-PN_LOCAL): ASCII letters, digits, '_' and '-' stay, '.' stays when neither
     * first nor last, every other byte of the UTF-8 encoding becomes {@code %XX}. Distinct ids give distinct names.
     *
     * @param id any string
     * @return a legal PROV-N local name; "_" for an empty id
     */
    public static String localName(String id) {
        if (id.isEmpty()) {
            return "_";
        }
        StringBuilder sb = new StringBuilder(id.length() + 8);
        byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean plain = b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_' || b == '-'
                    || b == '.' && i > 0 && i < bytes.length - 1;
            if (plain) {
                sb.append((char) b);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 15, 16)));
            }
        }
        return sb.toString();
    }

    private ProvDocument map(Record r, boolean forJson) {
        ProvDocument doc = new ProvDocument();
        if (forJson) {
            doc.prefixes().put("prov", PROV_NS);
            doc.prefixes().put("xsd", XSD_NS);
        }
        doc.prefixes().put(TESSERA_PREFIX, TESSERA_NS);
        doc.prefixes().put(RECORD_PREFIX, "urn:tessera:record:" + localName(r.getId() == null ? "unnamed" : r.getId()) + ":");
        usedLocalNames.add(RECORD_ENTITY);
        // names first, so that a relation can refer to any element whatever the order
        for (Entity e : r.getEntities()) {
            name(e, "entity");
        }
        for (Activity a : r.getActivities()) {
            name(a, "activity");
        }
        for (Agent a : r.getAgents()) {
            name(a, "agent");
        }
        List<Statement> st = doc.statements();
        st.add(recordEntity(r));
        for (Entity e : r.getEntities()) {
            st.add(entity(e));
        }
        for (Activity a : r.getActivities()) {
            st.add(activity(a));
        }
        for (Agent a : r.getAgents()) {
            st.add(agent(a));
        }
        for (Usage u : r.getUsages()) {
            st.add(relation(Kind.USED, role(u.getRole()), ref(u.getActivity()), ref(u.getEntity()), time(u.getTime())));
        }
        for (Generation g : r.getGenerations()) {
            st.add(relation(Kind.WAS_GENERATED_BY, role(g.getRole()), ref(g.getEntity()), ref(g.getActivity()), time(g.getTime())));
        }
        for (Association a : r.getAssociations()) {
            st.add(relation(Kind.WAS_ASSOCIATED_WITH, role(a.getRole()), ref(a.getActivity()), ref(a.getAgent()), ref(a.getPlan())));
        }
        for (Derivation d : r.getDerivations()) {
            st.add(relation(Kind.WAS_DERIVED_FROM, List.of(), ref(d.getGeneratedEntity()), ref(d.getUsedEntity()), ref(d.getActivity()), null,
                    null));
        }
        for (Communication c : r.getCommunications()) {
            st.add(relation(Kind.WAS_INFORMED_BY, List.of(), ref(c.getInformed()), ref(c.getInformant())));
        }
        return doc;
    }

    private static Statement relation(Kind kind, List<Attribute> attrs, String... terms) {
        return new Statement(kind, null, Arrays.asList(terms), attrs);
    }

    private Statement recordEntity(Record r) {
        List<Attribute> at = new ArrayList<>();
        type(at, tessera("Record"));
        label(at, r.getLabel());
        if (r.getCreated() != null) {
            at.add(typed("created", time(r.getCreated()), "xsd:dateTime"));
        }
        string(at, "tesseraVersion", r.getTesseraVersion());
        return new Statement(Kind.ENTITY, RECORD_PREFIX + ":" + RECORD_ENTITY, List.of(), at);
    }

    private Statement entity(Entity e) {
        List<Attribute> at = new ArrayList<>();
        EntityKind kind = e.getKind() == null ? EntityKind.FILE : e.getKind();
        type(at, switch (kind) {
            case FILE -> tessera("File");
            case DATASET -> tessera("Dataset");
            case VALUE -> tessera("Value");
            case PLAN -> "prov:Plan";
        });
        if (e instanceof Plan && kind != EntityKind.PLAN) {
            type(at, "prov:Plan");
        }
        label(at, e.getLabel());
        if (e.getUri() != null) {
            at.add(typed("uri", e.getUri(), "xsd:anyURI"));
        }
        string(at, "pathInFile", e.getPathInFile());
        string(at, "sha256", e.getSha256());
        if (!e.getShape().isEmpty()) {
            string(at, "shape", e.getShape().stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]")));
        }
        string(at, "dtype", e.getDtype());
        if (e.getValue() != null) {
            at.add(new Attribute("prov:value", new Value.Str(e.getValue())));
        }
        if (e instanceof Plan p) {
            string(at, "format", p.getFormat());
            string(at, "text", p.getText());
        }
        return new Statement(Kind.ENTITY, ref(e), List.of(), at);
    }

    private Statement activity(Activity a) {
        List<Attribute> at = new ArrayList<>();
        type(at, tessera("Step"));
        label(at, a.getLabel());
        string(at, "stepId", a.getStepId());
        string(at, "stepName", a.getStepName());
        string(at, "bundle", a.getBundleSymbolicName());
        string(at, "bundleVersion", a.getBundleVersion());
        for (ParameterValue p : a.getParameters()) {
            String n = PARAM + (p.getName() == null ? "" : p.getName());
            at.add(typed(n, xsdLexical(p), xsdType(p.getType())));
            string(at, n + ".units", p.getUnits());
        }
        if (a.getSeed() != null) {
            at.add(typed("seed", a.getSeed().toString(), "xsd:long"));
        }
        if (a.getStatus() != null) {
            string(at, "status", a.getStatus().getLiteral());
        }
        string(at, "error", a.getErrorMessage());
        return new Statement(Kind.ACTIVITY, ref(a), Arrays.asList(time(a.getStartTime()), time(a.getEndTime())), at);
    }

    private Statement agent(Agent a) {
        List<Attribute> at = new ArrayList<>();
        AgentKind kind = a.getKind() == null ? AgentKind.SOFTWARE : a.getKind();
        type(at, kind == AgentKind.PERSON ? "prov:Person" : "prov:SoftwareAgent");
        if (kind == AgentKind.SCRIPT) {
            type(at, tessera("Script"));
        }
        label(at, a.getLabel());
        string(at, "name", a.getName());
        string(at, "version", a.getVersion());
        return new Statement(Kind.AGENT, ref(a), List.of(), at);
    }

    /** Lexical form in XML Schema datatypes: Java's "Infinity" is xsd:double "INF". */
    private static String xsdLexical(ParameterValue p) {
        String v = p.getValue();
        if (v != null && "double".equals(p.getType())) {
            if (v.equals("Infinity")) {
                return "INF";
            }
            if (v.equals("-Infinity")) {
                return "-INF";
            }
        }
        return v == null ? "" : v;
    }

    private static String xsdType(String type) {
        if (type == null) {
            return "xsd:string";
        }
        return switch (type) {
            case "int" -> "xsd:int";
            case "long" -> "xsd:long";
            case "double" -> "xsd:double";
            case "boolean" -> "xsd:boolean";
            default -> "xsd:string";
        };
    }

    private void name(Identified i, String kind) {
        String local = i.getId() == null ? null : localName(i.getId());
        if (local == null || !usedLocalNames.add(local)) {
            int n = names.size();
            do {
                local = "_" + kind + "-" + n++;
            } while (!usedLocalNames.add(local));
        }
        names.put(i, RECORD_PREFIX + ":" + local);
    }

    private String ref(Identified i) {
        if (i == null) {
            return null;
        }
        String q = names.get(i);
        if (q == null) {
            // referenced but not contained in this record: name it all the same
            name(i, i.eClass().getName().toLowerCase(Locale.ROOT));
            q = names.get(i);
        }
        return q;
    }

    private static String time(Date d) {
        return d == null ? null : d.toInstant().toString();
    }

    private static String tessera(String local) {
        return TESSERA_PREFIX + ":" + local;
    }

    private static Attribute typed(String local, String lexical, String type) {
        Value v = "xsd:string".equals(type) ? new Value.Str(lexical) : new Value.Typed(lexical, type);
        return new Attribute(tessera(localName(local)), v);
    }

    private static void string(List<Attribute> at, String local, String value) {
        if (value != null) {
            at.add(new Attribute(tessera(localName(local)), new Value.Str(value)));
        }
    }

    private static void type(List<Attribute> at, String qname) {
        at.add(new Attribute("prov:type", new Value.QName(qname)));
    }

    private static void label(List<Attribute> at, String label) {
        if (label != null) {
            at.add(new Attribute("prov:label", new Value.Str(label)));
        }
    }

    private static List<Attribute> role(String role) {
        return role == null ? List.of() : List.of(new Attribute("prov:role", new Value.Str(role)));
    }
}
