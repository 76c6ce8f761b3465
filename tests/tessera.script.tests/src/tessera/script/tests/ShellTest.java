package tessera.script.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.core.registry.Registry;
import tessera.pipeline.PipelineEngine;
import tessera.pipeline.Rerun;
import tessera.provenance.RecordStore;
import tessera.provenance.model.Record;
import tessera.script.Sandbox;
import tessera.script.ScriptLanguage;
import tessera.script.ScriptRerun;
import tessera.script.ScriptRunner;
import tessera.script.ScriptShell;

/** The shell with piped input: multi-line inputs, printed values, errors that do not end the session, its record. */
class ShellTest {
    @TempDir
    Path dir;

    private record Session(int status, String out, String err) {
    }

    private Session shell(ScriptLanguage lang, String input, List<String> allow) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ScriptShell.run(Registry.get(), new ScriptShell.Options(lang, new Sandbox(dir, allow), null, false,
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false));
        return new Session(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void pythonShellReadsBlocksPrintsValuesAndSurvivesErrors() throws Exception {
        Session s = shell(ScriptLanguage.PYTHON, "x = 20\nx + 1\nfor i in range(2):\n    print('i =', i)\n\nundefined_name\n[1,\n 2]\nx * 2\n", List.of());
        assertEquals(0, s.status());
        assertEquals(List.of("21", "i = 0", "i = 1", "[1, 2]", "40"), s.out().lines().toList());
        assertTrue(s.err().contains("<shell>:1: NameError: name 'undefined_name' is not defined"), s.err());
        assertFalse(Files.exists(dir.resolve("shell.provenance.xmi")), "a session that used no data leaves no record");
    }

    @Test
    void pythonBlockFollowedByAStatementRunsAsInAFile() throws Exception {
        Session s = shell(ScriptLanguage.PYTHON, "x = 20\nfor i in range(2):\n    x += i\nx + 21\nif x:\n    print('yes')\nprint('end')\n", List.of());
        assertEquals(0, s.status(), s.err());
        assertEquals(List.of("42", "yes", "end"), s.out().lines().toList());
    }

    @Test
    void javaScriptShellContinuesUnfinishedInput() throws Exception {
        Session s = shell(ScriptLanguage.JS, "function twice(v) {\n  return 2 * v;\n}\ntwice(21)\nlet a = [1,\n 2];\na.length\n'text'\n", List.of());
        assertEquals(0, s.status());
        assertEquals(List.of("42", "2", "text"), s.out().lines().toList());
    }

    @Test
    void sysExitEndsTheShellWithItsStatus() throws Exception {
        Session s = shell(ScriptLanguage.PYTHON, "print('a')\nimport sys\nsys.exit(2)\nprint('never')\n", List.of());
        assertEquals(2, s.status());
        assertEquals(List.of("a"), s.out().lines().toList());
    }

    @Test
    void theSessionIsRecordedWithItsHistoryAndReruns() throws Exception {
        Session s = shell(ScriptLanguage.JS, "const s = tessera.load(args.length ? args[0] : '" + Scripts.CORE_SHELL + "');\nnope()\n"
                + "const m = s.sum('Energy');\nm.save('map.hspy')\n", List.of(Scripts.CORE_SHELL.toString()));
        assertEquals(0, s.status(), s.err());
        Path record = dir.resolve(PipelineEngine.RECORD);
        assertTrue(s.err().contains("record: " + record), s.err());
        Record rec = RecordStore.load(record);
        String history = Rerun.plan(rec).getText();
        assertFalse(history.contains("nope()"), "inputs that failed are not part of the history");
        assertTrue(history.contains("s.sum('Energy')") && history.contains("m.save('map.hspy')"), history);
        ScriptRerun.Prepared p = ScriptRerun.prepare(new PipelineEngine(Registry.get()).catalog(), rec, record, false, Map.of());
        ScriptRunner.Result again = ScriptRerun.run(Registry.get(), p, record, dir.resolve("again"), new ByteArrayOutputStream(),
                new ByteArrayOutputStream(), null, null);
        assertTrue(again.succeeded(), () -> again.error().describe());
        for (Rerun.Check c : Rerun.verify(rec, again.record())) {
            assertTrue(c.matches(), c.toString());
        }
        assertTrue(Files.isRegularFile(dir.resolve("again/map.hspy")));
    }
}
