package tessera.script.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.script.ScriptException;
import tessera.script.ScriptLanguage;

/** Errors name the script's own file and line and the script's stack, not Java's. */
class ErrorsTest {
    @TempDir
    Path dir;

    @Test
    void javaScriptErrorAtItsLineWithTheScriptStack() throws Exception {
        Scripts.Run r = Scripts.run(ScriptLanguage.JS, "const x = 1;\nfunction f() {\n  return missing + x;\n}\nf();\n", "analysis.js", dir, List.of(),
                null);
        ScriptException e = r.result().error();
        assertEquals("analysis.js:3", e.location());
        assertEquals("ReferenceError: missing is not defined", e.getMessage());
        assertEquals(List.of("at f (analysis.js:3)", "at <top level> (analysis.js:5)"), e.stack());
        assertFalse(e.describe().contains("java."), e.describe());
        assertTrue(e.debugTrace().contains("at "), "the Java trace stays available for --debug");
    }

    @Test
    void pythonErrorAtItsLine() throws Exception {
        Scripts.Run r = Scripts.run(ScriptLanguage.PYTHON, "x = 1\n\ny = nope + x\n", "analysis.py", dir, List.of(), null);
        ScriptException e = r.result().error();
        assertEquals("analysis.py:3: NameError: name 'nope' is not defined", e.oneLine());
    }

    @Test
    void syntaxErrorsNameTheLine() throws Exception {
        ScriptException js = Scripts.run(ScriptLanguage.JS, "let a = 1;\nlet = ;\n", "bad.js", dir, List.of(), null).result().error();
        assertEquals(ScriptException.Kind.SYNTAX, js.kind());
        assertEquals("bad.js:2", js.location());
        ScriptException py = Scripts.run(ScriptLanguage.PYTHON, "a = 1\ndef f(:\n", "bad.py", dir, List.of(), null).result().error();
        assertEquals(ScriptException.Kind.SYNTAX, py.kind());
        assertEquals("bad.py:2", py.location());
        assertTrue(py.getMessage().startsWith("SyntaxError"), py.getMessage());
    }

    @Test
    void refusedFacadeCallsPointAtTheCallerNotThePrelude() throws Exception {
        ScriptException py = Scripts.run(ScriptLanguage.PYTHON, "# a comment\ns = tessera.load('missing.hspy')\n", "load.py", dir, List.of(), null)
                .result().error();
        assertEquals("load.py:2", py.location());
        assertTrue(py.getMessage().contains("missing.hspy") && py.getMessage().contains("no such file"), py.getMessage());
        ScriptException opt = Scripts.run(ScriptLanguage.PYTHON, "s = tessera.load(args[0])\ns.decomposition(algorithm='NMF', bogus=1)\n", "opt.py",
                dir, List.of(Scripts.CORE_SHELL.toString()), null).result().error();
        assertEquals("opt.py:2", opt.location());
        assertTrue(opt.getMessage().startsWith("ValueError: unknown parameter 'bogus'; known: [components, maxIterations, tol, seed, normalizePoissonianNoise]"),
                opt.getMessage());
        ScriptException range = Scripts.run(ScriptLanguage.JS, "const s = tessera.load(args[0]);\ns.decomposition({algorithm: 'NMF', output_dimension: 0});\n",
                "range.js", dir, List.of(Scripts.CORE_SHELL.toString()), null).result().error();
        assertEquals("range.js:2: parameter 'components' = 0 is outside [1, inf]", range.oneLine());
        ScriptException alg = Scripts.run(ScriptLanguage.JS, "const s = tessera.load(args[0]);\ns.decomposition({algorithm: 'magic'});\n", "alg.js", dir,
                List.of(Scripts.CORE_SHELL.toString()), null).result().error();
        // only the decomposers are offered (not the unmixings or separations of the same extension point)
        assertTrue(alg.getMessage().startsWith("unknown algorithm 'magic'; installed decomposers: [") && alg.getMessage().contains("tessera.decompose.nmf")
                && alg.getMessage().contains("tessera.decompose.pca") && !alg.getMessage().contains("tessera.decompose.mlr"), alg.getMessage());
    }
}
