package tessera.ui.tests;

import java.util.List;
import java.util.Map;

import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.analysis.SourceSeparator;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;

/**
 * A test double of a {@link SourceSeparator} (contributed by this fragment's {@code fragment.xml} as
 * {@code tessera.ui.tests.reverse}): the first {@code components} components of the decomposition in reverse order,
 * the unmixing matrix the exchange matrix. Its output is known exactly, so the tests can check what the workbench
 * passed to a separation and shows of it.
 */
public final class ReverseSeparator implements SourceSeparator {
    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.ofInt("components", 2, 2, null, "number of leading components kept, reversed"));
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of();
    }

    @Override
    public DecompositionResult separate(DecompositionResult d, Parameters params, ProgressMonitor monitor) {
        int n = params.getInt("components");
        if (n > d.components()) {
            throw new IllegalArgumentException("components = " + n + " exceeds the decomposition's " + d.components());
        }
        return new DecompositionResult("tessera.ui.tests.reverse", reversed(d.factors(), n), reversed(d.loadings(), n), null, params,
                Map.of(DecompositionResult.UNMIXING_MATRIX, exchange(n)));
    }

    private static Dataset reversed(Dataset d, int n) {
        int m = Math.toIntExact(d.size() / d.axis(0).size());
        double[] v = new double[n * m];
        for (int c = 0; c < n; c++) {
            for (int j = 0; j < m; j++) {
                v[c * m + j] = d.getDouble((long) (n - 1 - c) * m + j);
            }
        }
        List<Axis> axes = new java.util.ArrayList<>(d.axes());
        axes.set(0, Axis.uncalibrated("component", n, true));
        return Dataset.ofDoubles(v, axes, new Metadata());
    }

    private static Dataset exchange(int n) {
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) {
            v[i * n + n - 1 - i] = 1;
        }
        return Dataset.ofDoubles(v, List.of(Axis.uncalibrated("component", n, true), Axis.uncalibrated("component", n, false)), new Metadata());
    }
}
