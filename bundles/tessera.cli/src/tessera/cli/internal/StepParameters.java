package tessera.cli.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** Step parameters from command-line options: an option the user did not give leaves the step's default. */
final class StepParameters {
    private final Map<String, Object> values = new LinkedHashMap<>();

    /**
     * @param name  the step parameter
     * @param value the option's value, or null when not given
     * @return this
     */
    StepParameters put(String name, Object value) {
        if (value != null) {
            values.put(name, value);
        }
        return this;
    }

    /** @return the parameters given, in order */
    Map<String, Object> map() {
        return values;
    }
}
