package tessera.provenance.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A flat PROV-DM document in the shape both PROV serialisations need: prefix declarations and statements in order,
 * each with its kind, optional identifier, positional terms and attribute-value pairs. Qualified names and times are
 * already in their lexical form ({@code prefix:local}, xsd:dateTime). Built by {@link ProvMapping}, written by
 * {@link ProvJsonWriter} and {@link ProvNWriter}.
 */
public final class ProvDocument {
    /** PROV-DM statement kinds used by Tessera, with their PROV-JSON member names for the positional terms. */
    public enum Kind {
        /** entity(id, [attrs]) */
        ENTITY("entity", "entity"),
        /** activity(id, startTime, endTime, [attrs]) */
        ACTIVITY("activity", "activity", "prov:startTime", "prov:endTime"),
        /** agent(id, [attrs]) */
        AGENT("agent", "agent"),
        /** used(id; activity, entity, time, [attrs]) */
        USED("used", "used", "prov:activity", "prov:entity", "prov:time"),
        /** wasGeneratedBy(id; entity, activity, time, [attrs]) */
        WAS_GENERATED_BY("wasGeneratedBy", "wasGeneratedBy", "prov:entity", "prov:activity", "prov:time"),
        /** wasAssociatedWith(id; activity, agent, plan, [attrs]) */
        WAS_ASSOCIATED_WITH("wasAssociatedWith", "wasAssociatedWith", "prov:activity", "prov:agent", "prov:plan"),
        /** wasDerivedFrom(id; generatedEntity, usedEntity, activity, generation, usage, [attrs]) */
        WAS_DERIVED_FROM("wasDerivedFrom", "wasDerivedFrom", "prov:generatedEntity", "prov:usedEntity", "prov:activity", "prov:generation",
                "prov:usage"),
        /** wasInformedBy(id; informed, informant, [attrs]) */
        WAS_INFORMED_BY("wasInformedBy", "wasInformedBy", "prov:informed", "prov:informant");

        /** PROV-N expression name. */
        public final String provN;
        /** PROV-JSON member name of the statement map. */
        public final String json;
        /** PROV-JSON member names of the positional terms, in PROV-N order. */
        public final List<String> terms;

        Kind(String provN, String json, String... terms) {
            this.provN = provN;
            this.json = json;
            this.terms = List.of(terms);
        }

        /** @return true for element kinds (entity, activity, agent), whose identifier is mandatory */
        public boolean isElement() {
            return this == ENTITY || this == ACTIVITY || this == AGENT;
        }
    }

    /** An attribute value: a plain string (xsd:string), a typed literal, a qualified name or a language-tagged string. */
    public sealed interface Value {
        /** @param s the string (xsd:string) */
        record Str(String s) implements Value {
        }

        /**
         * @param lexical lexical form
         * @param type    datatype as a qualified name, e.g. {@code xsd:long}
         */
        record Typed(String lexical, String type) implements Value {
        }

        /** @param qname a qualified name ({@code prov:QUALIFIED_NAME}) */
        record QName(String qname) implements Value {
        }
    }

    /**
     * @param key   attribute name as a qualified name
     * @param value its value
     */
    public record Attribute(String key, Value value) {
    }

    /**
     * @param kind  statement kind
     * @param id    identifier (qualified name), null for anonymous relations
     * @param terms positional terms in PROV-N order (qualified names or xsd:dateTime lexicals), null where absent
     * @param attrs attribute-value pairs in order; a key may repeat (e.g. two prov:type)
     */
    public record Statement(Kind kind, String id, List<String> terms, List<Attribute> attrs) {
    }

    private final Map<String, String> prefixes = new LinkedHashMap<>();
    private final List<Statement> statements = new ArrayList<>();

    /** @return prefix to namespace IRI, in declaration order (prov and xsd are implicit) */
    public Map<String, String> prefixes() {
        return prefixes;
    }

    /** @return the statements in order */
    public List<Statement> statements() {
        return statements;
    }
}
