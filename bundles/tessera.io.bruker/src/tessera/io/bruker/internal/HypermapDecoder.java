package tessera.io.bruker.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.Arrays;

import tessera.core.io.FileMapping;
import tessera.core.io.InvalidFileException;
import tessera.core.model.DType;

/**
 * Decodes the packed EDS hypermap of a BCF ({@code EDSDatabase/SpectrumData<i>}) into a
 * cube {@code [y, x, energy]} of unsigned integer counts.
 *
 * <p><b>Stream layout</b> (little-endian), as unpacked by HyperSpy 1.7.3
 * ({@code hyperspy/io_plugins/bruker.py}, {@code py_parse_hypermap}) and RosettaSciIO
 * ({@code rsciio/bruker/unbcf_fast.pyx}); this is an independent implementation. At 0:
 * height and width (uint32); the lines start at 0x1A0. Each line: the number of pixels
 * recorded in it (uint32), then per pixel a 22-byte header: x (uint32), channels of the
 * map (uint16), channels of the pixel (uint16), 4 unknown bytes, packing flag (uint16),
 * a size (uint16, unused), pulse count {@code n} (uint16), data size {@code s} (uint32),
 * followed by the data:
 * <ul>
 * <li>flag 0: {@code n} pulses, each the uint16 channel of one count;</li>
 * <li>flag 1: {@code n} 12-bit channel numbers, four in every 6 bytes (nibble order
 * of the Delphi packing: pulse 0 = {@code b0>>4 | b1<<4}, 1 = {@code (b0<<8 | b3) & 0xFFF},
 * 2 = {@code b2<<4 | b5>>4}, 3 = {@code (b5<<8 | b4) & 0xFFF});</li>
 * <li>flag &gt; 1 ("instructively packed"): {@code s - 4} bytes of runs, each a byte
 * {@code size} and a byte {@code count}: size 0 skips {@code count} empty channels;
 * otherwise a {@code size}-byte gain follows and then {@code count} values of
 * {@code size/2} bytes (size 1: 4-bit nibbles, low nibble first), each channel's counts
 * being value + gain; then a uint32 and, when {@code n > 0}, {@code n} additional uint16
 * pulses (counts over what the runs hold).</li>
 * </ul>
 * Channels at or above the cut-off are dropped; pixels are summed in
 * {@code downsample x downsample} blocks (HyperSpy's {@code downsample}).
 *
 * <p><b>Memory.</b> The stream is read once, sequentially; one output row of longs is
 * accumulated and flushed into the cube, which is allocated once (off-heap, or a scratch mapping when large: {@link FileMapping#allocateDecoded}) in the
 * smallest unsigned type HyperSpy's estimate gives (uint8/16/32 from the sum spectrum).
 * If a count does not fit, the cube is widened once per step (uint16, uint32, uint64),
 * copying the rows flushed so far, so counts are never truncated (HyperSpy's estimate
 * can be too small: its data would wrap).
 *
 * <p><b>Errors.</b> A truncated stream, a pixel outside the map, an unknown run size,
 * data sizes that contradict the pulse count, or counts overflowing 63 bits are
 * {@link InvalidFileException}s naming the file. Every loop consumes input, so a
 * corrupt count ends at the end of the stream, never in a hang.
 */
public final class HypermapDecoder {
    /** the largest data block a single pixel may claim */
    static final int MAX_PIXEL_BYTES = 1 << 24;

    private final Path file;
    private final Le in;
    private final int outH;
    private final int outW;
    private final int nCh;
    private final int ds;
    private DType dtype;
    private MemorySegment cube;
    private final long[] row;
    /** output pixels of the current row that received data: only these are flushed and cleared */
    private final boolean[] touched;
    private byte[] scratch = new byte[1 << 12];

    /**
     * The decoded cube.
     *
     * @param dtype element type (UINT8, UINT16, UINT32 or UINT64)
     * @param data  the counts in native byte order, row-major {@code [y, x, energy]}
     */
    public record Cube(DType dtype, MemorySegment data) {
    }

    private HypermapDecoder(Path file, InputStream in, int outH, int outW, int nCh, int ds, DType initial) {
        this.file = file;
        this.in = new Le(file, in);
        this.outH = outH;
        this.outW = outW;
        this.nCh = nCh;
        this.ds = ds;
        this.dtype = initial;
        this.row = new long[outW * nCh];
        this.touched = new boolean[outW];
    }

