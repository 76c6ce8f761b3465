package tessera.core.io;

import java.util.List;

import tessera.core.model.Axis;
import tessera.core.model.DType;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;

/**
 * What a file says about one of its datasets without its values: element type, calibrated axes (navigation first,
 * signal last, as the dataset would have them) and metadata. {@code tessera info} and the workbench's list of a file's
 * datasets show these; a reader gives them through {@link DatasetReader#describe}, which for large files need not
 * decode a single value.
 *
 * @param dtype    element type the values would be read as
 * @param axes     the axes, in array order
 * @param metadata the metadata (HyperSpy's keys and the original metadata)
 */
public record DatasetHeader(DType dtype, List<Axis> axes, Metadata metadata) {
    /** Keeps an unmodifiable copy of the axes. */
    public DatasetHeader {
        axes = List.copyOf(axes);
    }

    /**
     * @param d a dataset
     * @return its header (type, axes and metadata of the dataset itself)
     */
    public static DatasetHeader of(Dataset d) {
        return new DatasetHeader(d.dtype(), d.axes(), d.metadata());
    }

    /** @return the size of every axis, in array order */
    public int[] shape() {
        int[] s = new int[axes.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = axes.get(i).size();
        }
        return s;
    }
}
