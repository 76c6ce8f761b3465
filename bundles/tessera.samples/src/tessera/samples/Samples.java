package tessera.samples;

import java.io.IOException;
import java.net.URL;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The sample data shipped with Tessera, as files on disk: extracted from the bundle jar into
 * {@code $XDG_CACHE_HOME/tessera/samples/<bundle version>/} (default {@code ~/.cache/tessera/...}),
 * a stable path, so that provenance records of runs on the sample can be re-run later.
 */
public final class Samples {
    /** bundle path of the FePt core–shell STEM-EDX spectrum image (NIST, see NOTICE.md) */
    public static final String CORE_SHELL = "samples/core_shell.hspy";

    private Samples() {
    }

    /**
     * The FePt core–shell STEM-EDX spectrum image: 64×64 probe positions × 992 channels
     * (uint32 counts; energy 0.16 keV + 20 eV/channel; 200 kV), the data set of HyperSpy's
     * decomposition tutorial (usnistgov/hyperspy_tutorial).
     *
     * @return path to the {@code .hspy} file
     * @throws IOException if the bundle entry cannot be located or extracted (the cache is written atomically)
     */
    public static Path coreShell() throws IOException {
        Bundle b = FrameworkUtil.getBundle(Samples.class);
        if (b == null) {
            throw new IOException("tessera.samples is not running inside OSGi");
        }
        URL entry = b.getEntry(CORE_SHELL);
        if (entry == null) {
            throw new IOException("bundle tessera.samples lacks " + CORE_SHELL);
        }
        byte[] content;
        try (InputStream in = entry.openStream()) {
            content = in.readAllBytes();
        }
        Path dir = cacheDirectory().resolve("samples").resolve(b.getVersion().toString());
        Path file = dir.resolve(Path.of(CORE_SHELL).getFileName().toString());
        if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), content)) {
            return file;
        }
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".sample-", ".tmp");
        try {
            Files.write(tmp, content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return file;
    }

    /** @return {@code $XDG_CACHE_HOME/tessera}, or {@code ~/.cache/tessera} */
    private static Path cacheDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("tessera");
    }
}
