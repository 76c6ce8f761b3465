package tessera.core.model;

/**
 * Typed view of a single spectrum: a {@link Dataset} with no navigation axis and one
 * signal axis.
 *
 * @param dataset the viewed dataset
 */
public record Spectrum(Dataset dataset) {

    /** @throws IllegalArgumentException unless the dataset is one signal axis and nothing else */
    public Spectrum {
        if (dataset.rank() != 1 || dataset.navigationDimension() != 0) {
            throw new IllegalArgumentException("not a single spectrum: " + dataset);
        }
    }

    /** @return the energy axis */
    public Axis energyAxis() {
        return dataset.axis(0);
    }

    /** @return the counts, length {@code energyAxis().size()} */
    public double[] values() {
        return dataset.toDoubleArray();
    }
}
