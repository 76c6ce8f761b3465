package tessera.cluster.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.Clusterer;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;

/**
 * Gaussian mixture model fitted by expectation&ndash;maximisation (Dempster, Laird &amp; Rubin 1977,
 * doi:10.1111/j.2517-6161.1977.tb01600.x), as scikit-learn 1.2's {@code sklearn.mixture.GaussianMixture}
 * with {@code init_params = "kmeans"}.
 *
 * <p><b>Model</b>: {@code p(x) = sum_c w_c N(x; mu_c, Sigma_c)} with covariances {@code full} (any symmetric
 * positive definite {@code d x d} matrix per component), {@code diag} (diagonal) or {@code spherical}
 * ({@code sigma_c^2 I}); {@code regCovar} is added to every variance (the diagonal) so that the covariances stay
 * positive definite. Full covariances are factorised by Cholesky, {@code Sigma = L L^T}, and the Mahalanobis
 * distance is {@code |L^-1 (x - mu)|^2}.
 *
 * <p><b>Fit</b>: each run (of {@code runs}) starts from the labels of one k-means run (greedy k-means++ seeding
 * with a {@link SplittableRandom} of {@code seed + run}, {@link Seeding}; Lloyd with scikit-learn's defaults
 * {@code max_iter = 300}, {@code tol = 1e-4}) taken as hard responsibilities, followed by an M-step. Then EM:
 * the E-step computes log responsibilities with log-sum-exp, the M-step the weights, means and covariances
 * ({@code N_c = sum_i r_ic + 10 eps}). It stops when the mean per-sample log-likelihood changes by less than
 * {@code tolerance} (scikit-learn's {@code tol}) or after {@code maxIterations}. The run with the largest final
 * mean log-likelihood is kept (the first on ties), and a last E-step gives the responsibilities.
 *
 * <p><b>Result</b>: labels = the component of largest responsibility (first on ties), renumbered by descending
 * cluster size (ties by smallest member index) with the columns of {@code probabilities} ({@code [n][k]}, the
 * responsibilities, rows summing to 1), the centres (means) permuted the same way; distortion = sum of squared
 * Euclidean distances of the samples to the mean of their label. Criteria (natural logarithms):
 * {@code logLikelihood} (total over the samples), {@code bic} = {@code -2 logL + p ln n} (Schwarz 1978,
 * doi:10.1214/aos/1176344136), {@code aic} = {@code -2 logL + 2 p}, where the number of free parameters p is
 * scikit-learn's {@code _n_parameters}: {@code k d} means, {@code k - 1} weights and {@code k d (d + 1) / 2}
 * (full), {@code k d} (diag) or {@code k} (spherical) covariance parameters; {@code iterations} (EM iterations of
 * the kept run) and {@code converged} (1 if the kept run met the tolerance, else 0).
 *
 * <p>Deterministic for a given seed; no threads are used.
 */
public final class GaussianMixtureClusterer implements Clusterer {
    /** Contribution id. */
    public static final String ID = "tessera.cluster.gmm";
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    /** numpy's float64 machine epsilon, as scikit-learn adds {@code 10 * eps} to the component weights */
    private static final double EPS = Math.ulp(1.0);

    private static final List<ParameterSpec> PARAMS = List.of(
            ParameterSpec.ofInt("k", 3, 1, 10_000, "number of mixture components"),
            ParameterSpec.ofChoice("covariance", "full", List.of("full", "diag", "spherical"),
                    "covariance of each component: full matrix, diagonal, or one variance (spherical)"),
            ParameterSpec.ofInt("maxIterations", 100, 1, 1_000_000, "maximum EM iterations per run"),
            ParameterSpec.ofDouble("tolerance", 1e-3, 0.0, 1e6, "",
                    "stop when the mean per-sample log-likelihood changes by less than this (scikit-learn tol)"),
            ParameterSpec.ofDouble("regCovar", 1e-6, 0.0, 1e6, "feature units squared", "added to the diagonal of every covariance"),
            ParameterSpec.ofInt("runs", 1, 1, 1000, "number of initialisations (scikit-learn n_init); the best log-likelihood is kept"),
            ParameterSpec.ofLong("seed", 0L, "seed of the k-means initialisation of the first run (run i uses seed + i)"));

