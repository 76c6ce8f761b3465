package tessera.decompose.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tessera.core.analysis.Decomposer;
import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.decompose.internal.NmfDecomposer;

/** NMF on the real FePt core-shell EDX spectrum image, against HyperSpy 1.7.3 / scikit-learn 1.2. */
class NmfTest {
    static Dataset coreShell;
    static Map<String, Object> expected;
    static final Decomposer NMF = new NmfDecomposer();
    /** Fe-Kα and Pt-Mα line energies, keV. */
    static final double FE_KA = 6.40, PT_MA = 2.05;

    @BeforeAll
    static void load() throws IOException {
        coreShell = CoreShell.coreShell();
        expected = CoreShell.expected();
    }

    static DecompositionResult run(Dataset d, Map<String, ?> raw) {
        return NMF.decompose(d, Parameters.of(NMF.parameters(), raw), ProgressMonitor.NULL);
    }

    /** @return energy (keV) of the maximum of each factor above 1 keV (below: C-K, O-K and the noise peak), sorted */
    static double[] peaksAbove1keV(DecompositionResult r) {
        Axis e = r.factors().axis(1);
        int i1 = e.index(1.0);
        double[] out = new double[r.components()];
        for (int c = 0; c < out.length; c++) {
            int arg = i1;
            for (int j = i1; j < e.size(); j++) {
                if (r.factors().getDouble(c, j) > r.factors().getDouble(c, arg)) {
                    arg = j;
                }
            }
            out[c] = e.value(arg);
        }
        Arrays.sort(out);
        return out;
    }

