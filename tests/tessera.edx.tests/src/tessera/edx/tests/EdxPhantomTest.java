package tessera.edx.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tessera.core.analysis.GuidedDecomposer;
import tessera.core.analysis.Parameters;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.edx.EdxForwardModelStep;
import tessera.edx.EdxPhantom;
import tessera.math.Nnls;

/** The core–shell EDX phantom: truth, counts, metadata, and NNLS on its own forward model. */
class EdxPhantomTest {

    private static final Axis AXIS = new Axis("Energy", 1000, 0.02, 0.2, "keV", false);

    @Test
    void truthIsConsistent() {
        EdxPhantom.Result r = EdxPhantom.coreShell(24, 400, 7, AXIS);
        EdxPhantom.Truth t = r.truth();
        assertEquals(List.of("FePt core", "Fe3O4 shell", "carbon support"), t.phases());
        assertEquals(List.of("Fe", "Pt", "O", "C"), t.elements());
        assertArrayEquals(new double[] { 3.0 / 7, 0, 4.0 / 7, 0 }, t.compositions()[1], 1e-12);
        for (double[] c : t.compositions()) {
            assertEquals(1, c[0] + c[1] + c[2] + c[3], 1e-12);
        }
        for (int i = 0; i < 24 * 24; i++) {
            assertEquals(1, t.abundances()[0][i] + t.abundances()[1][i] + t.abundances()[2][i], 1e-12);
        }
        assertEquals(0, t.abundances()[0][0], 0, "no core in the corner");
        assertTrue(t.abundances()[0][12 * 24 + 12] > t.abundances()[1][12 * 24 + 12] && t.abundances()[0][12 * 24 + 12] > 0.35, "core dominates the centre");
        assertArrayEquals(new int[] { 24, 24, 1000 }, r.data().shape());
        assertEquals(200, r.data().metadata().beamEnergyKv().orElseThrow(), 0);
        assertEquals(List.of("Fe", "Pt", "O", "C"), r.data().metadata().elements());
    }

    @Test
    void countsArePoissonAroundGwh() {
        EdxPhantom.Result r = EdxPhantom.coreShell(24, 400, 11, AXIS);
        double[] x = r.data().toDoubleArray();
        double total = 0;
        for (double v : x) {
            total += v;
        }
        double expected = 24 * 24 * 400.0;
        assertEquals(expected, total, 4 * Math.sqrt(expected));
        // chi² per pixel and channel of X against G·W·H: 1 for Poisson counts
        double[] g = r.model().toDoubleArray();
        int n = 1000, m = GuidedDecomposer.columns(r.model()).size();
        double[][] w = r.truth().w();
        double[][] h = r.truth().abundances();
        double chi2 = 0;
        long cells = 0;
        for (int i = 0; i < 24 * 24; i++) {
            for (int c = 0; c < n; c++) {
                double lam = 0;
                for (int p = 0; p < 3; p++) {
                    double s = 0;
                    for (int j = 0; j < m; j++) {
                        s += g[j * n + c] * w[j][p];
                    }
                    lam += s * h[p][i];
                }
                if (lam > 1) {
                    chi2 += (x[i * n + c] - lam) * (x[i * n + c] - lam) / lam;
                    cells++;
                }
            }
        }
        assertTrue(cells > 1000);
        assertEquals(1, chi2 / cells, 0.05);
        assertArrayEquals(x, EdxPhantom.coreShell(24, 400, 11, AXIS).data().toDoubleArray(), "same seed, same counts");
    }

    /** NNLS of the phantom's sum spectrum on its model gives the abundance-weighted mean composition. */
    @Test
    void sumSpectrumNnlsRecoversTheMeanComposition() {
        EdxPhantom.Result r = EdxPhantom.coreShell(32, 300, 3, AXIS);
        int n = 1000, m = 6, npix = 32 * 32;
        double[] x = new double[n];
        double[] d = r.data().toDoubleArray();
        for (int i = 0; i < npix; i++) {
            for (int c = 0; c < n; c++) {
                x[c] += d[i * n + c];
            }
        }
        double[] g = r.model().toDoubleArray();
        double[][] ata = new double[m][m];
        double[] atb = new double[m];
        for (int i = 0; i < m; i++) {
            for (int c = 0; c < n; c++) {
                atb[i] += g[i * n + c] * x[c];
                for (int j = 0; j < m; j++) {
                    ata[i][j] += g[i * n + c] * g[j * n + c];
                }
            }
        }
        double[] w = Nnls.solve(ata, atb);
        double[] truth = new double[4];
        double[][] tw = r.truth().w();
        for (int p = 0; p < 3; p++) {
            double hbar = 0;
            for (int i = 0; i < npix; i++) {
                hbar += r.truth().abundances()[p][i];
            }
            for (int j = 0; j < 4; j++) {
                truth[j] += tw[j][p] * hbar;
            }
        }
        double ws = w[0] + w[1] + w[2] + w[3], ts = truth[0] + truth[1] + truth[2] + truth[3];
        for (int j = 0; j < 4; j++) {
            assertEquals(truth[j] / ts, w[j] / ws, 0.01, "element " + j);
        }
    }

    /** The forward-model step reads the phantom's metadata and rebuilds the phantom's G. */
    @Test
    void stepRebuildsThePhantomModel() {
        EdxPhantom.Result r = EdxPhantom.coreShell(8, 100, 1, AXIS);
        EdxForwardModelStep step = new EdxForwardModelStep();
        Dataset g = EdxForwardModelStep.model(r.data(), Parameters.of(step.parameters(), Map.of("thickness", 50.0)));
        assertEquals(GuidedDecomposer.columns(r.model()), GuidedDecomposer.columns(g));
        assertArrayEquals(r.model().toDoubleArray(), g.toDoubleArray(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> EdxPhantom.coreShell(4, 100, 1, AXIS));
    }
}
