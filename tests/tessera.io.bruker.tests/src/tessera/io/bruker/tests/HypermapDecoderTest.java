package tessera.io.bruker.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import tessera.core.io.InvalidFileException;
import tessera.core.model.Axis;
import tessera.core.model.DType;
import tessera.core.model.Dataset;
import tessera.io.bruker.internal.HypermapDecoder;

/**
 * The hypermap packings on synthetic streams built from the layout documented in
 * {@link HypermapDecoder}: 16-bit and 12-bit pulse lists, instructively packed runs of every
 * size with additional pulses, downsampling, the cut-off, widening of the element type
 * when counts outgrow HyperSpy's estimate, and corrupt streams.
 */
class HypermapDecoderTest {
    private static final Path F = Path.of("synthetic.bcf");

    /** Stream writer: header (height, width, padding to 0x1A0), then lines of pixels. */
    private static final class Stream {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Stream(int h, int w) {
            u32(h);
            u32(w);
            out.write(new byte[0x1A0 - 8], 0, 0x1A0 - 8);
        }

        void u16(int v) {
            out.write(v & 0xFF);
            out.write(v >>> 8 & 0xFF);
        }

        void u32(long v) {
            u16((int) (v & 0xFFFF));
            u16((int) (v >>> 16 & 0xFFFF));
        }

