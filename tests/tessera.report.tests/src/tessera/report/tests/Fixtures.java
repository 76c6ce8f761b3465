package tessera.report.tests;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.core.model.SignalType;
import tessera.report.AnalysisReport;
import tessera.report.ClusteringSection;
import tessera.report.DatasetSummary;
import tessera.report.Scree;

/**
 * Synthetic spectrum images with known calibrations: three Gaussian edges/peaks mixed by
 * known loadings, so every plotted quantity is known exactly.
 */
public final class Fixtures {
    private Fixtures() {
    }

    /** EELS energy axis: 200 channels, 400 eV + 1 eV/channel */
    public static final Axis EELS_E = new Axis("Energy loss", 200, 1.0, 400.0, "eV", false);
    /** EDX energy axis: 300 channels, 0.1 keV + 0.02 keV/channel */
    public static final Axis EDS_E = new Axis("Energy", 300, 0.02, 0.1, "keV", false);
    /** map y axis: 40 rows of 0.5 nm */
    public static final Axis Y = new Axis("y", 40, 0.5, 0.0, "nm", true);
    /** map x axis: 60 columns of 0.5 nm: field 30 nm, scale bar 5 nm */
    public static final Axis X = new Axis("x", 60, 0.5, 0.0, "nm", true);
    /** line-scan axis: 80 positions of 0.25 nm starting at 2 nm */
    public static final Axis LINE = new Axis("x", 80, 0.25, 2.0, "nm", true);
    /** row / column of the unique maximum (value exactly 1) of component 1's loading map */
    public static final int PEAK_Y = 12;
    /** see {@link #PEAK_Y} */
    public static final int PEAK_X = 41;

    /** @return factor c at channel j of axis e: Gaussian, centres at 20 %, 50 %, 80 % of the range */
    static double factor(int c, Axis e, int j) {
        double centre = e.offset() + (0.2 + 0.3 * c) * (e.high() - e.offset());
        double w = 0.05 * (e.high() - e.offset());
        double d = (e.value(j) - centre) / w;
        return Math.exp(-0.5 * d * d);
    }

    /** Loadings for 2-D navigation: component 0 ramps along x, 1 is a Gaussian blob peaked at (PEAK_Y, PEAK_X), 2 ramps along y. */
    static double loading2d(int c, int i, int j) {
        return switch (c) {
            case 0 -> j / (double) (X.size() - 1);
            case 1 -> Math.exp(-((i - PEAK_Y) * (i - PEAK_Y) + (j - PEAK_X) * (j - PEAK_X)) / 50.0);
            default -> 2.0 * i / (Y.size() - 1) - 0.5;
        };
    }

    /** Loadings of a line scan: three overlapping bumps along the line. */
    static double loading1d(int c, int i) {
        double d = (i - (10 + 30 * c)) / 8.0;
        return Math.exp(-0.5 * d * d);
    }

