package tessera.io.emd.internal;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.jhdf.api.WritableGroup;
import tessera.core.io.AtomicFiles;
import tessera.core.io.DatasetWriter;
import tessera.core.io.InvalidFileException;
import tessera.core.model.Axis;
import tessera.core.model.DType;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.io.hspy.hdf5.Hdf5Data;
import tessera.io.hspy.hdf5.Hdf5Writing;

/**
 * Writes datasets as NCEM/Berkeley EMD 0.2 files (https://emdatasets.com/format/), readable by HyperSpy 1.7.3 and
 * RosettaSciIO ({@code EMD_NCEM}) and by {@link NcemEmdReader}. HDF5 is written by jHDF 0.13.
 *
 * <p><b>Layout.</b> Root attributes {@code version_major = 0}, {@code version_minor = 2} (64-bit integers); the groups
 * {@code microscope}, {@code sample}, {@code user}, {@code comments} with the scalar entries of the first dataset's
 * original-metadata maps of those names (as HyperSpy writes them), when present; and one group
 * {@code /data/<title>} per dataset with the attributes {@code emd_group_type = 1} and {@code signal_type} (when the
 * dataset has one), holding
 * <ul>
 * <li>{@code data}: the dataset's values with all axes reversed (the EMD array order; HyperSpy writes
 * {@code signal.data.T}), so {@code dim1} describes Tessera's last axis and {@code dimN} its first;</li>
 * <li>{@code dim1 ... dimN}: float64 vectors of the calibrated axis values {@code offset + i * scale}, one per point
 * (an axis of one point gets two values, {@code offset, offset + scale}, so that its scale survives HyperSpy's mean of
 * differences), with attributes {@code name}, {@code units} (each character separated by {@code _} inside square
 * brackets, as HyperSpy writes them: {@code "nm"} is {@code "[n_m]"}; empty units are {@code ""}) and {@code navigate}
 * (1 for a navigation axis, else 0; a Tessera extension that HyperSpy ignores: it reads every axis as a signal axis).</li>
 * </ul>
 * HyperSpy takes the title from the group name and stacks datasets whose group path contains an earlier one's, so
 * titles are made HDF5-safe ({@code /} becomes {@code _}, an empty title {@code __unnamed__}) and a title that is a
 * prefix of another (or equal to it) gets {@code " (k)"} appended until none is. Data larger than 64 KiB is stored in
 * chunks of about 1 MB with shuffle and deflate (level 4).
 *
 * <p><b>Types.</b> int8 to uint64, float32 and float64 keep their type; bool is written as uint8 (jHDF writes no
 * HDF5 enums). Complex and RGBA datasets are refused (jHDF 0.13 cannot write compound types). The file is written
 * atomically ({@link AtomicFiles}) and read back by {@link NcemEmdReader} before it replaces the target.
 */
public final class NcemEmdWriter implements DatasetWriter {
    /** EMD specification version written */
    public static final int VERSION_MAJOR = 0;
    /** EMD specification version written */
    public static final int VERSION_MINOR = 2;
    private static final long CHUNK_BYTES = 1 << 20;
    private static final long COMPRESS_ABOVE = 64 * 1024;
    private static final List<String> ROOT_GROUPS = List.of("microscope", "sample", "user", "comments");

    /** Public no-argument constructor for the extension registry. */
    public NcemEmdWriter() {
    }

    /**
     * Writes one dataset as {@code /data/<title>}.
     *
     * @param dataset the dataset (any rank {@code >= 1})
     * @param file    target file; replaced atomically if it exists
     * @throws InvalidFileException if the dataset's type cannot be written (complex, RGBA) or writing fails
     * @throws IOException          on an I/O error
     */
    @Override
    public void write(Dataset dataset, Path file) throws IOException {
        writeAll(List.of(dataset), file);
    }

