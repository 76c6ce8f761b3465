package tessera.cluster.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Fixed inputs and peer references of the density-based clusterer tests (HdbscanTest, DbscanTest).
 */
final class DensityData {
    private DensityData() {
    }

    /** @return a CSV file under tests/tessera.cluster.tests/data/ (system property tessera.root = repository root) */
    static Path file(String name) {
        return Path.of(System.getProperty("tessera.root", "."), "tests", "tessera.cluster.tests", "data", name);
    }

    /**
     * Reads a CSV with a header line.
     *
     * @return the columns by header name, in file order
     */
    static Map<String, double[]> csv(String name) throws IOException {
        List<String> lines = Files.readAllLines(file(name));
        String[] head = lines.get(0).split(",");
        Map<String, double[]> cols = new java.util.LinkedHashMap<>();
        for (String h : head) {
            cols.put(h, new double[lines.size() - 1]);
        }
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            for (int j = 0; j < head.length; j++) {
                cols.get(head[j])[i - 1] = Double.parseDouble(f[j]);
            }
        }
        return cols;
    }

    /**
     * density_blobs.csv (written by benchmarks/peers/density_blobs_data.py): 4 Gaussian blobs in 2-D, sizes 140, 120,
     * 90, 100 with standard deviations 0.25, 0.6, 0.15, 1.0, and 50 uniform noise points.
     *
     * @return {@code [500][2]}
     */
    static double[][] blobs() throws IOException {
        Map<String, double[]> c = csv("density_blobs.csv");
        double[] x = c.get("x"), y = c.get("y");
        double[][] f = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            f[i] = new double[] {x[i], y[i]};
        }
        return f;
    }

    /** @return the column as int labels */
    static int[] ints(double[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (int) v[i];
        }
        return out;
    }

    /**
     * A 128 x 128 map (16 384 samples) of three phases in 5-D: a disk (radius 30 at (40, 40)), a horizontal band
     * (rows 90..115) and the matrix elsewhere, each phase a point in feature space plus Gaussian noise of
     * standard deviation {@code sigma}; 1 % of the pixels (every 100th) are replaced by uniform outliers in
     * {@code [-4, 8]^5}.
     *
     * @param truth filled with the phase per sample (0 matrix, 1 disk, 2 band; -1 outlier)
     * @return {@code [16384][5]}
     */
    static double[][] phaseMap(int[] truth, double sigma) {
        double[][] phase = {{0, 0, 0, 0, 0}, {4, 1, 0, 2, 0}, {0, 4, 3, 0, 1}};
        SplittableRandom r = new SplittableRandom(42);
        double[][] f = new double[128 * 128][5];
        for (int y = 0; y < 128; y++) {
            for (int xx = 0; xx < 128; xx++) {
                int i = y * 128 + xx;
                int p = (xx - 40) * (xx - 40) + (y - 40) * (y - 40) <= 900 ? 1 : y >= 90 && y < 116 ? 2 : 0;
                for (int j = 0; j < 5; j++) {
                    f[i][j] = phase[p][j] + sigma * r.nextGaussian();
                }
                if (i % 100 == 99) {
                    p = -1;
                    for (int j = 0; j < 5; j++) {
                        f[i][j] = -4 + 12 * r.nextDouble();
                    }
                }
                truth[i] = p;
            }
        }
        return f;
    }

    /**
     * Maps the labels of {@code ours} onto those of {@code peer} where the two are the same partition with the same
     * noise ({@code ours == -1} exactly where {@code peer == peerNoise}).
     *
     * @return null if they are the same partition, else a message naming the first differing sample
     */
    static String samePartition(int[] ours, int[] peer, int peerNoise) {
        Map<Integer, Integer> fwd = new HashMap<>(), back = new HashMap<>();
        for (int i = 0; i < ours.length; i++) {
            boolean noiseO = ours[i] == -1, noiseP = peer[i] == peerNoise;
            if (noiseO != noiseP) {
                return "sample " + i + ": ours " + ours[i] + ", peer " + peer[i];
            }
            if (noiseO) {
                continue;
            }
            Integer f = fwd.putIfAbsent(ours[i], peer[i]), g = back.putIfAbsent(peer[i], ours[i]);
            if (f != null && f != peer[i] || g != null && g != ours[i]) {
                return "sample " + i + ": ours " + ours[i] + ", peer " + peer[i] + " (cluster maps to " + f + " / " + g + ")";
            }
        }
        return null;
    }
}
