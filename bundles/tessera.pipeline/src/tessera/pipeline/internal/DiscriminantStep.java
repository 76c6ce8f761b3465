package tessera.pipeline.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.Discriminant;
import tessera.core.analysis.Parameters;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.StepContext;

/**
 * A {@link Discriminant} contribution (Fisher LDA) as a pipeline step: the features of {@link Features}
 * ({@code scores} or {@code data}) with class labels from exactly one of {@code clusters} (a clustering) or
 * {@code labelMap} (a dataset with the navigation shape; negative = unlabelled). Outputs {@code data}, the
 * projection {@code [nav..., m]} with the input's navigation axes, and {@code directions}, the discriminant
 * directions {@code [m, d]} on the feature axis (the energy axis for spectra, "component" for scores).
 */
public final class DiscriminantStep extends FeatureStep {
    private final Discriminant discriminant;
    private final String title;

    /**
     * @param discriminant the algorithm
     * @param title        the contribution's name, the title of the projection dataset
     */
    public DiscriminantStep(Discriminant discriminant, String title) {
        super(discriminant);
        this.discriminant = discriminant;
        this.title = title;
    }

    @Override
    public List<Port> inputs() {
        List<Port> l = new ArrayList<>(Features.ports());
        l.add(Port.optional("clusters", PortType.CLUSTERING, "class labels: a clustering of the same positions"));
        l.add(Port.optional("labelMap", PortType.DATASET, "class labels: a map with the navigation shape (negative = unlabelled)"));
        return l;
    }

    @Override
    public List<List<String>> exactlyOneOf() {
        List<List<String>> l = new ArrayList<>(Features.alternatives());
        l.add(List.of("clusters", "labelMap"));
        return l;
    }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("data", PortType.DATASET, "the projection [nav..., m] (float64), navigation axes of the input"),
                Port.of("directions", PortType.DATASET, "the discriminant directions [m, d] on the feature axis"));
    }

    @Override
    public Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters parameters) {
        Features f = Features.of(inputs, parameters);
        int n = f.x().length;
        int[] labels;
        if (inputs.get("clusters") instanceof ClusterResult c) {
            labels = c.labels();
        } else {
            labels = Features.labels((Dataset) inputs.get("labelMap"));
        }
        if (labels.length != n) {
            throw new IllegalArgumentException(labels.length + " labels for " + n + " positions: the labels must come from the same positions");
        }
        Discriminant.Projection pr = discriminant.fit(f.x(), labels, f.algorithmParameters(discriminant.parameters(), parameters), context.monitor());
        double[][] z = pr.transform(f.x());
        int m = pr.directions().length;
        int d = pr.mean().length;
        double[] flat = new double[n * m];
        for (int i = 0; i < n; i++) {
            System.arraycopy(z[i], 0, flat, i * m, m);
        }
        List<Axis> axes = new ArrayList<>(f.navigationAxes());
        axes.add(Axis.uncalibrated("discriminant", m, false));
        Metadata md = new Metadata();
        md.title(title);
        double[] dir = new double[m * d];
        for (int c = 0; c < m; c++) {
            System.arraycopy(pr.directions()[c], 0, dir, c * d, d);
        }
        Axis feature = inputs.get("data") instanceof Dataset data && data.signalAxes().size() == 1 ? data.signalAxes().get(0)
                : Axis.uncalibrated("component", d, false);
        Metadata dm = new Metadata();
        dm.title(title + " directions");
        return Map.of("data", Dataset.ofDoubles(flat, axes, md),
                "directions", Dataset.ofDoubles(dir, List.of(Axis.uncalibrated("discriminant", m, true), feature.withNavigate(false)), dm));
    }
}
