package tessera.eels.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tessera.eels.EdgeTable;
import tessera.eels.sim.EelsSimulator;
import tessera.eels.sim.SimulatedSpectrum;
import tessera.eels.sim.SimulatedSpectrum.PlacedEdge;
import tessera.eels.sim.SimulatedSpectrum.Shape;
import tessera.eels.sim.SimulationRanges;
import tessera.eels.sim.SimulationRanges.Range;
import tessera.eels.xsection.CrossSections;
import tessera.eels.xsection.FfastCrossSection;
import tessera.eels.xsection.Microscope;

/**
 * The simulator's M4,5 and N4,5 edges are the optical-limit cross sections of {@link FfastCrossSection} (not the
 * former power-law sawtooth), with one chemical shift per spin-orbit group; caesium (no FFAST table) falls back.
 */
class SimulatedEdgeShapeTest {

    private static final SimulationRanges T = SimulationRanges.ANNYS_2023;
    /**
     * Table 1 except: one element per spectrum, no fine structure (scale 0), t/λ = 1e-6 (the low-loss kernel is
     * then the Lorentzian ZLP within 1e-6) and a ZLP FWHM of 1 eV, so the noiseless core loss is the edge shapes
     * convolved with a known Lorentzian.
     */
    private static final SimulationRanges PLAIN = new SimulationRanges(T.beamKv(), T.convergenceMrad(), T.collectionMrad(),
            T.channels(), T.startMinEv(), T.startMarginEv(), T.endMarginEv(), T.endMaxEv(), new Range(1, 1), T.plasmonEv(),
            T.plasmonWidthEv(), T.plasmons(), new Range(1e-6, 1e-6), T.jumpRatio(), T.backgroundExponent(),
            T.backgroundAmplitude(), T.fineStructureWidthEv(), T.fineStructureDegree(), 0, T.atomicDiameterPm(),
            T.chemicalShiftEv(), T.instrumentalShiftEv(), new Range(1, 1));

