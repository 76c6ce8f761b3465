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
 * {@code tessera.lattice.sliding-histogram}: the local intensity histogram of an image — windows of {@code window} ×
 * {@code window} px every {@code step} px, each described by the fraction of its pixels in each of {@code bins} equal
 * bins between the image's 0.5th and 99.5th percentiles (pixels outside go to the end bins): one feature vector of
 * {@code bins} values summing to 1 per window. It tells regions apart by their contrast and its spread (a thicker or
 * heavier phase, an amorphous layer, a vacuum) where their columns are not resolved or their lattices alike; unmixed
 * (PCA, NMF) its factors are the phases' histograms. One of the sliding image transforms of the seed lecture (Kalinin,
 * "sliding image transforms: FFT, correlation functions, intensity histograms"); R. K. Vasudevan et al., Nano Lett. 16
 * (2016) 5574, doi:10.1021/acs.nanolett.6b02130.
 */
public final class SlidingHistogram implements WindowDescriptor {
    private static final List<ParameterSpec> PARAMS = List.of(ParameterSpec.ofInt("window", 32, 4, 1024, "window side in px"),
            ParameterSpec.ofInt("step", 0, 0, 1024, "distance between windows in px (0: a quarter of the window)"),
            ParameterSpec.ofInt("bins", 32, 2, 1024, "histogram bins between the image's 0.5th and 99.5th percentiles"));

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(new LiteratureReference("R. K. Vasudevan et al., Phases and interfaces from real space atomically resolved data: physics-based deep data image analysis, Nano Lett. 16 (2016) 5574",
                "10.1021/acs.nanolett.6b02130"));
    }

    /**
     * @throws IllegalArgumentException as {@link WindowDescriptor#describe}, as an {@link IncompatibleDataException}
     *                                  naming the image's file; also if the image is constant or holds NaN pixels
     */
    @Override
    public Dataset describe(Dataset image, Parameters p, ProgressMonitor monitor) {
        WindowGrid g = WindowGrid.of(image, p.getInt("window"), p.getInt("step"), "the sliding histogram");
        int bins = p.getInt("bins"), w = g.window(), gx = g.gx(), nx = g.nx();
        double[] img = image.toDoubleArray();
        double[] sorted = img.clone();
        Arrays.sort(sorted);
        if (Double.isNaN(sorted[sorted.length - 1])) {
            throw IncompatibleDataException.of(image, new IllegalArgumentException("the image has NaN pixels"));
        }
        double lo = sorted[(int) Math.floor(0.005 * (sorted.length - 1))], hi = sorted[(int) Math.ceil(0.995 * (sorted.length - 1))];
        if (!(hi > lo)) {
            throw IncompatibleDataException.of(image, new IllegalArgumentException("the image is (nearly) constant: its 0.5th and 99.5th percentiles are both " + lo));
        }
        double scale = bins / (hi - lo);
        float[] out = new float[g.count() * bins];
        float share = 1f / (w * w);
        monitor.begin("sliding histogram", g.gy());
        IntStream.range(0, g.gy()).parallel().forEach(wy -> {
            for (int wx = 0; wx < gx; wx++) {
                int o = (wy * gx + wx) * bins, y0 = wy * g.step(), x0 = wx * g.step();
                for (int a = 0; a < w; a++) {
                    for (int b = 0; b < w; b++) {
                        int k = (int) Math.floor((img[(y0 + a) * nx + x0 + b] - lo) * scale);
                        out[o + Math.clamp(k, 0, bins - 1)] += share;
                    }
                }
            }
        });
        monitor.done();
        Metadata md = image.metadata().copy().title("sliding histogram (" + w + " px windows every " + g.step() + " px, " + bins + " bins)");
        md.set("Signal.histogram_range", List.of(lo, hi));
        return g.dataset(image, out, bins, "intensity bin", md);
    }
}
