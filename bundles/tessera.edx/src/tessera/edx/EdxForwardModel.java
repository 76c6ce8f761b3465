package tessera.edx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import tessera.core.analysis.GuidedDecomposer;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.core.model.SignalType;
import tessera.edx.internal.Gauss;

/**
 * The EDX forward model G of physics-guided NMF (X ≈ G·W·H; H. Teurtrie et al., "espm: a Python library for the
 * simulation of STEM-EDXS datasets", Ultramicroscopy 249 (2023) 113719, doi:10.1016/j.ultramic.2023.113719, §2; espm's
 * {@code EDXS.generate_g_matr}): on the data's energy axis, one column per element,
 * <pre>
 *   G[Z](E_k) = Σ_lines σ_line(E0) · ε(E_line) · A(E_line) · ∫_channel k N(E; E_line, s(E_line)) dE,
 * </pre>
 * the line's X-ray production cross section per atom ({@link XrayProduction#lineCrossSection}, barn) times the
 * detection efficiency ({@link DetectorEfficiency}) times the thin-film absorption factor ({@link EdxSample}) times a
 * normalised Gaussian of the detector's width s = FWHM/2√(2 ln 2) at the line ({@link DetectorResolution},
 * Fiori–Newbury), integrated over each channel so that a line's column sums to its σ·ε·A. Element columns are in
 * barn per atom per channel, one unit across elements and families (K, L, M), so the element rows of W are
 * proportional to numbers of atoms and, normalised, are atomic fractions.
 * <p>
 * After the element columns come the background columns, which take part in the fit but in no composition
 * ({@link GuidedDecomposer#ELEMENT_COLUMNS} counts only the element columns):
 * <ul>
 * <li>for each element split at an energy ({@link Options#split}): a column {@code <El>_lo} of its lines below the
 * cut (espm's {@code elements_dict} split; its lines above the cut form the element column), so that lines absorbed
 * much more strongly than the others do not bias the composition;</li>
 * <li>for each ignored element ({@link Options#ignored}; e.g. Cu from the grid): one column per line, named by the line
 * ({@code Cu_Ka}, {@code Cu_La}, ...), as espm's {@code _add_ignored_elts};</li>
 * <li>with {@link Options#continuum}: two bremsstrahlung columns {@code continuum_1} = (E0 − E)/E0² and
 * {@code continuum_2} = (E0 − E)²/(E0² E) (espm's modified Lifshin model, {@code lifshin_bremsstrahlung_b0/_b1}; E
 * and E0 in keV), each times ε(E)·A(E) at the channel energy, 0 for E ≤ 0 or E ≥ E0, and scaled so that its sum over
 * the channels equals the mean sum of the element columns (espm normalises G the same way up to a common factor).</li>
 * </ul>
 * Absorption: one matrix for every column, the sample's composition ({@link EdxSample#composition()}; when empty, equal
 * atomic fractions of the modelled, not ignored, elements, as espm uses for its continuum columns) with the mass
 * absorption of the mixture Σ w_i (μ/ρ)_i. This differs from espm's G, which absorbs each element's lines as if the
 * sample were that pure element: in a real specimen the photons of a line are absorbed by the whole matrix they cross,
 * and with one matrix the absorption factor multiplies every column alike at each energy, so it biases W only through
 * its energy dependence, as the thin-film correction of Cliff–Lorimer quantification does.
 * <p>
 * Energy axis: in keV ({@code units} "keV" or empty) or eV ("eV"); channel energies are the axis values (HyperSpy's
 * channel centres). Lines are modelled when their energy lies strictly inside the axis (first to last channel centre),
 * inside [{@link Options#lineLowKev}, {@link Options#lineHighKev}] and below the beam energy.
 */
public final class EdxForwardModel {

    /** prefix of the bremsstrahlung column names */
    public static final String CONTINUUM = "continuum_";

    private EdxForwardModel() {
    }

