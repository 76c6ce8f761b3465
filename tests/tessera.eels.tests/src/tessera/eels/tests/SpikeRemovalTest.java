package tessera.eels.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import tessera.core.analysis.Parameters;
import tessera.core.analysis.Preprocessor;
import tessera.core.analysis.Preprocessor.Result;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Dataset;
import tessera.core.registry.Registry;

/**
 * {@code tessera.eels.spike-removal} on the real CuZn spectrum image (50 × 40 × 162) with 24 spikes injected at known
 * places, against HyperSpy 1.7.3's non-interactive spike removal (resource {@code hyperspy-spikes.tsv}, made by
 * {@code tools/hyperspy_spikes.py}, which injects the same spikes).
 */
class SpikeRemovalTest {

    private static final int N = 162;

    private static Dataset read() throws Exception {
        return Registry.get().formats().readFirst(Path.of(System.getProperty("tessera.data"), "eels", "CuZn_EELS_mapping_tutorial.hspy"));
    }

    private static Result run(Dataset d, Map<String, Object> params) {
        Preprocessor p = Registry.get().preprocessor("tessera.eels.spike-removal");
        return p.apply(d, Map.of(), Parameters.of(p.parameters(), params), ProgressMonitor.NULL);
    }

    /** spike k: pixel (k*83 + 11) mod 2000, channel 20 + (k*37) mod 120, 6000 + 500 (k mod 5) counts */
    private static int[][] spikes() {
        int[][] s = new int[24][];
        for (int k = 0; k < 24; k++) {
            s[k] = new int[] { (k * 83 + 11) % 2000, 20 + (k * 37) % 120, 6000 + 500 * (k % 5) };
        }
        return s;
    }

    private static Dataset withSpikes(Dataset clean) {
        double[] v = clean.toDoubleArray().clone();
        for (int[] s : spikes()) {
            v[s[0] * N + s[1]] += s[2];
        }
        return Dataset.ofDoubles(v, clean.axes(), clean.metadata().copy());
    }

