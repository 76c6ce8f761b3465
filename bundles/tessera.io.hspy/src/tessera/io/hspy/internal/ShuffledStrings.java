package tessera.io.hspy.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import io.jhdf.GlobalHeap;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.filter.PipelineFilterWithData;
import io.jhdf.object.datatype.VariableLength;

/**
 * Fallback decoder for small one-dimensional, chunked variable-length string datasets
 * compressed with the shuffle (id 2) and deflate (id 1) filters whose shuffle filter
 * carries no client data (h5py 3 / rosettasciio write {@code _list_elements} so). jHDF 0.13
 * needs the element size in the shuffle client data and fails on them; here the element
 * size is taken from the datatype (a global-heap ID: 4-byte length, 8-byte heap
 * collection address, 4-byte object index, HDF5 specification section IV.B "Variable-length
 * data" / III.E "Global Heap"), the chunk is inflated and un-shuffled, and each string is
 * fetched from the global heap through jHDF.
 */
final class ShuffledStrings {
    private ShuffledStrings() {
    }

    /**
     * @param ds dataset
     * @return the strings, or null when the dataset is not of the handled kind
     */
    static List<String> read(Dataset ds) {
        if (!(ds instanceof ChunkedDataset cd) || !(ds.getDataType() instanceof VariableLength vl) || !vl.isVariableLengthString()
                || ds.getDimensions().length != 1 || ds.getSize() > HdfTrees.MAX_METADATA_ARRAY) {
            return null;
        }
        List<PipelineFilterWithData> filters = ds.getFilters();
        for (PipelineFilterWithData f : filters) {
            if (f.getId() != 1 && f.getId() != 2) {
                return null;
            }
        }
        int elem = 16;
        int n = ds.getDimensions()[0];
        int chunk = cd.getChunkDimensions()[0];
        var storage = ((HdfFile) ds.getHdfFile()).getHdfBackingStorage();
        List<String> out = new ArrayList<>();
        for (int start = 0; start < n; start += chunk) {
            ByteBuffer raw = cd.getRawChunkBuffer(new int[] {start});
            byte[] bytes = new byte[raw.remaining()];
            raw.get(bytes);
            for (int k = filters.size() - 1; k >= 0; k--) {
                bytes = filters.get(k).getId() == 1 ? inflate(bytes) : unshuffle(bytes, elem);
            }
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < chunk && start + i < n; i++) {
                b.position(i * elem);
                int len = b.getInt();
                long address = b.getLong();
                int index = b.getInt();
                ByteBuffer obj = new GlobalHeap(storage, address).getObjectData(index);
                byte[] s = new byte[Math.min(len, obj.remaining())];
                obj.get(s);
                out.add(new String(s, vl.getEncoding() == null ? StandardCharsets.UTF_8 : vl.getEncoding()));
            }
        }
        return out;
    }

    private static byte[] inflate(byte[] in) {
        Inflater inf = new Inflater();
        try {
            inf.setInput(in);
            byte[] buf = new byte[Math.max(64, in.length * 4)];
            int total = 0;
            while (!inf.finished()) {
                if (total == buf.length) {
                    if (buf.length > (1 << 24)) {
                        throw new IllegalStateException("metadata chunk inflates beyond 16 MiB");
                    }
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                }
                int r = inf.inflate(buf, total, buf.length - total);
                if (r == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
                total += r;
            }
            return java.util.Arrays.copyOf(buf, total);
        } catch (DataFormatException e) {
            throw new IllegalStateException("corrupt deflate stream: " + e.getMessage(), e);
        } finally {
            inf.end();
        }
    }

    private static byte[] unshuffle(byte[] in, int elem) {
        int count = in.length / elem;
        byte[] out = in.clone();
        for (int byteIdx = 0; byteIdx < elem; byteIdx++) {
            for (int i = 0; i < count; i++) {
                out[i * elem + byteIdx] = in[byteIdx * count + i];
            }
        }
        return out;
    }
}
