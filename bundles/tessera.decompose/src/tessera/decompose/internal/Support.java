package tessera.decompose.internal;

import java.util.List;

import tessera.core.analysis.DecompositionResult;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.math.RowReader;

/** Shared helpers of the decomposers: data access, Poisson weights and result assembly. */
final class Support {
    private Support() {
    }

    /**
     * @param data dataset with at least one navigation axis
     * @return a row reader over its spectra (one row per navigation position)
     * @throws IllegalArgumentException if the dataset has no navigation or no signal axis
     */
    static RowReader rows(Dataset data) {
        if (data.navigationDimension() == 0) {
            throw new IllegalArgumentException("decomposition needs at least one navigation axis; dataset has axes " + data.axes());
        }
        if (data.signalAxes().isEmpty()) {
            throw new IllegalArgumentException("decomposition needs at least one signal axis; dataset has axes " + data.axes());
        }
        return data::readSpectra;
    }

    /**
     * Keenan-Kotula weights as HyperSpy's {@code normalize_poissonian_noise}: {@code 1/sqrt(aG)} per row
     * and {@code 1/sqrt(bH)} per column, with aG the row sums and bH the column sums; a zero sum gives
     * weight 0 (HyperSpy's {@code nan_to_num} of 0/0).
     *
     * @param sums {@code [rowSums, colSums]}
     * @return {@code [rootAG, rootBH, invRootAG, invRootBH]}
     * @throws IllegalArgumentException if a sum is negative (negative data)
     */
    static double[][] poissonWeights(double[][] sums) {
        double[][] out = new double[4][];
        for (int s = 0; s < 2; s++) {
            double[] v = sums[s];
            double[] root = new double[v.length];
            double[] inv = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                if (v[i] < 0) {
                    throw new IllegalArgumentException("Poisson noise normalisation needs non-negative data, but a "
                            + (s == 0 ? "spectrum" : "channel") + " sum is " + v[i]);
                }
                root[i] = Math.sqrt(v[i]);
                inv[i] = root[i] > 0 ? 1 / root[i] : 0;
            }
            out[s] = root;
            out[s + 2] = inv;
        }
        return out;
    }

    /** @return a row reader that multiplies every column j by {@code colWeights[j]} after reading */
    static RowReader scaleColumns(RowReader x, int p, double[] colWeights) {
        return (first, count, out, off) -> {
            x.read(first, count, out, off);
            for (int r = 0; r < count; r++) {
                int o = off + r * p;
                for (int j = 0; j < p; j++) {
                    out[o + j] = (float) (out[o + j] * colWeights[j]);
                }
            }
        };
    }

    /**
     * Builds the factors dataset {@code [k, signal axes]} (float64) from row-major {@code [k x p]} values.
     */
    static Dataset factors(double[] f, int k, Dataset source) {
        List<tessera.core.model.Axis> axes = DecompositionResult.factorAxes(k, source);
        return Dataset.ofDoubles(f, axes, new Metadata());
    }

    /**
     * Builds the loadings dataset {@code [k, navigation axes as signal]} (float32) from component-major values.
     */
    static Dataset loadings(float[] l, int k, Dataset source) {
        return Dataset.ofFloats(l, DecompositionResult.loadingAxes(k, source), new Metadata());
    }
}
