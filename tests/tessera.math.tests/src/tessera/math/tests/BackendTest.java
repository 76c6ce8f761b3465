package tessera.math.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tessera.core.analysis.ProgressMonitor;
import tessera.math.Kernels;
import tessera.math.RowMatrix;
import tessera.math.RowReader;
import tessera.math.SymmetricEigen;
import tessera.math.internal.OpenBlas;

/** The OpenBLAS backend against the Java kernels, its provenance string, and {@link RowMatrix}. */
class BackendTest {

    static void assumeOpenBlas() {
        Assumptions.assumeTrue(OpenBlas.get() != null, () -> "no OpenBLAS: " + OpenBlas.unavailableReason());
    }

    @Test
    void backendNamesJavaOrTheLibrary() {
        KernelsTest.withBackend(false, () -> {
            assertEquals("Java", Kernels.backend());
            assertEquals(Kernels.NATIVE_PROPERTY + "=false", Kernels.javaBackendReason());
        });
        if (OpenBlas.get() == null) {
            // the fallback says why (no library, or native access not enabled)
            assertTrue(Kernels.javaBackendReason() != null && !Kernels.javaBackendReason().isBlank());
            return;
        }
        KernelsTest.withBackend(true, () -> {
            String b = Kernels.backend();
            assertTrue(b.matches("OpenBLAS \\d+\\.\\d+\\.\\d+.* \\(.*\\d+ threads?.*\\) via .+"), b);
            assertEquals(null, Kernels.javaBackendReason());
        });
    }

    /** The Gram matrix of integer counts is exact in float64 on both backends, hence identical. */
    @Test
    void gramOfCountsIsIdenticalOnBothBackends() {
        assumeOpenBlas();
        int n = 5000, p = 300; // several native row blocks (2^21 / 300 = 6990 > n: also a single block below)
        float[] x = KernelsTest.data(n, p, 21);
        RowReader rr = KernelsTest.reader(x, p);
        double[][] c = new double[2][];
        KernelsTest.withBackend(false, () -> c[0] = Kernels.gram(rr, n, p, null, false, ProgressMonitor.NULL));
        KernelsTest.withBackend(true, () -> c[1] = Kernels.gram(rr, n, p, null, false, ProgressMonitor.NULL));
        assertArrayEquals(c[0], c[1], 0.0);
        // many blocks: p = 2500 gives 838-row native blocks
        int n2 = 2000, p2 = 2500;
        float[] x2 = KernelsTest.data(n2, p2, 22);
        double[][] d = new double[2][];
        KernelsTest.withBackend(false, () -> d[0] = Kernels.gram(KernelsTest.reader(x2, p2), n2, p2, null, false, ProgressMonitor.NULL));
        KernelsTest.withBackend(true, () -> d[1] = Kernels.gram(KernelsTest.reader(x2, p2), n2, p2, null, false, ProgressMonitor.NULL));
        assertArrayEquals(d[0], d[1], 0.0);
    }