    /**
     * Options of the model.
     *
     * @param ignored     elements whose lines are modelled line by line as background columns (e.g. {@code Cu} of the
     *                    grid), not part of the composition; may be empty
     * @param split       element → cut energy in keV: the element's lines below the cut go to a background column
     *                    {@code <El>_lo}; may be empty
     * @param lineLowKev  lowest line energy modelled, keV (0: the axis start)
     * @param lineHighKev highest line energy modelled, keV (∞: the axis end)
     * @param continuum   whether to append the two bremsstrahlung columns
     */
    public record Options(List<String> ignored, Map<String, Double> split, double lineLowKev, double lineHighKev, boolean continuum) {
        /** @throws IllegalArgumentException if the line range is empty or a cut is not positive */
        public Options {
            ignored = List.copyOf(ignored);
            split = Map.copyOf(split);
            if (!(lineHighKev > lineLowKev) || lineLowKev < 0) {
                throw new IllegalArgumentException("line energy range [" + lineLowKev + ", " + lineHighKev + "] keV is empty or negative");
            }
            for (Map.Entry<String, Double> e : split.entrySet()) {
                if (!(e.getValue() > 0)) {
                    throw new IllegalArgumentException("split energy of " + e.getKey() + " must be positive, not " + e.getValue() + " keV");
                }
            }
        }

        /** @return no ignored or split elements, every line of the axis, with the continuum */
        public static Options defaults() {
            return new Options(List.of(), Map.of(), 0, Double.POSITIVE_INFINITY, true);
        }

        /** @return a copy with these ignored elements */
        public Options withIgnored(List<String> elements) {
            return new Options(elements, split, lineLowKev, lineHighKev, continuum);
        }

        /** @return a copy with these split energies (element → keV) */
        public Options withSplit(Map<String, Double> cuts) {
            return new Options(ignored, cuts, lineLowKev, lineHighKev, continuum);
        }

        /** @return a copy with this line energy range in keV */
        public Options withLineRange(double lowKev, double highKev) {
            return new Options(ignored, split, lowKev, highKev, continuum);
        }

        /** @return a copy with or without the continuum columns */
        public Options withContinuum(boolean on) {
            return new Options(ignored, split, lineLowKev, lineHighKev, on);
        }
    }

    /**
     * The matrix that absorbs: the sample's composition as mass fractions, or equal atomic fractions of {@code elements}.
     *
     * @param sample   the sample
     * @param elements the modelled elements
     * @return element → mass fraction
     */
    public static Map<String, Double> absorbingMatrix(EdxSample sample, List<String> elements) {
        if (!sample.composition().isEmpty()) {
            return AbsorberLayer.massFractions(sample.composition());
        }
        Map<String, Double> eq = new LinkedHashMap<>();
        elements.forEach(e -> eq.put(e, 1.0));
        return AbsorberLayer.massFractions(eq);
    }

    /**
     * The density used for absorption: the sample's, or {@link EdxSample#mixtureDensity} of the absorbing matrix.
     *
     * @param sample   the sample
     * @param elements the modelled elements
     * @return ρ in g/cm³
     */
    public static double density(EdxSample sample, List<String> elements) {
        if (!Double.isNaN(sample.densityGcm3())) {
            return sample.densityGcm3();
        }
        Map<String, Double> atomic = new LinkedHashMap<>();
        if (sample.composition().isEmpty()) {
            elements.forEach(e -> atomic.put(e, 1.0));
        } else {
            atomic.putAll(sample.composition());
        }
        return EdxSample.mixtureDensity(atomic);
    }

    /**
     * The area of one line in its column: σ_line(E0) · ε(E_line) · A(E_line).
     *
     * @param line          the line
     * @param microscope    beam energy
     * @param detector      detector (its efficiency)
     * @param sample        sample (thickness, take-off angle)
     * @param massFractions the absorbing matrix
     * @param density       its density in g/cm³
     * @return barn per atom
     */
    public static double lineArea(XrayLine line, EdxMicroscope microscope, EdxDetector detector, EdxSample sample, Map<String, Double> massFractions, double density) {
        double e = line.energyKev();
        return XrayProduction.lineCrossSection(line, microscope.beamKv()) * detector.efficiency().at(e)
                * EdxSample.absorptionFactor(sample.chi(e, massFractions, density));
    }