    /**
     * Decodes a hypermap stream.
     *
     * @param file       the file, for messages
     * @param in         the inflated SpectrumData stream (closed by the caller)
     * @param height     map height in pixels (the header's image height)
     * @param width      map width in pixels
     * @param channels   channels to keep (the cut-off), {@code >= 1}
     * @param downsample block size, {@code >= 1}
     * @param initial    initial element type (UINT8, UINT16 or UINT32)
     * @return the cube, shape {@code [ceil(height/ds), ceil(width/ds), channels]}
     * @throws InvalidFileException on corrupt or truncated data
     * @throws IOException on an I/O error
     */
    public static Cube decode(Path file, InputStream in, int height, int width, int channels, int downsample, DType initial)
            throws IOException {
        int oh = (int) ((height + (long) downsample - 1) / downsample);
        int ow = (int) ((width + (long) downsample - 1) / downsample);
        if ((long) ow * channels > (1 << 28)) {
            throw Errors.invalid(file, "hypermap row of " + ow + " pixels x " + channels + " channels is too large");
        }
        HypermapDecoder d = new HypermapDecoder(file, in, oh, ow, channels, downsample, initial);
        long bytes = Math.multiplyExact(Math.multiplyExact((long) oh, (long) ow * channels), (long) initial.byteSize());
        try {
            d.cube = FileMapping.allocateDecoded(file, Math.max(bytes, 1)); // a scratch mapping when large (ADR 0017)
        } catch (OutOfMemoryError | IOException e) {
            throw Errors.invalid(file, "the hypermap of " + oh + " x " + ow + " x " + channels + " " + initial.numpyName()
                    + " (" + bytes + " bytes) does not fit in memory or scratch space" + (e instanceof IOException ? " (" + e.getMessage() + ")" : ""), e);
        }
        d.run();
        return new Cube(d.dtype, d.cube);
    }

    private void run() throws IOException {
        long h = in.u32();
        in.u32(); // width: the header's image width is used, as HyperSpy does
        in.skip(0x1A0 - 8);
        int cur = 0; // output row being accumulated
        boolean dirty = false;
        for (long line = 0; line < h; line++) {
            long nPix = in.u32();
            if (nPix == 0) {
                continue;
            }
            long r = line / ds;
            if (r >= outH) {
                throw Errors.invalid(file, "hypermap line " + line + " holds pixels but the map has " + (outH * (long) ds)
                        + " lines");
            }
            if (r != cur) {
                if (dirty) {
                    flush(cur);
                    dirty = false;
                }
                cur = (int) r;
            }
            for (long p = 0; p < nPix; p++) {
                pixel(line);
                dirty = true;
            }
        }
        if (dirty) {
            flush(cur);
        }
    }

    private void pixel(long line) throws IOException {
        long x = in.u32();
        in.u16(); // channels of the map
        in.u16(); // channels of the pixel
        in.skip(4);
        int flag = in.u16();
        in.u16();
        int n = in.u16();
        long size = in.u32();
        if (x / ds >= outW) {
            throw Errors.invalid(file, "hypermap pixel x=" + x + " on line " + line + " is outside the map width "
                    + (outW * (long) ds));
        }
        if (size > MAX_PIXEL_BYTES) {
            throw Errors.invalid(file, "hypermap pixel x=" + x + " on line " + line + " claims " + size
                    + " data bytes (corrupt size)");
        }
        touched[(int) (x / ds)] = true;
        int base = (int) (x / ds) * nCh;
        int s = (int) size;
        if (flag == 0) {
            if (2L * n > s) {
                throw bad(x, line, n + " 16-bit pulses in " + s + " bytes");
            }
            byte[] b = data(s);
            for (int i = 0; i < n; i++) {
                int c = (b[2 * i] & 0xFF) | (b[2 * i + 1] & 0xFF) << 8;
                if (c < nCh) {
                    row[base + c]++;
                }
            }
        } else if (flag == 1) {
            int need = n == 0 ? 0 : 6 * ((n - 1) / 4) + switch ((n - 1) % 4) {
                case 0 -> 2;
                case 1 -> 4;
                default -> 6;
            };
            if (need > s) {
                throw bad(x, line, n + " 12-bit pulses in " + s + " bytes");
            }
            byte[] b = data(s);
            for (int i = 0; i < n; i++) {
                int g = 6 * (i / 4);
                int c = switch (i % 4) {
                    case 0 -> ((b[g] & 0xFF) >> 4) + ((b[g + 1] & 0xFF) << 4);
                    case 1 -> (((b[g] & 0xFF) << 8) + (b[g + 3] & 0xFF)) & 0xFFF;
                    case 2 -> ((b[g + 2] & 0xFF) << 4) + ((b[g + 5] & 0xFF) >> 4);
                    default -> (((b[g + 5] & 0xFF) << 8) + (b[g + 4] & 0xFF)) & 0xFFF;
                };
                if (c < nCh) {
                    row[base + c]++;
                }
            }
        } else {
            if (s < 4) {
                throw bad(x, line, "instructively packed data of " + s + " bytes");
            }
            int len = s - 4;
            byte[] b = data(len);
            instructed(b, len, base, x, line);
            if (n > 0) {
                in.u32();
                for (int i = 0; i < n; i++) {
                    int c = in.u16();
                    if (c < nCh) {
                        row[base + c]++;
                    }
                }
            } else {
                in.skip(4);
            }
        }
    }

