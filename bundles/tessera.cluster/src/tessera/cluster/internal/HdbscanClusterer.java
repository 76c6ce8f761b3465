package tessera.cluster.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.IntStream;

import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.Clusterer;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;

/**
 * HDBSCAN* (Campello, Moulavi, Sander 2013) with GLOSH outlier scores (Campello, Moulavi, Zimek, Sander 2015), in the
 * formulation of McInnes and Healy (2017) that the Python {@code hdbscan} library and R's {@code dbscan::hdbscan}
 * implement; Euclidean metric.
 *
 * <ol>
 * <li>Core distance of a sample: the distance to its {@code minSamples}-th nearest sample, <em>counting the sample
 * itself</em> as the first (so {@code minSamples = 1} gives 0). This is the convention of R dbscan 1.1-11, whose
 * {@code hdbscan(x, minPts)} takes the {@code (minPts - 1)}-th nearest <em>other</em> point
 * ({@code kNN(x, k = minPts - 1)}) and uses {@code minPts} both as {@code minSamples} and as {@code minClusterSize},
 * of scikit-learn's {@code HDBSCAN} (1.3 and later) and of Campello et al.'s reference implementation. The Python
 * {@code hdbscan} library (0.8) does <em>not</em> count the point ({@code k = min_samples + 1} in its neighbour
 * queries): its {@code min_samples = m} is {@code minSamples = m + 1} here (its
 * {@code match_reference_implementation} flag subtracts 1 for that reason).</li>
 * <li>Mutual reachability distance {@code max(core(a), core(b), |a - b|)}; its minimum spanning tree by Prim's
 * algorithm on the complete graph, distances computed on the fly.</li>
 * <li>Single-linkage hierarchy from the tree edges in ascending order (a stable sort), then the condensed tree with
 * {@code lambda = 1 / distance}: at each split a side with fewer than {@code minClusterSize} samples "falls out"
 * of its parent cluster at that lambda (its samples become points leaving the cluster), two sides that are both
 * large enough become two new clusters.
 * <br>Parameter {@code levels} sets the level at which a sample leaves its cluster. {@code hdbscan} (default): with
 * its too-small component, at the lambda of that split, as the Python library and scikit-learn's {@code HDBSCAN}
 * (and Campello et al.'s spurious components). {@code r-dbscan}: as R dbscan 1.1-11's {@code computeStability}, a
 * too-small component stays in the cluster and each of its samples leaves at the height {@code h} of the merge at
 * which it became a singleton, but not below the height at which its cluster splits ({@code lambda = 1 / max(h,
 * h_split)}). The choice changes stabilities (rarely the selection), membership strengths and GLOSH scores; with
 * {@code hdbscan} they equal the Python library's tree functions, with {@code r-dbscan} R's, to rounding
 * (HdbscanTest).</li>
 * <li>Stability of a cluster {@code C}: {@code sum (lambda_leave - lambda_birth(C))} over its samples, where a
 * sample in a child cluster counts with the child's birth lambda. Selection {@code eom} (excess of mass):
 * bottom-up, a cluster is kept unless the summed (selected) stabilities of its children exceed its own;
 * {@code leaf}: the clusters without child clusters. The root (all samples) is a candidate only with
 * {@code allowSingleCluster}; if it is selected every sample is a member (no noise), as in Campello et al. 2013.</li>
 * <li>Labels: a sample belongs to the selected cluster that contains the cluster it leaves the condensed tree from,
 * else it is {@link ClusterResult#NOISE}. Clusters are numbered by descending size (ties by smallest member index)
 * and their centres are the member means.</li>
 * <li>{@code probabilities [n][k]}: the membership strength of a sample in its own cluster's column, 0 elsewhere
 * and for noise, as the Python library's {@code probabilities_}: {@code min(lambda_p, lambda_max(C)) / lambda_max(C)}
 * with {@code lambda_p} the level at which the sample leaves the condensed tree and {@code lambda_max(C)} the largest
 * level at which a sample or child cluster leaves the selected cluster {@code C} directly (1 where that level is
 * 0 or {@code lambda_p} is infinite). R dbscan 1.1-11's {@code membership_prob} is a different quantity,
 * {@code (max core distance in the cluster - core distance) / max}; see HdbscanTest.</li>
 * <li>{@code outlierScores [n]}: GLOSH, {@code 1 - lambda_p / lambda_max}, with {@code lambda_max} the largest level
 * at which any sample leaves the subtree of the cluster that the sample leaves (0 where the sample leaves at an
 * infinite level, e.g. exact duplicates).</li>
 * </ol>
 *
 * <p>Memory: no {@code n x n} matrix. The core distances come from a blocked brute-force k-nearest-neighbour search
 * ({@code O(n^2 d)} time, {@code O(n k)} memory), Prim's algorithm takes {@code O(n^2 d)} time and {@code O(n)}
 * memory (for each candidate its best distance to the tree; each step scans the remaining candidates in fixed
 * blocks, in parallel for large n, and takes the minimum with ties broken by the lower sample index, so the tree
 * does not depend on the thread count), and the hierarchy, condensed tree and selection are {@code O(n)}.
 * For 16 384 samples of 10 features this is a few megabytes beyond the features and, on 2 cores, seconds.
 *
 * <p>Criteria: {@code clusters} (number of selected clusters), {@code noise} (number of noise samples).
 */
