package tessera.ui.internal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.DropTargetAdapter;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.FileTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;

import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.registry.Contribution;

/**
 * Data explorer: files opened by the Open button (a file dialog), by dropping files on the tree, or
 * from the command line; for each, the dataset's shape and dtype, its axes with calibration (name,
 * size, scale, offset, units, navigation or signal), its metadata tree, and the installed readers
 * that can open the file. Selecting a file makes it the current dataset.
 */
public final class ExplorerPart {
    private final Composite root;
    private final Tree tree;
    private final Consumer<Path> open;
    private final java.util.function.Function<Path, List<String>> datasets;
    /** text of the node that lists a file's datasets */
    public static final String DATASETS = "datasets in the file (double-click one to open it)";

    /**
     * Creates the view.
     *
     * @param parent   its parent
     * @param open     called with a file the user asks to open (dialog or drop)
     * @param selected called with a file whose node the user selects
     * @param datasets  lists a file's datasets (numbered {@code #N} first), for its "datasets in the file" node
     */
    public ExplorerPart(Composite parent, Consumer<Path> open, Consumer<Path> selected, java.util.function.Function<Path, List<String>> datasets) {
        this.open = open;
        this.datasets = datasets;
        root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(1, false));
        Button b = new Button(root, SWT.PUSH);
        b.setText("Open…");
        b.setToolTipText("Open a spectrum image, line scan or spectrum (or drop files on the list)");
        b.addListener(SWT.Selection, e -> {
            FileDialog d = new FileDialog(root.getShell(), SWT.OPEN | SWT.MULTI);
            d.setFilterExtensions(new String[] { "*.hspy;*.hdf5;*.h5;*.dm3;*.dm4;*.msa;*.emsa;*.npy;*.emd;*.ser;*.emi;*.bcf;*.spx;*.rpl;*.raw;*.tif;*.tiff", "*.*" });
            if (d.open() != null) {
                for (String n : d.getFileNames()) {
                    open.accept(Path.of(d.getFilterPath(), n));
                }
            }
        });
        tree = new Tree(root, SWT.BORDER | SWT.SINGLE);
        tree.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        tree.addListener(SWT.Selection, e -> {
            TreeItem t = (TreeItem) e.item;
            while (t != null && t.getParentItem() != null) {
                t = t.getParentItem();
            }
            if (t != null && t.getData() instanceof Path p) {
                selected.accept(p);
            }
        });
        // a file's datasets are listed when their node is first expanded (it reads the file); a double-click opens one
        tree.addListener(SWT.Expand, e -> {
            TreeItem t = (TreeItem) e.item;
            if (DATASETS.equals(t.getText()) && t.getItemCount() == 1 && t.getItem(0).getData() == null) {
                listDatasets(t);
            }
        });
        tree.addListener(SWT.DefaultSelection, e -> {
            TreeItem t = (TreeItem) e.item;
            if (t != null && t.getData() instanceof String selector && t.getParentItem() != null && t.getParentItem().getParentItem() != null
                    && t.getParentItem().getParentItem().getData() instanceof Path file) {
                open.accept(Path.of(base(file) + selector));
            }
        });
        DropTarget drop = new DropTarget(tree, DND.DROP_COPY | DND.DROP_DEFAULT);
        drop.setTransfer(new Transfer[] { FileTransfer.getInstance() });
        drop.addDropListener(new DropTargetAdapter() {
            @Override
            public void dragEnter(DropTargetEvent event) {
                event.detail = DND.DROP_COPY;
            }

            @Override
            public void drop(DropTargetEvent event) {
                dropped((String[]) event.data);
            }
        });
    }

    /**
     * Opens dropped files, as a drop on the tree does.
     *
     * @param files file paths (null: nothing)
     */
    public void dropped(String[] files) {
        if (files != null) {
            for (String f : files) {
                open.accept(Path.of(f));
            }
        }
    }

    /** @return the control */
    public Composite control() {
        return root;
    }

    /** @return the tree (tests read the nodes) */
    public Tree tree() {
        return tree;
    }

    /**
     * Adds (or replaces) a file's node.
     *
     * @param file    the file
     * @param d       its dataset
     * @param readers readers that can open it
     */
    public void add(Path file, Dataset d, List<Contribution> readers) {
        for (TreeItem t : tree.getItems()) {
            if (file.equals(t.getData())) {
                t.dispose();
            }
        }
        TreeItem f = new TreeItem(tree, SWT.NONE);
        f.setText(file.getFileName() + "  " + Arrays.toString(d.shape()) + " " + d.dtype());
        f.setData(file);
        TreeItem axes = new TreeItem(f, SWT.NONE);
        axes.setText("axes");
        for (Axis a : d.axes()) {
            new TreeItem(axes, SWT.NONE).setText(String.format("%s: %d × %s %s from %s (%s)", a.name(), a.size(), number(a.scale()), a.units(),
                    number(a.offset()), a.navigate() ? "navigation" : "signal"));
        }
        TreeItem md = new TreeItem(f, SWT.NONE);
        md.setText("metadata");
        metadata(md, d.metadata().tree());
        TreeItem rd = new TreeItem(f, SWT.NONE);
        rd.setText("readers that open it");
        for (Contribution c : readers) {
            new TreeItem(rd, SWT.NONE).setText(c.name() + " (" + c.id() + ", " + c.bundle() + " " + c.bundleVersion() + ")");
        }
        TreeItem all = new TreeItem(f, SWT.NONE);
        all.setText(DATASETS);
        new TreeItem(all, SWT.NONE).setText("…");
        f.setExpanded(true);
        axes.setExpanded(true);
        rd.setExpanded(true);
        tree.setSelection(f);
    }

    /**
     * Fills a file's "datasets in the file" node: one child per dataset, whose data is its selector ({@code #N}).
     *
     * @param node the node (its parent's data is the file)
     */
    public void listDatasets(TreeItem node) {
        if (!(node.getParentItem().getData() instanceof Path file)) {
            return;
        }
        node.removeAll();
        for (String line : datasets.apply(base(file))) {
            TreeItem t = new TreeItem(node, SWT.NONE);
            t.setText(line);
            if (line.startsWith("#")) {
                t.setData(line.substring(0, line.indexOf(' ') < 0 ? line.length() : line.indexOf(' ')));
            }
        }
    }

    /** The file of an explorer entry without its dataset selector ({@code x.emd#3} → {@code x.emd}). */
    private static Path base(Path entry) {
        String s = entry.toString();
        int hash = s.lastIndexOf('#');
        return hash > 0 && !java.nio.file.Files.exists(entry) ? Path.of(s.substring(0, hash)) : entry;
    }

    /** A calibration number with six significant digits and no trailing zeros (0.02, not 0.0200000). */
    private static String number(double v) {
        return Double.isFinite(v) ? new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString() : String.valueOf(v);
    }

    private static void metadata(TreeItem parent, Map<String, Object> m) {
        for (Map.Entry<String, Object> e : m.entrySet()) {
            TreeItem t = new TreeItem(parent, SWT.NONE);
            if (e.getValue() instanceof Map<?, ?> sub) {
                t.setText(e.getKey());
                @SuppressWarnings("unchecked")
                Map<String, Object> s = (Map<String, Object>) sub;
                metadata(t, s);
            } else {
                String v = String.valueOf(e.getValue() instanceof Object[] a ? Arrays.toString(a) : e.getValue());
                t.setText(e.getKey() + " = " + (v.length() > 80 ? v.substring(0, 80) + "…" : v));
            }
        }
    }
}
