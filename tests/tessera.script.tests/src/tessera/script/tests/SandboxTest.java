package tessera.script.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tessera.script.ScriptException;
import tessera.script.ScriptLanguage;
import tessera.script.ScriptSession;

/**
 * Every refusal of the sandbox, in both languages, with the message a user sees: no Java class lookup,
 * no hidden host members, no process creation, no System.exit (sys.exit ends only the script), no network,
 * no file access except the facade's on permitted paths, no threads, no native code, no other languages;
 * and runaway scripts stop on a time limit or an interrupt without harming the JVM.
 */
class SandboxTest {
    @TempDir
    Path dir;

    private ScriptException refused(ScriptLanguage lang, String code) throws Exception {
        Scripts.Run r = Scripts.run(lang, code, dir, List.of(), null);
        assertFalse(r.result().succeeded(), () -> code + " was not refused; output: " + r.out());
        return r.result().error();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            // Java class lookup (and through it System.exit, Runtime.exec, sockets, files)
            "JS     | Java.type('java.lang.System').exit(1)                          | Access to host class java.lang.System is not allowed",
            "JS     | Java.type('java.lang.ProcessBuilder')                          | Access to host class java.lang.ProcessBuilder is not allowed",
            "JS     | Java.type('java.net.Socket')                                   | Access to host class java.net.Socket is not allowed",
            "PYTHON | import java\\njava.type('java.lang.System').exit(1)          | host symbol java.lang.System is not defined or access has been denied",
            "PYTHON | import java\\njava.type('java.lang.Runtime')                  | host symbol java.lang.Runtime is not defined or access has been denied",
            // members of host objects that the facade does not export
            "JS     | tessera.getClass()                                             | Unknown identifier: getClass",
            "PYTHON | tessera._h.getClass()                                          | has no attribute 'getClass'",
            // process creation
            "PYTHON | import os\\nos.system('ls')                                   | PermissionError: creating or signalling processes (os.system) is not allowed",
            "PYTHON | import subprocess\\nsubprocess.run(['ls'])                    | PermissionError: creating processes (subprocess) is not allowed",
            "PYTHON | import os, signal\\nos.kill(os.getpid(), signal.SIGKILL)      | PermissionError: creating or signalling processes (os.kill) is not allowed",
            // network
            "JS     | fetch('http://example.org/')                                   | ReferenceError: fetch is not defined",
            "PYTHON | import socket\\nsocket.create_connection(('example.org', 80), 5) | PermissionError: network access (socket.getaddrinfo) is not allowed",
            "PYTHON | import socket\\nsocket.socket().connect(('127.0.0.1', 80))      | PermissionError: network access is not allowed",
            "PYTHON | import urllib.request\\nurllib.request.urlopen('http://example.org/') | URLError",
            // the languages' own file access
            "JS     | load('/etc/hostname')                                          | Operation is not allowed for: /etc/hostname",
            "PYTHON | open('/etc/hostname').read()                                   | PermissionError: [Errno 1] Operation not permitted: '/etc/hostname'",
            "PYTHON | open('written-by-python.txt', 'w').write('x')                  | PermissionError: [Errno 1] Operation not permitted",
            "PYTHON | import os\\nos.listdir('.')                                   | PermissionError",
            // threads, native code, other languages
            "PYTHON | import threading\\nthreading.Thread(target=print).start()     | PermissionError: starting threads is not allowed",
            "PYTHON | import ctypes                                                  | ctypes",
            "JS     | Polyglot.eval('python', '1')                                   | ReferenceError: Polyglot is not defined",
            "PYTHON | import polyglot\\npolyglot.eval(language='js', string='1')    | polyglot access is not allowed",
            // the facade refuses files outside the working directory and the given paths
            "JS     | tessera.load('/etc/hostname')                                  | not allowed: load('/etc/hostname'): /etc/hostname is outside the working directory",
            "PYTHON | tessera.load('../../outside.hspy')                             | is outside the working directory",
    })
    void refusesWithAClearMessage(ScriptLanguage lang, String code, String expected) throws Exception {
        ScriptException e = refused(lang, code.replace("\\n", "\n"));
        assertTrue(e.getMessage().contains(expected), () -> "message '" + e.getMessage() + "' lacks '" + expected + "'");
        assertEquals("test" + lang.extension() + ":" + code.replace("\\n", "\n").lines().count(), e.location(), e.oneLine());
        assertFalse(Files.exists(dir.resolve("written-by-python.txt")));
    }

    @Test
    void environmentVariablesAreNotVisible() throws Exception {
        try (ScriptSession py = Scripts.session(ScriptLanguage.PYTHON, dir, List.of(), new ByteArrayOutputStream())) {
            assertEquals("None None", py.eval("import os\nf\"{os.environ.get('HOME')} {os.environ.get('PATH')}\"", "t.py", false).asString());
        }
    }

    @Test
    void sysExitEndsTheScriptNotTheJvm() throws Exception {
        ScriptException e = refused(ScriptLanguage.PYTHON, "print('before')\nimport sys\nsys.exit(3)\nprint('after')");
        assertEquals(ScriptException.Kind.EXIT, e.kind());
        assertEquals(3, e.exitStatus());
        ScriptException hard = refused(ScriptLanguage.PYTHON, "import os\nos._exit(5)");
        assertEquals(5, hard.exitStatus());
        // still alive: a new script runs
        assertTrue(Scripts.run(ScriptLanguage.JS, "1 + 1", dir, List.of(), null).result().succeeded());
        Scripts.Run ok = Scripts.run(ScriptLanguage.PYTHON, "import sys\nsys.exit(0)", dir, List.of(), null);
        assertTrue(ok.result().succeeded(), "sys.exit(0) is a normal end");
    }

    @Test
    void facadeWritesOnlyWhereAllowed() throws Exception {
        Path outside = Files.createTempDirectory("tessera-outside");
        Scripts.Run r = Scripts.run(ScriptLanguage.JS, "const s = tessera.load(args[0]);\ns.sum().save('" + outside.resolve("sum.hspy") + "');", dir,
                List.of(Scripts.CORE_SHELL.toString()), null);
        ScriptException e = r.result().error();
        assertTrue(e.getMessage().contains("not allowed: save("), e.getMessage());
        assertEquals("test.js:2", e.location());
        assertFalse(Files.exists(outside.resolve("sum.hspy")));
    }

    @Test
    void metadataIsReadOnly() throws Exception {
        Scripts.Run r = Scripts.run(ScriptLanguage.PYTHON, "s = tessera.load(args[0])\ns.metadata.General.title = 'changed'", dir,
                List.of(Scripts.CORE_SHELL.toString()), null);
        assertFalse(r.result().succeeded());
        assertEquals("test.py:2: AttributeError: metadata is read-only (cannot set 'title')", r.result().error().oneLine());
    }

    @ParameterizedTest
    @CsvSource({ "JS, 'let i = 0; while (true) { i++; }'", "PYTHON, 'i = 0\nwhile True:\n    i += 1'" })
    void timeLimitStopsAnEndlessLoop(ScriptLanguage lang, String code) throws Exception {
        Scripts.Run r = Scripts.run(lang, code, dir, List.of(), Duration.ofSeconds(2));
        assertFalse(r.result().succeeded());
        assertEquals(ScriptException.Kind.TIMEOUT, r.result().error().kind(), r.result().error().oneLine());
        assertTrue(Files.isRegularFile(dir.resolve("record-" + lang.id() + ".xmi")), "the failed run is recorded");
        // the workbench goes on: the same language runs again
        assertEquals(3, Scripts.session(lang, dir, List.of(), new ByteArrayOutputStream()).eval("1 + 2", "t", false).asInt());
    }

    @ParameterizedTest
    @CsvSource({ "JS, 'while (true) {}'", "PYTHON, 'while True:\n    pass'" })
    void interruptStopsTheEvaluationAndKeepsTheSession(ScriptLanguage lang, String loop) throws Exception {
        try (ScriptSession s = Scripts.session(lang, dir, List.of(), new ByteArrayOutputStream())) {
            s.eval(lang == ScriptLanguage.JS ? "var kept = 41;" : "kept = 41", "t", false);
            ScriptException[] caught = new ScriptException[1];
            Thread t = new Thread(() -> {
                try {
                    s.eval(loop, "loop", false);
                } catch (ScriptException e) {
                    caught[0] = e;
                }
            });
            t.start();
            while (t.isAlive()) {
                s.interrupt();
                t.join(200);
            }
            assertNotNull(caught[0]);
            assertEquals(ScriptException.Kind.INTERRUPTED, caught[0].kind(), caught[0].oneLine());
            s.resetInterrupt();
            assertEquals(42, s.eval("kept + 1", "t", false).asInt());
        }
    }

    @Test
    void interruptStopsARunningAlgorithm() throws Exception {
        try (ScriptSession s = Scripts.session(ScriptLanguage.JS, dir, List.of(Scripts.CORE_SHELL.toString()), new ByteArrayOutputStream())) {
            s.eval("var s = tessera.load(args[0]);", "t.js", false);
            ScriptException[] caught = new ScriptException[1];
            Thread t = new Thread(() -> {
                try {
                    s.eval("s.decomposition({algorithm: 'NMF', output_dimension: 8, max_iter: 1000000, tol: 0});", "nmf.js", false);
                } catch (ScriptException e) {
                    caught[0] = e;
                }
            });
            t.start();
            t.join(1500);
            while (t.isAlive()) {
                s.interrupt();
                t.join(200);
            }
            assertNotNull(caught[0]);
            assertEquals(ScriptException.Kind.INTERRUPTED, caught[0].kind(), caught[0].oneLine());
            s.resetInterrupt();
            assertEquals(992, s.eval("s.shape[2]", "t.js", false).asInt());
        }
    }
}
