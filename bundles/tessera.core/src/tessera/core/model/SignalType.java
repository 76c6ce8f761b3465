package tessera.core.model;

/**
 * What a dataset's signal is, in HyperSpy's {@code Signal.signal_type} vocabulary
 * ({@code "EELS"}, {@code "EDS_TEM"}, {@code "EDS_SEM"}, ...).
 */
public enum SignalType {
    /** electron energy-loss spectroscopy; energy axis in eV */
    EELS("EELS"),
    /** energy-dispersive X-ray spectroscopy in a (S)TEM; energy axis in keV */
    EDS_TEM("EDS_TEM"),
    /** energy-dispersive X-ray spectroscopy in an SEM; energy axis in keV */
    EDS_SEM("EDS_SEM"),
    /** cathodoluminescence spectrum */
    CL("CL"),
    /** an image or image stack (HAADF, ABF, diffraction) */
    IMAGE(""),
    /** any other or unknown signal */
    UNKNOWN("");

    private final String hyperspyName;

    SignalType(String hyperspyName) {
        this.hyperspyName = hyperspyName;
    }

    /** @return HyperSpy's {@code signal_type} string ("" when HyperSpy has none) */
    public String hyperspyName() {
        return hyperspyName;
    }

    /** @return true for EDS_TEM and EDS_SEM */
    public boolean isEds() {
        return this == EDS_TEM || this == EDS_SEM;
    }

    /**
     * Maps a HyperSpy/DigitalMicrograph signal-type string to the enum. "EDS", "EDX",
     * "EDS_TEM" map to {@link #EDS_TEM}; unknown strings to {@link #UNKNOWN}.
     *
     * @param s string, may be null
     * @return the type
     */
    public static SignalType parse(String s) {
        if (s == null) {
            return UNKNOWN;
        }
        return switch (s.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "EELS" -> EELS;
            case "EDS_TEM", "EDS", "EDX", "EDS_STEM" -> EDS_TEM;
            case "EDS_SEM" -> EDS_SEM;
            case "CL", "CL_SEM", "CL_STEM" -> CL;
            default -> UNKNOWN;
        };
    }
}
