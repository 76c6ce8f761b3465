package tessera.provenance.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import tessera.provenance.ProvenanceText;

class ProvenanceTextTest {
    @Test
    void showsTheStepGraph() {
        String text = ProvenanceText.show(TestRecords.realistic());
        List<String> lines = Arrays.asList(text.split("\n"));
        assertEquals("Provenance record run-20261126T120000Z-ab12 \"analyze core_shell\"", lines.get(0));
        assertTrue(lines.contains("  created 2026-11-26 12:00:00Z, Tessera 0.1.0.test"), text);
        assertTrue(lines.contains("  agent person: alice"), text);
        assertTrue(lines.contains("  agent software: OpenJDK 64-Bit Server VM 25.0.3+9"), text);
        assertTrue(lines.contains("  plan plan file:/work/runs/pipeline.json (tessera-pipeline+json;version=1, " + TestRecords.PLAN_TEXT.length()
                + " characters)"), text);
        assertTrue(lines.contains("[1] load  SUCCEEDED  0.420 s"), text);
        assertTrue(lines.contains("    step tessera.io.hspy.reader  (tessera.io.hspy@0.1.0.202611261200)"), text);
        assertTrue(lines.contains("    used      input: file file:/data/core_shell.hspy  sha256 3f2a9c1e5b7d"), text);
        assertTrue(lines.contains("    generated dataset: dataset file:/data/core_shell.hspy /Experiments/core_shell 64x64x1024 float32"), text);
        assertTrue(lines.contains("[2] decompose  SUCCEEDED  2.750 s"), text);
        assertTrue(lines.contains("    parameters: components=5, algorithm=SVD, normalizePoisson=true, energyMin=400.5 eV"), text);
        assertTrue(lines.contains("    seed: 42"), text);
        assertTrue(lines.contains("    script: decompose.py"), text);
        assertTrue(lines.contains("    after: [1] load"), text);
        assertTrue(lines.contains("    generated components: value number of components = 5"), text);
        assertTrue(lines.contains("[3] cluster  FAILED  0.010 s"), text);
        assertTrue(lines.contains("    error: " + TestRecords.ERROR), text);
        assertTrue(lines.contains("[4] report  NOT_RUN"), text);
        assertTrue(lines.contains("  factors <- core_shell SI  by decompose"), text);
        // activities appear in record order
        assertTrue(text.indexOf("[1] load") < text.indexOf("[2] decompose") && text.indexOf("[3] cluster") < text.indexOf("[4] report"));
    }

    @Test
    void emptyVersionLeavesNoTrailingSpace() {
        var r = TestRecords.realistic();
        r.getAgents().get(0).setVersion("");
        assertTrue(ProvenanceText.show(r).contains("  agent person: alice\n"));
    }

    @Test
    void shortHash() {
        assertEquals("0123456789ab", ProvenanceText.shortHash(TestRecords.SHA_FACTORS));
        assertEquals("-", ProvenanceText.shortHash(null));
    }
}
