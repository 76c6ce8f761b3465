package tessera.script.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.graalvm.polyglot.HostAccess.Export;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * What {@link Signal#decomposition}, {@link Signal#blind_source_separation}, {@link Signal#cluster_analysis} and
 * {@link Signal#unmix} leave on a signal, as HyperSpy's {@code learning_results}: the factors (spectra,
 * {@code [k, signal axes...]}) and loadings (maps, {@code [k, navigation axes...]}) of the last decomposition with
 * its auxiliary results (endmember pixels, residual and χ² maps, entropy, ...), the separated components and
 * unmixing matrix of the last blind source separation (HyperSpy's {@code bss_factors}, {@code bss_loadings},
 * {@code unmixing_matrix}), the labels of the last cluster analysis and the last abundance estimate.
 */
public final class LearningResults {
    /** extension id of the decomposition, e.g. {@code tessera.decompose.nmf} */
    @Export
    public final String algorithm;
    /** number of components k */
    @Export
    public final int output_dimension;
    /** factors {@code [k, signal axes...]} */
    @Export
    public final Signal factors;
    /** loadings {@code [k, navigation axes as signal axes]} */
    @Export
    public final Signal loadings;
    /** explained variance ratio per component (PCA), or null */
    @Export
    public final double[] explained_variance_ratio;
    /**
     * the decomposition's auxiliary results by snake_case name (e.g. {@code endmember_pixels}, {@code residual},
     * {@code reduced_chi_square}, {@code entropy}): JavaScript {@code lr.auxiliary.residual}, Python
     * {@code lr.auxiliary["residual"]} (a dict); empty for PCA and NMF
     */
    @Export
    public final Object auxiliary;
    /** the names of {@link #auxiliary}, in the method's order */
    @Export
    public final String[] auxiliary_names;
    /** extension id of the last blind source separation, or null */
    @Export
    public String bss_algorithm;
    /** separated factors {@code [N, signal axes...]} of the last blind source separation, or null */
    @Export
    public Signal bss_factors;
    /** separated loadings {@code [N, navigation axes as signal axes]} of the last blind source separation, or null */
    @Export
    public Signal bss_loadings;
    /** the unmixing matrix {@code [N, N]} (float64) of the last blind source separation, or null */
    @Export
    public Signal unmixing_matrix;
    /** the last abundance estimate ({@link Signal#unmix}), or null */
    @Export
    public UnmixingResults unmixing;
    /** the discriminant directions {@code [m, d]} of the last {@code lda}, on the feature axis, or null */
    @Export
    public Signal lda_directions;
    /** cluster label per navigation position (int32 map), or null before {@code cluster_analysis} */
    @Export
    public Signal cluster_labels;
    /** number of clusters of the last cluster analysis, 0 before it */
    @Export
    public int number_of_clusters;
    /** extension id of the last cluster analysis, or null */
    @Export
    public String cluster_algorithm;

    /** criterion of the last {@code estimate_number_of_clusters} ({@code "gap"}, {@code "elbow"}, {@code "silhouette"}), or null */
    @Export
    public String cluster_metric;
    /** numbers of clusters tried by the last {@code estimate_number_of_clusters}, or null */
    @Export
    public int[] cluster_metric_index;
    /** the criterion at each of {@link #cluster_metric_index}, or null */
    @Export
    public double[] cluster_metric_data;
    /** number of clusters chosen by the last {@code estimate_number_of_clusters}, 0 before it */
    @Export
    public int estimated_number_of_clusters;

    /** Results of a cluster analysis on the signal itself, without a decomposition (the decomposition fields are null). */
    LearningResults() {
        this(null, 0, null, null, null, Map.of());
    }

    LearningResults(String algorithm, int k, Signal factors, Signal loadings, double[] evr, Map<String, Signal> auxiliary) {
        this.algorithm = algorithm;
        this.output_dimension = k;
        this.factors = factors;
        this.loadings = loadings;
        this.explained_variance_ratio = evr;
        this.auxiliaryByName = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(auxiliary));
        this.auxiliary = proxy(auxiliary);
        this.auxiliary_names = auxiliary.keySet().toArray(String[]::new);
    }

    private final Map<String, Signal> auxiliaryByName;

    /**
     * @param name an auxiliary name of {@link #auxiliary_names}
     * @return that result of the last decomposition
     * @throws IllegalStateException    if no decomposition was run
     * @throws IllegalArgumentException if the decomposition gave no result of that name (the message lists the names)
     */
    @Export
    public Signal get_auxiliary(String name) {
        if (algorithm == null) {
            throw new IllegalStateException("no decomposition yet: call decomposition(...) first");
        }
        return lookup(auxiliaryByName, name, algorithm);
    }

    static Signal lookup(Map<String, Signal> m, String name, String algorithm) {
        Signal s = m.get(name);
        if (s == null) {
            throw new IllegalArgumentException(algorithm + " gave no auxiliary result '" + name + "'; it gave " + m.keySet());
        }
        return s;
    }

    /** @return a read-only guest object whose members are the map's entries */
    static Object proxy(Map<String, Signal> m) {
        Map<String, Object> copy = new LinkedHashMap<>(m);
        ProxyObject inner = ProxyObject.fromMap(copy);
        return new ProxyObject() {
            @Override
            public Object getMember(String key) {
                return inner.getMember(key);
            }

            @Override
            public Object getMemberKeys() {
                return inner.getMemberKeys();
            }

            @Override
            public boolean hasMember(String key) {
                return inner.hasMember(key);
            }

            @Override
            public void putMember(String key, org.graalvm.polyglot.Value value) {
                throw new UnsupportedOperationException("auxiliary results are read-only (cannot set '" + key + "')");
            }

            @Override
            public String toString() {
                return copy.keySet().toString();
            }
        };
    }

    /**
     * @param camel an auxiliary name of {@link tessera.core.analysis.DecompositionResult} ({@code reducedChiSquare})
     * @return the script's name ({@code reduced_chi_square}; {@code loadingsLow95} becomes {@code loadings_low95})
     */
    static String snake(String camel) {
        StringBuilder sb = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                sb.append('_').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @Export
    @Override
    public String toString() {
        return "<LearningResults " + (algorithm == null ? "no decomposition" : algorithm + ", " + output_dimension + " components")
                + (bss_algorithm == null ? "" : ", BSS " + bss_algorithm + " " + bss_factors.shape[0] + " components")
                + (cluster_labels == null ? "" : ", " + number_of_clusters + " clusters (" + cluster_algorithm + ")")
                + (unmixing == null ? "" : ", unmixing " + unmixing.algorithm) + ">";
    }
}
