package tessera.eels.xsection;

/**
 * Acquisition conditions that enter an inelastic cross section.
 *
 * @param beamKv incident electron energy E0 in keV (accelerating voltage in kV), &gt; 0
 * @param convergenceMrad convergence semi-angle α in mrad, &ge; 0 (0: parallel illumination)
 * @param collectionMrad collection semi-angle β in mrad, &gt; 0
 */
public record Microscope(double beamKv, double convergenceMrad, double collectionMrad) {

    /**
     * @throws IllegalArgumentException if a value is not finite or out of range
     */
    public Microscope {
        if (!(beamKv > 0 && beamKv < 1e4)) {
            throw new IllegalArgumentException("beam energy must be in (0, 1e4) kV, got " + beamKv);
        }
        if (!(convergenceMrad >= 0 && convergenceMrad < 1000)) {
            throw new IllegalArgumentException("convergence semi-angle must be in [0, 1000) mrad, got " + convergenceMrad);
        }
        if (!(collectionMrad > 0 && collectionMrad < 1000)) {
            throw new IllegalArgumentException("collection semi-angle must be in (0, 1000) mrad, got " + collectionMrad);
        }
    }

    /**
     * Effective collection semi-angle β* that corrects for beam convergence (Egerton, <i>Electron Energy-Loss
     * Spectroscopy in the Electron Microscope</i>, 3rd ed. 2011, doi:10.1007/978-1-4419-9583-4, §4.5.3 and the
     * Appendix B program CONCOR2; the same formula as HyperSpy's {@code effective_angle}): with θ_E the
     * characteristic angle at energy loss E, the fraction of the dipole scattering collected for convergence α and
     * aperture β equals that collected by a parallel beam and aperture β*.
     *
     * @param lossEv energy loss E in eV at which the correction is evaluated (&gt; 0; HyperSpy and we use the edge
     *        onset)
     * @return β* in mrad; β itself when α = 0
     * @throws IllegalArgumentException if lossEv is not positive
     */
    public double effectiveCollectionMrad(double lossEv) {
        if (!(lossEv > 0)) {
            throw new IllegalArgumentException("energy loss must be positive, got " + lossEv);
        }
        double alpha = convergenceMrad;
        double beta = collectionMrad;
        if (alpha == 0) {
            return beta;
        }
        // characteristic angle θ_E = E / (γ m v²) in mrad with E0 in keV and E in eV
        double thetaE = lossEv / (beamKv * (1 + beamKv / 1022.0) / (1 + beamKv / 511.0));
        double a2 = alpha * alpha * 1e-6;
        double b2 = beta * beta * 1e-6;
        double t2 = thetaE * thetaE * 1e-6;
        double eta1 = Math.sqrt((a2 + b2 + t2) * (a2 + b2 + t2) - 4 * a2 * b2) - a2 - b2 - t2;
        double eta2 = 2 * b2 * Math.log(0.5 / t2 * (Math.sqrt((a2 + t2 - b2) * (a2 + t2 - b2) + 4 * b2 * t2) + a2 + t2 - b2));
        double eta3 = 2 * a2 * Math.log(0.5 / t2 * (Math.sqrt((b2 + t2 - a2) * (b2 + t2 - a2) + 4 * a2 * t2) + b2 + t2 - a2));
        double f1 = (eta1 + eta2 + eta3) / 2 / a2 / Math.log(1 + b2 / t2);
        double f2 = alpha > beta ? f1 * a2 / b2 : f1;
        return thetaE * Math.sqrt(Math.exp(f2 * Math.log(1 + b2 / t2)) - 1);
    }
}
