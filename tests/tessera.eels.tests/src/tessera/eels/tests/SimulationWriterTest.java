package tessera.eels.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.core.analysis.ProgressMonitor;
import tessera.eels.sim.EelsSimulator;
import tessera.eels.sim.SimulatedShard;
import tessera.eels.sim.SimulatedSpectrum;
import tessera.eels.sim.SimulationRanges;
import tessera.eels.sim.SimulationWriter;
import tessera.eels.sim.SimulationWriter.Options;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Streaming HDF5 shards of the simulator: content equals simulate(i), independent of threads, refuses to overwrite. */
class SimulationWriterTest {

    private static final EelsSimulator SIM = new EelsSimulator(SimulationRanges.ANNYS_2023, 41);

    @Test
    void twoShardsReadBackAsSimulated(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("set");
        SimulationWriter.Summary s = SimulationWriter.write(SIM, 7, new Options(4, 2, false), out, ProgressMonitor.NULL);
        assertEquals(List.of(out.resolve("shard-00000.h5"), out.resolve("shard-00001.h5")), s.shards());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of("manifest.json", "shard-00000.h5", "shard-00001.h5"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no partial files left");
        }
        long next = 0;
        for (int k = 0; k < 2; k++) {
            SimulatedShard sh = SimulatedShard.read(s.shards().get(k));
            assertEquals(41, sh.seed());
            assertEquals(4L * k, sh.firstIndex());
            assertEquals(k == 0 ? 4 : 3, sh.index().length);
            assertEquals(EelsSimulator.ELEMENTS, sh.elements());
            assertTrue(sh.rangesJson().contains("\"jumpRatio\""), sh.rangesJson());
            for (int j = 0; j < sh.index().length; j++, next++) {
                SimulatedSpectrum ref = SIM.simulate(next);
                assertEquals(next, sh.index()[j]);
                assertArrayEquals(ref.spectrum(), sh.spectra()[j], "spectrum " + next);
                assertArrayEquals(ref.labels(), sh.labels()[j], "labels " + next);
                assertEquals(ref.tOverLambda(), sh.parameters().get("t_over_lambda")[j]);
                assertEquals(ref.beamKv(), sh.parameters().get("beam_kv")[j]);
                assertEquals(ref.startEv(), sh.parameters().get("start_ev")[j]);
                assertEquals(ref.instrumentalShiftEv(), sh.parameters().get("instrumental_shift_ev")[j]);
                assertEquals(ref.edges().size(), sh.edges()[j].split(";").length);
                assertTrue(sh.edges()[j].startsWith(ref.edges().get(0).element() + " " + ref.edges().get(0).subshell() + " "),
                        sh.edges()[j]);
            }
        }
        assertEquals(7, next);
        JsonNode m = JsonMapper.builder().build().readTree(out.resolve("manifest.json").toFile());
        assertTrue(m.get("complete").asBoolean());
        assertEquals(41, m.get("seed").asLong());
        assertEquals(7, m.get("count").asLong());
        assertEquals(2, m.get("shards").size());
        assertEquals("shard-00001.h5", m.get("shards").get(1).get("file").asString());
        assertEquals(4, m.get("shards").get(1).get("first_index").asLong());
        assertEquals(3, m.get("shards").get(1).get("count").asLong());
        assertEquals(1.5, m.get("ranges").get("jumpRatio").get("high").asDouble());
        assertEquals(80, m.get("elements").size());
    }

    @Test
    void sameSpectraWhateverThreadsAndChunks(@TempDir Path dir) throws Exception {
        SimulationWriter.write(SIM, 6, new Options(3, 2, false), dir.resolve("a"), ProgressMonitor.NULL);
        SimulationWriter.write(SIM, 6, new Options(6, 1, false), dir.resolve("b"), ProgressMonitor.NULL);
        SimulatedShard b = SimulatedShard.read(dir.resolve("b/shard-00000.h5"));
        for (int k = 0; k < 2; k++) {
            SimulatedShard a = SimulatedShard.read(dir.resolve("a").resolve(SimulationWriter.shardName(k)));
            for (int j = 0; j < 3; j++) {
                assertArrayEquals(b.spectra()[3 * k + j], a.spectra()[j]);
            }
        }
    }

    @Test
    void refusesAnExistingSetUnlessOverwriting(@TempDir Path dir) throws Exception {
        SimulationWriter.write(SIM, 4, new Options(2, 1, false), dir, ProgressMonitor.NULL);
        assertThrows(FileAlreadyExistsException.class,
                () -> SimulationWriter.write(SIM, 4, new Options(2, 1, false), dir, ProgressMonitor.NULL));
        assertTrue(Files.exists(dir.resolve("shard-00001.h5")), "a refused write deletes nothing");
        SimulationWriter.write(SIM, 3, new Options(3, 1, true), dir, ProgressMonitor.NULL);
        assertTrue(Files.exists(dir.resolve("shard-00000.h5")));
        assertTrue(Files.notExists(dir.resolve("shard-00001.h5")), "overwriting removes the old shards");
        assertThrows(IllegalArgumentException.class, () -> new Options(0, 1, false));
        assertThrows(IllegalArgumentException.class,
                () -> SimulationWriter.write(SIM, 0, new Options(2, 1, true), dir, ProgressMonitor.NULL));
    }
}
