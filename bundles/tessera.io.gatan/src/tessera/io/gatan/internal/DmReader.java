package tessera.io.gatan.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tessera.core.io.DatasetReader;
import tessera.core.io.InvalidFileException;
import tessera.core.model.Axis;
import tessera.core.model.DType;
import tessera.core.model.Dataset;
import tessera.core.model.OffHeap;
import tessera.core.io.FileMapping;
import tessera.core.model.Metadata;

/**
 * Reads Gatan DigitalMicrograph DM3 and DM4 files: every image object of the file (thumbnails
 * excluded) becomes one {@link Dataset}, with the shape, axes, navigation/signal split, values
 * and metadata that HyperSpy 1.7.3 gives ({@code hs.load}).
 *
 * <p><b>Format.</b> The tag tree is parsed by {@link DmTagParser} (C. Boothroyd's DM3 notes,
 * http://www.er-c.org/cbb/info/dmformat/; B. Schaffer's DM4 description; HyperSpy's
 * {@code hyperspy/io_plugins/digital_micrograph.py}, GPL-3.0, continued as RosettaSciIO's
 * {@code rsciio/digitalmicrograph/_api.py}, read for the conventions only). An image is a group of
 * {@code ImageList} with {@code ImageData.Dimensions} (sizes, fastest dimension first),
 * {@code ImageData.DataType}, {@code ImageData.Calibrations.Dimension[i]} ({@code Origin},
 * {@code Scale}, {@code Units}: calibrated value {@code (i - Origin) * Scale}, so the axis offset is
 * {@code -Origin*Scale}) and the data array {@code ImageData.Data}, located by its offset in the
 * file and copied through a read-only mapping into off-heap memory (never a heap array of the
 * file); a block of at least {@link FileMapping#threshold()} bytes that needs no reordering (not a
 * transposed spectrum image, not RGBA) is not copied: the dataset is a read-only mapping of the file
 * ({@link Dataset#isReadOnly()}).
 *
 * <p><b>Axes.</b> Array order is the reverse of DM's dimension order (DM x fastest, so an image
 * is {@code [y, x]}). An image whose {@code ImageTags.Meta Data.Format} is "Spectrum image" (or
 * that has Orsay's {@code ImageTags.spim}) and has 3 or more dimensions stores the spectrum along
 * its LAST DM dimension (slowest in memory); it is transposed so that the spectrum is the last,
 * contiguous array axis and the scan axes navigate: {@code [y, x, E]}. A 1-D image, and a 2-D
 * "Spectrum image"/"Spectrum", has one signal axis; other images two signal axes (an image stack
 * {@code [z, y, x]} navigates along z). Axes of size 1 are dropped. Axis names follow HyperSpy:
 * the eV axis of an EELS signal is "Energy loss", the nm axis of a CL signal "Wavelength", the
 * others x, y, z from the fastest.
 *
 * <p><b>Types.</b> DataType 1 int16, 2 float32, 3 complex64, 6 uint8, 7 int32, 9 int8, 10 uint16,
 * 11 uint32, 12 float64, 13 complex128, 14 bool, 8/23 RGB(A) as {@link DType#RGBA8} (stored B, G,
 * R, A; reordered to R, G, B, A), 5 old packed complex FFT data (2N x 2N, unpacked as HyperSpy does), 27/28 packed complex FFT data (a Hermitian half of
 * {@code w/2+1} columns per row) unpacked to complex64/complex128 in HyperSpy's layout: columns
 * {@code [X(p-1) ... X(0), conj X(1) ... ]}, which for an odd width keeps the last column that
 * HyperSpy 1.7.3 drops (its array is then one column narrower than its own axis).
 *
 * <p><b>Metadata.</b> {@code metadata}: {@code General.title} (image name),
 * {@code General.original_filename}, {@code Signal.signal_type} ("EELS", "EDS_TEM", "CL" or ""),
 * HyperSpy's EDS_TEM spectrum defaults, and the mapped tags of {@link DmMetadata}.
 * {@code original_metadata}: the whole tag tree with {@code ImageList} holding only this image as
 * {@code TagGroup0}, as HyperSpy keeps it.
 *
 * <p><b>Bad input</b> (empty, wrong magic, truncated, a tag tree or dimensions claiming more bytes
 * than the file holds) raises {@link InvalidFileException} naming the file, before any large
 * allocation.
 */
