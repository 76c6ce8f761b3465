package tessera.eels.quant;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tessera.core.analysis.ElementMaps;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.Preprocessor;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.eels.References;

/**
 * {@code tessera.eels.edge-maps}: {@link EdgeMapping} as a pipeline step, the EELS half of {@code tessera map}. The
 * spectra pass through unchanged; extra outputs: {@code intensities} and {@code sigma}, stacks of the edge maps and
 * their standard deviations ({@link ElementMaps}: {@code [n, nav...]}, labels such as {@code Cu_L3}, units counts or
 * the model's), with the windows, cross sections, ratios, areal densities, microscope and sum-spectrum markers in the
 * metadata of {@code intensities}; and {@code spectrum}, the sum spectrum followed by each edge's fitted power law
 * {@code [1 + n, nE]} (integral method; the sum alone for the model) for the report's plot.
 * <p>
 * Optional auxiliary input {@code lowLoss} (ZLP at 0 eV; one spectrum or one per position): areal densities.
 */
public final class EdgeMapsStep implements Preprocessor {

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.ofString("elements", null, "elements, comma separated, e.g. Cu,Zn (required), or auto: those identified by the auxiliary input 'identified' that have an edge on the axis"),
                ParameterSpec.ofString("edges", "", "edges, e.g. Cu_L3,O_K,La_M5 (L3 = L2,3, M5 = M4,5); empty: per element K if on the axis, else L2,3, else (optical) M4,5"),
                ParameterSpec.ofChoice("crossSection", "hydrogenic", List.of("hydrogenic", "optical"), "hydrogenic (Egerton SIGMAK3/SIGMAL3: K and L2,3) or optical (optical limit, NIST FFAST: any edge)"),
                ParameterSpec.ofChoice("method", "integral", List.of("integral", "model"), "integral (power law + window sum) or model (NNLS fit of power laws and cross sections)"),
                ParameterSpec.ofDouble("windowEv", 50.0, 1e-3, null, "eV", "integration width above each onset"),
                ParameterSpec.ofDouble("backgroundEv", 50.0, 1e-3, null, "eV", "pre-edge background window width"),
                ParameterSpec.ofDouble("gapEv", 5.0, 0.0, null, "eV", "gap between the background window and the onset"),
                ParameterSpec.ofChoice("background", "two-area", List.of("two-area", "log-ls"), "integral method's power-law fit"),
                ParameterSpec.ofDouble("fineStructureEv", 20.0, 0.0, null, "eV", "model: left out from each onset to its deepest onset (L2, M4) plus this width"),
                ParameterSpec.ofDouble("beamKv", null, 1e-3, null, "kV", "beam energy (default: file metadata)"),
                ParameterSpec.ofDouble("convergenceMrad", null, 0.0, null, "mrad", "convergence semi-angle (default: file metadata, else 0)"),
                ParameterSpec.ofDouble("collectionMrad", null, 1e-6, null, "mrad", "collection semi-angle (default: file metadata)"));
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(References.egerton("§4.4–4.5 (background, integration, ratios, absolute quantification)"), References.hyperspy("EELSSpectrum, EELSModel"));
    }

    @Override
    public List<String> auxiliaryInputs() {
        return List.of("lowLoss", "identified");
    }

    @Override
    public List<String> extraOutputs() {
        return List.of("intensities", "sigma", "spectrum");
    }

    /**
     * The elements of {@code elements=auto}: those an element-identification step found (Annys et al., Sci. Rep. 13
     * (2023) 13724, Fig. 7: identification drives the model-based map) that have a major edge on the energy axis which
     * the cross-section model covers (hydrogenic: K and L2,3 only; optical: any).
     */
    private static List<String> identified(Dataset data, Dataset identified, boolean optical) {
        if (identified == null) {
            throw new IllegalArgumentException("elements=auto needs the element identification as the auxiliary input 'identified' (tessera map --elements auto)");
        }
        Object found = identified.metadata().get(tessera.core.analysis.Classification.PREDICTED_KEY);
        Axis e = data.axis(data.rank() - 1);
        double lo = Math.min(e.value(0), e.high()), hi = Math.max(e.value(0), e.high());
        List<String> out = new ArrayList<>();
        if (found instanceof List<?> l) {
            for (Object o : l) {
                try {
                    if (tessera.eels.EdgeTable.standard().of(String.valueOf(o), lo, hi).stream()
                            .anyMatch(ed -> ed.major() && (optical || ed.subshell().startsWith("K") || ed.subshell().startsWith("L")))) {
                        out.add(String.valueOf(o));
                    }
                } catch (IllegalArgumentException unknown) {
                    // not an element of the edge table
                }
            }
        }
        if (out.isEmpty()) {
            throw new tessera.core.analysis.IncompatibleDataException(tessera.core.analysis.IncompatibleDataException.source(data)
                    + ": no identified element (" + found + ") has a major edge on the energy axis that the " + (optical ? "optical" : "hydrogenic (K, L2,3)")
                    + " cross sections cover; give --elements" + (optical ? "" : " or --cross-section optical"));
        }
        return out;
    }

    /** @throws IllegalArgumentException (an {@link tessera.core.analysis.IncompatibleDataException} for data problems) as {@link EdgeMapping#map} */
    @Override
    public Result apply(Dataset data, Map<String, Dataset> auxiliary, Parameters p, ProgressMonitor monitor) {
        if (!p.has("elements") || p.getString("elements").isBlank()) {
            throw new IllegalArgumentException("edge maps need 'elements', e.g. Cu,Zn");
        }
        List<String> elements = "auto".equalsIgnoreCase(p.getString("elements").trim())
                ? identified(data, auxiliary.get("identified"), p.getString("crossSection").equals("optical"))
                : split(p.getString("elements"));
        EdgeMapping.Settings s = new EdgeMapping.Settings(elements, split(p.getString("edges")), p.getString("crossSection").equals("optical"),
                p.getString("method").equals("model"), p.getDouble("windowEv"), p.getDouble("backgroundEv"), p.getDouble("gapEv"), p.getString("background").equals("two-area"),
                p.getDouble("fineStructureEv"), opt(p, "beamKv"), opt(p, "convergenceMrad"), opt(p, "collectionMrad"));
        String source = tessera.core.analysis.IncompatibleDataException.source(data);
        EdgeMapping.Result r = EdgeMapping.map(data, auxiliary.get("lowLoss"), s, source);
        Axis e = data.axis(data.rank() - 1);
        Dataset intensities = ElementMaps.stack(r.maps(), r.labels(), r.units(), data);
        Metadata md = intensities.metadata();
        md.set(ElementMaps.METHOD, EdgeMapping.describe(r, s, e));
        List<Object> windows = new ArrayList<>();
        for (int j = 0; j < r.edges().size(); j++) {
            EdgeMapping.MappedEdge c = r.edges().get(j);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", c.label());
            m.put("onsetEv", c.crossSection().onsetEv());
            m.put("crossSection", c.crossSection().getClass().getSimpleName());
            m.put("crossSectionModel", p.getString("crossSection"));
            if (!s.model()) {
                m.put("backgroundEv", List.of(c.window().backgroundLowEv(), c.window().backgroundHighEv()));
                m.put("signalEv", List.of(c.window().signalLowEv(), c.window().signalHighEv()));
                m.put("sigmaBarn", r.sigmaBarn()[j]);
            }
            windows.add(m);
        }
        md.set(ElementMaps.WINDOWS, windows);
        List<Object> summary = new ArrayList<>();
        for (Quantification.Ratio q : r.ratios()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("numerator", q.numerator());
            m.put("denominator", q.denominator());
            m.put("ratio", q.value());
            m.put("sigma", q.sigma());
            summary.add(m);
        }
        md.set(ElementMaps.SUMMARY, summary);
        if (!r.arealPerNm2().isEmpty()) {
            md.set("Signal.map_areal_density_per_nm2", new LinkedHashMap<>(r.arealPerNm2()));
        }
        Map<String, Object> mic = new LinkedHashMap<>();
        mic.put("beamKv", r.microscope().beamKv());
        mic.put("convergenceMrad", r.microscope().convergenceMrad());
        mic.put("collectionMrad", r.microscope().collectionMrad());
        md.set(ElementMaps.INSTRUMENT, mic);
        md.set(ElementMaps.MARKERS, new LinkedHashMap<>(EdgeMapping.markers(r, e)));
        Dataset sigma = ElementMaps.stack(r.sigmas(), r.labels(), r.units(), data);
        return new Result(data, Map.of("intensities", intensities, "sigma", sigma, "spectrum", spectrum(data, e, r, s)));
    }

    /** The sum spectrum and, for the integral method, each edge's power law: {@code [1 + n, nE]}, curve names in {@link ElementMaps#LABELS}. */
    private static Dataset spectrum(Dataset data, Axis e, EdgeMapping.Result r, EdgeMapping.Settings s) {
        int n = e.size();
        double[] sum = new double[n];
        double[] row = new double[n];
        for (long i = 0; i < data.navigationSize(); i++) {
            data.readDoubles(i * n, n, row, 0);
            for (int c = 0; c < n; c++) {
                sum[c] += row[c];
            }
        }
        List<double[]> curves = new ArrayList<>();
        List<String> names = new ArrayList<>();
        curves.add(sum);
        names.add("sum of " + data.navigationSize() + " spectra");
        if (!s.model()) {
            List<double[]> b = EdgeMapping.backgroundCurves(sum, e, r, s.twoArea());
            for (int j = 0; j < b.size(); j++) {
                curves.add(b.get(j));
                names.add(r.labels().get(j) + " background");
            }
        }
        double[] flat = new double[curves.size() * n];
        for (int j = 0; j < curves.size(); j++) {
            System.arraycopy(curves.get(j), 0, flat, j * n, n);
        }
        Metadata md = new Metadata();
        md.title("sum spectrum and backgrounds");
        md.set(ElementMaps.LABELS, names);
        md.set(Metadata.QUANTITY, "counts");
        return Dataset.ofDoubles(flat, List.of(Axis.uncalibrated("curve", curves.size(), true), e), md);
    }

    private static List<String> split(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    private static double opt(Parameters p, String name) {
        return p.has(name) ? p.getDouble(name) : Double.NaN;
    }
}
