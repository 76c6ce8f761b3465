package tessera.cluster.tests;

/**
 * The deterministic datasets of {@code benchmarks/peers/agglo_gmm_sklearn.py}, reproduced bit for bit: an integer
 * LCG, uniforms {@code s / 2^31} and exact double sums in the same order as the Python script.
 */
final class PeerData {
    private PeerData() {
    }

    /** {@code s = (1103515245 s + 12345) mod 2^31}. */
    static final class Lcg {
        private long s;

        Lcg(long seed) {
            s = seed;
        }

        double u() {
            s = (s * 1103515245L + 12345L) & 0x7FFFFFFFL;
            return s / 2147483648.0;
        }

        /** Irwin-Hall approximation of a standard normal: the sum of 12 uniforms minus 6. */
        double g() {
            double t = 0.0;
            for (int i = 0; i < 12; i++) {
                t += u();
            }
            return t - 6.0;
        }
    }

    /** Blobs {@code x = centre + mix z}, as {@code blobs(seed, sizes, centres, mix)} in the script. */
    static double[][] blobs(long seed, int[] sizes, double[][] centres, double[][][] mix) {
        Lcg r = new Lcg(seed);
        int n = 0;
        for (int m : sizes) {
            n += m;
        }
        double[][] out = new double[n][];
        int i = 0;
        for (int c = 0; c < sizes.length; c++) {
            int d = centres[c].length;
            for (int m = 0; m < sizes[c]; m++) {
                double[] z = new double[d];
                for (int q = 0; q < d; q++) {
                    z[q] = r.g();
                }
                double[] row = new double[d];
                for (int j = 0; j < d; j++) {
                    double v = centres[c][j];
                    for (int q = 0; q < d; q++) {
                        v += mix[c][j][q] * z[q];
                    }
                    row[j] = v;
                }
                out[i++] = row;
            }
        }
        return out;
    }

    /** The 40 x 3 dataset of the linkage comparisons. */
    static double[][] linkageData() {
        double[][] eye = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        return blobs(11, new int[] {8, 12, 20}, new double[][] {{0, 0, 0}, {4, 1, 0}, {1, 4, 2}}, new double[][][] {eye, eye, eye});
    }

    /** The 300 x 2 dataset of the Gaussian mixture comparisons (blob sizes 60, 100, 140). */
    static double[][] mixtureData() {
        return blobs(3, new int[] {60, 100, 140}, new double[][] {{0, 0}, {6, 1}, {2, 7}},
                new double[][][] {{{1.0, 0.0}, {0.5, 0.8}}, {{0.6, -0.3}, {0.0, 0.5}}, {{1.2, 0.4}, {0.4, 0.9}}});
    }

    /** The 270 x 3 dataset of overlapping blobs (sizes 70, 90, 110) for the Gaussian mixture comparisons. */
    static double[][] overlapData() {
        return blobs(21, new int[] {70, 90, 110}, new double[][] {{0, 0, 0}, {2.5, 0.5, 0}, {1, 2.5, 1}},
                new double[][][] {{{1.0, 0.0, 0.0}, {0.3, 0.8, 0.0}, {0.0, 0.2, 0.6}}, {{0.7, -0.3, 0.0}, {0.0, 0.6, 0.2}, {0.1, 0.0, 0.9}},
                        {{1.1, 0.3, 0.0}, {0.2, 0.9, 0.0}, {0.0, 0.0, 0.5}}});
    }

    /** {@code grid_image(seed, ny, nx)}: two features per pixel, three regions plus 0.35 * noise, row-major scan. */
    static double[][] gridImage(long seed, int ny, int nx) {
        Lcg r = new Lcg(seed);
        double[][] out = new double[ny * nx][];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                double b0, b1;
                if (x < 4) {
                    b0 = 0.0;
                    b1 = 0.0;
                } else if ((x - 10) * (x - 10) + (y - 6) * (y - 6) <= 12) {
                    b0 = 3.0;
                    b1 = 2.0;
                } else {
                    b0 = 1.5;
                    b1 = -1.0;
                }
                double a = r.g();
                double b = r.g();
                out[y * nx + x] = new double[] {b0 + 0.35 * a, b1 + 0.35 * b};
            }
        }
        return out;
    }
}
