package tessera.io.hspy.internal;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
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
import io.jhdf.object.datatype.CompoundDataType;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.EnumDataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import tessera.core.io.DatasetReader;
import tessera.core.io.InvalidFileException;
import tessera.core.model.Axis;
import tessera.core.model.DType;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;

/**
 * Reads HyperSpy HDF5 files ({@code .hspy}, and {@code .hdf5} written by HyperSpy), file
 * format versions 1.0 to 3.1, as specified at
 * https://hyperspy.org/rosettasciio/file_specification/hspy.html and implemented by
 * HyperSpy 1.7 ({@code io_plugins/hspy.py}, {@code io_plugins/_hierarchical.py}). HDF5 is
 * decoded by jHDF 0.13 (chunked and gzip/deflate-compressed datasets included); the values of integer and
 * float32/float64 data are read by {@link RawArrays} (bulk copy of contiguous data, parallel decoding of deflate- and
 * shuffle-filtered chunks straight into one array), everything else by jHDF's generic decoding.
 *
 * <p><b>Layout.</b> Every group {@code Experiments/<title>} that holds a dataset
 * {@code data} is one signal; they are returned ordered by group name, as HyperSpy (h5py)
 * lists them. The array dimensions of {@code data} are in NumPy (C) order and group
 * {@code axis-i} describes array dimension {@code i} (HyperSpy's {@code index_in_array}),
 * so the axes are already in Tessera's array order. Which axes are signal axes follows
 * HyperSpy's {@code dict2signal}: if every axis has a {@code navigate} attribute, the
 * signal dimension is the number of axes with {@code navigate == False}; otherwise
 * {@code metadata.Signal.record_by} decides ({@code "spectrum"}: 1, {@code "image"}: 2);
 * otherwise all axes are signal axes. The last <i>signal-dimension</i> array axes are then
 * signal axes (HyperSpy's {@code AxesManager._set_signal_dimension}).
 *
 * <p><b>Metadata.</b> {@code metadata} (version &lt; 1.2: {@code mapped_parameters}) and
 * {@code original_metadata} ({@code original_parameters}) become the two trees of
 * {@link Metadata}; older layouts are moved to the 3.1 paths ({@link LegacyMetadata}).
 * {@code Signal.record_by} is removed and a title {@code "__unnamed__"} becomes
 * {@code ""}, as HyperSpy does. Nested signals ({@code _sig_} groups) and pickled bytes are
 * skipped.
 *
 * <p><b>Types.</b> int8 to uint64, float16 (read as float32), float32, float64, bool, and
 * the compound types complex64/complex128 ({@code r}, {@code i}) and rgba8 map to
 * {@link DType}. HyperSpy's rgb16/rgba16 compound types (no Tessera equivalent) are read as
 * uint16 with one extra last signal axis {@code "RGBA channel"} of size 3 or 4.
 *
 * <p><b>Guards.</b> The claimed payload of {@code data} must fit in the file (contiguous
 * storage) or within the 1032:1 maximum ratio of deflate (chunked storage); otherwise an
 * {@link InvalidFileException} is thrown before anything is allocated. Integer and float data of any size are read by
 * {@link RawArrays}: large ones (from {@link tessera.core.io.FileMapping#scratchThreshold()}, a quarter of the heap)
 * as a read-only mapping of the file (contiguous, native order) or decoded into a scratch mapping (chunked), so
 * they cost page cache, not heap (ADR 0017). Data read through jHDF's generic decoding must also hold at most
 * {@code Integer.MAX_VALUE - 8} elements and fit in half the maximum heap.
 */
