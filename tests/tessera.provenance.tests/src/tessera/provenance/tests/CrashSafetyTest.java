package tessera.provenance.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eclipse.core.runtime.FileLocator;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.provenance.RecordStore;
import tessera.provenance.model.Record;

/**
 * Kills a child JVM while it saves a large record (50,000 entities) over the same file again and again, at moments
 * spread over the duration of a save, and checks after every kill that the file still loads completely and is
 * exactly one of the two versions the child alternates between.
 */
class CrashSafetyTest {
    private static final int ENTITIES = 50_000;
    private static final int KILLS = 6;

    @TempDir
    Path dir;

    @Test
    void killDuringSaveLeavesAnIntactRecord() throws Exception {
        Path target = dir.resolve("record.xmi");
        Record a = TestRecords.large("A", ENTITIES);
        Record b = TestRecords.large("B", ENTITIES);
        RecordStore.save(a, target);
        String classpath = childClasspath();

        long saveMillis = -1;
        int interruptedWrites = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Process p = new ProcessBuilder(javaExecutable(), "-Xmx1g", "-cp", classpath, SaveLoopMain.class.getName(), target.toString(),
                    String.valueOf(ENTITIES)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = Thread.ofVirtual().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null;) {
                        lines.add(l);
                    }
                } catch (IOException e) {
                    // the child was killed
                }
            });
            try {
                // let the child complete one save first (to learn how long a save takes), then kill it during a
                // later save, at a moment that moves through the save from one round to the next
                int savesBeforeKill = 1 + kill % 2;
                int saved = 0;
                while (saved < savesBeforeKill) {
                    String l = lines.poll(120, TimeUnit.SECONDS);
                    assertNotNull(l, "the child stopped talking (see its stderr above)");
                    if (l.startsWith("saved ")) {
                        saved++;
                        long ms = Long.parseLong(l.substring(l.lastIndexOf(' ') + 1));
                        saveMillis = saveMillis < 0 ? ms : Math.min(saveMillis, ms);
                    }
                }
                String l;
                do {
                    l = lines.poll(120, TimeUnit.SECONDS);
                    assertNotNull(l, "the child stopped talking");
                } while (!l.startsWith("writing "));
                long delay = saveMillis * kill / KILLS; // 0 .. 7/8 of a save
                Thread.sleep(delay);
                p.destroyForcibly();
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child did not die");
            } finally {
                p.destroyForcibly();
                reader.join(10_000);
            }

            Record loaded = RecordStore.load(target);
            String label = loaded.getLabel();
            assertTrue("A".equals(label) || "B".equals(label), label);
            assertEquals(ENTITIES, loaded.getEntities().size());
            assertTrue(EcoreUtil.equals("A".equals(label) ? a : b, loaded), "record " + label + " was damaged by kill " + kill);

            List<Path> others = new ArrayList<>();
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(f -> !f.equals(target)).forEach(others::add);
            }
            for (Path o : others) {
                String name = o.getFileName().toString();
                assertFalse(name.endsWith(".xmi"), "a temporary file looks like a record: " + name);
                assertTrue(name.startsWith(".record.xmi.") && name.endsWith(".tmp"), name);
            }
            if (!others.isEmpty()) {
                interruptedWrites++; // the kill hit a save between creating its temporary file and renaming it
            }
            for (Path o : others) {
                Files.delete(o); // count each kill's leftovers on their own
            }
        }
        System.out.printf("CrashSafetyTest: %d kills of a %d-entity save (%d ms per save), %d of them in the middle of writing%n", KILLS,
                ENTITIES, saveMillis, interruptedWrites);
        assertTrue(interruptedWrites > 0, "no kill landed in the middle of a write: the test did not test anything");
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Classpath of the child: the jars or class folders of the bundles this test (and the record store) load from. */
    private static String childClasspath() throws IOException {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : List.of(org.eclipse.emf.common.util.URI.class, org.eclipse.emf.ecore.EObject.class,
                org.eclipse.emf.ecore.xmi.impl.XMIResourceImpl.class, tessera.core.io.AtomicFiles.class, RecordStore.class,
                tessera.provenance.model.impl.ProvenancePackageImpl.class, SaveLoopMain.class)) {
            entries.add(classpathRoot(c));
        }
        return String.join(File.pathSeparator, entries);
    }

    /** The jar or folder a class is loaded from, found through the OSGi bundle entry of its .class file. */
    private static String classpathRoot(Class<?> c) throws IOException {
        String resource = c.getName().replace('.', '/') + ".class";
        URL url = c.getClassLoader().getResource(resource);
        assertNotNull(url, resource);
        URL file = FileLocator.resolve(url);
        String s = file.toString();
        if (s.startsWith("jar:file:")) {
            return Path.of(java.net.URI.create(s.substring(4, s.indexOf("!/")))).toString();
        }
        assertTrue(s.startsWith("file:") && s.endsWith(resource), s);
        return Path.of(java.net.URI.create(s.substring(0, s.length() - resource.length()))).toString();
    }
}
