package tessera.pipeline.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.Step;
import tessera.pipeline.StepContext;

/**
 * {@code tessera.pipeline.reduce}: sum or mean of a dataset over one axis, or over all its
 * navigation or all its signal axes, as HyperSpy's {@code Signal.sum(axis)} / {@code mean(axis)}
 * (HyperSpy 1.7.3, doi:10.5281/zenodo.7263263). The result is float64 with the reduced axes
 * removed and the other axes' calibration kept; when no signal axis is left, the navigation axes
 * become signal axes (the summed intensity of a spectrum image is an image), as in HyperSpy.
 * Values are accumulated in double precision in a fixed order, so results are reproducible.
 */
public final class ReduceStep implements Step {
    /** step id */
    public static final String ID = "tessera.pipeline.reduce";

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.ofString("operation", "sum", "sum or mean"),
                ParameterSpec.ofString("axis", "navigation",
                        "axis to reduce: its name (e.g. \"Energy\"), its index in array order (negative counts from the end), "
                                + "\"navigation\" (all navigation axes) or \"signal\" (all signal axes)"));
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(new LiteratureReference("F. de la Peña et al., HyperSpy 1.7.3, Signal.sum / Signal.mean (Zenodo)", "10.5281/zenodo.7263263"));
    }

    @Override
    public List<Port> inputs() {
        return List.of(Port.of("data", PortType.DATASET, "any dataset"));
    }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("data", PortType.DATASET, "the reduced dataset (float64), calibration of the remaining axes kept"));
    }

    @Override
    public Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters parameters) {
        Dataset d = (Dataset) inputs.get("data");
        String op = parameters.getString("operation").trim().toLowerCase(Locale.ROOT);
        if (!op.equals("sum") && !op.equals("mean")) {
            throw new IllegalArgumentException("parameter 'operation' must be sum or mean, not '" + parameters.getString("operation") + "'");
        }
        int[] range = axisRange(d, parameters.getString("axis"));
        return Map.of("data", reduce(d, range[0], range[1], op.equals("mean")));
    }

    /**
     * Resolves an axis description to a block of consecutive axes.
     *
     * @param d    the dataset
     * @param spec axis name, index, "navigation" or "signal"
     * @return {@code {first, end}} (end exclusive)
     * @throws IllegalArgumentException if no axis matches or the block is empty
     */
    static int[] axisRange(Dataset d, String spec) {
        String s = spec == null ? "" : spec.trim();
        int nav = d.navigationDimension();
        if (s.isEmpty() || s.equalsIgnoreCase("navigation")) {
            if (nav == 0) {
                throw new IllegalArgumentException(d + " has no navigation axis to reduce; name an axis");
            }
            return new int[] { 0, nav };
        }
        if (s.equalsIgnoreCase("signal")) {
            if (nav == d.rank()) {
                throw new IllegalArgumentException(d + " has no signal axis to reduce; name an axis");
            }
            return new int[] { nav, d.rank() };
        }
        if (s.matches("-?\\d+")) {
            int i = Integer.parseInt(s);
            int j = i < 0 ? d.rank() + i : i;
            if (j < 0 || j >= d.rank()) {
                throw new IllegalArgumentException("axis " + i + " is out of range for " + d.rank() + " axes");
            }
            return new int[] { j, j + 1 };
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < d.rank(); i++) {
            names.add(d.axis(i).name());
            if (d.axis(i).name().equalsIgnoreCase(s)) {
                return new int[] { i, i + 1 };
            }
        }
        throw new IllegalArgumentException("no axis named '" + s + "'; axes: " + names);
    }

    /**
     * Sums (or averages) over the consecutive axes {@code [first, end)}.
     *
     * @param d     the dataset, shape {@code [..., n_first .. n_end-1, ...]}
     * @param first first reduced axis
     * @param end   one past the last reduced axis
     * @param mean  divide by the number of reduced elements
     * @return float64 dataset without those axes
     */
    static Dataset reduce(Dataset d, int first, int end, boolean mean) {
        long outer = 1;
        long n = 1;
        long inner = 1;
        for (int i = 0; i < d.rank(); i++) {
            long s = d.axis(i).size();
            if (i < first) {
                outer *= s;
            } else if (i < end) {
                n *= s;
            } else {
                inner *= s;
            }
        }
        double[] out = new double[Math.toIntExact(outer * inner)];
        for (long o = 0; o < outer; o++) {
            for (long j = 0; j < n; j++) {
                long base = (o * n + j) * inner;
                int ob = (int) (o * inner);
                for (long i = 0; i < inner; i++) {
                    out[ob + (int) i] += d.getDouble(base + i);
                }
            }
        }
        if (mean) {
            for (int i = 0; i < out.length; i++) {
                out[i] /= n;
            }
        }
        List<Axis> axes = new ArrayList<>();
        for (int i = 0; i < d.rank(); i++) {
            if (i < first || i >= end) {
                axes.add(d.axis(i));
            }
        }
        if (axes.stream().allMatch(Axis::navigate)) {
            axes.replaceAll(a -> a.withNavigate(false));
        }
        if (axes.isEmpty()) {
            axes.add(Axis.uncalibrated("value", 1, false));
        }
        var md = d.metadata().copy();
        return Dataset.ofDoubles(out, axes, md);
    }
}
