package tessera.core.analysis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated set of parameter values for one algorithm run: every declared
 * {@link ParameterSpec} has a value (given or default) of its type and in its range.
 * Immutable; {@link #values()} is what provenance records.
 */
public final class Parameters {
    private final Map<String, Object> values;

    private Parameters(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Validates raw values against specs and fills in defaults.
     *
     * @param specs the algorithm's parameters
     * @param raw   given values by name (String, Number, Boolean); may be empty
     * @return the parameters
     * @throws IllegalArgumentException for an unknown name, a value of the wrong type or out of range
     */
    public static Parameters of(List<ParameterSpec> specs, Map<String, ?> raw) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : raw.keySet()) {
            if (specs.stream().noneMatch(s -> s.name().equals(k))) {
                throw new IllegalArgumentException("unknown parameter '" + k + "'; known: "
                        + specs.stream().map(ParameterSpec::name).toList());
            }
        }
        for (ParameterSpec s : specs) {
            Object v = raw.get(s.name());
            out.put(s.name(), v == null ? s.defaultValue() : s.validate(v));
        }
        return new Parameters(out);
    }

    /** @return all values by name (null for an unset optional parameter), unmodifiable */
    public Map<String, Object> values() {
        return values;
    }

    /** @return true if {@code name} has a non-null value */
    public boolean has(String name) {
        return values.get(name) != null;
    }

    private Object require(String name) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("no parameter '" + name + "'");
        }
        return values.get(name);
    }

    /** @return the int value of {@code name} @throws NullPointerException if unset */
    public int getInt(String name) {
        return ((Number) require(name)).intValue();
    }

    /** @return the long value of {@code name} @throws NullPointerException if unset */
    public long getLong(String name) {
        return ((Number) require(name)).longValue();
    }

    /** @return the double value of {@code name} @throws NullPointerException if unset */
    public double getDouble(String name) {
        return ((Number) require(name)).doubleValue();
    }

    /** @return the boolean value of {@code name} @throws NullPointerException if unset */
    public boolean getBoolean(String name) {
        return (Boolean) require(name);
    }

    /** @return the string value of {@code name}, or null */
    public String getString(String name) {
        Object v = require(name);
        return v == null ? null : v.toString();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
