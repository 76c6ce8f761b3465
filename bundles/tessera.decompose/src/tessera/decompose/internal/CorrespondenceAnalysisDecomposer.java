package tessera.decompose.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import tessera.core.analysis.Decomposer;
import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.math.Kernels;
import tessera.math.RowReader;
import tessera.math.SymmetricEigen;

/**
 * Factorial analysis of correspondence (correspondence analysis, CA) with the χ² metric, as introduced for EELS
 * image series by Trebbia and Bonnet (Ultramicroscopy 34 (1990) 165, doi:10.1016/0304-3991(90)90011-K), after
 * Benzécri; formulas as in Greenacre, Theory and Applications of Correspondence Analysis (1984).
 *
 * <p>With X the non-negative {@code [n x p]} data (n navigation positions, p signal channels), {@code N = Σ X},
 * row masses {@code r_i = Σ_j x_ij / N}, column masses {@code c_j = Σ_i x_ij / N}, the standardised residuals are
 * <pre>
 *   s_ij = (x_ij / N − r_i c_j) / sqrt(r_i c_j) = (x_ij − n_i c_j) / sqrt(N n_i c_j),   n_i = Σ_j x_ij.
 * </pre>
 * The {@code p x p} matrix {@code SᵀS = V Λ Vᵀ} is accumulated from the residual rows, streamed in float32 blocks
 * through {@link Kernels#gram} (float64 sums; the residuals are formed in float64 before rounding, so the small
 * principal inertias do not suffer from the cancellation against the trivial eigenvalue 1 of the uncentred form).
 * Its eigenvalues λ are the <b>principal inertias</b>; their sum is the total inertia {@code χ²/N}.
 *
 * <ul>
 * <li><b>explainedVariance</b>: all non-trivial principal inertias, descending, {@code K = min(n', p') − 1} of them
 *   (n', p': positions and channels with non-zero counts); dimensionless.</li>
 * <li><b>factors</b> {@code [k, signal axes]} (float64, on the calibrated energy axis): the eigen-spectra as column
 *   <b>standard coordinates</b> {@code b_jk = v_jk / sqrt(c_j)} (so {@code Σ_j c_j b_jk² = 1} and
 *   {@code Σ_j c_j b_jk = 0}); the column principal coordinates are {@code sqrt(λ_k) b_jk}. Sign: the entry of
 *   largest magnitude of each factor is positive.</li>
 * <li><b>loadings</b> {@code [k, navigation axes]} (float32): the eigen-images as <b>row principal coordinates</b>
 *   {@code f_ik = (S v_k)_i / sqrt(r_i) = Σ_j (x_ij / n_i) b_jk}, so that the reconstitution formula reads
 *   {@code x_ij = n_i c_j (1 + Σ_k f_ik b_jk)} with all K factors, and {@code Σ_i r_i f_ik² = λ_k}.</li>
 * <li>auxiliary {@link DecompositionResult#ENTROPY} {@code [navigation axes]} (float32, nats): the relative entropy
 *   (Kullback–Leibler information) of each position's spectrum with respect to the signal-free Poisson model of
 *   Trebbia and Bonnet, i.e. the average spectrum scaled to the position's total counts, {@code m_ij = n_i c_j}:
 *   <pre>
 *   H_i = Σ_j (x_ij / n_i) ln( x_ij / (n_i c_j) ) = D_KL( x_i / n_i ‖ c ),   terms with x_ij = 0 count 0.
 *   </pre>
 *   It is the information per recorded count ({@code n_i H_i} is the Poisson log-likelihood ratio, half the G
 *   statistic, of the position against the signal-free model); {@code H_i ≥ 0}, 0 where the spectrum is
 *   proportional to the mean spectrum, and its second-order expansion {@code ½ Σ_j (x_ij/n_i − c_j)² / c_j} is half
 *   the position's χ² distance to the centroid, whose mass-weighted sum is the CA total inertia.</li>
 * </ul>
 *
 * <p>Zero rows and columns (mass 0) are excluded: they add nothing to SᵀS, do not count in K, and get loadings,
 * factor entries and entropy 0. Parameters: {@code components} (number of eigen-spectra/-images kept, default 10,
 * silently capped at K). The data are streamed four times (sums, SᵀS, projection, entropy); nothing of the cube's
 * size is copied.
 */
