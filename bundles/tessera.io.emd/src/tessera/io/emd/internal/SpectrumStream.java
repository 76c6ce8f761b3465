package tessera.io.emd.internal;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;

import tessera.core.io.FileMapping;
import tessera.core.io.InvalidFileException;

/**
 * Decodes a Velox EDS spectrum stream into a spectrum-image cube of counts. The stream is the detector's event list in
 * scan order: a value {@value #NEXT_PIXEL} ends the current pixel (a "gate pulse"), any other value is the channel of
 * one detected X-ray in the current pixel. Pixels run row by row over the frame ({@code y} slow, {@code x} fast), and
 * frames follow each other; the cube sums the frames in {@code [firstFrame, lastFrame)}.
 * <p>
 * Source: the stream layout as Thermo Fisher described it to the HyperSpy developers and as RosettaSciIO decodes it
 * ({@code rsciio/emd/_emd_velox.py}, class {@code FeiSpectrumStream}, and {@code rsciio/utils/fei_stream_readers.py};
 * HyperSpy 1.7.3 {@code hyperspy/misc/io/fei_stream_readers.py}).
 */
final class SpectrumStream {
    /** the stream value that advances to the next pixel */
    static final int NEXT_PIXEL = 65535;

    private SpectrumStream() {
    }

    /** A decoded cube [y, x, channel], row-major, as unsigned 16-bit or (when a count exceeds 65535) 32-bit counts. */
    record Cube(MemorySegment counts, boolean wide, int ny, int nx, int channels, int frames) {
    }

    /**
     * Counts the frames a stream holds: the number of pixel ends divided by the pixels of a frame, rounded up (what
     * HyperSpy does when the file does not say).
     *
     * @param stream the stream values (unsigned 16-bit, native order)
     * @param length number of values
     * @param framePixels pixels per frame
     * @return the number of frames
     */
    static int countFrames(MemorySegment stream, long length, long framePixels) {
        long ends = 0;
        for (long i = 0; i < length; i++) {
            if (value(stream, i) == NEXT_PIXEL) {
                ends++;
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, (ends + framePixels - 1) / framePixels);
    }

    private static int value(MemorySegment stream, long i) {
        return stream.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i) & 0xFFFF;
    }

    /**
     * Adds the events of one stream to a cube (allocating it when {@code into} is null).
     *
     * @param file       the file, for messages
     * @param where      the stream's path in the file, for messages
     * @param stream     the stream values, unsigned 16-bit in native byte order
     * @param length     number of values
     * @param ny         scan rows
     * @param nx         scan columns
     * @param channels   energy channels (the acquisition's bin count)
     * @param rebin      channels summed into one (divides {@code channels})
     * @param firstFrame first frame summed (0-based)
     * @param lastFrame  frame at which decoding stops (exclusive)
     * @param into       a cube of the same shape to add to, or null
     * @return the cube
     * @throws InvalidFileException if a channel value lies outside the bin count or the cube fits neither in memory nor in scratch space
     */
    static Cube add(Path file, String where, MemorySegment stream, long length, int ny, int nx, int channels, int rebin,
            int firstFrame, int lastFrame, Cube into) throws InvalidFileException {
        int out = channels / rebin;
        long cells = (long) ny * nx * out;
        Cube cube = into;
        if (cube == null) {
            cube = new Cube(allocate(file, where, cells * 2, ny + " x " + nx + " x " + out + " spectrum image"), false, ny, nx, out, lastFrame - firstFrame);
        }
        long framePixels = (long) ny * nx;
        long pixel = 0;
        int frame = 0;
        for (long i = 0; i < length; i++) {
            int v = value(stream, i);
            if (v == NEXT_PIXEL) {
                pixel++;
                if (pixel == framePixels) {
                    pixel = 0;
                    frame++;
                    if (frame >= lastFrame) {
                        break;
                    }
                }
                continue;
            }
            if (frame < firstFrame) {
                continue;
            }
            if (v >= channels) {
                throw new InvalidFileException(file, where + ": event in channel " + v + " at stream position " + i
                        + " but the acquisition has " + channels + " channels (corrupt stream)");
            }
            long cell = pixel * out + v / rebin;
            cube = increment(file, where, cube, cell);
        }
        return cube;
    }

    private static Cube increment(Path file, String where, Cube cube, long cell) throws InvalidFileException {
        if (!cube.wide()) {
            int c = cube.counts().getAtIndex(ValueLayout.JAVA_SHORT, cell) & 0xFFFF;
            if (c < 0xFFFF) {
                cube.counts().setAtIndex(ValueLayout.JAVA_SHORT, cell, (short) (c + 1));
                return cube;
            }
            cube = widen(file, where, cube);
        }
        int c = cube.counts().getAtIndex(ValueLayout.JAVA_INT, cell);
        cube.counts().setAtIndex(ValueLayout.JAVA_INT, cell, c + 1);
        return cube;
    }

    /**
     * The cube's zero-filled block: off-heap, or a scratch mapping when large ({@link FileMapping#allocateDecoded},
     * ADR 0017); a size that fits neither (a corrupt scan shape or bin count) is the file's fault.
     */
    private static MemorySegment allocate(Path file, String where, long bytes, String what) throws InvalidFileException {
        try {
            return FileMapping.allocateDecoded(file, bytes);
        } catch (IOException | OutOfMemoryError e) {
            throw new InvalidFileException(file, where + ": a " + what + " of " + bytes + " bytes fits neither in memory nor in scratch space ("
                    + String.valueOf(e.getMessage()).replace(file + ": ", "") + ")", e);
        }
    }

    /** A count passed 65535: the cube moves to 32-bit counts (HyperSpy would wrap around in uint16). */
    private static Cube widen(Path file, String where, Cube cube) throws InvalidFileException {
        long cells = cube.counts().byteSize() / 2;
        MemorySegment wide = allocate(file, where, cells * 4, "32-bit spectrum image");
        for (long k = 0; k < cells; k++) {
            wide.setAtIndex(ValueLayout.JAVA_INT, k, cube.counts().getAtIndex(ValueLayout.JAVA_SHORT, k) & 0xFFFF);
        }
        return new Cube(wide, true, cube.ny(), cube.nx(), cube.channels(), cube.frames());
    }

}
