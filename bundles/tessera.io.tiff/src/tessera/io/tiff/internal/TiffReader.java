package tessera.io.tiff.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tessera.core.io.DatasetReader;
import tessera.core.io.FileMapping;
import tessera.core.io.InvalidFileException;
import tessera.core.model.Axis;
import tessera.core.model.DType;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.io.tiff.internal.TiffStructure.Tag;

/**
 * Reader of TIFF and BigTIFF images (TIFF 6.0, Adobe 1992; BigTIFF), with the calibrations
 * electron microscopes write, as HyperSpy 1.7.3 ({@code hyperspy/io_plugins/tiff.py}) and
 * RosettaSciIO ({@code rsciio/tiff/_api.py}) read them through tifffile.
 *
 * <p><b>Series.</b> Pages (IFDs) of equal size and type form one dataset, in file order, as
 * tifffile's generic series: one page gives shape {@code [height, width]} (two signal axes),
 * {@code n} pages {@code [n, height, width]} with a navigation axis {@code "image series"}.
 * Pages of another size or type form another dataset (grouped by first appearance: pages A, B, A
 * give the datasets [A, A] and [B]), as tifffile groups them. An ImageJ hyperstack ({@code images=},
 * {@code frames=}, {@code slices=}, {@code channels=} in the ImageDescription) gives shape
 * {@code [frames, slices, channels, height, width]} without the axes of size 1 (names
 * {@code time}, {@code depth}, {@code color|em-wavelength|channel}), also when ImageJ stored
 * the images contiguously after a single IFD. Samples: see {@link TiffPage} (8 to 64-bit
 * integers, 32/64-bit floats, 8-bit RGB(A) as {@link DType#RGBA8}; none, LZW, PackBits, Deflate).
 *
 * <p><b>Calibration</b> (axes {@code height}, {@code width}; scale per pixel, offset of pixel
 * 0), in HyperSpy's order of precedence:
 * <ol>
 * <li>FEI/Thermo (tag 34682 FEI_HELIOS or 34680 FEI_SFEG, INI text): {@code [Scan] PixelWidth,
 * PixelHeight} in m, else {@code [IRBeam] HFW/VFW} over {@code [Image] ResolutionX/Y};</li>
 * <li>Zeiss SEM (tag 34118 CZ_SEM): the fourth unnamed value (pixel size in m at 1024 pixels
 * width) times {@code 1024 / width}, in m;</li>
 * <li>otherwise DigitalMicrograph's tags (65003/65004/65005 x/y/z units, 65006/65007/65008 x/y/z
 * origins, 65009/65010/65011 x/y/z scales; x is the width axis), then ImageJ's description:
 * with {@code unit=}, the scales are the inverse of YResolution (height) and XResolution (width);
 * {@code spacing=} is the scale of the stack axis; {@code unit=micron} gives µm.</li>
 * </ol>
 * Where HyperSpy 1.7.3 leaves the units undefined although ImageJ named one (for example
 * {@code unit=nm}), this reader keeps ImageJ's unit (HyperSpy keeps only micron); every scale,
 * offset and every unit HyperSpy sets is the same. XResolution/YResolution alone (no ImageJ
 * description) do not calibrate, as in HyperSpy without {@code force_read_resolution}. An
 * invalid calibration value (zero, NaN or infinite scale) is ignored (scale 1), as HyperSpy falls
 * back to an uncalibrated image when parsing fails.
 *
 * <p><b>Metadata</b> (HyperSpy keys): {@code General.original_filename}, {@code General.title}
 * (""), {@code Signal.signal_type} (""); {@code General.date}/{@code time} from DateTime
 * ({@code YYYY:MM:DD HH:MM:SS}); DM's {@code Signal.quantity} (65022) and
 * {@code Signal.Noise_properties.Variance_linear_model.gain_factor/gain_offset} (65025/65024);
 * FEI's beam energy (kV), stage, working distance (mm), dwell time (s), beam current (nA),
 * microscope, date, time and user; Zeiss's beam energy, magnification, stage (mm), working
 * distance (mm), dwell time (s), probe current (nA), detector, serial number, date, time and user,
 * as HyperSpy's {@code mapping_fei} and {@code mapping_cz_sem}. {@code original_metadata} holds the
 * first page's tags by tifffile's names (unknown tags by number), FEI's INI as
 * {@code fei_metadata} and Zeiss's text as {@code CZ_SEM}.
 *
 * <p>Not read (HyperSpy 1.7.3 reads them, the codecs only with imagecodecs): TVIPS, Olympus SIS, JEOL
 * SightX and Hamamatsu streak
 * calibrations, tifffile's own shaped-series JSON descriptions (such files read as plain pages),
 * JPEG and other codecs, old-style LZW, 1-bit, 16-bit float and planar RGB images; these give an
 * {@link InvalidFileException} or the uncalibrated image; and {@code force_read_resolution} (calibration
 * from XResolution/YResolution and ResolutionUnit alone) has no counterpart.
 *
 * <p><b>Memory.</b> The file is memory-mapped read-only. A series stored uncompressed, one sample per
 * pixel, with its strips back to back in page order (as tifffile, ImageJ and HyperSpy write) is a
 * slice of that mapping, not copied; other series are decoded into off-heap memory.
 *
 * <p><b>Validation.</b> Every offset, count and size is
 * checked before it is used ({@link TiffStructure}, {@link TiffPage}); the decoded size is checked
 * against the stored bytes before anything is allocated. Bad input ends in an
 * {@link InvalidFileException} naming the file, one line.
 */
