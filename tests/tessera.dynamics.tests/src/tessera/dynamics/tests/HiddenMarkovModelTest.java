package tessera.dynamics.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import tessera.core.analysis.DynamicsResult;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Dataset;
import tessera.dynamics.HiddenMarkovModel;
import tessera.dynamics.MarkovChains;
import tessera.dynamics.MaximumLikelihoodMsm;

/**
 * The hidden Markov model: on clean labels it is the Markov model of the labels (E = I, the same T); on labels of which
 * 15 % are wrong it recovers the true T and the misclassification rate, where the Markov model of the labels is biased
 * (its diagonal shrinks).
 */
class HiddenMarkovModelTest {
    static final double[][] T = {{0.92, 0.05, 0.03}, {0.06, 0.88, 0.06}, {0.04, 0.08, 0.88}};

    static double fro(Dataset t, double[][] ref) {
        double s = 0;
        int n = ref.length;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                s += Math.pow(t.getDouble((long) i * n + j) - ref[i][j], 2);
            }
        }
        return Math.sqrt(s);
    }

    @Test
    void cleanLabelsGiveTheMarkovModelOfTheLabels() {
        int[][] l = MarkovChainsTest.simulate(T, 20, 300, new SplittableRandom(2));
        HiddenMarkovModel h = new HiddenMarkovModel();
        DynamicsResult r = h.estimate(MarkovChainsTest.dataset(l), Parameters.of(h.parameters(), Map.of()), ProgressMonitor.NULL);
        double[][] ml = MarkovChains.maximumLikelihood(MarkovChains.counts(l, 3, 1));
        assertTrue(fro(r.output(DynamicsResult.TRANSITION_MATRIX), ml) < 1e-4, "HMM T vs the labels' ML T: " + fro(r.output(DynamicsResult.TRANSITION_MATRIX), ml));
        Dataset e = r.output(DynamicsResult.EMISSION);
        for (int i = 0; i < 3; i++) {
            assertEquals(1.0, e.getDouble((long) i * 3 + i), 1e-4, "E[" + i + "][" + i + "]");
        }
    }

    @Test
    void misclassifiedLabelsRecovered() {
        SplittableRandom rnd = new SplittableRandom(5);
        int[][] l = MarkovChainsTest.simulate(T, 40, 500, rnd);
        int flipped = 0, total = 0;
        for (int[] row : l) {
            for (int f = 0; f < row.length; f++) {
                if (row[f] < 0) {
                    continue;
                }
                total++;
                if (rnd.nextDouble() < 0.15) {
                    row[f] = (row[f] + 1 + rnd.nextInt(2)) % 3;
                    flipped++;
                }
            }
        }
        Dataset d = MarkovChainsTest.dataset(l);
        MaximumLikelihoodMsm msm = new MaximumLikelihoodMsm();
        double biased = fro(msm.estimate(d, Parameters.of(msm.parameters(), Map.of("samples", 0)), ProgressMonitor.NULL).output(DynamicsResult.TRANSITION_MATRIX), T);
        HiddenMarkovModel h = new HiddenMarkovModel();
        DynamicsResult r = h.estimate(d, Parameters.of(h.parameters(), Map.of()), ProgressMonitor.NULL);
        double hidden = fro(r.output(DynamicsResult.TRANSITION_MATRIX), T);
        System.out.printf("HMM: %d of %d labels wrong; ||T^ - T||_F: Markov model of the labels %.4f, HMM %.4f%n", flipped, total, biased, hidden);
        assertTrue(biased > 0.2, "the labels' Markov model is biased by the wrong labels: " + biased);
        assertTrue(hidden < 0.05, "HMM: " + hidden);
        Dataset e = r.output(DynamicsResult.EMISSION);
        for (int i = 0; i < 3; i++) {
            assertEquals(0.85, e.getDouble((long) i * 3 + i), 0.02, "E[" + i + "][" + i + "]: the right-label rate");
        }
    }
}
