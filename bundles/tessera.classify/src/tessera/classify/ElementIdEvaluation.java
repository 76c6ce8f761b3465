package tessera.classify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import tessera.core.analysis.Classification;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.io.InvalidFileException;
import tessera.core.model.Dataset;
import tessera.core.registry.FileFormats;

/**
 * The evaluation of element-identification models in the layout of Annys et al. (Sci. Rep. 13 (2023) 13724,
 * doi:10.1038/s41598-023-40943-7, Tables 2 and 3): every member of an ensemble and the ensemble, each at its own
 * validation-chosen threshold, on a simulated test set (a {@code tessera simulate eels} directory with a seed of its
 * own) and on a table of real spectra with their known elements. For a line scan or spectrum image the prediction is the
 * set of elements detected in at least 1 % of its spectra and the truth the elements of the whole file; carbon is left
 * out of the real-spectra metrics, as in the paper (its ground truth is ambiguous: contamination, support films).
 */
public final class ElementIdEvaluation {
    /** fraction of a line scan's or SI's spectra in which an element must be predicted to be detected */
    public static final double MIN_FRACTION = 0.01;

    private ElementIdEvaluation() {
    }

    /**
     * One model's metrics.
     *
     * @param model   "ensemble" or the member's name
     * @param metrics its metrics at its threshold
     */
    public record Row(String model, MultiLabelMetrics metrics) {
    }

    /**
     * One real spectrum (file) of a table and what the ensemble predicted.
     *
     * @param file      the file as the table names it
     * @param truth     its elements
     * @param predicted predicted (spectrum) or detected (line scan, SI) elements, most probable first
     * @param spectra   number of spectra in the file
     */
    public record RealResult(String file, Set<String> truth, List<String> predicted, int spectra) {
    }

    /**
     * Metrics of every member and the ensemble on a simulated test set.
     *
     * @param e          the ensemble
     * @param test       the test set
     * @param maxSpectra spectra used at most (from the first shard on)
     * @param monitor    progress in spectra
     * @return one row per member, then the ensemble
     * @throws IOException if a shard cannot be read
     */
    public static List<Row> simulated(ElementIdEnsemble e, SimulatedSet test, int maxSpectra, ProgressMonitor monitor) throws IOException {
        if (!test.elements().equals(e.classes())) {
            throw new InvalidFileException(test.directory(), "labels other elements than the model predicts");
        }
        SimulatedSet.Labelled t = test.first(maxSpectra);
        float[][] x = t.spectra();
        byte[][] y = t.labels();
        monitor.begin("evaluating on " + x.length + " simulated spectra", e.members().size() + 1);
        List<Row> rows = new ArrayList<>();
        float[][] sum = new float[x.length][e.classes().size()];
        for (int m = 0; m < e.members().size(); m++) {
            ElementIdModel model = e.members().get(m);
            float[][] p = model.predict(x);
            for (int i = 0; i < p.length; i++) {
                for (int j = 0; j < p[i].length; j++) {
                    sum[i][j] += p[i][j] / e.members().size();
                }
            }
            rows.add(new Row(model.card().architecture().id() + "-" + (m + 1), MultiLabelMetrics.of(p, y, model.card().threshold())));
            monitor.worked(1);
        }
        if (e.members().size() > 1) {
            rows.add(new Row("ensemble", MultiLabelMetrics.of(sum, y, e.threshold())));
        }
        monitor.done();
        return rows;
    }

