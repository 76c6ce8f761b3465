package tessera.report;

import java.util.Objects;

import tessera.core.model.Dataset;

/**
 * A projection of the positions onto a few coordinates (classical or metric MDS, Fisher LDA) shown in the report: a
 * scatter of the first two coordinates coloured by the clusters, and each coordinate as a map (or profile).
 *
 * @param label       display name, also the stem of the image file names, e.g. {@code "MDS"}
 * @param coordinates {@code [navigation axes..., m]}: m coordinates per position, the navigation axes calibrated
 * @param labels      cluster of each position (flat, row-major; −1 = noise), for the colours
 * @param k           number of clusters
 */
public record ProjectionSection(String label, Dataset coordinates, int[] labels, int k) {
    /** @throws NullPointerException if an argument is null; IllegalArgumentException if the labels do not match */
    public ProjectionSection {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(coordinates, "coordinates");
        Objects.requireNonNull(labels, "labels");
        if (labels.length != coordinates.navigationSize()) {
            throw new IllegalArgumentException(labels.length + " labels for the " + coordinates.navigationSize() + " positions of projection " + label);
        }
    }
}
