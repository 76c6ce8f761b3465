package tessera.provenance.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.emf.ecore.xmi.impl.XMIResourceImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.core.io.InvalidFileException;
import tessera.provenance.ContentHash;
import tessera.provenance.RecordStore;
import tessera.provenance.model.Activity;
import tessera.provenance.model.ActivityStatus;
import tessera.provenance.model.AgentKind;
import tessera.provenance.model.Entity;
import tessera.provenance.model.EntityKind;
import tessera.provenance.model.Plan;
import tessera.provenance.model.Record;

class RecordStoreTest {
    @TempDir
    Path dir;

    @Test
    void saveLoadRoundTripKeepsEverything() throws IOException {
        Record original = TestRecords.realistic();
        Path file = dir.resolve("run.xmi");
        RecordStore.save(original, file);
        Record loaded = RecordStore.load(file);

        assertNotSame(original, loaded);
        assertTrue(new EcoreUtil.EqualityHelper().equals(original, loaded), "loaded record differs from the saved one");

        assertEquals("run-20261126T120000Z-ab12", loaded.getId());
        assertEquals(new Date(TestRecords.T0), loaded.getCreated());
        assertEquals(5, loaded.getEntities().size());
        assertEquals(4, loaded.getActivities().size());
        assertEquals(4, loaded.getAgents().size());
        assertEquals(6, loaded.getAssociations().size());

        Plan plan = (Plan) loaded.getEntities().get(0);
        assertEquals(TestRecords.PLAN_TEXT, plan.getText());
        assertEquals("tessera-pipeline+json;version=1", plan.getFormat());

        Entity ds = loaded.getEntities().get(2);
        assertEquals(EntityKind.DATASET, ds.getKind());
        assertEquals(List.of(64L, 64L, 1024L), List.copyOf(ds.getShape()));
        assertEquals("/Experiments/core_shell", ds.getPathInFile());

        Activity dec = loaded.getActivities().get(1);
        assertEquals(Long.valueOf(42), dec.getSeed());
        assertEquals("energyMin", dec.getParameters().get(3).getName());
        assertEquals("400.5", dec.getParameters().get(3).getValue());
        assertEquals("eV", dec.getParameters().get(3).getUnits());
        assertEquals(new Date(TestRecords.T0 + 3_250), dec.getEndTime());

        Activity cluster = loaded.getActivities().get(2);
        assertEquals(ActivityStatus.FAILED, cluster.getStatus());
        assertEquals(TestRecords.ERROR, cluster.getErrorMessage());
        Activity report = loaded.getActivities().get(3);
        assertEquals(ActivityStatus.NOT_RUN, report.getStatus());
        assertNull(report.getSeed());
        assertNull(report.getStartTime());

        // references resolve to the loaded objects, by id
        assertSame(ds, loaded.getUsages().get(1).getEntity());
        assertSame(dec, loaded.getCommunications().get(1).getInformant());
        assertSame(plan, loaded.getAssociations().get(0).getPlan());
        assertEquals(AgentKind.SCRIPT, loaded.getAssociations().get(5).getAgent().getKind());

        String xml = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), xml.substring(0, 60));
        assertTrue(xml.contains("xmlns:tprov=\"https://tessera.dev/provenance/1.0\""));
        assertTrue(xml.contains("informant=\"act-decompose\""), "references are written as ids");
    }

    @Test
    void saveReplacesAtomicallyAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("run.xmi");
        Record r = TestRecords.realistic();
        RecordStore.save(r, file);
        r.setLabel("second version");
        r.getActivities().get(3).setStatus(ActivityStatus.SUCCEEDED);
        RecordStore.save(r, file);
        Record loaded = RecordStore.load(file);
        assertEquals("second version", loaded.getLabel());
        assertEquals(ActivityStatus.SUCCEEDED, loaded.getActivities().get(3).getStatus());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(file), s.toList());
        }
    }

    @Test
    void saveDoesNotStealTheRecordFromItsResource() throws IOException {
        Record r = TestRecords.realistic();
        Resource res = new XMIResourceImpl();
        res.getContents().add(r);
        RecordStore.save(r, dir.resolve("a.xmi"));
        assertSame(res, r.eResource());
        assertEquals(1, res.getContents().size());
        // a loaded record can be saved elsewhere and stays in its own resource
        Record loaded = RecordStore.load(dir.resolve("a.xmi"));
        Resource own = loaded.eResource();
        RecordStore.save(loaded, dir.resolve("sub/b.xmi"));
        assertSame(own, loaded.eResource());
        assertTrue(EcoreUtil.equals(r, RecordStore.load(dir.resolve("sub/b.xmi"))));
    }

    @Test
    void duplicateIdsAreRefused() {
        Record r = TestRecords.realistic();
        r.getActivities().get(1).setId("act-load");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecordStore.save(r, dir.resolve("x.xmi")));
        assertTrue(e.getMessage().contains("act-load"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("x.xmi")));
    }

    @Test
    void missingFile() {
        Path f = dir.resolve("nope.xmi");
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> RecordStore.load(f));
        assertEquals(f, e.file());
        assertEquals("no such file", e.problem());
    }

    @Test
    void emptyFile() throws IOException {
        Path f = Files.createFile(dir.resolve("empty.xmi"));
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> RecordStore.load(f));
        assertEquals(f, e.file());
        assertTrue(e.getMessage().startsWith(f + ": empty file"), e.getMessage());
    }

    @Test
    void truncatedFile() throws IOException {
        Path good = dir.resolve("good.xmi");
        RecordStore.save(TestRecords.realistic(), good);
        byte[] all = Files.readAllBytes(good);
        for (int cut : new int[] { all.length / 3, all.length / 2, all.length - 20 }) {
            Path f = dir.resolve("truncated-" + cut + ".xmi");
            Files.write(f, java.util.Arrays.copyOf(all, cut));
            InvalidFileException e = assertThrows(InvalidFileException.class, () -> RecordStore.load(f));
            assertEquals(f, e.file());
            assertTrue(e.problem().startsWith("not well-formed XML at line ") && e.problem().endsWith("truncated, damaged or not a provenance record"), e.getMessage());
            assertTrue(e.getMessage().startsWith(f.toString() + ": "), e.getMessage());
        }
    }

    @Test
    void randomBytes() throws IOException {
        byte[] junk = new byte[4096];
        new Random(1234).nextBytes(junk);
        Path f = dir.resolve("junk.xmi");
        Files.write(f, junk);
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> RecordStore.load(f));
        assertEquals(f, e.file());
        assertTrue(e.problem().contains("not a provenance record") || e.problem().contains("not UTF-8"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line");
    }

    @Test
    void wrongNamespace() throws IOException {
        Path good = dir.resolve("good.xmi");
        RecordStore.save(TestRecords.realistic(), good);
        String xml = Files.readString(good).replace("https://tessera.dev/provenance/1.0", "https://tessera.dev/provenance/9.9");
        Path f = dir.resolve("v9.xmi");
        Files.writeString(f, xml);
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> RecordStore.load(f));
        assertEquals(f, e.file());
        assertTrue(e.problem().startsWith("unknown namespace 'https://tessera.dev/provenance/9.9'"), e.getMessage());

        // another well-formed XMI model (Ecore itself): loads as EMF, but is not a record
        Path ecore = dir.resolve("ecore.xmi");
        Files.writeString(ecore, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ecore:EPackage xmi:version=\"2.0\" xmlns:xmi=\"http://www.omg.org/XMI\" "
                + "xmlns:ecore=\"http://www.eclipse.org/emf/2002/Ecore\" name=\"p\" nsURI=\"urn:p\" nsPrefix=\"p\"/>\n");
        InvalidFileException e2 = assertThrows(InvalidFileException.class, () -> RecordStore.load(ecore));
        assertEquals("root element is EPackage, not a tprov:Record", e2.problem());

        Path plain = dir.resolve("plain.xmi");
        Files.writeString(plain, "<?xml version=\"1.0\"?>\n<html><body>hello</body></html>\n");
        InvalidFileException e3 = assertThrows(InvalidFileException.class, () -> RecordStore.load(plain));
        assertEquals(plain, e3.file());
    }

    @Test
    void danglingReference() throws IOException {
        Path good = dir.resolve("good.xmi");
        RecordStore.save(TestRecords.realistic(), good);
        String xml = Files.readString(good).replace("informant=\"act-decompose\"", "informant=\"act-missing\"");
        Path f = dir.resolve("dangling.xmi");
        Files.writeString(f, xml);
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> RecordStore.load(f));
        assertTrue(e.problem().contains("act-missing"), e.getMessage());
    }

    @Test
    void sha256OfKnownInputs() throws IOException {
        // FIPS 180-4 example "abc"
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ContentHash.sha256("abc".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", ContentHash.sha256(new byte[0]));
        byte[] big = new byte[1_000_003];
        new Random(7).nextBytes(big);
        Path f = dir.resolve("big.bin");
        Files.write(f, big);
        String h = ContentHash.sha256(f);
        assertEquals(ContentHash.sha256(big), h);
        assertEquals(64, h.length());
        assertArrayEquals(h.toLowerCase().toCharArray(), h.toCharArray());
    }
}
