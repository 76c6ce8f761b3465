package tessera.io.hspy.internal;

import java.lang.reflect.Array;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.EnumDataType;

/**
 * Converts HyperSpy's hierarchical dictionary encoding (an HDF5 group whose attributes are
 * leaves and whose sub-groups are sub-dictionaries) into Java maps, the inverse of
 * HyperSpy's {@code dict2group}. The encoding rules follow HyperSpy 1.7's
 * {@code io_plugins/_hierarchical.py} ({@code _group2dict}) and the hspy specification
 * (https://hyperspy.org/rosettasciio/file_specification/hspy.html):
 * <ul>
 * <li>string {@code "_None_"} is Python {@code None} (stored here as a {@code null} value);</li>
 * <li>HDF5 enum booleans (h5py's {@code bool}) become {@link Boolean};</li>
 * <li>attribute {@code _list_empty_K} / {@code _tuple_empty_K}: an empty list under {@code K};</li>
 * <li>dataset {@code _list_K} / {@code _tuple_K}: a list under {@code K};</li>
 * <li>group {@code _list_N_K} / {@code _tuple_N_K}: a list of the group's entries, ordered by
 * their names as strings (HyperSpy sorts them so);</li>
 * <li>attribute {@code _datetime_date...} / {@code _datetime_time...}: an ISO date or time;</li>
 * <li>group {@code _sig_K} (a nested signal, e.g. a variance signal) and attribute
 * {@code _bs_K} (pickled bytes) are skipped;</li>
 * <li>group {@code _hspy_AxesManager_K}: the list of axis dictionaries under {@code K}.</li>
 * </ul>
 * Scalar numbers become {@link Long} or {@link Double}, numeric arrays {@code long[]} or
 * {@code double[]} (flattened), string arrays {@code List<String>}.
 */
public final class HdfTrees {
    /** metadata datasets above this many elements are not copied into the tree */
    static final long MAX_METADATA_ARRAY = 1 << 20;
    private static final Pattern INTS = Pattern.compile("-?\\d+");

    private HdfTrees() {
    }

