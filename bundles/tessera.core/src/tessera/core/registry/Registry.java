package tessera.core.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.RegistryFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

import tessera.core.analysis.Clusterer;
import tessera.core.analysis.Decomposer;
import tessera.core.analysis.Preprocessor;

/**
 * Reads Tessera's contributions from the Eclipse extension registry. Each query reads the
 * registry afresh, so bundles installed at run time (a vendor jar) are seen at once.
 *
 * <p>Extension points (all declared by {@code tessera.core}): {@value #READERS},
 * {@value #WRITERS}, {@value #DECOMPOSERS}, {@value #CLUSTERERS}, and reserved
 * {@code classifiers}, {@code preprocessors}, {@code latticeAnalyzers}, {@code dynamicsModels}.
 */
public final class Registry {
    /** simple id of the readers point */
    public static final String READERS = "readers";
    /** simple id of the writers point */
    public static final String WRITERS = "writers";
    /** simple id of the decomposers point */
    public static final String DECOMPOSERS = "decomposers";
    /** simple id of the clusterers point */
    public static final String CLUSTERERS = "clusterers";
    /** extension point (simple id) of preprocessing operations ({@link Preprocessor}) */
    public static final String PREPROCESSORS = "preprocessors";
    /** extension point of the trained spectrum classifiers ({@link tessera.core.analysis.SpectrumClassifier}) */
    public static final String CLASSIFIERS = "classifiers";
    /** extension point (simple id) of atom finders and local-crystallography analyzers ({@link tessera.core.analysis.AtomFinder}) */
    public static final String LATTICE = "latticeAnalyzers";
    /** extension point (simple id) of Markov models of class dynamics ({@link tessera.core.analysis.DynamicsModel}) */
    public static final String DYNAMICS = "dynamicsModels";
    /** every point Tessera declares */
    public static final List<String> POINTS = List.of(READERS, WRITERS, DECOMPOSERS, CLUSTERERS, CLASSIFIERS, PREPROCESSORS,
            LATTICE, DYNAMICS);
    private static final String NAMESPACE = "tessera.core";

    private final IExtensionRegistry registry;

    private Registry(IExtensionRegistry registry) {
        this.registry = registry;
    }

    /**
     * @return the registry of the running platform
     * @throws IllegalStateException if no extension registry is running (not inside OSGi/Equinox)
     */
    public static Registry get() {
        IExtensionRegistry r = RegistryFactory.getRegistry();
        if (r == null) {
            throw new IllegalStateException("no Eclipse extension registry: Tessera must run inside Equinox");
        }
        return new Registry(r);
    }

    /**
     * Lists the contributions to a point, sorted by id.
     *
     * @param point simple id such as {@link #READERS}
     * @return contributions, possibly empty
     */
    public List<Contribution> contributions(String point) {
        List<Contribution> out = new ArrayList<>();
        for (IConfigurationElement e : registry.getConfigurationElementsFor(NAMESPACE, point)) {
            Map<String, String> attrs = new LinkedHashMap<>();
            for (String n : e.getAttributeNames()) {
                attrs.put(n, e.getAttribute(n));
            }
            String bundle = e.getContributor().getName();
            out.add(new Contribution(point, e.getAttribute("id"), e.getAttribute("name"), bundle, bundleVersion(bundle), attrs, e));
        }
        out.sort(Comparator.comparing(Contribution::id));
        return out;
    }

    /** @return every contribution to every Tessera point */
    public List<Contribution> all() {
        List<Contribution> out = new ArrayList<>();
        for (String p : POINTS) {
            out.addAll(contributions(p));
        }
        return out;
    }

    /**
     * Finds a contribution by id.
     *
     * @param point simple point id
     * @param id    contribution id
     * @return the contribution, if present
     */
    public Optional<Contribution> find(String point, String id) {
        return contributions(point).stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /**
     * Instantiates a decomposer by id.
     *
     * @param id e.g. {@code tessera.decompose.pca}
     * @return a new instance
     * @throws IllegalArgumentException if no such decomposer is contributed
     */
    public Decomposer decomposer(String id) {
        return find(DECOMPOSERS, id).orElseThrow(() -> new IllegalArgumentException("no decomposer '" + id + "' is installed"))
                .create(Decomposer.class);
    }

    /**
     * Instantiates a blind source separation by id.
     *
     * @param id e.g. {@code tessera.decompose.fastica}
     * @return a new instance
     * @throws IllegalArgumentException if no such contribution to {@value #DECOMPOSERS} exists
     * @throws IllegalStateException    if the contribution is not a {@link tessera.core.analysis.SourceSeparator}
     */
    public tessera.core.analysis.SourceSeparator separator(String id) {
        return find(DECOMPOSERS, id).orElseThrow(() -> new IllegalArgumentException("no blind source separation '" + id + "' is installed"))
                .create(tessera.core.analysis.SourceSeparator.class);
    }

    /**
     * Instantiates an abundance estimator (unmixing for known endmembers) by id.
     *
     * @param id e.g. {@code tessera.decompose.fcls}
     * @return a new instance
     * @throws IllegalArgumentException if no such contribution to {@value #DECOMPOSERS} exists
     * @throws IllegalStateException    if the contribution is not an {@link tessera.core.analysis.Unmixer}
     */
    public tessera.core.analysis.Unmixer unmixer(String id) {
        return find(DECOMPOSERS, id).orElseThrow(() -> new IllegalArgumentException("no unmixing '" + id + "' is installed"))
                .create(tessera.core.analysis.Unmixer.class);
    }

    /**
     * Instantiates a clusterer by id.
     *
     * @param id e.g. {@code tessera.cluster.kmeans}
     * @return a new instance
     * @throws IllegalArgumentException if no such clusterer is contributed
     */
    public Clusterer clusterer(String id) {
        return find(CLUSTERERS, id).orElseThrow(() -> new IllegalArgumentException("no clusterer '" + id + "' is installed"))
                .create(Clusterer.class);
    }

    /**
     * Instantiates a spectrum classifier by id.
     *
     * @param id e.g. {@code tessera.classify.element-id}
     * @return a new instance
     * @throws IllegalArgumentException if no such classifier is contributed
     */
    public tessera.core.analysis.SpectrumClassifier classifier(String id) {
        return find(CLASSIFIERS, id).orElseThrow(() -> new IllegalArgumentException("no classifier '" + id + "' is installed"))
                .create(tessera.core.analysis.SpectrumClassifier.class);
    }

    /**
     * Instantiates a preprocessor by id.
     *
     * @param id e.g. {@code tessera.eels.zlp-align}
     * @return a new instance
     * @throws IllegalArgumentException if no such preprocessor is contributed
     */
    public Preprocessor preprocessor(String id) {
        return find(PREPROCESSORS, id).orElseThrow(() -> new IllegalArgumentException("no preprocessor '" + id + "' is installed"))
                .create(Preprocessor.class);
    }

    /** @return the file-format service over this registry */
    public FileFormats formats() {
        return new FileFormats(this);
    }

    /**
     * Version of an installed bundle.
     *
     * @param symbolicName bundle symbolic name, e.g. {@code tessera.decompose}
     * @return its version, e.g. {@code 0.1.0.202611241200}, or "" when no such bundle is installed
     *         or Tessera runs outside OSGi
     */
    public static String bundleVersion(String symbolicName) {
        Bundle self = FrameworkUtil.getBundle(Registry.class);
        BundleContext ctx = self == null ? null : self.getBundleContext();
        if (ctx == null) {
            return "";
        }
        for (Bundle b : ctx.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b.getVersion().toString();
            }
        }
        return "";
    }
}
