package tessera.pipeline;

import java.util.List;

/**
 * A pipeline document that cannot run: unreadable JSON, an unknown step, an unknown or
 * out-of-range parameter, a value of the wrong type, a reference to a missing output.
 * Thrown before anything runs; lists every problem found.
 */
public final class InvalidPipelineException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final List<String> problems;

    /**
     * @param source   the document's file name or another label (e.g. "analyze")
     * @param problems one sentence per problem, naming the step and the parameter or port
     */
    public InvalidPipelineException(String source, List<String> problems) {
        super(source + ": " + String.join("; ", problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** @return the document's file name or label */
    public String source() {
        return source;
    }

    /** @return every problem found, at least one */
    public List<String> problems() {
        return problems;
    }
}
