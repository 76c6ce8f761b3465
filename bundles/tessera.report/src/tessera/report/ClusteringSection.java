package tessera.report;

import java.util.List;
import java.util.Objects;

import tessera.core.analysis.ClusterResult;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;

/**
 * One clustering (segmentation) shown in the report: the label of every navigation position (a categorical
 * cluster map with a legend for 2-D navigation, a label profile for a line scan; noise positions of a
 * density-based method in grey), the mean and standard-deviation spectrum of each cluster against the
 * calibrated signal axis, membership-probability and outlier-score maps when the method gives them, the
 * 2-D embedding the clustering ran on as a scatter plot coloured by cluster, and the number-of-clusters curve
 * when k was estimated.
 *
 * @param label            display name, also used in image file names, e.g. {@code "k-means"}
 * @param algorithmId      contribution id of the clusterer, e.g. {@code "tessera.cluster.kmeans"}
 * @param result           the clustering; {@code labels} are flat row-major navigation indices
 * @param navigationAxes   navigation axes of the clustered dataset in array order ({@code [y, x]},
 *                         {@code [x]} or empty); the product of their sizes equals the number of labels
 * @param energyAxis       the signal axis of the mean spectra (calibrated energy)
 * @param meanSpectra      cluster-mean spectra {@code [k][energyAxis.size()]} (NaN for an empty cluster)
 * @param stdSpectra       cluster standard-deviation spectra (population, ddof 0) {@code [k][energyAxis.size()]}, or null
 * @param embedding        the low-dimensional embedding the clustering ran on (e.g. UMAP), {@code [n][m]} with
 *                         m ≥ 2 (the first two coordinates are plotted), or null
 * @param numberOfClusters the estimate of k shown as a curve, or null
 */
