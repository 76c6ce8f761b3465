package tessera.core.analysis;

import java.util.Objects;

/**
 * Description of one typed algorithm parameter: what the CLI, scripts, the GUI form and
 * provenance records all read (after DAWN's {@code @OperationModelField(min, max, unit)}).
 *
 * @param name         identifier, camelCase, e.g. {@code "components"}
 * @param type         value type: {@code Integer}, {@code Long}, {@code Double}, {@code Boolean}, {@code String}
 * @param defaultValue default, of {@code type}; null means "required" (or "auto" when documented so)
 * @param min          inclusive lower bound for numbers, or null
 * @param max          inclusive upper bound for numbers, or null
 * @param units        units of the value, e.g. "eV", "" when dimensionless
 * @param description  one sentence
 */
public record ParameterSpec(String name, Class<?> type, Object defaultValue, Number min, Number max, String units, String description) {

    /** @throws IllegalArgumentException if the default is not of {@code type} or out of range */
    public ParameterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        units = units == null ? "" : units;
        if (defaultValue != null) {
            // fields are not assigned yet inside a compact constructor: validate on a temporary spec
            defaultValue = new ParameterSpec(name, type, null, min, max, units, description).validate(defaultValue);
        }
    }

    /** An integer parameter. */
    public static ParameterSpec ofInt(String name, Integer def, Integer min, Integer max, String description) {
        return new ParameterSpec(name, Integer.class, def, min, max, "", description);
    }

    /** A long parameter (seeds). */
    public static ParameterSpec ofLong(String name, Long def, String description) {
        return new ParameterSpec(name, Long.class, def, null, null, "", description);
    }

    /** A double parameter with units. */
    public static ParameterSpec ofDouble(String name, Double def, Double min, Double max, String units, String description) {
        return new ParameterSpec(name, Double.class, def, min, max, units, description);
    }

    /** A boolean parameter. */
    public static ParameterSpec ofBoolean(String name, boolean def, String description) {
        return new ParameterSpec(name, Boolean.class, def, null, null, "", description);
    }

    /** A string parameter. */
    public static ParameterSpec ofString(String name, String def, String description) {
        return new ParameterSpec(name, String.class, def, null, null, "", description);
    }

    /**
     * Converts and checks a value for this parameter: strings are parsed, integral
     * numbers widen, ranges are enforced.
     *
     * @param value raw value (String, Number or Boolean)
     * @return the value as {@code type}
     * @throws IllegalArgumentException naming the parameter if it cannot be converted or is out of range
     */
    public Object validate(Object value) {
        Object v = convert(value);
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (min != null && d < min.doubleValue() || max != null && d > max.doubleValue()) {
                throw new IllegalArgumentException("parameter '" + name + "' = " + v + " is outside [" + (min == null ? "-inf" : min) + ", "
                        + (max == null ? "inf" : max) + "]" + (units.isEmpty() ? "" : " " + units));
            }
            if (type == Double.class && !Double.isFinite(d)) {
                throw new IllegalArgumentException("parameter '" + name + "' is not finite");
            }
        }
        return v;
    }

    private Object convert(Object value) {
        try {
            if (type.isInstance(value)) {
                return value;
            }
            if (type == Integer.class) {
                if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
                    return Math.toIntExact(n.longValue());
                }
                return Integer.valueOf(value.toString().trim());
            }
            if (type == Long.class) {
                if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
                    return n.longValue();
                }
                return Long.valueOf(value.toString().trim());
            }
            if (type == Double.class) {
                if (value instanceof Number n) {
                    return n.doubleValue();
                }
                return Double.valueOf(value.toString().trim());
            }
            if (type == Boolean.class) {
                String s = value.toString().trim().toLowerCase(java.util.Locale.ROOT);
                if (s.equals("true") || s.equals("false")) {
                    return Boolean.valueOf(s);
                }
            }
            if (type == String.class) {
                return value.toString();
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("parameter '" + name + "': cannot read '" + value + "' as " + type.getSimpleName(), e);
        }
        throw new IllegalArgumentException("parameter '" + name + "': cannot read '" + value + "' as " + type.getSimpleName());
    }
}
