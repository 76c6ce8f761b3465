package tessera.decompose.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.analysis.SourceSeparator;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.decompose.internal.FastIcaSeparator;
import tessera.decompose.internal.OrthomaxSeparator;
import tessera.decompose.internal.PcaDecomposer;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Blind source separation against HyperSpy 1.7.3's {@code blind_source_separation} with scikit-learn 1.2.1's
 * {@code FastICA} and HyperSpy's {@code orthomax}: reference values from {@code benchmarks/peers/bss_sklearn.py}
 * (in {@code resources/bss_expected.json}) on decompositions written by the same formulas here; and on the real
 * FePt core-shell EDX spectrum image against element line maps.
 */
class BssTest {
    static final FastIcaSeparator ICA = new FastIcaSeparator();
    static final OrthomaxSeparator ORTHO = new OrthomaxSeparator();
    static final int P = 400, NY = 20, NX = 25, K = 5, M_IID = 10000;
    static Map<String, Map<String, Map<String, Object>>> expected;

    @BeforeAll
    static void load() throws IOException {
        expected = JsonMapper.builder().build().readValue(CoreShell.root().resolve("tests/tessera.decompose.tests/resources/bss_expected.json").toFile(),
                new TypeReference<Map<String, Map<String, Map<String, Object>>>>() {
                });
    }

    // ---- the synthetic decompositions of bss_sklearn.py

    static double gauss(double t, double mu, double s) {
        double a = (t - mu) / s;
        return Math.exp(-0.5 * (a * a));
    }

    /** bss_sklearn.py's factors(): [K][P] */
    static double[][] factors() {
        double[][] s = new double[K][P];
        for (int t = 0; t < P; t++) {
            s[0][t] = gauss(t, 80, 6) + 0.6 * gauss(t, 250, 10);
            s[1][t] = gauss(t, 150, 5) + 0.8 * gauss(t, 320, 8);
            s[2][t] = Math.sin(2 * Math.PI * t / 57);
            s[3][t] = Math.tanh(5 * Math.sin(2 * Math.PI * t / 31.3));
            s[4][t] = 0.3 * Math.cos(0.001 * t * t);
        }
        double[][] f = mix(s);
        for (int i = 0; i < K; i++) {
            for (int t = 0; t < P; t++) {
                f[i][t] += 0.01 * Math.sin(0.37 * ((double) t * t) + i);
            }
        }
        return f;
    }

