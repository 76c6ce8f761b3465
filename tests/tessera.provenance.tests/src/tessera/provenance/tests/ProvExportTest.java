package tessera.provenance.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openprovenance.prov.model.Document;
import org.openprovenance.prov.model.HasOther;
import org.openprovenance.prov.model.Other;
import org.openprovenance.prov.model.ProvFactory;
import org.openprovenance.prov.model.Statement;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tessera.provenance.ProvExport;
import tessera.provenance.internal.ProvMapping;
import tessera.provenance.internal.ProvNWriter;
import tessera.provenance.model.Record;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class ProvExportTest {
    private static final ProvFactory PF = ProvToolbox.factory();
    private static final String TESSERA = ProvMapping.TESSERA_NS;

    @TempDir
    Path dir;

    private static Schema provJsonSchema() throws IOException {
        try (InputStream in = ProvExportTest.class.getResourceAsStream("prov-json.schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
        }
    }

    @Test
    void provJsonIsValidAgainstTheSchema() throws IOException {
        String json = ProvExport.toProvJson(TestRecords.realistic());
        Schema schema = provJsonSchema();
        List<Error> errors = schema.validate(json, InputFormat.JSON);
        assertTrue(errors.isEmpty(), () -> "PROV-JSON schema errors: " + errors);

        // the schema does reject what the PROV-JSON submission forbids (negative controls)
        JsonNode root = new ObjectMapper().readTree(json);
        assertFalse(schema.validate("{\"used\": {\"_:u\": {\"prov:entity\": \"rec:e\"}}}", InputFormat.JSON).isEmpty(),
                "a usage without prov:activity must be rejected");
        assertFalse(schema.validate("{\"activity\": {\"rec:a\": {\"tessera:x\": {\"$\": \"1\"}}}}", InputFormat.JSON).isEmpty(),
                "a typed literal without its type must be rejected");
        assertFalse(schema.validate("{\"entity\": {\"rec:e\": {}}, \"wasDerivedFrom\": {\"_:d\": {\"prov:usedEntity\": \"rec:e\"}}}",
                InputFormat.JSON).isEmpty(), "a derivation without prov:generatedEntity must be rejected");
        assertFalse(schema.validate("{\"entities\": {}}", InputFormat.JSON).isEmpty(), "unknown top-level member must be rejected");

        // specific values, as PROV-JSON writes them
        assertEquals(TESSERA, root.get("prefix").get("tessera").asString());
        JsonNode dec = root.get("activity").get("rec:act-decompose");
        assertEquals("42", dec.get("tessera:seed").get("$").asString());
        assertEquals("xsd:long", dec.get("tessera:seed").get("type").asString());
        assertEquals("400.5", dec.get("tessera:param.energyMin").get("$").asString());
        assertEquals("xsd:double", dec.get("tessera:param.energyMin").get("type").asString());
        assertEquals("eV", dec.get("tessera:param.energyMin.units").asString());
        assertEquals("2026-11-26T12:00:03.250Z", dec.get("prov:endTime").asString());
        JsonNode cluster = root.get("activity").get("rec:act-cluster");
        assertEquals("FAILED", cluster.get("tessera:status").asString());
        assertEquals(TestRecords.ERROR, cluster.get("tessera:error").asString());
        assertEquals(TestRecords.PLAN_TEXT, root.get("entity").get("rec:plan").get("tessera:text").asString());
        assertEquals(TestRecords.SHA_IN, root.get("entity").get("rec:in-file").get("tessera:sha256").asString());
        assertEquals("[64,64,1024]", root.get("entity").get("rec:in-ds").get("tessera:shape").asString());
        assertEquals(6, root.get("entity").size(), "5 entities + the record entity");
        assertEquals(4, root.get("activity").size());
        assertEquals(4, root.get("agent").size());
        assertEquals(3, root.get("used").size());
        assertEquals(3, root.get("wasGeneratedBy").size());
        assertEquals(6, root.get("wasAssociatedWith").size());
        assertEquals(2, root.get("wasDerivedFrom").size());
        assertEquals(2, root.get("wasInformedBy").size());
    }

    @Test
    void provJsonParsesBackWithProvToolbox() throws IOException {
        String json = ProvExport.toProvJson(TestRecords.realistic());
        Document doc = new org.openprovenance.prov.json.Converter(PF).readDocument(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        assertCounts(doc);
        assertAttributes(doc, true);
    }

    @Test
    void provNParsesBackWithProvToolbox() throws IOException {
        String provn = ProvExport.toProvN(TestRecords.realistic());
        assertTrue(provn.startsWith("document\n"), provn.substring(0, 40));
        assertTrue(provn.strip().endsWith("endDocument"));
        assertTrue(provn.contains("prefix tessera <" + TESSERA + ">"), provn);
        // the multi-line plan text is one PROV-N string literal with ECHAR escapes (ProvToolbox's reader keeps escapes
        // verbatim, so the exact text is checked here and its presence after parsing below)
        assertTrue(provn.contains("tessera:text = " + ProvNWriter.quote(TestRecords.PLAN_TEXT)), provn);
        assertEquals("\"a\\\"b\\\\c\\nd\\te\"", ProvNWriter.quote("a\"b\\c\nd\te"));
        assertTrue(provn.contains("  activity(rec:act-report, -, -, ["), "a step that never ran has no times");
        assertTrue(provn.contains("  wasDerivedFrom(rec:factors, rec:in-ds, rec:act-decompose, -, -)"), provn);
        assertTrue(provn.contains("tessera:param.energyMin = \"400.5\" %% xsd:double, tessera:param.energyMin.units = \"eV\""), provn);
        Document doc = new org.openprovenance.prov.notation.Utility().readDocument(new ByteArrayInputStream(provn.getBytes(StandardCharsets.UTF_8)), PF);
        assertCounts(doc);
        assertAttributes(doc, false);
    }

    @Test
    void outputIsDeterministic() {
        assertEquals(ProvExport.toProvJson(TestRecords.realistic()), ProvExport.toProvJson(TestRecords.realistic()));
        assertEquals(ProvExport.toProvN(TestRecords.realistic()), ProvExport.toProvN(TestRecords.realistic()));
    }

    @Test
    void writesFilesAndWriters() throws IOException {
        Record r = TestRecords.realistic();
        Path f = dir.resolve("out/run.provn");
        ProvExport.write(r, ProvExport.Format.PROV_N, f);
        assertEquals(ProvExport.toProvN(r), Files.readString(f, StandardCharsets.UTF_8));
        StringWriter w = new StringWriter();
        ProvExport.write(r, ProvExport.Format.PROV_JSON, w);
        assertEquals(ProvExport.toProvJson(r), w.toString());
        assertEquals(ProvExport.Format.PROV_N, ProvExport.Format.parse("PROV-N"));
        assertEquals(ProvExport.Format.PROV_JSON, ProvExport.Format.parse("prov-json"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProvExport.Format.parse("turtle"));
        assertTrue(e.getMessage().contains("turtle"));
    }

    @Test
    void awkwardIdentifiersAreEncodedAndStillParse() throws IOException {
        Record r = TestRecords.realistic();
        r.setId("run 1/ä");
        r.getEntities().get(1).setId("file:/data/core shell.hspy#1");
        r.getActivities().get(0).setId(".load.");
        assertEquals("file%3A%2Fdata%2Fcore%20shell.hspy%231", ProvMapping.localName("file:/data/core shell.hspy#1"));
        assertEquals("%2Eload%2E", ProvMapping.localName(".load."));
        assertEquals("a.b", ProvMapping.localName("a.b"));
        assertEquals("%C3%A4", ProvMapping.localName("ä"));
        Document n = new org.openprovenance.prov.notation.Utility().readDocument(
                new ByteArrayInputStream(ProvExport.toProvN(r).getBytes(StandardCharsets.UTF_8)), PF);
        assertCounts(n);
        List<Error> errors = provJsonSchema().validate(ProvExport.toProvJson(r), InputFormat.JSON);
        assertTrue(errors.isEmpty(), errors::toString);
    }

    private static void assertCounts(Document doc) {
        Map<String, Long> counts = doc.getStatementOrBundle().stream()
                .collect(Collectors.groupingBy(s -> ((Statement) s).getKind().name(), Collectors.counting()));
        assertEquals(Long.valueOf(6), counts.get("PROV_ENTITY"), counts::toString);
        assertEquals(Long.valueOf(4), counts.get("PROV_ACTIVITY"), counts::toString);
        assertEquals(Long.valueOf(4), counts.get("PROV_AGENT"), counts::toString);
        assertEquals(Long.valueOf(3), counts.get("PROV_USAGE"), counts::toString);
        assertEquals(Long.valueOf(3), counts.get("PROV_GENERATION"), counts::toString);
        assertEquals(Long.valueOf(6), counts.get("PROV_ASSOCIATION"), counts::toString);
        assertEquals(Long.valueOf(2), counts.get("PROV_DERIVATION"), counts::toString);
        assertEquals(Long.valueOf(2), counts.get("PROV_COMMUNICATION"), counts::toString);
        assertEquals(30, doc.getStatementOrBundle().size());
    }

    private static void assertAttributes(Document doc, boolean exactPlanText) {
        Map<String, Object> byId = new HashMap<>();
        for (Object o : doc.getStatementOrBundle()) {
            if (o instanceof org.openprovenance.prov.model.Identifiable i && i.getId() != null) {
                byId.put(i.getId().getLocalPart(), o);
            }
        }
        org.openprovenance.prov.model.Activity dec = (org.openprovenance.prov.model.Activity) byId.get("act-decompose");
        assertEquals("42", other(dec, "seed"));
        assertEquals("400.5", other(dec, "param.energyMin"));
        assertEquals("eV", other(dec, "param.energyMin.units"));
        assertEquals("5", other(dec, "param.components"));
        assertEquals("true", other(dec, "param.normalizePoisson"));
        assertEquals("tessera.decompose.pca", other(dec, "stepId"));
        assertEquals("tessera.decompose", other(dec, "bundle"));
        assertEquals(1795694403250L, dec.getEndTime().toGregorianCalendar().getTimeInMillis());
        org.openprovenance.prov.model.Activity cluster = (org.openprovenance.prov.model.Activity) byId.get("act-cluster");
        assertEquals(TestRecords.ERROR, other(cluster, "error"));
        assertEquals("FAILED", other(cluster, "status"));
        org.openprovenance.prov.model.Entity plan = (org.openprovenance.prov.model.Entity) byId.get("plan");
        if (exactPlanText) {
            assertEquals(TestRecords.PLAN_TEXT, other(plan, "text"));
        } else {
            assertTrue(other(plan, "text").contains("tessera-pipeline"), other(plan, "text"));
        }
        assertEquals("prov:Plan", typeName(plan));
        org.openprovenance.prov.model.Entity inFile = (org.openprovenance.prov.model.Entity) byId.get("in-file");
        assertEquals(TestRecords.SHA_IN, other(inFile, "sha256"));
        org.openprovenance.prov.model.Entity n = (org.openprovenance.prov.model.Entity) byId.get("n-components");
        assertEquals("5", lexical(n.getValue().getValue()));
        org.openprovenance.prov.model.Agent user = (org.openprovenance.prov.model.Agent) byId.get("agent-user");
        assertEquals("prov:Person", typeName(user));
        assertEquals("alice", other(user, "name"));
    }

    private static String typeName(org.openprovenance.prov.model.HasType t) {
        Object v = t.getType().get(0).getValue();
        if (v instanceof org.openprovenance.prov.model.QualifiedName q) {
            return q.getPrefix() + ":" + q.getLocalPart();
        }
        return String.valueOf(v);
    }

    private static String other(HasOther s, String local) {
        List<String> values = s.getOther().stream()
                .filter(o -> TESSERA.equals(o.getElementName().getNamespaceURI()) && local.equals(o.getElementName().getLocalPart()))
                .map(Other::getValue).map(ProvExportTest::lexical).toList();
        assertEquals(1, values.size(), () -> "attribute tessera:" + local + " in " + s.getOther());
        return values.get(0);
    }

    private static String lexical(Object v) {
        if (v instanceof org.openprovenance.prov.model.LangString l) {
            return l.getValue();
        }
        return String.valueOf(v);
    }
}
