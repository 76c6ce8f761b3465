package tessera.ui.internal.e4;

import org.eclipse.e4.core.di.annotations.Execute;

import tessera.ui.internal.TesseraWorkbench;

/** Handler of {@code tessera.ui.command.save} (File ▸ Save record…, Ctrl+S): saves the session's provenance record as XMI. */
public final class SaveRecordHandler {
    /**
     * Asks for a file and saves the record (as the provenance view's button).
     *
     * @param wb the workbench session and controller
     */
    @Execute
    public void execute(TesseraWorkbench wb) {
        wb.provenance().saveAs();
    }
}
