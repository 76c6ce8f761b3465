package tessera.script.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.core.registry.Registry;
import tessera.dynamics.MarkovChains;
import tessera.script.ScriptLanguage;
import tessera.script.ScriptSession;

/**
 * {@code s.transition_matrix(...)} on class trajectories in JavaScript and Python: T and π equal the estimator's
 * (tessera.dynamics.msm), the outputs are members in snake_case, and a frame not seen breaks a trajectory.
 */
class DynamicsFacadeTest {
    @Test
    void transitionMatrixInJavaScriptAndPython(@TempDir Path dir) throws Exception {
        int[][] l = { { 0, 0, 1, 1, 0, -1, 0, 1, 1, 1 }, { 1, 1, 0, 0, 0, 1, -1, 1, 0, 0 } };
        double[] v = new double[20];
        for (int s = 0; s < 2; s++) {
            for (int f = 0; f < 10; f++) {
                v[s * 10 + f] = l[s][f];
            }
        }
        Path file = dir.resolve("labels.npy");
        Registry.get().formats().writerFor(file).write(Dataset.ofInts(toInts(v), List.of(Axis.uncalibrated("site", 2, true), Axis.uncalibrated("frame", 10, false)),
                new Metadata().title("labels")), file);
        double[][] t = MarkovChains.maximumLikelihood(MarkovChains.counts(l, 2, 1));
        double[] pi = MarkovChains.stationary(t);
        try (ScriptSession js = Scripts.session(ScriptLanguage.JS, dir, List.of(file.toString()), new ByteArrayOutputStream())) {
            js.eval("var m = tessera.load(args[0]).transition_matrix({lag: 1, samples: 100, seed: 1});", "t.js", false);
            assertEquals(t[0][1], js.eval("m.transition_matrix.data.typed()[1]", "t.js", false).asDouble(), 1e-15);
            assertEquals(pi[1], js.eval("m.stationary_distribution.data.typed()[1]", "t.js", false).asDouble(), 1e-15);
            assertEquals(7.0, js.eval("m.counts.data.typed()[0] + m.counts.data.typed()[1]", "t.js", false).asDouble(), 0.0,
                    "transitions out of class 0, none across a gap");
            String keys = js.eval("Object.keys(m).join(',')", "t.js", false).asString();
            assertTrue(keys.contains("transition_matrix_low95") && keys.contains("mean_first_passage_times"), keys);
        }
        try (ScriptSession py = Scripts.session(ScriptLanguage.PYTHON, dir, List.of(file.toString()), new ByteArrayOutputStream())) {
            py.eval("m = tessera.load(args[0]).transition_matrix(lag=1, samples=0)", "t.py", false);
            assertEquals(t[1][0], py.eval("float(m.transition_matrix.data[1, 0])", "t.py", false).asDouble(), 1e-15);
            // the hidden Markov model on these clean labels: emissions the identity, T the labels' own
            py.eval("h = tessera.load(args[0]).transition_matrix(model='hmm')", "t.py", false);
            assertEquals(1.0, py.eval("float(h.emission_matrix.data[0, 0])", "t.py", false).asDouble(), 1e-4);
            assertEquals(t[1][0], py.eval("float(h.transition_matrix.data[1, 0])", "t.py", false).asDouble(), 1e-3);
        }
    }

    private static int[] toInts(double[] v) {
        int[] o = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = (int) v[i];
        }
        return o;
    }
}
