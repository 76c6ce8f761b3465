package tessera.io.tia.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tessera.core.io.DatasetReader;
import tessera.core.io.InvalidFileException;
import tessera.core.model.Dataset;

/**
 * Reads FEI/Thermo Fisher TIA (ES Vision) files: {@code .ser} series (spectra, line scans,
 * spectrum images, images, image stacks and scans of diffraction patterns) and {@code .emi}
 * files (the metadata of the series beside them). Contributed as reader {@code tessera.io.tia}.
 *
 * <ul>
 * <li>An {@code .emi} (content starting {@code "JK"}, {@code 4A 4B 00 02}, or any file named
 * {@code .emi} that is not a series: anonymised files have the binary part zeroed) opens every
 * {@code <basename>_N.ser} in its folder, in increasing N, one dataset each; series N gets the
 * N-th {@code ObjectInfo} of the .emi as {@code original_metadata.ObjectInfo} and the
 * standard metadata mapped from it. A series with no valid element is skipped, as by HyperSpy.</li>
 * <li>A {@code .ser} ({@code 49 49 97 01} + version {@code 10 02} or {@code 20 02}) is read
 * alone, with the metadata of its sibling {@code <basename>.emi} when the name ends in
 * {@code _N.ser} and that file exists: then the dataset equals the one the .emi gives.</li>
 * </ul>
 *
 * <p>Arrays, axes and metadata are those of HyperSpy 1.7.3 {@code hs.load}
 * ({@code hyperspy/io_plugins/fei.py}; RosettaSciIO {@code rsciio/tia/_api.py}): see
 * {@link SerFile} for the layout and axes and {@link EmiMetadata} for the metadata. Where this
 * reader differs from HyperSpy 1.7.3: a .ser read alone carries its .emi's metadata (HyperSpy
 * reads none, so diffraction images get nm instead of 1 / nm); axis offsets in metres are
 * converted to nm like the scales (HyperSpy leaves the offset in metres); series numbers of
 * more than one digit are read (HyperSpy's {@code _[0-9].ser} misses {@code _10.ser}).
 *
 * <p>Stateless and thread-safe. Every inconsistency of a header with itself or with the
 * file size ends in an {@link InvalidFileException} naming the file, before any allocation.
 */
public final class SerReader implements DatasetReader {
    private static final Pattern SERIES = Pattern.compile("(.*)_(\\d{1,9})\\.ser", Pattern.CASE_INSENSITIVE);

    /** Creates the reader (stateless). */
    public SerReader() {
    }

    /**
     * Reads a .ser series, or every series an .emi describes.
     *
     * @param file a .ser or .emi file (chosen by content, not by name)
     * @return the datasets: one for a .ser; one per readable {@code _N.ser} for an .emi, in N order;
     *         shape {@code [navigation..., signal...]}, signal {@code [Energy]} (eV) for spectra
     *         or {@code [y, x]} (nm, or 1 / nm for diffraction) for images
     * @throws InvalidFileException if the file (or a series of the .emi) is truncated, inconsistent
     *         or of another format, or an .emi has no readable series beside it
     * @throws IOException on an I/O error
     */
    @Override
    public List<Dataset> read(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4);
        }
        boolean ser = head.length == 4 && head[0] == 0x49 && head[1] == 0x49 && head[2] == (byte) 0x97 && head[3] == 0x01;
        if (!ser) {
            if ((head.length >= 2 && head[0] == 0x4A && head[1] == 0x4B) || file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".emi")) {
                return readEmi(file);
            }
            throw new InvalidFileException(file, "neither a TIA .ser (49 49 97 01) nor a TIA .emi (4A 4B, or named .emi) file");
        }
        List<Map<String, Object>> objects = null;
        int index = -1;
        Matcher m = SERIES.matcher(file.getFileName().toString());
        if (m.matches()) {
            Path emi = sibling(file, m.group(1));
            if (emi != null) {
                objects = EmiMetadata.read(emi);
                index = Integer.parseInt(m.group(2)) - 1;
            }
        }
        return List.of(SerFile.read(file, objects, index));
    }

    private static Path sibling(Path ser, String base) {
        Path dir = ser.toAbsolutePath().getParent();
        for (String ext : new String[] {".emi", ".EMI"}) {
            Path p = dir.resolve(base + ext);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static List<Dataset> readEmi(Path emi) throws IOException {
        List<Map<String, Object>> objects = EmiMetadata.read(emi);
        String name = emi.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot < 0 ? name : name.substring(0, dot);
        Path dir = emi.toAbsolutePath().getParent();
        record Series(int n, Path path) {
        }
        List<Series> series = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                Matcher m = SERIES.matcher(p.getFileName().toString());
                if (m.matches() && m.group(1).equals(base) && Files.isRegularFile(p)) {
                    series.add(new Series(Integer.parseInt(m.group(2)), p));
                }
            }
        }
        series.sort(Comparator.comparingInt(Series::n).thenComparing(s -> s.path().getFileName().toString()));
        List<Dataset> out = new ArrayList<>();
        for (Series s : series) {
            try {
                out.add(SerFile.read(s.path(), objects, s.n() - 1));
            } catch (SerFile.NoValidData e) {
                // HyperSpy skips such a series (TIA keeps a single spectrum in the .emi itself)
            }
        }
        if (out.isEmpty()) {
            throw new InvalidFileException(emi, series.isEmpty() ? "no series file " + base + "_N.ser beside it"
                    : "none of the " + series.size() + " series files beside it holds valid data");
        }
        return out;
    }

    /**
     * Accepts the first bytes of a TIA .ser (byte order 0x4949, series ID 0x0197, version
     * 0x0210 or 0x0220, data type 0x4120 or 0x4122) or of an .emi ({@code 4A 4B 00 02}).
     *
     * @param file the file (unused)
     * @param head its first bytes
     * @return whether they are a TIA file's
     */
    @Override
    public boolean sniff(Path file, byte[] head) {
        if (head.length >= 4 && head[0] == 0x4A && head[1] == 0x4B && head[2] == 0 && head[3] == 2) {
            return true;
        }
        if (head.length < 8 || head[0] != 0x49 || head[1] != 0x49 || head[2] != (byte) 0x97 || head[3] != 0x01
                || head[5] != 0x02 || (head[4] != 0x10 && head[4] != 0x20)) {
            return false;
        }
        return head[7] == 0x41 && (head[6] == 0x20 || head[6] == 0x22);
    }
}