    private static final List<LiteratureReference> REFS = List.of(
            new LiteratureReference("A. P. Dempster, N. M. Laird, D. B. Rubin, Maximum likelihood from incomplete data via the EM algorithm, "
                    + "J. R. Stat. Soc. B 39 (1977) 1-38", "10.1111/j.2517-6161.1977.tb01600.x"),
            new LiteratureReference("G. Schwarz, Estimating the dimension of a model, Ann. Stat. 6 (1978) 461-464", "10.1214/aos/1176344136"),
            new LiteratureReference("F. Pedregosa et al., Scikit-learn: machine learning in Python, J. Mach. Learn. Res. 12 (2011) 2825-2830",
                    "10.5555/1953048.2078195"));

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public List<LiteratureReference> references() {
        return REFS;
    }

    /**
     * Fitted parameters of one run.
     *
     * @param weights    mixture weights, length k, summing to 1
     * @param means      means row-major {@code [k x d]}
     * @param chol       per component: lower Cholesky factor of the covariance row-major {@code [d x d]} (full), the
     *                   standard deviations {@code [d]} (diag) or {@code [1]} (spherical)
     * @param logDet     per component {@code 0.5 ln det(Sigma_c)}
     * @param lowerBound mean per-sample log-likelihood of the last E-step
     * @param iterations EM iterations
     * @param converged  whether the tolerance was met
     */
    private record Model(double[] weights, double[] means, double[][] chol, double[] logDet, double lowerBound, int iterations, boolean converged) {
    }

    /**
     * {@inheritDoc}
     *
     * @param features samples {@code [n][d]}, finite
     * @return labels in {@code [0, k)} by descending size, centres (component means) {@code [k][d]}, membership
     *         probabilities {@code [n][k]} and the criteria bic, aic, logLikelihood, iterations, converged
     * @throws IllegalArgumentException if there are fewer than two samples or fewer samples than components, rows of
     *                                  unequal length, a non-finite feature, or a covariance that is not positive
     *                                  definite (increase regCovar or decrease k)
     * @throws CancellationException    if cancelled (checked every EM iteration)
     */
    @Override
    public ClusterResult cluster(double[][] features, Parameters params, ProgressMonitor monitor) {
        int k = params.getInt("k");
        double[] x = FeatureMatrix.rowMajor(features, Math.max(2, k), "a Gaussian mixture of k = " + k + " components");
        int n = features.length;
        int d = features[0].length;
        int cov = List.of("full", "diag", "spherical").indexOf(params.getString("covariance"));
        int maxIter = params.getInt("maxIterations");
        double tol = params.getDouble("tolerance");
        double reg = params.getDouble("regCovar");
        int runs = params.getInt("runs");
        long seed = params.getLong("seed");
        monitor.begin("Gaussian mixture (k = " + k + ")", (long) runs * maxIter);
        try {
            KMeansClusterer.Columns xt = KMeansClusterer.Columns.of(x, n, d);
            double tolKm = 1e-4 * KMeansClusterer.meanVariance(x, n, d);
            double[] resp = new double[n * k]; // responsibilities, then log responsibilities, row-major [n x k]
            Model best = null;
            for (int r = 0; r < runs; r++) {
                checkCancel(monitor);
                double[][] c0 = Seeding.kmeansPlusPlus(x, n, d, k, new SplittableRandom(seed + r));
                KMeansClusterer.Run km = KMeansClusterer.lloyd(x, xt, n, d, k, c0, 300, tolKm, false, monitor);
                java.util.Arrays.fill(resp, 0);
                for (int i = 0; i < n; i++) {
                    resp[i * k + km.labels()[i]] = 1;
                }
                Model m = mStep(x, n, d, k, resp, cov, reg, false);
                double lower = Double.NEGATIVE_INFINITY;
                boolean converged = false;
                int it = 1;
                for (; it <= maxIter; it++) {
                    checkCancel(monitor);
                    double prev = lower;
                    lower = eStep(x, n, d, k, m, cov, resp);
                    m = mStep(x, n, d, k, resp, cov, reg, true);
                    monitor.worked(1);
                    if (Math.abs(lower - prev) < tol) {
                        converged = true;
                        break;
                    }
                }
                m = new Model(m.weights, m.means, m.chol, m.logDet, lower, Math.min(it, maxIter), converged);
                if (best == null || m.lowerBound > best.lowerBound) {
                    best = m;
                }
            }
            double meanLl = eStep(x, n, d, k, best, cov, resp);
            int[] group = new int[n];
            for (int i = 0; i < n; i++) {
                int arg = 0;
                for (int c = 1; c < k; c++) {
                    if (resp[i * k + c] > resp[i * k + arg]) {
                        arg = c;
                    }
                }
                group[i] = arg;
            }
            int[] order = KMeansClusterer.orderBySize(group, k);
            int[] newLabel = new int[k];
            for (int c = 0; c < k; c++) {
                newLabel[order[c]] = c;
            }
            int[] labels = new int[n];
            double[][] prob = new double[n][k];
            double[][] centers = new double[k][d];
            for (int c = 0; c < k; c++) {
                System.arraycopy(best.means, order[c] * d, centers[c], 0, d);
            }
            double sse = 0;
            for (int i = 0; i < n; i++) {
                labels[i] = newLabel[group[i]];
                for (int c = 0; c < k; c++) {
                    prob[i][c] = Math.exp(resp[i * k + order[c]]);
                }
                for (int q = 0; q < d; q++) {
                    double t = x[i * d + q] - centers[labels[i]][q];
                    sse += t * t;
                }
            }
            double ll = meanLl * n;
            double p = parameterCount(k, d, cov);
            Map<String, Double> crit = new HashMap<>();
            crit.put("logLikelihood", ll);
            crit.put("bic", -2 * meanLl * n + p * Math.log(n));
            crit.put("aic", -2 * meanLl * n + 2 * p);
            crit.put("iterations", (double) best.iterations);
            crit.put("converged", best.converged ? 1.0 : 0.0);
            return new ClusterResult(labels, centers, sse, prob, null, null, crit);
        } finally {
            monitor.done();
        }
    }

