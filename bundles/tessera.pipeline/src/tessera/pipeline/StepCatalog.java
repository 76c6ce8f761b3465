package tessera.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.RegistryFactory;

import tessera.core.analysis.Algorithm;
import tessera.core.analysis.Clusterer;
import tessera.core.analysis.Embedder;
import tessera.core.analysis.Decomposer;
import tessera.core.analysis.Discriminant;
import tessera.core.analysis.GuidedDecomposer;
import tessera.core.analysis.SourceSeparator;
import tessera.core.analysis.Unmixer;
import tessera.core.analysis.Preprocessor;
import tessera.core.registry.Contribution;
import tessera.core.registry.Registry;
import tessera.pipeline.internal.ClustererStep;
import tessera.pipeline.internal.EmbedderStep;
import tessera.pipeline.internal.DecomposerStep;
import tessera.pipeline.internal.DiscriminantStep;
import tessera.pipeline.internal.GuidedDecomposerStep;
import tessera.pipeline.internal.SeparatorStep;
import tessera.pipeline.internal.UnmixerStep;
import tessera.pipeline.internal.PreprocessorStep;

/**
 * Every step a pipeline can use: contributions to the extension point {@value #POINT}
 * (declared by this bundle; schema {@code schema/steps.exsd}), plus every contribution to
 * {@code tessera.core.decomposers}, {@code tessera.core.clusterers} and {@code tessera.core.preprocessors}, each a step under its own id.
 * Read afresh on each call, so drop-in bundles are seen.
 *
 * <ul>
 * <li>a decomposer step has input {@code data} (DATASET) and output {@code result} (DECOMPOSITION) and the
 *   decomposer's parameters; the other elements of {@code tessera.core.decomposers}: a blind source separation
 *   ({@code separation}) takes {@code decomposition} (DECOMPOSITION) to {@code result}; an abundance estimate
 *   ({@code unmixing}) takes {@code data} and one endmember source ({@code endmembers}, {@code spectra},
 *   {@code clusters} or {@code regions}) to {@code result}; an {@code embedding} there (MDS) is a step like UMAP's;
 *   a {@code discriminant} (LDA) takes the feature inputs plus {@code clusters} or {@code labelMap} to {@code data}
 *   (the projection) and {@code directions};</li>
 * <li>a clusterer step has input {@code scores} (DECOMPOSITION: its loadings are the features) or {@code data}
 *   (DATASET: its signal is the feature vector of each navigation position), exactly one connected, and output
 *   {@code result} (CLUSTERING); parameters: the clusterer's, {@code components} (how many leading scores to use;
 *   default all) and {@code preprocessing} (none | norm | standard | minmax, as HyperSpy's {@code cluster_analysis});</li>
 * <li>an embedding ({@code <embedding>} element of {@code tessera.core.clusterers}, e.g. UMAP) step has the same
 *   inputs and parameters and outputs {@code data} (DATASET {@code [nav..., m]}), which a clusterer step can take;</li>
 * <li>a preprocessor ({@code tessera.core.preprocessors}) step has input {@code data} plus the operation's
 *   auxiliary inputs and outputs {@code data} plus its extra outputs, all DATASET.</li>
 * </ul>
 */
public final class StepCatalog {
    /** full id of the extension point for general pipeline steps */
    public static final String POINT = "tessera.pipeline.steps";

    private final Registry registry;

    /** @param registry the extension registry */
    public StepCatalog(Registry registry) {
        this.registry = registry;
    }