public final class HdbscanClusterer implements Clusterer {
    /** Contribution id. */
    public static final String ID = "tessera.cluster.hdbscan";
    /** Candidates per block of a parallel Prim step. */
    private static final int PRIM_BLOCK = 2048;

    private static final List<ParameterSpec> PARAMS = List.of(
            ParameterSpec.ofInt("minClusterSize", 5, 2, 1_000_000, "smallest number of samples that forms a cluster (hdbscan min_cluster_size)"),
            ParameterSpec.ofInt("minSamples", null, 1, 1_000_000,
                    "rank of the neighbour, the sample itself counted as the first, whose distance is the core distance; unset: minClusterSize "
                            + "(R dbscan minPts, scikit-learn min_samples; the Python hdbscan library's min_samples + 1)"),
            ParameterSpec.ofChoice("clusterSelection", "eom", List.of("eom", "leaf"),
                    "how clusters are selected from the condensed tree: excess of mass (most stable) or its leaves"),
            ParameterSpec.ofBoolean("allowSingleCluster", false, "let the root (all samples) be selected as the only cluster"),
            ParameterSpec.ofChoice("levels", "hdbscan", List.of("hdbscan", "r-dbscan"),
                    "level at which a sample leaves its cluster: with its too-small component (Python hdbscan, scikit-learn) or when it becomes "
                            + "a singleton (R dbscan 1.1-11); changes stabilities, membership strengths and GLOSH scores"));

