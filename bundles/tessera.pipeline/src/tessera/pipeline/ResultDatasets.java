package tessera.pipeline;

import java.util.ArrayList;
import java.util.List;

import tessera.core.analysis.DecompositionResult;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;

/**
 * The calibrated datasets {@code tessera analyze} saves in {@code results.hspy}, each a
 * HyperSpy signal that keeps its calibration:
 * <ol>
 * <li>{@code NMF factors} {@code [k, nE]} (navigation: component; signal: energy axis),</li>
 * <li>{@code NMF loadings} {@code [k, ny, nx]} (signal: the calibrated x/y axes; for a line scan {@code [k, nx]}),</li>
 * <li>{@code PCA factors} and {@code PCA loadings} likewise for the first k PCA components,</li>
 * <li>{@code PCA explained variance ratio} {@code [m]} over all computed components (the scree),</li>
 * <li>{@code Cluster labels} {@code int32 [ny, nx]} (or {@code [nx]}), values {@code 0..K-1}, {@code -1} for noise
 *     (HyperSpy's convention for DBSCAN/HDBSCAN),</li>
 * <li>{@code Cluster mean spectra} {@code [K, nE]} and {@code Cluster standard-deviation spectra} {@code [K, nE]},</li>
 * <li>{@code Cluster membership probabilities} {@code [K, ny, nx]} (navigation: cluster; signal: the map) when the
 *     clusterer gives them (Gaussian mixture, HDBSCAN),</li>
 * <li>{@code Cluster outlier scores} {@code [ny, nx]} when the clusterer gives them (HDBSCAN's GLOSH),</li>
 * <li>{@code Cluster linkage} {@code [n - 1, 4]} when the clusterer is hierarchical: SciPy's linkage matrix (child ids, merge
 * height, size of the merged cluster per row; {@code scipy.cluster.hierarchy.dendrogram} draws it),</li>
 * <li>{@code Embedding} {@code [ny, nx, m]} (navigation: the scan; signal: the embedding coordinates) when the
 *     clustering ran on an embedding (UMAP);</li>
 * <li>for every further {@code --method} (label = its short name in capitals, e.g. {@code FASTICA}, {@code NFINDR},
 *     {@code FCLS}, {@code CA}): {@code <LABEL> factors} {@code [k, nE]} (the endmember spectra of an unmixing),
 *     {@code <LABEL> loadings} {@code [k, ny, nx]} (the abundance maps), then each auxiliary result under
 *     {@code <LABEL> <name>} with the names of {@link DecompositionResult} (e.g. {@code FCLS residual},
 *     {@code FCLS reducedChiSquare}, {@code FCLS residualSpectrum}, {@code BAYESIAN loadingsStd},
 *     {@code FASTICA unmixingMatrix}, {@code NFINDR endmemberPixels}, {@code CA entropy});</li>
 * <li>for {@code --method mds} / {@code lda}: {@code <LABEL> projection} {@code [ny, nx, m]}.</li>
 * </ol>
 */
public final class ResultDatasets {
    private ResultDatasets() {
    }