    /**
     * Number of free parameters (scikit-learn's {@code _n_parameters}).
     *
     * @param cov 0 full, 1 diag, 2 spherical
     */
    static long parameterCount(int k, int d, int cov) {
        long covParams = switch (cov) {
            case 0 -> (long) k * d * (d + 1) / 2;
            case 1 -> (long) k * d;
            default -> k;
        };
        return covParams + (long) k * d + k - 1;
    }

    /**
     * M-step: weights, means and covariances from responsibilities ({@code _estimate_gaussian_parameters}).
     *
     * @param resp responsibilities {@code [n x k]}, or their logarithms if {@code log}
     * @param cov  0 full, 1 diag, 2 spherical
     * @return the model; {@code chol[c]} is the lower Cholesky factor row-major {@code [d x d]} (full) or the
     *         standard deviations {@code [d]} (diag) / {@code [1]} (spherical)
     * @throws IllegalArgumentException if a covariance is not positive definite
     */
    private static Model mStep(double[] x, int n, int d, int k, double[] resp, int cov, double reg, boolean log) {
        double[] nk = new double[k];
        double[] means = new double[k * d];
        double[][] chol = new double[k][];
        double[] logDet = new double[k];
        double[] weights = new double[k];
        // components are independent: estimated in parallel, each with its own buffers (deterministic)
        java.util.stream.IntStream.range(0, k).parallel().forEach(c -> {
            double[] r = new double[n];
            double s = 0;
            for (int i = 0; i < n; i++) {
                double v = log ? Math.exp(resp[i * k + c]) : resp[i * k + c];
                r[i] = v;
                s += v;
                for (int q = 0; q < d; q++) {
                    means[c * d + q] += v * x[i * d + q];
                }
            }
            nk[c] = s + 10 * EPS;
            weights[c] = nk[c];
            for (int q = 0; q < d; q++) {
                means[c * d + q] /= nk[c];
            }
            if (cov == 0) {
                double[] a = new double[d * d];
                double[] diff = new double[d];
                for (int i = 0; i < n; i++) {
                    double v = r[i];
                    if (v == 0) {
                        continue;
                    }
                    for (int q = 0; q < d; q++) {
                        diff[q] = x[i * d + q] - means[c * d + q];
                    }
                    for (int p = 0; p < d; p++) {
                        double vp = v * diff[p];
                        for (int q = 0; q <= p; q++) {
                            a[p * d + q] += vp * diff[q];
                        }
                    }
                }
                for (int p = 0; p < d; p++) {
                    for (int q = 0; q <= p; q++) {
                        a[p * d + q] /= nk[c];
                    }
                    a[p * d + p] += reg;
                }
                chol[c] = cholesky(a, d, c);
                double ld = 0;
                for (int p = 0; p < d; p++) {
                    ld += Math.log(chol[c][p * d + p]);
                }
                logDet[c] = ld; // log det(L) = 0.5 log det(Sigma)
            } else {
                double[] var = new double[d];
                for (int i = 0; i < n; i++) {
                    double v = r[i];
                    if (v == 0) {
                        continue;
                    }
                    for (int q = 0; q < d; q++) {
                        double t = x[i * d + q] - means[c * d + q];
                        var[q] += v * t * t;
                    }
                }
                double mean = 0;
                for (int q = 0; q < d; q++) {
                    var[q] = var[q] / nk[c] + reg;
                    mean += var[q];
                }
                if (cov == 2) {
                    var = new double[] {mean / d};
                }
                double ld = 0;
                for (int q = 0; q < var.length; q++) {
                    if (!(var[q] > 0)) {
                        throw illDefined(c);
                    }
                    var[q] = Math.sqrt(var[q]);
                    ld += Math.log(var[q]);
                }
                chol[c] = var;
                logDet[c] = cov == 2 ? ld * d : ld;
            }
        });
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        for (int c = 0; c < k; c++) {
            weights[c] /= total;
        }
        return new Model(weights, means, chol, logDet, Double.NaN, 0, false);
    }