    private static final List<LiteratureReference> REFS = List.of(
            new LiteratureReference("R. J. G. B. Campello, D. Moulavi, J. Sander, Density-based clustering based on hierarchical density estimates, "
                    + "Advances in Knowledge Discovery and Data Mining (PAKDD 2013), LNCS 7819, 160-172", "10.1007/978-3-642-37456-2_14"),
            new LiteratureReference("R. J. G. B. Campello, D. Moulavi, A. Zimek, J. Sander, Hierarchical density estimates for data clustering, "
                    + "visualization, and outlier detection, ACM Trans. Knowl. Discov. Data 10 (2015) 5", "10.1145/2733381"),
            new LiteratureReference("L. McInnes, J. Healy, Accelerated hierarchical density based clustering, IEEE ICDM Workshops (2017) 33-42, "
                    + "arXiv:1705.07321", "10.1109/ICDMW.2017.12"));

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
     * @param features {@code [n][d]} with {@code n >= max(minClusterSize, minSamples)}
     * @return labels in {@code [0, k)} by descending cluster size or {@link ClusterResult#NOISE}, centres
     *         {@code [k][d]} (member means), distortion (members' summed squared distance to their centre),
     *         probabilities {@code [n][k]} (membership strength), GLOSH outlier scores {@code [n]} in {@code [0, 1]},
     *         criteria {@code clusters} and {@code noise}; no dendrogram
     * @throws IllegalArgumentException if there are fewer samples than {@code minClusterSize} or {@code minSamples},
     *                                  rows of unequal length or a non-finite feature
     * @throws CancellationException    if cancelled (checked per block of the neighbour search and every 256 Prim steps)
     */
    @Override
    public ClusterResult cluster(double[][] features, Parameters params, ProgressMonitor monitor) {
        int mcs = params.getInt("minClusterSize");
        int minSamples = params.has("minSamples") ? params.getInt("minSamples") : mcs;
        boolean leaf = "leaf".equals(params.getString("clusterSelection"));
        boolean allowSingle = params.getBoolean("allowSingleCluster");
        double[] x = FeatureMatrix.rowMajor(features, Math.max(mcs, minSamples), "HDBSCAN (minClusterSize = " + mcs + ", minSamples = " + minSamples + ")");
        int n = features.length;
        int d = features[0].length;
        int nb = (n + DensitySupport.BLOCK - 1) / DensitySupport.BLOCK;
        monitor.begin("HDBSCAN (minClusterSize = " + mcs + ", minSamples = " + minSamples + ")", nb + 2L);
        try {
            double[] core2 = DensitySupport.kthNeighbourDist2(x, n, d, minSamples, monitor);
            Mst mst = prim(x, n, d, core2, monitor);
            monitor.worked(1);
            Condensed ct = condense(mst, n, mcs, "r-dbscan".equals(params.getString("levels")));
            boolean[] selected = select(ct, n, leaf, allowSingle);
            ClusterResult r = label(x, n, d, ct, selected);
            monitor.worked(1);
            return r;
        } finally {
            monitor.done();
        }
    }

    /** Minimum spanning tree edges {@code (a[e], b[e])} with mutual reachability distance {@code w[e]}, in Prim order. */
    record Mst(int[] a, int[] b, double[] w) {
    }

    /**
     * Prim's algorithm on the complete mutual-reachability graph, starting at sample 0; each step adds the candidate
     * nearest to the tree (ties: lowest sample index). Squared distances throughout, square roots of the edges at the end.
     */
    static Mst prim(double[] x, int n, int d, double[] core2, ProgressMonitor monitor) {
        int[] cand = new int[n - 1];
        double[] best = new double[n - 1];
        int[] from = new int[n - 1];
        for (int i = 1; i < n; i++) {
            cand[i - 1] = i;
        }
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        int[] ea = new int[n - 1], eb = new int[n - 1];
        double[] ew = new double[n - 1];
        int m = n - 1;
        int cur = 0;
        for (int step = 0; step < n - 1; step++) {
            if ((step & 255) == 0) {
                DensitySupport.checkCancel(monitor);
            }
            final int u = cur;
            final int mm = m;
            int nblocks = (mm + PRIM_BLOCK - 1) / PRIM_BLOCK;
            // per block: position of its best candidate (after updating the candidates with the new tree vertex u)
            int[] blockBest = new int[nblocks];
            IntStream blocks = IntStream.range(0, nblocks);
            (nblocks > 1 && (long) mm * d > 32_768 ? blocks.parallel() : blocks).forEach(bk -> {
                int p0 = bk * PRIM_BLOCK, p1 = Math.min(mm, p0 + PRIM_BLOCK);
                double cu = core2[u];
                int bp = -1;
                for (int p = p0; p < p1; p++) {
                    int v = cand[p];
                    double t = DensitySupport.dist2(x, u, v, d);
                    double r = Math.max(Math.max(cu, core2[v]), t);
                    if (r < best[p]) {
                        best[p] = r;
                        from[p] = u;
                    }
                    if (bp < 0 || best[p] < best[bp] || best[p] == best[bp] && cand[p] < cand[bp]) {
                        bp = p;
                    }
                }
                blockBest[bk] = bp;
            });
            int bp = blockBest[0];
            for (int bk = 1; bk < nblocks; bk++) {
                int p = blockBest[bk];
                if (best[p] < best[bp] || best[p] == best[bp] && cand[p] < cand[bp]) {
                    bp = p;
                }
            }
            ea[step] = from[bp];
            eb[step] = cand[bp];
            ew[step] = Math.sqrt(best[bp]);
            cur = cand[bp];
            m--;
            cand[bp] = cand[m];
            best[bp] = best[m];
            from[bp] = from[m];
        }
        return new Mst(ea, eb, ew);
    }

    /**
     * The condensed tree as rows {@code (parent cluster, child, lambda, child size)}: a child below {@code n} is a
     * sample leaving {@code parent} at {@code lambda}, a child {@code >= n} is the cluster {@code child - n} born at
     * {@code lambda}. Cluster 0 is the root; a child cluster has a larger id than its parent.
     *
     * @param parentRow  row parent per row
     * @param childRow   row child per row
     * @param lambdaRow  row lambda per row
     * @param sizeRow    row child size per row
     * @param rows       number of rows
     * @param clusters   number of clusters
     * @param clusterParent parent cluster per cluster (-1 for the root)
     * @param birth      birth lambda per cluster (0 for the root)
     */
    record Condensed(int[] parentRow, int[] childRow, double[] lambdaRow, int[] sizeRow, int rows, int clusters, int[] clusterParent,
            double[] birth) {
    }

    /** Single-linkage hierarchy of the tree edges, then the condensed tree (see the class comment). */
    static Condensed condense(Mst mst, int n, int mcs, boolean singletonLevels) {
        int ne = n - 1;
        Integer[] order = new Integer[ne];
        for (int e = 0; e < ne; e++) {
            order[e] = e;
        }
        double[] w = mst.w();
        Arrays.sort(order, (p, q) -> Double.compare(w[p], w[q])); // stable: ties keep Prim order
        // single linkage: node n + e merges left[e], right[e] at height[e]
        int[] left = new int[ne], right = new int[ne], size = new int[2 * n - 1];
        double[] height = new double[ne];
        int[] uf = new int[2 * n - 1];
        int[] top = new int[n]; // union-find over samples: root sample -> current tree node
        double[] own = new double[n]; // height of the merge that joins each sample to anything
        for (int i = 0; i < n; i++) {
            uf[i] = i;
            top[i] = i;
            size[i] = 1;
        }
        for (int s = 0; s < ne; s++) {
            int e = order[s];
            int ra = find(uf, mst.a()[e]), rb = find(uf, mst.b()[e]);
            int na = top[ra], nbn = top[rb];
            left[s] = na;
            right[s] = nbn;
            if (na < n) {
                own[na] = w[e];
            }
            if (nbn < n) {
                own[nbn] = w[e];
            }
            height[s] = w[e];
            size[n + s] = size[na] + size[nbn];
            uf[rb] = ra;
            top[ra] = n + s;
        }
        // condensed tree, top-down from the root node 2n - 2
        int cap = n + 2 * n;
        int[] pr = new int[cap], ch = new int[cap], sz = new int[cap];
        double[] lr = new double[cap];
        int rows = 0;
        List<Integer> cParent = new ArrayList<>();
        List<Double> cBirth = new ArrayList<>();
        cParent.add(-1);
        cBirth.add(0.0);
        int[] stackNode = new int[2 * n], stackCl = new int[2 * n];
        int sp = 0;
        stackNode[sp] = 2 * n - 2; // n >= minClusterSize >= 2
        stackCl[sp++] = 0;
        int[] dfs = new int[2 * n];
        while (sp > 0) {
            sp--;
            int node = stackNode[sp], cl = stackCl[sp];
            int s = node - n;
            double lambda = height[s] > 0 ? 1 / height[s] : Double.POSITIVE_INFINITY;
            int l = left[s], r = right[s];
            boolean bigL = size[l] >= mcs, bigR = size[r] >= mcs;
            if (bigL && bigR) {
                for (int c : new int[] {l, r}) {
                    int id = cParent.size();
                    cParent.add(cl);
                    cBirth.add(lambda);
                    pr[rows] = cl;
                    ch[rows] = n + id;
                    lr[rows] = lambda;
                    sz[rows++] = size[c];
                    stackNode[sp] = c;
                    stackCl[sp++] = id;
                }
                continue;
            }
            for (int c : new int[] {l, r}) {
                if (size[c] >= mcs) {
                    stackNode[sp] = c; // the cluster goes on, only smaller
                    stackCl[sp++] = cl;
                    continue;
                }
                // every sample below c leaves cl at lambda
                int dp = 0;
                dfs[dp++] = c;
                while (dp > 0) {
                    int v = dfs[--dp];
                    if (v < n) {
                        pr[rows] = cl;
                        ch[rows] = v;
                        lr[rows] = lambda;
                        sz[rows++] = 1;
                    } else {
                        dfs[dp++] = left[v - n];
                        dfs[dp++] = right[v - n];
                    }
                }
            }
        }
        int nc = cParent.size();
        int[] cp = new int[nc];
        double[] cb = new double[nc];
        for (int c = 0; c < nc; c++) {
            cp[c] = cParent.get(c);
            cb[c] = cBirth.get(c);
        }
        if (singletonLevels) {
            // R dbscan 1.1-11: a sample leaves at the height where it becomes a singleton, but not below the height at
            // which its cluster splits
            double[] split = new double[nc];
            Arrays.fill(split, -1);
            for (int c = 1; c < nc; c++) {
                split[cp[c]] = 1 / cb[c];
            }
            for (int r = 0; r < rows; r++) {
                if (ch[r] < n) {
                    double h = Math.max(own[ch[r]], split[pr[r]]);
                    lr[r] = h > 0 ? 1 / h : Double.POSITIVE_INFINITY;
                }
            }
        }
        return new Condensed(pr, ch, lr, sz, rows, nc, cp, cb);
    }

    private static int find(int[] uf, int i) {
        while (uf[i] != i) {
            uf[i] = uf[uf[i]];
            i = uf[i];
        }
        return i;
    }

    /** @return the selected clusters (excess of mass or leaves; the root only with {@code allowSingle}) */
    static boolean[] select(Condensed ct, int n, boolean leaf, boolean allowSingle) {
        int nc = ct.clusters();
        double[] stab = new double[nc];
        boolean[] hasChild = new boolean[nc];
        for (int r = 0; r < ct.rows(); r++) {
            int p = ct.parentRow()[r];
            double lam = ct.lambdaRow()[r];
            double b = ct.birth()[p];
            stab[p] += lam == b ? 0 : (lam - b) * ct.sizeRow()[r];
            if (ct.childRow()[r] >= n) {
                hasChild[p] = true;
            }
        }
        boolean[] sel = new boolean[nc];
        if (leaf) {
            for (int c = 1; c < nc; c++) {
                sel[c] = !hasChild[c];
            }
            if (nc == 1 && allowSingle) {
                sel[0] = true;
            }
            return sel;
        }
        double[] childSum = new double[nc];
        for (int c = nc - 1; c >= (allowSingle ? 0 : 1); c--) {
            // children have larger ids, so they are decided (and their subtree stability known) before c
            if (hasChild[c] && childSum[c] > stab[c]) {
                stab[c] = childSum[c];
            } else {
                sel[c] = true;
                for (int q = c + 1; q < nc; q++) { // unselect the descendants
                    if (sel[q] && isDescendant(ct.clusterParent(), q, c)) {
                        sel[q] = false;
                    }
                }
            }
            if (c > 0) {
                childSum[ct.clusterParent()[c]] += stab[c];
            }
        }
        return sel;
    }

    private static boolean isDescendant(int[] parent, int q, int c) {
        for (int p = parent[q]; p >= 0; p = parent[p]) {
            if (p == c) {
                return true;
            }
        }
        return false;
    }

    /** Labels, membership strengths and GLOSH scores from the selection (see the class comment). */
    static ClusterResult label(double[] x, int n, int d, Condensed ct, boolean[] sel) {
        int nc = ct.clusters();
        double[] deaths = new double[nc]; // largest lambda of a row of each cluster
        int[] owner = new int[n];
        double[] lamP = new double[n];
        for (int r = 0; r < ct.rows(); r++) {
            int p = ct.parentRow()[r];
            deaths[p] = Math.max(deaths[p], ct.lambdaRow()[r]);
            int c = ct.childRow()[r];
            if (c < n) {
                owner[c] = p;
                lamP[c] = ct.lambdaRow()[r];
            }
        }
        double[] subtreeMax = deaths.clone();
        for (int c = nc - 1; c > 0; c--) {
            int p = ct.clusterParent()[c];
            subtreeMax[p] = Math.max(subtreeMax[p], subtreeMax[c]);
        }
        // the selected cluster containing each condensed cluster (parents have smaller ids)
        int[] selOf = new int[nc];
        int[] groupOf = new int[nc];
        int k = 0;
        for (int c = 0; c < nc; c++) {
            if (sel[c]) {
                selOf[c] = c;
                groupOf[c] = k++;
            } else {
                selOf[c] = c == 0 ? -1 : selOf[ct.clusterParent()[c]];
            }
        }
        int[] group = new int[n];
        double[] strength = new double[n];
        double[] glosh = new double[n];
        for (int i = 0; i < n; i++) {
            int s = sel[0] ? 0 : selOf[owner[i]];
            double lp = lamP[i];
            if (s < 0) {
                group[i] = ClusterResult.NOISE;
            } else {
                group[i] = groupOf[s];
                double lm = deaths[s];
                strength[i] = lm == 0 || Double.isInfinite(lp) ? 1 : Math.min(lp, lm) / lm;
            }
            double lmax = subtreeMax[owner[i]];
            glosh[i] = lmax == 0 || Double.isInfinite(lp) ? 0 : Double.isInfinite(lmax) ? 1 : (lmax - lp) / lmax;
        }
        return DensitySupport.result(x, n, d, group, k, strength, glosh);
    }
}
