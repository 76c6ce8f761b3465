package tessera.valence;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tessera.core.analysis.Classification;
import tessera.core.analysis.IncompatibleDataException;
import tessera.core.analysis.LiteratureReference;
import tessera.core.analysis.ParameterSpec;
import tessera.core.analysis.Parameters;
import tessera.core.analysis.ProgressMonitor;
import tessera.core.analysis.SpectrumClassifier;
import tessera.core.analysis.TrainingRecord;
import tessera.core.model.Dataset;
import tessera.eels.valence.WhiteLines;

/**
 * The oxidation state of one element from its L2,3 white lines, as a {@code classifiers} contribution
 * ({@code tessera.valence.mn}: Mn²⁺/Mn³⁺/Mn⁴⁺; {@code tessera.valence.fe}: Fe²⁺/Fe³⁺/Fe₃O₄): single-label, probabilities
 * that sum to 1 per spectrum. The parameter {@code model} picks the shipped support vector machine ({@code svm}, the
 * default), the shipped dense or convolutional network ({@code dense}, {@code conv}) or a model directory written by
 * {@code tessera train valence}. References: del Pozo-Bueno, Peiró &amp; Estradé, Ultramicroscopy 221 (2021) 113190,
 * doi:10.1016/j.ultramic.2020.113190; Chatzidakis &amp; Botton, Sci. Rep. 9 (2019) 2126,
 * doi:10.1038/s41598-019-38482-1.
 */
public abstract class ValenceClassifier implements SpectrumClassifier {
    private static final Map<String, ValenceModel> LOADED = new ConcurrentHashMap<>();
    private final WhiteLines lines;

    /** @param element the element ("Mn", "Fe") */
    protected ValenceClassifier(String element) {
        this.lines = WhiteLines.of(element);
    }

    /** The Mn contribution ({@code tessera.valence.mn}). */
    public static final class Mn extends ValenceClassifier {
        /** Creates it. */
        public Mn() {
            super("Mn");
        }
    }

    /** The Fe contribution ({@code tessera.valence.fe}). */
    public static final class Fe extends ValenceClassifier {
        /** Creates it. */
        public Fe() {
            super("Fe");
        }
    }

    /** @return the element's white-line table */
    public WhiteLines lines() {
        return lines;
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.ofString("model", "svm",
                "svm, dense or conv (the shipped models), or a model directory written by tessera train valence"));
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(new LiteratureReference("del Pozo-Bueno, Peiró and Estradé, Support vector machine for EELS oxidation state determination, "
                + "Ultramicroscopy 221 (2021) 113190", "10.1016/j.ultramic.2020.113190"),
                new LiteratureReference("Chatzidakis and Botton, Towards calibration-invariant spectroscopy using deep learning, Sci. Rep. 9 (2019) 2126",
                        "10.1038/s41598-019-38482-1"));
    }

    @Override
    public List<String> classes() {
        return lines.classes();
    }

    @Override
    public boolean multiLabel() {
        return false;
    }

    @Override
    public double threshold() {
        return 0.5;
    }

    /**
     * The model a {@code model} parameter names, for this element.
     *
     * @param model "svm", "dense", "conv" or a directory
     * @return the (cached) model
     * @throws IncompatibleDataException if the directory is missing or not a model, or the model was trained for another
     *                                   element (the message names the directory)
     */
    public ValenceModel model(String model) {
        String m = model == null || model.isBlank() ? "svm" : model.trim();
        ValenceModel v = LOADED.computeIfAbsent(lines.element() + "|" + m, key -> {
            if (m.equals("svm") || m.equals("dense") || m.equals("conv")) {
                return ValenceModel.shipped(lines.element(), m);
            }
            try {
                return ValenceModel.load(Path.of(m));
            } catch (NoSuchFileException e) {
                throw new IncompatibleDataException(e.getFile() + ": " + (e.getReason() == null ? "no such file" : e.getReason()));
            } catch (IOException e) {
                throw new IncompatibleDataException(e.getMessage());
            }
        });
        if (!v.card().element().equals(lines.element())) {
            LOADED.remove(lines.element() + "|" + m);
            throw new IncompatibleDataException(m + ": the model was trained for " + v.card().element() + ", not " + lines.element());
        }
        return v;
    }

    @Override
    public Classification classify(Dataset spectra, Parameters params, ProgressMonitor monitor) {
        float[][] x = ValenceData.features(lines, spectra);
        ValenceModel m = model(params.has("model") ? params.getString("model") : "svm");
        monitor.begin("oxidation state of " + lines.element() + " (" + m.describe() + ")", spectra.navigationSize());
        float[][] p = m.predict(x);
        monitor.worked(x.length);
        monitor.done();
        return new Classification(lines.classes(), p, 0.5, false);
    }

    @Override
    public TrainingRecord trainingRecord() {
        ValenceModel m = model("svm");
        Map<String, Object> hp = new LinkedHashMap<>(m.card().hyperParameters());
        hp.put("name", m.card().name());
        return new TrainingRecord(m.card().kind() + " " + m.card().name(), hp, m.card().data(), m.card().metrics(), 0.5, "");
    }
}
