package tessera.core.model;

/**
 * Typed view of an image or an image series: two signal axes {@code [y, x]} and zero or
 * one navigation axis (frame/time), shape {@code [n, ny, nx]} or {@code [ny, nx]}.
 *
 * @param dataset the viewed dataset
 */
public record ImageStack(Dataset dataset) {

    /** @throws IllegalArgumentException unless the dataset has two signal axes and at most one navigation axis */
    public ImageStack {
        if (dataset.signalAxes().size() != 2 || dataset.navigationDimension() > 1) {
            throw new IllegalArgumentException("not an image or image stack: " + dataset);
        }
    }

    /** @return number of frames (1 for a single image) */
    public int frames() {
        return dataset.navigationDimension() == 0 ? 1 : dataset.navigationAxes().get(0).size();
    }

    /** @return the y (row) axis */
    public Axis yAxis() {
        return dataset.signalAxes().get(0);
    }

    /** @return the x (column) axis */
    public Axis xAxis() {
        return dataset.signalAxes().get(1);
    }

    /**
     * Copies one frame.
     *
     * @param frame frame index, {@code [0, frames())}
     * @return pixels row-major, length {@code ny*nx}
     */
    public float[] frame(int frame) {
        float[] out = new float[dataset.signalSize()];
        dataset.readSpectra(frame, 1, out, 0);
        return out;
    }
}
