package tessera.script.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.script.Polyglot;
import tessera.script.ScriptLanguage;
import tessera.script.ScriptSession;

/** GraalJS and GraalPy run inside Equinox on one shared engine. */
class PolyglotTest {
    @TempDir
    Path dir;

    @Test
    void bothLanguagesEvaluateOnOneSharedEngine() throws Exception {
        assertTrue(Polyglot.engine().getLanguages().keySet().containsAll(List.of("js", "python")), Polyglot.engine().getLanguages().keySet().toString());
        assertEquals("25.0.3", Polyglot.version());
        try (ScriptSession js = Scripts.session(ScriptLanguage.JS, dir, List.of(), new ByteArrayOutputStream());
                ScriptSession py = Scripts.session(ScriptLanguage.PYTHON, dir, List.of(), new ByteArrayOutputStream())) {
            assertEquals(12, js.eval("[1, 2, 3].map(x => x * 2).reduce((a, b) => a + b)", "t.js", false).asInt());
            assertEquals(16, py.eval("import math\nsum(x * 2 for x in [1, 2, 3]) + int(math.sqrt(16))", "t.py", false).asInt());
            assertSame(Polyglot.engine(), js.engine());
            assertSame(js.engine(), py.engine());
        }
    }

    @Test
    void pythonStandardLibraryIsAvailableWithoutFileAccess() throws Exception {
        try (ScriptSession py = Scripts.session(ScriptLanguage.PYTHON, dir, List.of(), new ByteArrayOutputStream())) {
            assertEquals("[3, 1, 2]", py.eval("import json, collections\njson.dumps(list(collections.OrderedDict([(3, 0), (1, 0), (2, 0)]).keys()))",
                    "t.py", false).asString());
            assertTrue(py.eval("import sys\nsys.version", "t.py", false).asString().startsWith("3."));
        }
    }
}
