package tessera.io.robustness.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import tessera.core.io.DatasetReader;
import tessera.core.io.InvalidFileException;
import tessera.core.model.Dataset;
import tessera.core.model.OffHeap;
import tessera.core.registry.Contribution;
import tessera.core.registry.FileFormats;
import tessera.core.registry.Registry;

/**
 * Robustness of every installed reader against damaged files (issue 16): every fixture under the shared data folders
 * ({@code formats}, {@code eels}, {@code edx}, {@code images}) that some installed reader recognises is read as is,
 * then as {@value #CUTS} truncated copies (lengths {@code i * size / 64}, {@code i = 0..63}) and as {@value #FLIPS}
 * copies with one bit flipped (positions from a {@link SplittableRandom} seeded with the fixture's relative path: half
 * of them in the first 4 KiB, where the headers live, half anywhere in the file). Readers are not named here: they
 * are the contributions to {@code tessera.core.readers} that the {@link Registry} lists, so a reader bundle added to
 * the test runtime is covered at once, and a fixture that no installed reader recognises is listed as not covered
 * rather than failed.
 *
 * <p>Every mutated copy is read twice: by the reader chosen for the <em>original</em> file, called directly (so that
 * a raw {@link RuntimeException} is seen as the defect it is, not hidden by {@link FileFormats#read}, which wraps it),
 * and through {@link FileFormats#read}, as the CLI and the workbench read it. Allowed outcomes are datasets (all of
 * whose values are then summed, so lazily mapped data is read too) or an {@link InvalidFileException} whose
 * {@link InvalidFileException#file()} is the mutated copy. Anything else fails the fixture, naming the mutation
 * (truncation length or flipped byte and bit) and the exception. Each read runs on its own thread under a
 * preemptive {@value #TIMEOUT_S} s timeout.
 *
 * <p>Memory: the bytes allocated on the heap while a read runs, by all threads (readers decode chunks on the common
 * pool; reads run one at a time, so {@link com.sun.management.ThreadMXBean#getTotalThreadAllocatedBytes()} before and
 * after gives the read's allocation, cumulative, not its peak) plus the growth of the JVM's direct
 * memory ({@link BufferPoolMXBean} {@code "direct"}, which counts {@link java.lang.foreign.Arena#allocate} and direct
 * buffers) are measured for the original and for every mutation; a mutated read fails if it needs more than
 * {@code max(64 MiB, 4 x the original)}. {@link OffHeap} maps large blocks with {@code mmap}, which no JVM counter
 * sees, so this test sets {@code tessera.offheap.plain=true} before {@link OffHeap} is loaded and checks that it took
 * effect ({@link OffHeap#hugePages()} is false): all reader allocations then go through counted arenas.
 *
 * <p>Run time: the full product (every covered fixture x 128 mutations x 2 reads: 186 fixtures, 47,616 reads) took
 * 39 s on the 2-core development machine (load average 3; 137 s under a load average of 11), so every covered
 * fixture is run. For a quicker local loop,
 * {@code -Dtessera.robustness.perKind=N} subsamples fixtures of the same kind (same reader, same folder)
 * deterministically: at most N per kind, evenly spaced in path order, always including the smallest and the largest.
 * The report (covered, not covered, outcomes, allocations) is printed to standard output.
 */
class ReaderRobustnessTest {
    static {
        // before OffHeap's class initialisation: every off-heap block from Arena.allocate, counted in the "direct" pool
        System.setProperty("tessera.offheap.plain", "true");
    }

    /** number of truncated copies per fixture */
    static final int CUTS = 64;
    /** number of one-bit-flipped copies per fixture */
    static final int FLIPS = 64;
    /** preemptive timeout per read, seconds */
    static final int TIMEOUT_S = 10;
    private static final long FLOOR = 64L << 20;
    private static final int HEAD = 4096;
    private static final Path DATA = Path.of(System.getProperty("tessera.data", "../shared/data"));
    private static final List<String> FOLDERS = List.of("formats", "eels", "edx", "images");
    /** fixtures that are deliberately invalid: their original must give an InvalidFileException */
    private static final Map<String, String> KNOWN_INVALID = Map.of(
            "formats/bruker/Nope.bcf", "not a BCF (RosettaSciIO's negative test file)",
            "formats/emd/example_object_dtype_data.emd", "only a string (NumPy object) dataset: no numeric data to read",
            "images/G-Si-2nm-coord.npy", "a pickled object array, refused by design",
            "images/G-GrainBoundary-4nm-coord.npy", "a pickled object array, refused by design");

