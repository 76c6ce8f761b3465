package tessera.decompose.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.GuidedDecomposer;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.math.Nnls;
import tessera.math.Randomized;

/**
 * Physics-guided NMF {@code X ≈ G · W · H} as espm's {@code SmoothNMF} (A. Teurtrie et al., Mach. Learn.: Sci.
 * Technol. 5 (2024) 045050, arXiv:2404.17496; H. Teurtrie et al., Ultramicroscopy 249 (2023) 113719,
 * doi:10.1016/j.ultramic.2023.113719; github.com/adriente/espm v1.1.3): the generalised Kullback–Leibler divergence
 * (Poisson likelihood) of the counts X {@code [nE × N]} from G W H, plus λ·½ tr(H Δ Hᵀ) with Δ the 4-neighbour Laplacian
 * of the scan grid (smooth maps), plus the optional log sparsity μ Σ log(H + ε), minimised by espm's multiplicative
 * updates (see {@link SmoothNmfSolver} for the update rules, the bisection of the simplex multiplier and the stopping
 * rules).
 *
 * <h2>What is constrained</h2>
 * espm's {@code simplex_W=True}: in every phase t the <b>element</b> coefficients W_jt (the first
 * {@link GuidedDecomposer#ELEMENT_COLUMNS} model columns) sum to one; the background (continuum) coefficients are
 * non-negative and unconstrained, as espm's EDXS model does through {@code NMF_simplex()}. The maps H carry the
 * intensity: H_tn is the amount of phase t at position n in the model's units (for an EDX model whose element columns
 * are the spectra of one atom, the number of atoms of phase t in the probed column). Elements to ignore (a grid's Cu)
 * belong among the background columns of the model: then they are fitted but in no composition.
 *
 * <h2>Fixed entries of W</h2>
 * Parameter {@code fixedW}: a comma- (or semicolon-) separated list of {@code COLUMN@PHASE=VALUE}, e.g.
 * {@code "Pt@1=0, Pt@2=0"} ("phases 1 and 2 contain no Pt"). COLUMN is a model column name (case-sensitive, as in
 * {@link GuidedDecomposer#COLUMNS}), PHASE a phase index <b>counted from 0</b> (the index of the factor and loading),
 * VALUE ≥ 0 the value of W_jt (a fraction of the phase's element coefficients for an element column; the model's units
 * for a background column). As espm, the fixed values are set after every W update (not at the initialisation), so
 * the simplex constraint holds for the free entries together with the fixed ones.
 *
 * <h2>Normalisation</h2>
 * As espm, the solver works on G with its element columns divided by the mean of their sums and each background column
 * by its own sum ({@code EDXS.generate_g_matr}); with {@code normalize} (default true, espm's {@code normalize=True})
 * also on X·k/(mean(X)·nE), so that the mean spectrum sums to k and λ and μ weigh the same on every dataset. Results
 * are converted back to the model's units (W, H and the σ of the compositions); the loss history stays in the
 * solver's units. With both, this port gives espm's phases, iterations and loss on the same counts (the phantom of
 * {@code SmoothNmfTest}: 0.02 at.%, 2523 vs 2525 iterations, loss to 10⁻⁵ relative).
 *
 * <h2>Initialisation</h2>
 * As espm's {@code initialize_algorithms} with an EDXS model: D {@code [nE × k]} and H {@code [k × N]} from
 * scikit-learn's {@code _initialize_nmf(X, k, init)} ({@code init}: "nndsvda", "nndsvd", "nndsvdar", "random"; "auto" =
 * espm's {@code init=None}, which is nndsvda when k ≤ min(nE, N), else random) from a randomized SVD seeded by
 * {@code seed}; then W = max(lstsq(G, D), 0) (least squares via the normal equations GᵀG W = GᵀD; with {@code initW=nnls},
 * or {@code auto} and a model whose {@link GuidedDecomposer#INITIALISATION} says {@code nnls}, the non-negative
 * least-squares solution instead, Lawson–Hanson, for nearly collinear columns), the element rows of
 * every column divided by their sum (1/e each if the sum is 0); W and H clamped to ≥ 10⁻¹⁴. Spectra or channels whose
 * counts are all zero are set to 10⁻¹⁴ first (espm's {@code remove_zeros_lines}).
 *
 * <h2>Results</h2>
 * Factors: the phases' spectra G·W {@code [k, nE]} (float64, counts per unit of H); loadings: H {@code [k, navigation
 * axes...]} (float32); no explained variance. Auxiliary datasets, in this order:
 * <ul>
 * <li>{@link GuidedDecomposer#COMPOSITION} {@code [k, e]} float64: the element coefficients of each phase normalised
 *   to 100 (at.% when the model's element columns are spectra per atom, as tessera.edx builds them), element names
 *   in the metadata under {@link GuidedDecomposer#COLUMNS};</li>
 * <li>{@link GuidedDecomposer#COMPOSITION_SIGMA} {@code [k, e]} float64: its standard deviation from counting
 *   statistics, approximated by the Cramér–Rao bound of W's column t for fixed H under Poisson noise: Fisher
 *   information F_ij = Σ_E G_Ei G_Ej Σ_n H_tn²/(GWH)_En over the free (not fixed) model columns including the
 *   background ones, covariance F⁻¹, propagated linearly to the fractions c_j = W_jt / Σ_{i&lt;e} W_it. It ignores the
 *   uncertainty of H and the simplex and positivity constraints, so it is a lower bound; NaN where F is singular;</li>
 * <li>{@link #COEFFICIENTS} {@code [k, m]} float64: W transposed, all model columns (names in the metadata), in the
 *   model's units;</li>
 * <li>{@link #LOSS} {@code [iterations]} float64: espm's {@code losses_}, the averaged loss after each iteration;
 *   the metadata key {@code Signal.stop_reason} says why the iterations stopped.</li>
 * </ul>
 * Not ported from espm: the {@code l2_surrogate}, {@code projected_gradient} and {@code bmd} algorithms, the line
 * search, {@code simplex_H}, the per-phase μ vector, and the re-computation of the bremsstrahlung
 * columns from the current mean composition every third iteration ({@code EDXS.NMF_update}): the forward model arrives
 * here as a fixed dataset, so its continuum columns are fitted as free non-negative shapes.
 */