    /**
     * Writes several datasets into one file, one {@code /data/<title>} group each (see the class comment for the
     * naming). HyperSpy's {@code hs.load} returns them ordered by group name.
     *
     * @param datasets the datasets, at least one
     * @param file     target file; replaced atomically if it exists
     * @throws InvalidFileException if the list is empty, a type cannot be written, or writing fails
     * @throws IOException          on an I/O error
     */
    @Override
    public void writeAll(List<Dataset> datasets, Path file) throws IOException {
        if (datasets.isEmpty()) {
            throw new InvalidFileException(file, "nothing to write (no datasets)");
        }
        for (Dataset d : datasets) {
            switch (d.dtype()) {
                case COMPLEX64, COMPLEX128, RGBA8 -> throw new InvalidFileException(file, "NCEM EMD writer cannot write "
                        + d.dtype().numpyName() + " data (jHDF 0.13 writes no compound types); write it as .hspy");
                default -> {
                }
            }
            if (d.rank() == 0) {
                throw new InvalidFileException(file, "cannot write a dataset without axes");
            }
            if (d.size() > Integer.MAX_VALUE / 2 - 8) {
                throw new InvalidFileException(file, "dataset of " + d.size() + " elements is too large for this writer");
            }
        }
        List<String> names = groupNames(datasets);
        Map<String, Object> om = datasets.get(0).metadata().original();
        Hdf5Writing.write(file, "NCEM EMD", NcemEmdReader::oneLine, h -> {
            Set<String> rootKeys = new LinkedHashSet<>();
            h.putAttribute("version_major", (long) VERSION_MAJOR);
            h.putAttribute("version_minor", (long) VERSION_MINOR);
            for (String g : ROOT_GROUPS) {
                if (om.get(g) instanceof Map<?, ?> m) {
                    WritableGroup wg = h.putGroup(g);
                    rootKeys.add(g);
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        Object v = attributeValue(e.getValue());
                        if (v != null) {
                            wg.putAttribute(String.valueOf(e.getKey()), v);
                        }
                    }
                }
            }
            WritableGroup data = h.putGroup("data");
            rootKeys.add("data");
            for (int i = 0; i < datasets.size(); i++) {
                writeGroup(data.putGroup(names.get(i)), datasets.get(i));
            }
            // jHDF 0.13 writes its trailer where the last dataset written ended: a tiny dataset written last
            // (root children are written in ConcurrentHashMap order) keeps it from overwriting a group header
            h.putDataset(trailerName(rootKeys), new byte[] {1});
        }, tmp -> verify(file, tmp, datasets, names));
    }

    /** @return HDF5-safe, distinct group names of which none is a prefix of another */
    static List<String> groupNames(List<Dataset> datasets) {
        List<String> names = new ArrayList<>();
        for (Dataset d : datasets) {
            String t = d.metadata().title();
            t = t == null || t.isBlank() ? "__unnamed__" : t.replace('/', '_');
            if (t.equals(".")) {
                t = "_";
            }
            names.add(t);
        }
        boolean changed = true;
        int k = 1;
        while (changed) {
            changed = false;
            for (int i = 0; i < names.size() && !changed; i++) {
                for (int j = 0; j < names.size(); j++) {
                    if (i != j && names.get(j).startsWith(names.get(i))) {
                        names.set(i, names.get(i) + " (" + k++ + ")");
                        changed = true;
                        break;
                    }
                }
            }
        }
        return names;
    }

    private static String trailerName(Set<String> rootKeys) {
        for (int i = 0; i < 10_000; i++) {
            String candidate = i == 0 ? "_tessera" : "_tessera" + i;
            if (Hdf5Writing.writtenLast(rootKeys, candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no trailer name found");
    }

    private static Object attributeValue(Object v) {
        return switch (v) {
            case String s -> s;
            case Long l -> l;
            case Integer i -> (long) i;
            case Short s -> (long) s;
            case Byte b -> (long) b;
            case Double d -> d;
            case Float f -> (double) f;
            case Boolean b -> b ? 1L : 0L;
            case long[] a -> a.clone();
            case double[] a -> a.clone();
            case null, default -> null;
        };
    }

    private static void writeGroup(WritableGroup g, Dataset d) {
        g.putAttribute("emd_group_type", 1L);
        Object st = d.metadata().get(Metadata.SIGNAL_TYPE);
        if (st instanceof String s && !s.isEmpty()) {
            g.putAttribute("signal_type", s);
        }
        writeData(g, d);
        int rank = d.rank();
        for (int k = 1; k <= rank; k++) {
            Axis a = d.axis(rank - k);
            double[] v = a.size() == 1 ? new double[] {a.offset(), a.offset() + a.scale()} : a.values();
            var dim = g.putDataset("dim" + k, v);
            dim.putAttribute("name", a.name());
            dim.putAttribute("units", unitsText(a.units()));
            dim.putAttribute("navigate", a.navigate() ? 1L : 0L);
        }
    }

    /** @return units as HyperSpy writes them: {@code "nm"} as {@code "[n_m]"}, none as {@code ""} */
    static String unitsText(String units) {
        if (units == null || units.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("[");
        int[] cps = units.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            if (i > 0) {
                sb.append('_');
            }
            sb.appendCodePoint(cps[i]);
        }
        return sb.append(']').toString();
    }

    private static void writeData(WritableGroup g, Dataset d) {
        DType dt = d.dtype() == DType.BOOL ? DType.UINT8 : d.dtype();
        int n = (int) d.size();
        Object flat = Hdf5Data.copyOut(d.data(), d.byteOrder(), dt, n);
        Hdf5Data.Values t = NcemArrays.reverseAxes(new Hdf5Data.Values(dt, flat, d.shape()));
        int[] shape = t.dims();
        Object array = Hdf5Writing.nestedArray(Hdf5Data.segment(t.array()), ByteOrder.nativeOrder(), dt, shape);
        long bytes = (long) n * dt.byteSize();
        Hdf5Writing.putArray(g, "data", array, dt, bytes > COMPRESS_ABOVE ? chunks(shape, dt.byteSize()) : null);
    }

    /** About 1 MB chunks: whole rows of the file's first axes (Tessera's signal axes), the last file axes split first. */
    static int[] chunks(int[] shape, int elemBytes) {
        int[] c = shape.clone();
        for (int d = c.length - 1; d >= 0; d--) {
            while (bytes(c, elemBytes) > CHUNK_BYTES && c[d] > 1) {
                c[d] = (c[d] + 1) / 2;
            }
        }
        return c;
    }

    private static long bytes(int[] c, int elemBytes) {
        long b = elemBytes;
        for (int x : c) {
            b *= x;
        }
        return b;
    }

    /** Reads the temporary file back (datasets come back in group-name order): same count and shapes, or the write fails. */
    private static void verify(Path file, Path tmp, List<Dataset> written, List<String> names) throws IOException {
        List<Dataset> back;
        try {
            back = new NcemEmdReader().read(tmp);
        } catch (InvalidFileException e) {
            throw new InvalidFileException(file, "written file does not read back: " + e.problem(), e);
        }
        if (back.size() != written.size()) {
            throw new InvalidFileException(file, "written file reads back as " + back.size() + " datasets, not " + written.size());
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Arrays.compareUnsigned(names.get(a).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                names.get(b).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        for (int i = 0; i < back.size(); i++) {
            Dataset w = written.get(order.get(i));
            if (!Arrays.equals(back.get(i).shape(), w.shape())) {
                throw new InvalidFileException(file, "written dataset '" + names.get(order.get(i)) + "' reads back with shape "
                        + Arrays.toString(back.get(i).shape()) + ", not " + Arrays.toString(w.shape()));
            }
        }
    }
}
