package tessera.io.emd.internal;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import tessera.core.io.DatasetReader;
import tessera.core.io.InvalidFileException;
import tessera.core.model.Axis;
import tessera.core.model.DType;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.io.hspy.hdf5.Hdf5Data;

/**
 * Reads NCEM/Berkeley EMD files ({@code .emd}, EMD specification 0.2 and the prismatic/py4DSTEM 0.5 layout: HDF5
 * groups with the attribute {@code emd_group_type} holding a data array and one vector {@code dim1 ... dimN} per
 * array dimension, https://emdatasets.com/format/), as HyperSpy 1.7.3 ({@code io_plugins/emd.py}, class
 * {@code EMD_NCEM}) and RosettaSciIO ({@code rsciio/emd/_emd_ncem.py}) read them. HDF5 is decoded by jHDF 0.13.
 *
 * <p><b>Which datasets.</b> Every HDF5 dataset whose name starts with {@code data}, {@code counted_datacube},
 * {@code datacube}, {@code diffractionslice}, {@code realslice}, {@code pointlistarray} or {@code pointlist} and whose
 * parent group has a non-zero {@code emd_group_type}, in HDF5 name order (depth first, names compared as UTF-8 bytes,
 * as h5py's {@code visititems} lists them). Datasets of groups whose path contains the group path of an earlier one
 * are stacked along a new first axis (HyperSpy's default {@code stack_group=True}); in prismatic files (a root group
 * {@code 4DSTEM_simulation}) the four-digit suffix of {@code ..._depthNNNN} is dropped first, so the depths of one
 * output form one dataset. The stacked array is squeezed (size-1 axes dropped) as HyperSpy does; a single dataset
 * keeps its size-1 axes.
 *
 * <p><b>Array order and axes.</b> Every array except a {@code datacube} is transposed (all axes reversed), so array
 * axis {@code i} of a rank-{@code n} dataset is described by {@code dim(n-i)}; a {@code datacube} keeps its order and
 * axis {@code i} is {@code dim(i+1)}. An axis' offset is the first value of its dim vector and its scale the mean of
 * its successive differences (computed from the file's values; float32 vectors as float32 differences); a vector that is
 * a scalar, holds strings or has a single value gives offset 0 (or that value) and scale 1. Names come from the
 * {@code name} attribute, units from {@code units} through {@link NcemUnits}. A stacked prismatic depth axis is named
 * {@code <title>_depth}, with scale {@code numSlices * sliceThickness} and offset {@code zStart} (or the scale when
 * zStart is 0) in Å, or offset 0, scale 1 and no units when those do not add up to {@code tile[2] * cellDimension[0]}
 * (relative tolerance 1e-4), as HyperSpy decides.
 *
 * <p><b>Navigation.</b> HyperSpy makes every axis a signal axis, except in prismatic files, where the axes of
 * {@code dim1, dim2} ({@code dim3, dim4} for a datacube) are the signal axes and all others (and the depth axis)
 * navigate. Tessera keeps these flags; they always put the navigation axes first for the layouts of the EMD
 * specification and prismatic. A file written by {@link NcemEmdWriter} carries an extra integer attribute
 * {@code navigate} on each dim vector (ignored by HyperSpy), which this reader honours. If flags would put a
 * navigation axis after a signal axis, every axis from the first signal axis on is made a signal axis (Tessera's
 * datasets list navigation axes first).
 *
 * <p><b>Types.</b> int8 to uint64, float32, float64, float16 (widened to float32), h5py booleans and complex numbers
 * (compound {@code r, i}) keep their NumPy type. Datasets of strings or other objects (HyperSpy gives a NumPy object
 * array, e.g. {@code example_object_dtype_data.emd}) carry no numbers: they are skipped, each noted in the original
 * metadata key {@code _tessera_skipped} of the datasets returned, and a file with nothing else is refused.
 *
 * <p><b>Metadata.</b> {@code General.title} is the group name (prismatic: without {@code _depth}; HyperSpy's
 * {@code "__unnamed__"} is kept), {@code General.original_filename} the file name, {@code Signal.signal_type}
 * {@code "electron_diffraction"} for groups whose path contains {@code CBED}, else the data group's {@code signal_type}
 * attribute when it is not empty (written by HyperSpy's and Tessera's writers; HyperSpy 1.7.3 itself ignores it and
 * gives {@code ""}), else {@code ""}. The original metadata
 * holds {@code EMD_version} (root {@code version_major.version_minor}), the attributes of the root groups
 * {@code microscope}, {@code sample}, {@code user} and {@code comments}, and for prismatic files
 * {@code simulation_parameters} with the prismatic short keys spelt out as HyperSpy does.
 *
 * <p><b>HyperSpy 1.7.3, not RosettaSciIO.</b> Where they differ this reader follows HyperSpy 1.7.3: RosettaSciIO
 * (2024 and later) also leaves py4DSTEM arrays with a {@code dim0} vector untransposed, keeps units text without
 * brackets instead of dropping it, and reads py4DSTEM's {@code "A"} as Å. Beyond HyperSpy, this reader refuses what
 * HyperSpy reads with a silent mistake or a Python error: dim vectors whose length contradicts the data, a zero or
 * non-finite step, missing dim vectors, stacks of differing shapes.
 *
 * <p><b>Errors.</b> Anything unreadable (a corrupt or truncated HDF5 structure, a missing dim vector, a dim vector whose
 * length is neither 1, 2 nor the axis size, datasets of one stack with different shapes, a payload larger than the
 * file can hold or than memory allows) gives an {@link InvalidFileException} with a one-line message naming the file.
 */
