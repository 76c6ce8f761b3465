package tessera.pipeline;

import java.nio.file.Path;
import java.util.List;

import tessera.core.analysis.ProgressMonitor;
import tessera.core.registry.Registry;

/**
 * What the engine gives a running {@link Step}.
 */
public interface StepContext {
    /** @return the extension registry (readers, writers, algorithms) */
    Registry registry();

    /** @return progress and cancellation of this step */
    ProgressMonitor monitor();

    /**
     * @return the staging directory of the run's outputs: files written here are published all-or-nothing
     *         when the whole pipeline succeeds ({@link tessera.pipeline.OutputDirectory})
     */
    Path outputDirectory();

    /** @param text a remark for the report and the log (a choice the step made, a warning) */
    void note(String text);

    /** @return the remarks of all steps so far, in order */
    List<String> notes();

    /** @param line a progress line for the user (the CLI prints it on stderr) */
    void log(String line);
}
