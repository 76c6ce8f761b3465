package tessera.io.tiff.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import tessera.core.io.InvalidFileException;
import tessera.core.model.DType;
import tessera.io.tiff.internal.TiffStructure.Tag;

/**
 * One image of a TIFF file (one IFD): its geometry and sample type, checked, and the
 * decoding of its strips or tiles into a destination segment (TIFF 6.0 sections 3, 8, 9
 * (PackBits), 14 (Predictor), 15 (Tiles), 19 (SampleFormat); Adobe's "TIFF Technical Note
 * 3" for Deflate, compression 8 and 32946).
 *
 * <p>Supported: compression 1 (none), 5 (LZW, TIFF 6.0 section 13), 32773 (PackBits), 8 and 32946
 * (Deflate/zlib); predictor 1 (none), 2 (horizontal differencing of integer samples) and 3 (the
 * floating-point predictor of Adobe's TIFF Technical Note 3, for float samples); 8, 16, 32, 64-bit unsigned or
 * signed integers and 32, 64-bit IEEE floats, one sample per pixel; RGB (photometric 2) with
 * three or four 8-bit samples in chunky order becomes {@link DType#RGBA8} (alpha 255 when
 * absent). Everything else is refused with an {@link InvalidFileException} that names it.
 */
final class TiffPage {
    static final int IMAGE_WIDTH = 256, IMAGE_LENGTH = 257, BITS_PER_SAMPLE = 258, COMPRESSION = 259, PHOTOMETRIC = 262,
            STRIP_OFFSETS = 273, SAMPLES_PER_PIXEL = 277, ROWS_PER_STRIP = 278, STRIP_BYTE_COUNTS = 279, PLANAR = 284,
            PREDICTOR = 317, TILE_WIDTH = 322, TILE_LENGTH = 323, TILE_OFFSETS = 324, TILE_BYTE_COUNTS = 325,
            SAMPLE_FORMAT = 339;

    final TiffStructure tif;
    final Map<Integer, Tag> tags;
    final int index;
    final int width;
    final int height;
    final int samples;
    final int bits;
    final int compression;
    final int predictor;
    final int photometric;
    /** the element type of one pixel (RGBA8 for RGB pages) */
    final DType dtype;
    /** the type of one stored sample */
    final DType sampleType;
    final boolean tiled;
    final int blockWidth;
    final int blockHeight;
    final long[] offsets;
    final long[] counts;

