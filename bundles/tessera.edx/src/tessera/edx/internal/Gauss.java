package tessera.edx.internal;

import tessera.core.model.Axis;

/** Normal distribution helpers for the forward models. Not API. */
public final class Gauss {
    private Gauss() {
    }

    /**
     * Complementary error function, erfc(x), by the Chebyshev-fitted exponential of W. H. Press et al., Numerical
     * Recipes, 2nd ed. (1992) §6.2 (fractional error below 1.2·10⁻⁷ everywhere).
     *
     * @param x argument
     * @return erfc(x)
     */
    public static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
                + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    /** @return the standard normal CDF Φ(x) */
    public static double cdf(double x) {
        return 0.5 * erfc(-x / Math.sqrt(2));
    }

    /**
     * Adds area × (the integral over each channel of a normalised Gaussian) to a column: channel k covers
     * [offset + (k − ½)·scale, offset + (k + ½)·scale] in the axis' units (HyperSpy's axis values are channel centres).
     *
     * @param column   the column to add to, shape [axis.size()]
     * @param axis     the energy axis (scale &gt; 0)
     * @param toAxis   factor from the centre/sigma unit to the axis unit (1 for keV axes, 1000 for eV)
     * @param centre   line energy (same unit as sigma)
     * @param sigma    standard deviation (&gt; 0)
     * @param area     the area the Gaussian carries (its sum over an infinite axis)
     */
    public static void addBinned(double[] column, Axis axis, double toAxis, double centre, double sigma, double area) {
        double c = centre * toAxis, s = sigma * toAxis;
        double h = axis.scale() / 2;
        int lo = (int) Math.max(0, Math.floor((c - 9 * s - axis.offset()) / axis.scale()));
        int hi = (int) Math.min(axis.size() - 1, Math.ceil((c + 9 * s - axis.offset()) / axis.scale()));
        double prev = cdf((axis.offset() + lo * axis.scale() - h - c) / s);
        for (int k = lo; k <= hi; k++) {
            double next = cdf((axis.offset() + k * axis.scale() + h - c) / s);
            column[k] += area * (next - prev);
            prev = next;
        }
    }
}
