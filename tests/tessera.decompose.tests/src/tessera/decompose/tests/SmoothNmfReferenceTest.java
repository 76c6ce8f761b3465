package tessera.decompose.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tessera.core.analysis.ProgressMonitor;
import tessera.decompose.internal.SmoothNmfSolver;

/**
 * SmoothNMF's update rules against a NumPy transcription of espm's ({@code tools/smoothnmf_reference.py}, which follows
 * espm v1.1.3's {@code multiplicative_step_h}, {@code multiplicative_step_w} with the element-row simplex,
 * {@code dichotomy_simplex} and {@code SmoothNMF.loss}): from the same initial W and H on the same small problem
 * (40 channels, 6 × 5 positions, 3 element + 2 continuum columns, 3 phases, two fixed W entries), W, H and the 25
 * averaged losses after 25 iterations agree to 1e-8 relative, for (λ = 3, μ = 0) and (λ = 0.5, μ = 2, ε = 1). The
 * script's output {@code tools/smoothnmf_reference.txt} is committed and read here.
 */
class SmoothNmfReferenceTest {

    /** blocks "name rows cols" + values of the reference file */
    static Map<String, double[]> read() throws IOException {
        Path f = CoreShell.root().resolve("tests/tessera.decompose.tests/tools/smoothnmf_reference.txt");
        List<String> lines = Files.readAllLines(f);
        Map<String, double[]> out = new HashMap<>();
        int i = 0;
        while (i < lines.size()) {
            String[] head = lines.get(i++).trim().split("\\s+");
            int len = Integer.parseInt(head[1]) * Integer.parseInt(head[2]);
            double[] v = new double[len];
            for (int j = 0; j < len; j++) {
                v[j] = Double.parseDouble(lines.get(i++).trim());
            }
            out.put(head[0], v);
        }
        return out;
    }

    @Test
    void updatesEqualTheNumPyTranscriptionOfEspm() throws IOException {
        Map<String, double[]> ref = read();
        int ne = 40, ny = 6, nx = 5, n = ny * nx, m = 5, k = 3;
        double[] xr = ref.get("X"); // [nE x N]
        float[] x = new float[n * ne];
        for (int e = 0; e < ne; e++) {
            for (int p = 0; p < n; p++) {
                x[p * ne + e] = (float) xr[e * n + p];
                assertEquals(xr[e * n + p], x[p * ne + e], 0.0, "integer counts are exact in float32");
            }
        }
        String[][] cases = { { "case1", "3.0", "0.0" }, { "case2", "0.5", "2.0" } };
        for (String[] c : cases) {
            SmoothNmfSolver.Options o = new SmoothNmfSolver.Options(Double.parseDouble(c[1]), Double.parseDouble(c[2]), 1.0, ny, nx, 3, ref.get("fixedW"), 25,
                    1e-4, false);
            SmoothNmfSolver.Result r = new SmoothNmfSolver(x, n, ne, ref.get("G"), m, k, o).run(ref.get("W0"), ref.get("H0"), ProgressMonitor.NULL);
            assertEquals(25, r.iterations());
            assertClose(ref.get(c[0] + "_W"), r.w(), c[0] + " W");
            assertClose(ref.get(c[0] + "_H"), r.h(), c[0] + " H");
            assertClose(ref.get(c[0] + "_loss"), r.losses(), c[0] + " loss");
            // the fixed entries are exactly their values, the element rows of each phase sum to one within the bisection tolerance
            assertEquals(0.0, r.w()[0 * k + 1], 0.0);
            assertEquals(0.0, r.w()[2 * k + 0], 0.0);
            for (int t = 0; t < k; t++) {
                double s = r.w()[t] + r.w()[k + t] + r.w()[2 * k + t];
                assertEquals(1.0, s, 2e-5, c[0] + " simplex of phase " + t);
            }
            // the loss decreases
            assertTrue(r.losses()[24] < r.losses()[0]);
        }
        // the first loss of case 1 as printed by the script (a spot check that the file is the one the script writes)
        assertEquals(9.54405093352, ref.get("case1_loss")[0], 1e-10);
    }

    static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            double tol = 1e-8 * Math.max(Math.abs(expected[i]), 1e-12);
            assertEquals(expected[i], actual[i], tol, what + " [" + i + "]");
        }
    }
}
