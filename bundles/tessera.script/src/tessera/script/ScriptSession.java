package tessera.script;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.graalvm.polyglot.proxy.ProxyArray;

import tessera.core.analysis.ProgressMonitor;
import tessera.core.registry.Registry;
import tessera.pipeline.RecordSession;
import tessera.script.api.Host;
import tessera.script.api.TesseraApi;

/**
 * One sandboxed script context (a {@code tessera script} run or a {@code tessera shell} session)
 * on the shared {@link Polyglot#engine()}, with the scripting facade installed and every facade call
 * recorded in a {@link RecordSession}.
 *
 * <p><b>Sandbox.</b> The context sees only the facade: host access is {@link HostAccess#EXPLICIT}
 * (only {@code @HostAccess.Export} members of the facade classes, plus reading host arrays, lists
 * and byte buffers the facade returns), no host class lookup or loading, no process creation, no
 * threads, no native access, no polyglot access to other languages, no environment variables, and
 * no file system or network at all ({@link IOAccess#NONE}): the only files a script touches are those
 * the facade's {@code load}/{@code save}/{@code plot}/{@code run_pipeline} accept under its
 * {@link FileAccess} policy. {@code sys.exit} ends the script, never the JVM.
 *
 * <p><b>Interruption.</b> {@link #interrupt()} (Ctrl-C in the shell) stops the running evaluation and
 * keeps the context; {@link #cancel()} (a time limit) closes it. Either also cancels a running
 * Tessera step through its progress monitor.
 */
public final class ScriptSession implements AutoCloseable {
    /**
     * How a session is set up.
     *
     * @param language the language
     * @param label    the script's name as the user gave it (source name in error locations, plan label)
     * @param args     the script's arguments
     * @param files    the file policy of the facade
     * @param out      the script's standard output
     * @param err      the script's standard error
     * @param log      receives one line per recorded step (the CLI prints it on stderr); may be null
     * @param monitor  progress of long steps; may be null
     */
    public record Setup(ScriptLanguage language, String label, List<String> args, FileAccess files, OutputStream out, OutputStream err,
            Consumer<String> log, ProgressMonitor monitor) {
        /** @throws NullPointerException if language, label, files, out or err is null */
        public Setup {
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(files, "files");
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(err, "err");
            args = args == null ? List.of() : List.copyOf(args);
        }
    }

    private static final HostAccess ACCESS = HostAccess.newBuilder(HostAccess.EXPLICIT).allowArrayAccess(true).allowListAccess(true)
            .allowBufferAccess(true).build();

    private final Setup setup;
    private final RecordSession record;
    private final Context context;
    private final Value helpers;
    private final long readyNanos;
    private volatile boolean timedOut;
    private volatile boolean closed;

    /**
     * Creates the context, installs the facade (global {@code tessera}, {@code args}; in Python also
     * {@code sys.argv}) and starts the record.
     *
     * @param registry the extension registry
     * @param setup    language, arguments, file policy, streams
     * @param planText the script text (the shell passes "" and appends its history)
     * @throws IllegalStateException if the language cannot be initialised
     */
    public ScriptSession(Registry registry, Setup setup, String planText) {
        long t0 = System.nanoTime();
        this.setup = setup;
        ScriptLanguage lang = setup.language();
        List<String[]> params = new ArrayList<>();
        params.add(new String[] { "language", lang.id() });
        params.add(new String[] { "languageVersion", Polyglot.languageVersion(lang) });
        params.add(new String[] { "engine", "GraalVM Polyglot" });
        params.add(new String[] { "engineVersion", Polyglot.version() });
        params.add(new String[] { "script", setup.label() });
        for (String a : setup.args()) {
            params.add(new String[] { "arg", a });
        }
        params.add(new String[] { "workingDirectory", setup.files().workingDirectory().toString() });
        this.record = new RecordSession(registry, new RecordSession.ScriptInfo(setup.label(), lang.mediaType(), planText, lang.implementation(),
                Polyglot.version(), "tessera.script", Registry.bundleVersion("tessera.script"), params), setup.monitor(), setup.log());
        this.context = Polyglot.withLoader(() -> Context.newBuilder(lang.id()).engine(Polyglot.engine())
                .allowHostAccess(ACCESS)
                .allowHostClassLookup(name -> false)
                .allowHostClassLoading(false)
                .allowCreateProcess(false)
                .allowCreateThread(false)
                .allowNativeAccess(false)
                .allowIO(IOAccess.NONE)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowInnerContextOptions(false)
                .allowExperimentalOptions(false)
                .allowValueSharing(false)
                .in(InputStream.nullInputStream())
                .out(setup.out())
                .err(setup.err())
                .build());
        TesseraApi api = new TesseraApi(new FacadeHost(registry));
        ProxyArray args = ProxyArray.fromList(new ArrayList<>(setup.args()));
        this.helpers = Polyglot.withLoader(() -> {
            Source prelude = Source.newBuilder(lang.id(), preludeText(lang), ScriptException.PRELUDE)
                    // GraalPy evaluates internal sources in a namespace of their own; the Python prelude must define __main__'s globals
                    .internal(lang == ScriptLanguage.JS).buildLiteral();
            if (lang == ScriptLanguage.JS) {
                return context.eval(prelude).execute(api, args);
            }
            context.eval(prelude);
            Value bindings = context.getBindings(lang.id());
            Value h = bindings.getMember("_tessera_init").execute(api, args, setup.label());
            bindings.removeMember("_tessera_init");
            return h;
        });
        this.readyNanos = System.nanoTime() - t0;
    }

