package tessera.eels;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.Preprocessor;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.eels.internal.Interpolation;
import tessera.eels.internal.Spectra;

/**
 * {@code tessera.eels.spike-removal}: removes cosmic-ray and X-ray spikes (single-channel bursts of counts on the
 * detector) from every spectrum, as HyperSpy 1.7.3's non-interactive {@code spikes_removal_tool(interactive=False)}
 * ({@code hyperspy.signal_tools.SpikesRemoval.remove_all_spikes}) with {@code add_noise=False}.
 *
 * <p>Per spectrum, repeatedly: the derivative {@code dI/dE} (numpy {@code gradient}: central differences, one-sided
 * at the ends; counts per eV) is computed with the channels already replaced set to 0; if its largest value reaches
 * the threshold, the channels {@code argmax − width … argmax + width − 1} are replaced by an interpolation between the
 * neighbouring channels (linear through the one channel on each side; {@code spline}: cubic spline with not-a-knot
 * ends through three channels on each side, scipy's {@code interp1d(kind=3)}); a window touching the first (last)
 * channel is filled with the mean of the neighbours on the other side. Only rising flanks are detected (negative
 * spikes are not).
 *
 * <p>Threshold ({@code threshold}, counts/eV): by default HyperSpy's automatic one: a histogram of |dI/dE| over all
 * channels of all pixels (with 2000 or more pixels: of each pixel's maximum |dI/dE|), Freedman–Diaconis bins
 * (numpy {@code histogram_bin_edges(bins='fd')}) capped at 1000; the threshold is the left edge of the first empty
 * bin, rounded up to an integer (the last bin if none is empty). Unlike HyperSpy we add no Poisson noise to the
 * replaced channels, so the result is deterministic.
 *
 * <p>Output float64 with the input's axes and metadata; extra output {@code spikes}: number of spikes removed per
 * pixel, shape {@code [nav...]} ({@code [1]} for one spectrum).
 */