public final class CorrespondenceAnalysisDecomposer implements Decomposer {
    /** Contribution id. */
    public static final String ID = "tessera.decompose.ca";

    private static final List<ParameterSpec> PARAMS = List.of(
            ParameterSpec.ofInt("components", 10, 1, null, "number of eigen-spectra and eigen-images kept (capped at the min(n, p) - 1 non-trivial ones)"));

    private static final List<LiteratureReference> REFS = List.of(
            new LiteratureReference("P. Trebbia, N. Bonnet, EELS elemental mapping with unconventional methods I. Theoretical basis: image analysis with multivariate statistics and entropy concepts, Ultramicroscopy 34 (1990) 165-178",
                    "10.1016/0304-3991(90)90011-K"),
            new LiteratureReference("M. J. Greenacre, Theory and Applications of Correspondence Analysis, Academic Press, London (1984)", ""),
            new LiteratureReference("J.-P. Benzécri, L'Analyse des Données, tome 2: L'Analyse des Correspondances, Dunod, Paris (1973)", ""));

    /** Rows per block of the own streaming passes (sums, entropy). */
    private static final int BLOCK_VALUES = 1 << 16;

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
     * @return factors (column standard coordinates) {@code [k, signal axes]} float64, loadings (row principal
     *         coordinates) {@code [k, navigation axes]} float32, the K principal inertias as explained variance, and
     *         the auxiliary relative-entropy map {@link DecompositionResult#ENTROPY}
     * @throws IllegalArgumentException if a value is negative or not finite, or fewer than two positions or channels
     *                                  have counts
     */
    @Override
    public DecompositionResult decompose(Dataset data, Parameters params, ProgressMonitor monitor) {
        RowReader x = Support.rows(data);
        int n = Math.toIntExact(data.navigationSize());
        int p = data.signalSize();
        int kWanted = params.getInt("components");
        monitor.begin("Correspondence analysis (" + n + " x " + p + ")", 4L * n);
        try {
            double[][] sums = checkedSums(x, n, p, monitor);
            double[] rowSum = sums[0], colSum = sums[1];
            double total = 0;
            int nRows = 0, nCols = 0;
            for (double v : rowSum) {
                total += v;
                nRows += v > 0 ? 1 : 0;
            }
            for (double v : colSum) {
                nCols += v > 0 ? 1 : 0;
            }
            int kk = Math.min(nRows, nCols) - 1;
            if (kk < 1) {
                throw new IllegalArgumentException("correspondence analysis needs at least two positions and two channels with non-zero counts; found "
                        + nRows + " positions and " + nCols + " channels");
            }
            int k = Math.min(kWanted, kk);
            double[] c = new double[p];
            double[] invSqrtC = new double[p];
            for (int j = 0; j < p; j++) {
                c[j] = colSum[j] / total;
                invSqrtC[j] = c[j] > 0 ? 1 / Math.sqrt(c[j]) : 0;
            }
            double[] rowScale = new double[n]; // 1 / sqrt(N n_i)
            double[] invSqrtR = new double[n]; // 1 / sqrt(r_i)
            for (int i = 0; i < n; i++) {
                if (rowSum[i] > 0) {
                    rowScale[i] = 1 / Math.sqrt(total * rowSum[i]);
                    invSqrtR[i] = Math.sqrt(total / rowSum[i]);
                }
            }
            RowReader s = residuals(x, p, rowSum, c, invSqrtC, rowScale);
            double[] sts = Kernels.gram(s, n, p, null, false, monitor);
            Kernels.checkCancel(monitor);
            SymmetricEigen e = SymmetricEigen.of(sts, p);
            sts = null;
            double[] inertia = new double[kk];
            for (int q = 0; q < kk; q++) {
                inertia[q] = Math.max(0, e.values()[q]);
            }
            double[] v = new double[k * p];
            double[] fac = new double[k * p];
            for (int q = 0; q < k; q++) {
                int arg = 0;
                double best = -1;
                for (int j = 0; j < p; j++) {
                    double b = e.vectors()[q * p + j] * invSqrtC[j];
                    if (Math.abs(b) > best) {
                        best = Math.abs(b);
                        arg = j;
                    }
                }
                double sign = e.vectors()[q * p + arg] < 0 ? -1 : 1;
                for (int j = 0; j < p; j++) {
                    v[q * p + j] = sign * e.vectors()[q * p + j];
                    fac[q * p + j] = v[q * p + j] * invSqrtC[j];
                }
            }
            float[] load = Kernels.projectOnto(s, n, p, v, k, invSqrtR, null, false, monitor);
            float[] entropy = entropy(x, n, p, rowSum, c, monitor);
            Map<String, Dataset> aux = new LinkedHashMap<>();
            aux.put(DecompositionResult.ENTROPY, Dataset.ofFloats(entropy, DecompositionResult.mapAxes(data), new Metadata()));
            return new DecompositionResult(ID, Support.factors(fac, k, data), Support.loadings(load, k, data), inertia, params, aux);
        } finally {
            monitor.done();
        }
    }

    /** @return rows of standardised residuals {@code s_ij = (x_ij − n_i c_j) / sqrt(N n_i c_j)}, 0 for zero masses */
    private static RowReader residuals(RowReader x, int p, double[] rowSum, double[] c, double[] invSqrtC, double[] rowScale) {
        return (first, count, out, off) -> {
            x.read(first, count, out, off);
            for (int r = 0; r < count; r++) {
                int i = Math.toIntExact(first + r);
                double ni = rowSum[i];
                double w = rowScale[i];
                int o = off + r * p;
                for (int j = 0; j < p; j++) {
                    out[o + j] = (float) ((out[o + j] - ni * c[j]) * invSqrtC[j] * w);
                }
            }
        };
    }

    private static int blockRows(int p) {
        return Math.max(1, BLOCK_VALUES / Math.max(1, p));
    }

    /**
     * Row and column sums in fixed row blocks (summed in block order: independent of the thread count), rejecting
     * negative and non-finite values.
     */
    private static double[][] checkedSums(RowReader x, int n, int p, ProgressMonitor monitor) {
        int b = blockRows(p);
        int nBlocks = (n + b - 1) / b;
        double[] rows = new double[n];
        double[][] parts = new double[nBlocks][];
        IntStream.range(0, nBlocks).parallel().forEach(blk -> {
            Kernels.checkCancel(monitor);
            int r0 = blk * b;
            int cnt = Math.min(b, n - r0);
            float[] buf = new float[cnt * p];
            x.read(r0, cnt, buf, 0);
            double[] cols = new double[p];
            for (int r = 0; r < cnt; r++) {
                double sum = 0;
                for (int j = 0; j < p; j++) {
                    float val = buf[r * p + j];
                    if (!(val >= 0) || val == Float.POSITIVE_INFINITY) {
                        throw new IllegalArgumentException("correspondence analysis needs non-negative finite data (counts), but position "
                                + (r0 + r) + " channel " + j + " is " + val);
                    }
                    sum += val;
                    cols[j] += val;
                }
                rows[r0 + r] = sum;
            }
            parts[blk] = cols;
            monitor.worked(cnt);
        });
        double[] cols = new double[p];
        for (double[] part : parts) {
            for (int j = 0; j < p; j++) {
                cols[j] += part[j];
            }
        }
        return new double[][] {rows, cols};
    }

    /** @return {@code H_i = Σ_j (x_ij/n_i) ln(x_ij / (n_i c_j))} per position (nats), 0 where {@code n_i = 0} */
    private static float[] entropy(RowReader x, int n, int p, double[] rowSum, double[] c, ProgressMonitor monitor) {
        double[] lnC = new double[p];
        for (int j = 0; j < p; j++) {
            lnC[j] = c[j] > 0 ? Math.log(c[j]) : 0;
        }
        float[] h = new float[n];
        int b = blockRows(p);
        int nBlocks = (n + b - 1) / b;
        IntStream.range(0, nBlocks).parallel().forEach(blk -> {
            Kernels.checkCancel(monitor);
            int r0 = blk * b;
            int cnt = Math.min(b, n - r0);
            float[] buf = new float[cnt * p];
            x.read(r0, cnt, buf, 0);
            for (int r = 0; r < cnt; r++) {
                double ni = rowSum[r0 + r];
                if (ni <= 0) {
                    continue;
                }
                double lnN = Math.log(ni);
                double acc = 0;
                for (int j = 0; j < p; j++) {
                    double val = buf[r * p + j];
                    if (val > 0) {
                        acc += val * (Math.log(val) - lnN - lnC[j]);
                    }
                }
                h[r0 + r] = (float) (acc / ni);
            }
            monitor.worked(cnt);
        });
        return h;
    }
}
