package tessera.io.msa.internal;

import java.util.Locale;
import java.util.Map;

/**
 * The EMSA/MAS keywords Tessera types and maps into HyperSpy metadata paths.
 *
 * <p>The keyword list and meanings are those of the EMSA/MAS Spectral Data File Format
 * v1.0 (Argonne MMSLib "EMMFF" description) and ISO 22029. The value types and the
 * target metadata paths are chosen so that a file read by Tessera carries the same
 * {@code metadata} and {@code original_metadata} as HyperSpy 1.7.3's {@code msa} plugin
 * produces (for instance {@code #BEAMKV} to {@code Acquisition_instrument.TEM.beam_energy};
 * values are kept in the file's units, and a unit suffix in the keyword such as
 * {@code #BEAMKV -kV} is recorded beside the value as {@code beam_energy_units}).
 * Keywords that are not listed keep their text value.
 */
final class MsaKeywords {
    private MsaKeywords() {
    }

    /** Value type and HyperSpy target path of a keyword. */
    record Keyword(boolean numeric, String mappedTo) {
    }

    private static final String TEM = "Acquisition_instrument.TEM.";
    private static final String EELS = TEM + "Detector.EELS.";
    private static final String EDS = TEM + "Detector.EDS.";

    private static final Map<String, Keyword> KEYWORDS = Map.ofEntries(
            // required keywords
            text("FORMAT", null), text("VERSION", null), text("TITLE", "General.title"),
            text("DATE", null), text("TIME", null), text("OWNER", null),
            number("NPOINTS", null), number("NCOLUMNS", null), text("DATATYPE", null),
            number("XPERCHAN", null), number("OFFSET", null),
            // signal description
            text("SIGNALTYPE", "Signal.signal_type"), text("XLABEL", null), text("YLABEL", null),
            text("XUNITS", null), text("YUNITS", null), number("CHOFFSET", null), text("COMMENT", null),
            // microscope
            number("BEAMKV", TEM + "beam_energy"), number("EMISSION", null),
            number("PROBECUR", TEM + "beam_current"), number("BEAMDIAM", null), number("MAGCAM", null),
            text("OPERMODE", null), number("CONVANGLE", TEM + "convergence_angle"),
            // specimen
            number("THICKNESS", "Sample.thickness"), number("XTILTSTGE", TEM + "Stage.tilt_alpha"),
            number("YTILTSTGE", null), number("XPOSITION", null), number("YPOSITION", null),
            number("ZPOSITION", null),
            // EELS
            number("INTEGTIME", EELS + "exposure"), number("DWELLTIME", EELS + "dwell_time"),
            number("COLLANGLE", EELS + "collection_angle"), text("ELSDET", null),
            // EDS
            number("ELEVANGLE", EDS + "elevation_angle"), number("AZIMANGLE", EDS + "azimuth_angle"),
            number("SOLIDANGLE", EDS + "solid_angle"), number("LIVETIME", EDS + "live_time"),
            number("REALTIME", EDS + "real_time"), number("FWHMMNKA", EDS + "energy_resolution_MnKa"),
            number("TBEWIND", null), number("TAUWIND", null), number("TDEADLYR", null),
            number("TACTLYR", null), number("TALWIND", null), number("TPYWIND", null),
            number("TBNWIND", null), number("TDIWIND", null), number("THCWIND", null),
            text("EDSDET", EDS + "EDS_det"));

    private static Map.Entry<String, Keyword> text(String k, String path) {
        return Map.entry(k, new Keyword(false, path));
    }

    private static Map.Entry<String, Keyword> number(String k, String path) {
        return Map.entry(k, new Keyword(true, path));
    }

    /**
     * @param cleanKeyword keyword without '#' and without a unit suffix
     * @return its definition, or null when Tessera does not type it
     */
    static Keyword lookup(String cleanKeyword) {
        return KEYWORDS.get(cleanKeyword.toUpperCase(Locale.ROOT));
    }
}