    /**
     * Builds the result datasets.
     *
     * @param r the analysis result
     * @return datasets with unique titles, in the order listed above (NMF entries absent if NMF was skipped)
     */
    public static List<Dataset> of(AnalyzeResult r) {
        List<Dataset> out = new ArrayList<>();
        Dataset data = r.data();
        String source = data.metadata().title();
        int k = r.components();
        if (r.nmf() != null) {
            out.add(titled(firstComponents(r.nmf().factors(), k), "NMF factors", data, source));
            out.add(titled(firstComponents(r.nmf().loadings(), k), "NMF loadings", data, null));
        }
        out.add(titled(firstComponents(r.pca().factors(), k), "PCA factors", data, source));
        out.add(titled(firstComponents(r.pca().loadings(), k), "PCA loadings", data, null));
        double[] ratio = r.pca().explainedVarianceRatio();
        out.add(titled(Dataset.ofDoubles(ratio, List.of(Axis.uncalibrated("Principal component index", ratio.length, false)), null),
                "PCA explained variance ratio", data, null));
        List<Axis> mapAxes = new ArrayList<>();
        for (Axis a : data.navigationAxes()) {
            mapAxes.add(a.withNavigate(false));
        }
        out.add(titled(Dataset.ofInts(r.clusters().labels().clone(), mapAxes, null), "Cluster labels", data, null));
        List<Axis> meanAxes = new ArrayList<>();
        meanAxes.add(Axis.uncalibrated("cluster", r.clusterMeans().length, true));
        meanAxes.addAll(data.signalAxes());
        out.add(titled(Dataset.ofDoubles(flat(r.clusterMeans()), meanAxes, null), "Cluster mean spectra", data, source));
        if (r.clusterStd() != null) {
            out.add(titled(Dataset.ofDoubles(flat(r.clusterStd()), meanAxes, null), "Cluster standard-deviation spectra", data, source));
        }
        var cl = r.clusters();
        int n = cl.labels().length;
        if (cl.probabilities() != null) {
            double[] p = new double[cl.k() * n];
            for (int c = 0; c < cl.k(); c++) {
                for (int i = 0; i < n; i++) {
                    p[c * n + i] = cl.probabilities()[i][c];
                }
            }
            List<Axis> pa = new ArrayList<>();
            pa.add(Axis.uncalibrated("cluster", cl.k(), true));
            pa.addAll(mapAxes);
            out.add(titled(Dataset.ofDoubles(p, pa, null), "Cluster membership probabilities", data, null));
        }
        if (cl.outlierScores() != null) {
            out.add(titled(Dataset.ofDoubles(cl.outlierScores().clone(), mapAxes, null), "Cluster outlier scores", data, null));
        }
        if (cl.dendrogram() != null && cl.dendrogram().merges() > 0) {
            var dg = cl.dendrogram();
            double[] z = new double[dg.merges() * 4];
            for (int i = 0; i < dg.merges(); i++) {
                z[4 * i] = dg.children()[i][0];
                z[4 * i + 1] = dg.children()[i][1];
                z[4 * i + 2] = dg.heights()[i];
                z[4 * i + 3] = dg.sizes()[i];
            }
            out.add(titled(Dataset.ofDoubles(z, List.of(Axis.uncalibrated("merge", dg.merges(), true), Axis.uncalibrated("linkage", 4, false)), null),
                    "Cluster linkage", data, null));
        }
        if (r.embedding() != null) {
            List<Axis> ea = new ArrayList<>(data.navigationAxes());
            ea.add(Axis.uncalibrated("embedding", r.embedding()[0].length, false));
            out.add(titled(Dataset.ofDoubles(flat(r.embedding()), ea, null), "Embedding", data, null));
        }
        for (DecompositionResult m : r.methods()) {
            String label = m.algorithmId().substring(m.algorithmId().lastIndexOf('.') + 1).toUpperCase(java.util.Locale.ROOT);
            out.add(titled(m.factors(), label + " factors", data, source));
            out.add(titled(m.loadings(), label + " loadings", data, null));
            for (var e : m.auxiliary().entrySet()) {
                boolean spectrum = e.getKey().equals(DecompositionResult.RESIDUAL_SPECTRUM);
                out.add(titled(e.getValue(), label + " " + e.getKey(), data, spectrum ? source : null));
            }
        }
        for (Dataset p : r.projections()) {
            String label = String.valueOf(p.metadata().title());
            out.add(titled(p, label + " projection", data, null));
        }
        return out;
    }

    /**
     * The first {@code k} components of a decomposition.
     *
     * @param d a decomposition with at least k components
     * @param k number to keep
     * @return {@code d} itself if it has k components, else a copy with factors and loadings cut to k
     */
    public static DecompositionResult firstK(DecompositionResult d, int k) {
        if (d.components() == k) {
            return d;
        }
        return new DecompositionResult(d.algorithmId(), firstComponents(d.factors(), k), firstComponents(d.loadings(), k), d.explainedVariance(),
                d.parameters());
    }

    /**
     * Copies the first {@code k} entries along axis 0.
     *
     * @param d dataset with axis 0 of size {@code >= k}
     * @param k number to keep
     * @return float32 copy with axis 0 of size k (or {@code d} itself if it already has k)
     */
    static Dataset firstComponents(Dataset d, int k) {
        if (d.axis(0).size() == k) {
            return d;
        }
        int per = Math.toIntExact(d.size() / d.axis(0).size());
        float[] v = new float[k * per];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) d.getDouble(i);
        }
        List<Axis> axes = new ArrayList<>(d.axes());
        axes.set(0, d.axis(0).crop(0, k));
        return Dataset.ofFloats(v, axes, d.metadata().copy());
    }

    private static double[] flat(double[][] a) {
        int m = a.length == 0 ? 0 : a[0].length;
        double[] f = new double[a.length * m];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], 0, f, i * m, m);
        }
        return f;
    }

    private static Dataset titled(Dataset d, String title, Dataset source, String signalTypeFrom) {
        Metadata md = d.metadata().copy();
        md.title(title);
        if (signalTypeFrom != null) {
            md.signalType(source.metadata().signalType());
            Object be = source.metadata().get(Metadata.BEAM_ENERGY);
            if (be != null) {
                md.set(Metadata.BEAM_ENERGY, be);
            }
        }
        md.set("General.original_filename", source.metadata().get("General.original_filename"));
        return d.withMetadata(md);
    }
}
