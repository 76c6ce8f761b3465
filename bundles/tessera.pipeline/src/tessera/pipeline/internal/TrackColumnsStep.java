package tessera.pipeline.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tessera.core.analysis.AtomFinder;
import tessera.core.analysis.AtomResult;
import tessera.core.analysis.IncompatibleDataException;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.ImageStack;
import tessera.core.model.Metadata;
import tessera.core.registry.Registry;
import tessera.lattice.ColumnTracks;
import tessera.lattice.GaussianAtomFinder;
import tessera.lattice.LatticeGeometry;
import tessera.lattice.SeriesAlignment;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.Step;
import tessera.pipeline.StepContext;

/**
 * {@code tessera.pipeline.track-columns}: an image series {@code [frames, y, x]} to its drift per frame (cross- or
 * phase correlation of every frame with the first, {@link SeriesAlignment}, 1/{@code upsample} px), the atomic columns
 * of every frame (the atom finder {@code finder}, a {@code latticeAnalyzers} contribution, with {@code contrast},
 * {@code separation}, {@code smoothing} and {@code sublattices}), and the columns of frame 0 followed through the
 * series ({@link ColumnTracks}, within {@code tolerance} × frame 0's median nearest-neighbour distance: with
 * {@code linking} = detect by linking each frame's columns, with refine by refining frame 0's sites in every frame,
 * {@link ColumnTracks#refine}); the tracked
 * fraction ({@code Signal.tracked_throughout}) counts the sites that stay at least the tolerance inside the field of
 * view in every frame. Outputs:
 * {@code drift} {@code [frames, 2]} (dy, dx px), {@code tracks} {@code [sites, frames, 2]} (drift-corrected y, x px;
 * NaN where not seen), {@code intensities} {@code [sites, frames]} and {@code labels} {@code [sites, frames]} (the
 * column's sublattice in each frame, or with {@code classes} = k its intensity class, −1 where not seen), which
 * {@code tessera dynamics} takes as class trajectories.
 */
