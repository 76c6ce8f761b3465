package tessera.ui.internal.e4;

import org.eclipse.e4.core.di.annotations.Execute;

import tessera.ui.internal.TesseraWorkbench;

/** Handler of {@code tessera.ui.command.run} (Analysis ▸ Run decomposition, Ctrl+R): runs the algorithm selected in the decomposition view with its form's values. */
public final class RunDecompositionHandler {
    /**
     * Runs the selected algorithm (as the view's Run button).
     *
     * @param wb the workbench session and controller
     */
    @Execute
    public void execute(TesseraWorkbench wb) {
        wb.decomposition().runSelected();
    }
}
