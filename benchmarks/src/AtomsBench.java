import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tessera.core.analysis.AtomResult;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.lattice.GaussianAtomFinder;
import tessera.lattice.LatticeImages;

/**
 * benchmarks/atoms_vs_python.sh: the classical atom finder (tessera.lattice.gaussian: smoothing, local maxima, 2-D
 * Gaussian fit per column) on a simulated N × N perovskite image (not timed: rendering), REPEAT runs, median wall
 * time. Writes the image as raw little-endian float64 for the Python peer, and the parameters it resolved (separation,
 * smoothing, fit radius) so the peer runs the same route. Prints
 * {@code tessera columns <n> median <s> separation <px> smoothing <px> radius <px>}.
 * Usage: {@code java AtomsBench REPEAT N A_PX IMAGE.f64 PARAMS.txt}.
 */
public final class AtomsBench {
    private AtomsBench() {
    }

    public static void main(String[] a) throws IOException {
        int repeat = Integer.parseInt(a[0]), n = Integer.parseInt(a[1]);
        double cell = Double.parseDouble(a[2]);
        LatticeImages.Simulated s = LatticeImages.perovskite(n, n, cell, 0.15, 0.4, 3.0, 50, 0, 7);
        ByteBuffer b = ByteBuffer.allocate(8 * s.image().length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : s.image()) {
            b.putDouble(v);
        }
        Files.write(Path.of(a[3]), b.array());
        Dataset img = Dataset.ofDoubles(s.image(), List.of(Axis.uncalibrated("y", n, false), Axis.uncalibrated("x", n, false)), new Metadata());
        GaussianAtomFinder f = new GaussianAtomFinder();
        Parameters p = Parameters.of(f.parameters(), Map.of("refinement", "gaussian"));
        double[] t = new double[repeat];
        AtomResult r = null;
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            r = f.find(img, p, ProgressMonitor.NULL);
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        Map<String, Object> used = r.parameters().values();
        Object radius = r.output(AtomResult.POSITIONS).metadata().get("Signal.refinement_radius_px");
        Files.writeString(Path.of(a[4]), String.format(Locale.ROOT, "%s %s %s %s%n", used.get("separation"), used.get("smoothing"), used.get("threshold"), radius));
        System.out.printf(Locale.ROOT, "tessera columns %d median %.3f separation %.3f smoothing %.3f radius %.3f (truth %d columns)%n", r.count(), t[repeat / 2],
                ((Number) used.get("separation")).doubleValue(), ((Number) used.get("smoothing")).doubleValue(), ((Number) radius).doubleValue(), s.ys().length);
    }
}
