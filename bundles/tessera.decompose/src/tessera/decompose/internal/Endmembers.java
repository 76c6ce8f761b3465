package tessera.decompose.internal;

import java.util.List;

import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.math.SymmetricEigen;

/**
 * Checks endmember spectra against the data they unmix and gives them as a matrix.
 *
 * @param w    endmember spectra {@code [k][p]}
 * @param gram {@code W Wᵀ}, {@code [k][k]}
 */
record Endmembers(double[][] w, double[][] gram) {
    /** reciprocal condition number (smallest / largest eigenvalue of W Wᵀ) below which the endmembers count as rank deficient */
    static final double RANK_TOLERANCE = 1e-12;

    /** @return number of endmembers k */
    int k() {
        return w.length;
    }

    /** @return number of channels p */
    int p() {
        return w[0].length;
    }

    /**
     * Validates endmembers for {@code data}.
     *
     * @param data       {@code [nav..., signal...]}
     * @param endmembers {@code [k, signal...]}
     * @return the matrix form
     * @throws IllegalArgumentException if the signal axes differ (naming both), k exceeds the channels, a value is not
     *                                  finite, or {@code W Wᵀ} is singular to {@link #RANK_TOLERANCE}
     */
    static Endmembers of(Dataset data, Dataset endmembers) {
        List<Axis> ds = data.signalAxes();
        List<Axis> es = endmembers.axes().subList(1, endmembers.rank());
        String dt = data.metadata() == null || data.metadata().title() == null ? "the data" : "the data '" + data.metadata().title() + "'";
        String et = endmembers.metadata() == null || endmembers.metadata().title() == null ? "the endmembers"
                : "the endmembers '" + endmembers.metadata().title() + "'";
        if (!sameAxes(ds, es)) {
            throw new tessera.core.analysis.IncompatibleDataException(et + " are on " + describe(es) + " but " + dt + " on " + describe(ds)
                    + ": endmembers must be on the data's signal axis (rebin or crop one of them)");
        }
        int k = endmembers.axis(0).size();
        int p = data.signalSize();
        if (k < 1) {
            throw new tessera.core.analysis.IncompatibleDataException(et + " hold no spectrum");
        }
        if (k > p) {
            throw new tessera.core.analysis.IncompatibleDataException(k + " endmembers for " + p + " channels: at most one endmember per channel");
        }
        double[][] w = new double[k][p];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < p; j++) {
                double v = endmembers.getDouble((long) i * p + j);
                if (!Double.isFinite(v)) {
                    throw new tessera.core.analysis.IncompatibleDataException(et + ": endmember " + i + " has the non-finite value " + v + " in channel " + j);
                }
                w[i][j] = v;
            }
        }
        double[][] g = new double[k][k];
        double[] flat = new double[k * k];
        for (int a = 0; a < k; a++) {
            for (int b = a; b < k; b++) {
                double s = 0;
                for (int j = 0; j < p; j++) {
                    s += w[a][j] * w[b][j];
                }
                g[a][b] = s;
                g[b][a] = s;
                flat[a * k + b] = s;
                flat[b * k + a] = s;
            }
        }
        double[] ev = SymmetricEigen.of(flat, k).values();
        if (!(ev[k - 1] > RANK_TOLERANCE * ev[0])) {
            throw new tessera.core.analysis.IncompatibleDataException(et + " are rank deficient (W W^T has eigenvalues " + ev[0] + " ... " + ev[k - 1]
                    + "): an endmember is a linear combination of the others");
        }
        return new Endmembers(w, g);
    }

    private static boolean sameAxes(List<Axis> a, List<Axis> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            Axis x = a.get(i);
            Axis y = b.get(i);
            double tol = 1e-6 * Math.max(Math.abs(x.scale()), Math.abs(y.scale()));
            if (x.size() != y.size() || Math.abs(x.scale() - y.scale()) > tol || Math.abs(x.offset() - y.offset()) > tol
                    || !java.util.Objects.equals(blankToNull(x.units()), blankToNull(y.units()))) {
                return false;
            }
        }
        return true;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** @return e.g. {@code "energy loss 1024 channels from 400 eV by 0.5 eV"} */
    static String describe(List<Axis> axes) {
        StringBuilder b = new StringBuilder();
        for (Axis a : axes) {
            if (b.length() > 0) {
                b.append(" x ");
            }
            String u = a.units() == null ? "" : " " + a.units();
            b.append(a.name() == null ? "axis" : a.name()).append(' ').append(a.size()).append(" channels from ").append(fmt(a.offset())).append(u)
                    .append(" by ").append(fmt(a.scale())).append(u);
        }
        return b.toString();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf((float) v);
    }
}
