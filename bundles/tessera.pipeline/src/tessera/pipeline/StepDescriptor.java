package tessera.pipeline;

import java.util.List;

import tessera.core.analysis.ParameterSpec;

/**
 * An installed pipeline step: its stable id (used in pipeline documents and provenance), the
 * bundle that contributes it, and a fresh instance.
 *
 * @param id            extension id, e.g. {@code tessera.decompose.nmf}
 * @param name          human name
 * @param kind          where it comes from: {@code "steps"}, {@code "decomposers"} or {@code "clusterers"}
 * @param bundle        contributing bundle's symbolic name
 * @param bundleVersion contributing bundle's version
 * @param step          the step
 */
public record StepDescriptor(String id, String name, String kind, String bundle, String bundleVersion, Step step) {

    /**
     * @param parameterName a parameter name, e.g. {@code "components"}
     * @return the step's parameter spec of that name, or null if it declares none
     */
    public ParameterSpec parameter(String parameterName) {
        return step.parameters().stream().filter(p -> p.name().equals(parameterName)).findFirst().orElse(null);
    }

    /**
     * @param port an input port name, e.g. {@code "data"}
     * @return the input port of that name, or null
     */
    public Port input(String port) {
        return find(step.inputs(), port);
    }

    /**
     * @param port an output port name, e.g. {@code "result"}
     * @return the output port of that name, or null
     */
    public Port output(String port) {
        return find(step.outputs(), port);
    }

    /** @return true if the step declares a Long parameter {@value Step#SEED} */
    public boolean stochastic() {
        ParameterSpec s = parameter(Step.SEED);
        return s != null && s.type() == Long.class;
    }

    private static Port find(List<Port> ports, String name) {
        return ports.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }
}