public final class DmReader implements DatasetReader {

    /** Creates the (stateless) reader. */
    public DmReader() {
    }

    /**
     * Recognises a DM3/DM4 header: version word 3 or 4, a byte-order word 0 or 1, and a root tag
     * group whose flags are 0/1 and whose tag count is small.
     *
     * @param file the file (unused)
     * @param head the first bytes of the file
     * @return true for a plausible DigitalMicrograph header
     */
    @Override
    public boolean sniff(Path file, byte[] head) {
        if (head == null || head.length < 16) {
            return false;
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(head).order(ByteOrder.BIG_ENDIAN);
        int version = b.getInt(0);
        if (version != 3 && version != 4) {
            return false;
        }
        int at = version == 4 ? 12 : 8;
        int order = b.getInt(at);
        if (order != 0 && order != 1) {
            return false;
        }
        at += 4;
        if (head.length < at + 2 + (version == 4 ? 8 : 4)) {
            return false;
        }
        if ((head[at] & 0xFF) > 1 || (head[at + 1] & 0xFF) > 1) {
            return false;
        }
        long ntags = version == 4 ? b.getLong(at + 2) : b.getInt(at + 2);
        return ntags > 0 && ntags < 1_000_000;
    }

    /**
     * Reads every image of a DM3/DM4 file.
     *
     * @param file the file
     * @return one dataset per image object (thumbnails excluded), in file order
     * @throws InvalidFileException if the file is empty, not DM3/DM4, truncated or corrupt, or has no image
     * @throws IOException on an I/O error
     */
    @Override
    public List<Dataset> read(Path file) throws IOException {
        long size = Files.size(file);
        if (size == 0) {
            throw new InvalidFileException(file, "empty file");
        }
        try (Arena arena = Arena.ofConfined(); FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            DmTagParser parser = new DmTagParser(file, seg);
            Map<String, Object> root = parser.parse();
            Object list = root.get("ImageList");
            if (!(list instanceof Map<?, ?> images) || images.isEmpty()) {
                throw new InvalidFileException(file, "no ImageList in the tag tree: not a DigitalMicrograph image document");
            }
            Set<Long> thumbs = new HashSet<>();
            if (root.get("Thumbnails") instanceof Map<?, ?> th) {
                for (Object t : th.values()) {
                    if (Tags.child(t, "ImageIndex") instanceof Number n) {
                        thumbs.add(n.longValue());
                    }
                }
            }
            List<Map.Entry<?, ?>> chosen = new ArrayList<>();
            for (Map.Entry<?, ?> e : images.entrySet()) {
                String k = String.valueOf(e.getKey());
                if (k.startsWith("TagGroup")) {
                    try {
                        if (thumbs.contains(Long.parseLong(k.substring(8)))) {
                            continue;
                        }
                    } catch (NumberFormatException ex) {
                        // a named image: not a thumbnail
                    }
                }
                chosen.add(e);
            }
            if (chosen.isEmpty()) {
                throw new InvalidFileException(file, "the file holds only thumbnails, no image");
            }
            List<Dataset> out = new ArrayList<>();
            for (Map.Entry<?, ?> e : chosen) {
                if (!(e.getValue() instanceof Map<?, ?> im)) {
                    throw new InvalidFileException(file, "ImageList entry '" + e.getKey() + "' is not a tag group");
                }
                // HyperSpy's tag dictionary starts as {"root": {}} and keeps that empty entry
                Map<String, Object> orig = new LinkedHashMap<>();
                orig.put("root", new LinkedHashMap<String, Object>());
                orig.putAll(root);
                orig.remove("ImageList");
                Map<String, Object> il = new LinkedHashMap<>();
                il.put("TagGroup0", im);
                orig.put("ImageList", il);
                Metadata md = new Metadata(new LinkedHashMap<>(), orig);
                if (chosen.size() > 1) {
                    md = md.copy(); // images of one file must not share mutable trees
                }
                out.add(image(file, ch, seg, parser.order(), castMap(im), md));
            }
            return out;
        } catch (ArithmeticException e) {
            throw new InvalidFileException(file, "image dimensions overflow: " + e.getMessage(), e);
        } catch (InternalError e) {
            // a mapped file shrunk while being read
            throw new InvalidFileException(file, "the file changed while being read: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    private static DType dtypeOf(Path file, int t) throws InvalidFileException {
        return switch (t) {
            case 1 -> DType.INT16;
            case 2 -> DType.FLOAT32;
            case 3, 5, 27 -> DType.COMPLEX64;
            case 6 -> DType.UINT8;
            case 7 -> DType.INT32;
            case 8, 23 -> DType.RGBA8;
            case 9 -> DType.INT8;
            case 10 -> DType.UINT16;
            case 11 -> DType.UINT32;
            case 12 -> DType.FLOAT64;
            case 13, 28 -> DType.COMPLEX128;
            case 14 -> DType.BOOL;
            default -> throw new InvalidFileException(file, "unsupported image DataType " + t
                    + (t == 4 ? " (4-byte packed RGB)" : ""));
        };
    }

    /** One image object; a large block in array order (not transposed, not RGBA) is mapped from {@code ch} read-only. */
    private static Dataset image(Path file, FileChannel ch, MemorySegment seg, ByteOrder order, Map<String, Object> im, Metadata md) throws IOException {
        Object imageData = Tags.child(im, "ImageData");
        if (!(imageData instanceof Map<?, ?>)) {
            throw new InvalidFileException(file, "image without ImageData");
        }
        // dimensions, DM order (fastest first)
        List<Long> dm = new ArrayList<>();
        if (Tags.child(imageData, "Dimensions") instanceof Map<?, ?> dims) {
            for (Object v : dims.values()) {
                if (!(v instanceof Number n)) {
                    throw new InvalidFileException(file, "ImageData.Dimensions holds a non-number " + v);
                }
                long d = n.longValue();
                if (d < 1 || d > Integer.MAX_VALUE - 8) {
                    throw new InvalidFileException(file, "ImageData.Dimensions has an invalid size " + d);
                }
                dm.add(d);
            }
        }
        if (dm.isEmpty()) {
            throw new InvalidFileException(file, "image without ImageData.Dimensions");
        }
        int rank = dm.size();
        if (!(Tags.child(imageData, "DataType") instanceof Number dtNum)) {
            throw new InvalidFileException(file, "image without ImageData.DataType");
        }
        int dataType = dtNum.intValue();
        DType dtype = dtypeOf(file, dataType);
        if (!(Tags.child(imageData, "Data") instanceof Map<?, ?> data) || !(data.get("offset") instanceof Long offset)
                || !(data.get("size_bytes") instanceof Long sizeBytes)) {
            throw new InvalidFileException(file, "image without an ImageData.Data array");
        }
        // array-order shape
        int[] shape = new int[rank];
        long n = 1;
        for (int i = 0; i < rank; i++) {
            shape[i] = (int) (long) dm.get(rank - 1 - i);
            n = Math.multiplyExact(n, shape[i]);
        }
        boolean packed = dataType == 27 || dataType == 28;
        boolean oldPacked = dataType == 5;
        long claimed;
        int packedCols = 0;
        if (oldPacked) {
            if (rank != 2 || shape[0] != shape[1] || shape[0] % 2 != 0) {
                throw new InvalidFileException(file, "old packed complex data (DataType 5) must be a square image of even size, not " + dm);
            }
            claimed = Math.multiplyExact(n, 4L); // 2N x 2N float32 values
        } else if (packed) {
            if (rank != 2) {
                throw new InvalidFileException(file, "packed complex data with " + rank + " dimensions (expected 2)");
            }
            packedCols = shape[1] / 2 + 1;
            claimed = Math.multiplyExact(Math.multiplyExact((long) shape[0], packedCols), (long) dtype.byteSize());
        } else {
            claimed = Math.multiplyExact(n, (long) dtype.byteSize());
        }
        InvalidFileException.checkPayload(file, claimed, sizeBytes);
        if (claimed != sizeBytes) {
            throw new InvalidFileException(file, "ImageData.Dimensions " + dm + " (" + claimed + " bytes of " + dtype.numpyName()
                    + ") disagree with the " + sizeBytes + " bytes of ImageData.Data");
        }
        if (offset < 0 || offset + sizeBytes > seg.byteSize()) {
            throw new InvalidFileException(file, "ImageData.Data at offset " + offset + " runs past the end of the file");
        }

        // axes in array order
        String signalType = signalType(im);
        double[] scales = new double[rank];
        double[] offsets = new double[rank];
        String[] units = new String[rank];
        List<Object> cal = new ArrayList<>();
        if (Tags.get(imageData, "Calibrations.Dimension") instanceof Map<?, ?> c) {
            cal.addAll(c.values());
        }
        for (int d = 0; d < rank; d++) { // d: DM dimension
            int a = rank - 1 - d;
            double scale = 1;
            double origin = 0;
            String u = "";
            if (d < cal.size()) {
                Double s = Tags.number(Tags.child(cal.get(d), "Scale"));
                Double o = Tags.number(Tags.child(cal.get(d), "Origin"));
                scale = s == null ? 1 : s;
                origin = o == null ? 0 : o;
                u = Tags.text(Tags.child(cal.get(d), "Units"));
            }
            double off = -1 * origin * scale;
            if (scale == 0 || !Double.isFinite(scale) || !Double.isFinite(off)) {
                scale = 1; // an uncalibrated axis: Tessera axes need a finite, non-zero scale
                off = 0;
            }
            scales[a] = scale;
            offsets[a] = off;
            units[a] = u;
        }
        String[] names = names(units, signalType);

        Object imageTags = Tags.child(im, "ImageTags");
        Object format = Tags.get(imageTags, "Meta_Data.Format");
        boolean spim = Tags.has(imageTags, "spim");
        boolean toSpectrum = ("Spectrum image".equals(format) || spim) && rank > 2;
        String recordBy;
        if (rank == 1 || (("Spectrum image".equals(format) || "Spectrum".equals(format) || spim) && rank == 2)) {
            recordBy = "spectrum";
        } else {
            recordBy = "image";
        }

        // data
        MemorySegment src = seg.asSlice(offset, sizeBytes);
        MemorySegment dst;
        ByteOrder dstOrder = order;
        int[] outShape = shape.clone();
        if (packed) {
            dst = unpackComplex(src, order, dtype, shape[0], shape[1], packedCols);
            dstOrder = ByteOrder.nativeOrder();
        } else if (oldPacked) {
            dst = unpackOldComplex(src, order, shape[0] / 2);
            dstOrder = ByteOrder.nativeOrder();
        } else if (!toSpectrum && dtype != DType.RGBA8 && FileMapping.shouldMap(claimed)) {
            dst = FileMapping.mapReadOnly(ch, offset, claimed); // a large image block in array order: the file's bytes, read-only
        } else {
            dst = FileMapping.allocateDecoded(file, claimed); // a large transposed spectrum image: a scratch mapping (ADR 0017)
            if (toSpectrum) {
                transpose(src, dst, shape[0], n / shape[0], dtype.byteSize());
            } else {
                MemorySegment.copy(src, 0, dst, 0, claimed);
            }
            if (dtype == DType.RGBA8) {
                for (long i = 0; i < n; i++) { // B, G, R, A -> R, G, B, A
                    byte bl = dst.get(ValueLayout.JAVA_BYTE, 4 * i);
                    dst.set(ValueLayout.JAVA_BYTE, 4 * i, dst.get(ValueLayout.JAVA_BYTE, 4 * i + 2));
                    dst.set(ValueLayout.JAVA_BYTE, 4 * i + 2, bl);
                }
                dstOrder = ByteOrder.LITTLE_ENDIAN;
            }
        }

        List<Axis> axes = new ArrayList<>();
        int[] perm = new int[rank];
        for (int i = 0; i < rank; i++) {
            perm[i] = i;
        }
        int signalDims = "spectrum".equals(recordBy) ? 1 : Math.min(2, rank);
        if (toSpectrum) { // spectral axis (array axis 0) moves last
            for (int i = 0; i < rank - 1; i++) {
                perm[i] = i + 1;
            }
            perm[rank - 1] = 0;
            signalDims = 1;
        }
        for (int i = 0; i < rank; i++) {
            int a = perm[i];
            axes.add(new Axis(names[a], outShape[a], scales[a], offsets[a], units[a], i < rank - signalDims));
        }
        // squeeze: axes of size 1 go (HyperSpy's s.squeeze()); keep one if all are 1
        List<Axis> kept = new ArrayList<>();
        for (Axis ax : axes) {
            if (ax.size() > 1) {
                kept.add(ax);
            }
        }
        if (kept.isEmpty()) {
            Axis last = axes.get(axes.size() - 1);
            kept.add(last.withNavigate(false));
        } else if (kept.stream().allMatch(Axis::navigate)) {
            // every signal axis had size 1: the innermost remaining axis becomes the signal
            Axis last = kept.remove(kept.size() - 1);
            kept.add(last.withNavigate(false));
        }

        // metadata
        String title = Tags.text(Tags.child(im, "Name"));
        md.set("General.title", title);
        md.set("General.original_filename", file.getFileName().toString());
        md.set("Signal.signal_type", signalType);
        if ("EDS_TEM".equals(signalType) && kept.stream().filter(x -> !x.navigate()).count() == 1) {
            // EDSTEMSpectrum._set_default_param with HyperSpy's default preferences
            md.set("Acquisition_instrument.TEM.Stage.tilt_alpha", 0.0);
            md.set("Acquisition_instrument.TEM.Detector.EDS.elevation_angle", 35.0);
            md.set("Acquisition_instrument.TEM.Detector.EDS.energy_resolution_MnKa", 130.0);
            md.set("Acquisition_instrument.TEM.Detector.EDS.azimuth_angle", 0.0);
        }
        DmMetadata.map(md, imageTags, signalType);
        return Dataset.wrap(dtype, dst, dstOrder, kept, md);
    }

    /** HyperSpy's signal type from {@code ImageTags.Meta Data.Signal} and instrument groups. */
    private static String signalType(Map<String, Object> im) {
        Object tags = Tags.child(im, "ImageTags");
        Object s = Tags.get(tags, "Meta_Data.Signal");
        if ("X-ray".equals(s)) {
            return "EDS_TEM";
        }
        if ("CL".equals(s) || Tags.get(tags, "Acquisition.Monarc_Spectrometer") != null) {
            return "CL";
        }
        if ("EELS".equals(s) || Tags.get(tags, "spim.eels") != null) {
            return "EELS";
        }
        return "";
    }

    /** Axis names in array order as HyperSpy gives them. */
    private static String[] names(String[] units, String signalType) {
        int rank = units.length;
        String[] names = new String[rank];
        java.util.Arrays.fill(names, "");
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            idx.add(i);
        }
        String unit = switch (signalType) {
            case "EELS" -> "eV";
            case "CL" -> "nm";
            default -> null;
        };
        if (unit != null) {
            for (int i = 0; i < rank; i++) {
                if (units[i].equals(unit)) {
                    names[i] = unit.equals("eV") ? "Energy loss" : "Wavelength";
                    idx.remove(Integer.valueOf(i));
                    break;
                }
            }
        }
        String[] xyz = {"x", "y", "z"};
        for (int k = 0; k < 3 && k < idx.size(); k++) {
            names[idx.get(idx.size() - 1 - k)] = xyz[k];
        }
        return names;
    }

    /**
     * Transposes a row-major {@code rows x cols} matrix of {@code es}-byte elements into
     * {@code cols x rows}, in 64 x 64 tiles; elements are moved as raw bits (any byte order).
     */
    private static void transpose(MemorySegment src, MemorySegment dst, long rows, long cols, int es) {
        final int tile = 64;
        for (long r0 = 0; r0 < rows; r0 += tile) {
            long r1 = Math.min(rows, r0 + tile);
            for (long c0 = 0; c0 < cols; c0 += tile) {
                long c1 = Math.min(cols, c0 + tile);
                for (long r = r0; r < r1; r++) {
                    long in = r * cols;
                    switch (es) {
                        case 1 -> {
                            for (long c = c0; c < c1; c++) {
                                dst.set(ValueLayout.JAVA_BYTE, c * rows + r, src.get(ValueLayout.JAVA_BYTE, in + c));
                            }
                        }
                        case 2 -> {
                            for (long c = c0; c < c1; c++) {
                                dst.set(ValueLayout.JAVA_SHORT_UNALIGNED, (c * rows + r) * 2, src.get(ValueLayout.JAVA_SHORT_UNALIGNED, (in + c) * 2));
                            }
                        }
                        case 4 -> {
                            for (long c = c0; c < c1; c++) {
                                dst.set(ValueLayout.JAVA_INT_UNALIGNED, (c * rows + r) * 4, src.get(ValueLayout.JAVA_INT_UNALIGNED, (in + c) * 4));
                            }
                        }
                        case 8 -> {
                            for (long c = c0; c < c1; c++) {
                                dst.set(ValueLayout.JAVA_LONG_UNALIGNED, (c * rows + r) * 8, src.get(ValueLayout.JAVA_LONG_UNALIGNED, (in + c) * 8));
                            }
                        }
                        default -> {
                            for (long c = c0; c < c1; c++) {
                                MemorySegment.copy(src, (in + c) * es, dst, (c * rows + r) * es, es);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Unpacks the old packed complex FFT layout (DataType 5: a {@code 2N x 2N} Hermitian
     * spectrum stored as {@code 4N^2} float32 values) into {@code 2N x 2N} complex64, as HyperSpy's
     * {@code unpack_packed_complex}: the real values at (0,0), (N,0), (0,N), (N,N), the top right
     * quarter, the lower half of column 0, row N right of N and the bottom right quarter from the
     * file, the rest by {@code A[i][j] = conj A[2N-i][2N-j]}.
     */
    private static MemorySegment unpackOldComplex(MemorySegment src, ByteOrder order, int n) {
        int m = 2 * n;
        ValueLayout.OfFloat fIn = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(order);
        float[] t = new float[m * m];
        for (int i = 0; i < t.length; i++) {
            t[i] = src.get(fIn, 4L * i);
        }
        float[] re = new float[m * m];
        float[] im = new float[m * m];
        re[n * m] = t[0];
        re[0] = t[1];
        re[n * m + n] = t[2 * n * n];
        re[n] = t[2 * n * n + 1];
        for (int i = 0; i < n; i++) { // top right quarter except column N
            int start = 2 * i * n + 2;
            for (int k = 0; k < n - 1; k++) {
                re[i * m + n + 1 + k] = t[start + 2 * k];
                im[i * m + n + 1 + k] = t[start + 2 * k + 1];
            }
        }
        for (int k = 0; k < n - 1; k++) { // column 0, bottom half
            re[(n + 1 + k) * m] = t[2 * n + 2 * n * k];
            im[(n + 1 + k) * m] = t[2 * n + 2 * n * k + 1];
        }
        int start = 2 * n * n + 2;
        for (int k = 0; k < n - 1; k++) { // row N right of column N
            re[n * m + n + 1 + k] = t[start + 2 * k];
            im[n * m + n + 1 + k] = t[start + 2 * k + 1];
        }
        start = 2 * n * n + 2 * n;
        for (int r = 0; r < n - 1; r++) { // bottom right quarter except row N
            for (int c = 0; c < n; c++) {
                int q = start + 2 * (r * n + c);
                re[(n + 1 + r) * m + n + c] = t[q];
                im[(n + 1 + r) * m + n + c] = t[q + 1];
            }
        }
        // Hermitian completion, in HyperSpy's order
        for (int j = 1; j < n; j++) {
            conj(re, im, m, 0, j, 0, m - j);
            conj(re, im, m, n, j, n, m - j);
        }
        for (int i = 1; i < n; i++) {
            conj(re, im, m, i, 0, m - i, 0);
            conj(re, im, m, i, n, m - i, n);
        }
        for (int i = 1; i < n; i++) {
            for (int j = 1; j < n; j++) {
                conj(re, im, m, i, j, m - i, m - j);
            }
        }
        for (int i = n + 1; i < m; i++) {
            for (int j = 1; j < n; j++) {
                conj(re, im, m, i, j, m - i, m - j);
            }
        }
        MemorySegment dst = OffHeap.allocate(Arena.ofAuto(), (long) m * m * 8, 16);
        for (int i = 0; i < m * m; i++) {
            dst.set(ValueLayout.JAVA_FLOAT_UNALIGNED, 8L * i, re[i]);
            dst.set(ValueLayout.JAVA_FLOAT_UNALIGNED, 8L * i + 4, im[i]);
        }
        return dst;
    }

    private static void conj(float[] re, float[] im, int m, int i, int j, int si, int sj) {
        re[i * m + j] = re[si * m + sj];
        im[i * m + j] = -im[si * m + sj];
    }

    /**
     * Unpacks DM's packed complex FFT layout ({@code rows x (w/2+1)} complex values) to
     * {@code rows x w} as HyperSpy does: {@code out[r][c] = in[r][p-1-c]} for {@code c < p},
     * {@code conj(in[r][1 + c - p])} after.
     */
    private static MemorySegment unpackComplex(MemorySegment src, ByteOrder order, DType dtype, int rows, int w, int p) {
        boolean dbl = dtype == DType.COMPLEX128;
        int es = dtype.byteSize();
        MemorySegment dst = OffHeap.allocate(Arena.ofAuto(), (long) rows * w * es, 16);
        ValueLayout.OfFloat fIn = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(order);
        ValueLayout.OfDouble dIn = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(order);
        ValueLayout.OfFloat fOut = ValueLayout.JAVA_FLOAT_UNALIGNED;
        ValueLayout.OfDouble dOut = ValueLayout.JAVA_DOUBLE_UNALIGNED;
        int half = es / 2;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < w; c++) {
                int sc = c < p ? p - 1 - c : 1 + c - p;
                double sign = c < p ? 1 : -1;
                long si = ((long) r * p + sc) * es;
                long di = ((long) r * w + c) * es;
                if (dbl) {
                    dst.set(dOut, di, src.get(dIn, si));
                    dst.set(dOut, di + half, sign * src.get(dIn, si + half));
                } else {
                    dst.set(fOut, di, src.get(fIn, si));
                    dst.set(fOut, di + half, (float) (sign * src.get(fIn, si + half)));
                }
            }
        }
        return dst;
    }
}
