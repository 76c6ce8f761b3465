package tessera.io.hspy.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Moves metadata written by old HyperSpy file format versions to the places where HyperSpy
 * 1.7 (file format 3.1) keeps it, following the migration rules of HyperSpy 1.7's
 * {@code io_plugins/_hierarchical.py} ({@code group2signaldict}):
 * <ul>
 * <li>version &lt; 1.1: {@code signal} to {@code Signal.signal_type}, {@code name} to
 * {@code General.title};</li>
 * <li>version &lt; 1.2: {@code _internal_parameters} to {@code _HyperSpy};
 * {@code TEM}/{@code SEM} to {@code Acquisition_instrument.TEM}/{@code SEM}; their
 * {@code EELS}/{@code EDS} to {@code Detector.EELS}/{@code Detector.EDS};
 * {@code title, date, time, original_filename} to {@code General};
 * {@code record_by, signal_origin, signal_type} to {@code Signal};
 * {@code Variance_estimation} to {@code Noise_properties.Variance_linear_model};</li>
 * <li>version &lt; 3.0: {@code tilt_stage} to {@code Stage.tilt_alpha};
 * {@code exposure}/{@code exposure_time} of TEM to {@code Detector.Camera.exposure}.</li>
 * </ul>
 * One deliberate difference: for version &lt; 1.2 HyperSpy 1.7 replaces
 * {@code TEM.Detector} by the old {@code TEM.EELS} dictionary itself (so the collection
 * angle lands at {@code TEM.Detector.collection_angle}); Tessera puts it at
 * {@code TEM.Detector.EELS}, the documented place ({@code Metadata.COLLECTION_ANGLE}).
 */
final class LegacyMetadata {
    private LegacyMetadata() {
    }

    /**
     * Migrates in place.
     *
     * @param md    the {@code metadata} tree as read
     * @param major format major version
     * @param minor format minor version
     */
    static void migrate(Map<String, Object> md, int major, int minor) {
        int v = major * 100 + minor;
        if (v < 101) {
            if (md.containsKey("signal")) {
                move(md, "signal", sub(md, "Signal"), "signal_type");
            }
            if (md.containsKey("name")) {
                move(md, "name", sub(md, "General"), "title");
            }
        }
        if (v < 102) {
            if (md.get("_internal_parameters") instanceof Map<?, ?>) {
                Map<String, Object> hs = map(md.remove("_internal_parameters"));
                move(hs, "stacking_history", hs, "Stacking_history");
                move(hs, "folding", hs, "Folding");
                md.put("_HyperSpy", hs);
            }
            if (md.get("Variance_estimation") != null) {
                move(md, "Variance_estimation", sub(md, "Noise_properties"), "Variance_linear_model");
            }
            if (md.get("TEM") instanceof Map<?, ?>) {
                Map<String, Object> tem = map(md.remove("TEM"));
                sub(md, "Acquisition_instrument").put("TEM", tem);
                if (tem.get("EELS") instanceof Map<?, ?>) {
                    Map<String, Object> eels = map(tem.remove("EELS"));
                    for (String k : new String[] {"dwell_time", "dwell_time_units", "exposure", "exposure_units"}) {
                        move(tem, k, eels, k);
                    }
                    sub(tem, "Detector").put("EELS", eels);
                }
                if (tem.get("EDS") instanceof Map<?, ?>) {
                    sub(tem, "Detector").put("EDS", tem.remove("EDS"));
                }
            }
            if (md.get("SEM") instanceof Map<?, ?>) {
                Map<String, Object> sem = map(md.remove("SEM"));
                sub(md, "Acquisition_instrument").put("SEM", sem);
                if (sem.get("EDS") instanceof Map<?, ?>) {
                    sub(sem, "Detector").put("EDS", sem.remove("EDS"));
                }
            }
            if (md.get("Sample") instanceof Map<?, ?> s && s.containsKey("Xray_lines")) {
                Map<String, Object> sample = map(s);
                move(sample, "Xray_lines", sample, "xray_lines");
            }
            for (String k : new String[] {"title", "date", "time", "original_filename"}) {
                if (md.containsKey(k)) {
                    move(md, k, sub(md, "General"), k);
                }
            }
            for (String k : new String[] {"record_by", "signal_origin", "signal_type"}) {
                if (md.containsKey(k)) {
                    move(md, k, sub(md, "Signal"), k);
                }
            }
        }
        if (v < 300 && md.get("Acquisition_instrument") instanceof Map<?, ?> ai) {
            Map<String, Object> acq = map(ai);
            if (acq.get("TEM") instanceof Map<?, ?> t) {
                Map<String, Object> tem = map(t);
                if (tem.containsKey("tilt_stage")) {
                    sub(tem, "Stage").put("tilt_alpha", tem.remove("tilt_stage"));
                }
                String exposure = tem.containsKey("exposure_time") ? "exposure_time" : tem.containsKey("exposure") ? "exposure" : null;
                if (exposure != null) {
                    sub(sub(tem, "Detector"), "Camera").put("exposure", tem.remove(exposure));
                    tem.remove("exposure");
                }
            }
            if (acq.get("SEM") instanceof Map<?, ?> s) {
                Map<String, Object> sem = map(s);
                if (sem.containsKey("tilt_stage")) {
                    sub(sem, "Stage").put("tilt_alpha", sem.remove("tilt_stage"));
                }
            }
        }
    }

    private static void move(Map<String, Object> from, String key, Map<String, Object> to, String newKey) {
        if (from.containsKey(key)) {
            to.put(newKey, from.remove(key));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private static Map<String, Object> sub(Map<String, Object> m, String key) {
        Object o = m.get(key);
        if (o instanceof Map<?, ?>) {
            return map(o);
        }
        Map<String, Object> n = new LinkedHashMap<>();
        m.put(key, n);
        return n;
    }
}
