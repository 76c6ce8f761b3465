import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Axis;
import tessera.core.model.DType;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.decompose.internal.FclsUnmixer;
import tessera.decompose.internal.NfindrDecomposer;

/**
 * Tessera side of benchmarks/nfindr_fcls.sh. Every cube is a raw little-endian float32 file {@code [n x p]} mapped
 * with {@link FileChannel#map(FileChannel.MapMode, long, long, Arena)} and wrapped by {@link Dataset#wrap}, so the
 * data are never on the heap.
 *
 * <ul>
 * <li>{@code write FILE NX NY P K SEED}: a synthetic cube of K endmembers (bremsstrahlung-like background + 2-3
 *   Gaussian lines each on 0-20.47 keV) with Dirichlet(1) abundances, every position i with i % 1000 == 0 pure
 *   (endmember (i / 1000) % K), about 2e5 counts per spectrum; Poisson noise (inversion below a mean of 20, else the
 *   normal approximation, rounded and clipped at 0: for timing only). Rows are generated in parallel blocks, each from
 *   its own seeded stream.</li>
 * <li>{@code run FILE NX NY P K OUTPREFIX}: N-FINDR (K endmembers, seed 0) + FCLS, timed after a warm-up on the first
 *   4096 positions; then FCLS alone on the found endmembers (timed). Prints the times, the endmember pixels and the peak
 *   heap (sum of the peaks of the heap memory pools); writes OUTPREFIX.endmembers.f64 ({@code [K x P]}) and
 *   OUTPREFIX.abundances.f32 ({@code [K x n]}) for the scipy peer; OUTPREFIX {@code -}: a cube of {@code write}, no
 *   files, and the count of chosen pixels that are its pure pixels.</li>
 * </ul>
 */
public final class NfindrBench {
    public static void main(String[] a) throws Exception {
        switch (a[0]) {
            case "write" -> write(Path.of(a[1]), Integer.parseInt(a[2]), Integer.parseInt(a[3]), Integer.parseInt(a[4]), Integer.parseInt(a[5]),
                    Long.parseLong(a[6]));
            case "run" -> run(Path.of(a[1]), Integer.parseInt(a[2]), Integer.parseInt(a[3]), Integer.parseInt(a[4]), Integer.parseInt(a[5]), a[6]);
            default -> throw new IllegalArgumentException("usage: write FILE NX NY P K SEED | run FILE NX NY P K OUTPREFIX");
        }
    }

    static final ValueLayout.OfFloat LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    static double[][] endmembers(int k, int p) {
        double[][] w = new double[k][p];
        SplittableRandom r = new SplittableRandom(99);
        for (int i = 0; i < k; i++) {
            double bw = 0.3 + 0.5 * r.nextDouble();
            double[] lines = {0.5 + 12 * r.nextDouble(), 0.5 + 12 * r.nextDouble(), 0.5 + 12 * r.nextDouble()};
            double sum = 0;
            for (int j = 0; j < p; j++) {
                double e = 0.01 * j;
                double v = e > 0.2 ? bw * Math.max(0, 20 - e) / (e + 0.5) : 0;
                for (int l = 0; l < lines.length; l++) {
                    double s = 0.13 / 2.3548;
                    v += (l == 0 ? 6 : 2) * Math.exp(-0.5 * Math.pow((e - lines[l]) / s, 2));
                }
                w[i][j] = v;
                sum += v;
            }
            for (int j = 0; j < p; j++) {
                w[i][j] *= 2e5 / sum;
            }
        }
        return w;
    }

