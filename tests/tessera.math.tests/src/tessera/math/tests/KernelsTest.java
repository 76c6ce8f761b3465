package tessera.math.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tessera.core.analysis.ProgressMonitor;
import tessera.math.Kernels;
import tessera.math.Randomized;
import tessera.math.RowReader;
import tessera.math.SymmetricEigen;
import tessera.math.internal.OpenBlas;

/**
 * Kernels against naive float64 loops; eigen and randomized SVD against definitions. Tests taking
 * a boolean run once on the Java kernels and once on OpenBLAS (skipped where no OpenBLAS loads).
 */
class KernelsTest {

    /**
     * Runs {@code body} with the OpenBLAS backend ({@code nativeBackend}) or the Java kernels, restoring the property.
     */
    static void withBackend(boolean nativeBackend, Runnable body) {
        if (nativeBackend) {
            Assumptions.assumeTrue(OpenBlas.get() != null, () -> "no OpenBLAS: " + OpenBlas.unavailableReason());
        }
        String old = System.getProperty(Kernels.NATIVE_PROPERTY);
        System.setProperty(Kernels.NATIVE_PROPERTY, Boolean.toString(nativeBackend));
        try {
            body.run();
        } finally {
            if (old == null) {
                System.clearProperty(Kernels.NATIVE_PROPERTY);
            } else {
                System.setProperty(Kernels.NATIVE_PROPERTY, old);
            }
        }
    }

