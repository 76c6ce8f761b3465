package tessera.provenance.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tessera.provenance.internal.ProvDocument.Attribute;
import tessera.provenance.internal.ProvDocument.Kind;
import tessera.provenance.internal.ProvDocument.Statement;
import tessera.provenance.internal.ProvDocument.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link ProvDocument} as PROV-JSON (W3C Member Submission, 24 April 2013,
 * https://www.w3.org/Submission/2013/SUBM-prov-json-20130424/): a "prefix" map, then one map per statement kind keyed
 * by identifier. Anonymous relations get blank identifiers {@code _:<kind><n>} numbered in document order, so the
 * output is the same for the same record. Strings are plain JSON strings (xsd:string), other literals
 * {@code {"$": lexical, "type": datatype}}; an attribute given more than once becomes an array.
 */
public final class ProvJsonWriter {
    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ProvJsonWriter() {
    }

    /**
     * @param doc the document
     * @return PROV-JSON text, indented, ending with a newline
     */
    public static String write(ProvDocument doc) {
        ObjectNode root = NODES.objectNode();
        ObjectNode prefix = root.putObject("prefix");
        doc.prefixes().forEach(prefix::put);
        Map<Kind, ObjectNode> maps = new EnumMap<>(Kind.class);
        Map<Kind, Integer> blank = new EnumMap<>(Kind.class);
        for (Statement s : doc.statements()) {
            ObjectNode map = maps.computeIfAbsent(s.kind(), k -> NODES.objectNode());
            String id = s.id();
            if (id == null) {
                int n = blank.merge(s.kind(), 1, Integer::sum);
                id = "_:" + s.kind().json + n;
            }
            ObjectNode body = NODES.objectNode();
            List<String> names = s.kind().terms;
            for (int i = 0; i < names.size(); i++) {
                String t = s.terms().get(i);
                if (t != null) {
                    body.put(names.get(i), t);
                }
            }
            Map<String, List<JsonNode>> attrs = new LinkedHashMap<>();
            for (Attribute a : s.attrs()) {
                attrs.computeIfAbsent(a.key(), k -> new ArrayList<>()).add(value(a.value()));
            }
            attrs.forEach((k, v) -> {
                if (v.size() == 1) {
                    body.set(k, v.get(0));
                } else {
                    ArrayNode arr = body.putArray(k);
                    v.forEach(arr::add);
                }
            });
            if (map.has(id)) {
                // repeated identifier: PROV-JSON allows an array of records
                JsonNode prev = map.get(id);
                ArrayNode arr = prev.isArray() ? (ArrayNode) prev : NODES.arrayNode().add(prev);
                arr.add(body);
                map.set(id, arr);
            } else {
                map.set(id, body);
            }
        }
        for (Kind k : Kind.values()) {
            if (maps.containsKey(k)) {
                root.set(k.json, maps.get(k));
            }
        }
        return MAPPER.writeValueAsString(root) + "\n";
    }

    private static JsonNode value(Value v) {
        return switch (v) {
            case Value.Str s -> NODES.stringNode(s.s());
            case Value.Typed t -> NODES.objectNode().put("$", t.lexical()).put("type", t.type());
            case Value.QName q -> NODES.objectNode().put("$", q.qname()).put("type", "prov:QUALIFIED_NAME");
        };
    }
}
