package tessera.io.ripple.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tessera.core.io.DatasetReader;
import tessera.core.io.InvalidFileException;
import tessera.core.model.Axis;
import tessera.core.model.DType;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;

/**
 * Reader of Lispix Ripple files: a text header ({@code .rpl}, "Raw Parameter List") that
 * describes a headerless binary file ({@code .raw}) beside it.
 *
 * <p><b>Sources.</b> The format is NIST Lispix's (https://www.nist.gov/services-resources/software/lispix,
 * "Ripple and Raw file formats"): tab-separated key/value lines, comments after {@code ;},
 * keys {@code width height depth offset data-length data-type byte-order record-by
 * ev-per-chan detector-peak-width-ev}. HyperSpy adds calibration and acquisition keys
 * ({@code depth|width|height-origin|scale|units|name}, {@code signal}, {@code beam-energy},
 * {@code convergence-angle}, {@code collection-angle}, {@code elevation-angle},
 * {@code azimuth-angle}, {@code live-time}, {@code energy-resolution}, {@code tilt-stage},
 * {@code date}, {@code time}, {@code title}); this reader follows what HyperSpy 1.7.3
 * ({@code hyperspy/io_plugins/ripple.py}) and RosettaSciIO ({@code rsciio/ripple/_api.py})
 * make of them. Oxford INCA's variant (a first line with {@code (MLX::} entries) is
 * normalised first, as those readers do.
 *
 * <p><b>Layout and axes.</b> {@code record-by vector}: a spectrum image, array shape
 * {@code [height, width, depth]}, the depth (energy) axis is the signal axis;
 * {@code record-by image}: an image stack, shape {@code [depth, height, width]}, the last two
 * axes are signal axes; {@code record-by dont-care} (one image, {@code depth 1}): shape
 * {@code [height, width]}. Axes of size 1 are dropped (HyperSpy squeezes them). Axis names
 * default to {@code height}, {@code width}, {@code depth} (or the {@code *-name} keys),
 * scale to 1 (the depth axis falls back to {@code ev-per-chan}), offset to 0, units to "".
 *
 * <p><b>Data.</b> {@code data-type} signed/unsigned/float with {@code data-length} 1, 2, 4, 8
 * bytes (float: 4 or 8), {@code byte-order} little-endian, big-endian or dont-care (the
 * platform's order, as NumPy's {@code '='}). The {@code .raw} region starting at
 * {@code offset} is memory-mapped read-only: nothing is copied onto the heap, and the
 * dataset stays valid as long as it is reachable (the mapping belongs to an automatic arena).
 *
 * <p><b>Metadata</b> (HyperSpy keys): {@code General.original_filename}, {@code date},
 * {@code time}, {@code title}; {@code Signal.signal_type} (the {@code signal} key;
 * HyperSpy 1.7 drops {@code Signal.record_by}: the axes' navigate flags carry it);
 * {@code Acquisition_instrument.TEM.beam_energy} (kV), {@code convergence_angle} (mrad),
 * {@code Stage.tilt_alpha}, {@code Detector.EELS.collection_angle} (mrad),
 * {@code Detector.EDS.elevation_angle}, {@code azimuth_angle} (degrees),
 * {@code energy_resolution_MnKa} (eV), {@code live_time} (s). {@code original_metadata} holds
 * every header line as read (keys as spelled in the file; integer and float keys typed).
 *
 * <p><b>Validation.</b> Every required key must be present and valid, sizes at least 1,
 * the offset non-negative, and the claimed payload {@code width*height*depth*data-length}
 * must fit in the {@code .raw} file from {@code offset} ({@link InvalidFileException#checkPayload});
 * trailing bytes after the payload are ignored (HyperSpy 1.7.3 refuses them), and so is the
 * {@code record-by} of a {@code depth 1} file (HyperSpy requires dont-care there), while
 * {@code record-by dont-care} with {@code depth > 1} is refused. Any violation throws
 * {@link InvalidFileException} naming the file, one line.
 */
