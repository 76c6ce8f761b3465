package tessera.script.api;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.graalvm.polyglot.Value;

/**
 * Keyword options of facade calls: a JavaScript object ({@code {algorithm: "NMF"}}) or a Python
 * dict (the preludes turn keyword arguments into one), converted to Java values, with HyperSpy's
 * snake_case names mapped onto Tessera's camelCase parameter names.
 */
final class Options {
    private Options() {
    }

    /**
     * @param v    a JS object, a Python dict, or null/undefined/None
     * @param call the facade call, for messages
     * @return name to Java value (Boolean, Long, Double, String, or null), in the given order
     * @throws IllegalArgumentException if {@code v} is not a map of options
     */
    static Map<String, Object> of(Value v, String call) {
        return of(v, call, java.util.Set.of());
    }

    /**
     * As {@link #of(Value, String)}, but an option {@code objectKey} whose value is a host object (a signal) is left
     * out (read it with {@link #hostObject}).
     *
     * @param v         options
     * @param call      the facade call, for messages
     * @param objectKey the option that may hold a host object, or null
     * @return name to Java value
     * @throws IllegalArgumentException if {@code v} is not a map of options
     */
    static Map<String, Object> of(Value v, String call, String objectKey) {
        return of(v, call, objectKey == null ? java.util.Set.of() : java.util.Set.of(objectKey));
    }

    /**
     * As {@link #of(Value, String, String)} with several options that may hold a host object.
     *
     * @param v          options
     * @param call       the facade call, for messages
     * @param objectKeys the options that may hold a host object
     * @return name to Java value
     * @throws IllegalArgumentException if {@code v} is not a map of options
     */
    static Map<String, Object> of(Value v, String call, java.util.Set<String> objectKeys) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return m;
        }
        if (v.hasHashEntries()) {
            Value it = v.getHashKeysIterator();
            while (it.hasIteratorNextElement()) {
                Value k = it.getIteratorNextElement();
                Value val = v.getHashValue(k);
                if (!(objectKeys.contains(k.asString()) && val.isHostObject())) {
                    m.put(k.asString(), plain(val, call));
                }
            }
            return m;
        }
        if (v.hasMembers() && !v.isHostObject() && !v.canExecute()) {
            for (String k : v.getMemberKeys()) {
                Value val = v.getMember(k);
                if (!(objectKeys.contains(k) && val.isHostObject())) {
                    m.put(k, plain(val, call));
                }
            }
            return m;
        }
        throw new IllegalArgumentException(call + ": options must be given as an object {name: value} (JavaScript) or keyword arguments (Python), not " + v);
    }

    /**
     * @param v    options (a JS object or Python dict), or null
     * @param key  option name
     * @param type the expected host type
     * @return the option's value if it is a host object of {@code type}, else null
     */
    static <T> T hostObject(Value v, String key, Class<T> type) {
        if (v == null || v.isNull()) {
            return null;
        }
        Value val = null;
        if (v.hasHashEntries()) {
            val = v.getHashValue(key);
        } else if (v.hasMembers() && !v.isHostObject() && v.hasMember(key)) {
            val = v.getMember(key);
        }
        if (val != null && val.isHostObject() && type.isInstance(val.asHostObject())) {
            return type.cast(val.asHostObject());
        }
        return null;
    }

    /**
     * @param v    a guest value
     * @param call the facade call, for messages
     * @return the Java value: Boolean, Long (integral numbers), Double, String, or null
     * @throws IllegalArgumentException for other kinds of value
     */
    static Object plain(Value v, String call) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isNumber()) {
            if (v.fitsInLong()) {
                return v.asLong();
            }
            return v.asDouble();
        }
        if (v.isString()) {
            return v.asString();
        }
        throw new IllegalArgumentException(call + ": option value " + v + " is not a number, a Boolean or a string");
    }

    /**
     * Maps a HyperSpy-style option name onto a Tessera parameter name: a known alias, or snake_case
     * turned into camelCase ({@code normalize_poissonian_noise} becomes {@code normalizePoissonianNoise}).
     *
     * @param name    the name the script used
     * @param aliases HyperSpy name to Tessera name
     * @return the parameter name
     */
    static String parameterName(String name, Map<String, String> aliases) {
        String a = aliases.get(name);
        if (a != null) {
            return a;
        }
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                up = sb.length() > 0;
            } else {
                sb.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return sb.toString();
    }

    /**
     * @param v a guest value naming an axis (name or index) or null
     * @return its text form ({@code "2"}, {@code "-1"}, {@code "Energy"}), or null
     */
    static String axis(Value v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber() && v.fitsInInt()) {
            return Integer.toString(v.asInt());
        }
        if (v.isString()) {
            return v.asString();
        }
        throw new IllegalArgumentException("axis must be an axis name or an index, not " + v);
    }

    /** @return lower-case text */
    static String lower(Object o) {
        return o == null ? null : o.toString().toLowerCase(Locale.ROOT);
    }
}
