package tessera.io.bruker.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import tessera.core.io.InvalidFileException;

/**
 * The EDS spectrum of a Bruker {@code TRTSpectrum} XML node (an {@code .spx} file's
 * spectrum, or the sum spectrum {@code SpectrumData<i>} of a BCF header): channel
 * counts, energy calibration and the hardware, detector and analysis headers.
 *
 * <p>Fields as HyperSpy 1.7.3 reads them ({@code hyperspy/io_plugins/bruker.py}, class
 * {@code EDXSpectrum}; RosettaSciIO {@code rsciio/bruker/_api.py}): the energy of channel
 * {@code i} is {@code CalibAbs + i*CalibLin} keV (from {@code TRTSpectrumHeader}); the
 * primary (beam) energy in kV and the detector elevation angle in degrees come from
 * {@code TRTESMAHeader} ({@code PrimaryEnergy}, {@code ElevationAngle}, optional
 * {@code AzimutAngle}), or for XRF spectra from {@code TRTXrfHeader} ({@code Voltage},
 * {@code ExcitationAngle}); real and live time ({@code RealTime}, {@code LifeTime}, ms)
 * from {@code TRTSpectrumHardwareHeader}; the detector's base64+zlib encoded
 * {@code DetLayers} are decoded into a map of layer attributes.
 */
public final class EdxSpectrumHeader {
    private static final DateTimeFormatter DT = DateTimeFormatter.ofPattern("d.M.uuuu H:m:s");
    /** the most channels a spectrum may declare */
    static final int MAX_CHANNELS = 1 << 20;

    /** hardware header as original metadata */
    public final Map<String, Object> hardware;
    /** detector header as original metadata */
    public final Map<String, Object> detector;
    /** analysis (ESMA or XRF) header as original metadata */
    public final Map<String, Object> analysis;
    /** spectrum header as original metadata */
    public final Map<String, Object> spectrum;
    /** channel counts (the sum spectrum of a map) */
    public final long[] counts;
    /** energy of channel 0 in keV */
    public final double offset;
    /** energy step per channel in keV */
    public final double scale;
    /** ISO date and time, or null */
    public final String date;
    /** ISO time, or null */
    public final String time;

    /**
     * Reads a {@code ClassInstance Type="TRTSpectrum"} element.
     *
     * @param file the file, for messages
     * @param node the spectrum element
     * @throws InvalidFileException if the calibration or channel list is missing or malformed
     */
    public EdxSpectrumHeader(Path file, Element node) throws InvalidFileException {
        Element trt = XmlTree.find(node, "TRTHeaderedClass");
        hardware = XmlTree.dictionarizeMap(XmlTree.find(trt, "ClassInstance[@Type='TRTSpectrumHardwareHeader']"));
        Element det = XmlTree.find(trt, "ClassInstance[@Type='TRTDetectorHeader']");
        detector = XmlTree.dictionarizeMap(det);
        Object layers = detector.get("DetLayers");
        if (layers instanceof String s && !s.isBlank()) {
            detector.put("DetLayers", detLayers(file, s));
        }
        Element esma = XmlTree.find(trt, "ClassInstance[@Type='TRTESMAHeader']");
        Element xrf = XmlTree.find(trt, "ClassInstance[@Type='TRTXrfHeader']");
        Map<String, Object> an = new LinkedHashMap<>();
        // HyperSpy tests the elements for truth: an element counts only when it has children
        if (esma != null && !XmlTree.children(esma).isEmpty()) {
            an = XmlTree.dictionarizeMap(esma);
        }
        if (xrf != null && !XmlTree.children(xrf).isEmpty()) {
            Map<String, Object> x = XmlTree.dictionarizeMap(xrf);
            an = new LinkedHashMap<>();
            an.put("PrimaryEnergy", x.get("Voltage"));
            an.put("ElevationAngle", x.get("ExcitationAngle"));
        }
        analysis = an;
        Element sh = XmlTree.find(node, "ClassInstance[@Type='TRTSpectrumHeader']");
        String[] dt = isoDateTime(sh);
        date = dt == null ? null : dt[0];
        time = dt == null ? null : dt[1];
        spectrum = XmlTree.dictionarizeMap(sh);
        offset = finite(file, spectrum.get("CalibAbs"), "CalibAbs");
        scale = finite(file, spectrum.get("CalibLin"), "CalibLin");
        if (scale == 0) {
            throw Errors.invalid(file, "spectrum calibration CalibLin is 0");
        }
        Element chs = XmlTree.find(node, "Channels");
        if (chs == null) {
            throw Errors.invalid(file, "spectrum has no Channels element");
        }
        counts = parseCounts(file, XmlTree.text(chs));
    }

    /** @return the beam energy in kV, or null when the header has none */
    public Number beamEnergy() {
        return analysis.get("PrimaryEnergy") instanceof Number n ? n : null;
    }

