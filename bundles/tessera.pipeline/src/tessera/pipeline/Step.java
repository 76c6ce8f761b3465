package tessera.pipeline;

import java.util.List;
import java.util.Map;

import tessera.core.analysis.Algorithm;
import tessera.core.analysis.Parameters;

/**
 * One step of a pipeline: a function of its declared inputs and typed parameters (no hidden
 * state; a stochastic step declares a {@code Long} parameter named {@value #SEED}, which the
 * engine draws and records when the pipeline gives none). Contributed to the extension point
 * {@code tessera.pipeline.steps}; every decomposer and clusterer contribution is also a step
 * under its own id (see {@link StepCatalog}).
 */
public interface Step extends Algorithm {
    /** name of the seed parameter of stochastic steps */
    String SEED = "seed";

    /** @return the inputs, by port name */
    List<Port> inputs();

    /** @return the outputs, by port name */
    List<Port> outputs();

    /**
     * Groups of optional inputs of which exactly one must be connected (e.g. a clusterer's {@code scores} of a
     * decomposition or {@code data} of a dataset); the engine checks them before anything runs.
     *
     * @return the groups of input port names; empty by default
     */
    default List<List<String>> exactlyOneOf() {
        return List.of();
    }

    /**
     * Runs the step.
     *
     * @param context    registry, monitor, output directory, notes
     * @param inputs     input values by port name, of the ports' Java types; an absent optional input is not in the map
     * @param parameters validated parameters (every declared parameter has a value or null)
     * @return output values by port name (every required output present)
     * @throws Exception any failure; the engine records it as the step's error and runs no later step
     */
    Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters parameters) throws Exception;
}
