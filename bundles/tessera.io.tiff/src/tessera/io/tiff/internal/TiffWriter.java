package tessera.io.tiff.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import tessera.core.io.AtomicFiles;
import tessera.core.io.DatasetWriter;
import tessera.core.io.InvalidFileException;
import tessera.core.model.Axis;
import tessera.core.model.DType;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;

/**
 * Writer of calibrated float32 TIFF images and stacks (maps), readable by HyperSpy 1.7.3,
 * RosettaSciIO, tifffile, ImageJ and DigitalMicrograph.
 *
 * <p><b>Shapes.</b> The last two axes of the dataset are the image ({@code [height, width]},
 * rows then columns) whatever their navigate flags; a rank-3 dataset {@code [n, height, width]}
 * becomes {@code n} pages (an ImageJ stack of {@code n} slices). Values are converted to
 * float32 (TIFF 6.0 SampleFormat 3, BitsPerSample 32), little-endian, uncompressed, one strip
 * per page. Complex and RGBA datasets, rank 1 or above 3, and files over 4 GiB are refused
 * with {@link InvalidFileException}.
 *
 * <p><b>Calibration</b> is written twice, the way HyperSpy's own writer does and its reader
 * expects (HyperSpy 1.7.3 {@code hyperspy/io_plugins/tiff.py}, RosettaSciIO
 * {@code rsciio/tiff/_api.py}):
 * <ul>
 * <li>ImageJ: ImageDescription {@code ImageJ=1.11a}, {@code images=}/{@code slices=} for a
 * stack, {@code unit=} (µm written as {@code micron}, Å as {@code angstrom}), {@code spacing=}
 * (the stack axis' scale), and XResolution/YResolution (pixels per unit) as 32-bit rationals
 * chosen so that denominator/numerator is the axis scale exactly (continued fractions); when a
 * scale has no exact 32-bit rational (a negative scale, or one below 2^-32) the {@code unit=}
 * entry is left out, so readers fall back to the DigitalMicrograph tags;</li>
 * <li>DigitalMicrograph: tags 65003/65004 (width/height units, ISO-8859-1), 65006/65007
 * (origins), 65009/65010 (scales) as doubles, and for stacks 65005, 65008, 65011 (the stack
 * axis) and 65017 (1); {@code Signal.quantity} as 65022/65023 and
 * {@code Signal.Noise_properties.Variance_linear_model} as 65024 (gain_offset)/65025 (gain_factor).</li>
 * </ul>
 * Axis names are not stored (HyperSpy reads {@code height}, {@code width} and a stack axis
 * back); nor is other metadata. The write is atomic ({@link AtomicFiles#write}).
 */
public final class TiffWriter implements DatasetWriter {
    private static final long MAX = 0xFFFF_FFFFL;

    /** Public no-argument constructor for the extension registry. */
    public TiffWriter() {
    }

