package tessera.eels.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tessera.core.analysis.Parameters;
import tessera.core.analysis.Preprocessor;
import tessera.core.analysis.Preprocessor.Result;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Dataset;
import tessera.core.registry.Registry;
import tessera.math.Fft;

/**
 * {@code tessera.eels.fourier-ratio} on the Si set of ../shared/data/eels/deconvolution_Si against HyperSpy 1.7.3
 * (resource {@code hyperspy-fourier-ratio.tsv}, made by {@code tools/hyperspy_fourier_ratio.py}) and against the
 * simulated ground-truth single-scattering distribution.
 */
class FourierRatioTest {

    private static Dataset read(String name) throws Exception {
        return Registry.get().formats().readFirst(Path.of(System.getProperty("tessera.data"), "eels", name));
    }

    private static Result run(Dataset cl, Dataset ll, Map<String, Object> params) {
        Preprocessor p = Registry.get().preprocessor("tessera.eels.fourier-ratio");
        return p.apply(cl, Map.of("lowloss", ll), Parameters.of(p.parameters(), params), ProgressMonitor.NULL);
    }

    /** columns of the reference file: E_L, L, E_K, K */
    private static List<double[]> reference() throws Exception {
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(FourierRatioTest.class.getResourceAsStream("hyperspy-fourier-ratio.tsv"),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.startsWith("#")) {
                    String[] f = line.split("\t");
                    rows.add(new double[] { Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]) });
                }
            }
        }
        return rows;
    }

    private static double relL2(double[] a, double[] b, int from, int to) {
        double num = 0;
        double den = 0;
        for (int i = from; i < to; i++) {
            num += (a[i] - b[i]) * (a[i] - b[i]);
            den += b[i] * b[i];
        }
        return Math.sqrt(num / den);
    }

    @Test
    void bluesteinMatchesTheDirectTransform() {
        int n = 2156; // HyperSpy's padding length for these files (11-smooth, not a power of two)
        assertEquals(2156, Fft.nextFastLen(1124 + 1024 - 1));
        assertEquals(1024, Fft.nextFastLen(1024));
        assertEquals(1008, Fft.nextFastLen(1001)); // 1001 = 7 * 11 * 13, 1008 = 2^4 * 3^2 * 7
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
            re[i] = Math.sin(0.01 * i * i) + (i % 7);
            im[i] = Math.cos(0.3 * i);
        }
        double[] r0 = re.clone();
        double[] i0 = im.clone();
        Fft.transformAny(re, im, false);
        for (int k : new int[] { 0, 1, 17, 1078, 2155 }) {
            double sr = 0;
            double si = 0;
            for (int j = 0; j < n; j++) {
                double a = -2 * Math.PI * ((long) k * j % n) / n;
                sr += r0[j] * Math.cos(a) - i0[j] * Math.sin(a);
                si += r0[j] * Math.sin(a) + i0[j] * Math.cos(a);
            }
            assertEquals(sr, re[k], 1e-8 * n, "bin " + k);
            assertEquals(si, im[k], 1e-8 * n, "bin " + k);
        }
        Fft.transformAny(re, im, true);
        for (int j = 0; j < n; j++) {
            assertEquals(r0[j], re[j], 1e-10);
            assertEquals(i0[j], im[j], 1e-10);
        }
    }

    @Test
    void matchesHyperSpyAndApproachesTheGroundTruth() throws Exception {
        Dataset ll = read("deconvolution_Si/ll_for_fr.hspy");
        Dataset gt = read("deconvolution_Si/ssd_ground_truth.hspy");
        double[] g = gt.toDoubleArray();
        List<double[]> ref = reference();
        String[] files = { "deconvolution_Si/cl_l_edge.hspy", "deconvolution_Si/cl_k_edge.hspy" };
        double[][] windows = { { 90, 300 }, { 1800, 2100 } };
        for (int f = 0; f < 2; f++) {
            Dataset cl = read(files[f]);
            Result r = run(cl, ll, Map.of());
            double[] ours = r.data().toDoubleArray();
            assertEquals(1024, ours.length);
            double[] hs = new double[ours.length];
            for (int i = 0; i < hs.length; i++) {
                hs[i] = ref.get(i)[2 * f + 1];
                assertEquals(cl.axis(0).value(i), ref.get(i)[2 * f], 1e-6);
            }
            double fwhm = r.extras().get("fwhm").toDoubleArray()[0];
            double i0 = r.extras().get("I0").toDoubleArray()[0];
            // HyperSpy: FWHM 1.00004593 eV (spline roots), threshold 3 eV, I0 = 3189182.369 (sum below 3 eV)
            assertEquals(1.00004593, fwhm, 0.01);
            assertEquals(3189182.36898141, i0, 1e-6 * i0);
            double vsHs = relL2(ours, hs, 0, 1024);
            // the same with HyperSpy's FWHM given explicitly isolates the FWHM estimate
            double[] exact = run(cl, ll, Map.of("fwhm", 1.00004593)).data().toDoubleArray();
            double vsHsExact = relL2(exact, hs, 0, 1024);
            // against the ground truth in the edge window (gt axis -50 eV + 0.5 eV/ch)
            int from = cl.axis(0).index(windows[f][0]);
            int to = cl.axis(0).index(windows[f][1]);
            int gOff = (int) Math.round((cl.axis(0).value(0) + 50) / 0.5);
            double[] gw = new double[1024];
            double[] raw = cl.toDoubleArray();
            for (int i = 0; i < 1024; i++) {
                gw[i] = g[gOff + i];
            }
            double vsGt = relL2(ours, gw, from, to);
            double rawVsGt = relL2(raw, gw, from, to);
            System.out.printf("Fourier-ratio %s: rel. L2 vs HyperSpy %.2e (with HyperSpy's FWHM %.2e), vs ground truth %.4f over %.0f-%.0f eV (input %.4f); FWHM %.5f eV%n",
                    files[f], vsHs, vsHsExact, vsGt, windows[f][0], windows[f][1], rawVsGt, fwhm);
            assertTrue(vsHsExact < 1e-9, "same FWHM: identical to HyperSpy up to rounding, got " + vsHsExact);
            assertTrue(vsHs < 1e-5, "own FWHM estimate (local cubic instead of a spline): within 1e-5 of HyperSpy, got " + vsHs);
            assertTrue(vsGt < 0.12, "relative L2 error against the ground truth " + vsGt);
            assertTrue(vsGt < 0.6 * rawVsGt, "deconvolution must bring the spectrum closer to the single-scattering truth: " + vsGt + " vs input " + rawVsGt);
        }
    }

    @Test
    void onePerPixelLowLossOnALineScanMatchesHyperSpy() throws Exception {
        Dataset cl = read("LSMO_linescan.hspy");
        Dataset ll = read("LSMO_linescan_low_loss.hspy");
        Result r = run(cl, ll, Map.of("fwhm", 1.2, "threshold", 3.0));
        double[] ours = r.data().toDoubleArray();
        assertArrayEquals(new int[] { 40, 586 }, r.data().shape());
        double[][] ref = new double[3][586];
        try (BufferedReader in = new BufferedReader(new InputStreamReader(FourierRatioTest.class.getResourceAsStream("hyperspy-fourier-ratio-lsmo.tsv"),
                StandardCharsets.UTF_8))) {
            int i = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.startsWith("#")) {
                    String[] f = line.split("\t");
                    for (int c = 0; c < 3; c++) {
                        ref[c][i] = Double.parseDouble(f[c + 1]);
                    }
                    i++;
                }
            }
            assertEquals(586, i);
        }
        int[] pixels = { 0, 17, 39 };
        double[] i0 = r.extras().get("I0").toDoubleArray();
        for (int c = 0; c < 3; c++) {
            double[] mine = java.util.Arrays.copyOfRange(ours, pixels[c] * 586, pixels[c] * 586 + 586);
            double rel = relL2(mine, ref[c], 0, 586);
            System.out.printf("Fourier-ratio LSMO pixel %d: rel. L2 vs HyperSpy %.2e, I0 %.0f%n", pixels[c], rel, i0[pixels[c]]);
            assertTrue(rel < 1e-8, "pixel " + pixels[c] + ": " + rel);
        }
        assertTrue(i0[0] != i0[39], "I0 comes from each pixel's own low loss");
    }

    @Test
    void badLowLossIsRejected() throws Exception {
        Dataset cl = read("deconvolution_Si/cl_l_edge.hspy");
        Preprocessor p = Registry.get().preprocessor("tessera.eels.fourier-ratio");
        assertThrows(IllegalArgumentException.class, () -> p.apply(cl, Map.of(), Parameters.of(p.parameters(), Map.of()), ProgressMonitor.NULL));
        Dataset coarse = read("CuZn_EELS_mapping_tutorial.hspy"); // 8 eV/channel, 2000 pixels
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(cl, coarse, Map.of()));
        assertTrue(e.getMessage().contains("scale"), e.getMessage());
        Dataset ll = read("deconvolution_Si/ll_for_fr.hspy");
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> run(cl, ll, Map.of("fwhm", 0.0)));
        assertTrue(zero.getMessage().contains("fwhm must be positive"), zero.getMessage());
    }
}
