package tessera.lattice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Atomic columns followed through an image series: the columns of the first frame are the sites; in every frame each
 * site takes the column nearest to where the drift has carried it, one-to-one (closest pairs first), if it is within
 * the tolerance; otherwise the site is not seen in that frame. Positions are drift-corrected (in frame 0's pixels).
 * The linking is the nearest-neighbour assignment of single-particle tracking with a known global displacement
 * (J. C. Crocker, D. G. Grier, J. Colloid Interface Sci. 179 (1996) 298, doi:10.1006/jcis.1996.0217).
 */
public final class ColumnTracks {

    /**
     * The tracks.
     *
     * @param positions drift-corrected positions {@code [sites][frames][2]} (y, x px of frame 0), NaN where not seen
     * @param column    index of the site's column in each frame's list {@code [sites][frames]}, −1 where not seen
     */
    public record Tracks(double[][][] positions, int[][] column) {
        /** @return the number of sites */
        public int sites() {
            return column.length;
        }

        /** @return the fraction of sites seen in every frame */
        public double trackedThroughout() {
            int all = 0;
            for (int[] c : column) {
                all += Arrays.stream(c).allMatch(v -> v >= 0) ? 1 : 0;
            }
            return column.length == 0 ? 0 : (double) all / column.length;
        }

        /**
         * The fraction of the sites that stay in the field of view that are seen in every frame: a site whose
         * drifted position comes within {@code margin} px of an edge in some frame is not counted (it may have left).
         *
         * @param sites  frame 0's columns {@code [sites][2]} (y, x px)
         * @param drift  per frame (dy, dx) px
         * @param ny     rows of a frame
         * @param nx     columns of a frame
         * @param margin px
         * @return {seen in every frame, sites in view}
         */
        public int[] inView(double[][] sites, double[][] drift, int ny, int nx, double margin) {
            return inView(sites, drift, ny, nx, margin, java.util.stream.IntStream.range(0, column.length).toArray());
        }

        /**
         * As {@link #inView(double[][], double[][], int, int, double)} for some of the sites only (e.g. one sublattice).
         *
         * @param sites  frame 0's columns {@code [sites][2]} (y, x px)
         * @param drift  per frame (dy, dx) px
         * @param ny     rows of a frame
         * @param nx     columns of a frame
         * @param margin px
         * @param which  the sites counted
         * @return {seen in every frame, sites in view}
         */
        public int[] inView(double[][] sites, double[][] drift, int ny, int nx, double margin, int[] which) {
            int seen = 0, in = 0;
            for (int s : which) {
                boolean inside = true;
                for (double[] d : drift) {
                    double y = sites[s][0] + d[0], x = sites[s][1] + d[1];
                    inside &= y >= margin && x >= margin && y <= ny - 1 - margin && x <= nx - 1 - margin;
                }
                if (inside) {
                    in++;
                    seen += Arrays.stream(column[s]).allMatch(v -> v >= 0) ? 1 : 0;
                }
            }
            return new int[] {seen, in};
        }
    }

    private ColumnTracks() {
    }

    /**
     * Links the columns of every frame to the sites of frame 0.
     *
     * @param frames    per frame the column positions {@code [n_f][2]} (y, x px of that frame)
     * @param drift     per frame the drift {@code [f][2]} (dy, dx px; frame 0's content is at p + drift in frame f)
     * @param tolerance the largest distance in px between a site and its column after drift correction
     * @return the tracks, one site per column of frame 0
     * @throws IllegalArgumentException if the frame and drift counts differ, there are no frames or the tolerance is not
     *                                  positive
     */
    public static Tracks link(List<double[][]> frames, double[][] drift, double tolerance) {
        if (frames.isEmpty() || frames.size() != drift.length) {
            throw new IllegalArgumentException(frames.size() + " frames of columns but " + drift.length + " drifts");
        }
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("the tolerance must be positive, got " + tolerance);
        }
        double[][] sites = frames.get(0);
        int ns = sites.length, nf = frames.size();
        double[][][] pos = new double[ns][nf][2];
        int[][] col = new int[ns][nf];
        for (double[][] p : pos) {
            for (double[] q : p) {
                Arrays.fill(q, Double.NaN);
            }
        }
        for (int[] c : col) {
            Arrays.fill(c, -1);
        }
        double[] sy = new double[ns], sx = new double[ns];
        for (int s = 0; s < ns; s++) {
            sy[s] = sites[s][0];
            sx[s] = sites[s][1];
        }
        for (int f = 0; f < nf; f++) {
            double[][] c = frames.get(f);
            if (c.length == 0) {
                continue;
            }
            double[] cy = new double[c.length], cx = new double[c.length];
            for (int i = 0; i < c.length; i++) {
                cy[i] = c[i][0] - drift[f][0];
                cx[i] = c[i][1] - drift[f][1];
            }
            // candidate pairs: each site with its 3 nearest columns, then closest pairs first, one to one
            List<double[]> pairs = new ArrayList<>();
            int[][] near = nearest(sy, sx, cy, cx, 3);
            for (int s = 0; s < ns; s++) {
                for (int i : near[s]) {
                    double d = Math.hypot(cy[i] - sy[s], cx[i] - sx[s]);
                    if (d <= tolerance) {
                        pairs.add(new double[] {d, s, i});
                    }
                }
            }
            pairs.sort(Comparator.comparingDouble(q -> q[0]));
            boolean[] used = new boolean[c.length];
            for (double[] q : pairs) {
                int s = (int) q[1], i = (int) q[2];
                if (col[s][f] < 0 && !used[i]) {
                    col[s][f] = i;
                    used[i] = true;
                    pos[s][f][0] = cy[i];
                    pos[s][f][1] = cx[i];
                }
            }
        }
        return new Tracks(pos, col);
    }

    /**
     * Follows the sites of frame 0 by refining each one in every frame from where the drift has carried it, instead of
     * finding the columns of every frame anew: the drifted position is refined by the iterated centre of mass
     * ({@link GaussianAtomFinder#centreOfMass}) in that frame, and the site is seen there if its disc lies inside the
     * frame and the refined position stays within the tolerance of the drifted one. A faint column that a frame's
     * finder misses is still followed, as Atomap follows a sublattice through a series by refining the previous
     * positions (Nord et al., Adv. Struct. Chem. Imaging 3 (2017) 9, doi:10.1186/s40679-017-0042-5).
     *
     * @param sites     frame 0's columns {@code [sites][2]} (y, x px)
     * @param frames    the frames' pixels {@code [frames][ny*nx]}, columns bright
     * @param ny        rows of a frame
     * @param nx        columns of a frame
     * @param drift     per frame (dy, dx) px
     * @param radius    refinement disc radius (px)
     * @param tolerance the largest distance between the refined and the drifted position (px)
     * @return the tracks; {@code column[s][f]} is s where the site is seen (the site's own index: the frame's columns
     *         are the refined sites), and {@code refined} holds the positions in each frame's pixels
     * @throws IllegalArgumentException if the frame and drift counts differ or the radius or tolerance is not positive
     */
    public static Refined refine(double[][] sites, List<double[]> frames, int ny, int nx, double[][] drift, double radius, double tolerance) {
        if (frames.isEmpty() || frames.size() != drift.length) {
            throw new IllegalArgumentException(frames.size() + " frames but " + drift.length + " drifts");
        }
        if (!(tolerance > 0) || !(radius > 0)) {
            throw new IllegalArgumentException("the radius and the tolerance must be positive, got " + radius + " and " + tolerance);
        }
        int ns = sites.length, nf = frames.size();
        double[][][] pos = new double[ns][nf][2];
        double[][][] inFrame = new double[nf][ns][2];
        int[][] col = new int[ns][nf];
        for (int f = 0; f < nf; f++) {
            double[] ys = new double[ns], xs = new double[ns];
            for (int s = 0; s < ns; s++) {
                ys[s] = sites[s][0] + drift[f][0];
                xs[s] = sites[s][1] + drift[f][1];
            }
            double[] py = ys.clone(), px = xs.clone();
            GaussianAtomFinder.centreOfMass(frames.get(f), ny, nx, ys, xs, radius, null);
            for (int s = 0; s < ns; s++) {
                boolean inside = py[s] >= radius && px[s] >= radius && py[s] <= ny - 1 - radius && px[s] <= nx - 1 - radius;
                boolean seen = inside && Math.hypot(ys[s] - py[s], xs[s] - px[s]) <= tolerance;
                col[s][f] = seen ? s : -1;
                pos[s][f][0] = seen ? ys[s] - drift[f][0] : Double.NaN;
                pos[s][f][1] = seen ? xs[s] - drift[f][1] : Double.NaN;
                inFrame[f][s][0] = ys[s];
                inFrame[f][s][1] = xs[s];
            }
        }
        return new Refined(new Tracks(pos, col), inFrame);
    }

    /**
     * Tracks by refinement.
     *
     * @param tracks  the tracks
     * @param refined per frame the refined position of every site in that frame's pixels {@code [frames][sites][2]}
     */
    public record Refined(Tracks tracks, double[][][] refined) {
    }

    /** For each site the k nearest of the columns (a bucket grid over the columns). */
    private static int[][] nearest(double[] sy, double[] sx, double[] cy, double[] cx, int k) {
        tessera.lattice.internal.Neighbours nb = new tessera.lattice.internal.Neighbours(cy, cx);
        int[][] out = new int[sy.length][];
        for (int s = 0; s < sy.length; s++) {
            out[s] = nb.nearest(sy[s], sx[s], k, -1);
        }
        return out;
    }
}
