package tessera.valence;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import smile.classification.Classifier;
import smile.classification.OneVersusOne;
import smile.classification.OneVersusRest;
import smile.classification.SVM;
import smile.classification.SoftClassifier;
import smile.math.kernel.GaussianKernel;
import smile.math.kernel.LinearKernel;
import smile.math.kernel.MercerKernel;

/**
 * Multi-class soft-margin support vector machines on {@link tessera.eels.valence.ValenceFeatures} inputs, as del
 * Pozo-Bueno, Peiró &amp; Estradé (Ultramicroscopy 221 (2021) 113190, doi:10.1016/j.ultramic.2020.113190) classify Mn
 * and Fe oxidation states: binary SVMs (Smile 2.6.0, {@link SVM}, Platt's LASVM solver; Cortes &amp; Vapnik, Mach.
 * Learn. 20 (1995) 273, doi:10.1007/BF00994018) combined one-vs-one ({@link OneVersusOne}, pairwise coupling of
 * Platt-scaled outputs) or one-vs-rest ({@link OneVersusRest}), with a linear kernel or the RBF kernel
 * exp(−γ‖x − y‖²) (γ as scikit-learn's; Smile's Gaussian σ = 1/√(2γ)). C and γ are chosen by stratified k-fold
 * cross-validation on the training set ({@link #select}); the probabilities are Platt's (Platt 1999, in Advances in
 * Large Margin Classifiers, MIT Press).
 */
public final class ValenceSvm {
    /** the kernels */
    public enum Kernel {
        /** k(x, y) = x·y */
        LINEAR,
        /** k(x, y) = exp(−γ‖x − y‖²) */
        RBF
    }

    /** the multi-class strategies */
    public enum Strategy {
        /** k(k−1)/2 pairwise machines */
        OVO,
        /** k one-against-the-others machines */
        OVR
    }

    /**
     * Hyper-parameters of one machine.
     *
     * @param kernel   the kernel
     * @param strategy the multi-class strategy
     * @param c        soft-margin penalty C &gt; 0
     * @param gamma    RBF γ &gt; 0 (ignored for the linear kernel)
     */
    public record Setting(Kernel kernel, Strategy strategy, double c, double gamma) {
        /** @return e.g. "rbf-ovo C=10 γ=0.1" */
        public String describe() {
            return String.format(Locale.ROOT, "%s-%s C=%s%s", kernel.name().toLowerCase(Locale.ROOT), strategy.name().toLowerCase(Locale.ROOT), num(c),
                    kernel == Kernel.RBF ? " gamma=" + num(gamma) : "");
        }

        private static String num(double v) {
            return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }
    }

    /**
     * One cross-validated setting.
     *
     * @param setting  the setting
     * @param accuracy mean fraction of held-out spectra classified right over the folds
     */
    public record Score(Setting setting, double accuracy) {
    }

    private static final double TOLERANCE = 1e-3;
    private static final long SOLVER_SEED = 19650218L;

    private ValenceSvm() {
    }

    /**
     * Trains one multi-class machine.
     *
     * @param x inputs {@code [n][d]}
     * @param y class indices {@code [n]}, 0 … k−1, every class present
     * @param s the setting
     * @return the machine; {@code predict(x, p)} fills the class probabilities p {@code [k]}
     * @throws IllegalArgumentException if a class has no example
     */
    public static SoftClassifier<double[]> fit(double[][] x, int[] y, Setting s) {
        MercerKernel<double[]> kernel = s.kernel() == Kernel.LINEAR ? new LinearKernel() : new GaussianKernel(1 / Math.sqrt(2 * s.gamma()));
        // LASVM visits the examples in a random order drawn from Smile's per-thread generator: seeded before every binary
        // machine, so that the same data and setting give the same machine on any thread
        java.util.function.BiFunction<double[][], int[], Classifier<double[]>> binary = (xx, yy) -> {
            smile.math.MathEx.setSeed(SOLVER_SEED);
            return SVM.fit(xx, yy, kernel, s.c(), TOLERANCE);
        };
        return s.strategy() == Strategy.OVO ? OneVersusOne.fit(x, y, binary) : OneVersusRest.fit(x, y, binary);
    }