public final class SpikeRemoval implements Preprocessor {

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.ofDouble("threshold", null, 0.0, null, "counts/eV", "derivative magnitude above which a spike is found (default: automatic)"),
                ParameterSpec.ofInt("width", 5, 1, 1000, "channels replaced on each side of the steepest rise (HyperSpy default_spike_width)"),
                ParameterSpec.ofString("interpolation", "linear", "linear | spline (cubic)"));
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(References.hyperspy("Signal1D.spikes_removal_tool (SpikesRemoval, non-interactive)"));
    }

    @Override
    public List<String> extraOutputs() {
        return List.of("spikes");
    }

    @Override
    public Result apply(Dataset data, Map<String, Dataset> auxiliary, Parameters p, ProgressMonitor monitor) {
        Axis e = Spectra.signalAxis(data, "spike-removal input");
        String kind = p.getString("interpolation");
        if (!kind.equals("linear") && !kind.equals("spline")) {
            throw new IllegalArgumentException("interpolation must be 'linear' or 'spline', got '" + kind + "'");
        }
        int n = e.size();
        if (n < 3) {
            throw new IllegalArgumentException("spike removal needs at least 3 channels, the data has " + n);
        }
        int width = p.getInt("width");
        double[] y = Spectra.values(data).clone();
        int pixels = (int) data.navigationSize();
        double threshold = p.has("threshold") ? p.getDouble("threshold") : autoThreshold(y, pixels, n, e.scale());
        double[] counts = new double[pixels];
        double[] der = new double[n];
        boolean[] mask = new boolean[n];
        monitor.begin("Spike removal", pixels);
        for (int q = 0; q < pixels; q++) {
            int off = q * n;
            Arrays.fill(mask, false);
            while (true) {
                gradient(y, off, n, e.scale(), der);
                int arg = 0;
                for (int i = 0; i < n; i++) {
                    if (mask[i]) {
                        der[i] = 0;
                    }
                    if (der[i] > der[arg]) {
                        arg = i;
                    }
                }
                if (!(Math.abs(der[arg]) >= threshold)) {
                    break;
                }
                int left = Math.max(arg - width, 0);
                int right = Math.min(arg + width, n - 1);
                replace(y, off, n, e, left, right, kind.equals("linear") ? 1 : 3);
                for (int i = left; i <= right; i++) {
                    mask[i] = true;
                }
                counts[q]++;
            }
            monitor.worked(1);
        }
        monitor.done();
        return new Result(Spectra.withSignal(data, e, y), Map.of("spikes", Spectra.map(data, counts, "spikes removed", "count")));
    }

    /** numpy.gradient with uniform spacing h (second-order central differences, first-order at the ends). */
    static void gradient(double[] y, int off, int n, double h, double[] out) {
        out[0] = (y[off + 1] - y[off]) / h;
        out[n - 1] = (y[off + n - 1] - y[off + n - 2]) / h;
        for (int i = 1; i < n - 1; i++) {
            out[i] = (y[off + i + 1] - y[off + i - 1]) / (2 * h);
        }
    }

    /** HyperSpy's SpikesRemoval.get_interpolated_spectrum for the range [left, right], pad 1 (linear) or 3 (spline). */
    private static void replace(double[] y, int off, int n, Axis e, int left, int right, int pad) {
        int ileft = Math.clamp(left - pad, 0, n);
        int iright = Math.clamp(right + pad, 0, n);
        if (ileft == 0) {
            if (right == iright) {
                right--;
            }
            double m = mean(y, off + right, off + iright);
            for (int i = 0; i < right; i++) {
                y[off + i] = m;
            }
        } else if (iright == n) {
            if (left == ileft) {
                left++;
            }
            double m = mean(y, off + ileft, off + left);
            for (int i = left; i < n; i++) {
                y[off + i] = m;
            }
        } else {
            int k = (left - ileft) + (iright - right);
            double[] xs = new double[k];
            double[] ys = new double[k];
            int j = 0;
            for (int i = ileft; i < left; i++, j++) {
                xs[j] = e.value(i);
                ys[j] = y[off + i];
            }
            for (int i = right; i < iright; i++, j++) {
                xs[j] = e.value(i);
                ys[j] = y[off + i];
            }
            if (pad == 1) {
                for (int i = left; i < right; i++) {
                    double t = (e.value(i) - xs[0]) / (xs[1] - xs[0]);
                    y[off + i] = ys[0] + t * (ys[1] - ys[0]);
                }
            } else {
                double[] at = new double[right - left];
                for (int i = left; i < right; i++) {
                    at[i - left] = e.value(i);
                }
                double[] v = Interpolation.cubicNotAKnot(xs, ys, at);
                System.arraycopy(v, 0, y, off + left, v.length);
            }
        }
    }

    private static double mean(double[] y, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += y[i];
        }
        return s / (to - from);
    }

    /**
     * HyperSpy 1.7.3's automatic threshold (SpikesRemoval with {@code threshold='auto'}, {@code max_num_bins=1000}).
     *
     * @param y spectra, row-major {@code [pixels * n]}
     * @param pixels number of spectra
     * @param n channels per spectrum
     * @param h channel width (eV)
     * @return the threshold in counts/eV
     */
    static double autoThreshold(double[] y, int pixels, int n, double h) {
        double[] der = new double[n];
        double[] a = new double[pixels < 2000 ? pixels * n : pixels];
        for (int q = 0; q < pixels; q++) {
            gradient(y, q * n, n, h, der);
            if (pixels < 2000) {
                for (int i = 0; i < n; i++) {
                    a[q * n + i] = Math.abs(der[i]);
                }
            } else {
                double m = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    m = Math.max(m, Math.abs(der[i]));
                }
                a[q] = m;
            }
        }
        double[] s = a.clone();
        Arrays.sort(s);
        double lo = s[0];
        double hi = s[s.length - 1];
        int bins;
        double iqr = percentile(s, 75) - percentile(s, 25);
        double w = 2 * iqr * Math.pow(s.length, -1.0 / 3);
        if (hi == lo) {
            lo -= 0.5;
            hi += 0.5;
            bins = 1;
        } else {
            bins = w > 0 ? (int) Math.ceil((hi - lo) / w) : 1;
        }
        if (bins + 1 > 1000) {
            bins = 1000;
        }
        int[] hist = new int[bins];
        double norm = bins / (hi - lo);
        for (double v : a) {
            int i = (int) ((v - lo) * norm);
            // numpy's corrections at bin edges computed with linspace
            if (i >= bins) {
                i = bins - 1;
            }
            if (i > 0 && v < edge(lo, hi, bins, i)) {
                i--;
            } else if (i < bins - 1 && v >= edge(lo, hi, bins, i + 1)) {
                i++;
            }
            hist[i]++;
        }
        int index = bins - 1;
        for (int i = 0; i < bins; i++) {
            if (hist[i] == 0) {
                index = i;
                break;
            }
        }
        double scale = edge(lo, hi, bins, 1) - lo;
        return Math.ceil(lo + index * scale);
    }

    /** numpy.linspace(lo, hi, bins + 1)[i] */
    private static double edge(double lo, double hi, int bins, int i) {
        double step = (hi - lo) / bins;
        return i == bins ? hi : lo + i * step;
    }

    /** numpy.percentile (linear interpolation) of sorted data */
    private static double percentile(double[] sorted, double q) {
        double pos = q / 100 * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        double f = pos - i;
        return i + 1 < sorted.length ? sorted[i] + f * (sorted[i + 1] - sorted[i]) : sorted[i];
    }
}
