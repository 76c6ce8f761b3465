package tessera.decompose.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import tessera.core.analysis.Discriminant;
import tessera.core.analysis.Discriminant.Projection;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.decompose.internal.LdaDiscriminant;

/**
 * Fisher LDA against scikit-learn 1.2.1's {@code LinearDiscriminantAnalysis(solver='eigen')}
 * ({@code benchmarks/peers/mds_lda_sklearn.py}) on 90 deterministic rows of 5 features in 3 classes
 * ({@code label = i mod 3}, rows with {@code i mod 13 = 0} labelled −1 and left out).
 */
class LdaTest {
    static final Discriminant LDA = new LdaDiscriminant();

    // mds_lda_sklearn.py: lda = LinearDiscriminantAnalysis(solver='eigen', shrinkage=...).fit(X[y >= 0], y[y >= 0]);
    // rows 0..7 of lda.transform(X) - X[y >= 0].mean(0) @ scalings_[:, :2] (sklearn's eigen transform does not centre),
    // explained_variance_ratio_ and scalings_[:, :2].T
    // LinearDiscriminantAnalysis(solver='eigen', shrinkage=None): (X - xbar) @ scalings_[:, :2] (rows 0..7), explained_variance_ratio_
    static final double[][] LDA_NONE = {{-0.59221453852868, 1.7445866957830232}, {-0.6353910992669193, -1.9080512054712004}, {0.8008156210541583, 0.5349050845630482}, {-2.3522066293209996, -0.3005024969632462}, {1.4967806192759063, -1.392509610554008}, {0.6084007066059721, 1.8551848353149498}, {-1.8782225980845544, -0.2586432287376617}, {2.347104969216183, 0.47500117146395565}};
    static final double[] LDA_NONE_RATIO = {0.647583085531295, 0.35241691446870504};
    static final double[][] LDA_NONE_SCALINGS = {{-0.8354695324501497, -0.6046635187562844, 0.047540472232573884, 0.6731396336620831, 0.744143241864002}, {-0.2625304147455278, 0.6096947987844021, 1.0023056162324455, 0.5339057990229311, -0.4904301879070256}}; // scalings_[:, :2].T
    // LinearDiscriminantAnalysis(solver='eigen', shrinkage=0.3): (X - xbar) @ scalings_[:, :2] (rows 0..7), explained_variance_ratio_
    static final double[][] LDA_HALF = {{-0.535388828834311, 1.7346061527439023}, {-0.6779667756041197, -1.9083676582912823}, {0.8189436122514909, 0.515844724623238}, {-2.3348536564117173, -0.2809761254510986}, {1.4567935987197103, -1.4096109335539426}, {0.6388595771025688, 1.8566283004112292}, {-1.8824498441704876, -0.23759877266054866}, {2.340096985441762, 0.4672937820856271}};
    static final double[] LDA_HALF_RATIO = {0.5129386207278944, 0.30866205976844224};
    static final double[][] LDA_HALF_SCALINGS = {{-0.8277938210611127, -0.5884587833836924, 0.0773080947037689, 0.6850871475463582, 0.7316152971005776}, {-0.26601045871200196, 0.6113923556410225, 0.9999475158288087, 0.5233738242279712, -0.5063043556291236}}; // scalings_[:, :2].T
    // LinearDiscriminantAnalysis(solver='eigen', shrinkage='auto'): (X - xbar) @ scalings_[:, :2] (rows 0..7), explained_variance_ratio_
    static final double[][] LDA_AUTO = {{-0.31933802732732774, -1.5875605234150605}, {-0.9403221014438323, 1.842767554801355}, {0.8862861904080306, -0.22537589793959467}, {-2.208532187789751, 0.15114335813771645}, {1.2590963765055567, 1.5881122945777686}, {0.7789420648677952, -1.8993799739068327}, {-1.9522935718714114, -0.13386777279116593}, {2.4054058372439275, -0.3190904704570173}};
    static final double[] LDA_AUTO_RATIO = {0.5344471530235179, 0.3316604626024343};
    static final double[][] LDA_AUTO_SCALINGS = {{-0.8253451783077022, -0.5620659654187841, 0.24178367116485713, 0.7343080804795559, 0.6219739776380799}, {0.3358655270509156, -0.6828237817483441, -0.9248726610663529, -0.37018338471297274, 0.6512070514817311}}; // scalings_[:, :2].T

