package tessera.cli.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tessera.classify.Architecture;
import tessera.classify.ElementIdTraining;
import tessera.classify.ModelCard;
import tessera.classify.SimulatedSet;

/**
 * {@code tessera train element-id --data SIMDIR --out MODELDIR}: trains an element-identification network on a set
 * written by {@code tessera simulate eels} through {@link ElementIdTraining}. This class only turns options into
 * {@link ElementIdTraining.Options}.
 */
@Command(name = "train", description = "Train a classifier (docs/classify.md).", subcommands = { TrainCommand.ElementId.class, TrainCommand.Ensemble.class,
        TrainCommand.Valence.class, TrainCommand.Atoms.class })
final class TrainCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("usage: tessera train element-id --data SIMDIR --out MODELDIR [options] | tessera train valence --element Mn --model svm --out MODELDIR"
                + " | tessera train atoms --out MODELDIR; see tessera train element-id --help, tessera train valence --help, tessera train atoms --help");
        return 2;
    }

    @Command(name = "element-id", description = { "Train an element-identification network on simulated core-loss spectra (Annys et al. 2023):",
            "streams the shards, validates and checkpoints every few shards, halves the learning rate on plateaus, and writes",
            "model.json, weights.params, training.prov.json and training-log.csv into MODELDIR." })
    static final class ElementId implements Callable<Integer> {
        @Option(names = "--data", required = true, paramLabel = "SIMDIR", description = "training set (tessera simulate eels)")
        Path data;

        @Option(names = "--validation", paramLabel = "SIMDIR", description = "validation set, simulated with another seed (default: the training set's last shard)")
        Path validation;

        @Option(names = "--arch", defaultValue = "vit", paramLabel = "A", description = "mlp, cnn, unet or vit (default ${DEFAULT-VALUE})")
        String arch;

        @Option(names = "--width", paramLabel = "NAME=N", description = "an architecture width (e.g. dim=64, depth=4); see docs/classify.md")
        Map<String, Integer> widths = new LinkedHashMap<>();

        @Option(names = "--epochs", defaultValue = "1", paramLabel = "N", description = "passes over the training set (default ${DEFAULT-VALUE})")
        int epochs;

        @Option(names = "--batch", defaultValue = "64", paramLabel = "B", description = "spectra per step (default ${DEFAULT-VALUE})")
        int batch;

        @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "seed of initialisation and shuffling (default ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--learning-rate", defaultValue = "1e-3", paramLabel = "LR", description = "Adam's initial learning rate (default ${DEFAULT-VALUE})")
        double learningRate;

        @Option(names = "--validation-spectra", defaultValue = "2000", paramLabel = "N", description = "validation spectra used (default ${DEFAULT-VALUE})")
        int validationSpectra;

        @Option(names = "--validate-every", defaultValue = "10", paramLabel = "SHARDS", description = "validate and checkpoint every this many shards (default ${DEFAULT-VALUE})")
        int validateEvery;

        @Option(names = "--patience", defaultValue = "3", paramLabel = "N", description = "validations without improvement before the learning rate is halved (default ${DEFAULT-VALUE})")
        int patience;

        @Option(names = "--max-minutes", defaultValue = "0", paramLabel = "M", description = "time budget; training ends at the next shard after it (default: none)")
        double maxMinutes;

        @Option(names = "--resume", description = "continue the interrupted training checkpointed in MODELDIR")
        boolean resume;

        @Option(names = "--out", required = true, paramLabel = "MODELDIR", description = "model directory to write")
        Path out;

        @Override
        public Integer call() throws Exception {
            Architecture a = Architecture.of(arch);
            ElementIdTraining.Options o = new ElementIdTraining.Options(a, widths, epochs, batch, seed, learningRate, validationSpectra, validateEvery,
                    patience, maxMinutes, resume);
            SimulatedSet train = SimulatedSet.open(data);
            SimulatedSet val = validation == null ? null : SimulatedSet.open(validation);
            StderrProgress progress = new StderrProgress(System.err);
            ModelCard card = ElementIdTraining.train(train, val, out, o, progress, progress::stage);
            System.out.printf(java.util.Locale.ROOT, "trained %s: validation F1 %.4f, EMR %.4f at threshold %.2f -> %s%n", a.id(), card.metrics().get("f1"),
                    card.metrics().get("emr"), card.threshold(), out.toAbsolutePath());
            return 0;
        }
    }

    @Command(name = "ensemble", description = { "Combine trained element-identification models into an ensemble whose averaged probabilities",
            "get their own threshold, chosen on validation spectra (argmin |precision - recall|, Annys et al. 2023)." })
    static final class Ensemble implements Callable<Integer> {
        @Option(names = "--model", required = true, paramLabel = "MODELDIR", description = "a trained model directory (repeat for each member)")
        java.util.List<Path> models;

        @Option(names = "--validation", required = true, paramLabel = "SIMDIR", description = "validation set (tessera simulate eels, a seed of its own)")
        Path validation;

        @Option(names = "--validation-spectra", defaultValue = "2000", paramLabel = "N", description = "validation spectra used (default ${DEFAULT-VALUE})")
        int validationSpectra;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "ensemble directory to write")
        Path out;

        @Override
        public Integer call() throws Exception {
            SimulatedSet val = SimulatedSet.open(validation);
            SimulatedSet.Labelled v = val.first(validationSpectra);
            tessera.classify.MultiLabelMetrics m = tessera.classify.ElementIdEnsemble.assemble(models, v.spectra(), v.labels(), out);
            System.out.printf(java.util.Locale.ROOT, "ensemble of %d: validation F1 %.4f, precision %.4f, recall %.4f, EMR %.4f at threshold %.2f -> %s%n",
                    models.size(), m.f1(), m.precision(), m.recall(), m.emr(), m.threshold(), out.toAbsolutePath());
            return 0;
        }
    }

    @Command(name = "valence", description = { "Train an oxidation-state classifier on simulated L2,3 white lines (docs/valence.md): an SVM with C and gamma",
            "cross-validated (svm: all kernels and strategies; svm-rbf-ovo ...) or a network (dense-0 ... dense-13, conv-0 ... conv-7);",
            "real reference spectra are added with --reference FILE=CLASS. Writes model.json, svm.ser or network.params and",
            "training.prov.json into MODELDIR." })
    static final class Valence implements Callable<Integer> {
        @Option(names = "--element", required = true, paramLabel = "EL", description = "Mn or Fe")
        String element;

        @Option(names = "--model", defaultValue = "svm", paramLabel = "M", description = "svm, svm-linear-ovo, svm-linear-ovr, svm-rbf-ovo, svm-rbf-ovr, dense-N or conv-N (default ${DEFAULT-VALUE})")
        String model;

        @Option(names = "--count", defaultValue = "6000", paramLabel = "N", description = "simulated training spectra (default ${DEFAULT-VALUE})")
        int count;

        @Option(names = "--validation", defaultValue = "1500", paramLabel = "N", description = "simulated validation spectra, next seed (default ${DEFAULT-VALUE})")
        int validation;

        @Option(names = "--epochs", defaultValue = "30", paramLabel = "N", description = "network epochs (default ${DEFAULT-VALUE})")
        int epochs;

        @Option(names = "--batch", defaultValue = "32", paramLabel = "B", description = "network mini-batch (default ${DEFAULT-VALUE})")
        int batch;

        @Option(names = "--learning-rate", defaultValue = "1e-3", paramLabel = "LR", description = "Adam's learning rate (default ${DEFAULT-VALUE})")
        double learningRate;

        @Option(names = "--folds", defaultValue = "3", paramLabel = "K", description = "SVM cross-validation folds (default ${DEFAULT-VALUE})")
        int folds;

        @Option(names = "--seed", defaultValue = "11", paramLabel = "S", description = "seed of the simulated sets and the network (default ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--reference", paramLabel = "FILE=CLASS", description = "real reference spectra of one class, e.g. MnO.msa=Mn2+ (repeatable)")
        Map<String, String> references = new LinkedHashMap<>();

        @Option(names = "--out", required = true, paramLabel = "MODELDIR", description = "model directory to write (must not exist or be empty)")
        Path out;

        @Override
        public Integer call() throws Exception {
            tessera.eels.valence.WhiteLines lines = tessera.eels.valence.WhiteLines.of(element);
            java.util.List<tessera.valence.ValenceData> refs = new java.util.ArrayList<>();
            for (Map.Entry<String, String> r : references.entrySet()) {
                tessera.core.io.FileSelector sel = tessera.core.io.FileSelector.requireFile(Path.of(r.getKey()));
                tessera.core.model.Dataset d = tessera.core.registry.Registry.get().formats().readSpectra(sel);
                refs.add(tessera.valence.ValenceData.of(lines, d, r.getValue(), r.getKey()));
            }
            tessera.valence.ValenceTraining.Options o = new tessera.valence.ValenceTraining.Options(lines.element(), model, count, validation, epochs, batch,
                    learningRate, folds, seed);
            StderrProgress progress = new StderrProgress(System.err);
            tessera.valence.ValenceModel m = tessera.valence.ValenceTraining.train(o, refs, out, progress, progress::stage);
            System.out.printf(java.util.Locale.ROOT, "trained %s: validation success %.4f -> %s%n", m.describe(), m.card().metrics().get("validation_success"),
                    out.toAbsolutePath());
            return 0;
        }
    }

    @Command(name = "atoms", description = { "Train the atom-finding U-Net (docs/lattice.md) on simulated lattice images drawn afresh every step:",
            "validates on a fixed simulated set, halves the learning rate on plateaus, keeps the best weights and writes",
            "model.json, weights.params, training.prov.json and training-log.csv into MODELDIR (tessera atoms --method network --model MODELDIR)." })
    static final class Atoms implements Callable<Integer> {
        private static final tessera.lattice.network.AtomNetTraining.Options D = tessera.lattice.network.AtomNetTraining.Options.defaults();

        @Option(names = "--width", paramLabel = "W", description = "U-Net top-level channels (default 16)")
        Integer width;

        @Option(names = "--levels", paramLabel = "L", description = "U-Net levels including the bottleneck (default 4)")
        Integer levels;

        @Option(names = "--patch", paramLabel = "PX", description = "training image side in px (default 128)")
        Integer patch;

        @Option(names = "--batch", paramLabel = "B", description = "images per step (default 8)")
        Integer batch;

        @Option(names = "--steps", paramLabel = "N", description = "the most steps (default 20000)")
        Integer steps;

        @Option(names = "--seed", paramLabel = "S", description = "seed of the images and the network (default 1)")
        Long seed;

        @Option(names = "--learning-rate", paramLabel = "LR", description = "Adam's initial learning rate (default 1e-3)")
        Double learningRate;

        @Option(names = "--validation", paramLabel = "N", description = "simulated validation images (default 64)")
        Integer validation;

        @Option(names = "--validate-every", paramLabel = "N", description = "steps between validations (default 250)")
        Integer validateEvery;

        @Option(names = "--max-minutes", paramLabel = "M", description = "time budget; training ends at the next validation after it (default 80, 0: none)")
        Double maxMinutes;

        @Option(names = "--init", paramLabel = "MODELDIR", description = "start from this model's weights (fine-tuning); default: random initialisation")
        Path init;

        @Option(names = "--out", required = true, paramLabel = "MODELDIR", description = "model directory to write (must not hold a model)")
        Path out;

        @Override
        public Integer call() throws Exception {
            tessera.lattice.network.AtomNetTraining.Options o = new tessera.lattice.network.AtomNetTraining.Options(or(width, D.width()), or(levels, D.levels()),
                    or(patch, D.patch()), or(batch, D.batch()), or(steps, D.steps()), seed == null ? D.seed() : seed,
                    learningRate == null ? D.learningRate() : learningRate, or(validation, D.validationImages()), or(validateEvery, D.validateEvery()),
                    D.patience(), maxMinutes == null ? D.maxMinutes() : maxMinutes, init);
            StderrProgress progress = new StderrProgress(System.err);
            tessera.lattice.network.AtomNetModel.Card card = tessera.lattice.network.AtomNetTraining.train(out, o, progress, progress::stage);
            System.out.printf(java.util.Locale.ROOT, "trained atom-finding network: validation F1 %.4f (P %.4f, R %.4f) at threshold %.1f -> %s%n",
                    card.metrics().get("f1"), card.metrics().get("precision"), card.metrics().get("recall"), card.threshold(), out.toAbsolutePath());
            return 0;
        }

        private static int or(Integer v, int d) {
            return v == null ? d : v;
        }
    }
}
