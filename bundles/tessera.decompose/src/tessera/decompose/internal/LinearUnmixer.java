package tessera.decompose.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.analysis.Unmixer;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.math.Kernels;

/**
 * What every abundance estimate for known endmembers shares: the endmember check ({@link Endmembers}), one streamed
 * pass over the spectra in float32 row blocks (blocks in parallel, each position independent, so the result does not
 * depend on the thread count), and the fit statistics of the seed's "fit coefficient map / residuals map / χ² map":
 * with r(E) = s(E) − Σ_i a_i w_i(E) the residual of a position,
 * <ul>
 * <li>{@link DecompositionResult#RESIDUAL}: the root-mean-square residual √(Σ_E r² / p), in the data's units;</li>
 * <li>{@link DecompositionResult#CHI_SQUARE}: the reduced χ² = Σ_E r²/σ²(E) / (p − k). With {@code poissonVariance}
 *   (count data) σ²(E) is the fitted count Σ_i a_i w_i(E), at least 1 (Pearson's χ²); otherwise σ² is one variance
 *   for the whole spectrum image, the mean squared residual Σ_x Σ_E r² / (n (p − k)), so the map shows where the
 *   model fits worse than on average;</li>
 * <li>{@link DecompositionResult#RESIDUAL_SPECTRUM}: Σ_x r(x, E), where an endmember is missing or misplaced.</li>
 * </ul>
 * Subclasses provide the per-position solver; a method with posterior uncertainties names its extra per-component maps
 * ({@link #extraMaps()}).
 */
abstract class LinearUnmixer implements Unmixer {
    /** parameter: Poisson variance in the χ² */
    static final String POISSON = "poissonVariance";
    /** spectra per block */
    private static final int BLOCK = 256;
    /** blocks processed between ordered reductions (bounds the memory of per-block residual spectra) */
    private static final int GROUP = 64;

    /** Solves one position; an instance is used by one thread at a time. */
    interface PixelSolver {
        /**
         * @param position flat navigation index (for a seeded per-position random stream)
         * @param s        the spectrum {@code [p]}
         * @param a        out: abundances {@code [k]}
         * @param extra    out: {@code [extraMaps().size() * k]}, map m of component i at {@code m * k + i}
         */
        void solve(long position, double[] s, double[] a, double[] extra);
    }

    /** @return the common parameter {@code poissonVariance} */
    static ParameterSpec poissonParameter() {
        return ParameterSpec.ofBoolean(POISSON, false,
                "count data: the reduced chi-square uses the Poisson variance (the fitted counts, at least 1) instead of one variance estimated from all residuals");
    }

    /**
     * @param em     the checked endmembers
     * @param params the parameters
     * @return a factory of solvers, one per worker
     */
    abstract java.util.function.Supplier<PixelSolver> solver(Endmembers em, Parameters params);

    /** @return contribution id */
    abstract String id();

    /** @return names of the per-component maps the solver fills in {@code extra} (empty by default) */
    List<String> extraMaps() {
        return List.of();
    }

    /**
     * Checks the data are counts where the method or the χ² needs them.
     *
     * @param params the parameters
     * @return whether negative data must be refused
     */
    boolean needsCounts(Parameters params) {
        return params.has(POISSON) && params.getBoolean(POISSON);
    }

