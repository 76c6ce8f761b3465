package tessera.decompose.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tessera.core.analysis.Decomposer;
import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.analysis.Unmixer;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.decompose.internal.FclsUnmixer;
import tessera.decompose.internal.LeastSquaresUnmixer;
import tessera.decompose.internal.NfindrDecomposer;
import tessera.decompose.internal.VcaDecomposer;

/**
 * N-FINDR, VCA and FCLS against the known truth of a phantom made here, independently of the code under test: 3
 * EELS-like endmember spectra (power-law background + Gaussian peaks, 500 channels from 400 eV by 0.5 eV, about
 * 1000-3000 counts per channel), abundances on 64 x 64 positions drawn uniformly on the simplex (Dirichlet(1, 1, 1))
 * with a 4 x 4 patch of pure pixels per endmember, Poisson noise (Hörmann's PTRS sampler written below).
 * <p>
 * The product phantom ({@code tessera simulate phantom}, {@code tessera.eels.sim.Phantom}) is not used: this fragment
 * cannot see {@code tessera.eels}, and its truth is elemental areal densities under plural scattering and a
 * thickness-dependent background, not simplex abundances of fixed spectra.
 */
class EndmemberTest {
    static final int NX = 64, NY = 64, P = 500, K = 3;
    static final Axis ENERGY = new Axis("Energy loss", P, 0.5, 400, "eV", false);
    static double[][] truthW; // [K][P] expected counts
    static double[][] truthA; // [K][n]
    static Dataset data;
    static Dataset truthEnds;

    @BeforeAll
    static void phantom() {
        truthW = new double[K][P];
        double[][] bg = { {3000, 3.0}, {2000, 2.5}, {2500, 2.0} };
        double[][][] peaks = { { {450, 4, 2500}, {520, 8, 800} }, { {480, 5, 3000}, {600, 10, 1000} }, { {530, 4, 2000}, {560, 6, 1500} } };
        for (int i = 0; i < K; i++) {
            for (int j = 0; j < P; j++) {
                double e = ENERGY.value(j);
                double v = bg[i][0] * Math.pow(e / 400, -bg[i][1]);
                for (double[] pk : peaks[i]) {
                    v += pk[2] * Math.exp(-0.5 * Math.pow((e - pk[0]) / pk[1], 2));
                }
                truthW[i][j] = v;
            }
        }
        int n = NX * NY;
        truthA = new double[K][n];
        SplittableRandom rnd = new SplittableRandom(20261206L);
        for (int y = 0; y < NY; y++) {
            for (int x = 0; x < NX; x++) {
                int pos = y * NX + x;
                int pure = y < 4 ? (x < 4 ? 0 : x >= 30 && x < 34 ? 1 : x >= 60 ? 2 : -1) : -1;
                double sum = 0;
                double[] g = new double[K];
                for (int i = 0; i < K; i++) {
                    g[i] = pure < 0 ? -Math.log(1 - rnd.nextDouble()) : i == pure ? 1 : 0;
                    sum += g[i];
                }
                for (int i = 0; i < K; i++) {
                    truthA[i][pos] = g[i] / sum;
                }
            }
        }
        float[] cube = new float[n * P];
        for (int pos = 0; pos < n; pos++) {
            for (int j = 0; j < P; j++) {
                double lam = 0;
                for (int i = 0; i < K; i++) {
                    lam += truthA[i][pos] * truthW[i][j];
                }
                cube[pos * P + j] = poisson(rnd, lam);
            }
        }
        Metadata md = new Metadata();
        md.title("endmember phantom");
        data = Dataset.ofFloats(cube, List.of(new Axis("x", NX, 1, 0, "nm", true), new Axis("y", NY, 1, 0, "nm", true), ENERGY), md);
        double[] w = new double[K * P];
        for (int i = 0; i < K; i++) {
            System.arraycopy(truthW[i], 0, w, i * P, P);
        }
        truthEnds = Dataset.ofDoubles(w, List.of(Axis.uncalibrated("component", K, true), ENERGY), new Metadata());
    }

