package tessera.io.hspy;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import tessera.core.io.AtomicFiles;
import tessera.core.io.DatasetWriter;
import tessera.core.io.InvalidFileException;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.io.hspy.hdf5.Hdf5Writing;

/**
 * Writes {@link Dataset}s as HyperSpy HDF5 ({@code .hspy}) files, file format version 3.1
 * (https://hyperspy.org/rosettasciio/file_specification/hspy.html), that HyperSpy 1.7
 * ({@code hs.load}) opens with the same values, dtype, axes and metadata. HDF5 is written
 * with jHDF 0.13's writing API. Contributed as writer {@code tessera.io.hspy.writer}.
 *
 * <p><b>Layout written.</b> Root attributes {@code file_format = "HyperSpy"} and
 * {@code file_format_version = "3.1"}; per dataset a group {@code Experiments/<title>}
 * ({@code "__unnamed__"} for an empty title; {@code '/'} replaced by {@code '-'} as HyperSpy
 * does; a suffix {@code " (2)"}, {@code " (3)"}, ... makes repeated titles unique) holding:
 * <ul>
 * <li>{@code data}: the array, shape = {@link Dataset#shape()} (array order, navigation
 * axes first), same dtype (int8..uint64, float32, float64), stored in chunks of whole signals (about 1 MB, as HyperSpy chunks) with the shuffle and deflate (level 4) filters when larger than 4 kB, else contiguous;</li>
 * <li>{@code axis-i} for array dimension {@code i}: attributes {@code _type =
 * "UniformDataAxis"}, {@code size}, {@code scale}, {@code offset}, and {@code name},
 * {@code units} when not empty;</li>
 * <li>{@code metadata}: the {@link Metadata#tree()} in HyperSpy's dictionary encoding
 * (maps as groups, strings and numbers as attributes, {@code null} as {@code "_None_"},
 * lists as {@code _list_K} datasets or {@code _list_N_K} groups, empty lists as
 * {@code _list_empty_K}, primitive arrays as datasets), with {@code General.title} set and
 * {@code Signal.record_by} set from the signal dimension;</li>
 * <li>{@code original_metadata}: {@link Metadata#original()} in the same encoding.</li>
 * </ul>
 *
 * <p><b>Navigation axes.</b> jHDF 0.13 cannot write HDF5 enum types, so the boolean
 * {@code navigate} attributes h5py writes cannot be produced (a jHDF boolean is an HDF5
 * bitfield, which HyperSpy reads as {@code uint8} and rejects). The writer therefore omits
 * {@code navigate} and states the signal dimension through {@code metadata.Signal.record_by}
 * ({@code "spectrum"} for one signal axis, {@code "image"} for two), which HyperSpy's
 * {@code dict2signal} applies to the last array axes. Datasets with 0 or more than 2
 * signal axes are written without {@code record_by} and HyperSpy (and Tessera's reader)
 * then treat every axis as a signal axis. For the same reason, boolean metadata values are
 * written as HDF5 bitfields (read by HyperSpy as {@code uint8}); the internal
 * {@code _HyperSpy} subtree and {@code Signal.binned} are not written.
 *
 * <p><b>Several datasets.</b> {@link #writeAll(List, Path)} writes each dataset as one
 * {@code Experiments} group. HyperSpy's {@code hs.load} then returns a list of signals
 * ordered by group name (h5py lists the members of a group alphabetically), and Tessera's
 * reader returns them in the same order.
 *
 * <p><b>Atomicity.</b> The file is written to a temporary file beside the target,
 * re-opened and checked, then moved over the target ({@link AtomicFiles#write}); a failure
 * leaves no partial file.
 *
 * <p>Not representable (throws {@link InvalidFileException}): complex, bool and rgba8
 * data (jHDF 0.13 writes neither compound nor enum types) and zero-dimensional data.
 * This class is stateless and thread-safe.
 */
public final class HspyWriter implements DatasetWriter {
    /** value of the root attribute {@code file_format} */
    public static final String FILE_FORMAT = "HyperSpy";
    /** value of the root attribute {@code file_format_version} written */
    public static final String FILE_FORMAT_VERSION = "3.1";

    /** Public no-argument constructor (also used by the extension registry). */
    public HspyWriter() {
    }

    /**
     * Writes one dataset as a HyperSpy 3.1 file.
     *
     * @param dataset the dataset (axes in array order, navigation first)
     * @param file    target file; replaced atomically if it exists
     * @throws InvalidFileException if the dataset's type cannot be written (complex, bool, rgba8)
     * @throws IOException          on an I/O error
     */
    @Override
    public void write(Dataset dataset, Path file) throws IOException {
        writeAll(List.of(dataset), file);
    }

