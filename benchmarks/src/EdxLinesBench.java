import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import tessera.core.model.Dataset;
import tessera.edx.EdxQuantification;
import tessera.edx.LineIntensities;

/**
 * Tessera side of benchmarks/edx_lines_vs_hyperspy.sh: reads FILE with the .hspy reader (not timed), then times REPEAT
 * runs of {@link LineIntensities#compute(Dataset)} (HyperSpy's defaults: metadata lines, background windows) and
 * {@link EdxQuantification#quantify} (Cliff–Lorimer, at.%, with σ). Usage: {@code java EdxLinesBench REPEAT FILE K1,K2,...};
 * prints {@code tessera lines <first> <median> cl <first> <median> total <first> <median>} (seconds) and check sums.
 */
public final class EdxLinesBench {
    private EdxLinesBench() {
    }

    /**
     * @param args REPEAT, FILE, comma-separated k-factors in the order of the lines
     * @throws Exception if the file cannot be read
     */
    public static void main(String[] args) throws Exception {
        int repeat = Integer.parseInt(args[0]);
        Dataset d = new tessera.io.hspy.internal.HspyReader().read(Path.of(args[1])).get(0);
        double[] k = Arrays.stream(args[2].split(",")).mapToDouble(Double::parseDouble).toArray();
        double[] tl = new double[repeat], tc = new double[repeat], tt = new double[repeat];
        LineIntensities li = null;
        EdxQuantification.Result q = null;
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            li = LineIntensities.compute(d);
            long t1 = System.nanoTime();
            q = EdxQuantification.quantify(li.intensities(), li.sigma(), EdxQuantification.Options.of(EdxQuantification.Method.CL, k));
            long t2 = System.nanoTime();
            tl[i] = (t1 - t0) / 1e9;
            tc[i] = (t2 - t1) / 1e9;
            tt[i] = (t2 - t0) / 1e9;
        }
        System.out.printf(Locale.ROOT, "tessera lines %.4f %.4f cl %.4f %.4f total %.4f %.4f%n", tl[0], median(tl), tc[0], median(tc), tt[0], median(tt));
        StringBuilder sb = new StringBuilder("tessera check");
        int n = li.labels().size();
        long per = li.intensities().size() / n;
        for (int i = 0; i < n; i++) {
            sb.append(String.format(Locale.ROOT, " %s=%.6g", li.labels().get(i), li.total(li.labels().get(i))));
        }
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (long j = 0; j < per; j++) {
                s += q.composition().getDouble(i * per + j);
            }
            sb.append(String.format(Locale.ROOT, " %s=%.6g", li.labels().get(i), s / per));
        }
        System.out.println(sb);
    }

    private static double median(double[] t) {
        double[] c = t.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
