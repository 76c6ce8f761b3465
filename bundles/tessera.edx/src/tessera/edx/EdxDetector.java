package tessera.edx;

/**
 * An energy-dispersive X-ray detector: its energy resolution and its detection efficiency.
 *
 * @param resolution FWHM vs energy (Fiori–Newbury, from the FWHM at Mn Kα)
 * @param efficiency ε(E), a layer model or a table
 */
public record EdxDetector(DetectorResolution resolution, DetectorEfficiency efficiency) {
    /** @throws NullPointerException if a part is missing */
    public EdxDetector {
        java.util.Objects.requireNonNull(resolution, "resolution");
        java.util.Objects.requireNonNull(efficiency, "efficiency");
    }

    /**
     * @param fwhmMnKaEv FWHM at Mn Kα in eV
     * @return a detector of that resolution with {@link DetectorEfficiency#typicalSdd()}
     */
    public static EdxDetector typical(double fwhmMnKaEv) {
        return new EdxDetector(new DetectorResolution(fwhmMnKaEv), DetectorEfficiency.typicalSdd());
    }
}
