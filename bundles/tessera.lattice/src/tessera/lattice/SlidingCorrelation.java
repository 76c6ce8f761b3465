package tessera.lattice;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import tessera.core.analysis.IncompatibleDataException;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.analysis.WindowDescriptor;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.lattice.internal.WindowGrid;

/**
 * {@code tessera.lattice.sliding-correlation}: the local autocorrelation function of an image — windows of
 * {@code window} × {@code window} px every {@code step} px, each minus its mean and tapered ({@code taper}), its
 * circular autocorrelation C(Δ) = Σ g(r) g(r + Δ) computed as IFFT(|FFT(g)|²) (Wiener–Khinchin), divided by C(0) so the
 * centre is 1, over the lags |Δy|, |Δx| ≤ {@code lags} px (by default all a window holds, window / 2 − 1: a shorter
 * range can miss the lattice translations themselves): one feature vector of (2·lags + 1)² values per window
 * ({@code Signal.window_shape}), the zero lag at its centre. Its peaks are the local lattice translations, so it maps
 * strain, rotation and phases by their real-space periodicities, insensitive to where in the window the columns sit. One
 * of the sliding image transforms of the seed lecture (Kalinin: "FFT, correlation functions, intensity histograms");
 * M. Ziatdinov et al., Nat. Commun. 7 (2016) 13774, doi:10.1038/ncomms13774.
 */
public final class SlidingCorrelation implements WindowDescriptor {
    private static final List<ParameterSpec> PARAMS = List.of(ParameterSpec.ofInt("window", 64, 8, 1024, "window side in px"),
            ParameterSpec.ofInt("step", 0, 0, 1024, "distance between windows in px (0: a quarter of the window)"),
            ParameterSpec.ofInt("lags", 0, 0, 512, "largest lag in px kept on each axis (0: all the window holds, window / 2 − 1)"),
            ParameterSpec.ofChoice("taper", "hann", List.of("hann", "hamming", "none"), "window function before the transform"));

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(new LiteratureReference("M. Ziatdinov et al., Nat. Commun. 7 (2016) 13774", "10.1038/ncomms13774"));
    }

    /**
     * @throws IllegalArgumentException as {@link WindowDescriptor#describe}, as an {@link IncompatibleDataException}
     *                                  naming the image's file; also if {@code lags} is not below half the window
     */
    @Override
    public Dataset describe(Dataset image, Parameters p, ProgressMonitor monitor) {
        WindowGrid g = WindowGrid.of(image, p.getInt("window"), p.getInt("step"), "the sliding correlation");
        int w = g.window(), gx = g.gx();
        int r = p.getInt("lags") > 0 ? p.getInt("lags") : w / 2 - 1;
        if (2 * r >= w) {
            throw IncompatibleDataException.of(image, new IllegalArgumentException("lags " + r + " px must be below half the window (" + w + " px)"));
        }
        int side = 2 * r + 1, d = side * side, ww = w * w;
        double[] img = image.toDoubleArray();
        double[] taper = g.taper(p.getString("taper"));
        float[] out = new float[g.count() * d];
        monitor.begin("sliding correlation", g.gy());
        IntStream.range(0, g.gy()).parallel().forEach(wy -> {
            double[] re = new double[ww], im = new double[ww];
            for (int wx = 0; wx < gx; wx++) {
                g.centred(img, wy, wx, taper, re);
                Arrays.fill(im, 0);
                tessera.math.Fft.transform2d(re, im, w, w, false);
                for (int i = 0; i < ww; i++) {
                    re[i] = re[i] * re[i] + im[i] * im[i];
                    im[i] = 0;
                }
                tessera.math.Fft.transform2d(re, im, w, w, true);
                double c0 = re[0];
                int o = (wy * gx + wx) * d;
                for (int dy = -r; dy <= r; dy++) {
                    for (int dx = -r; dx <= r; dx++) {
                        double c = re[Math.floorMod(dy, w) * w + Math.floorMod(dx, w)];
                        out[o + (dy + r) * side + dx + r] = c0 > 0 ? (float) (c / c0) : 0f;
                    }
                }
            }
        });
        monitor.done();
        Metadata md = image.metadata().copy().title("sliding autocorrelation (" + w + " px windows every " + g.step() + " px, lags ±" + r + " px)");
        md.set("Signal.window_shape", List.of(side, side)).set("Signal.lags_px", r);
        return g.dataset(image, out, d, "lag (Δy, Δx), row by row", md);
    }
}
