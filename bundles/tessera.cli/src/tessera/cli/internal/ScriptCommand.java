package tessera.cli.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tessera.core.registry.Registry;
import tessera.script.Sandbox;
import tessera.script.ScriptException;
import tessera.script.ScriptLanguage;
import tessera.script.ScriptRunner;

/**
 * {@code tessera script FILE.js|FILE.py [ARGS...] [--timeout S] [--allow PATH] [--record FILE] [--debug]}:
 * runs a JavaScript or Python script headless in the sandboxed scripting context (docs/scripting.md),
 * records it (Plan = the script) and prints errors at the script's own file and line. Options must come
 * before FILE; everything after FILE is passed to the script as {@code args}.
 */
@Command(name = "script", description = { "Run a JavaScript (.js) or Python (.py) script with the Tessera scripting API (docs/scripting.md).",
        "Arguments after FILE go to the script (args; sys.argv in Python); Tessera's options come before FILE.",
        "The script may read and write files only in the working directory and the paths given as arguments or with --allow.",
        "Exit: 0 success, 7 the script failed, 8 it ran past --timeout, N when it calls sys.exit(N)." })
final class ScriptCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the script (.js or .py)")
    Path file;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "arguments for the script")
    List<String> args = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "stop the script after this many seconds (exit 8)")
    Double timeout;

    @Option(names = "--allow", paramLabel = "PATH", description = "also let the script read and write files under PATH")
    List<String> allow = new ArrayList<>();

    @Option(names = "--record", paramLabel = "FILE",
            description = "where to save the provenance record (default: provenance.xmi beside the first file the script saves, else NAME.provenance.xmi here)")
    Path record;

    @Option(names = "--debug", description = "print Java stack traces of errors and timings")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        StderrProgress progress = new StderrProgress(System.err);
        ScriptLanguage lang = ScriptLanguage.ofFile(file);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (timeout != null && !(timeout > 0)) {
            throw new IllegalArgumentException("--timeout must be a positive number of seconds, not " + timeout);
        }
        List<String> given = new ArrayList<>(args);
        given.addAll(allow);
        Sandbox sandbox = new Sandbox(Path.of("").toAbsolutePath(), given);
        ScriptRunner.Result r = ScriptRunner.run(Registry.get(), lang, file.toString(), text, new ScriptRunner.Options(args, sandbox,
                timeout == null ? null : Duration.ofMillis(Math.round(timeout * 1000)), record, System.out, System.err, progress::stage, progress, null,
                null, null));
        System.out.flush();
        if (debug) {
            System.err.printf("tessera: %s ready in %.2f s, script ran %.2f s%n", lang.implementation(), r.readyNanos() / 1e9, r.runNanos() / 1e9);
        }
        return report(r, debug, "record");
    }

    /**
     * Prints how a script run ended and maps it to an exit code.
     *
     * @param r     the run
     * @param debug print the Java stack trace of an error
     * @param what  what the record line calls the record
     * @return 0, {@value TesseraCommand#EXIT_SCRIPT_FAILED}, {@value TesseraCommand#EXIT_SCRIPT_TIMEOUT} or the script's exit status
     */
    static int report(ScriptRunner.Result r, boolean debug, String what) {
        if (r.succeeded()) {
            System.err.println("tessera: " + what + ": " + r.recordFile());
            return 0;
        }
        ScriptException e = r.error();
        if (e.kind() == ScriptException.Kind.EXIT) {
            System.err.println("tessera: " + e.oneLine() + " (" + what + ": " + r.recordFile() + ")");
            return e.exitStatus();
        }
        System.err.println("tessera: error: " + e.describe());
        if (debug) {
            System.err.print(e.debugTrace());
        }
        System.err.println("tessera: " + what + " of the failed run: " + r.recordFile());
        return e.kind() == ScriptException.Kind.TIMEOUT ? TesseraCommand.EXIT_SCRIPT_TIMEOUT : TesseraCommand.EXIT_SCRIPT_FAILED;
    }
}
