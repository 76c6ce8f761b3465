package tessera.valence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import smile.classification.SoftClassifier;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.eels.valence.WhiteLineSimulator;
import tessera.eels.valence.WhiteLines;

/**
 * {@code tessera evaluate valence}: success ratios (the fraction of spectra whose most probable class is the true one)
 * and normalised confusion matrices on a held-out simulated test set — other seeds and the wider
 * {@link WhiteLineSimulator#TEST} ranges — for given models, or the comparison of del Pozo-Bueno et al. (Ultramicroscopy
 * 2023): every {@link Structure} trained for 10 and 30 epochs, the four SVM kernels and strategies with cross-validated
 * C and γ, and the white-line ratio baseline (nearest class to its valence).
 */
public final class ValenceEvaluation {

    /**
     * One row of the table.
     *
     * @param name      structure, SVM or model name
     * @param kind      "dense", "conv", "svm", "baseline" or "model"
     * @param success10 success after 10 epochs (networks; NaN otherwise)
     * @param success   success after the last epoch (30 for the table), or the SVM's/model's/baseline's
     * @param confusion normalised confusion matrix {@code [true][predicted]} (rows sum to 1) of {@code success}
     */
    public record Row(String name, String kind, double success10, double success, double[][] confusion) {
    }

    private ValenceEvaluation() {
    }

    /**
     * The held-out test set.
     *
     * @param lines the element
     * @param seed  its seed (not a training or validation seed)
     * @param n     spectra
     * @return the set, {@link WhiteLineSimulator#TEST} ranges
     */
    public static ValenceData testSet(WhiteLines lines, long seed, int n) {
        return ValenceData.simulate(lines, WhiteLineSimulator.TEST, seed, n);
    }

    /**
     * @param p probabilities {@code [n][k]}
     * @param y true classes
     * @param k classes
     * @return the normalised confusion matrix {@code [true][predicted]}
     */
    public static double[][] confusion(float[][] p, int[] y, int k) {
        double[][] c = new double[k][k];
        int[] rows = new int[k];
        for (int i = 0; i < y.length; i++) {
            c[y[i]][ValenceTraining.argmax(p[i])]++;
            rows[y[i]]++;
        }
        for (int t = 0; t < k; t++) {
            for (int j = 0; j < k; j++) {
                c[t][j] = rows[t] > 0 ? c[t][j] / rows[t] : Double.NaN;
            }
        }
        return c;
    }

    /**
     * Evaluates a trained model.
     *
     * @param m    the model
     * @param test the test set (same element)
     * @return its row
     */
    public static Row evaluate(ValenceModel m, ValenceData test) {
        float[][] p = m.predict(test.x());
        return new Row(m.describe(), "model", Double.NaN, ValenceTraining.success(p, test.y()), confusion(p, test.y(), test.lines().classes().size()));
    }

