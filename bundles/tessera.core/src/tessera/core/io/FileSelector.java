package tessera.core.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tessera.core.model.Dataset;

/**
 * One dataset of a multi-dataset file, as a user names it wherever a command takes a file: {@code FILE#N} for the N-th
 * dataset (from 0, in the order {@code tessera info FILE} numbers them) or, for HDF5-based files, {@code FILE#/path}
 * for the dataset (or the signal group) at that path inside the file. A plain {@code FILE} selects nothing: the command
 * picks the dataset of the kind it needs.
 * <p>
 * Readers of HDF5-based formats put each dataset's path inside the file under {@value #PATH_KEY} in its metadata; a
 * path selector matches a dataset whose path equals it or lies below it ({@code #/Data/Image} selects the first image
 * of a Velox file).
 *
 * @param file  the file
 * @param index the dataset's index in the file, or -1
 * @param path  the path inside the file (starting with {@code /}), or null
 */
public record FileSelector(Path file, int index, String path) {
    /** metadata key of a dataset's path inside an HDF5-based file */
    public static final String PATH_KEY = "General.hdf5_path";

    /**
     * @throws IllegalArgumentException if both an index and a path are given, or the path does not start with '/'
     */
    public FileSelector {
        if (index >= 0 && path != null) {
            throw new IllegalArgumentException("a dataset is selected by index or by path, not both");
        }
        if (path != null && !path.startsWith("/")) {
            throw new IllegalArgumentException("a path inside a file starts with '/': " + path);
        }
    }

    /** @return true if a dataset is selected (by index or path) */
    public boolean selects() {
        return index >= 0 || path != null;
    }

    /**
     * Splits a command-line file argument. An existing file is taken as it is (a file whose name contains {@code #}
     * still opens); otherwise the argument is cut at the first {@code #} whose left part is an existing file, and the
     * right part must be a number or a path starting with {@code /}.
     *
     * @param argument what the user wrote
     * @return the selector (index -1 and path null when nothing is selected)
     * @throws InvalidFileException if the argument names no existing file or its selector is neither a number nor a path
     */
    public static FileSelector parse(Path argument) throws InvalidFileException {
        if (Files.exists(argument)) {
            return new FileSelector(argument, -1, null);
        }
        String s = argument.toString();
        for (int i = s.indexOf('#'); i >= 0; i = s.indexOf('#', i + 1)) {
            Path file = Path.of(s.substring(0, i));
            if (!Files.isRegularFile(file)) {
                continue;
            }
            String sel = s.substring(i + 1);
            if (sel.matches("\\d{1,9}")) {
                return new FileSelector(file, Integer.parseInt(sel), null);
            }
            if (sel.startsWith("/") && sel.length() > 1) {
                return new FileSelector(file, -1, sel.endsWith("/") ? sel.substring(0, sel.length() - 1) : sel);
            }
            throw new InvalidFileException(file, "'#" + sel + "' selects no dataset: write FILE#N (the N-th dataset, from 0) or FILE#/path/in/file");
        }
        return new FileSelector(argument, -1, null);
    }

    /**
     * {@link #parse} for a command's input, refusing an argument whose file does not exist.
     *
     * @param argument what the user wrote ({@code FILE}, {@code FILE#N} or {@code FILE#/path})
     * @return the selector
     * @throws InvalidFileException if the file does not exist or is not a regular file, or the selector is malformed
     */
    public static FileSelector requireFile(Path argument) throws InvalidFileException {
        FileSelector s = parse(argument);
        if (!Files.isRegularFile(s.file())) {
            throw new InvalidFileException(s.file(), Files.exists(s.file()) ? "not a regular file" : "no such file");
        }
        return s;
    }

    /**
     * The selected dataset among a file's datasets.
     *
     * @param all the file's datasets in order
     * @return the dataset at the index, or the first whose {@value #PATH_KEY} is the path or lies below it
     * @throws InvalidFileException if the index is out of range or no dataset has the path (the message lists what the file has)
     * @throws IllegalStateException if nothing is selected
     */
    public Dataset select(List<Dataset> all) throws InvalidFileException {
        return select(all, Dataset::metadata);
    }

    /**
     * The selected entry among a file's datasets or their {@link DatasetHeader headers}.
     *
     * @param <T>      {@link Dataset} or {@link DatasetHeader}
     * @param all      the file's datasets (or headers) in order
     * @param metadata each entry's metadata (where {@value #PATH_KEY} is)
     * @return the entry at the index, or the first whose {@value #PATH_KEY} is the path or lies below it
     * @throws InvalidFileException if the index is out of range or no entry has the path (the message lists what the file has)
     * @throws IllegalStateException if nothing is selected
     */
    public <T> T select(List<T> all, java.util.function.Function<T, tessera.core.model.Metadata> metadata) throws InvalidFileException {
        if (index >= 0) {
            if (index >= all.size()) {
                throw new InvalidFileException(file, "has " + all.size() + " dataset(s), numbered 0 to " + (all.size() - 1) + "; there is no dataset " + index);
            }
            return all.get(index);
        }
        if (path == null) {
            throw new IllegalStateException("no dataset selected");
        }
        List<String> paths = new ArrayList<>();
        for (T d : all) {
            Object p = metadata.apply(d).get(PATH_KEY);
            if (p != null) {
                String ps = String.valueOf(p);
                if (ps.equals(path) || ps.startsWith(path + "/") || path.startsWith(ps + "/")) {
                    return d;
                }
                paths.add(ps);
            }
        }
        throw new InvalidFileException(file, paths.isEmpty() ? "its datasets carry no path inside the file; select one by number (FILE#N)"
                : "no dataset at " + path + " (the file has " + String.join(", ", paths) + ")");
    }

    /** @return the selector as the user writes it after the file name ({@code #3}, {@code #/Data/Image/abc}), or "" */
    public String suffix() {
        return index >= 0 ? "#" + index : path != null ? "#" + path : "";
    }
}
