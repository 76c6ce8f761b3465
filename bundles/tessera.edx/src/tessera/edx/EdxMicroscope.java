package tessera.edx;

/**
 * The electron beam of an EDX acquisition.
 *
 * @param beamKv incident electron energy E0 in keV (accelerating voltage in kV), in (0, 1000]
 */
public record EdxMicroscope(double beamKv) {
    /** @throws IllegalArgumentException if the beam energy is not in (0, 1000] kV */
    public EdxMicroscope {
        if (!(beamKv > 0 && beamKv <= 1000)) {
            throw new IllegalArgumentException("beam energy must be in (0, 1000] kV, not " + beamKv
                    + " (give it as beamEnergy or in the metadata Acquisition_instrument.TEM.beam_energy)");
        }
    }
}