    /**
     * Builds G.
     *
     * @param elements   the elements of the composition, in column order (symbols, e.g. {@code ["Fe", "Pt", "O"]})
     * @param microscope beam energy
     * @param detector   resolution and efficiency
     * @param sample     thickness, density, take-off angle, absorbing composition
     * @param energy     the data's signal axis (keV or eV, scale &gt; 0)
     * @param options    ignored/split elements, line range, continuum
     * @return G as a {@link Dataset} {@code [m, nE]} (float64): navigation axis {@code column}, the given energy axis,
     *         metadata {@link GuidedDecomposer#COLUMNS}, {@link GuidedDecomposer#ELEMENT_COLUMNS}, the model's inputs
     *         under {@code Signal.model.*}
     * @throws IllegalArgumentException if an element is unknown, listed twice or both modelled and ignored, no element
     *                                  is given, an element (or a split part) has no line in the energy range below the
     *                                  beam energy, or the axis is not in keV/eV with a positive scale
     */
    public static Dataset build(List<String> elements, EdxMicroscope microscope, EdxDetector detector, EdxSample sample, Axis energy, Options options) {
        if (elements.isEmpty()) {
            throw new IllegalArgumentException("the EDX forward model needs at least one element (give elements, or Sample.elements in the metadata)");
        }
        if (new LinkedHashSet<>(elements).size() != elements.size()) {
            throw new IllegalArgumentException("elements listed twice: " + elements);
        }
        for (String e : options.ignored()) {
            if (elements.contains(e)) {
                throw new IllegalArgumentException("element " + e + " is both modelled and ignored");
            }
        }
        for (String e : options.split().keySet()) {
            if (!elements.contains(e)) {
                throw new IllegalArgumentException("split element " + e + " is not one of the modelled elements " + elements);
            }
        }
        double toKev = toKev(energy);
        int n = energy.size();
        double first = energy.offset() * toKev, last = (energy.offset() + (n - 1) * energy.scale()) * toKev;
        double lo = Math.max(first, options.lineLowKev()), hi = Math.min(last, options.lineHighKev());
        double e0 = microscope.beamKv();
        Map<String, Double> matrix = absorbingMatrix(sample, elements);
        double rho = density(sample, elements);

        List<String> names = new ArrayList<>();
        List<double[]> cols = new ArrayList<>();
        List<String> lowNames = new ArrayList<>();
        List<double[]> lowCols = new ArrayList<>();
        for (String el : elements) {
            double cut = options.split().getOrDefault(el, 0.0);
            double[] high = new double[n], low = new double[n];
            int nHigh = 0, nLow = 0;
            for (XrayLine l : lines(el, lo, hi, e0)) {
                double a = lineArea(l, microscope, detector, sample, matrix, rho);
                if (a <= 0) {
                    continue;
                }
                boolean below = l.energyKev() < cut;
                Gauss.addBinned(below ? low : high, energy, 1 / toKev, l.energyKev(), detector.resolution().sigmaKev(l.energyKev()), a);
                if (below) {
                    nLow++;
                } else {
                    nHigh++;
                }
            }
            if (nHigh == 0) {
                throw new IllegalArgumentException("element " + el + " has no X-ray line between " + fmt(lo) + " and " + fmt(hi) + " keV below the beam energy "
                        + fmt(e0) + " kV" + (cut > 0 ? " above its split energy " + fmt(cut) + " keV" : "") + "; remove it or widen the energy range");
            }
            names.add(el);
            cols.add(high);
            if (cut > 0) {
                if (nLow == 0) {
                    throw new IllegalArgumentException("element " + el + " has no X-ray line below its split energy " + fmt(cut) + " keV in the energy range; remove the split");
                }
                lowNames.add(el + "_lo");
                lowCols.add(low);
            }
        }
        int nElements = names.size();
        names.addAll(lowNames);
        cols.addAll(lowCols);
        for (String el : options.ignored()) {
            int found = 0;
            for (XrayLine l : lines(el, lo, hi, e0)) {
                double a = lineArea(l, microscope, detector, sample, matrix, rho);
                if (a <= 0) {
                    continue;
                }
                double[] c = new double[n];
                Gauss.addBinned(c, energy, 1 / toKev, l.energyKev(), detector.resolution().sigmaKev(l.energyKev()), a);
                names.add(l.label());
                cols.add(c);
                found++;
            }
            if (found == 0) {
                throw new IllegalArgumentException("ignored element " + el + " has no X-ray line between " + fmt(lo) + " and " + fmt(hi) + " keV; remove it");
            }
        }
        if (options.continuum()) {
            double mean = 0;
            for (int j = 0; j < nElements; j++) {
                mean += sum(cols.get(j)) / nElements;
            }
            double[] b0 = new double[n], b1 = new double[n];
            for (int k = 0; k < n; k++) {
                double e = (energy.offset() + k * energy.scale()) * toKev;
                if (e <= 0.01 || e >= e0) {
                    continue;
                }
                double f = detector.efficiency().at(e) * EdxSample.absorptionFactor(sample.chi(e, matrix, rho));
                b0[k] = f * (e0 - e) / (e0 * e0);
                b1[k] = f * (e0 - e) * (e0 - e) / (e0 * e0 * e);
            }
            for (double[] b : List.of(b0, b1)) {
                double s = sum(b);
                if (s > 0) {
                    for (int k = 0; k < n; k++) {
                        b[k] *= mean / s;
                    }
                }
            }
            names.add(CONTINUUM + 1);
            names.add(CONTINUUM + 2);
            cols.add(b0);
            cols.add(b1);
        }
        int m = cols.size();
        double[] g = new double[m * n];
        for (int j = 0; j < m; j++) {
            System.arraycopy(cols.get(j), 0, g, j * n, n);
        }
        Metadata md = new Metadata();
        md.title("EDX forward model (" + String.join(", ", elements) + ")");
        md.signalType(SignalType.EDS_TEM);
        md.set(Metadata.QUANTITY, "X-ray production cross section x efficiency x absorption (barn per atom per channel)");
        md.set(GuidedDecomposer.COLUMNS, List.copyOf(names));
        md.set(GuidedDecomposer.ELEMENT_COLUMNS, nElements);
        md.set(Metadata.BEAM_ENERGY, e0);
        md.set("Signal.model.kind", "EDX");
        md.set("Signal.model.energy_resolution_MnKa", detector.resolution().fwhmMnKaEv());
        md.set("Signal.model.thickness_nm", sample.thicknessNm());
        md.set("Signal.model.density_g_cm3", rho);
        md.set("Signal.model.take_off_angle_deg", sample.takeOffAngleDeg());
        md.set("Signal.model.absorbing_mass_fractions", new LinkedHashMap<>(matrix));
        md.set("Signal.model.ignored_elements", List.copyOf(options.ignored()));
        md.set(Metadata.ELEMENTS, List.copyOf(elements));
        return Dataset.ofDoubles(g, List.of(new Axis("column", m, 1, 0, "", true), energy.withNavigate(false)), md);
    }

    /** @return the lines of an element with lo &lt; E &lt; hi and E &lt; E0 (strict, as espm) */
    static List<XrayLine> lines(String element, double lo, double hi, double e0) {
        tessera.elements.Elements.z(element);
        return XrayLines.standard().of(element).stream().filter(l -> l.energyKev() > lo && l.energyKev() < hi && l.energyKev() < e0).toList();
    }

    /**
     * @param axis an energy axis
     * @return the factor from its unit to keV
     * @throws IllegalArgumentException for units other than keV, eV or empty, or a scale that is not positive
     */
    static double toKev(Axis axis) {
        if (!(axis.scale() > 0)) {
            throw new IllegalArgumentException("the energy axis must increase (scale " + axis.scale() + ")");
        }
        String u = axis.units() == null ? "" : axis.units().trim();
        return switch (u) {
            case "keV", "" -> 1;
            case "eV" -> 1e-3;
            default -> throw new IllegalArgumentException("the energy axis must be in keV or eV, not '" + u + "'");
        };
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s;
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.3g", v);
    }
}