    private static String preludeText(ScriptLanguage lang) {
        try (InputStream in = ScriptSession.class.getResourceAsStream("internal/" + lang.prelude())) {
            if (in == null) {
                throw new IllegalStateException("the " + lang.displayName() + " prelude is missing from the tessera.script bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return how the session was set up */
    public Setup setup() {
        return setup;
    }

    /** @return the record of this session */
    public RecordSession record() {
        return record;
    }

    /** @return the polyglot engine of this session's context (the shared {@link Polyglot#engine()}) */
    public org.graalvm.polyglot.Engine engine() {
        return context.getEngine();
    }

    /** @return nanoseconds it took to create the context and install the facade */
    public long readyNanos() {
        return readyNanos;
    }

    /**
     * Evaluates source text.
     *
     * @param text        the code
     * @param sourceName  its name in error locations (the script's path, or {@code <shell>})
     * @param interactive evaluate as a console does: Python prints expression values and reports an unfinished
     *                    block as {@link ScriptException#incomplete()}
     * @return the value of the last expression
     * @throws ScriptException if the code fails, is interrupted, times out or exits (see {@link ScriptException#kind()})
     */
    public Value eval(String text, String sourceName, boolean interactive) throws ScriptException {
        Source src = Source.newBuilder(setup.language().id(), text, sourceName).interactive(interactive && setup.language() == ScriptLanguage.PYTHON)
                .buildLiteral();
        try {
            return Polyglot.withLoader(() -> context.eval(src));
        } catch (PolyglotException e) {
            throw ScriptException.of(e, timedOut, sourceName);
        } catch (IllegalStateException e) {
            if (timedOut) {
                throw new ScriptException(ScriptException.Kind.TIMEOUT, "the script was stopped: it ran longer than its time limit", null, List.of(), 0, e);
            }
            throw e;
        }
    }

    /**
     * Interrupts the running evaluation (from another thread) and keeps the context usable: the
     * evaluation throws {@link ScriptException} of kind {@code INTERRUPTED}; a running Tessera step stops
     * at its next cancellation check.
     */
    public void interrupt() {
        record.monitor().cancel();
        try {
            context.interrupt(Duration.ofSeconds(30));
        } catch (TimeoutException | IllegalStateException e) {
            // the evaluation ended or the context closed meanwhile
        }
    }

    /** Clears an interruption so the next evaluation and its steps run normally. */
    public void resetInterrupt() {
        record.monitor().reset();
    }

    /**
     * Stops the script for good because it ran past its time limit (from another thread): the context is
     * closed, the evaluation throws {@link ScriptException} of kind {@code TIMEOUT}.
     */
    public void cancel() {
        timedOut = true;
        record.monitor().cancel();
        try {
            context.close(true);
        } catch (IllegalStateException | PolyglotException e) {
            // already closed
        }
        closed = true;
    }

    /** @return true if the time limit stopped the script */
    public boolean timedOut() {
        return timedOut;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                context.close(true);
            } catch (IllegalStateException | PolyglotException e) {
                // already closed
            }
        }
    }

    /** The facade's view of this session. */
    private final class FacadeHost implements Host {
        private final Registry registry;

        FacadeHost(Registry registry) {
            this.registry = registry;
        }

        @Override
        public Registry registry() {
            return registry;
        }

        @Override
        public RecordSession record() {
            return record;
        }

        @Override
        public FileAccess files() {
            return setup.files();
        }

        @Override
        public String language() {
            return setup.language().id();
        }

        @Override
        public Value toGuestList(List<?> nested) {
            return helpers.getMember("tolist").execute(nested);
        }

        @Override
        public Value typedArray(ByteBuffer buffer, String dtype, long byteOffset, long length) {
            if (setup.language() != ScriptLanguage.JS) {
                throw new UnsupportedOperationException("typed() gives a JavaScript typed array; in Python index the array (a[i, j]) or call tolist()");
            }
            return helpers.getMember("typed").execute(buffer, dtype, byteOffset, length);
        }
    }

    /**
     * @param file a path
     * @return its file name without the extension
     */
    static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
