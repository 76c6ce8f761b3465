package tessera.cli.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tessera.core.model.Dataset;
import tessera.core.registry.Registry;
import tessera.pipeline.RunResult;
import tessera.pipeline.TrackJob;

/**
 * {@code tessera track SERIES --out DIR}: drift per frame and the atomic columns followed through an image series,
 * through {@link TrackJob} (provenance, rerun). This class only turns options into step parameters and prints the drift.
 */
@Command(name = "track", description = { "Measure the drift of an image series (sub-pixel phase correlation) and follow its atomic columns through the frames;",
        "writes drift.csv, drift.npy, tracks.npy, labels.npy (class trajectories for tessera dynamics), tracks.png, report.html and provenance.xmi into DIR." })
final class TrackCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SERIES", description = "a file with an image series [frames, y, x]")
    Path file;





    @Option(names = "--tolerance", paramLabel = "F", description = "largest site-column distance after drift correction, x the nearest-neighbour distance (default 0.5)")
    Double tolerance;

    @Option(names = "--max-step", paramLabel = "PX", description = "register each frame with the one before, within this many px (default: every frame with the first)")
    Integer maxStep;

    @Option(names = "--classes", paramLabel = "K", description = "labels: K intensity classes of the columns (k-means; 0 = the sublattice, the default)")
    Integer classes;

    @Mixin
    AtomFindingOptions finding = new AtomFindingOptions();

    @Option(names = "--linking", paramLabel = "L", description = "detect (the finder in every frame, columns linked; default) or refine (frame 0's sites refined in every frame)")
    String linking;

    @Option(names = "--finder", paramLabel = "M", description = "the atom finder of every frame: gaussian or network (default gaussian)")
    String atomFinder;

    @Option(names = "--out", defaultValue = "tessera-out", paramLabel = "DIR", description = "output directory (default ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        tessera.core.io.FileSelector.requireFile(file);
        Map<String, Object> p = finding.parameters().put("finder", atomFinder == null ? null : tessera.pipeline.AtomsJob.finder(atomFinder)).put("linking", linking).put("tolerance", tolerance).put("classes", classes).put("maxStep", maxStep).map();
        StderrProgress progress = new StderrProgress(System.err);
        RunResult run = TrackJob.run(Registry.get(), file, out, p, progress, progress::stage);
        Dataset drift = (Dataset) run.value(TrackJob.TRACK_STEP + ".drift");
        Dataset tracks = (Dataset) run.value(TrackJob.TRACK_STEP + ".tracks");
        for (int f = 0; f < drift.shape()[0]; f++) {
            System.out.printf(Locale.ROOT, "frame %d drift %.2f %.2f px%n", f, drift.getDouble(2L * f), drift.getDouble(2L * f + 1));
        }
        System.out.printf(Locale.ROOT, "%d sites, %.0f in view throughout, %.1f %% of these seen in every frame%n", tracks.shape()[0],
                drift.metadata().number("Signal.sites_in_view").orElse(Double.NaN), 100 * drift.metadata().number("Signal.tracked_throughout").orElse(Double.NaN));
        if (drift.metadata().get("Signal.tracked_throughout_by_sublattice") instanceof java.util.List<?> by && by.size() > 1) {
            StringBuilder b = new StringBuilder("seen in every frame by sublattice:");
            for (int q = 0; q < by.size(); q++) {
                b.append(String.format(Locale.ROOT, " %d: %.1f %%", q, 100 * ((Number) by.get(q)).doubleValue()));
            }
            System.out.println(b);
        }
        progress.stage("wrote " + out.toAbsolutePath() + " (record: " + run.recordFile().getFileName() + ")");
        return 0;
    }
}