    TiffPage(TiffStructure tif, int index) throws InvalidFileException {
        this.tif = tif;
        this.index = index;
        this.tags = tif.ifds.get(index);
        String p = "page " + index + ": ";
        width = dim(required(IMAGE_WIDTH), p + "ImageWidth");
        height = dim(required(IMAGE_LENGTH), p + "ImageLength");
        samples = (int) one(SAMPLES_PER_PIXEL, 1, p + "SamplesPerPixel");
        if (samples < 1 || samples > 64) {
            throw new InvalidFileException(tif.file, p + "SamplesPerPixel " + samples + " is out of range");
        }
        long[] bps = tags.containsKey(BITS_PER_SAMPLE) ? tif.longs(tags.get(BITS_PER_SAMPLE), p + "BitsPerSample") : new long[] {1};
        if (bps.length == 0) {
            throw new InvalidFileException(tif.file, p + "BitsPerSample has no value");
        }
        for (long b : bps) {
            if (b != bps[0]) {
                throw new InvalidFileException(tif.file, p + "samples of different sizes (BitsPerSample " + java.util.Arrays.toString(bps)
                        + ") are not supported");
            }
        }
        bits = (int) Math.min(bps[0], 1 << 16);
        long[] sf = tags.containsKey(SAMPLE_FORMAT) ? tif.longs(tags.get(SAMPLE_FORMAT), p + "SampleFormat") : new long[] {1};
        int format = sf.length == 0 ? 1 : (int) sf[0];
        compression = (int) one(COMPRESSION, 1, p + "Compression");
        predictor = (int) one(PREDICTOR, 1, p + "Predictor");
        photometric = (int) one(PHOTOMETRIC, 1, p + "PhotometricInterpretation");
        int planar = (int) one(PLANAR, 1, p + "PlanarConfiguration");
        sampleType = switch (format * 100 + bits) {
            case 108 -> DType.UINT8;
            case 116 -> DType.UINT16;
            case 132 -> DType.UINT32;
            case 164 -> DType.UINT64;
            case 208 -> DType.INT8;
            case 216 -> DType.INT16;
            case 232 -> DType.INT32;
            case 264 -> DType.INT64;
            case 332 -> DType.FLOAT32;
            case 364 -> DType.FLOAT64;
            default -> throw new InvalidFileException(tif.file, p + bits + "-bit samples of SampleFormat " + format
                    + (format == 1 ? " (unsigned)" : format == 2 ? " (signed)" : format == 3 ? " (float)" : "")
                    + " are not supported (8, 16, 32, 64-bit integers, 32 and 64-bit floats are)");
        };
        if (samples == 1) {
            dtype = sampleType;
        } else if (photometric == 2 && (samples == 3 || samples == 4) && sampleType == DType.UINT8) {
            if (planar != 1) {
                throw new InvalidFileException(tif.file, p + "planar (PlanarConfiguration 2) RGB is not supported");
            }
            dtype = DType.RGBA8;
        } else {
            throw new InvalidFileException(tif.file, p + samples + " samples per pixel (photometric " + photometric + ", "
                    + bits + "-bit) are not supported: only one sample, or 8-bit RGB/RGBA");
        }
        if (compression != 1 && compression != 5 && compression != 32773 && compression != 8 && compression != 32946) {
            throw new InvalidFileException(tif.file, p + "compression " + compression + compressionName(compression)
                    + " is not supported (none, LZW, PackBits and Deflate are)");
        }
        if (predictor != 1 && !(predictor == 2 && !sampleType.isFloating()) && !(predictor == 3 && sampleType.isFloating())) {
            throw new InvalidFileException(tif.file, p + "predictor " + predictor + " is not supported with "
                    + sampleType.numpyName() + " samples (2 is for integers, 3 for floats)");
        }
        tiled = tags.containsKey(TILE_OFFSETS) || tags.containsKey(TILE_WIDTH);
        if (tiled) {
            blockWidth = dim(required(TILE_WIDTH), p + "TileWidth");
            blockHeight = dim(required(TILE_LENGTH), p + "TileLength");
            offsets = tif.longs(required(TILE_OFFSETS), p + "TileOffsets");
            counts = tags.containsKey(TILE_BYTE_COUNTS) ? tif.longs(tags.get(TILE_BYTE_COUNTS), p + "TileByteCounts") : null;
            long across = ((long) width + blockWidth - 1) / blockWidth, down = ((long) height + blockHeight - 1) / blockHeight;
            expectBlocks(across * down, p + "TileOffsets");
        } else {
            blockWidth = width;
            long rps = one(ROWS_PER_STRIP, 0xFFFFFFFFL, p + "RowsPerStrip");
            if (rps < 1) {
                throw new InvalidFileException(tif.file, p + "RowsPerStrip " + rps + " is not positive");
            }
            blockHeight = (int) Math.min(rps, height);
            offsets = tif.longs(required(STRIP_OFFSETS), p + "StripOffsets");
            counts = tags.containsKey(STRIP_BYTE_COUNTS) ? tif.longs(tags.get(STRIP_BYTE_COUNTS), p + "StripByteCounts") : null;
            expectBlocks(((long) height + blockHeight - 1) / blockHeight, p + "StripOffsets");
        }
        if (counts == null && compression != 1) {
            throw new InvalidFileException(tif.file, p + "compressed data without " + (tiled ? "TileByteCounts" : "StripByteCounts"));
        }
        if (counts != null && counts.length < offsets.length) {
            throw new InvalidFileException(tif.file, p + counts.length + " byte counts for " + offsets.length + " data blocks");
        }
        if (blockBytes() > Integer.MAX_VALUE - 16) {
            throw new InvalidFileException(tif.file, p + "a " + blockWidth + " x " + blockHeight + " data block of " + pixelBytes()
                    + "-byte pixels is too large");
        }
        long across = ((long) width + blockWidth - 1) / blockWidth;
        long blocks = across * (((long) height + blockHeight - 1) / blockHeight);
        for (int i = 0; i < blocks; i++) {
            long need = blockNeed(i, across);
            if (offsets[i] < 0 || offsets[i] > tif.size) {
                throw new InvalidFileException(tif.file, p + "data block " + i + " at offset " + Long.toUnsignedString(offsets[i])
                        + " lies outside the " + tif.size + "-byte file");
            }
            long c = counts == null ? need : counts[i];
            if (compression == 1) {
                // uncompressed: the block's bytes must be in the file (the byte count itself is not trusted)
                InvalidFileException.checkPayload(tif.file, need, tif.size - offsets[i]);
                continue;
            }
            if (c < 0 || c > tif.size - offsets[i]) {
                throw new InvalidFileException(tif.file, p + "data block " + i + " (offset " + offsets[i] + ", "
                        + Long.toUnsignedString(c) + " bytes) lies outside the " + tif.size + "-byte file");
            }
            // PackBits expands at most 128/2, Deflate at most 1032/1 (RFC 1951), LZW at most 4096 bytes per 9-bit code:
            // a larger claim is a lie
            long max = Math.multiplyHigh(maxRatio(compression), c) != 0 ? Long.MAX_VALUE : maxRatio(compression) * c + 64;
            if (need > max) {
                throw new InvalidFileException(tif.file, p + "data block " + i + " claims " + need + " decoded bytes from "
                        + c + " compressed bytes, more than " + compressionName(compression).strip() + " can hold");
            }
        }
    }

