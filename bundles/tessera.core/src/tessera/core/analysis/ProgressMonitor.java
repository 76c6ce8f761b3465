package tessera.core.analysis;

/**
 * Progress reporting and cancellation for long operations. The CLI prints it on stderr,
 * the GUI shows it in a progress bar. Implementations must be thread-safe:
 * {@link #worked(long)} may be called from worker threads.
 */
public interface ProgressMonitor {

    /** A monitor that ignores everything and is never cancelled. */
    ProgressMonitor NULL = new ProgressMonitor() {
        @Override
        public void begin(String task, long totalWork) {
        }

        @Override
        public void worked(long work) {
        }

        @Override
        public void done() {
        }
    };

    /**
     * Starts a task.
     *
     * @param task      human-readable name, e.g. "NMF (3 components)"
     * @param totalWork units of work in the task, or -1 if unknown
     */
    void begin(String task, long totalWork);

    /** @param work units of work just completed */
    void worked(long work);

    /** Ends the current task. */
    void done();

    /** @return true if the user asked to cancel; algorithms check it between iterations */
    default boolean isCanceled() {
        return false;
    }
}
