package tessera.eels.sim;

import java.util.List;

/**
 * Parameter ranges of the core-loss EELS simulator: Table 1 of Annys, Jannis, Verbeeck, "Deep learning for automated
 * materials characterisation in core-loss electron energy loss spectroscopy", Sci. Rep. 13 (2023) 13724,
 * doi:10.1038/s41598-023-40943-7. Intervals are inclusive; "integer" ranges are drawn uniformly over the integers,
 * the others uniformly over the reals; lists are drawn uniformly among their values.
 *
 * @param beamKv accelerating voltages, kV (Table 1: 60, 100, 200, 300)
 * @param convergenceMrad convergence semi-angle range α, mrad ([1, 20])
 * @param collectionMrad collection semi-angle range β, mrad ([1, 100])
 * @param channels output channels at 1 eV/channel starting at 0 eV (3072: 0–3071 eV)
 * @param startMinEv lowest spectrum start, eV (75; the start is an integer in [75, E_first edge − 10])
 * @param startMarginEv margin below the first edge, eV (10)
 * @param endMarginEv margin above the last edge, eV (25; the end is an integer in [E_last edge + 25, 3272])
 * @param endMaxEv largest spectrum end, eV (3272; channels above 3071 eV are cut by the zero padding window)
 * @param zlpFwhmEv FWHM range of the Lorentzian zero-loss peak, eV ([1, 3])
 * @param plasmonEv plasmon energy range, integer eV ([3, 20])
 * @param plasmonWidthEv plasmon width range, integer eV ([3, 20])
 * @param plasmons range of the number of plasmon peaks (multiple-scattering orders), integer ([2, 5])
 * @param tOverLambda scattering parameter range t/λ ([0.1, 1])
 * @param jumpRatio jump-ratio range of one chosen edge ([0.2, 1.5])
 * @param backgroundExponent power-law exponent range r ([2, 4])
 * @param backgroundAmplitude power-law amplitudes A, counts (10^3 … 10^7)
 * @param fineStructureWidthEv fine-structure width range above the onset, integer eV ([50, 100])
 * @param fineStructureDegree number of Gaussians in the fine structure, integer ([10, 25])
 * @param maxFineStructureScale largest ratio of fine-structure peak amplitude to edge peak amplitude (10)
 * @param atomicDiameterPm atomic diameter range for the Seah–Dench mean free path, pm ([25, 250])
 * @param chemicalShiftEv chemical shift range per edge, integer eV ([-5, 5])
 * @param instrumentalShiftEv instrumental shift range per spectrum, integer eV ([-5, 5])
 * @param elementsPerSpectrum number of elements per spectrum (not in Table 1; our choice [1, 4])
 */
public record SimulationRanges(List<Integer> beamKv, Range convergenceMrad, Range collectionMrad, int channels,
        int startMinEv, int startMarginEv, int endMarginEv, int endMaxEv, Range zlpFwhmEv, Range plasmonEv,
        Range plasmonWidthEv, Range plasmons, Range tOverLambda, Range jumpRatio, Range backgroundExponent,
        List<Double> backgroundAmplitude, Range fineStructureWidthEv, Range fineStructureDegree,
        double maxFineStructureScale, Range atomicDiameterPm, Range chemicalShiftEv, Range instrumentalShiftEv,
        Range elementsPerSpectrum) {

    /**
     * Inclusive interval.
     *
     * @param low lower bound
     * @param high upper bound (&ge; low)
     */
    public record Range(double low, double high) {

        /** @throws IllegalArgumentException if high &lt; low or a bound is not finite */
        public Range {
            if (!(Double.isFinite(low) && Double.isFinite(high) && high >= low)) {
                throw new IllegalArgumentException("bad range [" + low + ", " + high + "]");
            }
        }

        /**
         * @param v value
         * @return whether low &le; v &le; high
         */
        public boolean contains(double v) {
            return v >= low && v <= high;
        }
    }

    /** Table 1 of Annys et al. 2023 (plus 1–4 elements per spectrum). */
    public static final SimulationRanges ANNYS_2023 = new SimulationRanges(List.of(60, 100, 200, 300),
            new Range(1, 20), new Range(1, 100), 3072, 75, 10, 25, 3272, new Range(1, 3), new Range(3, 20),
            new Range(3, 20), new Range(2, 5), new Range(0.1, 1), new Range(0.2, 1.5), new Range(2, 4),
            List.of(1e3, 1e4, 1e5, 1e6, 1e7), new Range(50, 100), new Range(10, 25), 10, new Range(25, 250),
            new Range(-5, 5), new Range(-5, 5), new Range(1, 4));
}
