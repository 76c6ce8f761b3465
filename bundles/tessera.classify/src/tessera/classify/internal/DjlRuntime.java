package tessera.classify.internal;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Runs DJL code inside OSGi: DJL finds its engine (PyTorch) through {@link java.util.ServiceLoader} on the thread
 * context class loader, so every call into DJL goes through {@link #call} with the loader of the re-bundled
 * {@code tessera.lib.djl} set (BUILD-RECIPE Q4). Before the first use it makes DJL work offline ({@code offline=true},
 * no model-zoo or library download) and puts its cache (the PyTorch native libraries it extracts from the bundle, about
 * 430 MB, once per version) under the user's cache: {@code $TESSERA_CACHE/djl} or {@code ~/.cache/tessera/djl},
 * unless {@code DJL_CACHE_DIR} is already set. PyTorch's intra-op threads are fixed to the number of processors so that
 * inference is repeatable on one machine.
 */
public final class DjlRuntime {
    private static volatile boolean configured;

    private DjlRuntime() {
    }

    /**
     * Calls {@code work} with DJL's class loader as the thread context class loader.
     *
     * @param <T>  result type
     * @param work DJL code
     * @return its result
     * @throws Exception what {@code work} throws
     */
    public static <T> T call(Callable<T> work) throws Exception {
        configure();
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(ai.djl.engine.Engine.class.getClassLoader());
        try {
            return work.call();
        } finally {
            t.setContextClassLoader(before);
        }
    }

    /**
     * As {@link #call} for code that throws no checked exception of its own.
     *
     * @param <T>  result type
     * @param work DJL code
     * @return its result
     */
    public static <T> T run(java.util.function.Supplier<T> work) {
        try {
            return call(work::get);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized void configure() {
        if (configured) {
            return;
        }
        if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
            String base = System.getenv("TESSERA_CACHE");
            Path dir = base != null && !base.isBlank() ? Path.of(base, "djl") : Path.of(System.getProperty("user.home"), ".cache", "tessera", "djl");
            System.setProperty("DJL_CACHE_DIR", dir.toString());
        }
        System.setProperty("offline", "true");
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(Runtime.getRuntime().availableProcessors()));
        }
        System.setProperty("ai.djl.default_engine", "PyTorch");
        configured = true;
    }
}
