package tessera.eels.xsection;

import tessera.elements.PhotoAbsorption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Optical-limit (dipole) ionisation cross section of any edge, from the NIST FFAST photo-absorption tables: the route
 * pyTEMlib's {@code eels_tools.xsec_xrpa} takes (G. Duscher, pyTEMlib, github.com/pycroscopy/pyTEMlib), here per edge
 * rather than for the whole atom. Usable for every tabulated edge (K, L1–L3, M1–M5, N1–N7, O…), in particular the
 * M4,5 and N4,5 edges for which no hydrogenic model exists; it can replace the power-law sawtooth that the simulator
 * uses for M/N edges today.
 * <p>
 * <b>Photo-absorption jump.</b> σ_ph(E) (barn/atom, {@link PhotoAbsorption}) is interpolated linearly in log E / log σ
 * within the interval between two consecutive tabulated edges (held constant between an edge and the first table row
 * above it, never interpolated across an edge). For an edge or edge group (e.g. {@code L23} = L3 + L2) with lowest
 * onset e_a, highest onset e_b and next deeper edge u, the contribution of that edge alone is
 * <ul>
 * <li>B(E), the absorption of the shallower edges: a power law through the last table row below e_a whose exponent is
 * the least-squares log-log slope of the rows in [max(0.8 e_a, 1.01 e_prev), e_a) (e_prev the next shallower edge;
 * the last two rows below e_a if fewer than two fall there; B = 0 if there is no row below e_a);</li>
 * <li>C(E) = max(σ_ph(E) − B(E), 0) for e_a ≤ E &lt; u;</li>
 * <li>above u (where deeper edges add their own jumps; u is the table's last energy if that comes first), C continues as a power law through the last row below u,
 * exponent fitted likewise to C on [max(0.8 u, 1.01 e_b), u).</li>
 * </ul>
 * <b>Dipole cross section.</b> With the optical oscillator strength df/dE = σ_ph / (2π² r_e ħc) (Egerton 2011,
 * <i>Electron Energy-Loss Spectroscopy in the Electron Microscope</i>, 3rd ed., doi:10.1007/978-1-4419-9583-4, §3.6.4;
 * U. Fano, J. W. Cooper, Rev. Mod. Phys. 40 (1968) 441, doi:10.1103/RevModPhys.40.441; 2π² r_e ħc = 109.76 Mb eV) and the Bethe dipole cross section integrated up to
 * the collection angle β with Fano's relativistic term (R. F. Egerton, Ultramicroscopy 50 (1993) 13–28, eq. 4,
 * doi:10.1016/0304-3991(93)90087-E, as pyTEMlib):
 * <pre>
 * dσ/dE = π e⁴/(E T) · df/dE · [ln(1 + β²/θ_E²) + G],   T = m0v²/2,  θ_E = E/(2γT),
 * G = 2 ln γ − ln((β² + θ_E²)/(β² + θ_E²/γ²)) − (v/c)² β²/(β² + θ_E²/γ²)
 * </pre>
 * (pyTEMlib writes the last factor (γ − 1) in older versions; (v/c)² = 1 − 1/γ² is Fano's). e²/4πε0, r_e, ħc, m0c²:
 * CODATA 2018, so π e⁴ / (2π² r_e ħc) = 593.5 eV. pyTEMlib's {@code xsec_xrpa} uses 6.5e-14 / 1e-16 = 650 eV there
 * (σ_ph ↔ df/dE constant rounded to 1e-16 cm² eV) and gives 9.5 % more for the same absorption (checked in
 * {@code OpticalCrossSectionTest}: 1.095–1.100 for carbon at 300–600 eV, the rest from its linear interpolation). Convergence enters through {@link Microscope#effectiveCollectionMrad(double)} at the onset, as for
 * {@link HydrogenicCrossSection}. The dipole approximation neglects the non-dipole (large-q) part of the Bethe
 * surface, so it underestimates σ for large β and high energy losses above a shallow edge; it keeps the measured
 * near-edge shape of the atomic absorption (delayed maxima of M4,5, white lines are absent: FFAST is atomic).
 * <p>
 * Checked against an independent numpy implementation of the same recipe on the raw tables
 * ({@code tests/tessera.eels.tests/tools/ffast_reference.py}). Units: energies in eV, dσ/dE in barn/eV per atom, σ
 * in barn per atom. Instances are immutable and thread-safe.
 */
public final class FfastCrossSection implements EdgeCrossSection {

    /** e²/(4πε0) in eV·cm (CODATA 2018). */
    private static final double E2 = 1.439964547e-7;
    /** classical electron radius in cm (CODATA 2018). */
    private static final double R_E = 2.8179403262e-13;
    /** ħc in eV·cm (CODATA 2018). */
    private static final double HBARC = 1.973269804e-5;
    /** electron rest energy in eV (CODATA 2018). */
    private static final double M0C2 = 510998.95;
    /** π e⁴ / (2π² r_e ħc) in eV: turns σ_ph (barn) / (E T) into dσ/dE (barn/eV) per unit log factor. */
    private static final double K = Math.PI * E2 * E2 / (2 * Math.PI * Math.PI * R_E * HBARC);

    /** Edge groups and their members, lowest onset first. */
    private static final Map<String, List<String>> GROUPS = Map.of("L23", List.of("L3", "L2"), "M23", List.of("M3", "M2"), "M45",
            List.of("M5", "M4"), "N23", List.of("N3", "N2"), "N45", List.of("N5", "N4"), "N67", List.of("N7", "N6"), "O23",
            List.of("O3", "O2"), "O45", List.of("O5", "O4"));

    private final PhotoAbsorption.Element table;
    private final String edge;
    private final List<String> subshells;
    private final double[] onsets;
    private final double ea;
    private final double u;
    private final double bA;
    private final double bE;
    private final double br;
    private final double uA;
    private final double uE;
    private final double ur;
    private final double shiftEv;

    private FfastCrossSection(FfastCrossSection o, double shiftEv) {
        this.table = o.table;
        this.edge = o.edge;
        this.subshells = o.subshells;
        this.onsets = o.onsets;
        this.ea = o.ea;
        this.u = o.u;
        this.bA = o.bA;
        this.bE = o.bE;
        this.br = o.br;
        this.uA = o.uA;
        this.uE = o.uE;
        this.ur = o.ur;
        this.shiftEv = shiftEv;
    }

    private FfastCrossSection(PhotoAbsorption.Element table, String edge, List<String> subshells) {
        this.table = table;
        this.edge = edge;
        this.subshells = List.copyOf(subshells);
        this.shiftEv = 0;
        this.onsets = table.edges().values().stream().mapToDouble(Double::doubleValue).sorted().distinct().toArray();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (String s : subshells) {
            lo = Math.min(lo, table.edges().get(s));
            hi = Math.max(hi, table.edges().get(s));
        }
        this.ea = lo;
        double eb = hi;
        double next = Double.POSITIVE_INFINITY;
        double prev = 0;
        for (double o : onsets) {
            if (o > eb && o < next) {
                next = o;
            }
            if (o < ea && o > prev) {
                prev = o;
            }
        }
        double[] e = table.energyEv();
        double[] s = table.sigmaBarn();
        if (ea >= e[e.length - 1]) {
            throw new IllegalArgumentException("FFAST table of " + table.symbol() + " ends at " + e[e.length - 1] + " eV, below the " + subshells
                    + " onset " + ea + " eV");
        }
        // the table's end acts as the next edge: above it C continues as a power law
        this.u = Math.min(next, e[e.length - 1]);
        int lastBelow = Arrays.binarySearch(e, ea);
        lastBelow = lastBelow >= 0 ? lastBelow - 1 : -lastBelow - 2;
        if (lastBelow < 0) {
            bA = 0;
            bE = 1;
            br = 0;
        } else {
            int[] idx = tail(e, s, prev, ea);
            br = idx.length >= 2 ? -slope(e, s, idx) : 0;
            bE = e[lastBelow];
            bA = s[lastBelow];
        }
        {
            double[] c = new double[e.length];
            int last = -1;
            for (int i = 0; i < e.length; i++) {
                if (e[i] >= ea && e[i] < u) {
                    c[i] = Math.max(s[i] - background(e[i]), 0);
                    if (c[i] > 0) {
                        last = i;
                    }
                }
            }
            if (last < 0) {
                throw new IllegalArgumentException("FFAST table of " + table.symbol() + " has no absorption above the background between " + ea + " and "
                        + u + " eV; use a combined edge (e.g. L23, M45)");
            }
            int[] idx = tail(e, c, eb, u);
            ur = idx.length >= 2 ? -slope(e, c, idx) : br;
            uE = e[last];
            uA = c[last];
        }
    }

    /**
     * The optical-limit cross section of one edge with FFAST's onset energies.
     *
     * @param element element symbol, e.g. {@code "Ba"}
     * @param edge a subshell ({@code K, L1, L2, L3, M1..M5, N1..N7, O1..}) or a group of adjacent subshells
     *        ({@code L23, M23, M45, N23, N45, N67, O23, O45}; members missing from the table are left out)
     * @return the cross section
     * @throws IllegalArgumentException if the element has no FFAST table, the edge name is unknown, none of its
     *         subshells is tabulated for the element, the table ends below the onset, or the table shows no jump
     *         there (single subshells hidden under a neighbour: use the group)
     */
    public static FfastCrossSection of(String element, String edge) {
        PhotoAbsorption.Element t = PhotoAbsorption.element(element);
        List<String> members = new ArrayList<>();
        for (String s : GROUPS.getOrDefault(edge, List.of(edge))) {
            if (t.edges().containsKey(s)) {
                members.add(s);
            }
        }
        if (members.isEmpty()) {
            throw new IllegalArgumentException("FFAST table of " + element + " has no edge '" + edge + "' (tabulated: " + t.edges().keySet()
                    + "; groups: " + GROUPS.keySet() + ")");
        }
        return new FfastCrossSection(t, edge, members);
    }

    /** @return the elements with an FFAST table, by symbol */
    public static List<String> elements() {
        return PhotoAbsorption.all().values().stream().sorted((a, b) -> Integer.compare(a.z(), b.z())).map(PhotoAbsorption.Element::symbol).toList();
    }

    /**
     * The same cross section moved along the energy axis (a chemical shift, or alignment to another onset table):
     * dσ/dE(E) = dσ/dE_table(E − shift) in its photo-absorption part; the kinematic factors use E itself.
     *
     * @param shift shift in eV (finite)
     * @return the shifted cross section
     * @throws IllegalArgumentException if the shift is not finite
     */
    public FfastCrossSection shifted(double shift) {
        if (!Double.isFinite(shift)) {
            throw new IllegalArgumentException("shift must be finite, got " + shift);
        }
        return new FfastCrossSection(this, shift);
    }

    @Override
    public String element() {
        return table.symbol();
    }

    /** @return the requested edge name, e.g. {@code "M45"} */
    public String edge() {
        return edge;
    }

    /** @return the tabulated subshells this cross section covers, lowest onset first */
    public List<String> subshells() {
        return subshells.stream().sorted((a, b) -> Double.compare(table.edges().get(a), table.edges().get(b))).toList();
    }

    @Override
    public String label() {
        return element() + "_" + subshells().get(0);
    }

    /** @return onset in eV: FFAST's lowest onset of the edge plus the shift */
    @Override
    public double onsetEv() {
        return ea + shiftEv;
    }

    /**
     * @return the deepest covered subshell's FFAST onset plus the shift (the L2 onset of {@code L23}, M4 of
     *         {@code M45}); {@link #onsetEv()} for a single subshell
     */
    @Override
    public double lastOnsetEv() {
        List<String> s = subshells();
        return onsetEv() + table.edges().get(s.get(s.size() - 1)) - table.edges().get(s.get(0));
    }

    /** @return the shift in eV applied by {@link #shifted(double)} (0 for {@link #of(String, String)}) */
    public double shiftEv() {
        return shiftEv;
    }

    /**
     * The element's whole photo-absorption cross section (all edges), interpolated as described in the class
     * description.
     *
     * @param photonEv photon energy in eV (the shift is subtracted before the table look-up)
     * @return σ_ph in barn/atom
     */
    public double photoAbsorption(double photonEv) {
        return sigma(photonEv - shiftEv);
    }

    /**
     * The photo-absorption jump C(E) of this edge (see the class description).
     *
     * @param photonEv energy in eV (the shift is subtracted before the table look-up)
     * @return C in barn/atom, 0 below the onset
     */
    public double jump(double photonEv) {
        double x = photonEv - shiftEv;
        if (x < ea) {
            return 0;
        }
        if (x < u) {
            return Math.max(sigma(x) - background(x), 0);
        }
        return uA * Math.pow(x / uE, -ur);
    }

    /**
     * Energy-differential cross section at one energy loss for a given (effective) collection angle.
     *
     * @param lossEv energy loss E in eV (&gt; 0)
     * @param collectionRad collection semi-angle β in rad (already convergence-corrected if wanted)
     * @param beamKv beam energy in keV
     * @return dσ/dE in barn/eV per atom; 0 below the onset
     */
    public double differential(double lossEv, double collectionRad, double beamKv) {
        double c = jump(lossEv);
        if (c == 0) {
            return 0;
        }
        return c * dipoleFactor(lossEv, collectionRad, beamKv);
    }

    /**
     * The kinematic factor of the dipole cross section, the same for every edge: dσ/dE = {@link #jump(double) C(E)}
     * · F(E, β, E0) with F = π e⁴/(2π² r_e ħc) / (E T) · [ln(1 + β²/θ_E²) + G] (see the class description). Callers
     * that need many shapes at one beam energy and angle (the simulator) tabulate C once and evaluate F on a coarse
     * grid, since F is smooth in E.
     *
     * @param lossEv energy loss E in eV (&gt; 0)
     * @param collectionRad collection semi-angle β in rad (already convergence-corrected if wanted)
     * @param beamKv beam energy in keV
     * @return F in eV⁻¹ (dσ/dE in barn/eV = C in barn × F)
     */
    public static double dipoleFactor(double lossEv, double collectionRad, double beamKv) {
        double gamma = 1 + beamKv * 1e3 / M0C2;
        double v2 = 1 - 1 / (gamma * gamma);
        double t = M0C2 * v2 / 2;
        double te = lossEv / (2 * gamma * t);
        double b2 = collectionRad * collectionRad;
        double t2 = te * te;
        double g = 2 * Math.log(gamma) - Math.log((b2 + t2) / (b2 + t2 / (gamma * gamma))) - v2 * b2 / (b2 + t2 / (gamma * gamma));
        return K / (lossEv * t) * (Math.log(1 + b2 / t2) + g);
    }

    /**
     * dσ/dE on an energy axis with the convergence correction at the onset.
     *
     * @param lossEv energy losses in eV, shape [n]
     * @param microscope beam energy and semi-angles
     * @return dσ/dE in barn/eV per atom, shape [n], 0 below the onset
     */
    @Override
    public double[] differential(double[] lossEv, Microscope microscope) {
        double beta = microscope.effectiveCollectionMrad(onsetEv()) * 1e-3;
        double[] out = new double[lossEv.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = differential(lossEv[i], beta, microscope.beamKv());
        }
        return out;
    }

    /**
     * Partial cross section σ(β, Δ) = ∫ dσ/dE dE from the onset to onset + Δ (2-point Gauss–Legendre on 0.1 eV panels;
     * the integrand is piecewise smooth with steps at deeper onsets inside the window).
     *
     * @param windowEv integration window Δ in eV (&gt; 0)
     * @param microscope beam energy and semi-angles
     * @return σ in barn per atom
     * @throws IllegalArgumentException if the window is not positive and finite
     */
    @Override
    public double partial(double windowEv, Microscope microscope) {
        if (!(windowEv > 0) || Double.isInfinite(windowEv)) {
            throw new IllegalArgumentException("integration window must be positive and finite, got " + windowEv);
        }
        double beta = microscope.effectiveCollectionMrad(onsetEv()) * 1e-3;
        int panels = (int) Math.ceil(windowEv / 0.1);
        double h = windowEv / panels;
        double dx = h / 2 / Math.sqrt(3);
        double sum = 0;
        for (int p = 0; p < panels; p++) {
            double mid = onsetEv() + (p + 0.5) * h;
            sum += differential(mid - dx, beta, microscope.beamKv()) + differential(mid + dx, beta, microscope.beamKv());
        }
        return sum * h / 2;
    }

    private double background(double x) {
        return bA * Math.pow(x / bE, -br);
    }

    /** σ_ph at x inside the interval between the tabulated onsets that contains x. */
    private double sigma(double x) {
        double[] e = table.energyEv();
        double[] s = table.sigmaBarn();
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        for (double o : onsets) {
            if (o <= x) {
                lo = o;
            } else {
                hi = o;
                break;
            }
        }
        int first = lowerBound(e, lo);
        int end = lowerBound(e, hi);
        if (first >= e.length) {
            return s[e.length - 1];
        }
        if (end <= first) {
            return s[first];
        }
        if (x <= e[first]) {
            return s[first];
        }
        if (x >= e[end - 1]) {
            return s[end - 1];
        }
        int i = lowerBound(e, x);
        if (e[i] == x) {
            return s[i];
        }
        double w = Math.log(x / e[i - 1]) / Math.log(e[i] / e[i - 1]);
        return Math.exp(Math.log(s[i - 1]) + w * Math.log(s[i] / s[i - 1]));
    }

    /** index of the first element ≥ v */
    private static int lowerBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int m = (lo + hi) >>> 1;
            if (a[m] < v) {
                lo = m + 1;
            } else {
                hi = m;
            }
        }
        return lo;
    }

    /** rows in [max(0.8 hi, 1.01 lo), hi) with y &gt; 0; else the last two rows in [lo, hi) with y &gt; 0. */
    private static int[] tail(double[] e, double[] y, double loEdge, double hiEdge) {
        double from = Math.max(0.8 * hiEdge, 1.01 * loEdge);
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < e.length; i++) {
            if (e[i] >= from && e[i] < hiEdge && y[i] > 0) {
                idx.add(i);
            }
        }
        if (idx.size() < 2) {
            idx.clear();
            for (int i = 0; i < e.length; i++) {
                if (e[i] >= loEdge && e[i] < hiEdge && y[i] > 0) {
                    idx.add(i);
                }
            }
            while (idx.size() > 2) {
                idx.remove(0);
            }
        }
        return idx.stream().mapToInt(Integer::intValue).toArray();
    }

    /** least-squares slope of ln y against ln e over the given rows */
    private static double slope(double[] e, double[] y, int[] idx) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int i : idx) {
            double lx = Math.log(e[i]);
            double ly = Math.log(y[i]);
            sx += lx;
            sy += ly;
            sxx += lx * lx;
            sxy += lx * ly;
        }
        int m = idx.length;
        return (m * sxy - sx * sy) / (m * sxx - sx * sx);
    }
}
