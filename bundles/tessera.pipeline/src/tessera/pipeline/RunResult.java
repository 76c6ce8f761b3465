package tessera.pipeline;

import java.nio.file.Path;
import java.util.Map;

import tessera.provenance.model.Record;

/**
 * A successful pipeline run.
 *
 * @param plan       the document that ran, with drawn seeds filled in (the record's Plan)
 * @param outDir     the output directory, holding the published files and {@value PipelineEngine#RECORD}
 * @param recordFile the provenance record
 * @param record     the record in memory
 * @param values     every value produced, by reference {@code "step.port"} (inputs as {@code "$name"})
 * @param notes      remarks the steps made (choices, warnings), in order
 */
public record RunResult(PipelineDocument plan, Path outDir, Path recordFile, Record record, Map<String, Object> values, java.util.List<String> notes) {

    /**
     * @param ref {@code "step.port"}, e.g. {@code "pca.result"}
     * @return the value (of the port's {@link PortType} Java type), or null if that step did not run
     */
    public Object value(String ref) {
        return values.get(ref);
    }
}
