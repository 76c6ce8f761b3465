package tessera.math.internal;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Binding of the few OpenBLAS routines Tessera needs ({@code sgemm_}, {@code ssyrk_}, {@code dsyrk_} from the
 * reference BLAS interface and {@code dsyevd_}, {@code dsytrd_}, {@code dsterf_}, {@code dstemr_}, {@code dormtr_} from LAPACK), through the Java Foreign Function
 * and Memory API ({@code java.lang.foreign}, JEP 454) — no JNI and no native code of Tessera's own.
 * The library is OpenBLAS (Z. Xianyi, W. Qian, Z. Chothia; https://www.openblas.net), for
 * example Debian's {@code libopenblas0-pthread}, which ships with NumPy and therefore with
 * HyperSpy; the BLAS and LAPACK argument conventions are those of the reference implementations
 * (E. Anderson et al., LAPACK Users' Guide, 3rd ed., SIAM 1999, doi:10.1137/1.9780898719604).
 *
 * <p>Loading: the first use looks for the library at the path in the system property
 * {@value #LIBRARY_PROPERTY} if set, else at the usual Linux locations of
 * {@code libopenblas.so.0} and then by name through the dynamic linker's search path. It is used
 * only if it exports every routine above plus {@code openblas_get_config}, and only if native
 * access is enabled for Tessera's code ({@code --enable-native-access=ALL-UNNAMED}, as the
 * product and the test runs set it): without that flag the JVM would print a warning on the
 * first native call, so Tessera stays on its Java kernels instead and says why in
 * {@link #unavailableReason()}.
 *
 * <p>Arrays are column-major, as in Fortran; a row-major Java matrix is the transpose of the
 * same memory read column-major. Integers are 32-bit (LP64 interface), or 64-bit when the
 * library's configuration reports {@code USE64BITINT}. Hidden Fortran string-length arguments are
 * passed (value 1) after the regular arguments of every routine with character arguments.
 *
 * <p>Threads and determinism: OpenBLAS uses its own thread pool (all cores unless
 * {@code OPENBLAS_NUM_THREADS} says otherwise) for large calls and runs small ones on the calling
 * thread; its pthreads build allows concurrent calls from several threads. This class adds no
 * locking: callers that make large calls serialise them (see {@link NativeKernels}) so that two
 * thread pools do not compete for the cores. With a fixed thread count OpenBLAS partitions every
 * call the same way, so repeated runs on one machine give bit-identical results.
 */
public final class OpenBlas {
    /** System property naming the OpenBLAS shared library to load (a file path). */
    public static final String LIBRARY_PROPERTY = "tessera.math.openblas";

    private static final String[] CANDIDATES = {
        "/usr/lib/x86_64-linux-gnu/libopenblas.so.0", "/usr/lib/aarch64-linux-gnu/libopenblas.so.0", "/usr/lib64/libopenblas.so.0",
        "/usr/lib/libopenblas.so.0", "/usr/local/lib/libopenblas.so.0", "/usr/lib64/libopenblaso.so.0", "/usr/lib64/libopenblasp.so.0" };

    private static final Holder HOLDER = Holder.load();

    private final MethodHandle sgemm;
    private final MethodHandle sgemmHeap;
    private final MethodHandle dsyrk;
    private final MethodHandle ssyrk;
    private final MethodHandle dsyevd;
    private final MethodHandle dsytrd;
    private final MethodHandle dsterf;
    private final MethodHandle dstemr;
    private final MethodHandle dormtr;
    private final boolean ilp64;
    private final String description;

    private record Holder(OpenBlas blas, String failure) {
        static Holder load() {
            try {
                if (!OpenBlas.class.getModule().isNativeAccessEnabled()) {
                    return new Holder(null, "native access is not enabled (start the JVM with --enable-native-access=ALL-UNNAMED)");
                }
                List<String> tried = new ArrayList<>();
                String explicit = System.getProperty(LIBRARY_PROPERTY);
                List<String> names = new ArrayList<>();
                if (explicit != null && !explicit.isBlank()) {
                    names.add(explicit.trim());
                } else {
                    for (String c : CANDIDATES) {
                        if (Files.exists(Path.of(c))) {
                            names.add(c);
                        }
                    }
                    names.add(System.mapLibraryName("openblas")); // e.g. libopenblas.so through the linker's search path
                }
                for (String name : names) {
                    try {
                        return new Holder(new OpenBlas(name), null);
                    } catch (RuntimeException | LinkageError e) {
                        tried.add(name + ": " + e.getMessage());
                    }
                }
                return new Holder(null, "no usable OpenBLAS library (" + String.join("; ", tried) + ")");
            } catch (RuntimeException | LinkageError e) {
                return new Holder(null, "OpenBLAS could not be bound: " + e);
            }
        }
    }

    private OpenBlas(String name) {
        Arena arena = Arena.global(); // loaded once, never unloaded
        boolean isPath = name.indexOf('/') >= 0;
        SymbolLookup lib = isPath ? SymbolLookup.libraryLookup(Path.of(name), arena) : SymbolLookup.libraryLookup(name, arena);
        Linker linker = Linker.nativeLinker();
        MethodHandle config = linker.downcallHandle(find(lib, "openblas_get_config"), FunctionDescriptor.of(ADDRESS));
        MethodHandle threads = linker.downcallHandle(find(lib, "openblas_get_num_threads"), FunctionDescriptor.of(JAVA_INT));
        MethodHandle core = lib.find("openblas_get_corename").map(s -> linker.downcallHandle(s, FunctionDescriptor.of(ADDRESS))).orElse(null);
        String cfg;
        String coreName = null;
        int nThreads;
        try {
            cfg = ((MemorySegment) config.invokeExact()).reinterpret(4096).getString(0).trim();
            nThreads = (int) threads.invokeExact();
            if (core != null) {
                coreName = ((MemorySegment) core.invokeExact()).reinterpret(256).getString(0).trim();
            }
        } catch (Throwable t) {
            throw new IllegalStateException("openblas_get_config failed: " + t, t);
        }
        ilp64 = cfg.contains("USE64BITINT");
        sgemm = linker.downcallHandle(find(lib, "sgemm_"), descriptor(13, 2));
        // a critical call may be given Java-heap segments (the array is pinned for the call); only used when one is
        sgemmHeap = linker.downcallHandle(find(lib, "sgemm_"), descriptor(13, 2), Linker.Option.critical(true));
        dsyrk = linker.downcallHandle(find(lib, "dsyrk_"), descriptor(10, 2));
        ssyrk = linker.downcallHandle(find(lib, "ssyrk_"), descriptor(10, 2));
        dsyevd = linker.downcallHandle(find(lib, "dsyevd_"), descriptor(11, 2));
        dsytrd = linker.downcallHandle(find(lib, "dsytrd_"), descriptor(10, 1));
        dsterf = linker.downcallHandle(find(lib, "dsterf_"), descriptor(4, 0));
        dstemr = linker.downcallHandle(find(lib, "dstemr_"), descriptor(21, 2));
        dormtr = linker.downcallHandle(find(lib, "dormtr_"), descriptor(13, 3));
        String[] words = cfg.split("\\s+");
        String version = words.length >= 2 && words[0].equals("OpenBLAS") ? words[0] + " " + words[1] : cfg;
        String file = name;
        if (isPath) {
            try {
                Path real = Path.of(name).toRealPath();
                if (!real.toString().equals(name)) {
                    file = name + " -> " + real;
                }
            } catch (java.io.IOException e) {
                // keep the name as given
            }
        }
        description = String.format(Locale.ROOT, "%s (%s%d thread%s%s) via %s", version, coreName == null ? "" : coreName + ", ", nThreads, nThreads == 1 ? "" : "s",
                ilp64 ? ", 64-bit integers" : "", file);
    }

    private static MemorySegment find(SymbolLookup lib, String symbol) {
        return lib.find(symbol).orElseThrow(() -> new IllegalStateException("symbol " + symbol + " not exported"));
    }

    /** All arguments by reference (Fortran), then {@code hidden} string lengths by value. */
    private static FunctionDescriptor descriptor(int args, int hidden) {
        var layouts = new java.lang.foreign.MemoryLayout[args + hidden];
        for (int i = 0; i < args; i++) {
            layouts[i] = ADDRESS;
        }
        for (int i = args; i < layouts.length; i++) {
            layouts[i] = JAVA_LONG;
        }
        return FunctionDescriptor.ofVoid(layouts);
    }

    /** @return the bound library, or null if none could be loaded (see {@link #unavailableReason()}) */
    public static OpenBlas get() {
        return HOLDER.blas();
    }

    /** @return why {@link #get()} is null, or null if the library is bound */
    public static String unavailableReason() {
        return HOLDER.failure();
    }

    /**
     * @return e.g. {@code "OpenBLAS 0.3.21 (SkylakeX, 2 threads) via /usr/lib/x86_64-linux-gnu/libopenblas.so.0 -> /usr/lib/...so"}
     */
    public String description() {
        return description;
    }

    /**
     * Allocates native memory suitably aligned for the kernels (64 bytes; large blocks with huge pages, see
     * {@link tessera.core.model.OffHeap}).
     *
     * @param arena owner of the memory
     * @param bytes size in bytes
     * @return zero-filled segment
     */
    public static MemorySegment allocate(Arena arena, long bytes) {
        return tessera.core.model.OffHeap.allocate(arena, bytes, 64);
    }

    /** Per-thread block of the scalar arguments of {@link #sgemm} (72 bytes used; 8-byte slots). */
    private static final ThreadLocal<MemorySegment> SCALARS = ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(128, 8));

    private void setInteger(MemorySegment s, long offset, int v) {
        if (ilp64) {
            s.set(JAVA_LONG, offset, v);
        } else {
            s.set(JAVA_INT, offset, v);
        }
    }

    private MemorySegment integer(Arena a, long v) {
        return ilp64 ? a.allocateFrom(JAVA_LONG, v) : a.allocateFrom(JAVA_INT, Math.toIntExact(v));
    }

    private static MemorySegment chr(Arena a, char c) {
        return a.allocateFrom(JAVA_BYTE, (byte) c);
    }

    /**
     * {@code C = alpha op(A) op(B) + beta C} in float32 (BLAS {@code sgemm}), column-major.
     *
     * @param transA 'N' or 'T'
     * @param transB 'N' or 'T'
     * @param m      rows of op(A) and C
     * @param n      columns of op(B) and C
     * @param k      columns of op(A), rows of op(B)
     * @param alpha  scale of the product
     * @param a      A, at least {@code lda * (transA == 'N' ? k : m)} floats; A, B and C may be native or (a
     *               critical call, which holds garbage collection for its duration) Java-heap float segments
     * @param lda    leading dimension of A
     * @param b      B, at least {@code ldb * (transB == 'N' ? n : k)} floats
     * @param ldb    leading dimension of B
     * @param beta   scale of the old C
     * @param c      C, at least {@code ldc * n} floats; overwritten
     * @param ldc    leading dimension of C
     * @throws IllegalStateException if the native call fails
     */
    public void sgemm(char transA, char transB, int m, int n, int k, float alpha, MemorySegment a, int lda, MemorySegment b, int ldb, float beta,
            MemorySegment c, int ldc) {
        // the scalar arguments go by reference: a per-thread block holds them, so that the many small calls of a sweep
        // do not each create and close an arena (measured: about a third of the cost of a 32 x 3 x 2048 call)
        MemorySegment s = SCALARS.get();
        s.set(JAVA_BYTE, 0, (byte) transA);
        s.set(JAVA_BYTE, 1, (byte) transB);
        setInteger(s, 8, m);
        setInteger(s, 16, n);
        setInteger(s, 24, k);
        s.set(JAVA_FLOAT, 32, alpha);
        setInteger(s, 40, lda);
        setInteger(s, 48, ldb);
        s.set(JAVA_FLOAT, 56, beta);
        setInteger(s, 64, ldc);
        try {
            MethodHandle h = a.isNative() && b.isNative() && c.isNative() ? sgemm : sgemmHeap;
            h.invokeExact(s, s.asSlice(1), s.asSlice(8), s.asSlice(16), s.asSlice(24), s.asSlice(32), a, s.asSlice(40), b, s.asSlice(48),
                    s.asSlice(56), c, s.asSlice(64), 1L, 1L);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("sgemm_ failed", t);
        }
    }

    /**
     * Symmetric rank-k update {@code C = alpha A A^T + beta C} (trans 'N') or {@code C = alpha A^T A + beta C}
     * (trans 'T') in float64 (BLAS {@code dsyrk}); only the triangle {@code uplo} of C is referenced and updated.
     *
     * @param uplo  'U' or 'L' (column-major sense)
     * @param trans 'N' or 'T'
     * @param n     order of C
     * @param k     inner dimension
     * @param alpha scale of the product
     * @param a     A, at least {@code lda * (trans == 'N' ? k : n)} doubles
     * @param lda   leading dimension of A
     * @param beta  scale of the old C
     * @param c     C, at least {@code ldc * n} doubles
     * @param ldc   leading dimension of C
     * @throws IllegalStateException if the native call fails
     */
    public void dsyrk(char uplo, char trans, int n, int k, double alpha, MemorySegment a, int lda, double beta, MemorySegment c, int ldc) {
        try (Arena s = Arena.ofConfined()) {
            dsyrk.invokeExact(chr(s, uplo), chr(s, trans), integer(s, n), integer(s, k), s.allocateFrom(JAVA_DOUBLE, alpha), a, integer(s, lda),
                    s.allocateFrom(JAVA_DOUBLE, beta), c, integer(s, ldc), 1L, 1L);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("dsyrk_ failed", t);
        }
    }

    /**
     * Symmetric rank-k update in float32 (BLAS {@code ssyrk}); arguments as {@link #dsyrk}.
     *
     * @param uplo  'U' or 'L' (column-major sense)
     * @param trans 'N' or 'T'
     * @param n     order of C
     * @param k     inner dimension
     * @param alpha scale of the product
     * @param a     A, float32
     * @param lda   leading dimension of A
     * @param beta  scale of the old C
     * @param c     C, float32
     * @param ldc   leading dimension of C
     * @throws IllegalStateException if the native call fails
     */
    public void ssyrk(char uplo, char trans, int n, int k, float alpha, MemorySegment a, int lda, float beta, MemorySegment c, int ldc) {
        try (Arena s = Arena.ofConfined()) {
            ssyrk.invokeExact(chr(s, uplo), chr(s, trans), integer(s, n), integer(s, k), s.allocateFrom(JAVA_FLOAT, alpha), a, integer(s, lda),
                    s.allocateFrom(JAVA_FLOAT, beta), c, integer(s, ldc), 1L, 1L);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("ssyrk_ failed", t);
        }
    }

    /**
     * All eigenvalues and eigenvectors of a real symmetric matrix by divide and conquer (LAPACK
     * {@code dsyevd}; J. J. M. Cuppen, Numer. Math. 36 (1981) 177, doi:10.1007/BF01396757), with the
     * optimal workspace queried first.
     *
     * @param n order
     * @param a column-major {@code [n x n]} doubles, the lower triangle is read; on return column c holds
     *          the unit eigenvector of {@code w[c]}
     * @param w {@code n} doubles; on return the eigenvalues in ascending order
     * @return LAPACK's INFO: 0 on success, {@code > 0} if the algorithm failed to converge
     * @throws IllegalStateException if the native call fails or reports an illegal argument
     */
    public int dsyevd(int n, MemorySegment a, MemorySegment w) {
        try (Arena s = Arena.ofConfined()) {
            MemorySegment jobz = chr(s, 'V'), uplo = chr(s, 'L'), nn = integer(s, n), lda = integer(s, Math.max(1, n)), info = integer(s, 0);
            MemorySegment work1 = s.allocate(JAVA_DOUBLE), iwork1 = integer(s, 0);
            dsyevd.invokeExact(jobz, uplo, nn, a, lda, w, work1, integer(s, -1), iwork1, integer(s, -1), info, 1L, 1L);
            checkInfo(info);
            long lwork = (long) Math.ceil(work1.get(JAVA_DOUBLE, 0));
            long liwork = ilp64 ? iwork1.get(JAVA_LONG, 0) : iwork1.get(JAVA_INT, 0);
            MemorySegment work = allocate(s, Math.max(1, lwork) * Double.BYTES);
            MemorySegment iwork = allocate(s, Math.max(1, liwork) * (ilp64 ? Long.BYTES : Integer.BYTES));
            dsyevd.invokeExact(jobz, uplo, nn, a, lda, w, work, integer(s, lwork), iwork, integer(s, liwork), info, 1L, 1L);
            return checkInfo(info);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("dsyevd_ failed", t);
        }
    }

    /**
     * All eigenvalues of a real symmetric matrix and the eigenvectors of its {@code k} largest, with one Householder
     * tridiagonalisation: LAPACK {@code dsytrd} (A = Q T Q^T), {@code dsterf} (all eigenvalues of T, Pal-Walker-Kahan
     * QR), {@code dstemr} (the k largest eigenpairs of T by MRRR; I. S. Dhillon, B. N. Parlett, C. Vömel, ACM Trans.
     * Math. Softw. 32 (2006) 533, doi:10.1145/1186785.1186788) and {@code dormtr} (Q times those vectors) — the steps
     * of {@code dsyevr}, which alone cannot return all eigenvalues with only some eigenvectors.
     *
     * @param n order
     * @param k eigenvectors wanted, {@code 1 <= k <= n}
     * @param a column-major {@code [n x n]} doubles, the lower triangle is read; destroyed on return
     * @param w {@code n} doubles; on return all eigenvalues, ascending
     * @param z column-major {@code [n x k]} doubles; on return the unit eigenvectors of the k largest eigenvalues,
     *          ascending (column c belongs to {@code w[n - k + c]})
     * @return 0 on success, else the first non-zero LAPACK INFO
     * @throws IllegalStateException if a native call fails or reports an illegal argument
     */
    public int leadingEigenpairs(int n, int k, MemorySegment a, MemorySegment w, MemorySegment z) {
        try (Arena s = Arena.ofConfined()) {
            MemorySegment uplo = chr(s, 'L'), nn = integer(s, n), lda = integer(s, Math.max(1, n)), info = integer(s, 0);
            MemorySegment d = allocate(s, (long) n * Double.BYTES), e = allocate(s, (long) n * Double.BYTES), tau = allocate(s, (long) n * Double.BYTES);
            MemorySegment work1 = s.allocate(JAVA_DOUBLE);
            dsytrd.invokeExact(uplo, nn, a, lda, d, e, tau, work1, integer(s, -1), info, 1L);
            checkInfo(info);
            long lwork = Math.max(1, (long) Math.ceil(work1.get(JAVA_DOUBLE, 0)));
            MemorySegment work = allocate(s, lwork * Double.BYTES);
            dsytrd.invokeExact(uplo, nn, a, lda, d, e, tau, work, integer(s, lwork), info, 1L);
            int r = checkInfo(info);
            if (r != 0) {
                return r;
            }
            // all eigenvalues from a copy of T (dsterf overwrites d with them and destroys e)
            MemorySegment.copy(d, 0, w, 0, (long) n * Double.BYTES);
            MemorySegment e2 = allocate(s, (long) n * Double.BYTES);
            MemorySegment.copy(e, 0, e2, 0, (long) n * Double.BYTES);
            dsterf.invokeExact(nn, w, e2, info);
            r = checkInfo(info);
            if (r != 0) {
                return r;
            }
            // the k largest eigenpairs of T (dstemr destroys d and e, which are not needed afterwards)
            MemorySegment jobz = chr(s, 'V'), range = chr(s, 'I'), zero = s.allocateFrom(JAVA_DOUBLE, 0.0);
            MemorySegment il = integer(s, n - k + 1), iu = integer(s, n), found = integer(s, 0), wk = allocate(s, (long) n * Double.BYTES);
            MemorySegment nzc = integer(s, k), isuppz = allocate(s, 2L * k * (ilp64 ? Long.BYTES : Integer.BYTES)), tryrac = integer(s, 1);
            MemorySegment iwork1 = integer(s, 0);
            dstemr.invokeExact(jobz, range, nn, d, e, zero, zero, il, iu, found, wk, z, lda, nzc, isuppz, tryrac, work1, integer(s, -1), iwork1,
                    integer(s, -1), info, 1L, 1L);
            checkInfo(info);
            long lw = Math.max(1, (long) Math.ceil(work1.get(JAVA_DOUBLE, 0)));
            long liw = Math.max(1, ilp64 ? iwork1.get(JAVA_LONG, 0) : iwork1.get(JAVA_INT, 0));
            MemorySegment w2 = allocate(s, lw * Double.BYTES), iw2 = allocate(s, liw * (ilp64 ? Long.BYTES : Integer.BYTES));
            dstemr.invokeExact(jobz, range, nn, d, e, zero, zero, il, iu, found, wk, z, lda, nzc, isuppz, tryrac, w2, integer(s, lw), iw2,
                    integer(s, liw), info, 1L, 1L);
            r = checkInfo(info);
            if (r != 0) {
                return r;
            }
            long m = ilp64 ? found.get(JAVA_LONG, 0) : found.get(JAVA_INT, 0);
            if (m != k) {
                throw new IllegalStateException("dstemr_ returned " + m + " eigenpairs, " + k + " were asked for");
            }
            // back to the eigenvectors of A: Z := Q Z
            MemorySegment side = chr(s, 'L'), trans = chr(s, 'N'), kk = integer(s, k);
            dormtr.invokeExact(side, uplo, trans, nn, kk, a, lda, tau, z, lda, work1, integer(s, -1), info, 1L, 1L, 1L);
            checkInfo(info);
            long lo = Math.max(1, (long) Math.ceil(work1.get(JAVA_DOUBLE, 0)));
            MemorySegment w3 = allocate(s, lo * Double.BYTES);
            dormtr.invokeExact(side, uplo, trans, nn, kk, a, lda, tau, z, lda, w3, integer(s, lo), info, 1L, 1L, 1L);
            return checkInfo(info);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("symmetric eigendecomposition (dsytrd/dsterf/dstemr/dormtr) failed", t);
        }
    }

    private int checkInfo(MemorySegment info) {
        long v = ilp64 ? info.get(JAVA_LONG, 0) : info.get(JAVA_INT, 0);
        if (v < 0) {
            throw new IllegalStateException("LAPACK: argument " + (-v) + " had an illegal value");
        }
        return (int) v;
    }
}
