package tessera.edx;

/**
 * The energy windows used for one X-ray line's intensity, in the units of the spectrum's energy axis (keV for EDX
 * data), as HyperSpy 1.7.3's {@code estimate_integration_windows} and {@code estimate_background_windows} make them.
 *
 * @param line             the X-ray line
 * @param fwhm             detector FWHM at the line energy (Fiori–Newbury, {@link DetectorResolution}), keV
 * @param integrationLow   start of the integration window, keV (line − w·FWHM/2)
 * @param integrationHigh  end of the integration window, keV (line + w·FWHM/2)
 * @param background       the background windows {@code [leftLow, leftHigh, rightLow, rightHigh]} in keV after merging
 *                         with overlapping neighbours, or null when no background is subtracted
 */
public record LineWindow(XrayLine line, double fwhm, double integrationLow, double integrationHigh, double[] background) {

    /** @throws IllegalArgumentException if the integration window is empty or the background array has not 4 values */
    public LineWindow {
        if (!(integrationHigh > integrationLow)) {
            throw new IllegalArgumentException("integration window of " + line.label() + " is empty: " + integrationLow + " to " + integrationHigh);
        }
        if (background != null) {
            if (background.length != 4) {
                throw new IllegalArgumentException("background windows of " + line.label() + " need 4 values (left low, left high, right low, right high)");
            }
            background = background.clone();
        }
    }

    /** @return the background windows (a copy), or null */
    @Override
    public double[] background() {
        return background == null ? null : background.clone();
    }

    /** @return e.g. {@code Fe_Ka: integration 6.269–6.539 keV, background 6.000–6.134 / 6.673–6.808 keV} */
    @Override
    public String toString() {
        String s = String.format(java.util.Locale.ROOT, "%s: integration %.3f–%.3f keV", line.label(), integrationLow, integrationHigh);
        if (background != null) {
            s += String.format(java.util.Locale.ROOT, ", background %.3f–%.3f / %.3f–%.3f keV", background[0], background[1], background[2], background[3]);
        }
        return s;
    }
}