    /**
     * The white-line ratio baseline as a classifier: the class whose valence is nearest to the baseline's.
     *
     * @param test the test set
     * @return its row: success over all spectra (those where the ratio is undefined count as wrong), the confusion matrix
     *         over the spectra where it is defined
     */
    public static Row baseline(ValenceData test) {
        double[] v = test.lines().valences();
        int k = v.length;
        java.util.List<float[]> p = new java.util.ArrayList<>();
        java.util.List<Integer> y = new java.util.ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            double b = test.baseline()[i];
            if (!Double.isFinite(b)) {
                continue;
            }
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (Math.abs(v[j] - b) < Math.abs(v[best] - b)) {
                    best = j;
                }
            }
            float[] row = new float[k];
            row[best] = 1;
            p.add(row);
            y.add(test.y()[i]);
        }
        float[][] pa = p.toArray(float[][]::new);
        int[] ya = y.stream().mapToInt(Integer::intValue).toArray();
        double right = ValenceTraining.success(pa, ya) * ya.length;
        return new Row("L3/L2 ratio (Pearson step)", "baseline", Double.NaN, ya.length == 0 ? 0 : right / test.size(), confusion(pa, ya, k));
    }

    /**
     * The comparison table: the four SVMs and every structure, trained on the same simulated set.
     *
     * @param o          training options (element, count, validation, batch, learning rate, folds, seed; epochs is taken
     *                   as the last column, 30 in the paper)
     * @param test       the test set
     * @param structures the structures to train (names), empty for all 22
     * @param log        progress lines
     * @return rows: SVMs, dense, conv, baseline
     */
    public static List<Row> table(ValenceTraining.Options o, ValenceData test, List<String> structures, Consumer<String> log) {
        WhiteLines lines = WhiteLines.of(o.element());
        int k = lines.classes().size();
        ValenceData train = ValenceData.simulate(lines, WhiteLineSimulator.TRAINING, o.seed(), o.count());
        ValenceData val = ValenceData.simulate(lines, WhiteLineSimulator.TRAINING, o.seed() + 1, o.validation());
        List<Row> rows = new ArrayList<>();
        double[][] tx = train.asDoubles();
        ValenceData cv = train.head(ValenceTraining.CV_MAX);
        double[][] cx = cv.asDoubles();
        double[][] sx = test.asDoubles();
        for (ValenceSvm.Kernel kern : ValenceSvm.Kernel.values()) {
            for (ValenceSvm.Strategy st : ValenceSvm.Strategy.values()) {
                List<ValenceSvm.Score> sc = ValenceSvm.select(cx, cv.y(), kern, st, ValenceTraining.C_GRID, ValenceTraining.GAMMA_GRID, o.folds(), o.seed());
                SoftClassifier<double[]> m = ValenceSvm.fit(tx, train.y(), sc.get(0).setting());
                float[][] p = ValenceSvm.probabilities(m, sx, k);
                Row r = new Row("svm " + sc.get(0).setting().describe(), "svm", Double.NaN, ValenceTraining.success(p, test.y()), confusion(p, test.y(), k));
                log.accept(String.format(Locale.ROOT, "%s: test success %.3f", r.name(), r.success()));
                rows.add(r);
            }
        }
        List<Structure> chosen = structures.isEmpty() ? Structure.all() : structures.stream().map(Structure::of).toList();
        for (Structure s : chosen) {
            ValenceTraining.NetworkRun run = ValenceTraining.trainNetwork(s, train, val, o, List.of(10), line -> {
            });
            double s10 = Double.NaN;
            if (run.snapshots().containsKey(10)) {
                s10 = ValenceTraining.success(predict(s, k, run.snapshots().get(10), test), test.y());
            }
            float[][] p = predict(s, k, run.weights(), test);
            Row r = new Row(s.name(), s.conv() ? "conv" : "dense", s10, ValenceTraining.success(p, test.y()), confusion(p, test.y(), k));
            log.accept(String.format(Locale.ROOT, "%s: test success %.3f after 10 epochs, %.3f after %d", s.name(), s10, r.success(), o.epochs()));
            rows.add(r);
        }
        rows.add(baseline(test));
        return rows;
    }

    private static float[][] predict(Structure s, int k, byte[] weights, ValenceData test) {
        WhiteLines lines = test.lines();
        ValenceModel.Card c = new ValenceModel.Card(lines.element(), "network", s.name(), lines.classes(), java.util.Map.of(), java.util.Map.of(),
                java.util.Map.of(), "");
        try {
            return ValenceModel.of(c, weights, Path.of(s.name()), "evaluation").predict(test.x());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * @param rows    the rows
     * @param epochs  the last column's epochs
     * @return the table as Markdown (success in %)
     */
    public static String format(List<Row> rows, int epochs) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "| model | kind | success 10 epochs (%%) | success %d epochs / final (%%) |%n|---|---|---|---|%n",
                epochs));
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %.1f |%n", r.name(), r.kind(),
                    Double.isFinite(r.success10()) ? String.format(Locale.ROOT, "%.1f", 100 * r.success10()) : "", 100 * r.success()));
        }
        return b.toString();
    }

    /**
     * Writes {@code table.md}, {@code table.csv} and per row {@code confusion_<name>.csv} and {@code .png}.
     *
     * @param dir     the directory (created)
     * @param rows    the rows
     * @param classes class names
     * @param epochs  the last column's epochs
     * @throws IOException if a file cannot be written
     */
    public static void write(Path dir, List<Row> rows, List<String> classes, int epochs) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("table.md"), format(rows, epochs), StandardCharsets.UTF_8);
        StringBuilder csv = new StringBuilder("model,kind,success_10_epochs,success\n");
        for (Row r : rows) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%s,%.6f%n", r.name().replace(',', ';'), r.kind(),
                    Double.isFinite(r.success10()) ? String.format(Locale.ROOT, "%.6f", r.success10()) : "", r.success()));
            String f = "confusion_" + r.name().replaceAll("[^A-Za-z0-9.-]+", "_");
            StringBuilder c = new StringBuilder("true\\predicted," + String.join(",", classes) + "\n");
            int k = classes.size();
            double[] v = new double[k * k];
            for (int t = 0; t < k; t++) {
                c.append(classes.get(t));
                for (int j = 0; j < k; j++) {
                    c.append(String.format(Locale.ROOT, ",%.4f", r.confusion()[t][j]));
                    v[t * k + j] = r.confusion()[t][j];
                }
                c.append('\n');
            }
            Files.writeString(dir.resolve(f + ".csv"), c, StandardCharsets.UTF_8);
            Metadata md = new Metadata();
            md.title(r.name() + " (rows: true " + String.join("/", classes) + "; columns: predicted)");
            Dataset img = Dataset.ofDoubles(v, List.of(new Axis("true class", k, 1, 0, "", true), new Axis("predicted class", k, 1, 0, "", true)), md);
            tessera.report.Plots.writePng(img, md.title(), dir.resolve(f + ".png"));
        }
        Files.writeString(dir.resolve("table.csv"), csv, StandardCharsets.UTF_8);
    }
}
