package tessera.eels.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.core.model.SignalType;
import tessera.eels.EdgeTable;
import tessera.math.Fft;
import tessera.eels.xsection.CrossSections;
import tessera.eels.xsection.EdgeCrossSection;
import tessera.elements.Elements;
import tessera.eels.xsection.HydrogenicCrossSection;
import tessera.eels.xsection.Microscope;

/**
 * Phantom EELS spectrum images of known composition and thickness, with their ground-truth maps, for testing
 * background removal, elemental mapping, quantification and unmixing.
 * <p>
 * The image is made of {@link Region}s (later regions paint over earlier ones; pixels in no region are vacuum: no
 * signal). A region has atomic fractions f_X of its elements and a thickness t/λ; with the inelastic mean free path λ
 * and the atom density ρ of the {@link Spec}, the areal density of element X is N_X = f_X ρ (t/λ) λ (atoms/nm²).
 * Each element contributes its hydrogenic K edge, or its L2,3 edge when the K edge is not inside the window
 * ({@link HydrogenicCrossSection}, Egerton's SIGMAK3/SIGMAL3 with the convergence correction at the onset), else its
 * optical-limit M4,5 or N4,5 edge ({@link tessera.eels.xsection.FfastCrossSection} via {@link CrossSections}, e.g. for
 * Ba, La, Ce; not for Cs, which FFAST lacks). Per pixel
 * (Egerton, <i>Electron Energy-Loss Spectroscopy in the Electron Microscope</i>, 3rd ed., Springer 2011,
 * doi:10.1007/978-1-4419-9583-4, §3.6, §4.1 and §4.5):
 * <ul>
 * <li>single scattering: J1(E) = N_e δ Σ_X N_X 10⁻¹⁰ dσ_X/dE(E) counts per channel (N_e incident electrons per pixel,
 * δ the channel width in eV, 10⁻¹⁰ nm² per barn);</li>
 * <li>plural scattering: J1 convolved with the unit-area low-loss kernel ZLP ⊗ Σ_{n=0}^{N} P_n S^{⊗n} / Σ P_n
 * (Lorentzian ZLP, Drude plasmon S, Poisson weights P_n of t/λ), so the total core-loss counts are kept;</li>
 * <li>background: A (t/λ) (E/E_0)^−r counts per channel, E_0 the first channel's energy;</li>
 * <li>Poisson noise (normal approximation above a mean of 30), if {@link Spec#noise()}; pixel p draws from a
 * stream seeded by (seed, p), so a phantom is reproducible from its seed.</li>
 * </ul>
 * The low-loss image (same kernel, not normalised: N_e ZLP ⊗ Σ P_n S^{⊗n}, from −{@value #LOW_LOSS_START_EV} eV) is
 * returned as well, for thickness and deconvolution tests.
 */
public final class Phantom {

    /** First energy of the low-loss axis, eV below zero loss. */
    public static final double LOW_LOSS_START_EV = 20;
    private static final int LOW_LOSS_CHANNELS = 512;

    private Phantom() {
    }

    /** Where a region lies, in pixel coordinates (x = column, y = row, pixel centres at integers). */
    public sealed interface Shape permits Disc, Stripe, Everywhere {
        /**
         * @param x column
         * @param y row
         * @return whether the pixel belongs to the shape
         */
        boolean contains(int x, int y);
    }

    /**
     * A disc.
     *
     * @param cx centre column
     * @param cy centre row
     * @param radius radius in pixels
     */
    public record Disc(double cx, double cy, double radius) implements Shape {
        @Override
        public boolean contains(int x, int y) {
            double dx = x - cx;
            double dy = y - cy;
            return dx * dx + dy * dy <= radius * radius;
        }
    }

    /**
     * A vertical stripe of columns x0 ≤ x &lt; x1.
     *
     * @param x0 first column
     * @param x1 column after the last
     */
    public record Stripe(int x0, int x1) implements Shape {
        @Override
        public boolean contains(int x, int y) {
            return x >= x0 && x < x1;
        }
    }

