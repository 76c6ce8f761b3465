package tessera.io.bruker.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import tessera.core.io.InvalidFileException;

/**
 * Reader of the AidAim "Single File System" (SFS) container that a Bruker {@code .bcf}
 * file is: a virtual file system stored in fixed-size chunks of one host file.
 *
 * <p><b>Layout</b> (little-endian), as documented by the readers of HyperSpy 1.7.3
 * ({@code hyperspy/io_plugins/bruker.py}, classes {@code SFS_reader}, {@code SFSTreeItem})
 * and RosettaSciIO ({@code rsciio/bruker/_api.py}); this is an independent
 * implementation:
 * <ul>
 * <li>bytes 0..7: {@code "AAMVHFSS"}; at 0x124: version (float32, 2.40 in BCF v1, 2.60
 * in v2) and the chunk size (uint32); at 0x140: the chunk index of the file tree, the
 * number of tree items and the number of chunks (uint32 each);</li>
 * <li>chunk {@code k} starts at {@code 0x118 + k*chunkSize}: 4 bytes holding the index
 * of the next chunk of a chained table, 28 further header bytes, then
 * {@code chunkSize - 32} usable bytes;</li>
 * <li>the file tree: {@code nItems} records of 512 bytes, in the chain of chunks that
 * starts at the tree chunk: int32 index of the chunk holding the file's pointer table,
 * uint64 size, three FILETIME stamps, uint32 permissions, int32 parent item (-1 for
 * the root), 176 reserved bytes, a directory flag byte, 3 bytes, a 256-byte
 * NUL-padded UTF-8 name and 32 reserved bytes;</li>
 * <li>a file's pointer table: one uint32 chunk index per usable-size piece of the file,
 * itself chained over chunks when longer than one chunk;</li>
 * <li>zlib compression: a file whose content starts with {@code "AACS"} holds a
 * 0x80-byte compression header (signature, uncompressed block size, unknown, number of
 * blocks) and then blocks, each a 16-byte header (compressed size first) followed by a
 * zlib stream that inflates to at most the block size. Compression is detected per
 * file here (HyperSpy decides once from the first file; real files agree).</li>
 * </ul>
 *
 * <p>Every index and size read from the container is checked against the host file
 * size before it is used; a bad one is an {@link InvalidFileException} naming the file.
 * Instances hold an open channel: close them.
 */
public final class SfsContainer implements AutoCloseable {
    /** the magic bytes at the start of an SFS container */
    public static final byte[] MAGIC = "AAMVHFSS".getBytes(StandardCharsets.ISO_8859_1);
    private static final int CHUNK_HEAD = 0x118;
    private static final int ITEM = 0x200;
    /** inflated size a single block may not exceed, whatever the header says */
    private static final long MAX_BLOCK = 1L << 28;

    private final Path file;
    private final FileChannel ch;
    private final long fileSize;
    private final int chunkSize;
    private final int usable;
    private final long nChunks;
    private final float version;
    private final Map<String, Entry> files = new LinkedHashMap<>();

    /**
     * One file of the container.
     *
     * @param path       slash-separated path inside the container
     * @param size       size in bytes as stored (compressed size for zlib files)
     * @param pieces     host-file offset of each usable-size piece
     */
    public record Entry(String path, long size, long[] pieces) {
    }

