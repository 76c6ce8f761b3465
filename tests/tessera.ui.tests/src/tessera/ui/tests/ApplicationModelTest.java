package tessera.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.eclipse.e4.ui.internal.workbench.E4XMIResourceFactory;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.commands.MBindingTable;
import org.eclipse.e4.ui.model.application.commands.MHandler;
import org.eclipse.e4.ui.model.application.commands.MKeyBinding;
import org.eclipse.e4.ui.model.application.ui.MElementContainer;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MPartSashContainer;
import org.eclipse.e4.ui.model.application.ui.basic.MTrimmedWindow;
import org.eclipse.e4.ui.model.application.ui.menu.MHandledMenuItem;
import org.eclipse.e4.ui.model.application.ui.menu.MMenu;
import org.eclipse.e4.ui.model.application.ui.menu.MToolControl;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tessera.ui.internal.TesseraWorkbench;
import tessera.ui.internal.e4.TesseraPart;

/**
 * The e4 application model {@code bundles/tessera.ui/Application.e4xmi}, read with the e4 XMI resource factory
 * (as E4Application reads it; no display needed): one trimmed window whose three sash columns hold the six
 * Tessera views, the four commands with their handlers, menu items and key bindings, and the status line and
 * session addon. Every {@code bundleclass://tessera.ui/...} contribution must name a class of the bundle.
 */
class ApplicationModelTest {
    private static MApplication app;

    @BeforeAll
    static void load() {
        Path xmi = Path.of(System.getProperty("tessera.root"), "bundles", "tessera.ui", "Application.e4xmi");
        ResourceSetImpl rs = new ResourceSetImpl();
        rs.getResourceFactoryRegistry().getExtensionToFactoryMap().put("e4xmi", new E4XMIResourceFactory());
        Resource r = rs.getResource(URI.createFileURI(xmi.toString()), true);
        app = (MApplication) r.getContents().get(0);
    }

    private static <T> List<T> all(MUIElement e, Class<T> type) {
        List<T> out = new ArrayList<>();
        if (type.isInstance(e)) {
            out.add(type.cast(e));
        }
        if (e instanceof MElementContainer<?> c) {
            for (MUIElement child : c.getChildren()) {
                out.addAll(all(child, type));
            }
        }
        if (e instanceof MTrimmedWindow w) {
            w.getTrimBars().forEach(t -> out.addAll(all(t, type)));
            if (w.getMainMenu() != null) {
                out.addAll(all(w.getMainMenu(), type));
            }
        }
        return out;
    }

    private static Class<?> contribution(String uri) throws ClassNotFoundException {
        String prefix = "bundleclass://tessera.ui/";
        assertTrue(uri.startsWith(prefix), uri);
        return Class.forName(uri.substring(prefix.length()), false, TesseraPart.class.getClassLoader());
    }

    @Test
    void sixPartsInThreeColumnsNamedLikeTheViews() throws Exception {
        assertEquals(1, app.getChildren().size());
        MTrimmedWindow w = (MTrimmedWindow) app.getChildren().get(0);
        MPartSashContainer columns = (MPartSashContainer) w.getChildren().get(0);
        assertTrue(columns.isHorizontal());
        assertEquals(3, columns.getChildren().size());
        List<MPart> parts = all(w, MPart.class);
        assertEquals(TesseraWorkbench.VIEWS, parts.stream().map(MPart::getLabel).toList(), "part labels, left to right, top to bottom");
        assertEquals(List.of("explorer", "provenance", "spectrum", "map", "decomposition", "console"),
                parts.stream().map(p -> p.getElementId().substring(TesseraPart.PREFIX.length())).toList());
        for (MPart p : parts) {
            assertEquals(TesseraPart.class, contribution(p.getContributionURI()));
        }
        // two parts per column, each in its own stack
        for (MUIElement col : columns.getChildren()) {
            assertEquals(2, all(col, MPart.class).size(), col.getElementId());
        }
        List<MToolControl> status = all(w, MToolControl.class);
        assertEquals(1, status.size());
        assertTrue(status.get(0).getTags().contains("stretch"));
        assertNotNull(contribution(status.get(0).getContributionURI()));
        assertTrue(app.getAddons().stream().anyMatch(a -> a.getContributionURI().endsWith("tessera.ui.internal.e4.SessionAddon")));
    }

    @Test
    void commandsHaveHandlersMenuItemsAndKeys() throws Exception {
        Map<String, String> handlers = new TreeMap<>();
        for (MHandler h : app.getHandlers()) {
            handlers.put(h.getCommand().getElementId(), contribution(h.getContributionURI()).getSimpleName());
        }
        assertEquals(Map.of("tessera.ui.command.open", "OpenFileHandler", "tessera.ui.command.run", "RunDecompositionHandler",
                "tessera.ui.command.save", "SaveRecordHandler", "tessera.ui.command.quit", "QuitHandler"), handlers);
        MTrimmedWindow w = (MTrimmedWindow) app.getChildren().get(0);
        assertEquals(List.of("&File", "&Analysis"), w.getMainMenu().getChildren().stream().map(m -> ((MMenu) m).getLabel()).toList());
        assertEquals(handlers.keySet(), all(w.getMainMenu(), MHandledMenuItem.class).stream()
                .map(i -> i.getCommand().getElementId()).collect(Collectors.toCollection(java.util.TreeSet::new)));
        Map<String, String> keys = new TreeMap<>();
        for (MBindingTable t : app.getBindingTables()) {
            assertEquals("org.eclipse.ui.contexts.window", t.getBindingContext().getElementId());
            for (MKeyBinding k : t.getBindings()) {
                keys.put(k.getKeySequence(), k.getCommand().getElementId());
            }
        }
        assertEquals("tessera.ui.command.open", keys.get("M1+O"));
        assertEquals("tessera.ui.command.quit", keys.get("M1+Q"));
        assertEquals(4, keys.size());
    }
}