public final class SmoothNmfDecomposer implements GuidedDecomposer {
    /** Contribution id. */
    public static final String ID = "tessera.decompose.smooth-nmf";
    /** auxiliary dataset: W transposed {@code [k, m]} in the model's units */
    public static final String COEFFICIENTS = "coefficients";
    /** auxiliary dataset: the averaged loss after each iteration {@code [iterations]} */
    public static final String LOSS = "loss";

    private static final List<ParameterSpec> PARAMS = List.of(
            ParameterSpec.ofInt("components", 3, 1, null, "number of phases k"),
            ParameterSpec.ofDouble("lambdaL", 0.0, 0.0, null, "", "weight λ of the Laplacian smoothness ½λ tr(HΔHᵀ) of the maps (espm lambda_L; 0: none)"),
            ParameterSpec.ofDouble("mu", 0.0, 0.0, null, "", "weight μ of the log sparsity μ Σ log(H + ε) of the maps (espm mu; 0: none)"),
            ParameterSpec.ofDouble("epsilonReg", 1.0, 1e-300, null, "", "ε of the log sparsity, its slope at 0 (espm epsilon_reg)"),
            ParameterSpec.ofString("fixedW", "", "fixed composition entries COLUMN@PHASE=VALUE, comma-separated, phases counted from 0, e.g. \"Pt@1=0, Pt@2=0\""),
            ParameterSpec.ofChoice("init", "auto", List.of("auto", "nndsvda", "nndsvd", "nndsvdar", "random"),
                    "initialisation of GW and H (scikit-learn's NMF init, as espm); W then from least squares on G"),
            ParameterSpec.ofChoice("initW", "auto", List.of("auto", "lstsq", "nnls"),
                    "W from the initial spectra: lstsq = max(least squares, 0) as espm; nnls = non-negative least squares (nearly collinear columns such as EELS edges on power laws); auto = the model's recommendation, else lstsq"),
            ParameterSpec.ofLong("seed", 0L, "seed of the randomized SVD (or of the random initialisation)"),
            ParameterSpec.ofDouble("tol", 1e-4, 0.0, 1.0, "", "stop when the relative change of W and H, or the loss decrease relative to the initial loss, is below tol (espm tol)"),
            ParameterSpec.ofInt("maxIterations", 200, 1, 1_000_000, "maximum number of iterations (espm max_iter)"),
            ParameterSpec.ofBoolean("normalize", true,
                    "scale the counts so that the mean spectrum sums to k, as espm's normalize=True, so that lambdaL and mu weigh the same on any dataset"));

