package tessera.cluster.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.stream.IntStream;

import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.Clusterer;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;

/**
 * Mini-batch k-means (Sculley, Web-scale k-means clustering, WWW 2010, doi:10.1145/1772690.1772862), following
 * scikit-learn 1.2's {@code sklearn.cluster.MiniBatchKMeans} step by step (our own code).
 *
 * <p>Algorithm:
 * <ol>
 * <li>Initialisation: a validation subset of {@code initSize} samples is drawn (uniformly, with replacement). Each of
 * {@code runs} initialisations draws its own random subset of {@code initSize} samples and seeds k centres on it
 * with greedy k-means++ ({@link Seeding#kmeansPlusPlus}); the one with the smallest inertia on the validation
 * subset is kept (scikit-learn's {@code n_init}: only the initialisations are repeated, one optimisation follows).</li>
 * <li>Optimisation: {@code floor(maxIterations * n / batchSize)} steps at most. Each step draws a mini-batch of
 * {@code batchSize} samples (uniformly, with replacement), labels them with their nearest centre (squared
 * Euclidean, first centre on ties), and moves every centre that got samples to the running mean of all samples
 * it was ever given: {@code c <- (c * count + sum of new samples) / (count + new)}, i.e. per-sample learning rate
 * 1/count (Sculley's per-centre counts).</li>
 * <li>Random reassignment (scikit-learn's heuristic): whenever a centre has never received a sample, or
 * {@code 10 k} samples were processed since the last reassignment, centres whose count is below
 * {@code reassignmentRatio} times the largest count (at most half a batch of them, the smallest counts) are moved to
 * distinct random samples of the current batch, and their counts are set to the smallest count of the others.</li>
 * <li>Early stopping: the mean squared distance of a batch to its centres (before the update) is smoothed with an
 * exponentially weighted average of weight {@code min(1, 2 batchSize / (n + 1))} (the first step is ignored); the
 * optimisation stops when it did not reach a new minimum for {@code maxNoImprovement} consecutive steps, or, if
 * {@code tol > 0}, when the summed squared centre movement of a step is at most {@code tol} times the mean
 * per-feature variance of the data.</li>
 * <li>Result: every sample is labelled with its nearest final centre in a full pass (parallel over fixed blocks of
 * samples); the distortion is the full inertia (sum of squared distances to the centres); clusters are renumbered
 * by descending size ({@link KMeansClusterer#relabel}). Criteria: {@code "iterations"} (passes over the data,
 * {@code ceil(steps * batchSize / n)}, scikit-learn's {@code n_iter_}), {@code "steps"} (mini-batches processed) and
 * {@code "converged"} (1 if stopped early, 0 if the step budget ran out).</li>
 * </ol>
 *
 * <p>Memory: the samples are read in place (no copy of the {@code [n][d]} input); besides them the method holds the
 * labels ({@code n} ints), the k-means++ subset ({@code initSize x d}) and a batch's labels. So it handles
 * {@code n = 10^6} spectra of 10 features, or 16 384 spectra of 1000 features.
 *
 * <p>Determinism: one {@link SplittableRandom} of {@code seed} draws, in this order, the validation subset, each
 * initialisation's subset and k-means++ draws, then the mini-batches and reassignments; the optimisation is serial
 * and the final pass sums per-block inertias in block order, so the result does not depend on the number of
 * threads. (The random stream is Java's, so results differ from scikit-learn's for the same seed, not in quality.)
 */
public final class MiniBatchKMeansClusterer implements Clusterer {
    /** Contribution id. */
    public static final String ID = "tessera.cluster.minibatch-kmeans";
    /** Samples per block of the final parallel assignment pass. */
    private static final int BLOCK = 4096;
    /** Mini-batch steps between cancellation checks and progress reports. */
    private static final int CHECK_EVERY = 64;

