package tessera.ui.internal.e4;

import jakarta.annotation.PostConstruct;

import org.eclipse.swt.widgets.Composite;

import tessera.ui.internal.TesseraWorkbench;

/** The e4 tool control (bottom trim of {@code Application.e4xmi}) holding the status line that runs the workbench's jobs. */
public final class StatusLineControl {
    /**
     * Creates the status line.
     *
     * @param parent the tool control's composite
     * @param wb     the workbench session and controller
     */
    @PostConstruct
    public void create(Composite parent, TesseraWorkbench wb) {
        wb.createStatusLine(parent);
    }
}
