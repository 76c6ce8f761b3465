package tessera.decompose.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tessera.core.analysis.Decomposer;
import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.DType;
import tessera.core.model.Dataset;
import tessera.decompose.internal.NmfDecomposer;
import tessera.decompose.internal.PcaDecomposer;

/**
 * PCA and NMF of data too large to copy give the same numbers as of data in memory: on the real core-shell SI
 * (uint32 [64, 64, 992]), a float32 cube that is a read-only file mapping (as a reader makes for a large file)
 * decomposes bit for bit as the same cube on the heap, with and without Poisson weighting; and NMF that streams its
 * (converted, weighted) data from the dataset in blocks at every iteration ({@link NmfDecomposer#CACHE_PROPERTY} = 0)
 * gives the same bits as NMF on its in-memory copy.
 */
class StreamedDecompositionTest {
    static Dataset counts;
    static Dataset heap;
    static Dataset mapped;

    @BeforeAll
    static void load() throws IOException {
        counts = CoreShell.coreShell();
        heap = counts.toFloat32();
        Path f = java.nio.file.Files.createTempFile("core_shell_f32-", ".raw");
        f.toFile().deleteOnExit();
        long bytes = heap.size() * 4;
        try (Arena a = Arena.ofConfined(); FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MemorySegment w = ch.map(FileChannel.MapMode.READ_WRITE, 0, bytes, a);
            MemorySegment.copy(heap.data(), 0, w, 0, bytes);
            w.force();
        }
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            MemorySegment ro = ch.map(FileChannel.MapMode.READ_ONLY, 0, bytes, Arena.ofAuto());
            mapped = Dataset.wrap(DType.FLOAT32, ro, ByteOrder.nativeOrder(), heap.axes(), heap.metadata());
        }
        assertTrue(mapped.isReadOnly());
    }

    private static DecompositionResult run(Decomposer d, Dataset data, Map<String, ?> raw) {
        return d.decompose(data, Parameters.of(d.parameters(), raw), ProgressMonitor.NULL);
    }

    private static void assertSame(DecompositionResult a, DecompositionResult b, String what) {
        assertArrayEquals(a.factors().toDoubleArray(), b.factors().toDoubleArray(), 0.0, what + " factors");
        assertArrayEquals(a.loadings().toDoubleArray(), b.loadings().toDoubleArray(), 0.0, what + " loadings");
        if (a.explainedVariance() != null) {
            assertArrayEquals(a.explainedVariance(), b.explainedVariance(), 0.0, what + " explained variance");
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void pcaOfAMappedCubeEqualsPcaInMemory(boolean poisson) {
        PcaDecomposer pca = new PcaDecomposer();
        Map<String, Object> p = Map.of("maxComponents", 20, "normalizePoissonianNoise", poisson);
        assertSame(run(pca, heap, p), run(pca, mapped, p), "PCA poisson=" + poisson);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void nmfOfAMappedCubeEqualsNmfInMemory(boolean poisson) {
        NmfDecomposer nmf = new NmfDecomposer();
        Map<String, Object> p = Map.of("components", 3, "maxIterations", 40, "seed", 7L, "normalizePoissonianNoise", poisson);
        assertSame(run(nmf, heap, p), run(nmf, mapped, p), "NMF poisson=" + poisson);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void nmfStreamingInBlocksEqualsNmfOnItsCopy(boolean poisson) {
        NmfDecomposer nmf = new NmfDecomposer();
        Map<String, Object> p = Map.of("components", 3, "maxIterations", 40, "seed", 7L, "normalizePoissonianNoise", poisson);
        DecompositionResult copied = run(nmf, counts, p); // uint32: NMF holds one float32 copy
        String old = System.getProperty(NmfDecomposer.CACHE_PROPERTY);
        System.setProperty(NmfDecomposer.CACHE_PROPERTY, "0");
        try {
            assertSame(copied, run(nmf, counts, p), "NMF streamed, poisson=" + poisson);
        } finally {
            if (old == null) {
                System.clearProperty(NmfDecomposer.CACHE_PROPERTY);
            } else {
                System.setProperty(NmfDecomposer.CACHE_PROPERTY, old);
            }
        }
    }
}
