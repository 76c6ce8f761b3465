package tessera.edx.tests;

import java.nio.file.Path;

import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.core.model.Axis;
import tessera.core.registry.Registry;

/** The real EDX data of ../shared/data/edx, read once. */
final class EdxTestData {
    private static Dataset coreShell;
    private static Dataset coreShellSum;

    private EdxTestData() {
    }

    /** @return core_shell.hspy, [64, 64, 992] counts, energy 0.16 keV + 0.02 keV/channel */
    static synchronized Dataset coreShell() throws Exception {
        if (coreShell == null) {
            coreShell = Registry.get().formats().readFirst(Path.of(System.getProperty("tessera.data", "../shared/data")).resolve("edx").resolve("core_shell.hspy"));
        }
        return coreShell;
    }

    /** @return the sum spectrum of core_shell.hspy, [992], with the file's metadata (HyperSpy {@code s.sum((0, 1))}) */
    static synchronized Dataset coreShellSum() throws Exception {
        if (coreShellSum == null) {
            Dataset d = coreShell();
            int nE = d.signalSize();
            double[] s = new double[nE];
            double[] buf = new double[nE];
            for (long p = 0; p < d.navigationSize(); p++) {
                d.readDoubles(p * nE, nE, buf, 0);
                for (int i = 0; i < nE; i++) {
                    s[i] += buf[i];
                }
            }
            Axis e = d.signalAxes().get(0);
            Metadata md = d.metadata().copy();
            coreShellSum = Dataset.ofDoubles(s, java.util.List.of(e), md);
        }
        return coreShellSum;
    }
}
