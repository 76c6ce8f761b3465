package tessera.io.hspy.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import tessera.core.io.DatasetReader;
import tessera.core.io.InvalidFileException;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;

/**
 * Any HDF5 file that is not a HyperSpy file: every numeric dataset (integer or floating point, rank ≥ 1), in the order
 * of a depth-first walk with names sorted (as h5py's {@code visititems}), each a Tessera dataset titled with its path
 * ({@code General.title} and {@value #PATH}). Axes of length 1 are dropped (AtomAI's {@code (1, ny, nx, 1)} network
 * inputs are images); what remains is read by its rank: 1 → a spectrum {@code [n]}, 2 → an image {@code [y, x]}, 3 → an
 * image series {@code [frame, y, x]}, 4 → a 4-D scan {@code [scan y, scan x, ky, kx]}, higher → the last two axes signal.
 * A plain HDF5 dataset carries no calibration: the axes are in pixels (scale 1, no units) and every string dataset or
 * string attribute beside it goes to the original metadata, so nothing the file says is lost.
 * <p>
 * Source: The HDF Group, HDF5 File Format Specification version 3.0 (https://docs.hdfgroup.org/hdf5/latest/_f_m_t3.html),
 * read through jHDF.
 */
public final class Hdf5Reader implements DatasetReader {
    /** metadata key of the dataset's path inside the file */
    public static final String PATH = tessera.core.io.FileSelector.PATH_KEY;

    /** Public no-argument constructor for the extension registry. */
    public Hdf5Reader() {
    }

    @Override
    public boolean sniff(Path file, byte[] head) {
        if (head.length < 8) {
            return false;
        }
        for (int i = 0; i < 8; i++) {
            if (head[i] != HspyReader.HDF5_MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public List<Dataset> read(Path file) throws IOException {
        long fileSize = HdfArrays.checkSignature(file);
        HdfFile h = HdfArrays.open(file, Hdf5Reader::oneLine);
        try (h) {
            Map<String, Object> strings = new LinkedHashMap<>();
            List<io.jhdf.api.Dataset> numeric = new ArrayList<>();
            walk(h, numeric, strings, new ArrayList<>());
            if (numeric.isEmpty()) {
                throw new InvalidFileException(file, "HDF5 file without a numeric dataset" + (strings.isEmpty() ? "" : " (only " + strings.keySet() + ")"));
            }
            List<Dataset> out = new ArrayList<>();
            for (io.jhdf.api.Dataset d : numeric) {
                out.add(read(file, fileSize, d, strings));
            }
            return out;
        } catch (RuntimeException | StackOverflowError e) {
            throw new InvalidFileException(file, "corrupt or truncated HDF5 file: " + oneLine(e), e);
        }
    }

    private static void walk(Group g, List<io.jhdf.api.Dataset> numeric, Map<String, Object> strings, List<String> problems) {
        for (Map.Entry<String, Attribute> a : new TreeMap<>(g.getAttributes()).entrySet()) {
            strings.put(g.getPath() + "@" + a.getKey(), HdfTrees.attributeValue(a.getValue()));
        }
        for (Node n : new TreeMap<>(g.getChildren()).values()) {
            if (n instanceof Group sub) {
                walk(sub, numeric, strings, problems);
            } else if (n instanceof io.jhdf.api.Dataset d) {
                if ((d.getDataType() instanceof FloatingPoint || d.getDataType() instanceof FixedPoint) && d.getDimensions().length >= 1) {
                    numeric.add(d);
                } else {
                    strings.put(d.getPath(), HdfTrees.datasetValue(d));
                }
                for (Map.Entry<String, Attribute> a : new TreeMap<>(d.getAttributes()).entrySet()) {
                    strings.put(d.getPath() + "@" + a.getKey(), HdfTrees.attributeValue(a.getValue()));
                }
            }
        }
    }

    private static Dataset read(Path file, long fileSize, io.jhdf.api.Dataset d, Map<String, Object> strings) throws InvalidFileException {
        long[] dims = d.getDimensionsAsLong();
        List<Long> kept = new ArrayList<>();
        for (long n : dims) {
            if (n != 1) {
                kept.add(n);
            }
        }
        if (kept.isEmpty()) {
            kept.add(1L);
        }
        for (long n : kept) {
            if (n <= 0 || n > Integer.MAX_VALUE) {
                throw new InvalidFileException(file, d.getPath() + ": dimension " + n + " is not a valid array size");
            }
        }
        int rank = kept.size();
        int signal = rank == 1 ? 1 : 2;
        String[] names = switch (rank) {
            case 1 -> new String[] {"channel"};
            case 2 -> new String[] {"y", "x"};
            case 3 -> new String[] {"frame", "y", "x"};
            case 4 -> new String[] {"scan y", "scan x", "ky", "kx"};
            default -> null;
        };
        List<Axis> axes = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            String name = names != null ? names[i] : "axis " + i;
            axes.add(Axis.uncalibrated(name, (int) (long) kept.get(i), i < rank - signal));
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        Metadata.put(tree, Metadata.TITLE, d.getPath());
        Metadata.put(tree, PATH, d.getPath());
        Map<String, Object> original = new LinkedHashMap<>();
        original.put("hdf5", new LinkedHashMap<>(strings));
        original.put("hdf5_shape", java.util.Arrays.toString(dims));
        return HspyReader.readData(file, fileSize, d.getPath(), d, axes, new Metadata(tree, original));
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ');
    }
}
