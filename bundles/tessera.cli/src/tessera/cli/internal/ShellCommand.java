package tessera.cli.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tessera.core.registry.Registry;
import tessera.script.Sandbox;
import tessera.script.ScriptLanguage;
import tessera.script.ScriptShell;

/**
 * {@code tessera shell [--lang js|python] [--allow PATH] [--record FILE] [--debug]}: the interactive
 * console ({@link ScriptShell}) with line editing and history on a terminal, or reading piped
 * standard input without prompts.
 */
@Command(name = "shell", description = { "Interactive JavaScript or Python console with the Tessera scripting API (docs/scripting.md).",
        "Line editing and history on a terminal; reads piped standard input too. Ctrl-C interrupts, Ctrl-D or exit ends.",
        "The session (its history as the plan) is recorded when it loaded, computed or saved anything." })
final class ShellCommand implements Callable<Integer> {
    @Option(names = "--lang", paramLabel = "js|python", defaultValue = "python", description = "language (default: ${DEFAULT-VALUE})")
    String lang;

    @Option(names = "--allow", paramLabel = "PATH", description = "also let the session read and write files under PATH")
    List<String> allow = new ArrayList<>();

    @Option(names = "--record", paramLabel = "FILE", description = "where to save the provenance record (default: as for tessera script, name shell)")
    Path record;

    @Option(names = "--debug", description = "print Java stack traces of errors")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        ScriptLanguage language = ScriptLanguage.ofName(lang);
        java.io.Console console = System.console();
        boolean interactive = console != null && console.isTerminal();
        return ScriptShell.run(Registry.get(), new ScriptShell.Options(language, new Sandbox(Path.of("").toAbsolutePath(), allow), record, debug,
                System.in, System.out, System.err, interactive));
    }
}
