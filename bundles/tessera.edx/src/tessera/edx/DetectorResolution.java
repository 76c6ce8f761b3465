package tessera.edx;

/**
 * Energy resolution of an energy-dispersive X-ray detector: the FWHM of a line at energy E from the FWHM at Mn Kα,
 * FWHM(E) = √(2.5 (E − 5.899 keV)·1000 + FWHM_MnKα²) in eV (E in keV), as HyperSpy's {@code get_FWHM_at_Energy}.
 * <p>
 * Source: C. E. Fiori, D. E. Newbury, Scanning Electron Microsc. 1 (1978) 401; J. I. Goldstein et al., Scanning
 * Electron Microscopy and X-Ray Microanalysis, 3rd ed. (2003) §7.2, doi:10.1007/978-1-4615-0215-9.
 *
 * @param fwhmMnKaEv FWHM at Mn Kα (5.899 keV) in eV, e.g. 130
 */
public record DetectorResolution(double fwhmMnKaEv) {

    /** the Mn Kα energy in keV at which detector resolutions are quoted */
    public static final double MN_KA_KEV = 5.8987;

    /** @throws IllegalArgumentException if the FWHM is not positive and finite */
    public DetectorResolution {
        if (!(fwhmMnKaEv > 0) || !Double.isFinite(fwhmMnKaEv)) {
            throw new IllegalArgumentException("detector energy resolution (FWHM at Mn Ka) must be positive, not " + fwhmMnKaEv + " eV");
        }
    }

    /**
     * @param energyKev line energy in keV
     * @return FWHM in keV at that energy
     */
    public double fwhmKev(double energyKev) {
        double v = 2.5 * (energyKev - MN_KA_KEV) * 1000 + fwhmMnKaEv * fwhmMnKaEv;
        return Math.sqrt(Math.max(v, 0)) / 1000;
    }

    /**
     * @param energyKev line energy in keV
     * @return the Gaussian standard deviation in keV (FWHM / 2√(2 ln 2))
     */
    public double sigmaKev(double energyKev) {
        return fwhmKev(energyKev) / (2 * Math.sqrt(2 * Math.log(2)));
    }
}
