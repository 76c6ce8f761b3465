package tessera.pipeline;

import java.util.Objects;

/**
 * A named input or output of a {@link Step}.
 *
 * @param name        port name, a Java identifier, e.g. {@code "data"}; pipeline documents refer to an output as
 *                    {@code "<step name>.<port name>"}
 * @param type        kind of value
 * @param required    for an input: whether the step needs it (an optional input may be absent, e.g. when the
 *                    producing step did not run); for an output: whether the step always produces it
 * @param description one sentence for {@code tessera plugins} and the GUI
 */
public record Port(String name, PortType type, boolean required, String description) {
    /** @throws NullPointerException if name or type is null */
    public Port {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
    }

    /**
     * @param name        port name
     * @param type        kind of value
     * @param description one sentence
     * @return a required port
     */
    public static Port of(String name, PortType type, String description) {
        return new Port(name, type, true, description);
    }

    /**
     * @param name        port name
     * @param type        kind of value
     * @param description one sentence
     * @return an optional port (may be absent at run time)
     */
    public static Port optional(String name, PortType type, String description) {
        return new Port(name, type, false, description);
    }
}