    /**
     * Blocks of small counts take the float32 ssyrk path (exact below 2^24), blocks with large counts
     * or fractions the float64 one: the Gram matrix is exact either way.
     */
    @Test
    void gramIsExactOnMixedBlocks() {
        assumeOpenBlas();
        int n = 9000, p = 100; // 3 native blocks of 4096 rows
        float[] x = KernelsTest.data(n, p, 24);
        for (int r = 5000; r < 5100; r++) {
            x[r * p + r % p] = 3000; // block 1: 4096 * 3000^2 > 2^24, so float64
        }
        x[8500 * p + 3] = 0.5f; // block 2: a fraction, so float64
        double[][] c = new double[1][];
        KernelsTest.withBackend(true, () -> c[0] = Kernels.gram(KernelsTest.reader(x, p), n, p, null, false, ProgressMonitor.NULL));
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double e = 0;
                for (int r = 0; r < n; r++) {
                    e += (double) x[r * p + i] * x[r * p + j]; // exact: integers (and one half) well below 2^53
                }
                assertEquals(e, c[0][i * p + j], 0.0, "entry " + i + "," + j);
            }
        }
    }

    @Test
    void weightedCentredGramAndProjectionAgree() {
        assumeOpenBlas();
        int n = 700, p = 150, k = 7;
        float[] x = KernelsTest.data(n, p, 23);
        RowReader rr = KernelsTest.reader(x, p);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.3 + (i % 5) * 0.4;
        }
        double[] v = new double[p * k];
        double[] shift = new double[p];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble() - 0.5;
        }
        for (int j = 0; j < p; j++) {
            shift[j] = 0.1 * j;
        }
        double[][] c = new double[2][];
        float[][] l = new float[2][];
        for (int b = 0; b < 2; b++) {
            int bi = b;
            KernelsTest.withBackend(b == 1, () -> {
                c[bi] = Kernels.gram(rr, n, p, w, true, ProgressMonitor.NULL);
                l[bi] = Kernels.project(rr, n, p, v, k, w, shift, true, ProgressMonitor.NULL);
            });
        }
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double scale = Math.sqrt(c[0][i * p + i] * c[0][j * p + j]);
                // Java rounds each product of two float32 operands to float32, OpenBLAS (dsyrk) does not
                assertEquals(c[0][i * p + j], c[1][i * p + j], 1e-7 * scale, "gram " + i + "," + j);
            }
        }
        // float32 accumulation (OpenBLAS sgemm): error relative to the sum of the absolute terms
        for (int row = 0; row < n; row++) {
            double mean = 0;
            for (int j = 0; j < p; j++) {
                mean += x[row * p + j];
            }
            mean /= p;
            for (int q = 0; q < k; q++) {
                double abs = 0;
                for (int j = 0; j < p; j++) {
                    abs += Math.abs((x[row * p + j] - mean - shift[j]) * v[j * k + q] * w[row]);
                }
                assertEquals(l[0][q * n + row], l[1][q * n + row], 1e-5 * abs + 1e-6, "projection row " + row + " component " + q);
            }
        }
    }

    /** Power-iteration product X^T X Q on both backends; kernels read a resident native RowMatrix in place, same bits. */
    @Test
    void normalProductAgreesAndResidentRowsGiveTheSameBits() {
        assumeOpenBlas();
        int n = 2500, p = 210, q = 13;
        float[] x = KernelsTest.data(n, p, 51);
        RowReader rr = KernelsTest.reader(x, p);
        double[] qm = new double[p * q];
        SplittableRandom r = new SplittableRandom(6);
        for (int i = 0; i < qm.length; i++) {
            qm[i] = r.nextDouble() - 0.5;
        }
        double[][] y = new double[2][];
        KernelsTest.withBackend(false, () -> y[0] = Kernels.normalProduct(rr, n, p, qm, q, ProgressMonitor.NULL));
        KernelsTest.withBackend(true, () -> {
            y[1] = Kernels.normalProduct(rr, n, p, qm, q, ProgressMonitor.NULL);
            try (RowMatrix m = RowMatrix.copyOf(rr, n, p, ProgressMonitor.NULL)) {
                assertArrayEquals(y[1], Kernels.normalProduct(m, n, p, qm, q, ProgressMonitor.NULL), 0.0);
                assertArrayEquals(Kernels.project(rr, n, p, qm, q, null, null, false, ProgressMonitor.NULL),
                        Kernels.project(m, n, p, qm, q, null, null, false, ProgressMonitor.NULL), 0f);
            }
        });
        double max = 0;
        for (double v : y[0]) {
            max = Math.max(max, Math.abs(v));
        }
        for (int i = 0; i < y[0].length; i++) {
            assertEquals(y[0][i], y[1][i], 1e-5 * max, "entry " + i); // float32 products and sums in OpenBLAS
        }
    }

    @Test
    void eigenAgreesWithEjml() {
        assumeOpenBlas();
        int m = 120;
        double[] a = KernelsTest.randomSymmetric(m, 8);
        SymmetricEigen[] e = new SymmetricEigen[2];
        KernelsTest.withBackend(false, () -> e[0] = SymmetricEigen.of(a, m));
        KernelsTest.withBackend(true, () -> e[1] = SymmetricEigen.of(a, m));
        double max = Math.abs(e[0].values()[0]);
        for (int c = 0; c < m; c++) {
            assertEquals(e[0].values()[c], e[1].values()[c], 1e-12 * max, "eigenvalue " + c);
            double dot = 0;
            for (int j = 0; j < m; j++) {
                dot += e[0].vectors()[c * m + j] * e[1].vectors()[c * m + j];
            }
            assertEquals(1, Math.abs(dot), 1e-8, "eigenvector " + c + " equal up to sign");
        }
        double[] nan = a.clone();
        nan[5] = Double.NaN;
        KernelsTest.withBackend(true, () -> assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(nan, m)));
    }

    /**
     * The k leading eigenpairs (dsyevr on OpenBLAS when k <= m/8, the full decomposition truncated on the Java kernels)
     * equal the full decomposition's: every eigenvalue to 1e-12 of the largest, the k vectors up to sign.
     */
    @Test
    void leadingEigenpairsEqualTheFullDecomposition() {
        assumeOpenBlas();
        int m = 240, k = 12;
        double[] a = KernelsTest.randomSymmetric(m, 21);
        double[] copy = a.clone();
        SymmetricEigen[] e = new SymmetricEigen[3];
        KernelsTest.withBackend(true, () -> e[0] = SymmetricEigen.of(a, m));
        KernelsTest.withBackend(true, () -> e[1] = SymmetricEigen.leading(a, m, k));
        KernelsTest.withBackend(false, () -> e[2] = SymmetricEigen.leading(a, m, k));
        assertArrayEquals(copy, a, "the input is not modified");
        double max = Math.abs(e[0].values()[0]);
        for (int s = 1; s <= 2; s++) {
            assertEquals(m, e[s].values().length);
            assertEquals(k * m, e[s].vectors().length);
            for (int c = 0; c < m; c++) {
                assertEquals(e[0].values()[c], e[s].values()[c], 1e-12 * max, "eigenvalue " + c);
            }
            for (int c = 0; c < k; c++) {
                double dot = 0;
                for (int j = 0; j < m; j++) {
                    dot += e[0].vectors()[c * m + j] * e[s].vectors()[c * m + j];
                }
                assertEquals(1, Math.abs(dot), 1e-9, "eigenvector " + c + " equal up to sign");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.leading(a, m, 0));
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.leading(a, m, m + 1));
    }

    /** Same machine, same thread count: OpenBLAS results are bit-identical from run to run. */
    @Test
    void nativeResultsAreBitReproducible() {
        assumeOpenBlas();
        int n = 3000, p = 400, k = 400;
        float[] x = KernelsTest.data(n, p, 31);
        RowReader rr = KernelsTest.reader(x, p);
        KernelsTest.withBackend(true, () -> {
            double[] c1 = Kernels.gram(rr, n, p, null, true, ProgressMonitor.NULL);
            double[] c2 = Kernels.gram(rr, n, p, null, true, ProgressMonitor.NULL);
            assertArrayEquals(c1, c2, 0.0);
            SymmetricEigen e1 = SymmetricEigen.of(c1, p);
            SymmetricEigen e2 = SymmetricEigen.of(c2, p);
            assertArrayEquals(e1.values(), e2.values(), 0.0);
            assertArrayEquals(e1.vectors(), e2.vectors(), 0.0);
            double[] v = new double[p * k];
            for (int q = 0; q < k; q++) {
                for (int j = 0; j < p; j++) {
                    v[j * k + q] = e1.vectors()[q * p + j];
                }
            }
            assertArrayEquals(Kernels.project(rr, n, p, v, k, null, null, true, ProgressMonitor.NULL),
                    Kernels.project(rr, n, p, v, k, null, null, true, ProgressMonitor.NULL), 0f);
        });
    }

    /** sweep: P = X G^T handed to the step, S = sum A^T X, on both backends, resident and streaming. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void sweepEqualsNaiveProducts(boolean nativeBackend) {
        int n = 1000, p = 333, k = 4; // 4 groups, the last one ragged; several native sub-blocks per group
        float[] x = KernelsTest.data(n, p, 41);
        double[] g = new double[k * p];
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 0; i < g.length; i++) {
            g[i] = r.nextDouble();
        }
        KernelsTest.withBackend(nativeBackend, () -> {
            for (boolean resident : new boolean[] {true, false}) {
                double[] xgSeen = new double[n * k];
                boolean[] seen = new boolean[n];
                try (RowMatrix m = resident ? RowMatrix.copyOf(KernelsTest.reader(x, p), n, p, ProgressMonitor.NULL)
                        : RowMatrix.streaming(KernelsTest.reader(x, p), n, p)) {
                    assertEquals(nativeBackend ? OpenBlas.get().description() : "Java", m.backend());
                    float[] row = new float[2 * p];
                    m.read(499, 2, row, 0);
                    assertArrayEquals(java.util.Arrays.copyOfRange(x, 499 * p, 501 * p), row, 0f, "rows across a group boundary");
                    RowMatrix.Sweep s = m.sweep(g, k, (first, count, xg, a) -> {
                        double sum = 0;
                        for (int i = 0; i < count; i++) {
                            int row0 = (int) first + i;
                            synchronized (seen) {
                                assertTrue(!seen[row0], "row " + row0 + " seen twice");
                                seen[row0] = true;
                            }
                            for (int t = 0; t < k; t++) {
                                xgSeen[row0 * k + t] = xg[i * k + t];
                                a[i * k + t] = (row0 % 7) + t; // A: small integers
                            }
                            sum += row0;
                        }
                        return sum;
                    }, ProgressMonitor.NULL);
                    assertEquals((double) n * (n - 1) / 2, s.sum(), 0.0);
                    for (int i = 0; i < n; i++) {
                        assertTrue(seen[i], "row " + i + " not swept");
                        for (int t = 0; t < k; t++) {
                            double e = 0, abs = 0;
                            for (int j = 0; j < p; j++) {
                                e += x[i * p + j] * g[t * p + j];
                                abs += Math.abs(x[i * p + j] * g[t * p + j]);
                            }
                            assertEquals(e, xgSeen[i * k + t], (nativeBackend ? 3e-5 : 1e-13) * abs, "P row " + i); // float32: p eps bound
                        }
                    }
                    for (int t = 0; t < k; t++) {
                        for (int j = 0; j < p; j++) {
                            long e = 0; // integer A and counts: exact in float64; float32 partial sums stay below 2^24
                            for (int i = 0; i < n; i++) {
                                e += (long) ((i % 7) + t) * (long) x[i * p + j];
                            }
                            assertEquals((double) e, s.s()[t * p + j], 0.0, "S " + t + "," + j);
                        }
                    }
                    assertThrows(IllegalArgumentException.class, () -> m.sweep(new double[3], k, (f, c, xg, a) -> 0, ProgressMonitor.NULL));
                }
            }
        });
    }

    @Test
    void closedMatrixRefusesWork() {
        float[] x = KernelsTest.data(10, 3, 1);
        RowMatrix m = RowMatrix.copyOf(KernelsTest.reader(x, 3), 10, 3, ProgressMonitor.NULL);
        m.close();
        m.close(); // idempotent
        assertThrows(IllegalStateException.class, () -> m.read(0, 1, new float[3], 0));
        assertThrows(IllegalArgumentException.class, () -> RowMatrix.copyOf(KernelsTest.reader(x, 3), 0, 3, ProgressMonitor.NULL));
    }
}