    private static final List<LiteratureReference> REFS = List.of(
            new LiteratureReference("A. Teurtrie, N. Perraudin, T. Holvoet, H. Chen, D. T. L. Alexander, G. Obozinski, C. Hébert, From STEM-EDXS data to phase separation and quantification using "
                    + "physics-guided NMF, Mach. Learn.: Sci. Technol. 5 (2024) 045050; arXiv:2404.17496", ""),
            new LiteratureReference("H. Teurtrie et al., espm: a Python library for the simulation of STEM-EDXS datasets, Ultramicroscopy 249 (2023) 113719",
                    "10.1016/j.ultramic.2023.113719"),
            new LiteratureReference("D. D. Lee, H. S. Seung, Algorithms for non-negative matrix factorization, NIPS 13 (2001) 556-562", ""));

    private static final Pattern ENTRY = Pattern.compile("\\s*([^@=\\s]+)\\s*@\\s*([0-9]+)\\s*=\\s*([^\\s,;]+)\\s*");

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
     * @throws IllegalArgumentException also if λ &gt; 0 and the data have more than two navigation axes, k exceeds
     *                                  min(nE, N) for an SVD initialisation, the model has a negative or non-finite
     *                                  value, no element column, or linearly dependent columns, or {@code fixedW} is
     *                                  malformed, names an unknown column or a phase ≥ k, fixes every element of a phase with fractions not summing to 1, or fixes fractions summing to more than 1
     */
    @Override
    public DecompositionResult decompose(Dataset data, Dataset model, Parameters params, ProgressMonitor monitor) {
        // ---- validation
        if (data.navigationDimension() == 0 || data.signalAxes().size() != 1) {
            throw new IllegalArgumentException("SmoothNMF needs a spectrum image or line scan [navigation..., energy]; dataset has axes " + data.axes());
        }
        if (model.navigationDimension() != 1 || model.signalAxes().size() != 1) {
            throw new IllegalArgumentException("the forward model must be [column, energy]; it has axes " + model.axes());
        }
        Axis da = data.signalAxes().get(0), ma = model.signalAxes().get(0);
        double tolAxis = 1e-6 * Math.abs(da.scale());
        if (da.size() != ma.size() || Math.abs(da.scale() - ma.scale()) > tolAxis || Math.abs(da.offset() - ma.offset()) > tolAxis) {
            throw new IllegalArgumentException("the forward model is not on the data's signal axis: model " + describe(ma) + ", data " + describe(da)
                    + " (build the model on the data's energy axis)");
        }
        List<String> columns = GuidedDecomposer.columns(model);
        int nElem = GuidedDecomposer.elementColumns(model);
        if (nElem < 1) {
            throw new IllegalArgumentException("the forward model '" + model.metadata().title() + "' has no element column (" + ELEMENT_COLUMNS + " = 0)");
        }
        int m = columns.size();
        int ne = da.size();
        int n = Math.toIntExact(data.navigationSize());
        int k = params.getInt("components");
        double lambda = params.getDouble("lambdaL");
        List<Axis> nav = data.navigationAxes();
        if (lambda > 0 && nav.size() > 2) {
            throw new IllegalArgumentException("the Laplacian smoothness (lambdaL > 0) needs one or two navigation axes; the data have " + nav.size());
        }
        int ny = nav.size() == 2 ? nav.get(0).size() : 1;
        int nx = nav.size() == 2 ? nav.get(1).size() : n;
        String init = params.getString("init");
        if ("auto".equals(init)) {
            init = k <= Math.min(n, ne) ? "nndsvda" : "random";
        }
        if (!"random".equals(init) && k > Math.min(n, ne)) {
            throw new IllegalArgumentException("components = " + k + " but the " + init + " initialisation needs k <= min(channels, positions) = " + Math.min(n, ne));
        }
        if ((long) n * ne > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("SmoothNMF holds the data in memory: " + n + " x " + ne + " values exceed 2^31");
        }
        double[] gModel = modelMatrix(model, m, ne);
        double[] colNorm = columnNorms(gModel, ne, m, nElem);
        double[] g = new double[gModel.length];
        for (int e = 0; e < ne; e++) {
            for (int j = 0; j < m; j++) {
                g[e * m + j] = gModel[e * m + j] / colNorm[j];
            }
        }
        double[] fixed = parseFixed(params.getString("fixedW"), columns, nElem, k);
        if (fixed != null) {
            for (int j = nElem; j < m; j++) {
                for (int t = 0; t < k; t++) {
                    if (fixed[j * k + t] >= 0) {
                        fixed[j * k + t] *= colNorm[j] / colNorm[0];
                    }
                }
            }
        }

        monitor.begin("SmoothNMF (" + k + " phases)", params.getInt("maxIterations") + 3L);
        try {
            float[] x = readData(data, n, ne);
            monitor.worked(1);
            // ---- initialisation (espm initialize_algorithms, EDXS model path)
            double mean = 0;
            for (float v : x) {
                mean += v;
            }
            mean /= (double) n * ne;
            double scale = 1;
            if (params.getBoolean("normalize") && mean > 0) {
                // espm normalization_factor(X, k) = k / (mean(X) nE)
                scale = k / (mean * ne);
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) (x[i] * scale);
                }
                mean *= scale;
            }
            double[] d = new double[k * ne]; // D^T [k x nE]
            double[] hT = new double[n * k]; // H^T [N x k]
            initialise(init, x, n, ne, k, mean, params.getLong("seed"), hT, d, monitor);
            double[] h = new double[k * n];
            for (int p = 0; p < n; p++) {
                for (int t = 0; t < k; t++) {
                    h[t * n + p] = hT[p * k + t];
                }
            }
            String initW = params.getString("initW");
            if ("auto".equals(initW)) {
                initW = "nnls".equals(model.metadata().get(GuidedDecomposer.INITIALISATION)) ? "nnls" : "lstsq";
            }
            double[] w = leastSquaresW(g, ne, m, d, k, nElem, "nnls".equals(initW));
            monitor.worked(1);

