package tessera.pipeline.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tessera.core.analysis.ElementMaps;
import tessera.core.analysis.IncompatibleDataException;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.eels.valence.TrainingDomain;
import tessera.eels.valence.ValenceFeatures;
import tessera.eels.valence.WhiteLineRatio;
import tessera.eels.valence.WhiteLines;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.Step;
import tessera.pipeline.StepContext;

/**
 * {@code tessera.pipeline.valence-maps}: from the spectra and a valence classifier's probabilities (the
 * {@link ClassifierStep} stack {@code [classes, nav...]}, classes named as in {@link WhiteLines}) to the valence maps
 * {@code [8, nav...]}: {@value #MEAN} (Σ p·v, the probability-weighted mean valence), {@value #SPREAD} (√Σ p·(v −
 * mean)²), {@value #CLASS} (index of the most probable class), and the {@link WhiteLineRatio} baseline of the same
 * pixel: {@value #RATIO}, {@value #RATIO_VALENCE}, {@value #L3} (eV, with {@code energyShift} added) and
 * {@value #ENERGY_VALENCE} — measured on the single-scattering spectra when the optional input
 * {@code singleScattering} (Fourier-ratio deconvolution with a low loss) is connected, calibrated at the zero-loss FWHM of
 * {@code fwhm} when that is; and {@value #NOVELTY}, how far the spectrum lies from the simulated training spectra
 * ({@link TrainingDomain}: above 1, a shape the classifiers never saw). A single spectrum's maps are {@code [8, 1]}.
 */
