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
@Command(name = "evaluate", description = "Evaluate a classifier (docs/classify.md).", subcommands = EvaluateCommand.ElementId.class)
final class EvaluateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("usage: tessera evaluate element-id [--data SIMDIR] [--real TABLE] [--model DIR]; see tessera evaluate element-id --help");
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
}