    /** The whole image (a matrix that other regions paint over). */
    public record Everywhere() implements Shape {
        @Override
        public boolean contains(int x, int y) {
            return true;
        }
    }

    /**
     * A region of constant composition and thickness.
     *
     * @param name name (for reports)
     * @param shape where it lies
     * @param atomicFractions element symbol → atomic fraction (positive, summing to 1 within 1e-6)
     * @param tOverLambda thickness t/λ (&gt; 0)
     */
    public record Region(String name, Shape shape, Map<String, Double> atomicFractions, double tOverLambda) {

        /** @throws IllegalArgumentException for an empty composition, fractions not summing to 1, or t/λ ≤ 0 */
        public Region {
            atomicFractions = Map.copyOf(atomicFractions);
            if (atomicFractions.isEmpty()) {
                throw new IllegalArgumentException("region '" + name + "' has no elements");
            }
            double sum = 0;
            for (var e : atomicFractions.entrySet()) {
                Elements.z(e.getKey());
                if (!(e.getValue() > 0)) {
                    throw new IllegalArgumentException("region '" + name + "': fraction of " + e.getKey() + " must be positive, got " + e.getValue());
                }
                sum += e.getValue();
            }
            if (Math.abs(sum - 1) > 1e-6) {
                throw new IllegalArgumentException("region '" + name + "': atomic fractions sum to " + sum + ", not 1");
            }
            if (!(tOverLambda > 0 && tOverLambda < 10)) {
                throw new IllegalArgumentException("region '" + name + "': t/λ must be in (0, 10), got " + tOverLambda);
            }
        }
    }

