package tessera.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import tessera.core.model.Dataset;
import tessera.pipeline.internal.SignalKindStep;

/**
 * How scripts, the workbench and the CLI run a physics-guided decomposition ({@link tessera.core.analysis.GuidedDecomposer},
 * e.g. SmoothNMF) on a dataset: first the forward-model step of the data's kind ({@value #EDX} for EDX, {@value #EELS}
 * for EELS; {@code tessera.pipeline.signal-kind}'s rule), then the decomposition with inputs {@code data} and
 * {@code model}. The user's options are one map; {@link #split} sends each to the step that declares it.
 */
public final class ForwardModels {
    /** step id of the EDX forward model */
    public static final String EDX = "tessera.edx.forward-model";
    /** step id of the EELS forward model */
    public static final String EELS = "tessera.eels.forward-model";

    private ForwardModels() {
    }

    /**
     * @param step a step
     * @return true if it is a guided decomposition: inputs {@code data} and {@code model} (DATASET), output {@code result} (DECOMPOSITION)
     */
    public static boolean isGuided(Step step) {
        return step.inputs().stream().anyMatch(p -> p.name().equals("model") && p.type() == PortType.DATASET)
                && step.inputs().stream().anyMatch(p -> p.name().equals("data") && p.type() == PortType.DATASET)
                && step.outputs().stream().anyMatch(p -> p.name().equals("result") && p.type() == PortType.DECOMPOSITION);
    }

    /**
     * @param data a spectrum dataset
     * @return the id of the forward-model step for its kind
     * @throws tessera.core.analysis.IncompatibleDataException if it is neither EDX nor EELS
     */
    public static String stepFor(Dataset data) {
        return SignalKindStep.isEds(data) ? EDX : EELS;
    }

    /**
     * Splits options between the model step and the decomposition by the parameter names each declares.
     *
     * @param options    option name → value
     * @param model      the forward-model step
     * @param decomposer the guided decomposition step
     * @return {model parameters, decomposition parameters}
     * @throws IllegalArgumentException for an option neither declares (the message lists both sets)
     */
    public static List<Map<String, Object>> split(Map<String, ?> options, Step model, Step decomposer) {
        Set<String> m = model.parameters().stream().map(p -> p.name()).collect(Collectors.toSet());
        Set<String> d = decomposer.parameters().stream().map(p -> p.name()).collect(Collectors.toSet());
        Map<String, Object> mp = new LinkedHashMap<>();
        Map<String, Object> dp = new LinkedHashMap<>();
        options.forEach((k, v) -> {
            if (d.contains(k)) {
                dp.put(k, v);
            } else if (m.contains(k)) {
                mp.put(k, v);
            } else {
                throw new IllegalArgumentException("unknown parameter '" + k + "'; the forward model has " + m.stream().sorted().toList() + ", the decomposition "
                        + d.stream().sorted().toList());
            }
        });
        return List.of(mp, dp);
    }
}