    @Override
    public DecompositionResult unmix(Dataset data, Dataset endmembers, Parameters params, ProgressMonitor monitor) {
        if (data.navigationDimension() == 0) {
            throw new tessera.core.analysis.IncompatibleDataException("unmixing needs a spectrum image or line scan; the dataset has axes " + data.axes());
        }
        Endmembers em = Endmembers.of(data, endmembers);
        int k = em.k();
        int p = em.p();
        if (p <= k) {
            throw new tessera.core.analysis.IncompatibleDataException(k + " endmembers for " + p + " channels leave no degree of freedom for the chi-square");
        }
        int n = Math.toIntExact(data.navigationSize());
        boolean poisson = params.has(POISSON) && params.getBoolean(POISSON);
        boolean counts = needsCounts(params);
        List<String> extras = extraMaps();
        int ne = extras.size() * k;
        float[] load = new float[k * n];
        float[][] extraMaps = new float[ne][n];
        float[] rms = new float[n];
        double[] ssr = new double[n];
        double[] chi = new double[n];
        double[] resSum = new double[p];
        java.util.function.Supplier<PixelSolver> factory = solver(em, params);
        int blocks = (n + BLOCK - 1) / BLOCK;
        ThreadLocal<PixelSolver> solvers = ThreadLocal.withInitial(factory);
        String title = data.metadata() == null || data.metadata().title() == null ? "the data" : "'" + data.metadata().title() + "'";
        monitor.begin(id() + " (" + n + " x " + p + ", " + k + " endmembers)", n);
        try {
            for (int start = 0; start < blocks; start += GROUP) {
                int g0 = start;
                int g1 = Math.min(blocks, g0 + GROUP);
                double[][] partial = new double[g1 - g0][];
                IntStream.range(g0, g1).parallel().forEach(b -> {
                    Kernels.checkCancel(monitor);
                    int first = b * BLOCK;
                    int count = Math.min(BLOCK, n - first);
                    float[] buf = new float[count * p];
                    data.readSpectra(first, count, buf, 0);
                    PixelSolver sv = solvers.get();
                    double[] s = new double[p];
                    double[] a = new double[k];
                    double[] ex = new double[ne];
                    double[] rs = new double[p];
                    for (int r = 0; r < count; r++) {
                        int pos = first + r;
                        for (int j = 0; j < p; j++) {
                            double v = buf[r * p + j];
                            if (!Double.isFinite(v)) {
                                throw new tessera.core.analysis.IncompatibleDataException(title + ": the spectrum at position " + pos + " has the non-finite value " + v
                                        + " in channel " + j);
                            }
                            if (counts && v < 0) {
                                throw new tessera.core.analysis.IncompatibleDataException(title + ": the spectrum at position " + pos + " has the negative value " + v
                                        + " in channel " + j + ", but " + id() + " with " + POISSON + " needs counts (non-negative data)");
                            }
                            s[j] = v;
                        }
                        sv.solve(pos, s, a, ex);
                        double sq = 0;
                        double c2 = 0;
                        for (int j = 0; j < p; j++) {
                            double m = 0;
                            for (int i = 0; i < k; i++) {
                                m += a[i] * em.w()[i][j];
                            }
                            double res = s[j] - m;
                            rs[j] += res;
                            sq += res * res;
                            if (poisson) {
                                c2 += res * res / Math.max(m, 1);
                            }
                        }
                        for (int i = 0; i < k; i++) {
                            load[i * n + pos] = (float) a[i];
                        }
                        for (int e = 0; e < ne; e++) {
                            extraMaps[e][pos] = (float) ex[e];
                        }
                        rms[pos] = (float) Math.sqrt(sq / p);
                        ssr[pos] = sq;
                        chi[pos] = c2;
                    }
                    partial[b - g0] = rs;
                    monitor.worked(count);
                });
                for (double[] rs : partial) {
                    for (int j = 0; j < p; j++) {
                        resSum[j] += rs[j];
                    }
                }
            }
        } finally {
            monitor.done();
        }
        int dof = p - k;
        float[] chiMap = new float[n];
        if (poisson) {
            for (int i = 0; i < n; i++) {
                chiMap[i] = (float) (chi[i] / dof);
            }
        } else {
            double total = 0;
            for (double v : ssr) {
                total += v;
            }
            double sigma2 = total / ((double) n * dof);
            for (int i = 0; i < n; i++) {
                chiMap[i] = sigma2 > 0 ? (float) (ssr[i] / dof / sigma2) : 0f;
            }
        }
        double[] fac = new double[k * p];
        for (int i = 0; i < k; i++) {
            System.arraycopy(em.w()[i], 0, fac, i * p, p);
        }
        Map<String, Dataset> aux = new LinkedHashMap<>();
        List<Axis> mapAxes = DecompositionResult.mapAxes(data);
        aux.put(DecompositionResult.RESIDUAL, Dataset.ofFloats(rms, mapAxes, titled("residual (RMS, data units)")));
        aux.put(DecompositionResult.CHI_SQUARE, Dataset.ofFloats(chiMap, mapAxes,
                titled(poisson ? "reduced chi-square (Poisson variance)" : "reduced chi-square (relative to the mean residual variance)")));
        aux.put(DecompositionResult.RESIDUAL_SPECTRUM, Dataset.ofDoubles(resSum, new ArrayList<>(data.signalAxes()), titled("residual spectrum (sum over positions)")));
        for (int e = 0; e < extras.size(); e++) {
            float[] m = new float[k * n];
            for (int i = 0; i < k; i++) {
                System.arraycopy(extraMaps[e * k + i], 0, m, i * n, n);
            }
            aux.put(extras.get(e), Dataset.ofFloats(m, DecompositionResult.loadingAxes(k, data), titled(extras.get(e))));
        }
        return new DecompositionResult(id(), Support.factors(fac, k, data), Support.loadings(load, k, data), null, params, aux);
    }

    private static Metadata titled(String t) {
        Metadata md = new Metadata();
        md.title(t);
        return md;
    }
}
