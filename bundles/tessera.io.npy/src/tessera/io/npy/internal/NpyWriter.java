package tessera.io.npy.internal;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import tessera.core.io.AtomicFiles;
import tessera.core.io.DatasetWriter;
import tessera.core.model.Dataset;
import tessera.core.model.DType;

/**
 * Writer of NumPy {@code .npy} files (NEP 1, {@code numpy.lib.format}; format version
 * 1.0, or 2.0 when the header exceeds 65535 bytes).
 *
 * <p>The file holds the dataset's values with its shape in array order
 * ({@link Dataset#shape()}, navigation axes first), in C order, with a little-endian
 * descr ({@code '<f4'}, {@code '<u2'}, {@code '|u1'}, {@code '|b1'}, {@code '<c8'}, ...;
 * {@link DType#RGBA8} as HyperSpy's structured type {@code [('R','|u1'), ('G','|u1'),
 * ('B','|u1'), ('A','|u1')]}); big-endian datasets are byte-swapped while writing. The
 * header is byte-for-byte what {@code numpy.save} writes for the same array (padded with
 * spaces to a 64-byte boundary). Axis calibrations and metadata are not stored: a
 * {@code .npy} holds only the array.
 *
 * <p>The write is atomic ({@link AtomicFiles#write}): the target appears complete or not
 * at all.
 */
public final class NpyWriter implements DatasetWriter {
    private static final int CHUNK = 1 << 23;

    /** Public no-argument constructor for the extension registry. */
    public NpyWriter() {
    }

    /**
     * Writes the dataset's array.
     *
     * @param dataset the dataset, any {@link DType}
     * @param file    the target, replaced if it exists
     * @throws IOException on an I/O error (the target is then left unchanged)
     */
    @Override
    public void write(Dataset dataset, Path file) throws IOException {
        DType t = dataset.dtype();
        byte[] header = NpyFormat.header(NpyFormat.descr(t), dataset.shape());
        long bytes = Math.multiplyExact(dataset.size(), (long) t.byteSize());
        int comp = switch (t) {
            case COMPLEX64 -> 4;
            case COMPLEX128 -> 8;
            case RGBA8 -> 1;
            default -> t.byteSize();
        };
        MemorySegment src = dataset.data();
        boolean swap = comp > 1 && dataset.byteOrder() != ByteOrder.LITTLE_ENDIAN;
        AtomicFiles.write(file, tmp -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                writeFully(ch, ByteBuffer.wrap(header));
                byte[] buf = new byte[(int) Math.min(CHUNK, bytes)];
                MemorySegment dst = MemorySegment.ofArray(buf);
                long done = 0;
                while (done < bytes) {
                    int len = (int) Math.min(buf.length, bytes - done);
                    if (swap) {
                        ValueLayout inL = layout(comp, dataset.byteOrder());
                        ValueLayout outL = layout(comp, ByteOrder.LITTLE_ENDIAN);
                        MemorySegment.copy(src, inL, done, dst, outL, 0, len / comp);
                    } else {
                        MemorySegment.copy(src, done, dst, 0, len);
                    }
                    writeFully(ch, ByteBuffer.wrap(buf, 0, len));
                    done += len;
                }
            }
        });
    }

    private static ValueLayout layout(int size, ByteOrder order) {
        return switch (size) {
            case 2 -> ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(order);
            case 4 -> ValueLayout.JAVA_INT_UNALIGNED.withOrder(order);
            default -> ValueLayout.JAVA_LONG_UNALIGNED.withOrder(order);
        };
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }
}
