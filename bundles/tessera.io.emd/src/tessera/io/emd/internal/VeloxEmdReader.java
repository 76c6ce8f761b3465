package tessera.io.emd.internal;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import tessera.core.io.DatasetReader;
import tessera.core.io.InvalidFileException;
import tessera.core.model.Axis;
import tessera.core.model.DType;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.elements.Elements;
import tessera.io.hspy.hdf5.Hdf5Data;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Thermo Fisher (FEI) Velox EMD files: HDF5 with JSON metadata. Every signal of the file, in the order HyperSpy gives
 * them: the single spectra ({@code /Data/Spectrum}), the images and image stacks ({@code /Data/Image}: STEM detectors,
 * camera frames, EDS element maps, DPC and FFT results, complex where Velox stores real and imaginary parts), and the
 * EDS spectrum image decoded from the spectrum streams of all detectors, summed over detectors and frames
 * ({@code /Data/SpectrumStream}, see {@link SpectrumStream}).
 * <p>
 * Shapes and calibrations: spectrum {@code [channel]} (or {@code [spectrum, channel]} for a stack), energy in keV from the
 * detector's {@code Dispersion} (eV per channel) and {@code OffsetEnergy} (eV); image {@code [y, x]}, stack
 * {@code [frame, y, x]} with the frame time in s; spectrum image {@code [y, x, channel]} as unsigned 16-bit counts (32-bit
 * when a count passes 65535). Lengths are converted to the SI prefix HyperSpy chooses ({@link CompactUnits}). In a file
 * with a spectrum image only the first frame of each image is read (as HyperSpy: those are the survey images and
 * element maps); files of images alone read every frame.
 * <p>
 * Metadata in HyperSpy's keys: {@code General.title} (detector name, or the map label Velox displays, e.g. the
 * element of an EDS map, in files with a spectrum image), {@code General.date/time} (UTC), {@code Signal.signal_type} ({@code EDS_TEM} for spectra),
 * {@code Acquisition_instrument.TEM.beam_energy} (kV), {@code camera_length} (mm), {@code magnification},
 * {@code microscope}, {@code Stage.tilt_alpha/tilt_beta} (degrees), {@code Stage.x/y/z} (m),
 * {@code convergence_angle} (mrad), {@code Detector.EDS.elevation_angle} (degrees), {@code Detector.EDS.dwell_time}
 * (s, of the scan), {@code Detector.EDS.number_of_frames}, {@code Sample.elements}; every JSON tree of the signal
 * (and the file's {@code Operations}, {@code Displays}, {@code SharedProperties}, {@code Features}) in the original
 * metadata. A "pruned" file (spectrum streams removed when Velox saved it) gives its images and spectra and says in the
 * original metadata ({@value #PRUNED}) that the spectrum image is not there.
 * <p>
 * Sources: RosettaSciIO {@code rsciio/emd/_emd_velox.py} (the reference reader, including Velox EMD version 11) and its
 * tests {@code rsciio/tests/test_emd_velox.py}; HyperSpy 1.7.3 {@code io_plugins/emd.py} ({@code FeiEMDReader}), whose
 * arrays and axes the tests compare against.
 */
public final class VeloxEmdReader implements DatasetReader {
    /** original-metadata key saying why a spectrum image is absent */
    public static final String PRUNED = "Tessera.spectrum_image_absent";
    /** metadata key of the signal's group path inside the file ({@code FILE#/path} selects by it) */
    public static final String PATH = tessera.core.io.FileSelector.PATH_KEY;
    private static final byte[] HDF5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1A, '\n'};
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long MAX_JSON = 1 << 24;

    /** Public no-argument constructor for the extension registry. */
    public VeloxEmdReader() {
    }

    @Override
    public boolean sniff(Path file, byte[] head) {
        if (head.length < HDF5.length) {
            return false;
        }
        for (int i = 0; i < HDF5.length; i++) {
            if (head[i] != HDF5[i]) {
                return false;
            }
        }
        try (HdfFile h = Hdf5Data.open(file, VeloxEmdReader::oneLine)) {
            return veloxVersion(file, h) != null;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            return false;
        }
    }

    /** The Velox format version ("11", ...) if {@code /Version} says the file is Velox or DevelopersKit, else null. */
    private static String veloxVersion(Path file, HdfFile h) throws InvalidFileException {
        Node v = h.getChildren().get("Version");
        if (!(v instanceof io.jhdf.api.Dataset d)) {
            return null;
        }
        Map<String, Object> m = json(file, "/Version", string(d));
        Object format = m.get("format");
        if ("Velox".equals(format) || "DevelopersKit".equals(format)) {
            return String.valueOf(m.getOrDefault("version", "0"));
        }
        return null;
    }

    /**
     * How the spectrum image is decoded (HyperSpy's {@code emd} keywords).
     *
     * @param firstFrame   first frame summed, from 0
     * @param lastFrame    frame at which summing stops (exclusive), -1 for the last recorded
     * @param rebin        channels summed into one (divides the bin count)
     * @param sumDetectors one cube summed over the EDS detectors, or one cube per detector
     */
    record Options(int firstFrame, int lastFrame, int rebin, boolean sumDetectors) {
        static final Options DEFAULTS = new Options(0, -1, 1, true);
    }

    /**
     * The spectrum-image options, as HyperSpy names them: {@code first_frame} (from 0), {@code last_frame} (exclusive;
     * -1 = the last recorded), {@code rebin_energy} (channels summed, dividing the bin count; the energy scale is
     * multiplied by it), {@code sum_EDS_detectors} (false: one cube per detector, titled by the detector).
     *
     * @return the option specifications
     */
    @Override
    public List<tessera.core.analysis.ParameterSpec> options() {
        return List.of(tessera.core.analysis.ParameterSpec.ofInt("first_frame", 0, 0, null, "first frame of the spectrum image summed (from 0)"),
                tessera.core.analysis.ParameterSpec.ofInt("last_frame", -1, -1, null, "frame at which summing stops (exclusive); -1 = the last recorded"),
                tessera.core.analysis.ParameterSpec.ofInt("rebin_energy", 1, 1, 4096, "energy channels summed into one (must divide the bin count)"),
                tessera.core.analysis.ParameterSpec.ofBoolean("sum_EDS_detectors", true, "one spectrum image summed over the EDS detectors (false: one per detector)"));
    }

    /**
     * Reads with the {@link #options()} given.
     *
     * @param file    the file
     * @param options validated options
     * @return the datasets, as {@link #read(Path)}
     * @throws InvalidFileException if the file is not a valid Velox file or the options do not fit it
     * @throws IOException on an I/O error
     */
    @Override
    public List<Dataset> read(Path file, tessera.core.analysis.Parameters options) throws IOException {
        return read(file, new Options(options.getInt("first_frame"), options.getInt("last_frame"), options.getInt("rebin_energy"),
                options.getBoolean("sum_EDS_detectors")));
    }

    @Override
    public List<Dataset> read(Path file) throws IOException {
        return read(file, Options.DEFAULTS);
    }

    private List<Dataset> read(Path file, Options options) throws IOException {
        long size = Files.size(file);
        HdfFile h = Hdf5Data.open(file, VeloxEmdReader::oneLine);
        try (h) {
            String version = veloxVersion(file, h);
            if (version == null) {
                throw new InvalidFileException(file, "not a Velox EMD file (no /Version with format Velox)");
            }
            return new FileRead(file, size, h, version, options).read();
        } catch (RuntimeException | StackOverflowError e) {
            throw new InvalidFileException(file, "corrupt or truncated Velox EMD file: " + oneLine(e), e);
        }
    }

    /** The state of reading one file. */
    private static final class FileRead {
        final Path file;
        final long size;
        final HdfFile h;
        final int version;
        final Map<String, Object> fileMetadata = new LinkedHashMap<>();
        final Map<String, String> labels = new LinkedHashMap<>();
        final List<Dataset> out = new ArrayList<>();
        int[] spatialShape;

        final Options options;

        FileRead(Path file, long size, HdfFile h, String version, Options options) {
            this.options = options;
            this.file = file;
            this.size = size;
            this.h = h;
            int v;
            try {
                v = Integer.parseInt(version.trim());
            } catch (NumberFormatException e) {
                v = 0;
            }
            this.version = v;
        }

        List<Dataset> read() throws InvalidFileException {
            Group data = group("/Data");
            if (data == null) {
                throw new InvalidFileException(file, "Velox EMD file without a /Data group");
            }
            for (String key : List.of("Displays", "Operations", "SharedProperties", "Features")) {
                Group g = group("/" + key);
                if (g != null) {
                    fileMetadata.put(key, jsonGroup(g));
                }
            }
            boolean hasImage = data.getChildren().containsKey("Image");
            boolean streamFile = hasImage && data.getChildren().containsKey("SpectrumImage");
            if (streamFile) {
                // as HyperSpy and RosettaSciIO: display labels name the images (element maps) of spectrum-image files only
                labels();
            }
            if (!hasImage) {
                readSpectra(data);
                readImages(data, true);
            } else if (!streamFile) {
                readImages(data, true);
            } else {
                readSpectra(data);
                readImages(data, false);
                readSpectrumImage(data);
            }
            if (out.isEmpty()) {
                throw new InvalidFileException(file, "Velox EMD file without images, spectra or spectrum streams");
            }
            return out;
        }

        /** Map labels: the element (or detector) Velox shows for an image, keyed by the image's group name. */
        @SuppressWarnings("unchecked")
        private void labels() throws InvalidFileException {
            if (version >= 11) {
                Object displays = fileMetadata.get("Displays");
                if (displays instanceof Map<?, ?> d && d.get("ImageDisplay") instanceof Map<?, ?> images) {
                    for (Object v : images.values()) {
                        if (v instanceof Map<?, ?> m && m.get("data") instanceof String ref && m.get("id") != null) {
                            Node n = node(ref);
                            if (n instanceof io.jhdf.api.Dataset ds) {
                                Object path = json(file, ref, string(ds)).get("dataPath");
                                if (path != null) {
                                    labels.put(last(String.valueOf(path)), String.valueOf(m.get("id")));
                                }
                            }
                        }
                    }
                }
            } else {
                Group g = group("/Presentation/Displays/ImageDisplay");
                if (g != null) {
                    for (Node n : sorted(g)) {
                        if (n instanceof io.jhdf.api.Dataset ds) {
                            Map<String, Object> m = json(file, ds.getPath(), string(ds));
                            if (m.get("dataPath") != null && m.get("display") instanceof Map<?, ?> disp && disp.get("label") != null) {
                                labels.put(last(String.valueOf(m.get("dataPath"))), String.valueOf(((Map<String, Object>) disp).get("label")));
                            }
                        }
                    }
                }
            }
        }

        private void readSpectra(Group data) throws InvalidFileException {
            Group spectra = child(data, "Spectrum");
            if (spectra == null) {
                return;
            }
            for (Node n : sorted(spectra)) {
                if (!(n instanceof Group g)) {
                    continue;
                }
                io.jhdf.api.Dataset d = dataset(g, "Data");
                Map<String, Object> om = signalMetadata(g);
                long[] dims = d.getDimensionsAsLong();
                // stored [channel, spectrum]; HyperSpy transposes to [spectrum, channel] and squeezes a single spectrum
                if (dims.length != 2 && dims.length != 1) {
                    throw new InvalidFileException(file, g.getPath() + "/Data: a spectrum of rank " + dims.length);
                }
                int channels = checkedSize(dims[0], g.getPath());
                int count = dims.length == 2 ? checkedSize(dims[1], g.getPath()) : 1;
                double[] cal = energyCalibration(om);
                List<Axis> axes = new ArrayList<>();
                Dataset raw = Hdf5Data.read(file, size, d.getPath(), d,
                        List.of(new Axis("channel", channels, 1, 0, "", false), new Axis("spectrum", count, 1, 0, "", false)), null);
                Axis energy = new Axis("Energy", channels, cal[0], cal[1], "keV", false);
                Dataset ds;
                Metadata md = metadata(om, "EDS", true);
                md.set(Metadata.SIGNAL_TYPE, "EDS_TEM");
                md.set(PATH, groupPath(g));
                if (count == 1) {
                    axes.add(energy);
                    ds = Dataset.wrap(raw.dtype(), raw.data(), raw.byteOrder(), axes, md);
                } else {
                    axes.add(new Axis("Stack", count, 1, 0, "", true));
                    axes.add(energy);
                    ds = transpose2(raw, axes, md);
                }
                out.add(ds);
            }
        }

        private void readImages(Group data, boolean allFrames) throws InvalidFileException {
            Group images = child(data, "Image");
            if (images == null) {
                return;
            }
            for (Node n : sorted(images)) {
                if (!(n instanceof Group g)) {
                    continue;
                }
                out.add(readImage(g, allFrames));
            }
        }

        @SuppressWarnings("unchecked")
        private Dataset readImage(Group g, boolean allFrames) throws InvalidFileException {
            io.jhdf.api.Dataset d = dataset(g, "Data");
            Map<String, Object> om = signalMetadata(g);
            long[] dims = d.getDimensionsAsLong();
            if (dims.length != 3) {
                throw new InvalidFileException(file, g.getPath() + "/Data: an image of rank " + dims.length + ", expected [y, x, frame]");
            }
            int ny = checkedSize(dims[0], g.getPath());
            int nx = checkedSize(dims[1], g.getPath());
            int frames = checkedSize(dims[2], g.getPath());
            spatialShape = new int[] {ny, nx};
            String key = last(g.getPath());
            String title = labels.containsKey(key) ? labels.get(key) : detectorName(key);
            Map<String, Object> br = map(om.get("BinaryResult"));
            Map<String, Object> pix = map(br.get("PixelSize"));
            Map<String, Object> off = map(br.get("Offset"));
            String units = String.valueOf(br.getOrDefault("PixelUnitX", ""));
            double pw = number(pix.getOrDefault("width", 1.0));
            double ph = number(pix.getOrDefault("height", 1.0));
            CompactUnits.Converted sx = CompactUnits.convert(pw, units, nx);
            CompactUnits.Converted sy = CompactUnits.convert(ph, units, ny);
            double ox = CompactUnits.convert(number(off.getOrDefault("x", 0.0)), units, nx).value();
            double oy = CompactUnits.convert(number(off.getOrDefault("y", 0.0)), units, ny).value();
            Dataset raw = Hdf5Data.read(file, size, d.getPath(), d, List.of(new Axis("y", ny, 1, 0, "", false),
                    new Axis("x", nx, 1, 0, "", false), new Axis("frame", frames, 1, 0, "", false)), null);
            int kept = allFrames ? frames : 1;
            List<Axis> axes = new ArrayList<>();
            if (kept > 1) {
                Object frameTime = map(om.get("Scan")).get("FrameTime");
                if (frameTime == null) {
                    Object index = br.get("DetectorIndex");
                    frameTime = map(map(om.get("Detectors")).get("Detector-" + index)).get("ExposureTime");
                }
                CompactUnits.Converted t = CompactUnits.convert(frameTime == null ? 1 : number(frameTime), frameTime == null ? "" : "s", 2.0 * kept);
                axes.add(new Axis("Time", kept, t.value(), 0, t.units(), true));
            }
            axes.add(new Axis("y", ny, sy.value(), oy, sy.units(), false));
            axes.add(new Axis("x", nx, sx.value(), ox, sx.units(), false));
            Metadata md = metadata(om, title, false);
            String detector = title;
            Object detectors = om.get("Detectors");
            if (detectors instanceof Map<?, ?> dm) {
                for (Object v : dm.values()) {
                    if (v instanceof Map<?, ?> det && detector.equals(det.get("DetectorName"))) {
                        md.original().put("DetectorMetadata", det);
                    }
                }
            }
            md.set(PATH, groupPath(g));
            return frameFirst(raw, ny, nx, frames, kept, axes, md);
        }

        /** [y, x, frame] → [frame, y, x] for the first {@code kept} frames (squeezed when one). */
        private Dataset frameFirst(Dataset raw, int ny, int nx, int frames, int kept, List<Axis> axes, Metadata md) {
            DType dt = raw.dtype();
            int es = (int) dt.byteSize();
            if (frames == 1) {
                return Dataset.wrap(dt, raw.data(), raw.byteOrder(), axes, md);
            }
            MemorySegment src = raw.data();
            long plane = (long) ny * nx;
            MemorySegment dst = MemorySegment.ofArray(new byte[Math.toIntExact(plane * kept * es)]);
            for (int f = 0; f < kept; f++) {
                for (long p = 0; p < plane; p++) {
                    MemorySegment.copy(src, (p * frames + f) * es, dst, (f * plane + p) * es, es);
                }
            }
            return Dataset.wrap(dt, dst, raw.byteOrder(), axes, md);
        }

        /** [channel, spectrum] → [spectrum, channel]. */
        private Dataset transpose2(Dataset raw, List<Axis> axes, Metadata md) {
            int channels = raw.axis(0).size();
            int count = raw.axis(1).size();
            int es = (int) raw.dtype().byteSize();
            MemorySegment dst = MemorySegment.ofArray(new byte[Math.toIntExact((long) channels * count * es)]);
            for (int c = 0; c < channels; c++) {
                for (int s = 0; s < count; s++) {
                    MemorySegment.copy(raw.data(), ((long) c * count + s) * es, dst, ((long) s * channels + c) * es, es);
                }
            }
            return Dataset.wrap(raw.dtype(), dst, raw.byteOrder(), axes, md);
        }

        private void readSpectrumImage(Group data) throws InvalidFileException {
            Group streams = child(data, "SpectrumStream");
            if (streams == null || sorted(streams).isEmpty()) {
                // a "pruned" file: Velox removed the streams when saving; the cube is in a proprietary layout
                if (!out.isEmpty()) {
                    out.get(out.size() - 1).metadata().original().put(PRUNED,
                            "no spectrum stream in the file (pruned when saved in Velox): the EDS spectrum image cannot be read");
                }
                return;
            }
            if (spatialShape == null) {
                throw new InvalidFileException(file, "Velox spectrum streams without an image giving the scan shape");
            }
            int frames = -1;
            Group si = child(data, "SpectrumImage");
            if (si != null) {
                for (Node n : sorted(si)) {
                    if (n instanceof Group g && g.getChildren().get("SpectrumImageSettings") instanceof io.jhdf.api.Dataset s) {
                        Object end = json(file, s.getPath(), string(s)).get("endFramePosition");
                        if (end != null) {
                            frames = (int) number(end);
                        }
                        break;
                    }
                }
            }
            SpectrumStream.Cube cube = null;
            Map<String, Object> firstMetadata = null;
            int channels = -1;
            for (Node n : sorted(streams)) {
                if (!(n instanceof Group g)) {
                    continue;
                }
                io.jhdf.api.Dataset settings = dataset(g, "AcquisitionSettings");
                Map<String, Object> acq = json(file, settings.getPath(), string(settings));
                int bins = (int) number(acq.getOrDefault("bincount", -1));
                if (bins <= 0 || bins > 1 << 20) {
                    throw new InvalidFileException(file, g.getPath() + ": bin count " + acq.get("bincount") + " is not a channel count");
                }
                if (channels >= 0 && bins != channels) {
                    throw new InvalidFileException(file, g.getPath() + ": " + bins + " channels, the first stream has " + channels);
                }
                if (bins % options.rebin() != 0) {
                    throw new InvalidFileException(file, "rebin_energy " + options.rebin() + " does not divide the " + bins + " channels");
                }
                channels = bins;
                io.jhdf.api.Dataset d = dataset(g, "Data");
                long[] dims = d.getDimensionsAsLong();
                long length = 1;
                for (long x : dims) {
                    length = Math.multiplyExact(length, x);
                }
                if (length > Integer.MAX_VALUE - 8L) {
                    throw new InvalidFileException(file, g.getPath() + "/Data: a stream of " + length + " values is beyond this reader");
                }
                Dataset raw = Hdf5Data.read(file, size, d.getPath(), d, List.of(new Axis("event", (int) length, 1, 0, "", false)), null);
                if (raw.dtype() != DType.UINT16 && raw.dtype() != DType.INT16) {
                    throw new InvalidFileException(file, g.getPath() + "/Data: stream of " + raw.dtype() + ", expected uint16");
                }
                MemorySegment stream = native16(raw);
                int recorded = frames > 0 ? frames : SpectrumStream.countFrames(stream, length, (long) spatialShape[0] * spatialShape[1]);
                int last = options.lastFrame() < 0 ? recorded : options.lastFrame();
                if (last > recorded || options.firstFrame() >= last) {
                    throw new InvalidFileException(file, "frames " + options.firstFrame() + " to " + last + " asked for, the spectrum image has "
                            + recorded + " (first_frame from 0, last_frame exclusive)");
                }
                Map<String, Object> om = signalMetadata(g);
                Map<String, Object> imported = new LinkedHashMap<>();
                imported.put("First_frame", (long) options.firstFrame());
                imported.put("Last_frame", (long) last);
                imported.put("Number_of_frames", (long) recorded);
                imported.put("Rebin_energy", (long) options.rebin());
                imported.put("Number_of_channels", (long) bins);
                om.put("ImportedDataParameter", imported);
                SpectrumStream.Cube mine = SpectrumStream.add(file, g.getPath(), stream, length, spatialShape[0], spatialShape[1], bins,
                        options.rebin(), options.firstFrame(), last, options.sumDetectors() ? cube : null);
                if (options.sumDetectors()) {
                    cube = mine;
                    if (firstMetadata == null) {
                        firstMetadata = om;
                    }
                } else {
                    // one cube per detector, titled by it, with its own live and real time
                    out.add(spectrumImage(mine, om, String.valueOf(map(om.get("BinaryResult")).getOrDefault("Detector", "EDS")), groupPath(g)));
                }
            }
            if (cube != null) {
                out.add(spectrumImage(cube, firstMetadata, "EDS", groupPath(streams)));
            }
        }

        /** The dataset of a decoded cube: [y, x, X-ray energy] with the scan and detector calibrations. */
        private Dataset spectrumImage(SpectrumStream.Cube cube, Map<String, Object> om, String title, String path) {
            Map<String, Object> br = map(om.get("BinaryResult"));
            Map<String, Object> pix = map(br.get("PixelSize"));
            Map<String, Object> off = map(br.get("Offset"));
            String units = String.valueOf(br.getOrDefault("PixelUnitX", ""));
            int ny = cube.ny();
            int nx = cube.nx();
            CompactUnits.Converted sx = CompactUnits.convert(number(pix.getOrDefault("width", 1.0)), units, nx);
            CompactUnits.Converted sy = CompactUnits.convert(number(pix.getOrDefault("height", 1.0)), units, ny);
            double ox = CompactUnits.convert(number(off.getOrDefault("x", 0.0)), units, nx).value();
            double oy = CompactUnits.convert(number(off.getOrDefault("y", 0.0)), units, ny).value();
            double[] cal = energyCalibration(om);
            List<Axis> axes = List.of(new Axis("y", ny, sy.value(), oy, sy.units(), true), new Axis("x", nx, sx.value(), ox, sx.units(), true),
                    new Axis("X-ray energy", cube.channels(), cal[0] * options.rebin(), cal[1], "keV", false));
            Metadata md = metadata(om, title, true);
            md.set(Metadata.SIGNAL_TYPE, "EDS_TEM");
            Map<String, Object> imported = map(om.get("ImportedDataParameter"));
            md.set("Acquisition_instrument.TEM.Detector.EDS.number_of_frames",
                    ((Number) imported.get("Last_frame")).longValue() - ((Number) imported.get("First_frame")).longValue());
            md.set(PATH, path);
            return Dataset.wrap(cube.wide() ? DType.UINT32 : DType.UINT16, cube.counts(), ByteOrder.nativeOrder(), axes, md);
        }

        private MemorySegment native16(Dataset raw) {
            if (raw.byteOrder() == ByteOrder.nativeOrder()) {
                return raw.data();
            }
            long n = raw.data().byteSize() / 2;
            MemorySegment copy = MemorySegment.ofArray(new short[(int) n]);
            ValueLayout.OfShort src = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(raw.byteOrder());
            for (long i = 0; i < n; i++) {
                copy.setAtIndex(ValueLayout.JAVA_SHORT, i, raw.data().getAtIndex(src, i));
            }
            return copy;
        }

        /** Dispersion (keV per channel) and offset (keV) of the EDS detector named in the signal's BinaryResult. */
        private double[] energyCalibration(Map<String, Object> om) {
            Object name = map(om.get("BinaryResult")).get("Detector");
            if (name != null && om.get("Detectors") instanceof Map<?, ?> dets) {
                for (Object v : dets.values()) {
                    if (v instanceof Map<?, ?> det && det.get("DetectorName") != null
                            && String.valueOf(det.get("DetectorName")).contains(String.valueOf(name))
                            && det.get("Dispersion") != null && det.get("OffsetEnergy") != null) {
                        return new double[] {number(det.get("Dispersion")) / 1000.0, number(det.get("OffsetEnergy")) / 1000.0};
                    }
                }
            }
            return new double[] {1, 0};
        }

        /** Metadata in HyperSpy's keys from a signal's JSON tree (HyperSpy's mapping, plus what a microscopist needs). */
        @SuppressWarnings("unchecked")
        private Metadata metadata(Map<String, Object> om, String title, boolean elements) {
            Map<String, Object> original = new LinkedHashMap<>(om);
            original.putAll(fileMetadata);
            Metadata md = new Metadata(new LinkedHashMap<>(), original);
            md.set(Metadata.TITLE, title);
            md.set("General.original_filename", file.getFileName().toString());
            md.set(Metadata.SIGNAL_TYPE, "");
            Object start = map(map(om.get("Acquisition")).get("AcquisitionStartDatetime")).get("DateTime");
            if (start != null) {
                double t = number(start);
                ZonedDateTime z = Instant.ofEpochMilli(Math.round(t * 1000)).atZone(ZoneOffset.UTC);
                md.set("General.date", z.toLocalDate().toString());
                // as Python's isoformat: HH:MM:SS, with microseconds only when there are some
                md.set("General.time", z.toLocalTime().format(java.time.format.DateTimeFormatter.ofPattern(
                        z.getNano() == 0 ? "HH:mm:ss" : "HH:mm:ss.SSSSSS")));
                md.set("General.time_zone", "UTC");
            }
            Map<String, Object> optics = map(om.get("Optics"));
            if (optics.get("AccelerationVoltage") != null) {
                md.set(Metadata.BEAM_ENERGY, number(optics.get("AccelerationVoltage")) / 1e3);
            }
            if (optics.get("CameraLength") != null) {
                md.set("Acquisition_instrument.TEM.camera_length", number(optics.get("CameraLength")) * 1e3);
            }
            if (optics.get("BeamConvergence") != null) {
                md.set(Metadata.CONVERGENCE_ANGLE, number(optics.get("BeamConvergence")) * 1e3);
            }
            Object mag = map(map(om.get("CustomProperties")).get("StemMagnification")).get("value");
            if (mag != null) {
                md.set("Acquisition_instrument.TEM.magnification", number(mag));
            }
            Object microscope = map(om.get("Instrument")).get("InstrumentClass");
            if (microscope != null) {
                md.set("Acquisition_instrument.TEM.microscope", String.valueOf(microscope));
            }
            Map<String, Object> stage = map(om.get("Stage"));
            if (stage.get("AlphaTilt") != null) {
                md.set("Acquisition_instrument.TEM.Stage.tilt_alpha", round(Math.toDegrees(number(stage.get("AlphaTilt"))), 3));
            }
            if (stage.get("BetaTilt") != null) {
                md.set("Acquisition_instrument.TEM.Stage.tilt_beta", round(Math.toDegrees(number(stage.get("BetaTilt"))), 3));
            }
            Map<String, Object> position = map(stage.get("Position"));
            for (String axis : List.of("x", "y", "z")) {
                if (position.get(axis) != null) {
                    md.set("Acquisition_instrument.TEM.Stage." + axis, round(number(position.get(axis)), 6));
                }
            }
            Object dwell = map(om.get("Scan")).get("DwellTime");
            if (elements) {
                if (dwell != null) {
                    md.set("Acquisition_instrument.TEM.Detector.EDS.dwell_time", number(dwell));
                }
                Object elevation = edsDetector(om).get("ElevationAngle");
                if (elevation != null) {
                    md.set("Acquisition_instrument.TEM.Detector.EDS.elevation_angle", round(Math.toDegrees(number(elevation)), 3));
                }
                List<String> selected = elements(om);
                if (selected != null) {
                    md.set(Metadata.ELEMENTS, selected);
                }
            }
            return md;
        }

        /** The first EDS (analytical) detector of the signal's detector list, or an empty map. */
        private Map<String, Object> edsDetector(Map<String, Object> om) {
            if (om.get("Detectors") instanceof Map<?, ?> dets) {
                for (Object v : dets.values()) {
                    if (v instanceof Map<?, ?> det && "AnalyticalDetector".equals(det.get("DetectorType"))) {
                        return map(det);
                    }
                }
            }
            return Map.of();
        }

        /** The elements selected for quantification (atomic numbers in Velox), or null when the file names none. */
        private List<String> elements(Map<String, Object> om) {
            String group = version >= 11 ? "SharedProperties" : "Operations";
            String key = version >= 11 ? "EDSSpectrumQuantificationSettings" : "ImageQuantificationOperation";
            Map<String, Object> settings = map(map(fileMetadata.get(group)).get(key));
            if (settings.isEmpty()) {
                return null;
            }
            Map<String, Object> first = map(settings.values().iterator().next());
            List<String> symbols = new ArrayList<>();
            if (first.get("elementSelection") instanceof List<?> zs) {
                for (Object z : zs) {
                    int atomic = (int) number(z);
                    if (atomic >= 1 && atomic <= 118) {
                        symbols.add(Elements.symbol(atomic));
                    }
                }
            }
            return symbols;
        }

        /** The detector of an image, from the operation that produced it (HyperSpy's rules), as Velox names it. */
        @SuppressWarnings("unchecked")
        private String detectorName(String key) {
            Map<String, Object> ops = map(fileMetadata.get("Operations"));
            for (Object v : map(ops.get("CameraInputOperation")).values()) {
                if (String.valueOf(map(v).get("dataPath")).contains(key)) {
                    return String.valueOf(map(v).get("cameraName"));
                }
            }
            for (Object v : map(ops.get("StemInputOperation")).values()) {
                if (String.valueOf(map(v).get("dataPath")).contains(key)) {
                    return String.valueOf(map(v).get("detector"));
                }
            }
            for (Object v : map(ops.get("SurfaceReconstructionOperation")).values()) {
                Map<String, Object> m = map(v);
                String mode = "true".equals(m.get("integrationMode")) ? "iDPC" : "dDPC";
                if (m.get("unfilteredDataPath") != null && String.valueOf(m.get("unfilteredDataPath")).contains(key)) {
                    return mode;
                }
                if (String.valueOf(m.get("dataPath")).contains(key)) {
                    return "true".equals(m.get("enableFilter")) ? "Filtered " + mode : mode;
                }
            }
            for (Object v : map(ops.get("MathematicsOperation")).values()) {
                Map<String, Object> m = map(v);
                if (String.valueOf(m.get("dataPath")).contains(key) && m.get("outputs") instanceof List<?> outs && !outs.isEmpty()) {
                    Object input = map(outs.get(0)).get("inputIndex");
                    if ("0".equals(input)) {
                        return "A-C";
                    } else if ("1".equals(input)) {
                        return "B-D";
                    }
                }
            }
            for (Object v : map(ops.get("DpcOperation")).values()) {
                if (String.valueOf(map(v).get("dataPath")).contains(key)) {
                    return "DPC";
                }
            }
            for (Object v : map(ops.get("IntegrationOperation")).values()) {
                if (String.valueOf(map(v).get("dataPath")).contains(key)) {
                    return "DCFI";
                }
            }
            for (Object v : map(ops.get("FftOperation")).values()) {
                if (String.valueOf(map(v).get("imageOutputPath")).contains(key)) {
                    return "Half FFT";
                }
            }
            return "Unrecognized_image_signal";
        }

        /** The JSON tree of a signal group: its {@code Metadata} dataset, column 0 (the first frame), NUL-padded UTF-8. */
        private Map<String, Object> signalMetadata(Group g) throws InvalidFileException {
            io.jhdf.api.Dataset d = dataset(g, "Metadata");
            long[] dims = d.getDimensionsAsLong();
            if (dims.length != 2 || dims[0] <= 0 || dims[0] > MAX_JSON || dims[1] <= 0 || dims[1] > 1 << 20) {
                throw new InvalidFileException(file, d.getPath() + ": metadata of shape " + java.util.Arrays.toString(dims));
            }
            int rows = (int) dims[0];
            int cols = (int) dims[1];
            Dataset raw = Hdf5Data.read(file, size, d.getPath(), d, List.of(new Axis("byte", rows, 1, 0, "", false),
                    new Axis("frame", cols, 1, 0, "", false)), null);
            if (raw.dtype().byteSize() != 1) {
                throw new InvalidFileException(file, d.getPath() + ": metadata of " + raw.dtype() + ", expected bytes");
            }
            byte[] text = new byte[rows];
            int n = 0;
            for (int i = 0; i < rows; i++) {
                byte b = raw.data().get(ValueLayout.JAVA_BYTE, (long) i * cols);
                if (b == 0) {
                    break;
                }
                text[n++] = b;
            }
            return json(file, d.getPath(), new String(text, 0, n, StandardCharsets.UTF_8));
        }

        /** A metadata group of JSON strings: each dataset parsed, each sub-group a map of its datasets. */
        private Map<String, Object> jsonGroup(Group g) throws InvalidFileException {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Node n : sorted(g)) {
                if (n instanceof Group sub) {
                    Map<String, Object> inner = new LinkedHashMap<>();
                    for (Node c : sorted(sub)) {
                        if (c instanceof io.jhdf.api.Dataset d) {
                            inner.put(c.getName(), json(file, d.getPath(), string(d)));
                        }
                    }
                    m.put(n.getName(), inner);
                } else if (n instanceof io.jhdf.api.Dataset d) {
                    m.put(n.getName(), json(file, d.getPath(), string(d)));
                }
            }
            return m;
        }

        private Group group(String path) {
            Node n = node(path);
            return n instanceof Group g ? g : null;
        }

        private Node node(String path) {
            return Hdf5Data.node(h, path);
        }

        private static Group child(Group g, String name) {
            return g.getChildren().get(name) instanceof Group c ? c : null;
        }

        private io.jhdf.api.Dataset dataset(Group g, String name) throws InvalidFileException {
            if (g.getChildren().get(name) instanceof io.jhdf.api.Dataset d) {
                return d;
            }
            throw new InvalidFileException(file, g.getPath() + " has no " + name + " dataset");
        }

        private int checkedSize(long n, String where) throws InvalidFileException {
            if (n <= 0 || n > Integer.MAX_VALUE - 8) {
                throw new InvalidFileException(file, where + ": dimension " + n + " is not an array size");
            }
            return (int) n;
        }
    }

    /** Children of a group in name order (h5py's order, which HyperSpy follows). */
    private static List<Node> sorted(Group g) {
        return new ArrayList<>(new TreeMap<>(g.getChildren()).values());
    }

    /** A group's path without the trailing slash jHDF gives it. */
    private static String groupPath(Group g) {
        String p = g.getPath();
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private static String last(String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /** The first string of a (1,) string dataset. */
    private static String string(io.jhdf.api.Dataset d) {
        Object v = Hdf5Data.datasetValue(d);
        if (v instanceof List<?> l) {
            return l.isEmpty() ? "" : String.valueOf(l.get(0));
        }
        if (v instanceof Object[] a) {
            return a.length == 0 ? "" : String.valueOf(a[0]);
        }
        return v == null ? "" : String.valueOf(v);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(Path file, String where, String text) throws InvalidFileException {
        if (text.length() > MAX_JSON) {
            throw new InvalidFileException(file, where + ": " + text.length() + " characters of JSON metadata");
        }
        try {
            Object v = JSON.readValue(text.strip(), Object.class);
            if (v instanceof Map<?, ?> m) {
                return (Map<String, Object>) m;
            }
            throw new InvalidFileException(file, where + ": JSON metadata is not an object");
        } catch (JacksonException e) {
            throw new InvalidFileException(file, where + ": malformed JSON metadata (" + oneLine(e) + ")", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static double number(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(o).trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.rint(v * f) / f;
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ');
    }
}
