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
 * Neighbourhood descriptors of atomic columns from their positions.
 * <ul>
 * <li>{@code tessera.lattice.neighbours} ({@link Vectors}): the vectors to the N nearest neighbours ordered by their
 * angle from +x (counter-clockwise on the screen, i.e. from +x towards −y), each divided by the median
 * nearest-neighbour distance: 2N features (dx, dy) — Belianinov et al. 2015's local crystallography descriptor,
 * sensitive to orientation, distortion and polar displacements.</li>
 * <li>{@code tessera.lattice.bond-orientation} ({@link BondOrientation}): the local bond-orientational order
 * ψ<sub>k</sub> = (1/N) Σ exp(i k θ<sub>j</sub>) over the N nearest neighbours (Re, Im), with k the lattice's
 * symmetry (6 for graphene's and hexagonal lattices, 4 for square ones), and the mean neighbour distance relative to
 * the median: 3 features, continuous in the lattice's orientation modulo 360°/k, so grains of one crystal in
 * different orientations separate; coarse-grained (averaged over the column and its {@code average} nearest columns,
 * default 6) against the noise of single bond angles at low dose (D. R. Nelson, B. I. Halperin, Phys. Rev. B 19
 * (1979) 2457, doi:10.1103/PhysRevB.19.2457).</li>
 * </ul>
 */
public abstract sealed class NeighbourDescriptors implements LocalDescriptor permits NeighbourDescriptors.Vectors, NeighbourDescriptors.BondOrientation {

    NeighbourDescriptors() {
    }

    /** Belianinov's ordered neighbour vectors ({@code tessera.lattice.neighbours}). */
    public static final class Vectors extends NeighbourDescriptors {
        private static final List<ParameterSpec> PARAMS = List.of(ParameterSpec.ofInt("neighbours", 4, 1, 12, "number N of nearest neighbours (3 for graphene, 4 for a square lattice)"));

        @Override
        public List<ParameterSpec> parameters() {
            return PARAMS;
        }

        @Override
        public List<LiteratureReference> references() {
            return List.of(new LiteratureReference("A. Belianinov et al., Identification of phases, symmetries and defects through local crystallography, Nat. Commun. 6 (2015) 7801",
                    "10.1038/ncomms8801"));
        }

        @Override
        double[] features(double[] dy, double[] dx, double scale, Parameters p) {
            int k = dy.length;
            Integer[] o = new Integer[k];
            double[] ang = new double[k];
            for (int j = 0; j < k; j++) {
                o[j] = j;
                ang[j] = Math.atan2(-dy[j], dx[j]);
                if (ang[j] < 0) {
                    ang[j] += 2 * Math.PI;
                }
            }
            Arrays.sort(o, (a, b) -> Double.compare(ang[a], ang[b]));
            double[] f = new double[2 * k];
            for (int j = 0; j < k; j++) {
                f[2 * j] = dx[o[j]] / scale;
                f[2 * j + 1] = dy[o[j]] / scale;
            }
            return f;
        }

        @Override
        List<String> names(Parameters p) {
            List<String> n = new ArrayList<>();
            for (int j = 1; j <= p.getInt("neighbours"); j++) {
                n.add("dx" + j);
                n.add("dy" + j);
            }
            return n;
        }
    }

    /** Local bond-orientational order ψ_k ({@code tessera.lattice.bond-orientation}). */
    public static final class BondOrientation extends NeighbourDescriptors {
        private static final List<ParameterSpec> PARAMS = List.of(ParameterSpec.ofInt("neighbours", 3, 1, 12, "number N of nearest neighbours (3 for graphene, 4 for a square lattice)"),
                ParameterSpec.ofInt("symmetry", 6, 1, 12, "k of ψ_k: 6 for graphene and hexagonal lattices, 4 for square ones"),
                ParameterSpec.ofInt("average", 6, 0, 50, "coarse-graining: ψ_k and the distance averaged over the column and its M nearest columns (0: none)"));

        @Override
        public List<ParameterSpec> parameters() {
            return PARAMS;
        }

        @Override
        public List<LiteratureReference> references() {
            return List.of(new LiteratureReference("D. R. Nelson, B. I. Halperin, Dislocation-mediated melting in two dimensions, Phys. Rev. B 19 (1979) 2457", "10.1103/PhysRevB.19.2457"),
                    new LiteratureReference("A. Belianinov et al., Nat. Commun. 6 (2015) 7801", "10.1038/ncomms8801"));
        }

        @Override
        double[] features(double[] dy, double[] dx, double scale, Parameters p) {
            int s = p.getInt("symmetry");
            double re = 0, im = 0, len = 0;
            for (int j = 0; j < dy.length; j++) {
                double t = Math.atan2(-dy[j], dx[j]);
                re += Math.cos(s * t) / dy.length;
                im += Math.sin(s * t) / dy.length;
                len += Math.hypot(dy[j], dx[j]) / dy.length;
            }
            return new double[] {re, im, len / scale};
        }

        @Override
        List<String> names(Parameters p) {
            return List.of("Re psi" + p.getInt("symmetry"), "Im psi" + p.getInt("symmetry"), "mean neighbour distance / median");
        }

        /** The coarse-grained order parameter: the mean over the column and its {@code average} nearest columns. */
        @Override
        double[] smooth(double[] f, int d, double[] ys, double[] xs, Parameters p) {
            int m = p.getInt("average");
            if (m == 0) {
                return f;
            }
            int[][] nb = LatticeGeometry.nearestNeighbours(ys, xs, m);
            double[] out = new double[f.length];
            for (int i = 0; i < ys.length; i++) {
                for (int c = 0; c < d; c++) {
                    double s = f[i * d + c];
                    for (int j : nb[i]) {
                        s += f[j * d + c];
                    }
                    out[i * d + c] = s / (nb[i].length + 1);
                }
            }
            return out;
        }
    }

    abstract double[] features(double[] dy, double[] dx, double scale, Parameters p);

    abstract List<String> names(Parameters p);

    /** Coarse-graining of the features over neighbouring columns; none by default. */
    double[] smooth(double[] f, int d, double[] ys, double[] xs, Parameters p) {
        return f;
    }

    /**
     * @throws IllegalArgumentException as {@link LocalDescriptor#describe}, as an {@link IncompatibleDataException}
     *                                  naming the image's file
     */
    @Override
    public Dataset describe(Dataset image, Dataset positions, Parameters p, ProgressMonitor monitor) {
        int[] sh = positions.shape();
        if (sh.length != 2 || sh[1] != 2) {
            throw IncompatibleDataException.of(image, new IllegalArgumentException("positions must be [n, 2] (y, x), got " + Arrays.toString(sh)));
        }
        int n = sh[0], k = p.getInt("neighbours");
        if (n < k + 1) {
            throw IncompatibleDataException.of(image, new IllegalArgumentException(n + " columns are too few for " + k + " neighbours each"));
        }
        double[] pos = positions.toDoubleArray();
        double[] ys = new double[n], xs = new double[n];
        for (int i = 0; i < n; i++) {
            ys[i] = pos[2 * i];
            xs[i] = pos[2 * i + 1];
        }
        double scale = LatticeGeometry.medianNearestNeighbourDistance(ys, xs);
        int[][] nb = LatticeGeometry.nearestNeighbours(ys, xs, k);
        List<String> names = names(p);
        double[] out = new double[n * names.size()];
        monitor.begin("neighbourhood descriptors", n);
        for (int i = 0; i < n; i++) {
            int[] near = nb[i];
            double[] dy = new double[k], dx = new double[k];
            for (int j = 0; j < k; j++) {
                dy[j] = ys[near[j]] - ys[i];
                dx[j] = xs[near[j]] - xs[i];
            }
            System.arraycopy(features(dy, dx, scale, p), 0, out, i * names.size(), names.size());
        }
        out = smooth(out, names.size(), ys, xs, p);
        monitor.done();
        Metadata md = new Metadata().title("neighbourhood descriptors");
        Object src = image.metadata().get("General.original_filename");
        if (src != null) {
            md.set("General.original_filename", src);
        }
        md.set("Signal.feature_names", names);
        return Dataset.ofDoubles(out, List.of(Axis.uncalibrated("column", n, true), Axis.uncalibrated("feature", names.size(), false)), md);
    }
}
