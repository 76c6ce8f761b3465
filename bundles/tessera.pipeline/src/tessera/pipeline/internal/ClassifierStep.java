package tessera.pipeline.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tessera.core.analysis.Classification;
import tessera.core.analysis.ElementMaps;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.SpectrumClassifier;
import tessera.core.model.Axis;
import tessera.core.model.Dataset;
import tessera.core.model.Metadata;
import tessera.pipeline.Port;
import tessera.pipeline.PortType;
import tessera.pipeline.Step;
import tessera.pipeline.StepContext;

/**
 * A {@link SpectrumClassifier} contribution as a pipeline step: {@code data} (a spectrum, line scan or spectrum image)
 * to {@code probabilities}, an {@link ElementMaps} stack {@code [classes, nav...]} (float64; a single spectrum's is
 * {@code [classes, 1]}) labelled with the class names, quantity "probability", and under {@value #THRESHOLD},
 * {@value #PREDICTED} and {@value #DETECTED} the threshold applied, the classes predicted for the summed view
 * (single spectrum: its own prediction) and those detected in at least {@value #MIN_FRACTION} of the spectra (Annys et
 * al. 2023), with the parameter {@code minFraction}.
 */
public final class ClassifierStep implements Step {
    /** metadata key of the threshold applied */
    public static final String THRESHOLD = Classification.THRESHOLD_KEY;
    /** metadata key of the predicted classes of a single spectrum (most probable first) */
    public static final String PREDICTED = Classification.PREDICTED_KEY;
    /** metadata key of the classes detected in at least minFraction of the spectra (most frequent first) */
    public static final String DETECTED = Classification.DETECTED_KEY;
    /** metadata key of the minimum fraction of spectra for a class to be detected */
    public static final String MIN_FRACTION_KEY = "Signal.classification_min_fraction";
    /** metadata key of the classifier's contribution name */
    public static final String CLASSIFIER = "Signal.classifier";
    /** default fraction of spectra in which a class must be predicted to be detected */
    public static final double MIN_FRACTION = 0.01;

    private final SpectrumClassifier classifier;
    private final String name;

    /**
     * @param classifier the classifier
     * @param name       its contribution's name
     */
    public ClassifierStep(SpectrumClassifier classifier, String name) {
        this.classifier = classifier;
        this.name = name;
    }

    @Override
    public List<ParameterSpec> parameters() {
        List<ParameterSpec> p = new ArrayList<>(classifier.parameters());
        p.add(ParameterSpec.ofDouble("minFraction", MIN_FRACTION, 1e-6, 1.0, "",
                "a class is detected in a line scan or spectrum image where it is predicted in at least this fraction of the spectra"));
        return p;
    }

    @Override
    public List<LiteratureReference> references() {
        return classifier.references();
    }

    @Override
    public List<Port> inputs() {
        return List.of(Port.of("data", PortType.DATASET, "spectra: a spectrum, line scan or spectrum image (energy loss in eV)"));
    }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("probabilities", PortType.DATASET, "per-class probability maps [classes, nav...]"));
    }

    @Override
    public Map<String, Object> execute(StepContext context, Map<String, Object> inputs, Parameters parameters) {
        Dataset data = (Dataset) inputs.get("data");
        Map<String, Object> own = new LinkedHashMap<>(parameters.values());
        double minFraction = parameters.getDouble("minFraction");
        own.remove("minFraction");
        Parameters cp = Parameters.of(classifier.parameters(), own);
        Classification c = classifier.classify(data, cp, context.monitor());
        int n = c.size();
        int k = c.classes().size();
        double[] v = new double[k * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                v[j * n + i] = c.probabilities()[i][j];
            }
        }
        List<Axis> axes = new ArrayList<>();
        axes.add(Axis.uncalibrated("map", k, true));
        if (data.navigationAxes().isEmpty()) {
            axes.add(Axis.uncalibrated("spectrum", 1, true));
        } else {
            axes.addAll(data.navigationAxes());
        }
        List<String> detected = names(c, c.detected(minFraction));
        List<String> predicted = n == 1 ? names(c, c.predicted(0)) : detected;
        Metadata md = new Metadata();
        md.title("probabilities of " + name);
        md.set(ElementMaps.LABELS, c.classes());
        md.set(Metadata.QUANTITY, "probability");
        md.set(THRESHOLD, c.threshold());
        md.set(PREDICTED, predicted);
        md.set(DETECTED, detected);
        md.set(CLASSIFIER, name);
        md.set(MIN_FRACTION_KEY, minFraction);
        Object file = data.metadata().get("General.original_filename");
        if (file != null) {
            md.set("General.original_filename", file);
        }
        context.log(String.format(Locale.ROOT, "%s: %s %s (threshold %.2f, %d spectra)", name, n == 1 ? "predicted" : "detected",
                detected.isEmpty() && n > 1 || predicted.isEmpty() ? "no element" : String.join(", ", n == 1 ? predicted : detected), c.threshold(), n));
        return Map.of("probabilities", Dataset.ofDoubles(v, axes, md));
    }

    private static List<String> names(Classification c, int[] idx) {
        List<String> l = new ArrayList<>();
        for (int j : idx) {
            l.add(c.classes().get(j));
        }
        return l;
    }
}
