package tessera.lattice.network;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Simulated atomically resolved images with their atom masks, the training data of the atom-finding network
 * ({@link AtomNetTraining}), in the spirit of AtomNet (M. Ziatdinov et al., ACS Nano 11 (2017) 12742,
 * doi:10.1021/acsnano.7b07504) and AtomAI's training-set generators (M. Ziatdinov et al., Nat. Mach. Intell. 4 (2022)
 * 1101, doi:10.1038/s42256-022-00555-8). Each sample is drawn from its own seed, so a set is fixed by a seed and a
 * count. What varies, each drawn uniformly in the range given unless said otherwise:
 * <ul>
 * <li><b>lattice</b>: honeycomb (graphene-like, bond 5–24 px, log-uniform; 40 %), triangular (15 %), rectangular with
 * b/a 1–1.6 and, in 60 % of them, a centred second site 0.15–0.8 as bright (a perovskite's B columns) or, in 30 %, a
 * site at (½, 0) (15 % + 15 %: 30 %), oblique with one or two sites (15 %); lattice parameters 6–26 px, a random
 * rotation and origin; samples whose nearest-neighbour distance falls below 4.5 px are redrawn;</li>
 * <li><b>defects</b>: vacancies (0–8 % of the sites), substitutions 1.4–5 × brighter (0–4 %; a Si atom in graphene is
 * about 4 × a C atom in HAADF), positional jitter up to 0.04 of the nearest-neighbour distance, and in 20 % of the
 * samples a second grain of the same lattice in another orientation beyond a random line (atoms closer than 0.7 of
 * the nearest-neighbour distance to the first grain removed);</li>
 * <li><b>columns</b>: 2-D Gaussians (60 %) or Lorentzian-like profiles (1 + r²/γ²)<sup>−3/2</sup> (40 %) of width
 * σ = 0.15–0.32 × the nearest-neighbour distance, intensities varying 5 % from site to site;</li>
 * <li><b>background</b>: an offset 0–0.3 (half of the samples) or 0.3–2 (the other half: single atoms on a pedestal of
 * support, contamination and detector offset as large as their own peak or larger), a linear gradient up to 0.3 across
 * the image and, in 40 % of the samples,
 * 1–4 broad blobs (σ 0.1–0.5 × the image side, amplitude up to 0.6: amorphous contamination);</li>
 * <li><b>optics and scanning</b>: in half of the samples a Gaussian blur of 0.3–1.5 px; a shift of each scan row in x
 * (a linear drift shear up to 0.03 px per row, a random walk of steps up to 0.15 px and a jitter up to 0.3 px), which
 * moves the atoms' apparent positions and hence their masks too;</li>
 * <li><b>noise</b>: Poisson counts with 2–300 electrons at a unit column peak (log-uniform), then Gaussian read noise
 * up to 0.08 of the peak; in 20 % of the samples Gaussian noise alone.</li>
 * </ul>
 * The mask is 1 in a disc of radius clamp(0.22 × nearest-neighbour distance, 1.5, 4) px around the apparent centre of
 * every atom present inside the image and 0 elsewhere; the image is standardised (zero mean, unit standard deviation)
 * as {@link AtomNetModel} standardises the images it is given.
 */
public final class TrainingLattices {
    private TrainingLattices() {
    }

    /**
     * One simulated image.
     *
     * @param image  standardised pixels {@code [size*size]}, row-major
     * @param mask   atom mask {@code [size*size]} (0 or 1)
     * @param size   side in px
     * @param ys     apparent rows of the atoms inside the image {@code [n]} (px, pixel centres at integers)
     * @param xs     apparent columns {@code [n]} (px)
     * @param spacing the nearest-neighbour distance of the lattice (px)
     */
    public record Sample(float[] image, float[] mask, int size, double[] ys, double[] xs, double spacing) {
    }

    /**
     * Draws one sample.
     *
     * @param size side in px, ≥ 32
     * @param seed the sample's seed
     * @return the sample
     * @throws IllegalArgumentException if {@code size} &lt; 32
     */
    public static Sample sample(int size, long seed) {
        if (size < 32) {
            throw new IllegalArgumentException("training images need at least 32 × 32 px, not " + size);
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (;;) {
            Sample s = draw(size, r);
            if (s != null) {
                return s;
            }
        }
    }

    /** A lattice: two translations and basis sites (fractional) with relative intensities. */
    private record Lattice(double[] a, double[] b, double[][] basis, double[] weight) {
    }

    private static double u(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    private static double logU(SplittableRandom r, double lo, double hi) {
        return Math.exp(u(r, Math.log(lo), Math.log(hi)));
    }

    private static double[] rot(double[] v, double t) {
        return new double[] {v[0] * Math.cos(t) - v[1] * Math.sin(t), v[0] * Math.sin(t) + v[1] * Math.cos(t)};
    }

    private static Lattice lattice(SplittableRandom r) {
        double k = r.nextDouble();
        if (k < 0.40) { // honeycomb: a = √3 × bond, sites at 0 and (a + b)/3
            double bond = logU(r, 5, 24), a = Math.sqrt(3) * bond;
            return new Lattice(new double[] {a, 0}, new double[] {a / 2, a * Math.sqrt(3) / 2}, new double[][] { {0, 0}, {1.0 / 3, 1.0 / 3}},
                    new double[] {1, 1});
        } else if (k < 0.55) {
            double a = logU(r, 6, 26);
            return new Lattice(new double[] {a, 0}, new double[] {a / 2, a * Math.sqrt(3) / 2}, new double[][] { {0, 0}}, new double[] {1});
        } else if (k < 0.85) {
            double a = logU(r, 6, 26), b = a * u(r, 1, 1.6);
            double c = r.nextDouble();
            if (c < 0.6) {
                return new Lattice(new double[] {a, 0}, new double[] {0, b}, new double[][] { {0, 0}, {0.5, 0.5}}, new double[] {1, u(r, 0.15, 0.8)});
            } else if (c < 0.9) {
                return new Lattice(new double[] {a, 0}, new double[] {0, b}, new double[][] { {0, 0}, {0.5, 0}}, new double[] {1, u(r, 0.15, 1)});
            }
            return new Lattice(new double[] {a, 0}, new double[] {0, b}, new double[][] { {0, 0}}, new double[] {1});
        }
        double a = logU(r, 6, 26), lb = a * u(r, 1, 1.5), g = Math.toRadians(u(r, 60, 90));
        double[] va = {a, 0}, vb = {lb * Math.cos(g), lb * Math.sin(g)};
        if (r.nextBoolean()) {
            return new Lattice(va, vb, new double[][] { {0, 0}}, new double[] {1});
        }
        return new Lattice(va, vb, new double[][] { {0, 0}, {u(r, 0.3, 0.7), u(r, 0.3, 0.7)}}, new double[] {1, u(r, 0.2, 1)});
    }

    /** Sites of a lattice rotated by t with origin o, inside [−m, size + m)²: rows of (y, x, weight). */
    private static List<double[]> sites(Lattice l, double t, double[] o, int size, double m) {
        double[] a = rot(l.a(), t), b = rot(l.b(), t);
        double reach = Math.hypot(size, size) + 2 * m;
        double det = Math.abs(a[0] * b[1] - a[1] * b[0]);
        int kmax = (int) Math.ceil(reach * Math.max(Math.hypot(a[0], a[1]), Math.hypot(b[0], b[1])) / det) + 2;
        List<double[]> out = new ArrayList<>();
        for (int i = -kmax; i <= kmax; i++) {
            for (int j = -kmax; j <= kmax; j++) {
                for (int s = 0; s < l.basis().length; s++) {
                    double fi = i + l.basis()[s][0], fj = j + l.basis()[s][1];
                    double x = o[0] + fi * a[0] + fj * b[0], y = o[1] + fi * a[1] + fj * b[1];
                    if (x >= -m && x < size + m && y >= -m && y < size + m) {
                        out.add(new double[] {y, x, l.weight()[s]});
                    }
                }
            }
        }
        return out;
    }

    private static double nearest(List<double[]> at) {
        double best = Double.POSITIVE_INFINITY;
        int n = Math.min(at.size(), 400);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < at.size(); j++) {
                if (i != j) {
                    double d = Math.hypot(at.get(i)[0] - at.get(j)[0], at.get(i)[1] - at.get(j)[1]);
                    if (d > 1e-9) {
                        best = Math.min(best, d);
                    }
                }
            }
        }
        return best;
    }

    private static Sample draw(int size, SplittableRandom r) {
        Lattice l = lattice(r);
        double t1 = u(r, 0, 2 * Math.PI);
        double m = 40;
        List<double[]> atoms = sites(l, t1, new double[] {u(r, 0, size), u(r, 0, size)}, size, m);
        if (atoms.size() < 4) {
            return null;
        }
        double dnn = nearest(atoms);
        if (!(dnn >= 4.5)) {
            return null;
        }
        if (r.nextDouble() < 0.2) { // a second grain beyond a line through the image
            double ang = u(r, 0, Math.PI), py = u(r, 0.25, 0.75) * size, px = u(r, 0.25, 0.75) * size;
            double ny = Math.sin(ang), nx = Math.cos(ang);
            List<double[]> g2 = sites(l, t1 + u(r, 0.25, 0.8), new double[] {u(r, 0, size), u(r, 0, size)}, size, m);
            List<double[]> keep = new ArrayList<>();
            for (double[] p : atoms) {
                if ((p[0] - py) * ny + (p[1] - px) * nx < 0) {
                    keep.add(p);
                }
            }
            List<double[]> first = new ArrayList<>(keep);
            for (double[] p : g2) {
                if ((p[0] - py) * ny + (p[1] - px) * nx >= 0) {
                    boolean free = true;
                    for (double[] q : first) {
                        if (Math.abs(q[0] - p[0]) < dnn && Math.hypot(q[0] - p[0], q[1] - p[1]) < 0.7 * dnn) {
                            free = false;
                            break;
                        }
                    }
                    if (free) {
                        keep.add(p);
                    }
                }
            }
            atoms = keep;
        }
        double vac = u(r, 0, 0.08), sub = u(r, 0, 0.04), jit = u(r, 0, 0.04) * dnn;
        List<double[]> present = new ArrayList<>();
        for (double[] p : atoms) {
            if (r.nextDouble() < vac) {
                continue;
            }
            double w = p[2] * (1 + 0.05 * r.nextGaussian());
            if (r.nextDouble() < sub) {
                w *= u(r, 1.4, 5);
            }
            present.add(new double[] {p[0] + jit * r.nextGaussian(), p[1] + jit * r.nextGaussian(), Math.max(0.05, w)});
        }
        // scan distortion: x offset of each row
        double[] shift = new double[size];
        double shear = u(r, -0.03, 0.03), walk = u(r, 0, 0.15), jitter = u(r, 0, 0.3), acc = 0;
        for (int y = 0; y < size; y++) {
            acc += walk * r.nextGaussian();
            shift[y] = shear * (y - size / 2.0) + acc + jitter * r.nextGaussian();
        }
        double sigma = u(r, 0.15, 0.32) * dnn;
        boolean lorentz = r.nextDouble() < 0.4;
        double gamma = 1.2 * sigma;
        double reach = lorentz ? 8 * gamma : 4 * sigma;
        double[] img = new double[size * size];
        List<double[]> inside = new ArrayList<>();
        for (double[] p : present) {
            int y0 = Math.max(0, (int) Math.floor(p[0] - reach)), y1 = Math.min(size - 1, (int) Math.ceil(p[0] + reach));
            for (int y = y0; y <= y1; y++) {
                double cx = p[1] + shift[y];
                int x0 = Math.max(0, (int) Math.floor(cx - reach)), x1 = Math.min(size - 1, (int) Math.ceil(cx + reach));
                double dy = y - p[0];
                for (int x = x0; x <= x1; x++) {
                    double dx = x - cx, q = dy * dy + dx * dx;
                    img[y * size + x] += p[2] * (lorentz ? Math.pow(1 + q / (gamma * gamma), -1.5) : Math.exp(-q / (2 * sigma * sigma)));
                }
            }
            int row = (int) Math.round(p[0]);
            if (row >= 0 && row < size) {
                double ax = p[1] + shift[row];
                if (p[0] >= -0.5 && p[0] <= size - 0.5 && ax >= -0.5 && ax <= size - 0.5) {
                    inside.add(new double[] {p[0], ax});
                }
            }
        }
        // background
        // a pedestal up to twice the column peak in half of the samples: thin specimens on a support, or single atoms
        // (a C atom in HAADF) above the scattering of the rest of the specimen and the detector's offset
        double off = r.nextBoolean() ? u(r, 0, 0.3) : u(r, 0.3, 2.0), gAmp = u(r, 0, 0.3), gAng = u(r, 0, 2 * Math.PI);
        List<double[]> blobs = new ArrayList<>();
        if (r.nextDouble() < 0.4) {
            int nb = 1 + r.nextInt(4);
            for (int k = 0; k < nb; k++) {
                blobs.add(new double[] {u(r, 0, size), u(r, 0, size), u(r, 0.1, 0.5) * size, u(r, 0, 0.6)});
            }
        }
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double v = off + gAmp * ((x - size / 2.0) * Math.cos(gAng) + (y - size / 2.0) * Math.sin(gAng)) / size;
                for (double[] b : blobs) {
                    double q = (y - b[0]) * (y - b[0]) + (x - b[1]) * (x - b[1]);
                    v += b[3] * Math.exp(-q / (2 * b[2] * b[2]));
                }
                img[y * size + x] += Math.max(0, v);
            }
        }
        if (r.nextBoolean()) {
            img = tessera.lattice.internal.Filters.gaussian(img, size, size, u(r, 0.3, 1.5));
        }
        // noise
        double read = u(r, 0, 0.08);
        if (r.nextDouble() < 0.2) {
            double s = u(r, 0.02, 0.4);
            for (int i = 0; i < img.length; i++) {
                img[i] += s * r.nextGaussian();
            }
        } else {
            double dose = logU(r, 2, 300);
            for (int i = 0; i < img.length; i++) {
                img[i] = tessera.math.Poisson.sample(Math.max(0, img[i]) * dose, r) / dose + read * r.nextGaussian();
            }
        }
        float[] x = standardise(img);
        float[] mask = new float[size * size];
        double rm = Math.max(1.5, Math.min(4.0, 0.22 * dnn));
        int ri = (int) Math.ceil(rm);
        double[] ys = new double[inside.size()], xs = new double[inside.size()];
        for (int k = 0; k < inside.size(); k++) {
            double[] p = inside.get(k);
            ys[k] = p[0];
            xs[k] = p[1];
            int cy = (int) Math.round(p[0]), cx = (int) Math.round(p[1]);
            for (int y = Math.max(0, cy - ri); y <= Math.min(size - 1, cy + ri); y++) {
                for (int xx = Math.max(0, cx - ri); xx <= Math.min(size - 1, cx + ri); xx++) {
                    if ((y - p[0]) * (y - p[0]) + (xx - p[1]) * (xx - p[1]) <= rm * rm) {
                        mask[y * size + xx] = 1;
                    }
                }
            }
        }
        return new Sample(x, mask, size, ys, xs, dnn);
    }

    /**
     * Standardises pixels to zero mean and unit standard deviation (a constant image to zeros).
     *
     * @param img pixels
     * @return standardised pixels, float32
     */
    public static float[] standardise(double[] img) {
        double mean = 0;
        for (double v : img) {
            mean += v;
        }
        mean /= img.length;
        double var = 0;
        for (double v : img) {
            var += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(var / img.length);
        float[] out = new float[img.length];
        for (int i = 0; i < img.length; i++) {
            out[i] = sd > 0 ? (float) ((img[i] - mean) / sd) : 0f;
        }
        return out;
    }
}
