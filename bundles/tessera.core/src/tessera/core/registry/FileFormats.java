package tessera.core.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import tessera.core.io.DatasetReader;
import tessera.core.io.DatasetWriter;
import tessera.core.io.InvalidFileException;
import tessera.core.model.Dataset;

/**
 * Chooses the reader or writer for a file from the contributed formats. A reader is
 * chosen by content first: the contribution's {@code magic} bytes and the reader's
 * {@link DatasetReader#sniff} decide, so a DM4 renamed to {@code .dat} still opens; the
 * extension decides only among readers that declare no magic. Ties go to the higher
 * {@code priority}.
 */
public final class FileFormats {
    private static final int HEAD = 512;
    private final Registry registry;

    FileFormats(Registry registry) {
        this.registry = registry;
    }

    /**
     * Reads every dataset of a file with the reader that recognises it.
     *
     * @param file the file
     * @return datasets, at least one
     * @throws InvalidFileException if the file is missing, empty, of no known format, or invalid for its reader
     * @throws IOException on an I/O error
     */
    public List<Dataset> read(Path file) throws IOException {
        return read(file, java.util.Map.of());
    }

    /**
     * Reads every dataset of a file with the reader that recognises it, passing it options.
     *
     * @param file    the file
     * @param options reader options by name ({@link DatasetReader#options()}: numbers, booleans or strings); empty for none
     * @return datasets, at least one
     * @throws InvalidFileException if the file is missing, empty, of no known format, or invalid for its reader, or an
     *                              option is unknown to the reader or invalid (the message lists the reader's options)
     * @throws IOException on an I/O error
     */
    public List<Dataset> read(Path file, java.util.Map<String, ?> options) throws IOException {
        return withReader(file, options, (reader, p) -> options.isEmpty() ? reader.read(file) : reader.read(file, p));
    }

    /**
     * Describes every dataset of a file (type, axes, metadata) with the reader that recognises it, as
     * {@link DatasetReader#describe}: without decoding the values where the reader can.
     *
     * @param file    the file
     * @param options reader options by name, as for {@link #read(Path, java.util.Map)}
     * @return one header per dataset, in the order {@link #read(Path, java.util.Map)} returns them
     * @throws InvalidFileException as {@link #read(Path, java.util.Map)}
     * @throws IOException on an I/O error
     */
    public List<tessera.core.io.DatasetHeader> describe(Path file, java.util.Map<String, ?> options) throws IOException {
        return withReader(file, options, (reader, p) -> reader.describe(file, p));
    }

    private interface ReaderCall<T> {
        List<T> apply(DatasetReader reader, tessera.core.analysis.Parameters options) throws IOException;
    }

    /** Finds the reader, validates the options, calls it, and turns every failure into one line naming the file. */
    private <T> List<T> withReader(Path file, java.util.Map<String, ?> options, ReaderCall<T> call) throws IOException {
        Contribution c = readerFor(file);
        List<T> ds;
        DatasetReader reader = c.create(DatasetReader.class);
        tessera.core.analysis.Parameters p;
        try {
            p = tessera.core.analysis.Parameters.of(reader.options(), options);
        } catch (IllegalArgumentException e) {
            throw new InvalidFileException(file, "reader option for " + c.name() + ": " + oneLine(e)
                    + (reader.options().isEmpty() ? " (this reader takes no options)" : ""));
        }
        try {
            ds = call.apply(reader, p);
        } catch (InvalidFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new InvalidFileException(file, "cannot be read as " + c.name() + ": " + oneLine(e), e);
        } catch (OutOfMemoryError e) {
            throw new InvalidFileException(file, "reading it as " + c.name() + " needs more memory than available (corrupt header or huge file)", e);
        }
        if (ds == null || ds.isEmpty()) {
            throw new InvalidFileException(file, "contains no dataset");
        }
        return ds;
    }

    /**
     * Reads the first dataset of a file.
     *
     * @param file the file
     * @return the dataset
     * @throws IOException as {@link #read(Path)}
     */
    public Dataset readFirst(Path file) throws IOException {
        return read(file).get(0);
    }

    /**
     * Reads the spectra of a file: the dataset a {@code FILE#N} selector names, or else the one with a single signal axis
     * and at most two navigation axes that has the most navigation axes (a spectrum image before a line scan before a
     * single spectrum; the first of equals: a Velox file lists its spectra before its spectrum image).
     *
     * @param selection the file, with or without a dataset selector
     * @return the dataset
     * @throws InvalidFileException if the file holds no such dataset (the message lists the shapes found), or as
     *                              {@link #read(Path)}
     * @throws IOException          on an I/O error
     */
    public Dataset readSpectra(tessera.core.io.FileSelector selection) throws IOException {
        List<Dataset> all = read(selection.file());
        return selection.selects() ? selection.select(all) : pickSpectra(selection.file(), all);
    }