    private static Registry registry;
    private static Path scratch;
    private static ExecutorService worker;
    private static final Map<String, String> NOT_COVERED = new TreeMap<>();
    private static final Map<String, String> SKIPPED = new TreeMap<>();
    private static final List<String> REPORT = new ArrayList<>();
    private static long started;
    private static int casesRun;

    @BeforeAll
    static void setUp() throws IOException {
        registry = Registry.get();
        scratch = Files.createTempDirectory("tessera-robustness");
        worker = newWorker();
        started = System.nanoTime();
    }

    @AfterAll
    static void tearDown() throws IOException {
        worker.shutdownNow();
        try (Stream<Path> s = Files.walk(scratch)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        StringBuilder b = new StringBuilder("\n== reader robustness report ==\n");
        REPORT.forEach(l -> b.append(l).append('\n'));
        b.append("-- not covered (no installed reader recognises the file): ").append(NOT_COVERED.size()).append('\n');
        NOT_COVERED.forEach((f, why) -> b.append("   ").append(f).append(": ").append(why).append('\n'));
        b.append("-- covered but not run (subsampled, same kind as a fixture run): ").append(SKIPPED.size()).append('\n');
        SKIPPED.forEach((f, kind) -> b.append("   ").append(f).append(" (").append(kind).append(")\n"));
        b.append(String.format(Locale.ROOT, "-- %d fixtures run, %d mutated cases, %d reads, %.1f s%n", REPORT.size(), casesRun, 2 * casesRun,
                (System.nanoTime() - started) / 1e9));
        System.out.println(b);
    }

    /** The memory accounting is only complete if OffHeap took the plain (arena) path. */
    @Test
    void offHeapIsCounted() {
        assertFalse(OffHeap.hugePages(), "OffHeap was initialised before tessera.offheap.plain was set: mmap'd blocks are not counted");
    }

    /**
     * One dynamic test per covered fixture.
     *
     * @return the tests
     * @throws IOException if the data folders cannot be listed
     */
    @TestFactory
    Stream<DynamicTest> everyFixture() throws IOException {
        FileFormats formats = registry.formats();
        Map<String, List<Fixture>> kinds = new TreeMap<>();
        for (String folder : FOLDERS) {
            Path root = DATA.resolve(folder);
            if (!Files.isDirectory(root)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> s = Files.walk(root)) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path f : files) {
                String rel = DATA.relativize(f).toString().replace('\\', '/');
                Contribution c;
                try {
                    c = formats.readerFor(f);
                } catch (InvalidFileException e) {
                    NOT_COVERED.put(rel, e.problem());
                    continue;
                }
                String parent = rel.contains("/") ? rel.substring(0, rel.lastIndexOf('/')) : "";
                kinds.computeIfAbsent(c.id() + " in " + parent, k -> new ArrayList<>()).add(new Fixture(rel, f, c, Files.size(f)));
            }
        }
        int cap = Integer.getInteger("tessera.robustness.perKind", 0);
        boolean all = cap <= 0;
        List<Fixture> run = new ArrayList<>();
        kinds.forEach((kind, list) -> {
            List<Fixture> chosen = all ? list : subsample(list, cap);
            run.addAll(chosen);
            list.stream().filter(f -> !chosen.contains(f)).forEach(f -> SKIPPED.put(f.rel, kind));
        });
        return run.stream().map(f -> DynamicTest.dynamicTest(f.rel + " [" + f.reader.id() + "]", () -> check(f)));
    }