    static int n = 90, d = 5;

    static int[] labels() {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 13 == 0 ? -1 : i % 3;
        }
        return y;
    }

    static double[][] features() {
        int[] y = labels();
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = Math.sin(0.61 * (i + 1) * (j + 1)) + (y[i] >= 0 ? 0.8 * Math.cos(j + 2.0 * y[i]) : 0);
            }
        }
        return x;
    }

    static Projection fit(double[][] x, int[] y, Map<String, ?> raw) {
        return LDA.fit(x, y, Parameters.of(LDA.parameters(), raw), ProgressMonitor.NULL);
    }

    static void compare(String shrinkage, double[][] z, double[] ratio, double[][] scalings) {
        Projection p = fit(features(), labels(), Map.of("shrinkage", shrinkage));
        assertEquals(2, p.directions().length);
        double[][] t = p.transform(features());
        for (int c = 0; c < 2; c++) {
            assertEquals(ratio[c], p.explainedVarianceRatio()[c], 1e-9, shrinkage + " explained variance ratio " + c);
            double sign = Math.signum(scalings[c][0] * p.directions()[c][0]);
            double scale = 0;
            for (double v : scalings[c]) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int j = 0; j < d; j++) {
                assertEquals(scalings[c][j], sign * p.directions()[c][j], 1e-6 * scale, shrinkage + " direction " + c + " feature " + j);
            }
            for (int i = 0; i < z.length; i++) {
                assertEquals(z[i][c], sign * t[i][c], 1e-6 * Math.abs(z[i][c]) + 1e-9, shrinkage + " transform row " + i + " direction " + c);
            }
        }
    }

    @Test
    void matchesSklearnEigenSolver() {
        compare("none", LDA_NONE, LDA_NONE_RATIO, LDA_NONE_SCALINGS);
    }

    @Test
    void matchesSklearnWithFixedShrinkage() {
        compare("0.3", LDA_HALF, LDA_HALF_RATIO, LDA_HALF_SCALINGS);
    }

    @Test
    void matchesSklearnWithLedoitWolf() {
        compare("auto", LDA_AUTO, LDA_AUTO_RATIO, LDA_AUTO_SCALINGS);
    }

    @Test
    void oneDimensionIsTheLeadingDirection() {
        Projection p = fit(features(), labels(), Map.of("dimensions", 1));
        assertEquals(1, p.directions().length);
        assertThrows(IllegalArgumentException.class, () -> fit(features(), labels(), Map.of("dimensions", 3)));
    }

    @Test
    void rejectsDegenerateInput() {
        int[] one = new int[n];
        java.util.Arrays.fill(one, 1);
        one[0] = -1;
        assertThrows(IllegalArgumentException.class, () -> fit(features(), one, Map.of()));
        int[] single = labels();
        single[5] = 7; // a class with one row
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fit(features(), single, Map.of()));
        assertTrue(e.getMessage().contains("single row"), e.getMessage());
        // a constant feature makes the within-class covariance singular; shrinkage cures it
        double[][] x = features();
        for (double[] row : x) {
            row[2] = 1;
        }
        e = assertThrows(IllegalArgumentException.class, () -> fit(x, labels(), Map.of()));
        assertTrue(e.getMessage().contains("singular"), e.getMessage());
        assertEquals(2, fit(x, labels(), Map.of("shrinkage", "0.1")).directions().length);
        assertThrows(IllegalArgumentException.class, () -> fit(features(), labels(), Map.of("shrinkage", "1.5")));
        assertThrows(IllegalArgumentException.class, () -> fit(features(), new int[3], Map.of()));
    }
}
