package tessera.pipeline.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tessera.core.analysis.Embedder;
import tessera.core.analysis.Parameters;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.StepContext;

/**
 * An {@link Embedder} contribution (e.g. UMAP) as a pipeline step: embeds the features of {@link Features}
 * ({@code scores} or {@code data}, after {@code preprocessing}) and returns the embedding as a dataset
 * {@code data} with the navigation axes of the input kept and one uncalibrated signal axis
 * {@code "embedding"} of size m, so a clusterer step can take it as its {@code data} input.
 */
public final class EmbedderStep extends FeatureStep {
    private final Embedder embedder;
    private final String title;

    /**
     * @param embedder the algorithm
     * @param title    the contribution's name, the title of the embedding dataset
     */
    public EmbedderStep(Embedder embedder, String title) {
        super(embedder);
        this.embedder = embedder;
        this.title = title;
    }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("data", PortType.DATASET, "the embedding [nav..., m] (float64), navigation axes of the input"));
    }

    @Override
    public Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters parameters) {
        Features f = Features.of(inputs, parameters);
        double[][] e = embedder.embed(f.x(), f.algorithmParameters(embedder.parameters(), parameters), context.monitor());
        int n = e.length;
        int m = n == 0 ? 0 : e[0].length;
        double[] flat = new double[n * m];
        for (int i = 0; i < n; i++) {
            System.arraycopy(e[i], 0, flat, i * m, m);
        }
        List<Axis> axes = new ArrayList<>(f.navigationAxes());
        axes.add(Axis.uncalibrated("embedding", m, false));
        Metadata md = new Metadata();
        md.title(title);
        return Map.of("data", Dataset.ofDoubles(flat, axes, md));
    }
}
