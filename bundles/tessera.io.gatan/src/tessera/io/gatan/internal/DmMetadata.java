package tessera.io.gatan.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tessera.core.model.Metadata;

/**
 * Maps DigitalMicrograph tags into HyperSpy's standard {@code metadata} keys, entry for entry
 * as HyperSpy 1.7.3's {@code ImageObject.get_mapping} (hyperspy/io_plugins/digital_micrograph.py,
 * continued as RosettaSciIO's {@code rsciio/digitalmicrograph/_api.py}): microscope (beam energy
 * in kV from {@code Microscope Info.Voltage} in V, stage in mm and degrees, mode, magnification or
 * camera length, name), acquisition date and time, EELS (collection and convergence semi-angles in
 * mrad, exposure or dwell time in s, frames, aperture in mm, spectrometer), EDS (angles, live and
 * real time in s), CL (spectrometer and detector), DigiScan dwell time (µs to s), camera exposure,
 * and the intensity calibration ({@code Signal.quantity}, variance gain factor and offset).
 * Later entries overwrite earlier ones, in HyperSpy's order.
 */
final class DmMetadata {
    private DmMetadata() {
    }

    private record Entry(String source, String target, Function<Object, Object> fn) {
    }

    /**
     * Applies the mapping.
     *
     * @param md         the dataset's metadata; its original tree must hold the image under ImageList.TagGroup0
     * @param imageTags  the image's {@code ImageTags} group
     * @param signalType HyperSpy signal type of the image ("", "EELS", "EDS_TEM", "CL")
     */
    static void map(Metadata md, Object imageTags, String signalType) {
        String tagsPath;
        Object tags;
        if (Tags.has(imageTags, "source")) {
            // a stack made with the stack builder plugin keeps the tags of its first image here
            tagsPath = "ImageList.TagGroup0.ImageTags.source.Tags at creation";
            tags = Tags.get(imageTags, "source.Tags at creation");
        } else {
            tagsPath = "ImageList.TagGroup0.ImageTags";
            tags = imageTags;
        }
        boolean scanning = Tags.has(tags, "DigiScan");
        Object mode = Tags.get(imageTags, "Microscope Info.Illumination Mode");
        String mic = mode != null && "SEM".equals(mode(mode)) ? "SEM" : "TEM";
        String ai = "Acquisition_instrument." + mic;
        String p = tagsPath + ".";
        List<Entry> m = new ArrayList<>();
        m.add(new Entry(p + "DataBar.Acquisition Date", "General.date", DmMetadata::date));
        m.add(new Entry(p + "DataBar.Acquisition Time", "General.time", DmMetadata::time));
        m.add(new Entry(p + "Microscope Info.Voltage", ai + ".beam_energy", v -> div(v, 1e3)));
        m.add(new Entry(p + "Microscope Info.Stage Position.Stage Alpha", ai + ".Stage.tilt_alpha", null));
        m.add(new Entry(p + "Microscope Info.Stage Position.Stage Beta", ai + ".Stage.tilt_beta", null));
        m.add(new Entry(p + "Microscope Info.Stage Position.Stage X", ai + ".Stage.x", v -> mul(v, 1e-3)));
        m.add(new Entry(p + "Microscope Info.Stage Position.Stage Y", ai + ".Stage.y", v -> mul(v, 1e-3)));
        m.add(new Entry(p + "Microscope Info.Stage Position.Stage Z", ai + ".Stage.z", v -> mul(v, 1e-3)));
        m.add(new Entry(p + "Microscope Info.Illumination Mode", ai + ".acquisition_mode", DmMetadata::mode));
        m.add(new Entry(p + "Microscope Info.Probe Current (nA)", ai + ".beam_current", null));
        m.add(new Entry(p + "Session Info.Operator", "General.authors", DmMetadata::nonEmpty));
        m.add(new Entry(p + "Session Info.Specimen", "Sample.description", DmMetadata::nonEmpty));
        Object mi = Tags.child(tags, "Microscope_Info");
        if (mi != null) {
            Object ill = Tags.child(mi, "Illumination_Mode");
            Object img = Tags.child(mi, "Imaging_Mode");
            boolean tem = ill != null && "TEM".equals(ill);
            boolean diffraction = img != null && "DIFFRACTION".equals(img);
            if (tem) {
                m.add(new Entry(p + "Microscope Info.Indicated Magnification",
                        diffraction ? "Acquisition_instrument.TEM.camera_length" : "Acquisition_instrument.TEM.magnification", null));
            } else {
                m.add(new Entry(p + "Microscope Info.STEM Camera Length", ai + ".camera_length", null));
                m.add(new Entry(p + "Microscope Info.Indicated Magnification", ai + ".magnification", null));
            }
            m.add(new Entry(tagsPath, ai + ".microscope", DmMetadata::microscopeName));
        }
        if (Tags.has(imageTags, "SI")) {
            m.add(new Entry(p + "SI.Acquisition.Date", "General.date", DmMetadata::date));
            m.add(new Entry(p + "SI.Acquisition.Start time", "General.time", DmMetadata::time));
        }
        String eels = "Acquisition_instrument.TEM.Detector.EELS.";
        String eds = "Acquisition_instrument.TEM.Detector.EDS.";
        switch (signalType) {
            case "EELS" -> {
                m.add(new Entry(p + "EELS.Acquisition.Date", "General.date", DmMetadata::date));
                m.add(new Entry(p + "EELS.Acquisition.Start time", "General.time", DmMetadata::time));
                m.add(new Entry(p + "EELS.Experimental Conditions.Collection semi-angle (mrad)", eels + "collection_angle", null));
                m.add(new Entry(p + "EELS.Experimental Conditions.Convergence semi-angle (mrad)", "Acquisition_instrument.TEM.convergence_angle", null));
                m.add(new Entry(p + "EELS.Acquisition", eels + (scanning ? "dwell_time" : "exposure"), DmMetadata::exposure));
                m.add(new Entry(p + "EELS.Acquisition.Number_of_frames", eels + "frame_number", null));
                m.add(new Entry(p + "EELS_Spectrometer.Aperture_label", eels + "aperture_size",
                        v -> v instanceof String s ? floatOrNull(s.replace("mm", "")) : null));
                m.add(new Entry(p + "EELS Spectrometer.Instrument name", eels + "spectrometer", null));
            }
            case "EDS_TEM" -> {
                m.add(new Entry(p + "EDS.Acquisition.Date", "General.date", DmMetadata::date));
                m.add(new Entry(p + "EDS.Acquisition.Start time", "General.time", DmMetadata::time));
                m.add(new Entry(p + "EDS.Detector_Info.Azimuthal_angle", eds + "azimuth_angle", null));
                m.add(new Entry(p + "EDS.Detector_Info.Elevation_angle", eds + "elevation_angle", null));
                m.add(new Entry(p + "EDS.Solid_angle", eds + "solid_angle", null));
                m.add(new Entry(p + "EDS.Live_time", eds + "live_time", null));
                m.add(new Entry(p + "EDS.Real_time", eds + "real_time", null));
            }
            case "CL" -> {
                String d = "Acquisition_instrument.Detector.";
                String s = "Acquisition_instrument.Spectrometer.";
                m.add(new Entry(p + "CL.Acquisition.Date", "General.date", DmMetadata::date));
                m.add(new Entry(p + "CL.Acquisition.Start_time", "General.time", DmMetadata::time));
                m.add(new Entry(p + "Meta_Data.Acquisition_Mode", s + "acquisition_mode", null));
                m.add(new Entry(p + "Meta_Data.Format", "Signal.format", null));
                m.add(new Entry(p + "Meta_Data", d + "detector_type", DmMetadata::clDetector));
                m.add(new Entry(p + "Acquisition.Monarc_Spectrometer.Grating", s + "Grating.groove_density",
                        v -> v instanceof String str ? floatOrNull(str) : lenZeroOr(v)));
                m.add(new Entry(p + "CL.Acquisition.Dispersion_grating_(lines/mm)", s + "Grating.groove_density", null));
                m.add(new Entry(p + "Acquisition.Monarc_Spectrometer.Slit_Width", s + "entrance_slit_width", null));
                m.add(new Entry(p + "Acquisition.Monarc_Spectrometer.Bandpass", s + "bandpass", null));
                m.add(new Entry(p + "CL.Acquisition.Central_wavelength_(nm)", s + "central_wavelength", null));
                m.add(new Entry(p + "CL.Acquisition.Exposure_(s)", d + "exposure_per_frame", null));
                m.add(new Entry(p + "CL.Acquisition.Number_of_frames", d + "frames", null));
                m.add(new Entry(p + "CL.Acquisition", d + "integration_time", DmMetadata::exposure));
                m.add(new Entry(p + "CL.Acquisition.Saturation_fraction", d + "saturation_fraction", null));
                m.add(new Entry(p + "Acquisition.Parameters.High_Level.Binning", d + "binning", null));
                m.add(new Entry(p + "Acquisition.Parameters.High_Level.CCD_Read_Area", d + "sensor_roi", null));
                m.add(new Entry(p + "Acquisition.Parameters.High_Level.Processing", d + "processing", null));
                m.add(new Entry(p + "Acquisition.Device.CCD.Pixel_Size_um", d + "pixel_size",
                        v -> v instanceof List<?> l && l.size() == 2 && l.get(0).equals(l.get(1)) ? l.get(0) : v));
                m.add(new Entry(p + "CL.Acquisition.Acquisition_begin", "General.date", DmMetadata::date));
                m.add(new Entry(p + "CL.Acquisition.Dwell_time_(s)", d + "integration_time", null));
                m.add(new Entry(p + "CL.Acquisition.Start_wavelength_(nm)", s + "start_wavelength", null));
                m.add(new Entry(p + "CL.Acquisition.Step-size_(nm)", s + "step_size", null));
                m.add(new Entry(p + "Acquisition.Monarc_Spectrometer.PMT_HV", d + "pmt_voltage", null));
                m.add(new Entry(p + "DigiScan.Sample Time", ai + ".dwell_time", v -> div(v, 1e6)));
                m.add(new Entry(p + "DataBar.Acquisition_Date", "General.date", DmMetadata::date));
                m.add(new Entry(p + "DataBar.Acquisition_Time", "General.time", DmMetadata::time));
                m.add(new Entry(p + "SI.Acquisition.SI_Application_Mode.Name", "Acquisition_instrument.Spectrum_image.mode", null));
                m.add(new Entry(p + "SI.Acquisition.Artefact_Correction.Spatial_Drift.Periodicity",
                        "Acquisition_instrument.Spectrum_image.drift_correction_periodicity", null));
                m.add(new Entry(p + "SI.Acquisition.Artefact_Correction.Spatial_Drift.Units",
                        "Acquisition_instrument.Spectrum_image.drift_correction_units", null));
            }
            default -> {
                if (scanning) {
                    m.add(new Entry(p + "DigiScan.Sample Time", ai + ".dwell_time", v -> div(v, 1e6)));
                } else {
                    m.add(new Entry(p + "Acquisition.Parameters.Detector.exposure_s", "Acquisition_instrument.TEM.Camera.exposure", null));
                }
            }
        }
        String b = "ImageList.TagGroup0.ImageData.Calibrations.Brightness.";
        m.add(new Entry(b + "Units", "Signal.quantity", v -> quantity(v, signalType)));
        m.add(new Entry(b + "Scale", "Signal.Noise_properties.Variance_linear_model.gain_factor", null));
        m.add(new Entry(b + "Origin", "Signal.Noise_properties.Variance_linear_model.gain_offset", null));

        Map<String, Object> orig = md.original();
        for (Entry e : m) {
            Object v = Tags.get(orig, e.source());
            if (v == null) {
                continue;
            }
            if (e.fn() != null) {
                v = e.fn().apply(v);
            }
            if (v != null) {
                md.set(e.target(), copyValue(v));
            }
        }
    }

