package tessera.cluster.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CancellationException;

import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.Clusterer;
import tessera.core.analysis.Dendrogram;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;

/**
 * Hierarchical agglomerative clustering with Ward, average, complete or single linkage, as SciPy's
 * {@code scipy.cluster.hierarchy.linkage} and scikit-learn's {@code AgglomerativeClustering} compute it; the
 * tree is cut into {@code k} clusters by undoing its last {@code k - 1} merges (scikit-learn's {@code _hc_cut}).
 *
 * <p><b>Without connectivity</b> ({@code connectivity = none}) every pair of clusters may merge. The
 * Euclidean distances of all sample pairs are kept in a condensed matrix of doubles
 * ({@code 8 n (n - 1) / 2} bytes, 400 MB at n = 10 000) and updated by the Lance&ndash;Williams formulas; merges are
 * found with the nearest-neighbour chain (Murtagh 1983; Müllner 2011, arXiv:1109.2378, section 3.5), exact for
 * these four reducible linkages, O(n&sup2;) time. The merges are then sorted by height (stable) and numbered as SciPy
 * does. Above {@value #MAX_DENSE} samples this path refuses with an {@link IllegalArgumentException}: use
 * {@code connectivity = grid} or k-means.
 *
 * <p><b>With grid connectivity</b> ({@code connectivity = grid}) only clusters that touch on the scan raster
 * (4-neighbour adjacency of positions {@code i = row * scanWidth + column}, scikit-learn's
 * {@code grid_to_graph(rows, scanWidth)}) may merge. A sparse neighbour graph and a priority queue of candidate
 * merges give O(n log n) time and O(n) memory, so a 128 &times; 128 scan works. The semantics follow scikit-learn
 * 1.2: Ward merges the adjacent pair with the smallest increase of the within-cluster sum of squares (from the
 * cluster sizes and sums, {@code ward_tree}); average, complete and single update the distances of graph edges only
 * ({@code linkage_tree}: a neighbour adjacent to one of the merged clusters keeps its distance, one adjacent to
 * both gets the size-weighted mean, the maximum or the minimum). Merges are kept in the order they happen
 * (with connectivity the heights need not increase); candidates with equal heights are taken in the order of the
 * pair (larger id, smaller id), which for Ward is scikit-learn's heap order.
 *
 * <p><b>Heights</b> ({@link Dendrogram#heights()}): single, complete and average linkage give the Euclidean
 * distance between clusters of that linkage; Ward gives SciPy's Ward distance
 * {@code sqrt(2 * deltaESS) = sqrt(2 n_a n_b / (n_a + n_b)) * |mean_a - mean_b|}, where deltaESS is the increase of the
 * within-cluster sum of squares caused by the merge (Ward 1963, doi:10.1080/01621459.1963.10500845).
 *
 * <p><b>Result</b>: labels numbered by descending cluster size (ties by smallest member index), centres = the
 * clusters' means, distortion = within-cluster sum of squared distances to those means, and the full
 * {@link Dendrogram} (SciPy convention: ids {@code 0..n-1} are the samples, {@code n + j} the cluster made by
 * merge {@code j}; children with the smaller id first). Deterministic: no random numbers are used.
 */
public final class AgglomerativeClusterer implements Clusterer {
    /** Contribution id. */
    public static final String ID = "tessera.cluster.agglomerative";
    /** Largest number of samples clustered without connectivity (condensed distance matrix of 8 n (n - 1) / 2 bytes). */
    public static final int MAX_DENSE = 10_000;

    private static final List<String> LINKAGES = List.of("ward", "average", "complete", "single");

    private static final List<ParameterSpec> PARAMS = List.of(
            ParameterSpec.ofInt("k", 3, 1, 1_000_000, "number of clusters the tree is cut into"),
            ParameterSpec.ofChoice("linkage", "ward", LINKAGES,
                    "cluster distance: ward (least increase of within-cluster sum of squares), average, complete (maximum) or single (minimum)"),
            ParameterSpec.ofChoice("connectivity", "none", List.of("none", "grid"),
                    "none: any two clusters may merge (at most " + MAX_DENSE + " samples); grid: only clusters adjacent on the scan raster (4-neighbour)"),
            ParameterSpec.ofInt("scanWidth", null, 1, Integer.MAX_VALUE,
                    "positions per scan row for connectivity = grid (filled in by the pipeline); rows = n / scanWidth"));

