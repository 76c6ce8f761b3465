package tessera.io.gatan.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import tessera.core.io.FileMapping;
import tessera.core.model.DType;
import tessera.core.model.Dataset;
import tessera.io.gatan.internal.DmReader;
import tessera.io.testing.ScratchReads;

/**
 * DM3/DM4 image blocks read as read-only file mappings ({@link FileMapping#THRESHOLD_PROPERTY} = 0 maps every block
 * that needs no reordering) hold the same values, type, byte order and axes as the copies; transposed spectrum
 * images and RGBA images are still copied.
 */
class MappedDmTest {
    private static final Path DATA = Path.of(System.getProperty("tessera.data", "../shared/data"));
    private static final Path RES = Path.of(System.getProperty("tessera.root", ".")).resolve("tests/tessera.io.gatan.tests/resources");

    static java.util.stream.Stream<String> files() throws IOException {
        return DmReaderTest.files();
    }

    private static List<Dataset> read(Path f, long threshold) throws IOException {
        String old = System.getProperty(FileMapping.THRESHOLD_PROPERTY);
        System.setProperty(FileMapping.THRESHOLD_PROPERTY, Long.toString(threshold));
        try {
            return new DmReader().read(f);
        } finally {
            if (old == null) {
                System.clearProperty(FileMapping.THRESHOLD_PROPERTY);
            } else {
                System.setProperty(FileMapping.THRESHOLD_PROPERTY, old);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void mappedReadsTheSameAsCopied(String rel) throws IOException {
        Path f = rel.startsWith("synthetic/") ? RES.resolve(rel) : DATA.resolve(rel);
        List<Dataset> copied = read(f, Long.MAX_VALUE);
        List<Dataset> mapped = read(f, 0);
        assertEquals(copied.size(), mapped.size(), rel);
        for (int i = 0; i < copied.size(); i++) {
            Dataset c = copied.get(i), m = mapped.get(i);
            assertEquals(false, c.isReadOnly(), rel);
            assertEquals(c.dtype(), m.dtype(), rel);
            assertEquals(c.byteOrder(), m.byteOrder(), rel);
            assertArrayEquals(c.shape(), m.shape(), rel);
            assertEquals(c.axes(), m.axes(), rel);
            if (m.isReadOnly()) {
                assertEquals(false, c.dtype() == DType.RGBA8, rel);
            }
            for (long j = 0; j < c.size(); j++) {
                assertEquals(Double.doubleToRawLongBits(c.getDouble(j)), Double.doubleToRawLongBits(m.getDouble(j)), rel + " element " + j);
            }
        }
    }

    /**
     * A DM spectrum image (stored energy-first, transposed on reading) decoded into a scratch mapping (ADR 0017) equals
     * the in-memory transposition bit for bit.
     */
    @Test
    void spectrumImageThroughAScratchMapping(@TempDir Path scratch) throws IOException {
        ScratchReads.assertSameThroughScratch(new DmReader(), DATA.resolve("eels/EELS_SI.dm4"), scratch);
    }
}
