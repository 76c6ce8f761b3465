package tessera.pipeline.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.Preprocessor;
import tessera.core.model.Dataset;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.Step;
import tessera.pipeline.StepContext;

/**
 * A {@link Preprocessor} contribution as a pipeline step: input {@code data} (DATASET) plus one DATASET input per
 * auxiliary input of the operation (required or optional as it declares), output {@code data} (DATASET) plus one
 * DATASET output per extra output (e.g. {@code shifts}, {@code thickness}).
 */
public final class PreprocessorStep implements Step {
    private final Preprocessor preprocessor;

    /** @param preprocessor the operation */
    public PreprocessorStep(Preprocessor preprocessor) {
        this.preprocessor = preprocessor;
    }

    @Override
    public List<ParameterSpec> parameters() {
        return preprocessor.parameters();
    }

    @Override
    public List<LiteratureReference> references() {
        return preprocessor.references();
    }

    @Override
    public List<Port> inputs() {
        List<Port> ports = new ArrayList<>();
        ports.add(Port.of("data", PortType.DATASET, "spectrum [nE], line scan [n, nE] or spectrum image [ny, nx, nE]"));
        for (String a : preprocessor.auxiliaryInputs()) {
            boolean required = preprocessor.requiredAuxiliaryInputs().contains(a);
            ports.add(new Port(a, PortType.DATASET, required, "auxiliary spectra '" + a + "'"));
        }
        return ports;
    }

    @Override
    public List<Port> outputs() {
        List<Port> ports = new ArrayList<>();
        ports.add(Port.of("data", PortType.DATASET, "the processed data, calibration kept"));
        for (String e : preprocessor.extraOutputs()) {
            ports.add(Port.of(e, PortType.DATASET, "per-pixel '" + e + "' [nav...]"));
        }
        return ports;
    }

    @Override
    public Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters parameters) {
        Map<String, Dataset> aux = new LinkedHashMap<>();
        for (String a : preprocessor.auxiliaryInputs()) {
            if (inputs.get(a) instanceof Dataset d) {
                aux.put(a, d);
            }
        }
        Preprocessor.Result r = preprocessor.apply((Dataset) inputs.get("data"), aux, parameters, context.monitor());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("data", r.data());
        out.putAll(r.extras());
        return out;
    }
}