    /**
     * Writes several datasets into one HyperSpy 3.1 file, one {@code Experiments/<title>}
     * group each (titles made unique, see the class comment). HyperSpy's {@code hs.load}
     * returns them as a list ordered by group name.
     *
     * @param datasets datasets, at least one
     * @param file     target file; replaced atomically if it exists
     * @throws InvalidFileException if the list is empty or a dataset's type cannot be written
     * @throws IOException          on an I/O error
     */
    @Override
    public void writeAll(List<Dataset> datasets, Path file) throws IOException {
        if (datasets.isEmpty()) {
            throw new InvalidFileException(file, "nothing to write (no datasets)");
        }
        for (Dataset d : datasets) {
            check(d, file);
        }
        List<String> names = groupNames(datasets);
        Hdf5Writing.write(file, "HyperSpy HDF5", RuntimeException::getMessage, h -> {
            h.putAttribute("file_format", FILE_FORMAT);
            h.putAttribute("file_format_version", FILE_FORMAT_VERSION);
            WritableGroup exp = h.putGroup("Experiments");
            for (int i = 0; i < datasets.size(); i++) {
                writeSignal(exp.putGroup(names.get(i)), datasets.get(i));
            }
            // jHDF 0.13 writes its version string at the channel position left by the
            // last dataset written; a small dataset written last keeps it at the end of
            // the file (otherwise it overwrites the header of a group written after it)
            h.putDataset(trailerName(), new byte[] {1});
        }, HspyWriter::verify);
    }

