package tessera.lattice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import tessera.core.analysis.AtomFinder;
import tessera.core.analysis.AtomResult;
import tessera.core.analysis.IncompatibleDataException;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.lattice.internal.Filters;
import tessera.lattice.internal.GaussianFit;

/**
 * {@code tessera.lattice.gaussian}: atomic columns found and refined as Atomap does.
 * <ol>
 * <li>The column spacing d: {@code separation} / 0.4 when given, else the nearest off-centre peak of the image's
 * autocorrelation (computed by FFT): the distance between neighbouring columns, which every image of a crystal repeats
 * (see {@link #spacing}).</li>
 * <li>Gaussian smoothing with σ = {@code smoothing} px (default 0.1 d), local maxima of the smoothed image at least
 * {@code separation} px apart (default 0.4 d, below the nearest-neighbour distance of a honeycomb, 0.577 d; the brighter wins, as {@code skimage.feature.peak_local_max} with
 * {@code min_distance}) and above {@code threshold} of its range.</li>
 * <li>Refinement inside a disc of radius {@code radius} × the median nearest-neighbour distance (Atomap's
 * {@code percent_to_nn}, 0.4): centre of mass of the background-subtracted pixels, iterated to 0.01 px, then (with
 * {@code refinement} = gaussian or com+gaussian) a 2-D elliptical Gaussian fitted by Levenberg–Marquardt, which gives
 * the position uncertainties, the widths, rotation and amplitude (where the fit fails, e.g. on a column nearly as wide
 * as the disc, it is tried once more in a disc 1.5 × wider).</li>
 * <li>With {@code sublattices} = 2 the columns are split by intensity (Otsu's threshold on the column intensities; the
 * bright ones are sublattice 0), the bright columns' fitted Gaussians are subtracted from the image and the dim columns
 * found again, at least 0.6 × the nearest-neighbour distance from every bright one, and refined in that difference image — Atomap's procedure for the B sites of a perovskite beside its bright A sites.</li>
 * <li>The lattice of each sublattice by {@link LatticeGeometry#fit}.</li>
 * </ol>
 * Dark columns on a bright background ({@code contrast} = dark: annular bright field) are found in the inverted
 * image (max − pixel), whose values the intensities and fits then refer to. Positions are in pixels (row, column;
 * pixel centres at integers); the image's calibration goes into each output's metadata. Sources: M. Nord et al., Adv. Struct. Chem. Imaging 3 (2017) 9, doi:10.1186/s40679-017-0042-5 (Atomap);
 * N. Otsu, IEEE Trans. Syst. Man Cybern. 9 (1979) 62, doi:10.1109/TSMC.1979.4310076; S. van der Walt et al., PeerJ 2
 * (2014) e453, doi:10.7717/peerj.453 (scikit-image's {@code peak_local_max}).
 */
public final class GaussianAtomFinder implements AtomFinder {
    /** contribution id */
    public static final String ID = "tessera.lattice.gaussian";
    /** refinement choices */
    public static final List<String> REFINEMENTS = List.of("none", "com", "gaussian", "com+gaussian");
    /** default separation and smoothing as fractions of the column spacing d */
    static final double SEPARATION_OF_D = 0.4, SMOOTHING_OF_D = 0.1;
    /** the largest image side the spacing's autocorrelation is computed on (a central crop) */
    static final int SPACING_CROP = 512;

    /** the refinement disc's radius, as a fraction of the median nearest-neighbour distance (Atomap's percent_to_nn) */
    public static final ParameterSpec RADIUS = ParameterSpec.ofDouble("radius", 0.4, 0.05, 1.0, "", "refinement disc radius as a fraction of the median nearest-neighbour distance");
    /** bright or dark columns ({@link #pixels} inverts dark images) */
    public static final ParameterSpec CONTRAST = ParameterSpec.ofChoice("contrast", "bright", List.of("bright", "dark"),
            "bright columns (HAADF, ADF) or dark columns on a bright background (ABF, some BF): dark images are inverted (max − pixel) first");

