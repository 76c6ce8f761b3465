package tessera.eels.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;

import tessera.eels.Edge;
import tessera.eels.EdgeTable;
import tessera.eels.sim.SimulatedSpectrum.PlacedEdge;
import tessera.eels.sim.SimulatedSpectrum.Shape;
import tessera.eels.sim.SimulationRanges.Range;
import tessera.eels.xsection.CrossSections;
import tessera.elements.Elements;
import tessera.eels.xsection.FfastCrossSection;
import tessera.eels.xsection.HydrogenicCrossSection;
import tessera.eels.xsection.Microscope;

/**
 * Core-loss EELS training-spectrum simulator after Annys et al., Sci. Rep. 13 (2023) 13724,
 * doi:10.1038/s41598-023-40943-7, with the parameter ranges of {@link SimulationRanges} (their Table 1).
 * <p>
 * Per spectrum: 1–4 elements among Be…Bi; their edges with onsets (from {@link EdgeTable#standard()}, each with a
 * random integer chemical shift) inside the spectrum; K and L2,3 edges from {@link HydrogenicCrossSection} (Egerton's
 * SIGMAK3/SIGMAL3) at the drawn beam energy, convergence and collection angles; all other (M, N, O) edges from the
 * optical-limit (dipole) cross section {@link FfastCrossSection} (NIST FFAST photo-absorption of the edge alone,
 * aligned to the edge table by {@link CrossSections}) at the same beam energy and convergence-corrected collection
 * angle. Annys et al. compute every edge from Dirac GOS tables (Zhang et al., doi:10.5281/zenodo.7729585), which this
 * project does not ship; the hydrogenic model is kept for K and L2,3 because it includes the non-dipole part of the
 * Bethe surface (large β and energy losses far above a shallow edge), which the optical limit drops, and both models
 * agree within 0.93–1.005 for B…O K edges (docs/eels.md); for M/N edges no hydrogenic model exists and the optical
 * limit keeps the measured atomic shape (the delayed maxima of M4,5 edges). Spin-orbit partners of one shell (M4 and
 * M5, N4 and N5, likewise M2,3, N2,3, N6,7, O2,3, O4,5) are one edge ("M4,5") with one chemical shift, starting at
 * the table onset of the lowest member, because FFAST's single subshells of close pairs are not separable (the M5
 * jump of Rb…Cd, a few eV below M4, has no usable power-law continuation); a group whose aligned onset falls outside
 * the spectrum's reach is left out. Where FFAST has no data (caesium: {@link #fallbackEdges()}) the edge keeps the
 * former approximation, now one per group from its lowest onset: a power-law sawtooth σ'(E) = 10^8 E_on^-2.5 (E/E_on)^-3 barn/eV, multiplied by
 * (1 − exp(−(E − E_on)/W)) with W = max(10, 0.05 E_on) eV where the table marks a member "delayed maximum"; each
 * placed edge says which model it has ({@link PlacedEdge#shape()}). The optical shape at channel E is C(E − δ) · F(E),
 * C the edge's photo-absorption jump ({@link FfastCrossSection#jump(double)}, tabulated per edge once at 1 eV steps, δ
 * the chemical shift) and F the dipole kinematic factor ({@link FfastCrossSection#dipoleFactor}, evaluated on the
 * expanding grid E_on + 50 (exp(0.06 k) − 1) eV and interpolated linearly; F is smooth, the relative error is below
 * 1e-3). Each element is weighted by a random amount in [0.2, 1]. A generic fine
 * structure per edge: a sum of {@code degree} Gaussians with weights in [−1, 1] at energies ε above the onset within
 * the fine-structure width, each with the lifetime width Γ = ħ v / λ_i (v = √(2ε/m), λ_i from Seah and Dench,
 * λ_i = 538 a ε^-2 + 0.41 a^1.5 ε^0.5 nm with a the atomic diameter in nm; at least 1 eV); it is scaled to a peak
 * of u·min(10, max FS / |min FS|) times the edge peak (u uniform in [0, 1]) and the edge plus fine structure is
 * clipped at 0. The jump ratio of one random edge (edge peak before fine structure over the background at its onset)
 * is set to a value in [0.2, 1.5], which scales all edges. The sum is convolved (FFT, 4096 channels) with a low loss
 * Lorentzian ZLP ⊗ Σ_{n=0}^{N} P_n S^{⊗n} / Σ P_n, S a Drude plasmon loss function E E_p² Γ/((E² − E_p²)² + (EΓ)²)
 * of unit area and P_n = (t/λ)^n e^{−t/λ}/n!. A background A (E/E_start)^-r is added, the spectrum is limited to
 * [start, end], Poisson noise is drawn (normal approximation above a mean of 30 counts), the instrumental shift moves
 * the whole spectrum, and it is normalised to a maximum of 1 and zero padded to 0 … 3071 eV.
 * <p>
 * Spectrum {@code i} depends only on (seed, i), so sets are reproducible and can be drawn in parallel or streamed
 * ({@link SimulationWriter}). Instances are thread-safe; their state is the photo-absorption jumps of the optical
 * edges (filled by the constructor, ≈ 3 MB) and a cache of Bethe-integral tables per (hydrogenic edge, beam energy,
 * chemical shift) ({@link HydrogenicCrossSection#tabulate}, equal to the direct integration within 1e-9), filled on
 * first use whatever the thread and the same whoever fills it, about 20 MB when full.
 */