public final class HspyReader implements DatasetReader {
    /** HDF5 format signature */
    static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1A, '\n'};

    /** Public no-argument constructor for the extension registry. */
    public HspyReader() {
    }

    @Override
    public boolean sniff(Path file, byte[] head) {
        if (head.length < 8 || !startsWithMagic(head)) {
            return false;
        }
        try (HdfFile h = HdfFiles.open(file)) {
            return isHyperSpy(h);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean startsWithMagic(byte[] head) {
        for (int i = 0; i < HDF5_MAGIC.length; i++) {
            if (head[i] != HDF5_MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHyperSpy(HdfFile h) {
        Attribute ff = h.getAttributes().get("file_format");
        if (ff != null && "HyperSpy".equals(String.valueOf(HdfTrees.attributeValue(ff)))) {
            return true;
        }
        Node exp = h.getChildren().get("Experiments");
        return exp instanceof Group;
    }

    @Override
    public List<Dataset> read(Path file) throws IOException {
        long fileSize = HdfArrays.checkSignature(file);
        HdfFile h = HdfArrays.open(file, HspyReader::oneLine);
        try (h) {
            List<Dataset> out = new ArrayList<>();
            for (Signal s : signals(file, h)) {
                out.add(readData(file, fileSize, s.where(), s.data(), s.axes(), s.metadata()));
            }
            return out;
        } catch (RuntimeException | StackOverflowError e) {
            throw new InvalidFileException(file, "corrupt or truncated HyperSpy HDF5 file: " + oneLine(e), e);
        }
    }

    /**
     * Describes the signals from the HDF5 headers, axes and metadata groups alone: the values of integer and float
     * data are not read (a chunked 8 GiB cube is described in a fraction of a second). Signals of other types
     * (complex, RGB, boolean, float16, whose Tessera type or axes depend on the conversion) are read to be described.
     *
     * @param file    the file
     * @param options ignored (this reader takes none)
     * @return one header per signal, in {@link #read} order
     * @throws InvalidFileException as {@link #read}
     * @throws IOException on an I/O error
     */
    @Override
    public List<tessera.core.io.DatasetHeader> describe(Path file, tessera.core.analysis.Parameters options) throws IOException {
        long fileSize = HdfArrays.checkSignature(file);
        HdfFile h = HdfArrays.open(file, HspyReader::oneLine);
        try (h) {
            List<tessera.core.io.DatasetHeader> out = new ArrayList<>();
            for (Signal s : signals(file, h)) {
                DType dt = HdfArrays.directType(s.data().getDataType());
                out.add(dt != null ? new tessera.core.io.DatasetHeader(dt, s.axes(), s.metadata())
                        : tessera.core.io.DatasetHeader.of(readData(file, fileSize, s.where(), s.data(), s.axes(), s.metadata())));
            }
            return out;
        } catch (RuntimeException | StackOverflowError e) {
            throw new InvalidFileException(file, "corrupt or truncated HyperSpy HDF5 file: " + oneLine(e), e);
        }
    }

    /** One signal of the file before its values are read: where its data are, its axes and metadata. */
    private record Signal(String where, io.jhdf.api.Dataset data, List<Axis> axes, Metadata metadata) {
    }

    private List<Signal> signals(Path file, HdfFile h) throws InvalidFileException {
        int[] version = formatVersion(file, h);
        Node expNode = h.getChildren().get("Experiments");
        if (!(expNode instanceof Group experiments)) {
            throw new InvalidFileException(file, "HDF5 file without an 'Experiments' group: not a HyperSpy signal file");
        }
        List<Signal> out = new ArrayList<>();
        for (Map.Entry<String, Node> e : new TreeMap<>(experiments.getChildren()).entrySet()) {
            if (e.getValue() instanceof Group g && g.getChildren().get("data") instanceof io.jhdf.api.Dataset) {
                out.add(signal(file, g, version));
            }
        }
        if (out.isEmpty()) {
            throw new InvalidFileException(file, "HyperSpy file without any signal (no Experiments/<title>/data)");
        }
        return out;
    }

    private static int[] formatVersion(Path file, HdfFile h) throws InvalidFileException {
        Attribute va = h.getAttributes().get("file_format_version");
        if (va != null) {
            Object v = HdfTrees.attributeValue(va);
            String s = v instanceof Double d ? String.format(java.util.Locale.ROOT, "%.2f", d) : String.valueOf(v);
            String[] parts = s.trim().split("\\.");
            try {
                int major = Integer.parseInt(parts[0]);
                int minor = parts.length > 1 ? Integer.parseInt(parts[1].replaceAll("0+$", "").isEmpty() ? "0" : parts[1].replaceAll("0+$", "")) : 0;
                return new int[] {major, minor};
            } catch (NumberFormatException ex) {
                throw new InvalidFileException(file, "unreadable file_format_version '" + s + "'");
            }
        }
        if (h.getChildren().get("Experiments") != null) {
            return new int[] {1, 0};
        }
        throw new InvalidFileException(file, "HDF5 file that is not a HyperSpy file (no file_format attribute and no 'Experiments' group)");
    }

    private Signal signal(Path file, Group g, int[] version) throws InvalidFileException {
        boolean old = version[0] * 100 + version[1] < 102;
        List<String> problems = new ArrayList<>();
        Map<String, Object> md = g.getChildren().get(old ? "mapped_parameters" : "metadata") instanceof Group m
                ? HdfTrees.groupToMap(m, problems) : new LinkedHashMap<>();
        Map<String, Object> om = g.getChildren().get(old ? "original_parameters" : "original_metadata") instanceof Group m
                ? HdfTrees.groupToMap(m, problems) : new LinkedHashMap<>();
        LegacyMetadata.migrate(md, version[0], version[1]);

        io.jhdf.api.Dataset data = (io.jhdf.api.Dataset) g.getChildren().get("data");
        long[] dims = data.getDimensionsAsLong();
        if (dims.length == 0) {
            throw new InvalidFileException(file, g.getPath() + "data is a scalar, not an array");
        }
        List<Map<String, Object>> axisDicts = axisDictionaries(file, g, dims.length, problems);

        // signal dimension as HyperSpy's dict2signal decides it
        Object recordBy = Metadata.get(md, "Signal.record_by");
        int sigDim;
        if (axisDicts.stream().allMatch(a -> a.get("navigate") instanceof Boolean)) {
            sigDim = (int) axisDicts.stream().filter(a -> !((Boolean) a.get("navigate"))).count();
        } else if ("spectrum".equals(recordBy)) {
            sigDim = 1;
        } else if ("image".equals(recordBy)) {
            sigDim = 2;
        } else {
            sigDim = dims.length;
        }
        sigDim = Math.min(sigDim, dims.length);
        Metadata.put(md, "Signal.record_by", null);
        if ("__unnamed__".equals(Metadata.get(md, Metadata.TITLE))) {
            Metadata.put(md, Metadata.TITLE, "");
        }
        if (Metadata.get(md, Metadata.TITLE) == null) {
            Metadata.put(md, Metadata.TITLE, "");
        }

        List<Axis> axes = new ArrayList<>();
        for (int i = 0; i < dims.length; i++) {
            axes.add(toAxis(file, g, i, dims[i], axisDicts.get(i), i < dims.length - sigDim));
        }
        Metadata metadata = new Metadata(md, om);
        if (!problems.isEmpty()) {
            Metadata.put(om, "_tessera_skipped", problems);
        }
        return new Signal(g.getPath() + "data", data, axes, metadata);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> axisDictionaries(Path file, Group g, int rank, List<String> problems)
            throws InvalidFileException {
        List<Map<String, Object>> out = new ArrayList<>();
        Map<String, Node> children = g.getChildren();
        for (int i = 0; i < rank; i++) {
            if (children.get("axis-" + i) instanceof Group ag) {
                out.add(HdfTrees.groupToMap(ag, problems));
            } else {
                break;
            }
        }
        if (out.size() == rank) {
            return out;
        }
        if (children.get("_list_" + rank + "_axes") instanceof Group lg) {
            out.clear();
            for (Object o : new TreeMap<>(HdfTrees.groupToMap(lg, problems)).values()) {
                if (o instanceof Map<?, ?> m) {
                    out.add((Map<String, Object>) m);
                }
            }
            if (out.size() == rank) {
                return out;
            }
        }
        throw new InvalidFileException(file, g.getPath() + ": " + rank + "-dimensional data without a description of every axis (axis-0..axis-" + (rank - 1) + ")");
    }

    private static Axis toAxis(Path file, Group g, int i, long dim, Map<String, Object> a, boolean navigate) throws InvalidFileException {
        Object type = a.get("_type");
        if ("DataAxis".equals(type) || "FunctionalDataAxis".equals(type) || a.get("axis") != null && a.get("scale") == null) {
            throw new InvalidFileException(file, g.getPath() + "axis-" + i + ": non-uniform axis (" + type + ") is not supported");
        }
        if (dim > Integer.MAX_VALUE) {
            throw new InvalidFileException(file, g.getPath() + "axis-" + i + ": dimension " + dim + " is too large");
        }
        if (a.get("size") instanceof Number n && n.longValue() != dim) {
            throw new InvalidFileException(file, g.getPath() + "axis-" + i + ": size " + n.longValue() + " contradicts the data dimension " + dim);
        }
        double scale = a.get("scale") instanceof Number n ? n.doubleValue() : 1.0;
        double offset = a.get("offset") instanceof Number n ? n.doubleValue() : 0.0;
        if (scale == 0 || !Double.isFinite(scale) || !Double.isFinite(offset)) {
            throw new InvalidFileException(file, g.getPath() + "axis-" + i + ": invalid calibration scale=" + scale + " offset=" + offset);
        }
        String name = a.get("name") instanceof String s ? s : "";
        String units = a.get("units") instanceof String s ? s : "";
        return new Axis(name, (int) dim, scale, offset, units, navigate);
    }

    /**
     * Reads an HDF5 dataset's values into a Tessera dataset with the given axes, refusing sizes the file cannot hold.
     *
     * @param where the dataset's path, for messages
     */
    public static Dataset readData(Path file, long fileSize, String where, io.jhdf.api.Dataset data, List<Axis> axes, Metadata md)
            throws InvalidFileException {
        DataType type = data.getDataType();
        long count = 1;
        for (Axis a : axes) {
            count = Math.multiplyExact(count, (long) a.size());
        }
        HdfArrays.checkSize(file, fileSize, where, data, count, type.getSize(), tessera.io.hspy.hdf5.Hdf5Data.Limits.decoded());
        DType dt = HdfArrays.directType(type);
        if (dt != null) {
            MemorySegment seg;
            try {
                seg = RawArrays.read(file, data, dt, HdfArrays.byteOrder(type), count);
            } catch (InvalidFileException e) {
                throw e;
            } catch (IOException e) {
                throw new InvalidFileException(file, where + ": " + e.getMessage().replace(file + ": ", ""), e);
            }
            if (seg != null) {
                return Dataset.wrap(dt, seg, ByteOrder.nativeOrder(), axes, md);
            }
        }
        // jHDF's generic decoding (compound, enum and float16 types, and storage RawArrays does not handle) makes
        // several heap copies: bounded by one array and half the heap
        HdfArrays.checkSize(file, fileSize, where, data, count, type.getSize(), tessera.io.hspy.hdf5.Hdf5Data.Limits.singleCopy());
        int n = (int) count;
        Object flat = data.getDataFlat();
        if (type instanceof CompoundDataType && flat instanceof Map<?, ?> members) {
            return compound(file, where, data, members, n, axes, md);
        }
        Object arr;
        if (dt != null) {
            arr = switch (dt) {
                case FLOAT32 -> toFloats(flat, n);
                case FLOAT64 -> toDoubles(flat, n);
                case INT8, UINT8 -> toBytes(flat, n);
                case INT16, UINT16 -> toShorts(flat, n);
                case INT32, UINT32 -> toInts(flat, n);
                default -> toLongs0(flat, n);
            };
        } else if (type instanceof FloatingPoint) {
            dt = DType.FLOAT32;
            arr = toFloats(flat, n);
        } else if (type instanceof FixedPoint) {
            throw new InvalidFileException(file, where + ": unsupported integer size " + type.getSize());
        } else if (type instanceof EnumDataType && flat instanceof Object[] objs) {
            dt = DType.BOOL;
            arr = HdfArrays.booleans(objs, n);
        } else {
            throw new InvalidFileException(file, where + ": unsupported HDF5 data type " + type.getClass().getSimpleName());
        }
        return Dataset.wrap(dt, HdfArrays.segment(arr), ByteOrder.nativeOrder(), axes, md);
    }

    private static Dataset compound(Path file, String where, io.jhdf.api.Dataset data, Map<?, ?> members, int n, List<Axis> axes, Metadata md) throws InvalidFileException {
        Object re = null;
        Object im = null;
        if (members.size() == 2) {
            // HyperSpy writes complex as {r, i}; Velox writes {realFloat, imagFloat} and {realFloatHalfEven|Odd, imagFloatHalfEven|Odd}
            for (Map.Entry<?, ?> m : members.entrySet()) {
                String name = String.valueOf(m.getKey()).toLowerCase(java.util.Locale.ROOT);
                if (name.equals("r") || name.startsWith("real")) {
                    re = m.getValue();
                } else if (name.equals("i") || name.startsWith("imag")) {
                    im = m.getValue();
                }
            }
        }
        if (re != null && im != null) {
            boolean dbl = re instanceof double[];
            if (dbl) {
                double[] c = HdfArrays.interleave(toDoubles(re, n), toDoubles(im, n), n);
                return Dataset.wrap(DType.COMPLEX128, MemorySegment.ofArray(c), ByteOrder.nativeOrder(), axes, md);
            }
            float[] c = HdfArrays.interleave(toFloats(re, n), toFloats(im, n), n);
            return Dataset.wrap(DType.COMPLEX64, MemorySegment.ofArray(c), ByteOrder.nativeOrder(), axes, md);
        }
        List<String> chans = new ArrayList<>();
        for (String c : new String[] {"R", "G", "B", "A"}) {
            if (members.containsKey(c)) {
                chans.add(c);
            }
        }
        if (chans.size() < 3 || chans.size() != members.size() || !chans.subList(0, 3).equals(List.of("R", "G", "B"))) {
            throw new InvalidFileException(file, where + ": unsupported compound data type with members " + members.keySet());
        }
        int nc = chans.size();
        int[][] ch = new int[nc][];
        for (int c = 0; c < nc; c++) {
            long[] l = HdfArrays.toLongs(members.get(chans.get(c)), n);
            ch[c] = new int[n];
            for (int k = 0; k < n; k++) {
                ch[c][k] = (int) l[k];
            }
        }
        if (nc == 4 && declaredMemberSize(data) == 1) {
            byte[] b = new byte[4 * n];
            for (int k = 0; k < n; k++) {
                for (int c = 0; c < 4; c++) {
                    b[4 * k + c] = (byte) ch[c][k];
                }
            }
            return Dataset.wrap(DType.RGBA8, MemorySegment.ofArray(b), ByteOrder.nativeOrder(), axes, md);
        }
        short[] s = new short[nc * n];
        for (int k = 0; k < n; k++) {
            for (int c = 0; c < nc; c++) {
                s[nc * k + c] = (short) ch[c][k];
            }
        }
        List<Axis> ax = new ArrayList<>(axes);
        ax.add(new Axis("RGBA channel", nc, 1.0, 0.0, "", false));
        return Dataset.wrap(DType.UINT16, MemorySegment.ofArray(s), ByteOrder.nativeOrder(), ax, md);
    }

    private static int declaredMemberSize(io.jhdf.api.Dataset d) {
        if (d.getDataType() instanceof CompoundDataType c && !c.getMembers().isEmpty()) {
            return c.getMembers().get(0).getDataType().getSize();
        }
        return 0;
    }

    // ---- widening/narrowing copies of jHDF's flat arrays (unsigned types come widened) ----

    private static byte[] toBytes(Object flat, int n) {
        if (flat instanceof byte[] a && a.length == n) {
            return a;
        }
        long[] l = HdfArrays.toLongs(flat, n);
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) l[i];
        }
        return out;
    }

    private static short[] toShorts(Object flat, int n) {
        if (flat instanceof short[] a && a.length == n) {
            return a;
        }
        short[] out = new short[n];
        if (flat instanceof int[] a) {
            for (int i = 0; i < n; i++) {
                out[i] = (short) a[i];
            }
            return out;
        }
        long[] l = HdfArrays.toLongs(flat, n);
        for (int i = 0; i < n; i++) {
            out[i] = (short) l[i];
        }
        return out;
    }

    private static int[] toInts(Object flat, int n) {
        if (flat instanceof int[] a && a.length == n) {
            return a;
        }
        int[] out = new int[n];
        if (flat instanceof long[] a) {
            for (int i = 0; i < n; i++) {
                out[i] = (int) a[i];
            }
            return out;
        }
        long[] l = HdfArrays.toLongs(flat, n);
        for (int i = 0; i < n; i++) {
            out[i] = (int) l[i];
        }
        return out;
    }

    private static long[] toLongs0(Object flat, int n) {
        return flat instanceof long[] a && a.length == n ? a : HdfArrays.toLongs(flat, n);
    }

    private static double[] toDoubles(Object flat, int n) {
        if (flat instanceof double[] a && a.length == n) {
            return a;
        }
        double[] out = new double[n];
        if (flat instanceof float[] a) {
            for (int i = 0; i < n; i++) {
                out[i] = a[i];
            }
            return out;
        }
        throw new IllegalStateException("unexpected array type " + flat.getClass().getSimpleName());
    }

    private static float[] toFloats(Object flat, int n) {
        if (flat instanceof float[] a && a.length == n) {
            return a;
        }
        float[] out = new float[n];
        if (flat instanceof double[] a) {
            for (int i = 0; i < n; i++) {
                out[i] = (float) a[i];
            }
            return out;
        }
        throw new IllegalStateException("unexpected array type " + flat.getClass().getSimpleName());
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage();
        Throwable c = e.getCause();
        if (c != null && c.getMessage() != null && (m == null || !m.contains(c.getMessage()))) {
            m = (m == null ? "" : m + ": ") + c.getMessage();
        }
        return (m == null ? e.getClass().getSimpleName() : m).replace('\n', ' ');
    }
}
