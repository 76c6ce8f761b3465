package tessera.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.TreeMap;

/**
 * One step of a {@link PipelineDocument}.
 *
 * @param name       the step's name inside the pipeline (unique; later steps refer to its outputs as {@code name.port})
 * @param step       extension id of the step, e.g. {@code tessera.decompose.nmf}
 * @param inputs     input port name to the value feeding it
 * @param parameters parameter name to a literal value ({@link Integer}, {@link Long}, {@link Double}, {@link Boolean},
 *                   {@link String}) or to a {@link Ref} to a VALUE output of an earlier step
 * @param when       a {@link Ref} to a Boolean VALUE output: the step runs only when it is true (else it is
 *                   recorded as not run and its outputs are absent); null to always run
 */
public record StepSpec(String name, String step, Map<String, Ref> inputs, Map<String, Object> parameters, Ref when) {
    /**
     * Copies the maps, keeping the order of ordered maps ({@link SequencedMap}s such as {@link LinkedHashMap}) and
     * sorting the keys of unordered ones (such as {@link Map#of}, whose order changes from one JVM run to the next), so
     * that the same document always writes the same JSON and so the same plan digest; integer literals are held as
     * {@link Long}, as JSON has one integer type (parameters convert them to their declared type).
     *
     * @throws NullPointerException if name or step is null
     */
    public StepSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(step, "step");
        inputs = java.util.Collections.unmodifiableMap(ordered(inputs == null ? Map.of() : inputs));
        Map<String, Object> p = new LinkedHashMap<>();
        ordered(parameters == null ? Map.<String, Object>of() : parameters).forEach((k, v) -> p.put(k, v instanceof Integer i ? (Object) i.longValue() : v));
        parameters = java.util.Collections.unmodifiableMap(p);
    }

    /** @return the entries in the map's own order if it has one, else sorted by key */
    private static <V> Map<String, V> ordered(Map<String, V> m) {
        return m instanceof SequencedMap<String, V> ? new LinkedHashMap<>(m) : new LinkedHashMap<>(new TreeMap<>(m));
    }

    /**
     * @param name  parameter name
     * @param value its value
     * @return a copy of this step with the parameter set
     */
    public StepSpec withParameter(String name, Object value) {
        Map<String, Object> p = new LinkedHashMap<>(parameters);
        p.put(name, value);
        return new StepSpec(this.name, step, inputs, p, when);
    }
}
