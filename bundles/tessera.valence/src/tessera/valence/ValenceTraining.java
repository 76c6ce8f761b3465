package tessera.valence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import smile.classification.SoftClassifier;
import tessera.classify.internal.DjlRuntime;
import tessera.classify.internal.TrainingSupport;
import tessera.core.analysis.ProgressMonitor;
import tessera.eels.valence.ValenceFeatures;
import tessera.eels.valence.WhiteLineSimulator;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code tessera train valence}: a valence classifier trained on simulated L2,3 edges ({@link WhiteLineSimulator},
 * {@link WhiteLineSimulator#TRAINING} ranges; validation set with the next seed), plus any real reference spectra the
 * user labels, written as a model directory ({@link ValenceModel}).
 * <ul>
 * <li>{@code svm}: C (and γ) chosen by stratified {@code folds}-fold cross-validation (on the first {@value #CV_MAX} training
 * spectra) over the kernels and strategies
 * asked for (all four — linear and RBF, one-vs-one and one-vs-rest — unless one is named: {@code svm-rbf-ovo} …), the
 * best setting refitted on the whole training set (del Pozo-Bueno et al., Ultramicroscopy 221 (2021) 113190,
 * doi:10.1016/j.ultramic.2020.113190);</li>
 * <li>{@code dense-N} / {@code conv-N} ({@link Structure}): Adam, softmax cross entropy, mini-batches in a seeded order,
 * for {@code epochs} epochs (Chatzidakis &amp; Botton, Sci. Rep. 9 (2019) 2126, doi:10.1038/s41598-019-38482-1; del
 * Pozo-Bueno et al., Ultramicroscopy 2023: 10 and 30 epochs); the validation success ratio after every epoch.</li>
 * </ul>
 * The same options give the same model bit for bit on the same machine.
 */
public final class ValenceTraining {
    /** the SVM's candidate C values */
    public static final double[] C_GRID = { 0.1, 1, 10, 100 };
    /** the RBF's candidate γ values (inputs are normalised to a maximum of 1) */
    public static final double[] GAMMA_GRID = { 0.01, 0.03, 0.1, 0.3 };
    /** the cross-validation uses at most this many of the training spectra (the first ones: balanced); the chosen setting is refitted on all */
    public static final int CV_MAX = 2400;

    /**
     * Training options.
     *
     * @param element      "Mn" or "Fe"
     * @param model        "svm", "svm-linear-ovo", "svm-linear-ovr", "svm-rbf-ovo", "svm-rbf-ovr", "dense-N" or "conv-N"
     * @param count        simulated training spectra (balanced)
     * @param validation   simulated validation spectra
     * @param epochs       network epochs
     * @param batch        network mini-batch size
     * @param learningRate Adam's learning rate
     * @param folds        SVM cross-validation folds
     * @param seed         seed of the simulated sets (training seed, validation seed + 1) and of the network
     */
    public record Options(String element, String model, int count, int validation, int epochs, int batch, double learningRate, int folds, long seed) {
        /** @return the options as a map, for the card */
        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("element", element);
            m.put("model", model);
            m.put("count", count);
            m.put("validation", validation);
            m.put("epochs", epochs);
            m.put("batch", batch);
            m.put("learningRate", learningRate);
            m.put("folds", folds);
            m.put("seed", seed);
            return m;
        }
    }

    /**
     * A trained network and its validation curve.
     *
     * @param weights  the final weights (DJL parameters)
     * @param success  validation success ratio after each epoch, {@code [epochs]}
     * @param snapshots weights after the epochs asked for in {@code snapshotAt}, by epoch
     */
    public record NetworkRun(byte[] weights, double[] success, Map<Integer, byte[]> snapshots) {
    }

    private ValenceTraining() {
    }

    /**
     * Trains and writes a model directory (all files, or none: written beside and moved into place).
     *
     * @param o          options
     * @param references the user's labelled real spectra (may be empty), added to the training set
     * @param out        the model directory (must not exist, or be empty)
     * @param monitor    progress
     * @param log        progress lines
     * @return the loaded model
     * @throws IllegalArgumentException if the model name is unknown
     * @throws IOException              on an I/O error (nothing is left at {@code out} then)
     */
    public static ValenceModel train(Options o, List<ValenceData> references, Path out, ProgressMonitor monitor, Consumer<String> log) throws IOException {
        Instant started = Instant.now();
        tessera.eels.valence.WhiteLines lines = tessera.eels.valence.WhiteLines.of(o.element());
        String model = o.model().trim().toLowerCase(Locale.ROOT);
        Structure structure = model.startsWith("svm") ? null : Structure.of(model);
        log.accept(String.format(Locale.ROOT, "simulating %d training and %d validation %s L2,3 edges (seeds %d, %d)", o.count(), o.validation(),
                lines.element(), o.seed(), o.seed() + 1));
        ValenceData train = ValenceData.simulate(lines, WhiteLineSimulator.TRAINING, o.seed(), o.count());
        for (ValenceData r : references) {
            train = train.concat(r);
        }
        ValenceData val = ValenceData.simulate(lines, WhiteLineSimulator.TRAINING, o.seed() + 1, o.validation());
        Map<String, Object> hp = new LinkedHashMap<>(o.asMap());
        Map<String, Double> metrics = new LinkedHashMap<>();
        byte[] weights;
        String kind;
        String name;
        if (structure == null) {
            List<ValenceSvm.Score> scores = crossValidate(model, train, o, log);
            ValenceSvm.Setting best = scores.get(0).setting();
            log.accept("best " + best.describe() + String.format(Locale.ROOT, " (cross-validated success %.3f); refitting on %d spectra",
                    scores.get(0).accuracy(), train.size()));
            SoftClassifier<double[]> m = ValenceSvm.fit(train.asDoubles(), train.y(), best);
            weights = ValenceSvm.write(m);
            kind = "svm";
            name = best.describe();
            hp.put("kernel", best.kernel().name().toLowerCase(Locale.ROOT));
            hp.put("strategy", best.strategy().name().toLowerCase(Locale.ROOT));
            hp.put("C", best.c());
            if (best.kernel() == ValenceSvm.Kernel.RBF) {
                hp.put("gamma", best.gamma());
            }
            hp.put("cGrid", C_GRID);
            hp.put("gammaGrid", GAMMA_GRID);
            hp.put("solver", "Smile 2.6.0 LASVM, tolerance 1e-3, Platt-scaled probabilities");
            metrics.put("cv_success", scores.get(0).accuracy());
            float[][] p = ValenceSvm.probabilities(m, val.asDoubles(), lines.classes().size());
            metrics.put("validation_success", success(p, val.y()));
        } else {
            NetworkRun run = trainNetwork(structure, train, val, o, List.of(), log);
            weights = run.weights();
            kind = "network";
            name = structure.name();
            hp.put("layers", structure.layers());
            hp.put("optimizer", "Adam");
            hp.put("loss", "softmax cross entropy");
            hp.put("engine", DjlRuntime.run(() -> "PyTorch " + Engine.getInstance().getVersion() + " on DJL " + Engine.getDjlVersion() + ", CPU"));
            metrics.put("validation_success", run.success()[run.success().length - 1]);
            if (run.success().length >= 10) {
                metrics.put("validation_success_10_epochs", run.success()[9]);
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("generator", "tessera.eels.valence.WhiteLineSimulator, training ranges");
        data.put("ranges", WhiteLineSimulator.TRAINING.asMap());
        data.put("training", train.source());
        data.put("validation", val.source());
        data.put("trainingSpectra", train.size());
        ValenceModel.Card card = new ValenceModel.Card(lines.element(), kind, name, lines.classes(), hp, data, metrics, ValenceModel.sha256(weights));
        write(out, card, weights, started);
        log.accept(String.format(Locale.ROOT, "wrote %s (%s %s, validation success %.3f)", out, kind, name, metrics.get("validation_success")));
        return ValenceModel.load(out);
    }

    private static List<ValenceSvm.Score> crossValidate(String model, ValenceData train, Options o, Consumer<String> log) {
        List<ValenceSvm.Kernel> kernels = new ArrayList<>(List.of(ValenceSvm.Kernel.values()));
        List<ValenceSvm.Strategy> strategies = new ArrayList<>(List.of(ValenceSvm.Strategy.values()));
        if (!model.equals("svm")) {
            String[] p = model.split("-");
            if (p.length != 3 || !p[0].equals("svm")) {
                throw new IllegalArgumentException("unknown model '" + model + "'; use svm, svm-linear-ovo, svm-linear-ovr, svm-rbf-ovo, svm-rbf-ovr, "
                        + "dense-0 … dense-13 or conv-0 … conv-7");
            }
            try {
                kernels = List.of(ValenceSvm.Kernel.valueOf(p[1].toUpperCase(Locale.ROOT)));
                strategies = List.of(ValenceSvm.Strategy.valueOf(p[2].toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown SVM '" + model + "'; use svm-linear-ovo, svm-linear-ovr, svm-rbf-ovo or svm-rbf-ovr");
            }
        }
        ValenceData cv = train.head(CV_MAX);
        double[][] x = cv.asDoubles();
        List<ValenceSvm.Score> all = new ArrayList<>();
        for (ValenceSvm.Kernel k : kernels) {
            for (ValenceSvm.Strategy s : strategies) {
                List<ValenceSvm.Score> sc = ValenceSvm.select(x, cv.y(), k, s, C_GRID, GAMMA_GRID, o.folds(), o.seed());
                log.accept(String.format(Locale.ROOT, "  %s: best %s, cross-validated success %.3f", (k + "-" + s).toLowerCase(Locale.ROOT),
                        sc.get(0).setting().describe(), sc.get(0).accuracy()));
                all.addAll(sc);
            }
        }
        all.sort((a, b) -> Double.compare(b.accuracy(), a.accuracy()));
        return all;
    }

    /**
     * Trains one network structure.
     *
     * @param s          the structure
     * @param train      training set
     * @param val        validation set (success after every epoch)
     * @param o          options (epochs, batch, learning rate, seed)
     * @param snapshotAt epochs (1-based) after which to keep a copy of the weights
     * @param log        progress lines
     * @return the run
     */
    public static NetworkRun trainNetwork(Structure s, ValenceData train, ValenceData val, Options o, List<Integer> snapshotAt, Consumer<String> log) {
        return DjlRuntime.run(() -> {
            int k = train.lines().classes().size();
            int c = ValenceFeatures.CHANNELS;
            int n = train.size();
            Engine.getInstance().setRandomSeed((int) o.seed());
            double[] success = new double[o.epochs()];
            Map<Integer, byte[]> snaps = new LinkedHashMap<>();
            try (Model model = Model.newInstance("valence-" + s.name(), "PyTorch")) {
                model.setBlock(s.build(k));
                DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                        .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) o.learningRate())).build());
                try (Trainer trainer = model.newTrainer(config)) {
                    trainer.initialize(s.inputShape(o.batch()));
                    int[] order = new int[n];
                    for (int i = 0; i < n; i++) {
                        order[i] = i;
                    }
                    SplittableRandom r = new SplittableRandom(o.seed());
                    for (int epoch = 0; epoch < o.epochs(); epoch++) {
                        for (int i = n - 1; i > 0; i--) {
                            int j = r.nextInt(i + 1);
                            int t = order[i];
                            order[i] = order[j];
                            order[j] = t;
                        }
                        double lossSum = 0;
                        int batches = 0;
                        for (int start = 0; start + 1 < n; start += o.batch()) {
                            int b = Math.min(o.batch(), n - start);
                            float[] x = new float[b * c];
                            float[] y = new float[b];
                            for (int i = 0; i < b; i++) {
                                System.arraycopy(train.x()[order[start + i]], 0, x, i * c, c);
                                y[i] = train.y()[order[start + i]];
                            }
                            try (NDManager m = trainer.getManager().newSubManager()) {
                                NDArray xa = m.create(x, s.inputShape(b));
                                NDArray ya = m.create(y, new Shape(b));
                                try (GradientCollector gc = trainer.newGradientCollector()) {
                                    NDList pred = trainer.forward(new NDList(xa));
                                    NDArray l = trainer.getLoss().evaluate(new NDList(ya), pred);
                                    gc.backward(l);
                                    lossSum += l.getFloat();
                                }
                                trainer.step();
                            }
                            batches++;
                        }
                        float[][] p = ValenceModel.forward(model.getBlock(), model.getNDManager(), s, k, val.x());
                        success[epoch] = success(p, val.y());
                        log.accept(String.format(Locale.ROOT, "  %s epoch %d/%d: loss %.4f, validation success %.3f", s.name(), epoch + 1, o.epochs(),
                                lossSum / Math.max(1, batches), success[epoch]));
                        if (snapshotAt.contains(epoch + 1)) {
                            snaps.put(epoch + 1, TrainingSupport.parameters(model));
                        }
                    }
                    return new NetworkRun(TrainingSupport.parameters(model), success, snaps);
                }
            }
        });
    }

    /**
     * @param p probabilities {@code [n][k]}
     * @param y true classes
     * @return the fraction of spectra whose most probable class is the true one (the papers' "success ratio")
     */
    public static double success(float[][] p, int[] y) {
        int right = 0;
        for (int i = 0; i < y.length; i++) {
            right += argmax(p[i]) == y[i] ? 1 : 0;
        }
        return y.length == 0 ? Double.NaN : right / (double) y.length;
    }

    static int argmax(float[] v) {
        int b = 0;
        for (int j = 1; j < v.length; j++) {
            if (v[j] > v[b]) {
                b = j;
            }
        }
        return b;
    }

    private static void write(Path out, ValenceModel.Card card, byte[] weights, Instant started) throws IOException {
        if (Files.exists(out)) {
            boolean empty;
            try (var entries = Files.list(out)) {
                empty = entries.findAny().isEmpty();
            } catch (java.nio.file.NotDirectoryException e) {
                empty = false;
            }
            if (!empty) {
                throw new java.nio.file.FileAlreadyExistsException(out.toString(), null, "the model directory exists and is not empty");
            }
        }
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + out.getFileName() + ".");
        try {
            Files.writeString(tmp.resolve(ValenceModel.FILE), card.toJson(), StandardCharsets.UTF_8);
            Files.write(tmp.resolve(card.kind().equals("svm") ? ValenceModel.SVM : ValenceModel.NETWORK), weights);
            Files.writeString(tmp.resolve(ValenceModel.PROVENANCE), provJson(card, started, Instant.now(), out), StandardCharsets.UTF_8);
            if (Files.isDirectory(out)) {
                Files.delete(out);
            }
            Files.move(tmp, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try (var s = Files.walk(tmp)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            throw e;
        }
    }

    /** The training record as PROV-JSON (W3C PROV-JSON submission, 2013). */
    static String provJson(ValenceModel.Card card, Instant start, Instant end, Path out) {
        ObjectNode root = ValenceModel.JSON.createObjectNode();
        root.putObject("prefix").put("tessera", "https://tessera.dev/provenance/1.0#").put("prov", "http://www.w3.org/ns/prov#");
        ObjectNode entity = root.putObject("entity");
        ObjectNode d = entity.putObject("tessera:training-set");
        d.put("tessera:description", String.valueOf(card.data().get("training")));
        d.put("tessera:generator", String.valueOf(card.data().get("generator")));
        entity.putObject("tessera:validation-set").put("tessera:description", String.valueOf(card.data().get("validation")));
        ObjectNode w = entity.putObject("tessera:model");
        w.put("prov:location", out.toAbsolutePath().resolve(card.kind().equals("svm") ? ValenceModel.SVM : ValenceModel.NETWORK).toString());
        w.put("tessera:sha256", card.weightsSha256());
        card.metrics().forEach((key, val) -> w.put("tessera:" + key, val));
        ObjectNode a = root.putObject("activity").putObject("tessera:train-valence");
        a.put("prov:startTime", start.toString());
        a.put("prov:endTime", end.toString());
        card.hyperParameters().forEach((key, val) -> a.put("tessera:" + key, val instanceof double[] v ? java.util.Arrays.toString(v) : String.valueOf(val)));
        root.putObject("agent").putObject("tessera:software").put("prov:type", "prov:SoftwareAgent").put("tessera:bundle", "tessera.valence");
        root.putObject("used").putObject("_:u1").put("prov:activity", "tessera:train-valence").put("prov:entity", "tessera:training-set");
        root.putObject("wasGeneratedBy").putObject("_:g1").put("prov:entity", "tessera:model").put("prov:activity", "tessera:train-valence");
        return ValenceModel.JSON.writeValueAsString(root);
    }
}