    /**
     * Opens a container and reads its file tree.
     *
     * @param file the host file
     * @throws InvalidFileException if it is not an SFS container or its header or tree is corrupt
     * @throws IOException on an I/O error
     */
    public SfsContainer(Path file) throws IOException {
        this.file = file;
        this.ch = FileChannel.open(file, StandardOpenOption.READ);
        boolean ok = false;
        try {
            this.fileSize = ch.size();
            ByteBuffer h = read(0, (int) Math.min(fileSize, 0x14C), "header");
            byte[] magic = new byte[8];
            if (fileSize < 8) {
                throw Errors.invalid(file, "not a Bruker BCF/SFS container (" + fileSize + " bytes, no \"AAMVHFSS\" signature)");
            }
            h.get(0, magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw Errors.invalid(file, "not a Bruker BCF/SFS container (no \"AAMVHFSS\" signature at the start)");
            }
            if (fileSize < 0x14C) {
                throw Errors.invalid(file, "truncated SFS header (" + fileSize + " bytes, at least 332 needed)");
            }
            version = h.getFloat(0x124);
            long cs = Integer.toUnsignedLong(h.getInt(0x128));
            if (cs < 0x220 || cs > (1 << 24)) {
                throw Errors.invalid(file, "corrupt SFS header: chunk size " + cs + " outside 544..16777216");
            }
            chunkSize = (int) cs;
            usable = chunkSize - 32;
            long treeChunk = Integer.toUnsignedLong(h.getInt(0x140));
            long nItems = Integer.toUnsignedLong(h.getInt(0x144));
            nChunks = (fileSize - CHUNK_HEAD) / chunkSize + ((fileSize - CHUNK_HEAD) % chunkSize > 0 ? 1 : 0);
            if (nItems == 0) {
                throw Errors.invalid(file, "corrupt SFS header: the file tree has no items");
            }
            InvalidFileException.checkPayload(file, nItems * ITEM, nChunks * (long) usable);
            byte[] tree = readChain(treeChunk, nItems * ITEM, (usable / ITEM) * ITEM, "file tree");
            buildTree(tree, (int) nItems);
            ok = true;
        } finally {
            if (!ok) {
                ch.close();
            }
        }
    }

    /** @return the SFS version number of the header (2.4 or 2.6 in known files) */
    public float version() {
        return version;
    }

    /** @return the paths of all files (not directories), in tree order */
    public Set<String> paths() {
        return Collections.unmodifiableSet(files.keySet());
    }

    /** @return the entry of a path, or null */
    public Entry entry(String path) {
        return files.get(path);
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }

