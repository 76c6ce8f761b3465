package tessera.classify;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
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
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

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
import tessera.eels.sim.SimulatedShard;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Trains an element-identification network on simulated spectra as Annys et al. (Sci. Rep. 13 (2023) 13724,
 * doi:10.1038/s41598-023-40943-7): Adam, the loss binary cross entropy (on logits) plus a macro soft-F1 loss (1 − the
 * mean over classes of 2·Σpy / (2·Σpy + Σp(1−y) + Σ(1−p)y) over a batch), the learning rate halved when the
 * validation F1 has not improved for {@link Options#patience()} validations, the threshold chosen on the validation set
 * as argmin |precision − recall| ({@link MultiLabelMetrics#balanced}), and the weights of the best validation F1 kept.
 * <p>
 * The training set is streamed shard by shard ({@link SimulatedSet}; the next shard is read while the current one
 * trains), in a shuffled shard order per epoch and shuffled within each shard, all from the seed. Every
 * {@link Options#validateEvery()} shards the model is validated and a checkpoint written to {@code OUT/checkpoint/}
 * (current and best weights, the position in the schedule, learning rate and best score); {@link Options#resume()}
 * continues from it after an interruption (Adam's moment estimates restart from zero there; the schedule, the
 * learning rate and the best weights continue). A time budget ({@link Options#maxMinutes()}) ends training at the next
 * shard boundary as if the last epoch had ended. The result, written only when training ends, is a model directory:
 * {@value ModelCard#FILE}, {@value ModelCard#WEIGHTS}, {@value ModelCard#PROVENANCE} (PROV-JSON: the data's manifest
 * hashes, every hyper-parameter, the seed, the software) and {@code training-log.csv}.
 */
public final class ElementIdTraining {
    /** the checkpoint directory inside the output directory */
    public static final String CHECKPOINT = "checkpoint";
    /** the per-validation log inside the output directory */
    public static final String LOG = "training-log.csv";

    /**
     * Hyper-parameters of one training run.
     *
     * @param architecture      the network
     * @param widths            its widths (missing ones take the defaults)
     * @param epochs            passes over the training set, ≥ 1
     * @param batch             spectra per step, ≥ 1 (the paper's 64 unless memory says otherwise)
     * @param seed              seed of initialisation, dropout and shuffling
     * @param learningRate      Adam's initial learning rate, &gt; 0
     * @param validationSpectra spectra of the validation set used, ≥ 100
     * @param validateEvery     validate and checkpoint every this many shards, ≥ 1
     * @param patience          validations without improvement before the learning rate is halved, ≥ 1
     * @param maxMinutes        time budget in minutes, or 0 for none
     * @param resume            continue from the checkpoint in the output directory
     */
    public record Options(Architecture architecture, Map<String, Integer> widths, int epochs, int batch, long seed, double learningRate,
            int validationSpectra, int validateEvery, int patience, double maxMinutes, boolean resume) {

        /** @throws IllegalArgumentException if a value is out of range */
        public Options {
            widths = architecture.resolve(widths == null ? Map.of() : widths);
            if (epochs < 1 || batch < 1 || validationSpectra < 100 || validateEvery < 1 || patience < 1 || !(learningRate > 0) || maxMinutes < 0) {
                throw new IllegalArgumentException("training options out of range: epochs and batch ≥ 1, validation spectra ≥ 100, learning rate > 0");
            }
        }

        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("architecture", architecture.id());
            m.put("widths", new java.util.TreeMap<>(widths));
            m.put("epochs", epochs);
            m.put("batch", batch);
            m.put("seed", seed);
            m.put("learningRate", learningRate);
            m.put("optimizer", "adam");
            m.put("loss", "binary cross entropy + macro soft F1");
            m.put("validationSpectra", validationSpectra);
            m.put("validateEvery", validateEvery);
            m.put("patience", patience);
            m.put("learningRateFactorOnPlateau", 0.5);
            m.put("maxMinutes", maxMinutes);
            return m;
        }
    }

    private ElementIdTraining() {
    }

    /**
     * Trains a network and writes its model directory.
     *
     * @param train      the training set
     * @param validation the validation set (a simulation with another seed); null to hold out the training set's last
     *                   shard
     * @param out        the model directory to write (created if missing)
     * @param o          hyper-parameters
     * @param monitor    progress in shards; cancelling ends at the next shard boundary with a checkpoint and no model
     * @param log        progress lines (loss, validation F1, learning rate, throughput)
     * @return the trained model's description
     * @throws InvalidFileException if the output directory already holds a model, or holds a checkpoint and
     *                              {@code resume} is false, or the checkpoint is of other options; or the sets' labels
     *                              differ
     * @throws IOException          on an I/O error
     */
    public static ModelCard train(SimulatedSet train, SimulatedSet validation, Path out, Options o, ProgressMonitor monitor,
            Consumer<String> log) throws IOException {
        Files.createDirectories(out);
        if (Files.exists(out.resolve(ModelCard.FILE))) {
            throw new InvalidFileException(out, "already holds a trained model (" + ModelCard.FILE + "); choose another --out");
        }
        Path ckpt = out.resolve(CHECKPOINT);
        if (Files.exists(ckpt.resolve("state.json")) && !o.resume()) {
            throw new InvalidFileException(out, "holds a checkpoint of an interrupted training; pass --resume to continue it, or choose another --out");
        }
        List<Integer> trainShards = new ArrayList<>();
        for (int i = 0; i < train.shards().size(); i++) {
            trainShards.add(i);
        }
        SimulatedSet valSet = validation;
        List<Integer> valShards = new ArrayList<>();
        if (valSet == null) {
            if (trainShards.size() < 2) {
                throw new InvalidFileException(train.directory(), "has one shard: give a validation set (--validation) or simulate more spectra");
            }
            valSet = train;
            valShards.add(trainShards.remove(trainShards.size() - 1));
        } else {
            for (int i = 0; i < valSet.shards().size(); i++) {
                valShards.add(i);
            }
        }
        if (!valSet.elements().equals(train.elements())) {
            throw new InvalidFileException(valSet.directory(), "labels other elements than the training set");
        }
        List<String> classes = train.elements();
        SimulatedSet.Labelled val = valSet.read(valShards, o.validationSpectra());
        float[][] valX = val.spectra();
        byte[][] valY = val.labels();
        SimulatedSet valFinal = valSet;
        try {
            return DjlRuntime.call(() -> run(train, trainShards, valFinal, valX, valY, classes, out, o, monitor, log));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Binary cross entropy on logits plus the macro soft-F1 loss (Annys et al.). */
    static final class BceSoftF1 extends Loss {
        BceSoftF1() {
            super("bce+softF1");
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            NDArray x = predictions.head();
            NDArray y = labels.head();
            NDArray bce = TrainingSupport.binaryCrossEntropy(x, y);
            NDArray p = Activation.sigmoid(x);
            NDArray tp = p.mul(y).sum(new int[] { 0 });
            NDArray fp = p.mul(y.neg().add(1)).sum(new int[] { 0 });
            NDArray fn = p.neg().add(1).mul(y).sum(new int[] { 0 });
            NDArray f1 = tp.mul(2).div(tp.mul(2).add(fp).add(fn).add(1e-7f));
            return bce.add(f1.mean().neg().add(1));
        }
    }

    private static ModelCard run(SimulatedSet train, List<Integer> trainShards, SimulatedSet valSet, float[][] valX, byte[][] valY,
            List<String> classes, Path out, Options o, ProgressMonitor monitor, Consumer<String> log) throws IOException {
        Instant started = Instant.now();
        Path ckpt = out.resolve(CHECKPOINT);
        int k = classes.size();
        Engine.getInstance().setRandomSeed((int) o.seed());
        TrainingSupport.PlateauTracker lr = new TrainingSupport.PlateauTracker((float) o.learningRate());
        int epoch = 0, position = 0, sinceBest = 0, validations = 0;
        long step = 0, seen = 0;
        double bestF1 = -1, minutesBefore = 0;
        byte[] best = null;
        List<String> logLines = new ArrayList<>();
        try (Model model = Model.newInstance("element-id-" + o.architecture().id(), "PyTorch")) {
            model.setBlock(o.architecture().build(k, o.widths()));
            if (o.resume() && Files.exists(ckpt.resolve("state.json"))) {
                JsonNode st = ModelCard.JSON.readTree(ckpt.resolve("state.json").toFile());
                if (!ModelCard.JSON.readTree(ModelCard.JSON.writeValueAsString(o.asMap())).equals(st.get("options"))) {
                    throw new InvalidFileException(ckpt.resolve("state.json"), "the checkpoint was written with other options: "
                            + st.get("options") + "; resume with the same options");
                }
                epoch = st.get("epoch").asInt();
                position = st.get("position").asInt();
                step = st.get("step").asLong();
                seen = st.get("seen").asLong();
                lr.set((float) st.get("learningRate").asDouble());
                bestF1 = st.get("bestF1").asDouble();
                sinceBest = st.get("sinceBest").asInt();
                validations = st.get("validations").asInt();
                minutesBefore = st.get("minutes").asDouble();
                // into the initialised block before the trainer exists, so that the trainer takes these arrays (loaded
                // after trainer.initialize they would replace arrays its parameter store no longer sees)
                model.getBlock().initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32, ElementIdModel.inputShape(o.architecture(), o.batch()));
                loadInto(model, Files.readAllBytes(ckpt.resolve("current.params")));
                best = Files.readAllBytes(ckpt.resolve("best.params"));
                if (Files.exists(out.resolve(LOG))) {
                    List<String> before = Files.readAllLines(out.resolve(LOG));
                    logLines.addAll(before.subList(1, before.size()));
                }
                log.accept(String.format(Locale.ROOT, "resuming at epoch %d, shard %d of %d, step %d (best validation F1 %.4f)", epoch + 1,
                        position, trainShards.size(), step, bestF1));
            }
            DefaultTrainingConfig config = new DefaultTrainingConfig(new BceSoftF1())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(lr).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(ElementIdModel.inputShape(o.architecture(), o.batch()));
                int total = o.epochs() * trainShards.size();
                int done = epoch * trainShards.size() + position;
                monitor.begin("training " + o.architecture().id(), total);
                monitor.worked(done);
                long t0 = System.nanoTime();
                long seenAtStart = seen;
                boolean timeUp = false;
                double lossSum = 0;
                int lossCount = 0;
                outer: for (; epoch < o.epochs(); epoch++, position = 0) {
                    List<Integer> order = shuffled(trainShards, new SplittableRandom(o.seed() * 31 + epoch));
                    CompletableFuture<SimulatedShard> next = readAsync(train, order.get(position));
                    for (; position < order.size(); position++) {
                        SimulatedShard shard = next.join();
                        if (position + 1 < order.size()) {
                            next = readAsync(train, order.get(position + 1));
                        }
                        int[] perm = permutation(shard.spectra().length, new SplittableRandom(o.seed() ^ (epoch * 1_000_003L + order.get(position))));
                        for (int start = 0; start + o.batch() <= perm.length; start += o.batch()) {
                            lossSum += step(trainer, shard, perm, start, o, k);
                            lossCount++;
                            step++;
                            seen += o.batch();
                        }
                        monitor.worked(1);
                        done++;
                        double minutes = minutesBefore + (System.nanoTime() - t0) / 6e10;
                        timeUp = o.maxMinutes() > 0 && minutes >= o.maxMinutes();
                        boolean last = done == total || timeUp || monitor.isCanceled();
                        if ((position + 1) % o.validateEvery() == 0 || last) {
                            MultiLabelMetrics m = validate(model, o, k, valX, valY);
                            validations++;
                            double rate = (seen - seenAtStart) / Math.max(1e-9, (System.nanoTime() - t0) / 1e9);
                            String line = String.format(Locale.ROOT, "%d,%d,%d,%.5f,%.4f,%.4f,%.4f,%.4f,%.2f,%.3g,%.1f", step, epoch + 1, seen,
                                    lossSum / Math.max(1, lossCount), m.f1(), m.precision(), m.recall(), m.emr(), m.threshold(), lr.rate(), minutes);
                            logLines.add(line);
                            log.accept(String.format(Locale.ROOT,
                                    "epoch %d/%d shard %d/%d step %d: loss %.4f, validation F1 %.4f EMR %.3f at threshold %.2f, lr %.3g, %.0f spectra/s",
                                    epoch + 1, o.epochs(), position + 1, order.size(), step, lossSum / Math.max(1, lossCount), m.f1(), m.emr(),
                                    m.threshold(), lr.rate(), rate));
                            lossSum = 0;
                            lossCount = 0;
                            if (m.f1() > bestF1) {
                                bestF1 = m.f1();
                                best = TrainingSupport.parameters(model);
                                sinceBest = 0;
                            } else if (++sinceBest >= o.patience()) {
                                lr.halve();
                                sinceBest = 0;
                                log.accept(String.format(Locale.ROOT, "validation F1 on a plateau: learning rate halved to %.3g", lr.rate()));
                            }
                            writeCheckpoint(ckpt, model, best, o, epoch, position + 1, step, seen, lr.rate(), bestF1, sinceBest, validations, minutes);
                            writeLog(out, logLines);
                        }
                        if (timeUp || monitor.isCanceled()) {
                            break outer;
                        }
                    }
                }
                if (monitor.isCanceled()) {
                    log.accept("training cancelled: checkpoint kept in " + ckpt + "; continue with --resume");
                    throw new java.util.concurrent.CancellationException("training cancelled");
                }
                if (timeUp) {
                    log.accept(String.format(Locale.ROOT, "time budget of %.0f minutes reached after %d spectra (epoch %d): training ends here",
                            o.maxMinutes(), seen, epoch + 1));
                }
                // the best weights, their threshold and metrics on the validation set
                loadInto(model, best);
                float[][] p = ElementIdModel.forward(model.getBlock(), model.getNDManager(), o.architecture(), k, valX);
                MultiLabelMetrics m = MultiLabelMetrics.balanced(p, valY);
                Map<String, Double> metrics = new LinkedHashMap<>();
                metrics.put("f1", m.f1());
                metrics.put("precision", m.precision());
                metrics.put("recall", m.recall());
                metrics.put("emr", m.emr());
                metrics.put("rmse", m.rmse());
                metrics.put("validationSpectra", (double) m.spectra());
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("training", setMap(train, seen));
                data.put("validation", setMap(valSet, valX.length));
                data.put("simulator", "tessera.eels.sim.EelsSimulator (format " + tessera.eels.sim.SimulationWriter.FORMAT + ")");
                Map<String, Object> hp = o.asMap();
                hp.put("steps", step);
                hp.put("spectraSeen", seen);
                hp.put("finalLearningRate", lr.rate());
                hp.put("engine", "PyTorch " + Engine.getInstance().getVersion() + " on DJL " + Engine.getDjlVersion() + ", CPU, "
                        + System.getProperty("ai.djl.pytorch.num_threads") + " threads");
                String sha = HexFormat.of().formatHex(TrainingSupport.sha256().digest(best));
                ModelCard card = new ModelCard(ModelCard.FORMAT, o.architecture(), o.widths(), classes, EelsModelInput.CHANNELS, m.threshold(), sha,
                        hp, data, metrics, tessera.core.registry.Registry.bundleVersion("tessera.classify"));
                byte[] weights = best;
                AtomicFiles.write(out.resolve(ModelCard.WEIGHTS), tmp -> Files.write(tmp, weights));
                AtomicFiles.write(out.resolve(ModelCard.PROVENANCE), tmp -> Files.writeString(tmp, provJson(card, started, Instant.now(), out)));
                AtomicFiles.write(out.resolve(ModelCard.FILE), tmp -> Files.writeString(tmp, card.toJson()));
                deleteCheckpoint(ckpt);
                log.accept(String.format(Locale.ROOT, "validation (%d spectra): F1 %.4f, precision %.4f, recall %.4f, EMR %.4f, RMSE %.4f at threshold %.2f",
                        m.spectra(), m.f1(), m.precision(), m.recall(), m.emr(), m.rmse(), m.threshold()));
                return card;
            }
        }
    }

    private static float step(Trainer trainer, SimulatedShard shard, int[] perm, int start, Options o, int k) {
        int n = o.batch();
        float[] x = new float[n * EelsModelInput.CHANNELS];
        float[] y = new float[n * k];
        for (int i = 0; i < n; i++) {
            int s = perm[start + i];
            System.arraycopy(shard.spectra()[s], 0, x, i * EelsModelInput.CHANNELS, EelsModelInput.CHANNELS);
            byte[] lab = shard.labels()[s];
            for (int j = 0; j < k; j++) {
                y[i * k + j] = lab[j];
            }
        }
        try (NDManager m = trainer.getManager().newSubManager()) {
            NDArray xa = m.create(x, ElementIdModel.inputShape(o.architecture(), n));
            NDArray ya = m.create(y, new Shape(n, k));
            float loss;
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDList pred = trainer.forward(new NDList(xa));
                NDArray l = trainer.getLoss().evaluate(new NDList(ya), pred);
                gc.backward(l);
                loss = l.getFloat();
            }
            trainer.step();
            return loss;
        }
    }

    private static MultiLabelMetrics validate(Model model, Options o, int k, float[][] valX, byte[][] valY) {
        float[][] p = ElementIdModel.forward(model.getBlock(), model.getNDManager(), o.architecture(), k, valX);
        return MultiLabelMetrics.balanced(p, valY);
    }

    private static CompletableFuture<SimulatedShard> readAsync(SimulatedSet set, int shard) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return set.shard(shard);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static List<Integer> shuffled(List<Integer> list, SplittableRandom r) {
        List<Integer> l = new ArrayList<>(list);
        for (int i = l.size() - 1; i > 0; i--) {
            java.util.Collections.swap(l, i, r.nextInt(i + 1));
        }
        return l;
    }

    private static int[] permutation(int n, SplittableRandom r) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static void loadInto(Model model, byte[] params) throws IOException {
        try {
            model.getBlock().loadParameters(model.getNDManager(), new DataInputStream(new ByteArrayInputStream(params)));
        } catch (ai.djl.MalformedModelException e) {
            throw new IOException("checkpoint weights do not fit the network: " + e.getMessage(), e);
        }
    }

    private static void writeCheckpoint(Path ckpt, Model model, byte[] best, Options o, int epoch, int position, long step, long seen, float lr,
            double bestF1, int sinceBest, int validations, double minutes) throws IOException {
        Files.createDirectories(ckpt);
        byte[] current = TrainingSupport.parameters(model);
        AtomicFiles.write(ckpt.resolve("current.params"), tmp -> Files.write(tmp, current));
        AtomicFiles.write(ckpt.resolve("best.params"), tmp -> Files.write(tmp, best));
        ObjectNode st = ModelCard.JSON.createObjectNode();
        st.set("options", ModelCard.JSON.valueToTree(o.asMap()));
        st.put("epoch", epoch);
        st.put("position", position);
        st.put("step", step);
        st.put("seen", seen);
        st.put("learningRate", lr);
        st.put("bestF1", bestF1);
        st.put("sinceBest", sinceBest);
        st.put("validations", validations);
        st.put("minutes", minutes);
        AtomicFiles.write(ckpt.resolve("state.json"), tmp -> Files.write(tmp, ModelCard.JSON.writeValueAsBytes(st)));
    }

    private static void writeLog(Path out, List<String> lines) throws IOException {
        StringBuilder b = new StringBuilder("step,epoch,spectra,loss,val_f1,val_precision,val_recall,val_emr,val_threshold,learning_rate,minutes\n");
        lines.forEach(l -> b.append(l).append('\n'));
        AtomicFiles.write(out.resolve(LOG), tmp -> Files.writeString(tmp, b));
    }

    private static void deleteCheckpoint(Path ckpt) throws IOException {
        for (String f : List.of("current.params", "best.params", "state.json")) {
            Files.deleteIfExists(ckpt.resolve(f));
        }
        Files.deleteIfExists(ckpt);
    }

    private static Map<String, Object> setMap(SimulatedSet s, long used) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("directory", s.directory().toAbsolutePath().toString());
        m.put("manifestSha256", s.manifestSha256());
        m.put("seed", s.seed());
        m.put("spectra", s.count());
        m.put("spectraUsed", used);
        return m;
    }

    /** The training record as PROV-JSON (W3C PROV-JSON submission, 2013). */
    static String provJson(ModelCard card, Instant start, Instant end, Path out) {
        String ns = "https://tessera.dev/provenance/1.0#";
        ObjectNode root = ModelCard.JSON.createObjectNode();
        ObjectNode prefix = root.putObject("prefix");
        prefix.put("tessera", ns);
        prefix.put("prov", "http://www.w3.org/ns/prov#");
        ObjectNode entity = root.putObject("entity");
        @SuppressWarnings("unchecked")
        Map<String, Object> training = (Map<String, Object>) card.data().get("training");
        @SuppressWarnings("unchecked")
        Map<String, Object> validation = (Map<String, Object>) card.data().get("validation");
        ObjectNode d = entity.putObject("tessera:training-set");
        d.put("prov:location", String.valueOf(training.get("directory")) + "/manifest.json");
        d.put("tessera:sha256", String.valueOf(training.get("manifestSha256")));
        d.put("tessera:simulatorSeed", String.valueOf(training.get("seed")));
        d.put("tessera:generator", String.valueOf(card.data().get("simulator")));
        ObjectNode v = entity.putObject("tessera:validation-set");
        v.put("prov:location", String.valueOf(validation.get("directory")) + "/manifest.json");
        v.put("tessera:sha256", String.valueOf(validation.get("manifestSha256")));
        v.put("tessera:simulatorSeed", String.valueOf(validation.get("seed")));
        ObjectNode w = entity.putObject("tessera:model");
        w.put("prov:location", out.toAbsolutePath().resolve(ModelCard.WEIGHTS).toString());
        w.put("tessera:sha256", card.weightsSha256());
        w.put("tessera:threshold", card.threshold());
        card.metrics().forEach((key, val) -> w.put("tessera:validation_" + key, val));
        ObjectNode a = root.putObject("activity").putObject("tessera:train-element-id");
        a.put("prov:startTime", start.toString());
        a.put("prov:endTime", end.toString());
        card.hyperParameters().forEach((key, val) -> a.put("tessera:" + key, String.valueOf(val)));
        ObjectNode ag = root.putObject("agent").putObject("tessera:software");
        ag.put("prov:type", "prov:SoftwareAgent");
        ag.put("tessera:bundle", "tessera.classify");
        ag.put("tessera:version", card.tessera());
        ObjectNode used = root.putObject("used");
        used.putObject("_:u1").put("prov:activity", "tessera:train-element-id").put("prov:entity", "tessera:training-set");
        used.putObject("_:u2").put("prov:activity", "tessera:train-element-id").put("prov:entity", "tessera:validation-set");
        root.putObject("wasGeneratedBy").putObject("_:g1").put("prov:entity", "tessera:model").put("prov:activity", "tessera:train-element-id");
        root.putObject("wasAssociatedWith").putObject("_:a1").put("prov:activity", "tessera:train-element-id").put("prov:agent", "tessera:software");
        return ModelCard.JSON.writeValueAsString(root);
    }
}
