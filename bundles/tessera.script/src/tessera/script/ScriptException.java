package tessera.script;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;

/**
 * A script that failed, in the script's own terms: the file and line of the script where it
 * failed ({@code core_shell.py:12}), the error as the language names it ({@code NameError: name 'x'
 * is not defined}) or the facade's message (for a call Tessera refused), and the script's own call
 * stack. The Java stack trace stays available ({@link #debugTrace()}, {@code --debug}) but is not
 * part of the message.
 */
public final class ScriptException extends Exception {
    private static final long serialVersionUID = 1L;

    /** the name of the preludes' sources, whose frames are not the user's */
    static final String PRELUDE = "<tessera prelude>";

    /** What stopped the script. */
    public enum Kind {
        /** the script raised or caused an error */
        ERROR,
        /** the script has a syntax error */
        SYNTAX,
        /** the script was interrupted (Ctrl-C) */
        INTERRUPTED,
        /** the script ran longer than its time limit */
        TIMEOUT,
        /** the script ended the program with a non-zero status ({@code sys.exit(n)}) */
        EXIT
    }

    private final Kind kind;
    private final String location;
    private final List<String> stack;
    private final int exitStatus;
    private final Throwable javaError;
    private final boolean incomplete;

    ScriptException(Kind kind, String message, String location, List<String> stack, int exitStatus, Throwable java) {
        this(kind, message, location, stack, exitStatus, java, false);
    }

    private ScriptException(Kind kind, String message, String location, List<String> stack, int exitStatus, Throwable java, boolean incomplete) {
        super(message);
        this.incomplete = incomplete;
        this.kind = kind;
        this.location = location;
        this.stack = List.copyOf(stack);
        this.exitStatus = exitStatus;
        this.javaError = java;
    }

    /** @return what stopped the script */
    public Kind kind() {
        return kind;
    }

    /** @return {@code file:line} in the script, or null when unknown */
    public String location() {
        return location;
    }

    /** @return the script's frames, innermost first ({@code "at f (core_shell.js:5)"}) */
    public List<String> stack() {
        return stack;
    }

    /** @return the status a script gave to {@code sys.exit}, for {@link Kind#EXIT} */
    public int exitStatus() {
        return exitStatus;
    }

    /** @return true if the source ended in the middle of a statement (the shell then reads another line) */
    public boolean incomplete() {
        return incomplete;
    }

    /** @return true if the script ended itself with status 0 ({@code sys.exit(0)}): not a failure */
    public boolean cleanExit() {
        return kind == Kind.EXIT && exitStatus == 0;
    }

    /** @return one line: {@code location: message} */
    public String oneLine() {
        return (location == null ? "" : location + ": ") + getMessage();
    }

    /**
     * @return the message with the script's own stack (more than one frame), the way the CLI prints it
     */
    public String describe() {
        StringBuilder sb = new StringBuilder(oneLine());
        if (stack.size() > 1) {
            for (String f : stack) {
                sb.append(System.lineSeparator()).append("    ").append(f);
            }
        }
        return sb.toString();
    }

