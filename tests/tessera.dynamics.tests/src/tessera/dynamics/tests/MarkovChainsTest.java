package tessera.dynamics.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import tessera.core.analysis.DynamicsResult;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.dynamics.MarkovChains;
import tessera.dynamics.MaximumLikelihoodMsm;

/**
 * The Markov estimator against a NumPy reference ({@code tools/markov_reference.py}: 25 trajectories of 400 frames
 * drawn from a known 4-state matrix, 2 % of the frames not seen), on long synthetic series from a known matrix
 * (‖T̂ − T‖_F and the coverage of the 95 % intervals), gaps, and the refusals.
 */
class MarkovChainsTest {
    static Map<String, double[]> reference() throws IOException {
        Map<String, double[]> m = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(MarkovChainsTest.class.getResourceAsStream("markov-reference.tsv"), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null;) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] kv = line.split("\t");
                m.put(kv[0], Arrays.stream(kv[1].split(" ")).mapToDouble(Double::parseDouble).toArray());
            }
        }
        return m;
    }

    static int[][] labels() throws IOException {
        List<int[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(MarkovChainsTest.class.getResourceAsStream("markov-labels.csv"), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null;) {
                rows.add(Arrays.stream(line.split(",")).mapToInt(Integer::parseInt).toArray());
            }
        }
        return rows.toArray(int[][]::new);
    }

    static double[] flat(double[][] m) {
        return Arrays.stream(m).flatMapToDouble(Arrays::stream).toArray();
    }

    static Dataset dataset(int[][] l) {
        double[] v = new double[l.length * l[0].length];
        for (int s = 0; s < l.length; s++) {
            for (int f = 0; f < l[0].length; f++) {
                v[s * l[0].length + f] = l[s][f];
            }
        }
        return Dataset.ofDoubles(v, List.of(Axis.uncalibrated("site", l.length, true), Axis.uncalibrated("frame", l[0].length, false)), new Metadata().title("labels"));
    }

    static DynamicsResult estimate(Dataset d, Map<String, Object> p) {
        MaximumLikelihoodMsm m = new MaximumLikelihoodMsm();
        return m.estimate(d, Parameters.of(m.parameters(), p), ProgressMonitor.NULL);
    }

    @Test
    void equalsTheNumpyReference() throws IOException {
        Map<String, double[]> ref = reference();
        int[][] l = labels();
        for (int lag : new int[] { 1, 3 }) {
            String k = "lag" + lag + ".";
            double[][] c = MarkovChains.counts(l, 4, lag);
            assertArrayEquals(ref.get(k + "counts"), flat(c), 0.0, "counts at lag " + lag);
            double[][] t = MarkovChains.maximumLikelihood(c);
            assertArrayEquals(ref.get(k + "T"), flat(t), 1e-12, "T at lag " + lag);
            assertArrayEquals(ref.get(k + "pi"), MarkovChains.stationary(t), 1e-12, "stationary distribution at lag " + lag);
            assertArrayEquals(ref.get(k + "timescales"), MarkovChains.impliedTimescales(t, lag), 1e-10, "implied timescales at lag " + lag);
            assertArrayEquals(ref.get(k + "mfpt"), flat(MarkovChains.meanFirstPassageTimes(t, lag)), 1e-10, "MFPT at lag " + lag);
            double[][] rev = MarkovChains.reversibleMaximumLikelihood(c, 1e-15, 100_000);
            assertArrayEquals(ref.get(k + "T_rev"), flat(rev), 1e-10, "reversible T at lag " + lag);
            double[] pr = MarkovChains.stationary(rev);
            assertArrayEquals(ref.get(k + "pi_rev"), pr, 1e-10);
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    assertEquals(pr[i] * rev[i][j], pr[j] * rev[j][i], 1e-12, "detailed balance " + i + "," + j);
                }
            }
        }
        // through the contribution: the same numbers as datasets
        DynamicsResult r = estimate(dataset(l), Map.of("lag", 3, "samples", 0));
        assertArrayEquals(ref.get("lag3.T"), r.output(DynamicsResult.TRANSITION_MATRIX).toDoubleArray(), 1e-12);
        assertEquals(List.of(4, 4), List.of(r.output(DynamicsResult.COUNTS).shape()[0], r.output(DynamicsResult.COUNTS).shape()[1]));
    }

    /** A gap (−1) breaks the trajectory: no transition is counted across it, at any lag that spans it. */
    @Test
    void aFrameNotSeenBreaksTheTrajectory() {
        int[][] l = { { 0, 0, 1, -1, 1, 0, 1 } };
        // lag 1: 0→0, 0→1 before the gap, 1→0, 0→1 after it; nothing from or to frame 3
        assertArrayEquals(new double[] { 1, 2, 1, 0 }, flat(MarkovChains.counts(l, 2, 1)));
        double[][] c2 = MarkovChains.counts(l, 2, 2);
        // lag 2: (0,1) from frames 0→2, (1,1) from 4→6; 1→1 across the gap (2→4) is not counted
        assertEquals(1, c2[0][1]);
        assertEquals(1, c2[1][1]);
        assertEquals(2, Arrays.stream(flat(c2)).sum());
    }

    /**
     * 40 trajectories of 500 frames from a known 3-state matrix: ‖T̂ − T‖_F &lt; 0.05, and the true entries lie in
     * their 95 % posterior intervals for at least 90 % of them over 20 independent series (expected 95 %).
     */
    @Test
    void recoversAKnownMatrixWithCalibratedIntervals() {
        double[][] truth = { { 0.92, 0.05, 0.03 }, { 0.10, 0.85, 0.05 }, { 0.04, 0.12, 0.84 } };
        int inside = 0, total = 0;
        for (int rep = 0; rep < 20; rep++) {
            int[][] l = simulate(truth, 40, 500, new SplittableRandom(100 + rep));
            DynamicsResult r = estimate(dataset(l), Map.of("lag", 1, "samples", 400, "seed", (long) rep));
            double[] t = r.output(DynamicsResult.TRANSITION_MATRIX).toDoubleArray();
            double[] lo = r.output(DynamicsResult.T_LOW).toDoubleArray();
            double[] hi = r.output(DynamicsResult.T_HIGH).toDoubleArray();
            double f = 0;
            for (int i = 0; i < 9; i++) {
                double d = t[i] - truth[i / 3][i % 3];
                f += d * d;
                inside += lo[i] <= truth[i / 3][i % 3] && truth[i / 3][i % 3] <= hi[i] ? 1 : 0;
                total++;
            }
            assertTrue(Math.sqrt(f) < 0.05, "Frobenius error " + Math.sqrt(f));
        }
        assertTrue(inside >= 0.9 * total, inside + " of " + total + " true entries inside their 95 % intervals");
        // the stationary distribution of the truth: π T = π
        int[][] l = simulate(truth, 40, 500, new SplittableRandom(7));
        double[] pi = estimate(dataset(l), Map.of("samples", 0)).output(DynamicsResult.STATIONARY).toDoubleArray();
        double[] piTrue = MarkovChains.stationary(truth);
        assertArrayEquals(piTrue, pi, 0.02);
    }

    static int[][] simulate(double[][] t, int sites, int frames, SplittableRandom rnd) {
        int n = t.length;
        int[][] l = new int[sites][frames];
        for (int s = 0; s < sites; s++) {
            int x = rnd.nextInt(n);
            for (int f = 0; f < frames; f++) {
                l[s][f] = x;
                double u = rnd.nextDouble(), c = 0;
                int nx = n - 1;
                for (int j = 0; j < n; j++) {
                    c += t[x][j];
                    if (u < c) {
                        nx = j;
                        break;
                    }
                }
                x = nx;
            }
        }
        return l;
    }

    @Test
    void badInputIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> estimate(dataset(new int[][] { { 0 }, { 1 } }), Map.of()));
        assertTrue(e.getMessage().contains("single frame"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> estimate(dataset(new int[][] { { 0, 0, 0 } }), Map.of()));
        assertTrue(e.getMessage().contains("fewer than two classes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> estimate(dataset(new int[][] { { 0, 1, 0 } }), Map.of("lag", 3)));
        assertTrue(e.getMessage().contains("not shorter than the series"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> estimate(dataset(new int[][] { { 0, 1, 0, 0 } }), Map.of("lag", 1, "classes", 3)));
        assertTrue(e.getMessage().contains("class 2 has no transition out of it"), e.getMessage());
        Dataset half = Dataset.ofDoubles(new double[] { 0, 1.5, 1 }, List.of(Axis.uncalibrated("frame", 3, false)), new Metadata());
        e = assertThrows(IllegalArgumentException.class, () -> estimate(half, Map.of()));
        assertTrue(e.getMessage().contains("label 1.5"), e.getMessage());
    }
}
