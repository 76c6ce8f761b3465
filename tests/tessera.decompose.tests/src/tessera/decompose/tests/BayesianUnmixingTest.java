package tessera.decompose.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.function.DoubleUnaryOperator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.decompose.internal.BayesianUnmixer;

/**
 * Bayesian unmixing (Dobigeon et al. 2008/2009) against known truth: a simulated EELS-like spectrum image with Poisson
 * noise and the true endmembers, and exact posteriors of small cases computed here by quadrature.
 */
class BayesianUnmixingTest {
    static final BayesianUnmixer BAYES = new BayesianUnmixer();
    static final int NY = 64, NX = 64, P = 500, K = 3;
    /** phantom: true abundances [K][NY*NX], endmembers [K][P] (expected counts), noisy data */
    static double[][] truth;
    static double[][] spectra;
    static Dataset data;
    static Dataset endmembers;

    // ---- independent phantom generator ----

    static double gauss(double e, double centre, double sigma) {
        double z = (e - centre) / sigma;
        return Math.exp(-0.5 * z * z);
    }

    /**
     * Three EELS-like endmembers on 400..899 eV (1 eV channels): a common power-law background 60 (E/400 eV)^-3
     * counts plus element peaks of 150..400 counts.
     */
    static double[][] endmemberSpectra() {
        double[][] w = new double[K][P];
        for (int j = 0; j < P; j++) {
            double e = 400 + j;
            double bg = 60 * Math.pow(e / 400, -3);
            w[0][j] = bg + 400 * gauss(e, 480, 12) + 150 * gauss(e, 700, 15);
            w[1][j] = bg + 400 * gauss(e, 560, 12);
            w[2][j] = bg + 300 * gauss(e, 640, 15) + 200 * gauss(e, 820, 12);
        }
        return w;
    }

