package tessera.eels.xsection;

import tessera.elements.Elements;
import tessera.eels.Edge;
import tessera.eels.EdgeTable;

/**
 * Hydrogenic K and L2,3 partial ionisation cross sections after Egerton's programs SIGMAK3 and SIGMAL3 (R.F. Egerton,
 * <i>Electron Energy-Loss Spectroscopy in the Electron Microscope</i>, 3rd ed., Springer 2011,
 * doi:10.1007/978-1-4419-9583-4, §3.6.1, §4.5.1 and Appendix B), written from the published formulas.
 * <p>
 * The energy-differential cross section is the Bethe integral of the hydrogenic generalised oscillator strength
 * df/dE(E, q) over ln(q²a0²) between the kinematic limits of a collection semi-angle β:
 * dσ/dE = 4πa0² (R/T) (R/E) ∫ df/dE d ln(qa0)², with T = m0v²/2 (relativistic), R the Rydberg energy. K shells use
 * a screened charge Z_s = Z − 0.5 and two electrons; L2,3 shells Z_s = Z − 0.35·7 − 1.7, the L1-dependent
 * oscillator-strength polynomials and Egerton's empirical correction factor ((E − E_L3 + 0.1)/(1.8 Z²))^u with
 * u tabulated for Z = 11..36 (u = 0.1 above, as HyperSpy does). Convergence is handled with the effective angle of
 * {@link Microscope#effectiveCollectionMrad(double)} evaluated at the edge onset.
 * <p>
 * Units: energies in eV, dσ/dE in barn/eV per atom, σ in barn per atom (1 barn = 1e-24 cm²). The quantity agrees
 * with HyperSpy 1.7.3's {@code HydrogenicGOS.integrateq} (checked to 1 % for C-K, O-K, Ti-L2,3, Fe-L2,3 at
 * 100/200/300 kV in {@code tessera.eels.tests}). Instances are immutable and thread-safe.
 */
public final class HydrogenicCrossSection implements EdgeCrossSection {

    /** Rydberg energy in eV used in the GOS (Egerton's 13.606). */
    private static final double RY_GOS = 13.606;
    /** Rydberg energy R∞hc in eV (CODATA 2018) used in the kinematics. */
    private static final double RY = 13.605693122994;
    /** 4π a0² in barn. */
    private static final double FOUR_PI_A0SQ_BARN = 3.5166e8;
    /** Egerton's SIGMAL3 exponents u for Z = 11..36. */
    private static final double[] XU = { .82, .52, .52, .42, .30, .29, .22, .30, .22, .16, .12, .13, .13, .14, .16,
            .18, .19, .22, .14, .11, .12, .12, .12, .10, .10, .10 };
    /** 16-point Gauss–Legendre nodes and weights on [-1, 1] (positive half). */
    private static final double[] GL_X = { 0.0950125098376374, 0.2816035507792589, 0.4580167776572274,
            0.6178762444026438, 0.7554044083550030, 0.8656312023878318, 0.9445750230732326, 0.9894009349916499 };
    private static final double[] GL_W = { 0.1894506104550685, 0.1826034150449236, 0.1691565193950025,
            0.1495959888165767, 0.1246289712555339, 0.0951585116824928, 0.0622535239386479, 0.0271524594117541 };
    private static final int Q_PANELS = 6;

    /** Shell of a hydrogenic cross section. */
    public enum Shell {
        /** K shell (1s), SIGMAK3. */
        K,
        /** L2,3 shells (2p) with the L1 onset, SIGMAL3. */
        L23
    }

    private final int z;
    private final Shell shell;
    private final double onsetEv;
    private final double l1OnsetEv;

    private HydrogenicCrossSection(int z, Shell shell, double onsetEv, double l1OnsetEv) {
        this.z = z;
        this.shell = shell;
        this.onsetEv = onsetEv;
        this.l1OnsetEv = l1OnsetEv;
    }

    /**
     * K-shell cross section.
     *
     * @param z atomic number, 1..95
     * @param onsetEv K onset energy in eV (&gt; 0)
     * @return the cross section
     * @throws IllegalArgumentException for a bad Z or onset
     */
    public static HydrogenicCrossSection k(int z, double onsetEv) {
        Elements.symbol(z);
        positive(onsetEv, "K onset");
        return new HydrogenicCrossSection(z, Shell.K, onsetEv, Double.NaN);
    }

