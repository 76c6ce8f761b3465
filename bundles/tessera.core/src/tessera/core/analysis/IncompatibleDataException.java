package tessera.core.analysis;

/**
 * The data given to an algorithm do not fit it or each other: endmember spectra on another energy axis than the
 * spectrum image, a rank-deficient endmember matrix, non-finite values, negative values where a method needs counts.
 * It is bad input, not a failure of the algorithm: the CLI reports it in one line and exits with the bad-input code
 * (1), as it does for an invalid file. The message names the dataset (its title or file) and the problem.
 */
public class IncompatibleDataException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message what does not fit, naming the datasets or parameter */
    public IncompatibleDataException(String message) {
        super(message);
    }
}
