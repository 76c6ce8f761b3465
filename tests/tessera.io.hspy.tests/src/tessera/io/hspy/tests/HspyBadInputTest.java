package tessera.io.hspy.tests;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tessera.core.io.InvalidFileException;
import tessera.io.hspy.internal.HspyReader;

/** Broken, empty, foreign and lying files give an InvalidFileException naming the file. */
class HspyBadInputTest {

    static Path work() throws IOException {
        Path d = HspyWriterTest.out().resolveSibling("bad-input");
        Files.createDirectories(d);
        return d;
    }

    static InvalidFileException fails(Path f) {
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> new HspyReader().read(f));
        assertTrue(e.getMessage().contains(f.getFileName().toString()), "message names the file: " + e.getMessage());
        assertTrue(e.file().equals(f), "file() is the file");
        return e;
    }

    /** Truncated copies of a real chunked, gzip-compressed file at several lengths. */
    @ParameterizedTest(name = "core_shell.hspy cut to {0} %")
    @ValueSource(ints = {1, 5, 30, 60, 90, 99})
    void truncatedCopy(int percent) throws IOException {
        byte[] all = Files.readAllBytes(HspyReaderTest.data().resolve("edx/core_shell.hspy"));
        Path f = work().resolve("core_shell_cut" + percent + ".hspy");
        Files.write(f, Arrays.copyOf(all, (int) (all.length * (long) percent / 100)));
        fails(f);
    }

    /** Truncated copies of a file written by HspyWriter (chunked, shuffle + deflate). */
    @Test
    void truncatedWrittenFile() throws IOException {
        Path src = work().resolve("written_full.hspy");
        var d = new HspyReader().read(HspyReaderTest.data().resolve("eels/CuZn_EELS_mapping_tutorial.hspy")).get(0);
        new tessera.io.hspy.HspyWriter().write(d, src);
        byte[] all = Files.readAllBytes(src);
        for (int cut : new int[] {all.length / 2, all.length - 4096, 2048}) {
            Path f = work().resolve("written_cut" + cut + ".hspy");
            Files.write(f, Arrays.copyOf(all, cut));
            fails(f);
        }
    }

    @Test
    void emptyFile() throws IOException {
        Path f = work().resolve("empty.hspy");
        Files.write(f, new byte[0]);
        assertTrue(fails(f).problem().contains("empty"));
    }

    @Test
    void notHdf5() throws IOException {
        Path f = work().resolve("text.hspy");
        Files.writeString(f, "this is not an HDF5 file\n".repeat(10));
        assertTrue(fails(f).problem().contains("not an HDF5 file"));
    }

    /** A real HDF5 file that HyperSpy did not write. */
    @Test
    void foreignHdf5() {
        InvalidFileException e = fails(HspyReaderTest.data().resolve("images/G-Si-2nm.hdf5"));
        assertTrue(e.problem().contains("not a HyperSpy file"), e.problem());
    }

    /** data claims 10^6 x 10^6 float64 (8 TB) in a 12 kB file: refused before any allocation. */
    @Test
    void lyingHeader() {
        InvalidFileException e = fails(HspyReaderTest.resources().resolve("lying_header.hspy"));
        assertTrue(e.problem().contains("8000000000000 bytes"), e.problem());
    }

    @Test
    void missingFile() throws IOException {
        fails(work().resolve("does-not-exist.hspy"));
    }
}