public final class EelsSimulator {

    /** The 80 labelled elements Be (Z = 4) … Bi (Z = 83), in order of Z; the label index is Z − 4. */
    public static final List<String> ELEMENTS;

    private static final int FFT = 4096;
    private static final double HBAR_EV_S = 6.582119569e-16;
    private static final double ELECTRON_MASS_KG = 9.1093837015e-31;
    private static final double EV_J = 1.602176634e-19;

    static {
        List<String> e = new ArrayList<>();
        for (int z = 4; z <= 83; z++) {
            e.add(Elements.symbol(z));
        }
        ELEMENTS = List.copyOf(e);
    }

    /** Spin-orbit partners modelled as one edge: table subshell → FFAST group. */
    private static final Map<String, String> GROUPS = Map.ofEntries(Map.entry("M2", "M23"), Map.entry("M3", "M23"),
            Map.entry("M4", "M45"), Map.entry("M5", "M45"), Map.entry("N2", "N23"), Map.entry("N3", "N23"),
            Map.entry("N4", "N45"), Map.entry("N5", "N45"), Map.entry("N6", "N67"), Map.entry("N7", "N67"),
            Map.entry("O2", "O23"), Map.entry("O3", "O23"), Map.entry("O4", "O45"), Map.entry("O5", "O45"));

    /** Expanding energy grid above an onset on which smooth factors are evaluated: 50 (exp(0.06 k) − 1) eV. */
    private static final double[] REL = expandingGrid();

    private static double[] expandingGrid() {
        int k = (int) Math.ceil(Math.log(FFT / 50.0 + 1) / 0.06) + 2;
        double[] rel = new double[k + 1];
        for (int i = 0; i <= k; i++) {
            rel[i] = 50 * (Math.exp(0.06 * i) - 1);
        }
        return rel;
    }

    /**
     * A modelled edge of an element: hydrogenic ({@code xs}), optical ({@code jump}: C at channels m = i − chemical
     * shift, index m + {@code jumpOffset}) or sawtooth (neither).
     */
    private record Model(int label, String element, String subshell, double onsetEv, HydrogenicCrossSection xs,
            double[] jump, boolean delayed, int slot) {

        Shape shape() {
            return xs != null ? Shape.HYDROGENIC : jump != null ? Shape.OPTICAL : Shape.SAWTOOTH;
        }
    }

    private final SimulationRanges ranges;
    private final long seed;
    private final List<List<Model>> models;
    private final int[] eligible;
    /** Bethe-integral tables per (hydrogenic edge, beam energy, chemical shift), filled on first use. */
    private final AtomicReferenceArray<HydrogenicCrossSection.Tabulated> tables;
    private final int shifts;
    private final int jumpOffset;
    private final List<String> fallbacks;

