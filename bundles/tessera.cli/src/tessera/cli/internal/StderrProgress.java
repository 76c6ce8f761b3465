package tessera.cli.internal;

import java.io.PrintStream;

import tessera.core.analysis.ProgressMonitor;

/**
 * Prints progress of long tasks on stderr: a task that ends within one second prints
 * nothing; a longer one prints its name and percentage at most twice a second, and its
 * duration when done. Thread-safe.
 */
final class StderrProgress implements ProgressMonitor {
    private final PrintStream out;
    private String task = "";
    private long total;
    private long done;
    private long start;
    private long lastPrint;
    private boolean printed;

    StderrProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void begin(String name, long totalWork) {
        task = name;
        total = totalWork;
        done = 0;
        start = System.nanoTime();
        lastPrint = start;
        printed = false;
    }

    @Override
    public synchronized void worked(long work) {
        done += work;
        long now = System.nanoTime();
        if (now - start > 1_000_000_000L && now - lastPrint > 500_000_000L) {
            lastPrint = now;
            printed = true;
            if (total > 0) {
                out.printf("  %s: %3.0f%% (%.1f s)%n", task, Math.min(100.0, 100.0 * done / total), (now - start) / 1e9);
            } else {
                out.printf("  %s: %d (%.1f s)%n", task, done, (now - start) / 1e9);
            }
        }
    }

    @Override
    public synchronized void done() {
        long now = System.nanoTime();
        if (printed || now - start > 1_000_000_000L) {
            out.printf("  %s: done in %.1f s%n", task, (now - start) / 1e9);
        }
    }

    /** Prints a stage message (always). */
    synchronized void stage(String message) {
        out.println(message);
    }
}