    /**
     * Reads a table of real spectra: one line per file, {@code PATH<TAB>ELEMENTS[<TAB>COMMENT]}, elements comma
     * separated; blank lines and lines starting with {@code #} are skipped.
     *
     * @param table the table file
     * @return file → elements, in order
     * @throws NoSuchFileException  if the table is missing
     * @throws InvalidFileException if a line has no elements column (names the line)
     * @throws IOException          on a read error
     */
    public static java.util.LinkedHashMap<String, Set<String>> readTable(Path table) throws IOException {
        if (!Files.isRegularFile(table)) {
            throw new NoSuchFileException(table.toString());
        }
        java.util.LinkedHashMap<String, Set<String>> out = new java.util.LinkedHashMap<>();
        int no = 0;
        for (String line : Files.readAllLines(table)) {
            no++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length < 2 || f[1].isBlank()) {
                throw new InvalidFileException(table, "line " + no + " has no elements column (PATH<TAB>ELEMENTS)");
            }
            Set<String> el = new LinkedHashSet<>();
            for (String s : f[1].split(",")) {
                el.add(s.trim());
            }
            out.put(f[0].trim(), el);
        }
        return out;
    }

    /**
     * Classifies every file of a table of real spectra.
     *
     * @param e       the ensemble (or a single model, {@link ElementIdEnsemble#of})
     * @param table   file (relative to {@code root}) → its elements ({@link #readTable})
     * @param root    the directory the paths are relative to
     * @param formats the file formats
     * @param monitor progress
     * @return one result per file, in the table's order
     * @throws IOException if a file cannot be read (names it)
     */
    public static List<RealResult> real(ElementIdEnsemble e, java.util.Map<String, Set<String>> table, Path root, FileFormats formats,
            ProgressMonitor monitor) throws IOException {
        List<RealResult> out = new ArrayList<>();
        for (var entry : table.entrySet()) {
            Dataset d = formats.readSpectra(tessera.core.io.FileSelector.parse(root.resolve(entry.getKey())));
            Classification c = ElementIdClassifier.classify(e, d, e.threshold(), ProgressMonitor.NULL);
            int[] idx = c.size() == 1 ? c.predicted(0) : c.detected(MIN_FRACTION);
            List<String> pred = new ArrayList<>();
            for (int j : idx) {
                pred.add(c.classes().get(j));
            }
            out.add(new RealResult(entry.getKey(), entry.getValue(), pred, c.size()));
        }
        return out;
    }

    /**
     * The metrics of real-spectra results (carbon left out).
     *
     * @param results results of {@link #real}
     * @param classes   the classes
     * @param threshold the threshold the predictions were made at (recorded in the metrics)
     * @return the metrics; the RMSE is that of the 0/1 predictions
     */
    public static MultiLabelMetrics realMetrics(List<RealResult> results, List<String> classes, double threshold) {
        int n = results.size();
        boolean[][] pred = new boolean[n][classes.size()];
        float[][] p = new float[n][classes.size()];
        byte[][] y = new byte[n][classes.size()];
        for (int i = 0; i < n; i++) {
            for (String s : results.get(i).predicted()) {
                pred[i][classes.indexOf(s)] = true;
                p[i][classes.indexOf(s)] = 1;
            }
            for (String s : results.get(i).truth()) {
                int j = classes.indexOf(s);
                if (j < 0) {
                    throw new IllegalArgumentException(results.get(i).file() + ": '" + s + "' is not a class of the model");
                }
                y[i][j] = 1;
            }
        }
        int carbon = classes.indexOf("C");
        return carbon < 0 ? MultiLabelMetrics.of(pred, p, y, threshold) : MultiLabelMetrics.of(pred, p, y, threshold, carbon);
    }

    /**
     * @param rows rows of {@link #simulated}
     * @return the table as text: model, F1, precision, recall, EMR, RMSE, threshold
     */
    public static String format(List<Row> rows) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-12s %8s %9s %7s %6s %6s %9s%n", "model", "F1", "precision", "recall", "EMR",
                "RMSE", "threshold"));
        for (Row r : rows) {
            MultiLabelMetrics m = r.metrics();
            b.append(String.format(Locale.ROOT, "%-12s %8.3f %9.3f %7.3f %6.3f %6.3f %9.2f%n", r.model(), m.f1(), m.precision(), m.recall(), m.emr(),
                    m.rmse(), m.threshold()));
        }
        return b.toString();
    }
}
