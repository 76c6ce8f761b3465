package tessera.pipeline.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.model.DType;
import tessera.core.model.Dataset;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.Step;
import tessera.pipeline.StepContext;

/**
 * {@code tessera.pipeline.count-data}: decides whether Poisson-noise normalisation (Keenan and
 * Kotula 2004) applies, and whether the data are non-negative (NMF needs it). With
 * {@code poisson = "auto"} the normalisation is on for integer (count) data without negative values.
 */
public final class CountDataStep implements Step {
    /** step id */
    public static final String ID = "tessera.pipeline.count-data";

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.ofString("poisson", "auto", "Poisson-noise normalisation: auto (on for integer counts), on or off"));
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(new LiteratureReference("M. R. Keenan, P. G. Kotula, Accounting for Poisson noise in the multivariate analysis of ToF-SIMS spectrum images, "
                + "Surf. Interface Anal. 36 (2004) 203-212", "10.1002/sia.1657"));
    }

    @Override
    public List<Port> inputs() {
        return List.of(Port.of("data", PortType.DATASET, "the data to be decomposed"));
    }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("poisson", PortType.VALUE, "Boolean: apply Poisson-noise normalisation"),
                Port.of("nonNegative", PortType.VALUE, "Boolean: no value is negative (NMF can run)"));
    }

    @Override
    public Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters parameters) {
        Dataset d = (Dataset) inputs.get("data");
        boolean nonNegative = !hasNegative(d);
        boolean poisson = switch (parameters.getString("poisson").toLowerCase(Locale.ROOT)) {
            case "auto" -> nonNegative && isInteger(d);
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw new IllegalArgumentException("parameter 'poisson' must be auto, on or off, not '" + parameters.getString("poisson") + "'");
        };
        context.note(poisson ? "Poisson-noise normalisation (Keenan & Kotula 2004) applied to PCA and NMF."
                : "No Poisson-noise normalisation (data are not non-negative counts, or it was switched off).");
        if (!nonNegative) {
            context.note("NMF skipped: the data have negative values (NMF needs non-negative data; crop the energy range or remove the offset).");
        }
        return Map.of("poisson", poisson, "nonNegative", nonNegative);
    }

    private static boolean isInteger(Dataset d) {
        return !d.dtype().isFloating() && d.dtype() != DType.BOOL;
    }

    /**
     * @param d dataset
     * @return true if any value is negative
     */
    static boolean hasNegative(Dataset d) {
        int sig = d.signalSize();
        float[] row = new float[sig];
        for (long p = 0; p < d.navigationSize(); p++) {
            d.readSpectra(p, 1, row, 0);
            for (float v : row) {
                if (v < 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
