package tessera.eels.quant;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tessera.core.analysis.GuidedDecomposer;
import tessera.core.analysis.IncompatibleDataException;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.eels.xsection.Microscope;

/**
 * The EELS forward model G for the physics-guided decomposition ({@link GuidedDecomposer}, SmoothNMF): X ≈ G·W·H
 * with one column per element, the energy-differential ionisation cross section of its edge on the data's energy-loss
 * axis, and power-law background columns, so that the element rows of W are the phases' atomic fractions and H their
 * amounts. espm builds the same factorisation for EDX (Teurtrie et al., Ultramicroscopy 249 (2023) 113719,
 * doi:10.1016/j.ultramic.2023.113719); this is its EELS counterpart with the single-scattering model of Egerton
 * (<i>Electron Energy-Loss Spectroscopy in the Electron Microscope</i>, 3rd ed., Springer 2011,
 * doi:10.1007/978-1-4419-9583-4, §4.5: J_X(E) = N_e N_X dσ_X/dE(β, E) δ).
 * <p>
 * Columns, in order ({@code [m, nE]}, names in {@link GuidedDecomposer#COLUMNS}, the first
 * {@link GuidedDecomposer#ELEMENT_COLUMNS} of them elements):
 * <ul>
 * <li>per element, its edge chosen as {@code tessera map} chooses it ({@link EdgeMapping}: the named edge, else K on
 * the axis, else L2,3, else with optical cross sections M4,5), dσ/dE(E) δ in barn per atom per channel (δ the channel
 * width in eV) from the hydrogenic (Egerton SIGMAK3/SIGMAL3) or optical-limit (NIST FFAST) cross section with the
 * microscope's beam energy and convergence and collection semi-angles; zero below the onset;</li>
 * <li>per exponent r of {@code backgroundExponents}, the power law (E/E₁)^−r with E₁ the first channel's energy,
 * scaled to a unit sum: a non-negative combination of a few exponents spans the pre-edge backgrounds of
 * thin specimens (r ≈ 2–5, Egerton §4.4.2).</li>
 * </ul>
 * What it leaves out: plural scattering (the cross sections are single-scattering; for t/λ ≳ 0.5 deconvolve first,
 * {@code tessera.eels.fourier-ratio}), the near-edge fine structure (white lines, ELNES) that the hydrogenic and
 * optical cross sections do not have, and more than one edge per element.
 */
public final class EelsForwardModel {

    private EelsForwardModel() {
    }

    /**
     * Builds G for a core-loss spectrum, line scan or spectrum image.
     *
     * @param data                spectra {@code [nav..., nE]}, energy loss in eV, every channel above 0 eV
     * @param s                   the elements, edges, cross-section model and microscope (as {@link EdgeMapping}; the
     *                            window, background and model fields are not used)
     * @param backgroundExponents power-law exponents r of the background columns (each &gt; 0; may be empty)
     * @param source              the data's file name, for messages
     * @return G {@code [m, nE]} float64 (axes: {@code column}, the data's energy axis), metadata
     *         {@link GuidedDecomposer#COLUMNS} (element symbols, then {@code powerlaw_r<r>}),
     *         {@link GuidedDecomposer#ELEMENT_COLUMNS}, {@link GuidedDecomposer#INITIALISATION} {@code nnls} (the
     *         columns are nearly collinear, so clipped least squares would start W far off), {@code Signal.model_edges} (the edge of each element),
     *         {@code Signal.model_microscope} (beamKv, convergenceMrad, collectionMrad)
     * @throws IncompatibleDataException if the data have no single eV energy axis, a channel at or below 0 eV, the
     *                                   microscope parameters are missing, or an element has no usable edge on the axis
     * @throws IllegalArgumentException  for an unknown element, no elements, or an exponent that is not positive
     */
    public static Dataset build(Dataset data, EdgeMapping.Settings s, double[] backgroundExponents, String source) {
        if (s.elements().isEmpty()) {
            throw new IllegalArgumentException("the EELS forward model needs elements, e.g. B,N,Ti,O");
        }
        for (double r : backgroundExponents) {
            if (!(r > 0) || !Double.isFinite(r)) {
                throw new IllegalArgumentException("background exponent " + r + " is not positive");
            }
        }
        if (data.signalAxes().size() != 1) {
            throw new IncompatibleDataException(source + ": the EELS forward model needs one energy (signal) axis, has " + data.signalAxes().size());
        }
        Axis e = data.axis(data.rank() - 1);
        if (!"eV".equalsIgnoreCase(e.units().trim())) {
            throw new IncompatibleDataException(source + ": energy axis units are '" + e.units() + "', expected eV (an EELS spectrum)");
        }
        int ne = e.size();
        double[] energy = new double[ne];
        for (int i = 0; i < ne; i++) {
            energy[i] = e.value(i);
            if (!(energy[i] > 0)) {
                throw new IncompatibleDataException(source + ": channel " + i + " is at " + energy[i]
                        + " eV; the forward model needs a core-loss axis above 0 eV (crop the zero-loss and low-loss region first)");
            }
        }
        Microscope mic = EdgeMapping.microscope(data, s, source);
        List<EdgeMapping.MappedEdge> edges = EdgeMapping.choose(e, s, source);
        int nElem = edges.size();
        int m = nElem + backgroundExponents.length;
        double[] g = new double[m * ne];
        double delta = Math.abs(e.scale());
        List<String> names = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int j = 0; j < nElem; j++) {
            EdgeMapping.MappedEdge me = edges.get(j);
            double[] d = me.crossSection().differential(energy, mic);
            double sum = 0;
            for (int i = 0; i < ne; i++) {
                g[j * ne + i] = Math.max(d[i], 0) * delta;
                sum += g[j * ne + i];
            }
            if (!(sum > 0)) {
                throw new IncompatibleDataException(source + ": the " + me.label() + " cross section is zero on the energy axis " + e.value(0) + "–" + e.high() + " eV");
            }
            names.add(me.crossSection().element());
            labels.add(me.label());
        }
        for (int b = 0; b < backgroundExponents.length; b++) {
            double r = backgroundExponents[b];
            int c = nElem + b;
            double sum = 0;
            for (int i = 0; i < ne; i++) {
                g[c * ne + i] = Math.pow(energy[i] / energy[0], -r);
                sum += g[c * ne + i];
            }
            for (int i = 0; i < ne; i++) {
                g[c * ne + i] /= sum;
            }
            names.add(String.format(Locale.ROOT, "powerlaw_r%s", trim(r)));
        }
        Metadata md = new Metadata().title("EELS forward model");
        md.set(GuidedDecomposer.COLUMNS, List.copyOf(names));
        md.set(GuidedDecomposer.ELEMENT_COLUMNS, nElem);
        md.set(GuidedDecomposer.INITIALISATION, "nnls"); // edges after their onset decay like the power laws
        md.set("Signal.model_edges", List.copyOf(labels));
        java.util.Map<String, Object> angles = new java.util.LinkedHashMap<>();
        angles.put("beamKv", mic.beamKv());
        angles.put("convergenceMrad", mic.convergenceMrad());
        angles.put("collectionMrad", mic.collectionMrad());
        md.set("Signal.model_microscope", angles);
        return Dataset.ofDoubles(g, List.of(new Axis("column", m, 1, 0, "", true), e.withNavigate(false)), md);
    }

    private static String trim(double r) {
        return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
    }
}