    /**
     * Finds a step by id.
     *
     * @param id extension id
     * @return the step with a fresh instance, if installed
     * @throws IllegalStateException if the contribution exists but cannot be instantiated
     */
    public Optional<StepDescriptor> find(String id) {
        for (IConfigurationElement e : stepElements()) {
            if (id.equals(e.getAttribute("id"))) {
                return Optional.of(fromElement(e));
            }
        }
        Optional<Contribution> d = registry.find(Registry.DECOMPOSERS, id);
        if (d.isPresent()) {
            Contribution c = d.get();
            Algorithm a = c.create(Algorithm.class);
            Step s = switch (a) {
                case Decomposer de -> new DecomposerStep(de);
                case GuidedDecomposer gd -> new GuidedDecomposerStep(gd);
                case SourceSeparator se -> new SeparatorStep(se);
                case Unmixer un -> new UnmixerStep(un);
                case Embedder em -> new EmbedderStep(em, c.name());
                case Discriminant di -> new DiscriminantStep(di, c.name());
                default -> throw new IllegalStateException("contribution " + c.id() + " from " + c.bundle() + ": " + a.getClass().getName()
                        + " is none of Decomposer, GuidedDecomposer, SourceSeparator, Unmixer, Embedder, Discriminant");
            };
            return Optional.of(new StepDescriptor(c.id(), c.name(), Registry.DECOMPOSERS, c.bundle(), c.bundleVersion(), s));
        }
        Optional<Contribution> k = registry.find(Registry.CLUSTERERS, id);
        if (k.isPresent()) {
            Contribution c = k.get();
            Algorithm a = c.create(Algorithm.class);
            Step s = switch (a) {
                case Clusterer cl -> new ClustererStep(cl);
                case Embedder em -> new EmbedderStep(em, c.name());
                default -> throw new IllegalStateException("contribution " + c.id() + " from " + c.bundle() + ": " + a.getClass().getName()
                        + " is neither a " + Clusterer.class.getName() + " nor an " + Embedder.class.getName());
            };
            return Optional.of(new StepDescriptor(c.id(), c.name(), Registry.CLUSTERERS, c.bundle(), c.bundleVersion(), s));
        }
        Optional<Contribution> la = registry.find(Registry.LATTICE, id);
        if (la.isPresent()) {
            Contribution c = la.get();
            Object a = c.create(tessera.core.analysis.Algorithm.class);
            Step s = switch (a) {
                case tessera.core.analysis.AtomFinder af -> new tessera.pipeline.internal.AtomFinderStep(af);
                case tessera.core.analysis.LocalDescriptor ld -> new tessera.pipeline.internal.DescriptorStep(ld);
                case tessera.core.analysis.WindowDescriptor wd -> new tessera.pipeline.internal.WindowDescriptorStep(wd);
                default -> throw new IllegalStateException(c.id() + ": a latticeAnalyzers contribution must be an AtomFinder or a LocalDescriptor, not "
                        + a.getClass().getName());
            };
            return Optional.of(new StepDescriptor(c.id(), c.name(), Registry.LATTICE, c.bundle(), c.bundleVersion(), s));
        }
        Optional<Contribution> dm = registry.find(Registry.DYNAMICS, id);
        if (dm.isPresent()) {
            Contribution c = dm.get();
            return Optional.of(new StepDescriptor(c.id(), c.name(), Registry.DYNAMICS, c.bundle(), c.bundleVersion(),
                    new tessera.pipeline.internal.DynamicsStep(c.create(tessera.core.analysis.DynamicsModel.class))));
        }
        Optional<Contribution> cl = registry.find(Registry.CLASSIFIERS, id);
        if (cl.isPresent()) {
            Contribution c = cl.get();
            return Optional.of(new StepDescriptor(c.id(), c.name(), Registry.CLASSIFIERS, c.bundle(), c.bundleVersion(),
                    new tessera.pipeline.internal.ClassifierStep(c.create(tessera.core.analysis.SpectrumClassifier.class), c.name())));
        }
        Optional<Contribution> p = registry.find(Registry.PREPROCESSORS, id);
        if (p.isPresent()) {
            Contribution c = p.get();
            return Optional.of(new StepDescriptor(c.id(), c.name(), Registry.PREPROCESSORS, c.bundle(), c.bundleVersion(),
                    new PreprocessorStep(c.create(Preprocessor.class))));
        }
        return Optional.empty();
    }

