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
 * @param choices      for a {@code String} parameter: the allowed values (an enumeration such as a linkage or a
 *                     covariance type), in display order; empty when any string is allowed
 */
public record ParameterSpec(String name, Class<?> type, Object defaultValue, Number min, Number max, String units, String description,
        java.util.List<String> choices) {

    /** @throws IllegalArgumentException if the default is not of {@code type}, out of range or not one of the choices */
    public ParameterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        units = units == null ? "" : units;
        choices = choices == null ? java.util.List.of() : java.util.List.copyOf(choices);
        if (!choices.isEmpty() && type != String.class) {
            throw new IllegalArgumentException("parameter '" + name + "': choices are for String parameters");
        }
        if (defaultValue != null) {
            // fields are not assigned yet inside a compact constructor: validate on a temporary spec
            defaultValue = new ParameterSpec(name, type, null, min, max, units, description, choices).validate(defaultValue);
        }
    }

    /**
     * A parameter without choices.
     *
     * @see #ParameterSpec(String, Class, Object, Number, Number, String, String, java.util.List)
     */
    public ParameterSpec(String name, Class<?> type, Object defaultValue, Number min, Number max, String units, String description) {
        this(name, type, defaultValue, min, max, units, description, java.util.List.of());
    }

    /**
     * A string parameter that takes one of a fixed set of values.
     *
     * @param name        identifier
     * @param def         default, one of {@code choices}
     * @param choices     allowed values, in display order
     * @param description one sentence
     * @return the spec
     */
    public static ParameterSpec ofChoice(String name, String def, java.util.List<String> choices, String description) {
        return new ParameterSpec(name, String.class, def, null, null, "", description, choices);
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
        if (v instanceof String str && !choices.isEmpty() && !choices.contains(str)) {
            throw new IllegalArgumentException("parameter '" + name + "' = '" + str + "' is not one of " + String.join(", ", choices));
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
