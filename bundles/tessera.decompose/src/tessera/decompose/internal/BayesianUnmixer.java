package tessera.decompose.internal;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;

/**
 * Bayesian abundances of known endmembers under the non-negativity and sum-to-one constraints: the supervised Gibbs
 * sampler of Dobigeon, Tourneret &amp; Chang (IEEE TSP 56 (2008) 2684, doi:10.1109/TSP.2008.917851), which is the
 * abundance step of the joint endmember/abundance sampler of Dobigeon, Moussaoui, Coulon, Tourneret &amp; Hero (IEEE TSP
 * 57 (2009) 4355, doi:10.1109/TSP.2009.2025797).
 *
 * <p>Model per position: {@code s = Wᵀ a + n}, {@code s} the spectrum {@code [p]}, {@code W} the endmembers
 * {@code [k][p]}, {@code n ~ N(0, σ² V)} with {@code V = I} (the papers' white Gaussian noise) or, with
 * {@code poissonVariance}, {@code V = diag(max(Wᵀ â, 1))} the Poisson variance (expected counts) of the unconstrained
 * least-squares fit {@code â} (an extension for count data, so that the posterior intervals are calibrated where
 * peaks carry more counts than the background; σ² then comes out near 1). Priors: uniform on the simplex
 * {a ≥ 0, Σ a = 1}, Jeffreys {@code 1/σ²} on the noise variance. The abundance vector is reparametrised by k − 1 of
 * its entries ({@code a_r = 1 − Σ_{i≠r} a_i}); each Gibbs sweep draws every {@code a_i}, i ≠ r, from its conditional
 * given the others, a univariate Gaussian truncated to {@code [0, a_i + a_r]} (the truncated multivariate Gaussian of
 * the papers, component by component), then σ² from the inverse gamma {@code IG(p/2, ‖V^{-1/2}(s − Wᵀa)‖²/2)}.
 * The papers always make the last component the dependent one; here the dependent component r cycles over the
 * components from sweep to sweep (r = sweep mod k). Every sweep is still an exact Gibbs sweep of the posterior, so the
 * chain keeps it invariant, but it also moves along the edges of the simplex that do not touch component k: with the
 * fixed choice, a posterior pressed against {@code a_k = 0} only moves in steps of the size of {@code a_k} (in a k = 3
 * check, 400 draws then gave an 18 % too small spread; with the cycle the spread is exact).
 *
 * <p>Everything inside the sampler works on the k×k normal equations: with {@code G = W V⁻¹ Wᵀ} and the unconstrained
 * least-squares solution {@code â = G⁻¹ W V⁻¹ s}, the residual is exactly {@code r_min + (a − â)ᵀ G (a − â)}, where
 * {@code r_min} is computed once per position over the p channels; a sweep therefore costs O(k²), independent of p.
 * The univariate truncated Gaussians are drawn exactly (no inversion of the distribution function, so no loss in
 * the tails) by Robert's accept-reject scheme ({@link #truncatedGaussian}).
 *
 * <p>Outputs: loadings = the posterior mean of a (non-negative, sums to 1 up to rounding); auxiliary
 * {@link DecompositionResult#LOADINGS_STD} the posterior standard deviation, {@link DecompositionResult#LOADINGS_LOW}
 * and {@link DecompositionResult#LOADINGS_HIGH} the ends of the 95 % highest-posterior-density interval (the
 * shortest interval holding 95 % of the draws; Chen &amp; Shao, J. Comput. Graph. Stat. 8 (1999) 69,
 * doi:10.1080/10618600.1999.10474802), closed to the edge of the simplex (0 or 1) when the posterior piles up against
 * it — the shortest window starts (ends) among the {@value #EDGE_DRAWS} draws nearest the edge and the edge is no
 * farther from the extreme draw than the span of those draws — because there the density is highest at the edge and the HPD region of the continuous
 * posterior reaches it (an equal-tailed interval would exclude a true abundance of exactly 0 or 1, i.e. every pure
 * pixel); each {@code [k, navigation axes]} (float32), besides the
 * residual/χ² maps of {@link LinearUnmixer} (for the posterior mean). The Markov chain of position {@code x} is seeded
 * by {@code seed} and {@code x} alone ({@code new SplittableRandom(seed ^ mix64(x))}), so the maps do not depend on
 * the thread count or the block layout.
 */