    private void instructed(byte[] b, int len, int base, long x, long line) throws InvalidFileException {
        int off = 0;
        long channel = 0;
        while (off < len) {
            if (off + 2 > len) {
                throw bad(x, line, "a run header past the end of the pixel data");
            }
            int size = b[off] & 0xFF;
            int count = b[off + 1] & 0xFF;
            off += 2;
            if (size == 0) {
                channel += count;
                continue;
            }
            int vbytes;
            switch (size) {
                case 1 -> vbytes = (count + 1) / 2;
                case 2 -> vbytes = count;
                case 4 -> vbytes = 2 * count;
                case 8 -> vbytes = 4 * count;
                default -> throw bad(x, line, "unknown run size " + size);
            }
            if (off + size + vbytes > len) {
                throw bad(x, line, "a run of " + count + " channels past the end of the pixel data");
            }
            long gain = switch (size) {
                case 1 -> b[off] & 0xFF;
                case 2 -> (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
                case 4 -> le32(b, off);
                // 8-byte gains: only the low 40 bits are significant (as RosettaSciIO reads them)
                default -> le32(b, off) | (long) (b[off + 4] & 0xFF) << 32;
            };
            off += size;
            for (int i = 0; i < count; i++) {
                long c = channel + i;
                if (c >= nCh) {
                    break;
                }
                long v = switch (size) {
                    case 1 -> ((b[off + i / 2] & 0xFF) >> ((i & 1) * 4)) & 0x0F;
                    case 2 -> b[off + i] & 0xFF;
                    case 4 -> (b[off + 2 * i] & 0xFF) | (b[off + 2 * i + 1] & 0xFF) << 8;
                    default -> le32(b, off + 4 * i);
                };
                row[base + (int) c] += v + gain;
            }
            off += vbytes;
            channel += count;
        }
    }

    private static long le32(byte[] b, int o) {
        return (b[o] & 0xFFL) | (b[o + 1] & 0xFFL) << 8 | (b[o + 2] & 0xFFL) << 16 | (b[o + 3] & 0xFFL) << 24;
    }

    private byte[] data(int n) throws IOException {
        byte[] b = in.bytes(n, scratch);
        if (b.length > scratch.length) {
            scratch = b;
        }
        return b;
    }

    private InvalidFileException bad(long x, long line, String what) {
        return Errors.invalid(file, "corrupt hypermap pixel x=" + x + " on line " + line + ": " + what);
    }

    private static long max(DType t) {
        return switch (t) {
            case UINT8 -> 0xFFL;
            case UINT16 -> 0xFFFFL;
            case UINT32 -> 0xFFFFFFFFL;
            default -> Long.MAX_VALUE;
        };
    }

    private static DType wider(DType t) {
        return switch (t) {
            case UINT8 -> DType.UINT16;
            case UINT16 -> DType.UINT32;
            default -> DType.UINT64;
        };
    }

    private void flush(int r) throws IOException {
        long m = 0;
        for (int px = 0; px < outW; px++) {
            if (!touched[px]) {
                continue;
            }
            for (int i = px * nCh, e = i + nCh; i < e; i++) {
                long v = row[i];
                if (v < 0) {
                    throw Errors.invalid(file, "hypermap counts of row " + r + " overflow 63 bits (corrupt gains)");
                }
                m = Math.max(m, v);
            }
        }
        while (m > max(dtype)) {
            widen();
        }
        int bs = dtype.byteSize();
        Object buf = switch (dtype) {
            case UINT8 -> new byte[nCh];
            case UINT16 -> new short[nCh];
            case UINT32 -> new int[nCh];
            default -> null;
        };
        for (int px = 0; px < outW; px++) {
            if (!touched[px]) {
                continue;
            }
            int o = px * nCh;
            long at = ((long) r * outW + px) * nCh * bs;
            switch (dtype) {
                case UINT8 -> {
                    byte[] a = (byte[]) buf;
                    for (int i = 0; i < nCh; i++) {
                        a[i] = (byte) row[o + i];
                    }
                    MemorySegment.copy(a, 0, cube, ValueLayout.JAVA_BYTE, at, nCh);
                }
                case UINT16 -> {
                    short[] a = (short[]) buf;
                    for (int i = 0; i < nCh; i++) {
                        a[i] = (short) row[o + i];
                    }
                    MemorySegment.copy(a, 0, cube, ValueLayout.JAVA_SHORT_UNALIGNED, at, nCh);
                }
                case UINT32 -> {
                    int[] a = (int[]) buf;
                    for (int i = 0; i < nCh; i++) {
                        a[i] = (int) row[o + i];
                    }
                    MemorySegment.copy(a, 0, cube, ValueLayout.JAVA_INT_UNALIGNED, at, nCh);
                }
                default -> MemorySegment.copy(row, o, cube, ValueLayout.JAVA_LONG_UNALIGNED, at, nCh);
            }
            Arrays.fill(row, o, o + nCh, 0);
            touched[px] = false;
        }
    }

    /** Re-allocates the cube in the next wider type, converting what is there (at most three times). */
    private void widen() throws InvalidFileException {
        DType t = wider(dtype);
        long n = cube.byteSize() / dtype.byteSize();
        MemorySegment c;
        try {
            c = FileMapping.allocateDecoded(file, Math.max(1, n * t.byteSize()));
        } catch (OutOfMemoryError | IOException e) {
            throw Errors.invalid(file, "widening the hypermap to " + t.numpyName() + " (" + n * t.byteSize()
                    + " bytes) does not fit in memory or scratch space", e);
        }
        for (long i = 0; i < n; i++) {
            long v = switch (dtype) {
                case UINT8 -> cube.get(ValueLayout.JAVA_BYTE, i) & 0xFFL;
                case UINT16 -> cube.get(ValueLayout.JAVA_SHORT_UNALIGNED, 2 * i) & 0xFFFFL;
                default -> cube.get(ValueLayout.JAVA_INT_UNALIGNED, 4 * i) & 0xFFFFFFFFL;
            };
            switch (t) {
                case UINT16 -> c.set(ValueLayout.JAVA_SHORT_UNALIGNED, 2 * i, (short) v);
                case UINT32 -> c.set(ValueLayout.JAVA_INT_UNALIGNED, 4 * i, (int) v);
                default -> c.set(ValueLayout.JAVA_LONG_UNALIGNED, 8 * i, v);
            }
        }
        cube = c;
        dtype = t;
    }

    /** Buffered little-endian reads over a stream; the end of the stream is an InvalidFileException. */
    private static final class Le {
        private final Path file;
        private final InputStream in;
        private final byte[] buf = new byte[1 << 16];
        private int pos;
        private int lim;
        private long consumed;

        Le(Path file, InputStream in) {
            this.file = file;
            this.in = in;
        }

        private void need(int n) throws IOException {
            if (lim - pos >= n) {
                return;
            }
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            consumed += pos;
            pos = 0;
            while (lim < n) {
                int r = in.read(buf, lim, buf.length - lim);
                if (r < 0) {
                    throw Errors.invalid(file, "truncated hypermap: the stream ends at byte " + (consumed + lim));
                }
                lim += r;
            }
        }

        int u16() throws IOException {
            need(2);
            int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8;
            pos += 2;
            return v;
        }

        long u32() throws IOException {
            need(4);
            long v = le32(buf, pos);
            pos += 4;
            return v;
        }

        void skip(int n) throws IOException {
            if (n <= buf.length) {
                need(n);
                pos += n;
            } else {
                bytes(n, new byte[0]);
            }
        }

        /** Reads n bytes into a (grown if needed) scratch array; returns the array holding them at 0. */
        byte[] bytes(int n, byte[] scratch) throws IOException {
            if (n <= buf.length) {
                need(n);
                byte[] out = scratch.length >= n ? scratch : new byte[n];
                System.arraycopy(buf, pos, out, 0, n);
                pos += n;
                return out;
            }
            byte[] out = scratch.length >= n ? scratch : new byte[n];
            int have = lim - pos;
            System.arraycopy(buf, pos, out, 0, have);
            consumed += lim;
            pos = lim = 0;
            int done = have;
            while (done < n) {
                int r = in.read(out, done, n - done);
                if (r < 0) {
                    throw Errors.invalid(file, "truncated hypermap: the stream ends at byte " + (consumed + done - have));
                }
                done += r;
            }
            consumed += n - have;
            return out;
        }
    }
}