    /**
     * Poisson variate: multiplication method below 10, else the transformed rejection method with squeeze (PTRS) of
     * W. Hörmann, Insurance Math. Econom. 12 (1993) 39, doi:10.1016/0167-6687(93)90997-4.
     */
    static float poisson(SplittableRandom r, double lam) {
        if (lam < 10) {
            double l = Math.exp(-lam), prod = r.nextDouble();
            int k = 0;
            while (prod > l) {
                prod *= r.nextDouble();
                k++;
            }
            return k;
        }
        double slam = Math.sqrt(lam), loglam = Math.log(lam);
        double b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b;
        double invAlpha = 1.1239 + 1.1328 / (b - 3.4), vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = r.nextDouble() - 0.5, v = r.nextDouble(), us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + lam + 0.43);
            if (us >= 0.07 && v <= vr) {
                return k;
            }
            if (k < 0 || (us < 0.013 && v > us)) {
                continue;
            }
            if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -lam + k * loglam - logFactorial(k)) {
                return k;
            }
        }
    }

    static double logFactorial(long k) {
        if (k < 20) {
            double s = 0;
            for (int i = 2; i <= k; i++) {
                s += Math.log(i);
            }
            return s;
        }
        double x = k + 1.0; // Stirling series of ln Γ(x)
        return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x);
    }

    static double angle(double[] a, double[] b) {
        double ab = 0, aa = 0, bb = 0;
        for (int j = 0; j < a.length; j++) {
            ab += a[j] * b[j];
            aa += a[j] * a[j];
            bb += b[j] * b[j];
        }
        return Math.acos(Math.min(1, ab / Math.sqrt(aa * bb)));
    }

    static final int[][] PERMS = { {0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0} };

    /** @return {worst angle, abundance RMSE} of a result, its endmembers matched to the truth (perm[i] = truth index of component i) */
    static double[] score(DecompositionResult r) {
        assertEquals(K, r.components());
        double[][] w = new double[K][P];
        for (int i = 0; i < K; i++) {
            for (int j = 0; j < P; j++) {
                w[i][j] = r.factors().getDouble(i, j);
            }
        }
        int[] best = null;
        double bestSum = Double.POSITIVE_INFINITY;
        for (int[] perm : PERMS) {
            double s = 0;
            for (int i = 0; i < K; i++) {
                s += angle(w[i], truthW[perm[i]]);
            }
            if (s < bestSum) {
                bestSum = s;
                best = perm;
            }
        }
        double worst = 0;
        for (int i = 0; i < K; i++) {
            worst = Math.max(worst, angle(w[i], truthW[best[i]]));
        }
        int n = NX * NY;
        double se = 0;
        for (int i = 0; i < K; i++) {
            for (int pos = 0; pos < n; pos++) {
                double d = r.loadings().getDouble((long) i * n + pos) - truthA[best[i]][pos];
                se += d * d;
            }
        }
        return new double[] {worst, Math.sqrt(se / (K * n))};
    }

    static void assertSimplex(DecompositionResult r) {
        int n = (int) (r.loadings().size() / r.components());
        double worst = 0;
        for (int pos = 0; pos < n; pos++) {
            double s = 0;
            for (int i = 0; i < r.components(); i++) {
                double a = r.loadings().getDouble((long) i * n + pos);
                assertTrue(a >= 0, "abundance " + a + " of component " + i + " at " + pos);
                s += a;
            }
            worst = Math.max(worst, Math.abs(s - 1));
        }
        assertTrue(worst < 1e-5, "abundances sum to one (float32), worst |sum - 1| = " + worst);
    }

    static DecompositionResult decompose(Decomposer d, Map<String, ?> raw) {
        return d.decompose(data, Parameters.of(d.parameters(), raw), ProgressMonitor.NULL);
    }

    static DecompositionResult unmix(Unmixer u, Dataset x, Dataset ends, Map<String, ?> raw) {
        return u.unmix(x, ends, Parameters.of(u.parameters(), raw), ProgressMonitor.NULL);
    }

    static double mean(Dataset d) {
        double s = 0;
        for (long i = 0; i < d.size(); i++) {
            s += d.getDouble(i);
        }
        return s / d.size();
    }

    /** the spectra of the reported pixels are the factors, pixels ascending, and they are pure pixels of the phantom */
    static void assertPixelSpectra(DecompositionResult r) {
        Dataset px = r.auxiliary(DecompositionResult.ENDMEMBER_PIXELS);
        assertEquals(List.of(K), List.of(px.axis(0).size()));
        float[] row = new float[P];
        int prev = -1;
        for (int i = 0; i < K; i++) {
            int pos = (int) px.getDouble(i);
            assertTrue(pos > prev, "ordered by pixel index");
            prev = pos;
            data.readSpectra(pos, 1, row, 0);
            for (int j = 0; j < P; j++) {
                assertEquals(row[j], r.factors().getDouble(i, j), 0.0);
            }
            double amax = 0;
            for (int t = 0; t < K; t++) {
                amax = Math.max(amax, truthA[t][pos]);
            }
            assertTrue(amax > 0.97, "endmember pixel " + pos + " is (nearly) pure: largest true abundance " + amax);
        }
        assertEquals(ENERGY, r.factors().axis(1), "calibrated energy axis kept");
        for (String a : List.of(DecompositionResult.RESIDUAL, DecompositionResult.CHI_SQUARE, DecompositionResult.RESIDUAL_SPECTRUM)) {
            assertTrue(r.auxiliary().containsKey(a), a);
        }
    }

    @Test
    void nfindrFindsTheEndmembers() {
        DecompositionResult r = decompose(new NfindrDecomposer(), Map.of("components", 3, "poissonVariance", true));
        double[] s = score(r);
        System.out.printf("N-FINDR + FCLS: worst spectral angle %.4f rad, abundance RMSE %.4f, mean reduced chi2 %.3f%n", s[0], s[1],
                mean(r.auxiliary(DecompositionResult.CHI_SQUARE)));
        assertTrue(s[0] < 0.05, "spectral angle " + s[0]);
        assertTrue(s[1] < 0.02, "abundance RMSE " + s[1]);
        assertSimplex(r);
        assertPixelSpectra(r);
        assertEquals(NfindrDecomposer.ID, r.algorithmId());
        // deterministic for a seed; another seed finds the same pure-pixel simplex up to which noisy pure pixel wins
        DecompositionResult again = decompose(new NfindrDecomposer(), Map.of("components", 3, "poissonVariance", true));
        assertArrayEquals(r.loadings().toFloatArray(), again.loadings().toFloatArray());
        double[] s2 = score(decompose(new NfindrDecomposer(), Map.of("components", 3, "seed", 7L)));
        assertTrue(s2[0] < 0.05 && s2[1] < 0.02, "seed 7: " + s2[0] + ", " + s2[1]);
    }

    @Test
    void vcaFindsTheEndmembers() {
        for (Map<String, ?> raw : List.<Map<String, ?>>of(Map.of("components", 3), Map.of("components", 3, "snr", 100.0),
                Map.of("components", 3, "snr", 0.0, "seed", 3L))) {
            DecompositionResult r = decompose(new VcaDecomposer(), raw);
            double[] s = score(r);
            System.out.printf("VCA %s + FCLS: worst spectral angle %.4f rad, abundance RMSE %.4f%n", raw, s[0], s[1]);
            assertTrue(s[0] < 0.05, raw + ": spectral angle " + s[0]);
            assertTrue(s[1] < 0.02, raw + ": abundance RMSE " + s[1]);
            assertSimplex(r);
            assertPixelSpectra(r);
        }
    }

    /** MLR with the true endmembers and Poisson variance: the reduced χ² averages 1 (the noise is Poisson). */
    @Test
    void mlrOnTruthHasUnitChiSquare() {
        DecompositionResult r = unmix(new LeastSquaresUnmixer(), data, truthEnds, Map.of("poissonVariance", true));
        double chi = mean(r.auxiliary(DecompositionResult.CHI_SQUARE));
        System.out.printf("MLR on the true endmembers: mean reduced chi2 %.4f%n", chi);
        assertTrue(chi > 0.9 && chi < 1.1, "mean reduced chi2 " + chi);
    }

    @Test
    void fclsOnTruthRecoversAbundances() {
        DecompositionResult r = unmix(new FclsUnmixer(), data, truthEnds, Map.of("poissonVariance", true));
        assertSimplex(r);
        int n = NX * NY;
        double se = 0;
        for (int i = 0; i < K; i++) {
            for (int pos = 0; pos < n; pos++) {
                double d = r.loadings().getDouble((long) i * n + pos) - truthA[i][pos];
                se += d * d;
            }
        }
        double rmse = Math.sqrt(se / (K * n));
        double chi = mean(r.auxiliary(DecompositionResult.CHI_SQUARE));
        System.out.printf("FCLS on the true endmembers: abundance RMSE %.5f, mean reduced chi2 %.4f%n", rmse, chi);
        assertTrue(rmse < 0.005, "RMSE " + rmse);
        assertTrue(chi > 0.9 && chi < 1.1, "chi2 " + chi);
    }

    /**
     * FCLS is the exact minimiser: compared with brute force over all supports (the equality-constrained least squares
     * on every subset of endmembers, kept when feasible; the best feasible one is the optimum of the convex problem),
     * for random endmembers and spectra, including spectra far outside the simplex and with negative least-squares
     * abundances.
     */
    @Test
    void fclsIsTheExactConstrainedOptimum() {
        SplittableRandom rnd = new SplittableRandom(5);
        int k = 5, p = 40, n = 200;
        double[] w = new double[k * p];
        for (int i = 0; i < w.length; i++) {
            w[i] = rnd.nextDouble();
        }
        float[] x = new float[n * p];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int i = 0; i < k; i++) {
                    s += (rnd.nextDouble() * 3 - 1) * w[i * p + j];
                }
                x[r * p + j] = (float) (s + 0.3 * rnd.nextGaussian());
            }
        }
        Axis e = new Axis("E", p, 1, 0, "eV", false);
        Dataset d = Dataset.ofFloats(x, List.of(Axis.uncalibrated("x", n, true), e), new Metadata());
        Dataset ends = Dataset.ofDoubles(w, List.of(Axis.uncalibrated("component", k, true), e), new Metadata());
        DecompositionResult r = unmix(new FclsUnmixer(), d, ends, Map.of());
        assertSimplex(r);
        for (int pos = 0; pos < n; pos++) {
            double[] s = new double[p];
            for (int j = 0; j < p; j++) {
                s[j] = x[pos * p + j];
            }
            double[] brute = bruteForce(w, k, p, s);
            double[] got = new double[k];
            for (int i = 0; i < k; i++) {
                got[i] = r.loadings().getDouble((long) i * n + pos);
            }
            assertArrayEquals(brute, got, 1e-5, "position " + pos);
        }
    }

    static double[] bruteForce(double[] w, int k, int p, double[] s) {
        double best = Double.POSITIVE_INFINITY;
        double[] arg = null;
        for (int mask = 1; mask < 1 << k; mask++) {
            List<Integer> f = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                if ((mask & 1 << i) != 0) {
                    f.add(i);
                }
            }
            int m = f.size();
            // KKT system [G 1; 1' 0] [a; -mu] = [b; 1]
            double[][] a = new double[m + 1][m + 2];
            for (int r = 0; r < m; r++) {
                for (int c = 0; c < m; c++) {
                    double g = 0;
                    for (int j = 0; j < p; j++) {
                        g += w[f.get(r) * p + j] * w[f.get(c) * p + j];
                    }
                    a[r][c] = g;
                }
                a[r][m] = 1;
                a[m][r] = 1;
                double b = 0;
                for (int j = 0; j < p; j++) {
                    b += w[f.get(r) * p + j] * s[j];
                }
                a[r][m + 1] = b;
            }
            a[m][m + 1] = 1;
            double[] sol = gauss(a, m + 1);
            double[] full = new double[k];
            boolean ok = true;
            for (int r = 0; r < m; r++) {
                full[f.get(r)] = sol[r];
                ok &= sol[r] >= -1e-12;
            }
            if (!ok) {
                continue;
            }
            double ss = 0;
            for (int j = 0; j < p; j++) {
                double res = s[j];
                for (int i = 0; i < k; i++) {
                    res -= full[i] * w[i * p + j];
                }
                ss += res * res;
            }
            if (ss < best) {
                best = ss;
                arg = full;
            }
        }
        return arg;
    }

    static double[] gauss(double[][] a, int m) {
        for (int c = 0; c < m; c++) {
            int piv = c;
            for (int r = c + 1; r < m; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            double[] t = a[c];
            a[c] = a[piv];
            a[piv] = t;
            for (int r = 0; r < m; r++) {
                if (r != c) {
                    double f = a[r][c] / a[c][c];
                    for (int q = c; q <= m; q++) {
                        a[r][q] -= f * a[c][q];
                    }
                }
            }
        }
        double[] x = new double[m];
        for (int r = 0; r < m; r++) {
            x[r] = a[r][m] / a[r][r];
        }
        return x;
    }

    @Test
    void cancellationStops() {
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
        for (Decomposer dec : List.of(new NfindrDecomposer(), new VcaDecomposer())) {
            assertThrows(java.util.concurrent.CancellationException.class,
                    () -> dec.decompose(data, Parameters.of(dec.parameters(), Map.of("components", 3)), cancelled));
        }
        FclsUnmixer f = new FclsUnmixer();
        assertThrows(java.util.concurrent.CancellationException.class,
                () -> f.unmix(data, truthEnds, Parameters.of(f.parameters(), Map.of()), cancelled));
    }

    // ---- bad input, through FCLS and the decomposers

    @Test
    void endmembersOnAnotherAxisAreRefusedNamingBoth() {
        Axis other = new Axis("Energy loss", P, 0.5, 410, "eV", false);
        Dataset ends = truthEnds.withAxes(List.of(Axis.uncalibrated("component", K, true), other));
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> unmix(new FclsUnmixer(), data, ends, Map.of()));
        assertTrue(ex.getMessage().contains("from 410 eV") && ex.getMessage().contains("from 400 eV"), ex.getMessage());
    }

    @Test
    void rankDeficientEndmembersAreRefused() {
        double[] w = new double[K * P];
        for (int j = 0; j < P; j++) {
            w[j] = truthW[0][j];
            w[P + j] = truthW[1][j];
            w[2 * P + j] = 0.3 * truthW[0][j] + 0.7 * truthW[1][j];
        }
        Dataset ends = Dataset.ofDoubles(w, List.of(Axis.uncalibrated("component", K, true), ENERGY), new Metadata());
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> unmix(new FclsUnmixer(), data, ends, Map.of()));
        assertTrue(ex.getMessage().contains("rank deficient"), ex.getMessage());
    }

    @Test
    void moreEndmembersThanChannelsAreRefused() {
        Axis e = new Axis("E", 4, 1, 0, "eV", false);
        Dataset d = Dataset.ofFloats(new float[10 * 4], List.of(Axis.uncalibrated("x", 10, true), e), new Metadata());
        Dataset ends = Dataset.ofDoubles(new double[5 * 4], List.of(Axis.uncalibrated("component", 5, true), e), new Metadata());
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> unmix(new FclsUnmixer(), d, ends, Map.of()));
        assertTrue(ex.getMessage().contains("5 endmembers for 4 channels"), ex.getMessage());
    }

    @Test
    void nonFiniteAndNegativeDataAreRefused() {
        float[] x = data.toFloatArray();
        x[123 * P + 45] = Float.NaN;
        Dataset nan = Dataset.ofFloats(x, data.axes(), new Metadata());
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> unmix(new FclsUnmixer(), nan, truthEnds, Map.of()));
        assertTrue(ex.getMessage().contains("position 123") && ex.getMessage().contains("NaN"), ex.getMessage());
        for (Decomposer dec : List.of(new NfindrDecomposer(), new VcaDecomposer())) {
            ex = assertThrows(IllegalArgumentException.class,
                    () -> dec.decompose(nan, Parameters.of(dec.parameters(), Map.of("components", 3)), ProgressMonitor.NULL));
            assertTrue(ex.getMessage().contains("position 123") && ex.getMessage().contains("NaN"), ex.getMessage());
        }
        float[] neg = data.toFloatArray();
        neg[7 * P + 3] = -2;
        Dataset negative = Dataset.ofFloats(neg, data.axes(), new Metadata());
        ex = assertThrows(IllegalArgumentException.class, () -> unmix(new FclsUnmixer(), negative, truthEnds, Map.of("poissonVariance", true)));
        assertTrue(ex.getMessage().contains("negative") && ex.getMessage().contains("position 7"), ex.getMessage());
        // without the Poisson variance negative values are fine
        unmix(new FclsUnmixer(), negative, truthEnds, Map.of());
    }

    @Test
    void badComponentsAreRefused() {
        for (Decomposer dec : List.of(new NfindrDecomposer(), new VcaDecomposer())) {
            assertThrows(IllegalArgumentException.class, () -> decompose(dec, Map.of("components", 1)));
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> decompose(dec, Map.of()));
            assertTrue(ex.getMessage().contains("components"), ex.getMessage());
            Dataset small = Dataset.ofFloats(new float[6 * P], List.of(Axis.uncalibrated("x", 6, true), ENERGY), new Metadata());
            ex = assertThrows(IllegalArgumentException.class,
                    () -> dec.decompose(small, Parameters.of(dec.parameters(), Map.of("components", 7)), ProgressMonitor.NULL));
            assertTrue(ex.getMessage().contains("min(n, p) = 6"), ex.getMessage());
            // 3 endmembers of data that span one dimension about their mean (two distinct spectra)
            float[] two = new float[6 * P];
            for (int r = 0; r < 6; r++) {
                for (int j = 0; j < P; j++) {
                    two[r * P + j] = (float) truthW[r % 2][j];
                }
            }
            Dataset line = Dataset.ofFloats(two, List.of(Axis.uncalibrated("x", 6, true), ENERGY), new Metadata());
            ex = assertThrows(IllegalArgumentException.class,
                    () -> dec.decompose(line, Parameters.of(dec.parameters(), Map.of("components", 3)), ProgressMonitor.NULL));
            assertTrue(ex.getMessage().contains("span only"), dec + ": " + ex.getMessage());
        }
    }
}
