package tessera.core.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file cannot be read (or written) because its content is wrong: truncated, wrong
 * magic number, a header that contradicts the file size, an unsupported variant. The
 * message is one line, {@code "<file>: <problem>"}, suitable for the CLI's error output.
 */
public class InvalidFileException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final String problem;

    /**
     * @param file    the file concerned
     * @param problem what is wrong, one line, no trailing period
     */
    public InvalidFileException(Path file, String problem) {
        this(file, problem, null);
    }

    /**
     * @param file    the file concerned
     * @param problem what is wrong
     * @param cause   underlying exception, may be null
     */
    public InvalidFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    /** @return the file concerned */
    public Path file() {
        return file;
    }

    /** @return the problem without the file name */
    public String problem() {
        return problem;
    }

    /**
     * Guards an allocation against a lying header: the payload a header claims must fit in
     * the bytes the file actually has (for uncompressed formats).
     *
     * @param file          the file
     * @param claimedBytes  bytes the header says the data occupies
     * @param availableBytes bytes present in the file from the data start
     * @throws InvalidFileException if {@code claimedBytes} is negative or exceeds {@code availableBytes}
     */
    public static void checkPayload(Path file, long claimedBytes, long availableBytes) throws InvalidFileException {
        if (claimedBytes < 0 || claimedBytes > availableBytes) {
            throw new InvalidFileException(file, "header claims " + (claimedBytes < 0 ? "an overflowing size" : claimedBytes + " bytes of data")
                    + " but only " + availableBytes + " bytes are present (truncated file or corrupt header)");
        }
    }
}
