package tessera.ui.internal;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import tessera.core.registry.Registry;
import tessera.script.Sandbox;
import tessera.script.ScriptException;
import tessera.script.ScriptLanguage;
import tessera.script.ScriptSession;

/**
 * Console view: the JavaScript console of {@code tessera shell --lang js} (a {@link ScriptSession} with the
 * Tessera scripting API, docs/scripting.md, sandboxed to the working directory), hosted in the workbench.
 * Each line entered is evaluated as an Eclipse job, so a long computation never freezes the UI; the
 * session is started on first use (GraalJS needs a few seconds) and records its own provenance.
 */
public final class ConsolePart {
    private final Composite root;
    private final StyledText output;
    private final Text input;
    private final Registry registry;
    private final Path workingDirectory;
    private ScriptSession session;
    /** one evaluation at a time: a Graal context must not be entered by two threads at once */
    private final ISchedulingRule serial = new ISchedulingRule() {
        @Override
        public boolean contains(ISchedulingRule rule) {
            return rule == this;
        }

        @Override
        public boolean isConflicting(ISchedulingRule rule) {
            return rule == this;
        }
    };

    /**
     * Creates the view.
     *
     * @param parent           its parent
     * @param registry         the extension registry
     * @param workingDirectory what scripts may read and write (the sandbox root)
     */
    public ConsolePart(Composite parent, Registry registry, Path workingDirectory) {
        this.registry = registry;
        this.workingDirectory = workingDirectory;
        root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(2, false));
        output = new StyledText(root, SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL | SWT.READ_ONLY);
        output.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        output.setText("JavaScript console (tessera shell --lang js). Try: tessera.load('file.hspy').shape\n");
        new Label(root, SWT.NONE).setText("js>");
        input = new Text(root, SWT.BORDER);
        input.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        input.addListener(SWT.DefaultSelection, e -> {
            String line = input.getText();
            input.setText("");
            eval(line);
        });
        root.addListener(SWT.Dispose, e -> {
            if (session != null) {
                session.close();
            }
        });
    }

    /** @return the control */
    public Composite control() {
        return root;
    }

    /** @return the console's text so far */
    public String text() {
        return output.getText();
    }

    /**
     * Evaluates a line as a job; its value and output are appended to the console.
     *
     * @param line JavaScript source
     * @return the scheduled job
     */
    public Job eval(String line) {
        append("js> " + line + "\n");
        Job j = new Job("console: " + line) {
            @Override
            protected IStatus run(IProgressMonitor m) {
                try {
                    if (session == null) {
                        OutputStream out = new OutputStream() {
                            @Override
                            public void write(int b) {
                                write(new byte[] { (byte) b }, 0, 1);
                            }

                            @Override
                            public void write(byte[] b, int off, int len) {
                                append(new String(b, off, len, StandardCharsets.UTF_8));
                            }
                        };
                        session = new ScriptSession(registry, new ScriptSession.Setup(ScriptLanguage.JS, "console", List.of(),
                                new Sandbox(workingDirectory, List.of()), out, out, s -> append(s + "\n"), null), "");
                    }
                    Object v = session.eval(line, "console", true);
                    append(v + "\n");
                } catch (ScriptException e) {
                    append("error: " + e.getMessage() + "\n");
                } catch (RuntimeException e) {
                    append("error: " + e + "\n");
                }
                return Status.OK_STATUS;
            }
        };
        j.setRule(serial);
        j.schedule();
        return j;
    }

    private void append(String s) {
        Display d = root.getDisplay();
        if (!d.isDisposed()) {
            d.asyncExec(() -> {
                if (!output.isDisposed()) {
                    output.append(s);
                    output.setTopIndex(output.getLineCount() - 1);
                }
            });
        }
    }
}
