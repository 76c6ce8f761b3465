package tessera.ui.internal.e4;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.workbench.IWorkbench;

/** Handler of {@code tessera.ui.command.quit} (File ▸ Quit, Ctrl+Q): closes the e4 workbench. */
public final class QuitHandler {
    /**
     * Closes the workbench.
     *
     * @param workbench the e4 workbench
     */
    @Execute
    public void execute(IWorkbench workbench) {
        workbench.close();
    }
}