public record ClusteringSection(String label, String algorithmId, ClusterResult result, List<Axis> navigationAxes, Axis energyAxis,
        double[][] meanSpectra, double[][] stdSpectra, double[][] embedding, ClusterNumberCurve numberOfClusters) {

    /**
     * @throws IllegalArgumentException if the label count does not match the navigation axes, the mean (or standard
     *                                  deviation) spectra do not have shape {@code [k][energyAxis.size()]}, or the
     *                                  embedding does not have one row of at least two coordinates per label
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
        checkSpectra("mean", meanSpectra, result.k(), energyAxis.size());
        if (stdSpectra != null) {
            checkSpectra("standard-deviation", stdSpectra, result.k(), energyAxis.size());
        }
        if (embedding != null && (embedding.length != n || (n > 0 && embedding[0].length < 2))) {
            throw new IllegalArgumentException("embedding of " + embedding.length + " rows for " + n + " positions (at least 2 coordinates each)");
        }
    }

    /**
     * A section with mean spectra only (no standard deviation, embedding or number-of-clusters curve).
     *
     * @param label          display name
     * @param algorithmId    clusterer contribution id
     * @param result         the clustering
     * @param navigationAxes navigation axes
     * @param energyAxis     signal axis
     * @param meanSpectra    {@code [k][energyAxis.size()]}
     */
    public ClusteringSection(String label, String algorithmId, ClusterResult result, List<Axis> navigationAxes, Axis energyAxis,
            double[][] meanSpectra) {
        this(label, algorithmId, result, navigationAxes, energyAxis, meanSpectra, null, null, null);
    }

    private static void checkSpectra(String what, double[][] s, int k, int nE) {
        if (s.length != k) {
            throw new IllegalArgumentException(s.length + " " + what + " spectra for " + k + " clusters");
        }
        for (double[] m : s) {
            if (m.length != nE) {
                throw new IllegalArgumentException(what + " spectrum of length " + m.length + " for an energy axis of " + nE);
            }
        }
    }

    /**
     * Builds the section from the clustered dataset: navigation axes, its single signal axis (or an uncalibrated
     * channel axis when there are several), the cluster mean and standard-deviation spectra.
     *
     * @param label            display name
     * @param algorithmId      clusterer contribution id
     * @param result           the clustering of {@code data}'s navigation positions
     * @param data             the clustered dataset (e.g. the spectrum image, axes {@code [y, x, E]})
     * @param embedding        the embedding the clustering ran on {@code [n][m]}, or null
     * @param numberOfClusters the estimate of k, or null
     * @return the section
     * @throws IllegalArgumentException if the labels do not match the navigation size
     */
    public static ClusteringSection of(String label, String algorithmId, ClusterResult result, Dataset data, double[][] embedding,
            ClusterNumberCurve numberOfClusters) {
        List<Axis> sig = data.signalAxes();
        Axis e = sig.size() == 1 ? sig.get(0) : Axis.uncalibrated("channel", data.signalSize(), false);
        double[][][] ms = spectraStatistics(data, result.labels(), result.k());
        return new ClusteringSection(label, algorithmId, result, data.navigationAxes(), e, ms[0], ms[1], embedding, numberOfClusters);
    }

    /**
     * {@link #of(String, String, ClusterResult, Dataset, double[][], ClusterNumberCurve)} without embedding and curve.
     *
     * @param label       display name
     * @param algorithmId clusterer contribution id
     * @param result      the clustering of {@code data}'s navigation positions
     * @param data        the clustered dataset
     * @return the section
     * @throws IllegalArgumentException if the labels do not match the navigation size
     */
    public static ClusteringSection of(String label, String algorithmId, ClusterResult result, Dataset data) {
        return of(label, algorithmId, result, data, null, null);
    }

    /**
     * Mean signal of each cluster, streaming the dataset spectrum by spectrum; noise positions
     * ({@link ClusterResult#NOISE}) are left out.
     *
     * @param data   dataset with {@code labels.length == data.navigationSize()}
     * @param labels cluster per navigation position (flat row-major), in {@code [0, k)} or {@code -1}
     * @param k      number of clusters
     * @return {@code [k][data.signalSize()]}; an empty cluster's row is NaN
     * @throws IllegalArgumentException if the sizes do not match or a label is outside {@code [-1, k)}
     */
    public static double[][] meanSpectra(Dataset data, int[] labels, int k) {
        return spectraStatistics(data, labels, k)[0];
    }

    /**
     * Mean and standard deviation (population, ddof 0, as numpy's {@code std}) of the signal of each cluster, in
     * one streaming pass (accumulated in double precision, shifted by the first spectrum of each cluster so that
     * the variance does not cancel); noise positions ({@link ClusterResult#NOISE}) are left out.
     *
     * @param data   dataset with {@code labels.length == data.navigationSize()}
     * @param labels cluster per navigation position (flat row-major), in {@code [0, k)} or {@code -1}
     * @param k      number of clusters
     * @return {@code {mean, std}}, each {@code [k][data.signalSize()]} in the data's units; an empty cluster's rows are NaN
     * @throws IllegalArgumentException if the sizes do not match or a label is outside {@code [-1, k)}
     */
    public static double[][][] spectraStatistics(Dataset data, int[] labels, int k) {
        if (labels.length != data.navigationSize()) {
            throw new IllegalArgumentException(labels.length + " labels for " + data.navigationSize() + " navigation positions");
        }
        int nE = data.signalSize();
        double[][] shift = new double[k][];
        double[][] sum = new double[k][nE];
        double[][] sq = new double[k][nE];
        long[] count = new long[k];
        int chunk = Math.max(1, Math.min(labels.length, (1 << 20) / Math.max(1, nE)));
        float[] buf = new float[chunk * nE];
        for (int first = 0; first < labels.length; first += chunk) {
            int c = Math.min(chunk, labels.length - first);
            data.readSpectra(first, c, buf, 0);
            for (int p = 0; p < c; p++) {
                int l = labels[first + p];
                if (l == ClusterResult.NOISE) {
                    continue;
                }
                if (l < 0 || l >= k) {
                    throw new IllegalArgumentException("label " + l + " at position " + (first + p) + " is outside [-1, " + k + ")");
                }
                if (shift[l] == null) {
                    shift[l] = new double[nE];
                    for (int j = 0; j < nE; j++) {
                        shift[l][j] = buf[p * nE + j];
                    }
                }
                count[l]++;
                double[] s = sum[l];
                double[] q = sq[l];
                double[] z = shift[l];
                for (int j = 0; j < nE; j++) {
                    double d = buf[p * nE + j] - z[j];
                    s[j] += d;
                    q[j] += d * d;
                }
            }
        }
        double[][] std = new double[k][nE];
        for (int l = 0; l < k; l++) {
            for (int j = 0; j < nE; j++) {
                if (count[l] == 0) {
                    sum[l][j] = Double.NaN;
                    std[l][j] = Double.NaN;
                } else {
                    double m = sum[l][j] / count[l];
                    std[l][j] = Math.sqrt(Math.max(0, sq[l][j] / count[l] - m * m));
                    sum[l][j] = m + shift[l][j];
                }
            }
        }
        return new double[][][] {sum, std};
    }
}
