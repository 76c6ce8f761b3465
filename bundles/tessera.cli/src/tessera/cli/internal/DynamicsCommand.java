package tessera.cli.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tessera.core.analysis.DynamicsResult;
import tessera.core.model.Dataset;
import tessera.core.registry.Registry;
import tessera.pipeline.DynamicsJob;
import tessera.pipeline.RunResult;

/**
 * {@code tessera dynamics LABELS --lag T --out DIR}: a Markov model of class trajectories through {@link DynamicsJob}
 * (the pipeline engine: {@code provenance.xmi}, {@code tessera rerun --verify}). This class only turns options into
 * step parameters and prints the transition matrix.
 */
@Command(name = "dynamics", description = { "Markov model of class trajectories [sites, frames] (-1 = not seen): transition matrix with 95 % intervals,",
        "stationary distribution, implied timescales, mean first-passage times; writes <output>.npy, transitions.csv, transition_matrix.png,",
        "report.html and provenance.xmi into DIR." })
final class DynamicsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "LABELS", description = "class trajectories: a 2-D integer array [sites, frames], e.g. labels.npy")
    Path file;

    @Option(names = "--lag", defaultValue = "1", paramLabel = "T", description = "lag time in frames (default ${DEFAULT-VALUE})")
    int lag;

    @Option(names = "--reversible", description = "enforce detailed balance (reversible maximum likelihood)")
    boolean reversible;

    @Option(names = "--lags", paramLabel = "L[,L...]", description = "lags for the implied timescales against lag, e.g. 1,2,3,5 (default none)")
    String lags;

    @Option(names = "--classes", paramLabel = "N", description = "number of classes (default: the largest label + 1)")
    Integer classes;

    @Option(names = "--samples", paramLabel = "N", description = "posterior samples for the intervals (tessera.dynamics.msm; default 1000; 0: none)")
    Integer samples;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the posterior samples (default: drawn and recorded)")
    Long seed;

    @Option(names = "--model", defaultValue = DynamicsJob.MSM, paramLabel = "ID",
            description = "dynamics model contribution (default ${DEFAULT-VALUE}; tessera.dynamics.hmm for labels with misclassified frames)")
    String model;

    @Option(names = "--out", defaultValue = "tessera-out", paramLabel = "DIR", description = "output directory (default ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        tessera.core.io.FileSelector.requireFile(file);
        Map<String, Object> p = new StepParameters().put("lag", lag).put("reversible", reversible ? Boolean.TRUE : null).put("samples", samples).put("lags", lags)
                .put("classes", classes).put("seed", seed).map();
        StderrProgress progress = new StderrProgress(System.err);
        RunResult run = DynamicsJob.run(Registry.get(), file, out, model, p, progress, progress::stage);
        Dataset t = (Dataset) run.value(DynamicsJob.MODEL_STEP + "." + DynamicsResult.TRANSITION_MATRIX);
        Dataset pi = (Dataset) run.value(DynamicsJob.MODEL_STEP + "." + DynamicsResult.STATIONARY);
        int n = t.shape()[0];
        System.out.printf(Locale.ROOT, "transition matrix T (lag %d frames), row: class at t, column: class at t + lag%n", lag);
        for (int i = 0; i < n; i++) {
            StringBuilder b = new StringBuilder();
            for (int j = 0; j < n; j++) {
                b.append(String.format(Locale.ROOT, " %.4f", t.getDouble((long) i * n + j)));
            }
            System.out.println(b.toString().trim());
        }
        StringBuilder b = new StringBuilder("stationary distribution:");
        for (int i = 0; i < n; i++) {
            b.append(String.format(Locale.ROOT, " %.4f", pi.getDouble(i)));
        }
        System.out.println(b);
        progress.stage("wrote " + out.toAbsolutePath() + " (record: " + run.recordFile().getFileName() + ")");
        return 0;
    }
}
