package tessera.eels.quant;

import java.util.List;
import java.util.Map;

import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.Preprocessor;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Dataset;
import tessera.eels.References;

/**
 * {@code tessera.eels.elemental-map}: {@link ElementalMap} as a preprocessor step, so that pipelines and scripts map
 * an edge the way {@code tessera map --method integral} does. The spectra pass through unchanged; the extra outputs
 * are {@code intensity} (background-subtracted integral in counts) and {@code sigma} (its standard deviation in
 * counts), each shaped [nav...] ([1] for one spectrum).
 * <p>
 * Parameters: {@code label} (the edge's name, e.g. {@code Cu_L3}, used in titles), {@code backgroundLow},
 * {@code backgroundHigh}, {@code signalLow}, {@code signalHigh} (eV, see {@link IntegrationWindow}), {@code method}
 * ({@code two-area} | {@code log-ls}).
 */
public final class ElementalMapStep implements Preprocessor {

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.ofString("label", "edge", "edge name for titles, e.g. Cu_L3"),
                new ParameterSpec("backgroundLow", Double.class, null, 0.0, null, "eV", "start of the pre-edge fit window (required)"),
                new ParameterSpec("backgroundHigh", Double.class, null, 0.0, null, "eV", "end of the pre-edge fit window (required)"),
                new ParameterSpec("signalLow", Double.class, null, null, null, "eV", "start of the integration window (required)"),
                new ParameterSpec("signalHigh", Double.class, null, null, null, "eV", "end of the integration window (required)"),
                ParameterSpec.ofString("method", "two-area", "two-area | log-ls"));
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(References.egerton("§4.4.2 and §4.5 (background fitting, integration, statistical error)"), References.hyperspy("remove_background, integrate1D"));
    }

    @Override
    public List<String> extraOutputs() {
        return List.of("intensity", "sigma");
    }

    /**
     * @throws IllegalArgumentException if a window parameter is missing or invalid, or the method is unknown
     */
    @Override
    public Result apply(Dataset data, Map<String, Dataset> auxiliary, Parameters p, ProgressMonitor monitor) {
        for (String k : List.of("backgroundLow", "backgroundHigh", "signalLow", "signalHigh")) {
            if (!p.has(k)) {
                throw new IllegalArgumentException("elemental map needs '" + k + "' (eV)");
            }
        }
        String method = p.getString("method");
        if (!method.equals("two-area") && !method.equals("log-ls")) {
            throw new IllegalArgumentException("method must be 'two-area' or 'log-ls', got '" + method + "'");
        }
        IntegrationWindow w = new IntegrationWindow(p.getDouble("backgroundLow"), p.getDouble("backgroundHigh"), p.getDouble("signalLow"), p.getDouble("signalHigh"));
        ElementalMap m = ElementalMap.integrate(data, p.getString("label"), w, method.equals("two-area"));
        return new Result(data, Map.of("intensity", m.intensity(), "sigma", m.sigma()));
    }
}