    /**
     * L2,3-shell cross section.
     *
     * @param z atomic number, 11..95 (Egerton's screening needs a filled L shell)
     * @param l3OnsetEv L3 onset in eV; the cross section starts there
     * @param l1OnsetEv L1 onset in eV (&gt; L3 onset); above it the L1-dependent GOS branch applies
     * @return the cross section
     * @throws IllegalArgumentException for a bad Z or onsets
     */
    public static HydrogenicCrossSection l23(int z, double l3OnsetEv, double l1OnsetEv) {
        Elements.symbol(z);
        if (z < 11) {
            throw new IllegalArgumentException("hydrogenic L2,3 needs Z >= 11, got " + z);
        }
        positive(l3OnsetEv, "L3 onset");
        if (!(l1OnsetEv > l3OnsetEv)) {
            throw new IllegalArgumentException("L1 onset " + l1OnsetEv + " eV must exceed L3 onset " + l3OnsetEv);
        }
        return new HydrogenicCrossSection(z, Shell.L23, l3OnsetEv, l1OnsetEv);
    }

    /**
     * The cross section of an element's K or L2,3 edge with the onsets of {@link EdgeTable#standard()}.
     *
     * @param element element symbol, e.g. {@code "Ti"}
     * @param shell K or L23
     * @return the cross section
     * @throws IllegalArgumentException if the element or the needed edges (K; L3 and L1) are not in the table
     */
    public static HydrogenicCrossSection of(String element, Shell shell) {
        int z = Elements.z(element);
        EdgeTable table = EdgeTable.standard();
        if (shell == Shell.K) {
            return k(z, need(table, element, "K").onsetEv());
        }
        return l23(z, need(table, element, "L3").onsetEv(), need(table, element, "L1").onsetEv());
    }

    private static Edge need(EdgeTable table, String element, String subshell) {
        return table.edge(element, subshell);
    }