    /**
     * A decomposition result with k = 3 known components.
     *
     * @param id      algorithm id
     * @param e       energy axis
     * @param nav     navigation axes ([y, x], [x] or empty)
     * @param variance explained variances or null
     * @return the result
     */
    public static DecompositionResult decomposition(String id, Axis e, List<Axis> nav, double[] variance) {
        int k = 3;
        double[] f = new double[k * e.size()];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < e.size(); j++) {
                f[c * e.size() + j] = factor(c, e, j);
            }
        }
        int n = 1;
        for (Axis a : nav) {
            n *= a.size();
        }
        double[] l = new double[k * n];
        for (int c = 0; c < k; c++) {
            for (int p = 0; p < n; p++) {
                l[c * n + p] = nav.size() == 2 ? loading2d(c, p / nav.get(1).size(), p % nav.get(1).size())
                        : nav.size() == 1 ? loading1d(c, p) : 0.25 * (c + 1);
            }
        }
        List<Axis> fa = new ArrayList<>(List.of(Axis.uncalibrated("component", k, true), e));
        List<Axis> la = new ArrayList<>(List.of(Axis.uncalibrated("component", k, true)));
        nav.forEach(a -> la.add(a.withNavigate(false)));
        Parameters p = Parameters.of(List.of(ParameterSpec.ofInt("components", 3, 1, null, "number of components"),
                ParameterSpec.ofString("normalization", null, "Poisson scaling")), Map.of());
        return new DecompositionResult(id, Dataset.ofDoubles(f, fa, null), Dataset.ofDoubles(l, la, null), variance, p);
    }

    /**
     * The spectrum image the decomposition describes: {@code S = sum_c a_c(x) w_c(E)}.
     *
     * @return dataset with axes {@code nav + [e]}
     */
    public static Dataset data(DecompositionResult r, Axis e, List<Axis> nav, SignalType type) {
        double[][] sc = r.scores();
        int n = sc.length;
        float[] v = new float[n * e.size()];
        for (int p = 0; p < n; p++) {
            for (int j = 0; j < e.size(); j++) {
                double s = 0;
                for (int c = 0; c < sc[p].length; c++) {
                    s += sc[p][c] * factor(c, e, j);
                }
                v[p * e.size() + j] = (float) s;
            }
        }
        List<Axis> axes = new ArrayList<>(nav);
        axes.add(e);
        Metadata md = new Metadata().title("synthetic " + type).signalType(type);
        md.set(Metadata.BEAM_ENERGY, 200.0).set(Metadata.CONVERGENCE_ANGLE, 21.5);
        return Dataset.ofFloats(v, axes, md);
    }

    /** @return labels = index of the largest score per position */
    public static ClusterResult argmaxClusters(DecompositionResult r) {
        double[][] sc = r.scores();
        int[] lab = new int[sc.length];
        for (int p = 0; p < sc.length; p++) {
            for (int c = 1; c < sc[p].length; c++) {
                if (sc[p][c] > sc[p][lab[p]]) {
                    lab[p] = c;
                }
            }
        }
        return new ClusterResult(lab, new double[3][3], 12.5);
    }

    /** Scree variances: 10, 3, 1, then a noise floor decaying slowly (20 components). */
    public static double[] variances() {
        double[] v = new double[20];
        v[0] = 10;
        v[1] = 3;
        v[2] = 1;
        for (int i = 3; i < v.length; i++) {
            v[i] = 0.01 * Math.pow(0.9, i);
        }
        return v;
    }

    /**
     * A complete report for a dataset with the given navigation axes.
     *
     * @param source source file name
     * @param e      energy axis
     * @param nav    navigation axes
     * @param type   signal type
     * @return the report
     */
    public static AnalysisReport report(String source, Axis e, List<Axis> nav, SignalType type) {
        DecompositionResult pca = decomposition("tessera.decompose.pca", e, nav, variances());
        DecompositionResult nmf = decomposition("tessera.decompose.nmf", e, nav, null);
        Dataset data = data(pca, e, nav, type);
        ClusterResult cr = argmaxClusters(pca);
        return AnalysisReport.builder(source).created(Instant.parse("2026-11-24T12:00:00Z")).dataset(DatasetSummary.of(data))
                .scree(Scree.of("PCA", pca, 3)).decomposition("PCA", pca).decomposition("NMF", nmf)
                .clustering(ClusteringSection.of("k-means", "tessera.cluster.kmeans", cr, data))
                .parameters("k-means", Map.of("clusters", 3))
                .references("PCA", List.of(new LiteratureReference("Pearson, K. On lines and planes of closest fit. Phil. Mag. 2, 559 (1901)",
                        "10.1080/14786440109462720")))
                .references("NMF", List.of(new LiteratureReference("Lee & Seung, Nature 401, 788 (1999)", "10.1038/44565")))
                .timing("PCA", Duration.ofMillis(420)).timing("NMF", Duration.ofMillis(3150))
                .note("Synthetic <test> data & known answer").warning("3 spectra had negative counts").build();
    }
}