    private static final List<ParameterSpec> PARAMS = List.of(
            ParameterSpec.ofInt("k", 3, 1, 10_000, "number of clusters"),
            ParameterSpec.ofInt("batchSize", 1024, 1, 10_000_000, "samples per mini-batch (at most n)"),
            ParameterSpec.ofInt("initSize", 0, 0, 100_000_000,
                    "samples of the random subset the k-means++ initialisation runs on; 0 = 3 x batchSize (3 k if that is below k), at most n"),
            ParameterSpec.ofInt("maxIterations", 100, 1, 1_000_000,
                    "maximum passes over the data: at most maxIterations x n / batchSize mini-batches (scikit-learn max_iter)"),
            ParameterSpec.ofInt("maxNoImprovement", 10, 0, 1_000_000,
                    "stop after this many consecutive mini-batches without a new minimum of the smoothed batch inertia; 0 = never"),
            ParameterSpec.ofDouble("tol", 0.0, 0.0, 1.0, "",
                    "if > 0, stop when the summed squared centre movement of a mini-batch is at most tol times the mean per-feature variance"),
            ParameterSpec.ofDouble("reassignmentRatio", 0.01, 0.0, 1.0, "",
                    "centres whose count is below this fraction of the largest count are moved to random samples"),
            ParameterSpec.ofInt("runs", 3, 1, 1000, "k-means++ initialisations; the one with the smallest inertia on a validation subset is optimised"),
            ParameterSpec.ofLong("seed", 0L, "seed of the subsets, k-means++ draws, mini-batches and reassignments"));

    private static final List<LiteratureReference> REFS = List.of(
            new LiteratureReference("D. Sculley, Web-scale k-means clustering, Proc. 19th Int. Conf. World Wide Web (WWW 2010) 1177-1178",
                    "10.1145/1772690.1772862"),
            new LiteratureReference("D. Arthur, S. Vassilvitskii, k-means++: the advantages of careful seeding, Proc. 18th ACM-SIAM SODA (2007) 1027-1035",
                    "10.5555/1283383.1283494"),
            new LiteratureReference("F. Pedregosa et al., Scikit-learn: machine learning in Python, J. Mach. Learn. Res. 12 (2011) 2825-2830",
                    "10.5555/1953048.2078195"));

