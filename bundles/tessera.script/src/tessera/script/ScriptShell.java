package tessera.script;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.graalvm.polyglot.Value;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import tessera.core.registry.Registry;
import tessera.provenance.RecordStore;

/**
 * The interactive console ({@code tessera shell [--lang js|python]}): a read-evaluate-print loop on
 * one {@link ScriptSession}. On a terminal it edits lines and keeps a history with JLine 3
 * (history file {@code ~/.cache/tessera/shell-history-<lang>}); Ctrl-C interrupts a running
 * evaluation (or clears the line), Ctrl-D or {@code exit} ends. With piped standard input it reads
 * the lines without prompts. An input that is not finished (an open bracket, a Python block before
 * its blank line) continues on the next line. Values of expressions are printed.
 *
 * <p>The session's record has the inputs that evaluated without error, in order, as its Plan text
 * (so the record re-runs as a script); it is saved at the end when the session loaded, computed or
 * saved anything, at the same default place as a script's record (stem {@code shell}).
 */
public final class ScriptShell {
    private static final Set<String> EXIT = Set.of("exit", "exit()", "quit", "quit()", ".exit");

    private ScriptShell() {
    }

    /**
     * How to run the shell.
     *
     * @param language    the language
     * @param files       the file policy
     * @param recordFile  where to save the record, or null for the default place
     * @param debug       print Java stack traces of errors
     * @param in          the input when not interactive
     * @param out         standard output
     * @param err         standard error (messages, step log)
     * @param interactive read from the terminal with line editing (true) or plain lines from {@code in} (false)
     */
    public record Options(ScriptLanguage language, FileAccess files, Path recordFile, boolean debug, InputStream in, PrintStream out, PrintStream err,
            boolean interactive) {
    }

