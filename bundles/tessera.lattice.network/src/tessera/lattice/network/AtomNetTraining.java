package tessera.lattice.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import tessera.classify.internal.DjlRuntime;
import tessera.classify.internal.TrainingSupport;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.io.AtomicFiles;
import tessera.core.io.InvalidFileException;
import tessera.lattice.ColumnMatching;
import tessera.lattice.network.internal.UNet2d;
import tools.jackson.databind.node.ObjectNode;

/**
 * Trains the atom-finding U-Net on simulated lattice images ({@link TrainingLattices}), as AtomNet and AtomAI train
 * theirs (M. Ziatdinov et al., ACS Nano 11 (2017) 12742, doi:10.1021/acsnano.7b07504; Nat. Mach. Intell. 4 (2022)
 * 1101, doi:10.1038/s42256-022-00555-8): every step a fresh batch of images drawn from the seed (sample i of step s has
 * seed {@code seed · 10⁹ + s · batch + i}, so a run is repeatable), Adam, the loss binary cross entropy on the logits
 * plus a soft Dice loss (1 − 2Σpy / (Σp + Σy)) so that the few atom pixels weigh as much as the background. Every
 * {@link Options#validateEvery()} steps the network maps a fixed validation set (other seeds) and is scored by the
 * one-to-one matched F1 of its blob centres against the true atoms (within half the nearest-neighbour distance,
 * {@link ColumnMatching}) at the best of the thresholds 0.3 … 0.7; the learning rate is halved after
 * {@link Options#patience()} validations without a better F1, the best weights are kept, and a time budget ends the
 * run at the next validation. The result is a model directory ({@link AtomNetModel}): card, weights, PROV-JSON
 * training record and {@value AtomNetModel#LOG}, written only at the end; an interrupted run leaves nothing (there is no
 * checkpoint to resume).
 */
public final class AtomNetTraining {
    /** the thresholds the validation chooses from */
    static final double[] THRESHOLDS = {0.3, 0.4, 0.5, 0.6, 0.7};
    /** the smallest blob counted as an atom (px) */
    public static final int MIN_AREA = 2;

    private AtomNetTraining() {
    }

