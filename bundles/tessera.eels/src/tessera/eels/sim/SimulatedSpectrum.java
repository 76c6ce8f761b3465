package tessera.eels.sim;

import java.util.List;

/**
 * One simulated core-loss spectrum with its labels and the parameters drawn for it.
 *
 * @param index index of the spectrum in its seeded sequence
 * @param spectrum counts normalised to a maximum of 1 on 0 … channels−1 eV (1 eV/channel), zero outside the
 *        (shifted) spectrum window; shape [channels]
 * @param labels multi-hot labels over {@link EelsSimulator#ELEMENTS} (Be…Bi), 1 = present; shape [80]
 * @param edges the edges placed in the spectrum, onsets including chemical and instrumental shifts
 * @param beamKv beam energy, kV
 * @param convergenceMrad convergence semi-angle, mrad
 * @param collectionMrad collection semi-angle, mrad
 * @param startEv spectrum start before the instrumental shift, eV
 * @param endEv spectrum end before the instrumental shift, eV (may exceed the last channel)
 * @param zlpFwhmEv Lorentzian zero-loss FWHM, eV
 * @param plasmonEv plasmon energy, eV
 * @param plasmonWidthEv plasmon width, eV
 * @param plasmons number of plasmon orders
 * @param tOverLambda t/λ
 * @param jumpRatio jump ratio enforced on edge {@code jumpEdge} of {@code edges}
 * @param jumpEdge index into {@code edges} of the edge carrying the jump ratio
 * @param backgroundAmplitude power-law amplitude A, counts
 * @param backgroundExponent power-law exponent r
 * @param atomicDiameterPm atomic diameter for the lifetime broadening, pm
 * @param instrumentalShiftEv instrumental shift, eV
 * @param noiseless the spectrum before Poisson noise, instrumental shift and normalisation (counts on the same
 *        axis, zero outside the window); shape [channels]
 * @param coreLoss the edges with fine structure convolved with the low loss, before the background; shape [channels]
 */
public record SimulatedSpectrum(long index, float[] spectrum, byte[] labels, List<PlacedEdge> edges, int beamKv,
        double convergenceMrad, double collectionMrad, int startEv, int endEv, double zlpFwhmEv, int plasmonEv,
        int plasmonWidthEv, int plasmons, double tOverLambda, double jumpRatio, int jumpEdge,
        double backgroundAmplitude, double backgroundExponent, double atomicDiameterPm, int instrumentalShiftEv,
        double[] noiseless, double[] coreLoss) {

    /**
     * How the simulator drew an edge's shape (before fine structure).
     */
    public enum Shape {
        /** {@link tessera.eels.xsection.HydrogenicCrossSection} (K and L2,3 edges); shard code {@code h} */
        HYDROGENIC('h'),
        /** {@link tessera.eels.xsection.FfastCrossSection}, optical limit (M, N and other edges); shard code {@code o} */
        OPTICAL('o'),
        /** power-law sawtooth, the fallback where FFAST has no data (Cs); shard code {@code s} */
        SAWTOOTH('s');

        private final char code;

        Shape(char code) {
            this.code = code;
        }

        /** @return the one-letter code written in the shards' {@code edges} strings */
        public char code() {
            return code;
        }
    }

    /**
     * An edge placed in a simulated spectrum.
     *
     * @param element element symbol
     * @param subshell "K", "L2,3" (hydrogenic), or an M/N/O subshell or group of spin-orbit partners such as "M4,5",
     *        "N4,5" (optical limit, or the sawtooth fallback)
     * @param tableOnsetEv onset in {@link tessera.eels.EdgeTable#standard()} (lowest subshell of a group), eV
     * @param chemicalShiftEv chemical shift, eV (one for all subshells of a group)
     * @param onsetEv onset in the output spectrum (table onset + chemical + instrumental shift), eV
     * @param shape the cross-section model of the edge shape
     * @param fineStructureWidthEv fine-structure width, eV
     * @param fineStructureDegree number of fine-structure Gaussians
     */
    public record PlacedEdge(String element, String subshell, double tableOnsetEv, int chemicalShiftEv,
            double onsetEv, Shape shape, int fineStructureWidthEv, int fineStructureDegree) {
    }
}
