package tessera.samples;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

import org.eclipse.core.runtime.FileLocator;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The sample data shipped with Tessera, as files on disk (extracted from the bundle jar
 * on first use by {@link FileLocator#toFileURL}).
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
     * @throws IOException if the bundle entry cannot be located or extracted
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
        URL file = FileLocator.toFileURL(entry);
        try {
            return Path.of(file.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Path.of(file.getPath());
        }
    }
}