    /** Arrays are copied so that metadata and original_metadata never share a mutable array. */
    private static Object copyValue(Object v) {
        if (v instanceof long[] a) {
            return a.clone();
        }
        if (v instanceof double[] a) {
            return a.clone();
        }
        if (v instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        return v;
    }

    private static Object lenZeroOr(Object v) {
        // _parse_string(tag, convert_to_float=True) on a non-string: an empty array gives None, a number float(number)
        if (v instanceof List<?> l && l.isEmpty()) {
            return null;
        }
        return v instanceof Number n ? (Object) n.doubleValue() : null;
    }

    private static Object floatOrNull(String s) {
        if (s.isEmpty()) {
            return null;
        }
        return Tags.parseFloat(s);
    }

    // HyperSpy computes x / 1e3 and x * 1e-3 in binary64; dividing by 1e3 is not multiplying by 1e-3
    private static Object div(Object v, double d) {
        return v instanceof Number n ? n.doubleValue() / d : null;
    }

    private static Object mul(Object v, double f) {
        return v instanceof Number n ? n.doubleValue() * f : null;
    }

    private static Object nonEmpty(Object v) {
        if (v instanceof String s) {
            return s.isEmpty() ? null : s;
        }
        if (v instanceof List<?> l && l.isEmpty()) {
            return null;
        }
        return v;
    }

    /** HyperSpy's {@code _get_mode}: STEM, SEM or TEM from the illumination mode. */
    static String mode(Object v) {
        String s = v instanceof String str ? str : "";
        if (s.contains("STEM")) {
            return "STEM";
        }
        return s.contains("SEM") ? "SEM" : "TEM";
    }

    private static Object microscopeName(Object tags) {
        for (String loc : new String[] {"Session_Info.Microscope", "Microscope_Info.Name", "Microscope_Info.Microscope"}) {
            Object v = Tags.get(tags, loc);
            if (Tags.truthy(v) && !"[]".equals(v)) {
                return v;
            }
        }
        return null;
    }

    private static Object exposure(Object acq) {
        Object it = Tags.child(acq, "Integration_time_s");
        if (it != null) {
            return Tags.number(it);
        }
        Object ex = Tags.child(acq, "Exposure_s");
        if (ex != null) {
            Double e = Tags.number(ex);
            Object nf = Tags.child(acq, "Number_of_frames");
            Double f = nf == null ? Double.valueOf(1) : Tags.number(nf);
            return e == null || f == null ? null : e * f;
        }
        return null;
    }

    private static Object clDetector(Object metaData) {
        Object mode = Tags.child(metaData, "Acquisition_Mode");
        if ("Parallel dispersive".equals(mode)) {
            return "CCD";
        }
        if ("Serial dispersive".equals(mode)) {
            return "PMT";
        }
        return null;
    }

    private static Object quantity(Object v, String signalType) {
        String units = v instanceof String s ? s : (v instanceof List<?> l && l.isEmpty() ? "" : String.valueOf(v));
        String q = "Intensity";
        if (units.equals("e-")) {
            units = "Counts";
            q = "Electrons";
        }
        if (signalType.equals("EDS_TEM")) {
            q = "X-rays";
        }
        return units.isEmpty() ? q : q + " (" + units + ")";
    }

    private static final Pattern DATE_NUM = Pattern.compile("\\s*(\\d{1,4})\\s*[./-]\\s*(\\d{1,2})\\s*[./-]\\s*(\\d{1,4})(?:\\s+(.*?))?\\s*");
    private static final Pattern TIME = Pattern.compile(
            "\\s*(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,6})\\d*)?)?\\s*(am|pm|a\\.m\\.|p\\.m\\.|a|p)?\\s*", Pattern.CASE_INSENSITIVE);

    /**
     * ISO date ({@code yyyy-MM-dd}) of a DigitalMicrograph date string, as {@code dateutil.parser.parse}
     * reads it with its defaults: numeric day, month and year separated by {@code / . -}; a
     * four-digit first field is the year; a time may follow; otherwise the month comes first unless the first
     * field exceeds 12 (so {@code 04/11/2020} is 11 April, {@code 27.08.2016} 27 August).
     *
     * @param v the tag value
     * @return the date or null if it cannot be read
     */
    static Object date(Object v) {
        if (!(v instanceof String s)) {
            return null;
        }
        Matcher mt = DATE_NUM.matcher(s);
        if (!mt.matches() || (mt.group(4) != null && !mt.group(4).isEmpty() && time(mt.group(4)) == null)) {
            return null; // a date, optionally followed by a time ("27/10/2020 13:34:29")
        }
        String a = mt.group(1);
        int x = Integer.parseInt(a);
        int y2 = Integer.parseInt(mt.group(2));
        int z = Integer.parseInt(mt.group(3));
        int year;
        int month;
        int day;
        if (a.length() > 2) {
            year = x;
            month = y2;
            day = z;
        } else {
            year = mt.group(3).length() <= 2 ? twoDigitYear(z) : z;
            if (x > 12) {
                day = x;
                month = y2;
            } else {
                month = x;
                day = y2;
            }
        }
        try {
            return java.time.LocalDate.of(year, month, day).toString();
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static int twoDigitYear(int yy) {
        // dateutil: the century that puts the year within 50 years of today
        int now = java.time.Year.now().getValue();
        int y = now / 100 * 100 + yy;
        if (y >= now + 50) {
            y -= 100;
        } else if (y < now - 50) {
            y += 100;
        }
        return y;
    }

    /**
     * ISO time ({@code HH:mm:ss}, with microseconds when present) of a DigitalMicrograph time
     * string such as {@code 20:54:33}, {@code 4:26:37 PM} or {@code 08:55:59 p.m.}.
     *
     * @param v the tag value
     * @return the time or null if it cannot be read
     */
    static Object time(Object v) {
        if (!(v instanceof String s)) {
            return null;
        }
        Matcher dt = DATE_NUM.matcher(s);
        if (dt.matches() && dt.group(4) != null) {
            s = dt.group(4); // the time part of "date time"
        }
        Matcher mt = TIME.matcher(s);
        if (!mt.matches()) {
            return null;
        }
        int h = Integer.parseInt(mt.group(1));
        int min = Integer.parseInt(mt.group(2));
        int sec = mt.group(3) == null ? 0 : Integer.parseInt(mt.group(3));
        int micro = 0;
        if (mt.group(4) != null) {
            String f = (mt.group(4) + "000000").substring(0, 6);
            micro = Integer.parseInt(f);
        }
        String ampm = mt.group(5);
        if (ampm != null) {
            boolean pm = ampm.toLowerCase(Locale.ROOT).startsWith("p");
            if (h > 12 || h == 0) {
                return null;
            }
            if (pm && h != 12) {
                h += 12;
            } else if (!pm && h == 12) {
                h = 0;
            }
        }
        if (h > 23 || min > 59 || sec > 59) {
            return null;
        }
        String t = String.format(Locale.ROOT, "%02d:%02d:%02d", h, min, sec);
        return micro == 0 ? t : t + String.format(Locale.ROOT, ".%06d", micro);
    }
}
