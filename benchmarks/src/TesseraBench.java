import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.jhdf.HdfFile;
import tessera.cluster.internal.KMeansClusterer;
import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.Clusterer;
import tessera.core.analysis.Decomposer;
import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.decompose.internal.NmfDecomposer;
import tessera.decompose.internal.PcaDecomposer;

/**
 * Tessera side of benchmarks/pca_vs_hyperspy.sh, run on a plain JVM with the built bundle jars
 * on the class path. Reads the float32 spectrum image of an .hspy file with jhdf, then times full
 * PCA, NMF (rank 3, at most 200 iterations) and k-means (k = 4, 10 runs) on the first 10 PCA
 * scores, and prints a comparison with the HyperSpy timings in the JSON written by hyperspy_bench.py.
 * PCA and NMF are warmed up on a 512-row slice; k-means is timed on its second call on the full
 * scores (steady state), and its first call is printed too.
 *
 * <p>Usage: {@code java -cp ... TesseraBench DATA.hspy HYPERSPY.json}
 */
public final class TesseraBench {
    public static void main(String[] args) throws Exception {
        Dataset d = load(Path.of(args[0]));
        String hs = Files.readString(Path.of(args[1]));
        System.out.printf(Locale.ROOT, "data %s, %d threads, kernels: %s%n", d, Runtime.getRuntime().availableProcessors(), tessera.math.Kernels.backend());

        Decomposer pca = new PcaDecomposer();
        // warm-up on a small slice so JIT compilation is not timed
        Dataset small = Dataset.ofFloats(java.util.Arrays.copyOf(d.toFloatArray(), 512 * 2048),
                List.of(Axis.uncalibrated("x", 512, true), d.axis(2)), new Metadata());
        pca.decompose(small, Parameters.of(pca.parameters(), Map.of()), ProgressMonitor.NULL);

        long t0 = System.nanoTime();
        DecompositionResult r = pca.decompose(d, Parameters.of(pca.parameters(), Map.of()), ProgressMonitor.NULL);
        double tPca = (System.nanoTime() - t0) / 1e9;
        double[] hsEv = array(hs, "explained_variance");
        double maxRel = 0;
        for (int i = 0; i < 10; i++) {
            maxRel = Math.max(maxRel, Math.abs(r.explainedVariance()[i] - hsEv[i]) / hsEv[i]);
        }

        Decomposer nmf = new NmfDecomposer();
        nmf.decompose(small, Parameters.of(nmf.parameters(), Map.of("components", 3, "maxIterations", 20)), ProgressMonitor.NULL);
        t0 = System.nanoTime();
        DecompositionResult nr = nmf.decompose(d, Parameters.of(nmf.parameters(), Map.of("components", 3, "maxIterations", 200)), ProgressMonitor.NULL);
        double tNmf = (System.nanoTime() - t0) / 1e9;
        double res = residual(d, nr);

        double[][] all = r.scores();
        double[][] scores = new double[all.length][10];
        for (int i = 0; i < all.length; i++) {
            System.arraycopy(all[i], 0, scores[i], 0, 10);
        }
        Clusterer km = new KMeansClusterer();
        km.cluster(java.util.Arrays.copyOf(scores, 2000), Parameters.of(km.parameters(), Map.of("k", 4)), ProgressMonitor.NULL);
        // first call on the full scores (JIT compilation of the Lloyd loops still under way), then steady state
        t0 = System.nanoTime();
        km.cluster(scores, Parameters.of(km.parameters(), Map.of("k", 4, "runs", 10)), ProgressMonitor.NULL);
        double tKmFirst = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        ClusterResult c = km.cluster(scores, Parameters.of(km.parameters(), Map.of("k", 4, "runs", 10)), ProgressMonitor.NULL);
        double tKm = (System.nanoTime() - t0) / 1e9;

        double hPca = num(hs, "pca_s"), hNmf = num(hs, "nmf_s"), hKm = num(hs, "kmeans_s");
        System.out.printf(Locale.ROOT, "PCA full     : Tessera %6.2f s  HyperSpy %6.2f s  speed-up %5.2fx  max rel. diff of top-10 explained variance %.2e%n",
                tPca, hPca, hPca / tPca, maxRel);
        System.out.printf(Locale.ROOT, "NMF rank 3   : Tessera %6.2f s  HyperSpy %6.2f s  speed-up %5.2fx  relative residual Tessera %.6f HyperSpy %.6f%n",
                tNmf, hNmf, hNmf / tNmf, res, num(hs, "nmf_relative_residual"));
        System.out.printf(Locale.ROOT,
                "k-means k=4  : Tessera %6.2f s  sklearn  %6.2f s  speed-up %5.2fx  (Tessera's first call %.2f s)  distortion Tessera %.6g sklearn %.6g, sizes %s vs %s%n",
                tKm, hKm, hKm / tKm, tKmFirst, c.distortion(), num(hs, "kmeans_inertia"), java.util.Arrays.toString(c.sizes()), hs.replaceAll("(?s).*\"kmeans_sizes\": (\\[[^]]*\\]).*", "$1"));
    }

    static double residual(Dataset d, DecompositionResult r) {
        int p = d.signalSize();
        int n = (int) d.navigationSize();
        int k = r.components();
        float[] x = d.toFloatArray();
        double num = 0, den = 0;
        double[] f = r.factors().toDoubleArray();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int c = 0; c < k; c++) {
                    s += r.loadings().getDouble((long) c * n + i) * f[c * p + j];
                }
                double v = x[i * p + j];
                num += (v - s) * (v - s);
                den += v * v;
            }
        }
        return Math.sqrt(num / den);
    }

    static Dataset load(Path file) {
        try (HdfFile h = new HdfFile(file)) {
            var exp = (io.jhdf.api.Group) h.getByPath("/Experiments");
            String title = exp.getChildren().keySet().iterator().next();
            String base = "/Experiments/" + title;
            io.jhdf.api.Dataset ds = h.getDatasetByPath(base + "/data");
            int[] dims = ds.getDimensions();
            List<Axis> axes = new ArrayList<>();
            for (int i = 0; i < dims.length; i++) {
                var g = h.getByPath(base + "/axis-" + i);
                Object nav = g.getAttribute("navigate").getData();
                boolean navigate = nav instanceof Boolean b ? b : nav instanceof Number n ? n.intValue() != 0 : nav.toString().equalsIgnoreCase("true");
                axes.add(new Axis(String.valueOf(g.getAttribute("name").getData()), dims[i], attr(g.getAttribute("scale").getData()),
                        attr(g.getAttribute("offset").getData()), String.valueOf(g.getAttribute("units").getData()), navigate));
            }
            return Dataset.ofFloats((float[]) ds.getDataFlat(), axes, new Metadata());
        }
    }

    static double attr(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o.getClass().isArray()) {
            return attr(java.lang.reflect.Array.get(o, 0));
        }
        String t = o.toString().trim();
        return t.isEmpty() || t.equals("<undefined>") ? 0 : Double.parseDouble(t);
    }

    static double num(String json, String key) {
        return Double.parseDouble(json.replaceAll("(?s).*\"" + key + "\": ([-0-9.eE+]+).*", "$1"));
    }

    static double[] array(String json, String key) {
        String a = json.replaceAll("(?s).*\"" + key + "\": \\[([^]]*)\\].*", "$1");
        return java.util.Arrays.stream(a.split(",")).mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
    }
}
