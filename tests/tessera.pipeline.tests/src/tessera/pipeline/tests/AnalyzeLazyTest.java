package tessera.pipeline.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.io.FileMapping;
import tessera.core.model.Dataset;
import tessera.core.registry.Registry;
import tessera.pipeline.AnalyzeJob;
import tessera.pipeline.AnalyzeOptions;
import tessera.pipeline.AnalyzeResult;
import tessera.pipeline.EnergyRange;
import tessera.samples.Samples;

/**
 * {@code tessera analyze} of a file read lazily: the real core-shell SI (uint32 [64, 64, 992]) saved as {@code .npy} and
 * read as a read-only file mapping ({@link FileMapping#THRESHOLD_PROPERTY} = 0), with NMF streaming its weighted data
 * from the mapping in blocks at every iteration ({@code tessera.decompose.nmf.cacheBytes} = 0), gives the same PCA,
 * NMF and clusters, bit for bit, as the in-memory job on the original {@code .hspy}; with an energy window (the crop of
 * a mapped cube) the same as the in-memory job on the copied {@code .npy}.
 */
class AnalyzeLazyTest {
    private static final String NMF_CACHE = "tessera.decompose.nmf.cacheBytes";
    @TempDir
    static Path tmp;
    static Path npy;

    @BeforeAll
    static void write() throws Exception {
        Dataset d = Registry.get().formats().readFirst(Samples.coreShell());
        npy = tmp.resolve("core_shell.npy");
        Registry.get().formats().writerFor(npy).write(d, npy);
    }

    private static <T> T with(Map<String, String> props, Callable<T> c) throws Exception {
        Map<String, String> old = new java.util.HashMap<>();
        props.forEach((k, v) -> {
            old.put(k, System.getProperty(k));
            System.setProperty(k, v);
        });
        try {
            return c.call();
        } finally {
            old.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
    }

    private static AnalyzeResult analyze(Path file, EnergyRange range) throws Exception {
        Path out = Files.createTempDirectory(tmp, "out-");
        Files.delete(out);
        return AnalyzeJob.result(AnalyzeJob.run(Registry.get(), new AnalyzeOptions(file, out, 3, 3, range, null, 0L), ProgressMonitor.NULL, s -> { }));
    }

    private static AnalyzeResult lazy(EnergyRange range) throws Exception {
        return with(Map.of(FileMapping.THRESHOLD_PROPERTY, "0", NMF_CACHE, "0"), () -> analyze(npy, range));
    }

    private static void assertSame(DecompositionResult a, DecompositionResult b, String what) {
        assertArrayEquals(a.factors().toDoubleArray(), b.factors().toDoubleArray(), 0.0, what + " factors");
        assertArrayEquals(a.loadings().toDoubleArray(), b.loadings().toDoubleArray(), 0.0, what + " loadings");
        if (a.explainedVariance() != null) {
            assertArrayEquals(a.explainedVariance(), b.explainedVariance(), 0.0, what + " explained variance");
        }
    }

    private static void assertSameResults(AnalyzeResult a, AnalyzeResult b) {
        assertEquals(a.poisson(), b.poisson());
        assertEquals(a.components(), b.components());
        assertSame(a.pca(), b.pca(), "PCA");
        assertSame(a.nmf(), b.nmf(), "NMF");
        assertArrayEquals(a.clusters().labels(), b.clusters().labels(), "cluster labels");
        for (int c = 0; c < a.clusterMeans().length; c++) {
            assertArrayEquals(a.clusterMeans()[c], b.clusterMeans()[c], 0.0, "mean spectrum of cluster " + c);
        }
    }

    @Test
    void mappedAndStreamedEqualsInMemory() throws Exception {
        AnalyzeResult memory = analyze(Samples.coreShell(), null);
        AnalyzeResult lazy = lazy(null);
        assertTrue(lazy.data().isReadOnly(), "the job works on the file mapping itself: " + lazy.data());
        assertFalse(memory.data().isReadOnly());
        assertTrue(lazy.poisson(), "uint32 counts: Poisson weighting on both");
        assertSameResults(memory, lazy);
    }

    @Test
    void energyWindowOfAMappedCubeEqualsTheInMemoryCrop() throws Exception {
        EnergyRange window = new EnergyRange(40, 900); // channels: the .npy axes are uncalibrated
        AnalyzeResult copied = with(Map.of(FileMapping.THRESHOLD_PROPERTY, Long.toString(Long.MAX_VALUE)), () -> analyze(npy, window));
        AnalyzeResult lazy = lazy(window);
        assertFalse(copied.data().isReadOnly());
        assertEquals(861, lazy.data().signalSize());
        assertSameResults(copied, lazy);
    }
}