    /** At most {@code cap} fixtures, evenly spaced in path order, with the smallest and the largest file among them. */
    static List<Fixture> subsample(List<Fixture> list, int cap) {
        if (list.size() <= cap) {
            return list;
        }
        List<Fixture> out = new ArrayList<>();
        Fixture small = list.stream().min(Comparator.comparingLong(Fixture::size)).orElseThrow();
        Fixture large = list.stream().max(Comparator.comparingLong(Fixture::size)).orElseThrow();
        out.add(small);
        if (large != small) {
            out.add(large);
        }
        for (int i = 0; out.size() < cap && i < cap; i++) {
            Fixture f = list.get((int) ((long) i * (list.size() - 1) / Math.max(1, cap - 1)));
            if (!out.contains(f)) {
                out.add(f);
            }
        }
        for (int i = 0; out.size() < cap; i++) {
            if (!out.contains(list.get(i))) {
                out.add(list.get(i));
            }
        }
        out.sort(Comparator.comparing(Fixture::rel));
        return out;
    }

    private void check(Fixture fx) throws Exception {
        long t0 = System.nanoTime();
        byte[] all = Files.readAllBytes(fx.path);
        List<String> failures = new ArrayList<>();
        Outcome orig = readDirect(fx.reader, fx.path);
        boolean invalidExpected = KNOWN_INVALID.containsKey(fx.rel);
        if (orig.error != null && !(invalidExpected && orig.error instanceof InvalidFileException)) {
            fail(fx.rel + ": the original cannot be read by " + fx.reader.id() + ": " + describe(orig.error));
        }
        if (orig.error == null && invalidExpected) {
            fail(fx.rel + " is listed as invalid (" + KNOWN_INVALID.get(fx.rel) + ") but " + fx.reader.id() + " reads it");
        }
        long limit = Math.max(FLOOR, 4 * orig.bytes);
        SplittableRandom rnd = new SplittableRandom(0x7E55E7AL ^ fx.rel.hashCode());
        int data = 0, invalid = 0;
        long maxBytes = 0;
        List<Mutation> mutations = new ArrayList<>();
        for (int i = 0; i < CUTS; i++) {
            mutations.add(new Mutation((int) ((long) i * all.length / CUTS), -1, -1));
        }
        for (int i = 0; i < FLIPS; i++) {
            long span = i < FLIPS / 2 ? Math.min(HEAD, all.length) : all.length;
            mutations.add(new Mutation(-1, (int) rnd.nextLong(span), rnd.nextInt(8)));
        }
        for (int k = 0; k < mutations.size(); k++) {
            Mutation m = mutations.get(k);
            Path dir = Files.createDirectories(scratch.resolve("case" + casesRun));
            Path f = dir.resolve(fx.path.getFileName().toString());
            Files.write(f, m.apply(all));
            casesRun++;
            for (boolean direct : new boolean[] {true, false}) {
                Outcome o = direct ? readDirect(fx.reader, f) : readThroughFormats(f);
                String how = (direct ? fx.reader.id() + ".read" : "FileFormats.read");
                maxBytes = Math.max(maxBytes, o.bytes);
                if (o.error == null) {
                    data++;
                } else if (o.error instanceof InvalidFileException e && same(e.file(), f)) {
                    invalid++;
                } else {
                    failures.add(m + ", " + how + ": " + describe(o.error));
                }
                if (o.bytes > limit) {
                    failures.add(m + ", " + how + ": allocated " + mib(o.bytes) + " MiB, limit " + mib(limit) + " MiB (original needed " + mib(orig.bytes)
                            + " MiB)");
                }
            }
            try (Stream<Path> s = Files.list(dir)) {
                s.forEach(p -> p.toFile().delete());
            }
            dir.toFile().delete();
        }
        REPORT.add(String.format(Locale.ROOT, "%-70s %-16s %9d B  data %3d  invalid %3d  failed %3d  original %7.2f MiB  max mutated %7.2f MiB  %5.1f s",
                fx.rel, fx.reader.id(), all.length, data, invalid, failures.size(), orig.bytes / 1048576.0, maxBytes / 1048576.0,
                (System.nanoTime() - t0) / 1e9));
        if (!failures.isEmpty()) {
            failures.forEach(s -> System.out.println("ROBUSTNESS " + fx.rel + ": " + s));
            fail(fx.rel + " [" + fx.reader.id() + "]: " + failures.size() + " of " + 2 * mutations.size() + " mutated reads misbehave:\n  "
                    + String.join("\n  ", failures.subList(0, Math.min(25, failures.size()))));
        }
    }

