package tessera.eels.valence;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import tessera.math.SymmetricEigen;

/**
 * How far a prepared edge lies from the simulated training spectra, so that a microscopist knows when not to trust a
 * classifier: the {@link ValenceFeatures} inputs of {@value #SPECTRA} spectra drawn with {@link WhiteLineSimulator#TRAINING}
 * ranges (seed {@value #SEED}, the training seed of the shipped models) span, after centring, a principal subspace of
 * {@value #COMPONENTS} components (the eigenvectors of their covariance). The <b>novelty</b> of an input is the larger of
 * its two PCA monitoring statistics, each divided by its 99th percentile over the training spectra: Q, the squared
 * residual outside the subspace, and Hotelling's T², Σ score²/variance inside it (Jackson &amp; Mudholkar,
 * Technometrics 21 (1979) 341, doi:10.1080/00401706.1979.10489779; MacGregor &amp; Kourti, Control Eng. Pract. 3 (1995)
 * 403, doi:10.1016/0967-0661(95)00014-L). Below 1: like the training data; well above 1: a shape the classifiers
 * never saw, whatever probability they give. Immutable; one per element is computed once per process and cached.
 */
public final class TrainingDomain {
    /** simulated spectra the domain is estimated from */
    public static final int SPECTRA = 1500;
    /** the simulator's seed (the shipped models' training seed) */
    public static final long SEED = 11;
    /** principal components kept */
    public static final int COMPONENTS = 12;
    private static final Map<String, TrainingDomain> CACHE = new ConcurrentHashMap<>();

    private final double[] mean;
    private final double[] components;
    private final double[] variances;
    private final double qLimit;
    private final double t2Limit;

    private TrainingDomain(double[] mean, double[] components, double[] variances, double qLimit, double t2Limit) {
        this.mean = mean;
        this.components = components;
        this.variances = variances;
        this.qLimit = qLimit;
        this.t2Limit = t2Limit;
    }

    /**
     * @param lines the element
     * @return its training domain (computed on first use: about a second)
     */
    public static TrainingDomain of(WhiteLines lines) {
        return CACHE.computeIfAbsent(lines.element(), e -> estimate(lines));
    }

    private static TrainingDomain estimate(WhiteLines lines) {
        WhiteLineSimulator sim = new WhiteLineSimulator(lines, WhiteLineSimulator.TRAINING, SEED);
        int c = ValenceFeatures.CHANNELS;
        float[][] x = new float[SPECTRA][];
        IntStream.range(0, SPECTRA).parallel().forEach(i -> {
            WhiteLineSimulator.Spectrum s = sim.simulate(i);
            x[i] = ValenceFeatures.prepare(s.counts(), s.energy(), lines).features();
        });
        double[] mean = new double[c];
        for (float[] r : x) {
            for (int j = 0; j < c; j++) {
                mean[j] += r[j] / (double) SPECTRA;
            }
        }
        double[] cov = new double[c * c];
        double[] d = new double[c];
        for (float[] r : x) {
            for (int j = 0; j < c; j++) {
                d[j] = r[j] - mean[j];
            }
            for (int a = 0; a < c; a++) {
                for (int b = a; b < c; b++) {
                    cov[a * c + b] += d[a] * d[b];
                }
            }
        }
        for (int a = 0; a < c; a++) {
            for (int b = a; b < c; b++) {
                cov[a * c + b] /= SPECTRA;
                cov[b * c + a] = cov[a * c + b];
            }
        }
        SymmetricEigen eig = SymmetricEigen.leading(cov, c, COMPONENTS);
        double[] lambda = Arrays.copyOf(eig.values(), COMPONENTS);
        TrainingDomain raw = new TrainingDomain(mean, eig.vectors(), lambda, 1, 1);
        double[] q = new double[SPECTRA];
        double[] t2 = new double[SPECTRA];
        for (int i = 0; i < SPECTRA; i++) {
            double[] st = raw.statistics(x[i]);
            q[i] = st[0];
            t2[i] = st[1];
        }
        Arrays.sort(q);
        Arrays.sort(t2);
        int p99 = (int) Math.floor(0.99 * (SPECTRA - 1));
        return new TrainingDomain(mean, eig.vectors(), lambda, q[p99], t2[p99]);
    }

    /** {Q: squared residual outside the subspace, T²: Hotelling's Σ score²/variance inside it} */
    private double[] statistics(float[] f) {
        int c = mean.length;
        double[] d = new double[c];
        double total = 0;
        for (int j = 0; j < c; j++) {
            d[j] = f[j] - mean[j];
            total += d[j] * d[j];
        }
        double inside = 0;
        double t2 = 0;
        for (int k = 0; k < COMPONENTS; k++) {
            double p = 0;
            for (int j = 0; j < c; j++) {
                p += components[k * c + j] * d[j];
            }
            inside += p * p;
            t2 += p * p / Math.max(variances[k], 1e-30);
        }
        return new double[] { Math.max(0, total - inside), t2 };
    }

    /**
     * @param features a prepared edge's input, shape [{@value ValenceFeatures#CHANNELS}]
     * @return its novelty: the larger of Q / Q₉₉ and T² / T²₉₉ (each over the training spectra's 99th percentile)
     * @throws IllegalArgumentException if the input has another length
     */
    public double novelty(float[] features) {
        if (features.length != mean.length) {
            throw new IllegalArgumentException("an input has " + mean.length + " channels, not " + features.length);
        }
        double[] st = statistics(features);
        return Math.max(st[0] / qLimit, st[1] / t2Limit);
    }
}
