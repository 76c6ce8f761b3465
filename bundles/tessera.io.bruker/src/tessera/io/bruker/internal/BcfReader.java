package tessera.io.bruker.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import tessera.core.io.DatasetReader;
import tessera.core.io.InvalidFileException;
import tessera.core.model.Axis;
import tessera.core.model.DType;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;

/**
 * Reader of Bruker Esprit hypermap files ({@code .bcf}): the SEM/BSE images and the EDS
 * spectrum image stored in an AidAim SFS container ({@link SfsContainer}).
 *
 * <p><b>Content.</b> {@code EDSDatabase/HeaderData} is an XML document
 * ({@code ClassInstance Type="TRTSpectrumDatabase"}) holding the SEM parameters
 * ({@code TRTSEMData}: {@code HV} kV, {@code Mag}, pixel size {@code DX}/{@code DY} in
 * µm), the stage, the DSP configuration, the image data ({@code TRTImageData}: base64
 * planes of 1/2/4-byte unsigned pixels), BCF v2 overview images, the element list
 * ({@code TRTSpectrumRegion}), the line counter and the sum spectrum of each map
 * ({@code SpectrumData<i>}, a {@code TRTSpectrum}, see {@link EdxSpectrumHeader}).
 * {@code EDSDatabase/SpectrumData<i>} is the packed hypermap ({@link HypermapDecoder}).
 * Numbers written with a decimal comma inside element text are read with a point, as
 * HyperSpy does.
 *
 * <p><b>Result</b> ({@link #read(Path)}, HyperSpy 1.7.3's {@code hs.load} defaults): the
 * images that are not all zero, each a dataset {@code [height, width]} (two signal axes
 * "height" and "width", scale {@code DY} and {@code DX} in µm, or 1 "pix" when the
 * header has no pixel size; dtype uint8/uint16/uint32 as stored; title from the plane's
 * {@code Description}), then the overview images of a v2 file, then the EDS cube of the
 * first map: dtype the smallest unsigned type holding the counts, shape
 * {@code [height, width, channels]}, navigation axes "height" ({@code DY*downsample}) and
 * "width" ({@code DX*downsample}), signal axis "Energy" in keV (offset {@code CalibAbs},
 * scale {@code CalibLin} of the map's sum spectrum). Metadata in HyperSpy's keys
 * ({@code Acquisition_instrument.SEM|TEM}: {@code beam_energy}, {@code magnification},
 * {@code Stage.*}, {@code Detector.EDS.*} with HyperSpy's EDS defaults for absent
 * angles, {@code energy_resolution_MnKa} 130 eV and {@code Stage.tilt_alpha} 0;
 * {@code Sample.name}, {@code elements}, {@code xray_lines}; {@code General.title}
 * "EDX", {@code date}, {@code time}, {@code original_filename};
 * {@code Signal.signal_type} {@code EDS_SEM} or {@code EDS_TEM}); {@code original_metadata}
 * holds the header branches as HyperSpy names them.
 *
 * <p><b>Deliberate difference from HyperSpy 1.7.3 / RosettaSciIO:</b> the cube's "width"
 * axis is scaled by {@code DX} (HyperSpy uses {@code DY} for both axes of the cube but
 * {@code DX} for the images' width); overview-image markers are not read.
 *
 * <p><b>Errors.</b> {@link InvalidFileException} (one line, naming the file) for a file
 * that is not an SFS container, a truncated or corrupt container, zlib or XML, a header
 * without image dimensions or spectrum calibration, or a corrupt hypermap.
 *
 * <p>Sources (read for the format, no code copied): HyperSpy 1.7.3
 * {@code hyperspy/io_plugins/bruker.py} (GPL-3) and RosettaSciIO {@code rsciio/bruker}
 * ({@code _api.py}, {@code unbcf_fast.pyx}, {@code tests/test_bruker.py}).
 */
public final class BcfReader implements DatasetReader {
    private static final Pattern DECIMAL_COMMA = Pattern.compile(">(-?\\d+),(\\d*(?:[Ee]-?\\d*)?<)");
    private static final Pattern INDEX = Pattern.compile("SpectrumData(\\d+)");
    private static final int MAX_IMAGE_SIDE = 1 << 16;

    /** Public no-argument constructor for the extension registry. */
    public BcfReader() {
    }