    @Test
    void mAndNEdgesFollowTheOpticalCrossSection() {
        EelsSimulator sim = new EelsSimulator(PLAIN, 7);
        int m45 = 0;
        int n45 = 0;
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 4000 && (m45 < 4 || n45 < 4); i++) {
            SimulatedSpectrum s = sim.simulate(i);
            String el = s.edges().get(0).element();
            if (!List.of("Ba", "La", "Ce", "Nd").contains(el)) {
                continue;
            }
            Microscope mic = new Microscope(s.beamKv(), s.convergenceMrad(), s.collectionMrad());
            double[] energy = new double[3072];
            for (int k = 0; k < energy.length; k++) {
                energy[k] = k;
            }
            // reference: Σ FFAST dσ/dE of the placed edges (each with its chemical shift), and the old sawtooth
            double[] ref = new double[energy.length];
            double[] saw = new double[energy.length];
            for (PlacedEdge e : s.edges()) {
                assertEquals(Shape.OPTICAL, e.shape(), e.toString());
                FfastCrossSection x = (FfastCrossSection) CrossSections.of(el, e.subshell().replace(",", ""),
                        CrossSections.Model.OPTICAL);
                assertEquals(e.tableOnsetEv(), x.onsetEv(), 1e-9, "aligned to the edge table");
                x = x.shifted(x.shiftEv() + e.chemicalShiftEv());
                double[] d = x.differential(energy, mic);
                double on = x.onsetEv();
                for (int k = 0; k < energy.length; k++) {
                    ref[k] += d[k];
                    if (k >= on) {
                        saw[k] += Math.pow(on, -2.5) * Math.pow(k / on, -3) * (1 - Math.exp(-(k - on) / Math.max(10, 0.05 * on)));
                    }
                }
            }
            ref = lorentzian(ref, s.zlpFwhmEv());
            saw = lorentzian(saw, s.zlpFwhmEv());
            for (PlacedEdge e : s.edges()) {
                double on = e.tableOnsetEv() + e.chemicalShiftEv();
                boolean n = e.subshell().equals("N4,5");
                int lo = (int) Math.ceil(on) - (n ? 5 : 20);
                int hi = (int) Math.ceil(on) + (n ? 60 : 150);
                if (lo < s.startEv() || hi > s.endEv()) {
                    continue;
                }
                String id = "spectrum " + i + " " + e + " " + s.beamKv() + " kV, beta " + s.collectionMrad();
                double[] sim0 = s.coreLoss();
                double c = correlation(sim0, ref, lo, hi);
                assertTrue(c > 0.9999, id + ": correlation with FFAST " + c);
                // pointwise: simulated / reference constant within 0.3 % where the edge is above 5 % of its peak
                double scale = 0;
                double peak = 0;
                for (int k = lo; k <= hi; k++) {
                    if (ref[k] > peak) {
                        peak = ref[k];
                        scale = sim0[k] / ref[k];
                    }
                }
                for (int k = (int) Math.ceil(on); k <= hi; k++) {
                    if (ref[k] > 0.05 * peak) {
                        assertEquals(1, sim0[k] / ref[k] / scale, 3e-3, id + " channel " + k);
                    }
                }
                int top = argmax(sim0, lo, hi);
                assertEquals(argmax(ref, lo, hi), top, 1, id + " maximum");
                double cs = correlation(sim0, saw, lo, hi);
                assertTrue(cs < 0.8, id + ": the old sawtooth would correlate " + cs);
                if (n) {
                    n45++;
                } else {
                    m45++;
                    // delayed maximum of the M4,5 edge: at the M4 onset plus the ZLP's tail (a few eV), 16–22 eV above
                    // the M5 onset for Ba…Nd; the sawtooth peaked ~70 eV above the M5 onset
                    double m4 = EdgeTable.standard().edge(e.element(), "M4").onsetEv() + e.chemicalShiftEv();
                    assertTrue(top >= m4 && top <= m4 + 6, id + " maximum at " + top + ", M4 onset " + m4);
                    assertTrue(argmax(saw, lo, hi) - on > 60, id);
                }
                seen.add(e.element() + " " + e.subshell() + " corr " + c + " sawtooth " + cs + " max +" + (top - on));
            }
        }
        assertTrue(m45 >= 4 && n45 >= 4, "M4,5 " + m45 + ", N4,5 " + n45 + ": " + seen);
    }

    @Test
    void cesiumFallsBackAndEveryOtherEdgeIsModelled() {
        EelsSimulator sim = new EelsSimulator(T, 3);
        assertEquals(List.of("Cs M4,5 726.0"), sim.fallbackEdges());
        assertEquals(List.of("N4,5 90.0", "M4,5 781.0"), sim.modelledEdges(EelsSimulator.ELEMENTS.indexOf("Ba")));
        assertEquals(List.of("M4,5 726.0"), sim.modelledEdges(EelsSimulator.ELEMENTS.indexOf("Cs")));
        int sawtooth = 0;
        int optical = 0;
        for (int i = 0; i < 600; i++) {
            for (PlacedEdge e : sim.simulate(i).edges()) {
                Shape expected = e.subshell().equals("K") || e.subshell().equals("L2,3") ? Shape.HYDROGENIC
                        : e.element().equals("Cs") ? Shape.SAWTOOTH : Shape.OPTICAL;
                assertEquals(expected, e.shape(), "spectrum " + i + " " + e);
                sawtooth += e.shape() == Shape.SAWTOOTH ? 1 : 0;
                optical += e.shape() == Shape.OPTICAL ? 1 : 0;
            }
        }
        assertTrue(sawtooth > 0 && optical > 10 * sawtooth, sawtooth + " sawtooth, " + optical + " optical");
    }

    /** Convolution with a unit-sum Lorentzian of the given FWHM on the 1 eV grid (the simulator's ZLP). */
    private static double[] lorentzian(double[] x, double fwhm) {
        int n = x.length;
        double hw = fwhm / 2;
        double[] k = new double[2 * n];
        double sum = 0;
        for (int d = -n + 1; d < n; d++) {
            k[d + n] = hw / (Math.PI * (d * (double) d + hw * hw));
            sum += k[d + n];
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double v = 0;
            for (int j = 0; j < n; j++) {
                if (x[j] != 0) {
                    v += x[j] * k[i - j + n];
                }
            }
            y[i] = v / sum;
        }
        return y;
    }

    private static int argmax(double[] a, int lo, int hi) {
        int b = lo;
        for (int k = lo; k <= hi; k++) {
            if (a[k] > a[b]) {
                b = k;
            }
        }
        return b;
    }

    private static double correlation(double[] a, double[] b, int lo, int hi) {
        double ma = 0;
        double mb = 0;
        int n = hi - lo + 1;
        for (int k = lo; k <= hi; k++) {
            ma += a[k];
            mb += b[k];
        }
        ma /= n;
        mb /= n;
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int k = lo; k <= hi; k++) {
            ab += (a[k] - ma) * (b[k] - mb);
            aa += (a[k] - ma) * (a[k] - ma);
            bb += (b[k] - mb) * (b[k] - mb);
        }
        return ab / Math.sqrt(aa * bb);
    }
}
