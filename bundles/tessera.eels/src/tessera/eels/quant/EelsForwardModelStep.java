package tessera.eels.quant;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import tessera.core.analysis.IncompatibleDataException;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.Preprocessor;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Dataset;
import tessera.eels.References;

/**
 * {@code tessera.eels.forward-model}: the EELS forward model G of {@link EelsForwardModel} for a core-loss spectrum,
 * line scan or spectrum image, for the physics-guided decomposition (SmoothNMF). The data pass through unchanged; the
 * extra output {@code model} is G {@code [m, nE]}.
 * <p>
 * Parameters: {@code elements} (comma list; null: the metadata's {@code Sample.elements}), {@code edges} (e.g.
 * {@code Ti_L3,O_K}; empty: each element's default edge as {@code tessera map}), {@code crossSection}
 * ({@code hydrogenic} | {@code optical}), {@code beamKv}, {@code convergenceMrad}, {@code collectionMrad} (null: the
 * file's metadata), {@code backgroundExponents} (comma list of power-law exponents r, default {@code 2,3,4,5}).
 */
public final class EelsForwardModelStep implements Preprocessor {

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.ofString("elements", null, "comma-separated elements of the composition (default: Sample.elements)"),
                ParameterSpec.ofString("edges", "", "edges, e.g. Ti_L3,O_K (L3 = L2,3, M5 = M4,5); empty: per element K if on the axis, else L2,3, else (optical) M4,5"),
                ParameterSpec.ofChoice("crossSection", "hydrogenic", List.of("hydrogenic", "optical"),
                        "hydrogenic (Egerton SIGMAK3/SIGMAL3: K and L2,3) or optical (optical limit, NIST FFAST: any edge)"),
                ParameterSpec.ofDouble("beamKv", null, 1e-3, null, "kV", "beam energy (default: file metadata)"),
                ParameterSpec.ofDouble("convergenceMrad", null, 0.0, null, "mrad", "convergence semi-angle (default: file metadata, else 0)"),
                ParameterSpec.ofDouble("collectionMrad", null, 1e-6, null, "mrad", "collection semi-angle (default: file metadata)"),
                ParameterSpec.ofString("backgroundExponents", "2,3,4,5", "power-law exponents r of the background columns (E/E1)^-r, comma separated"));
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(References.egerton("§4.4.2 (power-law background), §4.5 (single-scattering core-loss intensity)"),
                new LiteratureReference("H. Teurtrie et al., espm: a Python library for the simulation of STEM-EDXS datasets, Ultramicroscopy 249 (2023) 113719",
                        "10.1016/j.ultramic.2023.113719"));
    }

    @Override
    public List<String> extraOutputs() {
        return List.of("model");
    }

    /**
     * @throws IncompatibleDataException (the message starting with the file name) for the data problems of
     *                                   {@link EelsForwardModel#build}, no elements, an unknown element or a malformed
     *                                   exponent list
     */
    @Override
    public Result apply(Dataset data, Map<String, Dataset> auxiliary, Parameters p, ProgressMonitor monitor) {
        String source = IncompatibleDataException.source(data);
        try {
            List<String> elements = p.getString("elements") == null ? data.metadata().elements() : split(p.getString("elements"));
            if (elements.isEmpty()) {
                throw new IllegalArgumentException("no elements: give elements=B,N,... or set Sample.elements in the metadata");
            }
            EdgeMapping.Settings s = new EdgeMapping.Settings(elements, split(p.getString("edges")), p.getString("crossSection").equals("optical"), true, 50, 50, 5,
                    true, 0, opt(p, "beamKv"), opt(p, "convergenceMrad"), opt(p, "collectionMrad"));
            double[] r;
            try {
                r = split(p.getString("backgroundExponents")).stream().mapToDouble(Double::parseDouble).toArray();
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("backgroundExponents '" + p.getString("backgroundExponents") + "' is not a comma list of numbers, e.g. 2,3,4,5");
            }
            return new Result(data, Map.of("model", EelsForwardModel.build(data, s, r, source)));
        } catch (IncompatibleDataException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw IncompatibleDataException.of(data, e);
        }
    }

    private static List<String> split(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    private static double opt(Parameters p, String name) {
        return p.has(name) ? p.getDouble(name) : Double.NaN;
    }
}
