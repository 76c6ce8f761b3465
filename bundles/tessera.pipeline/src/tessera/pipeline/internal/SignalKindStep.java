package tessera.pipeline.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import tessera.core.analysis.IncompatibleDataException;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.model.Dataset;
import tessera.core.model.SignalType;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.Step;
import tessera.pipeline.StepContext;

/**
 * {@code tessera.pipeline.signal-kind}: whether a spectrum dataset is EDX (X-ray energies, keV) or EELS (energy loss,
 * eV), so that one pipeline (e.g. {@code tessera map}) runs the EDX or the EELS branch by the steps' {@code when}
 * conditions. The rule: HyperSpy's {@code Signal.signal_type} ({@code EDS_TEM}/{@code EDS_SEM} or {@code EELS}) when
 * the file sets it, else the energy axis' units ({@code keV} → EDX, {@code eV} → EELS).
 */
public final class SignalKindStep implements Step {
    /** step id */
    public static final String ID = "tessera.pipeline.signal-kind";

    @Override
    public List<ParameterSpec> parameters() {
        return List.of();
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of();
    }

    @Override
    public List<Port> inputs() {
        return List.of(Port.of("data", PortType.DATASET, "a spectrum, line scan or spectrum image"));
    }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("eds", PortType.VALUE, "Boolean: an EDX (EDS) spectrum, energy in keV"),
                Port.of("eels", PortType.VALUE, "Boolean: an EELS spectrum, energy loss in eV"));
    }

    /** @throws IncompatibleDataException if the dataset is neither (no signal axis, other units, another signal type) */
    @Override
    public Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters parameters) {
        Dataset d = (Dataset) inputs.get("data");
        boolean eds = isEds(d);
        return Map.of("eds", eds, "eels", !eds);
    }

    /**
     * @param d a dataset
     * @return true for EDX, false for EELS
     * @throws IncompatibleDataException if it is neither
     */
    public static boolean isEds(Dataset d) {
        Object name = d.metadata().get("General.original_filename");
        String source = name != null ? String.valueOf(name) : d.metadata().title();
        if (d.signalAxes().size() != 1) {
            throw new IncompatibleDataException(source + ": needs one energy (signal) axis, has " + d.signalAxes().size());
        }
        SignalType t = d.metadata().signalType();
        String units = d.axis(d.rank() - 1).units().trim().toLowerCase(Locale.ROOT);
        if (t.isEds()) {
            return true;
        }
        if (t == SignalType.EELS) {
            return false;
        }
        return switch (units) {
            case "kev" -> true;
            case "ev" -> false;
            default -> throw new IncompatibleDataException(source + ": signal type '" + t.hyperspyName() + "' and energy axis units '" + d.axis(d.rank() - 1).units()
                    + "': neither an EDX (keV) nor an EELS (eV) spectrum");
        };
    }
}
