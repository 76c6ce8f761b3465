package tessera.decompose.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;

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
import tessera.core.registry.Registry;
import tessera.decompose.internal.CorrespondenceAnalysisDecomposer;

/**
 * Correspondence analysis against a NumPy implementation of the same formulas
 * ({@code benchmarks/peers/ca_numpy.py}: dense float64 S, {@code numpy.linalg.svd}) on the real CuZn EELS
 * spectrum image (int16 [50, 40, 162], 700 eV + 8 eV/ch).
 */
class CorrespondenceAnalysisTest {
    static final Decomposer CA = new CorrespondenceAnalysisDecomposer();
    static Dataset cuZn;

    // ca_numpy.py: principal inertias sv**2 of S (first 12), the total inertia chi2/N and the smallest one (K = 161)
    static final double[] INERTIA = {0.006088998274059707, 4.350499866883063e-05, 4.053127781055478e-05, 1.9574707083068243e-05,
            1.1714007067609911e-05, 1.1535482061142093e-05, 1.1225765421785456e-05, 1.1131394594032258e-05, 1.0974248961967255e-05,
            1.0808271013289478e-05, 1.0761404605985262e-05, 1.0644393823485472e-05};
    static final double TOTAL_INERTIA = 0.007249432280095613;
    static final double LAST_INERTIA = 3.311836441393377e-06;
    // ca_numpy.py: column standard coordinates b at channels 0, 40, 80, 161 and row principal coordinates at positions 0, 777, 1999
    static final double[][] FACTOR = {{-0.9864851109024304, 0.027199456678619473, 1.2050637538512021, 1.2387469906348534},
            {-0.4019745552970328, 1.8079599478575725, -0.7975643327730374, -0.5773745365711801}};
    static final double[][] LOADING = {{-0.03910603939689637, 0.04144817929923935, -0.11526902093545885},
            {0.0016654806847327792, -0.005470005354968272, 0.005263057993492922}};
    // ca_numpy.py: relative entropy H_i at positions 0, 777, 1999 and mean, min, max, argmax over the map
    static final double[] ENTROPY = {0.002200559807215093, 0.0012973572003587529, 0.0074360919656858634};
    static final double ENTROPY_MEAN = 0.003606026408782699, ENTROPY_MIN = 0.00034656438543700105, ENTROPY_MAX = 0.025651478652251425;
    static final int ENTROPY_ARGMAX = 439;

    @BeforeAll
    static void load() throws IOException {
        cuZn = Registry.get().formats().readFirst(CoreShell.dataDir().resolve("eels/CuZn_EELS_mapping_tutorial.hspy"));
    }

