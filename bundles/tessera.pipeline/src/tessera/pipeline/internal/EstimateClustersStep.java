package tessera.pipeline.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tessera.cluster.ClusterNumber;
import tessera.core.analysis.Clusterer;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.Step;
import tessera.pipeline.StepContext;
import tessera.report.ClusterNumberCurve;

/**
 * {@code tessera.pipeline.estimate-clusters}: the number of clusters of a spectrum image, as HyperSpy 1.7's
 * {@code estimate_number_of_clusters}: the clusterer {@code algorithm} (one with an integer parameter {@code k})
 * is run for k = 1 (2 for the silhouette) to {@code maxClusters} on the features of {@link Features} and k is
 * chosen by the {@code metric} ({@link ClusterNumber}): the elbow of the within-cluster sum of squares, the gap
 * statistic, or the largest mean silhouette. Outputs {@code k} (Integer, for a clusterer step's {@code k}) and
 * {@code curve} (the criterion against k, for the report).
 */
public final class EstimateClustersStep implements Step {
    /** step id */
    public static final String ID = "tessera.pipeline.estimate-clusters";

    @Override
    public List<ParameterSpec> parameters() {
        List<ParameterSpec> l = new ArrayList<>();
        l.add(ParameterSpec.ofString("algorithm", "tessera.cluster.kmeans", "id of the clusterer tried for each k (it must have an integer parameter k)"));
        l.add(ParameterSpec.ofInt("maxClusters", 10, 2, null, "largest number of clusters tried"));
        l.add(ParameterSpec.ofChoice("metric", "gap", List.of("gap", "elbow", "silhouette"),
                "criterion: gap statistic (Tibshirani et al. 2001), elbow of the within-cluster sum of squares, or the largest mean silhouette"));
        l.add(ParameterSpec.ofInt("nReferences", 4, 1, null, "number of uniform reference data sets of the gap statistic (HyperSpy's n_ref)"));
        l.add(ParameterSpec.ofLong(SEED, null, "random seed of the clusterer and of the gap statistic's reference sets"));
        l.addAll(Features.parameters());
        return l;
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(new LiteratureReference("R. Tibshirani, G. Walther, T. Hastie, Estimating the number of clusters in a data set via the gap statistic, "
                + "J. R. Stat. Soc. B 63 (2001) 411-423", "10.1111/1467-9868.00293"),
                new LiteratureReference("P. J. Rousseeuw, Silhouettes: a graphical aid to the interpretation and validation of cluster analysis, "
                        + "J. Comput. Appl. Math. 20 (1987) 53-65", "10.1016/0377-0427(87)90125-7"));
    }

    @Override
    public List<Port> inputs() {
        return Features.ports();
    }

    @Override
    public List<List<String>> exactlyOneOf() {
        return Features.alternatives();
    }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("k", PortType.VALUE, "Integer: the estimated number of clusters"),
                Port.of("curve", PortType.VALUE, "the criterion against k (" + ClusterNumberCurve.class.getSimpleName() + ")"));
    }

    /**
     * @throws IllegalArgumentException if the algorithm has no parameter k, maxClusters is not below the number of
     *                                  positions, or see {@link Features#of}
     */
    @Override
    public Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters parameters) {
        String id = parameters.getString("algorithm");
        Clusterer c = context.registry().clusterer(id);
        if (c.parameters().stream().noneMatch(s -> s.name().equals("k") && s.type() == Integer.class)) {
            throw new IllegalArgumentException("the clusterer " + id + " has no parameter k (density-based methods find the number of clusters themselves)");
        }
        Features f = Features.of(inputs, parameters);
        int max = parameters.getInt("maxClusters");
        if (max >= f.x().length) {
            throw new IllegalArgumentException("maxClusters = " + max + " needs more than " + f.x().length + " navigation positions");
        }
        Map<String, Object> base = new LinkedHashMap<>(f.algorithmParameters(c.parameters(), Parameters.of(List.of(), Map.of())).values());
        long seed = parameters.getLong(SEED);
        if (c.parameters().stream().anyMatch(s -> s.name().equals(SEED))) {
            base.put(SEED, seed);
        }
        ClusterNumber.Metric metric = ClusterNumber.Metric.valueOf(parameters.getString("metric").toUpperCase(Locale.ROOT));
        ClusterNumber.Estimate e = ClusterNumber.estimate(f.x(), c, Parameters.of(c.parameters(), base), max, metric, parameters.getInt("nReferences"),
                seed, context.monitor());
        context.note("Number of clusters " + e.best() + " estimated by the " + parameters.getString("metric") + " criterion over k = " + e.k()[0] + ".."
                + e.k()[e.k().length - 1] + " (as HyperSpy's estimate_number_of_clusters).");
        boolean gap = metric == ClusterNumber.Metric.GAP;
        return Map.of("k", e.best(), "curve", new ClusterNumberCurve(parameters.getString("metric"), e.k(), e.curve(), gap ? e.curveError() : null, e.best()));
    }
}