    /** @return how many decoded bytes one compressed byte can at most become */
    static long maxRatio(int compression) {
        return switch (compression) {
            case 1 -> 1;
            case 32773 -> 64;
            case 5 -> 3641; // 4096 bytes from 9 bits
            default -> 1032;
        };
    }

    /** @return decoded bytes of block {@code i} (a short last strip holds fewer rows) */
    private long blockNeed(long i, long across) {
        if (tiled) {
            return blockBytes();
        }
        long rows = Math.min(blockHeight, height - (i / across) * blockHeight);
        return rows * blockWidth * pixelBytes();
    }

    private static String compressionName(int c) {
        return switch (c) {
            case 2 -> " (CCITT RLE)";
            case 3, 4 -> " (CCITT fax)";
            case 5 -> " (LZW)";
            case 6, 7 -> " (JPEG)";
            case 34712 -> " (JPEG 2000)";
            case 50000 -> " (Zstandard)";
            case 34925 -> " (LZMA)";
            case 32773 -> " (PackBits)";
            case 8, 32946 -> " (Deflate)";
            default -> "";
        };
    }

    private void expectBlocks(long n, String what) throws InvalidFileException {
        if (offsets.length < n) {
            throw new InvalidFileException(tif.file, what + " lists " + offsets.length + " data blocks, the image needs " + n);
        }
    }

    private Tag required(int tag) throws InvalidFileException {
        Tag t = tags.get(tag);
        if (t == null) {
            throw new InvalidFileException(tif.file, "page " + index + ": required tag " + tag + " is missing");
        }
        return t;
    }

    private long one(int tag, long dflt, String what) throws InvalidFileException {
        Tag t = tags.get(tag);
        if (t == null) {
            return dflt;
        }
        long[] v = tif.longs(t, what);
        return v.length == 0 ? dflt : v[0];
    }

    private int dim(Tag t, String what) throws InvalidFileException {
        long[] v = tif.longs(t, what);
        if (v.length == 0 || v[0] < 1 || v[0] > Integer.MAX_VALUE) {
            throw new InvalidFileException(tif.file, what + " " + (v.length == 0 ? "has no value" : Long.toUnsignedString(v[0]) + " is out of range"));
        }
        return (int) v[0];
    }

    /** @return bytes of one pixel as stored */
    int pixelBytes() {
        return samples * sampleType.byteSize();
    }

    /** @return decoded bytes of one full strip or tile */
    long blockBytes() {
        return (long) blockWidth * blockHeight * pixelBytes();
    }

    /** @return bytes of the decoded image as stored (before RGB expansion) */
    long imageBytes() {
        return (long) width * height * pixelBytes();
    }

    /** @return bytes the compressed (or raw) data blocks occupy in the file */
    long storedBytes() {
        long s = 0;
        int n = offsets.length;
        for (int i = 0; i < n; i++) {
            s += counts == null ? blockBytes() : counts[i];
        }
        return s;
    }

    /** @return true when the page has the same geometry and type as {@code o} (one series) */
    boolean sameShape(TiffPage o) {
        return width == o.width && height == o.height && dtype == o.dtype && samples == o.samples;
    }

