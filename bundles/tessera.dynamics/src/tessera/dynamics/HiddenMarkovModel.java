package tessera.dynamics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tessera.core.analysis.DynamicsModel;
import tessera.core.analysis.DynamicsResult;
import tessera.core.analysis.IncompatibleDataException;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;

/**
 * {@code tessera.dynamics.hmm}: a hidden Markov model of class trajectories, for labels that are sometimes wrong (a
 * misclassified frame looks like two quick transitions and shrinks the diagonal of a Markov model fitted to the labels
 * themselves). n hidden states with a transition matrix T at lag τ, each emitting the observed labels through an
 * emission matrix E ({@code [n hidden, n observed]}), fitted by maximum likelihood with the Baum–Welch (EM) algorithm
 * on scaled forward–backward passes, pooled over all trajectories; a frame not seen (−1) ends a trajectory segment, as
 * in the counts of {@code tessera.dynamics.msm}; at lag τ each trajectory gives τ interleaved sequences (frames o,
 * o + τ, ...). EM starts from the labels' own maximum-likelihood T and E = (1 − ε) I + ε/(n − 1) (off the diagonal),
 * so hidden state i is the one mostly seen as class i. Outputs as {@link DynamicsResult}: the expected hidden
 * transition counts, T, its stationary distribution, implied timescales, mean first-passage times, and
 * {@link DynamicsResult#EMISSION}; no posterior intervals.
 * <p>
 * Sources: L. E. Baum et al., Ann. Math. Statist. 41 (1970) 164, doi:10.1214/aoms/1177697196; L. R. Rabiner, Proc. IEEE
 * 77 (1989) 257, doi:10.1109/5.18626 (scaling); F. Noé et al., J. Chem. Phys. 139 (2013) 184114,
 * doi:10.1063/1.4828816 (hidden Markov models of molecular kinetics, deeptime's {@code MaximumLikelihoodHMM}).
 */
public final class HiddenMarkovModel implements DynamicsModel {
    /** contribution id */
    public static final String ID = "tessera.dynamics.hmm";

