package tessera.cli.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tessera.core.registry.Registry;
import tessera.pipeline.InvalidPipelineException;
import tessera.pipeline.PipelineDocument;
import tessera.pipeline.PipelineEngine;
import tessera.pipeline.RunOptions;
import tessera.pipeline.RunResult;

/**
 * {@code tessera run PIPELINE [--input [NAME=]FILE]... [--out DIR]}: validates a pipeline document
 * against the installed steps (every problem listed before anything runs), runs it on the
 * {@link PipelineEngine}, and writes its files and the provenance record into DIR.
 */
@Command(name = "run", description = { "Run a pipeline document (JSON, see docs/pipelines.md); writes its outputs and provenance.xmi into DIR." })
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PIPELINE", description = "pipeline document (.json)")
    Path pipeline;

    @Option(names = "--input", paramLabel = "[NAME=]FILE", description = "a pipeline input; NAME may be left out when the pipeline has one input")
    List<String> inputs = List.of();

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "tessera-out", description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        StderrProgress progress = new StderrProgress(System.err);
        PipelineDocument doc = PipelineDocument.read(pipeline);
        Map<String, Path> bound = bind(doc, inputs, pipeline.toString());
        RunResult r = new PipelineEngine(Registry.get()).run(doc, pipeline.toString(), bound, out, RunOptions.of(progress, progress::stage));
        progress.stage("done: " + r.plan().steps().size() + " steps -> " + r.outDir() + " (record: " + r.recordFile().getFileName() + ")");
        return 0;
    }

    /**
     * Binds {@code --input} options to the pipeline's inputs.
     *
     * @param doc    the pipeline
     * @param given  {@code NAME=FILE} or {@code FILE}
     * @param source pipeline file for messages
     * @return input name to file
     * @throws InvalidPipelineException if a bare FILE is given to a pipeline with several inputs, or a name repeats
     */
    static Map<String, Path> bind(PipelineDocument doc, List<String> given, String source) throws InvalidPipelineException {
        Map<String, Path> bound = new LinkedHashMap<>();
        for (String g : given) {
            int eq = g.indexOf('=');
            String name;
            String file;
            if (eq > 0 && doc.inputs().containsKey(g.substring(0, eq))) {
                name = g.substring(0, eq);
                file = g.substring(eq + 1);
            } else if (doc.inputs().size() == 1) {
                name = doc.inputs().keySet().iterator().next();
                file = g;
            } else {
                throw new InvalidPipelineException(source, List.of("--input " + g + ": give NAME=FILE; the pipeline's inputs are " + doc.inputs().keySet()));
            }
            if (bound.put(name, Path.of(file)) != null) {
                throw new InvalidPipelineException(source, List.of("input '" + name + "' is given twice"));
            }
        }
        return bound;
    }
}