        void pixel(int x, int flag, int nPulses, byte[] data) {
            u32(x);
            u16(4096);
            u16(4096);
            u32(0x12345678);
            u16(flag);
            u16(0);
            u16(nPulses);
            u32(data.length);
            out.write(data, 0, data.length);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    private static Dataset decode(byte[] b, int h, int w, int ch, int ds, DType initial) throws IOException {
        HypermapDecoder.Cube c = HypermapDecoder.decode(F, new ByteArrayInputStream(b), h, w, ch, ds, initial);
        int oh = (h + ds - 1) / ds;
        int ow = (w + ds - 1) / ds;
        return Dataset.wrap(c.dtype(), c.data(), ByteOrder.nativeOrder(), List.of(Axis.uncalibrated("y", oh, true),
                Axis.uncalibrated("x", ow, true), Axis.uncalibrated("E", ch, false)), null);
    }

    private static byte[] pulses16(int... channels) {
        ByteBuffer b = ByteBuffer.allocate(2 * channels.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int c : channels) {
            b.putShort((short) c);
        }
        return b.array();
    }

    @Test
    void sixteenBitPulsesWidenTheType() throws IOException {
        Stream s = new Stream(1, 2);
        s.u32(1);
        int[] p = new int[302];
        for (int i = 0; i < 300; i++) {
            p[i] = 5;
        }
        p[300] = 9; // at or above the cut-off: dropped
        p[301] = 0;
        s.pixel(1, 0, p.length, pulses16(p));
        Dataset d = decode(s.bytes(), 1, 2, 8, 1, DType.UINT8);
        assertEquals(DType.UINT16, d.dtype()); // 300 counts do not fit HyperSpy's uint8 estimate
        assertEquals(300, d.getDouble(0, 1, 5), 0);
        assertEquals(1, d.getDouble(0, 1, 0), 0);
        double sum = 0;
        for (long i = 0; i < d.size(); i++) {
            sum += d.getDouble(i);
        }
        assertEquals(301, sum, 0);
    }

    @Test
    void twelveBitPulses() throws IOException {
        int[] p = {0x123, 7, 4000, 7, 0xABC};
        byte[] b = new byte[12];
        for (int g = 0; g < 2; g++) {
            int p0 = p[4 * g];
            int p1 = 4 * g + 1 < p.length ? p[4 * g + 1] : 0;
            int p2 = 4 * g + 2 < p.length ? p[4 * g + 2] : 0;
            int p3 = 4 * g + 3 < p.length ? p[4 * g + 3] : 0;
            int o = 6 * g;
            b[o] = (byte) ((p0 & 0xF) << 4 | p1 >> 8);
            b[o + 1] = (byte) (p0 >> 4);
            b[o + 2] = (byte) (p2 >> 4);
            b[o + 3] = (byte) (p1 & 0xFF);
            b[o + 4] = (byte) (p3 & 0xFF);
            b[o + 5] = (byte) ((p2 & 0xF) << 4 | p3 >> 8);
        }
        Stream s = new Stream(1, 1);
        s.u32(1);
        s.pixel(0, 1, p.length, b);
        Dataset d = decode(s.bytes(), 1, 1, 4096, 1, DType.UINT8);
        assertEquals(1, d.getDouble(0, 0, 0x123), 0);
        assertEquals(2, d.getDouble(0, 0, 7), 0);
        assertEquals(1, d.getDouble(0, 0, 4000), 0);
        assertEquals(1, d.getDouble(0, 0, 0xABC), 0);
    }

    @Test
    void instructivelyPackedRunsOfEverySize() throws IOException {
        ByteArrayOutputStream r = new ByteArrayOutputStream();
        r.write(new byte[] {0, 2}, 0, 2); // skip channels 0, 1
        r.write(new byte[] {1, 3, 3, 0x21, 0x0F}, 0, 5); // gain 3, nibbles 1, 2, 15 -> channels 2..4
        r.write(new byte[] {2, 2, 10, 0, 0, 5}, 0, 6); // gain 10, bytes 0, 5 -> channels 5, 6
        r.write(new byte[] {4, 1, (byte) 0xE8, 0x03, 0, 0, 0x60, (byte) 0xEA}, 0, 8); // gain 1000, value 60000 -> channel 7
        r.write(new byte[] {8, 1, 7, 0, 0, 0, 2, 0, 0, 0, 7, 0, 0, 0}, 0, 14); // gain 2^33 + 7, value 7 -> channel 8
        byte[] runs = r.toByteArray();
        ByteBuffer data = ByteBuffer.allocate(runs.length + 4 + 4).order(ByteOrder.LITTLE_ENDIAN);
        data.put(runs).putInt(4).putShort((short) 2).putShort((short) 2);
        Stream s = new Stream(1, 1);
        s.u32(1);
        // the data size counts the runs and the 4-byte field, not the additional pulses
        s.u32(0);
        s.u16(4096);
        s.u16(4096);
        s.u32(0);
        s.u16(2);
        s.u16(0);
        s.u16(2);
        s.u32(runs.length + 4);
        s.out.write(data.array(), 0, data.capacity());
        Dataset d = decode(s.bytes(), 1, 1, 16, 1, DType.UINT8);
        assertEquals(DType.UINT64, d.dtype());
        long[] want = {0, 0, 4 + 2, 5, 18, 10, 15, 61000, (1L << 33) + 14, 0};
        for (int c = 0; c < want.length; c++) {
            assertEquals(want[c], (long) d.getDouble(0, 0, c), "channel " + c);
        }
    }

    @Test
    void downsampleSumsBlocks() throws IOException {
        Stream s = new Stream(3, 3);
        for (int y = 0; y < 3; y++) {
            s.u32(3);
            for (int x = 0; x < 3; x++) {
                s.pixel(x, 0, 1, pulses16(y * 3 + x));
            }
        }
        Dataset d = decode(s.bytes(), 3, 3, 9, 2, DType.UINT8);
        assertEquals(2, d.shape()[0]);
        assertEquals(2, d.shape()[1]);
        // block (0,0) holds pixels 0, 1, 3, 4; (0,1): 2, 5; (1,0): 6, 7; (1,1): 8
        int[][] blocks = {{0, 1, 3, 4}, {2, 5}, {6, 7}, {8}};
        for (int b = 0; b < 4; b++) {
            double total = 0;
            for (int c : blocks[b]) {
                assertEquals(1, d.getDouble(b / 2, b % 2, c), 0);
                total += 1;
            }
            double all = 0;
            for (int c = 0; c < 9; c++) {
                all += d.getDouble(b / 2, b % 2, c);
            }
            assertEquals(total, all, 0);
        }
    }

    @Test
    void corruptStreams() {
        Stream s = new Stream(1, 1);
        s.u32(1);
        s.pixel(0, 0, 10, pulses16(1, 2, 3)); // 10 pulses claimed in 6 bytes
        assertBad(s.bytes(), "10 16-bit pulses in 6 bytes");
        Stream t = new Stream(1, 1);
        t.u32(1);
        t.pixel(5, 0, 1, pulses16(1)); // x outside a 1-pixel map
        assertBad(t.bytes(), "outside the map width");
        Stream u = new Stream(1, 1);
        u.u32(1);
        u.pixel(0, 2, 0, new byte[] {3, 1, 0, 0, 0, 0, 0, 0, 0}); // run size 3 does not exist
        assertBad(u.bytes(), "unknown run size 3");
        Stream v = new Stream(1, 1);
        v.u32(100000); // a line claiming many pixels, then the stream ends after one
        v.pixel(0, 0, 1, pulses16(1));
        assertBad(v.bytes(), "truncated hypermap");
        Stream w = new Stream(3, 1);
        w.u32(0);
        w.u32(0);
        w.u32(1); // line 2 of a 1-line map
        w.pixel(0, 0, 1, pulses16(1));
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> decode(w.bytes(), 1, 1, 4, 1, DType.UINT8));
        assertTrue(e.getMessage().contains("line 2 holds pixels"), e.getMessage());
    }

    private static void assertBad(byte[] b, String what) {
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> decode(b, 1, 1, 4, 1, DType.UINT8));
        assertTrue(e.getMessage().startsWith(F + ": ") && e.getMessage().contains(what), e.getMessage());
    }
}