    /**
     * Converts a group to a map.
     *
     * @param group    HDF5 group
     * @param problems receives one line per item that could not be read (skipped)
     * @return the map, insertion-ordered by name
     */
    static Map<String, Object> groupToMap(Group group, List<String> problems) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Attribute> attrs;
        try {
            attrs = new TreeMap<>(group.getAttributes());
        } catch (RuntimeException e) {
            problems.add(group.getPath() + ": attributes unreadable (" + e.getMessage() + ")");
            attrs = Map.of();
        }
        for (Map.Entry<String, Attribute> e : attrs.entrySet()) {
            String key = e.getKey();
            Object value;
            try {
                value = attributeValue(e.getValue());
            } catch (RuntimeException ex) {
                problems.add(group.getPath() + "@" + key + ": unreadable (" + ex.getMessage() + ")");
                continue;
            }
            if (key.startsWith("_sig_") || key.startsWith("_bs_")) {
                continue;
            } else if (key.startsWith("_list_empty_")) {
                out.put(key.substring("_list_empty_".length()), new ArrayList<>());
            } else if (key.startsWith("_tuple_empty_")) {
                out.put(key.substring("_tuple_empty_".length()), new ArrayList<>());
            } else if (key.startsWith("_datetime_date") || key.startsWith("_datetime_time")) {
                out.put(key.replace("_datetime_", ""), isoDateTime(String.valueOf(value), key.startsWith("_datetime_date")));
            } else {
                out.put(key, value);
            }
        }
        Map<String, Node> children;
        try {
            children = new TreeMap<>(group.getChildren());
        } catch (RuntimeException e) {
            problems.add(group.getPath() + ": children unreadable (" + e.getMessage() + ")");
            return out;
        }
        for (Map.Entry<String, Node> e : children.entrySet()) {
            String key = e.getKey();
            Node node = e.getValue();
            try {
                if (key.startsWith("_sig_")) {
                    continue;
                }
                if (node instanceof Dataset ds) {
                    Object v = datasetValue(ds);
                    if (v == null) {
                        problems.add(ds.getPath() + ": skipped (too large or unsupported type)");
                        continue;
                    }
                    if (key.startsWith("_list_")) {
                        out.put(key.substring(6), asList(v));
                    } else if (key.startsWith("_tuple_")) {
                        out.put(key.substring(7), asList(v));
                    } else {
                        out.put(key, v);
                    }
                } else if (node instanceof Group g) {
                    if (key.startsWith("_hspy_AxesManager_")) {
                        out.put(key.substring("_hspy_AxesManager_".length()), sortedValues(groupToMap(g, problems)));
                    } else if (key.startsWith("_list_") && key.indexOf('_', 6) > 0) {
                        out.put(key.substring(key.indexOf('_', 6) + 1), sortedValues(groupToMap(g, problems)));
                    } else if (key.startsWith("_tuple_") && key.indexOf('_', 7) > 0) {
                        out.put(key.substring(key.indexOf('_', 7) + 1), sortedValues(groupToMap(g, problems)));
                    } else {
                        out.put(key, groupToMap(g, problems));
                    }
                }
            } catch (RuntimeException ex) {
                problems.add(node.getPath() + ": unreadable (" + ex.getMessage() + ")");
            }
        }
        return out;
    }

    private static List<Object> sortedValues(Map<String, Object> m) {
        return new ArrayList<>(new TreeMap<>(m).values());
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object v) {
        List<Object> l = new ArrayList<>();
        if (v instanceof List<?> list) {
            l.addAll(list);
        } else if (v instanceof long[] a) {
            for (long x : a) {
                l.add(x);
            }
        } else if (v instanceof double[] a) {
            for (double x : a) {
                l.add(x);
            }
        } else {
            l.add(v);
        }
        return l;
    }

    /**
     * Value of one attribute, in HyperSpy's dictionary encoding.
     *
     * @param a attribute
     * @return Boolean, Long, Double, String, null (for {@code "_None_"}), long[], double[] or List of String
     */
    public static Object attributeValue(Attribute a) {
        return attributeValue(a, false);
    }

    /**
     * Value of one attribute.
     *
     * @param a     attribute
     * @param plain false: HyperSpy's dictionary encoding ({@code "_None_"} is null, byte arrays inside arrays are
     *              numbers); true: the value as h5py gives it ({@code "_None_"} stays, byte strings and byte buffers are
     *              decoded as UTF-8, null array elements stay null)
     * @return Boolean, Long, Double, String, null, long[], double[] or List of the scalar values
     */
    public static Object attributeValue(Attribute a, boolean plain) {
        Object d = a.getData();
        boolean isEnum = a.getDataType() instanceof EnumDataType;
        return convert(d, isEnum, plain);
    }

    private static Object convert(Object d, boolean isEnum, boolean plain) {
        if (d == null) {
            return null;
        }
        if (d.getClass().isArray()) {
            List<Object> flat = new ArrayList<>();
            flatten(d, flat, plain);
            return listToValue(flat, isEnum, plain);
        }
        return scalar(d, isEnum, plain);
    }

    private static Object scalar(Object d, boolean isEnum, boolean plain) {
        if (d instanceof String s) {
            if (isEnum && ("TRUE".equals(s) || "FALSE".equals(s))) {
                return Boolean.valueOf("TRUE".equals(s));
            }
            return !plain && "_None_".equals(s) ? null : s;
        }
        if (plain) {
            switch (d) {
                case null -> {
                    return null;
                }
                case byte[] b -> {
                    return new String(b, StandardCharsets.UTF_8);
                }
                case ByteBuffer b -> {
                    ByteBuffer c = b.duplicate();
                    byte[] bytes = new byte[c.remaining()];
                    c.get(bytes);
                    return new String(bytes, StandardCharsets.UTF_8);
                }
                default -> {
                }
            }
        }
        if (d instanceof Double || d instanceof Float) {
            return ((Number) d).doubleValue();
        }
        if (d instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : (Object) b.doubleValue();
        }
        if (d instanceof Number n) {
            return n.longValue();
        }
        if (d instanceof Boolean b) {
            return b;
        }
        return String.valueOf(d);
    }

    private static void flatten(Object arr, List<Object> out, boolean plain) {
        int n = Array.getLength(arr);
        for (int i = 0; i < n; i++) {
            Object v = Array.get(arr, i);
            if (v != null && v.getClass().isArray() && !(plain && v instanceof byte[])) {
                flatten(v, out, plain);
            } else {
                out.add(v);
            }
        }
    }

    private static Object listToValue(List<Object> flat, boolean isEnum, boolean plain) {
        boolean allInt = !flat.isEmpty();
        boolean allNum = !flat.isEmpty();
        for (Object o : flat) {
            if (!(o instanceof Number)) {
                allNum = false;
                allInt = false;
                break;
            }
            if (o instanceof Double || o instanceof Float) {
                allInt = false;
            }
        }
        if (allInt) {
            long[] a = new long[flat.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = ((Number) flat.get(i)).longValue();
            }
            return a;
        }
        if (allNum) {
            double[] a = new double[flat.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = ((Number) flat.get(i)).doubleValue();
            }
            return a;
        }
        List<Object> l = new ArrayList<>();
        for (Object o : flat) {
            l.add(scalar(o, isEnum, plain));
        }
        return l;
    }

    /**
     * Value of a small dataset inside a metadata group.
     *
     * @return the value, or null if too large
     */
    public static Object datasetValue(Dataset ds) {
        if (ds.getSize() > MAX_METADATA_ARRAY) {
            return null;
        }
        if (ds.isScalar()) {
            return convert(ds.getData(), ds.getDataType() instanceof EnumDataType, false);
        }
        Object flat;
        try {
            flat = ds.getDataFlat();
        } catch (RuntimeException e) {
            List<String> strings = ShuffledStrings.read(ds);
            if (strings == null) {
                throw e;
            }
            return strings;
        }
        if (flat instanceof Map<?, ?>) {
            return null; // compound (e.g. marker records): not representable
        }
        return convert(flat, ds.getDataType() instanceof EnumDataType, false);
    }

    private static String isoDateTime(String pyRepr, boolean date) {
        int p = pyRepr.indexOf('(');
        List<Integer> v = new ArrayList<>();
        if (p >= 0) {
            Matcher m = INTS.matcher(pyRepr.substring(p));
            while (m.find()) {
                v.add(Integer.parseInt(m.group()));
            }
        }
        if (date && v.size() >= 3) {
            return String.format("%04d-%02d-%02d", v.get(0), v.get(1), v.get(2));
        }
        if (!date && v.size() >= 2) {
            String s = String.format("%02d:%02d:%02d", v.get(0), v.get(1), v.size() > 2 ? v.get(2) : 0);
            return v.size() > 3 && v.get(3) != 0 ? s + String.format(".%06d", v.get(3)) : s;
        }
        return pyRepr;
    }
}
