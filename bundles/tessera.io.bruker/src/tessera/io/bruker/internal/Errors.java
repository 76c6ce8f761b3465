package tessera.io.bruker.internal;

import java.nio.file.Path;

import tessera.core.io.InvalidFileException;

/**
 * Builds the reader's {@link InvalidFileException}s so that their message stays one line
 * and short even when it quotes file content (names, numbers, XML text from a corrupt
 * file): control characters become {@code '?'} and the problem is cut at 300 characters.
 */
public final class Errors {
    private Errors() {
    }

    /**
     * @param file    the file
     * @param problem what is wrong (may quote file content)
     * @return the exception, message {@code "<file>: <problem>"} on one line
     */
    public static InvalidFileException invalid(Path file, String problem) {
        return new InvalidFileException(file, clean(problem));
    }

    /**
     * @param file    the file
     * @param problem what is wrong (may quote file content)
     * @param cause   the underlying exception
     * @return the exception, message {@code "<file>: <problem>"} on one line
     */
    public static InvalidFileException invalid(Path file, String problem, Throwable cause) {
        return new InvalidFileException(file, clean(problem), cause);
    }

    static String clean(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 310));
        for (int i = 0; i < s.length() && b.length() < 300; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085' ? '?' : c);
        }
        if (b.length() >= 300 && s.length() > 300) {
            b.append("...");
        }
        return b.toString();
    }
}