    /** Sparse Poisson-like matrix n x p (about 60 % zeros), fixed seed. */
    static float[] data(int n, int p, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * p];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble() < 0.6 ? 0 : r.nextInt(1, 50);
        }
        return x;
    }

    /** Symmetric {@code m x m} (row-major) with entries uniform in [-0.5, 0.5), lower triangle drawn row by row. */
    static double[] randomSymmetric(int m, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[m * m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double v = r.nextDouble() - 0.5;
                a[i * m + j] = v;
                a[j * m + i] = v;
            }
        }
        return a;
    }

    static RowReader reader(float[] x, int p) {
        return (first, count, out, off) -> System.arraycopy(x, Math.toIntExact(first * p), out, off, count * p);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void gramEqualsNaiveWithWeightsAndCentring(boolean nativeBackend) {
        withBackend(nativeBackend, () -> gramEqualsNaiveWithWeightsAndCentringBody());
    }

    private void gramEqualsNaiveWithWeightsAndCentringBody() {
        // p = 300 spans several 128-wide tiles and a ragged edge; n = 1234 spans several row blocks
        int n = 1234, p = 300;
        float[] x = data(n, p, 7);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 + (i % 7) * 0.25;
        }
        for (boolean centre : new boolean[] {false, true}) {
            for (double[] weights : new double[][] {null, w}) {
                double[] c = Kernels.gram(reader(x, p), n, p, weights, centre, ProgressMonitor.NULL);
                double[] y = new double[n * p];
                for (int r = 0; r < n; r++) {
                    double m = 0;
                    for (int j = 0; j < p; j++) {
                        m += x[r * p + j];
                    }
                    m = centre ? m / p : 0;
                    for (int j = 0; j < p; j++) {
                        y[r * p + j] = (x[r * p + j] - m) * (weights == null ? 1 : weights[r]);
                    }
                }
                double maxRel = 0;
                double[] diag = new double[p];
                for (int i = 0; i < p; i++) {
                    for (int r = 0; r < n; r++) {
                        diag[i] += y[r * p + i] * y[r * p + i];
                    }
                }
                for (int i = 0; i < p; i++) {
                    for (int j = 0; j < p; j++) {
                        double s = 0;
                        for (int r = 0; r < n; r++) {
                            s += y[r * p + i] * y[r * p + j];
                        }
                        // error relative to sqrt(C_ii C_jj): weighted/centred inputs are rounded to float32 once
                        maxRel = Math.max(maxRel, Math.abs(c[i * p + j] - s) / Math.sqrt(diag[i] * diag[j]));
                        assertEquals(c[i * p + j], c[j * p + i], 0.0, "symmetric");
                    }
                }
                assertTrue(maxRel < (centre || weights != null ? 3e-7 : 1e-14), "gram vs naive, centre=" + centre + ": max relative difference " + maxRel);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void gramOfIntegerCountsIsExact(boolean nativeBackend) {
        withBackend(nativeBackend, () -> gramOfIntegerCountsIsExactBody());
    }

    private void gramOfIntegerCountsIsExactBody() {
        int n = 600, p = 70;
        float[] x = data(n, p, 13);
        double[] c = Kernels.gram(reader(x, p), n, p, null, false, ProgressMonitor.NULL);
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                long s = 0;
                for (int r = 0; r < n; r++) {
                    s += (long) x[r * p + i] * (long) x[r * p + j];
                }
                assertEquals((double) s, c[i * p + j], 0.0, "entry " + i + "," + j);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void gramIsReproducible(boolean nativeBackend) {
        withBackend(nativeBackend, () -> gramIsReproducibleBody());
    }

    private void gramIsReproducibleBody() {
        int n = 700, p = 257;
        float[] x = data(n, p, 3);
        double[] a = Kernels.gram(reader(x, p), n, p, null, false, ProgressMonitor.NULL);
        double[] b = Kernels.gram(reader(x, p), n, p, null, false, ProgressMonitor.NULL);
        assertArrayEquals(a, b, 0.0);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void sumsAndProjectEqualNaive(boolean nativeBackend) {
        withBackend(nativeBackend, () -> sumsAndProjectEqualNaiveBody());
    }

    private void sumsAndProjectEqualNaiveBody() {
        int n = 517, p = 129, k = 5;
        float[] x = data(n, p, 11);
        double[][] s = Kernels.sums(reader(x, p), n, p, ProgressMonitor.NULL);
        assertEquals(n, s[0].length);
        assertEquals(p, s[1].length);
        double total0 = 0, total1 = 0;
        for (int r = 0; r < n; r++) {
            double rs = 0;
            for (int j = 0; j < p; j++) {
                rs += x[r * p + j];
            }
            assertEquals(rs, s[0][r], 1e-9);
            total0 += rs;
        }
        for (double v : s[1]) {
            total1 += v;
        }
        assertEquals(total0, total1, 1e-6);
        double[] v = new double[p * k];
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextDouble() - 0.5;
        }
        double[] shift = new double[p];
        for (int j = 0; j < p; j++) {
            shift[j] = j * 0.01;
        }
        float[] l = Kernels.project(reader(x, p), n, p, v, k, null, shift, false, ProgressMonitor.NULL);
        double[] u = new double[k * p]; // the same vectors component-major
        for (int j = 0; j < p; j++) {
            for (int q = 0; q < k; q++) {
                u[q * p + j] = v[j * k + q];
            }
        }
        assertArrayEquals(l, Kernels.projectOnto(reader(x, p), n, p, u, k, null, shift, false, ProgressMonitor.NULL), 0f, "projectOnto");
        for (int r = 0; r < n; r++) {
            for (int q = 0; q < k; q++) {
                double e = 0;
                for (int j = 0; j < p; j++) {
                    e += (x[r * p + j] - shift[j]) * v[j * k + q];
                }
                assertEquals(e, l[q * n + r], 1e-4 * Math.max(1, Math.abs(e)), "row " + r + " component " + q);
            }
        }
    }

    @Test
    void cancellationStopsTheGram() {
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
        float[] x = data(100, 10, 1);
        assertThrows(CancellationException.class, () -> Kernels.gram(reader(x, 10), 100, 10, null, false, cancelled));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void symmetricEigenSatisfiesDefinitionAndIsSorted(boolean nativeBackend) {
        withBackend(nativeBackend, () -> symmetricEigenSatisfiesDefinitionAndIsSortedBody());
    }

    private void symmetricEigenSatisfiesDefinitionAndIsSortedBody() {
        int m = 40;
        double[] a = randomSymmetric(m, 2);
        SymmetricEigen e = SymmetricEigen.of(a, m);
        double trace = 0, sum = 0;
        for (int i = 0; i < m; i++) {
            trace += a[i * m + i];
            sum += e.values()[i];
            if (i > 0) {
                assertTrue(e.values()[i] <= e.values()[i - 1], "descending");
            }
        }
        assertEquals(trace, sum, 1e-10);
        for (int c = 0; c < m; c++) {
            double norm = 0;
            for (int i = 0; i < m; i++) {
                double av = 0;
                for (int j = 0; j < m; j++) {
                    av += a[i * m + j] * e.vectors()[c * m + j];
                }
                assertEquals(e.values()[c] * e.vectors()[c * m + i], av, 1e-10);
                norm += e.vectors()[c * m + i] * e.vectors()[c * m + i];
            }
            assertEquals(1, norm, 1e-10);
        }
        // 2 x 2 with known eigenvalues 3 and 1
        SymmetricEigen two = SymmetricEigen.of(new double[] {2, 1, 1, 2}, 2);
        assertArrayEquals(new double[] {3, 1}, two.values(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(new double[3], 2));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void randomizedSvdMatchesGramEigenvalues(boolean nativeBackend) {
        withBackend(nativeBackend, () -> randomizedSvdMatchesGramEigenvaluesBody());
    }

    private void randomizedSvdMatchesGramEigenvaluesBody() {
        // low-rank (3) plus small noise: the top singular values must match sqrt(eig(X^T X))
        int n = 400, p = 120, rank = 3;
        SplittableRandom r = new SplittableRandom(9);
        float[] x = new float[n * p];
        double[][] a = new double[rank][n];
        double[][] b = new double[rank][p];
        for (int c = 0; c < rank; c++) {
            for (int i = 0; i < n; i++) {
                a[c][i] = r.nextDouble() * (3 - c);
            }
            for (int j = 0; j < p; j++) {
                b[c][j] = r.nextDouble();
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                double s = 0.01 * r.nextDouble();
                for (int c = 0; c < rank; c++) {
                    s += a[c][i] * b[c][j];
                }
                x[i * p + j] = (float) s;
            }
        }
        SymmetricEigen e = SymmetricEigen.of(Kernels.gram(reader(x, p), n, p, null, false, ProgressMonitor.NULL), p);
        Randomized svd = Randomized.svd(reader(x, p), n, p, rank, 10, 7, 42, ProgressMonitor.NULL);
        for (int c = 0; c < rank; c++) {
            double expected = Math.sqrt(e.values()[c]);
            assertEquals(expected, svd.s()[c], 1e-6 * expected, "singular value " + c);
            // u = X v / s
            double dot = 0;
            for (int j = 0; j < p; j++) {
                dot += svd.v()[c * p + j] * e.vectors()[c * p + j];
            }
            assertEquals(1, Math.abs(dot), 1e-6, "right singular vector " + c + " equals the eigenvector up to sign");
        }
    }
}