    private static IllegalArgumentException illDefined(int c) {
        return new IllegalArgumentException("Gaussian mixture: the covariance of component " + c
                + " is not positive definite (too few or collapsed samples); decrease k or increase regCovar");
    }

    /**
     * Lower Cholesky factor of a symmetric positive definite matrix (Cholesky&ndash;Banachiewicz).
     *
     * @param a lower triangle, row-major {@code [d x d]}
     * @return L row-major {@code [d x d]} with {@code L L^T = a}
     * @throws IllegalArgumentException if a is not positive definite
     */
    static double[] cholesky(double[] a, int d, int component) {
        double[] l = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i * d + j];
                for (int q = 0; q < j; q++) {
                    s -= l[i * d + q] * l[j * d + q];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        throw illDefined(component);
                    }
                    l[i * d + i] = Math.sqrt(s);
                } else {
                    l[i * d + j] = s / l[j * d + j];
                }
            }
        }
        return l;
    }

    /** samples per block of the parallel E-step */
    private static final int BLOCK = 512;

    /**
     * E-step: log responsibilities into {@code logResp [n x k]} by log-sum-exp, in fixed blocks of {@value #BLOCK}
     * samples run in parallel; the per-block log-likelihood sums are added in block order, so the result does not
     * depend on the number of threads.
     *
     * @return the mean per-sample log-likelihood
     */
    private static double eStep(double[] x, int n, int d, int k, Model m, int cov, double[] logResp) {
        double[] logW = new double[k];
        for (int c = 0; c < k; c++) {
            logW[c] = Math.log(m.weights[c]);
        }
        int nb = (n + BLOCK - 1) / BLOCK;
        double[] partial = new double[nb];
        java.util.stream.IntStream blocks = java.util.stream.IntStream.range(0, nb);
        (nb > 1 ? blocks.parallel() : blocks).forEach(b -> partial[b] = eBlock(x, b * BLOCK, Math.min(n, (b + 1) * BLOCK), d, k, m, cov, logW, logResp));
        double sum = 0;
        for (double v : partial) {
            sum += v;
        }
        return sum / n;
    }

    /** The E-step of samples {@code [from, to)}; returns the sum of their log-likelihoods. */
    private static double eBlock(double[] x, int from, int to, int d, int k, Model m, int cov, double[] logW, double[] logResp) {
        double[] y = new double[d];
        double sum = 0;
        for (int i = from; i < to; i++) {
            int o = i * k;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double maha = 0;
                double[] ch = m.chol[c];
                if (cov == 0) {
                    for (int p = 0; p < d; p++) { // forward substitution L y = x - mu
                        double s = x[i * d + p] - m.means[c * d + p];
                        for (int q = 0; q < p; q++) {
                            s -= ch[p * d + q] * y[q];
                        }
                        y[p] = s / ch[p * d + p];
                        maha += y[p] * y[p];
                    }
                } else {
                    for (int p = 0; p < d; p++) {
                        double t = (x[i * d + p] - m.means[c * d + p]) / (cov == 1 ? ch[p] : ch[0]);
                        maha += t * t;
                    }
                }
                double v = -0.5 * (d * LOG_2PI + maha) - m.logDet[c] + logW[c];
                logResp[o + c] = v;
                max = Math.max(max, v);
            }
            double s = 0;
            for (int c = 0; c < k; c++) {
                s += Math.exp(logResp[o + c] - max);
            }
            double lse = max + Math.log(s);
            for (int c = 0; c < k; c++) {
                logResp[o + c] -= lse;
            }
            sum += lse;
        }
        return sum;
    }

    /** @throws CancellationException if the monitor is cancelled or this thread interrupted */
    private static void checkCancel(ProgressMonitor monitor) {
        if (monitor.isCanceled() || Thread.currentThread().isInterrupted()) {
            throw new CancellationException("cancelled");
        }
    }
}
