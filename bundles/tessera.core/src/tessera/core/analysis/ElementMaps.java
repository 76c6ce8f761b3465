package tessera.core.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;

/**
 * A stack of n element maps {@code [n, nav...]} (EELS edge maps, EDX X-ray line intensities, compositions): a
 * navigation axis {@code map} followed by the data's navigation axes, float64, with the map labels (e.g.
 * {@code Cu_L3}, {@code Fe_Ka}, {@code Fe}) under {@link #LABELS} and the values' units under
 * {@link Metadata#QUANTITY}. This is how mapping steps pass their maps to the next step (quantification, the report)
 * and how the report reads what they did: the keys below hold the windows, ratios and markers as plain lists and
 * maps, so they reach the provenance record and the report unchanged.
 */
public final class ElementMaps {
    /** metadata key of the map labels (a {@code List<String>}, one per map) */
    public static final String LABELS = "Signal.map_labels";
    /** metadata key of a one-line description of the method (String) */
    public static final String METHOD = "Signal.map_method";
    /** metadata key of the per-map windows and parameters (a {@code List<Map<String,Object>>}, one per map) */
    public static final String WINDOWS = "Signal.map_windows";
    /** metadata key of plot markers for the sum spectrum (a {@code Map<String,Double>}: label → energy in the axis' units) */
    public static final String MARKERS = "Signal.map_markers";
    /** metadata key of the quantification of the whole file (a {@code List<Map<String,Object>>}: ratios, compositions) */
    public static final String SUMMARY = "Signal.map_summary";
    /** metadata key of the instrument parameters used (a {@code Map<String,Object>}) */
    public static final String INSTRUMENT = "Signal.map_instrument";

    private ElementMaps() {
    }

    /**
     * Stacks maps.
     *
     * @param maps   the maps, each with the same shape {@code [nav...]} (a single spectrum's map is {@code [1]})
     * @param labels one label per map
     * @param units  the values' units (e.g. {@code counts}, {@code at.%})
     * @param source a dataset whose navigation axes the maps have (their calibration is copied), or null to keep the
     *               first map's axes
     * @return {@code [n, nav...]} float64 with {@link #LABELS} and {@link Metadata#QUANTITY} set
     * @throws IllegalArgumentException if the lists are empty or of different lengths, or the shapes differ
     */
    public static Dataset stack(List<Dataset> maps, List<String> labels, String units, Dataset source) {
        if (maps.isEmpty() || maps.size() != labels.size()) {
            throw new IllegalArgumentException("need one label per map, got " + maps.size() + " maps and " + labels.size() + " labels");
        }
        long n = maps.get(0).size();
        double[] v = new double[Math.toIntExact(n * maps.size())];
        for (int i = 0; i < maps.size(); i++) {
            if (maps.get(i).size() != n) {
                throw new IllegalArgumentException("map '" + labels.get(i) + "' has " + maps.get(i).size() + " values, map '" + labels.get(0) + "' " + n);
            }
            System.arraycopy(maps.get(i).toDoubleArray(), 0, v, Math.toIntExact(i * n), Math.toIntExact(n));
        }
        List<Axis> axes = new ArrayList<>();
        axes.add(Axis.uncalibrated("map", maps.size(), true));
        List<Axis> nav = source != null && source.navigationSize() == n && !source.navigationAxes().isEmpty() ? source.navigationAxes() : maps.get(0).axes();
        for (Axis a : nav) {
            axes.add(a.navigate() ? a : new Axis(a.name(), a.size(), a.scale(), a.offset(), a.units(), true));
        }
        Metadata md = new Metadata();
        md.title(String.join(", ", labels));
        md.set(LABELS, List.copyOf(labels));
        md.set(Metadata.QUANTITY, units);
        return Dataset.ofDoubles(v, axes, md);
    }

    /**
     * @param stack a stack made by {@link #stack}
     * @return its labels
     * @throws IllegalArgumentException if it has none or their number differs from the stack's first axis
     */
    public static List<String> labels(Dataset stack) {
        if (!(stack.metadata().get(LABELS) instanceof List<?> l) || l.size() != stack.shape()[0]) {
            throw new IllegalArgumentException("'" + stack.metadata().title() + "' is not a stack of labelled maps (" + LABELS + ")");
        }
        return l.stream().map(String::valueOf).toList();
    }

    /**
     * One map of a stack.
     *
     * @param stack a stack made by {@link #stack}
     * @param i     index, 0 ≤ i &lt; n
     * @return the map {@code [nav...]} (float64), titled with its label, the stack's units kept
     */
    public static Dataset map(Dataset stack, int i) {
        List<String> labels = labels(stack);
        int m = Math.toIntExact(stack.size() / labels.size());
        double[] all = stack.toDoubleArray();
        double[] v = new double[m];
        System.arraycopy(all, i * m, v, 0, m);
        Metadata md = new Metadata();
        md.title(labels.get(i));
        md.set(Metadata.QUANTITY, stack.metadata().get(Metadata.QUANTITY));
        List<Axis> axes = stack.axes().subList(1, stack.rank());
        return Dataset.ofDoubles(v, axes, md);
    }

    /**
     * @param stack a stack made by {@link #stack}
     * @return the per-map sums over finite values, by label (insertion order)
     */
    public static Map<String, Double> sums(Dataset stack) {
        List<String> labels = labels(stack);
        int m = Math.toIntExact(stack.size() / labels.size());
        double[] all = stack.toDoubleArray();
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            double s = 0;
            for (int q = i * m; q < (i + 1) * m; q++) {
                if (Double.isFinite(all[q])) {
                    s += all[q];
                }
            }
            out.put(labels.get(i), s);
        }
        return out;
    }
}
