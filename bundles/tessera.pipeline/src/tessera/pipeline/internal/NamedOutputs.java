package tessera.pipeline.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tessera.core.io.DatasetWriter;
import tessera.core.model.Dataset;
import tessera.pipeline.StepContext;

/**
 * The named dataset outputs of a result record ({@code DynamicsResult}, {@code AtomResult}) as a report step receives
 * them: the names every result has and those it has when computed, collected in order and written as
 * {@code <snake_case name>.npy} into the step's output directory.
 */
final class NamedOutputs {
    private NamedOutputs() {
    }

    /**
     * Collects and writes the outputs.
     *
     * @param context   the step's context (output directory, writers)
     * @param inputs    the step's inputs
     * @param always    the names always present
     * @param whenAsked the names present when computed
     * @return name → dataset, in order
     * @throws IOException if a file cannot be written
     */
    static Map<String, Dataset> write(StepContext context, Map<String, Object> inputs, List<String> always, List<String> whenAsked) throws IOException {
        Path st = context.outputDirectory();
        DatasetWriter npy = context.registry().formats().writerFor(st.resolve("x.npy"));
        Map<String, Dataset> d = new LinkedHashMap<>();
        for (String n : always) {
            d.put(n, (Dataset) inputs.get(n));
        }
        for (String n : whenAsked) {
            if (inputs.get(n) instanceof Dataset x) {
                d.put(n, x);
            }
        }
        for (Map.Entry<String, Dataset> e : d.entrySet()) {
            npy.write(e.getValue(), st.resolve(snake(e.getKey()) + ".npy"));
        }
        return d;
    }

    /** {@code transitionMatrixLow95} → {@code transition_matrix_low95} */
    static String snake(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
