package tessera.classify;

import java.io.IOException;
import java.io.InputStream;
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
import tessera.core.model.Axis;
import tessera.core.model.Dataset;

/**
 * Element identification in core-loss EELS (contribution {@code tessera.classify.element-id}): every spectrum of a
 * spectrum, line scan or spectrum image brought onto the networks' input ({@link EelsModelInput#rebin}: 0 … 3071 eV at
 * 1 eV, normalised, zero padded) and passed through the shipped ensemble ({@link ElementIdEnsemble#SHIPPED}), or
 * through a model or ensemble directory given by the {@code model} parameter; the result is the probability of each of
 * the 80 elements Be … Bi being present, and the ensemble's validation-chosen threshold. After Annys et al., Sci. Rep. 13
 * (2023) 13724, doi:10.1038/s41598-023-40943-7. Models are loaded once per process and shared.
 */
public final class ElementIdClassifier implements SpectrumClassifier {
    /** contribution id */
    public static final String ID = "tessera.classify.element-id";
    /** spectra rebinned and classified at once */
    static final int BLOCK = 1024;

    private static final Map<String, ElementIdEnsemble> LOADED = new ConcurrentHashMap<>();

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.ofString("model", "", "a model or ensemble directory (tessera train element-id); empty for the shipped ensemble"),
                new ParameterSpec("threshold", Double.class, null, 0.0, 1.0, "",
                        "decision threshold on a probability; default: the one chosen on the model's validation data"));
    }

    @Override
    public List<LiteratureReference> references() {
        return List.of(new LiteratureReference("Annys, Jannis and Verbeeck, Deep learning for automated materials characterisation in core-loss "
                + "electron energy loss spectroscopy, Sci. Rep. 13 (2023) 13724", "10.1038/s41598-023-40943-7"));
    }

    /**
     * The ensemble named by a {@code model} parameter, loaded once.
     *
     * @param model a model or ensemble directory, or "" for the shipped ensemble
     * @return the ensemble
     * @throws IllegalStateException if the shipped ensemble is missing from the bundle or cannot be loaded
     * @throws IncompatibleDataException if a given directory is not a loadable model (names it and the problem)
     */
    public static ElementIdEnsemble ensemble(String model) {
        return LOADED.computeIfAbsent(model == null ? "" : model, m -> {
            try {
                if (m.isEmpty()) {
                    ClassLoader cl = ElementIdClassifier.class.getClassLoader();
                    if (cl.getResource(ElementIdEnsemble.SHIPPED + "/" + ElementIdEnsemble.FILE) == null) {
                        throw new IllegalStateException("the tessera.classify bundle ships no element-identification ensemble ("
                                + ElementIdEnsemble.SHIPPED + "/" + ElementIdEnsemble.FILE + ")");
                    }
                    ElementIdEnsemble.Resources r = p -> {
                        InputStream in = cl.getResourceAsStream(ElementIdEnsemble.SHIPPED + "/" + p);
                        return in;
                    };
                    return ElementIdEnsemble.load("shipped", r, Path.of("tessera.classify", ElementIdEnsemble.SHIPPED));
                }
                return ElementIdEnsemble.load(Path.of(m));
            } catch (IOException e) {
                if (m.isEmpty()) {
                    throw new IllegalStateException("the shipped element-identification ensemble cannot be loaded: " + e.getMessage(), e);
                }
                throw new IncompatibleDataException(e instanceof java.nio.file.NoSuchFileException nf && nf.getReason() != null
                        ? nf.getFile() + ": " + nf.getReason() : e.getMessage());
            }
        });
    }

    private ElementIdEnsemble ensemble() {
        return ensemble("");
    }

    @Override
    public List<String> classes() {
        return ensemble().classes();
    }

    @Override
    public boolean multiLabel() {
        return true;
    }

    @Override
    public double threshold() {
        return ensemble().threshold();
    }

    @Override
    public Classification classify(Dataset spectra, Parameters params, ProgressMonitor monitor) {
        ElementIdEnsemble e = ensemble(params.has("model") ? params.getString("model") : "");
        double threshold = params.has("threshold") ? params.getDouble("threshold") : e.threshold();
        return classify(e, spectra, threshold, monitor);
    }

    /**
     * Classifies every spectrum of a dataset with an ensemble: the one path of {@link #classify(Dataset, Parameters,
     * ProgressMonitor)} and the evaluation.
     *
     * @param e         the ensemble
     * @param spectra   spectra, one signal axis in eV
     * @param threshold the decision threshold
     * @param monitor   progress
     * @return the classification
     * @throws IncompatibleDataException as {@link SpectrumClassifier#classify}
     */
    public static Classification classify(ElementIdEnsemble e, Dataset spectra, double threshold, ProgressMonitor monitor) {
        String source = IncompatibleDataException.source(spectra);
        if (spectra.signalAxes().size() != 1) {
            throw new IncompatibleDataException(source + ": element identification needs spectra (one signal axis), not " + spectra.signalAxes().size()
                    + " signal axes");
        }
        Axis energy = spectra.signalAxes().get(0);
        EelsModelInput.check(energy, source);
        int c = energy.size();
        long n = spectra.navigationSize();
        if (n > Integer.MAX_VALUE) {
            throw new IncompatibleDataException(source + ": too many spectra (" + n + ")");
        }
        float[][] probabilities = new float[(int) n][];
        monitor.begin("identifying elements (" + e.describe() + ")", n);
        float[] block = new float[BLOCK * c];
        float[] one = new float[c];
        for (long first = 0; first < n; first += BLOCK) {
            int count = (int) Math.min(BLOCK, n - first);
            spectra.readSpectra(first, count, block, 0);
            float[][] inputs = new float[count][EelsModelInput.CHANNELS];
            for (int i = 0; i < count; i++) {
                System.arraycopy(block, i * c, one, 0, c);
                try {
                    EelsModelInput.rebin(one, energy, inputs[i], 0);
                } catch (IncompatibleDataException x) {
                    throw new IncompatibleDataException(source + ", spectrum " + (first + i) + ": " + x.getMessage());
                }
            }
            float[][] p = e.predict(inputs);
            System.arraycopy(p, 0, probabilities, (int) first, count);
            monitor.worked(count);
            if (monitor.isCanceled()) {
                throw new java.util.concurrent.CancellationException("element identification cancelled");
            }
        }
        monitor.done();
        return new Classification(e.classes(), probabilities, threshold, true);
    }

    @Override
    public TrainingRecord trainingRecord() {
        ElementIdEnsemble e = ensemble();
        Map<String, Object> hp = new LinkedHashMap<>();
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < e.members().size(); i++) {
            ModelCard card = e.members().get(i).card();
            hp.put("member" + (i + 1), card.hyperParameters());
            data.put("member" + (i + 1), card.data());
        }
        return new TrainingRecord("ensemble " + e.describe(), hp, data, e.metrics(), e.threshold(), "");
    }
}