    /**
     * Abundances on the simplex: rows 0..7 pure endmembers (x thirds), below a bilinear mixture a0 = (1-u)(1-v),
     * a1 = u(1-v), a2 = v with u = x/(nx-1), v = (y-8)/(ny-9), which reaches every edge and corner of the simplex.
     */
    static double[][] abundances(int ny, int nx) {
        double[][] a = new double[K][ny * nx];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                int i = y * nx + x;
                if (y < 8) {
                    a[x * 3 / nx][i] = 1;
                } else {
                    double u = x / (nx - 1.0);
                    double v = (y - 8) / (ny - 9.0);
                    a[0][i] = (1 - u) * (1 - v);
                    a[1][i] = u * (1 - v);
                    a[2][i] = v;
                }
            }
        }
        return a;
    }

    /** Poisson draw: multiplication method below 10, Hörmann's PTRS (Insur. Math. Econ. 12 (1993) 39) above */
    static int poisson(SplittableRandom r, double lam) {
        if (lam < 10) {
            double l = Math.exp(-lam);
            int k = 0;
            double prod = r.nextDouble();
            while (prod > l) {
                k++;
                prod *= r.nextDouble();
            }
            return k;
        }
        double slam = Math.sqrt(lam);
        double loglam = Math.log(lam);
        double b = 0.931 + 2.53 * slam;
        double a = -0.059 + 0.02483 * b;
        double invalpha = 1.1239 + 1.1328 / (b - 3.4);
        double vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = r.nextDouble() - 0.5;
            double v = r.nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + lam + 0.43);
            if (us >= 0.07 && v <= vr) {
                return (int) k;
            }
            if (k < 0 || us < 0.013 && v > us) {
                continue;
            }
            if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lam + k * loglam - logFactorial(k)) {
                return (int) k;
            }
        }
    }

    static double logFactorial(long k) {
        if (k < 10) {
            double s = 0;
            for (int i = 2; i <= k; i++) {
                s += Math.log(i);
            }
            return s;
        }
        double x = k;
        return x * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI * x) + 1 / (12 * x) - 1 / (360 * x * x * x) + 1 / (1260 * x * x * x * x * x);
    }

    static Dataset cube(double[][] a, double[][] w, int ny, int nx, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = ny * nx;
        float[] v = new float[n * P];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < P; j++) {
                double m = 0;
                for (int c = 0; c < K; c++) {
                    m += a[c][i] * w[c][j];
                }
                v[i * P + j] = poisson(r, m);
            }
        }
        return Dataset.ofFloats(v, List.of(new Axis("y", ny, 1, 0, "nm", true), new Axis("x", nx, 1, 0, "nm", true), energy(P)), new Metadata());
    }

    static Axis energy(int p) {
        return new Axis("Energy loss", p, 1.0, 400, "eV", false);
    }

    static Dataset endmemberDataset(double[][] w) {
        double[] flat = new double[K * P];
        for (int c = 0; c < K; c++) {
            System.arraycopy(w[c], 0, flat, c * P, P);
        }
        return Dataset.ofDoubles(flat, List.of(Axis.uncalibrated("component", K, true), energy(P)), new Metadata());
    }

    @BeforeAll
    static void phantom() {
        spectra = endmemberSpectra();
        truth = abundances(NY, NX);
        data = cube(truth, spectra, NY, NX, 20090706L);
        endmembers = endmemberDataset(spectra);
    }

    static DecompositionResult run(Dataset d, Map<String, ?> raw) {
        return BAYES.unmix(d, endmembers, Parameters.of(BAYES.parameters(), raw), ProgressMonitor.NULL);
    }

    static double[] values(Dataset d) {
        double[] v = new double[(int) d.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = d.getDouble(i);
        }
        return v;
    }

    // ---- phantom with the true endmembers ----

    /**
     * With the true endmembers: posterior-mean RMSE < 0.02; the 95 % HPD interval covers the truth for ≥ 90 % of all
     * pixel-components, pure pixels included, and for ≥ 90 % of those strictly inside (0, 1); where the truth is on the
     * simplex boundary (0 or 1) the interval reaches to within 0.01 of it for ≥ 95 %; abundances ≥ 0 summing to 1;
     * std &gt; 0 and low ≤ mean ≤ high.
     */
    @Test
    void trueEndmembersRecoverTheAbundancesWithCalibratedIntervals() {
        long t0 = System.nanoTime();
        DecompositionResult r = run(data, Map.of(BayesianUnmixer.POISSON_VARIANCE, true));
        double secs = (System.nanoTime() - t0) * 1e-9;
        assertEquals(List.of(K, NY, NX), r.loadings().axes().stream().map(Axis::size).toList());
        double[] mean = values(r.loadings());
        double[] sd = values(r.auxiliary(DecompositionResult.LOADINGS_STD));
        double[] lo = values(r.auxiliary(DecompositionResult.LOADINGS_LOW));
        double[] hi = values(r.auxiliary(DecompositionResult.LOADINGS_HIGH));
        int n = NY * NX;
        double se = 0, seInner = 0, varInner = 0;
        int inner = 0, covered = 0, boundary = 0, reaches = 0, coveredAll = 0;
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int c = 0; c < K; c++) {
                int q = c * n + i;
                double t = truth[c][i];
                assertTrue(mean[q] >= 0 && lo[q] >= 0 && hi[q] <= 1 + 1e-6, "range at " + q);
                assertTrue(lo[q] <= mean[q] && mean[q] <= hi[q] && sd[q] > 0, "interval at " + q);
                sum += mean[q];
                se += (mean[q] - t) * (mean[q] - t);
                boolean in = lo[q] <= t && t <= hi[q];
                coveredAll += in ? 1 : 0;
                if (t > 0 && t < 1) {
                    inner++;
                    covered += in ? 1 : 0;
                    seInner += (mean[q] - t) * (mean[q] - t);
                    varInner += sd[q] * sd[q];
                } else {
                    boundary++;
                    reaches += (t == 0 ? lo[q] <= 0.01 : hi[q] >= 0.99) ? 1 : 0;
                }
            }
            assertEquals(1, sum, 1e-6, "sum to one (float32 maps) at " + i);
        }
        double rmse = Math.sqrt(se / (n * K));
        double coverage = covered / (double) inner;
        double reach = reaches / (double) boundary;
        double calibration = Math.sqrt(seInner / varInner);
        System.out.printf("bayes phantom %dx%dx%d: %.2f s, RMSE %.5f, coverage inner %.4f (%d), all %.4f, boundary reach %.4f (%d), mean std %.5f,"
                + " inner RMSE / RMS std %.3f%n", NY, NX, P, secs, rmse, coverage, inner, coveredAll / (double) (n * K), reach, boundary,
                java.util.Arrays.stream(sd).average().orElse(0), calibration);
        assertTrue(rmse < 0.02, "RMSE " + rmse);
        // the posterior std is the actual error: inside the simplex the RMS error of the mean matches the RMS posterior std
        assertEquals(1, calibration, 0.2, "inner RMSE / RMS posterior std");
        assertTrue(coverage >= 0.90, "coverage " + coverage);
        assertTrue(reach >= 0.95, "boundary reach " + reach);
        // the criterion over every pixel-component, pure pixels included (the HPD interval reaches the simplex edge)
        assertTrue(coveredAll / (double) (n * K) >= 0.90, "coverage of all pixel-components " + coveredAll / (double) (n * K));
        // Poisson-weighted residuals: the reduced chi-square of the posterior mean averages about 1
        double chi = java.util.Arrays.stream(values(r.auxiliary(DecompositionResult.CHI_SQUARE))).average().orElse(0);
        assertEquals(1, chi, 0.05, "mean reduced chi-square");
    }

    /**
     * The papers' white-noise model on the same Poisson phantom: still accurate, but one variance for all channels
     * misstates the uncertainty where the peaks carry more counts than the background (the coverage is printed).
     */
    @Test
    void whiteNoiseModelIsAccurateToo() {
        DecompositionResult r = run(data, Map.of());
        double[] mean = values(r.loadings());
        double[] lo = values(r.auxiliary(DecompositionResult.LOADINGS_LOW));
        double[] hi = values(r.auxiliary(DecompositionResult.LOADINGS_HIGH));
        int n = NY * NX;
        double se = 0;
        int inner = 0, covered = 0;
        for (int q = 0; q < mean.length; q++) {
            double t = truth[q / n][q % n];
            se += (mean[q] - t) * (mean[q] - t);
            if (t > 0 && t < 1) {
                inner++;
                covered += lo[q] <= t && t <= hi[q] ? 1 : 0;
            }
        }
        double rmse = Math.sqrt(se / mean.length);
        System.out.printf("bayes phantom, white noise model: RMSE %.5f, coverage inner %.4f%n", rmse, covered / (double) inner);
        assertTrue(rmse < 0.02, "RMSE " + rmse);
    }

    /** Sub-image of the phantom (rows y0.., all columns) for the cheaper seed tests. */
    static Dataset rows(int y0, int ny) {
        float[] v = new float[ny * NX * P];
        data.readSpectra((long) y0 * NX, ny * NX, v, 0);
        return Dataset.ofFloats(v, List.of(new Axis("y", ny, 1, 0, "nm", true), new Axis("x", NX, 1, 0, "nm", true), energy(P)), new Metadata());
    }

    static List<double[]> maps(DecompositionResult r) {
        List<double[]> l = new ArrayList<>();
        l.add(values(r.loadings()));
        l.add(values(r.auxiliary(DecompositionResult.LOADINGS_STD)));
        l.add(values(r.auxiliary(DecompositionResult.LOADINGS_LOW)));
        l.add(values(r.auxiliary(DecompositionResult.LOADINGS_HIGH)));
        return l;
    }

    /** Same seed: bit-identical maps, also on one thread instead of the common pool; another seed: other draws, same statistics. */
    @Test
    void seedDeterminesTheMapsIndependentlyOfThreads() throws Exception {
        Dataset d = rows(6, 20); // pure rows and mixtures
        Map<String, Object> p7 = Map.of(BayesianUnmixer.SEED, 7L, BayesianUnmixer.POISSON_VARIANCE, true);
        List<double[]> a = maps(run(d, p7));
        ForkJoinPool one = new ForkJoinPool(1);
        List<double[]> b;
        try {
            b = maps(one.submit(() -> run(d, p7)).get());
        } finally {
            one.shutdown();
        }
        for (int m = 0; m < a.size(); m++) {
            assertArrayEquals(a.get(m), b.get(m), 0.0, "map " + m + " with the same seed");
        }
        List<double[]> c = maps(run(d, Map.of(BayesianUnmixer.SEED, 8L, BayesianUnmixer.POISSON_VARIANCE, true)));
        double[] m7 = a.get(0), m8 = c.get(0), sd = a.get(1);
        int n = 20 * NX;
        double z2 = 0, se7 = 0, se8 = 0;
        int differ = 0;
        for (int q = 0; q < m7.length; q++) {
            differ += m7[q] != m8[q] ? 1 : 0;
            double t = truth[q / n][6 * NX + q % n];
            se7 += (m7[q] - t) * (m7[q] - t);
            se8 += (m8[q] - t) * (m8[q] - t);
            z2 += (m7[q] - m8[q]) * (m7[q] - m8[q]) / (sd[q] * sd[q]);
        }
        z2 /= m7.length;
        double rmse7 = Math.sqrt(se7 / m7.length), rmse8 = Math.sqrt(se8 / m7.length);
        System.out.printf("bayes seeds 7/8: %d of %d means differ, mean ((m7-m8)/sd)^2 = %.4f, RMSE %.5f / %.5f%n", differ, m7.length, z2, rmse7, rmse8);
        assertTrue(differ > 0.9 * m7.length, differ + " of " + m7.length + " means differ");
        // Monte-Carlo error of a posterior mean over 400 correlated draws: var(m7 - m8) = 2 sd^2 tau / 400
        assertTrue(z2 < 0.05, "seeds agree within Monte-Carlo error: " + z2);
        assertEquals(rmse7, rmse8, 0.05 * rmse7, "same RMSE");
    }

    // ---- exact small cases ----

    /** Simpson's rule for ∫ f on [a, b], n even */
    static double simpson(DoubleUnaryOperator f, double a, double b, int n) {
        double h = (b - a) / n;
        double s = f.applyAsDouble(a) + f.applyAsDouble(b);
        for (int i = 1; i < n; i++) {
            s += (i % 2 == 1 ? 4 : 2) * f.applyAsDouble(a + i * h);
        }
        return s * h / 3;
    }

    /** @return {mean, sd} of the density proportional to f on [a, b] */
    static double[] moments(DoubleUnaryOperator f, double a, double b) {
        int n = 400_000;
        double z = simpson(f, a, b, n);
        double m = simpson(x -> x * f.applyAsDouble(x), a, b, n) / z;
        double v = simpson(x -> (x - m) * (x - m) * f.applyAsDouble(x), a, b, n) / z;
        return new double[] {m, Math.sqrt(v)};
    }

    static double[] sampleMoments(double[] x) {
        double m = 0;
        for (double v : x) {
            m += v;
        }
        m /= x.length;
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return new double[] {m, Math.sqrt(s / (x.length - 1))};
    }

    /**
     * k = 2 and a known σ²: the posterior of a_0 is the Gaussian of mean x* and variance σ²/c (c = G00 − 2 G01 + G11)
     * truncated to [0, 1]; its mean and sd by quadrature against 200 000 Gibbs draws (independent here, since the
     * single conditional is the whole posterior), for a mode inside, at the boundary and far outside.
     */
    @Test
    void knownNoiseTwoEndmembersMatchTheTruncatedGaussian() {
        double[][] g = {{5.0, 1.5}, {1.5, 2.0}};
        double c = g[0][0] - 2 * g[0][1] + g[1][1];
        double[][] cases = {{0.4, 0.2, 0.3}, {0.02, 0.1, 0.1}, {-0.3, 0.1, 0.5}, {1.3, 0.05, 0.5}, {0.5, 0.01, 2}};
        // SciPy 1.10.1 scipy.stats.truncnorm.stats(-x*/sd, (1-x*)/sd, loc=x*, scale=sd), benchmarks/peers/bayes_truncnorm_reference.py
        double[][] scipy = {{0.410156598, 0.186884846}, {0.087507318, 0.063973554}, {0.028309865, 0.026562979}, {0.992075870, 0.007743971},
                {0.5, 0.01}};
        for (int ci = 0; ci < cases.length; ci++) {
            double[] cs = cases[ci];
            double xs = cs[0], sdx = cs[1];
            double sigma2 = sdx * sdx * c;
            // any aHat on the line a0 + a1 = 1 + cs[2] (off the simplex plane) has the same conditional along the plane:
            // the minimiser of (a - aHat)' G (a - aHat) on a1 = 1 - a0 is then x*; choose aHat so that it is
            double off = cs[2];
            // a - aHat = (x - h0, 1 - x - h1); d/dx = 0 at x*: G00 (x - h0) - G01 (x - h0) + G01 (1 - x - h1) ... solve h0 given h1
            double h1 = 1 + off - xs; // pick h1, then h0 from the stationarity condition
            double h0 = xs + ((g[0][1] - g[1][1]) * (1 - xs - h1)) / (g[0][0] - g[0][1]);
            double[] draws = column(BayesianUnmixer.posteriorSamples(g, new double[] {h0, h1}, 3.0, 50, sigma2, 0, 200_000, new SplittableRandom(11)), 0);
            double[] exact = moments(x -> Math.exp(-0.5 * (x - xs) * (x - xs) / (sdx * sdx)), 0, 1);
            assertArrayEquals(scipy[ci], exact, 2e-9, "quadrature reference vs SciPy truncnorm");
            double[] mc = sampleMoments(draws);
            double se = exact[1] / Math.sqrt(draws.length);
            System.out.printf("bayes k=2 known sigma: x*=%.3f sd=%.3f exact %.6f/%.6f sampled %.6f/%.6f%n", xs, sdx, exact[0], exact[1], mc[0], mc[1]);
            assertEquals(exact[0], mc[0], 5 * se, "posterior mean, x*=" + xs);
            assertEquals(exact[1], mc[1], 5 * se, "posterior sd, x*=" + xs);
        }
    }

    /**
     * k = 2 with σ² sampled under the Jeffreys prior: σ² integrated out, the posterior of a_0 is proportional to
     * (r_min + c (x − x*)²)^(−p/2) on [0, 1] (a truncated Student t); against 400 000 Gibbs draws (correlated:
     * tolerance for an integrated autocorrelation time up to 10).
     */
    @Test
    void jeffreysNoiseTwoEndmembersMatchTheTruncatedStudent() {
        double[][] g = {{4.0, 1.0}, {1.0, 3.0}};
        double c = g[0][0] - 2 * g[0][1] + g[1][1];
        int p = 6;
        double rmin = 0.2;
        double xs = 0.1;
        double h0 = xs, h1 = 1 - xs; // aHat on the simplex plane: x* = aHat_0
        double[] draws = column(BayesianUnmixer.posteriorSamples(g, new double[] {h0, h1}, rmin, p, Double.NaN, 100, 400_000, new SplittableRandom(5)), 0);
        double[] exact = moments(x -> Math.pow(rmin + c * (x - xs) * (x - xs), -0.5 * p), 0, 1);
        // SciPy 1.10.1: Student t (df p-1, scale sqrt(rmin/(c (p-1)))) truncated to [0, 1], moments by quad
        // (benchmarks/peers/bayes_truncnorm_reference.py)
        assertArrayEquals(new double[] {0.132119935, 0.088714608}, exact, 2e-9, "quadrature reference vs SciPy");
        double[] mc = sampleMoments(draws);
        double se = exact[1] * Math.sqrt(10.0 / draws.length);
        System.out.printf("bayes k=2 Jeffreys: exact %.6f/%.6f sampled %.6f/%.6f%n", exact[0], exact[1], mc[0], mc[1]);
        assertEquals(exact[0], mc[0], 5 * se, "posterior mean");
        assertEquals(exact[1], mc[1], 5 * se, "posterior sd");
    }

    /**
     * k = 3, known σ², the posterior pressed against the edge a_2 = 0 of the simplex (where a sampler that always
     * makes a_2 the dependent component moves along the edge only in steps of the size of a_2: its 400-draw sd came
     * out 18 % low here): exact posterior means and sds of the three abundances by quadrature over the triangle,
     * against one long chain and against the average sd of 200 chains of the default length (burn-in 100, 400 kept),
     * which must not underestimate the spread by more than 5 %.
     */
    @Test
    void threeEndmembersNearAnEdgeMixWell() {
        double[][] g = {{4, 1, 0.5}, {1, 3, 0.8}, {0.5, 0.8, 2}};
        double[] h = {0.6, 0.7, -1.0};
        double sigma2 = 0.01;
        int m = 1500;
        double dx = 1.0 / m;
        double z = 0;
        double[] s1 = new double[3], s2 = new double[3];
        for (int i = 0; i < m; i++) {
            for (int j = 0; i + j < m; j++) {
                // midpoints of the cells of the triangle (cells cut by the hypotenuse: half weight on the diagonal)
                double a0 = (i + 0.5) * dx, a1 = (j + 0.5) * dx;
                double wgt = i + j == m - 1 ? 0.5 : 1;
                double[] a = {a0, a1, 1 - a0 - a1};
                double q = 0;
                for (int u = 0; u < 3; u++) {
                    for (int v = 0; v < 3; v++) {
                        q += (a[u] - h[u]) * g[u][v] * (a[v] - h[v]);
                    }
                }
                double f = wgt * Math.exp(-0.5 * q / sigma2);
                z += f;
                for (int u = 0; u < 3; u++) {
                    s1[u] += f * a[u];
                    s2[u] += f * a[u] * a[u];
                }
            }
        }
        double[] mean = new double[3], sd = new double[3];
        for (int u = 0; u < 3; u++) {
            mean[u] = s1[u] / z;
            sd[u] = Math.sqrt(s2[u] / z - mean[u] * mean[u]);
        }
        double[][] longChain = BayesianUnmixer.posteriorSamples(g, h, 1, 50, sigma2, 100, 200_000, new SplittableRandom(21));
        double[] shortSd = new double[3];
        for (int c = 0; c < 200; c++) {
            double[][] ch = BayesianUnmixer.posteriorSamples(g, h, 1, 50, sigma2, 100, 400, new SplittableRandom(1000 + c));
            for (int u = 0; u < 3; u++) {
                shortSd[u] += sampleMoments(columnOf(ch, u))[1] / 200;
            }
        }
        for (int u = 0; u < 3; u++) {
            double[] mc = sampleMoments(columnOf(longChain, u));
            System.out.printf("bayes k=3 edge: a_%d exact %.5f/%.5f long chain %.5f/%.5f mean sd of short chains %.5f%n", u, mean[u], sd[u], mc[0], mc[1],
                    shortSd[u]);
            double se = sd[u] * Math.sqrt(20.0 / longChain.length);
            assertEquals(mean[u], mc[0], 5 * se + 1e-4, "posterior mean a_" + u);
            assertEquals(sd[u], mc[1], 5 * se + 1e-4, "posterior sd a_" + u);
            assertEquals(sd[u], shortSd[u], 0.05 * sd[u], "short chains explore the posterior, a_" + u);
        }
    }

    static double[] columnOf(double[][] s, int i) {
        double[] c = new double[s.length];
        for (int t = 0; t < s.length; t++) {
            c[t] = s[t][i];
        }
        return c;
    }

    static double[] column(double[][] s, int i) {
        double[] c = new double[s.length];
        for (int t = 0; t < s.length; t++) {
            c[t] = s[t][i];
            assertEquals(1, s[t][0] + s[t][1], 1e-9, "draw on the simplex");
            assertTrue(s[t][0] >= 0 && s[t][1] >= 0, "draw non-negative");
        }
        return c;
    }

    /**
     * The univariate truncated Gaussian sampler in the centre, far in both tails and on very narrow intervals:
     * every draw in bounds, mean and sd as by quadrature (computed in the exponent shifted to the bound nearest 0,
     * so that the far tails do not underflow).
     */
    @Test
    void truncatedGaussianIsExactInTheTails() {
        double[][] cases = {{-1, 1}, {-5, 20}, {0.5, 4}, {8, 9}, {-30, -29.5}, {12, 200}, {0.1, 0.1001}, {40, 40.05}, {-3, 0.01}, {2.4, 2.6}};
        SplittableRandom r = new SplittableRandom(3);
        int n = 100_000;
        for (double[] cs : cases) {
            double lo = cs[0], hi = cs[1];
            double z0 = lo > 0 ? lo : hi < 0 ? hi : 0;
            double top = Math.min(hi, Math.max(lo, z0) + 60);
            double bottom = Math.max(lo, Math.min(hi, z0) - 60);
            // mean 2, sd 0.5: draw x, standardise back
            double[] z = new double[n];
            for (int t = 0; t < n; t++) {
                double x = BayesianUnmixer.truncatedGaussian(r, 2, 0.5, 2 + 0.5 * lo, 2 + 0.5 * hi);
                assertTrue(x >= 2 + 0.5 * lo && x <= 2 + 0.5 * hi, "in bounds");
                z[t] = (x - 2) / 0.5;
            }
            double[] exact = moments(v -> Math.exp(-0.5 * (v - z0) * (v + z0)), bottom, top);
            double[] mc = sampleMoments(z);
            double se = exact[1] / Math.sqrt(n);
            assertEquals(exact[0], mc[0], 5 * se + 1e-9, "mean on [" + lo + ", " + hi + "]");
            assertEquals(exact[1], mc[1], 5 * se + 1e-9, "sd on [" + lo + ", " + hi + "]");
        }
        assertEquals(1.5, BayesianUnmixer.truncatedGaussian(r, 0, 1, 1.5, 1.5));
        double far = BayesianUnmixer.truncatedGaussian(r, 0, 1e-200, 1, 2);
        assertEquals(1.0, far, "far tail: the lower bound to double precision");
    }

    // ---- validation ----

    @Test
    void badParametersAndInputsAreRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Parameters.of(BAYES.parameters(), Map.of(BayesianUnmixer.BURN_IN, -1)));
        assertTrue(e.getMessage().contains("burnIn"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Parameters.of(BAYES.parameters(), Map.of(BayesianUnmixer.SAMPLES, 5)));
        assertTrue(e.getMessage().contains("samples"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Parameters.of(BAYES.parameters(), Map.of(BayesianUnmixer.SEED, "x")));
        assertTrue(e.getMessage().contains("seed"), e.getMessage());
        double[][] g = {{2, 0}, {0, 2}};
        e = assertThrows(IllegalArgumentException.class,
                () -> BayesianUnmixer.posteriorSamples(g, new double[] {0.5, 0.5}, 1, 10, -1, 10, 100, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("sigma2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BayesianUnmixer.posteriorSamples(g, new double[] {0.5, 0.5}, 1, 10, Double.NaN, 10, 9, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("samples"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BayesianUnmixer.posteriorSamples(g, new double[] {0.5, 0.5}, 1, 10, Double.NaN, -2, 100, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("burnIn"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BayesianUnmixer.truncatedGaussian(new SplittableRandom(1), 0, 0, -1, 1));
        assertTrue(e.getMessage().contains("sd"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BayesianUnmixer.truncatedGaussian(new SplittableRandom(1), 0, 1, 1, -1));
        assertTrue(e.getMessage().contains("lo <= hi"), e.getMessage());
        // endmembers on another energy axis
        double[] flat = new double[K * P];
        Dataset shifted = Dataset.ofDoubles(flat, List.of(Axis.uncalibrated("component", K, true), new Axis("Energy loss", P, 1.0, 401, "eV", false)),
                new Metadata());
        e = assertThrows(IllegalArgumentException.class,
                () -> BAYES.unmix(data, shifted, Parameters.of(BAYES.parameters(), Map.of()), ProgressMonitor.NULL));
        assertTrue(e.getMessage().contains("signal axis") || e.getMessage().contains("axis"), e.getMessage());
        // negative data with the Poisson variance
        float[] neg = new float[2 * P];
        neg[3] = -1;
        Dataset nd = Dataset.ofFloats(neg, List.of(new Axis("x", 2, 1, 0, "nm", true), energy(P)), new Metadata());
        e = assertThrows(IllegalArgumentException.class,
                () -> BAYES.unmix(nd, endmembers, Parameters.of(BAYES.parameters(), Map.of(BayesianUnmixer.POISSON_VARIANCE, true)), ProgressMonitor.NULL));
        assertTrue(e.getMessage().contains("negative"), e.getMessage());
    }

    /** One endmember: the simplex is a point, abundance 1 with zero width. */
    @Test
    void singleEndmemberIsOne() {
        double[] w = spectra[0];
        Dataset one = Dataset.ofDoubles(w.clone(), List.of(Axis.uncalibrated("component", 1, true), energy(P)), new Metadata());
        DecompositionResult r = BAYES.unmix(rows(0, 1), one, Parameters.of(BAYES.parameters(), Map.of()), ProgressMonitor.NULL);
        for (double v : values(r.loadings())) {
            assertEquals(1.0, v);
        }
        for (double v : values(r.auxiliary(DecompositionResult.LOADINGS_STD))) {
            assertEquals(0.0, v);
        }
        assertFalse(values(r.auxiliary(DecompositionResult.LOADINGS_LOW)).length == 0);
    }
}
