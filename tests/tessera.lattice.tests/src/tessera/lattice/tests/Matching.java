package tessera.lattice.tests;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One-to-one matching of found columns to reference columns: pairs closer than a tolerance, closest first, each column
 * used once. Found columns within {@code edge} px of the image border that match nothing are not counted (a reference
 * with an edge cut, such as AtomNet's 5 px, does not list them).
 */
final class Matching {
    final double precision, recall, median;
    final int matched, found, reference;
    final int[] partner; // for each reference column the found column's index, or -1

    private Matching(double precision, double recall, double median, int matched, int found, int reference, int[] partner) {
        this.precision = precision;
        this.recall = recall;
        this.median = median;
        this.matched = matched;
        this.found = found;
        this.reference = reference;
        this.partner = partner;
    }

    static Matching of(double[] fy, double[] fx, double[] ry, double[] rx, double tol, int ny, int nx, double edge) {
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < fy.length; i++) {
            for (int j = 0; j < ry.length; j++) {
                double d = Math.hypot(fy[i] - ry[j], fx[i] - rx[j]);
                if (d <= tol) {
                    pairs.add(new double[] {d, i, j});
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(p -> p[0]));
        boolean[] usedF = new boolean[fy.length];
        int[] partner = new int[ry.length];
        Arrays.fill(partner, -1);
        List<Double> d = new ArrayList<>();
        for (double[] p : pairs) {
            int i = (int) p[1], j = (int) p[2];
            if (!usedF[i] && partner[j] < 0) {
                usedF[i] = true;
                partner[j] = i;
                d.add(p[0]);
            }
        }
        int counted = 0;
        for (int i = 0; i < fy.length; i++) {
            if (usedF[i] || fy[i] >= edge && fx[i] >= edge && fy[i] <= ny - 1 - edge && fx[i] <= nx - 1 - edge) {
                counted++;
            }
        }
        d.sort(null);
        double med = d.isEmpty() ? Double.NaN : d.size() % 2 == 1 ? d.get(d.size() / 2) : 0.5 * (d.get(d.size() / 2 - 1) + d.get(d.size() / 2));
        return new Matching((double) d.size() / counted, (double) d.size() / ry.length, med, d.size(), counted, ry.length, partner);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "P %.4f R %.4f median %.3f px (%d matched, %d found, %d reference)", precision, recall, median, matched, found, reference);
    }
}