    static void write(Path file, int nx, int ny, int p, int k, long seed) throws IOException {
        long n = (long) nx * ny;
        double[][] w = endmembers(k, p);
        long t0 = System.nanoTime();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING); Arena arena = Arena.ofShared()) {
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_WRITE, 0, n * p * 4, arena);
            int block = 1000;
            int blocks = (int) ((n + block - 1) / block);
            IntStream.range(0, blocks).parallel().forEach(b -> {
                SplittableRandom r = new SplittableRandom(seed * 1_000_003L + b);
                float[] row = new float[p];
                double[] ab = new double[k];
                for (long i = (long) b * block; i < Math.min(n, (long) (b + 1) * block); i++) {
                    if (i % 1000 == 0) {
                        Arrays.fill(ab, 0);
                        ab[(int) (i / 1000 % k)] = 1;
                    } else {
                        double s = 0;
                        for (int c = 0; c < k; c++) {
                            ab[c] = -Math.log(1 - r.nextDouble());
                            s += ab[c];
                        }
                        for (int c = 0; c < k; c++) {
                            ab[c] /= s;
                        }
                    }
                    for (int j = 0; j < p; j++) {
                        double lam = 0;
                        for (int c = 0; c < k; c++) {
                            lam += ab[c] * w[c][j];
                        }
                        row[j] = sample(r, lam);
                    }
                    MemorySegment.copy(row, 0, seg, LE, i * p * 4, p);
                }
            });
            seg.force();
        }
        System.out.printf(Locale.ROOT, "wrote %s: %d x %d positions x %d channels float32 (%.2f GB) in %.1f s%n", file, nx, ny, p, n * p * 4 / 1e9,
                (System.nanoTime() - t0) / 1e9);
    }

    static float sample(SplittableRandom r, double lam) {
        if (lam < 20) {
            double u = r.nextDouble();
            double pk = Math.exp(-lam);
            double cdf = pk;
            int x = 0;
            while (u > cdf && x < 200) {
                x++;
                pk *= lam / x;
                cdf += pk;
            }
            return x;
        }
        return (float) Math.max(0, Math.rint(lam + Math.sqrt(lam) * r.nextGaussian()));
    }

    static void run(Path file, int nx, int ny, int p, int k, String out) throws IOException {
        long n = (long) nx * ny;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ); Arena arena = Arena.ofShared()) {
            if (ch.size() != n * p * 4) {
                throw new IllegalArgumentException(file + " holds " + ch.size() + " bytes, not " + n * p * 4);
            }
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, n * p * 4, arena);
            Axis e = new Axis("Energy", p, 0.01, 0, "keV", false);
            Metadata md = new Metadata();
            md.title(file.getFileName().toString());
            Dataset d = Dataset.wrap(DType.FLOAT32, seg, ByteOrder.LITTLE_ENDIAN,
                    List.of(new Axis("x", nx, 0.5, 0, "nm", true), new Axis("y", ny, 0.5, 0, "nm", true), e), md);
            System.out.printf(Locale.ROOT, "data %s (memory-mapped), %d threads, kernels %s, max heap %d MB%n", d,
                    Runtime.getRuntime().availableProcessors(), tessera.math.Kernels.backend(), Runtime.getRuntime().maxMemory() >> 20);
            NfindrDecomposer nf = new NfindrDecomposer();
            int nw = (int) Math.min(n, 4096);
            Dataset warm = Dataset.wrap(DType.FLOAT32, seg.asSlice(0, (long) nw * p * 4), ByteOrder.LITTLE_ENDIAN,
                    List.of(new Axis("x", nw, 1, 0, "", true), e), md);
            nf.decompose(warm, Parameters.of(nf.parameters(), Map.of("components", k)), ProgressMonitor.NULL);
            resetPeaks();
            long[] stage = new long[4];
            ProgressMonitor mon = new ProgressMonitor() {
                int i;

                @Override
                public void begin(String task, long totalWork) {
                    stage[i++] = System.nanoTime();
                }

                @Override
                public void worked(long work) {
                }

                @Override
                public void done() {
                }
            };
            long t0 = System.nanoTime();
            DecompositionResult r = nf.decompose(d, Parameters.of(nf.parameters(), Map.of("components", k)), mon);
            long t1 = System.nanoTime();
            int[] px = new int[k];
            int pure = 0;
            for (int i = 0; i < k; i++) {
                px[i] = (int) r.auxiliary(DecompositionResult.ENDMEMBER_PIXELS).getDouble(i);
                pure += px[i] % 1000 == 0 ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "N-FINDR + FCLS, %d endmembers: %.2f s (N-FINDR search %.2f s, FCLS %.2f s); endmember pixels %s%n", k,
                    (t1 - t0) / 1e9, (stage[1] - stage[0]) / 1e9, (t1 - stage[1]) / 1e9, Arrays.toString(px));
            if (out == null || out.equals("-")) { // the synthetic cube of write
                System.out.printf(Locale.ROOT, "  (synthetic cube: %d of %d endmember pixels are pure pixels i %% 1000 == 0)%n", pure, k);
            }
            FclsUnmixer fcls = new FclsUnmixer();
            long t2 = System.nanoTime();
            DecompositionResult f = fcls.unmix(d, r.factors(), Parameters.of(fcls.parameters(), Map.of()), ProgressMonitor.NULL);
            long t3 = System.nanoTime();
            System.out.printf(Locale.ROOT, "FCLS alone on the %d endmembers: %.2f s (%.2f us per position)%n", k, (t3 - t2) / 1e9, (t3 - t2) / 1e3 / n);
            System.out.printf(Locale.ROOT, "peak heap (sum of the heap pools' peaks) %.0f MB of max %d MB; cube %.2f GB memory-mapped%n", peakHeap() / 1e6,
                    Runtime.getRuntime().maxMemory() >> 20, n * p * 4 / 1e9);
            if (out != null && !out.equals("-")) {
                double[] w = r.factors().toDoubleArray();
                float[] ab = f.loadings().toFloatArray();
                java.nio.ByteBuffer bw = java.nio.ByteBuffer.allocate(w.length * 8).order(ByteOrder.LITTLE_ENDIAN);
                bw.asDoubleBuffer().put(w);
                Files.write(Path.of(out + ".endmembers.f64"), bw.array());
                java.nio.ByteBuffer ba = java.nio.ByteBuffer.allocate(ab.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                ba.asFloatBuffer().put(ab);
                Files.write(Path.of(out + ".abundances.f32"), ba.array());
                Files.writeString(Path.of(out + ".fcls_s"), String.format(Locale.ROOT, "%.6f%n", (t3 - t2) / 1e9));
            }
        }
    }

    static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean b : ManagementFactory.getMemoryPoolMXBeans()) {
            if (b.getType() == MemoryType.HEAP) {
                b.resetPeakUsage();
            }
        }
    }

    static long peakHeap() {
        long s = 0;
        for (MemoryPoolMXBean b : ManagementFactory.getMemoryPoolMXBeans()) {
            if (b.getType() == MemoryType.HEAP) {
                s += b.getPeakUsage().getUsed();
            }
        }
        return s;
    }
}