    /** "threshold clean|injected" → value, "clean:pixel" / "injected:pixel" → HyperSpy's corrected spectrum */
    private static Map<String, double[]> reference() throws Exception {
        Map<String, double[]> m = new TreeMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(SpikeRemovalTest.class.getResourceAsStream("hyperspy-spikes.tsv"),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split("\t");
                if (f[0].equals("threshold")) {
                    m.put("threshold " + f[1], new double[] { Double.parseDouble(f[2]) });
                } else if (f[0].equals("pixel")) {
                    double[] v = new double[f.length - 3];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = Double.parseDouble(f[i + 3]);
                    }
                    m.put(f[1] + ":" + f[2], v);
                }
            }
        }
        return m;
    }

    @Test
    void injectedSpikesAreFoundAndReplacedAsHyperSpyDoes() throws Exception {
        Dataset clean = read();
        double[] orig = clean.toDoubleArray();
        Dataset spiky = withSpikes(clean);
        Result r = run(spiky, Map.of());
        double[] out = r.data().toDoubleArray();
        double[] count = r.extras().get("spikes").toDoubleArray();
        assertArrayEquals(new int[] { 50, 40 }, r.extras().get("spikes").shape());
        Map<String, double[]> ref = reference();
        Map<Integer, Integer> expected = new HashMap<>();
        for (int[] s : spikes()) {
            expected.merge(s[0], 1, Integer::sum);
        }
        double[] in = spiky.toDoubleArray();
        double worst = 0;
        int changed = 0;
        for (int q = 0; q < 2000; q++) {
            boolean differs = false;
            for (int i = 0; i < N; i++) {
                differs |= out[q * N + i] != in[q * N + i];
            }
            double[] hs = ref.get("injected:" + q);
            if (hs == null) {
                assertEquals(0, count[q], "pixel " + q + " has no spike");
                assertTrue(!differs, "pixel " + q + " must be unchanged");
                continue;
            }
            changed++;
            for (int i = 0; i < N; i++) {
                assertEquals(hs[i], out[q * N + i], 1e-9 * Math.max(1, Math.abs(hs[i])), "pixel " + q + " channel " + i + " as HyperSpy");
            }
            if (expected.containsKey(q)) {
                assertTrue(count[q] >= expected.get(q), "pixel " + q + ": " + count[q] + " spikes found");
            } else {
                assertEquals(1691, q, "the one pixel with a spike of its own (HyperSpy finds it too)");
            }
        }
        for (int[] s : spikes()) {
            double rel = Math.abs(out[s[0] * N + s[1]] - orig[s[0] * N + s[1]]) / orig[s[0] * N + s[1]];
            worst = Math.max(worst, rel);
            assertTrue(rel < 0.25, "spike " + s[0] + "/" + s[1] + ": replaced " + out[s[0] * N + s[1]] + ", original " + orig[s[0] * N + s[1]]);
        }
        assertEquals(25, changed);
        System.out.println("spike removal: 24 injected spikes in 24 pixels found, plus pixel 1691 (as HyperSpy); worst |replaced - original|/original at the spike channel "
                + worst);
    }

    @Test
    void automaticThresholdsEqualHyperSpysAndCleanDataStayUnchangedAboveTheirLargestDerivative() throws Exception {
        Dataset clean = read();
        Map<String, double[]> ref = reference();
        // the automatic threshold is not an output; a given threshold equal to HyperSpy's must give the same result
        Result auto = run(clean, Map.of());
        Result given = run(clean, Map.of("threshold", ref.get("threshold clean")[0]));
        assertArrayEquals(given.data().toDoubleArray(), auto.data().toDoubleArray());
        double total = 0;
        for (double c : auto.extras().get("spikes").toDoubleArray()) {
            total += c;
        }
        assertEquals(1, total, "HyperSpy's automatic threshold finds one spike in the clean file (pixel 1691)");
        assertArrayEquals(ref.get("clean:1691"), java.util.Arrays.copyOfRange(auto.data().toDoubleArray(), 1691 * N, 1692 * N), 1e-5); // 10 digits in the file
        // largest |dI/dE| in the clean file is 917.9 counts/eV: with a threshold above it nothing changes
        Result none = run(clean, Map.of("threshold", 1000.0));
        assertArrayEquals(clean.toDoubleArray(), none.data().toDoubleArray());
        for (double c : none.extras().get("spikes").toDoubleArray()) {
            assertEquals(0, c);
        }
        assertThrows(IllegalArgumentException.class, () -> run(clean, Map.of("interpolation", "quadratic")));
    }

    @Test
    void notAKnotSplineEqualsScipys() {
        // scipy 1.10 interp1d([0,1,2,6,7,8], [5,4,4.5,2,2.5,1], kind=3) at 2.5, 3, 4, 5, 5.5
        double[] v = tessera.eels.internal.Interpolation.cubicNotAKnot(new double[] { 0, 1, 2, 6, 7, 8 }, new double[] { 5, 4, 4.5, 2, 2.5, 1 },
                new double[] { 2.5, 3, 4, 5, 5.5 });
        assertArrayEquals(new double[] { 4.481770833333335, 4.2023809523809526, 3.214285714285715, 2.2440476190476195, 1.9869791666666674 }, v, 1e-12);
    }

    @Test
    void splineReplacementIsCloseToTheOriginal() throws Exception {
        Dataset clean = read();
        double[] orig = clean.toDoubleArray();
        Result r = run(withSpikes(clean), Map.of("interpolation", "spline", "width", 2));
        double[] out = r.data().toDoubleArray();
        double worst = 0;
        for (int[] s : spikes()) {
            double rel = Math.abs(out[s[0] * N + s[1]] - orig[s[0] * N + s[1]]) / orig[s[0] * N + s[1]];
            worst = Math.max(worst, rel);
            // the spikes add 6000-8000 counts to ~500-15000: unreplaced they would be off by 50-1000 %
            assertTrue(rel < 0.3, "spike " + s[0] + "/" + s[1] + ": replaced " + out[s[0] * N + s[1]] + ", original " + orig[s[0] * N + s[1]]);
        }
        System.out.println("spike removal (spline, width 2): worst |replaced - original|/original at the spike channel " + worst);
    }
}