public final class TrackColumnsStep implements Step {
    /** step id */
    public static final String ID = "tessera.pipeline.track-columns";

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.ofString("finder", "tessera.lattice.gaussian", "the atom finder (a latticeAnalyzers contribution)"),
                ParameterSpec.ofChoice("contrast", "bright", List.of("bright", "dark"), "bright columns (HAADF, ADF) or dark columns (ABF)"),
                ParameterSpec.ofDouble("separation", 0.0, 0.0, null, "px", "the finder's separation (0: its default)"),
                ParameterSpec.ofDouble("smoothing", 0.0, 0.0, null, "px", "the finder's smoothing (0: its default)"),
                ParameterSpec.ofInt("sublattices", 1, 1, 2, "the finder's sublattices; the labels are the sublattice per frame"),
                ParameterSpec.ofInt("upsample", 100, 1, 1000, "drift precision 1/upsample px"),
                ParameterSpec.ofInt("maxStep", 0, 0, 10_000, "largest drift between consecutive frames in px: register each frame with the one before "
                        + "within it (0: every frame with the first, unbounded)"),
                ParameterSpec.ofChoice("normalization", "none", List.of("none", "phase"),
                        "drift by plain cross-correlation (none) or phase correlation (phase, scikit-image's default; fragile on low-dose lattice images)"),
                ParameterSpec.ofChoice("linking", "detect", List.of("detect", "refine"),
                        "detect: the finder in every frame, columns linked to the drifted sites; refine: the finder in frame 0 only, each site refined "
                                + "(centre of mass) in every frame from its drifted position, so faint columns a frame's finder misses are still followed"),
                ParameterSpec.ofDouble("tolerance", 0.5, 0.01, 2.0, "", "largest site–column distance after drift correction, × frame 0's median nearest-neighbour distance"),
                ParameterSpec.ofInt("classes", 0, 0, 20, "labels: 0 = the sublattice per frame; k ≥ 2 = k intensity classes of the columns over all frames "
                        + "(k-means through tessera.cluster.kmeans, class 0 the brightest)"));
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(new LiteratureReference("M. Guizar-Sicairos, S. T. Thurman, J. R. Fienup, Efficient subpixel image registration algorithms, Opt. Lett. 33 (2008) 156",
                "10.1364/OL.33.000156"),
                new LiteratureReference("J. C. Crocker, D. G. Grier, Methods of digital video microscopy for colloidal studies, J. Colloid Interface Sci. 179 (1996) 298",
                        "10.1006/jcis.1996.0217"));
    }

    @Override
    public List<Port> inputs() {
        return List.of(Port.of("series", PortType.DATASET, "an image series [frames, y, x]"));
    }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("drift", PortType.DATASET, "drift per frame [frames, 2] (dy, dx px)"),
                Port.of("intensities", PortType.DATASET, "column intensity per site and frame [sites, frames] (NaN: not seen)"),
                Port.of("tracks", PortType.DATASET, "drift-corrected column positions [sites, frames, 2] (px; NaN: not seen)"),
                Port.of("labels", PortType.DATASET, "sublattice per site and frame [sites, frames] (-1: not seen)"));
    }

    /**
     * Labels by intensity: the seen (site, frame) intensities clustered into k classes by the k-means contribution
     * (seed 0), renumbered so that class 0 is the brightest; −1 stays where a site is not seen.
     */
    private static void intensityClasses(StepContext context, double[] inten, int[] lab, int k) {
        int seen = 0;
        for (double v : inten) {
            seen += Double.isNaN(v) ? 0 : 1;
        }
        if (seen < k) {
            throw new IllegalArgumentException(seen + " seen columns are too few for " + k + " intensity classes");
        }
        double[][] x = new double[seen][1];
        int[] at = new int[seen];
        for (int i = 0, q = 0; i < inten.length; i++) {
            if (!Double.isNaN(inten[i])) {
                x[q][0] = inten[i];
                at[q++] = i;
            }
        }
        tessera.core.analysis.Clusterer km = context.registry().clusterer("tessera.cluster.kmeans");
        tessera.core.analysis.ClusterResult r = km.cluster(x, Parameters.of(km.parameters(), Map.of("k", k, "seed", 0L)), ProgressMonitor.NULL);
        double[] mean = new double[k];
        int[] count = new int[k];
        for (int q = 0; q < seen; q++) {
            mean[r.labels()[q]] += x[q][0];
            count[r.labels()[q]]++;
        }
        Integer[] order = new Integer[k];
        for (int c = 0; c < k; c++) {
            order[c] = c;
            mean[c] /= Math.max(1, count[c]);
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(mean[b], mean[a]));
        int[] rank = new int[k];
        for (int c = 0; c < k; c++) {
            rank[order[c]] = c;
        }
        java.util.Arrays.fill(lab, -1);
        for (int q = 0; q < seen; q++) {
            lab[at[q]] = rank[r.labels()[q]];
        }
    }

    @Override
    public Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters parameters) {
        Dataset series = (Dataset) inputs.get("series");
        ImageStack st = new ImageStack(series);
        int nf = st.frames(), ny = st.yAxis().size(), nx = st.xAxis().size();
        if (nf < 2) {
            throw IncompatibleDataException.of(series, new IllegalArgumentException("a series of one frame: tracking needs at least two"));
        }
        AtomFinder finder = context.registry().find(Registry.LATTICE, parameters.getString("finder"))
                .orElseThrow(() -> new IllegalArgumentException("no atom finder '" + parameters.getString("finder") + "' installed")).create(AtomFinder.class);
        Map<String, Object> fp = new LinkedHashMap<>();
        fp.put("contrast", parameters.getString("contrast"));
        fp.put("sublattices", parameters.getInt("sublattices"));
        if (parameters.getDouble("separation") > 0) {
            fp.put("separation", parameters.getDouble("separation"));
        }
        if (parameters.getDouble("smoothing") > 0) {
            fp.put("smoothing", parameters.getDouble("smoothing"));
        }
        Parameters fpar = Parameters.of(finder.parameters(), fp);
        double[][] frames = new double[nf][];
        for (int f = 0; f < nf; f++) {
            float[] v = st.frame(f);
            frames[f] = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                frames[f][i] = v[i];
            }
        }
        double[][] drift = SeriesAlignment.drift(frames, ny, nx, parameters.getInt("upsample"), "phase".equals(parameters.getString("normalization")),
                parameters.getInt("maxStep"));
        List<double[][]> cols = new ArrayList<>();
        List<int[]> subs = new ArrayList<>();
        List<double[]> ints = new ArrayList<>();
        Metadata src = new Metadata();
        if (series.metadata().get("General.original_filename") != null) {
            src.set("General.original_filename", series.metadata().get("General.original_filename"));
        }
        boolean refine = "refine".equals(parameters.getString("linking"));
        for (int f = 0; f < (refine ? 1 : nf); f++) {
            Dataset img = Dataset.ofDoubles(frames[f], List.of(st.yAxis(), st.xAxis()), src.copy());
            AtomResult r = finder.find(img, fpar, ProgressMonitor.NULL);
            double[] p = r.output(AtomResult.POSITIONS).toDoubleArray();
            double[] s = r.output(AtomResult.SUBLATTICE).toDoubleArray();
            double[][] c = new double[p.length / 2][];
            int[] sl = new int[c.length];
            for (int k = 0; k < c.length; k++) {
                c[k] = new double[] {p[2 * k], p[2 * k + 1]};
                sl[k] = (int) s[k];
            }
            cols.add(c);
            subs.add(sl);
            ints.add(r.output(AtomResult.INTENSITY).toDoubleArray());
            context.log(String.format(java.util.Locale.ROOT, "frame %d: %d columns, drift (%.2f, %.2f) px", f, c.length, drift[f][0], drift[f][1]));
        }
        double[][] c0 = cols.get(0);
        double[] y0 = new double[c0.length], x0 = new double[c0.length];
        for (int k = 0; k < c0.length; k++) {
            y0[k] = c0[k][0];
            x0[k] = c0[k][1];
        }
        double dnn0 = LatticeGeometry.medianNearestNeighbourDistance(y0, x0);
        double tol = parameters.getDouble("tolerance") * dnn0;
        ColumnTracks.Tracks t;
        if (refine) {
            // every site refined in every frame (columns bright, as the finder saw them) in the finder's disc
            double radius = Math.max(1.5, ((Number) GaussianAtomFinder.RADIUS.defaultValue()).doubleValue() * dnn0);
            List<double[]> pix = new ArrayList<>();
            for (int f = 0; f < nf; f++) {
                pix.add(GaussianAtomFinder.pixels(Dataset.ofDoubles(frames[f], List.of(st.yAxis(), st.xAxis()), src.copy()), parameters.getString("contrast")));
            }
            ColumnTracks.Refined rt = ColumnTracks.refine(c0, pix, ny, nx, drift, radius, tol);
            t = rt.tracks();
            for (int f = 1; f < nf; f++) {
                double[][] c = rt.refined()[f];
                double[] ry = new double[c.length], rx = new double[c.length];
                for (int q = 0; q < c.length; q++) {
                    ry[q] = c[q][0];
                    rx[q] = c[q][1];
                }
                cols.add(c);
                subs.add(subs.get(0));
                ints.add(GaussianAtomFinder.intensities(pix.get(f), ny, nx, ry, rx, radius));
                context.log(String.format(java.util.Locale.ROOT, "frame %d: %d sites refined, drift (%.2f, %.2f) px", f, c.length, drift[f][0], drift[f][1]));
            }
        } else {
            t = ColumnTracks.link(cols, drift, tol);
        }
        int ns = t.sites();
        double[] tr = new double[ns * nf * 2], dr = new double[nf * 2];
        int[] lab = new int[ns * nf];
        double[] inten = new double[ns * nf];
        for (int s = 0; s < ns; s++) {
            for (int f = 0; f < nf; f++) {
                tr[(s * nf + f) * 2] = t.positions()[s][f][0];
                tr[(s * nf + f) * 2 + 1] = t.positions()[s][f][1];
                int c = t.column()[s][f];
                lab[s * nf + f] = c < 0 ? -1 : subs.get(f)[c];
                inten[s * nf + f] = c < 0 ? Double.NaN : ints.get(f)[c];
            }
        }
        int k = parameters.getInt("classes");
        if (k >= 2) {
            intensityClasses(context, inten, lab, k);
        }
        for (int f = 0; f < nf; f++) {
            dr[2 * f] = drift[f][0];
            dr[2 * f + 1] = drift[f][1];
        }
        Axis frameAxis = series.navigationAxes().get(0);
        int[] view = t.inView(c0, drift, ny, nx, tol);
        double inView = view[1] == 0 ? 0 : (double) view[0] / view[1];
        // the same per sublattice of frame 0 (faint columns are the ones a frame's finder misses)
        int[] sub0 = subs.get(0);
        int nsub = java.util.Arrays.stream(sub0).max().orElse(0) + 1;
        List<Double> bySub = new ArrayList<>();
        for (int q = 0; q < nsub; q++) {
            final int fq = q;
            int[] v = t.inView(c0, drift, ny, nx, tol, java.util.stream.IntStream.range(0, c0.length).filter(i -> sub0[i] == fq).toArray());
            bySub.add(v[1] == 0 ? Double.NaN : (double) v[0] / v[1]);
        }
        Metadata md = src.copy().set("Signal.tracked_throughout", inView).set("Signal.sites_in_view", view[1]).set("Signal.tracked_throughout_by_sublattice", bySub)
                .set("Signal.tracked_throughout_all_sites", t.trackedThroughout()).set("Signal.tolerance_px", tol)
                .set("Signal.pixel_size", st.xAxis().scale()).set("Signal.pixel_units", st.xAxis().units());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("intensities", Dataset.ofDoubles(inten, List.of(Axis.uncalibrated("site", ns, true), frameAxis.withNavigate(false)), md.copy().title("column intensity per site and frame")));
        out.put("drift", Dataset.ofDoubles(dr, List.of(frameAxis.withNavigate(true), Axis.uncalibrated("(dy, dx) px", 2, false)), md.copy().title("drift per frame (px)")));
        out.put("tracks", Dataset.ofDoubles(tr, List.of(Axis.uncalibrated("site", ns, true), frameAxis.withNavigate(true), Axis.uncalibrated("(y, x) px", 2, false)),
                md.copy().title("column tracks (px, drift-corrected)")));
        out.put("labels", Dataset.ofInts(lab, List.of(Axis.uncalibrated("site", ns, true), frameAxis.withNavigate(false)),
                md.copy().title(k >= 2 ? "intensity class per site and frame" : "sublattice per site and frame")));
        context.log(String.format(java.util.Locale.ROOT, "%d sites, %d stay in view, %.1f %% of these seen in every frame", ns, view[1], 100 * inView));
        return out;
    }
}
