package tessera.cluster.tests;

/**
 * Deterministic blob datasets, bit-identical to {@code benchmarks/peers/blobs.py} (SplitMix64 uniforms, Irwin-Hall
 * sums of four uniforms for the noise), so that peer values computed in Python hold for the Java tests.
 */
final class Blobs {
    private Blobs() {
    }

    /** Samples {@code [n][d]} and their true cluster. */
    record Data(double[][] x, int[] truth) {
    }

    static final double[][] A_CENTRES = {{0, 0, 0}, {8, 0, 0}, {0, 8, 0}, {0, 0, 8}, {8, 8, 8}, {-8, 4, 4}};
    static final int[] A_SIZES = {1500, 1200, 1000, 800, 600, 400};
    static final int[] B_SIZES = {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000};
    static final double[][] C_CENTRES = {{0, 0}, {6, 0}, {0, 6}, {6, 6}};
    static final int[] C_SIZES = {130, 110, 90, 70};

    /** Dataset A: 6 well-separated blobs in 3-D, sigma 1, n = 5500. */
    static Data a() {
        return blobs(A_CENTRES, A_SIZES, 1.0, 42);
    }

    /** Dataset B: 8 overlapping blobs on a 2 x 2 x 2 grid of spacing 3, sigma 1, n = 8000. */
    static Data b() {
        double[][] c = new double[8][];
        for (int i = 0; i < 8; i++) {
            c[i] = new double[] {3 * (i & 1), 3 * ((i >> 1) & 1), 3 * ((i >> 2) & 1)};
        }
        return blobs(c, B_SIZES, 1.0, 43);
    }

    /** Dataset C: 4 well-separated blobs in 2-D, sigma 0.5, n = 400. */
    static Data c() {
        return blobs(C_CENTRES, C_SIZES, 0.5, 44);
    }

    static Data blobs(double[][] centres, int[] sizes, double sigma, long seed) {
        SplitMix r = new SplitMix(seed);
        double s3 = Math.sqrt(3.0);
        int n = 0;
        for (int s : sizes) {
            n += s;
        }
        double[][] x = new double[n][];
        int[] truth = new int[n];
        int i = 0;
        for (int c = 0; c < centres.length; c++) {
            for (int m = 0; m < sizes[c]; m++, i++) {
                double[] row = new double[centres[c].length];
                for (int j = 0; j < row.length; j++) {
                    double u = ((r.uniform() + r.uniform()) + r.uniform()) + r.uniform();
                    row[j] = centres[c][j] + sigma * (s3 * (u - 2.0));
                }
                x[i] = row;
                truth[i] = c;
            }
        }
        return new Data(x, truth);
    }

    /** SplitMix64 (Steele, Lea, Flood 2014), as blobs.py. */
    static final class SplitMix {
        private long s;

        SplitMix(long seed) {
            s = seed;
        }

        long next() {
            s += 0x9E3779B97F4A7C15L;
            long z = s;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        double uniform() {
            return (next() >>> 11) * 0x1.0p-53;
        }
    }
}