    /**
     * Chooses C (and γ) by stratified k-fold cross-validation.
     *
     * @param x        inputs {@code [n][d]}
     * @param y        class indices
     * @param kernel   the kernel
     * @param strategy the strategy
     * @param cs       candidate C values
     * @param gammas   candidate γ values (one value, ignored, for the linear kernel)
     * @param folds    number of folds, &ge; 2
     * @param seed     seed of the fold assignment
     * @return every setting's score, best first (ties: the smaller C, then the smaller γ)
     */
    public static List<Score> select(double[][] x, int[] y, Kernel kernel, Strategy strategy, double[] cs, double[] gammas, int folds, long seed) {
        int n = y.length;
        int[] fold = new int[n];
        int k = Arrays.stream(y).max().orElse(0) + 1;
        SplittableRandom r = new SplittableRandom(seed);
        for (int c = 0; c < k; c++) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (y[i] == c) {
                    idx.add(i);
                }
            }
            for (int i = idx.size() - 1; i > 0; i--) {
                java.util.Collections.swap(idx, i, r.nextInt(i + 1));
            }
            for (int i = 0; i < idx.size(); i++) {
                fold[idx.get(i)] = i % folds;
            }
        }
        double[] gs = kernel == Kernel.LINEAR ? new double[] { Double.NaN } : gammas;
        List<Setting> settings = new ArrayList<>();
        for (double c : cs) {
            for (double g : gs) {
                settings.add(new Setting(kernel, strategy, c, g));
            }
        }
        // every (setting, fold) fit is independent: in parallel, each result in its own slot (deterministic)
        double[][] acc = new double[settings.size()][folds];
        java.util.stream.IntStream.range(0, settings.size() * folds).parallel().forEach(t -> {
            Setting s = settings.get(t / folds);
            int f = t % folds;
            List<double[]> tx = new ArrayList<>();
            List<Integer> ty = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (fold[i] != f) {
                    tx.add(x[i]);
                    ty.add(y[i]);
                }
            }
            SoftClassifier<double[]> m = fit(tx.toArray(double[][]::new), ty.stream().mapToInt(Integer::intValue).toArray(), s);
            int right = 0, total = 0;
            for (int i = 0; i < n; i++) {
                if (fold[i] == f) {
                    right += m.predict(x[i]) == y[i] ? 1 : 0;
                    total++;
                }
            }
            acc[t / folds][f] = right / (double) total;
        });
        List<Score> out = new ArrayList<>();
        for (int i = 0; i < settings.size(); i++) {
            out.add(new Score(settings.get(i), java.util.Arrays.stream(acc[i]).average().orElse(0)));
        }
        out.sort((a, b) -> a.accuracy() != b.accuracy() ? Double.compare(b.accuracy(), a.accuracy())
                : a.setting().c() != b.setting().c() ? Double.compare(a.setting().c(), b.setting().c()) : Double.compare(a.setting().gamma(), b.setting().gamma()));
        return out;
    }

    /**
     * Class probabilities of inputs.
     *
     * @param m the machine
     * @param x inputs {@code [n][d]}
     * @param k number of classes
     * @return probabilities {@code [n][k]}
     */
    public static float[][] probabilities(SoftClassifier<double[]> m, double[][] x, int k) {
        float[][] out = new float[x.length][k];
        double[] p = new double[k];
        for (int i = 0; i < x.length; i++) {
            Arrays.fill(p, 0);
            m.predict(x[i], p);
            for (int j = 0; j < k; j++) {
                out[i][j] = (float) p[j];
            }
        }
        return out;
    }

    /**
     * Serialises a machine (Java serialisation of the Smile 2.6.0 objects; read back by {@link #read}).
     *
     * @param m the machine
     * @return the bytes
     * @throws IOException if Smile's classes cannot be written
     */
    public static byte[] write(SoftClassifier<double[]> m) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(b)) {
            o.writeObject(m);
        }
        return b.toByteArray();
    }

    /**
     * Reads a machine written by {@link #write}. Only Smile's classifier, kernel and utility classes, Java's boxed
     * numbers and arrays are accepted (an {@link ObjectInputFilter}), so a crafted file cannot instantiate anything else.
     *
     * @param bytes the serialised machine
     * @param name  the file, for messages
     * @return the machine
     * @throws IOException if the bytes are not a machine of this Smile version
     */
    @SuppressWarnings("unchecked")
    public static SoftClassifier<double[]> read(byte[] bytes, String name) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            protected Class<?> resolveClass(java.io.ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                try {
                    return Class.forName(desc.getName(), false, ValenceSvm.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    return super.resolveClass(desc);
                }
            }
        }) {
            in.setObjectInputFilter(info -> {
                Class<?> c = info.serialClass();
                if (c == null) {
                    return info.depth() > 64 || info.arrayLength() > 100_000_000L ? ObjectInputFilter.Status.REJECTED : ObjectInputFilter.Status.UNDECIDED;
                }
                while (c.isArray()) {
                    c = c.getComponentType();
                }
                String cn = c.getName();
                return c.isPrimitive() || cn.startsWith("smile.") || cn.startsWith("java.lang.") || cn.startsWith("java.util.")
                        ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
            });
            Object o = in.readObject();
            if (!(o instanceof SoftClassifier<?> s)) {
                throw new IOException(name + ": not a support vector machine (" + o.getClass().getName() + ")");
            }
            return (SoftClassifier<double[]>) s;
        } catch (ClassNotFoundException | InvalidClassException e) {
            throw new IOException(name + ": not a support vector machine of Smile 2.6.0 (" + e.getMessage() + ")", e);
        }
    }
}