    /**
     * @param ranges parameter ranges (e.g. {@link SimulationRanges#ANNYS_2023})
     * @param seed seed of the sequence
     * @throws IllegalArgumentException if ranges has other than 3072 channels or the margins leave no room
     */
    public EelsSimulator(SimulationRanges ranges, long seed) {
        if (ranges.channels() > FFT - 512) {
            throw new IllegalArgumentException("at most " + (FFT - 512) + " channels, got " + ranges.channels());
        }
        this.ranges = ranges;
        this.seed = seed;
        double lo = ranges.startMinEv() + ranges.startMarginEv() - ranges.chemicalShiftEv().low();
        double hi = ranges.channels() - 1 - ranges.endMarginEv() - ranges.chemicalShiftEv().high()
                - ranges.instrumentalShiftEv().high();
        EdgeTable table = EdgeTable.standard();
        List<List<Model>> all = new ArrayList<>();
        List<Integer> ok = new ArrayList<>();
        List<String> fallback = new ArrayList<>();
        int slots = 0;
        int chemLow = (int) ranges.chemicalShiftEv().low();
        int chemHigh = (int) ranges.chemicalShiftEv().high();
        jumpOffset = chemHigh;
        for (int i = 0; i < ELEMENTS.size(); i++) {
            String el = ELEMENTS.get(i);
            int z = i + 4;
            List<Model> ms = new ArrayList<>();
            Edge l1 = table.of(el, 0, Double.MAX_VALUE).stream().filter(e -> e.subshell().equals("L1")).findFirst()
                    .orElse(null);
            Map<String, List<Edge>> others = new LinkedHashMap<>();
            for (Edge e : table.of(el, lo, hi)) {
                String s = e.subshell();
                if (s.equals("K")) {
                    ms.add(new Model(i, el, "K", e.onsetEv(), HydrogenicCrossSection.k(z, e.onsetEv()), null, false,
                            slots++));
                } else if ((s.equals("L3") || s.equals("L2,3")) && z >= 11 && l1 != null) {
                    ms.add(new Model(i, el, "L2,3", e.onsetEv(), HydrogenicCrossSection.l23(z, e.onsetEv(), l1.onsetEv()),
                            null, false, slots++));
                } else if (e.major() && !(z >= 11 && l1 != null && s.startsWith("L"))) {
                    others.computeIfAbsent(GROUPS.getOrDefault(s, s), g -> new ArrayList<>()).add(e);
                }
            }
            for (Map.Entry<String, List<Edge>> g : others.entrySet()) {
                String group = g.getKey();
                String name = group.length() == 3 ? group.substring(0, 2) + "," + group.charAt(2) : group;
                double on = g.getValue().stream().mapToDouble(Edge::onsetEv).min().orElseThrow();
                boolean delayed = g.getValue().stream().anyMatch(e -> e.shape().contains("delayed"));
                FfastCrossSection x;
                try {
                    x = (FfastCrossSection) CrossSections.of(el, group, CrossSections.Model.OPTICAL);
                } catch (IllegalArgumentException noData) {
                    // no FFAST data for this element or edge (Cs): the sawtooth approximation, reported
                    fallback.add(el + " " + name + " " + on);
                    ms.add(new Model(i, el, name, on, null, null, delayed, -1));
                    continue;
                }
                on = x.onsetEv();
                if (on < lo || on > hi) {
                    continue;
                }
                double[] jump = new double[ranges.channels() + chemHigh - chemLow];
                for (int m = 0; m < jump.length; m++) {
                    jump[m] = x.jump(m - jumpOffset);
                }
                ms.add(new Model(i, el, name, on, null, jump, delayed, -1));
            }
            all.add(List.copyOf(ms));
            if (!ms.isEmpty()) {
                ok.add(i);
            }
        }
        models = List.copyOf(all);
        eligible = ok.stream().mapToInt(Integer::intValue).toArray();
        shifts = (int) (ranges.chemicalShiftEv().high() - ranges.chemicalShiftEv().low()) + 1;
        tables = new AtomicReferenceArray<>(slots * ranges.beamKv().size() * shifts);
        fallbacks = List.copyOf(fallback);
    }