    /**
     * Accepts content that starts with the SFS signature {@code "AAMVHFSS"}.
     *
     * @param file the file (unused)
     * @param head the first bytes
     * @return true for an SFS container
     */
    @Override
    public boolean sniff(Path file, byte[] head) {
        if (head.length < 8) {
            return false;
        }
        for (int i = 0; i < 8; i++) {
            if (head[i] != SfsContainer.MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads the images and the EDS cube with HyperSpy's defaults ({@link BcfOptions#DEFAULTS}).
     *
     * @param file the file
     * @return the images ({@code [height, width]}) then the cube ({@code [height, width, energy]})
     * @throws InvalidFileException if the file is not a valid BCF
     * @throws IOException on an I/O error
     */
    @Override
    public List<Dataset> read(Path file) throws IOException {
        return read(file, BcfOptions.DEFAULTS);
    }

    /**
     * HyperSpy's {@code bcf_reader} keywords as reader options ({@code tessera analyze FILE --read-option downsample=2}):
     * {@code select_type} ({@code all}, {@code image}, {@code spectrum_image}), {@code index} (a hypermap of a BCF v2
     * stack: {@code -1} for all, default the first), {@code downsample} (pixel block size summed, ≥ 1),
     * {@code cutoff_at_kV} (keV, or {@code zealous} / {@code auto}; empty keeps every channel), {@code instrument}
     * ({@code SEM}, {@code TEM}; empty guesses from the beam energy).
     *
     * @return the option specifications
     */
    @Override
    public List<tessera.core.analysis.ParameterSpec> options() {
        return List.of(tessera.core.analysis.ParameterSpec.ofChoice("select_type", "all", List.of("all", "image", "spectrum_image"),
                        "what to read: the images and the EDS cube, only the images, or only the cube"),
                tessera.core.analysis.ParameterSpec.ofInt("index", -2, -2, null, "hypermap of a BCF v2 stack: -1 = all, -2 (default) = the first"),
                tessera.core.analysis.ParameterSpec.ofInt("downsample", 1, 1, 65536, "x-y pixel blocks of this size are summed into one pixel"),
                tessera.core.analysis.ParameterSpec.ofString("cutoff_at_kV", "", "keep the channels below this energy (keV), or 'zealous' "
                        + "(up to the last non-zero channel of the sum spectrum) or 'auto' (up to the beam energy); empty = every channel"),
                tessera.core.analysis.ParameterSpec.ofChoice("instrument", "", List.of("", "SEM", "TEM"), "SEM or TEM metadata; empty = TEM above 30 kV"));
    }

    /**
     * Reads a BCF with the {@link #options()} given.
     *
     * @param file    the file
     * @param options validated options
     * @return as {@link #read(Path, BcfOptions)}
     * @throws InvalidFileException if the file is not a valid BCF or the options do not fit it
     * @throws IOException on an I/O error
     */
    @Override
    public List<Dataset> read(Path file, tessera.core.analysis.Parameters options) throws IOException {
        String cut = options.getString("cutoff_at_kV").trim();
        BcfOptions o;
        try {
            o = new BcfOptions(switch (options.getString("select_type")) {
                case "image" -> BcfOptions.Select.IMAGES;
                case "spectrum_image" -> BcfOptions.Select.SPECTRUM_IMAGE;
                default -> BcfOptions.Select.ALL;
            }, options.getInt("index") == -2 ? null : options.getInt("index"), options.getInt("downsample"),
                    cut.isEmpty() || cut.equals("zealous") || cut.equals("auto") ? null : Double.valueOf(cut),
                    cut.equals("zealous") ? BcfOptions.AutoCutoff.ZEALOUS : cut.equals("auto") ? BcfOptions.AutoCutoff.AUTO : null,
                    options.getString("instrument").isEmpty() ? null : options.getString("instrument"));
        } catch (IllegalArgumentException e) {
            throw new InvalidFileException(file, "BCF reader options: " + e.getMessage());
        }
        try {
            return read(file, o);
        } catch (IllegalArgumentException e) {
            throw new InvalidFileException(file, e.getMessage());
        }
    }

    /**
     * Reads a BCF with options.
     *
     * @param file    the file
     * @param options selection, map index, downsampling, cut-off, instrument
     * @return the selected datasets in HyperSpy's order (images, overview images, cubes)
     * @throws InvalidFileException if the file is not a valid BCF
     * @throws IllegalArgumentException if the options do not fit the file (an index that is
     *                                  not present, a cut-off that leaves no channel)
     * @throws IOException on an I/O error
     */
    public List<Dataset> read(Path file, BcfOptions options) throws IOException {
        try (SfsContainer sfs = new SfsContainer(file)) {
            SfsContainer.Entry he = sfs.entry("EDSDatabase/HeaderData");
            if (he == null) {
                throw Errors.invalid(file, "SFS container without EDSDatabase/HeaderData (not a Bruker BCF)");
            }
            TreeMap<Integer, SfsContainer.Entry> maps = new TreeMap<>();
            for (String p : sfs.paths()) {
                if (p.startsWith("EDSDatabase/")) {
                    Matcher m = INDEX.matcher(p.substring(12));
                    if (m.matches() && m.group(1).length() < 6) {
                        maps.put(Integer.parseInt(m.group(1)), sfs.entry(p));
                    }
                }
            }
            // the XML (with base64 images) compresses a few times at most: 64 x the file bounds a real header
            long limit = Math.min(Integer.MAX_VALUE - 64L, Math.max(16L << 20, 64L * java.nio.file.Files.size(file)));
            byte[] xml = sfs.readAll(he, (int) limit);
            xml = fixDecimalCommas(xml);
            Header h = new Header(file, XmlTree.parse(file, xml, "header"), maps.keySet(), options.instrument());
            List<Dataset> out = new ArrayList<>();
            if (options.select() != BcfOptions.Select.SPECTRUM_IMAGE) {
                out.addAll(h.images);
            }
            if (options.select() != BcfOptions.Select.IMAGES) {
                if (maps.isEmpty()) {
                    throw Errors.invalid(file, "BCF holds no hypermap (no EDSDatabase/SpectrumData)");
                }
                List<Integer> idx = new ArrayList<>();
                if (options.index() == null) {
                    idx.add(maps.firstKey());
                } else if (options.index() == -1) {
                    idx.addAll(maps.keySet());
                } else if (maps.containsKey(options.index())) {
                    idx.add(options.index());
                } else {
                    throw new IllegalArgumentException("map index " + options.index() + " is not in the file; available: " + maps.keySet());
                }
                for (int i : idx) {
                    out.add(cube(file, sfs, maps.get(i), h, i, options));
                }
            }
            return out;
        }
    }

    static byte[] fixDecimalCommas(byte[] xml) {
        String s = new String(xml, StandardCharsets.ISO_8859_1);
        Matcher m = DECIMAL_COMMA.matcher(s);
        if (!m.find()) {
            return xml;
        }
        return m.replaceAll(">$1.$2").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Dataset cube(Path file, SfsContainer sfs, SfsContainer.Entry e, Header h, int index, BcfOptions o) throws IOException {
        EdxSpectrumHeader sp = h.spectra.get(index);
        int ds = o.downsample();
        long nCh;
        if (o.cutoffKeV() != null) {
            nCh = sp.energyToChannel(o.cutoffKeV());
            if (nCh < 1 || nCh > EdxSpectrumHeader.MAX_CHANNELS) {
                throw new IllegalArgumentException("cut-off at " + o.cutoffKeV() + " keV gives " + nCh + " channels (energy axis "
                        + sp.offset + " keV + i*" + sp.scale + " keV)");
            }
        } else if (o.autoCutoff() == BcfOptions.AutoCutoff.ZEALOUS) {
            nCh = 0;
            for (int i = sp.counts.length - 1; i >= 0; i--) {
                if (sp.counts[i] != 0) {
                    nCh = i + 1;
                    break;
                }
            }
            if (nCh == 0) {
                throw new IllegalArgumentException("zealous cut-off: the sum spectrum has no counts");
            }
        } else if (o.autoCutoff() == BcfOptions.AutoCutoff.AUTO) {
            double hv = ((Number) h.hv).doubleValue();
            double maxKeV = sp.amplification() / 1000;
            nCh = hv > 0 && hv < maxKeV ? sp.energyToChannel(hv) : sp.counts.length;
            if (nCh < 1 || nCh > EdxSpectrumHeader.MAX_CHANNELS) {
                throw Errors.invalid(file, "automatic cut-off at the beam energy " + hv + " kV gives " + nCh + " channels");
            }
        } else {
            nCh = sp.counts.length;
        }
        // HyperSpy's estimate_map_depth: the sum spectrum's maximum per pixel, doubled, times the block area
        long mx = 0;
        for (long c : sp.counts) {
            mx = Math.max(mx, c);
        }
        long roof = mx / h.width / h.height * 2 * ds * ds;
        DType initial = roof > 0xFFFF ? DType.UINT32 : roof > 0xFF ? DType.UINT16 : DType.UINT8;
        HypermapDecoder.Cube c;
        try (InputStream in = sfs.open(e)) {
            c = HypermapDecoder.decode(file, in, h.height, h.width, (int) nCh, ds, initial);
        }
        int oh = (h.height + ds - 1) / ds;
        int ow = (h.width + ds - 1) / ds;
        String mode = h.mode;
        Map<String, Object> md = new LinkedHashMap<>();
        Map<String, Object> acq = h.acquisition();
        Map<String, Object> det = sp.detectorNode();
        @SuppressWarnings("unchecked")
        Map<String, Object> eds = (Map<String, Object>) det.get("EDS");
        eds.put("real_time", h.realTime());
        acq.put("Detector", det);
        Metadata.put(md, "Acquisition_instrument." + mode, acq);
        Metadata.put(md, "General.original_filename", file.getFileName().toString());
        Metadata.put(md, "General.title", "EDX");
        if (h.date != null) {
            Metadata.put(md, "General.date", h.date);
            Metadata.put(md, "General.time", h.time);
        }
        Metadata.put(md, "Sample.name", h.name);
        Metadata.put(md, "Sample.elements", new ArrayList<>(new TreeSet<>(h.elements.keySet())));
        TreeSet<String> lines = new TreeSet<>();
        for (Map.Entry<String, String> en : h.elements.entrySet()) {
            lines.add(en.getKey() + "_" + parseLine(en.getValue()));
        }
        Metadata.put(md, "Sample.xray_lines", new ArrayList<>(lines));
        Metadata.put(md, "Signal.signal_type", "EDS_" + mode);
        Metadata.put(md, "Signal.quantity", "X-rays (Counts)");
        h.mapStage(md);
        edsDefaults(md, mode);
        Map<String, Object> om = new LinkedHashMap<>();
        om.put("Hardware", sp.hardware);
        om.put("Detector", sp.detector);
        om.put("Analysis", sp.analysis);
        om.put("Spectrum", sp.spectrum);
        om.put("DSP Configuration", h.dsp);
        om.put("Line counter", h.lineCounter);
        om.put("Stage", h.stage);
        om.put("Microscope", h.sem);
        if (!Double.isFinite(h.yRes * ds) || !Double.isFinite(h.xRes * ds)) {
            throw Errors.invalid(file, "BCF pixel size " + h.xRes + " x " + h.yRes + " times " + ds + " overflows");
        }
        List<Axis> axes = List.of(new Axis("height", oh, h.yRes * ds, 0, h.units, true),
                new Axis("width", ow, h.xRes * ds, 0, h.units, true),
                new Axis("Energy", (int) nCh, sp.scale, sp.offset, "keV", false));
        return Dataset.wrap(c.dtype(), c.data(), ByteOrder.nativeOrder(), axes, new Metadata(md, om));
    }

    /** HyperSpy's EDS signal defaults (preferences of a fresh install) for absent keys. */
    static void edsDefaults(Map<String, Object> md, String mode) {
        String p = "Acquisition_instrument." + mode + ".";
        putIfAbsent(md, p + "Stage.tilt_alpha", 0.0);
        putIfAbsent(md, p + "Detector.EDS.elevation_angle", 35.0);
        putIfAbsent(md, p + "Detector.EDS.energy_resolution_MnKa", 130.0);
        putIfAbsent(md, p + "Detector.EDS.azimuth_angle", 0.0);
    }

    private static void putIfAbsent(Map<String, Object> md, String path, Object v) {
        if (Metadata.get(md, path) == null) {
            Metadata.put(md, path, v);
        }
    }

    /** HyperSpy's {@code parse_line}: "K" becomes "Ka", "LA1" becomes "La", capitalised. */
    static String parseLine(String l) {
        if (l.length() == 1) {
            l = l + "a";
        } else if (l.length() > 2) {
            l = l.substring(0, 2);
        }
        return l.isEmpty() ? l : Character.toUpperCase(l.charAt(0)) + l.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    /** The parsed XML header. */
    private static final class Header {
        final Path file;
        final String name;
        final String date;
        final String time;
        final Map<String, Object> sem;
        final Map<String, Object> stage;
        final Map<String, Object> dsp;
        final Object hv;
        final String units;
        final double xRes;
        final double yRes;
        final String mode;
        final int width;
        final int height;
        final List<Dataset> images = new ArrayList<>();
        final Map<String, String> elements = new LinkedHashMap<>();
        final Object lineCounter;
        final Map<Integer, EdxSpectrumHeader> spectra = new LinkedHashMap<>();

        Header(Path file, Document doc, Iterable<Integer> indexes, String instrument) throws InvalidFileException {
            this.file = file;
            Element root = XmlTree.find(doc.getDocumentElement(), "ClassInstance[@Type='TRTSpectrumDatabase']");
            if (root == null) {
                throw Errors.invalid(file, "BCF header has no TRTSpectrumDatabase");
            }
            name = root.hasAttribute("Name") ? root.getAttribute("Name") : "Undefinded";
            String[] dt = EdxSpectrumHeader.isoDateTime(XmlTree.find(root, "Header"));
            date = dt == null ? null : dt[0];
            time = dt == null ? null : dt[1];
            sem = XmlTree.dictionarizeMap(XmlTree.find(root, "ClassInstance[@Type='TRTSEMData']"));
            Object v = sem.get("HV");
            hv = v instanceof Number ? v : Double.valueOf(0.0);
            units = sem.containsKey("DX") ? "µm" : "pix";
            xRes = res(sem.get("DX"), "DX");
            yRes = res(sem.get("DY"), "DY");
            stage = XmlTree.dictionarizeMap(XmlTree.find(root, "ClassInstance[@Type='TRTSEMStageData']"));
            dsp = XmlTree.dictionarizeMap(XmlTree.find(root, "ClassInstance[@Type='TRTDSPConfiguration']"));
            mode = instrument != null ? instrument : ((Number) hv).doubleValue() > 30.0 ? "TEM" : "SEM";
            Element img = null;
            for (Element n : XmlTree.findAll(root, "ClassInstance[@Type='TRTImageData']")) {
                if (n.getAttribute("Name").isEmpty()) {
                    img = n;
                }
            }
            if (img == null) {
                throw Errors.invalid(file, "BCF header has no image data (TRTImageData), so no map dimensions");
            }
            int[] wh = new int[2];
            parseImages(img, wh);
            width = wh[0];
            height = wh[1];
            Element fv = XmlTree.find(root, "Header", "FileVersion");
            Object ver = fv == null ? null : PyLiteral.interpret(XmlTree.text(fv));
            if (ver instanceof Long l && l == 2) {
                List<Element> ov = XmlTree.findAll(root, "ClassInstance[@Type='TRTContainerClass']", "ChildClassInstances",
                        "ClassInstance[@Name='OverviewImages']", "ChildClassInstances", "ClassInstance[@Type='TRTImageData']");
                if (!ov.isEmpty()) {
                    parseImages(ov.get(0), new int[2]);
                }
            }
            Element regions = XmlTree.find(root, "ClassInstance[@Type='TRTContainerClass']", "ChildClassInstances",
                    "ClassInstance[@Type='TRTElementInformationList']", "ClassInstance[@Type='TRTSpectrumRegionList']",
                    "ChildClassInstances");
            for (Element r : XmlTree.findAll(regions, "ClassInstance[@Type='TRTSpectrumRegion']")) {
                Map<String, Object> d = XmlTree.dictionarizeMap(r);
                Object line = d.getOrDefault("Line", "Ka");
                elements.put(String.valueOf(d.get("XmlClassName")), line == null ? "None" : String.valueOf(line));
            }
            String lc = XmlTree.childText(root, "LineCounter");
            lineCounter = lc == null ? null : PyLiteral.interpret(lc);
            for (int i : indexes) {
                Element s = XmlTree.find(root, "SpectrumData" + i, "ClassInstance");
                if (s == null) {
                    throw Errors.invalid(file, "BCF header has no sum spectrum SpectrumData" + i + " for its hypermap");
                }
                spectra.put(i, new EdxSpectrumHeader(file, s));
            }
        }

        private double res(Object v, String key) throws InvalidFileException {
            if (v == null) {
                return 1.0;
            }
            if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue()) || n.doubleValue() == 0) {
                throw Errors.invalid(file, "BCF header pixel size " + key + " is not a non-zero number (" + v + ")");
            }
            return n.doubleValue();
        }

        /** The Acquisition_instrument.<mode> node common to images and cubes (a new map). */
        Map<String, Object> acquisition() {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("beam_energy", hv);
            if (sem.containsKey("Mag")) {
                a.put("magnification", sem.get("Mag"));
            }
            return a;
        }

        /** HyperSpy's mapping of original_metadata Stage keys into metadata. */
        void mapStage(Map<String, Object> md) {
            String[][] map = {{"Rotation", "rotation"}, {"Tilt", "tilt_alpha"}, {"X", "x"}, {"Y", "y"}, {"Z", "z"}};
            for (String[] m : map) {
                if (stage.containsKey(m[0])) {
                    Metadata.put(md, "Acquisition_instrument." + mode + ".Stage." + m[1], stage.get(m[0]));
                }
            }
        }

        double realTime() {
            double sum = 0;
            if (lineCounter instanceof List<?> l) {
                for (Object o : l) {
                    sum += num(o);
                }
            } else {
                sum = num(lineCounter);
            }
            return sum * num(dsp.get("LineAverage")) * num(dsp.get("PixelAverage")) * num(dsp.get("PixelTime")) * width * 1E-6;
        }

        private static double num(Object o) {
            return o instanceof Number n ? n.doubleValue() : Double.NaN;
        }

        private void parseImages(Element node, int[] wh) throws InvalidFileException {
            int w = intChild(node, "Width");
            int h = intChild(node, "Height");
            int item = intChild(node, "ItemSize");
            int planes = intChild(node, "PlaneCount");
            wh[0] = w;
            wh[1] = h;
            if (w < 1 || h < 1 || w > MAX_IMAGE_SIDE || h > MAX_IMAGE_SIDE) {
                throw Errors.invalid(file, "BCF image size " + w + " x " + h + " outside 1.." + MAX_IMAGE_SIDE);
            }
            DType t = switch (item) {
                case 1 -> DType.UINT8;
                case 2 -> DType.UINT16;
                case 4 -> DType.UINT32;
                case 8 -> DType.UINT64;
                default -> throw Errors.invalid(file, "BCF image item size " + item + " is not 1, 2, 4 or 8 bytes");
            };
            if (planes < 0 || planes > 4096) {
                throw Errors.invalid(file, "BCF image plane count " + planes + " outside 0..4096");
            }
            for (int i = 0; i < planes; i++) {
                Element p = XmlTree.find(node, "Plane" + i);
                Element d = XmlTree.find(p, "Data");
                if (d == null) {
                    throw Errors.invalid(file, "BCF image plane " + i + " has no Data");
                }
                String b64 = XmlTree.text(d);
                byte[] raw;
                try {
                    raw = Base64.getMimeDecoder().decode(b64 == null ? "" : b64.strip());
                } catch (IllegalArgumentException ex) {
                    throw Errors.invalid(file, "BCF image plane " + i + " is not base64: " + ex.getMessage());
                }
                if (raw.length != (long) w * h * item) {
                    throw Errors.invalid(file, "BCF image plane " + i + " holds " + raw.length + " bytes, " + w + " x " + h
                            + " x " + item + " expected");
                }
                boolean any = false;
                for (byte b : raw) {
                    if (b != 0) {
                        any = true;
                        break;
                    }
                }
                if (!any) {
                    continue;
                }
                MemorySegment seg = MemorySegment.ofArray(raw);
                Map<String, Object> md = new LinkedHashMap<>();
                Element desc = XmlTree.find(p, "Description");
                String title = desc == null ? fileStem() : String.valueOf(XmlTree.text(desc));
                Metadata.put(md, "General.title", title);
                Metadata.put(md, "General.original_filename", file.getFileName().toString());
                Metadata.put(md, "Signal.signal_type", "");
                Metadata.put(md, "Acquisition_instrument." + mode, acquisition());
                Metadata.put(md, "Sample.name", name);
                mapStage(md);
                Map<String, Object> om = new LinkedHashMap<>();
                om.put("Microscope", sem);
                om.put("DSP Configuration", dsp);
                om.put("Stage", stage);
                List<Axis> axes = List.of(new Axis("height", h, yRes, 0, units, false), new Axis("width", w, xRes, 0, units, false));
                images.add(Dataset.wrap(t, seg, ByteOrder.LITTLE_ENDIAN, axes, new Metadata(md, om)));
            }
        }

        private String fileStem() {
            String n = file.getFileName().toString();
            int dot = n.lastIndexOf('.');
            return dot > 0 ? n.substring(0, dot) : n;
        }

        private int intChild(Element node, String tag) throws InvalidFileException {
            String t = XmlTree.childText(node, tag);
            Object v = t == null ? null : PyLiteral.interpret(t.strip());
            if (!(v instanceof Long l) || l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
                throw Errors.invalid(file, "BCF image " + tag + " missing or not an integer (" + t + ")");
            }
            return (int) (long) l;
        }
    }
}
