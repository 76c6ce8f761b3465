package tessera.decompose.internal;

import java.util.List;

import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.math.Nnls;

/**
 * Non-negative least-squares abundances of known endmembers: per position min ‖s − Wᵀa‖₂ subject to a ≥ 0, by the
 * Lawson–Hanson active-set algorithm of {@link Nnls} on the normal equations {@code (W Wᵀ) a = W s}.
 */
public final class NnlsUnmixer extends LinearUnmixer {
    /** contribution id */
    public static final String ID = "tessera.decompose.nnls";

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(poissonParameter());
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(new LiteratureReference("C. L. Lawson, R. J. Hanson, Solving Least Squares Problems, Prentice-Hall (1974), ch. 23",
                "10.1137/1.9781611971217"));
    }

    @Override
    String id() {
        return ID;
    }

    @Override
    java.util.function.Supplier<PixelSolver> solver(Endmembers em, Parameters params) {
        int k = em.k();
        int p = em.p();
        double[][] w = em.w();
        double[][] g = em.gram();
        return () -> (pos, s, a, extra) -> {
            double[] wb = new double[k];
            for (int i = 0; i < k; i++) {
                double v = 0;
                for (int j = 0; j < p; j++) {
                    v += w[i][j] * s[j];
                }
                wb[i] = v;
            }
            System.arraycopy(Nnls.solve(g, wb), 0, a, 0, k);
        };
    }
}