    /**
     * The {@code Experiments} group names that {@link #writeAll} uses for these datasets,
     * in the same order: the title, {@code "__unnamed__"} if empty, {@code '/'} replaced by
     * {@code '-'}, and {@code " (2)"}, {@code " (3)"}, ... appended to repeated names.
     *
     * @param datasets the datasets
     * @return one group name per dataset
     */
    public static List<String> groupNames(List<Dataset> datasets) {
        List<String> out = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Dataset d : datasets) {
            String t = d.metadata().title();
            String base = t.isEmpty() ? "__unnamed__" : t.replace('/', '-');
            if (base.equals(".")) {
                base = "-";
            }
            String name = base;
            for (int k = 2; !used.add(name); k++) {
                name = base + " (" + k + ")";
            }
            out.add(name);
        }
        return out;
    }

    private static void check(Dataset d, Path file) throws InvalidFileException {
        if (d.rank() == 0) {
            throw new InvalidFileException(file, "cannot write a zero-dimensional dataset");
        }
        switch (d.dtype()) {
            case COMPLEX64, COMPLEX128, BOOL, RGBA8 ->
                throw new InvalidFileException(file, "cannot write " + d.dtype().numpyName()
                        + " data as HyperSpy HDF5 (jHDF 0.13 writes no compound or enum types)");
            default -> {
            }
        }
    }

    private static String trailerName() {
        // the root group keeps its children in a ConcurrentHashMap and writes them in its
        // iteration order: pick a name that comes after "Experiments" in that order
        for (String candidate : new String[] {"_tessera", "tessera", "_tessera_end", "tessera_end", "zz_tessera"}) {
            if (Hdf5Writing.writtenLast(List.of("Experiments"), candidate)) {
                return candidate;
            }
        }
        for (int i = 0;; i++) {
            if (Hdf5Writing.writtenLast(List.of("Experiments"), "_tessera" + i)) {
                return "_tessera" + i;
            }
        }
    }

    /** Re-opens the written file and reads every header and attribute (cheap; no data). */
    private static void verify(Path tmp) {
        try (HdfFile h = new HdfFile(tmp)) {
            walk(h);
        }
    }

    private static void walk(Group g) {
        g.getAttributes().values().forEach(a -> a.getData());
        for (Node n : g.getChildren().values()) {
            if (n instanceof Group sub) {
                walk(sub);
            } else if (n instanceof io.jhdf.api.Dataset ds) {
                ds.getDimensions();
                ds.getAttributes();
            }
        }
    }

    private static void writeSignal(WritableGroup g, Dataset d) {
        List<Axis> axes = d.axes();
        for (int i = 0; i < axes.size(); i++) {
            Axis a = axes.get(i);
            WritableGroup ag = g.putGroup("axis-" + i);
            ag.putAttribute("_type", "UniformDataAxis");
            if (!a.name().isEmpty()) {
                ag.putAttribute("name", a.name());
            }
            ag.putAttribute("offset", a.offset());
            ag.putAttribute("scale", a.scale());
            ag.putAttribute("size", (long) a.size());
            if (!a.units().isEmpty()) {
                ag.putAttribute("units", a.units());
            }
        }
        writeData(g, d);

        Map<String, Object> md = copyOf(d.metadata().tree());
        md.remove("_HyperSpy");
        Metadata.put(md, "Signal.binned", null);
        Metadata.put(md, Metadata.TITLE, d.metadata().title());
        int sigDim = d.signalAxes().size();
        Metadata.put(md, "Signal.record_by", sigDim == 1 ? "spectrum" : sigDim == 2 ? "image" : null);
        if (Metadata.get(md, Metadata.SIGNAL_TYPE) == null) {
            Metadata.put(md, Metadata.SIGNAL_TYPE, "");
        }
        putTree(g.putGroup("metadata"), md);
        putTree(g.putGroup("original_metadata"), d.metadata().original());
    }

    private static Map<String, Object> copyOf(Map<String, Object> tree) {
        return new Metadata(tree, new LinkedHashMap<>()).copy().tree();
    }

    private static void writeData(WritableGroup g, Dataset d) {
        Object array = Hdf5Writing.nestedArray(d.data(), d.byteOrder(), d.dtype(), d.shape());
        long elemBytes = d.dtype().byteSize();
        Hdf5Writing.putArray(g, "data", array, d.dtype(), d.size() * elemBytes > 4096 ? chunks(d, elemBytes) : null);
    }

    /**
     * Chunk shape in the spirit of HyperSpy's {@code get_signal_chunks}: whole signals, about
     * 1 MB per chunk, the remaining budget spread over the navigation axes from the last.
     */
    static int[] chunks(Dataset d, long elemBytes) {
        int[] shape = d.shape();
        int[] c = shape.clone();
        int nav = d.navigationDimension();
        long signalBytes = Math.max(1, d.signalSize() * elemBytes);
        long budget = Math.max(1, 1_000_000 / signalBytes);
        for (int i = nav - 1; i >= 0; i--) {
            c[i] = (int) Math.max(1, Math.min(shape[i], budget));
            budget = Math.max(1, budget / c[i]);
        }
        return c;
    }

    // ---- HyperSpy dictionary encoding (inverse of HyperSpy's _group2dict) ----

    @SuppressWarnings("unchecked")
    private static void putTree(WritableGroup g, Map<String, Object> tree) {
        for (Map.Entry<String, Object> e : tree.entrySet()) {
            String key = e.getKey();
            if (key == null || key.isEmpty()) {
                continue;
            }
            key = key.replace('/', '-');
            Object v = e.getValue();
            if (v instanceof Map<?, ?> m) {
                putTree(g.putGroup(key), (Map<String, Object>) m);
            } else if (v instanceof List<?> l) {
                putList(g, key, l);
            } else if (v instanceof String[] a) {
                if (a.length > 0) {
                    g.putDataset(key, a);
                } else {
                    g.putAttribute("_list_empty_" + key, "_None_");
                }
            } else if (v != null && v.getClass().isArray() && v.getClass().getComponentType().isPrimitive()) {
                if (Array.getLength(v) > 0) {
                    g.putDataset(key, v instanceof boolean[] b ? toBytes(b) : v instanceof char[] c ? new String(c) : v);
                }
            } else {
                g.putAttribute(key, scalar(v));
            }
        }
    }

    private static byte[] toBytes(boolean[] b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) (b[i] ? 1 : 0);
        }
        return out;
    }

    private static Object scalar(Object v) {
        if (v == null) {
            return "_None_";
        }
        if (v instanceof Double || v instanceof Float) {
            return ((Number) v).doubleValue();
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b;
        }
        return String.valueOf(v);
    }

    @SuppressWarnings("unchecked")
    private static void putList(WritableGroup g, String key, List<?> l) {
        if (l.isEmpty()) {
            g.putAttribute("_list_empty_" + key, "_None_");
            return;
        }
        boolean allString = l.stream().allMatch(o -> o instanceof String);
        boolean allNumber = l.stream().allMatch(o -> o instanceof Number);
        if (allString) {
            g.putDataset("_list_" + key, l.toArray(new String[0]));
        } else if (allNumber && l.stream().allMatch(o -> o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte)) {
            long[] a = new long[l.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = ((Number) l.get(i)).longValue();
            }
            g.putDataset("_list_" + key, a);
        } else if (allNumber) {
            double[] a = new double[l.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = ((Number) l.get(i)).doubleValue();
            }
            g.putDataset("_list_" + key, a);
        } else {
            // heterogeneous: group _list_N_key with entries "0".."N-1"
            Map<String, Object> entries = new LinkedHashMap<>();
            for (int i = 0; i < l.size(); i++) {
                entries.put(String.valueOf(i), l.get(i));
            }
            putTree(g.putGroup("_list_" + l.size() + "_" + key), entries);
        }
    }
}