    private static final List<ParameterSpec> PARAMS = List.of(ParameterSpec.ofInt("lag", 1, 1, null, "lag time τ in frames"),
            ParameterSpec.ofInt("classes", 0, 0, null, "number of classes n, hidden and observed (0: the largest label + 1)"),
            ParameterSpec.ofDouble("misclassification", 0.1, 1e-6, 0.9, "", "ε of the starting emission matrix: the assumed fraction of wrong labels"),
            ParameterSpec.ofInt("maxIterations", 1000, 1, 1_000_000, "most EM iterations"),
            ParameterSpec.ofDouble("tol", 1e-10, 0.0, 1.0, "", "stop when the log-likelihood gains less than tol × |log-likelihood| in an iteration"));

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(new LiteratureReference("L. R. Rabiner, A tutorial on hidden Markov models and selected applications in speech recognition, Proc. IEEE 77 (1989) 257",
                "10.1109/5.18626"),
                new LiteratureReference("F. Noé, H. Wu, J.-H. Prinz, N. Plattner, Projected and hidden Markov models for calculating kinetics and metastable states of complex molecules, J. Chem. Phys. 139 (2013) 184114",
                        "10.1063/1.4828816"));
    }

    /**
     * @throws IllegalArgumentException as {@link DynamicsModel#estimate}, as an {@link IncompatibleDataException} naming
     *                                  the file
     */
    @Override
    public DynamicsResult estimate(Dataset labels, Parameters p, ProgressMonitor monitor) {
        try {
            return run(labels, p, monitor);
        } catch (IllegalArgumentException e) {
            throw IncompatibleDataException.of(labels, e); // returns an IncompatibleDataException as it is
        }
    }

    private DynamicsResult run(Dataset labels, Parameters p, ProgressMonitor monitor) {
        int[][] tr = MaximumLikelihoodMsm.trajectories(labels);
        int lag = p.getInt("lag");
        int n = MaximumLikelihoodMsm.classes(tr, lag, p.getInt("classes"));
        List<int[]> seqs = sequences(tr, lag);
        double[][] c0 = MarkovChains.counts(tr, n, lag);
        double[][] t = new double[n][n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += c0[i][j] + 1e-3;
            }
            for (int j = 0; j < n; j++) {
                t[i][j] = (c0[i][j] + 1e-3) / s;
            }
        }
        double eps = p.getDouble("misclassification");
        double[][] e = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                e[i][k] = i == k ? 1 - eps : eps / (n - 1);
            }
        }
        double[] p0 = new double[n];
        for (int[] s : seqs) {
            p0[s[0]] += 1.0 / seqs.size();
        }
        int maxIt = p.getInt("maxIterations");
        double tol = p.getDouble("tol");
        monitor.begin("hidden Markov model (" + n + " states, lag " + lag + ")", maxIt);
        double ll = Double.NEGATIVE_INFINITY;
        double[][] xiSum = new double[n][n];
        int it = 0;
        try {
            for (; it < maxIt; it++) {
                if (monitor.isCanceled()) {
                    throw new java.util.concurrent.CancellationException("cancelled");
                }
                double[][] xs = new double[n][n], es = new double[n][n];
                double[] gFrom = new double[n], gAll = new double[n], g0 = new double[n];
                double now = 0;
                for (int[] o : seqs) {
                    now += pass(o, t, e, p0, xs, es, gFrom, gAll, g0);
                }
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        t[i][j] = gFrom[i] > 0 ? xs[i][j] / gFrom[i] : (i == j ? 1 : 0);
                    }
                    for (int k = 0; k < n; k++) {
                        e[i][k] = gAll[i] > 0 ? es[i][k] / gAll[i] : (i == k ? 1 : 0);
                    }
                    p0[i] = g0[i] / seqs.size();
                }
                xiSum = xs;
                monitor.worked(1);
                boolean done = now - ll <= tol * Math.abs(now);
                ll = now;
                if (done) {
                    it++;
                    break;
                }
            }
        } finally {
            monitor.done();
        }
        double[] pi = MarkovChains.stationary(t);
        Map<String, Dataset> out = new LinkedHashMap<>();
        out.put(DynamicsResult.COUNTS, MaximumLikelihoodMsm.matrix(xiSum, new Metadata().title("expected hidden transition counts (lag " + lag + " frames)")));
        out.put(DynamicsResult.TRANSITION_MATRIX, MaximumLikelihoodMsm.matrix(t, new Metadata().title("hidden transition matrix T (lag " + lag + " frames)")
                .set("Signal.reversible", false).set("Signal.log_likelihood", ll).set("Signal.iterations", it)));
        out.put(DynamicsResult.STATIONARY, MaximumLikelihoodMsm.vector(pi, "state", new Metadata().title("stationary distribution of the hidden states")));
        out.put(DynamicsResult.TIMESCALES, MaximumLikelihoodMsm.vector(MarkovChains.impliedTimescales(t, lag), "process", new Metadata().title("implied timescales (frames)")));
        out.put(DynamicsResult.MFPT, MaximumLikelihoodMsm.matrix(MarkovChains.meanFirstPassageTimes(t, lag), new Metadata().title("mean first-passage times (frames), from row to column")));
        double[] ev = new double[n * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(e[i], 0, ev, i * n, n);
        }
        out.put(DynamicsResult.EMISSION, Dataset.ofDoubles(ev, List.of(Axis.uncalibrated("hidden state", n, true), Axis.uncalibrated("observed class", n, false)),
                new Metadata().title("emission matrix E: P(observed class | hidden state)")));
        return new DynamicsResult(ID, lag, out, p);
    }

    /** The sequences of seen labels τ frames apart: per trajectory and offset, split where a frame is not seen. */
    static List<int[]> sequences(int[][] tr, int lag) {
        List<int[]> out = new ArrayList<>();
        for (int[] t : tr) {
            for (int o = 0; o < lag; o++) {
                List<Integer> cur = new ArrayList<>();
                for (int f = o; f < t.length; f += lag) {
                    if (t[f] < 0) {
                        flush(cur, out);
                    } else {
                        cur.add(t[f]);
                    }
                }
                flush(cur, out);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no two seen frames a lag apart: nothing to fit");
        }
        return out;
    }

    private static void flush(List<Integer> cur, List<int[]> out) {
        if (cur.size() >= 2) {
            out.add(cur.stream().mapToInt(Integer::intValue).toArray());
        }
        cur.clear();
    }

    /**
     * One scaled forward–backward pass over a sequence (Rabiner 1989, §V.A), accumulating the expected transitions
     * {@code xs}, the expected emissions {@code es}, the state occupations before a transition {@code gFrom}, in all
     * frames {@code gAll} and in the first frame {@code g0}.
     *
     * @return the sequence's log-likelihood
     */
    private static double pass(int[] o, double[][] t, double[][] e, double[] p0, double[][] xs, double[][] es, double[] gFrom, double[] gAll, double[] g0) {
        int len = o.length, n = t.length;
        double[][] a = new double[len][n], b = new double[len][n];
        double[] c = new double[len];
        for (int i = 0; i < n; i++) {
            a[0][i] = p0[i] * e[i][o[0]];
            c[0] += a[0][i];
        }
        c[0] = c[0] > 0 ? c[0] : Double.MIN_NORMAL;
        for (int i = 0; i < n; i++) {
            a[0][i] /= c[0];
        }
        for (int u = 1; u < len; u++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += a[u - 1][i] * t[i][j];
                }
                a[u][j] = s * e[j][o[u]];
                c[u] += a[u][j];
            }
            c[u] = c[u] > 0 ? c[u] : Double.MIN_NORMAL;
            for (int j = 0; j < n; j++) {
                a[u][j] /= c[u];
            }
        }
        java.util.Arrays.fill(b[len - 1], 1);
        for (int u = len - 2; u >= 0; u--) {
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += t[i][j] * e[j][o[u + 1]] * b[u + 1][j];
                }
                b[u][i] = s / c[u + 1];
            }
        }
        double ll = 0;
        for (int u = 0; u < len; u++) {
            ll += Math.log(c[u]);
            for (int i = 0; i < n; i++) {
                double g = a[u][i] * b[u][i];
                gAll[i] += g;
                es[i][o[u]] += g;
                if (u == 0) {
                    g0[i] += g;
                }
                if (u < len - 1) {
                    gFrom[i] += g;
                    for (int j = 0; j < n; j++) {
                        xs[i][j] += a[u][i] * t[i][j] * e[j][o[u + 1]] * b[u + 1][j] / c[u + 1];
                    }
                }
            }
        }
        return ll;
    }
}
