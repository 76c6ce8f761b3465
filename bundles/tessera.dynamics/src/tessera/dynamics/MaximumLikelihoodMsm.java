package tessera.dynamics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

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
 * {@code tessera.dynamics.msm}: a Markov state model of class trajectories, as deeptime's
 * {@code TransitionCountEstimator(lagtime, "sliding")} + {@code MaximumLikelihoodMSM} + {@code BayesianMSM}
 * ({@link MarkovChains} has the formulas and sources).
 * <ul>
 * <li>counts pooled over all trajectories at lag τ ({@code lag}, frames); a frame where a site is not seen (−1) breaks
 * its trajectory (no transition across it) — not AtomAI's average of per-trajectory row-normalised matrices, which
 * weights a 3-frame track like a 300-frame one;</li>
 * <li>maximum-likelihood T, non-reversible by default (beam-driven dynamics need not obey detailed balance),
 * reversible ({@code reversible}) by Prinz's fixed point; the detailed-balance likelihood-ratio test is in the
 * metadata of T either way ({@code Signal.detailed_balance_test}: G, dof, p);</li>
 * <li>stationary distribution, implied timescales at τ and, for {@code lags}, against lag (Chapman–Kolmogorov: they
 * stay constant for a Markovian process), mean first-passage times;</li>
 * <li>uncertainties from {@code samples} draws of the row-wise Dirichlet(C + {@code prior}) posterior ({@code seed}):
 * standard deviations and 95 % intervals of every entry of T and the standard deviation of π (for the
 * non-reversible model; a reversible estimate reports the same Dirichlet spread, an approximation).</li>
 * </ul>
 * Classes are 0..n−1 with n = {@code classes}, or the largest label + 1.
 */
public final class MaximumLikelihoodMsm implements DynamicsModel {
    /** contribution id */
    public static final String ID = "tessera.dynamics.msm";
    /** convergence of the reversible fixed point (max change of the stationary vector) and its iteration limit */
    private static final double REV_TOL = 1e-12;
    private static final int REV_ITERATIONS = 100_000;

