package tessera.cluster.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import tessera.cluster.Ari;

/**
 * Adjusted Rand index against scikit-learn 1.2.1 {@code sklearn.metrics.adjusted_rand_score}
 * (values printed by {@code benchmarks/peers/ari_sklearn.py}).
 */
class AriTest {
    static void check(double expected, int[] a, int[] b) {
        assertEquals(expected, Ari.adjustedRand(a, b), 1e-14);
        assertEquals(expected, Ari.adjustedRand(b, a), 1e-14, "symmetric");
    }

    @Test
    void matchesScikitLearn() {
        check(1.0, new int[] {0, 0, 1, 1, 2, 2}, new int[] {5, 5, 3, 3, -1, -1});
        check(0.24242424242424243, new int[] {0, 0, 0, 1, 1, 1}, new int[] {0, 0, 1, 1, 2, 2});
        check(0.26956521739130435, new int[] {-1, -1, 0, 0, 1, 1, 1, 2}, new int[] {-1, 0, 0, 0, 1, 1, 2, 2});
        check(-0.5, new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1});
        check(1.0, new int[] {0, 0, 0, 0}, new int[] {1, 1, 1, 1});
        check(0.0, new int[] {0, 1, 2, 3}, new int[] {0, 0, 0, 0});
        int n = 200;
        int[] a = new int[n], b = new int[n], c = new int[n], e = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = (i * 7) % 5;
            b[i] = (i * i + 3) % 4 - 1;
            c[i] = i / 40;
            e[i] = i % 9 != 0 ? i / 40 : -1; // every ninth sample made noise
        }
        check(-0.008105369807497468, a, b);
        check(0.8265969341994863, c, e);
    }

    @Test
    void rejectsUnequalLengths() {
        assertThrows(IllegalArgumentException.class, () -> Ari.adjustedRand(new int[3], new int[4]));
    }
}