public final class TiffReader implements DatasetReader {
    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(254, "NewSubfileType"), Map.entry(255, "SubfileType"), Map.entry(256, "ImageWidth"),
            Map.entry(257, "ImageLength"), Map.entry(258, "BitsPerSample"), Map.entry(259, "Compression"),
            Map.entry(262, "PhotometricInterpretation"), Map.entry(263, "Thresholding"), Map.entry(266, "FillOrder"),
            Map.entry(269, "DocumentName"), Map.entry(270, "ImageDescription"), Map.entry(271, "Make"), Map.entry(272, "Model"),
            Map.entry(273, "StripOffsets"), Map.entry(274, "Orientation"), Map.entry(277, "SamplesPerPixel"),
            Map.entry(278, "RowsPerStrip"), Map.entry(279, "StripByteCounts"), Map.entry(280, "MinSampleValue"),
            Map.entry(281, "MaxSampleValue"), Map.entry(282, "XResolution"), Map.entry(283, "YResolution"),
            Map.entry(284, "PlanarConfiguration"), Map.entry(285, "PageName"), Map.entry(286, "XPosition"),
            Map.entry(287, "YPosition"), Map.entry(296, "ResolutionUnit"), Map.entry(297, "PageNumber"),
            Map.entry(305, "Software"), Map.entry(306, "DateTime"), Map.entry(315, "Artist"), Map.entry(316, "HostComputer"),
            Map.entry(317, "Predictor"), Map.entry(320, "ColorMap"), Map.entry(322, "TileWidth"), Map.entry(323, "TileLength"),
            Map.entry(324, "TileOffsets"), Map.entry(325, "TileByteCounts"), Map.entry(338, "ExtraSamples"),
            Map.entry(339, "SampleFormat"), Map.entry(340, "SMinSampleValue"), Map.entry(341, "SMaxSampleValue"),
            Map.entry(33432, "Copyright"), Map.entry(34118, "CZ_SEM"), Map.entry(34680, "FEI_SFEG"),
            Map.entry(34682, "FEI_HELIOS"), Map.entry(50838, "IJMetadataByteCounts"), Map.entry(50839, "IJMetadata"));
    private static final int MAX_META_VALUES = 65536;
    private static final int[] DM_TAGS = {65003, 65004, 65005, 65009, 65010, 65011, 65006, 65007, 65008, 65022, 65024, 65025};

    /** Public no-argument constructor for the extension registry. */
    public TiffReader() {
    }

    /**
     * Accepts the classic and the BigTIFF header in either byte order.
     *
     * @param file the file (unused)
     * @param head its first bytes
     * @return true for {@code II*\0}, {@code MM\0*}, {@code II+\0}, {@code MM\0+}
     */
    @Override
    public boolean sniff(Path file, byte[] head) {
        if (head.length < 4) {
            return false;
        }
        if (head[0] == 'I' && head[1] == 'I') {
            return (head[2] == 42 || head[2] == 43) && head[3] == 0;
        }
        return head[0] == 'M' && head[1] == 'M' && head[2] == 0 && (head[3] == 42 || head[3] == 43);
    }

    /**
     * Reads every image series of a TIFF file.
     *
     * @param file the file
     * @return one dataset per series: shape {@code [height, width]} or {@code [n..., height, width]},
     *         the file's byte order, navigation axes first
     * @throws InvalidFileException on any structural problem, an unsupported variant, or truncated data
     * @throws IOException          on an I/O error
     */
    @Override
    public List<Dataset> read(Path file) throws IOException {
        long size = Files.size(file);
        if (size == 0) {
            throw new InvalidFileException(file, "file is empty");
        }
        MemorySegment seg;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, Arena.ofAuto());
        }
        try {
            return read(file, seg);
        } catch (ArithmeticException e) {
            throw new InvalidFileException(file, "image sizes in the header overflow (" + e.getMessage() + ")");
        }
    }

    private List<Dataset> read(Path file, MemorySegment seg) throws IOException {
        TiffStructure tif = TiffStructure.parse(file, seg);
        List<TiffPage> pages = new ArrayList<>();
        for (int i = 0; i < tif.ifds.size(); i++) {
            pages.add(new TiffPage(tif, i));
        }
        List<Dataset> out = new ArrayList<>();
        Map<String, Object> ij = VendorTags.imagej(text(tif, pages.get(0), 270));
        if (ij != null && ij.get("images") instanceof Long n && n > 1) {
            out.add(imagejStack(tif, pages, ij, n));
            return out;
        }
        List<List<TiffPage>> series = new ArrayList<>();
        for (TiffPage p : pages) {
            List<TiffPage> home = null;
            for (List<TiffPage> s : series) {
                if (s.get(0).sameShape(p)) {
                    home = s;
                    break;
                }
            }
            if (home == null) {
                series.add(home = new ArrayList<>());
            }
            home.add(p);
        }
        for (List<TiffPage> s : series) {
            List<String> names = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            if (s.size() > 1) {
                names.add("image series");
                sizes.add(s.size());
            }
            out.add(build(tif, s, names, sizes, null));
        }
        return out;
    }

    private Dataset imagejStack(TiffStructure tif, List<TiffPage> pages, Map<String, Object> ij, long images)
            throws IOException {
        TiffPage p0 = pages.get(0);
        if (images > Integer.MAX_VALUE) {
            throw new InvalidFileException(tif.file, "ImageJ description claims " + images + " images");
        }
        long f = count(ij, "frames"), z = count(ij, "slices"), c = count(ij, "channels");
        List<String> names = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        if (f > 0 && z > 0 && c > 0 && f * z * c == images) {
            if (f > 1) {
                names.add("time");
                sizes.add((int) f);
            }
            if (z > 1) {
                names.add("depth");
                sizes.add((int) z);
            }
            if (c > 1) {
                names.add("color|em-wavelength|channel");
                sizes.add((int) c);
            }
        } else {
            names.add("image series");
            sizes.add((int) images);
        }
        List<TiffPage> use;
        if (pages.size() >= images) {
            use = new ArrayList<>(pages.subList(0, (int) images));
            for (TiffPage p : use) {
                if (!p.sameShape(p0)) {
                    throw new InvalidFileException(tif.file, "ImageJ stack page " + p.index + " differs in size or type from page 0");
                }
            }
            return build(tif, use, names, sizes, null);
        }
        if (pages.size() != 1 || p0.compression != 1 || p0.predictor != 1 || p0.dtype == DType.RGBA8) {
            throw new InvalidFileException(tif.file, "ImageJ description claims " + images + " images but the file has "
                    + pages.size() + " pages");
        }
        // ImageJ writes stacks over 4 GiB as one IFD followed by the images, back to back and uncompressed
        for (int i = 1; i < p0.offsets.length; i++) {
            if (p0.offsets[i] != p0.offsets[i - 1] + p0.blockBytes()) {
                throw new InvalidFileException(tif.file, "ImageJ contiguous stack: the first image's strips are not contiguous");
            }
        }
        long total = Math.multiplyExact(images, p0.imageBytes());
        InvalidFileException.checkPayload(tif.file, total, tif.size - p0.offsets[0]);
        return build(tif, List.of(p0), names, sizes, tif.seg.asSlice(p0.offsets[0], total));
    }

    private static long count(Map<String, Object> ij, String key) {
        return ij.get(key) instanceof Long l ? l : 1;
    }

    private Dataset build(TiffStructure tif, List<TiffPage> pages, List<String> navNames, List<Integer> navSizes,
            MemorySegment contiguous) throws IOException {
        TiffPage p0 = pages.get(0);
        long per = (long) p0.width * p0.height * p0.dtype.byteSize();
        long n = 1;
        for (int s : navSizes) {
            n *= s;
        }
        long total = Math.multiplyExact(per, n);
        if (contiguous == null) {
            // the whole series can expand at most by the codec's ratio over the whole file (guards against blocks
            // that share compressed data): checked before allocating
            long ratio = TiffPage.maxRatio(p0.compression);
            long decoded = Math.multiplyExact(p0.imageBytes(), (long) pages.size());
            if (decoded / ratio > tif.size) {
                InvalidFileException.checkPayload(tif.file, decoded, tif.size > Long.MAX_VALUE / ratio ? Long.MAX_VALUE : tif.size * ratio);
            }
        }
        if (contiguous == null) {
            contiguous = mappable(tif, pages, total);
        }
        MemorySegment dst;
        if (contiguous != null) {
            dst = contiguous; // mapped, read-only: uncompressed contiguous data are not copied
        } else {
            dst = FileMapping.allocateDecoded(tif.file, total); // a scratch mapping when large (ADR 0017)
            long at = 0;
            for (TiffPage p : pages) {
                p.decode(dst, at);
                at += per;
            }
        }
        Map<String, Object> om = originalMetadata(tif, p0);
        Map<String, Object> md = new LinkedHashMap<>();
        Metadata.put(md, "General.original_filename", tif.file.getFileName().toString());
        Metadata.put(md, "General.title", "");
        Metadata.put(md, "Signal.signal_type", "");
        List<String> names = new ArrayList<>(navNames);
        names.add("height");
        names.add("width");
        List<Integer> sizes = new ArrayList<>(navSizes);
        sizes.add(p0.height);
        sizes.add(p0.width);
        Calibration cal = calibrate(tif, p0, om, md);
        List<Axis> axes = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            char k = switch (name) {
                case "height" -> 'x'; // HyperSpy's _order_axes_by_name: 'height' takes the 'x' entries
                case "width" -> 'y';
                case "depth", "image series", "time" -> 'z';
                default -> '-';
            };
            double scale = cal.scale(k), offset = cal.offset(k);
            String units = cal.units(k);
            if (k == 'z' && units.isEmpty() && name.equals("depth") && cal.imagejZUnit != null) {
                units = cal.imagejZUnit;
            }
            axes.add(new Axis(name, sizes.get(i), scale, offset, units, i < navNames.size()));
        }
        dateTime(om, md);
        return Dataset.wrap(p0.dtype, dst, p0.dtype == DType.RGBA8 ? java.nio.ByteOrder.LITTLE_ENDIAN : tif.order, axes,
                new Metadata(md, om));
    }

    /**
     * The mapped file region of a series when its pixels lie in the file exactly as the dataset lays them
     * out: uncompressed, no predictor, one sample per pixel, strips back to back in page order.
     *
     * @return the read-only slice of the mapped file, or null when the data must be decoded
     */
    private static MemorySegment mappable(TiffStructure tif, List<TiffPage> pages, long total) {
        TiffPage p0 = pages.get(0);
        long start = p0.offsets[0], at = start;
        for (TiffPage p : pages) {
            if (p.compression != 1 || p.predictor != 1 || p.samples != 1 || p.tiled || p.blockWidth != p.width) {
                return null;
            }
            int strips = (p.height + p.blockHeight - 1) / p.blockHeight;
            for (int i = 0; i < strips; i++) {
                if (p.offsets[i] != at) {
                    return null;
                }
                at += (long) Math.min(p.blockHeight, p.height - i * p.blockHeight) * p.width * p.pixelBytes();
            }
        }
        return at - start == total && at <= tif.size ? tif.seg.asSlice(start, total) : null;
    }

    /** Scales, offsets and units keyed as HyperSpy keys them: 'x' (height axis), 'y' (width), 'z' (stack). */
    private static final class Calibration {
        final Map<Character, Double> scales = new LinkedHashMap<>();
        final Map<Character, Double> offsets = new LinkedHashMap<>();
        final Map<Character, String> units = new LinkedHashMap<>();
        String imagejZUnit;

        double scale(char k) {
            Double v = scales.get(k);
            return v == null || v == 0 || !Double.isFinite(v) ? 1.0 : v;
        }

        double offset(char k) {
            Double v = offsets.get(k);
            return v == null || !Double.isFinite(v) ? 0.0 : v;
        }

        String units(char k) {
            String u = units.get(k);
            return u == null ? "" : u;
        }
    }

    private Calibration calibrate(TiffStructure tif, TiffPage p, Map<String, Object> om, Map<String, Object> md)
            throws InvalidFileException {
        Calibration c = new Calibration();
        Tag feiTag = p.tags.containsKey(34682) ? p.tags.get(34682) : p.tags.get(34680);
        if (feiTag != null && feiTag.valid() && TiffStructure.typeSize(feiTag.type()) == 1) {
            Map<String, Object> fei = VendorTags.fei(tif.text(feiTag, "FEI metadata"));
            om.remove("FEI_HELIOS");
            om.remove("FEI_SFEG");
            om.put("fei_metadata", fei);
            Double pw = num(Metadata.get(fei, "Scan.PixelWidth")), ph = num(Metadata.get(fei, "Scan.PixelHeight"));
            if (pw != null && ph != null) {
                c.scales.put('x', pw);
                c.scales.put('y', ph);
                c.units.put('x', "m");
                c.units.put('y', "m");
            } else {
                Double hfw = num(Metadata.get(fei, "IRBeam.HFW")), vfw = num(Metadata.get(fei, "IRBeam.VFW"));
                Double rx = num(Metadata.get(fei, "Image.ResolutionX")), ry = num(Metadata.get(fei, "Image.ResolutionY"));
                if (hfw != null && vfw != null && rx != null && ry != null) {
                    c.scales.put('x', hfw / rx);
                    c.scales.put('y', vfw / ry);
                    c.units.put('x', "m");
                    c.units.put('y', "m");
                }
            }
            mapFei(fei, md);
            return c;
        }
        Tag cz = p.tags.get(34118);
        if (cz != null && cz.valid() && TiffStructure.typeSize(cz.type()) == 1) {
            Map<String, Object> sem = VendorTags.czSem(tif.text(cz, "CZ_SEM"));
            om.put("CZ_SEM", sem);
            List<?> unnamed = (List<?>) sem.get("");
            if (unnamed.size() > 3 && unnamed.get(3) instanceof Number px) {
                double s = px.doubleValue() * 1024 / p.width;
                c.scales.put('x', s);
                c.scales.put('y', s);
                c.units.put('x', "m");
                c.units.put('y', "m");
            }
            mapZeiss(sem, md);
            return c;
        }
        boolean dm = false;
        for (int t : DM_TAGS) {
            dm |= p.tags.containsKey(t);
        }
        if (dm) {
            // DM's x is the width axis, HyperSpy's key 'y'; DM's y the height axis, key 'x'
            dmText(tif, p, 65003, c.units, 'y');
            dmText(tif, p, 65004, c.units, 'x');
            dmText(tif, p, 65005, c.units, 'z');
            dmNumber(tif, p, 65009, c.scales, 'y');
            dmNumber(tif, p, 65010, c.scales, 'x');
            dmNumber(tif, p, 65011, c.scales, 'z');
            dmNumber(tif, p, 65006, c.offsets, 'y');
            dmNumber(tif, p, 65007, c.offsets, 'x');
            dmNumber(tif, p, 65008, c.offsets, 'z');
            Map<Character, String> q = new LinkedHashMap<>();
            dmText(tif, p, 65022, q, 'q');
            if (q.containsKey('q')) {
                Metadata.put(md, "Signal.quantity", q.get('q'));
            }
            Map<Character, Double> g = new LinkedHashMap<>();
            dmNumber(tif, p, 65024, g, 'o');
            dmNumber(tif, p, 65025, g, 's');
            if (g.containsKey('o') && g.containsKey('s')) {
                Metadata.put(md, "Signal.Noise_properties.Variance_linear_model.gain_factor", g.get('s'));
                Metadata.put(md, "Signal.Noise_properties.Variance_linear_model.gain_offset", g.get('o'));
            }
        }
        Map<String, Object> ij = VendorTags.imagej(text(tif, p, 270));
        if (ij != null) {
            if (ij.containsKey("unit")) {
                String unit = String.valueOf(ij.get("unit"));
                String u = switch (unit) {
                    case "micron", "um", "\u00b5m", "\\u00B5m" -> "\u00b5m";
                    case "angstrom", "A" -> "\u00c5";
                    default -> unit;
                };
                if (unit.equals("micron")) {
                    c.units.put('x', u);
                    c.units.put('y', u);
                } else {
                    c.units.putIfAbsent('x', u); // HyperSpy 1.7.3 drops other units: kept here where it has none
                    c.units.putIfAbsent('y', u);
                }
                c.imagejZUnit = u;
                Double ry = resolutionScale(tif, p, 283), rx = resolutionScale(tif, p, 282);
                if (ry != null) {
                    c.scales.put('x', ry);
                }
                if (rx != null) {
                    c.scales.put('y', rx);
                }
            }
            if (ij.get("spacing") instanceof Number sp) {
                c.scales.put('z', sp.doubleValue());
            }
        }
        return c;
    }

    /** HyperSpy's _get_scales_from_x_y_resolution: denominator / numerator of the rational. */
    private static Double resolutionScale(TiffStructure tif, TiffPage p, int tag) throws InvalidFileException {
        Tag t = p.tags.get(tag);
        if (t == null || !t.valid() || (t.type() != 5 && t.type() != 10) || t.count() < 1) {
            return null;
        }
        long[] r = tif.rationals(t, "resolution");
        return (double) r[1] / (double) r[0];
    }

    private static void dmText(TiffStructure tif, TiffPage p, int tag, Map<Character, String> to, char k)
            throws InvalidFileException {
        Tag t = p.tags.get(tag);
        if (t != null && t.valid() && TiffStructure.typeSize(t.type()) == 1) {
            to.put(k, tif.text(t, "DM tag " + tag));
        }
    }

    private static void dmNumber(TiffStructure tif, TiffPage p, int tag, Map<Character, Double> to, char k)
            throws InvalidFileException {
        Tag t = p.tags.get(tag);
        if (t != null && t.valid() && t.count() >= 1 && t.type() != 2 && t.type() != 7) {
            to.put(k, tif.doubles(t, "DM tag " + tag)[0]);
        }
    }

    private static Double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : null;
    }

    private static void mapFei(Map<String, Object> fei, Map<String, Object> md) {
        String sem = "Acquisition_instrument.SEM.";
        Object hv = Metadata.get(fei, "Beam.HV");
        if (hv instanceof Number n) {
            Metadata.put(md, sem + "beam_energy", n.doubleValue() * 1e-3);
        }
        for (String[] e : new String[][] {{"StageX", "Stage.x"}, {"StageY", "Stage.y"}, {"StageZ", "Stage.z"},
            {"StageR", "Stage.rotation"}, {"StageT", "Stage.tilt"}}) {
            Object v = Metadata.get(fei, "Stage." + e[0]);
            if (v != null) {
                Metadata.put(md, sem + e[1], v);
            }
        }
        if (Metadata.get(fei, "Stage.WorkingDistance") instanceof Number n) {
            Metadata.put(md, sem + "working_distance", n.doubleValue() * 1e3);
        }
        Object dwell = Metadata.get(fei, "Scan.Dwelltime");
        if (dwell != null) {
            Metadata.put(md, sem + "dwell_time", dwell);
        }
        if (Metadata.get(fei, "EBeam.BeamCurrent") instanceof Number n) {
            Metadata.put(md, sem + "beam_current", n.doubleValue() * 1e9);
        }
        Object sys = Metadata.get(fei, "System.SystemType");
        if (sys != null) {
            Metadata.put(md, sem + "microscope", sys);
        }
        Object date = Metadata.get(fei, "User.Date");
        if (date != null && VendorTags.isoDate(date.toString()) != null) {
            Metadata.put(md, "General.date", VendorTags.isoDate(date.toString()));
        }
        Object time = Metadata.get(fei, "User.Time");
        if (time != null && VendorTags.isoTime(time.toString()) != null) {
            Metadata.put(md, "General.time", VendorTags.isoTime(time.toString()));
        }
        Object user = Metadata.get(fei, "User.User");
        if (user != null) {
            Metadata.put(md, "General.authors", user);
        }
    }

    private static void mapZeiss(Map<String, Object> cz, Map<String, Object> md) {
        String sem = "Acquisition_instrument.SEM.";
        plain(cz, "ap_actualkv", md, sem + "beam_energy");
        plain(cz, "ap_mag", md, sem + "magnification");
        withUnits(cz, "ap_stage_at_x", md, sem + "Stage.x", "mm");
        withUnits(cz, "ap_stage_at_y", md, sem + "Stage.y", "mm");
        withUnits(cz, "ap_stage_at_z", md, sem + "Stage.z", "mm");
        plain(cz, "ap_stage_at_r", md, sem + "Stage.rotation");
        plain(cz, "ap_stage_at_t", md, sem + "Stage.tilt");
        withUnits(cz, "ap_wd", md, sem + "working_distance", "mm");
        withUnits(cz, "dp_dwell_time", md, sem + "dwell_time", "s");
        withUnits(cz, "ap_iprobe", md, sem + "beam_current", "nA");
        plain(cz, "dp_detector_type", md, sem + "Detector.detector_type");
        plain(cz, "sv_serial_number", md, sem + "microscope");
        if (cz.get("ap_date") instanceof List<?> l && l.size() > 1 && VendorTags.isoDate(l.get(1).toString()) != null) {
            Metadata.put(md, "General.date", VendorTags.isoDate(l.get(1).toString()));
        }
        if (cz.get("ap_time") instanceof List<?> l && l.size() > 1 && VendorTags.isoTime(l.get(1).toString()) != null) {
            Metadata.put(md, "General.time", VendorTags.isoTime(l.get(1).toString()));
        }
        plain(cz, "sv_user_name", md, "General.authors");
    }

    /** HyperSpy's _parse_tuple_Zeiss: the value as a float if it is a number, else as it is. */
    private static void plain(Map<String, Object> cz, String key, Map<String, Object> md, String path) {
        if (cz.get(key) instanceof List<?> l && l.size() > 1) {
            Object v = l.get(1);
            if (v instanceof Number n) {
                v = n.doubleValue();
            } else if (v instanceof String s && VendorTags.pyNumber(s) != null) {
                v = VendorTags.pyNumber(s).doubleValue();
            }
            Metadata.put(md, path, v);
        }
    }

    private static void withUnits(Map<String, Object> cz, String key, Map<String, Object> md, String path, String to) {
        if (cz.get(key) instanceof List<?> l && l.size() > 2 && l.get(1) instanceof Number n) {
            Double v = VendorTags.convert(n.doubleValue(), l.get(2).toString(), to);
            if (v != null) {
                Metadata.put(md, path, v);
            }
        }
    }

    private static void dateTime(Map<String, Object> om, Map<String, Object> md) {
        if (!(om.get("DateTime") instanceof String dt)) {
            return;
        }
        for (String pattern : new String[] {"uuuu:MM:dd HH:mm:ss", "uuuu/MM/dd HH:mm"}) {
            try {
                LocalDateTime t = LocalDateTime.parse(dt.strip(), DateTimeFormatter.ofPattern(pattern));
                Metadata.put(md, "General.date", t.toLocalDate().toString());
                String time = t.toLocalTime().toString();
                Metadata.put(md, "General.time", time.length() == 5 ? time + ":00" : time);
                return;
            } catch (java.time.format.DateTimeParseException e) {
                // next pattern; an invalid DateTime is ignored, as HyperSpy does
            }
        }
    }

    private static String text(TiffStructure tif, TiffPage p, int tag) throws InvalidFileException {
        Tag t = p.tags.get(tag);
        if (t == null || !t.valid() || TiffStructure.typeSize(t.type()) != 1) {
            return null;
        }
        return tif.text(t, NAMES.getOrDefault(tag, "tag " + tag));
    }

    private static Map<String, Object> originalMetadata(TiffStructure tif, TiffPage p) throws InvalidFileException {
        Map<String, Object> om = new LinkedHashMap<>();
        for (Tag t : p.tags.values()) {
            String name = NAMES.getOrDefault(t.tag(), Integer.toString(t.tag()));
            if (!t.valid() || t.count() > MAX_META_VALUES) {
                continue;
            }
            Object v;
            switch (t.type()) {
                case 2 -> v = tif.text(t, name).strip(); // tifffile strips ASCII values
                case 5, 10 -> {
                    long[] r = tif.rationals(t, name);
                    v = r;
                }
                case 11, 12 -> {
                    double[] d = tif.doubles(t, name);
                    v = d.length == 1 ? (Object) d[0] : d;
                }
                default -> {
                    if (t.tag() == 34118 || t.tag() == 34680 || t.tag() == 34682 || (t.type() == 7 && t.count() > 1)) {
                        v = tif.text(t, name);
                    } else {
                        long[] l = tif.longs(t, name);
                        v = l.length == 1 ? (Object) l[0] : l;
                    }
                }
            }
            om.put(name, v);
        }
        return om;
    }
}