    /**
     * Hyper-parameters of one run.
     *
     * @param width            U-Net top-level channels, ≥ 1
     * @param levels           U-Net levels including the bottleneck, 2 … 6
     * @param patch            side of the training images (px), a multiple of 2<sup>levels − 1</sup>, ≥ 32
     * @param batch            images per step, ≥ 1
     * @param steps            the most steps
     * @param seed             seed of the images, the initialisation and the validation set
     * @param learningRate     Adam's initial learning rate, &gt; 0
     * @param validationImages images in the validation set, ≥ 8
     * @param validateEvery    steps between validations, ≥ 1
     * @param patience         validations without improvement before the learning rate is halved, ≥ 1
     * @param maxMinutes       time budget, 0 for none
     * @param initial          a model directory whose weights the network starts from (fine-tuning; its width and
     *                         levels must be these), or null to start from a random initialisation
     */
    public record Options(int width, int levels, int patch, int batch, int steps, long seed, double learningRate, int validationImages,
            int validateEvery, int patience, double maxMinutes, Path initial) {
        /** @throws IllegalArgumentException if a value is out of range */
        public Options {
            if (width < 1 || levels < 2 || levels > 6 || patch < 32 || patch % UNet2d.multiple(levels) != 0 || batch < 1 || steps < 1
                    || !(learningRate > 0) || validationImages < 8 || validateEvery < 1 || patience < 1 || maxMinutes < 0) {
                throw new IllegalArgumentException("atom-network training options out of range: width ≥ 1, levels 2…6, patch ≥ 32 and a multiple of "
                        + UNet2d.multiple(Math.max(2, Math.min(6, levels))) + ", batch and steps ≥ 1, learning rate > 0, ≥ 8 validation images");
            }
        }

        /** @return the defaults: width 16, 4 levels, 128 px patches, batch 8, 20000 steps, seed 1, 1e-3, 64, 250, 4, 80 min, no initial weights */
        public static Options defaults() {
            return new Options(16, 4, 128, 8, 20000, 1, 1e-3, 64, 250, 4, 80, null);
        }

        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("architecture", "unet2d (dilated bottleneck 1, 2, 3)");
            m.put("width", width);
            m.put("levels", levels);
            m.put("patch", patch);
            m.put("batch", batch);
            m.put("steps", steps);
            m.put("seed", seed);
            m.put("learningRate", learningRate);
            m.put("optimizer", "adam");
            m.put("loss", "binary cross entropy + soft Dice");
            m.put("validationImages", validationImages);
            m.put("validateEvery", validateEvery);
            m.put("patience", patience);
            m.put("learningRateFactorOnPlateau", 0.5);
            m.put("maxMinutes", maxMinutes);
            m.put("minBlobArea", MIN_AREA);
            return m;
        }
    }

    /** Binary cross entropy on logits plus soft Dice. */
    static final class BceDice extends Loss {
        BceDice() {
            super("bce+dice");
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            NDArray x = predictions.head();
            NDArray y = labels.head();
            NDArray bce = TrainingSupport.binaryCrossEntropy(x, y);
            NDArray p = Activation.sigmoid(x);
            NDArray dice = p.mul(y).sum().mul(2).div(p.sum().add(y.sum()).add(1f));
            return bce.add(dice.neg().add(1));
        }
    }

    /**
     * Trains a network and writes its model directory.
     *
     * @param out     the model directory (created if missing)
     * @param o       hyper-parameters
     * @param monitor progress in steps; cancelling ends the run without a model
     * @param log     progress lines
     * @return the card of the trained model
     * @throws InvalidFileException if the directory already holds a model
     * @throws IOException          on an I/O error
     */
    public static AtomNetModel.Card train(Path out, Options o, ProgressMonitor monitor, Consumer<String> log) throws IOException {
        Files.createDirectories(out);
        if (Files.exists(out.resolve(AtomNetModel.FILE))) {
            throw new InvalidFileException(out, "already holds a trained model (" + AtomNetModel.FILE + "); choose another --out");
        }
        List<TrainingLattices.Sample> val = IntStream.range(0, o.validationImages()).parallel()
                .mapToObj(i -> TrainingLattices.sample(o.patch(), -(o.seed() * 1_000_000L + i + 1))).toList();
        try {
            return DjlRuntime.call(() -> run(out, o, val, monitor, log));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static float[][] batch(Options o, long step) {
        int n = o.batch(), s = o.patch() * o.patch();
        float[] x = new float[n * s], y = new float[n * s];
        IntStream.range(0, n).parallel().forEach(i -> {
            TrainingLattices.Sample t = TrainingLattices.sample(o.patch(), o.seed() * 1_000_000_000L + step * n + i);
            System.arraycopy(t.image(), 0, x, i * s, s);
            System.arraycopy(t.mask(), 0, y, i * s, s);
        });
        return new float[][] {x, y};
    }

    private static AtomNetModel.Card run(Path out, Options o, List<TrainingLattices.Sample> val, ProgressMonitor monitor, Consumer<String> log)
            throws IOException {
        Instant started = Instant.now();
        Engine.getInstance().setRandomSeed((int) o.seed());
        TrainingSupport.PlateauTracker lr = new TrainingSupport.PlateauTracker((float) o.learningRate());
        List<String> lines = new ArrayList<>();
        double bestF1 = -1, bestT = 0.5;
        double[] bestMetrics = null;
        byte[] best = null;
        int sinceBest = 0;
        long step = 0;
        String initialSha = null;
        try (Model model = Model.newInstance("atomnet", "PyTorch")) {
            model.setBlock(UNet2d.build(o.width(), o.levels()));
            // initial weights are loaded into the initialised block before the trainer exists: the trainer then takes
            // these arrays as its parameters (loaded after it, they would replace arrays the optimiser no longer sees)
            if (o.initial() != null) {
                try (AtomNetModel init = AtomNetModel.load(o.initial())) {
                    if (init.card().width() != o.width() || init.card().levels() != o.levels()) {
                        throw new InvalidFileException(o.initial(), "a U-Net of width " + init.card().width() + " and " + init.card().levels()
                            + " levels, not the " + o.width() + " and " + o.levels() + " asked for");
                    }
                    model.getBlock().initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32, new Shape(o.batch(), 1, o.patch(), o.patch()));
                    model.getBlock().loadParameters(model.getNDManager(),
                        new java.io.DataInputStream(new java.io.ByteArrayInputStream(java.nio.file.Files.readAllBytes(o.initial().resolve(AtomNetModel.WEIGHTS)))));
                    initialSha = init.card().weightsSha256();
                } catch (ai.djl.MalformedModelException e) {
                    throw new InvalidFileException(o.initial(), "its weights do not fit the network: " + e.getMessage());
                }
                log.accept("starting from the weights of " + o.initial() + " (" + initialSha.substring(0, 12) + ")");
            }
            DefaultTrainingConfig config = new DefaultTrainingConfig(new BceDice()).optOptimizer(Optimizer.adam().optLearningRateTracker(lr).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(o.batch(), 1, o.patch(), o.patch()));
                monitor.begin("training the atom-finding network", o.steps());
                long t0 = System.nanoTime();
                double lossSum = 0;
                int lossCount = 0;
                CompletableFuture<float[][]> next = CompletableFuture.supplyAsync(() -> batch(o, 0));
                while (step < o.steps()) {
                    float[][] b = next.join();
                    long s = step + 1;
                    next = CompletableFuture.supplyAsync(() -> batch(o, s));
                    try (NDManager m = trainer.getManager().newSubManager()) {
                        Shape shape = new Shape(o.batch(), 1, o.patch(), o.patch());
                        NDArray xa = m.create(b[0], shape), ya = m.create(b[1], shape);
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDArray l = trainer.getLoss().evaluate(new NDList(ya), trainer.forward(new NDList(xa)));
                            gc.backward(l);
                            lossSum += l.getFloat();
                            lossCount++;
                        }
                        trainer.step();
                    }
                    step++;
                    monitor.worked(1);
                    double minutes = (System.nanoTime() - t0) / 6e10;
                    boolean timeUp = o.maxMinutes() > 0 && minutes >= o.maxMinutes();
                    if (step % o.validateEvery() == 0 || step == o.steps() || timeUp || monitor.isCanceled()) {
                        if (monitor.isCanceled()) {
                            throw new java.util.concurrent.CancellationException("training cancelled; no model written");
                        }
                        double[] v = validate(model, o, val); // threshold, f1, precision, recall, median
                        lines.add(String.format(Locale.ROOT, "%d,%d,%.5f,%.4f,%.4f,%.4f,%.3f,%.2f,%.3g,%.1f", step, step * o.batch(),
                                lossSum / Math.max(1, lossCount), v[1], v[2], v[3], v[4], v[0], lr.rate(), minutes));
                        log.accept(String.format(Locale.ROOT, "step %d: loss %.4f, validation F1 %.4f (P %.4f, R %.4f, median %.2f px) at threshold %.1f, lr %.3g, %.1f min",
                                step, lossSum / Math.max(1, lossCount), v[1], v[2], v[3], v[4], v[0], lr.rate(), minutes));
                        lossSum = 0;
                        lossCount = 0;
                        if (v[1] > bestF1) {
                            bestF1 = v[1];
                            bestT = v[0];
                            bestMetrics = v;
                            best = TrainingSupport.parameters(model);
                            sinceBest = 0;
                        } else if (++sinceBest >= o.patience()) {
                            lr.halve();
                            sinceBest = 0;
                            log.accept(String.format(Locale.ROOT, "validation F1 on a plateau: learning rate halved to %.3g", lr.rate()));
                        }
                        writeLog(out, lines);
                        if (timeUp) {
                            log.accept(String.format(Locale.ROOT, "time budget of %.0f minutes reached after %d steps", o.maxMinutes(), step));
                            break;
                        }
                    }
                }
                next.join();
                Map<String, Double> metrics = new LinkedHashMap<>();
                metrics.put("f1", bestMetrics[1]);
                metrics.put("precision", bestMetrics[2]);
                metrics.put("recall", bestMetrics[3]);
                metrics.put("medianDistancePx", bestMetrics[4]);
                metrics.put("validationImages", (double) val.size());
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("generator", "tessera.lattice.network.TrainingLattices (" + o.patch() + " px)");
                data.put("trainingImages", step * o.batch());
                data.put("trainingSeeds", "seed * 1e9 + step * batch + i, seed " + o.seed());
                data.put("validationSeeds", "-(seed * 1e6 + i + 1), i < " + val.size());
                Map<String, Object> hp = o.asMap();
                hp.put("stepsRun", step);
                if (o.initial() != null) {
                    hp.put("initialWeights", o.initial().toAbsolutePath() + " (SHA-256 " + initialSha + ")");
                }
                hp.put("finalLearningRate", lr.rate());
                hp.put("engine", "PyTorch " + Engine.getInstance().getVersion() + " on DJL " + Engine.getDjlVersion() + ", CPU, "
                        + System.getProperty("ai.djl.pytorch.num_threads") + " threads");
                String sha = HexFormat.of().formatHex(TrainingSupport.sha256().digest(best));
                AtomNetModel.Card card = new AtomNetModel.Card(o.width(), o.levels(), bestT, sha, hp, data, metrics);
                byte[] weights = best;
                AtomicFiles.write(out.resolve(AtomNetModel.WEIGHTS), tmp -> Files.write(tmp, weights));
                AtomicFiles.write(out.resolve(AtomNetModel.PROVENANCE), tmp -> Files.writeString(tmp, provJson(card, started, Instant.now(), out)));
                AtomicFiles.write(out.resolve(AtomNetModel.FILE), tmp -> Files.writeString(tmp, card.toJson()));
                log.accept(String.format(Locale.ROOT, "best validation F1 %.4f (P %.4f, R %.4f) at threshold %.1f", bestMetrics[1], bestMetrics[2],
                        bestMetrics[3], bestT));
                return card;
            }
        }
    }

    /** Validation: {threshold, F1, precision, recall, median distance} at the best threshold. */
    private static double[] validate(Model model, Options o, List<TrainingLattices.Sample> val) {
        List<float[]> maps = new ArrayList<>();
        for (TrainingLattices.Sample s : val) {
            maps.add(AtomNetModel.probability(model.getBlock(), model.getNDManager(), o.levels(), s.image(), s.size(), s.size()));
        }
        double[] best = null;
        for (double t : THRESHOLDS) {
            long matched = 0, found = 0, reference = 0;
            List<Double> med = new ArrayList<>();
            for (int i = 0; i < val.size(); i++) {
                TrainingLattices.Sample s = val.get(i);
                double[][] c = AtomNetModel.blobCentres(maps.get(i), s.size(), s.size(), t, MIN_AREA);
                ColumnMatching m = ColumnMatching.of(c[0], c[1], s.ys(), s.xs(), 0.5 * s.spacing(), s.size(), s.size(), 0);
                matched += m.matched;
                found += m.found;
                reference += m.reference;
                if (m.matched > 0) {
                    med.add(m.median);
                }
            }
            double p = found == 0 ? 0 : (double) matched / found, r = reference == 0 ? 0 : (double) matched / reference;
            double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
            med.sort(null);
            double md = med.isEmpty() ? Double.NaN : med.get(med.size() / 2);
            if (best == null || f1 > best[1]) {
                best = new double[] {t, f1, p, r, md};
            }
        }
        return best;
    }

    private static void writeLog(Path out, List<String> lines) throws IOException {
        StringBuilder b = new StringBuilder("step,images,loss,val_f1,val_precision,val_recall,val_median_px,val_threshold,learning_rate,minutes\n");
        lines.forEach(l -> b.append(l).append('\n'));
        AtomicFiles.write(out.resolve(AtomNetModel.LOG), tmp -> Files.writeString(tmp, b));
    }

    /** The training record as PROV-JSON (W3C PROV-JSON submission, 2013). */
    static String provJson(AtomNetModel.Card card, Instant start, Instant end, Path out) {
        ObjectNode root = AtomNetModel.JSON.createObjectNode();
        ObjectNode prefix = root.putObject("prefix");
        prefix.put("tessera", "https://tessera.dev/provenance/1.0#");
        prefix.put("prov", "http://www.w3.org/ns/prov#");
        ObjectNode entity = root.putObject("entity");
        ObjectNode d = entity.putObject("tessera:training-images");
        card.data().forEach((k, v) -> d.put("tessera:" + k, String.valueOf(v)));
        ObjectNode w = entity.putObject("tessera:model");
        w.put("prov:location", out.toAbsolutePath().resolve(AtomNetModel.WEIGHTS).toString());
        w.put("tessera:sha256", card.weightsSha256());
        w.put("tessera:threshold", card.threshold());
        card.metrics().forEach((k, v) -> w.put("tessera:validation_" + k, v));
        ObjectNode a = root.putObject("activity").putObject("tessera:train-atomnet");
        a.put("prov:startTime", start.toString());
        a.put("prov:endTime", end.toString());
        card.hyperParameters().forEach((k, v) -> a.put("tessera:" + k, String.valueOf(v)));
        ObjectNode ag = root.putObject("agent").putObject("tessera:software");
        ag.put("prov:type", "prov:SoftwareAgent");
        ag.put("tessera:bundle", "tessera.lattice.network");
        ag.put("tessera:version", tessera.core.registry.Registry.bundleVersion("tessera.lattice.network"));
        root.putObject("used").putObject("_:u1").put("prov:activity", "tessera:train-atomnet").put("prov:entity", "tessera:training-images");
        root.putObject("wasGeneratedBy").putObject("_:g1").put("prov:entity", "tessera:model").put("prov:activity", "tessera:train-atomnet");
        root.putObject("wasAssociatedWith").putObject("_:a1").put("prov:activity", "tessera:train-atomnet").put("prov:agent", "tessera:software");
        return AtomNetModel.JSON.writeValueAsString(root);
    }
}
