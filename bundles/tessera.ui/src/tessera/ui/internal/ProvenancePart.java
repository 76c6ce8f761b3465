package tessera.ui.internal;

import java.text.SimpleDateFormat;
import java.util.Locale;

import java.nio.file.Path;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;

import tessera.provenance.ProvenanceText;
import tessera.provenance.model.Activity;
import tessera.provenance.model.Entity;
import tessera.provenance.model.Generation;
import tessera.provenance.model.ParameterValue;
import tessera.provenance.model.Record;
import tessera.provenance.model.Usage;

/**
 * Provenance view: the steps (activities) of the session's provenance record (W3C PROV-DM, the record
 * {@code tessera.pipeline} writes for every run), each with its status, bundle, parameters and seed, the
 * entities it used (role, label, short SHA-256) and those it generated. "Save record…" writes the record as XMI.
 */
public final class ProvenancePart {
    private final Composite root;
    private final Tree tree;
    private final Consumer<Path> save;

    /**
     * Creates the view.
     *
     * @param parent its parent
     * @param save   called with the file the user picks for "Save record…" (an XMI record, as
     *               {@code provenance.xmi} of a pipeline run)
     */
    public ProvenancePart(Composite parent, Consumer<Path> save) {
        root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(1, false));
        Button b = new Button(root, SWT.PUSH);
        b.setText("Save record…");
        b.setToolTipText("Save this session's provenance record (XMI; tessera provenance show/export read it)");
        this.save = save;
        b.addListener(SWT.Selection, e -> saveAs());
        tree = new Tree(root, SWT.BORDER);
        tree.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
    }

    /**
     * Asks for a file (save dialog, {@code *.xmi}) and saves the record there, as the "Save record…" button
     * does (the "Save record" command of the workbench menu calls this too). Does nothing if the user cancels.
     */
    public void saveAs() {
        FileDialog d = new FileDialog(root.getShell(), SWT.SAVE);
        d.setFilterExtensions(new String[] { "*.xmi" });
        d.setFileName("workbench-provenance.xmi");
        d.setOverwrite(true);
        String f = d.open();
        if (f != null) {
            save.accept(Path.of(f));
        }
    }

    /** @return the control (tests read its items) */
    public Tree tree() {
        return tree;
    }

    /**
     * Shows a record (replacing what was shown).
     *
     * @param r the record
     */
    public void show(Record r) {
        tree.setRedraw(false);
        tree.removeAll();
        SimpleDateFormat time = new SimpleDateFormat("HH:mm:ss", Locale.ROOT);
        for (Activity a : r.getActivities()) {
            TreeItem t = new TreeItem(tree, SWT.NONE);
            t.setText(String.format("%s  %s  [%s]%s", a.getStepName(), a.getStepId(), a.getStatus(),
                    a.getStartTime() == null ? "" : "  " + time.format(a.getStartTime())));
            t.setData(a);
            if (a.getBundleSymbolicName() != null) {
                new TreeItem(t, SWT.NONE).setText("bundle " + a.getBundleSymbolicName() + " " + a.getBundleVersion());
            }
            for (ParameterValue p : a.getParameters()) {
                new TreeItem(t, SWT.NONE).setText("parameter " + p.getName() + " = " + p.getValue() + (p.getUnits() == null || p.getUnits().isEmpty() ? "" : " " + p.getUnits()));
            }
            if (a.getSeed() != null) {
                new TreeItem(t, SWT.NONE).setText("seed " + a.getSeed());
            }
            for (Usage u : r.getUsages()) {
                if (u.getActivity() == a) {
                    new TreeItem(t, SWT.NONE).setText("used " + u.getRole() + " ← " + describe(u.getEntity()));
                }
            }
            for (Generation g : r.getGenerations()) {
                if (g.getActivity() == a) {
                    new TreeItem(t, SWT.NONE).setText("generated " + g.getRole() + " → " + describe(g.getEntity()));
                }
            }
            if (a.getErrorMessage() != null) {
                new TreeItem(t, SWT.NONE).setText("error " + a.getErrorMessage());
            }
            t.setExpanded(true);
        }
        tree.setRedraw(true);
    }

    private static String describe(Entity e) {
        StringBuilder b = new StringBuilder(e.getLabel() == null ? e.getId() : e.getLabel());
        if (!e.getShape().isEmpty()) {
            b.append(' ').append(e.getShape());
        }
        if (e.getSha256() != null) {
            b.append(" sha256 ").append(ProvenanceText.shortHash(e.getSha256()));
        }
        return b.toString();
    }
}
