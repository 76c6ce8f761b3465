package tessera.pipeline;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An output directory filled all-or-nothing: results are written into a hidden staging
 * folder inside the target directory and moved into place only by {@link #commit}, the
 * file named last (the report) after all others. If the job fails, {@link #close} removes
 * the staging folder, so no partial output is left looking like a result, and files a
 * previous run left in the directory are untouched.
 */
public final class OutputDirectory implements AutoCloseable {
    private final Path dir;
    private final Path staging;
    private boolean committed;

    /**
     * Creates the directory if needed and a fresh staging folder in it.
     *
     * @param dir target directory
     * @throws IOException if it cannot be created or is not a directory
     */
    public OutputDirectory(Path dir) throws IOException {
        this.dir = dir.toAbsolutePath();
        if (Files.exists(this.dir) && !Files.isDirectory(this.dir)) {
            throw new tessera.core.io.InvalidFileException(dir, "output path exists and is not a directory");
        }
        Files.createDirectories(this.dir);
        this.staging = Files.createTempDirectory(this.dir, ".tessera-partial-");
    }

    /** @return the staging folder to write into */
    public Path staging() {
        return staging;
    }

    /** @return the final directory */
    public Path dir() {
        return dir;
    }

    /**
     * Moves every staged file into the target directory, replacing older files of the same
     * name, with {@code last} moved last.
     *
     * @param last name of the file to publish last (e.g. {@code report.html})
     * @return the published files
     * @throws IOException if a move fails
     */
    public List<Path> commit(String last) throws IOException {
        List<Path> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(staging)) {
            for (Path p : ds) {
                names.add(p.getFileName());
            }
        }
        names.sort(Comparator.comparing((Path p) -> p.toString().equals(last)).thenComparing(Path::toString));
        List<Path> out = new ArrayList<>();
        for (Path n : names) {
            Path target = dir.resolve(n.toString());
            if (Files.isDirectory(target) && Files.isDirectory(staging.resolve(n))) {
                deleteTree(target);
            }
            try {
                Files.move(staging.resolve(n), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staging.resolve(n), target, StandardCopyOption.REPLACE_EXISTING);
            }
            out.add(target);
        }
        committed = true;
        Files.deleteIfExists(staging);
        return out;
    }

    /** Removes the staging folder (and anything still in it). */
    @Override
    public void close() throws IOException {
        if (Files.exists(staging)) {
            deleteTree(staging);
        }
    }

    /** @return true once {@link #commit} succeeded */
    public boolean committed() {
        return committed;
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