    /** (cos(1.3 i + 0.7 j) + 2 [i == j]) @ s */
    static double[][] mix(double[][] s) {
        int k = s.length;
        int m = s[0].length;
        double[][] f = new double[k][m];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double a = Math.cos(1.3 * i + 0.7 * j) + (i == j ? 2 : 0);
                for (int t = 0; t < m; t++) {
                    f[i][t] += a * s[j][t];
                }
            }
        }
        return f;
    }

    /** bss_sklearn.py's loadings(): [K][NY * NX] */
    static double[][] loadings() {
        double[][] l = new double[K][NY * NX];
        for (int i = 0; i < K; i++) {
            for (int q = 0; q < NY * NX; q++) {
                int yy = q / NX, xx = q % NX;
                double dx = xx - 5 - 4 * i, dy = yy - 4 - 3 * i;
                l[i][q] = Math.exp(-(dx * dx + dy * dy) / 30.0) + 0.1 * Math.cos(0.3 * q * (i + 1));
            }
        }
        return l;
    }

    static DecompositionResult synthetic() {
        List<Axis> fa = List.of(Axis.uncalibrated("component", K, true), new Axis("Energy", P, 0.01, 0.1, "keV", false));
        List<Axis> la = List.of(Axis.uncalibrated("component", K, true), new Axis("y", NY, 0.25, 0, "nm", false), new Axis("x", NX, 0.5, 0, "nm", false));
        return new DecompositionResult("test", Dataset.ofDoubles(flat(factors()), fa, new Metadata()), Dataset.ofDoubles(flat(loadings()), la, new Metadata()),
                new double[] {5, 2, 1, 0.5, 0.2, 0.1}, Parameters.of(List.of(), Map.of()));
    }

    /** bss_sklearn.py's iid_signal(): 4 mixtures of 4 independent sources, M_IID samples */
    static DecompositionResult iid() {
        double[] u = new double[5 * M_IID];
        long x = 12345;
        for (int i = 0; i < u.length; i++) {
            x = 6364136223846793005L * x + 1442695040888963407L;
            u[i] = (x >>> 11) * 0x1.0p-53;
        }
        double[][] s = new double[4][M_IID];
        for (int t = 0; t < M_IID; t++) {
            double c = u[M_IID + t] - 0.5;
            s[0][t] = 2 * u[t] - 1;
            s[1][t] = -Math.signum(c) * Math.log1p(-2 * Math.abs(c));
            s[2][t] = (u[2 * M_IID + t] < 0.5 ? -1.0 : 1.0) * (0.5 + u[3 * M_IID + t]);
            double v = 2 * u[4 * M_IID + t] - 1;
            s[3][t] = v * v * v;
        }
        double[][] l = new double[4][6];
        for (int q = 0; q < 6; q++) {
            for (int i = 0; i < 4; i++) {
                l[i][q] = 1 + Math.sqrt(4.0 * q + i);
            }
        }
        List<Axis> fa = List.of(Axis.uncalibrated("component", 4, true), Axis.uncalibrated("sample", M_IID, false));
        List<Axis> la = List.of(Axis.uncalibrated("component", 4, true), Axis.uncalibrated("y", 2, false), Axis.uncalibrated("x", 3, false));
        return new DecompositionResult("test", Dataset.ofDoubles(flat(mix(s)), fa, new Metadata()), Dataset.ofDoubles(flat(l), la, new Metadata()),
                new double[] {4, 3, 2, 1}, Parameters.of(List.of(), Map.of()));
    }

    /** bss_sklearn.py's w0(n), scikit-learn's w_init */
    static double[][] w0(int n) {
        double[][] w = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                w[i][j] = Math.cos(0.9 * i + 1.7 * j + 0.3) + (i == j ? 0.5 : 0);
            }
        }
        return w;
    }

    static double[] flat(double[][] a) {
        int m = a[0].length;
        double[] f = new double[a.length * m];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], 0, f, i * m, m);
        }
        return f;
    }

    static Parameters params(SourceSeparator s, Map<String, ?> raw) {
        return Parameters.of(s.parameters(), raw);
    }

    /** the BSS arguments of bss_sklearn.py's FIXED / RANDOM / ORTHO cases, in Tessera's names */
    static Map<String, Object> caseParams(String name) {
        Map<String, Object> m = new HashMap<>();
        switch (name) {
            case "logcosh_parallel_diff1" -> m.putAll(Map.of("components", 4, "tol", 1e-10));
            case "logcosh_deflation_diff0" -> m.putAll(Map.of("components", 4, "diffOrder", 0, "algorithm", "deflation", "tol", 1e-10));
            case "exp_parallel_zca_n3" -> m.putAll(Map.of("components", 3, "whitenMethod", "ZCA", "reverseComponentCriterion", "loadings", "fun", "exp", "tol", 1e-10));
            case "cube_parallel_diff2" -> m.putAll(Map.of("components", 4, "diffOrder", 2, "fun", "cube", "tol", 1e-10));
            case "logcosh_parallel_onloadings" -> m.putAll(Map.of("components", 4, "onLoadings", true, "tol", 1e-10));
            case "logcosh_alpha15_tol1e-4" -> m.putAll(Map.of("components", 4, "alpha", 1.5));
            case "logcosh_parallel" -> m.putAll(Map.of("components", 4, "diffOrder", 0, "tol", 1e-10));
            case "logcosh_deflation" -> m.putAll(Map.of("components", 4, "diffOrder", 0, "algorithm", "deflation", "tol", 1e-10));
            case "exp_parallel" -> m.putAll(Map.of("components", 4, "diffOrder", 0, "fun", "exp", "tol", 1e-10));
            case "cube_deflation" -> m.putAll(Map.of("components", 4, "diffOrder", 0, "fun", "cube", "algorithm", "deflation", "tol", 1e-10));
            case "varimax_diff1" -> m.putAll(Map.of("components", 4));
            case "gamma05_zca_onloadings_diff0" -> m.putAll(Map.of("components", 3, "gamma", 0.5, "whitenMethod", "ZCA", "onLoadings", true, "diffOrder", 0));
            default -> throw new IllegalArgumentException(name);
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    static double[][] matrix(Object o) {
        List<List<Number>> l = (List<List<Number>>) o;
        double[][] a = new double[l.size()][];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i).stream().mapToDouble(Number::doubleValue).toArray();
        }
        return a;
    }

    static double maxAbs(double[][] a) {
        double m = 0;
        for (double[] r : a) {
            for (double v : r) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }

    /** Checks unmixing matrix, factors and loadings (every 5th value) against HyperSpy's, same order and signs. */
    static void compare(String what, Map<String, Object> e, DecompositionResult r) {
        double[][] w = matrix(e.get("w"));
        int n = w.length;
        assertEquals(n, r.components(), what);
        assertNull(r.explainedVariance());
        Dataset wd = r.auxiliary(DecompositionResult.UNMIXING_MATRIX);
        assertArrayEquals(new int[] {n, n}, wd.shape());
        double ws = maxAbs(w);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(w[i][j], wd.getDouble(i, j), 1e-6 * ws, what + " unmixing matrix (" + i + ", " + j + ")");
            }
        }
        double[][] f = matrix(e.get("factors_every5"));
        double fs = maxAbs(f);
        double[][] l = matrix(e.get("loadings_every5"));
        double ls = maxAbs(l);
        int p = Math.toIntExact(r.factors().size() / n);
        int nl = Math.toIntExact(r.loadings().size() / n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f[i].length; j++) {
                assertEquals(f[i][j], r.factors().getDouble((long) i * p + 5 * j), 1e-6 * fs, what + " factor " + i + " at " + 5 * j);
            }
            for (int j = 0; j < l[i].length; j++) {
                assertEquals(l[i][j], r.loadings().getDouble((long) i * nl + 5 * j), 1e-6 * ls, what + " loading " + i + " at " + 5 * j);
            }
        }
    }

    /** FastICA from scikit-learn's w_init = W0: the whole HyperSpy result (the same iteration from the same start). */
    @ParameterizedTest
    @ValueSource(strings = {"logcosh_parallel_diff1", "logcosh_deflation_diff0", "exp_parallel_zca_n3", "cube_parallel_diff2", "logcosh_parallel_onloadings",
            "logcosh_alpha15_tol1e-4"})
    void fastIcaFromTheSameStartMatchesHyperSpy(String name) {
        Map<String, Object> raw = caseParams(name);
        int n = (Integer) raw.get("components");
        DecompositionResult r = ICA.separate(synthetic(), params(ICA, raw), w0(n), ProgressMonitor.NULL);
        assertEquals(FastIcaSeparator.ID, r.algorithmId());
        compare(name, expected.get("fastica_fixed").get(name), r);
        // calibration kept
        assertEquals(r.factors().axes().subList(1, 2), synthetic().factors().axes().subList(1, 2));
        assertEquals(r.loadings().axes().subList(1, 3), synthetic().loadings().axes().subList(1, 3));
        assertEquals(n, r.factors().axis(0).size());
        assertEquals(n, r.loadings().axis(0).size());
    }

    /**
     * FastICA from Tessera's seeded random start vs scikit-learn's random_state = 0 (HyperSpy's whitening, 4 independent
     * sources): the same sources up to order and sign.
     */
    @ParameterizedTest
    @ValueSource(strings = {"logcosh_parallel", "logcosh_deflation", "exp_parallel", "cube_deflation"})
    void fastIcaFindsTheSameSourcesAsScikitLearn(String name) {
        DecompositionResult d = iid();
        DecompositionResult r = ICA.separate(d, params(ICA, caseParams(name)), ProgressMonitor.NULL);
        double[][] w = matrix(expected.get("fastica_random").get(name).get("w"));
        double[][] f = new double[4][M_IID];
        for (int i = 0; i < 4; i++) {
            for (int c = 0; c < 4; c++) {
                for (int t = 0; t < M_IID; t++) {
                    f[i][t] += w[i][c] * d.factors().getDouble(c, t);
                }
            }
        }
        double worst = 1;
        for (int i = 0; i < 4; i++) {
            double best = 0;
            double[] mine = new double[M_IID];
            for (int t = 0; t < M_IID; t++) {
                mine[t] = r.factors().getDouble(i, t);
            }
            for (int j = 0; j < 4; j++) {
                best = Math.max(best, Math.abs(correlation(mine, f[j])));
            }
            worst = Math.min(worst, best);
        }
        assertTrue(worst >= 0.999, name + ": worst |correlation| with scikit-learn's sources " + worst);
    }

    @ParameterizedTest
    @ValueSource(strings = {"varimax_diff1", "gamma05_zca_onloadings_diff0"})
    void orthomaxMatchesHyperSpy(String name) {
        DecompositionResult r = ORTHO.separate(synthetic(), params(ORTHO, caseParams(name)), ProgressMonitor.NULL);
        assertEquals(OrthomaxSeparator.ID, r.algorithmId());
        compare(name, expected.get("orthomax").get(name), r);
    }

    /** hyperspy.learn.orthomax.orthomax(A, gamma) on the first 4 synthetic factors as A [400 x 4]. */
    @ParameterizedTest
    @ValueSource(doubles = {1.0, 0.5, 0.0})
    void orthomaxRotationMatchesHyperSpy(double gamma) {
        double[][] y = java.util.Arrays.copyOf(factors(), 4);
        OrthomaxSeparator.Rotated rot = OrthomaxSeparator.orthomax(y, gamma, 1.4901e-07, 10000, ProgressMonitor.NULL);
        assertTrue(rot.converged());
        String key = gamma == 1 ? "gamma1" : gamma == 0.5 ? "gamma0.5" : "gamma0";
        double[][] t = matrix(expected.get("orthomax_raw").get(key).get("t"));
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(t[i][j], rot.rotation()[i][j], 1e-6, "gamma " + gamma + " rotation (" + i + ", " + j + ")");
            }
        }
    }

    static double correlation(double[] a, double[] b) {
        double ma = 0, mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    // ---- real data

    /** counts summed over ±1 FWHM (sqrt(2.5 (E - 5899 eV) + 130²) eV) around a line at {@code keV}, per pixel */
    static double[] lineMap(Dataset d, double keV) {
        Axis e = d.signalAxes().get(0);
        double fwhm = Math.sqrt(2.5 * (keV * 1000 - 5899) + 130.0 * 130.0) / 1000;
        int n = Math.toIntExact(d.navigationSize());
        int p = d.signalSize();
        float[] s = new float[p];
        double[] map = new double[n];
        for (int i = 0; i < n; i++) {
            d.readSpectra(i, 1, s, 0);
            for (int j = 0; j < p; j++) {
                if (Math.abs(e.value(j) - keV) <= fwhm) {
                    map[i] += s[j];
                }
            }
        }
        return map;
    }

    /** @return the largest correlation of a BSS loading map with {@code map} */
    static double bestCorrelation(DecompositionResult r, double[] map) {
        int n = map.length;
        double best = -1;
        for (int c = 0; c < r.components(); c++) {
            double[] l = new double[n];
            for (int i = 0; i < n; i++) {
                l[i] = r.loadings().getDouble((long) c * n + i);
            }
            best = Math.max(best, correlation(l, map));
        }
        return best;
    }

    /**
     * FePt core, Fe-oxide shell: after Poisson-weighted PCA, FastICA (3 components) gives a Pt-Lα and an Fe-Kα map.
     * HyperSpy 1.7.3 ({@code s.decomposition(normalize_poissonian_noise=True); s.blind_source_separation(3)}) gives
     * 0.978 and 0.962 with the same line maps; orthomax 0.978 and 0.957.
     */
    @Test
    void coreShellLineMaps() {
        Dataset cs = CoreShell.coreShell();
        double[] pt = lineMap(cs, 9.442);
        double[] fe = lineMap(cs, 6.404);
        PcaDecomposer pca = new PcaDecomposer();
        DecompositionResult d = pca.decompose(cs, Parameters.of(pca.parameters(), Map.of("components", 10, "normalizePoissonianNoise", true)), ProgressMonitor.NULL);
        DecompositionResult ica = ICA.separate(d, params(ICA, Map.of("components", 3)), ProgressMonitor.NULL);
        double cPt = bestCorrelation(ica, pt);
        double cFe = bestCorrelation(ica, fe);
        DecompositionResult om = ORTHO.separate(d, params(ORTHO, Map.of("components", 3)), ProgressMonitor.NULL);
        double oPt = bestCorrelation(om, pt);
        double oFe = bestCorrelation(om, fe);
        System.out.printf("core_shell FastICA: Pt-La %.4f Fe-Ka %.4f; orthomax: Pt-La %.4f Fe-Ka %.4f%n", cPt, cFe, oPt, oFe);
        assertTrue(cPt >= 0.95, "Pt-La " + cPt);
        assertTrue(cFe >= 0.95, "Fe-Ka " + cFe);
        assertTrue(oPt >= 0.95, "orthomax Pt-La " + oPt);
        assertTrue(oFe >= 0.94, "orthomax Fe-Ka " + oFe);
        assertEquals(cs.navigationAxes().get(0).withNavigate(false), ica.loadings().axis(1));
        assertEquals(cs.signalAxes().get(0), ica.factors().axis(1));
    }

    /** FastICA's branch-free tanh (g and g' of logcosh) is Math.tanh up to round-off, also where it saturates. */
    @Test
    void fastTanhIsMathTanhUpToRoundOff() {
        int n = 200001;
        double[] x = new double[n + 12];
        for (int i = 0; i < n; i++) {
            x[i] = -25 + 50.0 * i / (n - 1);
        }
        for (int i = 0; i < 12; i++) {
            x[n + i] = (i % 2 == 0 ? 1 : -1) * Math.pow(10, -300 + 55 * (i / 2)); // 1e-300 ... 1e-25, both signs
        }
        for (double alpha : new double[] {1, 1.5, 2}) {
            double[] g = x.clone();
            double[] gp = new double[x.length];
            FastIcaSeparator.tanh(g, gp, x.length, alpha);
            for (int i = 0; i < x.length; i++) {
                double e = Math.tanh(alpha * x[i]);
                assertEquals(e, g[i], 8 * Math.ulp(e), "tanh(" + alpha + " * " + x[i] + ")");
                assertEquals(alpha * (1 - e * e), gp[i], 2e-15, "g'(" + x[i] + "), alpha " + alpha);
            }
        }
        double[] s = {0.0, -0.0, 40, -1e300, Double.NaN};
        FastIcaSeparator.tanh(s, new double[s.length], s.length, 1);
        assertArrayEquals(new double[] {0.0, -0.0, 1, -1, Double.NaN}, s);
    }

    // ---- determinism and validation

    @Test
    void sameSeedSameBitsWhateverTheThreads() throws Exception {
        DecompositionResult d = iid();
        Parameters p = params(ICA, Map.of("components", 4, "diffOrder", 0, "seed", 7L));
        DecompositionResult a = ICA.separate(d, p, ProgressMonitor.NULL);
        DecompositionResult b = new ForkJoinPool(1).submit(() -> ICA.separate(d, p, ProgressMonitor.NULL)).get();
        assertArrayEquals(a.factors().toDoubleArray(), b.factors().toDoubleArray());
        assertArrayEquals(a.loadings().toDoubleArray(), b.loadings().toDoubleArray());
        assertArrayEquals(a.auxiliary(DecompositionResult.UNMIXING_MATRIX).toDoubleArray(), b.auxiliary(DecompositionResult.UNMIXING_MATRIX).toDoubleArray());
        // another seed: another start, the same sources (up to order and sign)
        DecompositionResult c = ICA.separate(d, params(ICA, Map.of("components", 4, "diffOrder", 0, "seed", 8L)), ProgressMonitor.NULL);
        for (int i = 0; i < 4; i++) {
            double best = 0;
            for (int j = 0; j < 4; j++) {
                best = Math.max(best, Math.abs(correlation(row(a.factors(), i), row(c.factors(), j))));
            }
            assertTrue(best > 0.9999, "component " + i + ": " + best);
        }
    }

    static double[] row(Dataset d, int i) {
        int m = Math.toIntExact(d.size() / d.axis(0).size());
        double[] r = new double[m];
        for (int t = 0; t < m; t++) {
            r[t] = d.getDouble((long) i * m + t);
        }
        return r;
    }

    /** The product of separated factors and loadings is that of the input components (w⁻¹ undoes w). */
    @Test
    void reconstructionIsKept() {
        DecompositionResult d = synthetic();
        for (boolean onLoadings : new boolean[] {false, true}) {
            DecompositionResult r = ICA.separate(d, params(ICA, Map.of("components", 3, "onLoadings", onLoadings)), ProgressMonitor.NULL);
            for (int t = 0; t < P; t += 37) {
                for (int q = 0; q < NY * NX; q += 41) {
                    double want = 0, got = 0;
                    for (int c = 0; c < 3; c++) {
                        want += d.factors().getDouble(c, t) * d.loadings().getDouble(c, q / NX, q % NX);
                        got += r.factors().getDouble(c, t) * r.loadings().getDouble(c, q / NX, q % NX);
                    }
                    assertEquals(want, got, 1e-5 * (1 + Math.abs(want)));
                }
            }
        }
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
        assertThrows(java.util.concurrent.CancellationException.class,
                () -> ICA.separate(synthetic(), params(ICA, Map.of("components", 3)), cancelled));
        assertThrows(java.util.concurrent.CancellationException.class,
                () -> ORTHO.separate(synthetic(), params(ORTHO, Map.of("components", 3)), cancelled));
    }

    @Test
    void badInputIsRefused() {
        DecompositionResult d = synthetic();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ICA.separate(d, params(ICA, Map.of()), ProgressMonitor.NULL));
        assertTrue(e.getMessage().contains("components"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ICA.separate(d, params(ICA, Map.of("components", 6)), ProgressMonitor.NULL));
        assertTrue(e.getMessage().contains("only 5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> params(ICA, Map.of("components", 1)));
        assertThrows(IllegalArgumentException.class, () -> params(ICA, Map.of("components", 3, "fun", "tanh")));
        assertThrows(IllegalArgumentException.class, () -> params(ICA, Map.of("components", 3, "algorithm", "symmetric")));
        assertThrows(IllegalArgumentException.class, () -> params(ICA, Map.of("components", 3, "whitenMethod", "none")));
        assertThrows(IllegalArgumentException.class, () -> params(ORTHO, Map.of("components", 3, "gamma", 2.0)));
        // non-finite factor
        double[] f = flat(factors());
        f[P + 7] = Double.NaN;
        DecompositionResult nan = new DecompositionResult("test", Dataset.ofDoubles(f, d.factors().axes(), new Metadata()), d.loadings(), null, d.parameters());
        e = assertThrows(IllegalArgumentException.class, () -> ORTHO.separate(nan, params(ORTHO, Map.of("components", 3)), ProgressMonitor.NULL));
        assertTrue(e.getMessage().contains("non-finite"), e.getMessage());
        // linearly dependent factors: whitening is singular
        double[][] g = factors();
        g[2] = g[0].clone();
        DecompositionResult dup = new DecompositionResult("test", Dataset.ofDoubles(flat(g), d.factors().axes(), new Metadata()), d.loadings(), null, d.parameters());
        e = assertThrows(IllegalArgumentException.class, () -> ICA.separate(dup, params(ICA, Map.of("components", 3)), ProgressMonitor.NULL));
        assertTrue(e.getMessage().contains("linearly dependent"), e.getMessage());
        // a derivative along a one-point axis
        List<Axis> one = List.of(Axis.uncalibrated("component", K, true), new Axis("y", 1, 1, 0, "", false), new Axis("x", NY * NX, 1, 0, "", false));
        DecompositionResult flatMap = new DecompositionResult("test", d.factors(), Dataset.ofDoubles(flat(loadings()), one, new Metadata()), null, d.parameters());
        e = assertThrows(IllegalArgumentException.class,
                () -> ICA.separate(flatMap, params(ICA, Map.of("components", 3, "onLoadings", true)), ProgressMonitor.NULL));
        assertTrue(e.getMessage().contains("diffOrder"), e.getMessage());
        // wrong w_init shape
        assertThrows(IllegalArgumentException.class, () -> ICA.separate(d, params(ICA, Map.of("components", 3)), w0(4), ProgressMonitor.NULL));
    }
}
