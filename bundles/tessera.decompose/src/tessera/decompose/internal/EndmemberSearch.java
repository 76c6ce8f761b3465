package tessera.decompose.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.math.Kernels;
import tessera.math.RowReader;
import tessera.math.SymmetricEigen;

/**
 * What the pure-pixel endmember searches ({@link NfindrDecomposer}, {@link VcaDecomposer}) share: the streamed
 * statistics of the data (one pass for the row and column sums with the finiteness check, one for the Gram matrix
 * {@code XᵀX}, {@code [p x p]}; nothing of the size of the cube is kept), the principal subspaces, and the last step:
 * the chosen pixels' spectra (from the original data, on its calibrated signal axes) ordered by pixel index, their
 * FCLS abundances ({@link FclsUnmixer}) and the result with {@link DecompositionResult#ENDMEMBER_PIXELS} followed by
 * the FCLS fit maps.
 */
final class EndmemberSearch {
    /** parameter: number of endmembers */
    static final String COMPONENTS = "components";
    /** parameter: seed */
    static final String SEED = "seed";
    /** eigenvalue ratio (to the largest) below which a principal direction counts as absent */
    static final double RANK_TOLERANCE = 1e-12;

    final Dataset data;
    final RowReader x;
    final int n;
    final int p;
    final int k;
    /** mean spectrum {@code [p]} */
    final double[] mean;
    /** Gram matrix XᵀX, row-major {@code [p x p]} (uncentred) */
    final double[] gram;
    private SymmetricEigen centredEigen;
    private SymmetricEigen uncentredEigen;

    private EndmemberSearch(Dataset data, RowReader x, int n, int p, int k, double[] mean, double[] gram) {
        this.data = data;
        this.x = x;
        this.n = n;
        this.p = p;
        this.k = k;
        this.mean = mean;
        this.gram = gram;
    }

    /** @return the {@code components} parameter (required, ≥ 2) */
    static ParameterSpec componentsParameter() {
        return ParameterSpec.ofInt(COMPONENTS, null, 2, null, "number of endmembers k (required, at least 2, at most min(positions, channels))");
    }

    /**
     * Checks the data and k, and streams the sums and the Gram matrix (two passes).
     *
     * @param data    spectrum image {@code [nav..., signal...]}
     * @param params  with {@code components}
     * @param method  name for messages
     * @param monitor progress (begun by the caller, 2 n units) and cancellation
     * @return the statistics
     * @throws IllegalArgumentException if components is unset, below 2 or above min(n, p), or a value is not finite
     */
    static EndmemberSearch of(Dataset data, Parameters params, String method, ProgressMonitor monitor) {
        RowReader x = Support.rows(data);
        int n = Math.toIntExact(data.navigationSize());
        int p = data.signalSize();
        if (!params.has(COMPONENTS)) {
            throw new IllegalArgumentException(method + " needs the number of endmembers: set '" + COMPONENTS + "' (at least 2)");
        }
        int k = params.getInt(COMPONENTS);
        if (k < 2) {
            throw new IllegalArgumentException(method + ": " + COMPONENTS + " = " + k + ", but a simplex needs at least 2 endmembers");
        }
        int m = Math.min(n, p);
        if (k > m) {
            throw new IllegalArgumentException(method + ": " + COMPONENTS + " = " + k + " but the data (" + n + " positions x " + p
                    + " channels) have at most min(n, p) = " + m + " principal components");
        }
        double[][] sums = Kernels.sums(x, n, p, monitor);
        for (int r = 0; r < n; r++) {
            if (!Double.isFinite(sums[0][r])) {
                throw nonFinite(data, x, r, p);
            }
        }
        double[] mean = sums[1];
        for (int j = 0; j < p; j++) {
            mean[j] /= n;
        }
        double[] g = Kernels.gram(x, n, p, null, false, monitor);
        return new EndmemberSearch(data, x, n, p, k, mean, g);
    }

    private static IllegalArgumentException nonFinite(Dataset data, RowReader x, int r, int p) {
        float[] row = new float[p];
        x.read(r, 1, row, 0);
        String title = data.metadata() == null || data.metadata().title() == null ? "the data" : "'" + data.metadata().title() + "'";
        for (int j = 0; j < p; j++) {
            if (!Float.isFinite(row[j])) {
                return new IllegalArgumentException(title + ": the spectrum at position " + r + " has the non-finite value " + row[j] + " in channel " + j);
            }
        }
        return new IllegalArgumentException(title + ": the spectrum at position " + r + " sums to a non-finite value");
    }

