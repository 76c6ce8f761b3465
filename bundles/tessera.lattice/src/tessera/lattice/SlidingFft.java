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
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;

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
        if (image.signalAxes().size() != 2 || image.navigationDimension() != 0) {
            throw IncompatibleDataException.of(image, new IllegalArgumentException("the sliding FFT needs one 2-D image, got shape " + Arrays.toString(image.shape())));
        }
        int ny = image.shape()[0], nx = image.shape()[1], w = p.getInt("window");
        int step = p.getInt("step") > 0 ? p.getInt("step") : Math.max(1, w / 4);
        if (w > ny || w > nx) {
            throw IncompatibleDataException.of(image, new IllegalArgumentException("window " + w + " px is larger than the image (" + ny + " × " + nx + " px)"));
        }
        int gy = (ny - w) / step + 1, gx = (nx - w) / step + 1;
        double[] img = image.toDoubleArray();
        double[] taper = new double[w];
        for (int i = 0; i < w; i++) {
            taper[i] = switch (p.getString("taper")) {
                case "hann" -> 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (w - 1));
                case "hamming" -> 0.54 - 0.46 * Math.cos(2 * Math.PI * i / (w - 1));
                default -> 1;
            };
        }
        boolean log = p.getBoolean("log");
        int d = w * w;
        float[] out = new float[gy * gx * d];
        monitor.begin("sliding FFT", gy);
        IntStream.range(0, gy).parallel().forEach(wy -> {
            double[] re = new double[d], im = new double[d];
            for (int wx = 0; wx < gx; wx++) {
                int y0 = wy * step, x0 = wx * step;
                double mean = 0;
                for (int a = 0; a < w; a++) {
                    for (int b = 0; b < w; b++) {
                        mean += img[(y0 + a) * nx + x0 + b];
                    }
                }
                mean /= d;
                for (int a = 0; a < w; a++) {
                    for (int b = 0; b < w; b++) {
                        re[a * w + b] = (img[(y0 + a) * nx + x0 + b] - mean) * taper[a] * taper[b];
                        im[a * w + b] = 0;
                    }
                }
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
        Axis ay = image.signalAxes().get(0), ax = image.signalAxes().get(1);
        double cy = (w - 1) / 2.0, cx = (w - 1) / 2.0;
        Metadata md = image.metadata().copy().title("sliding FFT (" + w + " px windows every " + step + " px)");
        md.set("Signal.window_shape", List.of(w, w)).set("Signal.window_px", w).set("Signal.step_px", step);
        List<Axis> axes = List.of(new Axis(ay.name().isBlank() ? "y" : ay.name(), gy, ay.scale() * step, ay.offset() + ay.scale() * cy, ay.units(), true),
                new Axis(ax.name().isBlank() ? "x" : ax.name(), gx, ax.scale() * step, ax.offset() + ax.scale() * cx, ax.units(), true),
                Axis.uncalibrated("spatial frequency (fftshift, row by row)", d, false));
        return Dataset.ofFloats(out, axes, md);
    }
}
