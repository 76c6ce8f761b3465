package tessera.ui.internal.e4;

import jakarta.annotation.PostConstruct;

import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.widgets.Composite;

import tessera.ui.internal.TesseraWorkbench;

/**
 * The e4 part POJO of all six Tessera views ({@code Application.e4xmi}): the part's element id says which view
 * to create in the part's composite, through the one {@link TesseraWorkbench} that {@link SessionAddon} put in
 * the application context (so the views share the engine session and are wired to each other).
 */
public final class TesseraPart {
    /** element-id prefix of the six parts; the suffix is explorer, provenance, spectrum, map, decomposition or console */
    public static final String PREFIX = "tessera.ui.part.";

    /**
     * Creates the view named by the part's element id.
     *
     * @param parent the part's composite
     * @param part   the part (its element id is {@link #PREFIX} + view)
     * @param wb     the workbench session and controller
     * @throws IllegalArgumentException if the element id names no Tessera view
     */
    @PostConstruct
    public void create(Composite parent, MPart part, TesseraWorkbench wb) {
        String id = part.getElementId();
        switch (id.startsWith(PREFIX) ? id.substring(PREFIX.length()) : id) {
            case "explorer" -> wb.createExplorer(parent);
            case "provenance" -> wb.createProvenance(parent);
            case "spectrum" -> wb.createSpectrum(parent);
            case "map" -> wb.createMap(parent);
            case "decomposition" -> wb.createDecomposition(parent);
            case "console" -> wb.createConsole(parent);
            default -> throw new IllegalArgumentException("Application.e4xmi: part " + id + " is not a Tessera view (expected " + PREFIX + "explorer, provenance, spectrum, map, decomposition or console)");
        }
    }
}