    /** @return the Java stack trace behind the error (for {@code --debug}) */
    public String debugTrace() {
        StringWriter w = new StringWriter();
        (javaError == null ? this : javaError).printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    /**
     * Translates a polyglot exception into the script's terms.
     *
     * @param e        the exception
     * @param timedOut whether the session's time limit cancelled it
     * @param script   the source name of the user's code: its innermost frame is the error's location
     * @return the script exception ({@link Kind#EXIT} with status 0 when the script ended itself normally)
     */
    static ScriptException of(PolyglotException e, boolean timedOut, String script) {
        List<String> mine = new ArrayList<>();
        List<String> all = new ArrayList<>();
        String firstMine = null;
        String firstAny = null;
        for (PolyglotException.StackFrame f : e.getPolyglotStackTrace()) {
            if (!f.isGuestFrame()) {
                continue;
            }
            SourceSection s = f.getSourceLocation();
            if (s == null || s.getSource() == null || PRELUDE.equals(s.getSource().getName()) || s.getSource().isInternal()) {
                continue;
            }
            String where = s.getSource().getName() + ":" + s.getStartLine();
            String fn = f.getRootName();
            String frame = "at " + (fn == null || fn.isBlank() || fn.startsWith("<module") || fn.equals(":program") ? "<top level>" : fn) + " (" + where + ")";
            all.add(frame);
            firstAny = firstAny == null ? where : firstAny;
            if (s.getSource().getName().equals(script)) {
                mine.add(frame);
                firstMine = firstMine == null ? where : firstMine;
            }
        }
        List<String[]> py = pythonTraceback(e);
        if (!py.isEmpty()) {
            // GraalPy's polyglot frames often have no source section; the Python traceback always has the lines
            mine.clear();
            all.clear();
            firstMine = null;
            firstAny = null;
            for (String[] f : py) {
                String where = f[0] + ":" + f[1];
                String frame = "at " + (f[2].equals("<module>") ? "<top level>" : f[2]) + " (" + where + ")";
                all.add(frame);
                firstAny = firstAny == null ? where : firstAny;
                if (f[0].equals(script)) {
                    mine.add(frame);
                    firstMine = firstMine == null ? where : firstMine;
                }
            }
        }
        List<String> frames = mine.isEmpty() ? all : mine;
        String location = firstMine != null ? firstMine : firstAny;
        SourceSection loc = e.getSourceLocation();
        if (loc != null && loc.getSource() != null && !PRELUDE.equals(loc.getSource().getName()) && (e.isSyntaxError() || location == null)) {
            location = loc.getSource().getName() + (loc.isAvailable() ? ":" + loc.getStartLine() : "");
        }
        if (location == null && script != null && !e.isExit() && !e.isCancelled() && !e.isInterrupted()) {
            location = script;
        }
        if (e.isExit()) {
            // GraalPy gives no line for sys.exit; the status says what happened
            return new ScriptException(Kind.EXIT, "the script exited with status " + e.getExitStatus(), script, frames, e.getExitStatus(), e);
        }
        if (timedOut) {
            return new ScriptException(Kind.TIMEOUT, "the script was stopped: it ran longer than its time limit", location, frames, 0, e);
        }
        if (e.isCancelled() || e.isInterrupted()) {
            return new ScriptException(Kind.INTERRUPTED, "interrupted", location, frames, 0, e);
        }
        if (e.isHostException()) {
            Throwable h = e.asHostException();
            if (h instanceof java.util.concurrent.CancellationException) {
                return new ScriptException(timedOut ? Kind.TIMEOUT : Kind.INTERRUPTED, "interrupted", location, frames, 0, h);
            }
            return new ScriptException(Kind.ERROR, hostMessage(h), location, frames, 0, h);
        }
        String m = clean(e.getMessage());
        if (m == null || m.isBlank()) {
            m = e.isSyntaxError() ? "SyntaxError" : "error";
        }
        if (e.isSyntaxError()) {
            // GraalJS puts "name:line:col " into the message and the source excerpt after it; keep the first line
            m = m.lines().findFirst().orElse(m).replaceFirst("^SyntaxError: \\S+:\\d+:\\d+ ", "SyntaxError: ");
        }
        return new ScriptException(e.isSyntaxError() ? Kind.SYNTAX : Kind.ERROR, m, location, frames, 0, e, e.isIncompleteSource());
    }

    /**
     * The frames of a Python exception's traceback, innermost first, without the prelude's.
     *
     * @param e a polyglot exception
     * @return {@code {file, line, function}} per frame; empty if the exception is not a Python one
     */
    private static List<String[]> pythonTraceback(PolyglotException e) {
        List<String[]> out = new ArrayList<>();
        if (e.isHostException() || e.isExit() || e.isCancelled()) {
            return out;
        }
        try {
            org.graalvm.polyglot.Value g = e.getGuestObject();
            if (g == null || !g.hasMember("__traceback__")) {
                return out;
            }
            org.graalvm.polyglot.Value tb = g.getMember("__traceback__");
            while (tb != null && !tb.isNull()) {
                org.graalvm.polyglot.Value code = tb.getMember("tb_frame").getMember("f_code");
                String file = code.getMember("co_filename").asString();
                if (!PRELUDE.equals(file)) {
                    out.add(new String[] { file, Integer.toString(tb.getMember("tb_lineno").asInt()), code.getMember("co_name").asString() });
                }
                tb = tb.getMember("tb_next");
            }
        } catch (RuntimeException ex) {
            out.clear();
        }
        java.util.Collections.reverse(out);
        return out;
    }

    /**
     * Removes Java details from a language's message: fully qualified exception class names and hints
     * about {@code Context.Builder} options, which a script's author cannot change.
     *
     * @param m a message or null
     * @return the cleaned message
     */
    static String clean(String m) {
        if (m == null) {
            return null;
        }
        return m.replaceAll("\\b(?:[a-z][a-z0-9_]*\\.)+(?:[A-Z][A-Za-z0-9_]*\\$)*[A-Z][A-Za-z0-9_]*(?:Exception|Error): ", "")
                .replaceAll(",? to enable it set Context\\.Builder\\.[A-Za-z]+\\([a-z]*\\)\\.?", " in Tessera scripts.");
    }

    /**
     * @param h an exception thrown by Tessera inside a facade call
     * @return its message, one line, prefixed with its kind when that helps the reader
     */
    static String hostMessage(Throwable h) {
        String m = h.getMessage() == null ? h.getClass().getSimpleName() : h.getMessage().replace('\n', ' ');
        if (h instanceof SecurityException) {
            return "not allowed: " + m;
        }
        if (h instanceof IndexOutOfBoundsException) {
            return "IndexError: " + m;
        }
        if (h instanceof UnsupportedOperationException) {
            return "not supported: " + m;
        }
        return m;
    }
}
