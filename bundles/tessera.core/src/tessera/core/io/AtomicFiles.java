package tessera.core.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Atomic file replacement: write into a temporary file beside the target, fsync, then
 * rename it over the target and fsync the directory (where the platform allows it). A crash
 * or an exception during writing never leaves a partial file under the target name, and the
 * previous file survives. The temporary file is named {@code .<target name>.<random>.tmp}; a
 * process killed while writing can leave it behind (it is never taken for the target), and the
 * next successful write of the same target deletes such leftovers once they are older than
 * {@link #STALE_AFTER} (a younger one may belong to a writer that is still running).
 */
public final class AtomicFiles {
    /** Age after which a temporary file of the same target is taken for a crashed writer's leftover. */
    public static final java.time.Duration STALE_AFTER = java.time.Duration.ofHours(1);

    private AtomicFiles() {
    }

    /** Something that writes a file at a given path. */
    @FunctionalInterface
    public interface FileWriteAction {
        /**
         * @param tmp temporary path to write to
         * @throws IOException on failure
         */
        void write(Path tmp) throws IOException;
    }

    /**
     * Writes {@code target} atomically.
     *
     * @param target final path
     * @param action writes the content to the temporary path it is given
     * @throws IOException from the action or the move; the temporary file is deleted
     */
    public static void write(Path target, FileWriteAction action) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        try {
            // temporary files are created owner-only; a result file is readable like any other (rw-r--r--)
            try {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep the default permissions
            }
            action.write(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            fsyncDirectory(dir);
            deleteStaleTemporaries(abs);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Deletes {@code .<target name>.*.tmp} files beside {@code target} last modified more than
     * {@link #STALE_AFTER} ago: temporaries of writers killed before their rename. Best effort: a
     * file that cannot be listed or deleted is left as it is.
     *
     * @param target the final path whose leftovers are removed
     */
    public static void deleteStaleTemporaries(Path target) {
        Path abs = target.toAbsolutePath();
        String prefix = "." + abs.getFileName() + ".";
        long cutoff = System.currentTimeMillis() - STALE_AFTER.toMillis();
        try (var files = Files.newDirectoryStream(abs.getParent(), p -> {
            String n = p.getFileName().toString();
            return n.startsWith(prefix) && n.endsWith(".tmp") && n.length() > prefix.length() + 4;
        })) {
            for (Path p : files) {
                try {
                    if (Files.getLastModifiedTime(p).toMillis() < cutoff) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException e) {
                    // vanished or not deletable: leave it
                }
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            // directory not listable: nothing to clean
        }
    }

    /** Makes the rename durable: fsync of the directory entry (Linux, macOS; not possible on Windows). */
    private static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // directories cannot be opened or synced on this platform: the rename itself is still atomic
        }
    }
}
