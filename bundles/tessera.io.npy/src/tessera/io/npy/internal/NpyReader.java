package tessera.io.npy.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tessera.core.io.DatasetReader;
import tessera.core.io.FileMapping;
import tessera.core.io.InvalidFileException;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.OffHeap;
import tessera.core.model.DType;
import tessera.core.model.Metadata;

/**
 * Reader of NumPy {@code .npy} files, versions 1.0, 2.0 and 3.0, as specified by NEP 1
 * ("A Simple File Format for NumPy Arrays", https://numpy.org/neps/nep-0001-npy-format.html)
 * and implemented by {@code numpy.lib.format}.
 *
 * <p><b>Types.</b> bool ({@code b1}), int8..int64, uint8..uint64, float32, float64,
 * complex64, complex128 in either byte order ({@code <}, {@code >}, {@code |}) keep their
 * type (the dataset keeps the file's byte order); float16 ({@code f2}) is widened to
 * float32; HyperSpy's rgba8 structured type becomes {@link DType#RGBA8}. Object arrays
 * ({@code |O}, pickled Python objects), strings, other structured types and
 * {@code longdouble} are refused with {@link InvalidFileException}, never unpickled.
 *
 * <p><b>Memory.</b> The payload of a C-order file (any type but float16) of at least
 * {@link FileMapping#threshold()} bytes (64 MiB by default) is memory-mapped read-only, not copied: the
 * dataset is the file's bytes, read on demand, costs no Java heap, and {@linkplain Dataset#isReadOnly() refuses
 * writes}. Smaller payloads, Fortran-order and float16 files are read into off-heap memory.
 *
 * <p><b>Order.</b> A C-order file is used as is. A Fortran-order file
 * ({@code 'fortran_order': True}) is transposed while reading, so the dataset has the
 * file's logical shape in C order: element {@code [i0, ..., in]} equals NumPy's
 * {@code np.load(f)[i0, ..., in]}.
 *
 * <p><b>Axes (convention).</b> A {@code .npy} carries no calibration, so every axis is
 * uncalibrated (scale 1, offset 0, no units) and named {@code dim0, dim1, ...} in array
 * order. The last axis is the signal axis and all others are navigation axes: shape
 * {@code (ny, nx, nE)} reads as a spectrum image with energy channels last, shape
 * {@code (n,)} as one spectrum, shape {@code (rows, cols)} as {@code rows} spectra of
 * {@code cols} channels. A 0-d array becomes shape {@code [1]}. Arrays with a zero-length
 * axis are refused (a Tessera axis has at least one point). The metadata hold
 * {@code General.title} (the file name without extension) and
 * {@code General.original_filename}; {@code original_metadata.npy} holds
 * {@code version}, {@code descr}, {@code fortran_order} and {@code shape} as read.
 *
 * <p><b>Validation.</b> The header length and the payload the header claims
 * ({@code product(shape) * itemsize}) are checked against the file size
 * ({@link InvalidFileException#checkPayload}) before anything is allocated.
 */
public final class NpyReader implements DatasetReader {
    private static final long CHUNK = 1L << 26;

    /** Public no-argument constructor for the extension registry. */
    public NpyReader() {
    }