    /**
     * Decodes the image into {@code dst} at byte offset {@code at}, row-major, in the file's byte
     * order ({@code width*height*dtype.byteSize()} bytes).
     *
     * @param dst destination
     * @param at  byte offset in {@code dst}
     * @throws InvalidFileException on a truncated or corrupt data block
     */
    void decode(MemorySegment dst, long at) throws InvalidFileException {
        int across = (width + blockWidth - 1) / blockWidth;
        int down = (height + blockHeight - 1) / blockHeight;
        int pb = pixelBytes();
        int rowBytes = Math.multiplyExact(blockWidth, pb);
        byte[] block = new byte[Math.toIntExact(Math.multiplyExact((long) rowBytes, blockHeight))];
        for (int by = 0; by < down; by++) {
            for (int bx = 0; bx < across; bx++) {
                int i = by * across + bx;
                int rows = tiled ? blockHeight : Math.min(blockHeight, height - by * blockHeight);
                int need = rowBytes * rows;
                readBlock(i, block, need);
                if (predictor == 2) {
                    undoPredictor(block, rows, rowBytes);
                } else if (predictor == 3) {
                    undoFloatPredictor(block, rows, rowBytes);
                }
                int x0 = bx * blockWidth, y0 = by * blockHeight;
                int cols = Math.min(blockWidth, width - x0);
                int rmax = Math.min(rows, height - y0);
                for (int r = 0; r < rmax; r++) {
                    long to = at + ((long) (y0 + r) * width + x0) * dtype.byteSize();
                    if (dtype == DType.RGBA8) {
                        for (int c = 0; c < cols; c++) {
                            int src = r * rowBytes + c * pb;
                            for (int k = 0; k < 4; k++) {
                                byte v = k < samples ? block[src + k] : (byte) 0xff;
                                dst.set(ValueLayout.JAVA_BYTE, to + 4L * c + k, v);
                            }
                        }
                    } else {
                        MemorySegment.copy(block, r * rowBytes, dst, ValueLayout.JAVA_BYTE, to, cols * pb);
                    }
                }
            }
        }
    }

    private void readBlock(int i, byte[] out, int need) throws InvalidFileException {
        long off = offsets[i];
        long count = counts == null ? need : counts[i];
        String where = "page " + index + ", data block " + i;
        switch (compression) {
            case 1 -> {
                MemorySegment.copy(tif.seg, ValueLayout.JAVA_BYTE, off, out, 0, need);
            }
            case 32773 -> unpackBits(off, count, out, need, where);
            case 5 -> unLzw(off, count, out, need, where);
            default -> inflate(off, count, out, need, where);
        }
    }

    private void unpackBits(long off, long count, byte[] out, int need, String where) throws InvalidFileException {
        long p = off, end = off + count;
        int o = 0;
        while (o < need && p < end) {
            int n = tif.seg.get(ValueLayout.JAVA_BYTE, p++);
            if (n >= 0) {
                int len = n + 1;
                if (p + len > end || o + len > need) {
                    throw new InvalidFileException(tif.file, where + ": PackBits literal run overruns the block");
                }
                MemorySegment.copy(tif.seg, ValueLayout.JAVA_BYTE, p, out, o, len);
                p += len;
                o += len;
            } else if (n != -128) {
                int len = 1 - n;
                if (p >= end || o + len > need) {
                    throw new InvalidFileException(tif.file, where + ": PackBits repeat run overruns the block");
                }
                byte v = tif.seg.get(ValueLayout.JAVA_BYTE, p++);
                java.util.Arrays.fill(out, o, o + len, v);
                o += len;
            }
        }
        if (o < need) {
            throw new InvalidFileException(tif.file, where + ": PackBits data end after " + o + " of " + need + " bytes (truncated)");
        }
    }

    private void inflate(long off, long count, byte[] out, int need, String where) throws InvalidFileException {
        Inflater inf = new Inflater();
        try {
            inf.setInput(tif.seg.asSlice(off, count).asByteBuffer());
            int o = 0;
            while (o < need) {
                int n = inf.inflate(out, o, need - o);
                if (n == 0) {
                    if (inf.finished() || inf.needsInput() || inf.needsDictionary()) {
                        break;
                    }
                }
                o += n;
            }
            if (o < need) {
                throw new InvalidFileException(tif.file, where + ": Deflate data end after " + o + " of " + need + " bytes (truncated)");
            }
        } catch (DataFormatException e) {
            throw new InvalidFileException(tif.file, where + ": corrupt Deflate data (" + e.getMessage() + ")");
        } finally {
            inf.end();
        }
    }

