package tessera.classify.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.classify.Architecture;
import tessera.classify.ElementIdModel;
import tessera.classify.ElementIdTraining;
import tessera.classify.ModelCard;
import tessera.classify.SimulatedSet;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.io.InvalidFileException;
import tessera.eels.sim.EelsSimulator;
import tessera.eels.sim.SimulatedShard;
import tessera.eels.sim.SimulationRanges;
import tessera.eels.sim.SimulationWriter;

/**
 * A tiny network trained for a few steps on simulated spectra: the loss falls, the model directory round-trips, an
 * interrupted training resumes from its checkpoint, and broken model directories are refused naming the file.
 */
class TrainingTest {
    @TempDir
    static Path tmp;
    static SimulatedSet set;

    static final Map<String, Integer> TINY = Map.of("hidden1", 64, "hidden2", 32, "hidden3", 32);

    @BeforeAll
    static void simulate() throws Exception {
        Path dir = tmp.resolve("sim");
        SimulationWriter.write(new EelsSimulator(SimulationRanges.ANNYS_2023, 5), 1200, new SimulationWriter.Options(200, 2, false), dir, ProgressMonitor.NULL);
        set = SimulatedSet.open(dir);
    }

    static ElementIdTraining.Options options(int epochs, boolean resume) {
        return new ElementIdTraining.Options(Architecture.MLP, TINY, epochs, 32, 3, 2e-3, 200, 1, 3, 0, resume);
    }

