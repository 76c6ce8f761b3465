package tessera.edx;

import java.util.Arrays;
import java.util.List;

/**
 * Detection efficiency ε(E) of an energy-dispersive X-ray detector: the fraction of the photons of energy E that reach
 * the detector and are counted (the solid angle is not included: it scales all columns of a forward model alike).
 * <p>
 * Two forms: a {@link Layers layer model}, ε(E) = Π_i exp(−μ_iρ_i t_i) · (1 − exp(−μ_cρ_c t_c)), X-rays at normal
 * incidence through the window, contact and dead layers i and absorbed in the active crystal c (as espm's
 * {@code det_efficiency}: Teurtrie et al., Ultramicroscopy 249 (2023) 113719, doi:10.1016/j.ultramic.2023.113719; the
 * layer model of Goldstein et al., Scanning Electron Microscopy and X-Ray Microanalysis, 3rd ed. 2003, ch. 7,
 * doi:10.1007/978-1-4615-0215-9), or a measured {@link Table table}.
 */
public sealed interface DetectorEfficiency permits DetectorEfficiency.Layers, DetectorEfficiency.Table {

    /**
     * @param energyKev photon energy in keV (&gt; 0)
     * @return ε in [0, 1]
     * @throws IllegalArgumentException for an energy outside the photo-absorption tables (below 0.01 keV)
     */
    double at(double energyKev);

    /** The window of a detector: the choices of {@link #sdd}. */
    enum Window {
        /** an ultra-thin polymer window: polyimide of the given thickness with a 30 nm Al light shield */
        POLYMER,
        /** a beryllium window of the given thickness */
        BERYLLIUM,
        /** windowless */
        NONE
    }

    /**
     * A layer model.
     *
     * @param absorbers the layers in front of the active volume (window, contact, dead layer), in any order
     * @param crystal   the active layer, whose absorption counts
     */
    record Layers(List<AbsorberLayer> absorbers, AbsorberLayer crystal) implements DetectorEfficiency {
        /** @throws NullPointerException if the crystal is missing */
        public Layers {
            absorbers = List.copyOf(absorbers);
            java.util.Objects.requireNonNull(crystal, "crystal");
        }

        @Override
        public double at(double energyKev) {
            double tau = 0;
            for (AbsorberLayer l : absorbers) {
                tau += l.opticalDepth(energyKev);
            }
            return Math.exp(-tau) * -Math.expm1(-crystal.opticalDepth(energyKev));
        }
    }

    /**
     * A tabulated efficiency, interpolated linearly; outside the table the end values hold.
     *
     * @param energyKev  energies in keV, strictly increasing, shape [n ≥ 2]
     * @param efficiency ε at those energies, in [0, 1], shape [n]
     */
    record Table(double[] energyKev, double[] efficiency) implements DetectorEfficiency {
        /** @throws IllegalArgumentException if the shapes differ, the energies do not increase or an ε is outside [0, 1] */
        public Table {
            energyKev = energyKev.clone();
            efficiency = efficiency.clone();
            if (energyKev.length < 2 || energyKev.length != efficiency.length) {
                throw new IllegalArgumentException("an efficiency table needs ≥ 2 energies and as many efficiencies, got " + energyKev.length + " and " + efficiency.length);
            }
            for (int i = 0; i < energyKev.length; i++) {
                if (i > 0 && !(energyKev[i] > energyKev[i - 1])) {
                    throw new IllegalArgumentException("efficiency table energies must increase, at " + energyKev[i] + " keV");
                }
                if (!(efficiency[i] >= 0 && efficiency[i] <= 1)) {
                    throw new IllegalArgumentException("efficiency must be in [0, 1], got " + efficiency[i] + " at " + energyKev[i] + " keV");
                }
            }
        }

        @Override
        public double at(double e) {
            int n = energyKev.length;
            if (e <= energyKev[0]) {
                return efficiency[0];
            }
            if (e >= energyKev[n - 1]) {
                return efficiency[n - 1];
            }
            int i = Arrays.binarySearch(energyKev, e);
            if (i >= 0) {
                return efficiency[i];
            }
            int hi = -i - 1;
            double f = (e - energyKev[hi - 1]) / (energyKev[hi] - energyKev[hi - 1]);
            return efficiency[hi - 1] + f * (efficiency[hi] - efficiency[hi - 1]);
        }
    }

    /**
     * A silicon drift detector: window, Si dead layer and Si crystal.
     *
     * @param window            the window type
     * @param windowThicknessNm window thickness in nm (polymer: the polyimide, typically 300; beryllium: typically 8000;
     *                          ignored for {@link Window#NONE})
     * @param deadLayerNm       Si dead layer in nm (typically 30–100)
     * @param crystalUm         Si crystal thickness in µm (typically 450)
     * @return the layer model
     * @throws IllegalArgumentException for a negative thickness or a crystal that is not positive
     */
    static Layers sdd(Window window, double windowThicknessNm, double deadLayerNm, double crystalUm) {
        if (!(crystalUm > 0)) {
            throw new IllegalArgumentException("detector crystal thickness must be positive, not " + crystalUm + " µm");
        }
        List<AbsorberLayer> front = switch (window) {
            case POLYMER -> List.of(AbsorberLayer.polyimide(windowThicknessNm), AbsorberLayer.element("Al", 30));
            case BERYLLIUM -> List.of(AbsorberLayer.element("Be", windowThicknessNm));
            case NONE -> List.of();
        };
        List<AbsorberLayer> all = new java.util.ArrayList<>(front);
        all.add(new AbsorberLayer("Si dead layer", java.util.Map.of("Si", 1.0), 2.33, deadLayerNm));
        return new Layers(all, new AbsorberLayer("Si crystal", java.util.Map.of("Si", 1.0), 2.33, crystalUm * 1000));
    }

    /** @return the default detector of {@link EdxForwardModel}: polymer window 300 nm (+ 30 nm Al), 50 nm Si dead layer, 450 µm Si */
    static Layers typicalSdd() {
        return sdd(Window.POLYMER, 300, 50, 450);
    }
}
