package tessera.decompose.internal;

import java.util.List;

import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;

/**
 * Unconstrained least-squares abundances (multiple linear regression) of known endmembers: per position
 * {@code a = (W Wᵀ)⁻¹ W s}, the seed's STO/LSMO/BFO example of fitting reference spectra to every pixel of an EELS
 * spectrum image (abundances may come out negative or not sum to one: the fit statistics say how well the references
 * explain the data). With Poisson data and the true endmembers the reduced χ² (Poisson variance) averages 1.
 */
public final class LeastSquaresUnmixer extends LinearUnmixer {
    /** contribution id */
    public static final String ID = "tessera.decompose.mlr";

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(poissonParameter());
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(new LiteratureReference("N. Keshava, J. F. Mustard, Spectral unmixing, IEEE Signal Process. Mag. 19 (2002) 44-57",
                "10.1109/79.974727"),
                new LiteratureReference("S. V. Kalinin et al., Machine learning in scanning transmission electron microscopy, Nat. Rev. Methods Primers 2 (2022) 11",
                        "10.1038/s43586-022-00095-w"));
    }

    @Override
    String id() {
        return ID;
    }

    @Override
    java.util.function.Supplier<PixelSolver> solver(Endmembers em, Parameters params) {
        int k = em.k();
        int p = em.p();
        double[][] inv = tessera.math.Nnls.inverseSpd(em.gram());
        double[][] pinv = new double[k][p]; // (W Wᵀ)⁻¹ W
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int q = 0; q < k; q++) {
                    s += inv[i][q] * em.w()[q][j];
                }
                pinv[i][j] = s;
            }
        }
        return () -> (pos, s, a, extra) -> {
            for (int i = 0; i < k; i++) {
                double v = 0;
                double[] row = pinv[i];
                for (int j = 0; j < p; j++) {
                    v += row[j] * s[j];
                }
                a[i] = v;
            }
        };
    }
}