    /**
     * The edges drawn with the sawtooth approximation because FFAST has no data for them.
     *
     * @return "element subshell onset" strings, e.g. {@code "Cs M4,5 726.0"} (empty if every M/N/O edge is optical)
     */
    public List<String> fallbackEdges() {
        return fallbacks;
    }

    /** @return the parameter ranges */
    public SimulationRanges ranges() {
        return ranges;
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /**
     * @param label label index (Z − 4)
     * @return the modelled edges of that element whose table onset lies where a spectrum can show them, as
     *         "subshell onset" strings, e.g. {@code ["N4,5 90.0", "M4,5 781.0"]} for Ba (groups named after their
     *         members, onset of the lowest)
     */
    public List<String> modelledEdges(int label) {
        return models.get(label).stream().map(m -> m.subshell() + " " + m.onsetEv()).toList();
    }

    /**
     * Simulates spectrum {@code index} of this seed's sequence.
     *
     * @param index index ≥ 0
     * @return the spectrum, labels and parameters
     */
    public SimulatedSpectrum simulate(long index) {
        SplittableRandom r = new SplittableRandom(SimSupport.mix(seed, index));
        SimulationRanges g = ranges;
        int n = g.channels();
        // elements
        int count = Math.min(eligible.length, intIn(r, g.elementsPerSpectrum()));
        int[] chosen = new int[count];
        int[] pool = eligible.clone();
        for (int k = 0; k < count; k++) {
            int j = k + r.nextInt(pool.length - k);
            int t = pool[k];
            pool[k] = pool[j];
            pool[j] = t;
            chosen[k] = pool[k];
        }
        int beamKv = g.beamKv().get(r.nextInt(g.beamKv().size()));
        double alpha = realIn(r, g.convergenceMrad());
        double beta = realIn(r, g.collectionMrad());
        Microscope mic = new Microscope(beamKv, alpha, beta);
        double diameterNm = realIn(r, g.atomicDiameterPm()) * 1e-3;
        List<Model> placed = new ArrayList<>();
        List<Integer> chem = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (int c : chosen) {
            double w = 0.2 + 0.8 * r.nextDouble();
            for (Model m : models.get(c)) {
                placed.add(m);
                chem.add(intIn(r, g.chemicalShiftEv()));
                weights.add(w);
            }
        }
        double first = Double.MAX_VALUE;
        double last = 0;
        for (int k = 0; k < placed.size(); k++) {
            double on = placed.get(k).onsetEv() + chem.get(k);
            first = Math.min(first, on);
            last = Math.max(last, on);
        }
        int start = g.startMinEv() + r.nextInt((int) Math.floor(first) - g.startMarginEv() - g.startMinEv() + 1);
        int endLow = (int) Math.ceil(last) + g.endMarginEv();
        int end = endLow + r.nextInt(Math.max(1, g.endMaxEv() - endLow + 1));
        // edges with fine structure, on the FFT grid (channel = eV)
        double[] core = new double[FFT];
        double[] shape = new double[n];
        double[] fs = new double[n];
        double jumpPeak = 0;
        int jumpEdge = r.nextInt(placed.size());
        double jumpOnset = 0;
        List<PlacedEdge> out = new ArrayList<>();
        int instr = intIn(r, g.instrumentalShiftEv());
        for (int k = 0; k < placed.size(); k++) {
            Model m = placed.get(k);
            double on = m.onsetEv() + chem.get(k);
            edgeShape(m, on, chem.get(k), mic, shape);
            double peak = 0;
            for (int i = 0; i < n; i++) {
                shape[i] *= weights.get(k);
                peak = Math.max(peak, shape[i]);
            }
            int fsWidth = intIn(r, g.fineStructureWidthEv());
            int fsDegree = intIn(r, g.fineStructureDegree());
            fineStructure(r, on, fsWidth, fsDegree, diameterNm, fs);
            double max = 0;
            double min = 0;
            for (double v : fs) {
                max = Math.max(max, v);
                min = Math.min(min, v);
            }
            double ratio = min < 0 ? Math.min(g.maxFineStructureScale(), max / -min) : g.maxFineStructureScale();
            double scale = max > 0 ? r.nextDouble() * ratio * peak / max : 0;
            int i0 = (int) Math.ceil(on);
            for (int i = Math.max(0, i0); i < n; i++) {
                core[i] += Math.max(0, shape[i] + scale * fs[i]);
            }
            if (k == jumpEdge) {
                jumpPeak = peak;
                jumpOnset = on;
            }
            out.add(new PlacedEdge(m.element(), m.subshell(), m.onsetEv(), chem.get(k), on + instr, m.shape(),
                    fsWidth, fsDegree));
        }
        double amplitude = g.backgroundAmplitude().get(r.nextInt(g.backgroundAmplitude().size()));
        double exponent = realIn(r, g.backgroundExponent());
        double jump = realIn(r, g.jumpRatio());
        double bgAtEdge = amplitude * Math.pow(jumpOnset / start, -exponent);
        double c = jumpPeak > 0 ? jump * bgAtEdge / jumpPeak : 0;
        for (int i = 0; i < n; i++) {
            core[i] *= c;
        }
        // low loss and convolution
        double zlp = realIn(r, g.zlpFwhmEv());
        int ep = intIn(r, g.plasmonEv());
        int gp = intIn(r, g.plasmonWidthEv());
        int orders = intIn(r, g.plasmons());
        double tl = realIn(r, g.tOverLambda());
        SimSupport.convolveWithLowLoss(core, 1.0, zlp, ep, gp, orders, tl);
        double[] coreLoss = new double[n];
        double[] noiseless = new double[n];
        for (int i = start; i <= Math.min(end, n - 1); i++) {
            coreLoss[i] = Math.max(0, core[i]);
            noiseless[i] = coreLoss[i] + amplitude * Math.pow((double) i / start, -exponent);
        }
        // noise, instrumental shift, normalisation
        float[] spec = new float[n];
        double top = 0;
        for (int i = 0; i < n; i++) {
            int j = i + instr;
            if (j < 0 || j >= n || noiseless[i] == 0) {
                continue;
            }
            double v = SimSupport.poisson(r, noiseless[i]);
            spec[j] = (float) v;
            top = Math.max(top, v);
        }
        if (top > 0) {
            for (int i = 0; i < n; i++) {
                spec[i] = (float) (spec[i] / top);
            }
        }
        byte[] labels = new byte[ELEMENTS.size()];
        for (int e : chosen) {
            labels[e] = 1;
        }
        return new SimulatedSpectrum(index, spec, labels, List.copyOf(out), beamKv, alpha, beta, start, end, zlp, ep,
                gp, orders, tl, jump, jumpEdge, amplitude, exponent, diameterNm * 1e3, instr, noiseless, coreLoss);
    }

    /** Edge shape (barn/eV) on channels 0..n−1 for onset {@code on}. */
    private void edgeShape(Model m, double on, int shift, Microscope mic, double[] shape) {
        int n = shape.length;
        java.util.Arrays.fill(shape, 0);
        int i0 = Math.max(0, (int) Math.ceil(on));
        if (m.jump() != null) {
            // C(E − shift) from the per-edge table times the smooth dipole factor F, interpolated from the grid
            double betaEff = mic.effectiveCollectionMrad(on) * 1e-3;
            int kmax = (int) Math.ceil(Math.log((n - on) / 50.0 + 1) / 0.06) + 1;
            double[] f = new double[kmax + 1];
            for (int k = 0; k <= kmax; k++) {
                f[k] = FfastCrossSection.dipoleFactor(on + REL[k], betaEff, mic.beamKv());
            }
            double[] jump = m.jump();
            int k = 0;
            for (int i = i0; i < n; i++) {
                double x = i - on;
                while (k < kmax - 1 && REL[k + 1] < x) {
                    k++;
                }
                double w = (x - REL[k]) / (REL[k + 1] - REL[k]);
                shape[i] = jump[i - shift + jumpOffset] * (f[k] + w * (f[k + 1] - f[k]));
            }
            return;
        }
        if (m.xs() == null) {
            double a = 1e8 * Math.pow(on, -2.5);
            double w = Math.max(10, 0.05 * on);
            for (int i = i0; i < n; i++) {
                double v = a * Math.pow(i / on, -3);
                shape[i] = m.delayed() ? v * (1 - Math.exp(-(i - on) / w)) : v;
            }
            return;
        }
        // tabulate on Egerton/HyperSpy's expanding grid rel = 50 (exp(0.06 k) − 1) eV, interpolate linearly; the
        // Bethe integrals at those energies come from a table per (edge, beam energy, shift) (equal to the direct
        // integration to ~1e-9, HydrogenicCrossSection.tabulate)
        double betaEff = mic.effectiveCollectionMrad(on) * 1e-3;
        HydrogenicCrossSection.Tabulated tab = table(m, on, shift, (int) mic.beamKv());
        int kmax = tab.size() - 1;
        double[] rel = REL;
        double[] val = new double[kmax + 1];
        for (int k = 0; k <= kmax; k++) {
            val[k] = tab.differential(k, betaEff);
        }
        int k = 0;
        for (int i = i0; i < n; i++) {
            double x = i - on;
            while (k < kmax - 1 && rel[k + 1] < x) {
                k++;
            }
            double f = (x - rel[k]) / (rel[k + 1] - rel[k]);
            shape[i] = val[k] + f * (val[k + 1] - val[k]);
        }
    }

    /** The Bethe-integral table of a hydrogenic edge at onset {@code on} (table onset + shift) for a beam energy. */
    private HydrogenicCrossSection.Tabulated table(Model m, double on, int shift, int beamKv) {
        int slot = (m.slot() * ranges.beamKv().size() + ranges.beamKv().indexOf(beamKv)) * shifts
                + (shift - (int) ranges.chemicalShiftEv().low());
        HydrogenicCrossSection.Tabulated t = tables.get(slot);
        if (t == null) {
            int n = ranges.channels();
            int kmax = (int) Math.ceil(Math.log((n - on) / 50.0 + 1) / 0.06) + 1;
            double[] energies = new double[kmax + 1];
            for (int k = 0; k <= kmax; k++) {
                energies[k] = on + 50 * (Math.exp(0.06 * k) - 1);
            }
            // two threads may build the same table at once; both build the same values, the first one stays
            tables.compareAndSet(slot, null, m.xs().tabulate(energies, beamKv, shift));
            t = tables.get(slot);
        }
        return t;
    }

    /** Generic fine structure (unscaled) on channels, zero outside [on, on + width]. */
    private static void fineStructure(SplittableRandom r, double on, int width, int degree, double diameterNm,
            double[] fs) {
        java.util.Arrays.fill(fs, 0);
        int n = fs.length;
        for (int p = 0; p < degree; p++) {
            double eps = Math.max(1, r.nextDouble() * width);
            double w = 2 * r.nextDouble() - 1;
            double lambdaNm = 538 * diameterNm / (eps * eps) + 0.41 * Math.pow(diameterNm, 1.5) * Math.sqrt(eps);
            double v = Math.sqrt(2 * eps * EV_J / ELECTRON_MASS_KG);
            double fwhm = Math.max(1, HBAR_EV_S * v / (lambdaNm * 1e-9));
            double sigma = fwhm / 2.3548200450309493;
            double centre = on + eps;
            int lo = Math.max((int) Math.ceil(on), (int) Math.floor(centre - 5 * sigma));
            int hi = Math.min(n - 1, (int) Math.ceil(Math.min(on + width, centre + 5 * sigma)));
            for (int i = Math.max(0, lo); i <= hi; i++) {
                double d = (i - centre) / sigma;
                fs[i] += w * Math.exp(-0.5 * d * d);
            }
        }
    }

    private static int intIn(SplittableRandom r, Range range) {
        return (int) range.low() + r.nextInt((int) (range.high() - range.low()) + 1);
    }

    private static double realIn(SplittableRandom r, Range range) {
        return range.low() + (range.high() - range.low()) * r.nextDouble();
    }

}
