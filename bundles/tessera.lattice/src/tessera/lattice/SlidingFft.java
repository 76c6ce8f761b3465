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
 * {@code tessera.lattice.sliding-fft}: the local Fourier transform of an image — windows of {@code window} ×
 * {@code window} px every {@code step} px, each minus its mean and tapered ({@code taper}: Hann, Hamming or none),
 * its FFT magnitude with the zero frequency at the centre ({@code fftshift}), as log(1 + |F|) when {@code log}: one
 * feature vector of window² values per window, on a grid of window centres. Unmixed (PCA, NMF, N-FINDR) its loadings
 * map the phases or domains and its factors are their diffraction patterns.
 * <p>
 * Sources: M. Ziatdinov et al., Nat. Commun. 7 (2016) 13774, doi:10.1038/ncomms13774; R. K. Vasudevan et al., Nano
 * Lett. 16 (2016) 5574, doi:10.1021/acs.nanolett.6b02130; windows: F. J. Harris, Proc. IEEE 66 (1978) 51,
 * doi:10.1109/PROC.1978.10837.
 */
public final class SlidingFft implements WindowDescriptor {
    private static final List<ParameterSpec> PARAMS = List.of(ParameterSpec.ofInt("window", 64, 8, 1024, "window side in px"),
            ParameterSpec.ofInt("step", 0, 0, 1024, "distance between windows in px (0: a quarter of the window)"),
            ParameterSpec.ofChoice("taper", "hann", List.of("hann", "hamming", "none"), "window function against the edges' streaks"),
            ParameterSpec.ofBoolean("log", true, "log(1 + |F|) instead of |F|"));

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(new LiteratureReference("M. Ziatdinov et al., Nat. Commun. 7 (2016) 13774", "10.1038/ncomms13774"),
                new LiteratureReference("R. K. Vasudevan et al., Phases and interfaces from real space atomically resolved data: physics-based deep data image analysis, Nano Lett. 16 (2016) 5574",
                        "10.1021/acs.nanolett.6b02130"),
                new LiteratureReference("F. J. Harris, On the use of windows for harmonic analysis with the discrete Fourier transform, Proc. IEEE 66 (1978) 51",
                        "10.1109/PROC.1978.10837"));
    }

    /**
     * @throws IllegalArgumentException as {@link WindowDescriptor#describe}, as an {@link IncompatibleDataException}
     *                                  naming the image's file
     */
    @Override
    public Dataset describe(Dataset image, Parameters p, ProgressMonitor monitor) {
        WindowGrid g = WindowGrid.of(image, p.getInt("window"), p.getInt("step"), "the sliding FFT");
        int w = g.window(), d = w * w, gx = g.gx();
        double[] img = image.toDoubleArray();
        double[] taper = g.taper(p.getString("taper"));
        boolean log = p.getBoolean("log");
        float[] out = new float[g.count() * d];
        monitor.begin("sliding FFT", g.gy());
        IntStream.range(0, g.gy()).parallel().forEach(wy -> {
            double[] re = new double[d], im = new double[d];
            for (int wx = 0; wx < gx; wx++) {
                g.centred(img, wy, wx, taper, re);
                Arrays.fill(im, 0);
                tessera.math.Fft.transform2d(re, im, w, w, false);
                int o = (wy * gx + wx) * d;
                for (int a = 0; a < w; a++) {
                    for (int b = 0; b < w; b++) {
                        int sa = (a + w / 2) % w, sb = (b + w / 2) % w; // fftshift: frequency 0 at (w/2, w/2)
                        double m = Math.hypot(re[a * w + b], im[a * w + b]);
                        out[o + sa * w + sb] = (float) (log ? Math.log1p(m) : m);
                    }
                }
            }
        });
        monitor.done();
        Metadata md = image.metadata().copy().title("sliding FFT (" + w + " px windows every " + g.step() + " px)");
        md.set("Signal.window_shape", List.of(w, w));
        return g.dataset(image, out, d, "spatial frequency (fftshift, row by row)", md);
    }
}
