package tessera.ui.internal;

import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;

import tessera.core.analysis.ProgressMonitor;

/**
 * The status line: runs long work as Eclipse {@link Job}s (org.eclipse.core.jobs) off the UI thread, with a
 * progress bar and a cancel button, so the UI never freezes. {@link #monitor()} is the {@link ProgressMonitor}
 * the engine sees: it forwards progress to the running job's monitor and reports its cancellation.
 */
public final class StatusLine {
    /**
     * Work a job does.
     *
     * @param <T> its result
     */
    @FunctionalInterface
    public interface Work<T> {
        /**
         * Does the work (off the UI thread).
         *
         * @return the result
         * @throws Exception on failure (shown in the status line)
         */
        T run() throws Exception;
    }

    private final Composite root;
    private final Label message;
    private final ProgressBar bar;
    private final Button cancel;
    private final Display display;
    private volatile IProgressMonitor current;
    private volatile Job job;
    private Runnable onCancel = () -> { };
    private Runnable onFinished = () -> { };
    private final ProgressMonitor monitor = new ProgressMonitor() {
        private long total;
        private long done;

        @Override
        public void begin(String task, long totalWork) {
            total = Math.max(1, totalWork);
            done = 0;
            IProgressMonitor m = current;
            if (m != null) {
                m.subTask(task);
            }
            ui(() -> {
                message.setText(task);
                bar.setSelection(0);
            });
        }

        @Override
        public void worked(long work) {
            done += work;
            int pct = (int) Math.min(100, 100 * done / total);
            ui(() -> bar.setSelection(pct));
        }

        @Override
        public void done() {
            ui(() -> bar.setSelection(100));
        }

        @Override
        public boolean isCanceled() {
            IProgressMonitor m = current;
            return m != null && m.isCanceled();
        }
    };

    /**
     * Creates the status line.
     *
     * @param parent its parent
     */
    public StatusLine(Composite parent) {
        display = parent.getDisplay();
        root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(3, false));
        message = new Label(root, SWT.NONE);
        message.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        message.setText("Ready");
        bar = new ProgressBar(root, SWT.SMOOTH);
        bar.setLayoutData(new GridData(200, SWT.DEFAULT));
        cancel = new Button(root, SWT.PUSH);
        cancel.setText("Cancel");
        cancel.setEnabled(false);
        cancel.addListener(SWT.Selection, e -> cancel());
    }

    /** @return the control */
    public Composite control() {
        return root;
    }

    /** @return the progress monitor the engine reports to */
    public ProgressMonitor monitor() {
        return monitor;
    }

    /**
     * Sets what else cancel does (e.g. cancel the recording session's monitor).
     *
     * @param r run on the UI thread when the user cancels
     */
    public void onCancel(Runnable r) {
        onCancel = r;
    }

    /**
     * Sets what runs after every job, whatever its outcome (e.g. refresh the provenance view).
     *
     * @param r run on the UI thread after the job's own completion handler
     */
    public void onFinished(Runnable r) {
        onFinished = r;
    }

    /**
     * Shows a message (UI thread).
     *
     * @param text the message
     */
    public void show(String text) {
        message.setText(text);
    }

    /** @return the status text */
    public String message() {
        return message.getText();
    }

    /** Cancels the running job, if any. */
    public void cancel() {
        Job j = job;
        if (j != null) {
            j.cancel();
            onCancel.run();
        }
    }

    /** @return the running job, or null */
    public Job running() {
        return job;
    }

    /**
     * Runs work as a job; only one at a time.
     *
     * @param <T>    its result
     * @param name   job name (shown)
     * @param work   the work (off the UI thread)
     * @param onDone receives the result on the UI thread when it succeeded
     * @return the scheduled job
     * @throws IllegalStateException if a job is still running
     */
    public <T> Job run(String name, Work<T> work, Consumer<T> onDone) {
        if (job != null) {
            throw new IllegalStateException("'" + job.getName() + "' is still running");
        }
        Job j = new Job(name) {
            @Override
            protected IStatus run(IProgressMonitor m) {
                current = m;
                m.beginTask(name, IProgressMonitor.UNKNOWN);
                try {
                    T result = work.run();
                    if (m.isCanceled()) {
                        return Status.CANCEL_STATUS;
                    }
                    ui(() -> onDone.accept(result));
                    return Status.OK_STATUS;
                } catch (Exception | OutOfMemoryError e) {
                    if (m.isCanceled()) {
                        return Status.CANCEL_STATUS;
                    }
                    return Status.error(name + " failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
                } finally {
                    m.done();
                    current = null;
                }
            }
        };
        j.setUser(true);
        j.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                IStatus s = event.getResult();
                ui(() -> {
                    job = null;
                    cancel.setEnabled(false);
                    bar.setSelection(s.isOK() ? 100 : 0);
                    message.setText(s.isOK() ? name + ": done" : s.getSeverity() == IStatus.CANCEL ? name + ": cancelled" : s.getMessage());
                    onFinished.run();
                });
            }
        });
        job = j;
        message.setText(name + "…");
        bar.setSelection(0);
        cancel.setEnabled(true);
        j.schedule();
        return j;
    }

    private void ui(Runnable r) {
        if (!display.isDisposed()) {
            display.asyncExec(() -> {
                if (!root.isDisposed()) {
                    r.run();
                }
            });
        }
    }
}
