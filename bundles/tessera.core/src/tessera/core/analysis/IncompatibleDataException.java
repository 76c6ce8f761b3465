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

    /**
     * The name messages use for a dataset: the file it was read from ({@code General.original_filename}), else its
     * title.
     *
     * @param data a dataset
     * @return its file name or title
     */
    public static String source(tessera.core.model.Dataset data) {
        Object name = data.metadata().get("General.original_filename");
        return name != null ? String.valueOf(name) : String.valueOf(data.metadata().title());
    }

    /**
     * Bad input found by an algorithm that throws {@link IllegalArgumentException}: the same message, prefixed with
     * the dataset's {@link #source}.
     *
     * @param data    the dataset the problem is in
     * @param problem the algorithm's exception
     * @return the exception to throw
     */
    public static IncompatibleDataException of(tessera.core.model.Dataset data, IllegalArgumentException problem) {
        if (problem instanceof IncompatibleDataException i) {
            return i;
        }
        IncompatibleDataException e = new IncompatibleDataException(source(data) + ": " + problem.getMessage());
        e.initCause(problem);
        return e;
    }
}
