package tessera.eels.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import tessera.eels.sim.EelsSimulator;
import tessera.eels.sim.SimulatedSpectrum;
import tessera.eels.sim.SimulatedSpectrum.PlacedEdge;
import tessera.eels.sim.SimulationRanges;

/** The Annys et al. 2023 simulator: labels against edges, Table 1 ranges, reproducibility. */
class SimulatorTest {

    private static final SimulationRanges T = SimulationRanges.ANNYS_2023;

    @Test
    void labelsMatchEdgesAndParametersStayInTable1() {
        EelsSimulator sim = new EelsSimulator(T, 2023);
        assertEquals(80, EelsSimulator.ELEMENTS.size());
        assertEquals("Be", EelsSimulator.ELEMENTS.get(0));
        assertEquals("Bi", EelsSimulator.ELEMENTS.get(79));
        for (int l = 0; l < 80; l++) {
            assertFalse(sim.modelledEdges(l).isEmpty(), EelsSimulator.ELEMENTS.get(l) + " has no edge in range");
        }
        int[] seen = new int[80];
        for (int i = 0; i < 2000; i++) {
            SimulatedSpectrum s = sim.simulate(i);
            String id = "spectrum " + i;
            float[] x = s.spectrum();
            assertEquals(3072, x.length);
            assertEquals(80, s.labels().length);
            Set<String> labelled = new TreeSet<>();
            for (int l = 0; l < 80; l++) {
                if (s.labels()[l] == 1) {
                    labelled.add(EelsSimulator.ELEMENTS.get(l));
                    seen[l]++;
                }
            }
            Set<String> withEdges = new TreeSet<>();
            for (PlacedEdge e : s.edges()) {
                withEdges.add(e.element());
                double unshifted = e.onsetEv() - s.instrumentalShiftEv();
                assertTrue(e.onsetEv() >= 0 && e.onsetEv() <= 3071 - 10, id + " " + e);
                assertTrue(unshifted >= s.startEv() + 10 && unshifted <= s.endEv() - 25, id + " window " + e);
                assertTrue(T.chemicalShiftEv().contains(e.chemicalShiftEv()), id);
                assertEquals(e.tableOnsetEv() + e.chemicalShiftEv() + s.instrumentalShiftEv(), e.onsetEv(), 1e-9);
                assertTrue(T.fineStructureWidthEv().contains(e.fineStructureWidthEv()), id);
                assertTrue(T.fineStructureDegree().contains(e.fineStructureDegree()), id);
                // the edge adds signal right above its onset
                int on = (int) Math.ceil(unshifted);
                double above = 0;
                for (int k = on; k < Math.min(3072, on + 100); k++) {
                    above += s.coreLoss()[k];
                }
                assertTrue(above > 0, id + " no signal above " + e);
            }
            assertEquals(labelled, withEdges, id);
            assertTrue(labelled.size() >= 1 && labelled.size() <= 4, id);
            // nothing below the first edge but the Lorentzian ZLP tail: < 2 % of the maximum 50 eV below the lowest onset
            double first = s.edges().stream().mapToDouble(e -> e.onsetEv() - s.instrumentalShiftEv()).min().orElseThrow();
            double max = Arrays.stream(s.coreLoss()).max().orElseThrow();
            int below = (int) Math.floor(first) - 50;
            if (below >= s.startEv()) {
                assertTrue(s.coreLoss()[below] < 2e-2 * max, id + " signal before the first edge");
            }
            // jump ratio of the chosen edge: noiseless background at its onset times the ratio is the edge scale
            assertTrue(T.beamKv().contains(s.beamKv()), id);
            assertTrue(T.convergenceMrad().contains(s.convergenceMrad()), id);
            assertTrue(T.collectionMrad().contains(s.collectionMrad()), id);
            assertTrue(s.startEv() >= 75 && s.endEv() <= 3272, id);
            assertTrue(T.zlpFwhmEv().contains(s.zlpFwhmEv()), id);
            assertTrue(T.plasmonEv().contains(s.plasmonEv()), id);
            assertTrue(T.plasmonWidthEv().contains(s.plasmonWidthEv()), id);
            assertTrue(T.plasmons().contains(s.plasmons()), id);
            assertTrue(T.tOverLambda().contains(s.tOverLambda()), id);
            assertTrue(T.jumpRatio().contains(s.jumpRatio()), id);
            assertTrue(T.backgroundExponent().contains(s.backgroundExponent()), id);
            assertTrue(T.backgroundAmplitude().contains(s.backgroundAmplitude()), id);
            assertTrue(T.atomicDiameterPm().contains(s.atomicDiameterPm()), id);
            assertTrue(T.instrumentalShiftEv().contains(s.instrumentalShiftEv()), id);
            // normalised, zero outside the shifted window
            double top = 0;
            for (int k = 0; k < 3072; k++) {
                top = Math.max(top, x[k]);
                int src = k - s.instrumentalShiftEv();
                if (src < s.startEv() || src > s.endEv()) {
                    assertEquals(0f, x[k], id + " channel " + k);
                }
            }
            assertEquals(1.0, top, 1e-6, id);
            // background dominates at the start of the window: A at E = start
            assertEquals(s.backgroundAmplitude(), s.noiseless()[s.startEv()] - s.coreLoss()[s.startEv()],
                    1e-9 * s.backgroundAmplitude(), id);
        }
        long present = Arrays.stream(seen).filter(c -> c > 0).count();
        assertTrue(present >= 75, "only " + present + " of 80 elements drawn in 2000 spectra");
    }

    @Test
    void reproducibleFromTheSeed() {
        SimulatedSpectrum a = new EelsSimulator(T, 5).simulate(17);
        SimulatedSpectrum b = new EelsSimulator(T, 5).simulate(17);
        SimulatedSpectrum c = new EelsSimulator(T, 6).simulate(17);
        assertArrayEquals(a.spectrum(), b.spectrum());
        assertArrayEquals(a.labels(), b.labels());
        assertFalse(Arrays.equals(a.spectrum(), c.spectrum()));
    }
}
