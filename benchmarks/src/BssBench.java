import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.decompose.internal.FastIcaSeparator;

/**
 * Tessera side of benchmarks/bss_vs_sklearn.sh, on a plain JVM with the built bundle jars on the class path: FastICA
 * ({@link FastIcaSeparator#fastIca}, logcosh, parallel, tol 1e-4, at most 200 iterations) on the same whitened
 * inputs as scikit-learn (WORKDIR/CASE.x.npy, from bss_peer_bench.py) from the same initial matrix (w0.npy), and the
 * whole separation ({@link FastIcaSeparator#separate}, 10 components, tol 1e-10 as HyperSpy) of the same PCA
 * (factors10.npy, loadings10.npy, ev.npy). Each: 20 warm-up calls (so that the JIT has compiled the kernels to
 * vectorised code before the timing; NumPy needs no such warm-up), then best of 3 (System.nanoTime around the call
 * only, data in memory). Writes WORKDIR/tessera.txt (name, m, iterations, seconds, max |w - w_sklearn|).
 *
 * <p>Usage: {@code java -cp ... BssBench WORKDIR}
 */
public final class BssBench {
    static final int REPEAT = 3;
    static final int WARM = 20;

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        double[][] w0 = readNpy(work.resolve("w0.npy"));
        int n = w0.length;
        List<String> lines = new ArrayList<>();
        for (String c : List.of("factors", "loadings")) {
            double[][] y = transpose(readNpy(work.resolve(c + ".x.npy")));
            Supplier<FastIcaSeparator.Ica> run = () -> FastIcaSeparator.fastIca(y, w0, FastIcaSeparator.Contrast.LOGCOSH, 1, false, 200, 1e-4,
                    ProgressMonitor.NULL);
            double[] t = new double[1];
            FastIcaSeparator.Ica r = time(run, t);
            lines.add(String.format(Locale.ROOT, "%s %d %d %.6f %.3g", c, y[0].length, r.iterations(), t[0],
                    maxDiff(r.unmixing(), readNpy(work.resolve(c + ".sklearn.npy")))));
        }
        double[][] f = transpose(readNpy(work.resolve("factors10.npy")));
        double[][] l = transpose(readNpy(work.resolve("loadings10.npy")));
        double[] ev = readNpy(work.resolve("ev.npy"))[0];
        int p = f[0].length;
        int side = (int) Math.round(Math.sqrt(l[0].length));
        DecompositionResult d = new DecompositionResult("tessera.decompose.pca",
                Dataset.ofDoubles(flat(f), List.of(Axis.uncalibrated("component", n, true), new Axis("Energy", p, 0.01, 0, "keV", false)), new Metadata()),
                Dataset.ofDoubles(flat(l), List.of(Axis.uncalibrated("component", n, true), new Axis("y", side, 0.5, 0, "nm", false),
                        new Axis("x", side, 0.5, 0, "nm", false)), new Metadata()),
                ev, Parameters.of(List.of(), Map.of()));
        FastIcaSeparator ica = new FastIcaSeparator();
        Parameters params = Parameters.of(ica.parameters(), Map.of("components", n, "tol", 1e-10));
        double[] t = new double[1];
        DecompositionResult r = time(() -> ica.separate(d, params, w0, ProgressMonitor.NULL), t);
        Dataset wd = r.auxiliary(DecompositionResult.UNMIXING_MATRIX);
        double[][] w = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                w[i][j] = wd.getDouble(i, j);
            }
        }
        lines.add(String.format(Locale.ROOT, "%s %d %s %.6f %.3g", "bss-factors", p, "-", t[0], maxDiff(w, readNpy(work.resolve("bss-factors.sklearn.npy")))));
        Files.write(work.resolve("tessera.txt"), lines);
        lines.forEach(System.out::println);
    }

    static <T> T time(Supplier<T> run, double[] seconds) {
        T r = null;
        for (int i = 0; i < WARM; i++) {
            r = run.get();
        }
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < REPEAT; i++) {
            long t0 = System.nanoTime();
            r = run.get();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        seconds[0] = best;
        return r;
    }

    static double maxDiff(double[][] a, double[][] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                m = Math.max(m, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return m;
    }

    static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    static double[] flat(double[][] a) {
        int m = a[0].length;
        double[] f = new double[a.length * m];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], 0, f, i * m, m);
        }
        return f;
    }

    /** A C-order float64 2-D .npy file (a 1-D one as one row). */
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
        int rows = Integer.parseInt(shape[0]);
        int cols = Integer.parseInt(shape[1]);
        bb.position(start);
        double[][] x = new double[rows][cols];
        for (double[] row : x) {
            bb.asDoubleBuffer().get(row);
            bb.position(bb.position() + 8 * cols);
        }
        return x;
    }
}
