package tessera.ui.internal.e4;

import java.nio.file.Path;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;

import tessera.ui.internal.TesseraWorkbench;

/** Handler of the command {@code tessera.ui.command.open} (File ▸ Open file…, Ctrl+O): asks for a file and opens it as a job. */
public final class OpenFileHandler {
    /**
     * Shows an open dialog and opens the chosen file (nothing if the user cancels).
     *
     * @param wb the workbench session and controller
     */
    @Execute
    public void execute(TesseraWorkbench wb) {
        FileDialog d = new FileDialog(wb.shell(), SWT.OPEN);
        d.setFilterExtensions(new String[] { "*.hspy;*.dm3;*.dm4;*.msa;*.emsa;*.npy", "*.*" });
        String f = d.open();
        if (f != null) {
            wb.open(Path.of(f));
        }
    }
}