    private static final List<LiteratureReference> REFS = List.of(
            new LiteratureReference("J. H. Ward, Hierarchical grouping to optimize an objective function, J. Am. Stat. Assoc. 58 (1963) 236-244",
                    "10.1080/01621459.1963.10500845"),
            new LiteratureReference("D. Müllner, Modern hierarchical, agglomerative clustering algorithms, arXiv:1109.2378 (2011)", ""),
            new LiteratureReference("G. N. Lance, W. T. Williams, A general theory of classificatory sorting strategies: 1. Hierarchical systems, "
                    + "Comput. J. 9 (1967) 373-380", "10.1093/comjnl/9.4.373"),
            new LiteratureReference("F. Pedregosa et al., Scikit-learn: machine learning in Python, J. Mach. Learn. Res. 12 (2011) 2825-2830",
                    "10.5555/1953048.2078195"));

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMS;
    }

    @Override
    public List<LiteratureReference> references() {
        return REFS;
    }

    /**
     * {@inheritDoc}
     *
     * @param features samples {@code [n][d]}, finite; for grid connectivity in scan order ({@code i = row * scanWidth + column})
     * @return labels in {@code [0, k)} by descending size, centres (cluster means) {@code [k][d]}, the within-cluster
     *         sum of squares as distortion, and the dendrogram ({@code n - 1} merges)
     * @throws IllegalArgumentException if there are fewer samples than clusters, rows of unequal length, a non-finite
     *                                  feature, more than {@value #MAX_DENSE} samples without connectivity, or grid
     *                                  connectivity without a scanWidth that divides n
     * @throws CancellationException    if cancelled (checked every few hundred merges)
     */
    @Override
    public ClusterResult cluster(double[][] features, Parameters params, ProgressMonitor monitor) {
        int k = params.getInt("k");
        String linkage = params.getString("linkage");
        boolean grid = "grid".equals(params.getString("connectivity"));
        double[] x = FeatureMatrix.rowMajor(features, k, "agglomerative clustering with k = " + k);
        int n = features.length;
        int d = features[0].length;
        int width = 0;
        if (grid) {
            if (!params.has("scanWidth")) {
                throw new IllegalArgumentException("connectivity = grid needs scanWidth (positions per scan row)");
            }
            width = params.getInt("scanWidth");
            if (n % width != 0) {
                throw new IllegalArgumentException("connectivity = grid: scanWidth " + width + " does not divide the " + n + " samples");
            }
        } else if (n > MAX_DENSE) {
            throw new IllegalArgumentException("agglomerative clustering without connectivity is limited to " + MAX_DENSE + " samples (it keeps all "
                    + "n(n-1)/2 pairwise distances), got " + n + ": use connectivity=grid or k-means");
        }
        monitor.begin("agglomerative clustering (" + linkage + ", k = " + k + ")", n - 1);
        try {
            Dendrogram tree = grid ? gridTree(x, n, d, width, linkage, monitor) : denseTree(x, n, d, linkage, monitor);
            return cut(tree, x, n, d, k);
        } finally {
            monitor.done();
        }
    }

    /** Index of pair {@code i < j} in the condensed matrix of n samples (SciPy's {@code condensed_index}). */
    private static int condensed(int n, int i, int j) {
        if (i > j) {
            int t = i;
            i = j;
            j = t;
        }
        return (int) ((long) n * i - (long) i * (i + 1) / 2 + (j - i - 1));
    }

    /**
     * Unconstrained tree: nearest-neighbour chain over the condensed Euclidean distance matrix with
     * Lance&ndash;Williams updates, then a stable sort by height and SciPy's cluster numbering.
     */
    static Dendrogram denseTree(double[] x, int n, int d, String linkage, ProgressMonitor monitor) {
        if (n == 1) {
            return new Dendrogram(new int[0][], new double[0], new int[0]);
        }
        double[] dist = new double[(int) ((long) n * (n - 1) / 2)];
        for (int i = 0, p = 0; i < n; i++) {
            if ((i & 255) == 0) {
                checkCancel(monitor);
            }
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                for (int q = 0; q < d; q++) {
                    double t = x[i * d + q] - x[j * d + q];
                    s += t * t;
                }
                dist[p++] = Math.sqrt(s);
            }
        }
        int method = LINKAGES.indexOf(linkage);
        int[] size = new int[n];
        Arrays.fill(size, 1);
        int[] chain = new int[n];
        int len = 0;
        int[] za = new int[n - 1], zb = new int[n - 1];
        double[] zh = new double[n - 1];
        for (int m = 0; m < n - 1; m++) {
            if ((m & 255) == 0) {
                checkCancel(monitor);
            }
            if (len == 0) {
                for (int i = 0; i < n; i++) {
                    if (size[i] > 0) {
                        chain[len++] = i;
                        break;
                    }
                }
            }
            int xx, y;
            double min;
            while (true) {
                xx = chain[len - 1];
                // prefer the previous chain element on ties, so that the chain cannot cycle
                if (len > 1) {
                    y = chain[len - 2];
                    min = dist[condensed(n, xx, y)];
                } else {
                    y = -1;
                    min = Double.POSITIVE_INFINITY;
                }
                for (int i = 0; i < n; i++) {
                    if (size[i] == 0 || i == xx) {
                        continue;
                    }
                    double v = dist[condensed(n, xx, i)];
                    if (v < min) {
                        min = v;
                        y = i;
                    }
                }
                if (len > 1 && y == chain[len - 2]) {
                    break;
                }
                chain[len++] = y;
            }
            len -= 2;
            int a = Math.min(xx, y), b = Math.max(xx, y);
            int na = size[a], nb = size[b];
            za[m] = a;
            zb[m] = b;
            zh[m] = min;
            size[a] = 0; // a is dropped, b becomes the merged cluster
            size[b] = na + nb;
            for (int i = 0; i < n; i++) {
                int ni = size[i];
                if (ni == 0 || i == b) {
                    continue;
                }
                int ia = condensed(n, i, a), ib = condensed(n, i, b);
                dist[ib] = lanceWilliams(method, dist[ia], dist[ib], min, na, nb, ni);
            }
            monitor.worked(1);
        }
        // stable sort by height, then number clusters as SciPy's label(): union-find, new id n + j, smaller root first
        Integer[] order = new Integer[n - 1];
        for (int i = 0; i < n - 1; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> Double.compare(zh[p], zh[q]));
        int[] parent = new int[2 * n - 1];
        int[] csize = new int[2 * n - 1];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
            csize[i] = 1;
        }
        int[][] children = new int[n - 1][];
        double[] heights = new double[n - 1];
        int[] sizes = new int[n - 1];
        for (int j = 0; j < n - 1; j++) {
            int o = order[j];
            int ra = find(parent, za[o]), rb = find(parent, zb[o]);
            children[j] = new int[] {Math.min(ra, rb), Math.max(ra, rb)};
            heights[j] = zh[o];
            int id = n + j;
            parent[ra] = id;
            parent[rb] = id;
            csize[id] = csize[ra] + csize[rb];
            sizes[j] = csize[id];
        }
        return new Dendrogram(children, heights, sizes);
    }

    /**
     * Lance&ndash;Williams update: distance from cluster i to the union of clusters a and b (SciPy's {@code _hierarchy_distance_update}).
     *
     * @param method 0 ward, 1 average, 2 complete, 3 single
     * @param dai    distance a-i
     * @param dbi    distance b-i
     * @param dab    distance a-b
     */
    private static double lanceWilliams(int method, double dai, double dbi, double dab, int na, int nb, int ni) {
        switch (method) {
            case 0: {
                double t = 1.0 / (na + nb + ni);
                return Math.sqrt((na + ni) * t * dai * dai + (nb + ni) * t * dbi * dbi - ni * t * dab * dab);
            }
            case 1:
                return (na * dai + nb * dbi) / (na + nb);
            case 2:
                return Math.max(dai, dbi);
            default:
                return Math.min(dai, dbi);
        }
    }

    private static int find(int[] parent, int i) {
        int r = i;
        while (parent[r] != r) {
            r = parent[r];
        }
        while (parent[i] != r) { // path compression
            int next = parent[i];
            parent[i] = r;
            i = next;
        }
        return r;
    }

    /** A candidate merge of clusters {@code a > b} at {@code height} (Ward: the increase of the sum of squares). */
    private record Edge(double height, int a, int b) implements Comparable<Edge> {
        @Override
        public int compareTo(Edge o) {
            int c = Double.compare(height, o.height);
            if (c != 0) {
                return c;
            }
            c = Integer.compare(a, o.a);
            return c != 0 ? c : Integer.compare(b, o.b);
        }
    }

    /**
     * Tree constrained to the 4-neighbour scan grid: a priority queue of candidate merges between adjacent
     * clusters (stale candidates are skipped when popped), neighbour maps per active cluster.
     */
    static Dendrogram gridTree(double[] x, int n, int d, int width, String linkage, ProgressMonitor monitor) {
        boolean ward = "ward".equals(linkage);
        int nodes = 2 * n - 1;
        int[] count = new int[nodes];
        double[] sums = ward ? new double[Math.multiplyExact(nodes, d)] : null;
        boolean[] active = new boolean[nodes];
        @SuppressWarnings("unchecked")
        Map<Integer, Double>[] nb = new Map[nodes]; // active neighbour -> edge distance (not used for Ward)
        for (int i = 0; i < n; i++) {
            count[i] = 1;
            active[i] = true;
            nb[i] = new HashMap<>(8);
            if (ward) {
                System.arraycopy(x, i * d, sums, i * d, d);
            }
        }
        PriorityQueue<Edge> heap = new PriorityQueue<>(4 * n + 16);
        int rows = n / width;
        for (int i = 0; i < n; i++) {
            int r = i / width, c = i % width;
            // grid_to_graph: right and down neighbours; the edge is keyed (larger, smaller) as scikit-learn's heap
            int[] nbrs = {c + 1 < width ? i + 1 : -1, r + 1 < rows ? i + width : -1};
            for (int j : nbrs) {
                if (j < 0) {
                    continue;
                }
                double h = ward ? wardDelta(count, sums, d, j, i) : euclidean(x, d, i, j);
                nb[i].put(j, h);
                nb[j].put(i, h);
                heap.add(new Edge(h, j, i));
            }
        }
        List<int[]> children = new ArrayList<>(n - 1);
        double[] heights = new double[n - 1];
        int[] sizes = new int[n - 1];
        int m = 0;
        for (int id = n; id < nodes; id++) {
            if ((m & 255) == 0) {
                checkCancel(monitor);
            }
            Edge e;
            do {
                e = heap.poll();
            } while (e != null && !(active[e.a] && active[e.b]));
            if (e == null) {
                break; // no more adjacent pairs (cannot happen on a full grid)
            }
            int a = e.a, b = e.b;
            int na = count[a], nbc = count[b];
            children.add(new int[] {Math.min(a, b), Math.max(a, b)});
            heights[m] = ward ? Math.sqrt(2.0 * e.height) : e.height;
            count[id] = na + nbc;
            sizes[m] = count[id];
            m++;
            active[a] = false;
            active[b] = false;
            active[id] = true;
            Map<Integer, Double> merged = new HashMap<>(nb[a].size() + nb[b].size());
            // scikit-learn's join: a neighbour of one keeps its distance; a neighbour of both combines them
            for (Map.Entry<Integer, Double> en : nb[a].entrySet()) {
                if (active[en.getKey()]) {
                    merged.put(en.getKey(), en.getValue());
                }
            }
            for (Map.Entry<Integer, Double> en : nb[b].entrySet()) {
                int c = en.getKey();
                if (!active[c]) {
                    continue;
                }
                Double da = merged.get(c);
                double db = en.getValue();
                merged.put(c, da == null ? db : switch (linkage) {
                    case "average" -> (na * da + nbc * db) / (na + nbc);
                    case "complete" -> Math.max(da, db);
                    case "single" -> Math.min(da, db);
                    default -> 0.0; // ward: recomputed from the moments below
                });
            }
            if (ward) {
                for (int q = 0; q < d; q++) {
                    sums[id * d + q] = sums[a * d + q] + sums[b * d + q];
                }
            }
            nb[a] = null;
            nb[b] = null;
            int[] keys = merged.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
            for (int c : keys) {
                double h = ward ? wardDelta(count, sums, d, id, c) : merged.get(c);
                merged.put(c, h);
                nb[c].remove(a);
                nb[c].remove(b);
                nb[c].put(id, h);
                heap.add(new Edge(h, id, c));
            }
            nb[id] = merged;
            monitor.worked(1);
        }
        return new Dendrogram(children.toArray(new int[0][]), Arrays.copyOf(heights, m), Arrays.copyOf(sizes, m));
    }

    /**
     * Increase of the within-cluster sum of squares when clusters i and j merge, from their sizes and sums,
     * {@code n_i n_j / (n_i + n_j) * |s_i / n_i - s_j / n_j|^2} (scikit-learn's {@code compute_ward_dist}).
     */
    private static double wardDelta(int[] count, double[] sums, int d, int i, int j) {
        double ni = count[i], nj = count[j];
        double f = ni * nj / (ni + nj);
        double pa = 0;
        for (int q = 0; q < d; q++) {
            double t = sums[i * d + q] / ni - sums[j * d + q] / nj;
            pa += t * t;
        }
        return f * pa;
    }

    private static double euclidean(double[] x, int d, int i, int j) {
        double s = 0;
        for (int q = 0; q < d; q++) {
            double t = x[i * d + q] - x[j * d + q];
            s += t * t;
        }
        return Math.sqrt(s);
    }

    /**
     * Cuts the tree into k clusters by applying its first {@code n - k} merges (in dendrogram order), then numbers
     * the clusters by descending size and computes their means and the within-cluster sum of squares.
     *
     * @throws IllegalArgumentException if the tree has fewer than {@code n - k} merges (disconnected constraint)
     */
    static ClusterResult cut(Dendrogram tree, double[] x, int n, int d, int k) {
        int merges = n - k;
        if (tree.merges() < merges) {
            throw new IllegalArgumentException("the connectivity leaves " + (n - tree.merges()) + " components, more than k = " + k);
        }
        int[] parent = new int[2 * n - 1];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (int j = 0; j < merges; j++) {
            parent[tree.children()[j][0]] = n + j;
            parent[tree.children()[j][1]] = n + j;
        }
        int[] group = new int[n];
        int[] index = new int[2 * n - 1];
        Arrays.fill(index, -1);
        int g = 0;
        for (int i = 0; i < n; i++) {
            int r = find(parent, i);
            if (index[r] < 0) {
                index[r] = g++;
            }
            group[i] = index[r];
        }
        int[] order = KMeansClusterer.orderBySize(group, k);
        int[] newLabel = new int[k];
        for (int c = 0; c < k; c++) {
            newLabel[order[c]] = c;
        }
        int[] labels = new int[n];
        int[] size = new int[k];
        double[][] centers = new double[k][d];
        for (int i = 0; i < n; i++) {
            int c = newLabel[group[i]];
            labels[i] = c;
            size[c]++;
            for (int q = 0; q < d; q++) {
                centers[c][q] += x[i * d + q];
            }
        }
        for (int c = 0; c < k; c++) {
            for (int q = 0; q < d; q++) {
                centers[c][q] /= size[c];
            }
        }
        double sse = 0;
        for (int i = 0; i < n; i++) {
            for (int q = 0; q < d; q++) {
                double t = x[i * d + q] - centers[labels[i]][q];
                sse += t * t;
            }
        }
        return new ClusterResult(labels, centers, sse, null, null, tree, Map.of());
    }

    /** @throws CancellationException if the monitor is cancelled or this thread interrupted */
    private static void checkCancel(ProgressMonitor monitor) {
        if (monitor.isCanceled() || Thread.currentThread().isInterrupted()) {
            throw new CancellationException("cancelled");
        }
    }
}