    /**
     * The spectra among a file's datasets, as {@link #readSpectra} picks them.
     *
     * @param file the file, for the message
     * @param all  its datasets
     * @return the dataset
     * @throws InvalidFileException if none has a single signal axis and at most two navigation axes
     */
    public static Dataset pickSpectra(Path file, List<Dataset> all) throws InvalidFileException {
        Dataset best = null;
        for (Dataset d : all) {
            if (d.signalAxes().size() == 1 && d.navigationDimension() <= 2 && (best == null || d.navigationDimension() > best.navigationDimension())) {
                best = d;
            }
        }
        if (best != null) {
            return best;
        }
        List<String> found = new ArrayList<>();
        all.forEach(d -> found.add(java.util.Arrays.toString(d.shape()) + " with " + d.navigationDimension() + " navigation and "
                + d.signalAxes().size() + " signal axes"));
        throw new InvalidFileException(file, "holds no spectrum, line scan or spectrum image (found " + String.join("; ", found) + ")");
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ');
    }

    /**
     * Finds the reader contribution for a file.
     *
     * @param file the file
     * @return the contribution
     * @throws InvalidFileException if the file is missing, not a regular file, empty, or of no known format
     * @throws IOException on an I/O error
     */
    public Contribution readerFor(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new InvalidFileException(file, "no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidFileException(file, "not a regular file");
        }
        if (Files.size(file) == 0) {
            throw new InvalidFileException(file, "file is empty");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEAD);
        }
        String ext = extension(file);
        List<Contribution> readers = new ArrayList<>(registry.contributions(Registry.READERS));
        readers.sort(Comparator.comparingInt(FileFormats::priority).reversed());
        for (Contribution c : readers) {
            String magic = c.attribute("magic");
            if (magic != null && !magic.isBlank() && magicMatches(magic, head) && sniff(c, file, head)) {
                return c;
            }
        }
        for (Contribution c : readers) {
            String magic = c.attribute("magic");
            if ((magic == null || magic.isBlank()) && extensions(c).contains(ext) && sniff(c, file, head)) {
                return c;
            }
        }
        for (Contribution c : readers) {
            if (extensions(c).contains(ext)) {
                throw new InvalidFileException(file, "has the extension of " + c.name() + " but not its content (first bytes "
                        + HexFormat.ofDelimiter(" ").formatHex(head, 0, Math.min(8, head.length)) + ")");
            }
        }
        throw new InvalidFileException(file, "unrecognised file format (extension '" + ext + "', first bytes "
                + HexFormat.ofDelimiter(" ").formatHex(head, 0, Math.min(8, head.length)) + ")");
    }

    /**
     * Finds a writer by the target file's extension.
     *
     * @param file target file
     * @return a writer instance
     * @throws InvalidFileException if no writer handles the extension
     */
    public DatasetWriter writerFor(Path file) throws InvalidFileException {
        String ext = extension(file);
        for (Contribution c : registry.contributions(Registry.WRITERS)) {
            if (extensions(c).contains(ext)) {
                return c.create(DatasetWriter.class);
            }
        }
        throw new InvalidFileException(file, "no writer for extension '" + ext + "'");
    }

    private static boolean sniff(Contribution c, Path file, byte[] head) {
        try {
            return c.create(DatasetReader.class).sniff(file, head);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static int priority(Contribution c) {
        try {
            return c.attribute("priority") == null ? 0 : Integer.parseInt(c.attribute("priority").trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** @return the lower-case extension of a file name without the dot, or "" */
    public static String extension(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static List<String> extensions(Contribution c) {
        String e = c.attribute("extensions");
        List<String> l = new ArrayList<>();
        if (e != null) {
            for (String s : e.split(",")) {
                l.add(s.trim().toLowerCase(Locale.ROOT));
            }
        }
        return l;
    }

    /**
     * Tests a magic pattern: alternatives separated by {@code |}, each a list of hex bytes
     * or {@code ??} wildcards, matched at the start of {@code head}.
     *
     * @param pattern e.g. {@code "89 48 44 46 0D 0A 1A 0A"}
     * @param head    the file's first bytes
     * @return true if any alternative matches
     */
    public static boolean magicMatches(String pattern, byte[] head) {
        for (String alt : pattern.split("\\|")) {
            String[] bytes = alt.trim().split("\\s+");
            if (bytes.length > head.length) {
                continue;
            }
            boolean ok = true;
            for (int i = 0; i < bytes.length && ok; i++) {
                if (!bytes[i].equals("??")) {
                    ok = (byte) Integer.parseInt(bytes[i], 16) == head[i];
                }
            }
            if (ok) {
                return true;
            }
        }
        return false;
    }
}
