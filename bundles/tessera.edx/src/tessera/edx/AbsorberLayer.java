package tessera.edx;

import java.util.LinkedHashMap;
import java.util.Map;

import tessera.elements.Elements;
import tessera.elements.PhotoAbsorption;

/**
 * A homogeneous layer that X-rays cross: a detector window, a contact or dead layer, the detector crystal.
 * Its transmission at normal incidence is Beer–Lambert's exp(−(μ/ρ) ρ t), with the mass absorption coefficient of the
 * mixture μ/ρ = Σ w_i (μ/ρ)_i over the mass fractions w_i (the mixture rule; J. I. Goldstein et al., Scanning Electron
 * Microscopy and X-Ray Microanalysis, 3rd ed. 2003, doi:10.1007/978-1-4615-0215-9) and the elements'
 * photoelectric (μ/ρ)_i of {@link PhotoAbsorption#massAbsorption} (NIST FFAST).
 *
 * @param name          label, e.g. {@code "polyimide window"}
 * @param massFractions element symbol → mass fraction (normalised to sum 1 here)
 * @param densityGcm3   density in g/cm³ (&gt; 0)
 * @param thicknessNm   thickness in nm (≥ 0)
 */
public record AbsorberLayer(String name, Map<String, Double> massFractions, double densityGcm3, double thicknessNm) {

    /** @throws IllegalArgumentException if the composition is empty, a fraction negative, or density/thickness invalid */
    public AbsorberLayer {
        massFractions = normalise(massFractions, "layer '" + name + "'");
        if (!(densityGcm3 > 0) || !Double.isFinite(densityGcm3)) {
            throw new IllegalArgumentException("layer '" + name + "': density must be positive, not " + densityGcm3 + " g/cm³");
        }
        if (!(thicknessNm >= 0) || !Double.isFinite(thicknessNm)) {
            throw new IllegalArgumentException("layer '" + name + "': thickness must be ≥ 0, not " + thicknessNm + " nm");
        }
    }

    /**
     * A layer of one element at the density of the elemental solid ({@link Elements#density}).
     *
     * @param symbol      element symbol, e.g. {@code "Si"}
     * @param thicknessNm thickness in nm
     * @return the layer
     * @throws IllegalArgumentException for an unknown element or one without a tabulated density
     */
    public static AbsorberLayer element(String symbol, double thicknessNm) {
        double rho = Elements.density(symbol);
        if (Double.isNaN(rho)) {
            throw new IllegalArgumentException("no density tabulated for element '" + symbol + "'; give the layer's density");
        }
        return new AbsorberLayer(symbol, Map.of(symbol, 1.0), rho, thicknessNm);
    }

    /**
     * A polyimide (Kapton, C₂₂H₁₀N₂O₅, 1.42 g/cm³) layer: the polymer of thin detector windows.
     *
     * @param thicknessNm thickness in nm
     * @return the layer
     */
    public static AbsorberLayer polyimide(double thicknessNm) {
        return new AbsorberLayer("polyimide", massFractions(Map.of("C", 22.0, "H", 10.0, "N", 2.0, "O", 5.0)), 1.42, thicknessNm);
    }

    /**
     * Mass fractions from atomic fractions (or a formula's atom counts): w_i = n_i A_i / Σ n_j A_j with the standard
     * atomic weights of {@link Elements#atomicWeight}.
     *
     * @param atomic element symbol → atomic fraction or count (≥ 0, not all 0)
     * @return element symbol → mass fraction, in the input's order, summing to 1
     * @throws IllegalArgumentException for an unknown element, a negative entry or an all-zero composition
     */
    public static Map<String, Double> massFractions(Map<String, Double> atomic) {
        Map<String, Double> w = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : normalise(atomic, "composition").entrySet()) {
            w.put(e.getKey(), e.getValue() * Elements.atomicWeight(e.getKey()));
        }
        return normalise(w, "composition");
    }

    static Map<String, Double> normalise(Map<String, Double> m, String what) {
        if (m == null || m.isEmpty()) {
            throw new IllegalArgumentException(what + ": the composition is empty");
        }
        double s = 0;
        for (Map.Entry<String, Double> e : m.entrySet()) {
            Elements.z(e.getKey());
            double v = e.getValue();
            if (!(v >= 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException(what + ": fraction of " + e.getKey() + " must be ≥ 0, not " + v);
            }
            s += v;
        }
        if (!(s > 0)) {
            throw new IllegalArgumentException(what + ": all fractions are 0");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : m.entrySet()) {
            out.put(e.getKey(), e.getValue() / s);
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /**
     * Mass absorption coefficient of a mixture, Σ w_i (μ/ρ)_i.
     *
     * @param massFractions element → mass fraction (summing to 1)
     * @param energyKev     photon energy in keV (inside FFAST's table, ≥ 0.01 keV)
     * @return μ/ρ in cm²/g
     * @throws IllegalArgumentException for an element without an FFAST table or an energy outside it
     */
    public static double massAbsorption(Map<String, Double> massFractions, double energyKev) {
        double mu = 0;
        for (Map.Entry<String, Double> e : massFractions.entrySet()) {
            if (e.getValue() > 0) {
                mu += e.getValue() * elementMassAbsorption(e.getKey(), energyKev);
            }
        }
        return mu;
    }

    /**
     * Photoelectric μ/ρ of one element ({@link PhotoAbsorption#massAbsorption}). The bundled FFAST tables of H..Zr
     * (except Ca, Fe, Co) end at 2.9–4 keV; above the top of a table μ/ρ is extrapolated from its last point as E⁻³,
     * the photoelectric fall-off between edges (Kramers' law; within about 10 % of FFAST for Si between 4 and 20 keV).
     * An edge above the table's top (the K edges of Sc..Zr, e.g. Cu K at 8.98 keV) is then missing, so the absorption
     * by those elements above their K edge is underestimated (several-fold) until tessera.elements carries their full
     * tables.
     *
     * @param symbol    element symbol
     * @param energyKev photon energy in keV
     * @return μ/ρ in cm²/g
     * @throws IllegalArgumentException for an element without FFAST table or an energy below the table
     */
    public static double elementMassAbsorption(String symbol, double energyKev) {
        double[] grid = PhotoAbsorption.element(symbol).energyEv();
        double top = grid[grid.length - 1];
        double ev = energyKev * 1000;
        if (ev > top) {
            return PhotoAbsorption.massAbsorption(symbol, top) * Math.pow(top / ev, 3);
        }
        return PhotoAbsorption.massAbsorption(symbol, ev);
    }

    /**
     * @param energyKev photon energy in keV
     * @return the optical depth μ/ρ · ρ · t at normal incidence (dimensionless)
     */
    public double opticalDepth(double energyKev) {
        return massAbsorption(massFractions, energyKev) * densityGcm3 * thicknessNm * 1e-7;
    }

    /**
     * @param energyKev photon energy in keV
     * @return the transmitted fraction exp(−μρt) at normal incidence
     */
    public double transmission(double energyKev) {
        return Math.exp(-opticalDepth(energyKev));
    }
}
