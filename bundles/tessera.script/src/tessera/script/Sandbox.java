package tessera.script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The file policy of a script run: a script may read and write files only inside its working
 * directory and inside the paths the user gave on the command line (every script argument taken
 * as a path relative to the working directory, and every {@code --allow} path). Paths are
 * normalised and symbolic links resolved before the check, so {@code ..} and links cannot lead
 * outside.
 */
public final class Sandbox implements FileAccess {
    private final Path workingDirectory;
    private final List<Path> roots;

    /**
     * @param workingDirectory the working directory (absolute after normalisation)
     * @param given            paths the user gave (script arguments, {@code --allow}); relative ones are resolved
     *                         against the working directory
     */
    public Sandbox(Path workingDirectory, List<String> given) {
        this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
        List<Path> r = new ArrayList<>();
        r.add(real(this.workingDirectory));
        for (String g : given) {
            if (g == null || g.isBlank()) {
                continue;
            }
            try {
                r.add(real(this.workingDirectory.resolve(g).normalize()));
            } catch (java.nio.file.InvalidPathException e) {
                // not a path: grants nothing
            }
        }
        this.roots = List.copyOf(r);
    }

    @Override
    public Path workingDirectory() {
        return workingDirectory;
    }

    /** @return the directories and files the script may use (real paths) */
    public List<Path> roots() {
        return roots;
    }

    @Override
    public Path forLoad(String path) {
        return check("load", path);
    }

    @Override
    public Path forSave(String path) {
        return check("save", path);
    }

    private Path check(String op, String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException(op + ": no file name given");
        }
        Path p;
        try {
            p = workingDirectory.resolve(path).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException(op + "('" + path + "'): not a valid path: " + e.getReason());
        }
        Path r = real(p);
        for (Path root : roots) {
            if (r.startsWith(root)) {
                return p;
            }
        }
        throw new SecurityException(op + "('" + path + "'): " + p + " is outside the working directory " + workingDirectory
                + " and the paths given on the command line; scripts may only use files there (give the path as an argument or with --allow)");
    }

    /**
     * The real path of a file that may not exist yet: the real path of its deepest existing ancestor
     * with the rest appended.
     *
     * @param p an absolute, normalised path
     * @return its real form
     */
    static Path real(Path p) {
        Path existing = p;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return p;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(p)).normalize();
        } catch (IOException e) {
            return p;
        }
    }
}
