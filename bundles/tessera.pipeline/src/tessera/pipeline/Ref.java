package tessera.pipeline;

import java.util.Objects;

/**
 * A reference, in a pipeline document, to a value: an output of an earlier step
 * ({@code "pca.result"}: step {@code pca}, port {@code result}) or an input of the pipeline
 * ({@code "$input"}: step null, port {@code input}).
 *
 * @param step name of the producing step, or null for a pipeline input
 * @param port output port of that step, or the pipeline input's name
 */
public record Ref(String step, String port) {
    /** @throws NullPointerException if port is null */
    public Ref {
        Objects.requireNonNull(port, "port");
    }

    /**
     * Parses {@code "step.port"} or {@code "$input"}.
     *
     * @param text the reference
     * @return the reference
     * @throws IllegalArgumentException if the text has neither form
     */
    public static Ref parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.startsWith("$") && t.length() > 1 && t.indexOf('.') < 0) {
            return new Ref(null, t.substring(1));
        }
        int dot = t.indexOf('.');
        if (dot > 0 && dot < t.length() - 1 && t.indexOf('.', dot + 1) < 0) {
            return new Ref(t.substring(0, dot), t.substring(dot + 1));
        }
        throw new IllegalArgumentException("'" + text + "' is not a reference: write \"<step>.<output>\" or \"$<pipeline input>\"");
    }

    /** @return true for a pipeline input */
    public boolean isPipelineInput() {
        return step == null;
    }

    /** @return the text form, {@code "step.port"} or {@code "$input"} */
    @Override
    public String toString() {
        return step == null ? "$" + port : step + "." + port;
    }
}
