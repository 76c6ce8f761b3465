package com.example.tessera.xy.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.example.tessera.xy.XySpectrumReader;

import tessera.core.io.InvalidFileException;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.SignalType;
import tessera.core.registry.Contribution;
import tessera.core.registry.Registry;

class XySpectrumReaderTest {
    private static final Path RES = Path.of("resources");

    @Test
    void readsCalibrationValuesAndHeader() throws Exception {
        Dataset d = new XySpectrumReader().read(RES.resolve("Cu_L23_sample.xy")).get(0);
        Axis e = d.axis(0);
        assertEquals(10, e.size());
        assertEquals(900.0, e.offset(), 1e-12);
        assertEquals(0.5, e.scale(), 1e-12);
        assertEquals("eV", e.units());
        assertFalse(e.navigate());
        assertEquals(1520.0, d.getDouble(0));
        assertEquals(1356.0, d.getDouble(9));
        assertEquals(SignalType.EELS, d.metadata().signalType());
        assertEquals(200.0, d.metadata().beamEnergyKv().getAsDouble());
        assertEquals("Cu L2,3 edge (example export)", d.metadata().title());
    }

    @Test
    void nonUniformEnergyIsATypedError() {
        InvalidFileException e = assertThrows(InvalidFileException.class,
                () -> new XySpectrumReader().read(RES.resolve("nonuniform.xy")));
        assertTrue(e.getMessage().contains("nonuniform.xy"), e.getMessage());
        assertTrue(e.getMessage().contains("uniformly spaced"), e.getMessage());
    }

    @Test
    void garbageIsATypedError() throws Exception {
        Path f = Files.createTempFile("garbage", ".xy");
        Files.writeString(f, "hello world\n");
        assertThrows(InvalidFileException.class, () -> new XySpectrumReader().read(f));
    }

    @Test
    void contributionIsVisibleInTheRegistryAndChosenByExtension() throws Exception {
        List<Contribution> readers = Registry.get().contributions(Registry.READERS);
        Contribution c = readers.stream().filter(r -> r.id().equals("com.example.tessera.xy")).findFirst().orElseThrow();
        assertEquals("com.example.tessera.xy", c.bundle());
        assertEquals("com.example.tessera.xy", Registry.get().formats().readerFor(RES.resolve("Cu_L23_sample.xy")).id());
        Dataset d = Registry.get().formats().readFirst(RES.resolve("Cu_L23_sample.xy"));
        assertEquals(10, d.size());
    }
}
