package tessera.eels;

import tessera.core.analysis.IncompatibleDataException;
import tessera.core.model.Axis;

/**
 * The check every EELS method that reads energies off a spectrum makes first: the signal axis is a calibrated energy
 * loss in eV (element identification, the oxidation state). One message per problem, starting with the file.
 */
public final class EnergyLossAxis {
    private EnergyLossAxis() {
    }

    /**
     * @param energy  the signal axis
     * @param source  the file or dataset, for the message
     * @param purpose what needs it, for the message (e.g. "element identification")
     * @throws IncompatibleDataException if the axis has no units (no calibration), is in keV (an EDX spectrum) or any
     *                                   other unit than eV, or its dispersion is not positive or its offset not finite
     */
    public static void requireEv(Axis energy, String source, String purpose) {
        String units = energy.units() == null ? "" : energy.units().trim();
        if (units.isEmpty() || units.equals("<undefined>")) {
            throw new IncompatibleDataException(source + ": the spectrum has no energy calibration (axis '" + energy.name()
                    + "' has no units); " + purpose + " needs energy loss in eV");
        }
        if (units.equalsIgnoreCase("keV")) {
            throw new IncompatibleDataException(source + ": the energy axis is in keV; " + purpose + " needs a core-loss EELS spectrum in eV"
                    + " (an EDX spectrum is read by its X-ray lines, not by EELS edges)");
        }
        if (!units.equals("eV")) {
            throw new IncompatibleDataException(source + ": the signal axis '" + energy.name() + "' is in '" + units + "', not energy loss in eV");
        }
        if (!(energy.scale() > 0) || !Double.isFinite(energy.offset())) {
            throw new IncompatibleDataException(source + ": the energy axis has dispersion " + energy.scale() + " eV/channel; it must be positive");
        }
    }
}
