package tessera.script.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.script.ScriptLanguage;
import tessera.script.ScriptSession;

/**
 * {@code tessera.load} on multi-dataset files and with reader options, as {@code hs.load}: {@code FILE#N} and
 * {@code dataset=N} select a dataset of a Bruker BCF (0: the SEM image, 1: the 240 x 320 x 2048 EDS cube), a reader
 * keyword ({@code downsample=4, cutoff_at_kV=10}) reaches the BCF reader (60 x 80 x 1047, as HyperSpy 1.7.3 reads it),
 * and a keyword the reader does not know is refused naming its options.
 */
class LoadSelectionTest {
    private static final Path BCF = Path.of(System.getProperty("tessera.data", "../shared/data"), "formats", "bruker", "Hitachi_TM3030Plus.bcf");

    @Test
    void selectionAndReaderOptionsInPythonAndJavaScript(@TempDir Path dir) throws Exception {
        String f = BCF.toAbsolutePath().normalize().toString();
        try (ScriptSession py = Scripts.session(ScriptLanguage.PYTHON, dir, List.of(f), new ByteArrayOutputStream())) {
            assertEquals("[240, 320]", py.eval("str(list(tessera.load(args[0] + '#0', kind='image').shape))", "a.py", false).asString());
            assertEquals("[240, 320, 2048]", py.eval("str(list(tessera.load(args[0], dataset=1).shape))", "a.py", false).asString());
            assertEquals("[60, 80, 1047]", py.eval("str(list(tessera.load(args[0], downsample=4, cutoff_at_kV=10).shape))", "a.py", false).asString());
            tessera.script.ScriptException e = assertThrows(tessera.script.ScriptException.class, () -> py.eval("tessera.load(args[0], binning=2)", "a.py", false));
            assertTrue(e.getMessage().contains("unknown parameter 'binning'") && e.getMessage().contains("downsample"), e.getMessage());
        }
        try (ScriptSession js = Scripts.session(ScriptLanguage.JS, dir, List.of(f), new ByteArrayOutputStream())) {
            assertEquals(1047, js.eval("tessera.load(args[0] + '#1', {cutoff_at_kV: 10}).shape[2]", "a.js", false).asInt());
        }
    }
}