    /**
     * Principal directions of the data about their mean (centred) or about zero (uncentred), each decomposed once and kept.
     *
     * @param centred subtract the mean spectrum
     * @param d       number of directions (≤ p)
     * @param method  name for messages
     * @return the eigen-decomposition of {@code XᵀX} or {@code XᵀX − n m mᵀ}; vectors row-major, row c is direction c
     * @throws IllegalArgumentException if fewer than d directions have a non-zero variance (the data span fewer)
     */
    SymmetricEigen principal(boolean centred, int d, String method) {
        SymmetricEigen e = centred ? centredEigen : uncentredEigen;
        if (e == null) {
            e = eigen(centred);
            if (centred) {
                centredEigen = e;
            } else {
                uncentredEigen = e;
            }
        }
        double[] ev = e.values();
        if (!(ev[d - 1] > RANK_TOLERANCE * ev[0])) {
            int r = 0;
            while (r < p && ev[r] > RANK_TOLERANCE * ev[0]) {
                r++;
            }
            throw new IllegalArgumentException(method + ": the data span only " + r + " dimension(s)" + (centred ? " about their mean spectrum" : "")
                    + ", too few for " + k + " endmembers (needs " + d + ")");
        }
        return e;
    }

    private SymmetricEigen eigen(boolean centred) {
        double[] c = gram;
        if (centred) {
            c = gram.clone();
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    c[i * p + j] -= n * mean[i] * mean[j];
                }
            }
        }
        return SymmetricEigen.of(c, p);
    }

    /**
     * Scores of every position on the first d directions (one streamed pass).
     *
     * @param e       directions
     * @param d       number used
     * @param centred subtract the mean spectrum first
     * @param monitor progress (n units) and cancellation
     * @return component-major {@code [d * n]}, float32
     */
    float[] project(SymmetricEigen e, int d, boolean centred, ProgressMonitor monitor) {
        return Kernels.projectOnto(x, n, p, e.vectors(), d, null, centred ? mean : null, false, monitor);
    }

    /**
     * Reads the chosen pixels, orders them by pixel index, unmixes all positions with FCLS and assembles the result.
     *
     * @param id      contribution id
     * @param pixels  the k chosen flat navigation indices
     * @param params  the decomposer's parameters (with {@code poissonVariance})
     * @param method  name for messages
     * @param monitor progress and cancellation
     * @return factors = the pixel spectra {@code [k, signal axes]}, loadings = FCLS abundances {@code [k, nav axes]},
     *         auxiliary ENDMEMBER_PIXELS {@code [k]} int32 and FCLS's RESIDUAL, CHI_SQUARE, RESIDUAL_SPECTRUM
     */
    DecompositionResult finish(String id, int[] pixels, Parameters params, String method, ProgressMonitor monitor) {
        int[] px = pixels.clone();
        Arrays.sort(px);
        for (int i = 1; i < px.length; i++) {
            if (px[i] == px[i - 1]) {
                throw new IllegalArgumentException(method + " chose position " + px[i] + " twice: the data do not hold " + k
                        + " distinct extreme spectra (fewer endmembers?)");
            }
        }
        double[] w = new double[k * p];
        float[] row = new float[p];
        for (int i = 0; i < k; i++) {
            x.read(px[i], 1, row, 0);
            for (int j = 0; j < p; j++) {
                w[i * p + j] = row[j];
            }
        }
        Metadata md = new Metadata();
        md.title(method + " endmembers");
        Dataset ends = Dataset.ofDoubles(w, DecompositionResult.factorAxes(k, data), md);
        FclsUnmixer fcls = new FclsUnmixer();
        boolean poisson = params.has(LinearUnmixer.POISSON) && params.getBoolean(LinearUnmixer.POISSON);
        DecompositionResult ab;
        try {
            ab = fcls.unmix(data, ends, Parameters.of(fcls.parameters(), Map.of(LinearUnmixer.POISSON, poisson)), monitor);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(method + " endmembers at positions " + Arrays.toString(px) + ": " + ex.getMessage(), ex);
        }
        Map<String, Dataset> aux = new LinkedHashMap<>();
        Metadata pm = new Metadata();
        pm.title("endmember pixels (flat navigation index)");
        aux.put(DecompositionResult.ENDMEMBER_PIXELS, Dataset.ofInts(px, new ArrayList<>(List.of(Axis.uncalibrated("component", k, false))), pm));
        aux.putAll(ab.auxiliary());
        return new DecompositionResult(id, ab.factors(), ab.loadings(), null, params, aux);
    }
}