public final class ValenceMapsStep implements Step {
    /** step id */
    public static final String ID = "tessera.pipeline.valence-maps";
    /** label of the mean-valence map */
    public static final String MEAN = "mean_valence";
    /** label of the valence spread map */
    public static final String SPREAD = "valence_spread";
    /** label of the class map */
    public static final String CLASS = "class";
    /** label of the L3/L2 ratio map */
    public static final String RATIO = "L3_L2_ratio";
    /** label of the ratio-baseline valence map */
    public static final String RATIO_VALENCE = "ratio_valence";
    /** label of the L3-energy map */
    public static final String L3 = "L3_peak_eV";
    /** label of the L3-energy-baseline valence map */
    public static final String ENERGY_VALENCE = "energy_valence";
    /** label of the novelty map (distance from the simulated training spectra; above 1: do not trust the classifier) */
    public static final String NOVELTY = "novelty";
    /** the labels in stack order */
    public static final List<String> LABELS = List.of(MEAN, SPREAD, CLASS, RATIO, RATIO_VALENCE, L3, ENERGY_VALENCE, NOVELTY);
    /** metadata key of the element */
    public static final String ELEMENT_KEY = "Signal.valence_element";
    /** metadata key of the class names */
    public static final String CLASSES_KEY = "Signal.valence_classes";
    /** metadata key of the class valences */
    public static final String VALENCES_KEY = "Signal.valence_values";
    /** metadata key of the mean of each map over the spectra where it is finite (label → mean; NaN where none is) */
    public static final String MEANS_KEY = "Signal.valence_means";
    /** metadata key of each class's mean probability over the spectra (class → mean) */
    public static final String MEAN_PROBABILITIES_KEY = "Signal.valence_mean_probabilities";

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.ofChoice("element", "Mn", List.of("Mn", "Fe"), "the element whose L2,3 white lines are read"),
                ParameterSpec.ofDouble("energyShift", 0.0, -100.0, 100.0, "eV",
                        "added to the measured L3 energy before the L3-energy baseline (the energy axis's known offset error)"),
                ParameterSpec.ofDouble("resolution", WhiteLineRatio.DEFAULT_RESOLUTION_EV, 0.05, 10.0, "eV",
                        "energy resolution of the spectra (zero-loss FWHM): the L3/L2 baseline is calibrated at it"));
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(new LiteratureReference("Pearson, Fultz, Ahn, Phys. Rev. B 47 (1993) 8471 (white-line ratio, step method)", "10.1103/PhysRevB.47.8471"),
                new LiteratureReference("Tan, Verbeeck, Abakumov, Van Tendeloo, Ultramicroscopy 116 (2012) 24 (oxidation state by EELS)",
                        "10.1016/j.ultramic.2012.03.002"));
    }

    @Override
    public List<Port> inputs() {
        return List.of(Port.of("data", PortType.DATASET, "the spectra"), Port.of("probabilities", PortType.DATASET, "a valence classifier's stack"),
                Port.optional("singleScattering", PortType.DATASET, "the spectra after Fourier-ratio deconvolution: the baseline measures these"),
                Port.optional("fwhm", PortType.DATASET, "the zero-loss FWHM of the deconvolution (eV): the baseline's resolution"));
    }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("maps", PortType.DATASET, "valence maps [8, nav...]"));
    }

    @Override
    public Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters parameters) {
        Dataset data = (Dataset) inputs.get("data");
        Dataset stack = (Dataset) inputs.get("probabilities");
        WhiteLines lines = WhiteLines.of(parameters.getString("element"));
        List<String> classes = ElementMaps.labels(stack);
        if (!classes.equals(lines.classes())) {
            throw new IncompatibleDataException("the classifier's classes " + classes + " are not the " + lines.element() + " oxidation states "
                    + lines.classes());
        }
        double[] v = lines.valences();
        int k = classes.size();
        int n = (int) (stack.size() / k);
        double[] p = stack.toDoubleArray();
        List<ValenceFeatures.Prepared> prepared = ValenceFeatures.prepare(data, lines);
        Dataset single = (Dataset) inputs.get("singleScattering");
        List<ValenceFeatures.Prepared> measured = single == null ? prepared : ValenceFeatures.prepare(single, lines);
        double resolution = parameters.getDouble("resolution");
        if (inputs.get("fwhm") instanceof Dataset f) {
            double[] w = f.toDoubleArray();
            double sum = 0;
            int c = 0;
            for (double x : w) {
                if (x > 0 && Double.isFinite(x)) {
                    sum += x;
                    c++;
                }
            }
            resolution = c > 0 ? Math.min(10, sum / c) : resolution;
        }
        WhiteLineRatio baseline = new WhiteLineRatio(lines, resolution);
        TrainingDomain domain = TrainingDomain.of(lines);
        double shift = parameters.getDouble("energyShift");
        double[] out = new double[LABELS.size() * n];
        for (int i = 0; i < n; i++) {
            double mean = 0;
            int best = 0;
            for (int j = 0; j < k; j++) {
                mean += p[j * n + i] * v[j];
                if (p[j * n + i] > p[best * n + i]) {
                    best = j;
                }
            }
            double var = 0;
            for (int j = 0; j < k; j++) {
                var += p[j * n + i] * (v[j] - mean) * (v[j] - mean);
            }
            WhiteLineRatio.Result b = baseline.evaluate(measured.get(i), shift);
            double[] row = { mean, Math.sqrt(var), best, b.ratio(), b.valenceFromRatio(), b.l3PeakEv(), b.valenceFromEnergy(),
                    domain.novelty(prepared.get(i).features()) };
            for (int q = 0; q < row.length; q++) {
                out[q * n + i] = row[q];
            }
        }
        List<Axis> axes = new ArrayList<>(stack.axes());
        axes.set(0, Axis.uncalibrated("map", LABELS.size(), true));
        Metadata md = new Metadata();
        md.title(lines.element() + " valence maps");
        md.set(ElementMaps.LABELS, LABELS);
        md.set(Metadata.QUANTITY, "valence");
        md.set(ELEMENT_KEY, lines.element());
        md.set(CLASSES_KEY, classes);
        md.set(VALENCES_KEY, java.util.Arrays.stream(v).boxed().toList());
        Object file = data.metadata().get("General.original_filename");
        if (file != null) {
            md.set("General.original_filename", file);
        }
        Map<String, Double> means = new java.util.LinkedHashMap<>();
        for (int q = 0; q < LABELS.size(); q++) {
            double s = 0;
            int c = 0;
            for (int i = 0; i < n; i++) {
                if (Double.isFinite(out[q * n + i])) {
                    s += out[q * n + i];
                    c++;
                }
            }
            means.put(LABELS.get(q), c > 0 ? s / c : Double.NaN);
        }
        Map<String, Double> meanP = new java.util.LinkedHashMap<>();
        ElementMaps.sums(stack).forEach((c, s) -> meanP.put(c, s / n));
        md.set(MEANS_KEY, means);
        md.set(MEAN_PROBABILITIES_KEY, meanP);
        Dataset maps = Dataset.ofDoubles(out, axes, md);
        context.log(lines.element() + " valence: " + tessera.pipeline.ValenceJob.Summary.of(maps).describe() + " (" + n + " spectra)");
        return Map.of("maps", maps);
    }
}