    static double relativeResidual(Dataset d, DecompositionResult r) {
        int p = d.signalSize();
        int n = (int) d.navigationSize();
        double num = 0, den = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int c = 0; c < r.components(); c++) {
                    s += r.loadings().getDouble((long) c * n + i) * r.factors().getDouble(c, j);
                }
                double x = d.getDouble((long) i * p + j);
                num += (x - s) * (x - s);
                den += x * x;
            }
        }
        return Math.sqrt(num / den);
    }

    /**
     * Key outcome: with Poisson normalisation, 3-component NMF separates an Fe factor (maximum
     * above 1 keV at Fe-Kα 6.40 keV) and a Pt factor (maximum at Pt-Mα, 2.05 keV line, channel
     * 2.06 keV), as HyperSpy's NMF does on the same data ([2.06, 6.40, 8.02] keV).
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void poissonNmfSeparatesFeAndPt(boolean nativeBackend) {
        Backends.with(nativeBackend, this::poissonNmfSeparatesFeAndPt);
    }

    private void poissonNmfSeparatesFeAndPt() {
        DecompositionResult r = run(coreShell, Map.of("components", 3, "normalizePoissonianNoise", true));
        assertEquals(List.of(3, 992), List.of(r.factors().axis(0).size(), r.factors().axis(1).size()));
        assertEquals(List.of(3, 64, 64), List.of(r.loadings().axis(0).size(), r.loadings().axis(1).size(), r.loadings().axis(2).size()));
        double[] peaks = peaksAbove1keV(r);
        assertTrue(Arrays.stream(peaks).anyMatch(e -> Math.abs(e - FE_KA) <= 0.021), "Fe-Kα factor among " + Arrays.toString(peaks));
        assertTrue(Arrays.stream(peaks).anyMatch(e -> Math.abs(e - PT_MA) <= 0.021), "Pt-Mα factor among " + Arrays.toString(peaks));
        assertArrayEquals(CoreShell.doubles(expected.get("nmf3_poisson_argmax_above1keV_keV")), peaks, 0.021, "same lines as HyperSpy");
        for (long i = 0; i < r.factors().size(); i++) {
            assertTrue(r.factors().getDouble(i) >= 0);
        }
        for (long i = 0; i < r.loadings().size(); i++) {
            assertTrue(r.loadings().getDouble(i) >= 0);
        }
        double res = relativeResidual(coreShell, r);
        double hs = ((Number) expected.get("nmf3_poisson_relative_residual")).doubleValue();
        assertEquals(hs, res, 0.01 * hs, "relative residual |X - WH| / |X| vs HyperSpy");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void plainNmfMatchesHyperSpy(boolean nativeBackend) {
        Backends.with(nativeBackend, this::plainNmfMatchesHyperSpy);
    }

    private void plainNmfMatchesHyperSpy() {
        DecompositionResult r = run(coreShell, Map.of("components", 3));
        assertArrayEquals(CoreShell.doubles(expected.get("nmf3_argmax_above1keV_keV")), peaksAbove1keV(r), 0.021);
        double res = relativeResidual(coreShell, r);
        double hs = ((Number) expected.get("nmf3_relative_residual")).doubleValue();
        assertTrue(res <= hs * 1.005, "residual " + res + " vs HyperSpy " + hs);
        assertTrue(res >= hs * 0.98, "residual " + res + " vs HyperSpy " + hs);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void isDeterministic(boolean nativeBackend) {
        Backends.with(nativeBackend, this::isDeterministic);
    }

    private void isDeterministic() {
        Map<String, Object> p = Map.of("components", 2, "maxIterations", 20);
        DecompositionResult a = run(coreShell, p);
        DecompositionResult b = run(coreShell, p);
        for (long i = 0; i < a.factors().size(); i++) {
            assertEquals(a.factors().getDouble(i), b.factors().getDouble(i), 0.0);
        }
        for (long i = 0; i < a.loadings().size(); i++) {
            assertEquals(a.loadings().getDouble(i), b.loadings().getDouble(i), 0.0);
        }
    }

    /**
     * Float32 data are used in place (no copy of the cube), on the Java heap or off it: the result has the same bits as
     * that of the same values read through the copy (here from the uint32 original).
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void float32DataInPlaceGiveTheSameBitsAsACopy(boolean nativeBackend) {
        Backends.with(nativeBackend, () -> {
            Map<String, Object> p = Map.of("components", 2, "maxIterations", 15);
            Dataset heap = coreShell.toFloat32();
            Dataset offHeap = Dataset.allocate(tessera.core.model.DType.FLOAT32, coreShell.axes(), coreShell.metadata());
            for (long i = 0; i < offHeap.size(); i++) {
                offHeap.setDouble(i, coreShell.getDouble(i));
            }
            assertTrue(!heap.data().isNative() && offHeap.data().isNative());
            DecompositionResult copied = run(coreShell, p);
            for (Dataset d : List.of(heap, offHeap)) {
                DecompositionResult r = run(d, p);
                assertArrayEquals(copied.factors().toDoubleArray(), r.factors().toDoubleArray(), 0.0);
                assertArrayEquals(copied.loadings().toFloatArray(), r.loadings().toFloatArray(), 0f);
            }
        });
    }

    @Test
    void rejectsNegativeData() {
        float[] x = {1, 2, 3, -0.5f, 4, 5};
        Dataset d = Dataset.ofFloats(x, List.of(Axis.uncalibrated("x", 3, true), Axis.uncalibrated("E", 2, false)), new Metadata());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(d, Map.of("components", 1)));
        assertTrue(e.getMessage().contains("non-negative") && e.getMessage().contains("-0.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> run(d, Map.of("components", 3)));
    }

    @Test
    void honoursCancellation() {
        ProgressMonitor cancelled = new ProgressMonitor() {
            @Override
            public void begin(String task, long totalWork) {
            }

            @Override
            public void worked(long work) {
            }

            @Override
            public void done() {
            }

            @Override
            public boolean isCanceled() {
                return true;
            }
        };
        assertThrows(CancellationException.class, () -> NMF.decompose(coreShell, Parameters.of(NMF.parameters(), Map.of()), cancelled));
    }
}