    /**
     * Writes the dataset as float32 TIFF.
     *
     * @param dataset rank 2 {@code [height, width]} or rank 3 {@code [n, height, width]}, real-valued
     * @param file    target, replaced if it exists
     * @throws InvalidFileException if the dataset's type or rank has no float32 TIFF form, or it exceeds 4 GiB
     * @throws IOException          on an I/O error (the target is then unchanged)
     */
    @Override
    public void write(Dataset dataset, Path file) throws IOException {
        DType t = dataset.dtype();
        if (t.isComplex() || t == DType.RGBA8) {
            throw new InvalidFileException(file, "a " + t.numpyName() + " dataset has no float32 TIFF form");
        }
        int rank = dataset.rank();
        if (rank < 2 || rank > 3) {
            throw new InvalidFileException(file, "TIFF holds images and image stacks (rank 2 or 3), not a rank-" + rank + " dataset "
                    + java.util.Arrays.toString(dataset.shape()));
        }
        Axis ax = dataset.axis(rank - 1), ay = dataset.axis(rank - 2);
        Axis az = rank == 3 ? dataset.axis(0) : null;
        int w = ax.size(), h = ay.size(), n = az == null ? 1 : az.size();
        long pageBytes = 4L * w * h;
        List<byte[]> ifds = new ArrayList<>();
        // layout: header, then per page its IFD (with its out-of-line values) followed by its pixels
        long pos = 8;
        long[] dataAt = new long[n];
        for (int p = 0; p < n; p++) {
            Ifd ifd = new Ifd();
            ifd.longs(256, w);
            ifd.longs(257, h);
            ifd.shorts(258, 32);
            ifd.shorts(259, 1);
            ifd.shorts(262, 1);
            ifd.shorts(277, 1);
            ifd.longs(278, h);
            ifd.longs(279, pageBytes);
            ifd.shorts(339, 3);
            ifd.longs(273, 0); // patched once the IFD size is known
            if (p == 0) {
                calibration(ifd, dataset, ax, ay, az);
            } else {
                ifd.rational(282, 1, 1);
                ifd.rational(283, 1, 1);
                ifd.shorts(296, 1);
            }
            long ifdSize = ifd.size();
            dataAt[p] = pos + ifdSize;
            ifd.longs(273, dataAt[p]);
            long next = p + 1 < n ? dataAt[p] + pageBytes : 0;
            byte[] b = ifd.serialize(pos, next);
            ifds.add(b);
            pos = dataAt[p] + pageBytes;
            if (pos > MAX) {
                throw new InvalidFileException(file, "a float32 TIFF of " + pos + " bytes exceeds the 4 GiB of classic TIFF (write .hspy instead)");
            }
        }
        AtomicFiles.write(file, tmp -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                out.write(new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0});
                float[] row = new float[w];
                ByteBuffer bb = ByteBuffer.allocate(4 * w).order(ByteOrder.LITTLE_ENDIAN);
                for (int p = 0; p < n; p++) {
                    out.write(ifds.get(p));
                    long base = (long) p * w * h;
                    for (int r = 0; r < h; r++) {
                        bb.clear();
                        for (int c = 0; c < w; c++) {
                            row[c] = (float) dataset.getDouble(base + (long) r * w + c);
                        }
                        bb.asFloatBuffer().put(row);
                        out.write(bb.array(), 0, 4 * w);
                    }
                }
            }
        });
    }

    private static void calibration(Ifd ifd, Dataset d, Axis ax, Axis ay, Axis az) {
        long[] rx = rational(ax.scale()), ry = rational(ay.scale());
        boolean exact = rx != null && ry != null && (double) rx[1] / rx[0] == ax.scale() && (double) ry[1] / ry[0] == ay.scale();
        StringBuilder desc = new StringBuilder("ImageJ=1.11a\n");
        if (az != null) {
            desc.append("images=").append(az.size()).append("\nslices=").append(az.size()).append('\n');
        }
        if (exact) {
            String u = unit(ax.units()).replaceAll("[\\r\\n=]", " ");
            u = switch (u) {
                case "\u00b5m", "um" -> "micron";
                case "\u00c5" -> "angstrom";
                default -> u;
            };
            desc.append("unit=").append(u).append('\n');
        }
        if (az != null) {
            desc.append("spacing=").append(az.scale()).append('\n');
        }
        ifd.ascii(270, desc.toString());
        ifd.ascii(305, "Tessera");
        ifd.rational(282, rx == null ? 1 : rx[0], rx == null ? 1 : rx[1]);
        ifd.rational(283, ry == null ? 1 : ry[0], ry == null ? 1 : ry[1]);
        ifd.shorts(296, 1);
        ifd.ascii(65003, unit(ax.units()));
        ifd.ascii(65004, unit(ay.units()));
        ifd.doubles(65006, ax.offset());
        ifd.doubles(65007, ay.offset());
        ifd.doubles(65009, ax.scale());
        ifd.doubles(65010, ay.scale());
        if (az != null) {
            ifd.ascii(65005, unit(az.units()));
            ifd.doubles(65008, az.offset());
            ifd.doubles(65011, az.scale());
            ifd.longs(65017, 1);
        }
        Metadata md = d.metadata();
        Object q = md.get(Metadata.QUANTITY);
        if (q != null) {
            ifd.ascii(65022, q.toString());
            ifd.ascii(65023, q.toString());
        }
        Object go = md.get("Signal.Noise_properties.Variance_linear_model.gain_offset");
        Object gf = md.get("Signal.Noise_properties.Variance_linear_model.gain_factor");
        if (go instanceof Number o && gf instanceof Number f) {
            ifd.doubles(65024, o.doubleValue());
            ifd.doubles(65025, f.doubleValue());
        }
    }

    /** Units as ISO-8859-1 can carry them: Greek mu (U+03BC) becomes the micro sign (U+00B5). */
    private static String unit(String u) {
        return u.replace('\u03bc', '\u00b5');
    }

    /**
     * The resolution rational for a pixel size: {@code {num, den}} (pixels per unit, both in
     * [1, 2^32-1]) with {@code den / num} as close to {@code scale} as 32-bit rationals allow,
     * exact where possible (continued-fraction convergents of {@code scale}).
     *
     * @param scale the axis scale (units per pixel)
     * @return {@code {num, den}}, or null when the scale is not positive and finite or out of range
     */
    static long[] rational(double scale) {
        if (!(scale > 0) || !Double.isFinite(scale) || scale > MAX || scale < 1.0 / MAX) {
            return null;
        }
        long p0 = 0, q0 = 1, p1 = 1, q1 = 0;
        double x = scale;
        long[] best = null;
        for (int i = 0; i < 64; i++) {
            double a = Math.floor(x);
            if (a > MAX) {
                break;
            }
            long ai = (long) a;
            long p2 = ai * p1 + p0, q2 = ai * q1 + q0;
            if (p2 > MAX || q2 > MAX || p2 < 0 || q2 < 0) {
                break;
            }
            if (p2 >= 1 && q2 >= 1) {
                best = new long[] {q2, p2};
                if ((double) p2 / q2 == scale) {
                    break;
                }
            }
            p0 = p1;
            q0 = q1;
            p1 = p2;
            q1 = q2;
            double frac = x - a;
            if (frac <= 0) {
                break;
            }
            x = 1 / frac;
        }
        return best;
    }

    /** One image file directory in the making (little-endian, classic TIFF). */
    private static final class Ifd {
        private record Entry(int tag, int type, long count, byte[] value) {
        }

        private final List<Entry> entries = new ArrayList<>();

        private void put(int tag, int type, long count, byte[] value) {
            entries.removeIf(e -> e.tag == tag);
            entries.add(new Entry(tag, type, count, value));
        }

        void shorts(int tag, int v) {
            put(tag, 3, 1, ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) v).array());
        }

        void longs(int tag, long v) {
            put(tag, 4, 1, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array());
        }

        void rational(int tag, long num, long den) {
            put(tag, 5, 1, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt((int) num).putInt((int) den).array());
        }

        void doubles(int tag, double v) {
            put(tag, 12, 1, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(v).array());
        }

        void ascii(int tag, String s) {
            byte[] b = (s + "\0").getBytes(StandardCharsets.ISO_8859_1);
            put(tag, 2, b.length, b);
        }

        /** @return bytes of the IFD with its out-of-line values, padded to an even size */
        long size() {
            long s = 2 + 12L * entries.size() + 4;
            for (Entry e : entries) {
                if (e.value.length > 4) {
                    s += e.value.length + (e.value.length & 1);
                }
            }
            return s + (s & 1);
        }

        /**
         * @param at   file offset of the IFD
         * @param next offset of the next IFD, 0 for the last
         * @return the IFD bytes, {@link #size()} long
         */
        byte[] serialize(long at, long next) {
            entries.sort(Comparator.comparingInt(Entry::tag));
            ByteBuffer b = ByteBuffer.allocate((int) size()).order(ByteOrder.LITTLE_ENDIAN);
            b.putShort((short) entries.size());
            long extra = at + 2 + 12L * entries.size() + 4;
            List<byte[]> tail = new ArrayList<>();
            for (Entry e : entries) {
                b.putShort((short) e.tag).putShort((short) e.type).putInt((int) e.count);
                if (e.value.length <= 4) {
                    byte[] v = java.util.Arrays.copyOf(e.value, 4);
                    b.put(v);
                } else {
                    b.putInt((int) extra);
                    tail.add(e.value);
                    extra += e.value.length + (e.value.length & 1);
                }
            }
            b.putInt((int) next);
            for (byte[] v : tail) {
                b.put(v);
                if ((v.length & 1) == 1) {
                    b.put((byte) 0);
                }
            }
            return b.array();
        }
    }
}
