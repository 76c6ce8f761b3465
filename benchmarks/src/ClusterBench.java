import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import tessera.cluster.EmbeddingQuality;
import tessera.cluster.internal.AgglomerativeClusterer;
import tessera.cluster.internal.DbscanClusterer;
import tessera.cluster.internal.GaussianMixtureClusterer;
import tessera.cluster.internal.HdbscanClusterer;
import tessera.cluster.internal.KMeansClusterer;
import tessera.cluster.internal.MiniBatchKMeansClusterer;
import tessera.cluster.internal.UmapEmbedder;
import tessera.core.analysis.Clusterer;
import tessera.core.analysis.Embedder;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;

/**
 * Tessera side of benchmarks/cluster_vs_peers.sh, run on a plain JVM with the built bundle jars on the class path.
 * For every case (the same data and parameters as cluster_peers.py / cluster_peers_hdbscan.R): one warm-up call on
 * the first 2048 rows, then the call timed 3 times (System.nanoTime around cluster() / embed() only, data already
 * in memory), best kept. Writes WORKDIR/tessera.json (times, and for UMAP the trustworthiness (k = 15, Euclidean,
 * {@link EmbeddingQuality}) of Tessera's and of umap-learn's embedding, the latter read from WORKDIR/out) and per
 * case WORKDIR/out/CASE.tessera.i32 (labels, int32 LE, -1 noise).
 *
 * <p>Usage: {@code java -cp ... ClusterBench WORKDIR [CASE ...]}
 */
public final class ClusterBench {
    static final int REPEAT = 3;
    static final int WARM_ROWS = 2048;
    static final int TRUST_K = 15;

    record Case(String name, String data, Function<double[][], Object> run) {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        List<String> only = Arrays.asList(args).subList(1, args.length);
        List<Case> cases = List.of(
                cluster("kmeans", "map10", new KMeansClusterer(), Map.of("k", 4, "runs", 10, "maxIterations", 300, "tol", 1e-4, "seed", 0L)),
                cluster("minibatch", "map10", new MiniBatchKMeansClusterer(), minibatch()),
                cluster("minibatch-1e6", "big", new MiniBatchKMeansClusterer(), minibatch()),
                cluster("agglo-ward", "sub5000", new AgglomerativeClusterer(), Map.of("k", 4, "linkage", "ward", "connectivity", "none")),
                cluster("agglo-ward-grid", "map10", new AgglomerativeClusterer(),
                        Map.of("k", 4, "linkage", "ward", "connectivity", "grid", "scanWidth", 128)),
                cluster("gmm-full", "map10", new GaussianMixtureClusterer(), Map.of("k", 4, "covariance", "full", "maxIterations", 100,
                        "tolerance", 1e-3, "regCovar", 1e-6, "runs", 1, "seed", 0L)),
                cluster("dbscan", "map10", new DbscanClusterer(), Map.of("eps", 2.5, "minSamples", 10)),
                cluster("hdbscan", "map10", new HdbscanClusterer(), Map.of("minClusterSize", 25, "levels", "r-dbscan")),
                embed("u4096x10"), embed("u4096x50"), embed("map10"), embed("map50"));
        Files.createDirectories(work.resolve("out"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("threads", Runtime.getRuntime().availableProcessors());
        out.put("java", Runtime.version().toString());
        for (Case c : cases) {
            if (!only.isEmpty() && !only.contains(c.name)) {
                continue;
            }
            double[][] x = readNpy(work.resolve(c.data + ".npy"));
            c.run.apply(Arrays.copyOf(x, Math.min(WARM_ROWS, x.length)));
            double best = Double.POSITIVE_INFINITY;
            Object res = null;
            for (int r = 0; r < REPEAT; r++) {
                long t0 = System.nanoTime();
                res = c.run.apply(x);
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
            String key = c.name + "/" + c.data;
            String file = c.name + "_" + c.data;
            out.put(key, best);
            String extra = "";
            if (res instanceof int[] labels) {
                writeInts(work.resolve("out").resolve(file + ".tessera.i32"), labels);
            } else {
                double[][] emb = (double[][]) res;
                double tT = EmbeddingQuality.trustworthiness(x, emb, TRUST_K);
                out.put(key + " trust_tessera", tT);
                extra = String.format(Locale.ROOT, "  trustworthiness(k=%d) %.4f", TRUST_K, tT);
                Path peer = work.resolve("out").resolve(file + ".peer.f64");
                if (Files.exists(peer)) {
                    double tP = EmbeddingQuality.trustworthiness(x, readDoubles(peer, x.length, 2), TRUST_K);
                    out.put(key + " trust_peer", tP);
                    extra += String.format(Locale.ROOT, ", umap-learn's %.4f", tP);
                }
            }
            System.out.printf(Locale.ROOT, "%-16s %-9s %8.3f s%s%n", c.name, c.data, best, extra);
        }
        Path json = work.resolve("tessera.json");
        StringBuilder sb = new StringBuilder("{");
        out.forEach((k, v) -> sb.append(sb.length() > 1 ? ",\n " : "\n ").append('"').append(k).append("\": ")
                .append(v instanceof String s ? '"' + s + '"' : v));
        Files.writeString(json, sb.append("\n}\n"));
    }

    static Map<String, Object> minibatch() {
        return Map.of("k", 4, "batchSize", 1024, "runs", 3, "maxIterations", 100, "maxNoImprovement", 10, "tol", 0.0,
                "reassignmentRatio", 0.01, "seed", 0L);
    }

    static Case cluster(String name, String data, Clusterer alg, Map<String, Object> values) {
        Parameters p = Parameters.of(alg.parameters(), values);
        return new Case(name, data, x -> alg.cluster(x, p, ProgressMonitor.NULL).labels());
    }

    static Case embed(String data) {
        Embedder alg = new UmapEmbedder();
        Parameters p = Parameters.of(alg.parameters(), Map.of("nNeighbors", 15, "nComponents", 2, "minDist", 0.1));
        return new Case("umap", data, x -> alg.embed(x, p, ProgressMonitor.NULL));
    }

    /** A 2-d float64 little-endian C-order .npy file (format 1.0 or 2.0), as make_cluster_data.py writes. */
    static double[][] readNpy(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int major = b[6];
        int hl = major == 1 ? Short.toUnsignedInt(bb.getShort(8)) : bb.getInt(8);
        int start = major == 1 ? 10 + hl : 12 + hl;
        String header = new String(b, major == 1 ? 10 : 12, hl, java.nio.charset.StandardCharsets.US_ASCII);
        if (!header.contains("'<f8'") || !header.contains("'fortran_order': False")) {
            throw new IOException(file + ": not a C-order float64 array: " + header);
        }
        String[] shape = header.replaceAll("(?s).*'shape': \\((\\d+), (\\d+)\\).*", "$1 $2").split(" ");
        int n = Integer.parseInt(shape[0]);
        int d = Integer.parseInt(shape[1]);
        bb.position(start);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            bb.asDoubleBuffer().get(row);
            bb.position(bb.position() + 8 * d);
        }
        return x;
    }

    static double[][] readDoubles(Path file, int n, int d) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            bb.asDoubleBuffer().get(row);
            bb.position(bb.position() + 8 * d);
        }
        return x;
    }

    static void writeInts(Path file, int[] v) throws IOException {
        ByteBuffer bb = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        bb.asIntBuffer().put(v);
        Files.write(file, bb.array());
    }
}
