package tessera.report;

import java.util.List;
import java.util.Objects;

import tessera.core.analysis.ClusterResult;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;

/**
 * One clustering shown in the report: the label of every navigation position (drawn as a
 * cluster map for 2-D navigation, a label profile for a line scan) and the mean spectrum of
 * each cluster against the energy axis, in the same class colours.
 *
 * @param label          display name, also used in image file names, e.g. {@code "k-means"}
 * @param algorithmId    contribution id of the clusterer, e.g. {@code "tessera.cluster.kmeans"}
 * @param result         the clustering; {@code labels} are flat row-major navigation indices
 * @param navigationAxes navigation axes of the clustered dataset in array order ({@code [y, x]},
 *                       {@code [x]} or empty); the product of their sizes equals the number of labels
 * @param energyAxis     the signal axis of the mean spectra (calibrated energy)
 * @param meanSpectra    cluster-mean spectra {@code [k][energyAxis.size()]} (NaN for an empty cluster)
 */
public record ClusteringSection(String label, String algorithmId, ClusterResult result, List<Axis> navigationAxes, Axis energyAxis,
        double[][] meanSpectra) {

    /**
     * @throws IllegalArgumentException if the label count does not match the navigation axes, or
     *                                  the mean spectra do not have shape {@code [k][energyAxis.size()]}
     */
    public ClusteringSection {
        Objects.requireNonNull(label, "label");
        algorithmId = algorithmId == null ? "" : algorithmId;
        Objects.requireNonNull(result, "result");
        navigationAxes = List.copyOf(navigationAxes);
        Objects.requireNonNull(energyAxis, "energyAxis");
        long n = 1;
        for (Axis a : navigationAxes) {
            n *= a.size();
        }
        if (result.labels().length != n) {
            throw new IllegalArgumentException(result.labels().length + " cluster labels for " + n + " navigation positions");
        }
        if (meanSpectra.length != result.k()) {
            throw new IllegalArgumentException(meanSpectra.length + " mean spectra for " + result.k() + " clusters");
        }
        for (double[] m : meanSpectra) {
            if (m.length != energyAxis.size()) {
                throw new IllegalArgumentException("mean spectrum of length " + m.length + " for an energy axis of " + energyAxis.size());
            }
        }
    }

    /**
     * Builds the section from the clustered dataset: navigation axes, its single signal axis (or
     * an uncalibrated channel axis when there are several) and the cluster-mean spectra.
     *
     * @param label       display name
     * @param algorithmId clusterer contribution id
     * @param result      the clustering of {@code data}'s navigation positions
     * @param data        the clustered dataset (e.g. the spectrum image, axes {@code [y, x, E]})
     * @return the section
     * @throws IllegalArgumentException if the labels do not match the navigation size
     */
    public static ClusteringSection of(String label, String algorithmId, ClusterResult result, Dataset data) {
        List<Axis> sig = data.signalAxes();
        Axis e = sig.size() == 1 ? sig.get(0) : Axis.uncalibrated("channel", data.signalSize(), false);
        if (result.labels().length != data.navigationSize()) {
            throw new IllegalArgumentException(result.labels().length + " cluster labels for " + data.navigationSize() + " navigation positions");
        }
        return new ClusteringSection(label, algorithmId, result, data.navigationAxes(), e, meanSpectra(data, result.labels(), result.k()));
    }

    /**
     * Mean signal of each cluster, streaming the dataset spectrum by spectrum.
     *
     * @param data   dataset with {@code labels.length == data.navigationSize()}
     * @param labels cluster per navigation position (flat row-major), in {@code [0, k)}
     * @param k      number of clusters
     * @return {@code [k][data.signalSize()]}; an empty cluster's row is NaN
     * @throws IllegalArgumentException if the sizes do not match or a label is outside {@code [0, k)}
     */
    public static double[][] meanSpectra(Dataset data, int[] labels, int k) {
        if (labels.length != data.navigationSize()) {
            throw new IllegalArgumentException(labels.length + " labels for " + data.navigationSize() + " navigation positions");
        }
        int nE = data.signalSize();
        double[][] sum = new double[k][nE];
        long[] count = new long[k];
        int chunk = Math.max(1, Math.min(labels.length, (1 << 20) / Math.max(1, nE)));
        float[] buf = new float[chunk * nE];
        for (int first = 0; first < labels.length; first += chunk) {
            int c = Math.min(chunk, labels.length - first);
            data.readSpectra(first, c, buf, 0);
            for (int p = 0; p < c; p++) {
                int l = labels[first + p];
                if (l < 0 || l >= k) {
                    throw new IllegalArgumentException("label " + l + " at position " + (first + p) + " is outside [0, " + k + ")");
                }
                count[l]++;
                double[] s = sum[l];
                for (int j = 0; j < nE; j++) {
                    s[j] += buf[p * nE + j];
                }
            }
        }
        for (int l = 0; l < k; l++) {
            for (int j = 0; j < nE; j++) {
                sum[l][j] = count[l] == 0 ? Double.NaN : sum[l][j] / count[l];
            }
        }
        return sum;
    }
}
