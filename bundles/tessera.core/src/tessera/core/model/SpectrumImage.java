package tessera.core.model;

/**
 * Typed view of a {@link Dataset} with one signal axis (energy) and one or two navigation
 * axes: a spectrum image {@code [y, x, E]} or a spectrum line (line scan) {@code [x, E]}.
 *
 * @param dataset the viewed dataset
 */
public record SpectrumImage(Dataset dataset) {

    /**
     * @throws IllegalArgumentException unless the dataset has exactly one signal axis and one or two navigation axes
     */
    public SpectrumImage {
        if (dataset.signalAxes().size() != 1 || dataset.navigationDimension() < 1 || dataset.navigationDimension() > 2) {
            throw new IllegalArgumentException("not a spectrum image or line: " + dataset);
        }
    }

    /** @return the energy axis (eV for EELS, keV for EDX) */
    public Axis energyAxis() {
        return dataset.signalAxes().get(0);
    }

    /** @return number of energy channels */
    public int channels() {
        return energyAxis().size();
    }

    /** @return true for a line scan (one navigation axis) */
    public boolean isLine() {
        return dataset.navigationDimension() == 1;
    }

    /** @return the x (fast) navigation axis */
    public Axis xAxis() {
        return dataset.navigationAxes().get(dataset.navigationDimension() - 1);
    }

    /** @return the y navigation axis, or null for a line scan */
    public Axis yAxis() {
        return isLine() ? null : dataset.navigationAxes().get(0);
    }

    /** @return number of pixels along x */
    public int width() {
        return xAxis().size();
    }

    /** @return number of pixels along y (1 for a line scan) */
    public int height() {
        return isLine() ? 1 : yAxis().size();
    }

    /**
     * Copies the spectrum at pixel (x, y) into {@code out}.
     *
     * @param x   column, {@code [0, width)}
     * @param y   row, {@code [0, height)} (0 for a line scan)
     * @param out destination of length {@code >= channels()}
     * @return {@code out}
     */
    public float[] spectrum(int x, int y, float[] out) {
        dataset.readSpectra((long) y * width() + x, 1, out, 0);
        return out;
    }
}