public final class NcemEmdReader implements DatasetReader {
    static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1A, '\n'};
    private static final String[] PREFIXES = {"data", "counted_datacube", "datacube", "diffractionslice", "realslice",
        "pointlistarray", "pointlist"};
    private static final int MAX_DEPTH = 32;
    private static final int MAX_NODES = 100_000;
    private static final String PRISMATIC = "4DSTEM_simulation";
    private static final String SIMULATION_PARAMETERS = PRISMATIC + "/metadata/metadata_0/original/simulation_parameters";
    private static final Map<String, String> PRISMATIC_KEYS = prismaticKeys();

    /** Public no-argument constructor for the extension registry. */
    public NcemEmdReader() {
    }

    /**
     * Accepts HDF5 files with NCEM structure: a root attribute {@code version_major} or a group (within the first
     * levels) with the attribute {@code emd_group_type}. Velox EMD files (a root {@code Application} group, or a root
     * {@code Version} dataset with a {@code Data} group and no {@code emd_group_type}) are refused.
     *
     * @param file the file
     * @param head its first bytes
     * @return true for an NCEM EMD file
     */
    @Override
    public boolean sniff(Path file, byte[] head) {
        if (head.length < 8 || !Arrays.equals(head, 0, 8, HDF5_MAGIC, 0, 8)) {
            return false;
        }
        try (HdfFile h = Hdf5Data.open(file, NcemEmdReader::oneLine)) {
            Map<String, Node> root = h.getChildren();
            if (root.get("Application") instanceof Group) {
                return false;
            }
            if (h.getAttributes().containsKey("version_major")) {
                return true;
            }
            return hasEmdGroup(h, 0, new int[] {0});
        } catch (InvalidFileException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return false;
        }
    }

    private static boolean hasEmdGroup(Group g, int depth, int[] seen) {
        if (depth > 4 || ++seen[0] > 2000) {
            return false;
        }
        for (Node n : g.getChildren().values()) {
            if (n instanceof Group c) {
                if (c.getAttributes().containsKey("emd_group_type") || hasEmdGroup(c, depth + 1, seen)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Reads every supported dataset of an NCEM EMD file (see the class comment for the rules).
     *
     * @param file the file
     * @return the datasets in HyperSpy's order, at least one; axes in array order, navigation axes first
     * @throws InvalidFileException if the file is not a readable NCEM EMD file, naming the file and the problem
     * @throws IOException          on an I/O error
     */
    @Override
    public List<Dataset> read(Path file) throws IOException {
        return withFile(file, this::readGroups, (d, skipped) -> d.metadata().original().put("_tessera_skipped", skipped));
    }

    /**
     * Describes the datasets from the HDF5 headers and dim vectors alone, in {@link #read} order, with the shapes,
     * types, axes and metadata {@code read} gives (axes reversed and stacks squeezed as there); no value of the data
     * arrays is read.
     *
     * @param file    the file
     * @param options ignored (this reader takes none)
     * @return one header per dataset
     * @throws InvalidFileException as {@link #read}
     * @throws IOException on an I/O error
     */
    @Override
    public List<tessera.core.io.DatasetHeader> describe(Path file, tessera.core.analysis.Parameters options) throws IOException {
        return withFile(file, NcemEmdReader::header, (d, skipped) -> d.metadata().original().put("_tessera_skipped", skipped));
    }

    /** Reads (or describes) the data arrays of one group or stack of groups. */
    private interface GroupReader<T> {
        T apply(Path file, long fileSize, HdfFile h, List<String> groups, String name, String title, boolean prismatic,
                Map<String, Object> om, Metadata md) throws InvalidFileException, Unsupported;
    }

    /** Opens the file safely, finds its EMD groups and applies {@code reader} to each; every failure names the file. */
    private <T> List<T> withFile(Path file, GroupReader<T> reader, java.util.function.BiConsumer<T, List<String>> noteSkipped) throws IOException {
        long fileSize = Hdf5Data.checkSignature(file);
        HdfFile h;
        try {
            h = Hdf5Data.open(file, NcemEmdReader::oneLine);
        } catch (StackOverflowError e) {
            throw new InvalidFileException(file, "corrupt or truncated HDF5 file: " + oneLine(e), e);
        }
        try (h) {
            return readAll(file, fileSize, h, reader, noteSkipped);
        } catch (RuntimeException | StackOverflowError e) {
            throw new InvalidFileException(file, "corrupt or truncated NCEM EMD file: " + oneLine(e), e);
        } catch (OutOfMemoryError e) {
            throw new InvalidFileException(file, "reading it needs more memory than available (corrupt header or huge file)", e);
        }
    }

    private <T> List<T> readAll(Path file, long fileSize, HdfFile h, GroupReader<T> reader,
            java.util.function.BiConsumer<T, List<String>> noteSkipped) throws InvalidFileException {
        List<String> paths = new ArrayList<>();
        visit(file, h, "", 0, new HashSet<>(), paths);
        if (paths.isEmpty()) {
            throw new InvalidFileException(file, "no EMD data group (a group with attribute emd_group_type holding a data array)");
        }
        boolean prismatic = h.getChildren().get(PRISMATIC) instanceof Group;
        Map<String, Object> om = originalMetadata(h, prismatic);
        List<T> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> todo = new ArrayList<>(paths);
        while (!todo.isEmpty()) {
            String path = todo.remove(0);
            String dir = dirname(path);
            String name = basename(path);
            List<String> groups = new ArrayList<>(List.of(dir));
            String groupBase = dir;
            if (prismatic && !path.contains("ppotential")) {
                groupBase = groupBase.substring(0, Math.max(0, groupBase.length() - 4));
            }
            for (String p : new ArrayList<>(todo)) {
                if (!p.equals(path) && p.contains(groupBase)) {
                    groups.add(dirname(p));
                    todo.remove(p);
                }
            }
            String title = basename(groupBase);
            Map<String, Object> omCopy = new Metadata(new LinkedHashMap<>(), om).copy().original();
            Metadata md = new Metadata(new LinkedHashMap<>(), omCopy);
            md.set(Metadata.TITLE, title.replace("_depth", ""));
            md.set("General.original_filename", file.getFileName().toString());
            md.set(Metadata.SIGNAL_TYPE, signalType(h, dir));
            // FILE#/path selects by it: the data array's path (the first of a stack)
            md.set(tessera.core.io.FileSelector.PATH_KEY, path.startsWith("/") ? path : "/" + path);
            try {
                out.add(reader.apply(file, fileSize, h, groups, name, title, prismatic, om, md));
            } catch (Unsupported u) {
                skipped.add(u.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw new InvalidFileException(file, "no numeric EMD dataset: " + String.join("; ", skipped));
        }
        if (!skipped.isEmpty()) {
            for (T d : out) {
                noteSkipped.accept(d, new ArrayList<>(skipped));
            }
        }
        return out;
    }

    /**
     * HyperSpy's signal type: {@code electron_diffraction} for a group path containing {@code CBED}, else {@code ""};
     * a non-empty {@code signal_type} attribute of the data group (as HyperSpy's and Tessera's writers store it, and
     * HyperSpy 1.7.3 ignores) is kept instead.
     */
    private static String signalType(HdfFile h, String dir) {
        if (dir.contains("CBED")) {
            return "electron_diffraction";
        }
        if (node(h, dir) instanceof Group g && g.getAttributes().get("signal_type") != null) {
            String t = NcemArrays.text(g, "signal_type");
            return t == null ? "" : t;
        }
        return "";
    }

    /** A dataset that is well formed but holds no numbers (skipped, not an error). */
    private static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;

        Unsupported(String m) {
            super(m, null, false, false);
        }
    }

    private static void visit(Path file, Group g, String prefix, int depth, Set<Long> seen, List<String> paths) throws InvalidFileException {
        if (depth > MAX_DEPTH) {
            throw new InvalidFileException(file, "HDF5 groups nested deeper than " + MAX_DEPTH + " levels (corrupt or cyclic structure)");
        }
        List<Map.Entry<String, Node>> children = new ArrayList<>(g.getChildren().entrySet());
        children.sort((a, b) -> Arrays.compareUnsigned(a.getKey().getBytes(StandardCharsets.UTF_8), b.getKey().getBytes(StandardCharsets.UTF_8)));
        for (Map.Entry<String, Node> e : children) {
            Node n = e.getValue();
            String path = prefix.isEmpty() ? e.getKey() : prefix + "/" + e.getKey();
            if (!seen.add(n.getAddress())) {
                continue; // h5py visits each object once (hard links)
            }
            if (seen.size() > MAX_NODES) {
                throw new InvalidFileException(file, "more than " + MAX_NODES + " HDF5 objects (corrupt structure)");
            }
            if (n instanceof io.jhdf.api.Dataset) {
                if (startsWithAny(e.getKey()) && isEmdGroup(g)) {
                    paths.add(path);
                }
            } else if (n instanceof Group c) {
                visit(file, c, path, depth + 1, seen, paths);
            }
        }
    }

    private static boolean startsWithAny(String name) {
        for (String p : PREFIXES) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** HyperSpy: {@code group.attrs.get('emd_group_type', False)} is truthy. */
    private static boolean isEmdGroup(Group g) {
        Attribute a = g.getAttributes().get("emd_group_type");
        if (a == null) {
            return false;
        }
        Object v = NcemArrays.attributeValue(a);
        return switch (v) {
            case Long l -> l != 0;
            case Double d -> d != 0;
            case String s -> !s.isEmpty();
            case Boolean b -> b;
            case long[] l -> l.length > 0 && Arrays.stream(l).anyMatch(x -> x != 0);
            case double[] d -> d.length > 0 && Arrays.stream(d).anyMatch(x -> x != 0);
            case null -> false;
            default -> true;
        };
    }

    private Dataset readGroups(Path file, long fileSize, HdfFile h, List<String> groups, String name, String title, boolean prismatic,
            Map<String, Object> om, Metadata md) throws InvalidFileException, Unsupported {
        boolean transpose = !"datacube".equals(name);
        if (!transpose && groups.size() == 1) {
            // a py4DSTEM data cube (often the largest data of all) is kept in its stored order: read it by the shared
            // bulk decoder, into a scratch mapping when large (ADR 0017), rather than into a heap array
            String where = "/" + groups.get(0) + "/" + name;
            if (!(node(h, groups.get(0) + "/" + name) instanceof io.jhdf.api.Dataset ds)) {
                throw new InvalidFileException(file, where + " is missing");
            }
            if (Hdf5Data.dtypeOf(ds.getDataType()) == null) {
                throw new Unsupported(where + " holds " + Hdf5Data.typeName(ds.getDataType()) + ", not numbers");
            }
            int[] dims = ds.isScalar() ? new int[0] : ds.getDimensions();
            if (dims.length == 0) {
                throw new Unsupported(where + " is a scalar, not an array");
            }
            return Hdf5Data.read(file, fileSize, where, ds, axes(file, fileSize, h, groups, name, transpose, 1, dims, prismatic, title, om), md);
        }
        List<Hdf5Data.Values> parts = new ArrayList<>();
        for (String g : groups) {
            String where = "/" + g + "/" + name;
            if (!(node(h, g + "/" + name) instanceof io.jhdf.api.Dataset ds)) {
                throw new InvalidFileException(file, where + " is missing");
            }
            if (Hdf5Data.dtypeOf(ds.getDataType()) == null) {
                throw new Unsupported(where + " holds " + Hdf5Data.typeName(ds.getDataType()) + ", not numbers");
            }
            Hdf5Data.Values v = NcemArrays.read(file, fileSize, where, ds);
            if (v.dims().length == 0) {
                throw new Unsupported(where + " is a scalar, not an array");
            }
            parts.add(transpose ? NcemArrays.reverseAxes(v) : v);
        }
        Hdf5Data.Values first = parts.get(0);
        int[] shape;
        Object array;
        if (parts.size() > 1) {
            for (Hdf5Data.Values p : parts) {
                if (!Arrays.equals(p.dims(), first.dims()) || p.dtype() != first.dtype()) {
                    throw new InvalidFileException(file, "datasets stacked as '" + title + "' differ in shape or type: /"
                            + groups.get(0) + "/" + name + " " + Arrays.toString(first.dims()) + " " + first.dtype().numpyName()
                            + ", " + Arrays.toString(p.dims()) + " " + p.dtype().numpyName());
                }
            }
            int each = (int) first.count();
            if ((long) each * parts.size() > Integer.MAX_VALUE / 2 - 8) {
                throw new InvalidFileException(file, "stack '" + title + "' is too large for memory");
            }
            array = NcemArrays.concat(first.dtype(), parts.stream().map(Hdf5Data.Values::array).toList(), each);
            // np.stack(...).squeeze(): the stack axis first, then every axis of size 1 dropped
            List<Integer> s = new ArrayList<>();
            s.add(parts.size());
            for (int d : first.dims()) {
                if (d != 1) {
                    s.add(d);
                }
            }
            shape = s.stream().mapToInt(Integer::intValue).toArray();
        } else {
            array = first.array();
            shape = first.dims();
        }
        List<Axis> axes = axes(file, fileSize, h, groups, name, transpose, parts.size(), shape, prismatic, title, om);
        return Dataset.wrap(first.dtype(), Hdf5Data.segment(array), ByteOrder.nativeOrder(), axes, md);
    }

    /**
     * The header {@link #readGroups} would return, from the data arrays' HDF5 dimensions and types and the dim vectors:
     * the same checks (missing array, non-numeric type, scalar, stack members that differ), the same shape (reversed
     * unless a data cube; a stack's axis first and its size-1 axes dropped) and axes.
     */
    private static tessera.core.io.DatasetHeader header(Path file, long fileSize, HdfFile h, List<String> groups, String name, String title,
            boolean prismatic, Map<String, Object> om, Metadata md) throws InvalidFileException, Unsupported {
        boolean transpose = !"datacube".equals(name);
        int[] first = null;
        DType firstType = null;
        for (String g : groups) {
            String where = "/" + g + "/" + name;
            if (!(node(h, g + "/" + name) instanceof io.jhdf.api.Dataset ds)) {
                throw new InvalidFileException(file, where + " is missing");
            }
            DType t = Hdf5Data.dtypeOf(ds.getDataType());
            if (t == null) {
                throw new Unsupported(where + " holds " + Hdf5Data.typeName(ds.getDataType()) + ", not numbers");
            }
            int[] dims = ds.isScalar() ? new int[0] : ds.getDimensions().clone();
            if (dims.length == 0) {
                throw new Unsupported(where + " is a scalar, not an array");
            }
            if (transpose) {
                for (int i = 0, j = dims.length - 1; i < j; i++, j--) {
                    int x = dims[i];
                    dims[i] = dims[j];
                    dims[j] = x;
                }
            }
            if (first == null) {
                first = dims;
                firstType = t;
            } else if (!Arrays.equals(dims, first) || t != firstType) {
                throw new InvalidFileException(file, "datasets stacked as '" + title + "' differ in shape or type: /"
                        + groups.get(0) + "/" + name + " " + Arrays.toString(first) + " " + firstType.numpyName()
                        + ", " + Arrays.toString(dims) + " " + t.numpyName());
            }
        }
        int[] shape = first;
        if (groups.size() > 1) {
            List<Integer> s = new ArrayList<>();
            s.add(groups.size());
            for (int d : first) {
                if (d != 1) {
                    s.add(d);
                }
            }
            shape = s.stream().mapToInt(Integer::intValue).toArray();
        }
        return new tessera.core.io.DatasetHeader(firstType, axes(file, fileSize, h, groups, name, transpose, groups.size(), shape, prismatic, title, om), md);
    }

    /**
     * The axes of the data read from {@code groups}: a depth axis first for a stack of several groups, then one axis
     * per array dimension from its {@code dimN} vector (reversed order when the data are transposed), navigation axes
     * first.
     *
     * @param stacked number of groups stacked (1: none)
     * @param shape   the data's shape as returned (after transposition and stacking)
     */
    private static List<Axis> axes(Path file, long fileSize, HdfFile h, List<String> groups, String name, boolean transpose, int stacked,
            int[] shape, boolean prismatic, String title, Map<String, Object> om) throws InvalidFileException {
        int rank = shape.length;
        String dir0 = groups.get(0);
        List<Axis> axes = new ArrayList<>();
        List<Boolean> explicitNav = new ArrayList<>();
        int firstArray;
        if (stacked > 1) {
            axes.add(depthAxis(title, stacked, prismatic, om));
            explicitNav.add(null);
            firstArray = 1;
        } else {
            firstArray = 0;
        }
        for (int i = firstArray; i < rank; i++) {
            int dimIndex = stacked > 1 ? i : i + 1;
            if (transpose) {
                dimIndex = stacked > 1 ? rank - i : rank - i;
            }
            String dimName = "dim" + dimIndex;
            String where = "/" + dir0 + "/" + dimName;
            if (!(node(h, dir0 + "/" + dimName) instanceof io.jhdf.api.Dataset dim)) {
                throw new InvalidFileException(file, where + " is missing (one dim vector per data dimension)");
            }
            double[] cal = calibration(file, fileSize, where, dim, shape[i]);
            String axisName = NcemArrays.text(dim, "name");
            String units = NcemUnits.parse(NcemArrays.text(dim, "units"));
            boolean navigate = prismatic && !("datacube".equals(name) ? Set.of("dim3", "dim4") : Set.of("dim1", "dim2")).contains(dimName);
            Boolean nav = null;
            if (dim.getAttributes().get("navigate") != null && NcemArrays.attributeValue(dim.getAttributes().get("navigate")) instanceof Long l) {
                nav = l != 0;
                navigate = nav;
            }
            explicitNav.add(nav);
            if (!Double.isFinite(cal[0]) || !Double.isFinite(cal[1]) || cal[1] == 0) {
                throw new InvalidFileException(file, where + ": invalid calibration offset=" + cal[0] + " scale=" + cal[1]);
            }
            axes.add(new Axis(axisName == null ? "" : axisName, shape[i], cal[1], cal[0], units, navigate));
        }
        // navigation axes first: a navigation flag after a signal axis becomes a signal axis
        boolean sawSignal = false;
        for (int i = 0; i < axes.size(); i++) {
            Axis a = axes.get(i);
            if (!a.navigate()) {
                sawSignal = true;
            } else if (sawSignal) {
                axes.set(i, a.withNavigate(false));
            }
        }
        return axes;
    }

    /** @return {offset, scale} of a dim vector, as HyperSpy's {@code _parse_axis} */
    private static double[] calibration(Path file, long fileSize, String where, io.jhdf.api.Dataset dim, int size) throws InvalidFileException {
        boolean numeric = dim.getDataType() instanceof FixedPoint || dim.getDataType() instanceof FloatingPoint;
        long n = dim.getSize();
        if (dim.isScalar()) {
            return new double[] {0, 1};
        }
        if (n > NcemArrays.MAX_SMALL) {
            throw new InvalidFileException(file, where + ": " + n + " values, far more than an axis holds");
        }
        if (n != 1 && n != 2 && n != size) {
            throw new InvalidFileException(file, where + " has " + n + " values but its data axis has " + size + " points");
        }
        if (!numeric || n == 0) {
            return new double[] {0, 1};
        }
        Hdf5Data.Values v = NcemArrays.read(file, fileSize, where, dim);
        double[] x = NcemArrays.asDoubles(v);
        if (x.length == 1) {
            return new double[] {x[0], 1};
        }
        double sum = 0;
        boolean f32 = v.dtype() == DType.FLOAT32;
        for (int i = 1; i < x.length; i++) {
            sum += f32 ? (double) ((float) x[i] - (float) x[i - 1]) : x[i] - x[i - 1];
        }
        double scale = sum / (x.length - 1);
        if (f32) {
            scale = (float) scale; // NumPy's mean of float32 differences is a float32
        }
        return new double[] {x[0], scale};
    }

    private static Axis depthAxis(String title, int n, boolean prismatic, Map<String, Object> om) {
        double offset = 0;
        double scale = 1;
        String units = "";
        if (prismatic && title.contains("depth") && om.get("simulation_parameters") instanceof Map<?, ?> sim) {
            if (sim.get("numSlices") instanceof Number ns) {
                scale = ns.doubleValue() * (sim.get("sliceThickness") instanceof Number st ? st.doubleValue() : 1.0);
            }
            if (sim.get("zStart") instanceof Number zs) {
                offset = zs.doubleValue();
                if (offset == 0) {
                    offset = scale;
                }
            }
            units = "Å";
            double tile = sim.get("tile") instanceof long[] t && t.length > 2 ? t[2]
                    : sim.get("tile") instanceof double[] t && t.length > 2 ? t[2] : 0;
            double cell = sim.get("cellDimension") instanceof double[] c && c.length > 0 ? c[0]
                    : sim.get("cellDimension") instanceof long[] c && c.length > 0 ? c[0] : 0;
            double total = tile * cell;
            double got = n * scale;
            if (Math.abs(total - got) > 1e-4 * Math.max(Math.abs(total), Math.abs(got))) {
                offset = 0;
                scale = 1;
                units = "";
            }
        }
        if (!Double.isFinite(scale) || scale == 0 || !Double.isFinite(offset)) {
            offset = 0;
            scale = 1;
        }
        return new Axis(title, n, scale, offset, units, true);
    }

    private static Map<String, Object> originalMetadata(HdfFile h, boolean prismatic) {
        Map<String, Object> om = new LinkedHashMap<>();
        Map<String, Attribute> rootAttrs = h.getAttributes();
        if (rootAttrs.containsKey("version_major")) {
            Object maj = NcemArrays.attributeValue(rootAttrs.get("version_major"));
            Object min = rootAttrs.containsKey("version_minor") ? NcemArrays.attributeValue(rootAttrs.get("version_minor")) : null;
            om.put("EMD_version", maj + "." + min);
        }
        for (String g : List.of("microscope", "sample", "user", "comments")) {
            if (h.getChildren().get(g) instanceof Group grp) {
                om.put(g, attributes(grp, Map.of()));
            }
        }
        if (prismatic && node(h, SIMULATION_PARAMETERS) instanceof Group sim) {
            om.put("simulation_parameters", attributes(sim, PRISMATIC_KEYS));
        }
        return om;
    }

    private static Map<String, Object> attributes(Node n, Map<String, String> rename) {
        Map<String, Object> m = new LinkedHashMap<>();
        // in h5py's order (by name), so that of two keys renamed alike the later one wins, as in HyperSpy
        List<Map.Entry<String, Attribute>> attrs = new ArrayList<>(n.getAttributes().entrySet());
        attrs.sort((a, b) -> Arrays.compareUnsigned(a.getKey().getBytes(StandardCharsets.UTF_8), b.getKey().getBytes(StandardCharsets.UTF_8)));
        for (Map.Entry<String, Attribute> e : attrs) {
            Object v = NcemArrays.attributeValue(e.getValue());
            if (v != null) {
                m.put(rename.getOrDefault(e.getKey(), e.getKey()), v);
            }
        }
        return m;
    }

    private static Map<String, String> prismaticKeys() {
        // prismatic's short command-line keys and their long names, as HyperSpy 1.7.3 maps them
        String[] kv = {"i", "filenameAtoms", "a", "algorithm", "fx", "interpolationFactorX", "fy", "interpolationFactorY",
            "F", "numFP", "ns", "numSlices", "te", "includeThermalEffects", "oc", "includeOccupancy", "3D", "save3DOutput",
            "4D", "save3DOutput", "DPC", "saveDPC_CoM", "ps", "savePotentialSlices", "nqs", "nyquistSampling",
            "px", "realspacePixelSizeX", "py", "realspacePixelSizeY", "P", "potBound", "s", "sliceThickness", "zs", "zStart",
            "E", "E0", "A", "alphaBeamMax", "rx", "probeStepX", "ry", "probeStepY", "df", "probeDefocus", "sa", "probeSemiangle",
            "d", "detectorAngleStep", "tx", "probeXtilt", "ty", "probeYtilt", "c", "cellDimension", "t", "tile",
            "wx", "scanWindowX", "wy", "scanWindowY", "wxr", "scanWindowX_r", "wyr", "scanWindowY_r", "2D", "integrationAngle"};
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return Map.copyOf(m);
    }

    /** @return the node at a slash-separated path below {@code g}, or null if any part is missing */
    private static Node node(Group g, String path) {
        return Hdf5Data.node(g, path);
    }

    private static String dirname(String p) {
        int i = p.lastIndexOf('/');
        return i < 0 ? "" : p.substring(0, i);
    }

    private static String basename(String p) {
        int i = p.lastIndexOf('/');
        return i < 0 ? p : p.substring(i + 1);
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage();
        Throwable c = e.getCause();
        if (c != null && c.getMessage() != null && (m == null || !m.contains(c.getMessage()))) {
            m = (m == null ? "" : m + ": ") + c.getMessage();
        }
        return (m == null ? e.getClass().getSimpleName() : m).replace('\n', ' ').replace('\r', ' ');
    }
}
