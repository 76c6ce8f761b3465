package tessera.cli.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tessera.classify.ElementIdClassifier;
import tessera.classify.ElementIdEnsemble;
import tessera.classify.ElementIdEvaluation;
import tessera.classify.MultiLabelMetrics;
import tessera.classify.SimulatedSet;
import tessera.core.registry.Registry;

/**
 * {@code tessera evaluate element-id}: the metrics of Annys et al. (2023) Tables 2 and 3 for every member of an ensemble
 * and the ensemble, on a simulated test set and on a table of real spectra, through {@link ElementIdEvaluation}.
 */
@Command(name = "evaluate", description = "Evaluate a classifier (docs/classify.md).", subcommands = { EvaluateCommand.ElementId.class,
        EvaluateCommand.Valence.class })
final class EvaluateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("usage: tessera evaluate element-id [--data SIMDIR] [--real TABLE] [--model DIR] | tessera evaluate valence --element Mn"
                + " [--model NAME] [--table] --out DIR; see --help of each");
        return 2;
    }

    @Command(name = "element-id", description = { "Precision, recall, weighted F1, exact match ratio and RMSE of each model and the ensemble",
            "(Annys et al. 2023, Tables 2 and 3) on a simulated test set and/or a table of real spectra (PATH<TAB>ELEMENTS)." })
    static final class ElementId implements Callable<Integer> {
        @Option(names = "--data", paramLabel = "SIMDIR", description = "simulated test set (tessera simulate eels, a seed of its own)")
        Path data;

        @Option(names = "--max-spectra", defaultValue = "10000", paramLabel = "N", description = "test spectra used at most (default ${DEFAULT-VALUE})")
        int maxSpectra;

        @Option(names = "--real", paramLabel = "TABLE", description = "table of real spectra: PATH<TAB>ELEMENTS per line")
        Path real;

        @Option(names = "--data-root", paramLabel = "DIR", description = "directory the table's paths are relative to (default: the table's directory)")
        Path root;

        @Option(names = "--model", paramLabel = "DIR", description = "a model or ensemble directory (default: the shipped ensemble)")
        Path model;

        @Override
        public Integer call() throws Exception {
            if (data == null && real == null) {
                throw new IllegalArgumentException("give --data SIMDIR, --real TABLE or both");
            }
            ElementIdEnsemble e = ElementIdClassifier.ensemble(model == null ? "" : model.toAbsolutePath().toString());
            StderrProgress progress = new StderrProgress(System.err);
            if (data != null) {
                List<ElementIdEvaluation.Row> rows = ElementIdEvaluation.simulated(e, SimulatedSet.open(data), maxSpectra, progress);
                System.out.println("simulated test set " + data + " (" + rows.get(0).metrics().spectra() + " spectra):");
                System.out.print(ElementIdEvaluation.format(rows));
            }
            if (real != null) {
                var table = ElementIdEvaluation.readTable(real);
                Path base = root != null ? root : real.toAbsolutePath().getParent();
                System.out.println("real spectra " + real + " (" + table.size() + " files; carbon left out):");
                List<ElementIdEvaluation.Row> rows = new java.util.ArrayList<>();
                List<ElementIdEnsemble> singles = new java.util.ArrayList<>();
                for (var m : e.members()) {
                    singles.add(ElementIdEnsemble.of(m));
                }
                if (e.members().size() > 1) {
                    singles.add(e);
                }
                for (int i = 0; i < singles.size(); i++) {
                    var results = ElementIdEvaluation.real(singles.get(i), table, base, Registry.get().formats(), progress);
                    String name = i < e.members().size() ? e.members().get(i).card().architecture().id() + "-" + (i + 1) : "ensemble";
                    MultiLabelMetrics m = ElementIdEvaluation.realMetrics(results, e.classes(), singles.get(i).threshold());
                    rows.add(new ElementIdEvaluation.Row(name, m));
                    for (var r : results) {
                        System.out.printf(Locale.ROOT, "  %-10s %-45s truth %-12s predicted %s%n", name, r.file(), String.join(",", r.truth()),
                                String.join(",", r.predicted()));
                    }
                }
                System.out.print(ElementIdEvaluation.format(rows));
                System.out.println("(RMSE of the 0/1 predictions; threshold: each model's own)");
            }
            return 0;
        }
    }

    @Command(name = "valence", description = { "Success ratio and normalised confusion matrices of valence classifiers on a held-out simulated test set",
            "(other seeds, wider augmentation than training): the shipped or given models, or with --table the comparison of",
            "del Pozo-Bueno et al. (2023): every dense and conv structure after 10 and 30 epochs, the four SVMs and the L3/L2 baseline.",
            "Writes table.md, table.csv and confusion_*.csv/.png into DIR." })
    static final class Valence implements Callable<Integer> {
        @Option(names = "--element", required = true, paramLabel = "EL", description = "Mn or Fe")
        String element;

        @Option(names = "--model", paramLabel = "NAME", description = "svm, dense, conv or a model directory (repeatable; default: the three shipped models)")
        List<String> models = new java.util.ArrayList<>();

        @Option(names = "--table", description = "train and compare every structure and SVM (minutes to an hour)")
        boolean table;

        @Option(names = "--structures", split = ",", paramLabel = "S,...", description = "with --table: only these structures (default all 22)")
        List<String> structures = new java.util.ArrayList<>();

        @Option(names = "--count", defaultValue = "6000", paramLabel = "N", description = "with --table: simulated training spectra (default ${DEFAULT-VALUE})")
        int count;

        @Option(names = "--epochs", defaultValue = "30", paramLabel = "N", description = "with --table: epochs of the last column (default ${DEFAULT-VALUE})")
        int epochs;

        @Option(names = "--seed", defaultValue = "11", paramLabel = "S", description = "with --table: training seed (default ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--test", defaultValue = "3000", paramLabel = "N", description = "test spectra (default ${DEFAULT-VALUE})")
        int test;

        @Option(names = "--test-seed", defaultValue = "13", paramLabel = "S", description = "test seed, not a training one (default ${DEFAULT-VALUE})")
        long testSeed;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory for the table and confusion matrices")
        Path out;

        @Override
        public Integer call() throws Exception {
            tessera.eels.valence.WhiteLines lines = tessera.eels.valence.WhiteLines.of(element);
            StderrProgress progress = new StderrProgress(System.err);
            progress.stage(String.format(Locale.ROOT, "simulating %d %s test spectra (seed %d, test ranges)", test, lines.element(), testSeed));
            tessera.valence.ValenceData t = tessera.valence.ValenceEvaluation.testSet(lines, testSeed, test);
            List<tessera.valence.ValenceEvaluation.Row> rows = new java.util.ArrayList<>();
            if (table) {
                var o = new tessera.valence.ValenceTraining.Options(lines.element(), "table", count, 1500, epochs, 32, 1e-3, 3, seed);
                rows.addAll(tessera.valence.ValenceEvaluation.table(o, t, structures, progress::stage));
            } else {
                var c = (tessera.valence.ValenceClassifier) tessera.core.registry.Registry.get().classifier(tessera.pipeline.ValenceJob.classifier(lines.element()));
                for (String m : models.isEmpty() ? List.of("svm", "dense", "conv") : models) {
                    String name = m.equals("svm") || m.equals("dense") || m.equals("conv") ? m : Path.of(m).toAbsolutePath().toString();
                    rows.add(tessera.valence.ValenceEvaluation.evaluate(c.model(name), t));
                }
                rows.add(tessera.valence.ValenceEvaluation.baseline(t));
            }
            tessera.valence.ValenceEvaluation.write(out, rows, lines.classes(), table ? epochs : 0);
            System.out.print(tessera.valence.ValenceEvaluation.format(rows, table ? epochs : 0));
            progress.stage("wrote " + out.toAbsolutePath());
            return 0;
        }
    }
}
