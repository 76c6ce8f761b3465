package tessera.core.model;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Zero-filled off-heap memory for cubes and kernel buffers. Large blocks (at least {@value #LARGE_BYTES} bytes) come,
 * on Linux, from an anonymous private {@code mmap} marked {@code madvise(MADV_HUGEPAGE)}, so that the kernel backs
 * them with 2 MiB transparent huge pages where it can (Linux {@code Documentation/admin-guide/mm/transhuge.rst}; the
 * common {@code enabled=madvise} setting gives huge pages only to regions that ask). The first touch of every 4 KiB
 * page is a page fault, and in a virtual machine a costly one: measured on the 2-core development VM, touching a fresh
 * 134 MiB block took 0.41 s with 4 KiB pages and 0.011 s with huge pages, and {@link Arena#allocate} (which zeroes
 * the block as it allocates it) 0.5–1.3 s. Anonymous mappings are zero-filled by the kernel (POSIX {@code mmap}), so
 * nothing needs clearing. Small blocks, other systems, and JVMs without native access for this code get
 * {@link Arena#allocate}.
 *
 * <p>A block lives as long as the arena it is given: it is unmapped when that arena is closed (or, for
 * {@link Arena#ofAuto()}, when the segment becomes unreachable).
 */
public final class OffHeap {
    /** Size from which a block is mapped with huge pages: 2 MiB, one huge page. */
    public static final long LARGE_BYTES = 1L << 21;

    private static final int PROT_READ_WRITE = 0x1 | 0x2;
    private static final int MAP_PRIVATE_ANONYMOUS = 0x02 | 0x20;
    private static final int MADV_HUGEPAGE = 14;
    private static final long PAGE = 4096;
    private static final Mapper MAPPER = Mapper.load();

    private OffHeap() {
    }

    private record Mapper(MethodHandle mmap, MethodHandle madvise, MethodHandle munmap) {
        static Mapper load() {
            try {
                if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")
                        || !OffHeap.class.getModule().isNativeAccessEnabled() || Boolean.getBoolean("tessera.offheap.plain")) {
                    return null;
                }
                Linker linker = Linker.nativeLinker();
                var libc = linker.defaultLookup();
                return new Mapper(
                        linker.downcallHandle(libc.find("mmap").orElseThrow(), FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG)),
                        linker.downcallHandle(libc.find("madvise").orElseThrow(), FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT)),
                        linker.downcallHandle(libc.find("munmap").orElseThrow(), FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG)));
            } catch (RuntimeException | LinkageError e) {
                return null;
            }
        }

        /** @return the mapping, or null if mmap refused */
        MemorySegment map(long bytes) {
            try {
                MemorySegment p = (MemorySegment) mmap.invokeExact(MemorySegment.NULL, bytes, PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS, -1, 0L);
                if (p.address() == -1L || p.address() == 0L) {
                    return null;
                }
                int ignored = (int) madvise.invokeExact(p, bytes, MADV_HUGEPAGE); // advice only: without huge pages the block still works
                return p;
            } catch (Throwable t) {
                return null;
            }
        }

        void unmap(MemorySegment p, long bytes) {
            try {
                int ignored = (int) munmap.invokeExact(p, bytes);
            } catch (Throwable t) {
                // nothing to do: the mapping stays until the process ends
            }
        }
    }

    /**
     * Allocates a zero-filled block.
     *
     * @param arena     owner of the block: it is freed when the arena is closed or, for an automatic arena, collected
     * @param bytes     size in bytes, {@code >= 0} (0 gives a one-byte block)
     * @param alignment byte alignment, a power of two; blocks mapped with huge pages are page-aligned (4096), larger
     *                  alignments go to {@link Arena#allocate}
     * @return the block, {@code bytes} long (at least 1), zero-filled
     * @throws IllegalArgumentException if bytes is negative or alignment not a power of two
     * @throws OutOfMemoryError if the memory cannot be had
     */
    public static MemorySegment allocate(Arena arena, long bytes, long alignment) {
        if (bytes < 0 || alignment <= 0 || (alignment & (alignment - 1)) != 0) {
            throw new IllegalArgumentException("allocate " + bytes + " bytes aligned to " + alignment);
        }
        if (MAPPER != null && bytes >= LARGE_BYTES && alignment <= PAGE) {
            MemorySegment p = MAPPER.map(bytes);
            if (p != null) {
                return p.reinterpret(bytes, arena, s -> MAPPER.unmap(s, bytes));
            }
        }
        return arena.allocate(Math.max(1, bytes), alignment);
    }

    /** @return whether large blocks are mapped with huge-page advice here (Linux, native access enabled) */
    public static boolean hugePages() {
        return MAPPER != null;
    }
}