    /**
     * What to generate.
     *
     * @param width image width, pixels
     * @param height image height, pixels
     * @param offsetEv energy of the first core-loss channel, eV (&gt; 0)
     * @param scaleEv channel width, eV (&gt; 0)
     * @param channels core-loss channels
     * @param microscope beam energy and semi-angles (into the cross sections and the metadata)
     * @param regions regions, later ones painted over earlier ones
     * @param meanFreePathNm inelastic mean free path λ, nm
     * @param atomDensityPerNm3 atom density ρ, atoms/nm³
     * @param electronsPerPixel incident electrons per pixel N_e
     * @param backgroundCounts background amplitude A at the first channel per unit t/λ, counts/channel
     * @param backgroundExponent background exponent r
     * @param zlpFwhmEv ZLP FWHM, eV
     * @param plasmonEv plasmon energy, eV
     * @param plasmonWidthEv plasmon width, eV
     * @param plasmonOrders highest plasmon order in the low-loss kernel
     * @param noise whether to draw Poisson noise
     */
    public record Spec(int width, int height, double offsetEv, double scaleEv, int channels, Microscope microscope,
            List<Region> regions, double meanFreePathNm, double atomDensityPerNm3, double electronsPerPixel,
            double backgroundCounts, double backgroundExponent, double zlpFwhmEv, double plasmonEv,
            double plasmonWidthEv, int plasmonOrders, boolean noise) {

        /** @throws IllegalArgumentException for non-positive sizes or values, or no regions */
        public Spec {
            regions = List.copyOf(regions);
            if (width < 1 || height < 1 || channels < 16 || (long) width * height * channels > 1L << 28) {
                throw new IllegalArgumentException("phantom size " + width + "×" + height + "×" + channels
                        + " must be at least 1×1×16 and at most 2^28 values");
            }
            if (regions.isEmpty()) {
                throw new IllegalArgumentException("a phantom needs at least one region");
            }
            for (double v : new double[] { offsetEv, scaleEv, meanFreePathNm, atomDensityPerNm3, electronsPerPixel,
                zlpFwhmEv, plasmonEv, plasmonWidthEv }) {
                if (!(v > 0 && Double.isFinite(v))) {
                    throw new IllegalArgumentException("phantom energies, λ, ρ, dose and low-loss widths must be positive and finite, got " + v);
                }
            }
            if (!(backgroundCounts >= 0) || !(backgroundExponent >= 0) || plasmonOrders < 0) {
                throw new IllegalArgumentException("background amplitude, exponent and plasmon orders must not be negative");
            }
        }

        /**
         * Reads a spec from a JSON file. Every key but {@code regions} is optional and defaults to
         * {@link #example(boolean)}'s value; unknown keys are errors (they are usually typos):
         * <pre>
         * { "width": 32, "height": 32, "offsetEv": 150, "scaleEv": 0.5, "channels": 1100,
         *   "beamKv": 200, "convergenceMrad": 10, "collectionMrad": 30,
         *   "meanFreePathNm": 100, "atomDensityPerNm3": 100, "electronsPerPixel": 1e6,
         *   "backgroundCounts": 2000, "backgroundExponent": 3,
         *   "zlpFwhmEv": 1.5, "plasmonEv": 22, "plasmonWidthEv": 8, "plasmonOrders": 3,
         *   "regions": [
         *     { "name": "C matrix", "shape": { "type": "everywhere" }, "composition": { "C": 1 }, "tOverLambda": 0.3 },
         *     { "name": "BN disc", "shape": { "type": "disc", "cx": 10, "cy": 10, "radius": 6 },
         *       "composition": { "B": 0.5, "N": 0.5 }, "tOverLambda": 0.5 },
         *     { "shape": { "type": "stripe", "x0": 20, "x1": 28 }, "composition": { "Ti": 0.3333333, "O": 0.6666667 },
         *       "tOverLambda": 0.8 } ] }
         * </pre>
         * Units as in the record components (eV, mrad, nm, atoms/nm³, counts); shapes in pixels as {@link Disc},
         * {@link Stripe}, {@link Everywhere}; a region without a name is called {@code regions[i]}.
         *
         * @param file the JSON file
         * @param noise whether to draw Poisson noise (not part of the file)
         * @return the spec
         * @throws tessera.core.io.InvalidFileException naming the file and the problem (with the key path, e.g.
         *         {@code regions[1].shape.type}, or the line and column of a JSON syntax error) for malformed JSON,
         *         unknown or missing keys, values of the wrong type, or values the records reject
         * @throws java.io.IOException if the file cannot be read
         */
        public static Spec read(java.nio.file.Path file, boolean noise) throws java.io.IOException {
            return PhantomSpecReader.read(file, noise);
        }

        /** @return the names of all elements of all regions, sorted by Z */
        public List<String> elements() {
            TreeSet<Integer> z = new TreeSet<>();
            for (Region r : regions) {
                r.atomicFractions().keySet().forEach(e -> z.add(Elements.z(e)));
            }
            return z.stream().map(Elements::symbol).toList();
        }

        /**
         * A 32 × 32 boron-nitride/carbon/titania phantom on 150–700 eV at 0.5 eV/channel (1100 channels), 200 kV,
         * α = 10 mrad, β = 30 mrad: a carbon matrix (t/λ 0.3), a BN disc (t/λ 0.5), a TiO2 stripe (t/λ 0.8) and a
         * mixed B–C–N–O disc (t/λ 0.4) over the stripe; λ = 100 nm, ρ = 100 atoms/nm³, N_e = 10⁶, A = 2000
         * counts/channel at 150 eV per unit t/λ, r = 3.
         *
         * @param noise whether to draw Poisson noise
         * @return the spec
         */
        public static Spec example(boolean noise) {
            List<Region> rs = List.of(new Region("C matrix", new Everywhere(), Map.of("C", 1.0), 0.3),
                    new Region("BN disc", new Disc(10, 10, 6), Map.of("B", 0.5, "N", 0.5), 0.5),
                    new Region("TiO2 stripe", new Stripe(20, 28), Map.of("Ti", 1.0 / 3, "O", 2.0 / 3), 0.8),
                    new Region("BCNO disc", new Disc(22, 22, 5), Map.of("B", 0.2, "C", 0.3, "N", 0.2, "O", 0.3), 0.4));
            return new Spec(32, 32, 150, 0.5, 1100, new Microscope(200, 10, 30), rs, 100, 100, 1e6, 2000, 3, 1.5,
                    22, 8, 3, noise);
        }
    }