    private static final List<ParameterSpec> PARAMS = List.of(
            ParameterSpec.ofDouble("separation", 0.0, 0.0, null, "px", "smallest distance between two columns (0: 0.4 × the spacing measured from the autocorrelation)"),
            ParameterSpec.ofDouble("smoothing", 0.0, 0.0, null, "px", "σ of the Gaussian smoothing before the local maxima (0: 0.1 × the spacing)"),
            ParameterSpec.ofDouble("threshold", 0.1, 0.0, 1.0, "", "a maximum counts if the smoothed image there is above min + threshold × (max − min)"),
            ParameterSpec.ofChoice("refinement", "com+gaussian", REFINEMENTS, "centre of mass, 2-D Gaussian fit, or both (the fit starting from the centre of mass)"),
            RADIUS,
            ParameterSpec.ofInt("sublattices", 1, 1, 2, "1: all columns alike; 2: bright and dim sublattices, the dim refined after subtracting the bright"),
            CONTRAST);

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(new LiteratureReference("M. Nord et al., Atomap: a new software tool for the automated analysis of atomic resolution images using two-dimensional Gaussian fitting, Adv. Struct. Chem. Imaging 3 (2017) 9",
                "10.1186/s40679-017-0042-5"),
                new LiteratureReference("N. Otsu, A threshold selection method from gray-level histograms, IEEE Trans. Syst. Man Cybern. 9 (1979) 62", "10.1109/TSMC.1979.4310076"));
    }

    /**
     * @throws IllegalArgumentException as {@link AtomFinder#find}, as an {@link IncompatibleDataException} whose message
     *                                  starts with the image's file name
     */
    @Override
    public AtomResult find(Dataset image, Parameters p, ProgressMonitor monitor) {
        try {
            return run(image, p, monitor);
        } catch (IllegalArgumentException e) {
            throw IncompatibleDataException.of(image, e);
        }
    }

    private AtomResult run(Dataset image, Parameters p, ProgressMonitor monitor) {
        double[] img = pixels(image, p.getString("contrast"));
        int ny = image.shape()[0], nx = image.shape()[1];
        monitor.begin("atom finding", 4);
        double sep = p.getDouble("separation");
        double d = sep > 0 ? sep / SEPARATION_OF_D : spacing(img, ny, nx);
        if (sep <= 0) {
            sep = SEPARATION_OF_D * d;
        }
        double sm = p.getDouble("smoothing") > 0 ? p.getDouble("smoothing") : SMOOTHING_OF_D * d;
        double[] smooth = Filters.gaussian(img, ny, nx, sm);
        List<int[]> peaks = localMaxima(smooth, ny, nx, sep, p.getDouble("threshold"));
        monitor.worked(1);
        if (peaks.isEmpty()) {
            throw new IllegalArgumentException("no atomic column found (separation " + fmt(sep) + " px, threshold " + p.getDouble("threshold") + ")");
        }
        int n = peaks.size();
        double[] ys = new double[n], xs = new double[n];
        for (int i = 0; i < n; i++) {
            ys[i] = peaks.get(i)[0];
            xs[i] = peaks.get(i)[1];
        }
        double dnn = n >= 2 ? LatticeGeometry.medianNearestNeighbourDistance(ys, xs) : d;
        double radius = Math.max(1.5, p.getDouble("radius") * dnn);
        String ref = p.getString("refinement");
        boolean com = ref.startsWith("com"), gauss = ref.endsWith("gaussian");
        if (com) {
            centreOfMass(img, ny, nx, ys, xs, radius, null);
        }
        monitor.worked(1);
        double[] intensity = intensities(img, ny, nx, ys, xs, radius);
        int sublattices = p.getInt("sublattices");
        int[] sub = new int[n];
        double[][] gaussian;
        if (sublattices == 2 && n >= 2) {
            // Atomap: the bright columns (Otsu on the column intensities), fitted and subtracted; the dim columns are
            // then found, and refined, in the difference image, where the bright columns' flanks no longer hide them,
            // at least max(separation, 0.6 × nearest-neighbour distance) from every bright column
            double t = otsu(intensity);
            int[] bright = IntStream.range(0, n).filter(i -> intensity[i] > t).toArray();
            double[] by = new double[bright.length], bx = new double[bright.length];
            for (int k = 0; k < bright.length; k++) {
                by[k] = ys[bright[k]];
                bx[k] = xs[bright[k]];
            }
            double[][] bg = new double[bright.length][];
            fit(img, ny, nx, by, bx, radius, IntStream.range(0, bright.length).toArray(), bg);
            double[] diff = img.clone();
            for (double[] g : bg) {
                if (g != null) {
                    subtract(diff, ny, nx, g, 4 * radius);
                }
            }
            double[] dsmooth = Filters.gaussian(diff, ny, nx, sm);
            // what an imperfect subtraction leaves lies close to the bright column: a dim column is at least
            // 0.6 × the nearest-neighbour distance (and the separation) away from every bright one
            double exclusion = Math.max(sep, 0.6 * dnn);
            List<int[]> dimPeaks = new ArrayList<>();
            for (int[] q : localMaxima(dsmooth, ny, nx, sep, p.getDouble("threshold"))) {
                boolean free = true;
                for (int k = 0; k < bright.length && free; k++) {
                    free = Math.hypot(q[0] - by[k], q[1] - bx[k]) >= exclusion;
                }
                if (free) {
                    dimPeaks.add(q);
                }
            }
            int nb = bright.length, nd = dimPeaks.size();
            n = nb + nd;
            ys = Arrays.copyOf(by, n);
            xs = Arrays.copyOf(bx, n);
            sub = new int[n];
            for (int k = 0; k < nd; k++) {
                ys[nb + k] = dimPeaks.get(k)[0];
                xs[nb + k] = dimPeaks.get(k)[1];
                sub[nb + k] = 1;
            }
            int[] dim = IntStream.range(nb, n).toArray();
            gaussian = new double[n][];
            if (com) {
                centreOfMass(diff, ny, nx, ys, xs, radius, dim);
            }
            if (gauss) {
                System.arraycopy(bg, 0, gaussian, 0, nb);
                fit(diff, ny, nx, ys, xs, radius, dim, gaussian);
            }
        } else {
            gaussian = new double[n][];
            if (gauss) {
                fit(img, ny, nx, ys, xs, radius, IntStream.range(0, n).toArray(), gaussian);
            }
        }
        monitor.worked(1);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("Signal.spacing_px", d);
        extra.put("Signal.separation_px", sep);
        extra.put("Signal.smoothing_px", sm);
        Map<String, Object> used = new LinkedHashMap<>(p.values());
        used.put("separation", sep);
        used.put("smoothing", sm);
        AtomResult result = result(ID, image, img, ys, xs, sub, gaussian, radius, extra, Parameters.of(PARAMS, used));
        monitor.worked(1);
        monitor.done();
        return result;
    }


    /**
     * The pixels of an image to find columns in, checked: one 2-D image of at least 8 × 8 finite, not all equal pixels;
     * with {@code contrast} "dark" inverted (max − pixel) so that columns are bright.
     *
     * @param image    the image {@code [ny, nx]}
     * @param contrast "bright" or "dark"
     * @return its pixels {@code [ny*nx]}, row-major (a new array)
     * @throws IllegalArgumentException if the dataset is not a single image, is smaller than 8 × 8 px, holds NaN or
     *                                  infinite pixels or is constant
     */
    public static double[] pixels(Dataset image, String contrast) {
        if (image.signalAxes().size() != 2 || image.navigationDimension() != 0) {
            throw new IllegalArgumentException("atom finding needs one 2-D image; got shape " + Arrays.toString(image.shape())
                    + (image.navigationDimension() > 0 ? " (an image series: choose a frame)" : ""));
        }
        int ny = image.shape()[0], nx = image.shape()[1];
        if (ny < 8 || nx < 8) {
            throw new IllegalArgumentException("image of " + ny + " × " + nx + " px is too small for atom finding");
        }
        double[] img = image.toDoubleArray();
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : img) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("the image has NaN or infinite pixels");
            }
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (!(hi > lo)) {
            throw new IllegalArgumentException("the image is constant (" + lo + "): no columns to find");
        }
        if ("dark".equals(contrast)) {
            for (int i = 0; i < img.length; i++) {
                img[i] = hi - img[i];
            }
        }
        return img;
    }

    /**
     * Refines columns found by another route (e.g. the maxima of a network's atom-probability map) as this finder
     * refines its own, and gives the same result: centre of mass and/or a 2-D elliptical Gaussian per column in a disc
     * of {@code radius} × the median nearest-neighbour distance, the column intensities, with {@code sublattices} = 2
     * a split into bright and dim columns by Otsu's threshold on their intensities (no second search), and the lattice
     * vectors of each sublattice ({@link LatticeGeometry#fit}). Positions are (row, column) in px with pixel centres at
     * integers; Atomap's refinement (Nord et al., Adv. Struct. Chem. Imaging 3 (2017) 9, doi:10.1186/s40679-017-0042-5).
     *
     * @param algorithmId the contribution id recorded in the result
     * @param image       the image {@code [ny, nx]}, for its calibration and source
     * @param pixels      its pixels from {@link #pixels} {@code [ny*nx]}
     * @param ys          candidate rows {@code [n]} (px); not changed
     * @param xs          candidate columns {@code [n]} (px); not changed
     * @param refinement  one of {@link #REFINEMENTS}
     * @param radius      refinement disc radius as a fraction of the median nearest-neighbour distance, (0, 1]
     * @param sublattices 1 or 2
     * @param signal      further {@code Signal.*} metadata of every output (e.g. the threshold used), in order
     * @param used        the parameters to record
     * @return the columns; those refined to a centre outside the image are dropped
     * @throws IllegalArgumentException if there is no candidate, or none is left inside the image
     */
    public static AtomResult refine(String algorithmId, Dataset image, double[] pixels, double[] ys, double[] xs, String refinement, double radius,
            int sublattices, Map<String, Object> signal, Parameters used) {
        int n = ys.length;
        if (n == 0) {
            throw new IllegalArgumentException("no atomic column found");
        }
        int ny = image.shape()[0], nx = image.shape()[1];
        double[] y = ys.clone(), x = xs.clone();
        double dnn = n >= 2 ? LatticeGeometry.medianNearestNeighbourDistance(y, x) : Math.min(ny, nx) / 4.0;
        double r = Math.max(1.5, radius * dnn);
        if (refinement.startsWith("com")) {
            centreOfMass(pixels, ny, nx, y, x, r, null);
        }
        double[][] gaussian = new double[n][];
        if (refinement.endsWith("gaussian")) {
            fit(pixels, ny, nx, y, x, r, IntStream.range(0, n).toArray(), gaussian);
        }
        int[] sub = new int[n];
        if (sublattices == 2 && n >= 2) {
            double[] in = intensities(pixels, ny, nx, y, x, r);
            double t = otsu(in);
            for (int i = 0; i < n; i++) {
                sub[i] = in[i] > t ? 0 : 1;
            }
        }
        return result(algorithmId, image, pixels, y, x, sub, gaussian, r, signal, used);
    }

    /**
     * The result of refined columns: positions taken from the fits where there are fits, columns outside the image
     * dropped, ordered sublattice by sublattice and brightest first, lattice vectors per sublattice.
     */
    static AtomResult result(String id, Dataset image, double[] img, double[] ys, double[] xs, int[] sub, double[][] gaussian, double radius,
            Map<String, Object> extra, Parameters used) {
        double[] syv = new double[ys.length], sxv = new double[ys.length];
        int n0 = ys.length;
        Arrays.fill(syv, Double.NaN);
        Arrays.fill(sxv, Double.NaN);
        for (int i = 0; i < n0; i++) {
            if (gaussian[i] != null) {
                ys[i] = gaussian[i][6];
                xs[i] = gaussian[i][7];
                syv[i] = gaussian[i][8];
                sxv[i] = gaussian[i][9];
            }
        }
        int ny = image.shape()[0], nx = image.shape()[1];
        int n = ys.length;
        final double[] inten = intensities(img, ny, nx, ys, xs, radius);
        final int[] fsub = sub;
        // order: sublattice by sublattice, brightest first
        // a column refined to a centre outside the image (an edge column's fit running off) is not a column of it
        final double[] fys = ys, fxs = xs;
        Integer[] order = IntStream.range(0, n).filter(i -> fys[i] >= -0.5 && fxs[i] >= -0.5 && fys[i] <= ny - 0.5 && fxs[i] <= nx - 0.5).boxed()
                .toArray(Integer[]::new);
        if (order.length == 0) {
            throw new IllegalArgumentException("no atomic column found inside the image");
        }
        Arrays.sort(order, (a, b) -> fsub[a] != fsub[b] ? Integer.compare(fsub[a], fsub[b]) : Double.compare(inten[b], inten[a]));
        n = order.length;
        double[] pos = new double[2 * n], std = new double[2 * n], in = new double[n], g = new double[6 * n];
        int[] sl = new int[n];
        boolean anyFit = false;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            pos[2 * k] = ys[i];
            pos[2 * k + 1] = xs[i];
            std[2 * k] = syv[i];
            std[2 * k + 1] = sxv[i];
            in[k] = inten[i];
            sl[k] = sub[i];
            for (int c = 0; c < 6; c++) {
                g[6 * k + c] = gaussian[i] == null ? Double.NaN : gaussian[i][c];
            }
            anyFit |= gaussian[i] != null;
        }
        int ns = Arrays.stream(sl).max().orElse(0) + 1;
        double[] lv = new double[4 * ns];
        Arrays.fill(lv, Double.NaN);
        for (int s = 0; s < ns; s++) {
            final int fs = s;
            int[] members = IntStream.range(0, sl.length).filter(k -> sl[k] == fs).toArray();
            double[] my = new double[members.length], mx = new double[members.length];
            for (int q = 0; q < members.length; q++) {
                my[q] = pos[2 * members[q]];
                mx[q] = pos[2 * members[q] + 1];
            }
            LatticeGeometry.Lattice l = LatticeGeometry.fit(my, mx);
            if (l != null) {
                lv[4 * s] = l.a()[0];
                lv[4 * s + 1] = l.a()[1];
                lv[4 * s + 2] = l.b()[0];
                lv[4 * s + 3] = l.b()[1];
            }
        }

        Metadata md = calibration(image);
        extra.forEach(md::set);
        md.set("Signal.refinement_radius_px", radius);
        Map<String, Dataset> out = new LinkedHashMap<>();
        out.put(AtomResult.POSITIONS, Dataset.ofDoubles(pos, List.of(Axis.uncalibrated("column", n, true), Axis.uncalibrated("(y, x)", 2, false)), md.copy().title("column positions (px)")));
        out.put(AtomResult.POSITION_STD, Dataset.ofDoubles(std, List.of(Axis.uncalibrated("column", n, true), Axis.uncalibrated("(y, x)", 2, false)), md.copy().title("position standard deviations (px)")));
        out.put(AtomResult.SUBLATTICE, Dataset.ofInts(sl, List.of(Axis.uncalibrated("column", n, false)), md.copy().title("sublattice")));
        out.put(AtomResult.INTENSITY, Dataset.ofDoubles(in, List.of(Axis.uncalibrated("column", n, false)), md.copy().title("column intensity (disc mean)")));
        if (anyFit) {
            out.put(AtomResult.GAUSSIAN, Dataset.ofDoubles(g, List.of(Axis.uncalibrated("column", n, true), Axis.uncalibrated("(A, sigma_a, sigma_b, rotation, background, rms)", 6, false)),
                    md.copy().title("2-D Gaussian fits")));
        }
        out.put(AtomResult.LATTICE_VECTORS, Dataset.ofDoubles(lv, List.of(Axis.uncalibrated("sublattice", ns, true), Axis.uncalibrated("vector (a, b)", 2, true),
                Axis.uncalibrated("(dy, dx)", 2, false)), md.copy().title("projected lattice vectors (px)")));
        return new AtomResult(id, out, used);
    }
    /**
     * The image's pixel size: {@code Signal.pixel_size} (in {@code Signal.pixel_units}: "nm" for a calibrated image,
     * "px" when it is not, or the axis's own units if they are not a length Tessera converts), and the image's source.
     */
    static Metadata calibration(Dataset image) {
        Axis x = image.signalAxes().get(1);
        String u = x.units() == null ? "" : x.units().trim();
        double f = switch (u) {
            case "nm" -> 1;
            case "Å", "A", "angstrom" -> 0.1;
            case "pm" -> 1e-3;
            case "µm", "um" -> 1e3;
            default -> Double.NaN;
        };
        Metadata md = new Metadata();
        Object src = image.metadata().get("General.original_filename");
        if (src != null) {
            md.set("General.original_filename", src);
        }
        if (!Double.isNaN(f)) {
            md.set("Signal.pixel_size", x.scale() * f).set("Signal.pixel_units", "nm");
        } else if (u.isEmpty() && x.scale() == 1.0) {
            md.set("Signal.pixel_size", 1.0).set("Signal.pixel_units", "px");
        } else {
            md.set("Signal.pixel_size", x.scale()).set("Signal.pixel_units", u.isEmpty() ? "(units not given)" : u);
        }
        return md;
    }

    /**
     * The column spacing d: the distance of the nearest off-centre maximum (over 5 × 5 lags) of the autocorrelation
     * {@code IFFT(|FFT(g − mean)|²)} of the image smoothed with σ = 1 px, among the maxima that reach 30 % of the highest
     * off-centre one (so noise ripples do not count). It is the shortest strong translation of the column pattern: the
     * lattice parameter of graphene's honeycomb (not its bond), the A–B distance of a perovskite whose B columns show.
     * Larger images are cropped to their central 512 × 512 px first.
     *
     * @param img pixels {@code [ny*nx]}
     * @param ny  rows
     * @param nx  columns
     * @return d in px
     * @throws IllegalArgumentException if the autocorrelation has no off-centre maximum (no periodic structure)
     */
    public static double spacing(double[] img, int ny, int nx) {
        // a central crop of at most 512 × 512 px holds hundreds of columns: enough for the spacing, 16× cheaper on 2048²
        int cy = Math.min(ny, SPACING_CROP), cx = Math.min(nx, SPACING_CROP);
        if (cy < ny || cx < nx) {
            int y0 = (ny - cy) / 2, x0 = (nx - cx) / 2;
            double[] crop = new double[cy * cx];
            for (int y = 0; y < cy; y++) {
                System.arraycopy(img, (y0 + y) * nx + x0, crop, y * cx, cx);
            }
            img = crop;
            ny = cy;
            nx = cx;
        }
        double[] g = Filters.gaussian(img, ny, nx, 1.0);
        double mean = Arrays.stream(g).average().orElse(0);
        double[] re = new double[g.length], im = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            re[i] = g[i] - mean;
        }
        tessera.math.Fft.transform2d(re, im, ny, nx, false);
        for (int i = 0; i < re.length; i++) {
            re[i] = re[i] * re[i] + im[i] * im[i];
            im[i] = 0;
        }
        tessera.math.Fft.transform2d(re, im, ny, nx, true);
        int hy = ny / 2, hx = nx / 2;
        List<double[]> maxima = new ArrayList<>(); // r, value
        double top = Double.NEGATIVE_INFINITY;
        for (int dy = -hy + 1; dy < hy; dy++) {
            for (int dx = -hx + 1; dx < hx; dx++) {
                double r = Math.hypot(dy, dx);
                if (r < 2 || dy < 0 || dy == 0 && dx < 0) {
                    continue;
                }
                double v = acf(re, ny, nx, dy, dx);
                boolean isMax = v > 0;
                for (int a = -2; a <= 2 && isMax; a++) {
                    for (int b = -2; b <= 2 && isMax; b++) {
                        if ((a != 0 || b != 0) && acf(re, ny, nx, dy + a, dx + b) > v) {
                            isMax = false;
                        }
                    }
                }
                if (isMax) {
                    maxima.add(new double[] {r, v});
                    top = Math.max(top, v);
                }
            }
        }
        double best = Double.POSITIVE_INFINITY;
        for (double[] m : maxima) {
            if (m[1] >= 0.3 * top) {
                best = Math.min(best, m[0]);
            }
        }
        if (!Double.isFinite(best)) {
            throw new IllegalArgumentException("no periodic structure in the image (its autocorrelation has no off-centre peak): give the separation");
        }
        return best;
    }

    private static double acf(double[] re, int ny, int nx, int dy, int dx) {
        return re[Math.floorMod(dy, ny) * nx + Math.floorMod(dx, nx)];
    }

    /** Local maxima at least {@code sep} apart (brighter first, greedy), above the threshold; (row, col). */
    static List<int[]> localMaxima(double[] s, int ny, int nx, double sep, double threshold) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : s) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double t = lo + threshold * (hi - lo);
        // candidates: maxima over a square of half-width sep/2 (a full-width square would reach the flank of a
        // neighbour on its diagonal and hide the dimmer of two columns); the Euclidean separation is enforced below
        int r = Math.max(1, (int) Math.floor(sep / 2));
        double[] mx = Filters.maximum(s, ny, nx, r);
        List<int[]> cand = new ArrayList<>();
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                int i = y * nx + x;
                if (s[i] == mx[i] && s[i] > t) {
                    cand.add(new int[] {y, x});
                }
            }
        }
        cand.sort((a, b) -> Double.compare(s[b[0] * nx + b[1]], s[a[0] * nx + a[1]]));
        // greedy suppression within sep (a plateau gives several equal maxima; the square filter lets corners through)
        int cell = Math.max(1, (int) Math.ceil(sep));
        int gy = ny / cell + 1, gx = nx / cell + 1;
        List<List<int[]>> grid = new ArrayList<>(gy * gx);
        for (int i = 0; i < gy * gx; i++) {
            grid.add(null);
        }
        List<int[]> kept = new ArrayList<>();
        double s2 = sep * sep;
        for (int[] c : cand) {
            int cy = c[0] / cell, cx = c[1] / cell;
            boolean ok = true;
            for (int a = Math.max(0, cy - 1); a <= Math.min(gy - 1, cy + 1) && ok; a++) {
                for (int b = Math.max(0, cx - 1); b <= Math.min(gx - 1, cx + 1) && ok; b++) {
                    List<int[]> l = grid.get(a * gx + b);
                    if (l != null) {
                        for (int[] k : l) {
                            double dy = k[0] - c[0], dx = k[1] - c[1];
                            if (dy * dy + dx * dx < s2) {
                                ok = false;
                                break;
                            }
                        }
                    }
                }
            }
            if (ok) {
                kept.add(c);
                int g = cy * gx + cx;
                if (grid.get(g) == null) {
                    grid.set(g, new ArrayList<>());
                }
                grid.get(g).add(c);
            }
        }
        return kept;
    }

    /**
     * Iterated centre of mass of (pixel − disc minimum) within a disc around each listed column, to 0.01 px (at most
     * 20 iterations); a column that would move further than the disc from where it started keeps its start (it went to
     * a neighbour). Atomap's {@code refine_atom_positions_using_center_of_mass} (Nord et al., Adv. Struct. Chem.
     * Imaging 3 (2017) 9, doi:10.1186/s40679-017-0042-5).
     *
     * @param img    pixels {@code [ny*nx]}, columns bright
     * @param ny     rows
     * @param nx     columns
     * @param ys     rows of the columns {@code [n]} (px), refined in place
     * @param xs     columns {@code [n]} (px), refined in place
     * @param radius disc radius (px)
     * @param which  the columns to refine, or null for all
     */
    public static void centreOfMass(double[] img, int ny, int nx, double[] ys, double[] xs, double radius, int[] which) {
        int[] idx = which != null ? which : IntStream.range(0, ys.length).toArray();
        IntStream.of(idx).parallel().forEach(i -> {
            double y = ys[i], x = xs[i];
            for (int it = 0; it < 20; it++) {
                int r = (int) Math.ceil(radius);
                int cy = (int) Math.round(y), cx = (int) Math.round(x);
                double min = Double.POSITIVE_INFINITY;
                for (int yy = Math.max(0, cy - r); yy <= Math.min(ny - 1, cy + r); yy++) {
                    for (int xx = Math.max(0, cx - r); xx <= Math.min(nx - 1, cx + r); xx++) {
                        if ((yy - y) * (yy - y) + (xx - x) * (xx - x) <= radius * radius) {
                            min = Math.min(min, img[yy * nx + xx]);
                        }
                    }
                }
                double sw = 0, sy = 0, sx = 0;
                for (int yy = Math.max(0, cy - r); yy <= Math.min(ny - 1, cy + r); yy++) {
                    for (int xx = Math.max(0, cx - r); xx <= Math.min(nx - 1, cx + r); xx++) {
                        if ((yy - y) * (yy - y) + (xx - x) * (xx - x) <= radius * radius) {
                            double w = img[yy * nx + xx] - min;
                            sw += w;
                            sy += w * yy;
                            sx += w * xx;
                        }
                    }
                }
                if (!(sw > 0)) {
                    break;
                }
                double ny2 = sy / sw, nx2 = sx / sw;
                double shift = Math.hypot(ny2 - y, nx2 - x);
                y = ny2;
                x = nx2;
                if (shift < 0.01) {
                    break;
                }
            }
            // a column that wandered further than the disc from its peak went to a neighbour: keep the peak
            if (Math.hypot(y - ys[i], x - xs[i]) <= radius) {
                ys[i] = y;
                xs[i] = x;
            }
        });
    }

    /**
     * Fits each listed column, in the refinement disc and, where that fails, once more in a disc 1.5 × wider;
     * gaussian[i] = {A, σa, σb, rotation, B, rms, y0, x0, σy0, σx0}, null where both fail.
     */
    private static void fit(double[] img, int ny, int nx, double[] ys, double[] xs, double radius, int[] which, double[][] gaussian) {
        IntStream.of(which).parallel().forEach(i -> {
            GaussianFit f = GaussianFit.fit(img, ny, nx, ys[i], xs[i], radius);
            if (f == null) { // a column nearly as wide as the disc has no curvature left to fit: once more in a wider disc
                f = GaussianFit.fit(img, ny, nx, ys[i], xs[i], 1.5 * radius);
            }
            gaussian[i] = f == null ? null : new double[] {f.amplitude, f.sigmaA, f.sigmaB, f.rotation, f.background, f.rms, f.y0, f.x0, f.sy0, f.sx0};
        });
    }

    /** Subtracts a fitted Gaussian (no background) within {@code reach} px of its centre. */
    private static void subtract(double[] img, int ny, int nx, double[] g, double reach) {
        double ca = Math.cos(g[3]), sa = Math.sin(g[3]);
        int r = (int) Math.ceil(reach);
        int cy = (int) Math.round(g[6]), cx = (int) Math.round(g[7]);
        for (int y = Math.max(0, cy - r); y <= Math.min(ny - 1, cy + r); y++) {
            for (int x = Math.max(0, cx - r); x <= Math.min(nx - 1, cx + r); x++) {
                double dx = x - g[7], dy = y - g[6];
                double u = dx * ca + dy * sa, w = -dx * sa + dy * ca;
                img[y * nx + x] -= g[0] * Math.exp(-(u * u / (2 * g[1] * g[1]) + w * w / (2 * g[2] * g[2])));
            }
        }
    }

    /**
     * The mean of the image over a disc around each column.
     *
     * @param img    pixels {@code [ny*nx]}
     * @param ny     rows
     * @param nx     columns
     * @param ys     rows {@code [n]} (px)
     * @param xs     columns {@code [n]} (px)
     * @param radius disc radius (px)
     * @return the means {@code [n]}; NaN for a disc entirely outside the image
     */
    public static double[] intensities(double[] img, int ny, int nx, double[] ys, double[] xs, double radius) {
        double[] out = new double[ys.length];
        IntStream.range(0, ys.length).parallel().forEach(i -> {
            int r = (int) Math.ceil(radius);
            int cy = (int) Math.round(ys[i]), cx = (int) Math.round(xs[i]);
            double s = 0;
            int c = 0;
            for (int yy = Math.max(0, cy - r); yy <= Math.min(ny - 1, cy + r); yy++) {
                for (int xx = Math.max(0, cx - r); xx <= Math.min(nx - 1, cx + r); xx++) {
                    if ((yy - ys[i]) * (yy - ys[i]) + (xx - xs[i]) * (xx - xs[i]) <= radius * radius) {
                        s += img[yy * nx + xx];
                        c++;
                    }
                }
            }
            out[i] = c == 0 ? Double.NaN : s / c;
        });
        return out;
    }

    /**
     * Otsu's threshold of a set of values: the cut between sorted values that maximises the between-class variance.
     *
     * @param v values, at least two
     * @return a threshold t; values above t form the upper class
     */
    public static double otsu(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        double total = Arrays.stream(s).sum();
        double best = Double.NEGATIVE_INFINITY, t = s[0];
        double left = 0;
        for (int k = 1; k < n; k++) {
            left += s[k - 1];
            double m0 = left / k, m1 = (total - left) / (n - k);
            double between = (double) k * (n - k) * (m0 - m1) * (m0 - m1);
            if (between > best && s[k] > s[k - 1]) {
                best = between;
                t = 0.5 * (s[k - 1] + s[k]);
            }
        }
        return t;
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.3g", v);
    }
}
