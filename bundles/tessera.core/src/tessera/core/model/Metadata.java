package tessera.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Metadata of a {@link Dataset}: HyperSpy's two trees, {@code metadata} (standardised
 * keys) and {@code original_metadata} (everything the file said, as read), with typed
 * accessors for the quantities an analysis needs.
 *
 * <p>Trees are nested {@code Map<String,Object>} whose leaves are {@code String},
 * {@code Number}, {@code Boolean}, {@code double[]}/{@code long[]} arrays or lists. Paths
 * use dots, e.g. {@code "Acquisition_instrument.TEM.beam_energy"}, exactly as in
 * HyperSpy's metadata structure (hyperspy.readthedocs.io, "Metadata structure"), so a file
 * written by Tessera carries the same keys HyperSpy 1.7 expects.
 *
 * <p>Units of the typed accessors: beam energy kV, convergence and collection
 * semi-angles mrad, exposure and live time s, dispersion eV per channel (EELS) or keV
 * per channel (EDX, as the energy axis).
 *
 * <p>Not thread-safe; {@link #copy()} before sharing a mutable instance.
 */
public final class Metadata {
    /** HyperSpy path of the title */
    public static final String TITLE = "General.title";
    /** HyperSpy path of the signal type */
    public static final String SIGNAL_TYPE = "Signal.signal_type";
    /** HyperSpy path of the quantity (e.g. "Intensity", "X-rays (Counts)") */
    public static final String QUANTITY = "Signal.quantity";
    /** beam energy in kV (TEM) */
    public static final String BEAM_ENERGY = "Acquisition_instrument.TEM.beam_energy";
    /** convergence semi-angle in mrad */
    public static final String CONVERGENCE_ANGLE = "Acquisition_instrument.TEM.convergence_angle";
    /** EELS collection semi-angle in mrad */
    public static final String COLLECTION_ANGLE = "Acquisition_instrument.TEM.Detector.EELS.collection_angle";
    /** EELS exposure per spectrum in s */
    public static final String EELS_EXPOSURE = "Acquisition_instrument.TEM.Detector.EELS.exposure";
    /** EELS dispersion in eV/channel as set on the spectrometer */
    public static final String EELS_DISPERSION = "Acquisition_instrument.TEM.Detector.EELS.dispersion";
    /** EDS live time in s */
    public static final String EDS_LIVE_TIME = "Acquisition_instrument.TEM.Detector.EDS.live_time";
    /** EDS real time in s */
    public static final String EDS_REAL_TIME = "Acquisition_instrument.TEM.Detector.EDS.real_time";
    /** list of elements in the sample */
    public static final String ELEMENTS = "Sample.elements";

    private final Map<String, Object> tree;
    private final Map<String, Object> original;

    /** Creates empty metadata. */
    public Metadata() {
        this(new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    /**
     * Wraps existing trees (not copied).
     *
     * @param tree     HyperSpy-style {@code metadata} tree
     * @param original {@code original_metadata} tree
     */
    public Metadata(Map<String, Object> tree, Map<String, Object> original) {
        this.tree = tree;
        this.original = original;
    }

    /** @return the live {@code metadata} tree */
    public Map<String, Object> tree() {
        return tree;
    }

    /** @return the live {@code original_metadata} tree */
    public Map<String, Object> original() {
        return original;
    }

    /** @return a deep copy of both trees */
    public Metadata copy() {
        return new Metadata(deepCopy(tree), deepCopy(original));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> m) {
        Map<String, Object> c = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Map<?, ?> sub) {
                v = deepCopy((Map<String, Object>) sub);
            } else if (v instanceof List<?> l) {
                v = new ArrayList<>(l);
            } else if (v instanceof double[] d) {
                v = d.clone();
            } else if (v instanceof long[] d) {
                v = d.clone();
            }
            c.put(e.getKey(), v);
        }
        return c;
    }

    /**
     * Reads a value at a dotted path in {@code root}.
     *
     * @param root tree
     * @param path dotted path
     * @return the value or null when any part of the path is absent
     */
    @SuppressWarnings("unchecked")
    public static Object get(Map<String, Object> root, String path) {
        Object cur = root;
        for (String part : path.split("\\.")) {
            if (!(cur instanceof Map<?, ?> m)) {
                return null;
            }
            cur = ((Map<String, Object>) m).get(part);
        }
        return cur;
    }

    /**
     * Sets a value at a dotted path in {@code root}, creating intermediate nodes. A null
     * value removes the leaf.
     *
     * @param root  tree
     * @param path  dotted path
     * @param value leaf value
     */
    @SuppressWarnings("unchecked")
    public static void put(Map<String, Object> root, String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> cur = root;
        for (int i = 0; i < parts.length - 1; i++) {
            Object next = cur.get(parts[i]);
            if (!(next instanceof Map<?, ?>)) {
                if (value == null) {
                    return;
                }
                next = new LinkedHashMap<String, Object>();
                cur.put(parts[i], next);
            }
            cur = (Map<String, Object>) next;
        }
        if (value == null) {
            cur.remove(parts[parts.length - 1]);
        } else {
            cur.put(parts[parts.length - 1], value);
        }
    }

    /** @return value at a dotted path of the {@code metadata} tree, or null */
    public Object get(String path) {
        return get(tree, path);
    }

    /** Sets a value at a dotted path of the {@code metadata} tree (null removes it). */
    public Metadata set(String path, Object value) {
        put(tree, path, value);
        return this;
    }

    /** @return the numeric value at {@code path}, or empty if absent or not a number */
    public OptionalDouble number(String path) {
        Object v = get(path);
        if (v instanceof Number n) {
            return OptionalDouble.of(n.doubleValue());
        }
        if (v instanceof String s) {
            try {
                return OptionalDouble.of(Double.parseDouble(s.trim()));
            } catch (NumberFormatException e) {
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.empty();
    }

    /** @return the title, or "" */
    public String title() {
        Object t = get(TITLE);
        return t == null ? "" : t.toString();
    }

    /** Sets the title. */
    public Metadata title(String title) {
        return set(TITLE, title);
    }

    /** @return the signal type parsed from {@code Signal.signal_type} */
    public SignalType signalType() {
        Object t = get(SIGNAL_TYPE);
        return SignalType.parse(t == null ? null : t.toString());
    }

    /** Sets {@code Signal.signal_type}. */
    public Metadata signalType(SignalType type) {
        return set(SIGNAL_TYPE, type.hyperspyName().isEmpty() ? null : type.hyperspyName());
    }

    /** @return beam energy in kV (TEM, else SEM path) */
    public OptionalDouble beamEnergyKv() {
        OptionalDouble v = number(BEAM_ENERGY);
        return v.isPresent() ? v : number("Acquisition_instrument.SEM.beam_energy");
    }

    /** @return convergence semi-angle α in mrad */
    public OptionalDouble convergenceAngleMrad() {
        return number(CONVERGENCE_ANGLE);
    }

    /** @return EELS collection semi-angle β in mrad */
    public OptionalDouble collectionAngleMrad() {
        return number(COLLECTION_ANGLE);
    }

    /** @return EELS exposure time per spectrum in s */
    public OptionalDouble exposureS() {
        return number(EELS_EXPOSURE);
    }

    /** @return EDS live time in s (TEM, else SEM path) */
    public OptionalDouble liveTimeS() {
        OptionalDouble v = number(EDS_LIVE_TIME);
        return v.isPresent() ? v : number("Acquisition_instrument.SEM.Detector.EDS.live_time");
    }

    /** @return the sample elements, possibly empty, never null */
    public List<String> elements() {
        Object v = get(ELEMENTS);
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            l.forEach(o -> out.add(String.valueOf(o)));
        } else if (v instanceof String[] a) {
            out.addAll(List.of(a));
        }
        return Collections.unmodifiableList(out);
    }
}
