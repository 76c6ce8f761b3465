package tessera.pipeline.internal;

import java.util.List;
import java.util.Map;

import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.model.Dataset;
import tessera.pipeline.EnergyRange;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.Step;
import tessera.pipeline.StepContext;

/**
 * {@code tessera.pipeline.crop-signal}: keeps the channels of the signal (energy) axis between
 * {@code low} and {@code high}, in the axis' units, as HyperSpy's {@code isig[low:high]}; with
 * neither given the data pass unchanged.
 */
public final class CropSignalStep implements Step {
    /** step id */
    public static final String ID = "tessera.pipeline.crop-signal";

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(new ParameterSpec("low", Double.class, null, null, null, "signal axis units", "first energy kept (default: axis start)"),
                new ParameterSpec("high", Double.class, null, null, null, "signal axis units", "last energy kept (default: axis end)"));
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(new LiteratureReference("F. de la Peña et al., HyperSpy 1.7.3, signal indexing isig (Zenodo)", "10.5281/zenodo.7263263"));
    }

    @Override
    public List<Port> inputs() {
        return List.of(Port.of("data", PortType.DATASET, "dataset with one signal axis"));
    }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("data", PortType.DATASET, "the cropped dataset, calibration kept"));
    }

    @Override
    public Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters parameters) {
        Dataset d = (Dataset) inputs.get("data");
        if (!parameters.has("low") && !parameters.has("high")) {
            return Map.of("data", d);
        }
        double low = parameters.has("low") ? parameters.getDouble("low") : Double.NaN;
        double high = parameters.has("high") ? parameters.getDouble("high") : Double.NaN;
        if (low >= high) {
            throw new IllegalArgumentException("energy window low = " + low + " is not below high = " + high);
        }
        Dataset out = new EnergyRange(low, high).crop(d);
        var c = out.axis(out.rank() - 1);
        context.note(String.format("Energy window %.6g–%.6g %s (%d channels).", c.offset(), c.high(), c.units(), c.size()));
        return Map.of("data", out);
    }
}
