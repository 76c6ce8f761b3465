import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tessera.cluster.internal.KMeansClusterer;
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
 * Tessera side of benchmarks/scaling.sh: the kernels of {@code tessera analyze} on one spectrum image, timed in a
 * plain JVM with the built bundle jars: full PCA (no Poisson normalisation: float data), NMF rank 3 (at most 200
 * iterations, the defaults) and k-means (k = 4, 10 runs, seed 0) on the first 3 PCA scores, as the analyze pipeline
 * with {@code --components 3 --clusters 4}. The cube is read with {@link TesseraBench#load} (not timed). Each
 * kernel is warmed up first on a 512-position slice (k-means on the first 2000 score rows) so JIT compilation is not
 * timed, then timed {@code REPEAT} times; every time is printed as one CSV row
 * {@code pixels,channels,side,algorithm,run,seconds} (side {@code tessera}).
 *
 * <p>Usage: {@code java -cp ... ScalingBench DATA.hspy REPEAT}
 */
public final class ScalingBench {
    public static void main(String[] args) throws Exception {
        Dataset d = TesseraBench.load(Path.of(args[0]));
        int repeat = Integer.parseInt(args[1]);
        int n = Math.toIntExact(d.navigationSize());
        int p = d.signalSize();
        System.err.printf(Locale.ROOT, "Tessera: data %s, %d threads, kernels: %s%n", d, Runtime.getRuntime().availableProcessors(),
                tessera.math.Kernels.backend());
        Dataset small = Dataset.ofFloats(Arrays.copyOf(d.toFloatArray(), Math.min(n, 512) * p),
                List.of(Axis.uncalibrated("x", Math.min(n, 512), true), d.axis(d.rank() - 1)), new Metadata());

        Decomposer pca = new PcaDecomposer();
        Parameters pcaParams = Parameters.of(pca.parameters(), Map.of());
        pca.decompose(small, pcaParams, ProgressMonitor.NULL);
        DecompositionResult r = null;
        for (int i = 1; i <= repeat; i++) {
            long t0 = System.nanoTime();
            r = pca.decompose(d, pcaParams, ProgressMonitor.NULL);
            row(n, p, "pca", i, t0);
        }

        Decomposer nmf = new NmfDecomposer();
        nmf.decompose(small, Parameters.of(nmf.parameters(), Map.of("components", 3, "maxIterations", 20)), ProgressMonitor.NULL);
        Parameters nmfParams = Parameters.of(nmf.parameters(), Map.of("components", 3));
        for (int i = 1; i <= repeat; i++) {
            long t0 = System.nanoTime();
            nmf.decompose(d, nmfParams, ProgressMonitor.NULL);
            row(n, p, "nmf", i, t0);
        }

        double[][] scores = r.scores(3);
        Clusterer km = new KMeansClusterer();
        Parameters kmParams = Parameters.of(km.parameters(), Map.of("k", 4, "runs", 10, "seed", 0L));
        km.cluster(Arrays.copyOf(scores, Math.min(n, 2000)), kmParams, ProgressMonitor.NULL);
        for (int i = 1; i <= repeat; i++) {
            long t0 = System.nanoTime();
            km.cluster(scores, kmParams, ProgressMonitor.NULL);
            row(n, p, "kmeans", i, t0);
        }
    }

    private static void row(int n, int p, String algorithm, int run, long t0) {
        System.out.printf(Locale.ROOT, "%d,%d,tessera,%s,%d,%.4f%n", n, p, algorithm, run, (System.nanoTime() - t0) / 1e9);
    }
}
