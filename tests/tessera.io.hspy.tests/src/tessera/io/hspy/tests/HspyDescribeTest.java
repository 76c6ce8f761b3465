package tessera.io.hspy.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tessera.core.analysis.Parameters;
import tessera.core.io.DatasetHeader;
import tessera.core.io.InvalidFileException;
import tessera.core.model.Dataset;
import tessera.io.hspy.internal.HspyReader;

/**
 * {@link HspyReader#describe} (what {@code tessera info} and the workbench's dataset list show) gives, from the HDF5
 * headers alone, exactly the type, axes and metadata of what {@link HspyReader#read} returns, for every HyperSpy file
 * of the shared data and our own storage fixtures; and it does not decode the values: a file with a corrupt deflated
 * chunk, which {@code read} refuses, is still described.
 */
class HspyDescribeTest {
    static Stream<Path> files() throws IOException {
        return HspyDirectReadTest.files();
    }

    @ParameterizedTest
    @MethodSource("files")
    void describeGivesWhatReadGives(Path file) throws IOException {
        List<Dataset> read;
        try {
            read = new HspyReader().read(file);
        } catch (InvalidFileException e) {
            return; // refused files are HspyBadInputTest's
        }
        List<DatasetHeader> described = new HspyReader().describe(file, Parameters.of(List.of(), java.util.Map.of()));
        assertEquals(read.size(), described.size(), file + ": datasets");
        for (int i = 0; i < read.size(); i++) {
            Dataset d = read.get(i);
            DatasetHeader h = described.get(i);
            String what = file.getFileName() + " #" + i;
            assertEquals(d.dtype(), h.dtype(), what);
            assertEquals(d.axes(), h.axes(), what);
            assertArrayEquals(d.shape(), h.shape(), what);
            assertEquals(d.metadata().tree(), h.metadata().tree(), what + ": metadata");
            assertEquals(d.metadata().original(), h.metadata().original(), what + ": original metadata");
        }
    }

    @Test
    void aCorruptChunkIsNotDecodedToDescribeTheFile() throws IOException {
        Path f = HspyDamageTest.damaged("edx/bare_core.hspy", -1, 166567, 1);
        assertThrows(InvalidFileException.class, () -> new HspyReader().read(f));
        DatasetHeader h = new HspyReader().describe(f, Parameters.of(List.of(), java.util.Map.of())).get(0);
        DatasetHeader intact = DatasetHeader.of(new HspyReader().read(HspyReaderTest.data().resolve("edx/bare_core.hspy")).get(0));
        assertEquals(intact.axes(), h.axes());
        assertEquals(intact.dtype(), h.dtype());
    }
}
