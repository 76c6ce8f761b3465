package tessera.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import tessera.core.io.FileSelector;
import tessera.core.io.InvalidFileException;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;

/** {@code FILE#N} and {@code FILE#/path}: parsing a command-line argument and choosing the dataset. */
class FileSelectorTest {

    private static Dataset at(String path) {
        Metadata md = new Metadata();
        if (path != null) {
            md.set(FileSelector.PATH_KEY, path);
        }
        return Dataset.ofFloats(new float[1], List.of(Axis.uncalibrated("x", 1, false)), md);
    }

    @Test
    void parsesIndexAndPathAfterAnExistingFile() throws IOException {
        Path dir = Files.createTempDirectory("sel");
        Path f = Files.createFile(dir.resolve("a.emd"));
        FileSelector plain = FileSelector.parse(f);
        assertFalse(plain.selects());
        assertEquals(f, plain.file());
        FileSelector n = FileSelector.parse(Path.of(f + "#3"));
        assertEquals(f, n.file());
        assertEquals(3, n.index());
        assertNull(n.path());
        FileSelector p = FileSelector.parse(Path.of(f + "#/Data/Image/abc/"));
        assertEquals(f, p.file());
        assertEquals(-1, p.index());
        assertEquals("/Data/Image/abc", p.path());
        assertEquals("#/Data/Image/abc", p.suffix());
        // a file whose name holds '#' opens as it is
        Path hash = Files.createFile(dir.resolve("b#2.emd"));
        assertFalse(FileSelector.parse(hash).selects());
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> FileSelector.parse(Path.of(f + "#x")));
        assertTrue(e.problem().contains("FILE#N"), e.problem());
        // a missing file stays as given (the reader then says "no such file")
        assertFalse(FileSelector.parse(dir.resolve("missing.emd#1")).selects());
    }

    @Test
    void selectsByIndexOrPathAndSaysWhatTheFileHas() throws InvalidFileException {
        List<Dataset> all = List.of(at("/Data/Spectrum/s1"), at("/Data/Image/i1"), at("/Data/Image/i2"));
        Path f = Path.of("x.emd");
        assertSame(all.get(2), new FileSelector(f, 2, null).select(all));
        assertSame(all.get(1), new FileSelector(f, -1, "/Data/Image").select(all));
        assertSame(all.get(2), new FileSelector(f, -1, "/Data/Image/i2/Data").select(all));
        InvalidFileException out = assertThrows(InvalidFileException.class, () -> new FileSelector(f, 3, null).select(all));
        assertTrue(out.problem().contains("numbered 0 to 2"), out.problem());
        InvalidFileException none = assertThrows(InvalidFileException.class, () -> new FileSelector(f, -1, "/Data/Spectrum/s9").select(all));
        assertTrue(none.problem().contains("/Data/Image/i1"), none.problem());
        assertThrows(IllegalArgumentException.class, () -> new FileSelector(f, 1, "/a"));
        assertThrows(IllegalArgumentException.class, () -> new FileSelector(f, -1, "Data"));
    }
}