    private static void positive(double v, String what) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be positive and finite, got " + v);
        }
    }

    /** @return atomic number */
    public int z() {
        return z;
    }

    @Override
    public String element() {
        return Elements.symbol(z);
    }

    @Override
    public String label() {
        return element() + (shell == Shell.K ? "_K" : "_L3");
    }

    /** @return the shell */
    public Shell shell() {
        return shell;
    }

    /** @return onset (K or L3) in eV */
    @Override
    public double onsetEv() {
        return onsetEv;
    }

    /**
     * For L2,3: the L3 onset plus the element's L2–L3 spin-orbit splitting from {@link EdgeTable#standard()} (the
     * onset itself if the table lacks L2 or L3); for K the onset.
     *
     * @return the L2 (or K) onset in eV
     */
    @Override
    public double lastOnsetEv() {
        if (shell == Shell.K) {
            return onsetEv;
        }
        EdgeTable table = EdgeTable.standard();
        String el = element();
        double l2 = Double.NaN;
        double l3 = Double.NaN;
        for (Edge e : table.of(el, 0, Double.MAX_VALUE)) {
            if (e.subshell().equals("L2")) {
                l2 = e.onsetEv();
            } else if (e.subshell().equals("L3")) {
                l3 = e.onsetEv();
            }
        }
        return l2 > l3 ? onsetEv + (l2 - l3) : onsetEv;
    }

    /**
     * Energy-differential cross section for an onset shifted by {@code shiftEv} (e.g. a chemical shift; the L1 onset
     * moves with it).
     *
     * @param lossEv energy loss E in eV
     * @param effectiveCollectionRad effective collection semi-angle in rad (see
     *        {@link Microscope#effectiveCollectionMrad(double)})
     * @param beamKv beam energy in keV
     * @param shiftEv shift of the onsets in eV
     * @return dσ/dE in barn/eV per atom; 0 below the (shifted) onset
     */
    public double differential(double lossEv, double effectiveCollectionRad, double beamKv, double shiftEv) {
        if (lossEv < onsetEv + shiftEv) {
            return 0;
        }
        double gamma = 1 + beamKv / 511.06;
        double t = 511060 * (1 - 1 / (gamma * gamma)) / 2;
        double e = lossEv;
        double qmin = e * e / (4 * RY * t) + e * e * e / (8 * gamma * gamma * gamma * RY * t * t);
        double p02 = t / (RY * (1 - 2 * t / 511060));
        double pp2 = p02 - e / RY * (gamma - e / 1022120);
        if (pp2 <= 0) {
            return 0;
        }
        double s = Math.sin(effectiveCollectionRad / 2);
        double qmax = qmin + 4 * Math.sqrt(p02 * pp2) * s * s;
        double lo = Math.log(qmin);
        double hi = Math.log(qmax);
        double h = (hi - lo) / Q_PANELS;
        double sum = 0;
        EnergyTerms et = new EnergyTerms(e, shiftEv);
        for (int p = 0; p < Q_PANELS; p++) {
            double mid = lo + (p + 0.5) * h;
            double half = h / 2;
            for (int i = 0; i < GL_X.length; i++) {
                double dx = half * GL_X[i];
                sum += GL_W[i] * half * (gos(et, e, Math.exp(mid - dx)) + gos(et, e, Math.exp(mid + dx)));
            }
        }
        return FOUR_PI_A0SQ_BARN * (RY / t) * (RY / e) * sum;
    }

    /**
     * Tabulates the Bethe integral of {@link #differential(double, double, double, double)} at fixed energies for one
     * beam energy and onset shift, so that dσ/dE at those energies can then be had for any collection angle at about
     * a sixth of the cost: for each energy E the cumulative integral G(x) = ∫ df/dE d ln(qa0)² from ln(q_min a0²) is
     * stored at steps of 1 in ln(qa0)² (16-point Gauss–Legendre per step) up to the q_max of β = 0.2 rad, and
     * {@link Tabulated#differential(int, double)} adds the last partial step (16 points) to the stored value. It
     * agrees with the direct 6-panel integration to about 1e-9 relative (checked in {@code tessera.eels.tests}).
     * Used by the simulator, which draws β anew for every spectrum but meets each (edge, beam energy, shift) often.
     *
     * @param lossEv energies E in eV, shape [n]
     * @param beamKv beam energy in keV
     * @param shiftEv shift of the onsets in eV (as in {@link #differential(double, double, double, double)})
     * @return the table (immutable, thread-safe; about 16 doubles per energy)
     */
    public Tabulated tabulate(double[] lossEv, double beamKv, double shiftEv) {
        return new Tabulated(lossEv.clone(), beamKv, shiftEv);
    }

    /** Cumulative Bethe integrals at fixed energies (see {@link HydrogenicCrossSection#tabulate}). */
    public final class Tabulated {
        private static final double STEP = 1.0;
        private static final double MAX_BETA_RAD = 0.2;
        private final double[] energies;
        private final double t;
        private final double[] qmin;
        private final double[] root;
        private final double[][] cumulative;
        private final EnergyTerms[] terms;

        private Tabulated(double[] energies, double beamKv, double shiftEv) {
            this.energies = energies;
            int n = energies.length;
            double gamma = 1 + beamKv / 511.06;
            t = 511060 * (1 - 1 / (gamma * gamma)) / 2;
            qmin = new double[n];
            root = new double[n];
            cumulative = new double[n][];
            terms = new EnergyTerms[n];
            double smax = Math.sin(MAX_BETA_RAD / 2);
            for (int k = 0; k < n; k++) {
                double e = energies[k];
                qmin[k] = e * e / (4 * RY * t) + e * e * e / (8 * gamma * gamma * gamma * RY * t * t);
                double p02 = t / (RY * (1 - 2 * t / 511060));
                double pp2 = p02 - e / RY * (gamma - e / 1022120);
                if (e < onsetEv + shiftEv || pp2 <= 0) {
                    continue;
                }
                root[k] = 4 * Math.sqrt(p02 * pp2);
                terms[k] = new EnergyTerms(e, shiftEv);
                double lo = Math.log(qmin[k]);
                double top = Math.log(qmin[k] + root[k] * smax * smax);
                int steps = (int) Math.ceil((top - lo) / STEP);
                double[] g = new double[steps + 1];
                for (int j = 1; j <= steps; j++) {
                    g[j] = g[j - 1] + panel(terms[k], e, lo + (j - 1) * STEP, lo + j * STEP);
                }
                cumulative[k] = g;
            }
        }

        /** @return the number of energies */
        public int size() {
            return energies.length;
        }

        /**
         * @param k energy index
         * @return energy k in eV
         */
        public double energy(int k) {
            return energies[k];
        }

        /**
         * dσ/dE at energy k for an effective collection angle.
         *
         * @param k energy index
         * @param effectiveCollectionRad effective collection semi-angle in rad (any; beyond 0.2 rad the rest of the
         *        integral is computed directly)
         * @return dσ/dE in barn/eV per atom; 0 below the (shifted) onset
         */
        public double differential(int k, double effectiveCollectionRad) {
            double[] g = cumulative[k];
            if (g == null) {
                return 0;
            }
            double e = energies[k];
            double s = Math.sin(effectiveCollectionRad / 2);
            double lo = Math.log(qmin[k]);
            double hi = Math.log(qmin[k] + root[k] * s * s);
            int j = (int) Math.min(g.length - 1, Math.floor((hi - lo) / STEP));
            double sum = g[j];
            double from = lo + j * STEP;
            while (hi - from > STEP) {
                sum += panel(terms[k], e, from, from + STEP);
                from += STEP;
            }
            if (hi > from) {
                sum += panel(terms[k], e, from, hi);
            }
            return FOUR_PI_A0SQ_BARN * (RY / t) * (RY / e) * sum;
        }
    }

    /** 16-point Gauss–Legendre integral of df/dE over ln(qa0)² in [a, b]. */
    private double panel(EnergyTerms et, double e, double a, double b) {
        double mid = (a + b) / 2;
        double half = (b - a) / 2;
        double sum = 0;
        for (int i = 0; i < GL_X.length; i++) {
            double dx = half * GL_X[i];
            sum += GL_W[i] * half * (gos(et, e, Math.exp(mid - dx)) + gos(et, e, Math.exp(mid + dx)));
        }
        return sum;
    }

    /**
     * dσ/dE on an energy axis with the convergence correction at the onset.
     *
     * @param lossEv energy losses in eV, shape [n]
     * @param microscope beam energy and angles
     * @return dσ/dE in barn/eV per atom, shape [n], 0 below the onset
     */
    @Override
    public double[] differential(double[] lossEv, Microscope microscope) {
        double beta = microscope.effectiveCollectionMrad(onsetEv) * 1e-3;
        double[] out = new double[lossEv.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = differential(lossEv[i], beta, microscope.beamKv(), 0);
        }
        return out;
    }

    /**
     * Partial cross section σ(β, Δ) = ∫ dσ/dE dE from the onset to onset + Δ (composite 4-point Gauss–Legendre
     * on 0.5 eV panels), with the convergence correction at the onset.
     *
     * @param windowEv integration window Δ in eV (&gt; 0)
     * @param microscope beam energy and angles
     * @return σ in barn per atom (multiply by 1e-24 for cm²)
     * @throws IllegalArgumentException if the window is not positive
     */
    @Override
    public double partial(double windowEv, Microscope microscope) {
        positive(windowEv, "integration window");
        double beta = microscope.effectiveCollectionMrad(onsetEv) * 1e-3;
        double[] x = { 0.3399810435848563, 0.8611363115940526 };
        double[] w = { 0.6521451548625461, 0.3478548451374538 };
        int panels = (int) Math.ceil(windowEv / 0.5);
        double h = windowEv / panels;
        double sum = 0;
        for (int p = 0; p < panels; p++) {
            double mid = onsetEv + (p + 0.5) * h;
            for (int i = 0; i < 2; i++) {
                double dx = h / 2 * x[i];
                sum += w[i] * h / 2 * (differential(mid - dx, beta, microscope.beamKv(), 0)
                        + differential(mid + dx, beta, microscope.beamKv(), 0));
            }
        }
        return sum;
    }

    /**
     * The parts of the hydrogenic df/dE that depend on the energy loss only, computed once per energy and used for
     * every q of the Bethe integral (the same operations in the same order as a per-q evaluation, so the values are
     * bit-identical).
     */
    private final class EnergyTerms {
        final double kh2;
        final double akh;
        final double d;
        /** K: 128 N e / (R Z_s⁴); L: 32 × Egerton's correction factor. */
        final double pre;
        final boolean belowL1;

        EnergyTerms(double e, double shift) {
            if (shell == Shell.K) {
                double zs = z == 1 ? 1.0 : z - 0.5;
                int electrons = z == 1 ? 1 : 2;
                kh2 = e / (RY_GOS * zs * zs) - 1;
                akh = Math.max(Math.sqrt(Math.abs(kh2)), 0.01);
                d = kh2 >= 0 ? 1 - Math.exp(-2 * Math.PI / akh) : 1;
                pre = 128 * electrons * e / (RY_GOS * zs * zs * zs * zs);
                belowL1 = false;
            } else {
                double zs = z - 0.35 * 7 - 1.7;
                int iz = z - 11;
                double u = iz < XU.length ? XU[iz] : 0.1;
                double el3 = onsetEv + shift;
                double el1 = l1OnsetEv + shift;
                kh2 = e / (RY_GOS * zs * zs) - 0.25;
                akh = Math.sqrt(Math.abs(kh2));
                d = kh2 >= 0 ? 1 - Math.exp(-2 * Math.PI / akh) : 1;
                double rf = Math.pow((e + 0.1 - el3) / 1.8 / z / z, u);
                pre = rf * 32;
                belowL1 = e - el1 <= 0;
            }
        }
    }

    /** df/dE at (q a0)² with the energy terms of {@code t} (energy e). */
    private double gos(EnergyTerms t, double e, double qa02) {
        return shell == Shell.K ? gosK(t, qa02) : gosL(t, e, qa02);
    }

    /** Hydrogenic K-shell df/dE (per eV per atom) at (q a0)², energy terms {@code t}. */
    private double gosK(EnergyTerms t, double qa02) {
        double zs = z == 1 ? 1.0 : z - 0.5;
        double q = qa02 / (zs * zs);
        double kh2 = t.kh2;
        double akh = t.akh;
        double c;
        if (kh2 >= 0) {
            double bp = Math.atan(2 * akh / (q - kh2 + 1));
            if (bp < 0) {
                bp += Math.PI;
            }
            c = Math.exp(-2 / akh * bp);
        } else {
            c = Math.exp(-1 / akh * Math.log((q + 1 - kh2 + 2 * akh) / (q + 1 - kh2 - 2 * akh)));
        }
        double a = Math.pow((q - kh2 + 1) * (q - kh2 + 1) + 4 * kh2, 3);
        return t.pre * c / t.d * (q + kh2 / 3 + 1.0 / 3) / (a * RY_GOS);
    }

    /** Hydrogenic L2,3-shell df/dE (per eV per atom) with Egerton's correction at energy e and (q a0)². */
    private double gosL(EnergyTerms t, double e, double qa02) {
        double zs = z - 0.35 * 7 - 1.7;
        double q = qa02 / (zs * zs);
        double kh2 = t.kh2;
        double akh = t.akh;
        double c;
        if (kh2 >= 0) {
            double bp = Math.atan(akh / (q - kh2 + 0.25));
            if (bp < 0) {
                bp += Math.PI;
            }
            c = Math.exp(-2 / akh * bp);
        } else {
            c = Math.exp(-1 / akh * Math.log((q + 0.25 - kh2 + akh) / (q + 0.25 - kh2 - akh)));
        }
        double g;
        double a;
        double k2 = kh2 * kh2;
        double k3 = k2 * kh2;
        if (t.belowL1) {
            g = 2.25 * q * q * q * q - (0.75 + 3 * kh2) * q * q * q + (0.59375 - 0.75 * kh2 - 0.5 * k2) * q * q
                    + (0.11146 + 0.85417 * kh2 + 1.8833 * k2 + k3) * q + 0.0035807 + kh2 / 21.333 + k2 / 4.5714
                    + k3 / 2.4 + k2 * k2 / 4;
            a = Math.pow((q - kh2 + 0.25) * (q - kh2 + 0.25) + kh2, 5);
        } else {
            g = q * q * q - (5.0 / 3 * kh2 + 11.0 / 12) * q * q + (k2 / 3 + 1.5 * kh2 + 65.0 / 48) * q + k3 / 3
                    + 0.75 * k2 + 23.0 / 48 * kh2 + 5.0 / 64;
            a = Math.pow((q - kh2 + 0.25) * (q - kh2 + 0.25) + kh2, 4);
        }
        return t.pre * g * c / a / t.d * e / RY_GOS / RY_GOS / (zs * zs * zs * zs);
    }
}