    /**
     * A phantom and its ground truth.
     *
     * @param spectra core-loss spectrum image, float64 [height, width, channels] (axes y, x, "Energy loss" in eV),
     *        metadata: signal type EELS, beam energy, convergence and collection angles
     * @param lowLoss low-loss spectrum image, float64 [height, width, 512] from −20 eV at the same channel width
     * @param tOverLambda t/λ map, float64 [height, width] (0 in vacuum)
     * @param arealDensity element → areal density map in atoms/nm², float64 [height, width]
     * @param atomicFraction element → atomic fraction map, float64 [height, width]
     * @param regions region index map (index into {@link Spec#regions()}, −1 vacuum), int32 [height, width]
     * @param edges element → the cross section of its modelled edge
     */
    public record Result(Dataset spectra, Dataset lowLoss, Dataset tOverLambda, Map<String, Dataset> arealDensity,
            Map<String, Dataset> atomicFraction, Dataset regions, Map<String, EdgeCrossSection> edges) {

        /**
         * @return the truth maps as one list, titles {@code t_over_lambda}, {@code regions},
         *         {@code areal_density_<X>}, {@code atomic_fraction_<X>}
         */
        public List<Dataset> truthMaps() {
            List<Dataset> l = new ArrayList<>(List.of(tOverLambda, regions));
            l.addAll(arealDensity.values());
            l.addAll(atomicFraction.values());
            return l;
        }
    }

