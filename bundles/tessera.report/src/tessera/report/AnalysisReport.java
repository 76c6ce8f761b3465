package tessera.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.LiteratureReference;

/**
 * Everything an analysis report shows, immutable; written by {@link ReportWriter}. Build it
 * with {@link #builder(String)}:
 *
 * <pre>{@code
 * AnalysisReport r = AnalysisReport.builder("EELS_SI.dm4")
 *         .dataset(DatasetSummary.of(data))
 *         .scree(Scree.of("PCA", pca, 3))
 *         .decomposition("PCA", pca)            // also records pca.parameters()
 *         .decomposition("NMF", nmf)
 *         .clustering(ClusteringSection.of("k-means", "tessera.cluster.kmeans", clusters, data))
 *         .parameters("k-means", Map.of("clusters", 3))
 *         .references("PCA", pcaAlgorithm.references())
 *         .timing("PCA", Duration.ofMillis(420))
 *         .warning("3 spectra contain negative counts")
 *         .build();
 * }</pre>
 */
public final class AnalysisReport {
    private final String sourceName;
    private final String title;
    private final Instant created;
    private final DatasetSummary dataset;
    private final Scree scree;
    private final List<DecompositionSection> decompositions;
    private final List<ClusteringSection> clusterings;
    private final List<ProjectionSection> projections;
    private final List<String> notes;
    private final List<String> warnings;
    private final Map<String, List<LiteratureReference>> references;
    private final Map<String, Map<String, Object>> parameters;
    private final Map<String, Duration> timings;
    private final Map<String, Double> markers;
    private final String markerSource;

