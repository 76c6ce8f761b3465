package tessera.ui.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

import tessera.core.analysis.ParameterSpec;

/**
 * A form generated from an algorithm's parameter description (its {@link ParameterSpec} list, the same
 * description the CLI, scripts, pipelines and provenance read): one row per parameter with its name,
 * a typed editor (check box for Boolean, read-only drop-down of its choices for a choice parameter such as a
 * linkage or a covariance type, spinner for a bounded Integer with a default, text otherwise: a blank text
 * field leaves the step's default, e.g. "all components"), its units and range, and its description as
 * tooltip. No form is written by hand for any algorithm.
 */
public final class ParameterForm {
    private final Composite root;
    private final Map<String, Control> editors = new LinkedHashMap<>();
    private final List<ParameterSpec> specs;

    /**
     * Builds the form.
     *
     * @param parent its parent (the form disposes with it)
     * @param specs  the parameters, in the algorithm's order
     */
    public ParameterForm(Composite parent, List<ParameterSpec> specs) {
        this.specs = List.copyOf(specs);
        root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(3, false));
        for (ParameterSpec s : specs) {
            Label name = new Label(root, SWT.NONE);
            name.setText(s.name());
            name.setToolTipText(s.description());
            Control editor;
            if (s.type() == Boolean.class) {
                Button b = new Button(root, SWT.CHECK);
                b.setSelection(Boolean.TRUE.equals(s.defaultValue()));
                editor = b;
            } else if (!s.choices().isEmpty()) {
                Combo c = new Combo(root, SWT.READ_ONLY | SWT.DROP_DOWN);
                c.setItems(s.choices().toArray(String[]::new));
                int def = s.defaultValue() == null ? -1 : s.choices().indexOf(s.defaultValue().toString());
                if (def >= 0) {
                    c.select(def);
                }
                editor = c;
            } else if (s.type() == Integer.class && s.min() != null && s.defaultValue() != null) {
                Spinner sp = new Spinner(root, SWT.BORDER);
                sp.setMinimum(s.min().intValue());
                sp.setMaximum(s.max() == null ? Integer.MAX_VALUE : s.max().intValue());
                sp.setSelection(((Number) s.defaultValue()).intValue());
                editor = sp;
            } else {
                Text t = new Text(root, SWT.BORDER);
                t.setText(s.defaultValue() == null ? "" : s.defaultValue().toString());
                t.setMessage(s.defaultValue() == null ? "(default)" : "");
                editor = t;
            }
            editor.setToolTipText(s.description());
            editor.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            editors.put(s.name(), editor);
            Label units = new Label(root, SWT.NONE);
            units.setText(hint(s));
        }
    }

    private static String hint(ParameterSpec s) {
        String range = s.min() == null && s.max() == null ? "" : "[" + (s.min() == null ? "-∞" : s.min()) + ", " + (s.max() == null ? "∞" : s.max()) + "]";
        return (s.units() + " " + range).trim();
    }

    /** @return the form's control */
    public Composite control() {
        return root;
    }

    /** @return the parameters it edits */
    public List<ParameterSpec> specs() {
        return specs;
    }

    /** @return the editor of each parameter by name (tests fill them as a user would) */
    public Map<String, Control> editors() {
        return java.util.Collections.unmodifiableMap(editors);
    }

    /**
     * Sets one editor's value, as a user typing it (or picking it from a choice parameter's drop-down).
     *
     * @param name  parameter name
     * @param value its value
     * @throws IllegalArgumentException if the form has no such parameter, or the value is not one of a choice
     *                                  parameter's choices (the drop-down offers no other)
     */
    public void set(String name, Object value) {
        Control c = editors.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'; the form has " + editors.keySet());
        }
        switch (c) {
            case Button b -> b.setSelection(Boolean.parseBoolean(String.valueOf(value)));
            case Spinner sp -> sp.setSelection(((Number) value).intValue());
            case Combo cb -> {
                int i = cb.indexOf(String.valueOf(value));
                if (i < 0) {
                    throw new IllegalArgumentException("parameter '" + name + "' = '" + value + "' is not one of " + String.join(", ", cb.getItems()));
                }
                cb.select(i);
            }
            case Text t -> t.setText(String.valueOf(value));
            default -> throw new IllegalStateException(c.toString());
        }
    }

    /**
     * The values entered, raw (strings for text fields and drop-downs; blank fields and a drop-down with nothing
     * picked are left out so the step's default applies).
     * The step validates them against its specs ({@link ParameterSpec#validate}) and names a bad one.
     *
     * @return name to value
     */
    public Map<String, Object> values() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Control> e : editors.entrySet()) {
            switch (e.getValue()) {
                case Button b -> out.put(e.getKey(), b.getSelection());
                case Spinner sp -> out.put(e.getKey(), sp.getSelection());
                case Combo cb -> {
                    if (cb.getSelectionIndex() >= 0) {
                        out.put(e.getKey(), cb.getItem(cb.getSelectionIndex()));
                    }
                }
                case Text t -> {
                    if (!t.getText().isBlank()) {
                        out.put(e.getKey(), t.getText().trim());
                    }
                }
                default -> throw new IllegalStateException(e.getValue().toString());
            }
        }
        return out;
    }
}