    @Test
    void lossFallsAndTheModelRoundTrips() throws Exception {
        Path out = tmp.resolve("mlp");
        ModelCard card = ElementIdTraining.train(set, null, out, options(4, false), ProgressMonitor.NULL, l -> { });
        List<String> log = Files.readAllLines(out.resolve(ElementIdTraining.LOG));
        double first = Double.parseDouble(log.get(1).split(",")[3]);
        double last = Double.parseDouble(log.get(log.size() - 1).split(",")[3]);
        assertEquals(1 + 4 * 5, log.size(), "one validation per shard: 5 training shards (the 6th is held out) × 4 epochs");
        assertTrue(last < 0.9 * first, "training loss " + first + " -> " + last);
        assertEquals(80, card.classes().size());
        assertEquals("Be", card.classes().get(0));
        assertTrue(card.threshold() > 0 && card.threshold() < 1);
        assertEquals(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(out.resolve(ModelCard.WEIGHTS)))),
                card.weightsSha256());
        assertFalse(Files.exists(out.resolve(ElementIdTraining.CHECKPOINT)), "checkpoint removed once the model is written");
        String prov = Files.readString(out.resolve(ModelCard.PROVENANCE));
        assertTrue(prov.contains(set.manifestSha256()) && prov.contains("\"tessera:learningRate\" : \"0.002\""), prov);
        // the held-out shard predicted by the loaded model gives the card's validation metrics
        SimulatedShard held = set.shard(5);
        try (ElementIdModel m = ElementIdModel.load(out)) {
            float[][] p = m.predict(held.spectra());
            assertEquals(200, p.length);
            tessera.classify.MultiLabelMetrics metrics = tessera.classify.MultiLabelMetrics.of(p, held.labels(), card.threshold());
            assertEquals(card.metrics().get("f1"), metrics.f1(), 1e-9);
            float[][] again = m.predict(held.spectra());
            for (int i = 0; i < p.length; i++) {
                assertTrue(java.util.Arrays.equals(p[i], again[i]), "inference is repeatable");
            }
        }
        assertTrue(assertThrows(InvalidFileException.class, () -> ElementIdTraining.train(set, null, out, options(1, false), ProgressMonitor.NULL, l -> { }))
                .getMessage().contains("already holds a trained model"));
    }

    @Test
    void anInterruptedTrainingResumes() throws Exception {
        Path out = tmp.resolve("resumed");
        AtomicLong shards = new AtomicLong();
        ProgressMonitor stopAfterTwo = new ProgressMonitor() {
            @Override
            public void begin(String task, long totalWork) {
            }

            @Override
            public void worked(long work) {
                shards.addAndGet(work);
            }

            @Override
            public void done() {
            }

            @Override
            public boolean isCanceled() {
                return shards.get() >= 2;
            }
        };
        assertThrows(CancellationException.class, () -> ElementIdTraining.train(set, null, out, options(2, false), stopAfterTwo, l -> { }));
        assertTrue(Files.exists(out.resolve(ElementIdTraining.CHECKPOINT).resolve("state.json")));
        assertFalse(Files.exists(out.resolve(ModelCard.FILE)), "no model from an interrupted training");
        assertTrue(assertThrows(InvalidFileException.class, () -> ElementIdTraining.train(set, null, out, options(2, false), ProgressMonitor.NULL, l -> { }))
                .getMessage().contains("--resume"));
        assertTrue(assertThrows(InvalidFileException.class, () -> ElementIdTraining.train(set, null, out, options(3, true), ProgressMonitor.NULL, l -> { }))
                .getMessage().contains("other options"));
        List<String> lines = new java.util.ArrayList<>();
        ModelCard card = ElementIdTraining.train(set, null, out, options(2, true), ProgressMonitor.NULL, lines::add);
        assertTrue(lines.get(0).startsWith("resuming at epoch 1, shard 2 of 5, step 12"), lines.get(0));
        assertEquals(1 + 10, Files.readAllLines(out.resolve(ElementIdTraining.LOG)).size(), "2 validations before, 8 after the interruption");
        assertEquals(((Number) card.hyperParameters().get("steps")).longValue(), 2 * 5 * (200 / 32));
    }

    @Test
    void brokenModelDirectoriesAreRefusedNamingTheFile() throws Exception {
        Path good = tmp.resolve("good");
        ElementIdTraining.train(set, null, good, options(1, false), ProgressMonitor.NULL, l -> { });
        Path other = tmp.resolve("other-version");
        Files.createDirectories(other);
        Files.copy(good.resolve(ModelCard.WEIGHTS), other.resolve(ModelCard.WEIGHTS));
        Files.writeString(other.resolve(ModelCard.FILE), Files.readString(good.resolve(ModelCard.FILE)).replace(ModelCard.FORMAT, "tessera.classify.element-id/0"));
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> ElementIdModel.load(other));
        assertTrue(e.getMessage().contains("model.json") && e.getMessage().contains("another version"), e.getMessage());

        Path truncated = tmp.resolve("truncated");
        Files.createDirectories(truncated);
        Files.copy(good.resolve(ModelCard.FILE), truncated.resolve(ModelCard.FILE));
        byte[] w = Files.readAllBytes(good.resolve(ModelCard.WEIGHTS));
        Files.write(truncated.resolve(ModelCard.WEIGHTS), java.util.Arrays.copyOf(w, w.length / 2));
        e = assertThrows(InvalidFileException.class, () -> ElementIdModel.load(truncated));
        assertTrue(e.getMessage().contains("weights.params") && e.getMessage().contains("SHA-256"), e.getMessage());

        // weights of this MLP under a description that says CNN (with the right hash): they do not fit
        Path mismatch = tmp.resolve("mismatch");
        Files.createDirectories(mismatch);
        Files.copy(good.resolve(ModelCard.WEIGHTS), mismatch.resolve(ModelCard.WEIGHTS));
        Files.writeString(mismatch.resolve(ModelCard.FILE), Files.readString(good.resolve(ModelCard.FILE))
                .replace("\"architecture\" : \"mlp\"", "\"architecture\" : \"cnn\"").replaceAll("(?s)\"widths\" : \\{[^}]*\\}", "\"widths\" : { }"));
        e = assertThrows(InvalidFileException.class, () -> ElementIdModel.load(mismatch));
        assertTrue(e.getMessage().contains("do not fit a cnn"), e.getMessage());
    }
}