    /** @return the amplification (maximum energy in eV), or NaN */
    public double amplification() {
        return hardware.get("Amplification") instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /**
     * HyperSpy's {@code energy_to_channel}: {@code round((e - offset)/scale)} with
     * round-half-even.
     *
     * @param keV energy in keV
     * @return the channel index (may be outside the spectrum)
     */
    public long energyToChannel(double keV) {
        double c = Math.rint((keV - offset) / scale);
        if (!Double.isFinite(c)) {
            throw new IllegalArgumentException("energy " + keV + " keV gives no channel");
        }
        return (long) c;
    }

    /**
     * The {@code Detector.EDS} node of HyperSpy's metadata (HyperSpy's
     * {@code gen_detector_node}): elevation angle, detector type, azimuth angle when
     * present, real and live time in s when the hardware header has them.
     *
     * @return a new map
     */
    public Map<String, Object> detectorNode() {
        Map<String, Object> eds = new LinkedHashMap<>();
        eds.put("elevation_angle", analysis.get("ElevationAngle"));
        eds.put("detector_type", detector.get("Type"));
        if (analysis.containsKey("AzimutAngle")) {
            eds.put("azimuth_angle", analysis.get("AzimutAngle"));
        }
        if (hardware.containsKey("RealTime")) {
            eds.put("real_time", num(hardware.get("RealTime")) / 1000);
            eds.put("live_time", num(hardware.get("LifeTime")) / 1000);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("EDS", eds);
        return d;
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static double finite(Path file, Object v, String key) throws InvalidFileException {
        if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw Errors.invalid(file, "spectrum calibration " + key + " missing or not a number (" + v + ")");
        }
        return n.doubleValue();
    }

    static long[] parseCounts(Path file, String text) throws InvalidFileException {
        if (text == null || text.isBlank()) {
            throw Errors.invalid(file, "spectrum Channels element is empty");
        }
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ',') {
                n++;
            }
        }
        if (n > MAX_CHANNELS) {
            throw Errors.invalid(file, "spectrum has " + n + " channels, more than " + MAX_CHANNELS);
        }
        long[] c = new long[n];
        int k = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ',') {
                String s = text.substring(start, i).strip();
                if (s.isEmpty() && i == text.length() && k == n - 1 && k > 0) {
                    break; // trailing comma
                }
                try {
                    long v = Long.parseUnsignedLong(s);
                    if (v < 0) {
                        throw new NumberFormatException();
                    }
                    c[k++] = v;
                } catch (NumberFormatException e) {
                    throw Errors.invalid(file, "spectrum channel " + k + " is not a count: '"
                            + (s.length() > 20 ? s.substring(0, 20) + "..." : s) + "'");
                }
                start = i + 1;
            }
        }
        return k == c.length ? c : java.util.Arrays.copyOf(c, k);
    }

    private static Map<String, Object> detLayers(Path file, String b64) throws InvalidFileException {
        byte[] z;
        try {
            z = Base64.getMimeDecoder().decode(b64.strip());
        } catch (IllegalArgumentException e) {
            throw Errors.invalid(file, "detector DetLayers is not base64: " + e.getMessage());
        }
        Inflater inf = new Inflater();
        byte[] xml;
        try {
            inf.setInput(z);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            while (!inf.finished()) {
                int r = inf.inflate(buf);
                if (r == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    throw Errors.invalid(file, "detector DetLayers: truncated zlib stream");
                }
                out.write(buf, 0, r);
                if (out.size() > (1 << 20)) {
                    throw Errors.invalid(file, "detector DetLayers inflates to more than 1 MiB");
                }
            }
            xml = out.toByteArray();
        } catch (DataFormatException e) {
            throw Errors.invalid(file, "detector DetLayers: corrupt zlib stream: " + e.getMessage());
        } finally {
            inf.end();
        }
        Document d = XmlTree.parse(file, xml, "detector layers");
        Map<String, Object> m = new LinkedHashMap<>();
        for (Element l : XmlTree.children(d.getDocumentElement())) {
            Map<String, Object> a = new LinkedHashMap<>();
            var attrs = l.getAttributes();
            for (int i = 0; i < attrs.getLength(); i++) {
                a.put(attrs.item(i).getNodeName(), attrs.item(i).getNodeValue());
            }
            m.put(l.getTagName(), a);
        }
        return m;
    }

    /**
     * HyperSpy's {@code gen_iso_date_time}: {@code Date} ({@code dd.mm.yyyy}) and
     * {@code Time} ({@code HH:MM:SS}) children as ISO strings.
     *
     * @param node element with Date and Time children (may be null)
     * @return {date, time} or null when absent or unparsable
     */
    static String[] isoDateTime(Element node) {
        String d = node == null ? null : XmlTree.childText(node, "Date");
        String t = node == null ? null : XmlTree.childText(node, "Time");
        if (d == null || t == null) {
            return null;
        }
        try {
            LocalDateTime x = LocalDateTime.parse(d.strip() + " " + t.strip(), DT);
            return new String[] {x.toLocalDate().toString(), x.toLocalTime().withNano(0).toString().length() == 5
                    ? x.toLocalTime().toString() + ":00" : x.toLocalTime().toString()};
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