    /**
     * Generates a phantom.
     *
     * @param spec what to generate
     * @param seed noise seed (pixel p uses the stream of (seed, p))
     * @return the spectrum images and truth maps
     * @throws IllegalArgumentException if an element has no K, L2,3 (Z ≥ 11), M4,5 or N4,5 edge (the last two with
     *         FFAST data) with its onset inside the window at least 20 eV below its end
     */
    public static Result generate(Spec spec, long seed) {
        int w = spec.width();
        int h = spec.height();
        int n = spec.channels();
        double de = spec.scaleEv();
        double e0 = spec.offsetEv();
        double eEnd = e0 + (n - 1) * de;
        List<String> elements = spec.elements();
        Map<String, EdgeCrossSection> edges = new LinkedHashMap<>();
        Map<String, double[]> sigma = new LinkedHashMap<>();
        Microscope mic = spec.microscope();
        for (String el : elements) {
            EdgeCrossSection xs = edge(el, e0, eEnd - 20);
            edges.put(el, xs);
            double[] s = new double[n];
            if (xs instanceof HydrogenicCrossSection hx) {
                double beta = mic.effectiveCollectionMrad(xs.onsetEv()) * 1e-3;
                for (int i = 0; i < n; i++) {
                    s[i] = hx.differential(e0 + i * de, beta, mic.beamKv(), 0);
                }
            } else {
                double[] energy = new double[n];
                for (int i = 0; i < n; i++) {
                    energy[i] = e0 + i * de;
                }
                s = xs.differential(energy, mic);
            }
            sigma.put(el, s);
        }
        // region index per pixel
        int[] region = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int idx = -1;
                for (int r = 0; r < spec.regions().size(); r++) {
                    if (spec.regions().get(r).shape().contains(x, y)) {
                        idx = r;
                    }
                }
                region[y * w + x] = idx;
            }
        }
        // noiseless spectra per region: core loss (edges from channel e0 on) and low loss
        int fft = Fft.nextPow2(Math.max(n + (int) Math.ceil(e0 / de) + 1024, LOW_LOSS_CHANNELS * 2));
        int shift = (int) Math.round(e0 / de);
        if (Math.abs(shift * de - e0) > 1e-9 * Math.max(1, e0)) {
            throw new IllegalArgumentException("the core-loss offset " + e0 + " eV must be a whole number of channels ("
                    + de + " eV) above zero loss");
        }
        double[][] coreByRegion = new double[spec.regions().size()][];
        double[][] lowByRegion = new double[spec.regions().size()][];
        for (int r = 0; r < spec.regions().size(); r++) {
            Region reg = spec.regions().get(r);
            double thick = reg.tOverLambda() * spec.meanFreePathNm();
            double[] core = new double[fft];
            for (var f : reg.atomicFractions().entrySet()) {
                double areal = f.getValue() * spec.atomDensityPerNm3() * thick;
                double[] s = sigma.get(f.getKey());
                for (int i = 0; i < n; i++) {
                    core[shift + i] += spec.electronsPerPixel() * de * areal * 1e-10 * s[i];
                }
            }
            SimSupport.convolveWithLowLoss(core, de, spec.zlpFwhmEv(), spec.plasmonEv(), spec.plasmonWidthEv(),
                    spec.plasmonOrders(), reg.tOverLambda());
            double[] c = new double[n];
            for (int i = 0; i < n; i++) {
                double e = e0 + i * de;
                c[i] = Math.max(0, core[shift + i])
                        + spec.backgroundCounts() * reg.tOverLambda() * Math.pow(e / e0, -spec.backgroundExponent());
            }
            coreByRegion[r] = c;
            lowByRegion[r] = lowLoss(spec, reg.tOverLambda(), fft);
        }
        double[] data = new double[w * h * n];
        double[] low = new double[w * h * LOW_LOSS_CHANNELS];
        for (int p = 0; p < w * h; p++) {
            if (region[p] < 0) {
                continue;
            }
            SplittableRandom rnd = new SplittableRandom(SimSupport.mix(seed, p));
            double[] c = coreByRegion[region[p]];
            double[] l = lowByRegion[region[p]];
            for (int i = 0; i < n; i++) {
                data[p * n + i] = spec.noise() ? SimSupport.poisson(rnd, c[i]) : c[i];
            }
            for (int i = 0; i < LOW_LOSS_CHANNELS; i++) {
                low[p * LOW_LOSS_CHANNELS + i] = spec.noise() ? SimSupport.poisson(rnd, l[i]) : l[i];
            }
        }
        Axis ay = new Axis("y", h, 1, 0, "px", true);
        Axis ax = new Axis("x", w, 1, 0, "px", true);
        Metadata md = new Metadata().signalType(SignalType.EELS).title("EELS phantom");
        md.set(Metadata.BEAM_ENERGY, mic.beamKv()).set(Metadata.CONVERGENCE_ANGLE, mic.convergenceMrad())
                .set(Metadata.COLLECTION_ANGLE, mic.collectionMrad()).set(Metadata.ELEMENTS, elements);
        Dataset spectra = Dataset.ofDoubles(data, List.of(ay, ax, new Axis("Energy loss", n, de, e0, "eV", false)), md);
        Dataset lowLoss = Dataset.ofDoubles(low, List.of(ay, ax,
                new Axis("Energy loss", LOW_LOSS_CHANNELS, de, -LOW_LOSS_START_EV, "eV", false)),
                md.copy().title("EELS phantom low loss"));
        double[] tl = new double[w * h];
        Map<String, double[]> areal = new LinkedHashMap<>();
        Map<String, double[]> frac = new LinkedHashMap<>();
        for (String el : elements) {
            areal.put(el, new double[w * h]);
            frac.put(el, new double[w * h]);
        }
        for (int p = 0; p < w * h; p++) {
            if (region[p] < 0) {
                continue;
            }
            Region reg = spec.regions().get(region[p]);
            tl[p] = reg.tOverLambda();
            for (var f : reg.atomicFractions().entrySet()) {
                frac.get(f.getKey())[p] = f.getValue();
                areal.get(f.getKey())[p] = f.getValue() * spec.atomDensityPerNm3() * reg.tOverLambda()
                        * spec.meanFreePathNm();
            }
        }
        List<Axis> img = List.of(ay.withNavigate(false), ax.withNavigate(false));
        Map<String, Dataset> arealMaps = new LinkedHashMap<>();
        Map<String, Dataset> fracMaps = new LinkedHashMap<>();
        for (String el : elements) {
            arealMaps.put(el, Dataset.ofDoubles(areal.get(el), img, new Metadata().title("areal_density_" + el)
                    .set(Metadata.QUANTITY, "areal density (atoms/nm^2)")));
            fracMaps.put(el, Dataset.ofDoubles(frac.get(el), img, new Metadata().title("atomic_fraction_" + el)
                    .set(Metadata.QUANTITY, "atomic fraction")));
        }
        return new Result(spectra, lowLoss,
                Dataset.ofDoubles(tl, img, new Metadata().title("t_over_lambda").set(Metadata.QUANTITY, "t/lambda")),
                Map.copyOf(arealMaps), Map.copyOf(fracMaps),
                Dataset.ofInts(region, img, new Metadata().title("regions").set(Metadata.QUANTITY, "region index")),
                Map.copyOf(edges));
    }

    /** N_e ZLP ⊗ Σ P_n S^{⊗n} on LOW_LOSS_CHANNELS channels from −LOW_LOSS_START_EV. */
    private static double[] lowLoss(Spec spec, double tl, int fft) {
        double[] delta = new double[fft];
        double norm = 0;
        double fact = 1;
        for (int k = 0; k <= spec.plasmonOrders(); k++) {
            fact *= Math.max(1, k);
            norm += Math.pow(tl, k) * Math.exp(-tl) / fact;
        }
        delta[0] = spec.electronsPerPixel() * norm;
        SimSupport.convolveWithLowLoss(delta, spec.scaleEv(), spec.zlpFwhmEv(), spec.plasmonEv(),
                spec.plasmonWidthEv(), spec.plasmonOrders(), tl);
        int back = (int) Math.round(LOW_LOSS_START_EV / spec.scaleEv());
        double[] out = new double[LOW_LOSS_CHANNELS];
        for (int i = 0; i < LOW_LOSS_CHANNELS; i++) {
            int j = Math.floorMod(i - back, fft);
            out[i] = Math.max(0, delta[j]);
        }
        return out;
    }

    /** The K edge, else the L2,3 edge, of an element with its onset in [low, high]. */
    private static EdgeCrossSection edge(String el, double low, double high) {
        EdgeTable t = EdgeTable.standard();
        int z = Elements.z(el);
        var k = t.of(el, low, high).stream().filter(e -> e.subshell().equals("K")).findFirst();
        if (k.isPresent()) {
            return HydrogenicCrossSection.k(z, k.get().onsetEv());
        }
        if (z >= 11) {
            var l3 = t.of(el, low, high).stream().filter(e -> e.subshell().equals("L3")).findFirst();
            if (l3.isPresent()) {
                return HydrogenicCrossSection.of(el, HydrogenicCrossSection.Shell.L23);
            }
        }
        for (String group : List.of("M45", "N45")) {
            try {
                EdgeCrossSection o = CrossSections.of(el, group, CrossSections.Model.OPTICAL);
                if (o.onsetEv() >= low && o.onsetEv() <= high) {
                    return o;
                }
            } catch (IllegalArgumentException noData) {
                // no FFAST table (Cs) or no such edge: try the next group
            }
        }
        throw new IllegalArgumentException("element " + el + " has no K, L2,3, M4,5 or N4,5 edge between " + low + " and "
                + high + " eV (the phantom's energy window)");
    }
}