    private static boolean same(Path a, Path b) {
        return a != null && a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    private static String mib(long b) {
        return String.format(Locale.ROOT, "%.1f", b / 1048576.0);
    }

    private static String describe(Throwable t) {
        StringBuilder b = new StringBuilder(t.getClass().getName()).append(": ").append(String.valueOf(t.getMessage()).replace('\n', ' '));
        StackTraceElement[] st = t.getStackTrace();
        for (int i = 0; i < Math.min(4, st.length); i++) {
            b.append(" | at ").append(st[i]);
        }
        if (t.getCause() != null && !(t instanceof InvalidFileException)) {
            b.append(" | caused by ").append(t.getCause());
        }
        return b.toString();
    }

    private Outcome readDirect(Contribution c, Path f) throws InterruptedException {
        return timed(() -> c.create(DatasetReader.class).read(f), true);
    }

    private Outcome readThroughFormats(Path f) throws InterruptedException {
        return timed(() -> registry.formats().read(f), false);
    }

    /** Reads on the worker thread, sums every value, measures the allocation; a read over the timeout is abandoned. */
    private Outcome timed(Read r, boolean direct) throws InterruptedException {
        Future<Outcome> fut = worker.submit(() -> {
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long heap0 = mx.getTotalThreadAllocatedBytes();
            long direct0 = directBytes();
            try {
                List<Dataset> ds = r.read();
                if (ds == null || ds.isEmpty()) {
                    return new Outcome(new IllegalStateException("reader returned " + (ds == null ? "null" : "no dataset")), 0);
                }
                long bytes = mx.getTotalThreadAllocatedBytes() - heap0 + Math.max(0, directBytes() - direct0);
                double sum = 0;
                for (Dataset d : ds) {
                    sum += touch(d);
                }
                if (sum == 12345.678) {
                    System.out.print(""); // keeps the sum alive
                }
                return new Outcome(null, bytes);
            } catch (Throwable t) {
                return new Outcome(t, mx.getTotalThreadAllocatedBytes() - heap0 + Math.max(0, directBytes() - direct0));
            }
        });
        try {
            return fut.get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            fut.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            return new Outcome(new TimeoutException("no result after " + TIMEOUT_S + " s (hang)"), 0);
        } catch (ExecutionException e) {
            return new Outcome(e.getCause(), 0);
        }
    }

    /** Sums all values of a dataset, reading through its whole backing memory. */
    private static double touch(Dataset d) {
        double[] buf = new double[8192];
        double s = 0;
        long n = d.size();
        for (long i = 0; i < n; i += buf.length) {
            int m = (int) Math.min(buf.length, n - i);
            d.readDoubles(i, m, buf, 0);
            for (int j = 0; j < m; j++) {
                s += buf[j];
            }
        }
        d.metadata();
        d.axes().forEach(Object::toString);
        return s;
    }

    private static long directBytes() {
        long b = 0;
        for (BufferPoolMXBean p : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (p.getName().equals("direct")) {
                b += p.getMemoryUsed();
            }
        }
        return b;
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "robustness-reader");
            t.setDaemon(true);
            return t;
        });
    }

    @FunctionalInterface
    private interface Read {
        List<Dataset> read() throws Exception;
    }

    private record Outcome(Throwable error, long bytes) {
    }

    /** A covered fixture: its path relative to the data folder, the reader the registry chose for it, its size. */
    record Fixture(String rel, Path path, Contribution reader, long size) {
    }

    /** A truncation to {@code length} bytes, or a flip of bit {@code bit} of byte {@code at}. */
    private record Mutation(int length, int at, int bit) {
        byte[] apply(byte[] all) {
            if (length >= 0) {
                return Arrays.copyOf(all, length);
            }
            byte[] b = all.clone();
            b[at] ^= (byte) (1 << bit);
            return b;
        }

        @Override
        public String toString() {
            return length >= 0 ? "truncated to " + length + " bytes" : "bit " + bit + " of byte " + at + " flipped";
        }
    }
}
