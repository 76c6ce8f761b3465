package tessera.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;

/**
 * What the report says about the analysed dataset: title, dtype, axes with calibration
 * (array order, navigation first) and the key acquisition metadata.
 *
 * @param title       dataset title ({@code General.title}), may be ""
 * @param dtype       NumPy dtype name, e.g. {@code "float32"}
 * @param axes        axes in array order, navigation first (as {@link Dataset#axes()})
 * @param signalType  HyperSpy signal type string, e.g. {@code "EELS"}, {@code "EDS_TEM"}, or ""
 * @param keyMetadata display name to value with units, in display order, e.g.
 *                    {@code "Beam energy" -> "200 kV"}
 */
public record DatasetSummary(String title, String dtype, List<Axis> axes, String signalType, Map<String, String> keyMetadata) {

    /** Copies the lists; nulls become empty. */
    public DatasetSummary {
        title = title == null ? "" : title;
        dtype = dtype == null ? "" : dtype;
        axes = axes == null ? List.of() : List.copyOf(axes);
        signalType = signalType == null ? "" : signalType;
        keyMetadata = keyMetadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(keyMetadata));
    }

    /**
     * Summarises a dataset: title, dtype, axes, signal type and, where present, beam energy
     * (kV), convergence and collection semi-angles (mrad), EELS exposure and EDS live time (s),
     * sample elements and the signal quantity.
     *
     * @param data the analysed dataset
     * @return the summary
     */
    public static DatasetSummary of(Dataset data) {
        Metadata md = data.metadata();
        Map<String, String> km = new LinkedHashMap<>();
        Object st = md.get(Metadata.SIGNAL_TYPE);
        String signalType = st == null ? "" : st.toString();
        put(km, "Beam energy", md.beamEnergyKv(), "kV");
        put(km, "Convergence semi-angle", md.convergenceAngleMrad(), "mrad");
        put(km, "Collection semi-angle", md.collectionAngleMrad(), "mrad");
        put(km, "Exposure per spectrum", md.exposureS(), "s");
        put(km, "EDS live time", md.liveTimeS(), "s");
        if (!md.elements().isEmpty()) {
            km.put("Elements", String.join(", ", md.elements()));
        }
        Object q = md.get(Metadata.QUANTITY);
        if (q != null) {
            km.put("Quantity", q.toString());
        }
        return new DatasetSummary(md.title(), data.dtype().numpyName(), data.axes(), signalType, km);
    }

    private static void put(Map<String, String> km, String name, OptionalDouble v, String units) {
        if (v.isPresent()) {
            km.put(name, tessera.report.internal.ScaleBars.format(v.getAsDouble()) + " " + units);
        }
    }

    /** @return sizes of {@link #axes()}, array order */
    public int[] shape() {
        return axes.stream().mapToInt(Axis::size).toArray();
    }
}