            SmoothNmfSolver.Options o = new SmoothNmfSolver.Options(lambda, params.getDouble("mu"), params.getDouble("epsilonReg"), ny, nx, nElem, fixed,
                    params.getInt("maxIterations"), params.getDouble("tol"), true);
            SmoothNmfSolver.Result rn = new SmoothNmfSolver(x, n, ne, g, m, k, o).run(w, h, monitor);
            SmoothNmfSolver.Result r = toModelUnits(rn, colNorm, scale, k, n, ne);
            g = gModel;

            // ---- results
            double[] gw = new double[k * ne];
            for (int t = 0; t < k; t++) {
                for (int e = 0; e < ne; e++) {
                    double s = 0;
                    for (int j = 0; j < m; j++) {
                        s += g[e * m + j] * r.w()[j * k + t];
                    }
                    gw[t * ne + e] = s;
                }
            }
            float[] load = new float[k * n];
            for (int i = 0; i < load.length; i++) {
                load[i] = (float) r.h()[i];
            }
            double[][] comp = compositions(r, g, ne, m, k, nElem, fixed);
            Map<String, Dataset> aux = new LinkedHashMap<>();
            List<String> elements = columns.subList(0, nElem);
            List<Axis> compAxes = List.of(Axis.uncalibrated("component", k, true), Axis.uncalibrated("element", nElem, false));
            aux.put(COMPOSITION, Dataset.ofDoubles(comp[0], compAxes, new Metadata().title("composition (at.%)").set(COLUMNS, elements)));
            aux.put(COMPOSITION_SIGMA, Dataset.ofDoubles(comp[1], compAxes, new Metadata().title("composition standard deviation (at.%)").set(COLUMNS, elements)));
            double[] wt = new double[k * m];
            for (int j = 0; j < m; j++) {
                for (int t = 0; t < k; t++) {
                    wt[t * m + j] = r.w()[j * k + t];
                }
            }
            aux.put(COEFFICIENTS, Dataset.ofDoubles(wt, List.of(Axis.uncalibrated("component", k, true), Axis.uncalibrated("column", m, false)),
                    new Metadata().title("model coefficients W").set(COLUMNS, columns)));
            aux.put(LOSS, Dataset.ofDoubles(r.losses(), List.of(Axis.uncalibrated("iteration", r.iterations(), false)),
                    new Metadata().title("SmoothNMF loss").set("Signal.stop_reason", r.stopReason())));
            monitor.worked(1);
            return new DecompositionResult(ID, Support.factors(gw, k, data), Support.loadings(load, k, data), null, params, aux);
        } finally {
            monitor.done();
        }
    }

    /**
     * espm's normalisation of G ({@code EDXS.generate_g_matr}): the element columns divided by the mean of their sums,
     * each background column by its own sum.
     *
     * @return the divisor of each column
     */
    private static double[] columnNorms(double[] g, int ne, int m, int nElem) {
        double[] sum = new double[m];
        for (int e = 0; e < ne; e++) {
            for (int j = 0; j < m; j++) {
                sum[j] += g[e * m + j];
            }
        }
        double mean = 0;
        for (int j = 0; j < nElem; j++) {
            mean += sum[j] / nElem;
        }
        double[] c = new double[m];
        for (int j = 0; j < m; j++) {
            c[j] = j < nElem ? mean : sum[j];
        }
        return c;
    }

    /**
     * The solver's result on the normalised G and X back in the model's units: with G_n = G·diag(c)⁻¹ and X_n = s·X,
     * X ≈ G·W·H for W = c_e·diag(c)⁻¹·W_n (element rows unchanged, still on the simplex; c_e the element columns'
     * common divisor) and H = H_n/(s·c_e); Σ_n H²/(GWH) scales by 1/(s·c_e²).
     */
    private static SmoothNmfSolver.Result toModelUnits(SmoothNmfSolver.Result rn, double[] c, double s, int k, int n, int ne) {
        int m = c.length;
        double ce = c[0];
        double[] w = new double[m * k];
        for (int j = 0; j < m; j++) {
            for (int t = 0; t < k; t++) {
                w[j * k + t] = rn.w()[j * k + t] * ce / c[j];
            }
        }
        double[] h = new double[k * n];
        for (int i = 0; i < h.length; i++) {
            h[i] = rn.h()[i] / (s * ce);
        }
        double[] hy = new double[k * ne];
        for (int i = 0; i < hy.length; i++) {
            hy[i] = rn.hSquaredOverY()[i] / (s * ce * ce);
        }
        return new SmoothNmfSolver.Result(w, h, rn.losses(), rn.stopReason(), hy);
    }

    private static String describe(Axis a) {
        return a.size() + " channels from " + a.offset() + " by " + a.scale() + " " + a.units();
    }

    /** @return G {@code [nE × m]} row-major from the model {@code [m, nE]}, checked */
    private static double[] modelMatrix(Dataset model, int m, int ne) {
        double[] gm = model.toDoubleArray();
        double[] g = new double[ne * m];
        for (int j = 0; j < m; j++) {
            double s = 0;
            for (int e = 0; e < ne; e++) {
                double v = gm[j * ne + e];
                if (!(v >= 0) || !Double.isFinite(v)) {
                    throw new IllegalArgumentException("the forward model must be non-negative and finite, but column " + j + ", channel " + e + " is " + v);
                }
                g[e * m + j] = v;
                s += v;
            }
            if (s == 0) {
                throw new IllegalArgumentException("column " + j + " of the forward model is zero over the whole energy range");
            }
        }
        return g;
    }

    /** @return the data as float32 {@code [N × nE]}, checked, with all-zero spectra and channels set to 10⁻¹⁴ */
    private static float[] readData(Dataset data, int n, int ne) {
        float[] x = new float[n * ne];
        int chunk = Math.max(1, (1 << 20) / ne);
        for (int p = 0; p < n; p += chunk) {
            data.readSpectra(p, Math.min(chunk, n - p), x, p * ne);
        }
        double[] rowSum = new double[n];
        double[] colSum = new double[ne];
        for (int p = 0; p < n; p++) {
            for (int e = 0; e < ne; e++) {
                float v = x[p * ne + e];
                if (!(v >= 0) || !Float.isFinite(v)) {
                    throw new IllegalArgumentException("SmoothNMF needs non-negative counts, but the value at navigation index " + p + ", channel " + e + " is " + v);
                }
                rowSum[p] += v;
                colSum[e] += v;
            }
        }
        float shift = (float) SmoothNmfSolver.LOG_SHIFT;
        for (int p = 0; p < n; p++) {
            for (int e = 0; e < ne; e++) {
                if (rowSum[p] == 0 || colSum[e] == 0) {
                    x[p * ne + e] = shift;
                }
            }
        }
        return x;
    }

    /** scikit-learn's _initialize_nmf on X {@code [nE × N]}: D^T {@code [k × nE]} and H^T {@code [N × k]} */
    private static void initialise(String init, float[] x, int n, int ne, int k, double mean, long seed, double[] hT, double[] dT, ProgressMonitor monitor) {
        if ("random".equals(init)) {
            double avg = Math.sqrt(mean / k);
            Random rnd = new Random(seed);
            for (int i = 0; i < dT.length; i++) {
                dT[i] = avg * Math.abs(rnd.nextGaussian());
            }
            for (int i = 0; i < hT.length; i++) {
                hT[i] = avg * Math.abs(rnd.nextGaussian());
            }
            return;
        }
        int powerIter = k < 0.1 * Math.min(n, ne) ? 7 : 4;
        // the SVD of X^T [N x nE]: its left vectors give H^T, its right vectors D^T (NNDSVD is symmetric in the two)
        Randomized svd = Randomized.svd((first, count, out, off) -> System.arraycopy(x, Math.toIntExact(first) * ne, out, off, count * ne), n, ne, k, 10, powerIter,
                seed, monitor);
        NmfDecomposer.nndsvd(svd, n, ne, k, hT, dT);
        if ("nndsvda".equals(init)) {
            fillZeros(hT, () -> mean);
            fillZeros(dT, () -> mean);
        } else if ("nndsvdar".equals(init)) {
            Random rnd = new Random(seed);
            fillZeros(dT, () -> Math.abs(mean * rnd.nextGaussian() / 100));
            fillZeros(hT, () -> Math.abs(mean * rnd.nextGaussian() / 100));
        }
    }

    private static void fillZeros(double[] a, java.util.function.DoubleSupplier v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == 0) {
                a[i] = v.getAsDouble();
            }
        }
    }

    /** W = max(lstsq(G, D), 0) with the element rows of every column normalised to sum 1, clamped to ≥ 10⁻¹⁴ */
    private static double[] leastSquaresW(double[] g, int ne, int m, double[] dT, int k, int nElem, boolean nonNegative) {
        double[][] gtg = new double[m][m];
        for (int e = 0; e < ne; e++) {
            for (int i = 0; i < m; i++) {
                double gi = g[e * m + i];
                for (int j = 0; j < m; j++) {
                    gtg[i][j] += gi * g[e * m + j];
                }
            }
        }
        double[][] inv = Nnls.inverseSpd(gtg);
        if (Double.isNaN(inv[0][0])) {
            throw new IllegalArgumentException("the forward model's columns are linearly dependent (GᵀG is singular): remove duplicated element or background columns");
        }
        double[] w = new double[m * k];
        for (int t = 0; t < k; t++) {
            double[] gtd = new double[m];
            for (int e = 0; e < ne; e++) {
                double dv = dT[t * ne + e];
                for (int j = 0; j < m; j++) {
                    gtd[j] += g[e * m + j] * dv;
                }
            }
            double sum = 0;
            double[] nn = nonNegative ? Nnls.solve(gtg, gtd) : null;
            for (int i = 0; i < m; i++) {
                double s = 0;
                for (int j = 0; !nonNegative && j < m; j++) {
                    s += inv[i][j] * gtd[j];
                }
                w[i * k + t] = nonNegative ? nn[i] : Math.max(s, 0);
                if (i < nElem) {
                    sum += w[i * k + t];
                }
            }
            for (int i = 0; i < nElem; i++) {
                w[i * k + t] = sum > 0 ? w[i * k + t] / sum : 1.0 / nElem;
            }
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.max(w[i], SmoothNmfSolver.LOG_SHIFT);
        }
        return w;
    }

    /**
     * Parses {@code fixedW}.
     *
     * @return {@code [m × k]} fixed values and −1 for free entries, or null when nothing is fixed
     * @throws IllegalArgumentException on a malformed entry, an unknown column, a phase ≥ k, a negative value, or a phase
     *                                  with every element fixed
     */
    static double[] parseFixed(String spec, List<String> columns, int nElem, int k) {
        if (spec == null || spec.isBlank()) {
            return null;
        }
        double[] f = new double[columns.size() * k];
        java.util.Arrays.fill(f, -1);
        for (String item : spec.split("[,;]")) {
            if (item.isBlank()) {
                continue;
            }
            Matcher mt = ENTRY.matcher(item);
            if (!mt.matches()) {
                throw new IllegalArgumentException("fixedW entry '" + item.strip() + "' is not COLUMN@PHASE=VALUE (e.g. Pt@1=0; phases counted from 0)");
            }
            int j = columns.indexOf(mt.group(1));
            if (j < 0) {
                throw new IllegalArgumentException("fixedW names '" + mt.group(1) + "', which is not a column of the forward model " + columns);
            }
            int t = Integer.parseInt(mt.group(2));
            if (t >= k) {
                throw new IllegalArgumentException("fixedW entry '" + item.strip() + "': phase " + t + " does not exist (phases 0.." + (k - 1) + ", counted from 0)");
            }
            double v;
            try {
                v = Double.parseDouble(mt.group(3));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("fixedW entry '" + item.strip() + "': '" + mt.group(3) + "' is not a number");
            }
            if (!(v >= 0) || !Double.isFinite(v) || (j < nElem && v > 1)) {
                throw new IllegalArgumentException("fixedW entry '" + item.strip() + "': the value must be >= 0" + (j < nElem ? " and <= 1 (a fraction of the phase's elements)" : ""));
            }
            f[j * k + t] = v;
        }
        for (int t = 0; t < k; t++) {
            boolean free = false;
            double sum = 0;
            for (int j = 0; j < nElem; j++) {
                free |= f[j * k + t] < 0;
                sum += Math.max(f[j * k + t], 0);
            }
            if (!free && Math.abs(sum - 1) > 1e-6) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "fixedW fixes every element of phase %d but the fractions sum to %.6g; a fully fixed phase (a known stoichiometry, as espm's set_fixed_W) must sum to 1", t, sum));
            }
            if (free && sum > 1 + 1e-6) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "fixedW: the fixed fractions of phase %d sum to %.6g > 1", t, sum));
            }
        }
        return f;
    }

    /** @return {compositions [k × e] in %, σ [k × e] in %} */
    private static double[][] compositions(SmoothNmfSolver.Result r, double[] g, int ne, int m, int k, int nElem, double[] fixed) {
        double[] w = r.w();
        double[] c = new double[k * nElem];
        double[] sd = new double[k * nElem];
        for (int t = 0; t < k; t++) {
            double sum = 0;
            for (int j = 0; j < nElem; j++) {
                sum += w[j * k + t];
            }
            for (int j = 0; j < nElem; j++) {
                c[t * nElem + j] = 100 * w[j * k + t] / sum;
            }
            // Fisher information of the free coefficients of phase t for fixed H
            List<Integer> free = new ArrayList<>();
            for (int j = 0; j < m; j++) {
                if (fixed == null || fixed[j * k + t] < 0) {
                    free.add(j);
                }
            }
            int q = free.size();
            double[][] fi = new double[q][q];
            for (int e = 0; e < ne; e++) {
                double v = r.hSquaredOverY()[t * ne + e];
                for (int a = 0; a < q; a++) {
                    double ga = g[e * m + free.get(a)] * v;
                    for (int b = 0; b < q; b++) {
                        fi[a][b] += ga * g[e * m + free.get(b)];
                    }
                }
            }
            double[][] cov = Nnls.inverseSpd(fi);
            for (int j = 0; j < nElem; j++) {
                // J_i = ∂c_j/∂W_i = (δ_ij·S − W_j)/S² for element columns i, 0 for background ones
                double var = 0;
                for (int a = 0; a < q; a++) {
                    int ia = free.get(a);
                    if (ia >= nElem) {
                        continue;
                    }
                    double ja = ((ia == j ? sum : 0) - w[j * k + t]) / (sum * sum);
                    for (int b = 0; b < q; b++) {
                        int ib = free.get(b);
                        if (ib >= nElem) {
                            continue;
                        }
                        double jb = ((ib == j ? sum : 0) - w[j * k + t]) / (sum * sum);
                        var += ja * cov[a][b] * jb;
                    }
                }
                sd[t * nElem + j] = 100 * Math.sqrt(Math.max(var, 0));
            }
        }
        return new double[][] { c, sd };
    }
}
