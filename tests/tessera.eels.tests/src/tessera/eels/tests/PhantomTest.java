package tessera.eels.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tessera.core.model.Dataset;
import tessera.eels.sim.Phantom;
import tessera.eels.sim.Phantom.Spec;
import tessera.eels.xsection.EdgeCrossSection;
import tessera.eels.xsection.Microscope;

/** The phantom spectrum image: ground truth consistent with the spectra. */
class PhantomTest {

    private static final Phantom.Result CLEAN = Phantom.generate(Spec.example(false), 7);

    /**
     * Egerton §4.5 quantification of one noise-free pixel: power law fitted (log–log least squares) 40…10 eV below each
     * onset, background-subtracted integral over 50 eV above it, divided by the partial cross section: N_X ∝ I_X/σ_X.
     */
    private static double amount(Dataset d, int x, int y, EdgeCrossSection xs) {
        int n = d.axis(2).size();
        double e0 = d.axis(2).offset();
        double de = d.axis(2).scale();
        long off = ((long) y * d.axis(1).size() + x) * n;
        double on = xs.onsetEv();
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int m = 0;
        for (int i = 0; i < n; i++) {
            double e = e0 + i * de;
            if (e >= on - 40 && e <= on - 10) {
                double lx = Math.log(e);
                double ly = Math.log(d.getDouble(off + i));
                sx += lx;
                sy += ly;
                sxx += lx * lx;
                sxy += lx * ly;
                m++;
            }
        }
        double b = (m * sxy - sx * sy) / (m * sxx - sx * sx);
        double a = (sy - b * sx) / m;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double e = e0 + i * de;
            if (e >= on && e < on + 50) {
                sum += d.getDouble(off + i) - Math.exp(a + b * Math.log(e));
            }
        }
        return sum / xs.partial(50, new Microscope(200, 10, 30));
    }

    @Test
    void edgeIntegralRatiosFollowTheComposition() {
        Map<String, EdgeCrossSection> e = CLEAN.edges();
        assertEquals(List.of("B", "C", "N", "O", "Ti"), List.copyOf(new java.util.TreeSet<>(e.keySet())));
        assertEquals("Ti_L3", e.get("Ti").label());
        // B-C-N-O disc (0.2, 0.3, 0.2, 0.3), t/λ 0.4
        double o = amount(CLEAN.spectra(), 22, 22, e.get("O"));
        assertEquals(0.2 / 0.3, amount(CLEAN.spectra(), 22, 22, e.get("N")) / o, 0.03 * 0.2 / 0.3);
        assertEquals(1.0, amount(CLEAN.spectra(), 22, 22, e.get("C")) / o, 0.03);
        assertEquals(0.2 / 0.3, amount(CLEAN.spectra(), 22, 22, e.get("B")) / o, 0.05 * 0.2 / 0.3);
        // BN disc, t/λ 0.5
        assertEquals(1.0, amount(CLEAN.spectra(), 10, 10, e.get("B")) / amount(CLEAN.spectra(), 10, 10, e.get("N")), 0.05);
        assertEquals(1.0, amount(CLEAN.spectra(), 22, 22, e.get("B")) / amount(CLEAN.spectra(), 22, 22, e.get("N")), 0.05);
    }

    @Test
    void thinSampleGivesTheArealDensity() {
        // t/λ = 0.01 (no plural scattering to speak of), no background: N = I_k(Δ) / (I_l(Δ) σ(β, Δ)) (Egerton
        // eq. 4.65) with I_l the low loss up to Δ = 50 eV must return the areal density of the truth map
        Spec thin = new Spec(2, 1, 150, 0.5, 1100, new Microscope(200, 10, 30),
                List.of(new Phantom.Region("C", new Phantom.Everywhere(), Map.of("C", 1.0), 0.01)), 100, 100, 1e6, 0, 3,
                0.2, 22, 8, 3, false);
        Phantom.Result r = Phantom.generate(thin, 1);
        EdgeCrossSection c = r.edges().get("C");
        Dataset d = r.spectra();
        double ik = 0;
        for (int i = 0; i < 1100; i++) {
            double en = d.axis(2).value(i);
            if (en >= c.onsetEv() && en < c.onsetEv() + 50) {
                ik += d.getDouble(1100 + i);
            }
        }
        Dataset ll = r.lowLoss();
        double il = 0;
        for (int i = 0; i < ll.axis(2).size(); i++) {
            if (ll.axis(2).value(i) < 50) {
                il += ll.getDouble(ll.axis(2).size() + i);
            }
        }
        double barnPerNm2 = 1e-10;
        double n = ik / (il * c.partial(50, thin.microscope()) * barnPerNm2);
        assertEquals(r.arealDensity().get("C").getDouble(1), n, 0.02 * n);
        assertEquals(100 * 0.01 * 100, r.arealDensity().get("C").getDouble(1), 1e-9);
    }

    @Test
    void truthMapsDescribeTheRegions() {
        Spec spec = Spec.example(false);
        Dataset regions = CLEAN.regions();
        assertArrayEquals(new int[] { 32, 32 }, regions.shape());
        assertArrayEquals(new int[] { 32, 32, 1100 }, CLEAN.spectra().shape());
        assertEquals(150.0, CLEAN.spectra().axis(2).offset());
        assertEquals(0.5, CLEAN.spectra().axis(2).scale());
        assertEquals(200.0, CLEAN.spectra().metadata().beamEnergyKv().orElseThrow());
        int[][] where = { { 0, 0, 0 }, { 10, 10, 1 }, { 24, 5, 2 }, { 22, 22, 3 }, { 31, 31, 0 } };
        for (int[] p : where) {
            int i = p[1] * 32 + p[0];
            assertEquals(p[2], (int) regions.getDouble(i), "region at " + p[0] + "," + p[1]);
            Phantom.Region r = spec.regions().get(p[2]);
            assertEquals(r.tOverLambda(), CLEAN.tOverLambda().getDouble(i));
            double total = 0;
            for (String el : spec.elements()) {
                double f = r.atomicFractions().getOrDefault(el, 0.0);
                assertEquals(f, CLEAN.atomicFraction().get(el).getDouble(i), 1e-15);
                assertEquals(f * 100 * r.tOverLambda() * 100, CLEAN.arealDensity().get(el).getDouble(i), 1e-9);
                total += CLEAN.atomicFraction().get(el).getDouble(i);
            }
            assertEquals(1.0, total, 1e-12);
        }
        // the low loss holds N_e Σ_{n≤3} P_n(t/λ) counts (Lorentzian tails outside −20…235.5 eV excepted)
        double tl = 0.8;
        double expected = 1e6 * Math.exp(-tl) * (1 + tl + tl * tl / 2 + tl * tl * tl / 6);
        int nl = CLEAN.lowLoss().axis(2).size();
        double sum = 0;
        for (int k = 0; k < nl; k++) {
            sum += CLEAN.lowLoss().getDouble((long) (5 * 32 + 24) * nl + k);
        }
        assertEquals(expected, sum, 0.01 * expected);
    }

    @Test
    void noiseIsPoissonAndSeeded() {
        Phantom.Result a = Phantom.generate(Spec.example(true), 3);
        Phantom.Result b = Phantom.generate(Spec.example(true), 3);
        Phantom.Result c = Phantom.generate(Spec.example(true), 4);
        assertArrayEquals(a.spectra().toDoubleArray(), b.spectra().toDoubleArray());
        assertFalse(java.util.Arrays.equals(a.spectra().toDoubleArray(), c.spectra().toDoubleArray()));
        // over the 1100 channels of a matrix pixel: mean of (x − μ)²/μ is 1 for Poisson counts
        int n = 1100;
        double chi = 0;
        for (int i = 0; i < n; i++) {
            double mu = CLEAN.spectra().getDouble(i);
            double x = a.spectra().getDouble(i);
            assertEquals(Math.rint(x), x, "counts are whole numbers");
            chi += (x - mu) * (x - mu) / mu;
        }
        assertEquals(1.0, chi / n, 0.15);
        assertThrows(IllegalArgumentException.class,
                () -> new Phantom.Region("bad", new Phantom.Everywhere(), Map.of("C", 0.5), 0.3));
    }
}
