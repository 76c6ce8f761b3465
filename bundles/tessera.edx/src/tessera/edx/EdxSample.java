package tessera.edx;

import java.util.Map;

import tessera.elements.Elements;

/**
 * The specimen as the X-rays leaving it see it: a homogeneous slab of thickness t, density ρ and composition c, seen
 * by the detector at the take-off angle θ. The generated X-rays are absorbed on their way out by the factor
 * A(E) = (1 − e^{−χ})/χ, χ = (μ/ρ)(E) ρ t / sin θ, the average of e^{−(μ/ρ)ρ z/sin θ} over a uniform depth
 * distribution of generation (thin-film absorption correction; Goldstein, Costley, Lorimer, Reed, Scanning Electron
 * Microsc. 1 (1977) 315; as espm's {@code absorption_correction}, Teurtrie et al., Ultramicroscopy 249 (2023) 113719,
 * doi:10.1016/j.ultramic.2023.113719; and HyperSpy's absorption correction of the ζ-factor and cross-section methods,
 * Watanabe &amp; Williams, J. Microsc. 221 (2006) 89, doi:10.1111/j.1365-2818.2006.01549.x).
 *
 * @param thicknessNm     slab thickness t in nm (≥ 0; 0 turns absorption off)
 * @param densityGcm3     density ρ in g/cm³ (&gt; 0), or NaN to estimate it from the composition
 *                        ({@link #mixtureDensity})
 * @param takeOffAngleDeg take-off angle θ in degrees, in (0, 90]
 * @param composition     atomic fractions of the matrix that absorbs (element → fraction; normalised here), or an
 *                        empty map for "equal atomic fractions of the modelled elements" (espm's choice for its
 *                        continuum columns)
 */
public record EdxSample(double thicknessNm, double densityGcm3, double takeOffAngleDeg, Map<String, Double> composition) {

    /** @throws IllegalArgumentException for a negative thickness, a non-positive density or a take-off angle outside (0, 90] */
    public EdxSample {
        if (!(thicknessNm >= 0) || !Double.isFinite(thicknessNm)) {
            throw new IllegalArgumentException("sample thickness must be ≥ 0, not " + thicknessNm + " nm");
        }
        if (!Double.isNaN(densityGcm3) && !(densityGcm3 > 0 && Double.isFinite(densityGcm3))) {
            throw new IllegalArgumentException("sample density must be positive, not " + densityGcm3 + " g/cm³");
        }
        if (!(takeOffAngleDeg > 0 && takeOffAngleDeg <= 90)) {
            throw new IllegalArgumentException("take-off angle must be in (0, 90] degrees, not " + takeOffAngleDeg
                    + " (give it as takeOffAngle or the metadata Acquisition_instrument.TEM.Detector.EDS.elevation_angle)");
        }
        composition = composition == null || composition.isEmpty() ? Map.of() : AbsorberLayer.normalise(composition, "sample");
    }

    /**
     * The absorption factor of a thin slab.
     *
     * @param chi χ = μρt/sin θ (≥ 0)
     * @return (1 − e^{−χ})/χ, 1 at χ = 0, decreasing to 1/χ for large χ
     */
    public static double absorptionFactor(double chi) {
        if (chi < 1e-12) {
            return 1 - chi / 2;
        }
        return -Math.expm1(-chi) / chi;
    }

    /**
     * χ of this sample at an energy, for a given absorbing composition.
     *
     * @param energyKev     photon energy in keV (≥ 0.01)
     * @param massFractions the matrix's mass fractions
     * @param density       the density in g/cm³
     * @return χ = (μ/ρ) ρ t / sin θ
     */
    public double chi(double energyKev, Map<String, Double> massFractions, double density) {
        if (thicknessNm == 0) {
            return 0;
        }
        return AbsorberLayer.massAbsorption(massFractions, energyKev) * density * thicknessNm * 1e-7 / Math.sin(Math.toRadians(takeOffAngleDeg));
    }

    /**
     * Density of a mixture from its elements' densities by volume additivity, 1/ρ = Σ w_i/ρ_i over the mass fractions
     * w_i (HyperSpy's {@code density_of_mixture}); elements whose elemental density is below 0.1 g/cm³ (gases: O, N, H,
     * ...) are left out of the sum and the remaining fractions renormalised, because their gas density would make an
     * oxide as light as air.
     *
     * @param atomic atomic fractions (element → fraction)
     * @return ρ in g/cm³
     * @throws IllegalArgumentException if no element of the composition is a solid with a tabulated density
     */
    public static double mixtureDensity(Map<String, Double> atomic) {
        Map<String, Double> w = AbsorberLayer.massFractions(atomic);
        double s = 0, inv = 0;
        for (Map.Entry<String, Double> e : w.entrySet()) {
            double rho = Elements.density(e.getKey());
            if (rho >= 0.1) {
                s += e.getValue();
                inv += e.getValue() / rho;
            }
        }
        if (!(s > 0)) {
            throw new IllegalArgumentException("cannot estimate a density for " + atomic.keySet() + " (no solid element); give the sample density");
        }
        return s / inv;
    }

    /**
     * Take-off angle from the stage tilt and the detector's azimuth and elevation, as HyperSpy 1.7.3's
     * {@code take_off_angle}: 90° − arccos(sin α cos β cos φ cos θ' − sin β sin φ cos θ' − cos α cos β sin θ') with
     * α the alpha tilt, β = −beta tilt, φ the azimuth, θ' = −elevation.
     *
     * @param tiltAlphaDeg stage alpha tilt in degrees
     * @param azimuthDeg   detector azimuth in degrees (0: perpendicular to the tilt axis)
     * @param elevationDeg detector elevation in degrees
     * @param tiltBetaDeg  stage beta tilt in degrees
     * @return the take-off angle in degrees
     */
    public static double takeOffAngle(double tiltAlphaDeg, double azimuthDeg, double elevationDeg, double tiltBetaDeg) {
        double a = Math.toRadians(tiltAlphaDeg);
        double b = -Math.toRadians(tiltBetaDeg);
        double phi = Math.toRadians(azimuthDeg);
        double th = -Math.toRadians(elevationDeg);
        double c = Math.sin(a) * Math.cos(b) * Math.cos(phi) * Math.cos(th) - Math.sin(b) * Math.sin(phi) * Math.cos(th) - Math.cos(a) * Math.cos(b) * Math.sin(th);
        return 90 - Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
    }
}