    private static final List<ParameterSpec> PARAMS = List.of(ParameterSpec.ofInt("lag", 1, 1, null, "lag time τ in frames"),
            ParameterSpec.ofBoolean("reversible", false, "enforce detailed balance (reversible maximum likelihood)"),
            ParameterSpec.ofInt("classes", 0, 0, null, "number of classes n (0: the largest label + 1)"),
            ParameterSpec.ofString("lags", "", "lags in frames for the implied timescales against lag, comma separated (empty: none)"),
            ParameterSpec.ofInt("samples", 1000, 0, 1_000_000, "posterior samples for the uncertainties (0: none)"),
            ParameterSpec.ofDouble("prior", 1.0, 1e-9, null, "", "Dirichlet prior pseudo-count added to every entry of C for the posterior"),
            ParameterSpec.ofLong("seed", 0L, "seed of the posterior samples"));

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(new LiteratureReference("J.-H. Prinz et al., Markov models of molecular kinetics: generation and validation, J. Chem. Phys. 134 (2011) 174105",
                "10.1063/1.3565032"),
                new LiteratureReference("M. Hoffmann et al., Deeptime: a Python library for machine learning dynamical models from time series data, Mach. Learn.: Sci. Technol. 3 (2022) 015009",
                        "10.1088/2632-2153/ac3de0"),
                new LiteratureReference("M. Ziatdinov et al., Deep learning of atomically resolved scanning transmission electron microscopy images: chemical identification and tracking local transformations, ACS Nano 11 (2017) 12742",
                        "10.1021/acsnano.7b07504"));
    }

    /**
     * @throws IllegalArgumentException as {@link DynamicsModel#estimate}, as an {@link IncompatibleDataException} whose
     *                                  message starts with the file's name; also if a lag of {@code lags} is not a
     *                                  positive integer shorter than the series
     */
    @Override
    public DynamicsResult estimate(Dataset labels, Parameters p, ProgressMonitor monitor) {
        try {
            return run(labels, p, monitor);
        } catch (IllegalArgumentException e) {
            throw IncompatibleDataException.of(labels, e); // returns an IncompatibleDataException as it is // bad data: the message names the file
        }
    }

    private DynamicsResult run(Dataset labels, Parameters p, ProgressMonitor monitor) {
        int[][] tr = trajectories(labels);
        int frames = tr[0].length;
        int lag = p.getInt("lag");
        int n = classes(tr, lag, p.getInt("classes"));
        int samples = p.getInt("samples");
        monitor.begin("Markov model (" + n + " classes, lag " + lag + ")", samples + 2L);
        try {
            double[][] c = MarkovChains.counts(tr, n, lag);
            boolean rev = p.getBoolean("reversible");
            double[][] tNonRev = MarkovChains.maximumLikelihood(c);
            double[][] tRev = MarkovChains.reversibleMaximumLikelihood(c, REV_TOL, REV_ITERATIONS);
            double[][] t = rev ? tRev : tNonRev;
            double[] pi = MarkovChains.stationary(t);
            double[] its = MarkovChains.impliedTimescales(t, lag);
            double[][] mfpt = MarkovChains.meanFirstPassageTimes(t, lag);
            double[] db = MarkovChains.detailedBalanceTest(c, tNonRev, tRev);
            monitor.worked(1);
            Map<String, Dataset> out = new LinkedHashMap<>();
            Map<String, Object> test = new LinkedHashMap<>();
            test.put("G", db[0]);
            test.put("dof", db[1]);
            test.put("p", db[2]);
            Metadata tm = meta("transition matrix T (lag " + lag + " frames)").set("Signal.detailed_balance_test", test);
            tm.set("Signal.reversible", rev);
            out.put(DynamicsResult.COUNTS, matrix(c, meta("transition counts C (lag " + lag + " frames)")));
            out.put(DynamicsResult.TRANSITION_MATRIX, matrix(t, tm));
            out.put(DynamicsResult.STATIONARY, vector(pi, "class", meta("stationary distribution")));
            out.put(DynamicsResult.TIMESCALES, vector(its, "process", meta("implied timescales (frames)")));
            out.put(DynamicsResult.MFPT, matrix(mfpt, meta("mean first-passage times (frames), from row to column")));
            String lags = p.getString("lags");
            if (lags != null && !lags.isBlank()) {
                out.put(DynamicsResult.TIMESCALES_BY_LAG, byLag(tr, n, lags, frames, rev));
            }
            if (samples > 0) {
                SplittableRandom rnd = new SplittableRandom(p.getLong("seed"));
                double alpha = p.getDouble("prior");
                double[][][] ts = new double[samples][][];
                double[][] ps = new double[samples][];
                for (int s = 0; s < samples; s++) {
                    if (monitor.isCanceled()) {
                        throw new java.util.concurrent.CancellationException("cancelled");
                    }
                    ts[s] = MarkovChains.posteriorSample(c, alpha, rnd);
                    ps[s] = MarkovChains.stationary(ts[s]);
                    monitor.worked(1);
                }
                double[][] sd = new double[n][n], lo = new double[n][n], hi = new double[n][n];
                double[] v = new double[samples];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        for (int s = 0; s < samples; s++) {
                            v[s] = ts[s][i][j];
                        }
                        sd[i][j] = std(v);
                        double[] q = v.clone();
                        Arrays.sort(q);
                        lo[i][j] = quantile(q, 0.025);
                        hi[i][j] = quantile(q, 0.975);
                    }
                }
                double[] psd = new double[n];
                for (int i = 0; i < n; i++) {
                    for (int s = 0; s < samples; s++) {
                        v[s] = ps[s][i];
                    }
                    psd[i] = std(v);
                }
                out.put(DynamicsResult.T_STD, matrix(sd, meta("posterior standard deviation of T")));
                out.put(DynamicsResult.T_LOW, matrix(lo, meta("95 % interval of T, lower end")));
                out.put(DynamicsResult.T_HIGH, matrix(hi, meta("95 % interval of T, upper end")));
                out.put(DynamicsResult.STATIONARY_STD, vector(psd, "class", meta("posterior standard deviation of the stationary distribution")));
            }
            monitor.worked(1);
            return new DynamicsResult(ID, lag, out, p);
        } finally {
            monitor.done();
        }
    }

    private static Dataset byLag(int[][] tr, int n, String lags, int frames, boolean rev) {
        List<Integer> ls = new ArrayList<>();
        for (String s : lags.split(",")) {
            if (s.isBlank()) {
                continue;
            }
            int l;
            try {
                l = Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("lags: '" + s.trim() + "' is not an integer number of frames");
            }
            if (l < 1 || l >= frames) {
                throw new IllegalArgumentException("lags: " + l + " is not in 1.." + (frames - 1));
            }
            ls.add(l);
        }
        double[] v = new double[ls.size() * (n - 1)];
        for (int a = 0; a < ls.size(); a++) {
            double[][] c = MarkovChains.counts(tr, n, ls.get(a));
            double[][] t = rev ? MarkovChains.reversibleMaximumLikelihood(c, REV_TOL, REV_ITERATIONS) : MarkovChains.maximumLikelihood(c);
            System.arraycopy(MarkovChains.impliedTimescales(t, ls.get(a)), 0, v, a * (n - 1), n - 1);
        }
        Metadata md = meta("implied timescales (frames) against lag").set("Signal.lags", List.copyOf(ls));
        return Dataset.ofDoubles(v, List.of(Axis.uncalibrated("lag", ls.size(), true), Axis.uncalibrated("process", n - 1, false)), md);
    }

    /**
     * Checks what every dynamics model needs of class trajectories and a lag, and counts the classes.
     *
     * @param tr      trajectories {@code [sites][frames]}
     * @param lag     τ in frames
     * @param classes the {@code classes} parameter (0: the largest label + 1)
     * @return n ≥ 2
     * @throws IllegalArgumentException for a single frame, a lag not shorter than the series, a label ≥ classes, or
     *                                  fewer than two classes
     */
    static int classes(int[][] tr, int lag, int classes) {
        int frames = tr[0].length;
        if (frames < 2) {
            throw new IllegalArgumentException("the series has a single frame: dynamics need at least two");
        }
        if (lag >= frames) {
            throw new IllegalArgumentException("lag " + lag + " is not shorter than the series (" + frames + " frames)");
        }
        int max = -1;
        for (int[] t : tr) {
            for (int v : t) {
                max = Math.max(max, v);
            }
        }
        int n = classes > 0 ? classes : max + 1;
        if (max >= n) {
            throw new IllegalArgumentException("label " + max + " but classes = " + n);
        }
        if (n < 2) {
            throw new IllegalArgumentException("fewer than two classes (" + n + "): there is no transition to model");
        }
        return n;
    }

    /** @return the labels as {@code [sites][frames]}, checked */
    static int[][] trajectories(Dataset labels) {
        int rank = labels.rank();
        if (rank != 1 && rank != 2) {
            throw new IllegalArgumentException("class trajectories are [sites, frames] (or one trajectory [frames]); these data have rank " + rank);
        }
        int sites = rank == 1 ? 1 : labels.axis(0).size();
        int frames = labels.axis(rank - 1).size();
        int[][] t = new int[sites][frames];
        for (int s = 0; s < sites; s++) {
            for (int f = 0; f < frames; f++) {
                double v = labels.getDouble((long) s * frames + f);
                if (v != Math.rint(v) || v < -1) {
                    throw new IllegalArgumentException("label " + v + " at site " + s + ", frame " + f + " is not a class (an integer >= 0) or -1 (not seen)");
                }
                t[s][f] = (int) v;
            }
        }
        return t;
    }

    private static Metadata meta(String title) {
        return new Metadata().title(title);
    }

    static Dataset matrix(double[][] m, Metadata md) {
        int n = m.length;
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], 0, v, i * n, n);
        }
        return Dataset.ofDoubles(v, List.of(Axis.uncalibrated("class at t", n, true), Axis.uncalibrated("class at t + lag", n, false)), md);
    }

    static Dataset vector(double[] v, String axis, Metadata md) {
        return Dataset.ofDoubles(v.clone(), List.of(Axis.uncalibrated(axis, v.length, false)), md);
    }

    private static double std(double[] v) {
        double m = 0;
        for (double x : v) {
            m += x / v.length;
        }
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return v.length > 1 ? Math.sqrt(s / (v.length - 1)) : 0;
    }

    /** linear interpolation between order statistics (NumPy's default) of sorted values */
    private static double quantile(double[] q, double p) {
        double h = (q.length - 1) * p;
        int i = (int) Math.floor(h);
        return i + 1 < q.length ? q[i] + (h - i) * (q[i + 1] - q[i]) : q[i];
    }
}