    static DecompositionResult run(Dataset d, Map<String, ?> raw) {
        return CA.decompose(d, Parameters.of(CA.parameters(), raw), ProgressMonitor.NULL);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void matchesNumpyOnCuZn(boolean nativeBackend) {
        Backends.with(nativeBackend, this::matchesNumpyOnCuZn);
    }

    private void matchesNumpyOnCuZn() {
        DecompositionResult r = run(cuZn, Map.of("components", 3));
        assertEquals(CorrespondenceAnalysisDecomposer.ID, r.algorithmId());
        assertEquals(3, r.components());
        double[] ev = r.explainedVariance();
        assertEquals(161, ev.length);
        for (int i = 0; i < INERTIA.length; i++) {
            assertEquals(INERTIA[i], ev[i], 1e-6 * INERTIA[i], "principal inertia " + i);
        }
        double worst = 0;
        for (int i = 0; i < INERTIA.length; i++) {
            worst = Math.max(worst, Math.abs(ev[i] - INERTIA[i]) / INERTIA[i]);
        }
        System.out.printf("CA vs NumPy: largest relative inertia difference %.2e (first 12), smallest inertia %.2e, backend %s%n", worst,
                Math.abs(ev[160] - LAST_INERTIA) / LAST_INERTIA, tessera.math.Kernels.backend());
        assertEquals(LAST_INERTIA, ev[160], 1e-5 * LAST_INERTIA, "smallest principal inertia");
        double sum = 0;
        for (double v : ev) {
            sum += v;
        }
        assertEquals(TOTAL_INERTIA, sum, 1e-7 * TOTAL_INERTIA, "total inertia chi2/N");
        int[] ch = {0, 40, 80, 161};
        int[] pos = {0, 777, 1999};
        for (int q = 0; q < 2; q++) {
            for (int t = 0; t < ch.length; t++) {
                assertEquals(FACTOR[q][t], r.factors().getDouble(q, ch[t]), 1e-6 * Math.abs(FACTOR[q][t]), "factor " + q + " channel " + ch[t]);
            }
            for (int t = 0; t < pos.length; t++) {
                assertEquals(LOADING[q][t], r.loadings().getDouble(q, pos[t] / 40, pos[t] % 40), 1e-5 * Math.abs(LOADING[q][t]),
                        "loading " + q + " position " + pos[t]);
            }
        }
        // calibration: factors on the energy-loss axis, loadings and entropy on the y/x axes
        Axis e = r.factors().axis(1);
        assertEquals(700, e.offset(), 1e-9);
        assertEquals(8, e.scale(), 1e-9);
        assertEquals("eV", e.units());
        Dataset h = r.auxiliary(DecompositionResult.ENTROPY);
        assertEquals(List.of(50, 40), List.of(h.axis(0).size(), h.axis(1).size()));
        assertEquals("nm", h.axis(1).units());
        for (int t = 0; t < pos.length; t++) {
            assertEquals(ENTROPY[t], h.getDouble(pos[t] / 40, pos[t] % 40), 1e-5 * ENTROPY[t], "entropy at " + pos[t]);
        }
        double mean = 0, min = Double.MAX_VALUE, max = -1;
        int arg = -1;
        for (int i = 0; i < 2000; i++) {
            double v = h.getDouble(i / 40, i % 40);
            mean += v / 2000;
            min = Math.min(min, v);
            if (v > max) {
                max = v;
                arg = i;
            }
        }
        System.out.printf("CA vs NumPy: entropy mean %.2e, max %.2e relative difference%n", Math.abs(mean - ENTROPY_MEAN) / ENTROPY_MEAN,
                Math.abs(max - ENTROPY_MAX) / ENTROPY_MAX);
        assertEquals(ENTROPY_MEAN, mean, 1e-5 * ENTROPY_MEAN);
        assertEquals(ENTROPY_MIN, min, 1e-5 * ENTROPY_MIN);
        assertEquals(ENTROPY_MAX, max, 1e-5 * ENTROPY_MAX);
        assertEquals(ENTROPY_ARGMAX, arg);
    }

    /** Default: 10 components; the reconstitution formula x_ij = n_i c_j (1 + Σ_k f_ik b_jk) holds with all K factors. */
    @Test
    void reconstitutionFormulaWithZeroRowAndColumn() {
        int n = 9, p = 6;
        float[] x = new float[n * p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x[i * p + j] = (i == 4 || j == 2) ? 0 : (float) (1 + ((i * 7 + j * j * 3) % 11));
            }
        }
        Dataset d = Dataset.ofFloats(x, List.of(Axis.uncalibrated("x", n, true), new Axis("E", p, 1, 0, "eV", false)), new Metadata());
        assertEquals(4, run(d, Map.of()).components()); // K = min(8, 5) - 1, default 10 capped
        DecompositionResult r = run(d, Map.of("components", 4));
        assertEquals(4, r.explainedVariance().length);
        double total = 0;
        double[] rs = new double[n], cs = new double[p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                rs[i] += x[i * p + j];
                cs[j] += x[i * p + j];
                total += x[i * p + j];
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                double s = 1;
                for (int q = 0; q < 4; q++) {
                    s += r.loadings().getDouble(q, i) * r.factors().getDouble(q, j);
                }
                assertEquals(x[i * p + j], rs[i] * cs[j] / total * s, 1e-4, "reconstituted (" + i + ", " + j + ")");
            }
        }
        assertEquals(0, r.auxiliary(DecompositionResult.ENTROPY).getDouble(4), 0.0);
        assertEquals(0, r.factors().getDouble(0, 2), 0.0);
    }

    @Test
    void rejectsNegativeAndDegenerateData() {
        Dataset neg = Dataset.ofFloats(new float[] {1, 2, -1, 3, 1, 1}, List.of(Axis.uncalibrated("x", 2, true), Axis.uncalibrated("E", 3, false)),
                new Metadata());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(neg, Map.of()));
        assertTrue(e.getMessage().contains("non-negative"), e.getMessage());
        Dataset one = Dataset.ofFloats(new float[] {1, 2, 3, 0, 0, 0}, List.of(Axis.uncalibrated("x", 2, true), Axis.uncalibrated("E", 3, false)),
                new Metadata());
        assertThrows(IllegalArgumentException.class, () -> run(one, Map.of()));
    }
}
