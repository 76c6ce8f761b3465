package tessera.pipeline.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tessera.core.analysis.ClusterResult;
import tessera.core.analysis.DecompositionResult;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.Unmixer;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.Step;
import tessera.pipeline.StepContext;
import tessera.report.ClusteringSection;

/**
 * An {@link Unmixer} contribution (least squares, NNLS, FCLS, Bayesian) as a pipeline step: the abundances in
 * {@code data} of endmembers taken from exactly one of
 * <ul>
 * <li>{@code endmembers}: a decomposition whose factors are the endmember spectra (N-FINDR, VCA, or any
 *   decomposition);</li>
 * <li>{@code spectra}: a dataset of reference spectra {@code [k, nE]} (or one spectrum {@code [nE]}), e.g. read
 *   from a file;</li>
 * <li>{@code clusters}: a clustering of {@code data}: each cluster's mean spectrum (noise left out);</li>
 * <li>{@code regions}: a label map with the data's navigation shape (integers, −1 or below = no region): each
 *   region's mean spectrum.</li>
 * </ul>
 * Output {@code result}: factors = endmembers, loadings = abundances, the residual, reduced χ² and residual-spectrum
 * maps as auxiliary datasets.
 */
public final class UnmixerStep implements Step {
    /** the alternative endmember inputs */
    static final List<String> SOURCES = List.of("endmembers", "spectra", "clusters", "regions");

    private final Unmixer unmixer;

    /** @param unmixer the algorithm */
    public UnmixerStep(Unmixer unmixer) {
        this.unmixer = unmixer;
    }

    @Override
    public List<ParameterSpec> parameters() {
        return unmixer.parameters();
    }

    @Override
    public List<LiteratureReference> references() {
        return unmixer.references();
    }

    @Override
    public List<Port> inputs() {
        return List.of(Port.of("data", PortType.DATASET, "spectrum image or line scan [nav..., nE]"),
                Port.optional("endmembers", PortType.DECOMPOSITION, "a decomposition whose factors are the endmember spectra (N-FINDR, VCA)"),
                Port.optional("spectra", PortType.DATASET, "reference spectra [k, nE] or one spectrum [nE] on the data's energy axis"),
                Port.optional("clusters", PortType.CLUSTERING, "a clustering of data: the cluster mean spectra are the endmembers"),
                Port.optional("regions", PortType.DATASET, "a label map with the data's navigation shape: the region mean spectra are the endmembers"));
    }

    @Override
    public List<List<String>> exactlyOneOf() {
        return List.of(SOURCES);
    }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("result", PortType.DECOMPOSITION, "endmembers [k, nE], abundances [k, nav...], residual and reduced chi-square maps"));
    }

    @Override
    public Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters parameters) {
        Dataset data = (Dataset) inputs.get("data");
        return Map.of("result", unmixer.unmix(data, endmembers(data, inputs), parameters, context.monitor()));
    }

    /**
     * The endmember spectra from whichever source is connected.
     *
     * @param data   the data to unmix
     * @param inputs the step inputs
     * @return {@code [k, signal axes]}
     * @throws IllegalArgumentException if the label map does not match the data's navigation shape or labels no position
     */
    static Dataset endmembers(Dataset data, Map<String, Object> inputs) {
        if (inputs.get("endmembers") instanceof DecompositionResult d) {
            return d.factors();
        }
        if (inputs.get("spectra") instanceof Dataset s) {
            List<Axis> axes = new ArrayList<>();
            axes.add(Axis.uncalibrated("component", Math.toIntExact(s.navigationSize()), true));
            axes.addAll(s.signalAxes());
            return s.withAxes(axes);
        }
        int[] labels;
        String what;
        if (inputs.get("clusters") instanceof ClusterResult c) {
            labels = c.labels();
            what = "clustering";
        } else {
            Dataset r = (Dataset) inputs.get("regions");
            if (r.size() != data.navigationSize()) {
                throw new IllegalArgumentException("the label map '" + r.metadata().title() + "' has " + r.size() + " positions, the data '"
                        + data.metadata().title() + "' " + data.navigationSize());
            }
            labels = Features.labels(r);
            what = "label map";
        }
        int k = 0;
        for (int l : labels) {
            k = Math.max(k, l + 1);
        }
        if (k == 0) {
            throw new IllegalArgumentException("the " + what + " labels no position: no endmember to unmix");
        }
        double[][] means = ClusteringSection.meanSpectra(data, labels, k);
        int p = data.signalSize();
        double[] flat = new double[k * p];
        for (int i = 0; i < k; i++) {
            System.arraycopy(means[i], 0, flat, i * p, p);
        }
        Metadata md = new Metadata();
        md.title(what + " mean spectra");
        return Dataset.ofDoubles(flat, DecompositionResult.factorAxes(k, data), md);
    }
}