    /**
     * Runs the shell until the input ends.
     *
     * @param registry the extension registry
     * @param o        options
     * @return the exit status: 0, or the status the session gave to {@code sys.exit}
     * @throws IOException if the terminal or the record cannot be used
     */
    public static int run(Registry registry, Options o) throws IOException {
        ScriptLanguage lang = o.language();
        ScriptSession session = new ScriptSession(registry,
                new ScriptSession.Setup(lang, "<shell>", List.of(), o.files(), o.out(), o.err(), line -> o.err().println(line), null), "");
        List<String> history = new ArrayList<>();
        int status = 0;
        Terminal terminal = null;
        LineReader reader = null;
        BufferedReader plain = null;
        if (o.interactive()) {
            terminal = TerminalBuilder.builder().system(true).build();
            DefaultParser parser = new DefaultParser();
            parser.setEscapeChars(new char[0]);
            parser.setEofOnUnclosedQuote(false);
            Path hist = Path.of(System.getProperty("user.home"), ".cache", "tessera", "shell-history-" + lang.id());
            Files.createDirectories(hist.getParent());
            reader = LineReaderBuilder.builder().terminal(terminal).appName("tessera").parser(parser).variable(LineReader.HISTORY_FILE, hist)
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true).build();
            String lv = Polyglot.languageVersion(lang);
            o.out().printf("Tessera shell: %s on %s %s (ready in %.1f s). Ctrl-C interrupts, Ctrl-D or exit ends.%n",
                    lv.equals(Polyglot.version()) ? lang.displayName() : lang.displayName() + " " + lv, lang.implementation(), Polyglot.version(),
                    session.readyNanos() / 1e9);
            o.out().println("Globals: tessera (load, plugins, run_pipeline), args. See docs/scripting.md.");
        } else {
            plain = new BufferedReader(new InputStreamReader(o.in(), StandardCharsets.UTF_8));
        }
        StringBuilder pending = new StringBuilder();
        try {
            while (true) {
                String prompt = pending.length() == 0 ? (lang == ScriptLanguage.PYTHON ? ">>> " : "> ") : "... ";
                String line;
                if (reader != null) {
                    try {
                        line = reader.readLine(prompt);
                    } catch (UserInterruptException e) {
                        pending.setLength(0);
                        continue;
                    } catch (EndOfFileException e) {
                        line = null;
                    }
                } else {
                    line = plain.readLine();
                }
                if (line == null) {
                    if (pending.length() > 0 && !pending.toString().isBlank()) {
                        pending.append('\n');
                        Outcome r = evaluate(session, pending.toString(), true, terminal, o);
                        if (r.ok) {
                            history.add(pending.toString());
                        }
                        if (r.exit != null) {
                            status = r.exit;
                        }
                    }
                    break;
                }
                if (pending.length() == 0 && EXIT.contains(line.trim())) {
                    break;
                }
                pending.append(line).append('\n');
                if (pending.toString().isBlank()) {
                    pending.setLength(0);
                    continue;
                }
                Outcome r = evaluate(session, pending.toString(), false, terminal, o);
                if (r.incomplete) {
                    continue;
                }
                if (r.blockThenStatement) {
                    // a Python block followed by a statement without the blank line a console needs (as in a file):
                    // run the block, then start again from the statement
                    String chunk = pending.toString();
                    int cut = chunk.lastIndexOf('\n', chunk.length() - 2) + 1;
                    String block = chunk.substring(0, cut) + "\n";
                    Outcome b = evaluate(session, block, true, terminal, o);
                    if (b.ok) {
                        history.add(block);
                        session.record().planText(String.join("", history));
                    }
                    pending.setLength(0);
                    if (b.exit != null) {
                        status = b.exit;
                        break;
                    }
                    pending.append(chunk.substring(cut));
                    r = evaluate(session, pending.toString(), false, terminal, o);
                    if (r.incomplete) {
                        continue;
                    }
                }
                if (r.ok) {
                    history.add(pending.toString());
                    session.record().planText(String.join("", history));
                }
                pending.setLength(0);
                if (r.exit != null) {
                    status = r.exit;
                    break;
                }
            }
        } finally {
            session.close();
            if (terminal != null) {
                terminal.close();
            }
        }
        session.record().planText(String.join("", history));
        session.record().finish(status == 0 ? null : "the session exited with status " + status);
        if (session.record().recordedAnything()) {
            Path file = o.recordFile() != null ? o.recordFile() : ScriptRunner.defaultRecord(session.record(), o.files().workingDirectory(), "shell", true);
            RecordStore.save(session.record().record(), file);
            o.err().println("record: " + file);
        }
        return status;
    }

    private record Outcome(boolean ok, boolean incomplete, Integer exit, boolean blockThenStatement) {
        Outcome(boolean ok, boolean incomplete, Integer exit) {
            this(ok, incomplete, exit, false);
        }
    }

    /**
     * @param chunk Python input of several lines
     * @return true if it is a compound statement (first line ends with ':') followed by an unindented line
     */
    static boolean blockThenStatement(String chunk) {
        List<String> lines = chunk.lines().toList();
        if (lines.size() < 3) {
            return false;
        }
        String first = lines.get(0).replaceAll("#.*$", "").stripTrailing();
        String lastLine = lines.get(lines.size() - 1);
        return first.endsWith(":") && !lastLine.isBlank() && !Character.isWhitespace(lastLine.charAt(0))
                && lines.subList(1, lines.size() - 1).stream().anyMatch(l -> !l.isBlank() && Character.isWhitespace(l.charAt(0)));
    }

    private static Outcome evaluate(ScriptSession session, String chunk, boolean last, Terminal terminal, Options o) {
        ScriptLanguage lang = session.setup().language();
        session.resetInterrupt();
        Terminal.SignalHandler previous = null;
        if (terminal != null) {
            previous = terminal.handle(Terminal.Signal.INT, s -> {
                Thread t = new Thread(session::interrupt, "tessera-shell-interrupt");
                t.setDaemon(true);
                t.start();
            });
        }
        try {
            Value v = session.eval(chunk, "<shell>", lang == ScriptLanguage.PYTHON);
            if (lang == ScriptLanguage.JS && v != null && !v.isNull()) {
                o.out().println(v.toString());
            }
            o.out().flush();
            return new Outcome(true, false, null);
        } catch (ScriptException e) {
            if (e.incomplete() && !last) {
                return new Outcome(false, true, null);
            }
            if (!last && lang == ScriptLanguage.PYTHON && e.kind() == ScriptException.Kind.SYNTAX && blockThenStatement(chunk)) {
                return new Outcome(false, false, null, true);
            }
            if (e.kind() == ScriptException.Kind.EXIT) {
                return new Outcome(e.cleanExit(), false, e.exitStatus());
            }
            o.out().flush();
            o.err().println(e.kind() == ScriptException.Kind.INTERRUPTED ? "interrupted" : e.describe());
            if (o.debug()) {
                o.err().println(e.debugTrace());
            }
            return new Outcome(false, false, null);
        } finally {
            if (terminal != null) {
                terminal.handle(Terminal.Signal.INT, previous);
            }
        }
    }
}
