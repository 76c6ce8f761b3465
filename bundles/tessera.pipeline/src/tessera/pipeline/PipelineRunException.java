package tessera.pipeline;

import java.nio.file.Path;

/**
 * A step of a pipeline threw. The run's record (with that step FAILED, its error, and the later
 * steps NOT_RUN) is saved as {@value PipelineEngine#FAILED_RECORD} in the output directory; no
 * result file of the run is published.
 */
public final class PipelineRunException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String stepName;
    private final String stepId;
    private final transient Path recordFile;
    private final transient java.util.List<Path> inputFiles;

    /**
     * @param stepName   the failed step's name in the pipeline
     * @param stepId     its extension id
     * @param recordFile the saved record of the failed run, or null if it could not be saved
     * @param cause      what the step threw
     */
    public PipelineRunException(String stepName, String stepId, Path recordFile, Throwable cause) {
        this(stepName, stepId, recordFile, java.util.List.of(), cause);
    }

    /**
     * @param stepName   the failed step's name in the pipeline
     * @param stepId     its extension id
     * @param recordFile the saved record of the failed run, or null if it could not be saved
     * @param inputFiles the pipeline's input files (messages name them where the step's own message does not)
     * @param cause      what the step threw
     */
    public PipelineRunException(String stepName, String stepId, Path recordFile, java.util.List<Path> inputFiles, Throwable cause) {
        super("step '" + stepName + "' (" + stepId + ") failed: " + describe(cause) + (recordFile == null ? "" : "; record: " + recordFile), cause);
        this.stepName = stepName;
        this.stepId = stepId;
        this.recordFile = recordFile;
        this.inputFiles = java.util.List.copyOf(inputFiles);
    }

    /**
     * @return the input files whose names the cause's message does not contain (a dataset's message names it by its
     *         recorded original file name, which can differ from the file opened), as "a.hspy, b.msa: ", or ""
     */
    public String unnamedInputs() {
        String m = describe(getCause());
        java.util.List<String> names = inputFiles.stream().map(f -> f.getFileName().toString()).filter(n -> !m.contains(n)).toList();
        return names.isEmpty() ? "" : String.join(", ", names) + ": ";
    }

    /** @return the failed step's name */
    public String stepName() {
        return stepName;
    }

    /** @return the failed step's extension id */
    public String stepId() {
        return stepId;
    }

    /** @return the record of the failed run, or null */
    public Path recordFile() {
        return recordFile;
    }

    /**
     * @param t a throwable
     * @return its message, or its class name when it has none
     */
    public static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