    private ByteBuffer read(long pos, int len, String what) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            int n = ch.read(b, pos + b.position());
            if (n < 0) {
                throw Errors.invalid(file, "truncated: " + what + " at offset " + pos + " needs " + len + " bytes, the file has "
                        + fileSize);
            }
        }
        b.flip();
        return b;
    }

    private long chunkStart(long index, String what) throws InvalidFileException {
        if (index < 0 || index >= nChunks) {
            throw Errors.invalid(file, "corrupt SFS " + what + ": chunk index " + index + " outside the file (" + nChunks
                    + " chunks)");
        }
        return CHUNK_HEAD + index * chunkSize;
    }

    /**
     * Reads {@code total} bytes of a table chained over chunks: each chunk's first 4 bytes
     * name the next chunk, {@code perChunk} bytes of its usable area hold the table.
     */
    private byte[] readChain(long first, long total, int perChunk, String what) throws IOException {
        byte[] out = new byte[(int) total];
        long next = first;
        int done = 0;
        Set<Long> seen = new HashSet<>();
        while (done < total) {
            if (!seen.add(next)) {
                throw Errors.invalid(file, "corrupt SFS " + what + ": chunk chain loops at chunk " + next);
            }
            long start = chunkStart(next, what);
            int n = (int) Math.min(perChunk, total - done);
            if (total - done > perChunk) {
                ByteBuffer hb = read(start, 4, what);
                next = Integer.toUnsignedLong(hb.getInt(0));
            }
            ByteBuffer b = read(start + 32, n, what);
            b.get(out, done, n);
            done += n;
        }
        return out;
    }

    private void buildTree(byte[] tree, int n) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(tree).order(ByteOrder.LITTLE_ENDIAN);
        String[] names = new String[n];
        int[] parents = new int[n];
        boolean[] dir = new boolean[n];
        long[] sizes = new long[n];
        long[] tables = new long[n];
        for (int i = 0; i < n; i++) {
            int o = i * ITEM;
            tables[i] = Integer.toUnsignedLong(b.getInt(o));
            sizes[i] = b.getLong(o + 4);
            parents[i] = b.getInt(o + 0x28);
            dir[i] = b.get(o + 0xDC) != 0;
            int e = o + 0xE0;
            int end = e;
            while (end < e + 256 && tree[end] != 0) {
                end++;
            }
            names[i] = new String(tree, e, end - e, StandardCharsets.UTF_8);
            if (parents[i] < -1 || parents[i] >= n || parents[i] == i) {
                throw Errors.invalid(file, "corrupt SFS file tree: item " + i + " has parent " + parents[i]);
            }
        }
        for (int i = 0; i < n; i++) {
            if (dir[i]) {
                continue;
            }
            StringBuilder p = new StringBuilder(names[i]);
            int k = parents[i];
            int steps = 0;
            while (k != -1) {
                if (++steps > n) {
                    throw Errors.invalid(file, "corrupt SFS file tree: the parents of item " + i + " form a loop");
                }
                p.insert(0, names[k] + "/");
                k = parents[k];
            }
            long size = sizes[i];
            InvalidFileException.checkPayload(file, size, nChunks * (long) usable);
            long nPieces = (size + usable - 1) / usable;
            long perTable = usable / 4;
            byte[] table = nPieces == 0 ? new byte[0] : readChain(tables[i], nPieces * 4, (int) (perTable * 4), "pointer table of " + p);
            ByteBuffer tb = ByteBuffer.wrap(table).order(ByteOrder.LITTLE_ENDIAN);
            long[] pieces = new long[(int) nPieces];
            for (int j = 0; j < nPieces; j++) {
                pieces[j] = chunkStart(Integer.toUnsignedLong(tb.getInt(j * 4)), "pointer table of " + p) + 32;
            }
            files.put(p.toString(), new Entry(p.toString(), size, pieces));
        }
    }

    /**
     * Opens the stored bytes of a file (as in the container, without decompression).
     *
     * @param e the entry
     * @return a stream of exactly {@code e.size()} bytes; a short host file is an {@link InvalidFileException}
     */
    public InputStream openRaw(Entry e) {
        return new RawStream(e);
    }

    /**
     * Opens the content of a file, inflating it when it is zlib-compressed ({@code AACS}).
     *
     * @param e the entry
     * @return the content stream; corrupt compression headers or streams raise {@link InvalidFileException} when read
     * @throws IOException on an I/O error or a corrupt compression header
     */
    public InputStream open(Entry e) throws IOException {
        if (e.size() >= 16) {
            ByteBuffer h = ByteBuffer.wrap(new RawStream(e).readNBytes(16)).order(ByteOrder.LITTLE_ENDIAN);
            if (h.getInt(0) == 0x53434141) { // "AACS"
                long blockSize = Integer.toUnsignedLong(h.getInt(4));
                long nBlocks = Integer.toUnsignedLong(h.getInt(12));
                if (blockSize == 0 || blockSize > MAX_BLOCK) {
                    throw Errors.invalid(file, "corrupt zlib header of " + e.path() + ": block size " + blockSize);
                }
                if (nBlocks > e.size() / 16) {
                    throw Errors.invalid(file, "corrupt zlib header of " + e.path() + ": " + nBlocks + " blocks in "
                            + e.size() + " bytes");
                }
                RawStream raw = new RawStream(e);
                raw.skipExactly(0x80);
                return new InflatingStream(e, raw, (int) blockSize, nBlocks);
            }
        }
        return new RawStream(e);
    }

    /**
     * Reads a whole file into memory (inflated).
     *
     * @param e     the entry
     * @param limit the most bytes accepted
     * @return the content
     * @throws IOException on an I/O error, corrupt data, or content over {@code limit}
     */
    public byte[] readAll(Entry e, int limit) throws IOException {
        try (InputStream in = open(e)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(limit, Math.max(e.size(), 1024)));
            byte[] buf = new byte[1 << 16];
            int n;
            long total = 0;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > limit) {
                    throw Errors.invalid(file, e.path() + " inflates to more than " + limit + " bytes");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    /** The stored bytes of one file, read piece by piece with positional reads. */
    private final class RawStream extends InputStream {
        private final Entry e;
        private long pos;

        RawStream(Entry e) {
            this.e = e;
        }

        void skipExactly(long n) throws IOException {
            if (pos + n > e.size()) {
                throw Errors.invalid(file, "truncated " + e.path());
            }
            pos += n;
        }

        @Override
        public int read() throws IOException {
            byte[] b = new byte[1];
            return read(b, 0, 1) <= 0 ? -1 : b[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (pos >= e.size()) {
                return -1;
            }
            int piece = (int) (pos / usable);
            int inPiece = (int) (pos % usable);
            int n = (int) Math.min(Math.min(len, usable - inPiece), e.size() - pos);
            ByteBuffer bb = ByteBuffer.wrap(b, off, n);
            long at = e.pieces()[piece] + inPiece;
            while (bb.hasRemaining()) {
                int r = ch.read(bb, at + (bb.position() - off));
                if (r < 0) {
                    throw Errors.invalid(file, "truncated: " + e.path() + " continues past the end of the file (offset " + at
                            + ", file size " + fileSize + ")");
                }
            }
            pos += n;
            return n;
        }
    }

    /** The inflated content of a zlib-compressed (AACS) file, one block at a time. */
    private final class InflatingStream extends InputStream {
        private final Entry e;
        private final RawStream raw;
        private final long nBlocks;
        private long block;
        private final byte[] out;
        private int outPos;
        private int outLen;
        private final Inflater inf = new Inflater();

        InflatingStream(Entry e, RawStream raw, int blockSize, long nBlocks) {
            this.e = e;
            this.raw = raw;
            this.nBlocks = nBlocks;
            this.out = new byte[blockSize];
        }

        private boolean fill() throws IOException {
            while (outPos >= outLen) {
                if (block >= nBlocks) {
                    return false;
                }
                byte[] bh = raw.readNBytes(16);
                if (bh.length < 16) {
                    throw Errors.invalid(file, "truncated zlib block " + block + " of " + e.path());
                }
                long csize = Integer.toUnsignedLong(ByteBuffer.wrap(bh).order(ByteOrder.LITTLE_ENDIAN).getInt(0));
                if (csize > e.size() - raw.pos) {
                    throw Errors.invalid(file, "corrupt zlib block " + block + " of " + e.path() + ": " + csize
                            + " compressed bytes claimed, " + (e.size() - raw.pos) + " left");
                }
                byte[] c = raw.readNBytes((int) csize);
                inf.reset();
                inf.setInput(c);
                int n = 0;
                try {
                    while (!inf.finished()) {
                        if (n == out.length) {
                            // an extra byte beyond the block size means a corrupt stream
                            byte[] probe = new byte[1];
                            if (inf.inflate(probe) > 0) {
                                throw Errors.invalid(file, "corrupt zlib block " + block + " of " + e.path()
                                        + ": inflates beyond the block size " + out.length);
                            }
                            break;
                        }
                        int r = inf.inflate(out, n, out.length - n);
                        n += r;
                        if (r == 0 && (inf.needsInput() || inf.needsDictionary())) {
                            throw Errors.invalid(file, "corrupt zlib block " + block + " of " + e.path()
                                    + ": truncated deflate stream");
                        }
                    }
                } catch (DataFormatException ex) {
                    throw Errors.invalid(file, "corrupt zlib block " + block + " of " + e.path() + ": " + ex.getMessage(), ex);
                }
                block++;
                outPos = 0;
                outLen = n;
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            return out[outPos++] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, outLen - outPos);
            System.arraycopy(out, outPos, b, off, n);
            outPos += n;
            return n;
        }

        @Override
        public void close() {
            inf.end();
        }
    }
}