public final class BayesianUnmixer extends LinearUnmixer {
    /** contribution id */
    public static final String ID = "tessera.decompose.bayesian";
    /** parameter: Gibbs sweeps discarded before sampling */
    public static final String BURN_IN = "burnIn";
    /** parameter: Gibbs sweeps kept after the burn-in */
    public static final String SAMPLES = "samples";
    /** parameter: Poisson (count) noise model, the common {@code poissonVariance} of the unmixers */
    public static final String POISSON_VARIANCE = POISSON;
    /** parameter: random seed */
    public static final String SEED = "seed";
    /** probability outside the credible interval (95 % HPD) */
    static final double TAIL = 0.05;
    /** draws nearest the simplex edge whose span decides whether the interval is closed to the edge */
    static final int EDGE_DRAWS = 10;

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.ofInt(BURN_IN, 100, 0, 1_000_000, "Gibbs sweeps per position discarded before sampling (burn-in)"),
                ParameterSpec.ofInt(SAMPLES, 400, 10, 10_000_000,
                        "Gibbs sweeps per position kept after the burn-in: the posterior mean, standard deviation and 95 % interval are taken over them"),
                ParameterSpec.ofLong(SEED, 0L, "seed of the Markov chains (each position's chain is seeded by the seed and the position index)"),
                new ParameterSpec(POISSON, Boolean.class, false, null, null, "",
                        "count data: the noise variance is proportional to the Poisson variance (the least-squares fitted counts, at least 1) in the sampler, "
                                + "and the reduced chi-square uses it; otherwise white Gaussian noise and one variance estimated from all residuals"));
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(new LiteratureReference(
                "N. Dobigeon, J.-Y. Tourneret, C.-I Chang, Semi-supervised linear spectral unmixing using a hierarchical Bayesian model for hyperspectral imagery, IEEE Trans. Signal Process. 56 (2008) 2684-2695",
                "10.1109/TSP.2008.917851"),
                new LiteratureReference(
                        "N. Dobigeon, S. Moussaoui, M. Coulon, J.-Y. Tourneret, A. O. Hero, Joint Bayesian endmember extraction and linear unmixing for hyperspectral imagery, IEEE Trans. Signal Process. 57 (2009) 4355-4368",
                        "10.1109/TSP.2009.2025797"),
                new LiteratureReference("C. P. Robert, Simulation of truncated normal variables, Stat. Comput. 5 (1995) 121-125", "10.1007/BF00143942"));
    }

    @Override
    String id() {
        return ID;
    }

    @Override
    List<String> extraMaps() {
        return List.of(DecompositionResult.LOADINGS_STD, DecompositionResult.LOADINGS_LOW, DecompositionResult.LOADINGS_HIGH);
    }

    @Override
    java.util.function.Supplier<PixelSolver> solver(Endmembers em, Parameters params) {
        int burnIn = params.getInt(BURN_IN);
        int samples = params.getInt(SAMPLES);
        checkChain(burnIn, samples);
        long seed = params.getLong(SEED);
        boolean poisson = params.has(POISSON) && params.getBoolean(POISSON);
        int k = em.k();
        int p = em.p();
        double[][] w = em.w();
        double[][] g = em.gram();
        double[][] ginv = tessera.math.Nnls.inverseSpd(g);
        return () -> new PixelSolver() {
            final double[] b = new double[k];
            final double[] aHat = new double[k];
            final double[] v = new double[p];
            final double[][] gv = new double[k][k];
            final double[][] chain = new double[k][samples];
            final Chain ch = new Chain(k);

            @Override
            public void solve(long position, double[] s, double[] a, double[] extra) {
                if (k == 1) {
                    a[0] = 1;
                    extra[0] = 0;
                    extra[1] = 1;
                    extra[2] = 1;
                    return;
                }
                double[][] gram = g;
                leastSquares(w, s, null, ginv, b, aHat);
                if (poisson) {
                    for (int j = 0; j < p; j++) {
                        double m = 0;
                        for (int i = 0; i < k; i++) {
                            m += aHat[i] * w[i][j];
                        }
                        v[j] = Math.max(m, 1);
                    }
                    for (int i = 0; i < k; i++) {
                        for (int q = i; q < k; q++) {
                            double t = 0;
                            double[] wi = w[i];
                            double[] wq = w[q];
                            for (int j = 0; j < p; j++) {
                                t += wi[j] * wq[j] / v[j];
                            }
                            gv[i][q] = t;
                            gv[q][i] = t;
                        }
                    }
                    gram = gv;
                    leastSquares(w, s, v, tessera.math.Nnls.inverseSpd(gv), b, aHat);
                }
                double rmin = 0;
                for (int j = 0; j < p; j++) {
                    double m = 0;
                    for (int i = 0; i < k; i++) {
                        m += aHat[i] * w[i][j];
                    }
                    double r = s[j] - m;
                    rmin += poisson ? r * r / v[j] : r * r;
                }
                ch.run(gram, aHat, rmin, p, Double.NaN, burnIn, samples, new SplittableRandom(seed ^ mix64(position)), chain);
                summarise(chain, k, samples, a, extra);
            }
        };
    }

    /** unconstrained (weighted) least squares: {@code aHat = ginv · W V⁻¹ s}, b = work */
    private static void leastSquares(double[][] w, double[] s, double[] v, double[][] ginv, double[] b, double[] aHat) {
        int k = w.length;
        int p = s.length;
        for (int i = 0; i < k; i++) {
            double t = 0;
            double[] wi = w[i];
            if (v == null) {
                for (int j = 0; j < p; j++) {
                    t += wi[j] * s[j];
                }
            } else {
                for (int j = 0; j < p; j++) {
                    t += wi[j] * s[j] / v[j];
                }
            }
            b[i] = t;
        }
        for (int i = 0; i < k; i++) {
            double t = 0;
            for (int q = 0; q < k; q++) {
                t += ginv[i][q] * b[q];
            }
            aHat[i] = t;
        }
    }

    /** posterior mean into {@code a}; std and the 95 % HPD interval into {@code extra} (map m of component i at m k + i) */
    private static void summarise(double[][] chain, int k, int n, double[] a, double[] extra) {
        for (int i = 0; i < k; i++) {
            double[] c = chain[i];
            double m = 0;
            for (int t = 0; t < n; t++) {
                m += c[t];
            }
            m /= n;
            double ss = 0;
            for (int t = 0; t < n; t++) {
                double d = c[t] - m;
                ss += d * d;
            }
            a[i] = m;
            extra[i] = Math.sqrt(ss / (n - 1));
            Arrays.sort(c);
            double[] hpd = hpd(c, 1 - TAIL);
            extra[k + i] = hpd[0];
            extra[2 * k + i] = hpd[1];
        }
    }

    /**
     * The highest-posterior-density interval of draws in [0, 1] (Chen &amp; Shao 1999): the shortest window of
     * consecutive sorted draws holding the fraction {@code mass} of them, closed to 0 (or 1) when it starts (ends) among
     * the {@value #EDGE_DRAWS} draws nearest that edge and the edge is within the span of those draws from the extreme one.
     *
     * @param sorted draws, ascending, at least {@value #EDGE_DRAWS} + 1
     * @param mass   probability inside, e.g. 0.95
     * @return {@code [low, high]}
     */
    static double[] hpd(double[] sorted, double mass) {
        int n = sorted.length;
        int w = Math.min(n - 1, (int) Math.ceil(mass * n) - 1); // window [j, j + w] holds w + 1 draws
        int best = 0;
        for (int j = 1; j + w < n; j++) {
            if (sorted[j + w] - sorted[j] < sorted[best + w] - sorted[best]) {
                best = j;
            }
        }
        double lo = sorted[best];
        double hi = sorted[best + w];
        int e = Math.min(EDGE_DRAWS, n - 1);
        if (best <= e && sorted[0] <= sorted[e] - sorted[0]) {
            lo = 0;
        }
        if (best + w >= n - 1 - e && 1 - sorted[n - 1] <= sorted[n - 1] - sorted[n - 1 - e]) {
            hi = 1;
        }
        return new double[] {lo, hi};
    }

    private static void checkChain(int burnIn, int samples) {
        if (burnIn < 0) {
            throw new IllegalArgumentException("parameter '" + BURN_IN + "' = " + burnIn + " must be at least 0");
        }
        if (samples < 10) {
            throw new IllegalArgumentException("parameter '" + SAMPLES + "' = " + samples
                    + " must be at least 10 (the 95 % interval and the standard deviation are taken over the samples)");
        }
    }

    /** SplittableRandom's / Stafford's variant-13 64-bit finaliser, to decorrelate consecutive position indices */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * Runs the Gibbs sampler of one position on its normal equations and returns the kept draws: the public form of
     * what {@link #unmix} runs per position (for checks against exact posteriors).
     *
     * @param gram     {@code G = W V⁻¹ Wᵀ}, {@code [k][k]}, symmetric positive definite
     * @param aHat     the unconstrained least-squares solution {@code G⁻¹ W V⁻¹ s}, {@code [k]}
     * @param rmin     the residual {@code ‖V^{-1/2}(s − Wᵀâ)‖²} at {@code aHat}, ≥ 0
     * @param channels the number of channels p (the shape of σ²'s inverse gamma is p/2)
     * @param sigma2   a known noise variance σ² (then not sampled), or NaN to sample it under the Jeffreys prior
     * @param burnIn   sweeps discarded, ≥ 0
     * @param samples  sweeps kept, ≥ 10
     * @param rnd      the random stream
     * @return the draws of a, {@code [samples][k]}, each on the simplex
     * @throws IllegalArgumentException if a size does not match, burnIn &lt; 0, samples &lt; 10, channels &lt; 1 or
     *                                  sigma2 is not NaN and not positive
     */
    public static double[][] posteriorSamples(double[][] gram, double[] aHat, double rmin, int channels, double sigma2, int burnIn, int samples,
            RandomGenerator rnd) {
        int k = aHat.length;
        if (gram.length != k || k < 1) {
            throw new IllegalArgumentException("gram is " + gram.length + " x ?, aHat has " + k + " entries");
        }
        for (double[] r : gram) {
            if (r.length != k) {
                throw new IllegalArgumentException("gram must be " + k + " x " + k);
            }
        }
        checkChain(burnIn, samples);
        if (channels < 1) {
            throw new IllegalArgumentException("channels = " + channels + " must be at least 1");
        }
        if (!Double.isNaN(sigma2) && !(sigma2 > 0 && sigma2 < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("sigma2 = " + sigma2 + " must be positive and finite, or NaN to sample it");
        }
        double[][] chain = new double[k][samples];
        if (k == 1) {
            Arrays.fill(chain[0], 1);
        } else {
            new Chain(k).run(gram, aHat, rmin, channels, sigma2, burnIn, samples, rnd, chain);
        }
        double[][] out = new double[samples][k];
        for (int t = 0; t < samples; t++) {
            for (int i = 0; i < k; i++) {
                out[t][i] = chain[i][t];
            }
        }
        return out;
    }

    /** Work arrays of one Gibbs chain (one thread). */
    private static final class Chain {
        final int k;
        final double[] a;
        final double[] g;

        Chain(int k) {
            this.k = k;
            a = new double[k];
            g = new double[k];
        }

        /** chain[i][t] = draw t of a_i */
        void run(double[][] gram, double[] aHat, double rmin, int p, double sigma2, int burnIn, int samples, RandomGenerator rnd, double[][] chain) {
            projectSimplex(aHat, a);
            boolean sampleSigma = Double.isNaN(sigma2);
            double rm = Math.max(rmin, 0);
            double s2 = sampleSigma ? Math.max(residual(gram, aHat, rm), Double.MIN_NORMAL) / Math.max(p - k, 1) : sigma2;
            double shape = 0.5 * p;
            for (int it = 0, total = burnIn + samples; it < total; it++) {
                // the dependent component a_r = 1 - sum of the others: cycles over the components from sweep to sweep
                int r = it % k;
                // g = G (a - aHat), recomputed every sweep against drift
                for (int i = 0; i < k; i++) {
                    double t = 0;
                    for (int q = 0; q < k; q++) {
                        t += gram[i][q] * (a[q] - aHat[q]);
                    }
                    g[i] = t;
                }
                for (int i = 0; i < k; i++) {
                    if (i == r) {
                        continue;
                    }
                    // direction e_i - e_r: curvature c, conditional mean a_i - (g_i - g_r) / c, variance s2 / c
                    double c = gram[i][i] - 2 * gram[i][r] + gram[r][r];
                    double mean = a[i] - (g[i] - g[r]) / c;
                    double sd = Math.sqrt(s2 / c);
                    double sum = a[i] + a[r];
                    double x = truncatedGaussian(rnd, mean, sd, 0, sum);
                    double d = x - a[i];
                    a[i] = x;
                    a[r] = Math.max(sum - x, 0);
                    for (int q = 0; q < k; q++) {
                        g[q] += d * (gram[q][i] - gram[q][r]);
                    }
                }
                if (sampleSigma) {
                    double q = 0;
                    for (int i = 0; i < k; i++) {
                        q += (a[i] - aHat[i]) * g[i];
                    }
                    double res = Math.max(rm + q, Double.MIN_NORMAL);
                    s2 = 0.5 * res / gamma(rnd, shape);
                }
                if (it >= burnIn) {
                    for (int i = 0; i < k; i++) {
                        chain[i][it - burnIn] = a[i];
                    }
                }
            }
        }

        private double residual(double[][] gram, double[] aHat, double rm) {
            double q = 0;
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    q += (a[i] - aHat[i]) * gram[i][j] * (a[j] - aHat[j]);
                }
            }
            return rm + q;
        }
    }

    /**
     * Euclidean projection onto the simplex {x ≥ 0, Σ x = 1} (the chain's starting point), after Duchi, Shalev-Shwartz,
     * Singer &amp; Chandra, ICML 2008, doi:10.1145/1390156.1390191.
     */
    static void projectSimplex(double[] y, double[] x) {
        int k = y.length;
        double[] u = y.clone();
        Arrays.sort(u);
        double cum = 0;
        double theta = 0;
        for (int j = k - 1; j >= 0; j--) {
            cum += u[j];
            double t = (cum - 1) / (k - j);
            if (j == 0 || u[j - 1] <= t) {
                theta = t;
                break;
            }
        }
        double sum = 0;
        for (int i = 0; i < k; i++) {
            x[i] = Math.max(y[i] - theta, 0);
            sum += x[i];
        }
        for (int i = 0; i < k; i++) {
            x[i] = sum > 0 ? x[i] / sum : 1.0 / k;
        }
    }

    /**
     * An exact draw from the Gaussian N(mean, sd²) truncated to [lo, hi], by the accept-reject algorithms of C. P. Robert,
     * Simulation of truncated normal variables, Stat. Comput. 5 (1995) 121, doi:10.1007/BF00143942: for the standardised
     * bounds α &lt; β, plain Gaussian rejection when the interval holds 0 and is wider than √(2π); uniform proposals on
     * [α, β] when it is narrower (acceptance exp(−z²/2), or exp((α² − z²)/2) beyond the mode); for a one-sided tail
     * (α &gt; 0, by symmetry also β &lt; 0) translated exponential proposals of the optimal rate
     * λ = (α + √(α² + 4))/2, accepted with exp(−(z − λ)²/2), unless the interval is so narrow that uniform proposals
     * are more efficient (Robert's bound β − α &lt; 2√e/(α + √(α²+4)) exp((α² − α√(α²+4))/4)). The acceptance
     * probabilities are evaluated in factored form, so the draw stays exact and efficient arbitrarily far in the tails
     * (no distribution function is inverted).
     *
     * @param rnd  the random stream
     * @param mean the mean of the untruncated Gaussian
     * @param sd   its standard deviation, &gt; 0
     * @param lo   lower bound
     * @param hi   upper bound, ≥ lo
     * @return a value in [lo, hi]
     * @throws IllegalArgumentException if sd ≤ 0, a value is not finite or hi &lt; lo
     */
    public static double truncatedGaussian(RandomGenerator rnd, double mean, double sd, double lo, double hi) {
        if (!(sd > 0) || !Double.isFinite(sd) || !Double.isFinite(mean) || !Double.isFinite(lo) || !Double.isFinite(hi) || hi < lo) {
            throw new IllegalArgumentException("truncated Gaussian needs sd > 0 and finite lo <= hi: mean=" + mean + " sd=" + sd + " lo=" + lo + " hi=" + hi);
        }
        if (hi == lo) {
            return lo;
        }
        double alpha = (lo - mean) / sd;
        double beta = (hi - mean) / sd;
        double z;
        if (alpha >= 0) {
            z = tail(rnd, alpha, beta);
        } else if (beta <= 0) {
            z = -tail(rnd, -beta, -alpha);
        } else {
            z = central(rnd, alpha, beta);
        }
        double x = mean + sd * z;
        return Math.min(Math.max(x, lo), hi);
    }

    /** standard Gaussian on [alpha, beta] with alpha &lt; 0 &lt; beta */
    private static double central(RandomGenerator rnd, double alpha, double beta) {
        if (beta - alpha >= Math.sqrt(2 * Math.PI)) {
            while (true) {
                double z = rnd.nextGaussian();
                if (z >= alpha && z <= beta) {
                    return z;
                }
            }
        }
        while (true) {
            double z = alpha + (beta - alpha) * rnd.nextDouble();
            if (rnd.nextDouble() <= Math.exp(-0.5 * z * z)) {
                return z;
            }
        }
    }

    /** standard Gaussian on [alpha, beta] with 0 ≤ alpha &lt; beta (beta may be +∞) */
    private static double tail(RandomGenerator rnd, double alpha, double beta) {
        if (alpha > 1e100) {
            // far tail: the exponential proposal of rate alpha is exact to O(alpha^-2) relative
            return Math.min(alpha - Math.log1p(-rnd.nextDouble()) / alpha, beta);
        }
        double root = Math.sqrt(alpha * alpha + 4);
        double lambda = 0.5 * (alpha + root);
        // alpha² - alpha root = -4 alpha / (alpha + root), without cancellation
        double uniformBound = 2 * Math.sqrt(Math.E) / (alpha + root) * Math.exp(-alpha / (alpha + root));
        if (beta - alpha < uniformBound) {
            while (true) {
                double z = alpha + (beta - alpha) * rnd.nextDouble();
                // exp((alpha² - z²)/2) = exp(-(z - alpha)(z + alpha)/2)
                if (rnd.nextDouble() <= Math.exp(-0.5 * (z - alpha) * (z + alpha))) {
                    return z;
                }
            }
        }
        while (true) {
            double z = alpha - Math.log1p(-rnd.nextDouble()) / lambda;
            if (z > beta) {
                continue;
            }
            double d = z - lambda;
            if (rnd.nextDouble() <= Math.exp(-0.5 * d * d)) {
                return z;
            }
        }
    }

    /**
     * A Gamma(shape, 1) draw for shape ≥ 1 by G. Marsaglia, W. W. Tsang, A simple method for generating gamma
     * variables, ACM Trans. Math. Softw. 26 (2000) 363, doi:10.1145/358407.358414; for shape &lt; 1 through
     * Gamma(shape + 1) · U^{1/shape}.
     */
    static double gamma(RandomGenerator rnd, double shape) {
        if (shape < 1) {
            double u = rnd.nextDouble();
            return gamma(rnd, shape + 1) * Math.pow(1 - u, 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = rnd.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = 1 - rnd.nextDouble(); // (0, 1]
            double x2 = x * x;
            if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }
}
