package tessera.lattice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import tessera.core.analysis.IncompatibleDataException;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.LocalDescriptor;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;

/**
 * {@code tessera.lattice.patches}: the image around each atomic column as its descriptor — a square patch of
 * {@code size} × {@code size} px centred on the column's sub-pixel position (bilinear interpolation, edges extended),
 * optionally normalised to zero mean and unit norm so that clustering sees the shape of the neighbourhood, not its
 * brightness, as AtomAI's local image descriptors ({@code atomai.stat.imlocal}).
 * <p>
 * Sources: A. Belianinov et al., Nat. Commun. 6 (2015) 7801, doi:10.1038/ncomms8801; M. Ziatdinov et al., ACS Nano 11
 * (2017) 12742, doi:10.1021/acsnano.7b07504.
 */
public final class PatchDescriptor implements LocalDescriptor {
    private static final List<ParameterSpec> PARAMS = List.of(
            ParameterSpec.ofInt("size", 0, 0, 255, "patch side in px, odd (0: 2 × round(0.75 × the median nearest-neighbour distance) + 1)"),
            ParameterSpec.ofBoolean("normalize", true, "zero mean and unit norm per patch"));

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(new LiteratureReference("A. Belianinov et al., Identification of phases, symmetries and defects through local crystallography, Nat. Commun. 6 (2015) 7801",
                "10.1038/ncomms8801"),
                new LiteratureReference("M. Ziatdinov et al., Deep learning of atomically resolved scanning transmission electron microscopy images: chemical identification and tracking local transformations, ACS Nano 11 (2017) 12742",
                        "10.1021/acsnano.7b07504"));
    }

    /**
     * @throws IllegalArgumentException as {@link LocalDescriptor#describe}, as an {@link IncompatibleDataException}
     *                                  naming the image's file; also for an even patch size
     */
    @Override
    public Dataset describe(Dataset image, Dataset positions, Parameters p, ProgressMonitor monitor) {
        if (image.signalAxes().size() != 2 || image.navigationDimension() != 0) {
            throw IncompatibleDataException.of(image, new IllegalArgumentException("patches need one 2-D image, got shape " + Arrays.toString(image.shape())));
        }
        int[] sh = positions.shape();
        if (sh.length != 2 || sh[1] != 2 || sh[0] < 2) {
            throw IncompatibleDataException.of(image, new IllegalArgumentException("positions must be [n ≥ 2, 2] (y, x), got " + Arrays.toString(sh)));
        }
        int n = sh[0], ny = image.shape()[0], nx = image.shape()[1];
        double[] pos = positions.toDoubleArray();
        double[] ys = new double[n], xs = new double[n];
        for (int i = 0; i < n; i++) {
            ys[i] = pos[2 * i];
            xs[i] = pos[2 * i + 1];
        }
        int size = p.getInt("size");
        if (size == 0) {
            size = 2 * (int) Math.round(0.75 * LatticeGeometry.medianNearestNeighbourDistance(ys, xs)) + 1;
        }
        if (size % 2 == 0) {
            throw IncompatibleDataException.of(image, new IllegalArgumentException("the patch size must be odd, got " + size));
        }
        double[] img = image.toDoubleArray();
        int h = size / 2, d = size * size;
        double[] out = new double[n * d];
        boolean norm = p.getBoolean("normalize");
        monitor.begin("image patches", n);
        for (int i = 0; i < n; i++) {
            int o = i * d;
            for (int a = -h; a <= h; a++) {
                for (int b = -h; b <= h; b++) {
                    out[o + (a + h) * size + (b + h)] = bilinear(img, ny, nx, ys[i] + a, xs[i] + b);
                }
            }
            if (norm) {
                double m = 0;
                for (int k = 0; k < d; k++) {
                    m += out[o + k] / d;
                }
                double s = 0;
                for (int k = 0; k < d; k++) {
                    out[o + k] -= m;
                    s += out[o + k] * out[o + k];
                }
                double r = s > 0 ? 1 / Math.sqrt(s) : 0;
                for (int k = 0; k < d; k++) {
                    out[o + k] *= r;
                }
            }
        }
        monitor.done();
        List<String> names = new ArrayList<>();
        for (int a = -h; a <= h; a++) {
            for (int b = -h; b <= h; b++) {
                names.add("(" + a + "," + b + ")");
            }
        }
        Metadata md = new Metadata().title("image patches (" + size + " x " + size + " px)");
        Object src = image.metadata().get("General.original_filename");
        if (src != null) {
            md.set("General.original_filename", src);
        }
        md.set("Signal.feature_names", names).set("Signal.patch_size_px", size);
        return Dataset.ofDoubles(out, List.of(Axis.uncalibrated("column", n, true), Axis.uncalibrated("patch pixel", d, false)), md);
    }

    private static double bilinear(double[] img, int ny, int nx, double y, double x) {
        y = Math.max(0, Math.min(ny - 1, y));
        x = Math.max(0, Math.min(nx - 1, x));
        int y0 = (int) Math.floor(y), x0 = (int) Math.floor(x);
        int y1 = Math.min(ny - 1, y0 + 1), x1 = Math.min(nx - 1, x0 + 1);
        double fy = y - y0, fx = x - x0;
        return (1 - fy) * ((1 - fx) * img[y0 * nx + x0] + fx * img[y0 * nx + x1]) + fy * ((1 - fx) * img[y1 * nx + x0] + fx * img[y1 * nx + x1]);
    }
}
