package tessera.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which decomposition and unmixing methods {@code tessera analyze} runs after PCA ({@code --method}), each adding its
 * section to the report and its datasets to {@code results.hspy}. A method is any contribution to
 * {@code tessera.core.decomposers}, by id or short name:
 * <ul>
 * <li>a decomposition of the data: {@code nmf} (the default), {@code nfindr}, {@code vca} (endmembers with their
 *   fully constrained abundances), {@code ca} (correspondence analysis and the relative-entropy map) — given the
 *   chosen number of components;</li>
 * <li>a blind source separation of the PCA: {@code bss} (= {@code fastica}, HyperSpy's default) or {@code orthomax},
 *   on the chosen number of components;</li>
 * <li>abundances of known endmembers: {@code mlr}, {@code nnls}, {@code fcls}, {@code bayesian}, with the endmember
 *   spectra from {@link #endmembers()} or, when that is null, the mean spectra of the clusters;</li>
 * <li>a projection: {@code mds} of the PCA scores, {@code lda} of the PCA scores with the cluster labels.</li>
 * </ul>
 *
 * @param methods    the methods in order, at least one, no repeats; short names are qualified by {@link #qualified}
 * @param endmembers file of endmember spectra (its first set of spectra: {@code [k, nE]}, or one spectrum {@code [nE]}, on the data's
 *                   energy axis, cropped to {@code --energy-range} like the data) for the abundance methods, or null
 *                   for the cluster means
 * @param parameters parameters by name, each given to every chosen method that declares it (e.g. {@code fun=cube},
 *                   {@code samples=1000}); never {@code components} (that is {@code --components}) nor {@code seed}
 */
public record MethodOptions(List<String> methods, Path endmembers, Map<String, String> parameters) {
    /** short names that are not the last segment of an id */
    private static final Map<String, String> ALIASES = Map.of("bss", "tessera.decompose.fastica", "ica", "tessera.decompose.fastica",
            "n-findr", "tessera.decompose.nfindr", "svd", "tessera.decompose.pca");

    /** what {@code tessera analyze} does by default: NMF after PCA */
    public static final MethodOptions DEFAULT = new MethodOptions(List.of("nmf"), null, Map.of());

    /**
     * @throws IllegalArgumentException naming the option if no method is given, one repeats, or a parameter is
     *                                  {@code components} or {@code seed}
     */
    public MethodOptions {
        List<String> q = new ArrayList<>();
        for (String m : methods == null || methods.isEmpty() ? List.of("nmf") : methods) {
            String id = qualified(m.trim());
            if (q.contains(id)) {
                throw new IllegalArgumentException("--method " + m + " is given twice");
            }
            if (id.equals(AnalyzeJob.PCA)) {
                throw new IllegalArgumentException("--method pca: PCA always runs first; name the methods to run after it");
            }
            q.add(id);
        }
        methods = List.copyOf(q);
        parameters = Map.copyOf(parameters == null ? Map.of() : parameters);
        if (parameters.containsKey("components") || parameters.containsKey("seed")) {
            throw new IllegalArgumentException("give the number of components with --components and the seed with --seed, not as --method-option");
        }
    }

    /**
     * @param name an id, a short name ({@code nfindr}) or an alias ({@code bss})
     * @return the contribution id: {@code name} if it contains a dot, else {@code tessera.decompose.<name>}
     */
    public static String qualified(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        if (ALIASES.containsKey(n)) {
            return ALIASES.get(n);
        }
        return name.contains(".") ? name : "tessera.decompose." + n;
    }
}
