package tessera.lattice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One-to-one matching of found atomic columns to reference columns (simulated truth, or another program's output):
 * pairs closer than a tolerance, closest first, each column used once; precision, recall and the median distance of
 * the matched pairs. Found columns within {@code edge} px of the image border that match nothing are not counted (a
 * reference with an edge cut, such as AtomNet's 5 px, does not list them). This is the detection metric of AtomNet's
 * and AtomAI's evaluations (M. Ziatdinov et al., ACS Nano 11 (2017) 12742, doi:10.1021/acsnano.7b07504).
 */
public final class ColumnMatching {
    /** matched / found columns counted (see the class comment) */
    public final double precision;
    /** matched / reference columns */
    public final double recall;
    /** median distance of the matched pairs (px); NaN when none matched */
    public final double median;
    /** matched pairs */
    public final int matched;
    /** found columns counted */
    public final int found;
    /** reference columns */
    public final int reference;
    /** for each reference column the index of its found column, or −1 {@code [reference]} */
    public final int[] partner;

    private ColumnMatching(double precision, double recall, double median, int matched, int found, int reference, int[] partner) {
        this.precision = precision;
        this.recall = recall;
        this.median = median;
        this.matched = matched;
        this.found = found;
        this.reference = reference;
        this.partner = partner;
    }

    /**
     * Matches found columns to reference columns.
     *
     * @param fy   found rows {@code [n]} (px)
     * @param fx   found columns {@code [n]} (px)
     * @param ry   reference rows {@code [m]} (px)
     * @param rx   reference columns {@code [m]} (px)
     * @param tol  largest distance of a pair (px), e.g. half the nearest-neighbour distance
     * @param ny   image rows
     * @param nx   image columns
     * @param edge unmatched found columns this close to the border (px) are not counted; 0 counts all
     * @return the matching
     */
    public static ColumnMatching of(double[] fy, double[] fx, double[] ry, double[] rx, double tol, int ny, int nx, double edge) {
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
        return new ColumnMatching((double) d.size() / counted, (double) d.size() / ry.length, med, d.size(), counted, ry.length, partner);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "P %.4f R %.4f median %.3f px (%d matched, %d found, %d reference)", precision, recall, median, matched, found, reference);
    }
}
