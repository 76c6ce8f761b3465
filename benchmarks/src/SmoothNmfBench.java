import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.model.Dataset;
import tessera.decompose.internal.NmfDecomposer;
import tessera.decompose.internal.SmoothNmfDecomposer;
import tessera.edx.EdxForwardModelStep;

/**
 * benchmarks/smoothnmf_vs_nmf.sh: SmoothNMF (espm's physics-guided NMF, KL loss, multiplicative updates) against
 * Tessera's plain NMF (Frobenius HALS) on the same EDX cube and rank. Reads FILE (not timed), builds the EDX forward
 * model from the given elements (not timed), then for each method: REPEAT converged runs (default tol) with the
 * iterations counted, and REPEAT runs of a fixed FIXED iterations (tol 0) for the time per iteration. Prints
 * {@code <method> converged <median s> iterations <n> fixed <median s> per-iteration <ms>}.
 * Usage: {@code java SmoothNmfBench REPEAT FIXED FILE K ELEMENTS}.
 */
public final class SmoothNmfBench {
    private SmoothNmfBench() {
    }

    /** Counts the iterations a decomposer reports as units of work. */
    private static final class Counter implements ProgressMonitor {
        long work;

        @Override
        public void begin(String task, long totalWork) {
        }

        @Override
        public void worked(long w) {
            work += w;
        }

        @Override
        public void done() {
        }
    }

    /**
     * @param args REPEAT, FIXED, FILE, K, ELEMENTS (comma list)
     * @throws Exception if the file cannot be read
     */
    public static void main(String[] args) throws Exception {
        int repeat = Integer.parseInt(args[0]);
        int fixed = Integer.parseInt(args[1]);
        Dataset d = new tessera.io.hspy.internal.HspyReader().read(Path.of(args[2])).get(0);
        int k = Integer.parseInt(args[3]);
        EdxForwardModelStep ms = new EdxForwardModelStep();
        Dataset g = EdxForwardModelStep.model(d, Parameters.of(ms.parameters(), Map.of("elements", args[4])));
        SmoothNmfDecomposer s = new SmoothNmfDecomposer();
        NmfDecomposer n = new NmfDecomposer();
        double[] sc = new double[repeat], sf = new double[repeat], nc = new double[repeat], nf = new double[repeat];
        int sIt = 0;
        long nIt = 0;
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            DecompositionResult r = s.decompose(d, g, Parameters.of(s.parameters(), Map.of("components", k, "seed", 0L)), ProgressMonitor.NULL);
            long t1 = System.nanoTime();
            sIt = r.auxiliary(SmoothNmfDecomposer.LOSS).shape()[0];
            s.decompose(d, g, Parameters.of(s.parameters(), Map.of("components", k, "seed", 0L, "tol", 0.0, "maxIterations", fixed)), ProgressMonitor.NULL);
            long t2 = System.nanoTime();
            Counter c = new Counter();
            n.decompose(d, Parameters.of(n.parameters(), Map.of("components", k)), c);
            long t3 = System.nanoTime();
            Counter c0 = new Counter();
            n.decompose(d, Parameters.of(n.parameters(), Map.of("components", k, "tol", 0.0, "maxIterations", fixed)), c0);
            long t4 = System.nanoTime();
            nIt = c.work - (c0.work - fixed); // units beyond the iterations (set-up steps) are the same in both runs
            sc[i] = (t1 - t0) / 1e9;
            sf[i] = (t2 - t1) / 1e9;
            nc[i] = (t3 - t2) / 1e9;
            nf[i] = (t4 - t3) / 1e9;
        }
        System.out.printf(Locale.ROOT, "smoothnmf converged %.3f iterations %d fixed %.3f per-iteration %.2f%n", median(sc), sIt, median(sf), 1e3 * median(sf) / fixed);
        System.out.printf(Locale.ROOT, "nmf converged %.3f iterations %d fixed %.3f per-iteration %.2f%n", median(nc), nIt, median(nf), 1e3 * median(nf) / fixed);
    }

    private static double median(double[] t) {
        double[] c = t.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
