package tessera.decompose.tests;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import tessera.core.model.Dataset;
import tessera.core.registry.Registry;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test access to the real data: the FePt core–shell spectrum image read through the
 * product's own HyperSpy reader (found in the extension registry), and the expected values
 * made once with HyperSpy 1.7.3 by {@code resources/make_expected.py}.
 */
final class CoreShell {
    private CoreShell() {
    }

    /** @return the data directory (system property tessera.data) */
    static Path dataDir() {
        return Path.of(System.getProperty("tessera.data", "../shared/data"));
    }

    /** @return the repository root (system property tessera.root) */
    static Path root() {
        return Path.of(System.getProperty("tessera.root", "."));
    }

    /** @return {@code edx/core_shell.hspy}: uint32 [64, 64, 992], 0.16 keV + 0.02 keV/ch, 0.5 nm px */
    static Dataset coreShell() {
        try {
            return Registry.get().formats().readFirst(dataDir().resolve("edx/core_shell.hspy"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the parsed expected values */
    static Map<String, Object> expected() throws IOException {
        return JsonMapper.builder().build().readValue(root().resolve("tests/tessera.decompose.tests/resources/core_shell_expected.json").toFile(),
                new TypeReference<Map<String, Object>>() {
                });
    }

    /** @return a JSON number array as double[] */
    @SuppressWarnings("unchecked")
    static double[] doubles(Object list) {
        List<Object> l = (List<Object>) list;
        double[] d = new double[l.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = ((Number) l.get(i)).doubleValue();
        }
        return d;
    }
}