    /**
     * TIFF 6.0 section 13 LZW: codes of 9 to 12 bits, most significant bit first, 256 clears the
     * table, 257 ends the strip, the code width grows one code early (at 511, 1023, 2047). The
     * pre-6.0 bit order (first bytes 00 01) is refused.
     */
    private void unLzw(long off, long count, byte[] out, int need, String where) throws InvalidFileException {
        if (count >= 2 && tif.seg.get(ValueLayout.JAVA_BYTE, off) == 0 && tif.seg.get(ValueLayout.JAVA_BYTE, off + 1) == 1) {
            throw new InvalidFileException(tif.file, where + ": old-style (pre-TIFF 6.0) LZW is not supported");
        }
        int[] prefix = new int[4096];
        byte[] suffix = new byte[4096];
        byte[] first = new byte[4096];
        int[] length = new int[4096];
        for (int i = 0; i < 256; i++) {
            suffix[i] = (byte) i;
            first[i] = (byte) i;
            length[i] = 1;
        }
        long bitEnd = count * 8;
        long bit = 0;
        int width = 9, next = 258, old = -1, o = 0;
        while (o < need && bit + width <= bitEnd) {
            int code = 0;
            for (int k = 0; k < width; k++, bit++) {
                int byt = tif.seg.get(ValueLayout.JAVA_BYTE, off + (bit >>> 3)) & 0xff;
                code = (code << 1) | ((byt >>> (7 - (int) (bit & 7))) & 1);
            }
            if (code == 257) {
                break;
            }
            if (code == 256) {
                width = 9;
                next = 258;
                old = -1;
                continue;
            }
            int emit;
            if (old < 0) {
                if (code > 255) {
                    throw new InvalidFileException(tif.file, where + ": invalid LZW code " + code + " after a clear code");
                }
                emit = code;
            } else if (code < next) {
                emit = code;
                if (next < 4096) {
                    add(prefix, suffix, first, length, next++, old, first[code]);
                }
            } else if (code == next && next < 4096) {
                add(prefix, suffix, first, length, next++, old, first[old]);
                emit = code;
            } else {
                throw new InvalidFileException(tif.file, where + ": invalid LZW code " + code + " (table holds " + next + ")");
            }
            // write the string of 'emit' backwards from its end, clipped to the block
            int len = length[emit];
            int end = o + len;
            int c = emit;
            for (int k = end - 1; k >= o; k--) {
                if (k < need) {
                    out[k] = suffix[c];
                }
                c = prefix[c];
            }
            o = Math.min(end, need);
            old = emit;
            if (next >= (1 << width) - 1 && width < 12) {
                width++;
            }
        }
        if (o < need) {
            throw new InvalidFileException(tif.file, where + ": LZW data end after " + o + " of " + need + " bytes (truncated)");
        }
    }

    private static void add(int[] prefix, byte[] suffix, byte[] first, int[] length, int code, int pre, byte b) {
        prefix[code] = pre;
        suffix[code] = b;
        first[code] = first[pre];
        length[code] = length[pre] + 1;
    }

    /** TIFF 6.0 section 14: each sample is stored as the difference to the same sample of the previous pixel in its row. */
    private void undoPredictor(byte[] b, int rows, int rowBytes) {
        int n = sampleType.byteSize();
        boolean le = tif.order == ByteOrder.LITTLE_ENDIAN;
        int stride = samples * n;
        for (int r = 0; r < rows; r++) {
            int base = r * rowBytes;
            for (int i = stride; i < rowBytes; i += n) {
                int cur = base + i, prev = cur - stride;
                if (n == 1) {
                    b[cur] += b[prev];
                } else {
                    long v = get(b, cur, n, le) + get(b, prev, n, le);
                    put(b, cur, n, le, v);
                }
            }
        }
    }

    /**
     * Adobe Photoshop TIFF Technical Note 3, floating-point predictor: each row holds the bytes of its
     * samples as planes, most significant byte first, byte-wise differenced with a stride of one pixel.
     * Undone here into the file's byte order.
     */
    private void undoFloatPredictor(byte[] b, int rows, int rowBytes) {
        int n = sampleType.byteSize();
        int wc = rowBytes / n;
        boolean le = tif.order == ByteOrder.LITTLE_ENDIAN;
        byte[] tmp = new byte[rowBytes];
        for (int r = 0; r < rows; r++) {
            int base = r * rowBytes;
            for (int i = samples; i < rowBytes; i++) {
                b[base + i] += b[base + i - samples];
            }
            System.arraycopy(b, base, tmp, 0, rowBytes);
            for (int c = 0; c < wc; c++) {
                for (int k = 0; k < n; k++) {
                    b[base + c * n + (le ? n - 1 - k : k)] = tmp[k * wc + c];
                }
            }
        }
    }

    private static long get(byte[] b, int at, int n, boolean le) {
        long v = 0;
        for (int k = 0; k < n; k++) {
            int idx = le ? at + n - 1 - k : at + k;
            v = (v << 8) | (b[idx] & 0xff);
        }
        return v;
    }

    private static void put(byte[] b, int at, int n, boolean le, long v) {
        for (int k = 0; k < n; k++) {
            int idx = le ? at + k : at + n - 1 - k;
            b[idx] = (byte) (v >>> (8 * k));
        }
    }
}
