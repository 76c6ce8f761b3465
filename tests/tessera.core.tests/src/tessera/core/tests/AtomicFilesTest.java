package tessera.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import tessera.core.io.AtomicFiles;

/** {@link AtomicFiles}: replacement, failure keeps the old file, stale temporaries of killed writers are removed. */
class AtomicFilesTest {

    @Test
    void replacesAndCleansOnlyOldLeftoversOfTheSameTarget() throws IOException {
        Path dir = Files.createTempDirectory("atomic");
        Path target = dir.resolve("record.xmi");
        Files.writeString(target, "old");
        Path stale = dir.resolve(".record.xmi.123456.tmp");
        Path fresh = dir.resolve(".record.xmi.654321.tmp");
        Path otherTarget = dir.resolve(".other.xmi.111.tmp");
        for (Path p : new Path[] { stale, fresh, otherTarget }) {
            Files.writeString(p, "partial");
        }
        FileTime twoHoursAgo = FileTime.fromMillis(System.currentTimeMillis() - 2 * 3600_000L);
        Files.setLastModifiedTime(stale, twoHoursAgo);
        Files.setLastModifiedTime(otherTarget, twoHoursAgo);

        AtomicFiles.write(target, tmp -> Files.writeString(tmp, "new"));

        assertEquals("new", Files.readString(target, StandardCharsets.UTF_8));
        assertFalse(Files.exists(stale), "a leftover older than STALE_AFTER is deleted");
        assertTrue(Files.exists(fresh), "a young temporary may belong to a running writer and stays");
        assertTrue(Files.exists(otherTarget), "another target's leftovers are not touched");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(3, s.count(), "target + fresh + other: the writer's own temporary is gone");
        }
    }

    @Test
    void aFailingWriterLeavesTheOldFileAndNoTemporary() throws IOException {
        Path dir = Files.createTempDirectory("atomic");
        Path target = dir.resolve("result.npy");
        Files.writeString(target, "old");
        IOException boom = new IOException("disk full");
        try {
            AtomicFiles.write(target, tmp -> {
                Files.writeString(tmp, "half");
                throw boom;
            });
        } catch (IOException e) {
            assertEquals(boom, e);
        }
        assertEquals("old", Files.readString(target));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }
}