    private AnalysisReport(Builder b) {
        sourceName = b.sourceName;
        title = b.title;
        created = b.created;
        dataset = b.dataset;
        scree = b.scree;
        decompositions = List.copyOf(b.decompositions);
        clusterings = List.copyOf(b.clusterings);
        projections = List.copyOf(b.projections);
        notes = List.copyOf(b.notes);
        warnings = List.copyOf(b.warnings);
        Map<String, List<LiteratureReference>> refs = new LinkedHashMap<>();
        b.references.forEach((k, v) -> refs.put(k, List.copyOf(v)));
        references = Collections.unmodifiableMap(refs);
        Map<String, Map<String, Object>> ps = new LinkedHashMap<>();
        b.parameters.forEach((k, v) -> ps.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        parameters = Collections.unmodifiableMap(ps);
        timings = Collections.unmodifiableMap(new LinkedHashMap<>(b.timings));
        markers = Collections.unmodifiableMap(new LinkedHashMap<>(b.markers));
        markerSource = b.markerSource;
    }

    /** @return energy markers drawn on the spectrum charts (label → position in the energy axis' units), possibly empty */
    public Map<String, Double> markers() {
        return markers;
    }

    /** @return what the markers are, for captions (e.g. "X-ray lines of Fe, Pt"), or null without markers */
    public String markerSource() {
        return markerSource;
    }

    /**
     * Starts a report.
     *
     * @param sourceName name of the analysed file as shown to the user, e.g. {@code "EELS_SI.dm4"}
     * @return a builder
     */
    public static Builder builder(String sourceName) {
        return new Builder(sourceName);
    }

    /** @return the analysed file's name */
    public String sourceName() {
        return sourceName;
    }

    /** @return the report title (default {@code "Tessera analysis: <source>"}) */
    public String title() {
        return title == null ? "Tessera analysis: " + sourceName : title;
    }

    /** @return when the report was created, or null when the report shows no time */
    public Instant created() {
        return created;
    }

    /** @return the dataset summary, or null if none was given */
    public DatasetSummary dataset() {
        return dataset;
    }

    /** @return the scree, or null */
    public Scree scree() {
        return scree;
    }

    /** @return decompositions in the order added */
    public List<DecompositionSection> decompositions() {
        return decompositions;
    }

    /** @return projections (MDS, LDA) in the order added */
    public List<ProjectionSection> projections() {
        return projections;
    }

    /** @return clusterings in the order added */
    public List<ClusteringSection> clusterings() {
        return clusterings;
    }

    /** @return free-text notes */
    public List<String> notes() {
        return notes;
    }

    /** @return warnings (shown highlighted) */
    public List<String> warnings() {
        return warnings;
    }

    /** @return literature per algorithm display name, insertion order */
    public Map<String, List<LiteratureReference>> references() {
        return references;
    }

    /** @return parameter values per step name, insertion order */
    public Map<String, Map<String, Object>> parameters() {
        return parameters;
    }

    /** @return wall-clock duration per step, insertion order */
    public Map<String, Duration> timings() {
        return timings;
    }

    /** Collects the parts of a report; not thread-safe. */
    public static final class Builder {
        private final String sourceName;
        private String title;
        private Instant created = Instant.now();
        private DatasetSummary dataset;
        private Scree scree;
        private final List<DecompositionSection> decompositions = new ArrayList<>();
        private final List<ClusteringSection> clusterings = new ArrayList<>();
        private final List<ProjectionSection> projections = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        private final Map<String, List<LiteratureReference>> references = new LinkedHashMap<>();
        private final Map<String, Map<String, Object>> parameters = new LinkedHashMap<>();
        private final Map<String, Duration> timings = new LinkedHashMap<>();
        private final Map<String, Double> markers = new LinkedHashMap<>();
        private String markerSource;

        private Builder(String sourceName) {
            this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
        }

        /**
         * Energy markers for the spectrum charts (cluster means): the X-ray lines of an EDX spectrum or the edges of an
         * EELS spectrum of the sample's elements.
         *
         * @param what   what they are, for captions, e.g. {@code "X-ray lines of Fe, Pt"}
         * @param values label → position in the energy axis' units (insertion order kept)
         * @return this
         */
        public Builder markers(String what, Map<String, Double> values) {
            markers.clear();
            markers.putAll(values);
            markerSource = values.isEmpty() ? null : what;
            return this;
        }

        /** @param t report title shown at the top; null for the default @return this */
        public Builder title(String t) {
            title = t;
            return this;
        }

        /**
         * @param t creation time shown in the report (default: now); null leaves the time out, so that
         *          re-running a recorded pipeline reproduces the report byte for byte (the provenance
         *          record keeps the times)
         * @return this
         */
        public Builder created(Instant t) {
            created = t;
            return this;
        }

        /** @param d the dataset summary, e.g. {@link DatasetSummary#of} @return this */
        public Builder dataset(DatasetSummary d) {
            dataset = d;
            return this;
        }

        /** @param s the PCA scree with the chosen number of components @return this */
        public Builder scree(Scree s) {
            scree = s;
            return this;
        }

        /**
         * Adds a decomposition and records its parameters under {@code label}.
         *
         * @param label  display name, e.g. "PCA", "NMF"; unique within the report
         * @param result the result
         * @return this
         * @throws IllegalArgumentException if the label is already used
         */
        public Builder decomposition(String label, DecompositionResult result) {
            if (decompositions.stream().anyMatch(d -> d.label().equals(label))) {
                throw new IllegalArgumentException("decomposition label '" + label + "' used twice");
            }
            decompositions.add(new DecompositionSection(label, result));
            if (result.parameters() != null) {
                parameters(label, result.parameters().values());
            }
            return this;
        }

        /**
         * Adds a projection (MDS, LDA).
         *
         * @param p the projection
         * @return this
         */
        public Builder projection(ProjectionSection p) {
            projections.add(Objects.requireNonNull(p));
            return this;
        }

        /**
         * Adds a clustering.
         *
         * @param c the clustering
         * @return this
         */
        public Builder clustering(ClusteringSection c) {
            clusterings.add(Objects.requireNonNull(c));
            return this;
        }

        /** @param text a free-text note @return this */
        public Builder note(String text) {
            notes.add(Objects.requireNonNull(text));
            return this;
        }

        /** @param text a warning @return this */
        public Builder warning(String text) {
            warnings.add(Objects.requireNonNull(text));
            return this;
        }

        /**
         * Adds the literature of an algorithm (appended if the name was seen before).
         *
         * @param algorithm display name, e.g. "NMF"
         * @param refs      e.g. {@code algorithm.references()}
         * @return this
         */
        public Builder references(String algorithm, List<LiteratureReference> refs) {
            references.computeIfAbsent(algorithm, k -> new ArrayList<>()).addAll(refs);
            return this;
        }

        /**
         * Records parameter values of a step (merged with earlier values of that step).
         *
         * @param step   e.g. "k-means", "PCA"
         * @param values name to value (e.g. {@code Parameters.values()}); null values are shown as "auto"
         * @return this
         */
        public Builder parameters(String step, Map<String, ?> values) {
            parameters.computeIfAbsent(step, k -> new LinkedHashMap<>()).putAll(values);
            return this;
        }

        /** @param step step name @param d its wall-clock duration @return this */
        public Builder timing(String step, Duration d) {
            timings.put(step, Objects.requireNonNull(d));
            return this;
        }

        /** @return the immutable report */
        public AnalysisReport build() {
            return new AnalysisReport(this);
        }
    }
}