public final class RippleReader implements DatasetReader {
    /** A .rpl header larger than this is not a header. */
    static final long MAX_HEADER = 1 << 20;

    /** Public no-argument constructor for the extension registry. */
    public RippleReader() {
    }

    /**
     * Accepts a {@code .rpl} whose first bytes are text holding a tab, or a {@code .raw} with a
     * {@code .rpl} beside it.
     *
     * @param file the file
     * @param head its first bytes
     * @return true if this reader can open it
     */
    @Override
    public boolean sniff(Path file, byte[] head) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".raw")) {
            return sibling(file, "rpl") != null;
        }
        boolean tab = false;
        for (byte b : head) {
            if (b == 0) {
                return false;
            }
            tab |= b == '\t';
        }
        return tab;
    }

    /**
     * Reads the dataset a {@code .rpl}/{@code .raw} pair describes; either file may be given.
     *
     * @param file the {@code .rpl} or the {@code .raw} file
     * @return one dataset, its data memory-mapped from the {@code .raw} (read-only)
     * @throws InvalidFileException if the partner file is missing, the header is invalid or the
     *                              raw file is shorter than the header claims
     * @throws IOException          on an I/O error
     */
    @Override
    public List<Dataset> read(Path file) throws IOException {
        String name = file.getFileName().toString();
        boolean isRaw = name.toLowerCase(Locale.ROOT).endsWith(".raw");
        Path rpl = isRaw ? sibling(file, "rpl") : file;
        if (rpl == null) {
            throw new InvalidFileException(file, "no .rpl header beside this .raw file");
        }
        Path raw = isRaw ? file : sibling(file, "raw");
        if (raw == null) {
            throw new InvalidFileException(file, "no .raw data file beside this .rpl header");
        }
        long hsize = Files.size(rpl);
        if (hsize > MAX_HEADER) {
            throw new InvalidFileException(rpl, "a " + hsize + "-byte file is not a Ripple header (at most " + MAX_HEADER + " bytes)");
        }
        RplHeader h = RplHeader.parse(rpl, new String(Files.readAllBytes(rpl), StandardCharsets.ISO_8859_1));
        long rawSize = Files.size(raw);
        long bytes;
        try {
            bytes = Math.multiplyExact(Math.multiplyExact(Math.multiplyExact((long) h.width, h.height), h.depth), (long) h.dataLength);
        } catch (ArithmeticException e) {
            throw new InvalidFileException(rpl, "width " + h.width + " x height " + h.height + " x depth " + h.depth + " x "
                    + h.dataLength + " bytes overflows");
        }
        if (h.offset > rawSize) {
            throw new InvalidFileException(raw, "header offset " + h.offset + " lies beyond the end of the " + rawSize + "-byte raw file");
        }
        InvalidFileException.checkPayload(raw, bytes, rawSize - h.offset);
        List<Axis> axes = axes(rpl, h);
        MemorySegment seg;
        try (FileChannel ch = FileChannel.open(raw, StandardOpenOption.READ)) {
            seg = ch.map(FileChannel.MapMode.READ_ONLY, h.offset, bytes, Arena.ofAuto());
        }
        Metadata md = metadata(file, h);
        return List.of(Dataset.wrap(h.dtype, seg, h.order, axes, md));
    }

    /** The partner file with the same stem and the given extension (lower or upper case), or null. */
    static Path sibling(Path file, String ext) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        if (dot < 0) {
            return null;
        }
        String stem = n.substring(0, dot + 1);
        Path dir = file.toAbsolutePath().getParent();
        for (String e : new String[] {ext, ext.toUpperCase(Locale.ROOT)}) {
            Path p = dir.resolve(stem + e);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static List<Axis> axes(Path rpl, RplHeader h) throws InvalidFileException {
        boolean vector = h.recordBy.equals("vector");
        // array order: vector -> (height, width, depth); image, dont-care -> (depth, height, width)
        String[] keys = vector ? new String[] {"height", "width", "depth"} : new String[] {"depth", "height", "width"};
        int[] sizes = new int[3];
        List<Axis> out = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String k = keys[i];
            sizes[i] = switch (k) {
                case "height" -> h.height;
                case "width" -> h.width;
                default -> h.depth;
            };
            if (sizes[i] <= 1) {
                continue;
            }
            double scale = h.number(k + "-scale", k.equals("depth") ? h.number("ev-per-chan", 1.0) : 1.0);
            double origin = h.number(k + "-origin", 0.0);
            String units = h.text(k + "-units", "");
            if (units.equals("<undefined>")) {
                units = "";
            }
            String axisName = h.text(k + "-name", k);
            if (axisName.equals("<undefined>")) {
                axisName = ""; // what HyperSpy's writer stores for an unnamed axis
            }
            if (scale == 0 || !Double.isFinite(scale) || !Double.isFinite(origin)) {
                throw new InvalidFileException(rpl, "invalid calibration of the " + k + " axis: scale " + scale + ", origin " + origin);
            }
            out.add(new Axis(axisName, sizes[i], scale, origin, units, true));
            kept.add(k);
        }
        if (out.isEmpty()) {
            return List.of(Axis.uncalibrated("width", 1, false));
        }
        // the signal axes: the depth axis of a spectrum image, the last two axes of an image (stack)
        boolean spectrum = vector || (!h.recordBy.equals("image") && out.size() == 1);
        int nsig = spectrum ? 1 : Math.min(2, out.size());
        List<Axis> res = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            res.add(out.get(i).withNavigate(i < out.size() - nsig));
        }
        return res;
    }

    private static Metadata metadata(Path file, RplHeader h) {
        Map<String, Object> t = new LinkedHashMap<>();
        Metadata.put(t, "General.original_filename", file.getFileName().toString());
        Metadata.put(t, "General.date", h.text("date", ""));
        Metadata.put(t, "General.time", h.text("time", ""));
        Metadata.put(t, "General.title", h.text("title", ""));
        Metadata.put(t, "Signal.signal_type", h.text("signal", ""));
        String tem = "Acquisition_instrument.TEM.";
        putNumber(t, h, "convergence-angle", tem + "convergence_angle");
        putNumber(t, h, "tilt-stage", tem + "Stage.tilt_alpha");
        putNumber(t, h, "collection-angle", tem + "Detector.EELS.collection_angle");
        putNumber(t, h, "beam-energy", tem + "beam_energy");
        putNumber(t, h, "elevation-angle", tem + "Detector.EDS.elevation_angle");
        putNumber(t, h, "azimuth-angle", tem + "Detector.EDS.azimuth_angle");
        putNumber(t, h, "energy-resolution", tem + "Detector.EDS.energy_resolution_MnKa");
        putNumber(t, h, "detector-peak-width-ev", tem + "Detector.EDS.energy_resolution_MnKa");
        putNumber(t, h, "live-time", tem + "Detector.EDS.live_time");
        return new Metadata(t, h.original);
    }

    private static void putNumber(Map<String, Object> t, RplHeader h, String key, String path) {
        Object v = h.value(key);
        if (v != null) {
            Metadata.put(t, path, v);
        }
    }

    /** The ByteOrder NumPy's '=' stands for. */
    static ByteOrder nativeOrder() {
        return ByteOrder.nativeOrder();
    }

    /** Maps data-type and data-length to a type, or null if the pair has no type. */
    static DType dtype(String type, int length) {
        return switch (type + length) {
            case "signed1" -> DType.INT8;
            case "signed2" -> DType.INT16;
            case "signed4" -> DType.INT32;
            case "signed8" -> DType.INT64;
            case "unsigned1" -> DType.UINT8;
            case "unsigned2" -> DType.UINT16;
            case "unsigned4" -> DType.UINT32;
            case "unsigned8" -> DType.UINT64;
            case "float4" -> DType.FLOAT32;
            case "float8" -> DType.FLOAT64;
            default -> null;
        };
    }
}