    /**
     * Accepts content that starts with {@code \x93NUMPY} and a known major version (1, 2 or 3).
     *
     * @param file the file (unused)
     * @param head the first bytes of the file
     * @return true if the content looks like a .npy file this reader understands
     */
    @Override
    public boolean sniff(Path file, byte[] head) {
        if (head.length < 8) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            if (head[i] != NpyFormat.MAGIC[i]) {
                return false;
            }
        }
        return head[6] >= 1 && head[6] <= 3;
    }

    /**
     * Reads the array of a {@code .npy} file.
     *
     * @param file the file
     * @return one dataset with the file's shape (a 0-d array as {@code [1]}), axes as described in the class comment
     * @throws InvalidFileException on a wrong magic, an unsupported version or dtype, a malformed header,
     *                              or a header that claims more data than the file holds
     * @throws IOException          on an I/O error
     */
    @Override
    public List<Dataset> read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = ch.size();
            if (fileSize == 0) {
                throw new InvalidFileException(file, "file is empty");
            }
            ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            readFully(file, ch, pre, 0);
            if (pre.limit() < 10) {
                throw new InvalidFileException(file, "file is " + fileSize + " bytes, too short for a .npy preamble (truncated file?)");
            }
            for (int i = 0; i < 6; i++) {
                if (pre.get(i) != NpyFormat.MAGIC[i]) {
                    throw new InvalidFileException(file, "not a .npy file: the magic string \\x93NUMPY is missing");
                }
            }
            int major = pre.get(6) & 0xFF;
            int minor = pre.get(7) & 0xFF;
            long headerLen;
            int preLen;
            if (major == 1) {
                headerLen = pre.getShort(8) & 0xFFFF;
                preLen = 10;
            } else if (major == 2 || major == 3) {
                if (pre.limit() < 12) {
                    throw new InvalidFileException(file, "truncated .npy preamble");
                }
                headerLen = pre.getInt(8) & 0xFFFFFFFFL;
                preLen = 12;
            } else {
                throw new InvalidFileException(file, "unsupported .npy format version " + major + "." + minor
                        + " (1.0, 2.0 and 3.0 are supported)");
            }
            if (headerLen > fileSize - preLen) {
                throw new InvalidFileException(file, "header claims " + headerLen + " bytes but the file holds only "
                        + (fileSize - preLen) + " after the preamble (truncated file or corrupt header)");
            }
            if (headerLen > NpyFormat.MAX_HEADER) {
                throw new InvalidFileException(file, "header of " + headerLen + " bytes is implausibly large (corrupt file)");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
            readFully(file, ch, hb, preLen);
            String text = new String(hb.array(), 0, hb.limit(),
                    major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            Map<String, Object> header;
            NpyFormat.Element el;
            try {
                header = NpyFormat.parseDict(text);
                if (!header.containsKey("descr") || !header.containsKey("shape") || !header.containsKey("fortran_order")) {
                    throw new IllegalArgumentException("header lacks one of the keys 'descr', 'fortran_order', 'shape': " + text.strip());
                }
                el = NpyFormat.element(header.get("descr"));
            } catch (IllegalArgumentException e) {
                throw new InvalidFileException(file, e.getMessage(), e);
            }
            if (!(header.get("fortran_order") instanceof Boolean fortran)) {
                throw new InvalidFileException(file, "'fortran_order' is not True or False");
            }
            if (!(header.get("shape") instanceof List<?> shapeList)) {
                throw new InvalidFileException(file, "'shape' is not a tuple");
            }
            int[] shape = new int[shapeList.size()];
            long count = 1;
            for (int i = 0; i < shape.length; i++) {
                if (!(shapeList.get(i) instanceof Long d) || d < 0) {
                    throw new InvalidFileException(file, "'shape' " + shapeList + " holds a value that is not a non-negative integer");
                }
                if (d == 0) {
                    throw new InvalidFileException(file, "array of shape " + shapeList + " is empty: there is no data to read");
                }
                if (d > Integer.MAX_VALUE - 8) {
                    throw new InvalidFileException(file, "axis " + i + " of shape " + shapeList + " has more than 2^31 points");
                }
                shape[i] = d.intValue();
                try {
                    count = Math.multiplyExact(count, d);
                } catch (ArithmeticException e) {
                    throw new InvalidFileException(file, "shape " + shapeList + " overflows (corrupt header)");
                }
            }
            long dataStart = preLen + headerLen;
            long claimed;
            try {
                claimed = Math.multiplyExact(count, (long) el.itemSize());
            } catch (ArithmeticException e) {
                claimed = -1;
            }
            InvalidFileException.checkPayload(file, claimed, fileSize - dataStart);

            MemorySegment raw;
            if (FileMapping.shouldMap(claimed)) {
                // the file's bytes, read-only, read on demand; Fortran-order and float16 data are then reordered or
                // widened into a decoded block (a scratch mapping when large)
                raw = FileMapping.mapReadOnly(ch, dataStart, claimed);
            } else {
                raw = OffHeap.allocate(Arena.ofAuto(), claimed, 16);
                readFully(file, ch, raw, dataStart);
            }
            if (fortran && shape.length > 1) {
                raw = fortranToC(file, raw, shape, el.itemSize());
            }
            DType dtype = el.dtype();
            ByteOrder order = el.dtype().byteSize() == 1 ? ByteOrder.nativeOrder() : el.order();
            if (el.float16()) {
                raw = widenHalf(file, raw, count, el.order());
                order = ByteOrder.nativeOrder();
            }
            List<Axis> axes = new ArrayList<>();
            if (shape.length == 0) {
                axes.add(Axis.uncalibrated("dim0", 1, false));
            }
            for (int i = 0; i < shape.length; i++) {
                axes.add(Axis.uncalibrated("dim" + i, shape[i], i < shape.length - 1));
            }
            Metadata md = new Metadata();
            String name = file.getFileName().toString();
            md.title(name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name);
            md.set("General.original_filename", name);
            Map<String, Object> npy = new LinkedHashMap<>();
            npy.put("version", major + "." + minor);
            Object descr = header.get("descr");
            npy.put("descr", descr instanceof String ? descr : String.valueOf(descr));
            npy.put("fortran_order", fortran);
            npy.put("shape", Arrays.stream(shape).asLongStream().toArray());
            md.original().put("npy", npy);
            return List.of(Dataset.wrap(dtype, raw, order, axes, md));
        }
    }

    private static void readFully(Path file, FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        long p = pos;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, p);
            if (n < 0) {
                break;
            }
            p += n;
        }
        buf.flip();
    }

    private static void readFully(Path file, FileChannel ch, MemorySegment dst, long pos) throws IOException {
        long done = 0;
        long total = dst.byteSize();
        while (done < total) {
            long len = Math.min(CHUNK, total - done);
            ByteBuffer bb = dst.asSlice(done, len).asByteBuffer();
            while (bb.hasRemaining()) {
                int n = ch.read(bb, pos + done + bb.position());
                if (n < 0) {
                    throw new InvalidFileException(file, "file ended after " + (pos + done + bb.position())
                            + " bytes while reading the data (truncated file)");
                }
            }
            done += len;
        }
    }

    /** Reorders column-major elements into row-major order (same logical shape). */
    private static MemorySegment fortranToC(Path file, MemorySegment src, int[] shape, int es) throws IOException {
        int r = shape.length;
        long[] fstride = new long[r];
        long s = es;
        for (int d = 0; d < r; d++) {
            fstride[d] = s;
            s *= shape[d];
        }
        MemorySegment dst = FileMapping.allocateDecoded(file, src.byteSize());
        int[] idx = new int[r];
        long base = 0; // Fortran byte offset of idx with idx[r-1] = 0
        long out = 0;
        int last = shape[r - 1];
        long lastStride = fstride[r - 1];
        while (true) {
            long off = base;
            for (int k = 0; k < last; k++) {
                MemorySegment.copy(src, off, dst, out, es);
                off += lastStride;
                out += es;
            }
            int d = r - 2;
            while (d >= 0) {
                idx[d]++;
                base += fstride[d];
                if (idx[d] < shape[d]) {
                    break;
                }
                base -= (long) idx[d] * fstride[d];
                idx[d] = 0;
                d--;
            }
            if (d < 0) {
                return dst;
            }
        }
    }

    /** Widens IEEE binary16 values to float32 (native order). */
    private static MemorySegment widenHalf(Path file, MemorySegment src, long count, ByteOrder order) throws IOException {
        MemorySegment dst = FileMapping.allocateDecoded(file, count * 4);
        ValueLayout.OfShort in = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order);
        for (long i = 0; i < count; i++) {
            dst.setAtIndex(ValueLayout.JAVA_FLOAT, i, Float.float16ToFloat(src.get(in, i * 2)));
        }
        return dst;
    }
}