    /** @return the ids of every installed step, sorted */
    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        for (IConfigurationElement e : stepElements()) {
            ids.add(e.getAttribute("id"));
        }
        registry.contributions(Registry.DECOMPOSERS).forEach(c -> ids.add(c.id()));
        registry.contributions(Registry.CLUSTERERS).forEach(c -> ids.add(c.id()));
        registry.contributions(Registry.PREPROCESSORS).forEach(c -> ids.add(c.id()));
        registry.contributions(Registry.DYNAMICS).forEach(c -> ids.add(c.id()));
        registry.contributions(Registry.CLASSIFIERS).forEach(c -> ids.add(c.id()));
        registry.contributions(Registry.LATTICE).forEach(c -> ids.add(c.id()));
        ids.sort(Comparator.naturalOrder());
        return ids;
    }

    /**
     * The contributions to {@value #POINT} (not the decomposers and clusterers, which {@link Registry#all()} lists).
     *
     * @return contributions with point {@code "steps"}, sorted by id
     */
    public List<Contribution> stepContributions() {
        List<Contribution> out = new ArrayList<>();
        for (IConfigurationElement e : stepElements()) {
            java.util.Map<String, String> attrs = new java.util.LinkedHashMap<>();
            for (String n : e.getAttributeNames()) {
                attrs.put(n, e.getAttribute(n));
            }
            String bundle = e.getContributor().getName();
            out.add(new Contribution("steps", e.getAttribute("id"), e.getAttribute("name"), bundle, Registry.bundleVersion(bundle), attrs, e));
        }
        out.sort(Comparator.comparing(Contribution::id));
        return out;
    }

    /**
     * One row per installed plug-in contribution, as {@code tessera plugins --json} and the scripting API's
     * {@code plugins()} list them: every contribution of {@link Registry#all()} followed by {@link #stepContributions()}.
     *
     * @return rows in that order, each with keys {@code point} (the qualified extension-point id,
     *         {@code tessera.core.<point>} or {@code tessera.pipeline.steps}), {@code id}, {@code name}, {@code bundle},
     *         {@code version} and {@code attributes} (the contribution's other attributes, name → value)
     */
    public List<java.util.Map<String, Object>> pluginListing() {
        List<Contribution> all = new ArrayList<>(registry.all());
        all.addAll(stepContributions());
        List<java.util.Map<String, Object>> out = new ArrayList<>();
        for (Contribution c : all) {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("point", (c.point().equals("steps") ? "tessera.pipeline." : "tessera.core.") + c.point());
            m.put("id", c.id());
            m.put("name", c.name());
            m.put("bundle", c.bundle());
            m.put("version", c.bundleVersion());
            java.util.Map<String, String> attrs = new java.util.LinkedHashMap<>(c.attributes());
            attrs.keySet().removeAll(List.of("id", "name"));
            m.put("attributes", attrs);
            out.add(m);
        }
        return out;
    }

    /** @return the extension registry behind this catalogue */
    public Registry registry() {
        return registry;
    }

    private static IConfigurationElement[] stepElements() {
        var r = RegistryFactory.getRegistry();
        return r == null ? new IConfigurationElement[0] : r.getConfigurationElementsFor(POINT);
    }

    private static StepDescriptor fromElement(IConfigurationElement e) {
        String bundle = e.getContributor().getName();
        try {
            Object o = e.createExecutableExtension("class");
            if (!(o instanceof Step s)) {
                throw new IllegalStateException("step " + e.getAttribute("id") + " from " + bundle + ": " + o.getClass().getName() + " is not a "
                        + Step.class.getName());
            }
            return new StepDescriptor(e.getAttribute("id"), e.getAttribute("name"), "steps", bundle, Registry.bundleVersion(bundle), s);
        } catch (CoreException ex) {
            throw new IllegalStateException("step " + e.getAttribute("id") + " from " + bundle + " cannot be instantiated: " + ex.getMessage(), ex);
        }
    }
}