    /** Creates the clusterer (stateless, thread-safe). */
    public MiniBatchKMeansClusterer() {
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public List<LiteratureReference> references() {
        return REFS;
    }

    /**
     * {@inheritDoc}
     *
     * @param features samples {@code [n][d]}, read but not copied
     * @return labels in {@code [0, k)} numbered by descending cluster size, centres {@code [k][d]}, the distortion
     *         (sum of squared distances of all samples to their centre) and the criteria {@code iterations},
     *         {@code steps}, {@code converged}
     * @throws IllegalArgumentException if there are fewer samples than clusters, rows of unequal length or a
     *                                  non-finite feature
     * @throws CancellationException    if cancelled (checked every 64 mini-batches and per block of the final pass)
     */
    @Override
    public ClusterResult cluster(double[][] features, Parameters params, ProgressMonitor monitor) {
        int k = params.getInt("k");
        int d = FeatureMatrix.check(features, k, "mini-batch k-means with k = " + k);
        int n = features.length;
        int batch = Math.min(params.getInt("batchSize"), n);
        int initSize = params.getInt("initSize");
        if (initSize == 0) {
            initSize = 3L * batch < k ? 3 * k : 3 * batch;
        } else if (initSize < k) {
            initSize = 3 * k; // scikit-learn: an explicit init_size below k becomes 3 k
        }
        initSize = Math.min(initSize, n);
        int runs = params.getInt("runs");
        int maxIter = params.getInt("maxIterations");
        int maxNoImprovement = params.getInt("maxNoImprovement");
        double ratio = params.getDouble("reassignmentRatio");
        double tol = params.getDouble("tol");
        double tolAbs = tol > 0 ? tol * meanVariance(features, d) : 0;
        long nSteps = (long) maxIter * n / batch;
        SplittableRandom rng = new SplittableRandom(params.getLong("seed"));
        monitor.begin("mini-batch k-means (k = " + k + ")", runs + nSteps + 1);
        try {
            // initialisation: best of `runs` k-means++ seedings on random subsets, judged on a validation subset
            int[] valid = new int[initSize];
            for (int i = 0; i < initSize; i++) {
                valid[i] = rng.nextInt(n);
            }
            double[] sub = new double[initSize * d];
            double[] centres = null;
            double bestInertia = Double.POSITIVE_INFINITY;
            for (int r = 0; r < runs; r++) {
                checkCancel(monitor);
                for (int i = 0; i < initSize; i++) {
                    System.arraycopy(features[rng.nextInt(n)], 0, sub, i * d, d);
                }
                double[][] c0 = Seeding.kmeansPlusPlus(sub, initSize, d, k, rng);
                double[] c = new double[k * d];
                for (int q = 0; q < k; q++) {
                    System.arraycopy(c0[q], 0, c, q * d, d);
                }
                double inertia = 0;
                for (int i : valid) {
                    inertia += nearest(features[i], c, k, d, null);
                }
                if (inertia < bestInertia || centres == null) {
                    bestInertia = inertia;
                    centres = c;
                }
                monitor.worked(1);
            }
            Optimisation opt = optimise(features, n, d, k, batch, centres, nSteps, maxNoImprovement, ratio, tolAbs, rng, monitor);
            // final labels: full assignment pass over fixed blocks, block inertias summed in block order
            int[] labels = new int[n];
            double[] c = opt.centres();
            int nb = (n + BLOCK - 1) / BLOCK;
            double[] partial = new double[nb];
            IntStream.range(0, nb).parallel().forEach(b -> {
                checkCancel(monitor);
                int i1 = Math.min(n, (b + 1) * BLOCK);
                int[] lab = new int[1];
                double s = 0;
                for (int i = b * BLOCK; i < i1; i++) {
                    s += nearest(features[i], c, k, d, lab);
                    labels[i] = lab[0];
                }
                partial[b] = s;
            });
            double distortion = 0;
            for (double s : partial) {
                distortion += s;
            }
            monitor.worked(1);
            double[][] cc = new double[k][];
            for (int q = 0; q < k; q++) {
                cc[q] = Arrays.copyOfRange(c, q * d, (q + 1) * d);
            }
            ClusterResult r = KMeansClusterer.relabel(labels, cc, distortion, k, d);
            long steps = opt.steps();
            Map<String, Double> criteria = Map.of("iterations", (double) ((steps * batch + n - 1) / n), "steps", (double) steps, "converged",
                    opt.converged() ? 1.0 : 0.0);
            return new ClusterResult(r.labels(), r.centers(), r.distortion(), null, null, null, criteria);
        } finally {
            monitor.done();
        }
    }

    /** Outcome of the mini-batch optimisation: centres row-major {@code [k x d]}, mini-batches processed, early stop. */
    private record Optimisation(double[] centres, long steps, boolean converged) {
    }

    /**
     * The mini-batch steps with random reassignment and early stopping (see the class comment).
     *
     * @param x       samples {@code [n][d]}
     * @param c       initial centres, row-major {@code [k x d]}
     * @param nSteps  step budget
     * @param tolAbs  absolute threshold on the squared centre movement, 0 = off
     * @param rng     random source (continues the initialisation's stream)
     * @return the final centres and the number of steps done
     */
    private static Optimisation optimise(double[][] x, int n, int d, int k, int batch, double[] c, long nSteps, int maxNoImprovement,
            double ratio, double tolAbs, SplittableRandom rng, ProgressMonitor monitor) {
        double[] centres = c.clone();
        double[] next = new double[k * d];
        double[] counts = new double[k];
        int[] idx = new int[batch];
        int[] lab = new int[batch];
        int[] one = new int[1];
        int[] members = new int[k];
        long sinceReassign = 0;
        double ewa = Double.NaN;
        double ewaMin = Double.NaN;
        int noImprovement = 0;
        double alpha = Math.min(1.0, batch * 2.0 / (n + 1.0));
        long step = 0;
        boolean converged = false;
        while (step < nSteps) {
            if (step % CHECK_EVERY == 0) {
                checkCancel(monitor);
                if (step > 0) {
                    monitor.worked(CHECK_EVERY);
                }
            }
            for (int b = 0; b < batch; b++) {
                idx[b] = rng.nextInt(n);
            }
            // is a reassignment due? (decided before the update, as scikit-learn does)
            sinceReassign += batch;
            boolean reassign = false;
            boolean anyEmpty = false;
            for (double w : counts) {
                anyEmpty |= w == 0;
            }
            if (anyEmpty || sinceReassign >= 10L * k) {
                sinceReassign = 0;
                reassign = true;
            }
            // label the batch with the current centres
            double inertia = 0;
            Arrays.fill(members, 0);
            for (int b = 0; b < batch; b++) {
                inertia += nearest(x[idx[b]], centres, k, d, one);
                lab[b] = one[0];
                members[one[0]]++;
            }
            // running means: c <- (c * count + sum) / (count + members)
            for (int q = 0; q < k; q++) {
                int o = q * d;
                if (members[q] == 0) {
                    System.arraycopy(centres, o, next, o, d);
                    continue;
                }
                for (int j = 0; j < d; j++) {
                    next[o + j] = centres[o + j] * counts[q];
                }
            }
            for (int b = 0; b < batch; b++) {
                int o = lab[b] * d;
                double[] row = x[idx[b]];
                for (int j = 0; j < d; j++) {
                    next[o + j] += row[j];
                }
            }
            for (int q = 0; q < k; q++) {
                if (members[q] > 0) {
                    counts[q] += members[q];
                    double a = 1 / counts[q];
                    int o = q * d;
                    for (int j = 0; j < d; j++) {
                        next[o + j] *= a;
                    }
                }
            }
            if (reassign && ratio > 0) {
                reassign(x, idx, next, counts, k, d, batch, ratio, rng);
            }
            double shift = 0;
            if (tolAbs > 0) {
                for (int i = 0; i < k * d; i++) {
                    double t = next[i] - centres[i];
                    shift += t * t;
                }
            }
            double[] t = centres;
            centres = next;
            next = t;
            step++;
            // early stopping on the smoothed (exponentially weighted) batch inertia; the first step is ignored
            if (step == 1) {
                continue;
            }
            double bi = inertia / batch;
            ewa = Double.isNaN(ewa) ? bi : ewa * (1 - alpha) + bi * alpha;
            if (tolAbs > 0 && shift <= tolAbs) {
                converged = true;
                break;
            }
            if (Double.isNaN(ewaMin) || ewa < ewaMin) {
                noImprovement = 0;
                ewaMin = ewa;
            } else {
                noImprovement++;
            }
            if (maxNoImprovement > 0 && noImprovement >= maxNoImprovement) {
                converged = true;
                break;
            }
        }
        return new Optimisation(centres, step, converged);
    }

    /**
     * Moves the centres with a count below {@code ratio} times the largest count (at most half a batch of them, the
     * smallest counts first) to distinct random samples of the batch, and sets their counts to the smallest count of
     * the other centres.
     */
    private static void reassign(double[][] x, int[] idx, double[] centres, double[] counts, int k, int d, int batch, double ratio,
            SplittableRandom rng) {
        double max = 0;
        for (double w : counts) {
            max = Math.max(max, w);
        }
        boolean[] move = new boolean[k];
        int m = 0;
        for (int q = 0; q < k; q++) {
            move[q] = counts[q] < ratio * max;
            if (move[q]) {
                m++;
            }
        }
        int limit = (int) (0.5 * batch);
        if (m > 0.5 * batch) {
            // keep only the `limit` smallest counts (stable: lower index first on ties)
            Integer[] order = new Integer[k];
            for (int q = 0; q < k; q++) {
                order[q] = q;
            }
            Arrays.sort(order, (a, b) -> Double.compare(counts[a], counts[b]));
            for (int r = limit; r < k; r++) {
                move[order[r]] = false;
            }
            m = limit;
        }
        if (m == 0) {
            return;
        }
        // m distinct batch positions, uniformly (partial Fisher-Yates)
        int[] pos = new int[batch];
        for (int b = 0; b < batch; b++) {
            pos[b] = b;
        }
        for (int r = 0; r < m; r++) {
            int s = r + rng.nextInt(batch - r);
            int t = pos[r];
            pos[r] = pos[s];
            pos[s] = t;
        }
        double minKept = Double.POSITIVE_INFINITY;
        for (int q = 0; q < k; q++) {
            if (!move[q]) {
                minKept = Math.min(minKept, counts[q]);
            }
        }
        for (int q = 0, r = 0; q < k; q++) {
            if (move[q]) {
                System.arraycopy(x[idx[pos[r++]]], 0, centres, q * d, d);
                counts[q] = minKept;
            }
        }
    }

    /**
     * Nearest centre of one sample (first on ties).
     *
     * @param row     the sample, length d
     * @param c       centres, row-major {@code [k x d]}
     * @param label   receives the nearest centre's index in {@code label[0]}, or null
     * @return the squared Euclidean distance to the nearest centre
     */
    private static double nearest(double[] row, double[] c, int k, int d, int[] label) {
        double best = Double.POSITIVE_INFINITY;
        int arg = 0;
        for (int q = 0; q < k; q++) {
            int o = q * d;
            double s = 0;
            for (int j = 0; j < d; j++) {
                double t = row[j] - c[o + j];
                s += t * t;
            }
            if (s < best) {
                best = s;
                arg = q;
            }
        }
        if (label != null) {
            label[0] = arg;
        }
        return best;
    }

    /** @return the mean over features of the population variance of each feature (scikit-learn's tol scale) */
    private static double meanVariance(double[][] x, int d) {
        int n = x.length;
        double[] mean = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        double total = 0;
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                double t = row[j] - mean[j];
                total += t * t;
            }
        }
        return total / n / d;
    }

    /** @throws CancellationException if the monitor is cancelled or this thread interrupted */
    private static void checkCancel(ProgressMonitor monitor) {
        if (monitor.isCanceled() || Thread.currentThread().isInterrupted()) {
            throw new CancellationException("cancelled");
        }
    }
}
