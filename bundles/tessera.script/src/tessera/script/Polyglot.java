package tessera.script;

import java.util.function.Supplier;

import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Language;

/**
 * The one GraalVM polyglot {@link Engine} of the workbench, shared by every script and shell
 * context (so languages initialise once per JVM and parsed code is cached across contexts).
 *
 * <p>GraalVM polyglot, Truffle, GraalJS and GraalPy live in the bundle {@code tessera.lib.graal},
 * which embeds their jars on its {@code Bundle-ClassPath}; Truffle discovers languages and their
 * internal resources with {@link java.util.ServiceLoader} through the thread context class loader,
 * so every call that may initialise a language runs with the context class loader set to that
 * bundle's ({@link #withLoader}). Python extracts its standard library once into
 * {@code ~/.cache/org.graalvm.polyglot} (no network is needed).
 */
public final class Polyglot {
    private static final Object LOCK = new Object();
    private static volatile Engine engine;

    private Polyglot() {
    }

    /**
     * @return the shared engine (created on first use, with both languages and interpreter-only warnings off:
     *         the JDK has no Graal JIT compiler)
     */
    public static Engine engine() {
        Engine e = engine;
        if (e == null) {
            synchronized (LOCK) {
                e = engine;
                if (e == null) {
                    e = withLoader(() -> Engine.newBuilder(ScriptLanguage.JS.id(), ScriptLanguage.PYTHON.id())
                            .option("engine.WarnInterpreterOnly", "false").build());
                    engine = e;
                }
            }
        }
        return e;
    }

    /**
     * The GraalVM polyglot version, e.g. {@code 25.0.3}. The Maven Central jars report "Development Build"
     * from {@link Engine#getVersion()}, so the version of the bundle that embeds them (which is the Maven
     * version) is used instead.
     *
     * @return the version
     */
    public static String version() {
        String v = engine().getVersion();
        if (v == null || !Character.isDigit(v.charAt(0))) {
            org.osgi.framework.Bundle b = org.osgi.framework.FrameworkUtil.getBundle(Engine.class);
            if (b != null) {
                org.osgi.framework.Version bv = b.getVersion();
                v = bv.getMajor() + "." + bv.getMinor() + "." + bv.getMicro();
            }
        }
        return v;
    }

    /**
     * @param language a language
     * @return the language version the implementation reports (e.g. {@code 3.12.8} for GraalPy); the GraalVM
     *         version when it reports none (GraalJS from Maven Central says "Development Build")
     * @throws IllegalStateException if the language is not installed
     */
    public static String languageVersion(ScriptLanguage language) {
        Language l = engine().getLanguages().get(language.id());
        if (l == null) {
            throw new IllegalStateException(language.displayName() + " is not installed (languages: " + engine().getLanguages().keySet() + ")");
        }
        String v = l.getVersion();
        return v == null || v.isEmpty() || !Character.isDigit(v.charAt(0)) ? version() : v;
    }

    /**
     * Runs an action with the thread context class loader set to the polyglot bundle's class loader.
     *
     * @param <T>    result type
     * @param action the action
     * @return its result
     */
    public static <T> T withLoader(Supplier<T> action) {
        Thread t = Thread.currentThread();
        ClassLoader old = t.getContextClassLoader();
        t.setContextClassLoader(Engine.class.getClassLoader());
        try {
            return action.get();
        } finally {
            t.setContextClassLoader(old);
        }
    }
}
