package tessera.pipeline;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code tessera rerun} refuses a record: an input's content changed, a step or parameter is
 * unknown to the installed bundles, a bundle's version differs (without permission), or the
 * record holds no runnable plan. Nothing ran.
 */
public final class RerunRefusedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> reasons;

    /**
     * @param record  the record file
     * @param reasons one sentence per cause
     */
    public RerunRefusedException(Path record, List<String> reasons) {
        super(record + ": cannot re-run: " + String.join("; ", reasons));
        this.reasons = List.copyOf(reasons);
    }

    /** @return every cause, at least one */
    public List<String> reasons() {
        return reasons;
    }
}
