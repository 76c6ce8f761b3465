package tessera.script.tests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import tessera.core.registry.Registry;
import tessera.script.Sandbox;
import tessera.script.ScriptLanguage;
import tessera.script.ScriptRunner;
import tessera.script.ScriptSession;

/** Shared helpers: real data, the repository root, running code in a sandboxed session. */
final class Scripts {
    static final Path DATA = Path.of(System.getProperty("tessera.data", "../../../shared/data")).toAbsolutePath().normalize();
    static final Path ROOT = Path.of(System.getProperty("tessera.root", "../..")).toAbsolutePath().normalize();
    static final Path CORE_SHELL = DATA.resolve("edx/core_shell.hspy");

    private Scripts() {
    }

    /**
     * Output of a run.
     *
     * @param result the runner's result
     * @param out    the script's stdout
     * @param err    the script's stderr and the step log
     */
    record Run(ScriptRunner.Result result, String out, String err) {
    }

    static Run run(ScriptLanguage lang, String code, Path wd, List<String> args, Duration timeout) throws IOException {
        return run(lang, code, "test" + lang.extension(), wd, args, timeout);
    }

    static Run run(ScriptLanguage lang, String code, String name, Path wd, List<String> args, Duration timeout) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ScriptRunner.Result r = ScriptRunner.run(Registry.get(), lang, name, code, new ScriptRunner.Options(args, new Sandbox(wd, args), timeout,
                wd.resolve("record-" + lang.id() + ".xmi"), out, err, line -> err.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8)), null, null, null,
                null));
        return new Run(r, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static ScriptSession session(ScriptLanguage lang, Path wd, List<String> given, ByteArrayOutputStream out) {
        return new ScriptSession(Registry.get(), new ScriptSession.Setup(lang, "test" + lang.extension(), given, new Sandbox(wd, given), out, out,
                null, null), "");
    }
}
