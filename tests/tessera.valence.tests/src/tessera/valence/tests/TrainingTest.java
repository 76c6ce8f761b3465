package tessera.valence.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import smile.classification.SoftClassifier;
import tessera.core.analysis.ProgressMonitor;
import tessera.eels.valence.WhiteLines;
import tessera.valence.ValenceData;
import tessera.valence.ValenceEvaluation;
import tessera.valence.ValenceModel;
import tessera.valence.ValenceSvm;
import tessera.valence.ValenceTraining;

/**
 * Training round trips: an SVM and a network trained on a small simulated set learn the classes (success on a held-out
 * set drawn with another seed and the wider test ranges), their files reload to bit-identical probabilities, and the
 * serialised SVM reader refuses anything but Smile's classes.
 */
class TrainingTest {

    @Test
    void svmLearnsTheClassesAndRoundTrips() throws Exception {
        ValenceData train = ValenceData.simulate(WhiteLines.FE, tessera.eels.valence.WhiteLineSimulator.TRAINING, 21, 900);
        ValenceData test = ValenceEvaluation.testSet(WhiteLines.FE, 23, 600);
        SoftClassifier<double[]> m = ValenceSvm.fit(train.asDoubles(), train.y(), new ValenceSvm.Setting(ValenceSvm.Kernel.RBF, ValenceSvm.Strategy.OVO, 10, 0.1));
        float[][] p = ValenceSvm.probabilities(m, test.asDoubles(), 3);
        double success = ValenceTraining.success(p, test.y());
        // chance is 1/3; Fe2+ / Fe3+ / Fe3O4 differ in the L3 pre-peak/shoulder and the L3/L2 ratio
        assertTrue(success > 0.75, "success " + success);
        for (float[] row : p) {
            float s = 0;
            for (float v : row) {
                assertTrue(v >= 0 && v <= 1);
                s += v;
            }
            assertEquals(1f, s, 1e-4f);
        }
        float[][] again = ValenceSvm.probabilities(ValenceSvm.read(ValenceSvm.write(m), "m"), test.asDoubles(), 3);
        // the same data and setting give the same machine, also when trained on another thread
        SoftClassifier<double[]> other = java.util.concurrent.CompletableFuture.supplyAsync(() -> ValenceSvm.fit(train.asDoubles(), train.y(),
                new ValenceSvm.Setting(ValenceSvm.Kernel.RBF, ValenceSvm.Strategy.OVO, 10, 0.1))).get();
        float[][] twin = ValenceSvm.probabilities(other, test.asDoubles(), 3);
        for (int i = 0; i < p.length; i++) {
            assertArrayEquals(p[i], twin[i], "spectrum " + i);
        }
        for (int i = 0; i < p.length; i++) {
            assertArrayEquals(p[i], again[i]);
        }
        // a serialised object of another kind is refused by the input filter, not instantiated
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(b)) {
            o.writeObject(new java.io.File("/etc/passwd"));
        }
        assertThrows(IOException.class, () -> ValenceSvm.read(b.toByteArray(), "crafted.ser"));
    }

    @Test
    void crossValidationPrefersTheBetterSetting() {
        ValenceData train = ValenceData.simulate(WhiteLines.MN, tessera.eels.valence.WhiteLineSimulator.TRAINING, 31, 450);
        List<ValenceSvm.Score> s = ValenceSvm.select(train.asDoubles(), train.y(), ValenceSvm.Kernel.RBF, ValenceSvm.Strategy.OVO, new double[] { 1e-3, 10 },
                new double[] { 0.1 }, 3, 1);
        assertEquals(2, s.size());
        // C = 0.001 cannot separate the classes (all support vectors at the bound); C = 10 does
        assertEquals(10, s.get(0).setting().c());
        assertTrue(s.get(0).accuracy() > s.get(1).accuracy() + 0.1, s.toString());
    }

    @Test
    void networkTrainsAndItsDirectoryReloads(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("mn-dense");
        ValenceTraining.Options o = new ValenceTraining.Options("Mn", "dense-2", 900, 300, 6, 32, 1e-3, 3, 41);
        ValenceModel m = ValenceTraining.train(o, List.of(), out, ProgressMonitor.NULL, s -> { });
        for (String f : List.of(ValenceModel.FILE, ValenceModel.NETWORK, ValenceModel.PROVENANCE)) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertEquals("dense-2", m.card().name());
        assertEquals(List.of("Mn2+", "Mn3+", "Mn4+"), m.card().classes());
        assertTrue(m.card().metrics().get("validation_success") > 0.8, String.valueOf(m.card().metrics()));
        assertTrue(Files.readString(out.resolve(ValenceModel.PROVENANCE)).contains("tessera:train-valence"));
        ValenceData test = ValenceEvaluation.testSet(WhiteLines.MN, 43, 90);
        float[][] a = m.predict(test.x());
        float[][] b = ValenceModel.load(out).predict(test.x());
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], "spectrum " + i);
        }
        // the same options give the same weights
        ValenceModel again = ValenceTraining.train(o, List.of(), tmp.resolve("again"), ProgressMonitor.NULL, s -> { });
        assertEquals(m.card().weightsSha256(), again.card().weightsSha256());
        // an existing, non-empty directory is not overwritten
        assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> ValenceTraining.train(o, List.of(), out, ProgressMonitor.NULL, s -> { }));
        // a tampered weights file is refused
        Files.write(out.resolve(ValenceModel.NETWORK), new byte[] { 1, 2, 3 });
        assertThrows(tessera.core.io.InvalidFileException.class, () -> ValenceModel.load(out));
    }

    @Test
    void realReferenceSpectraJoinTheTrainingSet(@TempDir Path tmp) throws Exception {
        tessera.core.model.Dataset lsmo = tessera.core.registry.Registry.get().formats().readSpectra(tessera.core.io.FileSelector.parse(
                Path.of(System.getProperty("tessera.data", "../shared/data"), "eels", "LSMO_linescan.hspy")));
        ValenceData ref = ValenceData.of(WhiteLines.MN, lsmo, "Mn3+", "LSMO_linescan.hspy");
        assertEquals(40, ref.size());
        assertTrue(java.util.Arrays.stream(ref.y()).allMatch(c -> c == 1));
        ValenceModel m = ValenceTraining.train(new ValenceTraining.Options("Mn", "svm-linear-ovo", 300, 90, 1, 32, 1e-3, 2, 5), List.of(ref), tmp.resolve("m"),
                ProgressMonitor.NULL, s -> { });
        assertEquals(340, ((Number) m.card().data().get("trainingSpectra")).intValue());
        assertTrue(String.valueOf(m.card().data().get("training")).contains("LSMO_linescan.hspy as Mn3+"), String.valueOf(m.card().data()));
        assertTrue(java.nio.file.Files.readString(tmp.resolve("m").resolve(ValenceModel.FILE)).contains("\"resolution_ev\" : [ 0.3, 3.5 ]"),
                "the generator's ranges in the card");
        // a class the element does not have is refused naming the file
        Exception e = assertThrows(tessera.core.analysis.IncompatibleDataException.class, () -> ValenceData.of(WhiteLines.MN, lsmo, "Fe3+", "LSMO_linescan.hspy"));
        assertTrue(e.getMessage().contains("LSMO_linescan.hspy") && e.getMessage().contains("not a class of Mn"), e.getMessage());
    }

    @Test
    void theComparisonTableTrainsEveryKindAndWritesItsMatrices(@TempDir Path tmp) throws Exception {
        ValenceTraining.Options o = new ValenceTraining.Options("Fe", "table", 300, 90, 10, 32, 1e-3, 2, 7);
        ValenceData test = ValenceEvaluation.testSet(WhiteLines.FE, 9, 150);
        List<ValenceEvaluation.Row> rows = ValenceEvaluation.table(o, test, List.of("dense-0", "conv-0"), s -> { });
        assertEquals(List.of("svm", "svm", "svm", "svm", "dense", "conv", "baseline"), rows.stream().map(ValenceEvaluation.Row::kind).toList());
        for (ValenceEvaluation.Row r : rows) {
            assertTrue(r.success() > 1 / 3.0, r.name() + " " + r.success());
            for (double[] row : r.confusion()) {
                assertEquals(1.0, java.util.Arrays.stream(row).sum(), 1e-9, r.name());
            }
        }
        assertTrue(Double.isFinite(rows.get(4).success10()), "the networks' 10-epoch column");
        ValenceEvaluation.write(tmp, rows, WhiteLines.FE.classes(), 10);
        assertEquals(8, java.nio.file.Files.readAllLines(tmp.resolve("table.csv")).size(), "header + 7 rows");
        assertTrue(java.nio.file.Files.isRegularFile(tmp.resolve("confusion_conv-0.png")));
        assertTrue(java.nio.file.Files.readString(tmp.resolve("confusion_dense-0.csv")).startsWith("true\\predicted,Fe2+,Fe3+,Fe3O4"));
    }
}
